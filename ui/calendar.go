package ui

import (
	"image/color"
	"sort"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// calFilter is what the calendar shows: one partnership, one body, and the
// gemeente/person scope of the overview.
type calFilter struct {
	Partnership int64
	Body        int64
	scopeFilter
}

// calIndex holds the meetings of the snapshot by day. It is built once per
// reload (sorting thousands of meetings for every cell would make paging
// through months slow) and answers a day's meetings with a map lookup.
type calIndex struct {
	byDay map[date.Date][]*domain.Meeting
	// deadlines of the last range asked for, kept until the next reload
	// or the next range.
	dlFrom, dlTo date.Date
	dl           []domain.Deadline
}

// newCalIndex indexes the meetings of ds by day, each day by start time.
func newCalIndex(ds *domain.Dataset) *calIndex {
	ix := &calIndex{byDay: make(map[date.Date][]*domain.Meeting, len(ds.Meetings))}
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		d := m.Date()
		ix.byDay[d] = append(ix.byDay[d], m)
	}
	for _, ms := range ix.byDay {
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start.Before(ms[j].Start) })
	}
	return ix
}

// deadlines returns the deadlines due in [from, to] (cached for the range).
func (ci *calIndex) deadlines(pl *planning.Planner, from, to date.Date) []domain.Deadline {
	if ci.dl == nil || ci.dlFrom != from || ci.dlTo != to {
		ci.dl = pl.AllDeadlines(from, to)
		if ci.dl == nil {
			ci.dl = []domain.Deadline{}
		}
		ci.dlFrom, ci.dlTo = from, to
	}
	return ci.dl
}

// calDay is what one day of the calendar shows.
type calDay struct {
	Date      date.Date
	Kind      components.DayKind
	Note      string
	Meetings  []*domain.Meeting
	Deadlines []calDeadline
}

// calDeadline is a deadline in a day, or the deadlines of one
// per-gemeente step of one meeting on that day taken together.
type calDeadline struct {
	MeetingID      int64
	Kind           domain.DeadlineKind
	Name           string
	Audience       domain.Audience
	MunicipalityID int64
	Gemeenten      int
	Status         domain.DeadlineStatus
}

// calendarDays computes the days [from, to] for filter f: the meetings and
// deadlines in scope and why a day is not an ordinary working day.
func calendarDays(pl *planning.Planner, ci *calIndex, from, to date.Date, f calFilter) []calDay {
	ix := pl.Index()
	cal := pl.Calendar()
	if f.Municipality != 0 {
		cal = pl.MunicipalityCalendar(f.Municipality)
	}
	inFilter := func(m *domain.Meeting) bool {
		b := ix.Bodies[m.BodyID]
		if b == nil || (f.Body != 0 && b.ID != f.Body) || (f.Partnership != 0 && b.PartnershipID != f.Partnership) {
			return false
		}
		return f.scopeFilter.meeting(ix, m)
	}
	// Holidays that are working days under the settings (Goede Vrijdag,
	// Bevrijdingsdag outside a lustrum year) are named all the same:
	// people ask why the calendar is not off that day.
	working := map[date.Date]string{}
	for y := from.Year(); y <= to.Year(); y++ {
		for _, h := range cal.Holidays(y) {
			if !h.DayOff {
				working[h.Date] = i18n.T("ui.calendar.workingholiday", h.Name())
			}
		}
	}
	region := domain.SchoolRegion("")
	if g := ix.Municipalities[f.Municipality]; g != nil {
		region = g.Region
	}

	days := make([]calDay, 0, to.Sub(from)+1)
	pos := map[date.Date]int{}
	for d := from; !d.After(to); d = d.AddDays(1) {
		day := calDay{Date: d}
		if why, off := cal.Why(d); off {
			day.Kind = components.DayWeekend
			if why.Kind != planning.OffWeekend {
				day.Kind, day.Note = components.DayOff, why.Label()
			}
		}
		if rc, in := cal.Recess(d, f.Partnership); in {
			if day.Kind != components.DayOff {
				day.Kind = components.DayRecess
			}
			if day.Note == "" {
				day.Note = rc.Name
			}
		}
		if day.Note == "" {
			day.Note = working[d]
		}
		if day.Note == "" && region != "" {
			if h, ok := cal.SchoolHoliday(d, region); ok {
				day.Note = h.Name
			}
		}
		for _, m := range ci.byDay[d] {
			if inFilter(m) {
				day.Meetings = append(day.Meetings, m)
			}
		}
		pos[d] = len(days)
		days = append(days, day)
	}

	dls := ci.deadlines(pl, from, to)
	dls = f.scopeFilter.deadlines(ix, dls, domain.Audiences())
	type key struct {
		day     date.Date
		meeting int64
		rule    string
	}
	group := map[key]int{}
	for _, dl := range dls {
		m := ix.Meetings[dl.MeetingID]
		if m == nil || m.IsCancelled() || dl.Kind == domain.KindMeeting || isLinkedPrep(ix, &dl, m) || !inFilter(m) {
			continue
		}
		i, ok := pos[dl.Due]
		if !ok {
			continue
		}
		day := &days[i]
		row := calDeadline{MeetingID: m.ID, Kind: dl.Kind, Name: dl.Name, Audience: dl.Audience, MunicipalityID: dl.MunicipalityID, Gemeenten: 1, Status: dl.Status}
		if dl.MunicipalityID != 0 && f.Municipality == 0 {
			k := key{dl.Due, m.ID, dl.RuleKey}
			if j, ok := group[k]; ok {
				g := &day.Deadlines[j]
				g.Gemeenten++
				g.MunicipalityID = 0
				g.Status = worseStatus(g.Status, dl.Status)
				continue
			}
			group[k] = len(day.Deadlines)
		}
		day.Deadlines = append(day.Deadlines, row)
	}
	return days
}

// shortBodyName names a body in a day cell: its kind and its partnership's
// short name ("PHO Jeugd", "AB VRZ"), which fits where "Algemeen Bestuur
// Veiligheidsregio Zeeland" does not.
func shortBodyName(ix *domain.Index, b *domain.Body) string {
	if b == nil {
		return ""
	}
	if p := ix.Partnerships[b.PartnershipID]; p != nil && p.ShortName != "" {
		return b.Kind.Label() + " " + p.ShortName
	}
	return b.Name
}

// deadlineShortName names a step by its kind ("aanleveren"), so that a
// month cell can say which meeting it is for; steps of kind "overig" keep
// the name their template gives them.
func deadlineShortName(d calDeadline) string {
	if d.Kind == domain.KindOther || d.Kind == "" {
		return d.Name
	}
	return i18n.T("ui.calendar.kind." + string(d.Kind))
}

// deadlineWho is the audience of a deadline, with its gemeente(n).
func deadlineWho(ix *domain.Index, d calDeadline) string {
	switch {
	case d.Gemeenten > 1:
		return i18n.T("ui.overview.who.gemeenten", d.Gemeenten, d.Audience.Label())
	case d.MunicipalityID != 0:
		return i18n.T("ui.overview.who.gemeente", ix.MunicipalityName(d.MunicipalityID), d.Audience.Label())
	}
	return d.Audience.Label()
}

// calendarScreen is the Kalender screen: a month or a week of meetings
// and deadlines in the colours of their partnerships, with holidays,
// closed days and recess marked, filtered by partnership, body, gemeente
// and person.
type calendarScreen struct {
	widget.BaseWidget
	sh     *Shell
	week   bool      // the week view, else the month view
	anchor date.Date // a day of the shown month or week
	filter calFilter
	index  *calIndex
	days   []calDay // what is shown

	title     *widget.Label
	prev      *widget.Button
	next      *widget.Button
	today     *widget.Button
	mode      *widget.RadioGroup
	partSel   *entitySelect
	bodySel   *entitySelect
	munSel    *entitySelect
	perSel    *entitySelect
	clear     *widget.Button
	legend    *fyne.Container
	summary   *widget.Label
	monthGrid *fyne.Container
	cells     []*components.DayCell
	weekNums  []*components.TapRow
	weekView  *fyne.Container
	weekCols  *fyne.Container
	body      *fyne.Container
	root      fyne.CanvasObject
}

// buildCalendar is the Kalender screen of the shell.
func buildCalendar(sh *Shell) fyne.CanvasObject {
	s := newCalendarScreen(sh)
	sh.State.Subscribe(func() {
		ds, _ := sh.State.Data()
		s.index = newCalIndex(ds)
		s.refreshChoices()
		s.refresh()
	})
	return s
}

func newCalendarScreen(sh *Shell) *calendarScreen {
	s := &calendarScreen{sh: sh, anchor: sh.State.Today()}
	s.ExtendBaseWidget(s)
	ds, _ := sh.State.Data()
	s.index = newCalIndex(ds)

	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.SizeName = theme.SizeNameSubHeadingText
	s.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { s.shift(-1) })
	s.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.shift(1) })
	s.today = widget.NewButton(i18n.T("ui.calendar.today"), func() {
		s.anchor = s.sh.State.Today()
		s.refresh()
	})
	month, week := i18n.T("ui.calendar.month"), i18n.T("ui.calendar.week")
	s.mode = widget.NewRadioGroup([]string{month, week}, func(v string) {
		s.week = v == week
		s.refresh()
	})
	s.mode.Horizontal = true
	s.mode.Required = true
	s.mode.Selected = month

	s.partSel = newEntitySelect(i18n.T("ui.calendar.filter.allpartnerships"), nil, func(id int64) {
		s.filter.Partnership = id
		// The bodies follow the partnership.
		s.bodySel.setChoices(i18n.T("ui.calendar.filter.allbodies"), s.bodyChoices())
		s.filter.Body = s.bodySel.ID()
		s.refresh()
	})
	s.bodySel = newEntitySelect(i18n.T("ui.calendar.filter.allbodies"), nil, func(id int64) {
		s.filter.Body = id
		s.refresh()
	})
	s.munSel = newEntitySelect(i18n.T("ui.overview.filter.allmunicipalities"), nil, func(id int64) {
		s.filter.Municipality = id
		s.refresh()
	})
	s.perSel = newEntitySelect(i18n.T("ui.overview.filter.everyone"), nil, func(id int64) {
		s.filter.Person = id
		s.refresh()
	})
	for _, sel := range []*entitySelect{s.partSel, s.bodySel, s.munSel, s.perSel} {
		sel.PlaceHolder = i18n.T("ui.overview.filter.placeholder")
	}
	s.clear = widget.NewButtonWithIcon(i18n.T("ui.overview.filter.clear"), theme.ContentClearIcon(), func() {
		s.partSel.SetID(0)
		s.bodySel.SetID(0)
		s.munSel.SetID(0)
		s.perSel.SetID(0)
	})
	s.refreshChoices()

	nav := container.NewHBox(s.prev, s.today, s.next, s.title)
	top := container.NewBorder(nil, nil, nav, s.mode)
	// Four equal boxes across the width: the names in them ("Alle
	// samenwerkingsverbanden", "PHO Werk en Inkomen Walcheren") are long.
	filters := container.NewBorder(nil, nil, nil, s.clear, container.NewGridWithColumns(4, s.partSel, s.bodySel, s.munSel, s.perSel))
	s.legend = container.NewHBox()
	s.summary = widget.NewLabel("")
	s.summary.TextStyle = fyne.TextStyle{Italic: true}

	s.buildMonthGrid()
	s.weekCols = container.NewGridWithColumns(7)
	s.weekView = container.NewStack(container.NewVScroll(s.weekCols))
	s.body = container.NewStack(s.monthGrid)
	s.root = container.NewBorder(container.NewVBox(top, filters, container.NewBorder(nil, nil, nil, s.summary, s.legend)), nil, nil, nil, s.body)
	s.refresh()
	return s
}

// CreateRenderer shows the screen's layout.
func (s *calendarScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.root)
}

// refreshChoices fills the filter boxes from the snapshot.
func (s *calendarScreen) refreshChoices() {
	ds, ix := s.sh.State.Data()
	var parts []selectChoice
	for _, p := range ds.Partnerships {
		parts = append(parts, selectChoice{Label: p.Name, ID: p.ID})
	}
	sortSelectChoices(parts)
	s.partSel.setChoices(i18n.T("ui.calendar.filter.allpartnerships"), parts)
	s.bodySel.setChoices(i18n.T("ui.calendar.filter.allbodies"), s.bodyChoices())
	s.munSel.setChoices(i18n.T("ui.overview.filter.allmunicipalities"), municipalitySelectChoices(ds))
	s.perSel.setChoices(i18n.T("ui.overview.filter.everyone"), personSelectChoices(ds, ix))
	s.filter = calFilter{Partnership: s.partSel.ID(), Body: s.bodySel.ID(), scopeFilter: scopeFilter{Municipality: s.munSel.ID(), Person: s.perSel.ID()}}
}

// bodyChoices lists the bodies of the chosen partnership (all without one).
func (s *calendarScreen) bodyChoices() []selectChoice {
	ds, _ := s.sh.State.Data()
	var out []selectChoice
	for _, b := range ds.Bodies {
		if s.partSel.ID() == 0 || b.PartnershipID == s.partSel.ID() {
			out = append(out, selectChoice{Label: b.Name, ID: b.ID})
		}
	}
	sortSelectChoices(out)
	return out
}

// shift moves the view n months or weeks.
func (s *calendarScreen) shift(n int) {
	if s.week {
		s.anchor = s.anchor.AddDays(7 * n)
	} else {
		y, m, _ := s.anchor.Civil()
		s.anchor = date.New(y, m+time.Month(n), 1)
	}
	s.refresh()
}

// showWeek switches to the week view of day d.
func (s *calendarScreen) showWeek(d date.Date) {
	s.anchor = d
	s.mode.SetSelected(i18n.T("ui.calendar.week"))
}

// monthRange returns the first and last day the month view of s.anchor
// shows: whole weeks, Monday first.
func monthRange(anchor date.Date) (from, to date.Date) {
	y, m, _ := anchor.Civil()
	first := date.New(y, m, 1)
	last := date.New(y, m, date.DaysIn(y, m))
	return mondayOf(first), mondayOf(last).AddDays(6)
}

// refresh redraws the shown month or week.
func (s *calendarScreen) refresh() {
	if s.filter == (calFilter{}) {
		s.clear.Disable()
	} else {
		s.clear.Enable()
	}
	if s.week {
		s.refreshWeek()
	} else {
		s.refreshMonth()
	}
	s.refreshLegend()
}

// buildMonthGrid makes the grid of up to six weeks once; months reuse it.
func (s *calendarScreen) buildMonthGrid() {
	var objs []fyne.CanvasObject
	objs = append(objs, widget.NewLabel(""))
	for i := 1; i <= 7; i++ {
		l := widget.NewLabelWithStyle(i18n.WeekdayName(time.Weekday(i%7)), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		objs = append(objs, l)
	}
	for w := 0; w < 6; w++ {
		wl := widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
		wl.SizeName = theme.SizeNameCaptionText
		row := components.NewTapRow(container.NewVBox(wl), nil)
		s.weekNums = append(s.weekNums, row)
		objs = append(objs, row)
		for d := 0; d < 7; d++ {
			c := components.NewDayCell()
			c.More = func(n int) string { return i18n.T("ui.calendar.more", n) }
			s.cells = append(s.cells, c)
			objs = append(objs, c)
		}
	}
	s.monthGrid = container.New(&monthLayout{}, objs...)
}

func (s *calendarScreen) refreshMonth() {
	st := s.sh.State
	pl := st.Planner()
	ix := pl.Index()
	from, to := monthRange(s.anchor)
	s.days = calendarDays(pl, s.index, from, to, s.filter)
	y, m, _ := s.anchor.Civil()
	s.title.SetText(i18n.MonthName(m) + " " + strconv.Itoa(y))
	weeks := len(s.days) / 7
	s.monthGrid.Layout.(*monthLayout).weeks = weeks
	today := st.Today()
	meetings, deadlines := 0, 0
	for w := 0; w < 6; w++ {
		row := s.weekNums[w]
		if w >= weeks {
			row.Hide()
			for d := 0; d < 7; d++ {
				s.cells[w*7+d].Hide()
			}
			continue
		}
		row.Show()
		mon := s.days[w*7].Date
		row.Content.(*fyne.Container).Objects[0].(*widget.Label).SetText(i18n.T("ui.calendar.weeknumber", isoWeek(mon)))
		row.OnTapped = func() { s.showWeek(mon) }
		for d := 0; d < 7; d++ {
			day := s.days[w*7+d]
			c := s.cells[w*7+d]
			c.Show()
			c.Label = strconv.Itoa(day.Date.Day())
			c.Note = day.Note
			c.Kind = day.Kind
			c.Today = day.Date == today
			c.Outside = day.Date.Month() != m
			c.Entries = s.entries(ix, day)
			dd := day.Date
			c.OnOpen = func() { s.showWeek(dd) }
			c.Refresh()
			if !c.Outside {
				meetings += len(day.Meetings)
				deadlines += len(day.Deadlines)
			}
		}
	}
	s.summary.SetText(i18n.T("ui.calendar.summary", meetings, deadlines))
	s.body.Objects = []fyne.CanvasObject{s.monthGrid}
	s.monthGrid.Refresh()
	s.body.Refresh()
}

// entries turns a day into the lines of its cell: meetings first, by
// start, then deadlines.
func (s *calendarScreen) entries(ix *domain.Index, day calDay) []components.DayEntry {
	ams := domain.Amsterdam()
	out := make([]components.DayEntry, 0, len(day.Meetings)+len(day.Deadlines))
	for _, m := range day.Meetings {
		id := m.ID
		text := i18n.T("ui.calendar.entry.meeting", i18n.Clock(m.Start.In(ams)), shortBodyName(ix, ix.Bodies[m.BodyID]))
		if m.IsCancelled() {
			text = i18n.T("ui.calendar.entry.cancelled", text)
		}
		out = append(out, components.DayEntry{Text: text, Color: bodyColor(ix, m.BodyID), Muted: m.IsCancelled(), OnTap: s.open(id)})
	}
	for _, d := range day.Deadlines {
		m := ix.Meetings[d.MeetingID]
		text := i18n.T("ui.calendar.entry.deadline", deadlineShortName(d), shortBodyName(ix, ix.Bodies[m.BodyID]), deadlineWho(ix, d))
		if d.Status != domain.DeadlineOK {
			text = i18n.T("ui.calendar.entry.problem", text, d.Status.Label())
		}
		out = append(out, components.DayEntry{Text: text, Color: bodyColor(ix, m.BodyID), Minor: true, OnTap: s.open(d.MeetingID)})
	}
	return out
}

// open shows meeting id on the meetings screen.
func (s *calendarScreen) open(id int64) func() { return func() { s.sh.OpenMeeting(id) } }

func (s *calendarScreen) refreshWeek() {
	st := s.sh.State
	pl := st.Planner()
	ix := pl.Index()
	mon := mondayOf(s.anchor)
	s.days = calendarDays(pl, s.index, mon, mon.AddDays(6), s.filter)
	s.title.SetText(i18n.T("ui.calendar.weektitle", isoWeek(mon), i18n.MediumDate(mon), i18n.MediumDate(mon.AddDays(6))))
	today := st.Today()
	ams := domain.Amsterdam()
	var cols []fyne.CanvasObject
	meetings, deadlines := 0, 0
	for _, day := range s.days {
		head := widget.NewLabelWithStyle(i18n.WeekdayName(day.Date.Weekday())+" "+strconv.Itoa(day.Date.Day())+" "+i18n.MonthName(day.Date.Month()),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: day.Date == today})
		if day.Date == today {
			head.Importance = widget.HighImportance
		}
		items := []fyne.CanvasObject{head}
		if day.Note != "" {
			n := widget.NewLabel(day.Note)
			n.Wrapping = fyne.TextWrapWord
			n.TextStyle = fyne.TextStyle{Italic: true}
			if day.Kind == components.DayOff {
				n.Importance = widget.DangerImportance
			}
			items = append(items, n)
		}
		for _, m := range day.Meetings {
			b := ix.Bodies[m.BodyID]
			name := widget.NewLabelWithStyle(b.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: !m.IsCancelled()})
			name.Wrapping = fyne.TextWrapWord
			when := i18n.Clock(m.Start.In(ams)) + "–" + i18n.Clock(m.End.In(ams))
			if m.IsCancelled() {
				when = i18n.T("ui.calendar.entry.cancelled", when)
				name.Importance = widget.LowImportance
			}
			where := widget.NewLabel(m.Location)
			where.Wrapping = fyne.TextWrapWord
			where.SizeName = theme.SizeNameCaptionText
			card := container.NewBorder(nil, nil, components.Swatch(bodyColor(ix, m.BodyID), 5), nil,
				// The labels' own padding would leave a card of three
				// lines looking like three cards.
				container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), widget.NewLabel(when), name, where))
			items = append(items, components.NewTapRow(card, s.open(m.ID)))
		}
		for _, d := range day.Deadlines {
			m := ix.Meetings[d.MeetingID]
			text := i18n.T("ui.calendar.week.deadline", d.Name, ix.Bodies[m.BodyID].Name, deadlineWho(ix, d))
			l := widget.NewLabel(text)
			l.Wrapping = fyne.TextWrapWord
			l.SizeName = theme.SizeNameCaptionText
			l.TextStyle = fyne.TextStyle{Italic: true}
			var row fyne.CanvasObject = l
			if d.Status != domain.DeadlineOK {
				row = container.NewVBox(container.NewHBox(components.NewChip(d.Status.Label(), feasibilityColor(d.Status))), l)
			}
			bar := canvas.NewRectangle(bodyColor(ix, m.BodyID))
			bar.SetMinSize(fyne.NewSize(2, 2))
			items = append(items, components.NewTapRow(container.NewBorder(nil, nil, bar, nil, row), s.open(d.MeetingID)))
		}
		meetings += len(day.Meetings)
		deadlines += len(day.Deadlines)
		bg := canvas.NewRectangle(dayTint(day.Kind))
		cols = append(cols, container.NewStack(bg, container.NewVBox(items...)))
	}
	s.weekCols.Objects = cols
	s.weekCols.Refresh()
	s.summary.SetText(i18n.T("ui.calendar.summary", meetings, deadlines))
	s.body.Objects = []fyne.CanvasObject{s.weekView}
	s.body.Refresh()
}

// dayTint is the background of a day column in the week view, matching the
// month view's cells.
func dayTint(k components.DayKind) color.Color {
	tint := func(name fyne.ThemeColorName, alpha uint8) color.Color {
		r, g, b, _ := theme.Color(name).RGBA()
		return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: alpha}
	}
	switch k {
	case components.DayOff:
		return tint(theme.ColorNameError, 0x30)
	case components.DayRecess:
		return tint(theme.ColorNameWarning, 0x2a)
	case components.DayWeekend:
		return tint(theme.ColorNameForeground, 0x0d)
	}
	return color.Transparent
}

// refreshLegend shows the partnerships' colours (each a shortcut to that
// filter) and what the marked days mean.
func (s *calendarScreen) refreshLegend() {
	ds, _ := s.sh.State.Data()
	var objs []fyne.CanvasObject
	for _, p := range ds.Partnerships {
		c, ok := components.ParseHexColor(p.Color)
		col := color.Color(neutralColor)
		if ok {
			col = c
		}
		id := p.ID
		l := widget.NewLabel(p.ShortName)
		if s.filter.Partnership == id {
			l.TextStyle = fyne.TextStyle{Bold: true}
		}
		item := container.NewHBox(container.NewCenter(components.Swatch(col, 12)), l)
		objs = append(objs, components.NewTapRow(item, func() {
			if s.partSel.ID() == id {
				s.partSel.SetID(0)
			} else {
				s.partSel.SetID(id)
			}
		}))
	}
	mark := func(k components.DayKind, text string) fyne.CanvasObject {
		r := canvas.NewRectangle(dayTint(k))
		r.StrokeColor = theme.Color(theme.ColorNameSeparator)
		r.StrokeWidth = 1
		r.SetMinSize(fyne.NewSize(16, 16))
		return container.NewHBox(container.NewCenter(r), widget.NewLabel(text))
	}
	objs = append(objs, widget.NewSeparator(), mark(components.DayOff, i18n.T("ui.calendar.legend.off")),
		mark(components.DayRecess, i18n.T("ui.calendar.legend.recess")))
	s.legend.Objects = objs
	s.legend.Refresh()
}

// monthLayout lays out a month: a header row of weekday names, then one
// row per week with a narrow week-number column and seven equal days.
// Fyne's grid makes every column equally wide, which wastes a day's width
// on the week number.
type monthLayout struct {
	weeks int // rows shown (4–6); the others are hidden
}

const weekColumn = 44

func (l *monthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	weeks := l.weeks
	if weeks == 0 {
		weeks = 6
	}
	headH := objs[1].MinSize().Height
	colW := (size.Width - weekColumn) / 7
	rowH := (size.Height - headH) / float32(weeks)
	for i, o := range objs {
		row, col := i/8, i%8
		x := float32(0)
		w := float32(weekColumn)
		if col > 0 {
			x, w = weekColumn+float32(col-1)*colW, colW
		}
		if row == 0 {
			o.Move(fyne.NewPos(x, 0))
			o.Resize(fyne.NewSize(w, headH))
			continue
		}
		o.Move(fyne.NewPos(x, headH+float32(row-1)*rowH))
		o.Resize(fyne.NewSize(w, rowH))
	}
}

func (l *monthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	head := objs[1].MinSize().Height
	cell := objs[9].MinSize()
	return fyne.NewSize(weekColumn+7*cell.Width, head+6*cell.Height)
}
