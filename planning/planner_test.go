package planning

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
)

func TestPlannerDeadlinesFollowMembership(t *testing.T) {
	p := NewPlanner(fixture())
	count := func(meetingID int64) map[int64]int {
		dl, err := p.Deadlines(meetingID)
		if err != nil {
			t.Fatal(err)
		}
		per := map[int64]int{}
		for _, x := range dl {
			if x.MunicipalityID != 0 {
				per[x.MunicipalityID]++
			}
			if x.MeetingID != meetingID {
				t.Fatalf("deadline of meeting %d in meeting %d", x.MeetingID, meetingID)
			}
		}
		return per
	}
	// March: Tholen is still a member of Jeugd Zeeland; June: it has left.
	if got := count(3); len(got) != 5 || got[gTholen] != 2 {
		t.Errorf("PHO Jeugd in March: per-gemeente deadlines %v, want 2 for each of 5 gemeenten", got)
	}
	if got := count(4); len(got) != 4 || got[gTholen] != 0 {
		t.Errorf("PHO Jeugd in June: per-gemeente deadlines %v, want 4 gemeenten without Tholen", got)
	}
	if got := count(2); len(got) != 3 {
		t.Errorf("PHO Walcheren: %v", got)
	}
	if _, err := p.Deadlines(999); err == nil {
		t.Errorf("unknown meeting gives no error")
	}
	if dl, _ := p.Deadlines(11); len(dl) != 0 {
		t.Errorf("a cancelled meeting has %d deadlines", len(dl))
	}
}

func TestPlannerLinkedAO(t *testing.T) {
	p := NewPlanner(fixture())
	r, err := p.Chain(2) // prepared by the AO of Thursday 25 February
	if err != nil {
		t.Fatal(err)
	}
	if r.Prep != d("2027-02-25") {
		t.Fatalf("prep %s", r.Prep)
	}
	for _, s := range r.Steps {
		if s.RuleKey == "vooroverleg" && s.Due != d("2027-02-25") {
			t.Errorf("the AO step is the AO meeting: %s", s.Due)
		}
		if s.RuleKey == "aanmelden" && s.Due != d("2027-02-11") {
			t.Errorf("aanmelden = AO − 10 werkdagen: %s", s.Due)
		}
	}
	// Cancel the AO: the chain falls back to D − 15 werkdagen.
	ds := fixture()
	ds.Meetings[0].Status = domain.StatusGeannuleerd
	r, _ = NewPlanner(ds).Chain(2)
	if r.Prep != 0 {
		t.Errorf("a cancelled AO still counts: %s", r.Prep)
	}
}

func TestAllDeadlines(t *testing.T) {
	p := NewPlanner(fixture())
	all := p.AllDeadlines(0, 0)
	march := p.AllDeadlines(d("2027-03-01"), d("2027-03-31"))
	if len(all) == 0 || len(march) == 0 || len(march) >= len(all) {
		t.Fatalf("%d deadlines, %d in March", len(all), len(march))
	}
	if !sort.SliceIsSorted(all, func(i, j int) bool { return all[i].Due < all[j].Due }) {
		t.Errorf("not sorted by due date")
	}
	for _, x := range march {
		if x.Due < d("2027-03-01") || x.Due > d("2027-03-31") {
			t.Errorf("%+v outside March", x)
		}
	}
	n := 0
	for _, x := range all {
		if x.MeetingID == 11 {
			t.Errorf("deadline of a cancelled meeting: %+v", x)
		}
		if x.Due >= d("2027-03-01") && x.Due <= d("2027-03-31") {
			n++
		}
	}
	if n != len(march) {
		t.Errorf("filtering gives %d, the full list has %d in March", len(march), n)
	}
}

func TestSortDeadlines(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for n := 0; n < 300; n += 7 {
		ds := make([]domain.Deadline, n)
		for i := range ds {
			ds[i] = domain.Deadline{Due: d("2027-03-01") + date.Date(rng.IntN(10)), MeetingID: int64(rng.IntN(5)), RuleKey: fmt.Sprint(i)}
		}
		want := slices.Clone(ds)
		sort.SliceStable(want, func(i, j int) bool {
			if want[i].Due != want[j].Due {
				return want[i].Due < want[j].Due
			}
			return want[i].MeetingID < want[j].MeetingID
		})
		sortDeadlines(ds)
		if !slices.Equal(ds, want) {
			t.Fatalf("n=%d: sortDeadlines differs from a stable sort", n)
		}
	}
}
