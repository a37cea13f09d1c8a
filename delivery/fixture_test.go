package delivery

import (
	"context"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/planning"
)

// The fixture is a Walcheren jeugd partnership with what makes delivery
// hard: a voorzitter, a member in a gemeente that leaves the partnership
// on 1 January 2027, an adviser from outside the gemeenten (who gets the
// public agenda), the secretary who organises, an ambtenaar without an
// e-mail address, a second wethouder who can substitute, and a
// confidential item whose every field carries the marker word secret,
// which no mail body, subject or calendar may contain.

const secret = "GEHEIM"

// fixedNow is the time the messages are made.
var fixedNow = time.Date(2026, time.November, 2, 8, 30, 0, 0, time.UTC)

const (
	gemMiddelburg, gemVlissingen, gemVeere = 1, 2, 3

	pAnna, pBram, pCor, pGerda, pSaskia, pEva, pFrank, pDirk, pIna = 1, 2, 3, 4, 5, 6, 7, 8, 9

	bodyPHO, bodyAO = 1, 2

	mPHO, mAO, mPHOJan = 100, 101, 102
)

func amsterdam(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, domain.Amsterdam())
}

// fixture returns a fresh dataset; tests change it freely.
func fixture() *domain.Dataset {
	d := date.MustParse
	return &domain.Dataset{
		Municipalities: []domain.Municipality{
			{ID: gemMiddelburg, Name: "Middelburg", CBSCode: "GM0687", CollegeDays: []time.Weekday{time.Tuesday}, CollegeLeadDays: 5, Region: domain.RegionZuid},
			{ID: gemVlissingen, Name: "Vlissingen", CBSCode: "GM0718", CollegeDays: []time.Weekday{time.Tuesday}, CollegeLeadDays: 6, Region: domain.RegionZuid},
			{ID: gemVeere, Name: "Veere", CBSCode: "GM0717", CollegeDays: []time.Weekday{time.Monday}, CollegeLeadDays: 4, Region: domain.RegionZuid},
		},
		Partnerships: []domain.Partnership{{
			ID: 1, Name: "Jeugd Walcheren", ShortName: "JW", PolicyDomain: "jeugd", LegalForm: domain.LegalFormConvenant, Color: "#1f77b4",
			Members: []domain.Membership{
				{MunicipalityID: gemMiddelburg, From: d("2015-01-01")},
				{MunicipalityID: gemVlissingen, From: d("2015-01-01")},
				{MunicipalityID: gemVeere, From: d("2015-01-01"), Until: d("2027-01-01")},
			},
		}},
		People: []domain.Person{
			{ID: pAnna, Name: "Anna de Wit", Email: "a.dewit@middelburg.nl", MunicipalityID: gemMiddelburg, Role: domain.PersonBestuurder},
			{ID: pBram, Name: "Bram Pietersen", Email: "b.pietersen@vlissingen.nl", MunicipalityID: gemVlissingen, Role: domain.PersonBestuurder},
			{ID: pCor, Name: "Cor van Damme", Email: "c.vandamme@veere.nl", MunicipalityID: gemVeere, Role: domain.PersonBestuurder},
			{ID: pGerda, Name: "Gerda Zeeuw (GGD)", Email: "g.zeeuw@ggdzeeland.nl", Role: domain.PersonAmbtenaar},
			{ID: pSaskia, Name: "Saskia Verhulst", Email: "secretariaat@jeugdwalcheren.nl", Role: domain.PersonSecretaris},
			{ID: pEva, Name: "Eva Jansen", Email: "e.jansen@middelburg.nl", MunicipalityID: gemMiddelburg, Role: domain.PersonAmbtenaar},
			{ID: pFrank, Name: "Frank Bakker", MunicipalityID: gemVlissingen, Role: domain.PersonAmbtenaar},
			{ID: pDirk, Name: "Dirk Ĳzerman", Email: "d.ijzerman@veere.nl", MunicipalityID: gemVeere, Role: domain.PersonAmbtenaar},
			{ID: pIna, Name: "Ina Vos", Email: "i.vos@vlissingen.nl", MunicipalityID: gemVlissingen, Role: domain.PersonBestuurder},
		},
		Bodies: []domain.Body{
			{ID: bodyPHO, PartnershipID: 1, Kind: domain.BodyPHO, Name: "PHO Jeugd Walcheren", PreparedByID: bodyAO,
				StartMinute: 840, Duration: 120, Location: "Stadhuis Middelburg", SecretaryID: pSaskia, Chain: planning.DefaultPHOChain(),
				Members: []domain.BodyMember{
					{PersonID: pAnna, Role: domain.RoleVoorzitter},
					{PersonID: pBram, Role: domain.RoleLid},
					{PersonID: pCor, Role: domain.RoleLid},
					{PersonID: pGerda, Role: domain.RoleAdviseur},
					{PersonID: pSaskia, Role: domain.RoleSecretaris},
				}},
			{ID: bodyAO, PartnershipID: 1, Kind: domain.BodyAO, Name: "AO Jeugd Walcheren",
				StartMinute: 600, Duration: 90, Location: "Stadskantoor Vlissingen", SecretaryID: pSaskia, Chain: planning.DefaultAOChain(),
				Members: []domain.BodyMember{
					{PersonID: pEva, Role: domain.RoleVoorzitter},
					{PersonID: pFrank, Role: domain.RoleLid},
					{PersonID: pDirk, Role: domain.RoleLid},
				}},
		},
		Meetings: []domain.Meeting{
			{ID: mAO, BodyID: bodyAO, Start: amsterdam(2026, time.November, 9, 10, 0), End: amsterdam(2026, time.November, 9, 11, 30),
				Status: domain.StatusGepland, UID: "ao-2026-11-09@overlegplanner"},
			{ID: mPHO, BodyID: bodyPHO, Start: amsterdam(2026, time.November, 23, 14, 0), End: amsterdam(2026, time.November, 23, 16, 0),
				Location: "Stadhuis Middelburg, Raadzaal", OnlineURL: "https://teams.example.nl/l/meetup-join/abc",
				Status: domain.StatusGepland, UID: "pho-2026-11-23@overlegplanner", PreparedByMeetingID: mAO,
				Note: "interne " + secret + "NOTITIE",
				Items: []domain.AgendaItem{
					{ID: 1, Position: 1, Title: "Opening", Kind: domain.ItemOpening},
					{ID: 2, Position: 2, Title: secret + "TITEL overname zorgaanbieder", Kind: domain.ItemBesluitvorming, Confidential: true,
						PortefeuillehouderID: pAnna, StellerID: pEva, Proposal: "In te stemmen met " + secret + "VOORSTEL",
						Documents: []domain.Document{{ID: 20, Title: secret + "STUK", FileName: secret + ".pdf", Confidential: true}}},
					{ID: 3, Position: 3, Title: "Inkoop jeugdhulp 2027 <perceel 2> & regio", Kind: domain.ItemBesluitvorming,
						PortefeuillehouderID: pAnna, StellerID: pDirk,
						Proposal: "1. In te stemmen met de inkoopstrategie.\n2. De colleges om rugdekking te vragen.",
						Documents: []domain.Document{
							{ID: 30, Title: "Inkoopstrategie jeugdhulp 2027", FileName: "inkoopstrategie.pdf", Version: 1},
							{ID: 31, Title: secret + "BIJLAGE prijzen", FileName: secret + "PRIJZEN.xlsx", Confidential: true},
						}},
					{ID: 4, Position: 4, Title: "Rondvraag", Kind: domain.ItemRondvraag},
				}},
			{ID: mPHOJan, BodyID: bodyPHO, Start: amsterdam(2027, time.January, 18, 14, 0), End: amsterdam(2027, time.January, 18, 16, 0),
				Status: domain.StatusGepland, UID: "pho-2027-01-18@overlegplanner"},
		},
		Settings: domain.Settings{Holidays: domain.HolidayOptions{Liberation: domain.LiberationLustrum}, TightDays: 3,
			OrganiserName: "Secretariaat Jeugd Walcheren", OrganiserEmail: "info@jeugdwalcheren.nl", Language: "nl"},
	}
}

// meeting returns meeting id of ds, by pointer into ds.
func meeting(ds *domain.Dataset, id int64) *domain.Meeting {
	for i := range ds.Meetings {
		if ds.Meetings[i].ID == id {
			return &ds.Meetings[i]
		}
	}
	panic("no meeting")
}

// planFor plans meeting id of ds with log.
func planFor(t testing.TB, ds *domain.Dataset, id int64, log []domain.SendRecord, edit ...func(*PlanInput)) *Plan {
	t.Helper()
	in := PlanInput{Planner: planning.NewPlanner(ds), Meeting: *meeting(ds, id), Log: log, Lang: "nl", Now: fixedNow}
	for _, e := range edit {
		e(&in)
	}
	p, err := PlanMeeting(in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// delivered returns the log rows that sending p's messages would write,
// as if every message arrived at at.
func delivered(t testing.TB, p *Plan, at time.Time) []domain.SendRecord {
	t.Helper()
	msgs, err := p.Messages()
	if err != nil {
		t.Fatal(err)
	}
	var out []domain.SendRecord
	for _, m := range msgs {
		for _, r := range m.Records {
			r.Channel, r.At, r.Result, r.MessageID = domain.ChannelSMTP, at, domain.ResultSent, "m@test"
			out = append(out, r)
		}
	}
	return out
}

// memLog is a Recorder in memory.
type memLog struct{ rows []domain.SendRecord }

func (l *memLog) RecordSends(_ context.Context, rs []domain.SendRecord) error {
	for i := range rs {
		rs[i].ID = int64(len(l.rows) + 1)
		l.rows = append(l.rows, rs[i])
	}
	return nil
}
