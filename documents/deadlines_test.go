package documents

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

func TestDeadlineEntries(t *testing.T) {
	ds, dls := yearFixture()
	// A meeting before Noord-Beveland joined, and a cancelled one.
	ds.Meetings = append(ds.Meetings, domain.Meeting{ID: 5000, BodyID: bodyPHO, Start: at("2026-12-10", 14, 0), End: at("2026-12-10", 16, 0)})
	dls = append(dls,
		domain.Deadline{MeetingID: 5000, RuleKey: "aanmelden", Name: "Aanmelden 2026", Kind: domain.KindAanmelden, Audience: domain.AudienceAmbtenaren, Due: date.MustParse("2026-11-05"), Status: domain.DeadlineOK},
		domain.Deadline{MeetingID: 5000, RuleKey: "advies", Name: "Advies 2026", Kind: domain.KindAdvies, Audience: domain.AudienceAmbtenaren, MunicipalityID: 6, Due: date.MustParse("2026-11-26"), Status: domain.DeadlineOK},
	)
	ix := domain.NewIndex(ds)
	cancelled := int64(0)
	for _, m := range ds.Meetings {
		if m.IsCancelled() {
			cancelled = m.ID
		}
	}
	if cancelled == 0 {
		t.Fatal("fixture has no cancelled meeting")
	}
	base := DeadlineOverviewInput{Deadlines: dls, Index: ix}
	count := func(es []DeadlineEntry, pred func(DeadlineEntry) bool) int {
		n := 0
		for _, e := range es {
			if pred(e) {
				n++
			}
		}
		return n
	}
	tests := []struct {
		name  string
		edit  func(in *DeadlineOverviewInput)
		check func(t *testing.T, es []DeadlineEntry)
	}{
		{"gemeente sees only its own per-gemeente deadlines", func(in *DeadlineOverviewInput) { in.Kind, in.ID = ScopeMunicipality, 13 },
			func(t *testing.T, es []DeadlineEntry) {
				if n := count(es, func(e DeadlineEntry) bool { return e.Deadline.MunicipalityID != 0 && e.Deadline.MunicipalityID != 13 }); n != 0 {
					t.Errorf("%d deadlines of other gemeenten", n)
				}
				if n := count(es, func(e DeadlineEntry) bool { return e.Deadline.Kind == domain.KindAdvies }); n != 9 {
					t.Errorf("%d advies deadlines, want one per held meeting (9)", n)
				}
			}},
		{"default audiences leave out the secretariat and the meeting itself", func(in *DeadlineOverviewInput) { in.Kind, in.ID = ScopeMunicipality, 13 },
			func(t *testing.T, es []DeadlineEntry) {
				if n := count(es, func(e DeadlineEntry) bool {
					return e.Deadline.Audience == domain.AudienceSecretariaat || e.Deadline.Kind == domain.KindMeeting
				}); n != 0 {
					t.Errorf("%d secretariat or meeting rows", n)
				}
			}},
		{"cancelled meetings have no deadlines", func(in *DeadlineOverviewInput) { in.Kind, in.ID = ScopeMunicipality, 13 },
			func(t *testing.T, es []DeadlineEntry) {
				if n := count(es, func(e DeadlineEntry) bool { return e.Meeting.ID == cancelled }); n != 0 {
					t.Errorf("%d deadlines of the cancelled meeting", n)
				}
			}},
		{"a gemeente that joined later has no earlier deadlines", func(in *DeadlineOverviewInput) { in.Kind, in.ID = ScopeMunicipality, 6 },
			func(t *testing.T, es []DeadlineEntry) {
				for _, e := range es {
					if e.Deadline.Due.Year() < 2026 || e.Meeting.ID == 5000 && e.Deadline.MunicipalityID == 0 {
						t.Errorf("deadline %q before joining", e.Deadline.Name)
					}
				}
			}},
		{"period bounds are inclusive", func(in *DeadlineOverviewInput) {
			in.Kind, in.ID = ScopeMunicipality, 13
			in.From, in.To = date.MustParse("2027-03-01"), date.MustParse("2027-03-04")
		}, func(t *testing.T, es []DeadlineEntry) {
			if len(es) != 2 || es[0].Deadline.Due != date.MustParse("2027-03-01") || es[1].Deadline.Due != date.MustParse("2027-03-04") {
				t.Errorf("got %d entries: %+v", len(es), es)
			}
		}},
		{"sorted by date", func(in *DeadlineOverviewInput) { in.Kind, in.ID = ScopeMunicipality, 1 },
			func(t *testing.T, es []DeadlineEntry) {
				for i := 1; i < len(es); i++ {
					if es[i].Deadline.Due.Before(es[i-1].Deadline.Due) {
						t.Fatalf("entry %d (%s) before entry %d (%s)", i, es[i].Deadline.Due, i-1, es[i-1].Deadline.Due)
					}
				}
			}},
		{"secretary sees dispatch and decision lists of every meeting", func(in *DeadlineOverviewInput) { in.Kind, in.ID = ScopePerson, secretaryID },
			func(t *testing.T, es []DeadlineEntry) {
				if len(es) == 0 || count(es, func(e DeadlineEntry) bool { return e.Deadline.Audience != domain.AudienceSecretariaat }) != 0 {
					t.Errorf("secretary entries: %d, some not for the secretariat", len(es))
				}
			}},
		{"ambtenaar sees own gemeente and the AO's deadlines", func(in *DeadlineOverviewInput) { in.Kind, in.ID = ScopePerson, 313 },
			func(t *testing.T, es []DeadlineEntry) {
				if count(es, func(e DeadlineEntry) bool { return e.Deadline.Kind == domain.KindAanmelden }) == 0 {
					t.Error("no aanmelden deadlines for an AO member")
				}
				if n := count(es, func(e DeadlineEntry) bool { return e.Deadline.MunicipalityID != 0 && e.Deadline.MunicipalityID != 13 }); n != 0 {
					t.Errorf("%d deadlines of other gemeenten", n)
				}
			}},
		{"bestuurder sees the college meetings of own gemeente", func(in *DeadlineOverviewInput) { in.Kind, in.ID = ScopePerson, 213 },
			func(t *testing.T, es []DeadlineEntry) {
				if len(es) == 0 || count(es, func(e DeadlineEntry) bool {
					return e.Deadline.Kind != domain.KindCollege || e.Deadline.MunicipalityID != 13
				}) != 0 {
					t.Errorf("bestuurder entries: %+v", es)
				}
			}},
		{"explicit audiences override the default", func(in *DeadlineOverviewInput) {
			in.Kind, in.ID = ScopeMunicipality, 13
			in.Audiences = []domain.Audience{domain.AudienceCollege}
		}, func(t *testing.T, es []DeadlineEntry) {
			if len(es) == 0 || count(es, func(e DeadlineEntry) bool { return e.Deadline.Audience != domain.AudienceCollege }) != 0 {
				t.Errorf("entries: %+v", es)
			}
		}},
		{"a person outside the body sees nothing", func(in *DeadlineOverviewInput) { in.Kind, in.ID = ScopePerson, 901 },
			func(t *testing.T, es []DeadlineEntry) {
				if len(es) != 0 {
					t.Errorf("%d entries", len(es))
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := base
			tc.edit(&in)
			es, err := DeadlineEntries(in)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, es)
		})
	}
}

func TestDeadlineCSV(t *testing.T) {
	in := overviewInput(ScopeMunicipality, 13)
	// A name typed by a user that a spreadsheet would run as a formula.
	in.Deadlines = append(in.Deadlines, domain.Deadline{MeetingID: meetingNext, RuleKey: "x", Name: "=HYPERLINK(\"http://evil\")",
		Kind: domain.KindOther, Audience: domain.AudienceAmbtenaren, Due: date.MustParse("2027-04-20"), Slack: -2,
		Status: domain.DeadlineOnhaalbaar, Reason: "-2 werkdagen; te laat"})
	var buf bytes.Buffer
	if err := DeadlineCSV(&buf, in); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	golden(t, "deadlines.csv", out)
	if !bytes.HasPrefix(out, []byte("\xEF\xBB\xBF")) {
		t.Fatal("no UTF-8 byte-order mark")
	}
	if bytes.Count(out, []byte("\r\n")) != bytes.Count(out, []byte("\n")) {
		t.Error("line ends are not all CRLF")
	}
	recs, err := readCSV(out)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := DeadlineEntries(in)
	if len(recs) != len(entries)+1 {
		t.Fatalf("%d records, want header + %d", len(recs), len(entries))
	}
	if strings.Join(recs[0], ";") != "uiterlijk;stap;soort;voor;gemeente;cbs-code;overleg;samenwerkingsverband;vergaderdatum;vergadertijd;werkdagen ruimte;haalbaarheid;toelichting" {
		t.Errorf("header %q", recs[0])
	}
	found := false
	for _, rec := range recs[1:] {
		if _, err := date.Parse(rec[0]); err != nil || len(rec[0]) != 10 {
			t.Errorf("due %q is not YYYY-MM-DD", rec[0])
		}
		if strings.HasPrefix(rec[1], "'=HYPERLINK") {
			found = true
			if rec[10] != "-2" || rec[12] != "'-2 werkdagen; te laat" {
				t.Errorf("slack %q, reason %q: numbers stay numbers, text is neutralised", rec[10], rec[12])
			}
		}
		for i, f := range rec {
			if f != "" && strings.ContainsRune("=+@", rune(f[0])) || i != 10 && strings.HasPrefix(f, "-") {
				t.Errorf("field %d %q could run as a formula", i, f)
			}
		}
	}
	if !found {
		t.Error("the formula-like name is missing or not neutralised")
	}
	if got := DeadlineCSVName(in); got != "2027-03-01 Deadlines Gemeente Vlissingen.csv" {
		t.Errorf("DeadlineCSVName = %q", got)
	}
}

func TestSummarizeDeadlines(t *testing.T) {
	d := date.MustParse
	tests := []struct {
		name string
		in   []domain.Deadline
		want []deadlineRow
	}{
		{"empty", nil, []deadlineRow{}},
		{"meeting day and undated steps left out", []domain.Deadline{
			{RuleKey: "pho", Name: "PHO", Kind: domain.KindMeeting, Due: d("2027-04-22")},
			{RuleKey: "x", Name: "Zonder datum", Kind: domain.KindOther},
		}, []deadlineRow{}},
		{"date order, ties in input order", []domain.Deadline{
			{RuleKey: "b", Name: "B", Audience: domain.AudienceLeden, Due: d("2027-04-02")},
			{RuleKey: "a", Name: "A", Audience: domain.AudienceAmbtenaren, Due: d("2027-03-29")},
			{RuleKey: "c", Name: "C", Audience: domain.AudienceLeden, Due: d("2027-04-02")},
		}, []deadlineRow{
			{name: "A", due: "ma 29-03-2027", audience: "ambtenaren"},
			{name: "B", due: "vr 02-04-2027", audience: "leden"},
			{name: "C", due: "vr 02-04-2027", audience: "leden"},
		}},
		{"per gemeente collapses to a range", []domain.Deadline{
			{RuleKey: "advies", Name: "Advies", Audience: domain.AudienceAmbtenaren, MunicipalityID: 1, Due: d("2027-04-08")},
			{RuleKey: "advies", Name: "Advies", Audience: domain.AudienceAmbtenaren, MunicipalityID: 2, Due: d("2027-04-06")},
			{RuleKey: "college", Name: "College", Audience: domain.AudienceCollege, MunicipalityID: 1, Due: d("2027-04-20")},
			{RuleKey: "college", Name: "College", Audience: domain.AudienceCollege, MunicipalityID: 2, Due: d("2027-04-20")},
		}, []deadlineRow{
			{name: "Advies (per gemeente)", due: "di 06-04 t/m do 08-04-2027", audience: "ambtenaren"},
			{name: "College (per gemeente)", due: "di 20-04-2027", audience: "college van B&W"},
		}},
		{"a range across the year end keeps both years", []domain.Deadline{
			{RuleKey: "advies", Name: "Advies", MunicipalityID: 1, Audience: domain.AudienceAmbtenaren, Due: d("2026-12-30")},
			{RuleKey: "advies", Name: "Advies", MunicipalityID: 2, Audience: domain.AudienceAmbtenaren, Due: d("2027-01-04")},
		}, []deadlineRow{{name: "Advies (per gemeente)", due: "wo 30-12-2026 t/m ma 04-01-2027", audience: "ambtenaren"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := summarizeDeadlines(tc.in)
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("row %d: got %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestFileName(t *testing.T) {
	day := date.MustParse("2027-03-18")
	tests := []struct {
		title string
		day   date.Date
		ext   string
		want  string
	}{
		{"Agenda PHO Jeugd Zeeland", day, "pdf", "2027-03-18 Agenda PHO Jeugd Zeeland.pdf"},
		{"Deadlines Gemeente Vlissingen", 0, "csv", "Deadlines Gemeente Vlissingen.csv"},
		{`Agenda a/b\c:d*e?f"g<h>i|j`, 0, "pdf", "Agenda a-b-c-d-e-f-g-h-i-j.pdf"},
		{"  regel\neen\ttwee\x00  ", 0, "pdf", "regel een twee.pdf"},
		{"...verborgen. ", 0, "pdf", "verborgen.pdf"},
		{"", day, "pdf", "2027-03-18 overlegplanner.pdf"},
		{"CON", 0, "pdf", "_CON.pdf"},
		{"lpt1.txt", 0, "pdf", "_lpt1.txt.pdf"},
		{"Agenda Súdwest-Fryslân – ‘é’", 0, "pdf", "Agenda Súdwest-Fryslân – ‘é’.pdf"},
		{strings.Repeat("é", 80), 0, "pdf", strings.Repeat("é", 50) + ".pdf"},
		{"ongeldig \xff utf-8", 0, "pdf", "ongeldig utf-8.pdf"},
	}
	for _, tc := range tests {
		if got := FileName(tc.title, tc.day, tc.ext); got != tc.want {
			t.Errorf("FileName(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

func TestIncompleteInput(t *testing.T) {
	good := agendaInput(false)
	noBody := good
	noBody.Meeting.BodyID = 999
	noTime := good
	noTime.Meeting.Start = time.Time{}
	noNow := good
	noNow.Now = time.Time{}
	noIndex := good
	noIndex.Index = nil
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"no index", func() error { _, err := Agenda(noIndex); return err }, "geen gegevens om het document uit op te bouwen"},
		{"unknown body", func() error { _, err := Agenda(noBody); return err }, "vergadering 100 hoort bij gremium 999, dat niet bestaat"},
		{"no start", func() error { _, err := Agenda(noTime); return err }, "vergadering 100 heeft geen begintijd"},
		{"no creation date", func() error { _, err := Agenda(noNow); return err }, "geen aanmaakdatum voor het document opgegeven"},
		{"decision list without index", func() error {
			_, err := DecisionList(DecisionListInput{Meeting: good.Meeting, Now: now})
			return err
		}, "geen gegevens om het document uit op te bouwen"},
		{"bad year", func() error {
			_, err := YearPlan(YearPlanInput{Year: 27, Index: good.Index, Now: now})
			return err
		}, "27 is geen geldig jaar"},
		{"unknown body in year plan", func() error {
			_, err := YearPlan(YearPlanInput{Year: 2027, BodyID: 999, Index: good.Index, Now: now})
			return err
		}, "gremium 999 bestaat niet"},
		{"unknown partnership in year plan", func() error {
			_, err := YearPlan(YearPlanInput{Year: 2027, PartnershipID: 999, Index: good.Index, Now: now})
			return err
		}, "samenwerkingsverband 999 bestaat niet"},
		{"unknown gemeente", func() error {
			_, err := DeadlineOverview(DeadlineOverviewInput{Kind: ScopeMunicipality, ID: 999, Index: good.Index, Now: now})
			return err
		}, "onbekend overzicht: gemeente 999 bestaat niet"},
		{"unknown scope kind", func() error {
			return DeadlineCSV(&bytes.Buffer{}, DeadlineOverviewInput{Kind: "gremium", ID: 1, Index: good.Index})
		}, "onbekend overzicht: gremium 1 bestaat niet"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if !errors.Is(err, ErrIncomplete) {
				t.Fatalf("err = %v, want ErrIncomplete", err)
			}
			if got := i18n.UserMessage(err); got != tc.want {
				t.Errorf("message %q, want %q", got, tc.want)
			}
		})
	}
}

// readCSV parses an overview as a spreadsheet would: after the BOM, with
// ";" between fields.
func readCSV(b []byte) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))))
	r.Comma = ';'
	r.LazyQuotes = false
	return r.ReadAll()
}
