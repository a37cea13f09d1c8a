package demo

import (
	"fmt"
	"sort"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
)

// bodySpec describes one body of the demo and how its meetings recur.
type bodySpec struct {
	id, partnership int64
	kind            domain.BodyKind
	name, location  string
	start, duration int // minutes
	rhythm          domain.Rhythm
	preparedBy      int64 // body id
	// members: which kinds of people of the member gemeenten sit in it.
	seats personKind
	// only these gemeenten send a member (nil: all member gemeenten).
	only []int64
}

// IDs of the bodies.
const (
	bodyOrionisPHO int64 = iota + 1
	bodyOrionisAO
	bodyJeugdPHO
	bodyJeugdAO
	bodyOSPHO
	bodyOSAO
	bodyZVPHO
	bodyZVAO
	bodyVRZAB
	bodyVRZDB
)

func bodySpecs() []bodySpec {
	w := func(kind domain.RhythmKind, wd time.Weekday, nth, interval int) domain.Rhythm {
		return domain.Rhythm{Kind: kind, Weekday: wd, Nth: nth, Interval: interval}
	}
	none := domain.Rhythm{}
	return []bodySpec{
		{bodyOrionisPHO, Orionis, domain.BodyPHO, "PHO Werk en Inkomen Walcheren", "Orionis Walcheren, Vlissingen — vergaderzaal Westerschelde", 14 * 60, 120,
			w(domain.RhythmMonthly, time.Thursday, 3, 1), bodyOrionisAO, wethouderSociaal, nil},
		{bodyOrionisAO, Orionis, domain.BodyAO, "AO Werk en Inkomen Walcheren", "Orionis Walcheren, Vlissingen — kamer 2.14", 10 * 60, 90,
			none, 0, adviseurWerk, nil},
		{bodyJeugdPHO, JeugdZeeland, domain.BodyPHO, "PHO Jeugd Zeeland", "Stadskantoor Goes, Raadszaal", 10 * 60, 150,
			w(domain.RhythmMonthly, time.Thursday, 2, 2), bodyJeugdAO, wethouderSociaal, nil},
		{bodyJeugdAO, JeugdZeeland, domain.BodyAO, "AO Jeugd Zeeland", "Stadskantoor Goes, zaal 3", 13*60 + 30, 120,
			none, 0, adviseurSociaal, nil},
		{bodyOSPHO, Oosterschelde, domain.BodyPHO, "PHO Sociaal Domein Oosterschelde", "Gemeentehuis Kapelle, Raadszaal", 13*60 + 30, 120,
			w(domain.RhythmMonthly, time.Wednesday, 3, 1), bodyOSAO, wethouderSociaal, nil},
		{bodyOSAO, Oosterschelde, domain.BodyAO, "AO Sociaal Domein Oosterschelde", "Online (Teams)", 9*60 + 30, 90,
			none, 0, adviseurSociaal, nil},
		{bodyZVPHO, ZeeuwsVlaanderen, domain.BodyPHO, "PHO Sociaal Domein Zeeuws-Vlaanderen", "Stadhuis Terneuzen, Burgerzaal", 15 * 60, 90,
			w(domain.RhythmMonthly, time.Thursday, 1, 2), bodyZVAO, wethouderSociaal, nil},
		{bodyZVAO, ZeeuwsVlaanderen, domain.BodyAO, "AO Sociaal Domein Zeeuws-Vlaanderen", "Stadhuis Terneuzen, kamer 1.02", 10 * 60, 90,
			none, 0, adviseurSociaal, nil},
		{bodyVRZAB, Veiligheidsregio, domain.BodyAB, "Algemeen Bestuur Veiligheidsregio Zeeland", "Veiligheidsregio Zeeland, Middelburg — bestuurskamer", 16 * 60, 120,
			w(domain.RhythmMonthly, time.Friday, 2, 3), bodyVRZDB, burgemeester, nil},
		{bodyVRZDB, Veiligheidsregio, domain.BodyDB, "Dagelijks Bestuur Veiligheidsregio Zeeland", "Veiligheidsregio Zeeland, Middelburg — bestuurskamer", 9 * 60, 90,
			none, 0, burgemeester, []int64{Middelburg, Terneuzen, Goes, SchouwenDuiveland}},
	}
}

// Calendar is what the demo needs to know about days: whether a day is a
// working day of the secretariat. The planning engine's work calendar
// provides it.
type Calendar interface {
	IsWorkingDay(d date.Date) bool
}

// Build returns the demo region for the current year of today and the next
// year, with meetings before today held and those after it planned; cal
// keeps meetings off holidays and weekends, chains gives each body its
// deadline chain template.
func Build(today date.Date, cal Calendar, chains func(domain.BodyKind) []domain.DeadlineRule) (*domain.Dataset, error) {
	year := today.Year()
	ds := &domain.Dataset{
		Municipalities: municipalities(),
		Partnerships:   partnerships(year),
		Settings:       settings(),
	}
	for i := range ds.Municipalities {
		ds.Municipalities[i].Region = domain.RegionZuid // all of Zeeland is in the southern school-holiday region
	}
	var pix peopleIndex
	ds.People, pix = people(ds.Municipalities, ds.Partnerships)
	ix := domain.NewIndex(ds)

	for y := year; y <= year+1; y++ {
		ds.Recesses = append(ds.Recesses,
			domain.Recess{Name: fmt.Sprintf("Zomerreces %d", y), From: date.New(y, time.July, 11), To: date.New(y, time.August, 23)},
			domain.Recess{Name: fmt.Sprintf("Kerstreces %d", y), From: date.New(y, time.December, 21), To: date.New(y+1, time.January, 3)})
	}
	inRecess := func(d date.Date) bool {
		for _, r := range ds.Recesses {
			if r.Contains(d) {
				return true
			}
		}
		return false
	}
	open := func(d date.Date) bool { return cal.IsWorkingDay(d) && !inRecess(d) }

	for _, sp := range bodySpecs() {
		b := domain.Body{ID: sp.id, PartnershipID: sp.partnership, Kind: sp.kind, Name: sp.name, Location: sp.location,
			StartMinute: sp.start, Duration: sp.duration, Rhythm: sp.rhythm, PreparedByID: sp.preparedBy,
			SecretaryID: pix.secretary[sp.partnership], Chain: chains(sp.kind)}
		b.StandingItems = append(standingOpen(sp.kind), standingClose()...)
		p := ix.Partnerships[sp.partnership]
		first := true
		for _, mid := range p.MembersOn(date.New(year+1, time.January, 1)) {
			if sp.only != nil && !contains(sp.only, mid) {
				continue
			}
			pid := pix.byMun[mid][sp.seats]
			if pid == 0 {
				continue
			}
			role := domain.RoleLid
			if first {
				role = domain.RoleVoorzitter
				first = false
			}
			b.Members = append(b.Members, domain.BodyMember{PersonID: pid, Role: role})
		}
		// Tholen leaves the Oosterschelde region mid next year: its members
		// keep their seat in the body, and MeetingSeats drops them from
		// meetings after the membership ends.
		if sp.partnership == Oosterschelde {
			if pid := pix.byMun[Tholen][sp.seats]; pid != 0 && !hasMember(b, pid) {
				b.Members = append(b.Members, domain.BodyMember{PersonID: pid, Role: domain.RoleLid})
			}
		}
		b.Members = append(b.Members, domain.BodyMember{PersonID: pix.secretary[sp.partnership], Role: domain.RoleSecretaris})
		ds.Bodies = append(ds.Bodies, b)
	}
	ix = domain.NewIndex(ds)

	from, to := date.New(year, time.January, 1), date.New(year+1, time.December, 31)
	ams := domain.Amsterdam()
	nextID := int64(1)
	newMeeting := func(b *domain.Body, d date.Date) domain.Meeting {
		st := d.At(b.StartMinute/60, b.StartMinute%60, ams)
		m := domain.Meeting{ID: nextID, BodyID: b.ID, Start: st, End: st.Add(time.Duration(b.Duration) * time.Minute),
			Location: b.Location, Status: domain.StatusGepland, UID: fmt.Sprintf("demo-%d-%s@overlegplanner", b.ID, d)}
		nextID++
		return m
	}
	for _, sp := range bodySpecs() {
		if sp.rhythm.Kind == domain.RhythmNone {
			continue // preparatory bodies meet ahead of the body they prepare
		}
		b := ix.Bodies[sp.id]
		for _, d := range seriesDates(sp.rhythm, from, to, open) {
			main := newMeeting(b, d)
			if sp.preparedBy != 0 {
				prep := ix.Bodies[sp.preparedBy]
				// The AO meets three weeks ahead, on the PHO's weekday
				// minus two days, moved earlier to an open day.
				pd := d.AddDays(-23)
				for !open(pd) {
					pd = pd.AddDays(-1)
				}
				pm := newMeeting(prep, pd)
				ds.Meetings = append(ds.Meetings, pm)
				main.PreparedByMeetingID = pm.ID
			}
			ds.Meetings = append(ds.Meetings, main)
		}
	}
	sort.SliceStable(ds.Meetings, func(i, j int) bool { return ds.Meetings[i].Start.Before(ds.Meetings[j].Start) })
	ix = domain.NewIndex(ds)
	addStory(ds, ix, pix, today, cal.IsWorkingDay)
	return ds, nil
}

// settings are the demo secretariat's settings.
func settings() domain.Settings {
	return domain.Settings{Holidays: domain.HolidayOptions{GoodFriday: false, Liberation: domain.LiberationLustrum},
		TightDays: 3, OrganiserName: "Regiosecretariaat Zeeland", OrganiserEmail: "regiosecretariaat@zeeland.example", Language: "nl"}
}

// seriesDates lists the meeting dates of a monthly rhythm between from and
// to, leaving out dates that are not open (holiday, weekend, recess).
func seriesDates(r domain.Rhythm, from, to date.Date, open func(date.Date) bool) []date.Date {
	interval := r.Interval
	if interval < 1 {
		interval = 1
	}
	var out []date.Date
	for y, m := from.Year(), from.Month(); ; {
		first := date.New(y, m, 1)
		if first.After(to) {
			break
		}
		d := first.AddDays((int(r.Weekday) - int(first.Weekday()) + 7) % 7).AddDays(7 * (r.Nth - 1))
		if d.Month() == m && !d.Before(from) && !d.After(to) && open(d) {
			out = append(out, d)
		}
		m += time.Month(interval)
		for m > 12 {
			m -= 12
			y++
		}
	}
	return out
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func hasMember(b domain.Body, pid int64) bool {
	for _, m := range b.Members {
		if m.PersonID == pid {
			return true
		}
	}
	return false
}
