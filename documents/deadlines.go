package documents

import (
	"encoding/csv"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents/pdf"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// ScopeKind says whose deadline overview it is.
type ScopeKind string

// The kinds of overview.
const (
	ScopeMunicipality ScopeKind = "gemeente" // what one gemeente's ambtenaren and college must do
	ScopePerson       ScopeKind = "persoon"  // what one person must do
)

// DeadlineOverviewInput is what a deadline overview is made from.
type DeadlineOverviewInput struct {
	// Kind and ID name the gemeente or person.
	Kind ScopeKind
	ID   int64
	// From and To bound the period, both inclusive; a zero bound is open.
	From, To date.Date
	// Deadlines are the computed deadlines of the meetings in Index; the
	// overview keeps those the scope covers and Audiences selects.
	Deadlines []domain.Deadline
	// Audiences selects the deadlines by who must act; nil means
	// DefaultAudiences.
	Audiences []domain.Audience
	// Index resolves meetings, bodies, partnerships, gemeenten and people.
	Index *domain.Index
	// Organiser is written as the PDF's author; "" means "Overlegplanner".
	Organiser string
	// Now is the creation date written into the PDF (required for the
	// PDF; the CSV has no date of its own).
	Now time.Time

	strict bool
}

// DefaultAudiences returns whose deadlines an overview for kind shows when
// the caller does not choose: a gemeente's overview is for its
// ambtenaren, who deliver stukken and advice, and for its college, which
// must meet in time; a person sees what is addressed to their role (a
// bestuurder also the college meetings that give their mandate).
func DefaultAudiences(ix *domain.Index, kind ScopeKind, id int64) []domain.Audience {
	switch kind {
	case ScopeMunicipality:
		return []domain.Audience{domain.AudienceAmbtenaren, domain.AudienceCollege}
	case ScopePerson:
		if ix == nil || ix.People[id] == nil {
			return nil
		}
		switch ix.People[id].Role {
		case domain.PersonAmbtenaar:
			return []domain.Audience{domain.AudienceAmbtenaren, domain.AudienceCollege}
		case domain.PersonSecretaris:
			return []domain.Audience{domain.AudienceSecretariaat}
		case domain.PersonBestuurder:
			return []domain.Audience{domain.AudienceLeden, domain.AudienceCollege}
		}
	}
	return nil
}

// DeadlineEntry is one line of a deadline overview: a deadline with the
// meeting, body and gemeente it belongs to.
type DeadlineEntry struct {
	Deadline     domain.Deadline
	Meeting      *domain.Meeting
	Body         *domain.Body
	Municipality *domain.Municipality // nil unless the deadline is per gemeente
}

// DeadlineEntries returns the deadlines of the overview in date order:
// those of the scope's meetings (for a gemeente: the meetings of bodies
// whose partnership has it as a member on the meeting's date; for a
// person: the bodies they sit in, prepare or are secretary of), of the
// selected audiences, in the period. A per-gemeente deadline is kept only
// for the gemeente itself (or the person's gemeente). Deadlines of
// cancelled meetings are dropped, and so is the meeting day itself: the
// overview lists what must be done before it. The UI shows the same list.
func DeadlineEntries(in DeadlineOverviewInput) ([]DeadlineEntry, error) {
	ix := in.Index
	if ix == nil {
		return nil, i18n.Errorf(ErrIncomplete, "documents.error.noindex")
	}
	if _, err := scopeName(in); err != nil {
		return nil, err
	}
	auds := in.Audiences
	if auds == nil {
		auds = DefaultAudiences(ix, in.Kind, in.ID)
	}
	want := map[domain.Audience]bool{}
	for _, a := range auds {
		want[a] = true
	}
	var out []DeadlineEntry
	for _, dl := range in.Deadlines {
		if !want[dl.Audience] || dl.Due.IsZero() || dl.Kind == domain.KindMeeting {
			continue
		}
		if (!in.From.IsZero() && dl.Due.Before(in.From)) || (!in.To.IsZero() && dl.Due.After(in.To)) {
			continue
		}
		m := ix.Meetings[dl.MeetingID]
		if m == nil || m.IsCancelled() {
			continue
		}
		b := ix.Bodies[m.BodyID]
		if b == nil || !covers(ix, in.Kind, in.ID, &dl, m, b) {
			continue
		}
		out = append(out, DeadlineEntry{Deadline: dl, Meeting: m, Body: b, Municipality: ix.Municipalities[dl.MunicipalityID]})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Deadline.Due != b.Deadline.Due:
			return a.Deadline.Due < b.Deadline.Due
		case !a.Meeting.Start.Equal(b.Meeting.Start):
			return a.Meeting.Start.Before(b.Meeting.Start)
		case a.Body.Name != b.Body.Name:
			return a.Body.Name < b.Body.Name
		}
		return municipalityName(a.Municipality) < municipalityName(b.Municipality)
	})
	return out, nil
}

func municipalityName(g *domain.Municipality) string {
	if g == nil {
		return ""
	}
	return g.Name
}

// covers reports whether deadline dl of meeting m (of body b) concerns the
// gemeente or person of the overview.
func covers(ix *domain.Index, kind ScopeKind, id int64, dl *domain.Deadline, m *domain.Meeting, b *domain.Body) bool {
	switch kind {
	case ScopeMunicipality:
		if dl.MunicipalityID != 0 {
			return dl.MunicipalityID == id
		}
		p := ix.Partnerships[b.PartnershipID]
		return p != nil && p.IsMemberOn(id, m.Date())
	case ScopePerson:
		per := ix.People[id]
		if per == nil {
			return false
		}
		if dl.MunicipalityID != 0 && per.MunicipalityID != 0 && dl.MunicipalityID != per.MunicipalityID {
			return false
		}
		if b.SecretaryID == id || seated(b, id, m.Date()) {
			return true
		}
		prep := ix.Bodies[b.PreparedByID]
		return prep != nil && seated(prep, id, m.Date())
	}
	return false
}

// seated reports whether person id holds a seat in b on d.
func seated(b *domain.Body, id int64, d date.Date) bool {
	for _, s := range b.Members {
		if s.PersonID == id && s.ActiveOn(d) {
			return true
		}
	}
	return false
}

// scopeName returns "Gemeente Vlissingen" or the person's name.
func scopeName(in DeadlineOverviewInput) (string, error) {
	switch in.Kind {
	case ScopeMunicipality:
		if g := in.Index.Municipalities[in.ID]; g != nil {
			return i18n.T("documents.deadlines.municipality", g.Name), nil
		}
	case ScopePerson:
		if p := in.Index.People[in.ID]; p != nil {
			return p.Name, nil
		}
	}
	return "", i18n.Errorf(ErrIncomplete, "documents.error.scope", string(in.Kind), in.ID)
}

// period returns "1 maart 2027 t/m 30 juni 2027", "vanaf …", "t/m …" or "".
func period(from, to date.Date) string {
	switch {
	case !from.IsZero() && !to.IsZero():
		return i18n.T("documents.period.range", i18n.MediumDate(from), i18n.MediumDate(to))
	case !from.IsZero():
		return i18n.T("documents.period.from", i18n.MediumDate(from))
	case !to.IsZero():
		return i18n.T("documents.period.to", i18n.MediumDate(to))
	}
	return ""
}

// DeadlineOverview renders the deadlines of a gemeente or person as a
// table grouped by month: the date, the step, the meeting it is for, who
// must act and how many working days the step leaves. Tight and
// impossible steps are printed in red and explained below the table.
func DeadlineOverview(in DeadlineOverviewInput) (Rendered, error) {
	entries, err := DeadlineEntries(in)
	if err != nil {
		return Rendered{}, err
	}
	who, _ := scopeName(in)
	o := overview{in: in, entries: entries, who: who}
	author := strings.TrimSpace(in.Organiser)
	if author == "" {
		author = creator
	}
	heading := i18n.T("documents.deadlines.heading")
	p := page{
		// Landscape, so that every deadline is one line: the list is
		// read down the dates, and wrapped rows break that rhythm.
		orientation: pdf.Landscape,
		headerLeft:  who,
		headerRight: heading,
		footer:      i18n.T("documents.deadlines.footer", who, period(in.From, in.To)),
		title:       i18n.T("documents.deadlines.title", who),
		subject:     strings.TrimSpace(i18n.T("documents.deadlines.title", who) + " " + period(in.From, in.To)),
		author:      author,
		keywords:    []string{who, heading},
		created:     in.Now,
		strict:      in.strict,
	}
	return p.render(i18n.T("documents.deadlines.title", who), in.From, o.build)
}

type overview struct {
	in      DeadlineOverviewInput
	entries []DeadlineEntry
	who     string
}

// stepName is the deadline's name, with the gemeente when the overview is
// not that gemeente's own (a secretary sees every gemeente's advice).
func (o overview) stepName(e DeadlineEntry) string {
	if e.Municipality != nil && o.in.Kind != ScopeMunicipality {
		return e.Deadline.Name + " – " + e.Municipality.Name
	}
	return e.Deadline.Name
}

func (o overview) build(d *pdf.Doc) {
	d.Heading(1, i18n.T("documents.deadlines.heading"))
	sub := o.who
	if p := period(o.in.From, o.in.To); p != "" {
		sub += " · " + p
	}
	d.Paragraph(pdf.Label.Sized(13), sub)
	d.Space(4)
	if len(o.entries) == 0 {
		d.Paragraph(pdf.Body, i18n.T("documents.deadlines.empty"))
		return
	}
	d.Paragraph(pdf.Body, i18n.T("documents.deadlines.intro"))
	d.Space(3)
	t := pdf.Table{Columns: []pdf.Column{
		{Header: i18n.T("documents.col.due"), Weight: 2.6},
		{Header: i18n.T("documents.col.step"), Weight: 7},
		{Header: i18n.T("documents.col.body"), Weight: 4.2},
		{Header: i18n.T("documents.col.meeting"), Weight: 2.6},
		{Header: i18n.T("documents.col.audience"), Weight: 2.8},
		{Header: i18n.T("documents.col.slack"), Weight: 2.4, Align: pdf.Right},
	}, Zebra: true, Size: 9.5}
	var notes []pdf.ListItem
	month, year := time.Month(0), 0
	for _, e := range o.entries {
		dl := e.Deadline
		if dl.Due.Month() != month || dl.Due.Year() != year {
			month, year = dl.Due.Month(), dl.Due.Year()
			t.Rows = append(t.Rows, pdf.Row{Group: i18n.MonthName(month) + " " + strconv.Itoa(year)})
		}
		alert := dl.Status == domain.DeadlineKrap || dl.Status == domain.DeadlineOnhaalbaar
		slack := ""
		if dl.Status != "" {
			slack = workingDays(dl.Slack)
		}
		t.Rows = append(t.Rows, pdf.Row{Cells: []pdf.Cell{
			{Text: shortDate(dl.Due), Bold: true},
			pdf.T(o.stepName(e)),
			pdf.T(e.Body.Name),
			{Text: shortDate(e.Meeting.Date()), Muted: true},
			{Text: dl.Audience.Label(), Muted: true},
			{Text: slack, Alert: alert, Bold: dl.Status == domain.DeadlineOnhaalbaar, Muted: !alert},
		}})
		if alert {
			notes = append(notes, pdf.ListItem{Marker: shortDate(dl.Due), Text: deadlineNote(&dl, e.Body, false)})
		}
	}
	d.Table(t)
	if len(notes) > 0 {
		d.Space(2)
		d.Heading(3, i18n.T("documents.yearplan.attention"))
		d.List(pdf.Body.Sized(9.5), 28, notes)
	}
}

// workingDays is "1 werkdag", "5 werkdagen", "-2 werkdagen".
func workingDays(n int) string {
	return i18n.N("documents.workingdays", n)
}

// DeadlineCSV writes the overview as CSV for a spreadsheet. The format is
// what Dutch Excel opens correctly by double-clicking, because that is
// where most secretariats take it:
//
//   - UTF-8 with a byte-order mark: without it Excel reads the file as
//     Windows-1252 and "Zeeuwse jeugdhulp – één" turns into mojibake;
//   - ";" as separator: Excel with Dutch regional settings uses the comma
//     as decimal separator and expects ";" between fields;
//   - CRLF line ends, as RFC 4180 and Excel on Windows expect;
//   - dates as YYYY-MM-DD (ISO 8601): unambiguous, sortable as text, and
//     recognised as a date by Excel in every locale, where 02-04-2027
//     might be read as the 4th of February;
//   - text that starts with =, +, - or @ is prefixed with an apostrophe
//     so that a typed name cannot run as a formula (CSV injection).
//
// The header row is in the active language.
func DeadlineCSV(w io.Writer, in DeadlineOverviewInput) error {
	entries, err := DeadlineEntries(in)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	header := []string{"due", "step", "kind", "audience", "municipality", "cbs", "body", "partnership", "meeting", "time", "slack", "status", "reason"}
	for i, h := range header {
		header[i] = i18n.T("documents.csv." + h)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, e := range entries {
		dl := e.Deadline
		var gem, cbs string
		if e.Municipality != nil {
			gem, cbs = e.Municipality.Name, e.Municipality.CBSCode
		}
		partnership := ""
		if p := in.Index.Partnerships[e.Body.PartnershipID]; p != nil {
			partnership = p.Name
		}
		slack, status := "", ""
		if dl.Status != "" {
			slack, status = strconv.Itoa(dl.Slack), dl.Status.Label()
		}
		rec := []string{
			dl.Due.String(), csvText(dl.Name), string(dl.Kind), dl.Audience.Label(), csvText(gem), cbs,
			csvText(e.Body.Name), csvText(partnership), e.Meeting.Date().String(), timeCell(e.Meeting),
			slack, status, csvText(dl.Reason),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvText neutralises a text field that a spreadsheet would take for a
// formula. Numbers are written by us and never pass through here, so a
// negative slack stays a number.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// DeadlineCSVName returns the suggested file name of the CSV overview.
func DeadlineCSVName(in DeadlineOverviewInput) string {
	who := ""
	if in.Index != nil {
		who, _ = scopeName(in)
	}
	return FileName(i18n.T("documents.deadlines.title", who), in.From, "csv")
}
