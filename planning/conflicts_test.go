package planning

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

func conflictKeys(cs []Conflict) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s %s %v p%d", c.Date, c.Kind, c.MeetingIDs, c.PersonID))
	}
	return out
}

func TestConflicts(t *testing.T) {
	p := NewPlanner(fixture())
	got := conflictKeys(p.Conflicts())
	want := []string{
		// 18 March: the two PHOs overlap; Middelburg's wethouder and the
		// secretary sit in both. Vlissingen's wethouder sent a substitute,
		// Veere's sent apologies to the Jeugd PHO.
		"2027-03-18 persoon [2 3] p101",
		"2027-03-18 persoon [2 3] p300",
		// 8 April: the Walcheren PHO (13–15) and the Jeugd PHO (15–17) only
		// touch; the AO (14–15, online) overlaps the PHO for the secretary.
		"2027-04-08 persoon [9 10] p300",
		"2027-05-06 feestdag [5] p0",
		// 15 July: in recess, both in Goes's Raadszaal, same people.
		"2027-07-15 locatie [6 7] p0",
		"2027-07-15 persoon [6 7] p101",
		"2027-07-15 persoon [6 7] p102",
		"2027-07-15 persoon [6 7] p103",
		"2027-07-15 persoon [6 7] p300",
		"2027-07-15 reces [6] p0",
		"2027-07-15 reces [7] p0",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("conflicts:\n got %q\nwant %q", got, want)
	}
	cs := p.Conflicts()
	for _, c := range cs {
		if s := Dutch(c.Message); s == "" || c.Message.IsZero() {
			t.Errorf("%+v has no message", c)
		}
	}
	if msg := Dutch(cs[0].Message); msg != "Wethouder Middelburg (Middelburg) zit op do 18 maart 2027 in PHO Werk Walcheren (14:00–16:00) en in PHO Jeugd Zeeland (15:00–17:00)." {
		t.Errorf("message %q", msg)
	}
	if cs[0].MunicipalityID != gMiddelburg || cs[1].MunicipalityID != 0 {
		t.Errorf("gemeente of the double-booked: %d, %d", cs[0].MunicipalityID, cs[1].MunicipalityID)
	}
	if msg := Dutch(cs[3].Message); msg != "PHO Werk Walcheren op do 6 mei 2027 valt op Hemelvaartsdag." {
		t.Errorf("message %q", msg)
	}
}

func TestConflictsFor(t *testing.T) {
	p := NewPlanner(fixture())
	// A Walcheren PHO at 15:30 on 18 March clashes with the PHO of 14:00
	// (its own body, unless ignored) and the Jeugd PHO.
	m := domain.Meeting{BodyID: bPHOWalcheren, Start: at("2027-03-18", 15, 30), End: at("2027-03-18", 16, 30), Location: "Stadhuis Middelburg, Burgerzaal"}
	got := conflictKeys(p.ConflictsFor(&m, nil))
	want := []string{"2027-03-18 locatie [2 0] p0", "2027-03-18 persoon [2 0] p101", "2027-03-18 persoon [2 0] p102",
		"2027-03-18 persoon [2 0] p103", "2027-03-18 persoon [2 0] p300", "2027-03-18 persoon [3 0] p101", "2027-03-18 persoon [3 0] p300"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	own := func(o *domain.Meeting) bool { return o.BodyID == bPHOWalcheren }
	if got := conflictKeys(p.ConflictsFor(&m, own)); len(got) != 2 {
		t.Errorf("ignoring the body's own meetings: %q", got)
	}
	// Meeting 2 itself, checked as it stands, conflicts with the Jeugd PHO only.
	if got := conflictKeys(p.ConflictsFor(p.Index().Meetings[2], nil)); len(got) != 2 {
		t.Errorf("meeting 2: %q", got)
	}
}

// TestAttendeesMatchMeetingSeats keeps our lean attendee list in line with
// domain.Index.MeetingSeats, the one definition of who sits at a meeting.
func TestAttendeesMatchMeetingSeats(t *testing.T) {
	ds := fixture()
	// Every kind of answer: a substitute, apologies, apologies with a
	// substitute named anyway, a confirmation, a substitute who already
	// sits (counted once), and a seat that has ended.
	ds.Meetings[3].Attendance = []domain.Attendance{ // the Jeugd PHO of 10 June
		{PersonID: wGoes, Status: domain.AttendanceVervangen, SubstituteID: 200 + gGoes},
		{PersonID: wMiddelburg, Status: domain.AttendanceAfgemeld, SubstituteID: aMiddelburg},
		{PersonID: wVlissingen, Status: domain.AttendanceAanwezig},
		{PersonID: wVeere, Status: domain.AttendanceVervangen, SubstituteID: wVlissingen},
	}
	ds.Bodies[2].Members[4].Until = d("2027-05-01") // Tholen's wethouder leaves before 10 June
	p := NewPlanner(ds)
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		var want []int64
		for _, s := range p.Index().MeetingSeats(m) {
			if s.Attends() {
				if id := s.Attendee().ID; !containsID(want, id) {
					want = append(want, id)
				}
			}
		}
		got := p.Attendees(m)
		sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
		sort.Slice(want, func(i, j int) bool { return want[i] < want[j] })
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("meeting %d: attendees %v, seats say %v", m.ID, got, want)
		}
	}
}

func TestNormalizeLocation(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Stadskantoor Goes, Raadszaal", "stadskantoor goes raadszaal"},
		{"  stadskantoor   goes -  RAADSZAAL ", "stadskantoor goes raadszaal"},
		{"Online (Teams)", ""},
		{"Digitaal via Zoom", ""},
		{"", ""},
		{"Gemeentehuis ’s-Heer Arendskerke", "gemeentehuis s heer arendskerke"},
	} {
		if got := normalizeLocation(tc.in); got != tc.want {
			t.Errorf("normalizeLocation(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestConflictsMatchBruteForce compares the sweep with a check of every
// pair of meetings, on random meetings.
func TestConflictsMatchBruteForce(t *testing.T) {
	ds := fixture()
	rng := rand.New(rand.NewPCG(9, 9))
	bodies := []int64{bPHOWalcheren, bAOWalcheren, bPHOJeugd}
	locs := []string{"Zaal A", "zaal a", "Zaal B", "Online"}
	ds.Meetings = nil
	for i := 0; i < 300; i++ {
		start := d("2027-03-01").At(8+rng.IntN(9), 15*rng.IntN(4), domain.Amsterdam()).Add(time.Duration(rng.IntN(10)) * 24 * time.Hour)
		ds.Meetings = append(ds.Meetings, domain.Meeting{ID: int64(i + 1), BodyID: bodies[rng.IntN(3)], Start: start,
			End: start.Add(time.Duration(30+30*rng.IntN(5)) * time.Minute), Location: locs[rng.IntN(4)], Status: domain.StatusGepland})
	}
	p := NewPlanner(ds)
	want := map[string]bool{}
	for i := range ds.Meetings {
		for j := i + 1; j < len(ds.Meetings); j++ {
			a, b := &ds.Meetings[i], &ds.Meetings[j]
			if !(a.Start.Before(b.End) && b.Start.Before(a.End)) {
				continue
			}
			a, b = orderMeetings(a, b)
			for _, x := range p.Attendees(a) {
				if containsID(p.Attendees(b), x) {
					want[fmt.Sprintf("persoon %d %d %d", a.ID, b.ID, x)] = true
				}
			}
			if la := normalizeLocation(a.Location); la != "" && la == normalizeLocation(b.Location) {
				want[fmt.Sprintf("locatie %d %d 0", a.ID, b.ID)] = true
			}
		}
	}
	got := map[string]bool{}
	for _, c := range p.Conflicts() {
		if c.Kind == ConflictPerson || c.Kind == ConflictLocation {
			k := fmt.Sprintf("%s %d %d %d", c.Kind, c.MeetingIDs[0], c.MeetingIDs[1], c.PersonID)
			if got[k] {
				t.Errorf("reported twice: %s", k)
			}
			got[k] = true
		}
	}
	if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("sweep found %d, pairs %d", len(got), len(want))
	}
	// And ConflictsFor agrees with Conflicts for each meeting.
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		n := 0
		for _, c := range p.ConflictsFor(m, nil) {
			if c.Kind == ConflictPerson || c.Kind == ConflictLocation {
				if !got[fmt.Sprintf("%s %d %d %d", c.Kind, c.MeetingIDs[0], c.MeetingIDs[1], c.PersonID)] {
					t.Fatalf("ConflictsFor(%d) has %+v", m.ID, c)
				}
				n++
			}
		}
		m2 := 0
		for k := range got {
			var kind string
			var a, b, x int64
			fmt.Sscan(k, &kind, &a, &b, &x)
			if a == m.ID || b == m.ID {
				m2++
			}
		}
		if n != m2 {
			t.Fatalf("meeting %d: ConflictsFor %d, Conflicts %d", m.ID, n, m2)
		}
	}
}

// FuzzNormalizeLocation: locations are typed by users; the key must be
// stable (normalising twice changes nothing) and never panic.
func FuzzNormalizeLocation(f *testing.F) {
	for _, s := range []string{"Stadskantoor Goes, Raadszaal", "Online (Teams)", "", "  ’s-Hertogenbosch  ", "Zaal\x00A", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := normalizeLocation(s)
		if normalizeLocation(k) != k {
			t.Fatalf("%q → %q → %q", s, k, normalizeLocation(k))
		}
		if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
			t.Fatalf("%q → %q has stray spaces", s, k)
		}
	})
}
