package planning

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/overlegplanner/overlegplanner/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./planning -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./planning -update and review the diff\n got:\n%s", name, got)
	}
}

func asJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// TestReports pins the CLI output (JSON and text, Dutch and English) of
// the fixture region.
func TestReports(t *testing.T) {
	defer i18n.SetLanguage(i18n.Current())
	p := NewPlanner(fixture())
	for _, lang := range []i18n.Lang{i18n.Dutch, i18n.English} {
		i18n.SetLanguage(lang)
		sfx := "." + string(lang)
		yc := p.CalendarYear(2027)
		golden(t, "calendar-2027"+sfx+".json", asJSON(t, yc))
		var buf bytes.Buffer
		if err := yc.WriteText(&buf); err != nil {
			t.Fatal(err)
		}
		golden(t, "calendar-2027"+sfx+".txt", buf.Bytes())

		rows, err := p.DeadlineRows(d("2027-03-01"), d("2027-03-31"), "")
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "deadlines-2027-03"+sfx+".json", asJSON(t, rows))
		buf.Reset()
		if err := WriteDeadlines(&buf, rows); err != nil {
			t.Fatal(err)
		}
		golden(t, "deadlines-2027-03"+sfx+".txt", buf.Bytes())

		cr := p.ConflictRows()
		golden(t, "conflicts"+sfx+".json", asJSON(t, cr))
		buf.Reset()
		if err := WriteConflicts(&buf, cr); err != nil {
			t.Fatal(err)
		}
		golden(t, "conflicts"+sfx+".txt", buf.Bytes())

		sc, err := p.Schedule(bPHOWalcheren, 2027)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "schedule-10-2027"+sfx+".json", asJSON(t, sc))
		buf.Reset()
		if err := sc.WriteText(&buf); err != nil {
			t.Fatal(err)
		}
		golden(t, "schedule-10-2027"+sfx+".txt", buf.Bytes())
	}
}

func TestDeadlineRowsForAMunicipality(t *testing.T) {
	p := NewPlanner(fixture())
	rows, err := p.DeadlineRows(0, 0, " tholen ")
	if err != nil {
		t.Fatal(err)
	}
	meetings := map[int64]bool{}
	for _, r := range rows {
		meetings[r.MeetingID] = true
		if r.Municipality != "" && r.Municipality != "Tholen" {
			t.Errorf("another gemeente's deadline: %+v", r)
		}
	}
	// Tholen is in Jeugd Zeeland until 1 June 2027: the March and April
	// PHOs concern it, those of June and July do not, and Walcheren never.
	if !meetings[3] || !meetings[8] || meetings[4] || meetings[7] || meetings[2] {
		t.Errorf("meetings %v", meetings)
	}
	if rows[0].Slack != nil {
		t.Errorf("the first step of a chain has no slack: %+v", rows[0])
	}
	if _, err := p.DeadlineRows(0, 0, "Atlantis"); err == nil || i18n.UserMessage(err) != "gemeente ‘Atlantis’ bestaat niet" {
		t.Errorf("unknown gemeente: %v", err)
	}
	empty := NewPlanner(fixture())
	if cr := empty.ConflictRows(); len(cr) == 0 {
		t.Errorf("fixture has conflicts")
	}
}
