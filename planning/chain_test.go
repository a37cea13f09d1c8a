package planning

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// walcheren returns three gemeenten whose colleges meet on different
// weekdays with different lead times: the members of the hand-worked PHO.
func walcheren() []*domain.Municipality {
	return []*domain.Municipality{
		{ID: 1, Name: "Middelburg", CollegeDays: []time.Weekday{time.Tuesday}, CollegeLeadDays: 5, Region: domain.RegionZuid},
		{ID: 2, Name: "Vlissingen", CollegeDays: []time.Weekday{time.Thursday}, CollegeLeadDays: 2, Region: domain.RegionZuid},
		{ID: 3, Name: "Veere", CollegeDays: []time.Weekday{time.Friday}, CollegeLeadDays: 1, Region: domain.RegionZuid},
	}
}

func members(c *Calendar, ms []*domain.Municipality) []Member {
	out := make([]Member, len(ms))
	for i, m := range ms {
		out[i] = Member{Municipality: m, Calendar: c.ForMunicipality(m.ID)}
	}
	return out
}

type stepWant struct {
	key, mun, due string
	slack         int
	status        domain.DeadlineStatus
}

func checkSteps(t *testing.T, res ChainResult, want []stepWant) {
	t.Helper()
	if len(res.Steps) != len(want) {
		for _, s := range res.Steps {
			t.Logf("%s %s %s slack %d %s", s.RuleKey, s.Municipality, s.Due, s.Slack, s.Status)
		}
		t.Fatalf("%d steps, want %d (skipped: %+v)", len(res.Steps), len(want), res.Skipped)
	}
	for i, w := range want {
		s := res.Steps[i]
		if s.RuleKey != w.key || s.Municipality != w.mun || s.Due != d(w.due) || s.Slack != w.slack || s.Status != w.status {
			t.Errorf("step %d = %s %q %s slack %d %s, want %s %q %s slack %d %s", i,
				s.RuleKey, s.Municipality, s.Due, s.Slack, s.Status, w.key, w.mun, w.due, w.slack, w.status)
		}
	}
}

// TestHandWorkedPHO works the default PHO chain by hand for a PHO on
// Monday 15 March 2027 with no AO meeting linked yet, for three gemeenten
// whose colleges meet on different days. Threshold: 3 working days.
//
//	vooroverleg  D − 15 wd: Mon 15 Mar → Fri 12 (−1) … Mon 8 (−5), Mon 1 (−10), Mon 22 Feb (−15)
//	aanmelden    AO − 10 wd = Mon 8 Feb; concept AO − 5 wd = Mon 15 Feb
//	aanleveren   AO + 2 wd  = Wed 24 Feb (Tue 23 is +1)
//	verzending   D − 10 kd  = Fri 5 Mar, a working day, so no roll
//	college      the last college on or before D − 1 wd = Fri 12 Mar:
//	             Middelburg (Tue) Tue 9 Mar, Vlissingen (Thu) Thu 11 Mar, Veere (Fri) Fri 12 Mar
//	advies       college − lead: Middelburg Tue 9 − 5 wd = Tue 2 Mar,
//	             Vlissingen Thu 11 − 2 wd = Tue 9 Mar, Veere Fri 12 − 1 wd = Thu 11 Mar
//	besluiten    D + 5 wd = Mon 22 Mar
//
// Slack is the working days strictly between a step and the one before it:
//
//	concept after aanmelden        Tue 9 … Fri 12 Feb           = 4 (ok)
//	vooroverleg after concept      Tue 16 … Fri 19 Feb          = 4 (ok)
//	aanleveren after vooroverleg   Tue 23 Feb                   = 1, but the template sets
//	                               exactly that (AO + 2): not krap
//	verzending after aanleveren    Thu 25 Feb … Thu 4 Mar       = 6 (ok)
//	advies after verzending:
//	  Middelburg Tue 2 Mar is before Fri 5 Mar: −(Wed 3, Thu 4, Fri 5) − 1 = −4 → onhaalbaar
//	  Vlissingen Mon 8 Mar only                                 = 1 < 3 → krap
//	  Veere      Mon 8, Tue 9, Wed 10                           = 3 (ok)
//	college after advies           lead − 1 = 4, 1, 0: set by the gemeente's own lead time
//	PHO after college              Wed 10–Fri 12 = 3, Fri 12 = 1, none = 0: the worst, Veere's 0, is
//	                               what the template allows (college ≥ 1 wd before D): ok
//	besluitenlijst after PHO       Tue 16 … Fri 19 Mar          = 4 (ok)
func TestHandWorkedPHO(t *testing.T) {
	c := NewCalendar(domain.DefaultSettings(), nil, nil, nil)
	res := ComputeChain(ChainInput{MeetingID: 7, Date: d("2027-03-15"), Rules: DefaultPHOChain(), Calendar: c,
		Members: members(c, walcheren()), TightDays: 3})
	ok, krap, onh := domain.DeadlineOK, domain.DeadlineKrap, domain.DeadlineOnhaalbaar
	checkSteps(t, res, []stepWant{
		{"aanmelden", "", "2027-02-08", 0, ok},
		{"concept", "", "2027-02-15", 4, ok},
		{"vooroverleg", "", "2027-02-22", 4, ok},
		{"aanleveren", "", "2027-02-24", 1, ok},
		{"verzending", "", "2027-03-05", 6, ok},
		{"advies", "Middelburg", "2027-03-02", -4, onh},
		{"advies", "Vlissingen", "2027-03-09", 1, krap},
		{"advies", "Veere", "2027-03-11", 3, ok},
		{"college", "Middelburg", "2027-03-09", 4, ok},
		{"college", "Vlissingen", "2027-03-11", 1, ok},
		{"college", "Veere", "2027-03-12", 0, ok},
		{"vergadering", "", "2027-03-15", 0, ok},
		{"besluitenlijst", "", "2027-03-22", 4, ok},
	})
	if len(res.Skipped) != 0 {
		t.Errorf("skipped: %+v", res.Skipped)
	}
	if res.Steps[0].HasSlack() {
		t.Errorf("the first step has nothing before it")
	}
	reasons := map[string]string{}
	for _, s := range res.Steps {
		if s.Status != ok {
			reasons[s.Municipality] = Dutch(s.Reason)
		}
	}
	wantVl := "Verzending agenda en stukken aan de leden op vr 5 maart laat Vlissingen nog 1 werkdag tot ambtelijk advies bij het college aanleveren (di 9 maart); minimaal 3 nodig."
	if reasons["Vlissingen"] != wantVl {
		t.Errorf("Vlissingen:\n got %q\nwant %q", reasons["Vlissingen"], wantVl)
	}
	wantMb := "Ambtelijk advies bij het college aanleveren voor Middelburg (di 2 maart) valt niet na verzending agenda en stukken aan de leden (vr 5 maart): onhaalbaar."
	if reasons["Middelburg"] != wantMb {
		t.Errorf("Middelburg:\n got %q\nwant %q", reasons["Middelburg"], wantMb)
	}
	en := Render(res.Steps[6].Reason, i18n.English)
	if !strings.Contains(en, "Vlissingen") || !strings.Contains(en, "1 working day") || strings.Contains(en, "maart") {
		t.Errorf("English reason: %q", en)
	}
	dl := res.Deadlines()
	if dl[6].Reason != wantVl || dl[6].MunicipalityID != 2 || dl[6].MeetingID != 7 || dl[0].Reason != "" {
		t.Errorf("deadlines: %+v / %+v", dl[6], dl[0])
	}
}

// TestLinkedAO: with a real AO meeting linked, the AO step is that meeting
// and the steps anchored on it follow it; an AO too close to the PHO makes
// the verzending impossible.
func TestLinkedAO(t *testing.T) {
	c := NewCalendar(domain.DefaultSettings(), nil, nil, nil)
	ok, onh := domain.DeadlineOK, domain.DeadlineOnhaalbaar
	in := ChainInput{Date: d("2027-03-15"), Prep: d("2027-02-25"), Rules: DefaultPHOChain()[:5], Calendar: c, TightDays: 3}
	checkSteps(t, ComputeChain(in), []stepWant{
		{"aanmelden", "", "2027-02-11", 0, ok}, // Thu 25 Feb − 10 wd
		{"concept", "", "2027-02-18", 4, ok},
		{"vooroverleg", "", "2027-02-25", 4, ok},
		{"aanleveren", "", "2027-03-01", 1, ok}, // Fri 26, Mon 1
		{"verzending", "", "2027-03-05", 3, ok}, // Tue 2, Wed 3, Thu 4
	})
	in.Prep = d("2027-03-04")
	res := ComputeChain(in)
	checkSteps(t, res, []stepWant{
		{"aanmelden", "", "2027-02-18", 0, ok},
		{"concept", "", "2027-02-25", 4, ok},
		{"vooroverleg", "", "2027-03-04", 4, ok},
		{"aanleveren", "", "2027-03-08", 1, ok},
		{"verzending", "", "2027-03-05", -2, onh},
	})
	want := "Verzending agenda en stukken aan de leden (vr 5 maart) valt niet na definitieve stukken aanleveren (ma 8 maart): onhaalbaar."
	if got := Dutch(res.Steps[4].Reason); got != want {
		t.Errorf("reason:\n got %q\nwant %q", got, want)
	}
}

func TestChainRules(t *testing.T) {
	closed := []domain.ClosedDay{{Date: d("2027-05-07"), Name: "brugdag Middelburg", MunicipalityID: 1}}
	c := NewCalendar(domain.DefaultSettings(), closed, nil, nil)
	mb := walcheren()[0]
	rule := func(r domain.DeadlineRule) []domain.DeadlineRule {
		if r.Key == "" {
			r.Key, r.Name = "x", "stap"
		}
		return []domain.DeadlineRule{r}
	}
	tests := []struct {
		name  string
		date  string
		rules []domain.DeadlineRule
		want  string // due date of the last step
	}{
		{"calendar days roll earlier by default", "2027-05-07", // D − 10 = Tue 27 Apr, Koningsdag
			rule(domain.DeadlineRule{Anchor: domain.AnchorMeeting, Offset: -10, Unit: domain.Kalenderdagen}), "2027-04-26"},
		{"or later when the rule says so", "2027-05-07",
			rule(domain.DeadlineRule{Anchor: domain.AnchorMeeting, Offset: -10, Unit: domain.Kalenderdagen, Roll: domain.RollLater}), "2027-04-28"},
		{"working days skip the holiday", "2027-04-28",
			rule(domain.DeadlineRule{Anchor: domain.AnchorMeeting, Offset: -1, Unit: domain.Werkdagen}), "2027-04-26"},
		{"zero working days from a weekend rolls", "2027-05-08",
			rule(domain.DeadlineRule{Anchor: domain.AnchorMeeting, Unit: domain.Werkdagen}), "2027-05-07"},
		{"anchored on another rule", "2027-03-15", []domain.DeadlineRule{
			{Key: "a", Name: "a", Anchor: domain.AnchorMeeting, Offset: -10, Unit: domain.Kalenderdagen},
			{Key: "b", Name: "b", Anchor: domain.AnchorRule, AnchorRule: "a", Offset: -3, Unit: domain.Werkdagen}}, "2027-03-02"},
		{"anchored on a later rule", "2027-03-15", []domain.DeadlineRule{
			{Key: "b", Name: "b", Anchor: domain.AnchorRule, AnchorRule: "a", Offset: -3, Unit: domain.Werkdagen},
			{Key: "a", Name: "a", Anchor: domain.AnchorMeeting, Offset: -10, Unit: domain.Kalenderdagen}}, "2027-03-05"},
		{"the secretariat works on Middelburg's closed day", "2027-05-10",
			[]domain.DeadlineRule{{Key: "p", Name: "p", Anchor: domain.AnchorMeeting, Offset: -1, Unit: domain.Werkdagen}}, "2027-05-07"},
		{"a per-gemeente rule counts in the gemeente's calendar", "2027-05-10", // over its closed Friday and Ascension Day
			[]domain.DeadlineRule{{Key: "p", Name: "p", Anchor: domain.AnchorMeeting, Offset: -1, Unit: domain.Werkdagen, PerMunicipality: true}}, "2027-05-05"},
		{"a college on a holiday does not meet", "2027-04-01", // a Monday college skips Easter Monday 29 March
			[]domain.DeadlineRule{{Key: "c", Name: "c", Anchor: domain.AnchorCollege, Offset: -1, Unit: domain.Werkdagen, PerMunicipality: true}}, "2027-03-22"},
		{"a whole-body rule on a per-gemeente rule takes the earliest", "2027-03-15", []domain.DeadlineRule{
			{Key: "c", Name: "c", Anchor: domain.AnchorCollege, Offset: -1, Unit: domain.Werkdagen, PerMunicipality: true, UseLeadTime: true},
			{Key: "v", Name: "v", Anchor: domain.AnchorRule, AnchorRule: "c", Offset: -2, Unit: domain.Werkdagen}}, "2027-02-26"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms := []*domain.Municipality{mb}
			if strings.Contains(tc.name, "holiday does not meet") {
				ms = []*domain.Municipality{{ID: 9, Name: "Maandag", CollegeDays: []time.Weekday{time.Monday}}}
			}
			if strings.Contains(tc.name, "earliest") {
				ms = walcheren()
			}
			res := ComputeChain(ChainInput{Date: d(tc.date), Rules: tc.rules, Calendar: c, Members: members(c, ms), TightDays: 3})
			if len(res.Steps) == 0 {
				t.Fatalf("no steps; skipped %+v", res.Skipped)
			}
			if got := res.Steps[len(res.Steps)-1].Due; got != d(tc.want) {
				t.Fatalf("due %s, want %s", got, tc.want)
			}
		})
	}
}

func TestChainSkips(t *testing.T) {
	c := NewCalendar(domain.DefaultSettings(), nil, nil, nil)
	tests := []struct {
		name  string
		rules []domain.DeadlineRule
		ms    []*domain.Municipality
		key   string
	}{
		{"prep without AO step or meeting", []domain.DeadlineRule{{Key: "a", Name: "a", Anchor: domain.AnchorPrep, Offset: -5, Unit: domain.Werkdagen}},
			nil, "planning.skip.noprep"},
		{"unknown anchor rule", []domain.DeadlineRule{{Key: "a", Name: "a", Anchor: domain.AnchorRule, AnchorRule: "zz", Unit: domain.Werkdagen}},
			nil, "planning.skip.unknownrule"},
		{"cycle", []domain.DeadlineRule{
			{Key: "a", Name: "a", Anchor: domain.AnchorRule, AnchorRule: "b", Unit: domain.Werkdagen},
			{Key: "b", Name: "b", Anchor: domain.AnchorRule, AnchorRule: "a", Unit: domain.Werkdagen}}, nil, "planning.skip.cycle"},
		{"no members", []domain.DeadlineRule{{Key: "a", Name: "a", Anchor: domain.AnchorCollege, Unit: domain.Werkdagen, PerMunicipality: true}},
			nil, "planning.skip.nomembers"},
		{"no college days", []domain.DeadlineRule{{Key: "a", Name: "a", Anchor: domain.AnchorCollege, Unit: domain.Werkdagen, PerMunicipality: true}},
			[]*domain.Municipality{{ID: 4, Name: "Zonder"}}, "planning.skip.nocollege"},
		{"unknown anchor kind", []domain.DeadlineRule{{Key: "a", Name: "a", Anchor: "maan", Unit: domain.Werkdagen}}, nil, "planning.skip.anchorkind"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := ComputeChain(ChainInput{Date: d("2027-03-15"), Rules: tc.rules, Calendar: c, Members: members(c, tc.ms), TightDays: 3})
			if len(res.Skipped) == 0 || res.Skipped[0].Reason.Key != tc.key {
				t.Fatalf("skipped %+v, want %s", res.Skipped, tc.key)
			}
			if s := Dutch(res.Skipped[0].Reason); s == "" || strings.Contains(s, "%!") {
				t.Fatalf("reason renders as %q", s)
			}
		})
	}
}

// randomRules builds a chain template from rng, valid or not.
func randomRules(rng *rand.Rand, n int) []domain.DeadlineRule {
	anchors := []domain.AnchorKind{domain.AnchorMeeting, domain.AnchorRule, domain.AnchorPrep, domain.AnchorCollege}
	kinds := []domain.DeadlineKind{domain.KindAanmelden, domain.KindVooroverleg, domain.KindDispatch, domain.KindAdvies, domain.KindMeeting, domain.KindOther}
	rules := make([]domain.DeadlineRule, n)
	for i := range rules {
		r := domain.DeadlineRule{Key: string(rune('a' + i)), Name: "stap " + string(rune('a'+i)),
			Kind: kinds[rng.IntN(len(kinds))], Anchor: anchors[rng.IntN(len(anchors))],
			Offset: rng.IntN(61) - 40, Unit: domain.Werkdagen, PerMunicipality: rng.IntN(3) == 0, UseLeadTime: rng.IntN(2) == 0}
		if rng.IntN(2) == 0 {
			r.Unit = domain.Kalenderdagen
		}
		if rng.IntN(3) == 0 {
			r.Roll = domain.RollLater
		}
		if r.Anchor == domain.AnchorRule {
			r.AnchorRule = string(rune('a' + rng.IntN(n)))
		}
		rules[i] = r
	}
	return rules
}

// TestChainProperties runs random templates over random meetings and
// checks what must hold for any template: deadlines land on working days
// of whoever must act (the meeting itself and a linked AO are events, not
// deadlines), per-gemeente rules give one deadline per member gemeente or
// say why not, and slack is measured in the right calendar.
func TestChainProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	closed := []domain.ClosedDay{
		{Date: d("2027-05-07"), Name: "brugdag"},
		{Date: d("2027-03-09"), Name: "heidag Vlissingen", MunicipalityID: 2},
		{Date: d("2027-12-27"), Name: "kerst Veere", MunicipalityID: 3},
	}
	c := NewCalendar(domain.DefaultSettings(), closed, nil, nil)
	ms := members(c, walcheren())
	for i := 0; i < 3000; i++ {
		rules := randomRules(rng, 1+rng.IntN(9))
		in := ChainInput{MeetingID: int64(i), Date: d("2027-01-01") + date.Date(rng.IntN(365)), Rules: rules,
			Calendar: c, Members: ms, TightDays: rng.IntN(5)}
		if rng.IntN(2) == 0 {
			in.Prep = in.Date - date.Date(rng.IntN(30))
		}
		res := ComputeChain(in)
		perRule := map[string]int{}
		for _, s := range res.Steps {
			perRule[s.RuleKey]++
			r := rules[s.Rule]
			event := r.Kind == domain.KindMeeting || r.Kind == domain.KindVooroverleg && !in.Prep.IsZero()
			cal := c.ForMunicipality(s.MunicipalityID)
			if !event && !cal.IsWorkingDay(s.Due) {
				t.Fatalf("template %+v on %s: %s due %s is not a working day of gemeente %d", rules, in.Date, s.RuleKey, s.Due, s.MunicipalityID)
			}
			if r.PerMunicipality != (s.MunicipalityID != 0) {
				t.Fatalf("%s: per gemeente %v but municipality %d", s.RuleKey, r.PerMunicipality, s.MunicipalityID)
			}
			if s.Status != domain.DeadlineOK && s.Reason.IsZero() {
				t.Fatalf("%s is %s without a reason", s.RuleKey, s.Status)
			}
			for _, g := range s.Gaps {
				if want := c.ForMunicipality(g.MunicipalityID).WorkdaysBetween(g.PrevDue, s.Due) - 1; g.Slack != want {
					t.Fatalf("%s: slack %d, want %d", s.RuleKey, g.Slack, want)
				}
				if (g.Slack < 0) != (g.Status == domain.DeadlineOnhaalbaar) {
					t.Fatalf("%s: slack %d but %s", s.RuleKey, g.Slack, g.Status)
				}
			}
		}
		for _, sk := range res.Skipped {
			perRule[sk.RuleKey]++
		}
		for _, r := range rules {
			want := 1
			if r.PerMunicipality {
				want = len(ms)
			}
			if perRule[r.Key] != want {
				t.Fatalf("template %+v: rule %s gave %d deadlines or skips, want %d", rules, r.Key, perRule[r.Key], want)
			}
		}
	}
}

func FuzzComputeChain(f *testing.F) {
	f.Add(uint64(1), uint8(5), int32(739300), int32(0))
	f.Add(uint64(99), uint8(9), int32(739350), int32(12))
	f.Add(uint64(7), uint8(1), int32(4), int32(-3))
	c := NewCalendar(domain.DefaultSettings(), []domain.ClosedDay{{Date: d("2027-03-09"), Name: "heidag", MunicipalityID: 2}}, nil, nil)
	ms := members(c, walcheren())
	f.Fuzz(func(t *testing.T, seed uint64, n uint8, day, prep int32) {
		rng := rand.New(rand.NewPCG(seed, seed>>7))
		in := ChainInput{Date: clampFuzzDate(day), Rules: randomRules(rng, 1+int(n%12)), Calendar: c, Members: ms, TightDays: 3}
		if prep != 0 {
			in.Prep = in.Date - date.Date(prep%60)
		}
		res := ComputeChain(in)
		for _, s := range res.Steps {
			if s.Due < minDate || s.Due > maxDate {
				t.Fatalf("due date %d out of range", s.Due)
			}
			_ = Dutch(s.Reason)
		}
		for _, s := range res.Skipped {
			if s.Reason.IsZero() {
				t.Fatalf("skipped without reason")
			}
		}
	})
}

func clampFuzzDate(x int32) date.Date {
	v := date.Date(x)
	if v < 0 {
		v = -v
	}
	return v%maxDate + 1
}

func BenchmarkComputeChainPHO(b *testing.B) {
	c := NewCalendar(domain.DefaultSettings(), nil, nil, nil)
	c.Prepare(2026, 2028)
	var ms []*domain.Municipality
	for i := 0; i < 10; i++ {
		ms = append(ms, &domain.Municipality{ID: int64(i + 1), Name: "G", CollegeDays: []time.Weekday{time.Weekday(1 + i%5)}, CollegeLeadDays: i % 4})
	}
	in := ChainInput{Date: d("2027-03-18"), Rules: DefaultPHOChain(), Calendar: c, Members: members(c, ms), TightDays: 3}
	for i := 0; b.Loop(); i++ {
		in.Date = d("2027-01-04") + date.Date(i%300)
		ComputeChain(in)
	}
}
