package documents

import (
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// TestVariants renders the less common shapes of each document and checks
// the sentence that tells the reader about them.
func TestVariants(t *testing.T) {
	tests := []struct {
		name   string
		render func() (Rendered, error)
		want   []string
		absent []string
		info   map[string]string // expected pdfinfo fields
	}{
		{"cancelled meeting", func() (Rendered, error) {
			in := agendaInput(false)
			in.Meeting.Status = domain.StatusGeannuleerd
			return Agenda(in)
		}, []string{"Deze vergadering is geannuleerd."}, nil, nil},
		{"agenda not yet known", func() (Rendered, error) {
			in := agendaInput(false)
			in.Meeting.Items = nil
			in.NextMeeting, in.NextDeadlines = nil, nil
			return Agenda(in)
		}, []string{"De agenda volgt.", "pagina 1 van 1"}, []string{"Volgende vergadering"}, nil},
		{"online only, no next meeting", func() (Rendered, error) {
			in := agendaInput(false)
			in.Meeting.Location = ""
			in.Index.Bodies[bodyPHO].Location = ""
			in.NextMeeting, in.NextDeadlines = nil, nil
			return Agenda(in)
		}, []string{"Online", "https://meet.example.nl/pho-jeugd-2027-03"}, []string{"Locatie", "Volgende vergadering"}, nil},
		{"deadlines of other meetings are left out", func() (Rendered, error) {
			in := agendaInput(false)
			in.NextDeadlines = append(in.NextDeadlines, domain.Deadline{MeetingID: meetingPHO, RuleKey: "oud",
				Name: "Stap van deze vergadering", Kind: domain.KindOther, Due: date.MustParse("2027-03-01")})
			return Agenda(in)
		}, []string{"Agendapunt aanmelden bij het secretariaat"}, []string{"Stap van deze vergadering"}, nil},
		{"organiser given", func() (Rendered, error) {
			in := agendaInput(false)
			in.Organiser = "Regionaal secretariaat Zeeland"
			return Agenda(in)
		}, []string{"Agendapunten"}, nil, map[string]string{"Author": "Regionaal secretariaat Zeeland"}},
		{"year without meetings", func() (Rendered, error) {
			in := yearPlanInput(bodyPHO, 0)
			in.Year = 2031
			return YearPlan(in)
		}, []string{"Er zijn voor 2031 geen vergaderingen gepland."}, nil, nil},
		{"year plan of everything", func() (Rendered, error) {
			return YearPlan(yearPlanInput(0, 0))
		}, []string{"Alle overleggen", "AO Jeugd Zeeland"}, nil, nil},
		{"no deadlines in the period", func() (Rendered, error) {
			in := overviewInput(ScopeMunicipality, 13)
			in.From, in.To = date.MustParse("2027-07-01"), date.MustParse("2027-07-31")
			return DeadlineOverview(in)
		}, []string{"Er zijn in deze periode geen deadlines."}, nil, nil},
		{"decision list without agenda", func() (Rendered, error) {
			in := decisionInput(false)
			in.Meeting.Items, in.Meeting.Actions = nil, nil
			return DecisionList(in)
		}, []string{"Er stonden geen punten op de agenda."}, []string{"Actielijst"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := tc.render()
			if err != nil {
				t.Fatal(err)
			}
			pdftest.Check(t, r.PDF)
			text := pdftest.Text(t, r.PDF)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(text, a) {
					t.Errorf("text contains %q", a)
				}
			}
			if tc.info != nil {
				info := pdftest.Info(t, r.PDF)
				for k, v := range tc.info {
					if info[k] != v {
						t.Errorf("pdfinfo %s = %q, want %q", k, info[k], v)
					}
				}
			}
		})
	}
}

// TestEnglish renders the agenda and the year plan with English as the
// active language: every text comes from the catalogue.
func TestEnglish(t *testing.T) {
	prev := i18n.Current()
	i18n.SetLanguage(i18n.English)
	t.Cleanup(func() { i18n.SetLanguage(prev) })
	in := agendaInput(true)
	r, err := Agenda(in)
	if err != nil {
		t.Fatal(err)
	}
	text := pdftest.Text(t, r.PDF)
	for _, w := range []string{"Thursday 18 March 2027", "14:00 – 16:30", "Members", "Agenda items", "Confidential agenda item",
		"Confidential document", "Portfolio holder", "for decision", "Next meeting", "page 1 of 3", "Public version."} {
		if !strings.Contains(text, w) {
			t.Errorf("English agenda lacks %q", w)
		}
	}
	for _, nl := range []string{"pagina", "Vertrouwelijk", "Bijlagen", "Leden", "donderdag"} {
		if strings.Contains(text, nl) {
			t.Errorf("English agenda contains Dutch %q", nl)
		}
	}
	if r.Name != "2027-03-18 Agenda PHO Jeugd Zeeland (public).pdf" {
		t.Errorf("Name = %q", r.Name)
	}
	if lang := pdftest.Info(t, r.PDF); lang["Title"] != "Agenda PHO Jeugd Zeeland, 18 March 2027" {
		t.Errorf("Title = %q", lang["Title"])
	}
}
