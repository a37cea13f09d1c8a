package demo

import (
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
)

// agendaWindow is how far from today meetings have a full agenda: older
// meetings are history (held, decided), meetings further ahead only have
// their standing items yet, as in a real secretariat.
const (
	agendaPast   = 120 // days
	agendaFuture = 75  // days
)

// addStory fills in what makes the demo tell the story: statuses, agendas
// with stukken on time, late and missing, one confidential item, advice,
// decisions with motivation, action items, apologies and a substitute, a
// cancelled meeting and a clash between two partnerships.
func addStory(ds *domain.Dataset, ix *domain.Index, pix peopleIndex, today date.Date, work func(date.Date) bool) {
	ams := domain.Amsterdam()
	next := map[int64]int{} // partnership → next topic
	docN := 0
	cancelledOS := false
	seenUpcoming := map[int64]int{}
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		b := ix.Bodies[m.BodyID]
		d := m.Date()
		switch {
		case d.Before(today):
			m.Status = domain.StatusGehouden
		case !d.AddDays(-10).After(today):
			m.Status = domain.StatusVerzonden
		}
		if !d.Before(today) {
			seenUpcoming[b.ID]++
		}
		// The second upcoming Oosterschelde PHO is cancelled: the invitees
		// need a CANCEL with a higher sequence.
		if b.ID == bodyOSPHO && seenUpcoming[b.ID] == 2 && !cancelledOS {
			m.Status, m.Sequence, m.Note = domain.StatusGeannuleerd, 1, "Geannuleerd: te weinig agendapunten; de punten schuiven door naar de volgende vergadering."
			cancelledOS = true
		}
		items := standing(b.StandingItems)
		full := d.Sub(today) <= agendaFuture && today.Sub(d) <= agendaPast && m.Status != domain.StatusGeannuleerd
		if full {
			pool := topics[b.PartnershipID]
			n := 3
			if b.Kind == domain.BodyAO || b.Kind == domain.BodyDB {
				n = 2
			}
			var content []domain.AgendaItem
			for k := 0; k < n && len(pool) > 0; k++ {
				t := pool[next[b.PartnershipID]%len(pool)]
				next[b.PartnershipID]++
				it := domain.AgendaItem{Title: t.title, Kind: t.kind, Proposal: t.proposal, Confidential: t.confidential}
				if w := someWethouder(ix, b, d, pix, k); w != 0 {
					it.PortefeuillehouderID = w
				}
				it.StellerID = someAdviseur(ix, b, d, pix, k)
				held := m.Status == domain.StatusGehouden
				if held {
					it.Decision, it.Motivation = t.decision, t.motivation
					if t.action != "" {
						due := d.AddDays(28)
						m.Actions = append(m.Actions, domain.ActionItem{Description: t.action, OwnerID: it.StellerID, Due: due, Done: due.Before(today)})
					}
				}
				// Stukken must be in two weeks before the meeting (the
				// default chain's "definitieve stukken aanleveren" lands
				// around there); their state follows from that.
				due := d.AddDays(-14)
				for j, title := range t.stukken {
					doc := domain.Document{Title: title, FileName: fileName(title), Confidential: t.confidential, Version: 1}
					docN++
					switch {
					case held || (!due.After(today) && docN%7 != 3 && docN%7 != 5):
						doc.ReceivedAt = receivedOn(due.AddDays(-2-j), work).At(11, 15, ams)
					case !due.After(today) && docN%7 == 3:
						late := due.AddDays(2)
						if late.After(today) {
							late = today
						}
						doc.ReceivedAt = late.At(16, 40, ams) // te laat
						doc.Version = 2
					case !due.After(today):
						// docN%7 == 5: ontbreekt
					case docN%3 == 0:
						doc.ReceivedAt = receivedOn(today.AddDays(-1), work).At(9, 5, ams) // early
					}
					it.Documents = append(it.Documents, doc)
				}
				if !held && b.Kind == domain.BodyPHO && t.kind == domain.ItemBesluitvorming {
					it.Advice = adviceRound(ix, b, d, today, k)
				}
				content = append(content, it)
			}
			items = insertContent(items, content)
		}
		m.Items = items
	}
	addAttendance(ds, ix, pix, today)
	addClash(ds, ix, today)
}

// standing turns a body's template into agenda items.
func standing(tpl []domain.StandingItem) []domain.AgendaItem {
	var out []domain.AgendaItem
	for _, s := range tpl {
		out = append(out, domain.AgendaItem{Title: s.Title, Kind: s.Kind})
	}
	return out
}

// insertContent puts the substantive items before rondvraag and sluiting.
func insertContent(items, content []domain.AgendaItem) []domain.AgendaItem {
	cut := len(items)
	for cut > 0 && (items[cut-1].Kind == domain.ItemRondvraag || items[cut-1].Kind == domain.ItemSluiting) {
		cut--
	}
	out := append([]domain.AgendaItem{}, items[:cut]...)
	out = append(out, content...)
	out = append(out, items[cut:]...)
	for i := range out {
		out[i].Position = i + 1
	}
	return out
}

// receivedOn moves d back to a working day: nobody delivers on Sunday.
func receivedOn(d date.Date, work func(date.Date) bool) date.Date {
	for !work(d) {
		d = d.AddDays(-1)
	}
	return d
}

func fileName(title string) string {
	out := make([]rune, 0, len(title))
	for _, r := range title {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			out = append(out, r)
		case r == ' ' || r == '-' || r == '–':
			out = append(out, '-')
		}
	}
	return string(out) + ".pdf"
}

// memberMunicipalities returns the gemeenten of body b's partnership on d.
func memberMunicipalities(ix *domain.Index, b *domain.Body, d date.Date) []*domain.Municipality {
	return ix.MemberMunicipalities(b, d)
}

func someWethouder(ix *domain.Index, b *domain.Body, d date.Date, pix peopleIndex, k int) int64 {
	ms := memberMunicipalities(ix, b, d)
	if len(ms) == 0 {
		return 0
	}
	kind := wethouderSociaal
	if b.PartnershipID == Veiligheidsregio {
		kind = burgemeester
	}
	return pix.byMun[ms[(k*5+int(d)%7)%len(ms)].ID][kind]
}

func someAdviseur(ix *domain.Index, b *domain.Body, d date.Date, pix peopleIndex, k int) int64 {
	ms := memberMunicipalities(ix, b, d)
	if len(ms) == 0 {
		return 0
	}
	m := ms[(k*3+int(d)%5)%len(ms)]
	if b.PartnershipID == Orionis {
		if id := pix.byMun[m.ID][adviseurWerk]; id != 0 {
			return id
		}
	}
	return pix.byMun[m.ID][adviseurSociaal]
}

// adviceRound gives part of the member gemeenten an advice: most agree,
// one has remarks, one disagrees, the rest have not answered yet.
func adviceRound(ix *domain.Index, b *domain.Body, d, today date.Date, k int) []domain.Advice {
	var out []domain.Advice
	given := today
	if given.After(d) {
		given = d
	}
	for i, m := range memberMunicipalities(ix, b, d) {
		var v domain.Verdict
		note := ""
		switch (i + k) % 5 {
		case 0, 1:
			v = domain.VerdictAkkoord
		case 2:
			v, note = domain.VerdictKanttekeningen, "Akkoord, mits de uitvoeringskosten binnen de bestaande budgetten blijven."
		case 3:
			if i == 3 {
				v, note = domain.VerdictNietAkkoord, "Het college heeft nog geen rugdekking gegeven; besluitvorming graag aanhouden."
			}
		}
		if v != domain.VerdictNone {
			out = append(out, domain.Advice{MunicipalityID: m.ID, Verdict: v, Note: note, GivenOn: given})
		}
	}
	return out
}

// addAttendance: at the next Jeugd PHO one wethouder sends apologies and
// another sends the gemeente's beleidsadviseur, who attends mandated.
func addAttendance(ds *domain.Dataset, ix *domain.Index, pix peopleIndex, today date.Date) {
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		if m.BodyID != bodyJeugdPHO || m.Date().Before(today) {
			continue
		}
		m.Attendance = []domain.Attendance{
			{PersonID: pix.byMun[Hulst][wethouderSociaal], Status: domain.AttendanceAfgemeld, Note: "Werkbezoek provincie"},
			{PersonID: pix.byMun[Kapelle][wethouderSociaal], Status: domain.AttendanceVervangen,
				SubstituteID: pix.byMun[Kapelle][adviseurSociaal], Note: "Gemandateerd door het college"},
		}
		return
	}
}

// addClash plans an extra Orionis meeting at the same time as the next
// Jeugd PHO: the wethouders of Middelburg, Vlissingen and Veere sit in
// both, which the conflict check must report.
func addClash(ds *domain.Dataset, ix *domain.Index, today date.Date) {
	var target *domain.Meeting
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		if m.BodyID == bodyJeugdPHO && !m.Date().Before(today.AddDays(14)) {
			target = m
			break
		}
	}
	if target == nil {
		return
	}
	var maxID int64
	for _, m := range ds.Meetings {
		if m.ID > maxID {
			maxID = m.ID
		}
	}
	b := ix.Bodies[bodyOrionisPHO]
	start := target.Start.Add(30 * time.Minute)
	extra := domain.Meeting{ID: maxID + 1, BodyID: b.ID, Start: start, End: start.Add(90 * time.Minute), Location: b.Location,
		Status: domain.StatusGepland, UID: "demo-extra-orionis@overlegplanner", Note: "Extra vergadering over de begroting",
		Items: insertContent(standing(b.StandingItems), []domain.AgendaItem{{Title: "Ontwerpbegroting 2028 Orionis Walcheren — extra bespreking", Kind: domain.ItemBespreking,
			Proposal: "Bespreken van de reacties van de drie colleges op de ontwerpbegroting."}})}
	ds.Meetings = append(ds.Meetings, extra)
}
