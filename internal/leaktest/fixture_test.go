package leaktest

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/demo"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/store"
)

// now is the clock of the test: a Monday in late November, as in the CLI
// tests, so that the demo region has past meetings with decisions and
// coming ones with agendas and stukken.
var now = time.Date(2026, 11, 23, 9, 0, 0, 0, domain.Amsterdam())

// markerStem starts every marker word. "GEHEIMX" rather than "GEHEIM",
// because Dutch text may well say "geheimhouding"; the search ignores case,
// because file names are written in lower case.
const markerStem = "GEHEIMX"

// markerRE finds a marker, or the start of one that an output shortened.
var markerRE = regexp.MustCompile(`(?i)` + markerStem + `[0-9]{0,4}`)

// fixture is a database in which every agenda item and stuk is
// confidential and every confidential field holds a marker of its own.
type fixture struct {
	db      string
	markers map[string]string // marker → the field that holds it
	n       int
	// meetings are every meeting of the database with its agenda, by start.
	meetings []domain.Meeting
}

// mark returns a new marker for what, a description of the field for the
// failure message ("titel van agendapunt 3 van vergadering 12").
func (f *fixture) mark(what string) string {
	f.n++
	m := fmt.Sprintf("%s%04d", markerStem, f.n)
	f.markers[m] = what
	return m
}

// field describes a marker found in an output.
func (f *fixture) field(found string) string {
	if what, ok := f.markers[strings.ToUpper(found)]; ok {
		return what
	}
	return "een (ingekort) merkwoord"
}

// build makes the fixture: the Zeeland demo region with every item
// confidential and marked, its stukken as files (the demo renders each
// stuk as a document whose text holds the stuk's title, so the marker is
// in the file too), and for every meeting an advice note and an action on
// one of its items.
func build(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: filepath.Join(t.TempDir(), "geheim.db"), markers: map[string]string{}}
	ds, err := demo.Zeeland(domain.DateOf(now))
	if err != nil {
		t.Fatal(err)
	}
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		for j := range m.Items {
			it := &m.Items[j]
			where := fmt.Sprintf("agendapunt %d van vergadering %s", j+1, m.Start.Format("2006-01-02 15:04"))
			it.Confidential = true
			// The marker goes in front and the original words stay, so
			// that what depends on the title (the demo's kind of stuk)
			// still works.
			it.Title = f.mark("titel van "+where) + " " + it.Title
			it.Proposal = f.mark("voorstel van "+where) + " " + it.Proposal
			it.Decision = f.mark("besluit van "+where) + " " + it.Decision
			it.Motivation = f.mark("motivering van " + where)
			for k := range it.Documents {
				d := &it.Documents[k]
				d.Confidential = true
				d.Title = f.mark(fmt.Sprintf("titel van stuk %d bij %s", k+1, where)) + " " + d.Title
				if d.FileName == "" {
					d.FileName = "stuk.pdf"
				}
				d.FileName = f.mark(fmt.Sprintf("bestandsnaam van stuk %d bij %s", k+1, where)) + "-" + d.FileName
			}
			for k := range it.Advice {
				it.Advice[k].Note = f.mark(fmt.Sprintf("advies %d bij %s", k+1, where))
			}
		}
	}
	addAdvisers(ds)
	s, err := store.Open(ctx, f.db, store.Options{Create: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Import(ctx, ds); err != nil {
		t.Fatal(err)
	}
	if err := demo.WriteFiles(ctx, s); err != nil {
		t.Fatal(err)
	}
	stored, err := s.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ix := domain.NewIndex(stored)
	for _, h := range stored.Meetings {
		m, err := s.Meeting(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Items) > 0 {
			if err := f.addAdviceAndAction(ctx, s, ix, m); err != nil {
				t.Fatalf("vergadering %d: %v", m.ID, err)
			}
			if m, err = s.Meeting(ctx, h.ID); err != nil {
				t.Fatal(err)
			}
		}
		f.meetings = append(f.meetings, m)
	}
	sort.SliceStable(f.meetings, func(i, j int) bool { return f.meetings[i].Start.Before(f.meetings[j].Start) })
	f.checkEveryItemIsConfidential(t)
	return f
}

// addAdviceAndAction gives the last substantive item of m an advice of a
// member gemeente (with a marked note) unless it has advice already, and
// m an action on that item (with a marked description): the demo has few
// of either.
func (f *fixture) addAdviceAndAction(ctx context.Context, s *store.Store, ix *domain.Index, m domain.Meeting) error {
	it := m.Items[len(m.Items)-1]
	for _, x := range m.Items {
		if x.Kind.NeedsDecision() || x.Kind == domain.ItemBespreking {
			it = x
		}
	}
	where := fmt.Sprintf("agendapunt %d van vergadering %s", it.Position, m.Start.Format("2006-01-02 15:04"))
	if len(it.Advice) == 0 {
		if mun := memberOf(ix, m); mun != 0 {
			a := domain.Advice{ItemID: it.ID, MunicipalityID: mun, Verdict: domain.VerdictKanttekeningen,
				Note: f.mark("advies bij " + where), GivenOn: m.Date().AddDays(-7)}
			if err := s.SaveAdvice(ctx, a); err != nil {
				return err
			}
		}
	}
	owner := it.StellerID
	if owner == 0 {
		owner = it.PortefeuillehouderID
	}
	a := &domain.ActionItem{MeetingID: m.ID, ItemID: it.ID, Description: f.mark("actie bij " + where),
		OwnerID: owner, Due: m.Date().AddDays(21)}
	return s.SaveAction(ctx, a)
}

// addAdvisers gives every body without an adviser one: an ambtenaar with
// an address who has no seat in it. Advisers get the public agenda by
// e-mail, which is the variant the test must see.
func addAdvisers(ds *domain.Dataset) {
	for i := range ds.Bodies {
		b := &ds.Bodies[i]
		seated := map[int64]bool{}
		has := false
		for _, m := range b.Members {
			seated[m.PersonID] = true
			has = has || m.Role == domain.RoleAdviseur
		}
		if has {
			continue
		}
		for _, p := range ds.People {
			if p.Email != "" && p.Role == domain.PersonAmbtenaar && !seated[p.ID] {
				b.Members = append(b.Members, domain.BodyMember{PersonID: p.ID, Role: domain.RoleAdviseur})
				break
			}
		}
	}
}

// memberOf returns a gemeente that is a member of m's partnership on its
// date, or 0.
func memberOf(ix *domain.Index, m domain.Meeting) int64 {
	b := ix.Bodies[m.BodyID]
	if b == nil {
		return 0
	}
	p := ix.Partnerships[b.PartnershipID]
	if p == nil {
		return 0
	}
	for _, mem := range p.Members {
		if mem.ActiveOn(m.Date()) {
			return mem.MunicipalityID
		}
	}
	return 0
}

// checkEveryItemIsConfidential makes sure the store kept what the test
// is about: every item and stuk confidential and marked, stukken with
// files, some advice and actions.
func (f *fixture) checkEveryItemIsConfidential(t *testing.T) {
	t.Helper()
	var items, files, advice, actions int
	for _, m := range f.meetings {
		actions += len(m.Actions)
		for _, it := range m.Items {
			items++
			if !it.Confidential || !strings.HasPrefix(it.Title, markerStem) {
				t.Fatalf("item %d is not confidential and marked: %+v", it.ID, it)
			}
			advice += len(it.Advice)
			for _, d := range it.Documents {
				if !d.Confidential || !strings.HasPrefix(d.FileName, markerStem) {
					t.Fatalf("stuk %d is not confidential and marked: %+v", d.ID, d)
				}
				if d.StoredName != "" {
					files++
				}
			}
		}
	}
	if items < 100 || files < 10 || advice < 20 || actions < 20 {
		t.Fatalf("fixture too small: %d items, %d stukken with a file, %d advice, %d actions", items, files, advice, actions)
	}
	t.Logf("fixture: %d meetings, %d items, %d stukken with a file, %d advice, %d actions, %d marker words",
		len(f.meetings), items, files, advice, actions, len(f.markers))
}
