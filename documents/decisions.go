package documents

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/documents/pdf"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// DecisionListInput is what a besluitenlijst is made from.
type DecisionListInput struct {
	// Meeting is the meeting with its Items (Decision and Motivation
	// filled in), Attendance and Actions.
	Meeting domain.Meeting
	// Index resolves the body, partnership, gemeenten and people.
	Index *domain.Index
	// Draft marks the list as a concept, as it goes to the members in
	// the days after the meeting until the next meeting adopts it.
	Draft bool
	// Public makes the public variant (see PublicMeeting).
	Public bool
	// Organiser is written as the PDF's author; "" means the body's
	// secretary, or else the partnership.
	Organiser string
	// Now is the creation date written into the PDF (required).
	Now time.Time

	strict bool
}

// DecisionList renders the besluitenlijst of a meeting: who attended and
// who sent apologies, per agenda item the decision with its motivation
// and the actions that came from it, and at the end the action list (who
// does what by when) that the secretariat follows up.
func DecisionList(in DecisionListInput) (Rendered, error) {
	m := in.Meeting
	if in.Public {
		m = PublicMeeting(m, "")
	}
	c, err := newMeetingContext(in.Index, &m)
	if err != nil {
		return Rendered{}, err
	}
	l := decisionList{meetingContext: c, in: in}
	medium := i18n.MediumDate(m.Date())
	longDay, hours := when(&m)
	name := i18n.T("documents.decisions.name", c.body.Name)
	footer := i18n.T("documents.decisions.footer", c.body.Name, medium)
	if in.Draft {
		footer = i18n.T("documents.decisions.footer.draft", c.body.Name, medium)
	}
	if in.Public {
		name = i18n.T("documents.decisions.name.public", c.body.Name)
	}
	p := page{
		accent:      c.partnership.Color,
		headerLeft:  c.partnership.Name,
		headerRight: c.body.Name,
		footer:      footer,
		title:       i18n.T("documents.decisions.title", c.body.Name, medium),
		subject:     i18n.T("documents.agenda.subject", c.body.Name, longDay, hours),
		author:      c.author(in.Organiser),
		keywords:    []string{c.partnership.Name, c.body.Name, i18n.T("documents.decisions.heading")},
		created:     in.Now,
		strict:      in.strict,
	}
	return p.render(name, m.Date(), l.build)
}

type decisionList struct {
	meetingContext
	in DecisionListInput
}

func (l decisionList) build(d *pdf.Doc) {
	d.Heading(1, i18n.T("documents.decisions.heading"))
	d.Paragraph(pdf.Label.Sized(13), l.body.Name)
	d.Space(4)
	if l.in.Draft {
		d.Banner(pdf.Strong.Sized(9.5), pdf.Tint, i18n.T("documents.decisions.draft.banner"))
		d.Space(3)
	}
	if l.in.Public {
		d.Banner(pdf.Strong.Sized(9.5), pdf.Tint, i18n.T("documents.decisions.public.banner"))
		d.Space(3)
	}
	if l.m.IsCancelled() {
		d.Banner(pdf.Strong.With(pdf.Alert), pdf.Tint, i18n.T("documents.meeting.cancelled"))
		d.Space(3)
	}
	l.particulars(d)
	l.decisions(d)
	l.actions(d)
}

// particulars prints when and where, and who was there.
func (l decisionList) particulars(d *pdf.Doc) {
	m := l.m
	day, hours := when(m)
	fields := []pdf.Field{
		{Label: i18n.T("documents.field.date"), Value: day},
		{Label: i18n.T("documents.field.time"), Value: hours},
		{Label: i18n.T("documents.field.location"), Value: location(m, l.body)},
	}
	var present, absent, others []string
	chair := ""
	for _, s := range l.ix.MeetingSeats(m) {
		if !s.Attends() {
			absent = append(absent, withMunicipality(s.Person.Name, s.Municipality))
			continue
		}
		if s.Role == domain.RoleVoorzitter && chair == "" {
			chair = seatName(s)
		}
		if s.Municipality == nil {
			others = append(others, seatName(s)+" ("+s.Role.Label()+")")
			continue
		}
		who := withMunicipality(s.Person.Name, s.Municipality)
		if s.Substitute != nil {
			who = i18n.T("documents.seat.onbehalf.municipality", s.Substitute.Name, s.Person.Name, s.Municipality.Name)
		}
		present = append(present, who)
	}
	fields = append(fields,
		pdf.Field{Label: i18n.T("documents.field.chair"), Value: chair},
		pdf.Field{Label: i18n.T("documents.field.present"), Value: strings.Join(present, ", ")},
		pdf.Field{Label: i18n.T("documents.field.absent"), Value: strings.Join(absent, ", ")},
		pdf.Field{Label: i18n.T("documents.field.alsopresent"), Value: strings.Join(others, ", ")},
	)
	d.Fields(labelWidth, fields)
}

// withMunicipality returns "Name (Gemeente)", or the name alone.
func withMunicipality(name string, g *domain.Municipality) string {
	if g == nil || g.Name == "" {
		return name
	}
	return name + " (" + g.Name + ")"
}

// decisions prints, per agenda item, the decision, its motivation and the
// actions that came from it.
func (l decisionList) decisions(d *pdf.Doc) {
	d.Heading(2, i18n.T("documents.decisions.items"))
	if len(l.m.Items) == 0 {
		d.Paragraph(pdf.Note, i18n.T("documents.decisions.noitems"))
		return
	}
	for i := range l.m.Items {
		if i > 0 {
			d.Space(3.2)
		}
		l.item(d, i+1, &l.m.Items[i])
	}
}

func (l decisionList) item(d *pdf.Doc, n int, it *domain.AgendaItem) {
	title := strings.TrimSpace(it.Title)
	if title == "" {
		title = i18n.T("documents.item.untitled")
	}
	kind, kindStyle := it.Kind.Label(), pdf.Label
	if it.Confidential && !l.in.Public {
		kind, kindStyle = i18n.T("documents.item.confidential", kind), pdf.Strong.With(pdf.Alert)
	}
	d.KeepTogether(3 * pdf.LineHeight(pdf.Body))
	d.Labeled(fmt.Sprintf("%d.", n), pdf.Strong, numberWidth, func() {
		d.TitleLine(title, pdf.Strong, kind, kindStyle)
		if it.Confidential && l.in.Public {
			return
		}
		w := labelWidth - numberWidth
		switch dec := strings.TrimSpace(it.Decision); {
		case dec != "":
			d.Labeled(i18n.T("documents.field.decision"), pdf.Label, w, func() { d.Paragraph(pdf.Body, dec) })
		case it.Kind.NeedsDecision():
			d.Labeled(i18n.T("documents.field.decision"), pdf.Label, w, func() {
				d.Paragraph(pdf.Note, i18n.T("documents.decisions.nodecision"))
			})
		}
		if mot := strings.TrimSpace(it.Motivation); mot != "" {
			d.Labeled(i18n.T("documents.field.motivation"), pdf.Label, w, func() { d.Paragraph(pdf.Body, mot) })
		}
		var acts []pdf.ListItem
		for _, a := range l.sortedActions() {
			if a.ItemID == it.ID && it.ID != 0 {
				acts = append(acts, pdf.ListItem{Marker: "–", Text: l.actionText(a)})
			}
		}
		if len(acts) > 0 {
			d.Labeled(i18n.T("documents.field.actions"), pdf.Label, w, func() { d.List(pdf.Body, 4, acts) })
		}
	})
}

// actionText is "Description (Owner, vóór 25 maart 2027)".
func (l decisionList) actionText(a domain.ActionItem) string {
	var who []string
	if s := personWithMunicipality(l.ix, a.OwnerID); s != "" {
		who = append(who, s)
	}
	if !a.Due.IsZero() {
		who = append(who, i18n.T("documents.action.before", i18n.MediumDate(a.Due)))
	}
	if a.Done {
		who = append(who, i18n.T("documents.action.done"))
	}
	s := strings.TrimSpace(a.Description)
	if len(who) > 0 {
		s += " (" + strings.Join(who, ", ") + ")"
	}
	return s
}

// sortedActions returns the meeting's actions by due date (no date last).
func (l decisionList) sortedActions() []domain.ActionItem {
	acts := append([]domain.ActionItem(nil), l.m.Actions...)
	sort.SliceStable(acts, func(i, j int) bool {
		a, b := acts[i].Due, acts[j].Due
		if a.IsZero() != b.IsZero() {
			return b.IsZero()
		}
		return a.Before(b)
	})
	return acts
}

// actions prints the action list.
func (l decisionList) actions(d *pdf.Doc) {
	acts := l.sortedActions()
	if len(acts) == 0 {
		return
	}
	number := map[int64]int{}
	for i, it := range l.m.Items {
		number[it.ID] = i + 1
	}
	d.Space(2)
	d.Heading(2, i18n.T("documents.decisions.actions"))
	t := pdf.Table{Columns: []pdf.Column{
		{Header: i18n.T("documents.col.nr"), Weight: 1, Align: pdf.Right},
		{Header: i18n.T("documents.col.action"), Weight: 7.6},
		{Header: i18n.T("documents.col.owner"), Weight: 4.4},
		{Header: i18n.T("documents.col.before"), Weight: 3.4},
		{Header: i18n.T("documents.col.item"), Weight: 1.6, Align: pdf.Right},
		{Header: i18n.T("documents.col.status"), Weight: 2.2},
	}}
	for i, a := range acts {
		item := ""
		if n := number[a.ItemID]; n > 0 && a.ItemID != 0 {
			item = fmt.Sprint(n)
		}
		status := pdf.Cell{Text: i18n.T("documents.action.open")}
		if a.Done {
			status = pdf.Cell{Text: i18n.T("documents.action.done"), Muted: true}
		}
		due := ""
		if !a.Due.IsZero() {
			due = shortDate(a.Due)
		}
		t.Rows = append(t.Rows, pdf.Row{Cells: []pdf.Cell{
			{Text: fmt.Sprint(i + 1), Muted: true}, pdf.T(a.Description), pdf.T(personWithMunicipality(l.ix, a.OwnerID)),
			pdf.T(due), {Text: item, Muted: true}, status,
		}})
	}
	d.Table(t)
}
