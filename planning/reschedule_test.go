package planning

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

func TestFeasibility(t *testing.T) {
	// The hand-worked PHO of chain_test.go, arranged per gemeente.
	c := NewCalendar(domain.DefaultSettings(), nil, nil, nil)
	r := ComputeChain(ChainInput{MeetingID: 7, Date: d("2027-03-15"), Rules: DefaultPHOChain(), Calendar: c,
		Members: members(c, walcheren()), TightDays: 3})
	f := FeasibilityOf(&r)
	if f.Status != domain.DeadlineOnhaalbaar || len(f.Problems) != 2 {
		t.Fatalf("status %s, problems %+v", f.Status, f.Problems)
	}
	if p := f.Problems[0]; p.Municipality != "Middelburg" || p.Status != domain.DeadlineOnhaalbaar || p.RuleKey != "advies" {
		t.Errorf("worst problem first: %+v", p)
	}
	var names []string
	for _, m := range f.Municipalities {
		names = append(names, fmt.Sprintf("%s %s min %d", m.Name, m.Status, m.MinSlack))
		// advies after verzending, college after advies, PHO after college
		if len(m.Steps) != 3 || !m.HasMin {
			t.Errorf("%s: %d steps", m.Name, len(m.Steps))
		}
	}
	// Only the advice step is free: the college and the PHO follow from
	// the gemeente's own lead time and the template.
	want := []string{"Middelburg onhaalbaar min -4", "Veere ok min 3", "Vlissingen krap min 1"}
	if !slices.Equal(names, want) {
		t.Errorf("per gemeente %q, want %q", names, want)
	}
	if len(f.Secretariat) != 5 { // concept, vooroverleg, aanleveren, verzending, besluitenlijst
		t.Errorf("secretariat steps %+v", f.Secretariat)
	}
	p := NewPlanner(fixture())
	if _, err := p.Feasibility(2); err != nil {
		t.Error(err)
	}
	if _, err := p.Feasibility(404); err == nil {
		t.Error("unknown meeting")
	}
}

func TestRescheduleMove(t *testing.T) {
	ds := fixture()
	ds.Meetings[1].Items = []domain.AgendaItem{{Title: "Re-integratie", Kind: domain.ItemBesluitvorming, StellerID: aMiddelburg}}
	p := NewPlanner(ds)
	before := *p.Index().Meetings[2] // PHO Walcheren, Thursday 18 March, prepared by the AO of 25 February
	after := before
	after.Start, after.End = before.Start.Add(7*24*time.Hour), before.End.Add(7*24*time.Hour)
	rep, err := p.Reschedule(before, after)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Moved || rep.Cancelled || !rep.NeedsNewSequence {
		t.Errorf("report flags %+v", rep)
	}
	changed := map[string]DeadlineChange{}
	for _, c := range rep.Changes {
		changed[fmt.Sprintf("%s/%d", c.RuleKey, c.MunicipalityID)] = c
		if c.Change != ChangeMoved || c.MeetingID != 2 {
			t.Errorf("unexpected change %+v", c)
		}
	}
	// The AO is linked, so aanmelden, concept, vooroverleg and aanleveren
	// stay; everything counted from the meeting moves a week.
	for _, k := range []string{"aanmelden/0", "concept/0", "vooroverleg/0", "aanleveren/0"} {
		if _, ok := changed[k]; ok {
			t.Errorf("%s moved although the AO did not", k)
		}
	}
	v := changed["verzending/0"]
	if v.OldDue != d("2027-03-08") || v.NewDue != d("2027-03-15") {
		t.Errorf("verzending %+v", v)
	}
	if got := Dutch(v.Message); got != "Verzending agenda en stukken aan de leden verschuift van ma 8 maart 2027 naar ma 15 maart 2027." {
		t.Errorf("message %q", got)
	}
	if !slices.Equal(v.Notify, []int64{secretary}) {
		t.Errorf("verzending concerns the secretary: %v", v.Notify)
	}
	adv := changed[fmt.Sprintf("advies/%d", gMiddelburg)]
	if !slices.Equal(adv.Notify, []int64{aMiddelburg}) {
		t.Errorf("Middelburg's advice concerns its adviseur (steller, AO member): %v", adv.Notify)
	}
	if col := changed[fmt.Sprintf("college/%d", gVeere)]; !slices.Equal(col.Notify, []int64{wVeere}) {
		t.Errorf("Veere's college concerns its wethouder: %+v", col)
	}
	if !strings.Contains(Dutch(adv.Message), "voor Middelburg") {
		t.Errorf("message %q", Dutch(adv.Message))
	}
	// Everyone at the meeting hears of it (new invitation), and the
	// ambtenaren of changed deadlines.
	for _, id := range []int64{wMiddelburg, wVlissingen, wVeere, secretary, aMiddelburg} {
		if !slices.Contains(rep.Notify, id) {
			t.Errorf("%d not notified: %v", id, rep.Notify)
		}
	}
	// On 25 March there is no other meeting: the clash with the Jeugd PHO
	// of 18 March is gone and no new conflict appears.
	if len(rep.Conflicts) != 0 {
		t.Errorf("new conflicts %+v", rep.Conflicts)
	}
}

func TestRescheduleIntoAConflict(t *testing.T) {
	p := NewPlanner(fixture())
	before := *p.Index().Meetings[4] // Jeugd PHO, 10 June
	after := before
	after.Start, after.End = at("2027-07-15", 16, 0), at("2027-07-15", 17, 0)
	rep, err := p.Reschedule(before, after)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[ConflictKind]int{}
	for _, c := range rep.Conflicts {
		kinds[c.Kind]++
	}
	// 16:00–17:00 overlaps the Jeugd PHO of 15:00–17:00 in the same room,
	// with the same five people, and only touches the Walcheren PHO that
	// ends at 16:00.
	if kinds[ConflictRecess] != 1 || kinds[ConflictLocation] != 1 || kinds[ConflictPerson] != 5 {
		t.Errorf("new conflicts %v", kinds)
	}
}

func TestRescheduleCancelAO(t *testing.T) {
	p := NewPlanner(fixture())
	before := *p.Index().Meetings[1] // the AO of 25 February, preparing PHO meeting 2
	after := before
	after.Status = domain.StatusGeannuleerd
	rep, err := p.Reschedule(before, after)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Cancelled || !rep.NeedsNewSequence {
		t.Errorf("flags %+v", rep)
	}
	got := map[string]string{}
	for _, c := range rep.Changes {
		got[fmt.Sprintf("%d/%s", c.MeetingID, c.RuleKey)] = fmt.Sprintf("%s %s→%s", c.Change, c.OldDue, c.NewDue)
	}
	want := map[string]string{
		// The AO's own chain is gone.
		"1/verzending": "vervallen 2027-02-22→", "1/vergadering": "vervallen 2027-02-25→", "1/verslag": "vervallen 2027-03-02→",
	}
	// The PHO of 18 March falls back to D − 15 werkdagen, which is Thursday
	// 25 February, the AO's own date: none of its deadlines moves.
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	for k := range got {
		if strings.HasPrefix(k, "2/") {
			t.Errorf("PHO deadline changed although D − 15 werkdagen is the AO's own date: %s %s", k, got[k])
		}
	}
}

// TestRescheduleMovesThePreparedPHO: moving the AO a week later moves the
// PHO's steps that count from it, and nothing else of the PHO.
func TestRescheduleMovesThePreparedPHO(t *testing.T) {
	p := NewPlanner(fixture())
	before := *p.Index().Meetings[1]
	after := before
	after.Start, after.End = at("2027-03-04", 10, 0), at("2027-03-04", 11, 30)
	rep, err := p.Reschedule(before, after)
	if err != nil {
		t.Fatal(err)
	}
	var pho []string
	for _, c := range rep.Changes {
		if c.MeetingID == 2 {
			pho = append(pho, fmt.Sprintf("%s %s→%s", c.RuleKey, c.OldDue, c.NewDue))
		}
	}
	want := []string{"aanmelden 2027-02-11→2027-02-18", "concept 2027-02-18→2027-02-25",
		"vooroverleg 2027-02-25→2027-03-04", "aanleveren 2027-03-01→2027-03-08"}
	if !slices.Equal(pho, want) {
		t.Errorf("PHO changes %q, want %q", pho, want)
	}
}
