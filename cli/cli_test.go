package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/internal/testpeer"
	"github.com/overlegplanner/overlegplanner/store"
)

// now is the fixed clock of the tests: a Monday in late November.
var now = time.Date(2026, 11, 23, 9, 0, 0, 0, domain.Amsterdam())

// run runs the CLI in-process and returns exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Env{Stdout: &out, Stderr: &errb, Now: func() time.Time { return now }})
	return code, out.String(), errb.String()
}

var (
	demoOnce sync.Once
	demoDB   string
)

// demoCopy returns a fresh copy of a demo database built once per run.
func demoCopy(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "overlegplanner-cli-")
		if err != nil {
			t.Fatal(err)
		}
		demoDB = filepath.Join(dir, "demo.db")
		if code, _, stderr := run(t, "demo", "--db", demoDB); code != 0 {
			t.Fatalf("demo: %d %s", code, stderr)
		}
	})
	b, err := os.ReadFile(demoDB)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "demo.db")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	copyStukken(t, store.BlobDir(demoDB), store.BlobDir(p)) // the demo's stukken have files
	return p
}

func TestMain(m *testing.M) {
	i18n.SetLanguage(i18n.Dutch)
	code := m.Run()
	if demoDB != "" {
		os.RemoveAll(filepath.Dir(demoDB))
	}
	os.Exit(code)
}

func TestUsageErrorsExitTwo(t *testing.T) {
	db := demoCopy(t)
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"no command", nil, ""},
		{"unknown command", []string{"frobnicate"}, "onbekende opdracht ‘frobnicate’"},
		{"unknown flag", []string{"meetings", "--db", db, "--colour"}, "meetings: onbekende optie --colour"},
		{"flag without value", []string{"meetings", "--db"}, "optie --db heeft een waarde nodig"},
		{"number flag", []string{"agenda", "--db", db, "--meeting", "abc", "--out", "x.pdf"}, "‘abc’ is geen geldige waarde voor --meeting"},
		{"boolean flag", []string{"meetings", "--db", db, "--json=misschien"}, "‘misschien’ is geen geldige waarde voor --json"},
		{"bad date", []string{"meetings", "--db", db, "--from", "2026-02-30"}, "meetings: --from: ‘2026-02-30’ is geen geldige datum"},
		{"to before from", []string{"meetings", "--db", db, "--from", "2027-01-01", "--to", "2026-01-01"}, "ligt vóór"},
		{"extra argument", []string{"meetings", "--db", db, "extra"}, "onverwachte argumenten"},
		{"agenda without meeting", []string{"agenda", "--db", db, "--out", "x.pdf"}, "--meeting"},
		{"agenda without out", []string{"agenda", "--db", db, "--meeting", "1"}, "--out"},
		{"feed with two scopes", []string{"feed", "--db", db, "--body", "1", "--municipality", "Veere", "--out", "x.ics"}, "precies één"},
		{"yearplan without year", []string{"yearplan", "--db", db, "--out", "x.pdf"}, "--year"},
		{"demo without db", []string{"demo"}, "--db"},
	}
	for _, tt := range tests {
		code, out, stderr := run(t, tt.args...)
		if code != ExitUsage {
			t.Errorf("%s: exit %d, want 2 (stderr %q)", tt.name, code, stderr)
		}
		if !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: stderr %q does not contain %q", tt.name, stderr, tt.want)
		}
		if !strings.Contains(stderr+out, "overlegplanner") {
			t.Errorf("%s: no usage text", tt.name)
		}
	}
}

// TestDemoAndMeetingsJSON is the check of issue 2: ≥ 20 meetings of ≥ 3
// bodies in ≥ 3 partnerships, some sharing a member gemeente.
func TestDemoAndMeetingsJSON(t *testing.T) {
	db := demoCopy(t)
	code, out, stderr := run(t, "meetings", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("meetings: %d %s", code, stderr)
	}
	var ms []MeetingJSON
	if err := json.Unmarshal([]byte(out), &ms); err != nil {
		t.Fatal(err)
	}
	bodies, parts := map[string]bool{}, map[string]bool{}
	gemeenteParts := map[string]map[string]bool{}
	for _, m := range ms {
		if m.ID == 0 || m.Body == "" || m.Partnership == "" || m.Start == "" || m.End == "" || m.Location == "" || m.Status == "" {
			t.Fatalf("incomplete meeting %+v", m)
		}
		if _, err := time.Parse(time.RFC3339, m.Start); err != nil {
			t.Errorf("start %q: %v", m.Start, err)
		}
		bodies[m.Body], parts[m.Partnership] = true, true
		for _, g := range m.Municipalities {
			if gemeenteParts[g] == nil {
				gemeenteParts[g] = map[string]bool{}
			}
			gemeenteParts[g][m.Partnership] = true
		}
	}
	if len(ms) < 20 || len(bodies) < 3 || len(parts) < 3 {
		t.Errorf("%d meetings, %d bodies, %d partnerships", len(ms), len(bodies), len(parts))
	}
	if len(gemeenteParts["Middelburg"]) < 3 {
		t.Errorf("Middelburg's meetings are in %d partnerships", len(gemeenteParts["Middelburg"]))
	}
	// The date filter is inclusive and in Amsterdam time.
	code, out, _ = run(t, "meetings", "--db", db, "--json", "--from", "2026-11-23", "--to", "2026-11-24")
	if code != 0 || strings.Count(out, `"id"`) != 2 {
		t.Errorf("filtered: %d %s", code, out)
	}
	code, out, _ = run(t, "meetings", "--db", db)
	if code != 0 || !strings.Contains(out, "PHO Jeugd Zeeland") || !strings.Contains(out, "Datum") {
		t.Errorf("table output: %s", out)
	}
}

func TestDemoRefusesNonEmptyDatabase(t *testing.T) {
	db := demoCopy(t)
	before, _ := os.ReadFile(db)
	code, _, stderr := run(t, "demo", "--db", db)
	if code != ExitError || !strings.Contains(stderr, "niet leeg") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Error("the database changed")
	}
}

// TestBadDatabaseFilesAreLeftAlone is the check of issue 6: a text file,
// an empty file and a database of a newer version give a clear message,
// a non-zero exit and stay byte for byte the same.
func TestBadDatabaseFilesAreLeftAlone(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notities.txt")
	os.WriteFile(text, []byte("boodschappen: koffie, melk\n"), 0o644)
	empty := filepath.Join(dir, "leeg.db")
	os.WriteFile(empty, nil, 0o644)
	newer := demoCopy(t)
	{
		s, err := store.Open(context.Background(), newer, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		// Mark it as written by a future version (PRAGMA user_version lives
		// at byte offset 60 of the header, big-endian).
		b, _ := os.ReadFile(newer)
		b[60], b[61], b[62], b[63] = 0, 0, 0, 99
		os.WriteFile(newer, b, 0o644)
	}
	for _, tt := range []struct{ path, want string }{
		{text, "geen Overlegplanner-database"},
		{empty, "leeg bestand"},
		{newer, "nieuwere versie"},
		{filepath.Join(dir, "bestaat-niet.db"), "bestaat niet"},
	} {
		before, _ := os.ReadFile(tt.path)
		code, _, stderr := run(t, "meetings", "--db", tt.path)
		if code != ExitError || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q", filepath.Base(tt.path), code, stderr)
		}
		after, _ := os.ReadFile(tt.path)
		if !bytes.Equal(before, after) {
			t.Errorf("%s changed", tt.path)
		}
	}
}

func TestDocumentsFromTheCLI(t *testing.T) {
	db := demoCopy(t)
	dir := t.TempDir()
	// Find an upcoming PHO with a confidential item.
	_, out, _ := run(t, "meetings", "--db", db, "--json", "--from", "2026-11-23")
	var ms []MeetingJSON
	json.Unmarshal([]byte(out), &ms)
	var pho int64
	for _, m := range ms {
		if m.BodyKind == "pho" && m.Items > 5 {
			pho = m.ID
			break
		}
	}
	if pho == 0 {
		t.Fatal("no upcoming PHO with an agenda")
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	steps := []struct {
		args []string
		file string
	}{
		{[]string{"agenda", "--db", db, "--meeting", id(pho), "--out", filepath.Join(dir, "agenda.pdf")}, "agenda.pdf"},
		{[]string{"agenda", "--db", db, "--meeting", id(pho), "--public", "--out", filepath.Join(dir, "openbaar.pdf")}, "openbaar.pdf"},
		{[]string{"decisions", "--db", db, "--meeting", id(ms[0].ID), "--out", filepath.Join(dir, "besluiten.pdf")}, "besluiten.pdf"},
		{[]string{"yearplan", "--db", db, "--year", "2027", "--out", filepath.Join(dir, "jaar.pdf")}, "jaar.pdf"},
		{[]string{"invite", "--db", db, "--meeting", id(pho), "--out", filepath.Join(dir, "invite.ics")}, "invite.ics"},
		{[]string{"invite", "--db", db, "--meeting", id(pho), "--cancel", "--out", filepath.Join(dir, "cancel.ics")}, "cancel.ics"},
		{[]string{"feed", "--db", db, "--municipality", "vlissingen", "--out", filepath.Join(dir, "feed.ics")}, "feed.ics"},
		{[]string{"feed", "--db", db, "--body", "3", "--out", filepath.Join(dir, "feed-body.ics")}, "feed-body.ics"},
	}
	for _, st := range steps {
		code, out, stderr := run(t, st.args...)
		if code != 0 {
			t.Errorf("%v: exit %d, %s", st.args[0], code, stderr)
			continue
		}
		if !strings.Contains(out, st.file) {
			t.Errorf("%s: output %q does not name the file", st.args[0], out)
		}
		b, err := os.ReadFile(filepath.Join(dir, st.file))
		if err != nil || len(b) == 0 {
			t.Errorf("%s: %v", st.file, err)
		}
	}
	ics, _ := os.ReadFile(filepath.Join(dir, "cancel.ics"))
	if !bytes.Contains(ics, []byte("METHOD:CANCEL")) {
		t.Error("--cancel did not give a cancellation")
	}
	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		for _, f := range []string{"agenda.pdf", "openbaar.pdf", "besluiten.pdf", "jaar.pdf"} {
			if out, err := exec.Command(qpdf, "--check", filepath.Join(dir, f)).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check %s: %v\n%s", f, err, out)
			}
		}
	} else {
		testpeer.Missing(t, "qpdf")
	}
	// Unknown references are clear errors, not crashes.
	for _, args := range [][]string{
		{"agenda", "--db", db, "--meeting", "99999", "--out", filepath.Join(dir, "x.pdf")},
		{"feed", "--db", db, "--municipality", "Amsterdam", "--out", filepath.Join(dir, "x.ics")},
		{"feed", "--db", db, "--person", "niemand@example.org", "--out", filepath.Join(dir, "x.ics")},
	} {
		code, _, stderr := run(t, args...)
		if code != ExitError || stderr == "" || strings.Contains(stderr, "panic") {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a failed command left an output file")
	}
}

func TestBackupRestoreAndCheck(t *testing.T) {
	db := demoCopy(t)
	zip := filepath.Join(t.TempDir(), "backup.zip")
	if code, _, stderr := run(t, "backup", "--db", db, "--out", zip); code != 0 {
		t.Fatalf("backup: %d %s", code, stderr)
	}
	// The demo has deliberately impossible chains (Vlissingen's long lead
	// time), so check reports them and exits 1.
	code, out, _ := run(t, "check", "--db", db)
	if code != ExitError || !strings.Contains(out, "Vlissingen") || !strings.Contains(out, "onhaalbaar") {
		t.Errorf("check: %d\n%s", code, out)
	}
	target := filepath.Join(t.TempDir(), "hersteld.db")
	if code, out, stderr := run(t, "restore", "--db", target, "--from", zip); code != 0 || !strings.Contains(out, "teruggezet") {
		t.Fatalf("restore: %d %s %s", code, out, stderr)
	}
	code, out, _ = run(t, "meetings", "--db", target, "--json")
	if code != 0 || strings.Count(out, `"id"`) < 20 {
		t.Errorf("restored database: %d", code)
	}
	if code, _, stderr := run(t, "restore", "--db", target, "--from", db); code != ExitError || stderr == "" {
		t.Errorf("restore from a non-backup: %d %q", code, stderr)
	}
}

func TestPlanningCommands(t *testing.T) {
	db := demoCopy(t)
	// calendar: without --db the default settings (Goede Vrijdag worked,
	// Bevrijdingsdag every fifth year).
	code, out, _ := run(t, "calendar", "--year", "2025", "--json")
	var days []DayOffJSON
	if code != 0 || json.Unmarshal([]byte(out), &days) != nil {
		t.Fatalf("calendar: %d %s", code, out)
	}
	names := map[string]string{}
	for _, d := range days {
		names[d.Date] = d.Name
	}
	for date, want := range map[string]string{"2025-04-26": "Koningsdag", "2025-05-05": "Bevrijdingsdag", "2025-05-29": "Hemelvaartsdag", "2025-12-26": "Tweede Kerstdag"} {
		if names[date] != want {
			t.Errorf("calendar 2025: %s is %q, want %q", date, names[date], want)
		}
	}
	if _, ok := names["2025-04-18"]; ok {
		t.Error("Goede Vrijdag listed as a day off by default")
	}
	// deadlines --json for one gemeente follows the contract.
	code, out, stderr := run(t, "deadlines", "--db", db, "--municipality", "Vlissingen", "--from", "2026-11-23", "--to", "2027-03-31", "--json")
	var ds []DeadlineJSON
	if code != 0 || json.Unmarshal([]byte(out), &ds) != nil || len(ds) == 0 {
		t.Fatalf("deadlines: %d %s %s", code, out, stderr)
	}
	sawImpossible := false
	for _, d := range ds {
		if d.MeetingID == 0 || d.Rule == "" || d.Due == "" || d.Status == "" {
			t.Errorf("incomplete %+v", d)
		}
		if d.Municipality != "" && d.Municipality != "Vlissingen" {
			t.Errorf("another gemeente's deadline: %+v", d)
		}
		if d.Due < "2026-11-23" || d.Due > "2027-03-31" {
			t.Errorf("outside the period: %+v", d)
		}
		if d.Status == "onhaalbaar" && d.Municipality == "Vlissingen" && d.Reason != "" {
			sawImpossible = true
		}
	}
	if !sawImpossible {
		t.Error("Vlissingen's impossible chain is not reported")
	}
	// CSV for Dutch Excel: BOM and semicolons.
	code, out, _ = run(t, "deadlines", "--db", db, "--municipality", "Veere", "--csv")
	if code != 0 || !strings.HasPrefix(out, "\ufeff") || !strings.Contains(out, ";") {
		t.Errorf("csv: %d %.80q", code, out)
	}
	// conflicts: the demo's deliberate clash on 14 January 2027.
	code, out, _ = run(t, "conflicts", "--db", db, "--json")
	var cs []ConflictJSON
	if code != 0 || json.Unmarshal([]byte(out), &cs) != nil {
		t.Fatalf("conflicts: %d %s", code, out)
	}
	clash := 0
	for _, c := range cs {
		if c.Kind == "persoon" && c.Date == "2027-01-14" {
			clash++
		}
	}
	if clash != 3 {
		t.Errorf("%d people double-booked on 2027-01-14, want the 3 Walcheren wethouders: %+v", clash, cs)
	}
	// schedule --apply creates the 2028 series, once.
	code, out, stderr = run(t, "schedule", "--db", db, "--body", "3", "--year", "2028", "--apply")
	if code != 0 || !strings.Contains(out, "6 vergaderingen aangemaakt") {
		t.Fatalf("schedule: %d %s %s", code, out, stderr)
	}
	code, out, _ = run(t, "schedule", "--db", db, "--body", "3", "--year", "2028", "--apply")
	if code != 0 || !strings.Contains(out, "0 vergaderingen aangemaakt") {
		t.Errorf("second apply: %d %s", code, out)
	}
	code, out, _ = run(t, "meetings", "--db", db, "--json", "--from", "2028-01-01", "--body", "3")
	if code != 0 || strings.Count(out, `"id"`) != 6 {
		t.Errorf("2028 meetings: %s", out)
	}
}

func TestMoveCancelAndPropose(t *testing.T) {
	db := demoCopy(t)
	_, out, _ := run(t, "meetings", "--db", db, "--json", "--from", "2026-12-01", "--body", "1")
	var ms []MeetingJSON
	if err := json.Unmarshal([]byte(out), &ms); err != nil || len(ms) == 0 {
		t.Fatalf("no PHO Werk en Inkomen meetings: %v", err)
	}
	m := ms[0]
	id := strconv.FormatInt(m.ID, 10)
	start, _ := time.Parse(time.RFC3339, m.Start)
	newDay := start.AddDate(0, 0, -7).Format("2006-01-02")

	code, out, stderr := run(t, "move", "--db", db, "--meeting", id, "--to", newDay, "--dry-run")
	if code != 0 || !strings.Contains(out, "verschuift") || !strings.Contains(out, "Proefrun") {
		t.Fatalf("dry run: %d %s %s", code, out, stderr)
	}
	_, after, _ := run(t, "meetings", "--db", db, "--json", "--from", "2026-12-01", "--body", "1")
	if !strings.Contains(after, m.Start) {
		t.Error("a dry run moved the meeting")
	}
	code, out, stderr = run(t, "move", "--db", db, "--meeting", id, "--to", newDay, "--time", "15:30")
	if code != 0 || !strings.Contains(out, "volgnummer (SEQUENCE) 1") {
		t.Fatalf("move: %d %s %s", code, out, stderr)
	}
	_, after, _ = run(t, "meetings", "--db", db, "--json", "--from", newDay, "--to", newDay, "--body", "1")
	if !strings.Contains(after, newDay+"T15:30:00+01:00") || !strings.Contains(after, `"sequence": 1`) {
		t.Errorf("after move: %s", after)
	}
	if code, _, stderr := run(t, "move", "--db", db, "--meeting", id, "--to", newDay, "--time", "25:00"); code != ExitUsage || !strings.Contains(stderr, "geen geldige tijd") {
		t.Errorf("bad time: %d %s", code, stderr)
	}
	// 28 March 2027 is the night summer time starts: 02:30 does not exist,
	// and the meeting must not silently move to 03:30.
	if code, _, stderr := run(t, "move", "--db", db, "--meeting", id, "--to", "2027-03-28", "--time", "02:30"); code != ExitUsage || !strings.Contains(stderr, "02:30 bestaat niet op 28 maart 2027") {
		t.Errorf("time in the DST gap: %d %s", code, stderr)
	}
	code, out, _ = run(t, "cancel", "--db", db, "--meeting", id)
	if code != 0 || !strings.Contains(out, "geannuleerd") || !strings.Contains(out, "volgnummer (SEQUENCE) 2") {
		t.Errorf("cancel: %d %s", code, out)
	}
	code, out, _ = run(t, "schedule", "--db", db, "--body", "3", "--year", "2028", "--propose", "3")
	if code != 0 || strings.Count(out, "score") != 3 || !strings.Contains(out, "huidig ritme") {
		t.Errorf("propose: %d %s", code, out)
	}
	code, out, stderr = run(t, "schedule", "--db", db, "--body", "3", "--year", "2028", "--choose", "1", "--apply")
	if code != 0 || !strings.Contains(out, "vergaderingen aangemaakt") {
		t.Errorf("choose: %d %s %s", code, out, stderr)
	}
	_, out, _ = run(t, "meetings", "--db", db, "--json", "--from", "2028-01-01", "--body", "3")
	if !strings.Contains(out, `"start": "2028-01-12T10:00:00+01:00"`) {
		t.Errorf("the chosen rhythm (second Wednesday) was not applied: %.300s", out)
	}
}
