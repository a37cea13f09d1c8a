package documents

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents/pdf"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// AgendaInput is what an agenda is made from.
type AgendaInput struct {
	// Meeting is the meeting with its Items (and their Documents and
	// Advice) and Attendance.
	Meeting domain.Meeting
	// Index resolves the body, partnership, gemeenten and people;
	// MeetingSeats says who sits at the meeting.
	Index *domain.Index
	// NextMeeting is the next meeting of the same body, nil when none is
	// planned; NextDeadlines are its deadlines as the planning engine
	// computed them. Together they make the summary at the end that
	// tells the members and their ambtenaren what is due next.
	NextMeeting   *domain.Meeting
	NextDeadlines []domain.Deadline
	// Public makes the public variant (see PublicMeeting): confidential
	// items appear only as "Vertrouwelijk agendapunt", and ambtelijk
	// advies is left out.
	Public bool
	// Organiser is the issuing secretariat, written as the PDF's author;
	// "" means the body's secretary, or else the partnership.
	Organiser string
	// Now is the creation date written into the PDF. It is required:
	// documents never read the clock, so that output is reproducible.
	Now time.Time

	strict bool // tests: layout defects are errors
}

// Agenda renders the agenda of in.Meeting as an A4 PDF: the meeting's
// particulars, the members per gemeente with apologies and substitutes,
// the numbered items with kind, portefeuillehouder, proposal and
// attachments, and the deadlines of the next meeting. Every page carries
// the partnership and body in its header and "pagina X van Y" in its
// footer.
func Agenda(in AgendaInput) (Rendered, error) {
	a, p, name, err := prepareAgenda(in)
	if err != nil {
		return Rendered{}, err
	}
	return p.render(name, a.m.Date(), a.build)
}

// prepareAgenda sets up the layout of an agenda and its pages; the
// vergaderbundel (bundle.go) lays out the same agenda with its table of
// contents added.
func prepareAgenda(in AgendaInput) (agenda, page, string, error) {
	m := in.Meeting
	if in.Public {
		m = PublicMeeting(m, "")
	}
	c, err := newMeetingContext(in.Index, &m)
	if err != nil {
		return agenda{}, page{}, "", err
	}
	a := agenda{meetingContext: c, in: in}
	day := m.Date()
	medium := i18n.MediumDate(day)
	name := i18n.T("documents.agenda.name", c.body.Name)
	footer := i18n.T("documents.agenda.footer", c.body.Name, medium)
	if in.Public {
		name = i18n.T("documents.agenda.name.public", c.body.Name)
		footer = i18n.T("documents.agenda.footer.public", c.body.Name, medium)
	}
	longDay, hours := when(&m)
	p := page{
		accent:      c.partnership.Color,
		headerLeft:  c.partnership.Name,
		headerRight: c.body.Name,
		footer:      footer,
		title:       i18n.T("documents.agenda.title", c.body.Name, medium),
		subject:     i18n.T("documents.agenda.subject", c.body.Name, longDay, hours),
		author:      c.author(in.Organiser),
		keywords:    []string{c.partnership.Name, c.body.Name, i18n.T("documents.agenda.heading")},
		created:     in.Now,
		strict:      in.strict,
	}
	return a, p, name, nil
}

// agenda lays out one agenda.
type agenda struct {
	meetingContext
	in AgendaInput
	// bundle, when not nil, is the vergaderbundel this agenda opens: the
	// attachments link to their stuk and say why one was left out.
	bundle *bundlePlan
}

// labelWidth is the width of the label column (Datum, Portefeuillehouder)
// in millimetres, from the margin: the longest Dutch label,
// "Portefeuillehouder", fits beside an item number, and the values of the
// meeting's particulars and of every item start on one vertical line.
const labelWidth = 42.0

// numberWidth is the width of the item numbers' column.
const numberWidth = 9.0

func (a agenda) build(d *pdf.Doc) {
	m := a.m
	d.Heading(1, i18n.T("documents.agenda.heading"))
	d.Paragraph(pdf.Label.Sized(13), a.body.Name)
	d.Space(4)
	if a.in.Public {
		d.Banner(pdf.Strong.Sized(9.5), pdf.Tint, i18n.T("documents.agenda.public.banner"))
		d.Space(3)
	}
	if m.IsCancelled() {
		d.Banner(pdf.Strong.With(pdf.Alert), pdf.Tint, i18n.T("documents.meeting.cancelled"))
		d.Space(3)
	}
	a.particulars(d)
	a.members(d)
	a.items(d)
	a.nextMeeting(d)
}

// particulars prints date, time, place, chair and secretariat.
func (a agenda) particulars(d *pdf.Doc) {
	m := a.m
	day, hours := when(m)
	fields := []pdf.Field{
		{Label: i18n.T("documents.field.date"), Value: day},
		{Label: i18n.T("documents.field.time"), Value: hours},
		{Label: i18n.T("documents.field.location"), Value: location(m, a.body)},
	}
	if u := strings.TrimSpace(m.OnlineURL); u != "" {
		fields = append(fields, pdf.Field{Label: i18n.T("documents.field.online"), Value: u, Link: safeLink(u)})
	}
	for _, s := range a.ix.MeetingSeats(m) {
		if s.Role == domain.RoleVoorzitter && s.Attends() {
			fields = append(fields, pdf.Field{Label: i18n.T("documents.field.chair"), Value: seatName(s)})
			break
		}
	}
	if sec := a.ix.People[a.body.SecretaryID]; sec != nil {
		v := sec.Name
		if sec.Email != "" {
			v += ", " + sec.Email
		}
		if sec.Phone != "" {
			v += ", " + sec.Phone
		}
		fields = append(fields, pdf.Field{Label: i18n.T("documents.field.secretary"), Value: v})
	}
	d.Fields(labelWidth, fields)
}

// safeLink returns u when it is a web or mail address a reader may click;
// anything else (javascript:, file:) is printed but not linked.
func safeLink(u string) string {
	l := strings.ToLower(u)
	if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:") {
		return u
	}
	return ""
}

// seatName returns who fills a seat: "Jan de Vries", or for a substitute
// "Piet Jansen (namens Jan de Vries)".
func seatName(s domain.Seat) string {
	if s.Substitute != nil {
		return i18n.T("documents.seat.onbehalf", s.Substitute.Name, s.Person.Name)
	}
	return s.Person.Name
}

// members prints the seats per gemeente, with apologies and substitutes,
// and the member gemeenten that have no seat in this body.
func (a agenda) members(d *pdf.Doc) {
	seats := a.ix.MeetingSeats(a.m)
	missing := a.unseated(seats)
	if len(seats) == 0 && len(missing) == 0 {
		return
	}
	d.Heading(2, i18n.T("documents.agenda.members"))
	t := pdf.Table{Columns: []pdf.Column{
		{Header: i18n.T("documents.col.municipality"), Weight: 3.5},
		{Header: i18n.T("documents.col.name"), Weight: 4.2},
		{Header: i18n.T("documents.col.function"), Weight: 5},
		{Header: i18n.T("documents.col.attendance"), Weight: 4.3},
	}}
	// A gemeente without a seat takes its alphabetical place among the
	// others, so the reader finds every gemeente where expected.
	prev := ""
	for _, s := range seats {
		for len(missing) > 0 && (s.Municipality == nil || missing[0].Name < s.Municipality.Name) {
			t.Rows = append(t.Rows, unseatedRow(missing[0]))
			missing = missing[1:]
		}
		group := i18n.T("documents.members.other")
		if s.Municipality != nil {
			group = s.Municipality.Name
		}
		gcell := pdf.Cell{Text: group, Bold: s.Municipality != nil, Muted: s.Municipality == nil}
		if group == prev {
			gcell = pdf.Cell{}
		}
		prev = group
		name := s.Person.Name
		if s.Role == domain.RoleVoorzitter || s.Role == domain.RoleSecretaris || s.Role == domain.RoleAdviseur {
			name += " (" + s.Role.Label() + ")"
		}
		t.Rows = append(t.Rows, pdf.Row{Cells: []pdf.Cell{
			gcell, pdf.T(name), {Text: s.Person.Function, Muted: true}, attendanceCell(s),
		}})
	}
	for _, g := range missing {
		t.Rows = append(t.Rows, unseatedRow(g))
	}
	d.Table(t)
}

func unseatedRow(g *domain.Municipality) pdf.Row {
	return pdf.Row{Cells: []pdf.Cell{
		{Text: g.Name, Bold: true}, {Text: i18n.T("documents.members.noseat"), Muted: true, Italic: true},
	}}
}

// unseated returns the gemeenten that are members of the partnership on
// the meeting's date but have nobody in the body: the secretariat must see
// that a gemeente will not be represented.
func (a agenda) unseated(seats []domain.Seat) []*domain.Municipality {
	seated := map[int64]bool{}
	for _, s := range seats {
		if s.Municipality != nil {
			seated[s.Municipality.ID] = true
		}
	}
	var out []*domain.Municipality
	for _, g := range a.ix.MemberMunicipalities(a.body, a.m.Date()) {
		if !seated[g.ID] {
			out = append(out, g)
		}
	}
	return out
}

// attendanceCell says whether a seat is filled: apologies, a substitute
// (an ambtenaar who substitutes attends as mandated), or confirmed.
func attendanceCell(s domain.Seat) pdf.Cell {
	switch {
	case s.Substitute != nil:
		key := "documents.attendance.substitute"
		if s.Substitute.Role == domain.PersonAmbtenaar {
			key = "documents.attendance.mandated"
		}
		return pdf.T(i18n.T(key, s.Substitute.Name))
	case s.Attendance.Status == domain.AttendanceAfgemeld:
		return pdf.Cell{Text: i18n.T("documents.attendance.apologies"), Italic: true}
	case s.Attendance.Status == domain.AttendanceAanwezig:
		return pdf.Cell{Text: i18n.T("documents.attendance.present"), Muted: true}
	}
	return pdf.Cell{}
}

// items prints the numbered agenda items.
func (a agenda) items(d *pdf.Doc) {
	d.Heading(2, i18n.T("documents.agenda.items"))
	if len(a.m.Items) == 0 {
		d.Paragraph(pdf.Note, i18n.T("documents.agenda.noitems"))
		return
	}
	for i := range a.m.Items {
		if i > 0 {
			d.Space(3.2)
		}
		a.item(d, i+1, &a.m.Items[i])
	}
}

func (a agenda) item(d *pdf.Doc, n int, it *domain.AgendaItem) {
	num := fmt.Sprintf("%d.", n)
	title := strings.TrimSpace(it.Title)
	if title == "" {
		title = i18n.T("documents.item.untitled")
	}
	kind, kindStyle := it.Kind.Label(), pdf.Label
	if it.Confidential && !a.in.Public {
		kind, kindStyle = i18n.T("documents.item.confidential", kind), pdf.Strong.With(pdf.Alert)
	}
	// A title with its first details reads badly when split from them.
	d.KeepTogether(3 * pdf.LineHeight(pdf.Body))
	d.Anchor(itemAnchor(n))
	d.Labeled(num, pdf.Strong, numberWidth, func() {
		d.TitleLine(title, pdf.Strong, kind, kindStyle)
		if it.Confidential && a.in.Public {
			return
		}
		var fields []pdf.Field
		if s := personWithMunicipality(a.ix, it.PortefeuillehouderID); s != "" {
			fields = append(fields, pdf.Field{Label: i18n.T("documents.field.portefeuillehouder"), Value: s})
		}
		if s := personWithMunicipality(a.ix, it.StellerID); s != "" {
			fields = append(fields, pdf.Field{Label: i18n.T("documents.field.steller"), Value: s})
		}
		d.Fields(labelWidth-numberWidth, fields)
		if p := strings.TrimSpace(it.Proposal); p != "" {
			// Only what is decided on has a proposal; for the other kinds
			// the text explains.
			label := i18n.T("documents.field.explanation")
			if it.Kind.NeedsDecision() || it.Kind == domain.ItemVerslag {
				label = i18n.T("documents.field.proposal")
			}
			d.Labeled(label, pdf.Label, labelWidth-numberWidth, func() {
				d.Paragraph(pdf.Body, p)
			})
		}
		if !a.in.Public && len(it.Advice) > 0 {
			d.Labeled(i18n.T("documents.field.advice"), pdf.Label, labelWidth-numberWidth, func() {
				d.Paragraph(pdf.Body, a.adviceSummary(it))
			})
		}
		if len(it.Documents) > 0 {
			d.Labeled(i18n.T("documents.field.attachments"), pdf.Label, labelWidth-numberWidth, func() {
				d.List(pdf.Body, 10, a.bundle.annotate(n, attachments(n, it.Documents)))
			})
		}
	})
}

// attachments lists an item's documents as "3.1 Title"; a stuk not yet
// received is marked "(volgt)", a confidential one "(vertrouwelijk)" in
// the complete version.
func attachments(n int, docs []domain.Document) []pdf.ListItem {
	out := make([]pdf.ListItem, len(docs))
	for j, doc := range docs {
		text := strings.TrimSpace(doc.Title)
		if text == "" {
			text = strings.TrimSpace(doc.FileName)
		}
		var notes []string
		if doc.Confidential && doc.FileName != "" {
			notes = append(notes, i18n.T("documents.document.confidential"))
		}
		if doc.ReceivedAt.IsZero() {
			notes = append(notes, i18n.T("documents.document.pending"))
		}
		if len(notes) > 0 {
			text += " (" + strings.Join(notes, ", ") + ")"
		}
		out[j] = pdf.ListItem{Marker: fmt.Sprintf("%d.%d", n, j+1), Text: text}
	}
	return out
}

// adviceSummary groups the gemeenten by their verdict on it: "akkoord:
// Middelburg, Veere · niet akkoord: Vlissingen · nog geen advies: Goes".
// Gemeenten that are members on the meeting's date and gave no advice
// are listed last, so the chair sees whose rugdekking is missing.
func (a agenda) adviceSummary(it *domain.AgendaItem) string {
	by := map[domain.Verdict][]string{}
	gave := map[int64]bool{}
	for _, adv := range it.Advice {
		name := a.ix.MunicipalityName(adv.MunicipalityID)
		if name == "" || gave[adv.MunicipalityID] {
			continue
		}
		gave[adv.MunicipalityID] = true
		by[adv.Verdict] = append(by[adv.Verdict], name)
	}
	for _, g := range a.ix.MemberMunicipalities(a.body, a.m.Date()) {
		if !gave[g.ID] {
			by[domain.VerdictNone] = append(by[domain.VerdictNone], g.Name)
		}
	}
	var parts []string
	for _, v := range append(domain.Verdicts(), domain.VerdictNone) {
		names := by[v]
		if len(names) == 0 {
			continue
		}
		sort.Strings(names)
		parts = append(parts, v.Label()+": "+strings.Join(names, ", "))
	}
	return strings.Join(parts, " · ")
}

// nextMeeting prints when the body meets next and what is due for it.
func (a agenda) nextMeeting(d *pdf.Doc) {
	next := a.in.NextMeeting
	ds := a.in.NextDeadlines
	if next != nil && next.ID != 0 {
		// The caller may pass the deadlines of a whole period; only the
		// next meeting's belong here.
		ds = nil
		for _, dl := range a.in.NextDeadlines {
			if dl.MeetingID == next.ID {
				ds = append(ds, dl)
			}
		}
	}
	rows := summarizeDeadlines(ds)
	if next == nil && len(rows) == 0 {
		return
	}
	// The summary is short: keep it on one page when it fits one.
	d.KeepTogether(30 + float64(len(rows))*6.5)
	d.Space(2)
	d.Heading(2, i18n.T("documents.agenda.next"))
	if next != nil && !next.Start.IsZero() {
		day, hours := when(next)
		text := i18n.T("documents.agenda.next.when", a.body.Name, day, hours)
		if loc := location(next, a.body); loc != "" {
			text += " " + i18n.T("documents.agenda.next.where", loc)
		}
		d.Paragraph(pdf.Body, text)
		d.Space(2)
	}
	if len(rows) == 0 {
		return
	}
	t := pdf.Table{Columns: []pdf.Column{
		{Header: i18n.T("documents.col.step"), Weight: 7},
		{Header: i18n.T("documents.col.due"), Weight: 4.4},
		{Header: i18n.T("documents.col.audience"), Weight: 2.6},
	}}
	for _, r := range rows {
		t.Rows = append(t.Rows, pdf.Row{Cells: []pdf.Cell{pdf.T(r.name), pdf.T(r.due), {Text: r.audience, Muted: true}}})
	}
	d.Table(t)
	d.Paragraph(pdf.Note, i18n.T("documents.agenda.next.note"))
}

// deadlineRow is one line of the deadline summary.
type deadlineRow struct {
	name, due, audience string
}

// summarizeDeadlines returns the deadlines of a meeting in date order, one
// row per step: a step that holds per gemeente (ambtelijk advies, college)
// becomes one row "per gemeente" with the range of its dates, so that the
// summary stays a short table however many gemeenten take part. The
// meeting itself is not a deadline and is left out.
func summarizeDeadlines(ds []domain.Deadline) []deadlineRow {
	type agg struct {
		row      deadlineRow
		lo, hi   date.Date
		perMun   bool
		position int
	}
	byKey := map[string]*agg{}
	var order []*agg
	for i, dl := range ds {
		if dl.Kind == domain.KindMeeting || dl.Due.IsZero() {
			continue
		}
		key := dl.RuleKey
		if key == "" {
			key = dl.Name
		}
		g := byKey[key]
		if g == nil {
			g = &agg{row: deadlineRow{name: dl.Name, audience: dl.Audience.Label()}, lo: dl.Due, hi: dl.Due, position: i}
			byKey[key] = g
			order = append(order, g)
		}
		g.lo, g.hi = date.Min(g.lo, dl.Due), date.Max(g.hi, dl.Due)
		g.perMun = g.perMun || dl.MunicipalityID != 0
	}
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].lo != order[j].lo {
			return order[i].lo < order[j].lo
		}
		return order[i].position < order[j].position
	})
	out := make([]deadlineRow, len(order))
	for i, g := range order {
		r := g.row
		r.due = shortDate(g.lo)
		if g.perMun {
			r.name = i18n.T("documents.deadline.permunicipality", r.name)
			if g.hi != g.lo {
				r.due = i18n.T("documents.deadline.range", shortDateInYear(g.lo, g.hi.Year()), shortDate(g.hi))
			}
		}
		out[i] = r
	}
	return out
}
