package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

// agendaStore imports the fixture with an earlier PHO meeting (ID 3) whose
// agenda has open and settled items, and an empty later one (ID 4).
func agendaStore(t *testing.T, earlierStatus domain.MeetingStatus) *Store {
	t.Helper()
	ds := fixture()
	start := ds.Meetings[0].Start
	prev := start.AddDate(0, -1, 0)
	next := start.AddDate(0, 1, 0)
	received := time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)
	ds.Meetings = append(ds.Meetings,
		domain.Meeting{ID: 3, BodyID: 1, Start: prev, End: prev.Add(2 * time.Hour), Status: earlierStatus, UID: "pho-0@test",
			Items: []domain.AgendaItem{
				{Position: 1, Title: "Opening", Kind: domain.ItemOpening},
				{Position: 2, Title: "Verordening tegenprestatie", Kind: domain.ItemBesluitvorming, PortefeuillehouderID: 1, StellerID: 2,
					Proposal:  "Instemmen met de verordening.",
					Documents: []domain.Document{{Title: "Concept-verordening", FileName: "verordening.pdf", Version: 2, SHA256: "cd34", Size: 99, ReceivedAt: received, StoredName: "cd34.pdf"}},
					Advice:    []domain.Advice{{MunicipalityID: 1, Verdict: domain.VerdictAkkoord, GivenOn: domain.DateOf(received)}}},
				{Position: 3, Title: "Jaarverslag 2026", Kind: domain.ItemHamerstuk, Decision: "Vastgesteld."},
				{Position: 4, Title: "Werkbezoek", Kind: domain.ItemBespreking},
				{Position: 5, Title: "Tarieven beschut werk", Kind: domain.ItemHamerstuk, Confidential: true},
				{Position: 6, Title: "Rondvraag", Kind: domain.ItemRondvraag},
			}},
		domain.Meeting{ID: 4, BodyID: 1, Start: next, End: next.Add(2 * time.Hour), Status: domain.StatusGepland, UID: "pho-2@test"},
	)
	s := newStore(t)
	if err := s.Import(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	return s
}

// agendaTitles returns "Kind:Title" of meeting id's items in order.
func agendaTitles(t *testing.T, s *Store, id int64) []string {
	t.Helper()
	m, err := s.Meeting(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, it := range m.Items {
		if it.Position != i+1 {
			t.Errorf("meeting %d: item %q at position %d, want %d", id, it.Title, it.Position, i+1)
		}
		out = append(out, string(it.Kind)+":"+it.Title)
	}
	return out
}

func TestIsOpen(t *testing.T) {
	held := domain.Meeting{Status: domain.StatusGehouden}
	cancelled := domain.Meeting{Status: domain.StatusGeannuleerd}
	tests := []struct {
		m    domain.Meeting
		it   domain.AgendaItem
		want bool
	}{
		{held, domain.AgendaItem{Kind: domain.ItemBesluitvorming}, true},
		{held, domain.AgendaItem{Kind: domain.ItemHamerstuk, Decision: "  "}, true},
		{held, domain.AgendaItem{Kind: domain.ItemBesluitvorming, Decision: "Aangehouden tot de volgende vergadering."}, false},
		{held, domain.AgendaItem{Kind: domain.ItemBespreking}, false},
		{held, domain.AgendaItem{Kind: domain.ItemInformatie}, false},
		{cancelled, domain.AgendaItem{Kind: domain.ItemBespreking}, true},
		{cancelled, domain.AgendaItem{Kind: domain.ItemInformatie}, true},
		{cancelled, domain.AgendaItem{Kind: domain.ItemMededelingen}, false},
		{cancelled, domain.AgendaItem{Kind: domain.ItemRondvraag}, false},
	}
	for _, tc := range tests {
		if got := IsOpen(tc.m, tc.it); got != tc.want {
			t.Errorf("IsOpen(%s, %s %q) = %v", tc.m.Status, tc.it.Kind, tc.it.Decision, got)
		}
	}
}

func TestPreviousMeeting(t *testing.T) {
	s := agendaStore(t, domain.StatusGehouden)
	ctx := context.Background()
	tests := []struct {
		id, want int64
	}{{1, 3}, {4, 1}, {3, 0}, {2, 0}, {99, 0}}
	for _, tc := range tests {
		m, err := s.PreviousMeeting(ctx, tc.id)
		if tc.want == 0 {
			if !errors.Is(err, ErrNotFound) {
				t.Errorf("PreviousMeeting(%d) = %d, %v; want ErrNotFound", tc.id, m.ID, err)
			}
			continue
		}
		if err != nil || m.ID != tc.want {
			t.Errorf("PreviousMeeting(%d) = %d, %v; want %d", tc.id, m.ID, err, tc.want)
		}
	}
}

func TestCopyOpenItems(t *testing.T) {
	tests := []struct {
		name   string
		status domain.MeetingStatus
		want   []string // meeting 4 after applying the template and copying
	}{
		{"held", domain.StatusGehouden, []string{"opening:Opening", "besluitvorming:Verordening tegenprestatie",
			"hamerstuk:Tarieven beschut werk", "rondvraag:Rondvraag"}},
		{"cancelled", domain.StatusGeannuleerd, []string{"opening:Opening", "besluitvorming:Verordening tegenprestatie",
			"bespreking:Werkbezoek", "hamerstuk:Tarieven beschut werk", "rondvraag:Rondvraag"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := agendaStore(t, tc.status)
			ctx := context.Background()
			if _, err := s.ApplyStandingItems(ctx, 4); err != nil {
				t.Fatal(err)
			}
			added, err := s.CopyOpenItems(ctx, 3, 4)
			if err != nil {
				t.Fatal(err)
			}
			if len(added) != len(tc.want)-2 {
				t.Errorf("added %d items, want %d", len(added), len(tc.want)-2)
			}
			if got := agendaTitles(t, s, 4); strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("agenda = %v\nwant %v", got, tc.want)
			}
			again, err := s.CopyOpenItems(ctx, 3, 4)
			if err != nil || len(again) != 0 {
				t.Errorf("copying again added %d items (%v)", len(again), err)
			}
			m, _ := s.Meeting(ctx, 4)
			it := m.Items[1]
			if it.PortefeuillehouderID != 1 || it.StellerID != 2 || it.Proposal != "Instemmen met de verordening." || it.Decision != "" {
				t.Errorf("copied item %+v", it)
			}
			if len(it.Documents) != 1 || it.Documents[0].StoredName != "cd34.pdf" || it.Documents[0].Version != 2 || it.Documents[0].ID == 0 {
				t.Errorf("copied stukken %+v", it.Documents)
			}
			if len(it.Advice) != 1 || it.Advice[0].Verdict != domain.VerdictAkkoord {
				t.Errorf("copied advice %+v", it.Advice)
			}
			if !m.Items[len(m.Items)-2].Confidential {
				t.Error("confidentiality was not carried over")
			}
			// The source is left as it was.
			if got := agendaTitles(t, s, 3); len(got) != 6 {
				t.Errorf("source agenda changed: %v", got)
			}
		})
	}
	s := agendaStore(t, domain.StatusGehouden)
	if _, err := s.CopyOpenItems(context.Background(), 3, 3); err == nil {
		t.Error("copying a meeting onto itself succeeded")
	}
	if _, err := s.CopyOpenItems(context.Background(), 3, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("copying to a missing meeting: %v", err)
	}
}

func TestApplyStandingItems(t *testing.T) {
	s := agendaStore(t, domain.StatusGehouden)
	ctx := context.Background()
	tests := []struct {
		meeting int64
		added   int
		want    []string
	}{
		{4, 2, []string{"opening:Opening", "rondvraag:Rondvraag"}},
		{4, 0, []string{"opening:Opening", "rondvraag:Rondvraag"}}, // twice changes nothing
		{1, 1, []string{"opening:Opening", "besluitvorming:Re-integratiebeleid 2028", "rondvraag:Rondvraag"}},
		{3, 0, nil}, // has both
	}
	for _, tc := range tests {
		added, err := s.ApplyStandingItems(ctx, tc.meeting)
		if err != nil {
			t.Fatal(err)
		}
		if len(added) != tc.added {
			t.Errorf("meeting %d: added %d, want %d", tc.meeting, len(added), tc.added)
		}
		if tc.want != nil {
			if got := agendaTitles(t, s, tc.meeting); strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("meeting %d: %v, want %v", tc.meeting, got, tc.want)
			}
		}
	}
	if _, err := s.ApplyStandingItems(ctx, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing meeting: %v", err)
	}
}

func TestImportItems(t *testing.T) {
	s := agendaStore(t, domain.StatusGehouden)
	ctx := context.Background()
	bad := []domain.AgendaItem{{Title: "Goed", Kind: domain.ItemBespreking}, {Title: " ", Kind: domain.ItemBespreking}}
	if _, err := s.ImportItems(ctx, 3, bad); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("bad import: %v", err)
	}
	if got := agendaTitles(t, s, 3); len(got) != 6 {
		t.Fatalf("a failed import changed the agenda: %v", got)
	}
	// A person who does not exist fails inside the transaction: nothing
	// of the import stays.
	ghost := []domain.AgendaItem{{Title: "Eerste", Kind: domain.ItemInformatie}, {Title: "Tweede", Kind: domain.ItemInformatie, StellerID: 77}}
	if _, err := s.ImportItems(ctx, 3, ghost); err == nil {
		t.Fatal("import with an unknown steller succeeded")
	}
	if got := agendaTitles(t, s, 3); len(got) != 6 {
		t.Fatalf("a failed import changed the agenda: %v", got)
	}
	good := []domain.AgendaItem{{Title: "Opening", Kind: domain.ItemOpening}, {Title: "Nieuw punt", Kind: domain.ItemInformatie, StellerID: 2},
		{Title: "Sluiting", Kind: domain.ItemSluiting}, {Title: "nieuw  PUNT", Kind: domain.ItemInformatie}}
	added, err := s.ImportItems(ctx, 3, good)
	if err != nil || len(added) != 2 || added[0].ID == 0 {
		t.Fatalf("import: %v, %+v", err, added)
	}
	got := agendaTitles(t, s, 3)
	want := "opening:Opening|besluitvorming:Verordening tegenprestatie|hamerstuk:Jaarverslag 2026|bespreking:Werkbezoek|hamerstuk:Tarieven beschut werk|informatie:Nieuw punt|rondvraag:Rondvraag|sluiting:Sluiting"
	if strings.Join(got, "|") != want {
		t.Errorf("agenda = %v", got)
	}
	if _, err := s.ImportItems(ctx, 99, good); !errors.Is(err, ErrNotFound) {
		t.Errorf("import into a missing meeting: %v", err)
	}
}

func TestSaveDocuments(t *testing.T) {
	s := agendaStore(t, domain.StatusGehouden)
	ctx := context.Background()
	m, _ := s.Meeting(ctx, 3)
	docs := []domain.Document{m.Items[1].Documents[0], {ItemID: m.Items[3].ID, Title: "Programma werkbezoek", FileName: "programma.docx"}}
	docs[0].SHA256, docs[0].StoredName, docs[0].Size = "ef56", "ef56.pdf", 12
	if err := s.SaveDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if docs[1].ID == 0 {
		t.Error("the new record got no ID")
	}
	got, _ := s.Document(ctx, docs[0].ID)
	if got.SHA256 != "ef56" || got.StoredName != "ef56.pdf" || got.Size != 12 {
		t.Errorf("updated record %+v", got)
	}
	if err := s.SaveDocuments(ctx, []domain.Document{{ItemID: m.Items[1].ID, Title: ""}}); err == nil {
		t.Error("a document without title was saved")
	}
}
