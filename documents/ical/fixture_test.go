package ical

import (
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
)

// The fixture is a small Walcheren jeugd partnership with the cases that
// matter for invites: a voorzitter, apologies, a substitute, an adviser
// without a gemeente, a gemeente that leaves the partnership, a member
// without an e-mail address, names with Ĳ and quotes, a location with a
// comma and a semicolon, a confidential item with a marker word in every
// field, and a meeting in summer time and one in winter time.

// secret is the marker word that every confidential field carries; no
// output may contain it.
const secret = "GEHEIM"

// fixedNow is the DTSTAMP of the golden files.
var fixedNow = time.Date(2026, time.October, 1, 8, 30, 0, 0, time.UTC)

// IDs of the fixture.
const (
	gemMiddelburg, gemVlissingen, gemVeere = 1, 2, 3

	pAnna, pBram, pCor, pDirk, pEva, pFrank, pGerda, pSaskia, pHenk = 1, 2, 3, 4, 5, 6, 7, 10, 11

	bodyPHO, bodyAO = 1, 2

	mPHO, mAO, mSummer, mCancelled = 100, 101, 102, 103
)

func amsterdam(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, domain.Amsterdam())
}

// fixture returns the dataset; each call builds a fresh one so that tests
// can change it freely.
func fixture() *domain.Dataset {
	ds := &domain.Dataset{
		Municipalities: []domain.Municipality{
			{ID: gemMiddelburg, Name: "Middelburg", CBSCode: "GM0687", CollegeDays: []time.Weekday{time.Tuesday}, CollegeLeadDays: 5},
			{ID: gemVlissingen, Name: "Vlissingen", CBSCode: "GM0718", CollegeDays: []time.Weekday{time.Tuesday}, CollegeLeadDays: 6},
			{ID: gemVeere, Name: "Veere", CBSCode: "GM0717", CollegeDays: []time.Weekday{time.Monday}, CollegeLeadDays: 4},
		},
		Partnerships: []domain.Partnership{{
			ID: 1, Name: "Jeugd Walcheren", ShortName: "JW", PolicyDomain: "jeugd", LegalForm: domain.LegalFormConvenant,
			Color: "#1f77b4",
			Members: []domain.Membership{
				{MunicipalityID: gemMiddelburg, From: date.MustParse("2015-01-01")},
				{MunicipalityID: gemVlissingen, From: date.MustParse("2015-01-01")},
				// Veere leaves on 1 January 2027.
				{MunicipalityID: gemVeere, From: date.MustParse("2015-01-01"), Until: date.MustParse("2027-01-01")},
			},
		}},
		People: []domain.Person{
			{ID: pAnna, Name: "Anna de Wit", Email: "a.dewit@middelburg.nl", MunicipalityID: gemMiddelburg, Role: domain.PersonBestuurder, Function: "wethouder Jeugd"},
			{ID: pBram, Name: "Bram Pietersen", Email: "b.pietersen@vlissingen.nl", MunicipalityID: gemVlissingen, Role: domain.PersonBestuurder},
			{ID: pCor, Name: `Cor "Kees" van Damme`, Email: "c.vandamme@veere.nl", MunicipalityID: gemVeere, Role: domain.PersonBestuurder},
			{ID: pDirk, Name: "Dirk Ĳzerman", Email: "d.ijzerman@veere.nl", MunicipalityID: gemVeere, Role: domain.PersonAmbtenaar, Function: "beleidsadviseur jeugd (gemandateerd)"},
			{ID: pEva, Name: "Eva Jansen", Email: "e.jansen@middelburg.nl", MunicipalityID: gemMiddelburg, Role: domain.PersonAmbtenaar},
			{ID: pFrank, Name: "Frank Bakker", MunicipalityID: gemVlissingen, Role: domain.PersonAmbtenaar}, // no e-mail
			{ID: pGerda, Name: "Gerda Zeeuw, GGD", Email: "g.zeeuw@ggdzeeland.nl", Role: domain.PersonAmbtenaar},
			{ID: pSaskia, Name: "Saskia Verhulst", Email: "secretariaat@jeugdwalcheren.nl", Role: domain.PersonSecretaris},
			{ID: pHenk, Name: "Henk Veere", Email: "h.veere@veere.nl", MunicipalityID: gemVeere, Role: domain.PersonAmbtenaar},
		},
		Bodies: []domain.Body{
			{
				ID: bodyPHO, PartnershipID: 1, Kind: domain.BodyPHO, Name: "PHO Jeugd Walcheren", PreparedByID: bodyAO,
				StartMinute: 840, Duration: 120, Location: "Stadhuis Middelburg", SecretaryID: pSaskia,
				Members: []domain.BodyMember{
					{PersonID: pAnna, Role: domain.RoleVoorzitter},
					{PersonID: pBram, Role: domain.RoleLid},
					{PersonID: pCor, Role: domain.RoleLid},
					{PersonID: pGerda, Role: domain.RoleAdviseur},
					{PersonID: pSaskia, Role: domain.RoleSecretaris},
				},
			},
			{
				ID: bodyAO, PartnershipID: 1, Kind: domain.BodyAO, Name: "AO Jeugd Walcheren",
				StartMinute: 600, Duration: 90, Location: "Stadskantoor Vlissingen", SecretaryID: pSaskia,
				Members: []domain.BodyMember{
					{PersonID: pEva, Role: domain.RoleVoorzitter},
					{PersonID: pFrank, Role: domain.RoleLid},
					{PersonID: pHenk, Role: domain.RoleLid},
				},
			},
		},
		Meetings: []domain.Meeting{
			{
				ID: mPHO, BodyID: bodyPHO, Start: amsterdam(2026, time.November, 23, 14, 0), End: amsterdam(2026, time.November, 23, 16, 0),
				Location: "Stadhuis Middelburg, Raadzaal; ingang Markt", OnlineURL: "https://teams.example.nl/l/meetup-join/19%3ameeting_abc",
				Status: domain.StatusGepland, UID: "pho-2026-11-23@overlegplanner", Sequence: 0, PreparedByMeetingID: mAO,
				Note: "interne " + secret + "NOTITIE",
				Attendance: []domain.Attendance{
					{PersonID: pBram, Status: domain.AttendanceAfgemeld, Note: secret + "AFMELDING"},
					{PersonID: pCor, Status: domain.AttendanceVervangen, SubstituteID: pDirk},
					{PersonID: pGerda, Status: domain.AttendanceAanwezig},
				},
				Items: []domain.AgendaItem{
					{ID: 1, Position: 1, Title: "Opening en vaststellen agenda", Kind: domain.ItemOpening},
					{ID: 2, Position: 2, Title: "Besluitenlijst PHO 28 september 2026", Kind: domain.ItemVerslag,
						Documents: []domain.Document{{ID: 20, Title: "Besluitenlijst 28-09-2026", FileName: "besluitenlijst.pdf"}}},
					{ID: 3, Position: 3, Title: secret + "TITEL overname zorgaanbieder", Kind: domain.ItemBesluitvorming, Confidential: true,
						PortefeuillehouderID: pAnna, StellerID: pEva,
						Proposal:   "In te stemmen met " + secret + "VOORSTEL",
						Decision:   secret + "BESLUIT",
						Motivation: secret + "MOTIVATIE",
						Documents: []domain.Document{{ID: 30, Title: secret + "STUK", FileName: secret + "BESTAND.pdf", Confidential: true},
							{ID: 31, Title: secret + "OPENSTUK bij geheim punt", FileName: secret + "OPEN.pdf"}},
						Advice: []domain.Advice{{ItemID: 3, MunicipalityID: gemVeere, Verdict: domain.VerdictNietAkkoord, Note: secret + "ADVIES"}}},
					{ID: 4, Position: 4, Title: "Inkoop jeugdhulp 2027, perceel 2; regio Walcheren", Kind: domain.ItemBesluitvorming,
						PortefeuillehouderID: pAnna, StellerID: pEva,
						Proposal: "1. In te stemmen met de inkoopstrategie \\ perceel 2.\n2. De colleges te vragen om rugdekking vóór 1 december.",
						Documents: []domain.Document{
							{ID: 40, Title: "Inkoopstrategie jeugdhulp 2027", FileName: "inkoopstrategie.pdf"},
							{ID: 41, Title: secret + "BIJLAGE prijsonderhandeling", FileName: secret + "PRIJZEN.xlsx", Confidential: true},
						},
						Advice: []domain.Advice{{ItemID: 4, MunicipalityID: gemVlissingen, Verdict: domain.VerdictKanttekeningen, Note: secret + "KANTTEKENING"}}},
					{ID: 5, Position: 5, Title: "Voortgang transformatieagenda", Kind: domain.ItemInformatie},
					{ID: 6, Position: 6, Title: "Rondvraag", Kind: domain.ItemRondvraag},
					{ID: 7, Position: 7, Title: "Sluiting", Kind: domain.ItemSluiting},
				},
				Actions: []domain.ActionItem{{ID: 1, MeetingID: mPHO, ItemID: 3, Description: secret + "ACTIE", OwnerID: pEva}},
			},
			{
				ID: mAO, BodyID: bodyAO, Start: amsterdam(2026, time.November, 9, 10, 0), End: amsterdam(2026, time.November, 9, 11, 30),
				Status: domain.StatusGepland, UID: "ao-2026-11-09@overlegplanner",
			},
			{
				ID: mSummer, BodyID: bodyPHO, Start: amsterdam(2026, time.June, 15, 14, 0), End: amsterdam(2026, time.June, 15, 16, 0),
				Status: domain.StatusGehouden, UID: "pho-2026-06-15@overlegplanner", Sequence: 2,
			},
			{
				ID: mCancelled, BodyID: bodyPHO, Start: amsterdam(2027, time.February, 8, 14, 0), End: amsterdam(2027, time.February, 8, 16, 0),
				Status: domain.StatusGeannuleerd, UID: "pho-2027-02-08@overlegplanner", Sequence: 1,
			},
		},
		Settings: domain.Settings{OrganiserName: "Secretariaat Jeugd Walcheren", OrganiserEmail: "info@jeugdwalcheren.nl"},
	}
	return ds
}

// fixtureDeadlines returns deadlines of the November PHO and of the
// cancelled February PHO, as the planning engine would compute them.
func fixtureDeadlines() []domain.Deadline {
	d := date.MustParse
	return []domain.Deadline{
		{MeetingID: mPHO, RuleKey: "aanmelden", Name: "Agendapunt aanmelden bij secretariaat", Kind: domain.KindAanmelden,
			Audience: domain.AudienceAmbtenaren, Due: d("2026-10-26"), Slack: 10, Status: domain.DeadlineOK},
		{MeetingID: mPHO, RuleKey: "vooroverleg", Name: "Ambtelijk vooroverleg", Kind: domain.KindVooroverleg,
			Audience: domain.AudienceAmbtenaren, Due: d("2026-11-09"), Status: domain.DeadlineOK},
		{MeetingID: mPHO, RuleKey: "aanleveren", Name: "Definitieve stukken aanleveren", Kind: domain.KindAanleveren,
			Audience: domain.AudienceAmbtenaren, Due: d("2026-11-11"), Slack: 2, Status: domain.DeadlineKrap,
			Reason: "Slechts 2 werkdagen na het AO."},
		{MeetingID: mPHO, RuleKey: "verzending", Name: "Verzending agenda en stukken", Kind: domain.KindDispatch,
			Audience: domain.AudienceSecretariaat, Due: d("2026-11-13"), Slack: 2, Status: domain.DeadlineOK},
		{MeetingID: mPHO, RuleKey: "advies", Name: "Ambtelijk advies bij het college", Kind: domain.KindAdvies,
			Audience: domain.AudienceAmbtenaren, MunicipalityID: gemMiddelburg, Due: d("2026-11-10"), Slack: -1,
			Status: domain.DeadlineOnhaalbaar, Reason: "Het advies moet binnen zijn vóór de stukken er zijn."},
		{MeetingID: mPHO, RuleKey: "advies", Name: "Ambtelijk advies bij het college", Kind: domain.KindAdvies,
			Audience: domain.AudienceAmbtenaren, MunicipalityID: gemVlissingen, Due: d("2026-11-09"), Slack: 0, Status: domain.DeadlineKrap},
		{MeetingID: mPHO, RuleKey: "advies", Name: "Ambtelijk advies bij het college", Kind: domain.KindAdvies,
			Audience: domain.AudienceAmbtenaren, MunicipalityID: gemVeere, Due: d("2026-11-11"), Slack: 1, Status: domain.DeadlineKrap},
		{MeetingID: mPHO, RuleKey: "college", Name: "Collegevergadering (rugdekking)", Kind: domain.KindCollege,
			Audience: domain.AudienceCollege, MunicipalityID: gemVeere, Due: d("2026-11-16"), Slack: 3, Status: domain.DeadlineOK},
		{MeetingID: mPHO, RuleKey: "pho", Name: "PHO", Kind: domain.KindMeeting,
			Audience: domain.AudienceLeden, Due: d("2026-11-23"), Status: domain.DeadlineOK},
		{MeetingID: mCancelled, RuleKey: "aanmelden", Name: "Agendapunt aanmelden bij secretariaat", Kind: domain.KindAanmelden,
			Audience: domain.AudienceAmbtenaren, Due: d("2027-01-11"), Slack: 10, Status: domain.DeadlineOK},
	}
}

// inviteInput returns the input for the November PHO.
func inviteInput(ds *domain.Dataset) InviteInput {
	ix := domain.NewIndex(ds)
	return InviteInput{Meeting: *ix.Meetings[mPHO], Index: ix, Settings: ds.Settings, Now: fixedNow, Lang: "nl"}
}
