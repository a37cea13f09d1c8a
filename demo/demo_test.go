package demo

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/store"
)

// weekdays is a calendar without holidays, enough to test the demo's shape.
type weekdays struct{}

func (weekdays) IsWorkingDay(d date.Date) bool { return !d.IsWeekend() }

func build(t *testing.T, today date.Date) *domain.Dataset {
	t.Helper()
	ds, err := Build(today, weekdays{}, func(domain.BodyKind) []domain.DeadlineRule { return nil })
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestDemoTellsTheStory(t *testing.T) {
	today := date.MustParse("2026-11-23")
	ds := build(t, today)
	ix := domain.NewIndex(ds)
	if len(ds.Municipalities) != 13 {
		t.Errorf("%d gemeenten, want the 13 of Zeeland", len(ds.Municipalities))
	}
	bodies, partnerships := map[int64]bool{}, map[int64]bool{}
	statuses := map[domain.MeetingStatus]int{}
	docStates := map[domain.DocumentStatus]int{}
	confidentialUpcoming := false
	for _, m := range ds.Meetings {
		bodies[m.BodyID] = true
		partnerships[ix.Bodies[m.BodyID].PartnershipID] = true
		statuses[m.Status]++
		// A January meeting's AO may fall in the December before.
		if y := m.Date().Year(); (y != 2026 && y != 2027) && !(y == 2025 && m.Date().Month() == 12) {
			t.Errorf("meeting %d in %d", m.ID, y)
		}
		if m.Date().IsWeekend() {
			t.Errorf("meeting %d on a weekend day %s", m.ID, m.Date())
		}
		for _, r := range ds.Recesses {
			if r.Contains(m.Date()) && m.Note == "" {
				t.Errorf("meeting %d in %s", m.ID, r.Name)
			}
		}
		for _, it := range m.Items {
			if it.Confidential && !m.Date().Before(today) {
				confidentialUpcoming = true
			}
			for _, d := range it.Documents {
				docStates[d.Status(m.Date().AddDays(-14), today)]++
			}
		}
	}
	if len(ds.Meetings) < 20 || len(bodies) < 3 || len(partnerships) < 3 {
		t.Errorf("%d meetings of %d bodies in %d partnerships", len(ds.Meetings), len(bodies), len(partnerships))
	}
	for _, s := range domain.MeetingStatuses() {
		if statuses[s] == 0 {
			t.Errorf("no meeting with status %s", s)
		}
	}
	for _, s := range []domain.DocumentStatus{domain.DocVerwacht, domain.DocOntbreekt, domain.DocOntvangen, domain.DocTeLaat} {
		if docStates[s] == 0 {
			t.Errorf("no document %s (%v)", s, docStates)
		}
	}
	if !confidentialUpcoming {
		t.Error("no confidential item on an upcoming agenda")
	}
	// Overlap: a gemeente in several partnerships.
	in := map[int64]int{}
	for _, p := range ds.Partnerships {
		for _, id := range p.MembersOn(today) {
			in[id]++
		}
	}
	if in[Middelburg] < 3 {
		t.Errorf("Middelburg is in %d partnerships", in[Middelburg])
	}
	// Distinct people and addresses.
	names, mails := map[string]bool{}, map[string]bool{}
	for _, p := range ds.People {
		if names[p.Name] {
			t.Errorf("name %q twice", p.Name)
		}
		names[p.Name] = true
		if p.Role != domain.PersonSecretaris && mails[p.Email] {
			t.Errorf("e-mail %q twice", p.Email)
		}
		mails[p.Email] = true
	}
}

func TestDemoIsStableAndImports(t *testing.T) {
	today := date.MustParse("2027-03-10")
	a, b := build(t, today), build(t, today)
	if len(a.Meetings) != len(b.Meetings) || a.Meetings[5].Start != b.Meetings[5].Start {
		t.Fatal("the demo differs between two builds")
	}
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Import(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	back, err := s.Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Meetings) != len(a.Meetings) || len(back.People) != len(a.People) {
		t.Errorf("imported %d meetings, %d people", len(back.Meetings), len(back.People))
	}
}
