package documents

import (
	"fmt"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
)

// The fixture is a small, realistic region: the Zeeland jeugd partnership
// of all 13 gemeenten (public facts) with fictional people, a PHO prepared
// by an AO, and a meeting whose agenda has every item kind, a confidential
// item, a confidential stuk on a public item, stukken still expected,
// advice, apologies and substitutes.

// now is the creation date of every test document.
var now = time.Date(2027, 3, 8, 9, 15, 0, 0, time.UTC)

var gemeenten = []string{"Borsele", "Goes", "Hulst", "Kapelle", "Middelburg", "Noord-Beveland", "Reimerswaal",
	"Schouwen-Duiveland", "Sluis", "Terneuzen", "Tholen", "Veere", "Vlissingen"}

var wethouders = []string{"Anouk Brouwer", "Sjoerd van der Meulen", "Ingrid Hoefnagels", "Kees Lindenbergh",
	"Joëlle de Backer", "Marijke Jobse", "Bram Wisse", "Fleur Padmos", "Noël Verbeke", "Chloë Zandee",
	"Gijs Quist", "Renée Minderhoud", "Ahmed El Idrissi"}

const (
	partnershipJeugd = 1
	bodyPHO          = 10
	bodyAO           = 11
	meetingPHO       = 100
	meetingNext      = 101
	meetingAO        = 110
	secretaryID      = 900
	chairID          = 205 // the Middelburg wethouder chairs
)

func at(d string, hour, minute int) time.Time {
	return date.MustParse(d).At(hour, minute, domain.Amsterdam())
}

func fixture() *domain.Dataset {
	ds := &domain.Dataset{}
	p := domain.Partnership{ID: partnershipJeugd, Name: "Samenwerkingsverband Jeugd Zeeland", ShortName: "Jeugd Zeeland",
		PolicyDomain: "jeugdhulp", LegalForm: domain.LegalFormConvenant, Color: "#1f5f8b"}
	pho := domain.Body{ID: bodyPHO, PartnershipID: partnershipJeugd, Kind: domain.BodyPHO, Name: "PHO Jeugd Zeeland",
		PreparedByID: bodyAO, StartMinute: 14 * 60, Duration: 120, Location: "Provinciehuis, Abdij 6, Middelburg",
		SecretaryID: secretaryID}
	ao := domain.Body{ID: bodyAO, PartnershipID: partnershipJeugd, Kind: domain.BodyAO, Name: "AO Jeugd Zeeland",
		StartMinute: 10 * 60, Duration: 120, Location: "Stadskantoor Goes", SecretaryID: secretaryID}
	for i, name := range gemeenten {
		id := int64(i + 1)
		ds.Municipalities = append(ds.Municipalities, domain.Municipality{ID: id, Name: name,
			CBSCode: fmt.Sprintf("GM%04d", 600+i), CollegeDays: []time.Weekday{time.Tuesday}, CollegeLeadDays: 5,
			Region: domain.RegionZuid})
		// Noord-Beveland joined on 1 January 2027.
		from := date.MustParse("2015-01-01")
		if name == "Noord-Beveland" {
			from = date.MustParse("2027-01-01")
		}
		p.Members = append(p.Members, domain.Membership{MunicipalityID: id, From: from})
		w := domain.Person{ID: int64(200 + i + 1), Name: wethouders[i], Email: fmt.Sprintf("wethouder%d@example.nl", i+1),
			MunicipalityID: id, Role: domain.PersonBestuurder, Function: "wethouder Jeugd en Onderwijs"}
		amb := domain.Person{ID: int64(300 + i + 1), Name: "Beleidsadviseur " + name, Email: fmt.Sprintf("jeugd%d@example.nl", i+1),
			MunicipalityID: id, Role: domain.PersonAmbtenaar, Function: "beleidsadviseur jeugd"}
		ds.People = append(ds.People, w, amb)
		role := domain.RoleLid
		if w.ID == chairID {
			role = domain.RoleVoorzitter
		}
		if name != "Kapelle" { // Kapelle has not yet named its member
			pho.Members = append(pho.Members, domain.BodyMember{PersonID: w.ID, Role: role})
		}
		ao.Members = append(ao.Members, domain.BodyMember{PersonID: amb.ID, Role: domain.RoleLid})
	}
	ds.People = append(ds.People,
		domain.Person{ID: secretaryID, Name: "Esther Kodde", Email: "secretariaat@jeugdzeeland.example.nl",
			Phone: "0118 123 456", Role: domain.PersonSecretaris, Function: "regiosecretaris"},
		domain.Person{ID: 901, Name: "Daan Tazelaar", Email: "d.tazelaar@example.nl", MunicipalityID: 5,
			Role: domain.PersonBestuurder, Function: "wethouder Financiën"},
		domain.Person{ID: 902, Name: "Lotte Sinke", Email: "l.sinke@example.nl", Role: domain.PersonAmbtenaar,
			Function: "adviseur Zorg en Veiligheid"},
	)
	pho.Members = append(pho.Members,
		domain.BodyMember{PersonID: secretaryID, Role: domain.RoleSecretaris},
		domain.BodyMember{PersonID: 902, Role: domain.RoleAdviseur})
	ds.Partnerships = []domain.Partnership{p}
	ds.Bodies = []domain.Body{pho, ao}
	ds.Meetings = []domain.Meeting{phoMeeting(), nextMeeting(),
		{ID: meetingAO, BodyID: bodyAO, Start: at("2027-02-25", 10, 0), End: at("2027-02-25", 12, 0),
			Location: "Stadskantoor Goes", Status: domain.StatusGehouden, UID: "ao-2027-02-25@example.nl"}}
	return ds
}

func phoMeeting() domain.Meeting {
	m := domain.Meeting{
		ID: meetingPHO, BodyID: bodyPHO, Start: at("2027-03-18", 14, 0), End: at("2027-03-18", 16, 30),
		Location: "Provinciehuis, Statenzaal, Abdij 6, Middelburg", OnlineURL: "https://meet.example.nl/pho-jeugd-2027-03",
		Status: domain.StatusVerzonden, UID: "pho-2027-03-18@example.nl", PreparedByMeetingID: meetingAO,
		Note: "Zaal pas vanaf 13:45 beschikbaar",
		Attendance: []domain.Attendance{
			{PersonID: 203, Status: domain.AttendanceAfgemeld, Note: "ziek"},
			{PersonID: 213, Status: domain.AttendanceVervangen, SubstituteID: 313},
			{PersonID: 201, Status: domain.AttendanceVervangen, SubstituteID: 901},
			{PersonID: 205, Status: domain.AttendanceAanwezig},
		},
	}
	received := at("2027-03-04", 11, 20)
	m.Items = []domain.AgendaItem{
		{ID: 1, Title: "Opening en vaststelling van de agenda", Kind: domain.ItemOpening},
		{ID: 2, Title: "Mededelingen", Kind: domain.ItemMededelingen,
			Proposal: "- Stand van zaken Hervormingsagenda Jeugd\n- Terugkoppeling bestuurlijk overleg met de Zeeuwse zorgaanbieders"},
		{ID: 3, Title: "Besluitenlijst PHO Jeugd van 11 februari 2027", Kind: domain.ItemVerslag,
			Proposal:  "De besluitenlijst ongewijzigd vaststellen.",
			Documents: []domain.Document{{ID: 31, Title: "Concept-besluitenlijst 11 februari 2027", FileName: "besluitenlijst-2027-02-11.pdf", ReceivedAt: received}}},
		{ID: 4, Title: "Regionale inkoop specialistische jeugdhulp 2028–2031", Kind: domain.ItemBesluitvorming,
			PortefeuillehouderID: 205, StellerID: 305,
			Proposal: "Het PHO Jeugd besluit:\n1. in te stemmen met de inkoopstrategie ‘Samen Sterk’ voor de periode 2028–2031;\n" +
				"2. een budgetplafond van € 48,6 miljoen per jaar te hanteren, verdeeld naar rato van het aantal jeugdigen per gemeente;\n" +
				"3. de colleges te vragen vóór 1 mei 2027 een zienswijze te geven op het concept-bestek.",
			Documents: []domain.Document{
				{ID: 41, Title: "Voorstel inkoopstrategie ‘Samen Sterk’", FileName: "voorstel-inkoop.pdf", ReceivedAt: received},
				{ID: 42, Title: "Concept-bestek specialistische jeugdhulp", FileName: "bestek.pdf", ReceivedAt: received},
				{ID: 43, Title: "Financiële analyse per gemeente", FileName: "analyse.xlsx", Confidential: true, ReceivedAt: received},
				{ID: 44, Title: "Advies cliëntenraad", FileName: ""},
			},
			Advice: []domain.Advice{
				{MunicipalityID: 5, Verdict: domain.VerdictAkkoord}, {MunicipalityID: 13, Verdict: domain.VerdictAkkoord},
				{MunicipalityID: 12, Verdict: domain.VerdictKanttekeningen, Note: "zorgen over plafond"},
				{MunicipalityID: 2, Verdict: domain.VerdictNietAkkoord},
			}},
		{ID: 5, Title: "Kostenverdeling Gecertificeerde Instellingen 2027", Kind: domain.ItemHamerstuk,
			PortefeuillehouderID: 210, Proposal: "Instemmen met de kostenverdeling zoals in bijlage 5.1.",
			Documents: []domain.Document{{ID: 51, Title: "Kostenverdeling GI 2027", FileName: "gi-2027.pdf", ReceivedAt: received}}},
		{ID: 6, Title: "Frictiekosten afbouw residentiële zorg Stichting Zeeuwse Jeugdzorg", Kind: domain.ItemBesluitvorming,
			Confidential: true, PortefeuillehouderID: 213, StellerID: 902,
			Proposal:  "Kennisnemen van het onderhandelingsresultaat en instemmen met een eenmalige bijdrage van € 1,2 miljoen.",
			Documents: []domain.Document{{ID: 61, Title: "Onderhandelingsresultaat", FileName: "resultaat.pdf", Confidential: true, ReceivedAt: received}}},
		{ID: 7, Title: "Wachttijden jeugd-GGZ: analyse en aanpak", Kind: domain.ItemBespreking, PortefeuillehouderID: 212,
			Proposal: "Bespreken van de analyse en richting geven aan de aanpak voor de zomer."},
		{ID: 8, Title: "Voortgangsrapportage regionaal transformatiefonds, 4e kwartaal 2026", Kind: domain.ItemInformatie,
			Documents: []domain.Document{{ID: 81, Title: "Voortgangsrapportage Q4 2026", FileName: "voortgang-q4.pdf", ReceivedAt: received}}},
		{ID: 9, Title: "Rondvraag", Kind: domain.ItemRondvraag},
		{ID: 10, Title: "Sluiting", Kind: domain.ItemSluiting},
	}
	for i := range m.Items {
		m.Items[i].MeetingID = meetingPHO
		m.Items[i].Position = i + 1
		for j := range m.Items[i].Documents {
			m.Items[i].Documents[j].ItemID = m.Items[i].ID
			m.Items[i].Documents[j].Version = 1
		}
		for j := range m.Items[i].Advice {
			m.Items[i].Advice[j].ItemID = m.Items[i].ID
		}
	}
	m.Actions = []domain.ActionItem{
		{ID: 1, MeetingID: meetingPHO, ItemID: 4, Description: "Concept-bestek aan de colleges sturen met verzoek om zienswijze", OwnerID: secretaryID, Due: date.MustParse("2027-03-25")},
		{ID: 2, MeetingID: meetingPHO, ItemID: 6, Description: "Vaststellingsovereenkomst laten opstellen", OwnerID: 902, Due: date.MustParse("2027-04-01")},
		{ID: 3, MeetingID: meetingPHO, ItemID: 7, Description: "Plan van aanpak wachttijden uitwerken met de aanbieders", OwnerID: 312, Due: date.MustParse("2027-05-20")},
		{ID: 4, MeetingID: meetingPHO, Description: "Werkbezoek Intervence plannen", OwnerID: secretaryID, Due: date.MustParse("2027-06-30"), Done: true},
	}
	return m
}

func nextMeeting() domain.Meeting {
	return domain.Meeting{ID: meetingNext, BodyID: bodyPHO, Start: at("2027-04-22", 14, 0), End: at("2027-04-22", 16, 0),
		Status: domain.StatusGepland, UID: "pho-2027-04-22@example.nl"}
}

// nextDeadlines are the deadlines of the next meeting, as the planning
// engine would compute them with the default PHO chain.
func nextDeadlines() []domain.Deadline {
	ds := []domain.Deadline{
		{MeetingID: meetingNext, RuleKey: "aanmelden", Name: "Agendapunt aanmelden bij het secretariaat", Kind: domain.KindAanmelden, Audience: domain.AudienceAmbtenaren, Due: date.MustParse("2027-03-17"), Slack: 4, Status: domain.DeadlineOK},
		{MeetingID: meetingNext, RuleKey: "concept", Name: "Conceptstukken aanleveren voor het AO", Kind: domain.KindConcept, Audience: domain.AudienceAmbtenaren, Due: date.MustParse("2027-03-24"), Slack: 5, Status: domain.DeadlineOK},
		{MeetingID: meetingNext, RuleKey: "ao", Name: "Ambtelijk vooroverleg", Kind: domain.KindVooroverleg, Audience: domain.AudienceAmbtenaren, Due: date.MustParse("2027-03-31"), Slack: 5, Status: domain.DeadlineOK},
		{MeetingID: meetingNext, RuleKey: "aanleveren", Name: "Definitieve stukken aanleveren", Kind: domain.KindAanleveren, Audience: domain.AudienceAmbtenaren, Due: date.MustParse("2027-04-02"), Slack: 2, Status: domain.DeadlineKrap, Reason: "slechts 2 werkdagen na het AO"},
		{MeetingID: meetingNext, RuleKey: "verzending", Name: "Verzending agenda en stukken aan de leden", Kind: domain.KindDispatch, Audience: domain.AudienceSecretariaat, Due: date.MustParse("2027-04-12"), Slack: 5, Status: domain.DeadlineOK},
		{MeetingID: meetingNext, RuleKey: "pho", Name: "PHO", Kind: domain.KindMeeting, Audience: domain.AudienceLeden, Due: date.MustParse("2027-04-22")},
		{MeetingID: meetingNext, RuleKey: "besluitenlijst", Name: "Concept-besluitenlijst naar de leden", Kind: domain.KindBesluiten, Audience: domain.AudienceSecretariaat, Due: date.MustParse("2027-04-29"), Slack: 5, Status: domain.DeadlineOK},
	}
	for i := range gemeenten {
		id := int64(i + 1)
		advies := date.MustParse("2027-04-08")
		college := date.MustParse("2027-04-20")
		if i%4 == 1 { // some colleges meet on another day
			advies, college = advies.AddDays(-1), college.AddDays(-1)
		}
		ds = append(ds,
			domain.Deadline{MeetingID: meetingNext, RuleKey: "advies", Name: "Ambtelijk advies bij het college aanleveren", Kind: domain.KindAdvies, Audience: domain.AudienceAmbtenaren, MunicipalityID: id, Due: advies, Slack: 3, Status: domain.DeadlineOK},
			domain.Deadline{MeetingID: meetingNext, RuleKey: "college", Name: "Collegevergadering (rugdekking)", Kind: domain.KindCollege, Audience: domain.AudienceCollege, MunicipalityID: id, Due: college, Slack: 7, Status: domain.DeadlineOK},
		)
	}
	return ds
}

// agendaInput returns the input of the fixture's agenda.
func agendaInput(public bool) AgendaInput {
	ds := fixture()
	ix := domain.NewIndex(ds)
	next := *ix.Meetings[meetingNext]
	return AgendaInput{Meeting: *ix.Meetings[meetingPHO], Index: ix, NextMeeting: &next, NextDeadlines: nextDeadlines(),
		Public: public, Now: now, strict: true}
}

// yearFixture adds the 2027 meetings of the PHO (monthly, on Thursday,
// no meetings in July and August) and of its AO three weeks earlier, with
// their deadlines; one PHO meeting is cancelled, one has a tight and one
// an impossible step.
func yearFixture() (*domain.Dataset, []domain.Deadline) {
	ds := fixture()
	var dls []domain.Deadline
	id := int64(1000)
	for month := time.January; month <= time.December; month++ {
		if month == time.July || month == time.August {
			continue
		}
		// the third Thursday
		d := date.New(2027, month, 1)
		for d.Weekday() != time.Thursday {
			d = d.AddDays(1)
		}
		d = d.AddDays(14)
		id++
		ao := domain.Meeting{ID: id + 500, BodyID: bodyAO, Start: d.AddDays(-21).At(10, 0, domain.Amsterdam()),
			End: d.AddDays(-21).At(12, 0, domain.Amsterdam()), Status: domain.StatusGepland}
		m := domain.Meeting{ID: id, BodyID: bodyPHO, Start: d.At(14, 0, domain.Amsterdam()), End: d.At(16, 0, domain.Amsterdam()),
			Status: domain.StatusGepland, PreparedByMeetingID: ao.ID}
		meetingID := id
		switch month {
		case time.March, time.April:
			// The fixture's own meetings (18 March with its AO, 22 April).
			meetingID = meetingPHO
			if month == time.April {
				meetingID, d = meetingNext, date.MustParse("2027-04-22")
			}
		}
		switch month {
		case time.March, time.April:
		case time.May:
			m.Location = "Gemeentehuis Terneuzen, Raadszaal"
		case time.June:
			m.OnlineURL = "https://meet.example.nl/pho-jeugd"
		case time.October:
			m.Status = domain.StatusGeannuleerd
		case time.December:
			m.Start, m.End = d.At(15, 30, domain.Amsterdam()), d.At(17, 0, domain.Amsterdam())
			m.Location = "Zeeuwse Bibliotheek, Middelburg"
		}
		if meetingID == id {
			ds.Meetings = append(ds.Meetings, m, ao)
		}
		weekday := func(x date.Date) date.Date {
			for x.IsWeekend() {
				x = x.AddDays(-1)
			}
			return x
		}
		add := func(key, name string, kind domain.DeadlineKind, aud domain.Audience, due date.Date) {
			dl := domain.Deadline{MeetingID: meetingID, RuleKey: key, Name: name, Kind: kind, Audience: aud, Due: weekday(due), Slack: 5, Status: domain.DeadlineOK}
			switch {
			case month == time.March && kind == domain.KindAanleveren:
				dl.Slack, dl.Status, dl.Reason = 1, domain.DeadlineKrap, "1 werkdag na het AO, drempel is 3"
			case month == time.May && kind == domain.KindDispatch:
				dl.Slack, dl.Status, dl.Reason = -2, domain.DeadlineOnhaalbaar, "de verzending valt vóór het aanleveren van de stukken (Hemelvaart)"
			}
			dls = append(dls, dl)
		}
		add("aanmelden", "Agendapunt aanmelden bij het secretariaat", domain.KindAanmelden, domain.AudienceAmbtenaren, d.AddDays(-35))
		add("concept", "Conceptstukken aanleveren voor het AO", domain.KindConcept, domain.AudienceAmbtenaren, d.AddDays(-28))
		add("ao", "Ambtelijk vooroverleg", domain.KindVooroverleg, domain.AudienceAmbtenaren, d.AddDays(-21))
		add("aanleveren", "Definitieve stukken aanleveren", domain.KindAanleveren, domain.AudienceAmbtenaren, d.AddDays(-17))
		add("verzending", "Verzending agenda en stukken aan de leden", domain.KindDispatch, domain.AudienceSecretariaat, d.AddDays(-10))
		add("pho", "PHO", domain.KindMeeting, domain.AudienceLeden, d)
		add("besluitenlijst", "Concept-besluitenlijst naar de leden", domain.KindBesluiten, domain.AudienceSecretariaat, d.AddDays(7))
		for g := range gemeenten {
			gid := int64(g + 1)
			advies, college := weekday(d.AddDays(-14)), weekday(d.AddDays(-2))
			if g%4 == 1 {
				advies, college = weekday(advies.AddDays(-1)), weekday(college.AddDays(-1))
			}
			dls = append(dls,
				domain.Deadline{MeetingID: meetingID, RuleKey: "advies", Name: "Ambtelijk advies bij het college aanleveren", Kind: domain.KindAdvies, Audience: domain.AudienceAmbtenaren, MunicipalityID: gid, Due: advies, Slack: 4, Status: domain.DeadlineOK},
				domain.Deadline{MeetingID: meetingID, RuleKey: "college", Name: "Collegevergadering (rugdekking)", Kind: domain.KindCollege, Audience: domain.AudienceCollege, MunicipalityID: gid, Due: college, Slack: 6, Status: domain.DeadlineOK},
			)
		}
	}
	return ds, dls
}
