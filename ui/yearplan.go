package ui

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// ypState is what becomes of one date of the year plan.
type ypState int

// The states of a year-plan row.
const (
	ypNew      ypState = iota // a new meeting on the date the rhythm gives
	ypMoved                   // a new meeting, moved by the planner off a day off
	ypAdjusted                // a new meeting on a date the user chose
	ypSkipped                 // the planner drops it (recess, no working day that week)
	ypRemoved                 // the user took it out
	ypExisting                // the body already meets that week: nothing is created
)

// creates reports whether a row in state s becomes a new meeting.
func (s ypState) creates() bool { return s == ypNew || s == ypMoved || s == ypAdjusted }

// ypAdjust holds the user's changes to single dates of a series, by the
// date the rhythm gives (the nominal date), so that they survive a
// recomputation of the same rhythm.
type ypAdjust struct {
	Removed map[date.Date]bool
	Moved   map[date.Date]date.Date
}

// ypRow is one date of the year plan as the screen shows it.
type ypRow struct {
	Nominal    date.Date
	Date       date.Date // where the meeting goes; zero when none
	Start, End time.Time
	State      ypState
	ExistingID int64
	Reason     string   // why the planner moved or dropped it
	Notes      []string // school holidays of the members' regions
	Conflicts  []string // clashes with meetings already planned
	// Prep is the preparation time the chain leaves each member gemeente
	// (worst first); without per-gemeente steps, PrepSecretariat is the
	// least the secretariat's free steps leave.
	Prep            []planning.MunicipalityFeasibility
	PrepSecretariat int
	HasPrep         bool
	PrepStatus      domain.DeadlineStatus
	// PrepProblem is why the worst step is krap or onhaalbaar.
	PrepProblem string
	// Problem says why a date the user chose cannot be used; a plan with a
	// problem cannot be applied.
	Problem string
}

// ypPlan is the computed year plan: its rows and the meetings applying it
// creates.
type ypPlan struct {
	Rows     []ypRow
	New      []domain.Meeting
	Problems int
}

// ypCount counts the rows in state st.
func (p *ypPlan) count(st ypState) int {
	n := 0
	for _, r := range p.Rows {
		if r.State == st {
			n++
		}
	}
	return n
}

// computeYearPlan turns the series that rhythm r gives body b in year into
// the rows of the screen, applying the user's adjustments, and measures
// every date that would become a meeting: the chain's preparation time per
// gemeente and the clashes with meetings already planned. The planner
// decides the dates; this only arranges its answers.
func computeYearPlan(pl *planning.Planner, b *domain.Body, r domain.Rhythm, year int, adj ypAdjust) ypPlan {
	var plan ypPlan
	if r.Kind == domain.RhythmNone {
		return plan
	}
	series := pl.SeriesFor(b, r, year)
	render := func(m i18n.Message) string { return planning.Render(m, i18n.Current()) }
	// The body's own meetings of the year are not clashes: they are what
	// the series stands for (the planner marks them as existing).
	own := func(o *domain.Meeting) bool { return o.BodyID == b.ID && o.Date().Year() == year }
	for _, e := range series.Entries {
		row := ypRow{Nominal: e.Nominal, Date: e.Date, Start: e.Start, End: e.End, ExistingID: e.ExistingID}
		if !e.Reason.IsZero() {
			row.Reason = render(e.Reason)
		}
		for _, n := range e.Notes {
			row.Notes = append(row.Notes, render(n))
		}
		switch {
		case e.ExistingID != 0:
			row.State = ypExisting
		case adj.Removed[e.Nominal]:
			row.State, row.Date = ypRemoved, 0
		case !adj.Moved[e.Nominal].IsZero():
			row.State, row.Date = ypAdjusted, adj.Moved[e.Nominal]
			row.Start, row.End = planning.MeetingTimes(b, row.Date)
			// The planner's reason and school notes were about the
			// old date.
			row.Reason, row.Notes = "", nil
			for _, n := range pl.SchoolNotes(b, row.Date) {
				row.Notes = append(row.Notes, render(n))
			}
			row.Problem = ypDateProblem(pl, b, year, row.Date)
		case e.Status == planning.SeriesSkipped:
			row.State = ypSkipped
		case e.Status == planning.SeriesMoved:
			row.State = ypMoved
		default:
			row.State = ypNew
		}
		plan.Rows = append(plan.Rows, row)
	}
	// A date the user chose may be one the series already meets on: the
	// user's row is the one to change.
	for i := range plan.Rows {
		r := &plan.Rows[i]
		if r.State != ypAdjusted || r.Problem != "" {
			continue
		}
		for j := range plan.Rows {
			o := &plan.Rows[j]
			if j != i && o.Date == r.Date && (o.State.creates() || o.State == ypExisting) && (o.State != ypAdjusted || j < i) {
				r.Problem = i18n.T("ui.yearplan.problem.twice")
				break
			}
		}
	}
	for i := range plan.Rows {
		r := &plan.Rows[i]
		if !r.State.creates() {
			continue
		}
		m := domain.Meeting{BodyID: b.ID, Start: r.Start, End: r.End, Location: b.Location, Status: domain.StatusGepland}
		ypMeasure(pl, r, &m, own, render)
		if r.Problem != "" {
			plan.Problems++
		} else {
			plan.New = append(plan.New, m)
		}
	}
	return plan
}

// ypMeasure fills the preparation time and the clashes of meeting m.
func ypMeasure(pl *planning.Planner, row *ypRow, m *domain.Meeting, own func(*domain.Meeting) bool, render func(i18n.Message) string) {
	if res, err := pl.ChainFor(m); err == nil {
		f := planning.FeasibilityOf(&res)
		row.PrepStatus = f.Status
		if len(f.Problems) > 0 && !f.Problems[0].Reason.IsZero() {
			pr := f.Problems[0]
			row.PrepProblem = render(pr.Reason) // names the gemeente
			if n := len(f.Problems) - 1; n > 0 {
				row.PrepProblem = i18n.T("ui.yearplan.prep.more", row.PrepProblem, n)
			}
		}
		for _, mf := range f.Municipalities {
			if mf.HasMin {
				row.Prep = append(row.Prep, mf)
			}
		}
		slices.SortStableFunc(row.Prep, func(a, b planning.MunicipalityFeasibility) int { return cmp.Compare(a.MinSlack, b.MinSlack) })
		if len(row.Prep) == 0 {
			for _, s := range f.Secretariat {
				if s.Free && (!row.HasPrep || s.Slack < row.PrepSecretariat) {
					row.PrepSecretariat, row.HasPrep = s.Slack, true
				}
			}
		} else {
			row.HasPrep = true
		}
	}
	for _, c := range pl.ConflictsFor(m, own) {
		if c.Kind == planning.ConflictPerson || c.Kind == planning.ConflictLocation {
			row.Conflicts = append(row.Conflicts, render(c.Message))
		}
	}
}

// ypDateProblem says why body b cannot meet on d in the plan of year, or
// returns "": the date must lie in the year, be a working day of the
// secretariat, fall outside the partnership's recess and not be a day on
// which the body already meets.
func ypDateProblem(pl *planning.Planner, b *domain.Body, year int, d date.Date) string {
	cal := pl.Calendar()
	switch {
	case d.Year() != year:
		return i18n.T("ui.yearplan.problem.year", year)
	case !cal.IsWorkingDay(d):
		why, _ := cal.Why(d)
		return i18n.T("ui.yearplan.problem.dayoff", why.Label())
	}
	if rc, in := cal.Recess(d, b.PartnershipID); in {
		return i18n.T("ui.yearplan.problem.recess", rc.Name)
	}
	for _, m := range pl.Dataset().Meetings {
		if m.BodyID == b.ID && !m.IsCancelled() && m.Date() == d {
			return i18n.T("ui.yearplan.problem.existing")
		}
	}
	return ""
}

// yearPlanScreen is the Jaarplanning screen: pick a body and a year, see
// the series its rhythm gives (or a proposed rhythm) with, per date, why
// it moved or dropped, school holidays, clashes and the preparation time
// per gemeente; adjust the rhythm or single dates; apply to create the
// meetings that do not exist yet.
type yearPlanScreen struct {
	widget.BaseWidget
	sh *Shell

	body   *domain.Body // the chosen body (a copy from the snapshot)
	year   int
	rhythm domain.Rhythm
	adj    ypAdjust
	plan   ypPlan
	props  []planning.Proposal
	// filling is set while the rhythm fields are set from code, so that
	// their callbacks do not recompute for every single field; choosing
	// while the body and year boxes are.
	filling, choosing bool

	bodySel  *entitySelect
	yearSel  *widget.Select
	kind     *widget.RadioGroup
	interval *widget.Entry
	unit     *widget.Label
	weekday  *widget.Select
	nth      *widget.Select
	start    *components.DateEntry
	nthRow   *fyne.Container
	startRow *fyne.Container
	label    *widget.Label
	reset    *widget.Button
	propList *fyne.Container

	heading  *widget.Label
	summary  *widget.Label
	rows     *fyne.Container
	apply    *widget.Button
	applyMsg *widget.Label
	root     fyne.CanvasObject

	// The dialogs of the moment, for tests.
	moveEntry *components.DateEntry
	moveForm  dialog.Dialog
	confirm   dialog.Dialog
	keepCheck *widget.Check
}

// buildYearPlan is the Jaarplanning screen of the shell.
func buildYearPlan(sh *Shell) fyne.CanvasObject {
	s := newYearPlanScreen(sh)
	sh.State.Subscribe(func() {
		s.refreshChoices()
		s.choose(s.bodySel.ID(), s.year, false)
	})
	return s
}

// ypDefaultYear is the year a secretary plans at date today: the next
// year from July on (the year plan is made in the autumn), else this one.
func ypDefaultYear(today date.Date) int {
	if today.Month() >= time.July {
		return today.Year() + 1
	}
	return today.Year()
}

// ypWeekdays are the weekdays a body can meet on.
var ypWeekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// ypNths are the positions of a monthly rhythm: first to fourth, last.
var ypNths = []int{1, 2, 3, 4, -1}

func newYearPlanScreen(sh *Shell) *yearPlanScreen {
	s := &yearPlanScreen{sh: sh}
	s.ExtendBaseWidget(s)
	today := sh.State.Today()
	s.year = ypDefaultYear(today)

	title := widget.NewLabelWithStyle(i18n.T("ui.yearplan.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	s.bodySel = newEntitySelect(i18n.T("ui.yearplan.body.choose"), nil, func(id int64) {
		if !s.choosing {
			s.choose(id, s.year, true)
		}
	})
	var years []string
	for y := today.Year() - 1; y <= today.Year()+3; y++ {
		years = append(years, strconv.Itoa(y))
	}
	s.yearSel = widget.NewSelect(years, func(v string) {
		if y, err := strconv.Atoi(v); err == nil && !s.choosing {
			s.choose(s.bodySel.ID(), y, true)
		}
	})

	// The rhythm.
	monthly, weekly := i18n.T("ui.yearplan.kind.monthly"), i18n.T("ui.yearplan.kind.weeks")
	s.kind = widget.NewRadioGroup([]string{monthly, weekly}, func(string) { s.rhythmEdited() })
	s.kind.Required = true
	s.interval = widget.NewEntry()
	s.interval.Validator = func(v string) error { _, err := s.parseInterval(v); return err }
	s.interval.OnChanged = func(string) { s.rhythmEdited() }
	s.unit = widget.NewLabel("")
	var wdNames []string
	for _, wd := range ypWeekdays {
		wdNames = append(wdNames, i18n.WeekdayName(wd))
	}
	s.weekday = widget.NewSelect(wdNames, func(string) { s.rhythmEdited() })
	s.weekday.PlaceHolder = i18n.T("ui.overview.filter.placeholder")
	var nthNames []string
	for _, n := range ypNths {
		nthNames = append(nthNames, i18n.T("ui.yearplan.nth."+strconv.Itoa(n)))
	}
	s.nth = widget.NewSelect(nthNames, func(string) { s.rhythmEdited() })
	s.start = components.NewDateEntry(i18n.T("ui.yearplan.field.start"))
	s.start.Today = sh.State.Today
	s.start.OnChanged = func(v string) { s.rhythmEdited() }
	s.label = widget.NewLabel("")
	s.label.Wrapping = fyne.TextWrapWord
	s.label.TextStyle = fyne.TextStyle{Italic: true}
	s.reset = widget.NewButtonWithIcon(i18n.T("ui.yearplan.reset"), theme.ViewRestoreIcon(), func() {
		if s.body != nil {
			s.setRhythm(s.body.Rhythm)
		}
	})
	s.nthRow = container.NewBorder(nil, nil, ypFieldLabel(i18n.T("ui.yearplan.field.nth")), nil, s.nth)
	s.startRow = container.NewBorder(nil, nil, ypFieldLabel(i18n.T("ui.yearplan.field.start")), nil, s.start)
	every := container.NewBorder(nil, nil, ypFieldLabel(i18n.T("ui.yearplan.field.every")), s.unit, s.interval)
	rhythmBox := container.NewVBox(
		ypHeading(i18n.T("ui.yearplan.rhythm")),
		s.kind, every,
		container.NewBorder(nil, nil, ypFieldLabel(i18n.T("ui.yearplan.field.weekday")), nil, s.weekday),
		s.nthRow, s.startRow, s.label, container.NewHBox(s.reset),
	)
	s.propList = container.NewVBox()
	left := container.NewBorder(container.NewVBox(rhythmBox, widget.NewSeparator(), ypHeading(i18n.T("ui.yearplan.proposals"))),
		nil, nil, nil, container.NewVScroll(s.propList))

	// The series.
	s.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.heading.Truncation = fyne.TextTruncateEllipsis
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.rows = container.NewVBox()
	s.apply = widget.NewButtonWithIcon("", theme.ConfirmIcon(), s.confirmApply)
	s.apply.Importance = widget.HighImportance
	s.applyMsg = widget.NewLabel("")
	s.applyMsg.Importance = widget.DangerImportance
	s.applyMsg.Truncation = fyne.TextTruncateEllipsis
	header := components.NewColumns([]float32{ypColState, ypColDate, ypColTime, ypColPrep, ypColActions}, 3,
		ypColumnHead(i18n.T("ui.yearplan.col.state")), ypColumnHead(i18n.T("ui.yearplan.col.date")),
		ypColumnHead(i18n.T("ui.yearplan.col.time")), ypColumnHead(i18n.T("ui.yearplan.col.prep")), layout.NewSpacer())
	right := container.NewBorder(
		container.NewVBox(s.heading, s.summary, header, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, s.apply, s.applyMsg)),
		nil, nil, container.NewVScroll(s.rows))

	top := container.NewBorder(nil, nil, title, nil,
		container.NewBorder(nil, nil, nil, container.NewHBox(ypFieldLabel(i18n.T("ui.yearplan.field.year")), minWidth(s.yearSel, 100)),
			container.NewBorder(nil, nil, ypFieldLabel(i18n.T("ui.yearplan.field.body")), nil, s.bodySel)))
	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(right))
	split.Offset = 0.3
	s.root = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, split)

	s.refreshChoices()
	s.choose(s.firstBody(), s.year, true)
	// Open on a year that still has dates to plan: in the autumn the
	// coming year is often planned already.
	if s.body != nil && len(s.plan.New) == 0 && s.plan.count(ypExisting) > 0 {
		s.choose(s.body.ID, s.year+1, true)
	}
	return s
}

// Column widths of the series table.
const (
	ypColState   = 110
	ypColDate    = 150
	ypColTime    = 100
	ypColPrep    = 160 // the flexible column's least width
	ypColActions = 236
)

// ypHeading is a section heading in the screen.
func ypHeading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// ypColumnHead is the heading of a table column.
func ypColumnHead(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// ypFieldLabel names a field on its left, with a fixed width so that the
// fields line up.
func ypFieldLabel(text string) fyne.CanvasObject { return minWidth(widget.NewLabel(text), 96) }

// CreateRenderer shows the screen's layout.
func (s *yearPlanScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.root)
}

// firstBody is the body the screen opens on: the first by name that has a
// rhythm (a body without one shows no series until a rhythm is chosen).
func (s *yearPlanScreen) firstBody() int64 {
	_, ix := s.sh.State.Data()
	for _, c := range s.bodySel.choices[1:] {
		if b := ix.Bodies[c.ID]; b != nil && b.Rhythm.Kind != domain.RhythmNone {
			return c.ID
		}
	}
	if len(s.bodySel.choices) > 1 {
		return s.bodySel.choices[1].ID
	}
	return 0
}

// ypDay formats a date of the plan as "do 14 januari": the year is the
// plan's, the weekday is what people check.
func ypDay(d date.Date) string {
	return i18n.WeekdayShort(d.Weekday()) + " " + strconv.Itoa(d.Day()) + " " + i18n.MonthName(d.Month())
}

// refreshChoices fills the body box from the snapshot: every body, by name.
func (s *yearPlanScreen) refreshChoices() {
	ds, _ := s.sh.State.Data()
	var bodies []selectChoice
	for _, b := range ds.Bodies {
		bodies = append(bodies, selectChoice{Label: b.Name, ID: b.ID})
	}
	sortSelectChoices(bodies)
	s.bodySel.setChoices(i18n.T("ui.yearplan.body.choose"), bodies)
}

// choose shows body id's year; fresh starts from the body's own rhythm,
// otherwise (after a reload) the rhythm and adjustments being edited stay.
func (s *yearPlanScreen) choose(id int64, year int, fresh bool) {
	_, ix := s.sh.State.Data()
	s.year = year
	s.choosing = true
	s.yearSel.SetSelected(strconv.Itoa(year))
	s.bodySel.SetID(id)
	s.choosing = false

	b := ix.Bodies[id]
	if b == nil {
		s.body = nil
		s.props = nil
		s.setRhythm(domain.Rhythm{})
		return
	}
	cp := *b
	s.body = &cp
	s.props, _ = s.sh.State.Planner().Propose(b.ID, year, 5)
	if fresh || s.rhythm.Kind == domain.RhythmNone {
		s.setRhythm(b.Rhythm)
		return
	}
	s.recompute()
}

// setRhythm shows rhythm r in the fields and recomputes the series. The
// single-date adjustments are dropped: they were made to other dates.
func (s *yearPlanScreen) setRhythm(r domain.Rhythm) {
	s.filling = true
	switch r.Kind {
	case domain.RhythmWeeks:
		s.kind.SetSelected(i18n.T("ui.yearplan.kind.weeks"))
	default:
		s.kind.SetSelected(i18n.T("ui.yearplan.kind.monthly"))
	}
	s.interval.SetText(strconv.Itoa(max(r.Interval, 1)))
	if i := slices.Index(ypWeekdays, r.Weekday); i >= 0 {
		s.weekday.SetSelectedIndex(i)
	} else {
		s.weekday.ClearSelected()
	}
	if i := slices.Index(ypNths, r.Nth); i >= 0 {
		s.nth.SetSelectedIndex(i)
	} else {
		s.nth.SetSelectedIndex(0)
	}
	if r.Start.IsZero() {
		s.start.SetText("")
	} else {
		s.start.SetDate(r.Start)
	}
	s.filling = false
	s.rhythm = r
	s.adj = ypAdjust{}
	s.showRhythmFields()
	s.recompute()
}

// parseInterval reads the interval field: 1–12 months or 1–52 weeks.
func (s *yearPlanScreen) parseInterval(v string) (int, error) {
	limit := 12
	if s.kind.Selected == i18n.T("ui.yearplan.kind.weeks") {
		limit = 52
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 || n > limit {
		return 0, ypError(i18n.T("ui.yearplan.err.interval", limit))
	}
	return n, nil
}

// ypError is a validation message shown under a field.
type ypError string

func (e ypError) Error() string { return string(e) }

// rhythmFromFields reads the rhythm the fields describe.
func (s *yearPlanScreen) rhythmFromFields() (domain.Rhythm, error) {
	r := domain.Rhythm{Kind: domain.RhythmMonthly}
	if s.kind.Selected == i18n.T("ui.yearplan.kind.weeks") {
		r.Kind = domain.RhythmWeeks
	}
	n, err := s.parseInterval(s.interval.Text)
	if err != nil {
		return r, err
	}
	if n > 1 {
		r.Interval = n
	}
	i := s.weekday.SelectedIndex()
	if i < 0 {
		return r, ypError(i18n.T("ui.yearplan.err.weekday"))
	}
	r.Weekday = ypWeekdays[i]
	if r.Kind == domain.RhythmMonthly {
		r.Nth = ypNths[max(s.nth.SelectedIndex(), 0)]
	}
	if r.Start, err = s.start.Date(); err != nil {
		return r, err
	}
	return r, r.Validate()
}

// rhythmEdited follows a change of a rhythm field.
func (s *yearPlanScreen) rhythmEdited() {
	if s.filling || s.body == nil {
		return
	}
	s.showRhythmFields()
	r, err := s.rhythmFromFields()
	if err != nil {
		s.label.SetText(i18n.UserMessage(err))
		s.label.Importance = widget.DangerImportance
		s.label.Refresh()
		return
	}
	s.rhythm = r
	s.adj = ypAdjust{}
	s.recompute()
}

// showRhythmFields shows the fields the kind of rhythm uses: the position
// in the month for a monthly rhythm, the starting date when it decides
// the phase (every n weeks; every n months).
func (s *yearPlanScreen) showRhythmFields() {
	weeks := s.kind.Selected == i18n.T("ui.yearplan.kind.weeks")
	n, _ := s.parseInterval(s.interval.Text)
	if weeks {
		s.unit.SetText(i18n.T("ui.yearplan.unit.weeks"))
		s.nthRow.Hide()
	} else {
		s.unit.SetText(i18n.T("ui.yearplan.unit.months"))
		s.nthRow.Show()
	}
	if n > 1 {
		s.startRow.Show()
	} else {
		s.startRow.Hide()
	}
}

// recompute computes the plan for the current body, year, rhythm and
// adjustments, and redraws.
func (s *yearPlanScreen) recompute() {
	if s.body == nil {
		s.plan = ypPlan{}
	} else {
		s.plan = computeYearPlan(s.sh.State.Planner(), s.body, s.rhythm, s.year, s.adj)
	}
	s.redraw()
}

// redraw shows the plan, the rhythm's description and the proposals.
func (s *yearPlanScreen) redraw() {
	s.label.Importance = widget.MediumImportance
	switch {
	case s.body == nil:
		s.label.SetText("")
	case s.rhythm.Kind == domain.RhythmNone:
		s.label.SetText(i18n.T("ui.yearplan.norhythm"))
	default:
		text := planning.Render(planning.RhythmLabel(s.rhythm), i18n.Current())
		if !sameYearRhythm(s.rhythm, s.body.Rhythm, s.year) {
			text = i18n.T("ui.yearplan.rhythm.changed", text)
		}
		s.label.SetText(text)
	}
	s.label.Refresh()
	if s.body != nil && s.body.Rhythm.Kind != domain.RhythmNone && !sameYearRhythm(s.rhythm, s.body.Rhythm, s.year) {
		s.reset.Enable()
	} else {
		s.reset.Disable()
	}
	s.redrawProposals()

	p := &s.plan
	name := ""
	if s.body != nil {
		name = s.body.Name
	}
	s.heading.SetText(i18n.T("ui.yearplan.heading", name, s.year))
	if len(p.Rows) == 0 {
		s.summary.SetText(i18n.T("ui.yearplan.empty"))
	} else {
		s.summary.SetText(i18n.T("ui.yearplan.summary", len(p.New), p.count(ypExisting), p.count(ypMoved), p.count(ypSkipped), p.count(ypRemoved)+p.count(ypAdjusted)))
	}
	var rows []fyne.CanvasObject
	for i := range p.Rows {
		rows = append(rows, s.rowView(i))
	}
	s.rows.Objects = rows
	s.rows.Refresh()

	s.apply.SetText(i18n.T("ui.yearplan.apply", len(p.New)))
	switch {
	case p.Problems > 0:
		s.apply.Disable()
		s.applyMsg.SetText(i18n.T("ui.yearplan.problems", p.Problems))
	case len(p.New) == 0:
		s.apply.Disable()
		s.applyMsg.SetText("")
	default:
		s.apply.Enable()
		s.applyMsg.SetText("")
	}
}

// ypStateChip is the chip of a row's state.
func ypStateChip(r *ypRow) *components.Chip {
	col := fyne.ThemeColorName("")
	switch r.State {
	case ypNew:
		col = theme.ColorNamePrimary
	case ypMoved, ypAdjusted:
		col = theme.ColorNameWarning
	case ypExisting:
		col = theme.ColorNameSuccess
	}
	if r.Problem != "" {
		col = theme.ColorNameError
	}
	return components.NewChip(i18n.T("ui.yearplan.state."+strconv.Itoa(int(r.State))), col)
}

// rowView draws row i: state, date (with the date the rhythm gave when
// it moved), time, preparation time and the actions; under it, why.
func (s *yearPlanScreen) rowView(i int) fyne.CanvasObject {
	r := &s.plan.Rows[i]
	ams := domain.Amsterdam()
	day := truncLabel("")
	when := truncLabel("")
	switch {
	case r.Date.IsZero():
		day.SetText(ypDay(r.Nominal))
		day.Importance = widget.LowImportance
		when.Importance = widget.LowImportance
	default:
		day.SetText(ypDay(r.Date))
		day.TextStyle = fyne.TextStyle{Bold: r.State.creates()}
		when.SetText(i18n.Clock(r.Start.In(ams)) + "–" + i18n.Clock(r.End.In(ams)))
	}
	prep := truncLabel(ypPrepSummary(r))
	if r.PrepStatus == domain.DeadlineOnhaalbaar {
		prep.Importance = widget.DangerImportance
	} else if r.PrepStatus == domain.DeadlineKrap {
		prep.Importance = widget.WarningImportance
	}
	if !r.State.creates() {
		prep.SetText("")
	}

	nominal := r.Nominal
	var actions []fyne.CanvasObject
	switch r.State {
	case ypNew, ypMoved:
		actions = append(actions,
			widget.NewButtonWithIcon(i18n.T("ui.yearplan.move"), theme.MailForwardIcon(), func() { s.askMove(nominal) }),
			widget.NewButtonWithIcon(i18n.T("ui.yearplan.remove"), theme.DeleteIcon(), func() { s.remove(nominal) }))
	case ypAdjusted:
		actions = append(actions,
			widget.NewButtonWithIcon(i18n.T("ui.yearplan.move"), theme.MailForwardIcon(), func() { s.askMove(nominal) }),
			widget.NewButtonWithIcon(i18n.T("ui.yearplan.undo"), theme.ContentUndoIcon(), func() { s.undo(nominal) }))
	case ypRemoved:
		actions = append(actions, widget.NewButtonWithIcon(i18n.T("ui.yearplan.undo"), theme.ContentUndoIcon(), func() { s.undo(nominal) }))
	case ypSkipped:
		actions = append(actions, widget.NewButtonWithIcon(i18n.T("ui.yearplan.plananyway"), theme.ContentAddIcon(), func() { s.askMove(nominal) }))
	case ypExisting:
		id := r.ExistingID
		actions = append(actions, widget.NewButtonWithIcon(i18n.T("ui.yearplan.open"), theme.NavigateNextIcon(), func() { s.sh.OpenMeeting(id) }))
	}
	for _, a := range actions {
		a.(*widget.Button).Importance = widget.LowImportance
	}
	cols := components.NewColumns([]float32{ypColState, ypColDate, ypColTime, ypColPrep, ypColActions}, 3,
		container.NewCenter(ypStateChip(r)), day, when, prep, container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, actions...)...))

	var why []string
	if r.Problem != "" {
		why = append(why, r.Problem)
	}
	if r.State == ypAdjusted {
		why = append(why, i18n.T("ui.yearplan.adjusted", i18n.MediumDate(r.Nominal)))
	}
	if r.Reason != "" {
		why = append(why, r.Reason)
	}
	why = append(why, r.Notes...)
	if r.State.creates() {
		if r.PrepProblem != "" {
			why = append(why, i18n.T("ui.yearplan.prep.status", r.PrepStatus.Label(), r.PrepProblem))
		}
		if detail := ypPrepDetail(r); detail != "" {
			why = append(why, detail)
		}
		for _, c := range r.Conflicts {
			why = append(why, i18n.T("ui.yearplan.conflict", c))
		}
	}
	if r.State == ypExisting {
		why = append(why, i18n.T("ui.yearplan.existing"))
	}
	out := container.NewVBox(cols)
	if len(why) > 0 {
		out.Add(secondLine(strings.Join(why, " · "), ypColState+theme.Padding()))
	}
	return out
}

// ypPrepSummary is the least preparation time of a row: "4 werkdagen
// (Vlissingen)".
func ypPrepSummary(r *ypRow) string {
	switch {
	case !r.HasPrep:
		return ""
	case len(r.Prep) == 0:
		return i18n.T("ui.yearplan.prep.secretariat", r.PrepSecretariat)
	}
	worst := r.Prep[0].MinSlack
	var names []string
	for _, p := range r.Prep {
		if p.MinSlack == worst {
			names = append(names, p.Name)
		}
	}
	return i18n.T("ui.yearplan.prep.min", worst, shortNameList(names))
}

// ypPrepDetail lists the preparation time of every member gemeente,
// grouped by the number of working days: "voorbereiding: 4 werkdagen
// Vlissingen; 6 werkdagen Middelburg, Veere".
func ypPrepDetail(r *ypRow) string {
	if len(r.Prep) < 2 {
		return ""
	}
	var groups []string
	for i := 0; i < len(r.Prep); {
		j := i
		var names []string
		for j < len(r.Prep) && r.Prep[j].MinSlack == r.Prep[i].MinSlack {
			names = append(names, r.Prep[j].Name)
			j++
		}
		groups = append(groups, i18n.T("ui.yearplan.prep.group", r.Prep[i].MinSlack, strings.Join(names, ", ")))
		i = j
	}
	return i18n.T("ui.yearplan.prep.detail", strings.Join(groups, "; "))
}

// remove takes the date of nominal out of the plan.
func (s *yearPlanScreen) remove(nominal date.Date) {
	if s.adj.Removed == nil {
		s.adj.Removed = map[date.Date]bool{}
	}
	s.adj.Removed[nominal] = true
	delete(s.adj.Moved, nominal)
	s.recompute()
}

// undo restores the date of nominal as the planner gives it.
func (s *yearPlanScreen) undo(nominal date.Date) {
	delete(s.adj.Removed, nominal)
	delete(s.adj.Moved, nominal)
	s.recompute()
}

// moveTo puts the meeting of nominal on d.
func (s *yearPlanScreen) moveTo(nominal, d date.Date) {
	if s.adj.Moved == nil {
		s.adj.Moved = map[date.Date]date.Date{}
	}
	s.adj.Moved[nominal] = d
	delete(s.adj.Removed, nominal)
	s.recompute()
}

// askMove asks for the date the meeting of nominal moves to. The form
// refuses a date outside the year, a day off or a recess day with the
// reason, before anything changes.
func (s *yearPlanScreen) askMove(nominal date.Date) {
	if s.body == nil {
		return
	}
	pl := s.sh.State.Planner()
	b, year := s.body, s.year
	e := components.NewDateEntry(i18n.T("ui.yearplan.field.date"))
	e.Today = func() date.Date { return nominal }
	e.DayNote = func(d date.Date) string {
		if why, off := pl.Calendar().Why(d); off && why.Kind != planning.OffWeekend {
			return why.Label()
		}
		if rc, in := pl.Calendar().Recess(d, b.PartnershipID); in {
			return rc.Name
		}
		return ""
	}
	// The reason a date cannot be used shows while typing: it is what
	// the secretary needs to pick another.
	e.AlwaysShowValidationError = true
	format := e.Validator
	e.Validator = func(v string) error {
		if err := format(v); err != nil {
			return err
		}
		d, err := e.Date()
		if err != nil || d.IsZero() {
			return ypError(i18n.T("ui.yearplan.err.nodate"))
		}
		if p := ypDateProblem(pl, b, year, d); p != "" {
			return ypError(p)
		}
		return nil
	}
	for _, r := range s.plan.Rows {
		if r.Nominal == nominal && !r.Date.IsZero() {
			e.SetDate(r.Date)
		}
	}
	s.moveEntry = e
	item := widget.NewFormItem(i18n.T("ui.yearplan.field.date"), e)
	item.HintText = i18n.T("ui.yearplan.move.hint", i18n.MediumDate(nominal))
	s.moveForm = dialog.NewForm(i18n.T("ui.yearplan.move.title", b.Name), i18n.T("ui.yearplan.move.ok"), i18n.T("ui.yearplan.cancel"),
		[]*widget.FormItem{item}, func(ok bool) {
			if !ok {
				return
			}
			d, err := e.Date()
			if err == nil {
				err = e.Validate()
			}
			if err != nil {
				ShowError(s.sh.Window, err)
				return
			}
			s.moveTo(nominal, d)
		}, s.sh.Window)
	s.moveForm.Resize(fyne.NewSize(460, 200))
	s.moveForm.Show()
}

// redrawProposals lists the planner's best rhythms for the year; tapping
// one puts it in the rhythm fields.
func (s *yearPlanScreen) redrawProposals() {
	var objs []fyne.CanvasObject
	if s.body != nil && len(s.props) == 0 {
		objs = append(objs, secondLine(i18n.T("ui.yearplan.noproposals"), 0))
	}
	for i := range s.props {
		pr := s.props[i]
		name := widget.NewLabelWithStyle(strconv.Itoa(i+1)+". "+planning.Render(pr.Label, i18n.Current()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Wrapping = fyne.TextWrapWord
		var chips []fyne.CanvasObject
		if pr.Current {
			chips = append(chips, components.NewChip(i18n.T("ui.yearplan.proposal.current"), theme.ColorNameSuccess))
		}
		if sameYearRhythm(pr.Rhythm, s.rhythm, s.year) {
			chips = append(chips, components.NewChip(i18n.T("ui.yearplan.proposal.shown"), theme.ColorNamePrimary))
		}
		status := domain.DeadlineOK
		if pr.Onhaalbaar > 0 {
			status = domain.DeadlineOnhaalbaar
		} else if pr.Krap > 0 {
			status = domain.DeadlineKrap
		}
		if status != domain.DeadlineOK {
			chips = append(chips, components.NewChip(status.Label(), feasibilityColor(status)))
		}
		var lines []string
		for _, m := range pr.Explanation {
			if m.Key == "planning.propose.current" || m.Key == "planning.propose.score" {
				continue // the chip says the first; the order says the second
			}
			lines = append(lines, planning.Render(m, i18n.Current()))
		}
		card := container.NewVBox(name)
		if len(chips) > 0 {
			card.Add(container.NewHBox(chips...))
		}
		card.Add(secondLine(strings.Join(lines, "; "), 0))
		r := pr.Rhythm
		objs = append(objs, components.NewTapRow(card, func() { s.setRhythm(r) }), widget.NewSeparator())
	}
	s.propList.Objects = objs
	s.propList.Refresh()
}

// sameYearRhythm reports whether two rhythms give the same dates in year.
func sameYearRhythm(a, b domain.Rhythm, year int) bool {
	if a.Kind != b.Kind || a.Kind == domain.RhythmNone {
		return false
	}
	return slices.Equal(planning.RhythmDates(a, year), planning.RhythmDates(b, year))
}

// confirmApply asks before creating the plan's new meetings, with their
// number; when the rhythm differs from the body's, it offers to keep it as
// the body's rhythm too.
func (s *yearPlanScreen) confirmApply() {
	if s.body == nil || len(s.plan.New) == 0 || s.plan.Problems > 0 {
		return
	}
	msg := widget.NewLabel(i18n.T("ui.yearplan.confirm.text", len(s.plan.New), s.body.Name, s.year, s.plan.count(ypExisting)))
	msg.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(msg)
	s.keepCheck = nil
	if !sameYearRhythm(s.rhythm, s.body.Rhythm, s.year) {
		s.keepCheck = widget.NewCheck(i18n.T("ui.yearplan.confirm.keep", planning.Render(planning.RhythmLabel(s.rhythm), i18n.Current())), nil)
		s.keepCheck.SetChecked(true)
		content.Add(s.keepCheck)
	}
	keep := s.keepCheck
	s.confirm = dialog.NewCustomConfirm(i18n.T("ui.yearplan.confirm.title"), i18n.T("ui.yearplan.confirm.ok", len(s.plan.New)), i18n.T("ui.yearplan.cancel"),
		content, func(ok bool) {
			if ok {
				s.applyPlan(keep != nil && keep.Checked)
			}
		}, s.sh.Window)
	s.confirm.Resize(fyne.NewSize(520, 240))
	s.confirm.Show()
}

// applyPlan stores the plan's new meetings in one transaction (all or
// none; existing meetings are not touched) and, with keepRhythm, the
// rhythm as the body's; then reloads and says what was done.
func (s *yearPlanScreen) applyPlan(keepRhythm bool) {
	ctx := context.Background()
	st := s.sh.State
	ms := slices.Clone(s.plan.New)
	st.Planner().LinkPreparations(s.body, ms)
	n := len(ms)
	if err := st.Store.SaveMeetings(ctx, ms); err != nil {
		ShowError(s.sh.Window, err)
		return
	}
	rhythmErr := error(nil)
	if keepRhythm {
		b := *s.body
		b.Rhythm = s.rhythm
		rhythmErr = st.Store.SaveBody(ctx, &b)
	}
	s.adj = ypAdjust{}
	if err := st.Reload(ctx); err != nil {
		ShowError(s.sh.Window, err)
		return
	}
	if rhythmErr != nil {
		ShowError(s.sh.Window, i18n.Errorf(rhythmErr, "ui.yearplan.err.rhythmsave", n))
		return
	}
	dialog.ShowInformation(i18n.T("ui.yearplan.done.title"), i18n.T("ui.yearplan.done", n, s.body.Name, s.year), s.sh.Window)
}
