package planning

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// This file gives the CLI what its planning commands print: rows with a
// stable JSON form (field names never change; new fields may be added) and
// a plain-text table in the active language. Texts in rows are rendered in
// the active language at the time the rows are made.

// CalendarDay is a named day off in a year's calendar.
type CalendarDay struct {
	Date date.Date `json:"date"`
	// Weekday is the ISO weekday: 1 (Monday) to 7 (Sunday).
	Weekday      int        `json:"weekday"`
	Kind         DayOffKind `json:"kind"` // feestdag or sluitingsdag
	Holiday      HolidayKey `json:"holiday,omitempty"`
	Name         string     `json:"name"`
	Municipality string     `json:"municipality,omitempty"` // a gemeente's own closed day
}

// Period is a recess or school holiday in a year's calendar.
type Period struct {
	Name   string    `json:"name"`
	From   date.Date `json:"from"`
	To     date.Date `json:"to"`
	Region string    `json:"region,omitempty"` // school holidays: noord, midden or zuid
}

// YearCalendar is the calendar of one year: the days off with their
// names, the working days of the secretariat, recess and school holidays.
type YearCalendar struct {
	Year           int           `json:"year"`
	GoodFriday     bool          `json:"good_friday_off"`
	Liberation     string        `json:"liberation_day"` // jaarlijks, lustrum or nooit
	WorkingDays    int           `json:"working_days"`
	Days           []CalendarDay `json:"days"`
	Recesses       []Period      `json:"recesses"`
	SchoolHolidays []Period      `json:"school_holidays"`
}

func isoWeekday(d date.Date) int {
	if w := int(d.Weekday()); w != 0 {
		return w
	}
	return 7
}

// CalendarYear returns the calendar of year: the holidays that are days
// off, the secretariat's closed days and every gemeente's own closed days
// (named with the gemeente), recess periods and school holidays.
func (p *Planner) CalendarYear(year int) YearCalendar {
	from, to := date.New(year, time.January, 1), date.New(year, time.December, 31)
	yc := YearCalendar{Year: year, GoodFriday: p.cal.opts.GoodFriday, Liberation: string(p.cal.opts.Liberation),
		WorkingDays: p.cal.WorkdaysBetween(from-1, to), Days: []CalendarDay{}, Recesses: []Period{}, SchoolHolidays: []Period{}}
	add := func(o DayOff) {
		yc.Days = append(yc.Days, CalendarDay{Date: o.Date, Weekday: isoWeekday(o.Date), Kind: o.Kind, Holiday: o.Holiday,
			Name: Render(o.Message(), i18n.Current()), Municipality: p.ix.MunicipalityName(o.MunicipalityID)})
	}
	for _, o := range p.cal.NonWorkingDays(from, to) {
		add(o)
	}
	ids := make([]int64, 0, len(p.cal.byMun))
	for id := range p.cal.byMun {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return p.ix.MunicipalityName(ids[i]) < p.ix.MunicipalityName(ids[j]) })
	for _, id := range ids {
		for _, o := range p.cal.ForMunicipality(id).NonWorkingDays(from, to) {
			if o.MunicipalityID == id {
				add(o)
			}
		}
	}
	sort.SliceStable(yc.Days, func(i, j int) bool { return yc.Days[i].Date < yc.Days[j].Date })
	for _, r := range p.cal.Recesses(0, from, to) {
		yc.Recesses = append(yc.Recesses, Period{Name: r.Name, From: r.From, To: r.To})
	}
	for _, r := range p.cal.root().recesses {
		if r.PartnershipID != 0 && r.From <= to && r.To >= from {
			name := r.Name
			if part := p.ix.Partnerships[r.PartnershipID]; part != nil {
				name += " (" + part.Name + ")"
			}
			yc.Recesses = append(yc.Recesses, Period{Name: name, From: r.From, To: r.To})
		}
	}
	sort.SliceStable(yc.Recesses, func(i, j int) bool { return yc.Recesses[i].From < yc.Recesses[j].From })
	for _, s := range p.cal.SchoolHolidays("", from, to) {
		yc.SchoolHolidays = append(yc.SchoolHolidays, Period{Name: s.Name, From: s.From, To: s.To, Region: string(s.Region)})
	}
	return yc
}

// WriteText writes the calendar as a table for a terminal.
func (yc YearCalendar) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, i18n.T("planning.report.calendar.title", yc.Year, yc.WorkingDays))
	for _, x := range yc.Days {
		name := x.Name
		if x.Municipality != "" {
			name += " (" + x.Municipality + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", i18n.ShortDate(x.Date), name, i18n.T("planning.report.kind."+string(x.Kind)))
	}
	for _, r := range yc.Recesses {
		fmt.Fprintf(tw, "%s – %s\t%s\t%s\n", i18n.ShortDate(r.From), i18n.ShortDate(r.To), r.Name, i18n.T("planning.report.kind.reces"))
	}
	for _, s := range yc.SchoolHolidays {
		fmt.Fprintf(tw, "%s – %s\t%s\t%s\n", i18n.ShortDate(s.From), i18n.ShortDate(s.To), s.Name, i18n.T("domain.region."+s.Region))
	}
	return tw.Flush()
}

// DeadlineRow is one deadline as the deadlines command lists it.
type DeadlineRow struct {
	MeetingID    int64           `json:"meeting_id"`
	Body         string          `json:"body"`
	Rule         string          `json:"rule"` // the step's name
	RuleKey      string          `json:"rule_key"`
	Audience     domain.Audience `json:"audience"`
	Municipality string          `json:"municipality"` // "" unless the step is per gemeente
	Due          date.Date       `json:"due"`
	// Slack is the working days the step leaves after the step before it;
	// null for the first step of a chain, which has none before it.
	Slack  *int                  `json:"slack"`
	Status domain.DeadlineStatus `json:"status"` // ok, krap or onhaalbaar
	Reason string                `json:"reason,omitempty"`
}

// DeadlineRows returns the deadlines due in [from, to] (zero bounds are
// open) by due date. With a gemeente name (any case), only what concerns
// that gemeente: its own per-gemeente deadlines and the other deadlines of
// meetings of partnerships it is a member of on the meeting's date.
func (p *Planner) DeadlineRows(from, to date.Date, municipality string) ([]DeadlineRow, error) {
	var mun *domain.Municipality
	if municipality != "" {
		for i := range p.ds.Municipalities {
			if strings.EqualFold(strings.TrimSpace(municipality), p.ds.Municipalities[i].Name) {
				mun = &p.ds.Municipalities[i]
			}
		}
		if mun == nil {
			return nil, i18n.Errorf(fmt.Errorf("gemeente %q: %w", municipality, ErrUnknown), "planning.err.municipality", municipality)
		}
	}
	rows := []DeadlineRow{}
	lang := i18n.Current()
	p.Chains(from, to, func(m *domain.Meeting, r *ChainResult) {
		b := p.ix.Bodies[m.BodyID]
		if mun != nil {
			if part := p.ix.Partnerships[b.PartnershipID]; part == nil || !part.IsMemberOn(mun.ID, r.Date) {
				return
			}
		}
		for i := range r.Steps {
			s := &r.Steps[i]
			if !from.IsZero() && s.Due < from || !to.IsZero() && s.Due > to || mun != nil && s.MunicipalityID != 0 && s.MunicipalityID != mun.ID {
				continue
			}
			row := DeadlineRow{MeetingID: m.ID, Body: b.Name, Rule: s.Name, RuleKey: s.RuleKey, Audience: s.Audience,
				Municipality: s.Municipality, Due: s.Due, Status: s.Status}
			if s.HasSlack() {
				slack := s.Slack
				row.Slack = &slack
			}
			if s.Status != domain.DeadlineOK {
				row.Reason = Render(s.Reason, lang)
			}
			rows = append(rows, row)
		}
	})
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Due != rows[j].Due {
			return rows[i].Due < rows[j].Due
		}
		return rows[i].MeetingID < rows[j].MeetingID
	})
	return rows, nil
}

// WriteDeadlines writes deadline rows as a table for a terminal.
func WriteDeadlines(w io.Writer, rows []DeadlineRow) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, i18n.T("planning.report.deadlines.header"))
	for _, r := range rows {
		slack := "–"
		if r.Slack != nil {
			slack = strconv.Itoa(*r.Slack)
		}
		// The reason trails the status outside the columns, so that it does
		// not break their alignment.
		status := r.Status.Label()
		if r.Reason != "" {
			status += " — " + r.Reason
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", i18n.ShortDate(r.Due), r.MeetingID, r.Body, r.Rule,
			r.Municipality, r.Audience.Label(), slack, status)
	}
	return tw.Flush()
}

// ConflictRow is one conflict as the conflicts command lists it.
type ConflictRow struct {
	Kind         ConflictKind `json:"kind"`
	Date         date.Date    `json:"date"`
	MeetingIDs   []int64      `json:"meeting_ids"`
	Person       string       `json:"person,omitempty"`
	Municipality string       `json:"municipality,omitempty"`
	Location     string       `json:"location,omitempty"`
	Message      string       `json:"message"`
}

// ConflictRows returns every conflict (see Conflicts) as rows.
func (p *Planner) ConflictRows() []ConflictRow {
	rows := []ConflictRow{}
	lang := i18n.Current()
	for _, c := range p.Conflicts() {
		rows = append(rows, ConflictRow{Kind: c.Kind, Date: c.Date, MeetingIDs: c.MeetingIDs, Person: p.ix.PersonName(c.PersonID),
			Municipality: p.ix.MunicipalityName(c.MunicipalityID), Location: c.Location, Message: Render(c.Message, lang)})
	}
	return rows
}

// WriteConflicts writes conflict rows for a terminal, one per line.
func WriteConflicts(w io.Writer, rows []ConflictRow) error {
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, i18n.T("planning.report.conflicts.none"))
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", i18n.ShortDate(r.Date), i18n.T("planning.report.kind."+string(r.Kind)), r.Message)
	}
	return tw.Flush()
}

// ScheduleRow is one date of a body's series as the schedule command
// lists it.
type ScheduleRow struct {
	Nominal    date.Date    `json:"nominal"`
	Date       date.Date    `json:"date,omitempty"`
	Start      string       `json:"start,omitempty"` // "14:00", Amsterdam
	End        string       `json:"end,omitempty"`
	Status     SeriesStatus `json:"status"` // gepland, verschoven or vervallen
	Reason     string       `json:"reason,omitempty"`
	Notes      []string     `json:"notes,omitempty"`
	ExistingID int64        `json:"existing_meeting_id,omitempty"`
}

// Schedule is a body's series for a year as the schedule command shows it;
// with --apply the CLI stores Series.NewMeetings(body).
type Schedule struct {
	BodyID int64         `json:"body_id"`
	Body   string        `json:"body"`
	Year   int           `json:"year"`
	Rhythm string        `json:"rhythm"`
	Rows   []ScheduleRow `json:"rows"`
	Series Series        `json:"-"`
}

// Schedule returns the series of body id in year from its rhythm.
func (p *Planner) Schedule(bodyID int64, year int) (Schedule, error) {
	s, err := p.Series(bodyID, year)
	if err != nil {
		return Schedule{}, err
	}
	b := p.ix.Bodies[bodyID]
	lang := i18n.Current()
	sc := Schedule{BodyID: b.ID, Body: b.Name, Year: year, Rhythm: Render(RhythmLabel(s.Rhythm), lang), Rows: []ScheduleRow{}, Series: s}
	for _, e := range s.Entries {
		row := ScheduleRow{Nominal: e.Nominal, Date: e.Date, Status: e.Status, Reason: Render(e.Reason, lang), ExistingID: e.ExistingID}
		if e.Status != SeriesSkipped {
			row.Start, row.End = i18n.Clock(e.Start.In(domain.Amsterdam())), i18n.Clock(e.End.In(domain.Amsterdam()))
		}
		for _, n := range e.Notes {
			row.Notes = append(row.Notes, Render(n, lang))
		}
		sc.Rows = append(sc.Rows, row)
	}
	return sc, nil
}

// WriteText writes the schedule as a table for a terminal.
func (sc Schedule) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, i18n.T("planning.report.schedule.title", sc.Body, sc.Year, sc.Rhythm))
	for _, r := range sc.Rows {
		when := "–"
		if r.Status != SeriesSkipped {
			when = i18n.ShortDate(r.Date) + " " + r.Start + "–" + r.End
		}
		extra := r.Reason
		for _, n := range r.Notes {
			extra = strings.TrimPrefix(extra+"; "+n, "; ")
		}
		if r.ExistingID != 0 {
			extra = strings.TrimPrefix(extra+"; "+i18n.T("planning.report.schedule.existing", r.ExistingID), "; ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", when, i18n.T("planning.report.status."+string(r.Status)), extra)
	}
	return tw.Flush()
}
