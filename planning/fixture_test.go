package planning

import (
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
)

// IDs of the fixture region.
const (
	gMiddelburg int64 = iota + 1
	gVlissingen
	gVeere
	gGoes
	gTholen
)

const (
	pWalcheren int64 = 1
	pJeugd     int64 = 2
)

const (
	bPHOWalcheren int64 = 10
	bAOWalcheren  int64 = 11
	bPHOJeugd     int64 = 20
)

// People: a wethouder per gemeente (100+gemeente), an ambtenaar per gemeente
// (200+gemeente), the regional secretary 300.
const (
	wMiddelburg = 100 + gMiddelburg
	wVlissingen = 100 + gVlissingen
	wVeere      = 100 + gVeere
	wGoes       = 100 + gGoes
	wTholen     = 100 + gTholen
	aMiddelburg = 200 + gMiddelburg
	aVlissingen = 200 + gVlissingen
	aVeere      = 200 + gVeere
	secretary   = 300
)

// at returns 2027-mm-dd hh:mm in Amsterdam.
func at(day string, hour, minute int) time.Time { return d(day).At(hour, minute, domain.Amsterdam()) }

func meeting(id, body int64, day string, hour, minute, minutes int, loc string) domain.Meeting {
	s := at(day, hour, minute)
	return domain.Meeting{ID: id, BodyID: body, Start: s, End: s.Add(time.Duration(minutes) * time.Minute),
		Location: loc, Status: domain.StatusGepland, UID: "m" + string(rune('a'+id%26))}
}

// fixture is a small region with two overlapping partnerships: Walcheren
// (Middelburg, Vlissingen, Veere) with a PHO prepared by an AO, and Jeugd
// (the three plus Goes, and Tholen until 1 June 2027) with a PHO on its
// own. The wethouders of Middelburg and Vlissingen sit in both PHOs.
func fixture() *domain.Dataset {
	since := date.MustParse("2020-01-01")
	ds := &domain.Dataset{
		Settings: domain.DefaultSettings(),
		Municipalities: []domain.Municipality{
			{ID: gMiddelburg, Name: "Middelburg", CBSCode: "GM0687", CollegeDays: []time.Weekday{time.Tuesday}, CollegeLeadDays: 5, Region: domain.RegionZuid},
			{ID: gVlissingen, Name: "Vlissingen", CBSCode: "GM0718", CollegeDays: []time.Weekday{time.Thursday}, CollegeLeadDays: 2, Region: domain.RegionZuid},
			{ID: gVeere, Name: "Veere", CBSCode: "GM0717", CollegeDays: []time.Weekday{time.Friday}, CollegeLeadDays: 1, Region: domain.RegionZuid},
			{ID: gGoes, Name: "Goes", CBSCode: "GM0664", CollegeDays: []time.Weekday{time.Monday, time.Wednesday}, CollegeLeadDays: 3, Region: domain.RegionZuid},
			{ID: gTholen, Name: "Tholen", CBSCode: "GM0716", CollegeDays: []time.Weekday{time.Tuesday}, CollegeLeadDays: 4, Region: domain.RegionMidden},
		},
		Partnerships: []domain.Partnership{
			{ID: pWalcheren, Name: "Orionis Walcheren", LegalForm: domain.LegalFormGR, Members: []domain.Membership{
				{MunicipalityID: gMiddelburg, From: since}, {MunicipalityID: gVlissingen, From: since}, {MunicipalityID: gVeere, From: since}}},
			{ID: pJeugd, Name: "Jeugd Zeeland", LegalForm: domain.LegalFormConvenant, Members: []domain.Membership{
				{MunicipalityID: gMiddelburg, From: since}, {MunicipalityID: gVlissingen, From: since}, {MunicipalityID: gVeere, From: since},
				{MunicipalityID: gGoes, From: since}, {MunicipalityID: gTholen, From: since, Until: date.MustParse("2027-06-01")}}},
		},
		ClosedDays: []domain.ClosedDay{
			{Date: date.MustParse("2027-05-07"), Name: "vrijdag na Hemelvaart"},
			{Date: date.MustParse("2027-03-09"), Name: "heidag", MunicipalityID: gVlissingen},
		},
		Recesses: []domain.Recess{
			{Name: "Zomerreces 2027", From: date.MustParse("2027-07-12"), To: date.MustParse("2027-08-20")},
			{Name: "Kerstreces 2027", From: date.MustParse("2027-12-20"), To: date.MustParse("2028-01-02")},
		},
		SchoolHolidays: DefaultSchoolHolidays(),
	}
	for _, g := range ds.Municipalities {
		ds.People = append(ds.People,
			domain.Person{ID: 100 + g.ID, Name: "Wethouder " + g.Name, Email: "wethouder@" + g.Name + ".example", MunicipalityID: g.ID, Role: domain.PersonBestuurder},
			domain.Person{ID: 200 + g.ID, Name: "Adviseur " + g.Name, Email: "adviseur@" + g.Name + ".example", MunicipalityID: g.ID, Role: domain.PersonAmbtenaar})
	}
	ds.People = append(ds.People, domain.Person{ID: secretary, Name: "Regiosecretaris", Email: "secretaris@regio.example", Role: domain.PersonSecretaris})
	seat := func(ids ...int64) []domain.BodyMember {
		var out []domain.BodyMember
		for i, id := range ids {
			role := domain.RoleLid
			if i == 0 {
				role = domain.RoleVoorzitter
			}
			out = append(out, domain.BodyMember{PersonID: id, Role: role})
		}
		return append(out, domain.BodyMember{PersonID: secretary, Role: domain.RoleSecretaris})
	}
	ds.Bodies = []domain.Body{
		{ID: bPHOWalcheren, PartnershipID: pWalcheren, Kind: domain.BodyPHO, Name: "PHO Werk Walcheren", PreparedByID: bAOWalcheren,
			StartMinute: 14 * 60, Duration: 120, Location: "Stadhuis Middelburg, Burgerzaal",
			Rhythm: domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: time.Thursday, Nth: 3, Interval: 1},
			Chain:  DefaultPHOChain(), SecretaryID: secretary, Members: seat(wMiddelburg, wVlissingen, wVeere)},
		{ID: bAOWalcheren, PartnershipID: pWalcheren, Kind: domain.BodyAO, Name: "AO Werk Walcheren",
			StartMinute: 10 * 60, Duration: 90, Location: "Online (Teams)", Chain: DefaultAOChain(), SecretaryID: secretary,
			Members: seat(aMiddelburg, aVlissingen, aVeere)},
		{ID: bPHOJeugd, PartnershipID: pJeugd, Kind: domain.BodyPHO, Name: "PHO Jeugd Zeeland",
			StartMinute: 15 * 60, Duration: 120, Location: "Stadskantoor Goes, Raadszaal",
			Rhythm: domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: time.Thursday, Nth: 2, Interval: 1},
			Chain:  DefaultPHOChain(), SecretaryID: secretary, Members: seat(wGoes, wMiddelburg, wVlissingen, wVeere, wTholen)},
	}
	ds.Meetings = []domain.Meeting{
		meeting(1, bAOWalcheren, "2027-02-25", 10, 0, 90, "Online (Teams)"),
		meeting(2, bPHOWalcheren, "2027-03-18", 14, 0, 120, "Stadhuis Middelburg, Burgerzaal"),
		meeting(3, bPHOJeugd, "2027-03-18", 15, 0, 120, "Stadskantoor Goes, Raadszaal"),
		meeting(4, bPHOJeugd, "2027-06-10", 15, 0, 120, "Stadskantoor Goes, Raadszaal"),
		meeting(5, bPHOWalcheren, "2027-05-06", 14, 0, 120, "Stadhuis Middelburg, Burgerzaal"), // Ascension Day
		meeting(6, bPHOWalcheren, "2027-07-15", 14, 0, 120, "Stadskantoor Goes - raadszaal"),   // recess, and Goes's room
		meeting(7, bPHOJeugd, "2027-07-15", 15, 0, 120, "Stadskantoor Goes, Raadszaal"),
		meeting(8, bPHOJeugd, "2027-04-08", 15, 0, 120, "Stadskantoor Goes, Raadszaal"),
		meeting(9, bPHOWalcheren, "2027-04-08", 13, 0, 120, "Stadhuis Middelburg, Burgerzaal"), // ends when 8 starts
		meeting(10, bAOWalcheren, "2027-04-08", 14, 0, 60, "Online (Teams)"),
	}
	ds.Meetings[1].PreparedByMeetingID = 1
	// Vlissingen's wethouder sends Vlissingen's adviseur to the Jeugd PHO
	// of 18 March, and Veere's sends apologies.
	ds.Meetings[2].Attendance = []domain.Attendance{
		{PersonID: wVlissingen, Status: domain.AttendanceVervangen, SubstituteID: aVlissingen},
		{PersonID: wVeere, Status: domain.AttendanceAfgemeld},
	}
	ds.Meetings = append(ds.Meetings, domain.Meeting{ID: 11, BodyID: bPHOJeugd, Start: at("2027-05-13", 15, 0), End: at("2027-05-13", 17, 0),
		Status: domain.StatusGeannuleerd, Location: "Stadskantoor Goes, Raadszaal"})
	return ds
}
