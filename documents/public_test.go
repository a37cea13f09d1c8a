package documents

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// marker is written into every field that must not leave the closed
// circle; no public output may contain it, in any letter case.
const marker = "GEHEIMPJE"

// secretInput returns the fixture's agenda with every confidential field
// filled with marker: the confidential item (title, proposal, decision,
// motivation, documents, advice notes, actions, and a portefeuillehouder
// and steller who appear nowhere else), a confidential stuk on a public
// item, the meeting's note and the note on an apology.
func secretInput() AgendaInput {
	in := agendaInput(true)
	ds := fixture()
	ds.People = append(ds.People,
		domain.Person{ID: 950, Name: "Xaviera " + marker + "houder", MunicipalityID: 3, Role: domain.PersonBestuurder, Function: marker + " functie"},
		domain.Person{ID: 951, Name: "Stella " + marker + "steller", Role: domain.PersonAmbtenaar, Function: marker})
	in.Index = domain.NewIndex(ds)
	m := in.Meeting
	m.Note = marker + " notitie"
	m.Attendance[0].Note = marker + " afmelding"
	it := &m.Items[5]
	it.Title = marker + " titel"
	it.Proposal = marker + " voorstel"
	it.Decision = marker + " besluit"
	it.Motivation = marker + " motivering"
	it.PortefeuillehouderID, it.StellerID = 950, 951
	it.Documents = []domain.Document{
		{ID: 61, ItemID: it.ID, Title: marker + " stuk", FileName: marker + ".pdf", SHA256: marker, StoredName: marker + ".bin", Confidential: true},
		{ID: 62, ItemID: it.ID, Title: marker + " openbaar stuk bij geheim punt", FileName: marker + "2.pdf"},
	}
	it.Advice = []domain.Advice{{ItemID: it.ID, MunicipalityID: 2, Verdict: domain.VerdictNietAkkoord, Note: marker + " advies"}}
	// a confidential stuk on a public item
	m.Items[3].Documents[2].Title = marker + " bijlage"
	m.Items[3].Documents[2].FileName = marker + "-bijlage.xlsx"
	m.Items[3].Advice[2].Note = marker + " kanttekening"
	m.Actions = append(m.Actions, domain.ActionItem{ID: 9, MeetingID: m.ID, ItemID: it.ID, Description: marker + " actie", OwnerID: 951, Due: date.MustParse("2027-04-01")})
	in.Meeting = m
	return in
}

// TestPublicAgendaLeaksNothing renders the public agenda and the public
// decision list of a meeting whose every confidential field holds a
// marker word, and searches the text a reader sees and the metadata.
func TestPublicAgendaLeaksNothing(t *testing.T) {
	in := secretInput()
	agenda, err := Agenda(in)
	if err != nil {
		t.Fatal(err)
	}
	decisions, err := DecisionList(DecisionListInput{Meeting: in.Meeting, Index: in.Index, Public: true, Now: now, strict: true})
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]Rendered{"agenda": agenda, "besluitenlijst": decisions} {
		text := pdftest.Text(t, r.PDF)
		if strings.Contains(strings.ToUpper(text), marker) {
			t.Errorf("%s: public text contains confidential content:\n%s", name, text)
		}
		if !strings.Contains(text, "Vertrouwelijk agendapunt") {
			t.Errorf("%s: public text lacks the confidential item's placeholder", name)
		}
		if name == "agenda" && !strings.Contains(text, "Vertrouwelijk stuk") {
			t.Errorf("%s: public text lacks the confidential stuk's placeholder", name)
		}
		for k, v := range pdftest.Info(t, r.PDF) {
			if strings.Contains(strings.ToUpper(v), marker) {
				t.Errorf("%s: metadata %s = %q", name, k, v)
			}
		}
		if strings.Contains(strings.ToUpper(r.Name), marker) {
			t.Errorf("%s: file name %q", name, r.Name)
		}
	}
	// The complete agenda does show the content: the test would be
	// worthless if the marker never reached the page.
	in.Public = false
	full, err := Agenda(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pdftest.Text(t, full.PDF), marker+" titel") {
		t.Fatal("the complete agenda lacks the confidential title")
	}
}

// TestPublicMeeting walks every string of the public meeting, so that a
// field added to the domain later cannot carry confidential content out
// unnoticed.
func TestPublicMeeting(t *testing.T) {
	in := secretInput()
	orig := in.Meeting
	before := deepCopy(t, orig)
	pub := PublicMeeting(orig, i18n.Dutch)
	if !reflect.DeepEqual(orig, before) {
		t.Fatal("PublicMeeting modified its input")
	}
	planted := 0
	walkStrings(reflect.ValueOf(orig), "meeting", func(_, s string) {
		if strings.Contains(s, marker) {
			planted++
		}
	})
	if planted < 15 {
		t.Fatalf("only %d marked fields in the input: the walk finds nothing", planted)
	}
	walkStrings(reflect.ValueOf(pub), "meeting", func(path, s string) {
		if strings.Contains(strings.ToUpper(s), marker) {
			t.Errorf("%s = %q", path, s)
		}
	})
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"items keep their places", len(pub.Items), len(orig.Items)},
		{"confidential title", pub.Items[5].Title, "Vertrouwelijk agendapunt"},
		{"confidential kind kept", pub.Items[5].Kind, domain.ItemBesluitvorming},
		{"confidential position kept", pub.Items[5].Position, 6},
		{"no portefeuillehouder", pub.Items[5].PortefeuillehouderID, int64(0)},
		{"no steller", pub.Items[5].StellerID, int64(0)},
		{"no documents", len(pub.Items[5].Documents), 0},
		{"confidential stuk keeps its place", len(pub.Items[3].Documents), 4},
		{"confidential stuk title", pub.Items[3].Documents[2].Title, "Vertrouwelijk stuk"},
		{"confidential stuk file", pub.Items[3].Documents[2].FileName, ""},
		{"public stuk unchanged", pub.Items[3].Documents[0].Title, "Voorstel inkoopstrategie ‘Samen Sterk’"},
		{"no advice", len(pub.Items[3].Advice), 0},
		{"public portefeuillehouder kept", pub.Items[3].PortefeuillehouderID, int64(205)},
		{"actions of confidential items dropped", len(pub.Actions), 3},
		{"attendance kept", len(pub.Attendance), len(orig.Attendance)},
		{"English placeholder", PublicItem(orig.Items[5], i18n.English).Title, "Confidential agenda item"},
	}
	for _, tc := range tests {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	// nil stays nil: a meeting loaded as a header has no agenda, which is
	// not the same as an empty one.
	hdr := PublicMeeting(domain.Meeting{ID: 1}, "")
	if hdr.Items != nil || hdr.Actions != nil || hdr.Attendance != nil {
		t.Errorf("header meeting gained slices: %+v", hdr)
	}
}

func deepCopy(t *testing.T, m domain.Meeting) domain.Meeting {
	t.Helper()
	c := m
	c.Attendance = append([]domain.Attendance(nil), m.Attendance...)
	c.Actions = append([]domain.ActionItem(nil), m.Actions...)
	c.Items = make([]domain.AgendaItem, len(m.Items))
	for i, it := range m.Items {
		it.Documents = append([]domain.Document(nil), it.Documents...)
		it.Advice = append([]domain.Advice(nil), it.Advice...)
		c.Items[i] = it
	}
	return c
}

// walkStrings calls f for every string reachable from v.
func walkStrings(v reflect.Value, path string, f func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		f(path, v.String())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			walkStrings(v.Field(i), path+"."+v.Type().Field(i).Name, f)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), path+"["+strconv.Itoa(i)+"]", f)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, f)
		}
	}
}
