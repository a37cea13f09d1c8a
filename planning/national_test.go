package planning

import (
	"fmt"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
)

// nationalDataset builds the national-scale case of the performance
// targets: 342 gemeenten, 300 bodies (PHOs with the default chain) of 10
// member gemeenten each, 12 meetings a year per body, in year. Gemeenten
// have 4 wethouders, one per policy cluster, so that a wethouder sits in
// several bodies (as real ones do) and some meetings clash; 30 regional
// secretariats serve ten partnerships each; two bodies share a room.
func nationalDataset(year int) *domain.Dataset {
	const gemeenten, bodies, size = 342, 300, 10
	ds := &domain.Dataset{Settings: domain.DefaultSettings()}
	since := date.New(2000, time.January, 1)
	for g := 1; g <= gemeenten; g++ {
		days := []time.Weekday{time.Weekday(1 + g%5)}
		if g%7 == 0 {
			days = append(days, time.Weekday(1+(g+2)%5))
		}
		ds.Municipalities = append(ds.Municipalities, domain.Municipality{ID: int64(g), Name: fmt.Sprintf("Gemeente %03d", g),
			CBSCode: fmt.Sprintf("GM%04d", g), CollegeDays: days, CollegeLeadDays: 1 + g%6, Region: domain.SchoolRegions()[g%3]})
		for w := 0; w < 4; w++ {
			ds.People = append(ds.People, domain.Person{ID: int64(g*10 + w), Name: fmt.Sprintf("Wethouder %d-%d", g, w),
				MunicipalityID: int64(g), Role: domain.PersonBestuurder})
		}
		if g%25 == 0 { // some gemeenten close between Christmas and New Year
			ds.ClosedDays = append(ds.ClosedDays, domain.ClosedDay{MunicipalityID: int64(g), Date: date.New(year, time.December, 28), Name: "dicht"},
				domain.ClosedDay{MunicipalityID: int64(g), Date: date.New(year, time.May, 7), Name: "brugdag"})
		}
	}
	// 30 regional secretariats, each serving ten partnerships.
	for k := 0; k < 30; k++ {
		ds.People = append(ds.People, domain.Person{ID: int64(90000 + k), Name: fmt.Sprintf("Secretariaat %d", k), Role: domain.PersonSecretaris})
	}
	ds.Recesses = []domain.Recess{{Name: "Zomerreces", From: date.New(year, time.July, 12), To: date.New(year, time.August, 20)}}
	id := int64(1)
	for b := 0; b < bodies; b++ {
		part := domain.Partnership{ID: int64(b + 1), Name: fmt.Sprintf("Samenwerking %d", b), LegalForm: domain.LegalFormConvenant}
		body := domain.Body{ID: int64(b + 1), PartnershipID: part.ID, Kind: domain.BodyPHO, Name: fmt.Sprintf("PHO %d", b),
			StartMinute: (9 + 2*(b%4)) * 60, Duration: 120, Location: fmt.Sprintf("Zaal %d", b%150), Chain: DefaultPHOChain(),
			Rhythm: domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: time.Weekday(1 + b%5), Nth: 1 + b%4}}
		first := (b * 7) % gemeenten
		for k := 0; k < size; k++ {
			g := int64((first+k*3)%gemeenten + 1)
			part.Members = append(part.Members, domain.Membership{MunicipalityID: g, From: since})
			body.Members = append(body.Members, domain.BodyMember{PersonID: g*10 + int64(b%4), Role: domain.RoleLid})
		}
		body.Members = append(body.Members, domain.BodyMember{PersonID: int64(90000 + b%30), Role: domain.RoleSecretaris})
		ds.Partnerships = append(ds.Partnerships, part)
		ds.Bodies = append(ds.Bodies, body)
		for _, x := range RhythmDates(body.Rhythm, year) {
			s, e := MeetingTimes(&body, x)
			ds.Meetings = append(ds.Meetings, domain.Meeting{ID: id, BodyID: body.ID, Start: s, End: e, Location: body.Location, Status: domain.StatusGepland})
			id++
		}
	}
	return ds
}

func TestNationalDataset(t *testing.T) {
	ds := nationalDataset(2027)
	if len(ds.Meetings) != 3600 || len(ds.Bodies) != 300 || len(ds.Municipalities) != 342 {
		t.Fatalf("%d meetings, %d bodies, %d gemeenten", len(ds.Meetings), len(ds.Bodies), len(ds.Municipalities))
	}
	p := NewPlanner(ds)
	all := p.AllDeadlines(0, 0)
	if len(all) != 3600*(7+2*10) {
		t.Fatalf("%d deadlines, want 97,200", len(all))
	}
	counts := map[domain.DeadlineStatus]int{}
	for _, x := range all {
		counts[x.Status]++
		if x.Kind != domain.KindMeeting && !p.MunicipalityCalendar(x.MunicipalityID).IsWorkingDay(x.Due) {
			t.Fatalf("%+v is not on a working day", x)
		}
	}
	t.Logf("deadlines by status: %v; conflicts: %d", counts, len(p.Conflicts()))
}

// BenchmarkNationalDeadlines measures computing every deadline with its
// feasibility for a year at national scale (target: < 100 ms on one core).
func BenchmarkNationalDeadlines(b *testing.B) {
	p := NewPlanner(nationalDataset(2027))
	b.ReportAllocs()
	for b.Loop() {
		p.AllDeadlines(0, 0)
	}
}

// BenchmarkNationalConflicts measures finding every conflict at national
// scale, including building the interval index (target: < 50 ms).
func BenchmarkNationalConflicts(b *testing.B) {
	ds := nationalDataset(2027)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		p := NewPlanner(ds)
		b.StartTimer()
		p.Conflicts()
	}
}

// BenchmarkNationalPlanner measures indexing the national dataset.
func BenchmarkNationalPlanner(b *testing.B) {
	ds := nationalDataset(2027)
	b.ReportAllocs()
	for b.Loop() {
		NewPlanner(ds)
	}
}
