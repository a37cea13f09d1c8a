package documents

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents/pdf"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// YearPlanInput is what a year plan (vergaderschema) is made from.
type YearPlanInput struct {
	// Year is the calendar year whose meetings are listed.
	Year int
	// BodyID selects the meetings of one body. When it is 0,
	// PartnershipID selects those of every body of one partnership, and
	// when both are 0 every meeting is listed.
	BodyID        int64
	PartnershipID int64
	// Meetings are the candidates; YearPlan keeps those of Year in the
	// scope. nil means every meeting in Index.
	Meetings []domain.Meeting
	// Deadlines are the computed deadlines of (some of) those meetings.
	Deadlines []domain.Deadline
	// Index resolves bodies and partnerships.
	Index *domain.Index
	// Organiser is written as the PDF's author; "" means the body's
	// secretary, or else the partnership.
	Organiser string
	// Now is the creation date written into the PDF (required).
	Now time.Time

	strict bool
}

// YearPlan renders the vergaderschema: one row a meeting with its date,
// time, location and the key deadlines before it (agendapunten aanmelden,
// stukken aanleveren, verzending, and the ambtelijk vooroverleg when the
// body has one), grouped by month on landscape A4 pages. It is the list a
// secretariat mails around in autumn, so it must read well on paper: a
// deadline that is tight or impossible is printed in red, with the reason
// listed below the table.
func YearPlan(in YearPlanInput) (Rendered, error) {
	if in.Index == nil {
		return Rendered{}, i18n.Errorf(ErrIncomplete, "documents.error.noindex")
	}
	if in.Year < 1900 || in.Year > 9999 {
		return Rendered{}, i18n.Errorf(ErrIncomplete, "documents.error.year", in.Year)
	}
	y := yearPlan{in: in, ix: in.Index}
	if err := y.scope(); err != nil {
		return Rendered{}, err
	}
	y.collect()
	year := strconv.Itoa(in.Year)
	p := page{
		orientation: pdf.Landscape,
		accent:      y.color,
		headerLeft:  y.headerLeft,
		headerRight: y.scopeName,
		footer:      i18n.T("documents.yearplan.footer", y.scopeName, year),
		title:       i18n.T("documents.yearplan.title", year, y.scopeName),
		subject:     i18n.T("documents.yearplan.subject", y.scopeName, year),
		author:      y.author(in.Organiser),
		keywords:    []string{y.headerLeft, y.scopeName, i18n.T("documents.yearplan.heading", year)},
		created:     in.Now,
		strict:      in.strict,
	}
	return p.render(i18n.T("documents.yearplan.name", year, y.scopeName), date.Date(0), y.build)
}

type yearPlan struct {
	in         YearPlanInput
	ix         *domain.Index
	body       *domain.Body        // nil unless one body
	partner    *domain.Partnership // nil when the plan spans partnerships
	scopeName  string
	headerLeft string
	color      string
	rows       []planRow
	manyBodies bool
	hasPrep    bool
}

// planRow is one meeting of the plan with its key deadlines.
type planRow struct {
	m                              *domain.Meeting
	body                           *domain.Body
	prep, register, deliver, issue *domain.Deadline
}

// scope resolves BodyID and PartnershipID into names and colours.
func (y *yearPlan) scope() error {
	switch {
	case y.in.BodyID != 0:
		y.body = y.ix.Bodies[y.in.BodyID]
		if y.body == nil {
			return i18n.Errorf(ErrIncomplete, "documents.error.unknownbody", y.in.BodyID)
		}
		y.partner = y.ix.Partnerships[y.body.PartnershipID]
		y.scopeName = y.body.Name
	case y.in.PartnershipID != 0:
		y.partner = y.ix.Partnerships[y.in.PartnershipID]
		if y.partner == nil {
			return i18n.Errorf(ErrIncomplete, "documents.error.unknownpartnership", y.in.PartnershipID)
		}
		y.scopeName = y.partner.Name
	default:
		y.scopeName = i18n.T("documents.yearplan.all")
	}
	if y.partner != nil {
		y.headerLeft, y.color = y.partner.Name, y.partner.Color
	} else {
		y.headerLeft = creator
	}
	return nil
}

func (y *yearPlan) author(organiser string) string {
	if s := strings.TrimSpace(organiser); s != "" {
		return s
	}
	if y.body != nil {
		if s := y.ix.PersonName(y.body.SecretaryID); s != "" {
			return s
		}
	}
	if y.partner != nil {
		return y.partner.Name
	}
	return creator
}

// covers reports whether meeting m is in the plan's scope and year.
func (y *yearPlan) covers(m *domain.Meeting) (*domain.Body, bool) {
	b := y.ix.Bodies[m.BodyID]
	if b == nil || m.Start.IsZero() || m.Date().Year() != y.in.Year {
		return nil, false
	}
	switch {
	case y.in.BodyID != 0:
		return b, m.BodyID == y.in.BodyID
	case y.in.PartnershipID != 0:
		return b, b.PartnershipID == y.in.PartnershipID
	}
	return b, true
}

// collect selects the meetings and picks their key deadlines.
func (y *yearPlan) collect() {
	var ms []*domain.Meeting
	if y.in.Meetings != nil {
		for i := range y.in.Meetings {
			ms = append(ms, &y.in.Meetings[i])
		}
	} else {
		for _, m := range y.ix.Meetings {
			ms = append(ms, m)
		}
	}
	byMeeting := map[int64][]*domain.Deadline{}
	for i := range y.in.Deadlines {
		d := &y.in.Deadlines[i]
		byMeeting[d.MeetingID] = append(byMeeting[d.MeetingID], d)
	}
	bodies := map[int64]bool{}
	for _, m := range ms {
		b, ok := y.covers(m)
		if !ok {
			continue
		}
		bodies[b.ID] = true
		r := planRow{m: m, body: b}
		ds := byMeeting[m.ID]
		r.prep = pick(ds, domain.KindVooroverleg)
		if prep := y.ix.Meetings[m.PreparedByMeetingID]; r.prep == nil && prep != nil && !prep.Start.IsZero() && !prep.IsCancelled() {
			// The AO meeting that really prepares this one.
			r.prep = &domain.Deadline{MeetingID: m.ID, Kind: domain.KindVooroverleg, Due: prep.Date(), Status: domain.DeadlineOK}
		}
		r.register = pick(ds, domain.KindAanmelden)
		r.deliver = pick(ds, domain.KindAanleveren)
		r.issue = pick(ds, domain.KindDispatch)
		if r.prep != nil || b.PreparedByID != 0 {
			y.hasPrep = true
		}
		y.rows = append(y.rows, r)
	}
	y.manyBodies = len(bodies) > 1
	sort.SliceStable(y.rows, func(i, j int) bool {
		a, b := y.rows[i], y.rows[j]
		if !a.m.Start.Equal(b.m.Start) {
			return a.m.Start.Before(b.m.Start)
		}
		if a.body.Name != b.body.Name {
			return a.body.Name < b.body.Name
		}
		return a.m.ID < b.m.ID
	})
}

// pick returns the deadline of kind k among ds: the one for the whole
// body when there is one, else the earliest of the per-gemeente ones (the
// first gemeente that must act).
func pick(ds []*domain.Deadline, k domain.DeadlineKind) *domain.Deadline {
	var best *domain.Deadline
	for _, d := range ds {
		if d.Kind != k || d.Due.IsZero() {
			continue
		}
		switch {
		case best == nil:
			best = d
		case (d.MunicipalityID == 0) != (best.MunicipalityID == 0):
			if d.MunicipalityID == 0 {
				best = d
			}
		case d.Due.Before(best.Due):
			best = d
		}
	}
	return best
}

func (y *yearPlan) build(d *pdf.Doc) {
	year := strconv.Itoa(y.in.Year)
	d.Heading(1, i18n.T("documents.yearplan.heading", year))
	sub := y.scopeName
	if y.body != nil && y.partner != nil {
		sub += " · " + y.partner.Name
	}
	d.Paragraph(pdf.Label.Sized(13), sub)
	d.Space(3)
	if len(y.rows) == 0 {
		d.Paragraph(pdf.Body, i18n.T("documents.yearplan.empty", year))
		return
	}
	intro := i18n.T("documents.yearplan.intro")
	if y.body != nil {
		if loc := strings.TrimSpace(y.body.Location); loc != "" {
			intro += " " + i18n.T("documents.yearplan.defaultlocation", loc)
		}
	}
	d.Paragraph(pdf.Body, intro)
	d.Space(3)

	cols := []pdf.Column{
		{Header: i18n.T("documents.col.date"), Weight: 2.9},
		{Header: i18n.T("documents.col.time"), Weight: 2.3},
	}
	if y.manyBodies {
		cols = append(cols, pdf.Column{Header: i18n.T("documents.col.body"), Weight: 4.2})
	}
	// The deadline columns run in the order of the chain: aanmelden,
	// vooroverleg, aanleveren, verzending.
	cols = append(cols,
		pdf.Column{Header: i18n.T("documents.col.location"), Weight: 5.4},
		pdf.Column{Header: i18n.T("documents.col.register"), Weight: 2.9})
	if y.hasPrep {
		cols = append(cols, pdf.Column{Header: i18n.T("documents.col.prep"), Weight: 2.9})
	}
	cols = append(cols,
		pdf.Column{Header: i18n.T("documents.col.deliver"), Weight: 2.9},
		pdf.Column{Header: i18n.T("documents.col.dispatch"), Weight: 2.9},
	)
	t := pdf.Table{Columns: cols, Zebra: true, Size: 9.5}
	var notes []pdf.ListItem
	month := time.Month(0)
	for _, r := range y.rows {
		day := r.m.Date()
		if day.Month() != month {
			month = day.Month()
			t.Rows = append(t.Rows, pdf.Row{Group: i18n.MonthName(month) + " " + strconv.Itoa(day.Year())})
		}
		cancelled := r.m.IsCancelled()
		cells := []pdf.Cell{{Text: shortDate(day), Bold: !cancelled, Muted: cancelled}, {Text: timeCell(r.m), Muted: cancelled}}
		if y.manyBodies {
			cells = append(cells, pdf.Cell{Text: r.body.Name, Muted: cancelled})
		}
		if cancelled {
			cells = append(cells, pdf.Cell{Text: i18n.T("documents.yearplan.cancelled"), Italic: true, Alert: true})
			if y.hasPrep {
				cells = append(cells, pdf.Cell{})
			}
			cells = append(cells, pdf.Cell{}, pdf.Cell{}, pdf.Cell{})
			t.Rows = append(t.Rows, pdf.Row{Cells: cells})
			continue
		}
		where := location(r.m, r.body)
		if strings.TrimSpace(r.m.OnlineURL) != "" {
			if where == "" {
				where = i18n.T("documents.yearplan.online")
			} else {
				where += " " + i18n.T("documents.yearplan.andonline")
			}
		}
		cells = append(cells, pdf.T(where), deadlineCell(r.register))
		if y.hasPrep {
			cells = append(cells, deadlineCell(r.prep))
		}
		cells = append(cells, deadlineCell(r.deliver), deadlineCell(r.issue))
		t.Rows = append(t.Rows, pdf.Row{Cells: cells})
		for _, dl := range []*domain.Deadline{r.register, r.prep, r.deliver, r.issue} {
			if dl != nil && dl.Status != "" && dl.Status != domain.DeadlineOK {
				notes = append(notes, pdf.ListItem{Marker: shortDate(day), Text: deadlineNote(dl, r.body, y.manyBodies)})
			}
		}
	}
	d.Table(t)
	d.Space(2)
	d.Paragraph(pdf.Note, i18n.T("documents.yearplan.legend"))
	if len(notes) > 0 {
		d.Heading(3, i18n.T("documents.yearplan.attention"))
		d.List(pdf.Body.Sized(9.5), 28, notes)
	}
}

// timeCell is "14:00–16:30", or the start alone when no end is known.
func timeCell(m *domain.Meeting) string {
	start := i18n.Clock(m.Start.In(domain.Amsterdam()))
	if m.End.After(m.Start) {
		return start + "–" + i18n.Clock(m.End.In(domain.Amsterdam()))
	}
	return start
}

// deadlineCell shows a deadline's date, in red when the planning engine
// found the step tight or impossible.
func deadlineCell(d *domain.Deadline) pdf.Cell {
	if d == nil {
		return pdf.Cell{Text: "–", Muted: true}
	}
	return pdf.Cell{Text: shortDate(d.Due), Alert: d.Status == domain.DeadlineKrap || d.Status == domain.DeadlineOnhaalbaar,
		Bold: d.Status == domain.DeadlineOnhaalbaar}
}

// deadlineNote explains a tight or impossible step: "Definitieve stukken
// aanleveren (vr 02-04-2027): krap – slechts 2 werkdagen na het AO".
func deadlineNote(d *domain.Deadline, b *domain.Body, withBody bool) string {
	s := i18n.T("documents.deadline.note", d.Name, shortDate(d.Due), d.Status.Label())
	if r := strings.TrimSpace(d.Reason); r != "" {
		s += " – " + r
	}
	if withBody {
		s = b.Name + ": " + s
	}
	return s
}
