package planning

import (
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// tuesdayColleges is a PHO of two gemeenten whose colleges meet on
// Tuesday with one working day of lead time, and a second body that shares
// their wethouders. With the default chain, a PHO on weekday W leaves them
// (verzending D − 10 kalenderdagen, advice the Monday before the last
// Tuesday at least a working day before D):
//
//	Mon: verzending Fri D−10, advice Mon D−7: 0 days between
//	Tue: verzending Fri D−11 (D−10 is a Saturday), advice Mon D−8: 0
//	Wed: verzending Fri D−12 (a Sunday rolled back), advice Mon D−2: 5
//	Thu: verzending Mon D−10, advice Mon D−3: 4
//	Fri: verzending Tue D−10, advice Mon D−4: 3
//
// so Wednesday is best, unless something else is planned then.
func tuesdayColleges() *domain.Dataset {
	since := d("2020-01-01")
	ds := &domain.Dataset{Settings: domain.DefaultSettings()}
	for i := int64(1); i <= 2; i++ {
		ds.Municipalities = append(ds.Municipalities, domain.Municipality{ID: i, Name: []string{"", "Borsele", "Kapelle"}[i],
			CollegeDays: []time.Weekday{time.Tuesday}, CollegeLeadDays: 1, Region: domain.RegionZuid})
		ds.People = append(ds.People, domain.Person{ID: 10 + i, Name: "Wethouder", MunicipalityID: i, Role: domain.PersonBestuurder})
	}
	ds.Partnerships = []domain.Partnership{{ID: 1, Name: "Bevelanden", Members: []domain.Membership{{MunicipalityID: 1, From: since}, {MunicipalityID: 2, From: since}}}}
	seats := []domain.BodyMember{{PersonID: 11, Role: domain.RoleVoorzitter}, {PersonID: 12, Role: domain.RoleLid}}
	ds.Bodies = []domain.Body{
		{ID: 1, PartnershipID: 1, Kind: domain.BodyPHO, Name: "PHO Bevelanden", StartMinute: 14 * 60, Duration: 120, Location: "Kapelle",
			Rhythm: domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: time.Monday, Nth: 1}, Chain: DefaultPHOChain(), Members: seats},
		{ID: 2, PartnershipID: 1, Kind: domain.BodyStuurgroep, Name: "Stuurgroep", StartMinute: 13 * 60, Duration: 180, Members: seats},
	}
	return ds
}

func TestProposePrefersTheDayThatLeavesTime(t *testing.T) {
	p := NewPlanner(tuesdayColleges())
	props, err := p.Propose(1, 2027, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(props) != 3 {
		t.Fatalf("%d proposals", len(props))
	}
	best := props[0]
	if best.Rhythm.Weekday != time.Wednesday || best.MinSlack < 4 {
		t.Fatalf("best %s (min slack %d), want a Wednesday", Dutch(best.Label), best.MinSlack)
	}
	for i := 1; i < len(props); i++ {
		if props[i].Score > props[i-1].Score {
			t.Errorf("not sorted by score")
		}
	}
	for _, pr := range props {
		want := pr.MinSlack - 3*len(pr.Conflicts) - 2*pr.Skipped - pr.Moved - pr.SchoolHolidays
		if pr.Score != want {
			t.Errorf("%s: score %d, parts give %d", Dutch(pr.Label), pr.Score, want)
		}
		if len(pr.Explanation) < 3 {
			t.Errorf("explanation %v", pr.Explanation)
		}
		for _, m := range pr.Explanation {
			if s := Dutch(m); strings.Contains(s, "%!") || strings.HasPrefix(s, "planning.") {
				t.Errorf("explanation renders as %q", s)
			}
		}
	}
	all, _ := p.Propose(1, 2027, 1000)
	if len(all) != 25 {
		t.Errorf("%d monthly candidates, want 5 weekdays × 5", len(all))
	}
	current := 0
	for _, pr := range all {
		if pr.Current {
			current++
			if pr.Rhythm.Weekday != time.Monday || pr.Rhythm.Nth != 1 {
				t.Errorf("current rhythm %+v", pr.Rhythm)
			}
		}
	}
	if current != 1 {
		t.Errorf("%d proposals marked current", current)
	}
}

func TestProposeAvoidsSharedMembers(t *testing.T) {
	ds := tuesdayColleges()
	// The stuurgroep, with the same wethouders, already meets every
	// Wednesday afternoon.
	id := int64(1)
	for x := d("2027-01-06"); x.Year() == 2027; x += 7 {
		s := x.At(13, 0, domain.Amsterdam())
		ds.Meetings = append(ds.Meetings, domain.Meeting{ID: id, BodyID: 2, Start: s, End: s.Add(3 * time.Hour), Status: domain.StatusGepland})
		id++
	}
	p := NewPlanner(ds)
	props, err := p.Propose(1, 2027, 3)
	if err != nil {
		t.Fatal(err)
	}
	if props[0].Rhythm.Weekday == time.Wednesday || len(props[0].Conflicts) != 0 {
		t.Fatalf("best %s with %d conflicts", Dutch(props[0].Label), len(props[0].Conflicts))
	}
	if props[0].Rhythm.Weekday != time.Thursday {
		t.Errorf("best %s, want the next best day, Thursday", Dutch(props[0].Label))
	}
	all, _ := p.Propose(1, 2027, 1000)
	for _, pr := range all {
		if pr.Rhythm.Weekday == time.Wednesday && len(pr.Conflicts) == 0 {
			t.Errorf("%s has no conflicts", Dutch(pr.Label))
		}
	}
	if _, err := p.Propose(99, 2027, 1); err == nil {
		t.Error("unknown body")
	}
}

func TestCandidateRhythms(t *testing.T) {
	if n := len(candidateRhythms(domain.Rhythm{Kind: domain.RhythmWeeks, Interval: 2}, 2027)); n != 10 {
		t.Errorf("two-weekly: %d candidates, want 5 weekdays × 2 phases", n)
	}
	if n := len(candidateRhythms(domain.Rhythm{Kind: domain.RhythmMonthly, Interval: 3}, 2027)); n != 75 {
		t.Errorf("quarterly: %d candidates, want 25 × 3 phases", n)
	}
	if n := len(candidateRhythms(domain.Rhythm{}, 2027)); n != 25+20 {
		t.Errorf("no rhythm: %d candidates", n)
	}
	seen := map[string]bool{}
	for _, r := range candidateRhythms(domain.Rhythm{Kind: domain.RhythmWeeks, Interval: 4}, 2027) {
		k := dates(RhythmDates(r, 2027))
		if seen[k] {
			t.Errorf("duplicate candidate %+v", r)
		}
		seen[k] = true
	}
}

func TestRhythmLabel(t *testing.T) {
	for _, tc := range []struct {
		r      domain.Rhythm
		nl, en string
	}{
		{domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: time.Thursday, Nth: 3}, "elke derde donderdag van de maand", "every third Thursday of the month"},
		{domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: time.Friday, Nth: -1, Interval: 3, Start: d("2027-02-01")},
			"om de 3 maanden de laatste vrijdag, vanaf februari", "every 3 months on the last Friday, from February"},
		{domain.Rhythm{Kind: domain.RhythmWeeks, Weekday: time.Tuesday, Interval: 1}, "elke week op dinsdag", "every week on Tuesday"},
		{domain.Rhythm{Kind: domain.RhythmWeeks, Weekday: time.Tuesday, Interval: 2, Start: d("2027-01-05")},
			"om de 2 weken op dinsdag, vanaf di 5 januari 2027", "every 2 weeks on Tuesday, from Tue 5 January 2027"},
		{domain.Rhythm{}, "geen vast ritme", "no fixed rhythm"},
	} {
		if got := Render(RhythmLabel(tc.r), i18n.Dutch); got != tc.nl {
			t.Errorf("nl %q, want %q", got, tc.nl)
		}
		if got := Render(RhythmLabel(tc.r), i18n.English); got != tc.en {
			t.Errorf("en %q, want %q", got, tc.en)
		}
	}
}

func BenchmarkPropose(b *testing.B) {
	ds := nationalDataset(2027)
	p := NewPlanner(ds)
	for b.Loop() {
		if _, err := p.Propose(1, 2027, 5); err != nil {
			b.Fatal(err)
		}
	}
}
