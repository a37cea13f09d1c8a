package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// icsFile is a file of the icsimport examples.
func icsFile(dir, name string) string {
	return filepath.Join("..", "icsimport", "testdata", dir, name)
}

// bodyMeetings returns the stored meetings of body 3, cancelled included.
func bodyMeetings(t *testing.T, db string) []MeetingJSON {
	t.Helper()
	code, out, stderr := run(t, "meetings", "--db", db, "--json", "--body", "3", "--cancelled")
	if code != 0 {
		t.Fatalf("meetings: %d %s", code, stderr)
	}
	var ms []MeetingJSON
	if err := json.Unmarshal([]byte(out), &ms); err != nil {
		t.Fatal(err)
	}
	return ms
}

// TestImportICS runs import-ics as a user would: a dry run stores nothing,
// the import adds the series' meetings with their UIDs, importing the same
// file again adds nothing, and a broken file is refused with its line and
// property and changes nothing.
func TestImportICS(t *testing.T) {
	db := demoCopy(t)
	college := icsFile("valid", "college-weekly.ics")
	base := []string{"import-ics", "--db", db, "--body", "3", "--from", "2027-01-01"}
	before := bodyMeetings(t, db)

	code, out, stderr := run(t, append(base, "--in", college, "--dry-run")...)
	if code != 0 || !strings.Contains(out, "proefdraai") || !strings.Contains(out, "nieuw") {
		t.Fatalf("dry run: %d\n%s%s", code, out, stderr)
	}
	if got := bodyMeetings(t, db); len(got) != len(before) {
		t.Fatalf("the dry run stored %d meetings", len(got)-len(before))
	}

	code, out, stderr = run(t, append(base, "--in", college)...)
	if code != 0 || !strings.Contains(out, "toegevoegd") {
		t.Fatalf("import: %d\n%s%s", code, out, stderr)
	}
	after := bodyMeetings(t, db)
	var imported int
	for _, m := range after {
		if strings.HasPrefix(m.UID, "college-vlissingen-2027@vlissingen.nl/2027") {
			imported++
		}
	}
	if imported == 0 || len(after)-len(before) != imported {
		t.Fatalf("%d meetings more, %d with the file's series UID", len(after)-len(before), imported)
	}

	code, out, stderr = run(t, append(base, "--in", college)...)
	if code != 0 || !strings.Contains(out, "0 vergadering(en) toegevoegd, 0 bijgewerkt") {
		t.Errorf("second import: %d\n%s%s", code, out, stderr)
	}
	if got := bodyMeetings(t, db); len(got) != len(after) {
		t.Errorf("the second import added %d meetings", len(got)-len(after))
	}

	code, out, stderr = run(t, append(base, "--in", icsFile("broken", "end-before-start.ics"))...)
	if code != ExitError || !strings.Contains(stderr, "regel 7, DTEND") || !strings.Contains(stderr, "niets geïmporteerd") {
		t.Errorf("broken file: exit %d\n%s%s", code, out, stderr)
	}
	if got := bodyMeetings(t, db); len(got) != len(after) {
		t.Errorf("a broken file changed the meetings: %d, was %d", len(got), len(after))
	}
}

// TestImportICSErrors: wrong flags exit 2, a body or file that does not
// exist exits 1 with a message.
func TestImportICSErrors(t *testing.T) {
	db := demoCopy(t)
	college := icsFile("valid", "college-weekly.ics")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"import-ics", "--db", db, "--in", college}, ExitUsage, "--body"},
		{[]string{"import-ics", "--db", db, "--body", "3"}, ExitUsage, "--in"},
		{[]string{"import-ics", "--db", db, "--body", "3", "--in", college, "--from", "2027-02-30"}, ExitUsage, "2027-02-30"},
		{[]string{"import-ics", "--db", db, "--body", "9999", "--in", college}, ExitError, "9999"},
		{[]string{"import-ics", "--db", db, "--body", "3", "--in", filepath.Join(t.TempDir(), "weg.ics")}, ExitError, "weg.ics"},
	}
	for _, tt := range tests {
		code, _, stderr := run(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args[3:], code, stderr, tt.code, tt.want)
		}
	}
}
