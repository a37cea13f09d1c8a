package ui

import (
	"context"
	"sort"
	"strconv"
	"strings"
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

// The sections of the overview, in the order they appear.
const (
	secThisWeek  = "thisweek"
	secNextWeek  = "nextweek"
	secOverdue   = "overdue"
	secSoon      = "soon"
	secStukken   = "stukken"
	secChains    = "chains"
	secConflicts = "conflicts"
)

// Column widths of the overview rows. Rows of one section share them, so
// that dates, names and statuses line up down the page.
const (
	colSwatch  = 6
	colDate    = 128
	colDay     = 85
	colTime    = 108
	colWhen    = 150
	colChip    = 100
	colWho     = 175
	colMeeting = 330
	colPlace   = 230
	colSteller = 180
)

// overviewScreen is the home screen: what needs attention this week and
// next, for the whole region or for one gemeente or person. Every row opens
// the meeting it is about.
type overviewScreen struct {
	widget.BaseWidget
	sh     *Shell
	filter scopeFilter
	model  overviewModel

	date     *widget.Label
	munSel   *entitySelect
	perSel   *entitySelect
	clear    *widget.Button
	tiles    *fyne.Container
	body     *fyne.Container
	scroll   *container.Scroll
	sections map[string]*ovSection
	order    []string
	root     fyne.CanvasObject
	// loader reads meetings in full; replaced on every reload so that the
	// overview never shows an agenda older than the snapshot.
	loader  *cachedLoader
	warning *widget.Label
}

// ovSection is one titled block of rows with its count.
type ovSection struct {
	key   string
	title *widget.Label
	count *components.Chip
	note  *widget.Label
	rows  *fyne.Container
	root  *fyne.Container
	tile  *ovTile
}

// buildOverview is the Overzicht screen of the shell.
func buildOverview(sh *Shell) fyne.CanvasObject {
	s := newOverviewScreen(sh)
	sh.State.Subscribe(func() {
		s.loader = s.newLoader()
		s.refresh()
	})
	return s
}

// newLoader reads meetings from the store.
func (s *overviewScreen) newLoader() *cachedLoader {
	st := s.sh.State
	return newCachedLoader(func(id int64) (domain.Meeting, error) { return st.Store.Meeting(context.Background(), id) })
}

func newOverviewScreen(sh *Shell) *overviewScreen {
	s := &overviewScreen{sh: sh, sections: map[string]*ovSection{}}
	s.ExtendBaseWidget(s)
	s.loader = s.newLoader()
	ds, ix := sh.State.Data()

	title := widget.NewLabelWithStyle(i18n.T("ui.overview.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	s.date = widget.NewLabel("")
	s.munSel = newEntitySelect(i18n.T("ui.overview.filter.allmunicipalities"), municipalitySelectChoices(ds), func(id int64) {
		s.filter.Municipality = id
		s.refresh()
	})
	s.perSel = newEntitySelect(i18n.T("ui.overview.filter.everyone"), personSelectChoices(ds, ix), func(id int64) {
		s.filter.Person = id
		s.refresh()
	})
	s.munSel.PlaceHolder = i18n.T("ui.overview.filter.placeholder")
	s.perSel.PlaceHolder = i18n.T("ui.overview.filter.placeholder")
	s.clear = widget.NewButtonWithIcon(i18n.T("ui.overview.filter.clear"), theme.ContentClearIcon(), func() {
		s.munSel.SetID(0)
		s.perSel.SetID(0)
	})
	filters := container.NewHBox(
		widget.NewLabel(i18n.T("ui.overview.filter.municipality")), minWidth(s.munSel, 200),
		widget.NewLabel(i18n.T("ui.overview.filter.person")), minWidth(s.perSel, 280), s.clear)
	header := container.NewBorder(nil, nil, container.NewHBox(title, s.date), filters)

	s.tiles = container.NewGridWithColumns(7)
	s.body = container.NewVBox()
	for _, key := range []string{secThisWeek, secNextWeek, secOverdue, secSoon, secStukken, secChains, secConflicts} {
		sec := s.newSection(key)
		s.sections[key] = sec
		s.order = append(s.order, key)
		s.tiles.Add(sec.tile)
		s.body.Add(sec.root)
	}
	s.scroll = container.NewVScroll(container.NewPadded(s.body))
	s.warning = widget.NewLabel("")
	s.warning.Importance = widget.DangerImportance
	s.warning.Wrapping = fyne.TextWrapWord
	s.warning.Hide()
	s.refresh()
	s.root = container.NewBorder(container.NewVBox(header, s.warning, s.tiles, widget.NewSeparator()), nil, nil, nil, s.scroll)
	return s
}

// minWidth gives o at least width w, so that a select box does not jump
// in size with the chosen name.
func minWidth(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(w, o.MinSize().Height)), o)
}

// CreateRenderer shows the screen's layout.
func (s *overviewScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.root)
}

// newSection builds the empty frame of section key and its tile.
func (s *overviewScreen) newSection(key string) *ovSection {
	sec := &ovSection{key: key}
	sec.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sec.count = components.NewChip("0", "")
	sec.note = widget.NewLabel("")
	sec.note.Importance = widget.LowImportance
	sec.note.TextStyle = fyne.TextStyle{Italic: true}
	sec.rows = container.NewVBox()
	head := container.NewHBox(sec.title, container.NewCenter(sec.count), layout.NewSpacer())
	sec.root = container.NewVBox(head, sec.rows, widget.NewSeparator())
	sec.tile = newOvTile(func() { s.scrollTo(sec) })
	return sec
}

// scrollTo brings section sec to the top of the view.
func (s *overviewScreen) scrollTo(sec *ovSection) {
	s.scroll.Offset = fyne.NewPos(0, sec.root.Position().Y)
	s.scroll.Refresh()
}

// refresh recomputes the overview from the current snapshot and redraws
// every section.
func (s *overviewScreen) refresh() {
	st := s.sh.State
	ds, ix := st.Data()
	today := st.Today()
	// The gemeenten and people may have changed since the last reload.
	s.munSel.setChoices(i18n.T("ui.overview.filter.allmunicipalities"), municipalitySelectChoices(ds))
	s.perSel.setChoices(i18n.T("ui.overview.filter.everyone"), personSelectChoices(ds, ix))
	s.filter = scopeFilter{Municipality: s.munSel.ID(), Person: s.perSel.ID()}
	if s.filter == (scopeFilter{}) {
		s.clear.Disable()
	} else {
		s.clear.Enable()
	}
	s.date.SetText(i18n.LongDate(today))
	s.model = computeOverview(st.Planner(), today, s.filter, s.loader.Meeting)
	if s.loader.err != nil {
		// Part of the overview could not be read (a locked or damaged
		// database): say so rather than show a reassuring empty list.
		s.warning.SetText(i18n.T("ui.overview.loaderror", i18n.UserMessage(s.loader.err)))
		s.warning.Show()
	} else {
		s.warning.Hide()
	}
	m := &s.model
	mon := mondayOf(today)

	s.fill(secThisWeek, i18n.T("ui.overview.sec.thisweek", isoWeek(mon), i18n.ShortDate(mon), i18n.ShortDate(mon+6)),
		len(m.ThisWeek), false, i18n.T("ui.overview.empty.meetings"), s.meetingRows(m.ThisWeek, ix))
	s.fill(secNextWeek, i18n.T("ui.overview.sec.nextweek", isoWeek(mon+7), i18n.ShortDate(mon+7), i18n.ShortDate(mon+13)),
		len(m.NextWeek), false, i18n.T("ui.overview.empty.meetings"), s.meetingRows(m.NextWeek, ix))
	s.fill(secOverdue, i18n.T("ui.overview.sec.overdue"), len(m.Overdue), true,
		i18n.T("ui.overview.empty.overdue"), s.deadlineRows(m.Overdue, ix, true))
	s.fill(secSoon, i18n.T("ui.overview.sec.soon", soonWorkdays, i18n.ShortDate(m.SoonUntil)), len(m.Soon), false,
		i18n.T("ui.overview.empty.soon"), s.deadlineRows(m.Soon, ix, false))
	s.fill(secStukken, i18n.T("ui.overview.sec.stukken"), len(m.Stukken), true,
		i18n.T("ui.overview.empty.stukken"), s.stukRows(m.Stukken, ix))
	s.fill(secChains, i18n.T("ui.overview.sec.chains", chainWeeks), len(m.Chains), true,
		i18n.T("ui.overview.empty.chains"), s.chainRows(m.Chains, ix))
	s.fill(secConflicts, i18n.T("ui.overview.sec.conflicts"), len(m.Conflicts), true,
		i18n.T("ui.overview.empty.conflicts"), s.conflictRows(m.Conflicts, ix))

	tileText := map[string]string{
		secThisWeek: i18n.T("ui.overview.tile.thisweek"), secNextWeek: i18n.T("ui.overview.tile.nextweek"),
		secOverdue: i18n.T("ui.overview.tile.overdue"), secSoon: i18n.T("ui.overview.tile.soon"),
		secStukken: i18n.T("ui.overview.tile.stukken"), secChains: i18n.T("ui.overview.tile.chains"),
		secConflicts: i18n.T("ui.overview.tile.conflicts"),
	}
	for _, key := range s.order {
		sec := s.sections[key]
		sec.tile.set(sec.count.Text, tileText[key], sec.count.Color)
	}
	s.body.Refresh()
}

// fill sets a section's title, count and rows. Sections about problems
// show their count in the warning colours when there is something.
func (s *overviewScreen) fill(key, title string, n int, problem bool, empty string, rows []fyne.CanvasObject) {
	sec := s.sections[key]
	sec.title.SetText(title)
	col := fyne.ThemeColorName("")
	switch {
	case problem && n > 0 && (key == secOverdue || key == secConflicts || key == secStukken):
		col = theme.ColorNameError
	case problem && n > 0:
		col = theme.ColorNameWarning
	case n > 0:
		col = theme.ColorNamePrimary
	}
	sec.count.Set(strconv.Itoa(n), col)
	sec.rows.Objects = rows
	if len(rows) == 0 {
		sec.note.SetText(empty)
		sec.rows.Objects = []fyne.CanvasObject{sec.note}
	}
	sec.rows.Refresh()
}

// open shows meeting id on the meetings screen.
func (s *overviewScreen) open(id int64) func() {
	return func() { s.sh.OpenMeeting(id) }
}

// truncLabel returns a one-line label that shortens with an ellipsis.
func truncLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// truncMutedLabel is a label in the secondary text colour.
func truncMutedLabel(text string) *widget.Label {
	l := truncLabel(text)
	l.TextStyle = fyne.TextStyle{Italic: true}
	return l
}

// meetingDayName returns "PHO Jeugd Zeeland (do 14-01)".
func meetingDayName(ix *domain.Index, id int64) string {
	m := ix.Meetings[id]
	if m == nil {
		return ""
	}
	name := ""
	if b := ix.Bodies[m.BodyID]; b != nil {
		name = b.Name
	}
	return i18n.T("ui.overview.meeting.name", name, shortDayMonth(m.Date()))
}

func (s *overviewScreen) meetingRows(ms []ovMeeting, ix *domain.Index) []fyne.CanvasObject {
	ams := domain.Amsterdam()
	var out []fyne.CanvasObject
	for _, m := range ms {
		chip := components.NewChip(m.Status.Label(), meetingStatusChipColor(m.Status))
		body := truncLabel(m.Body)
		body.TextStyle = fyne.TextStyle{Bold: true}
		when := truncLabel(i18n.Clock(m.Start.In(ams)) + "–" + i18n.Clock(m.End.In(ams)))
		day := truncLabel(i18n.ShortDate(m.Date))
		if m.Date == s.model.Today {
			day.TextStyle = fyne.TextStyle{Bold: true}
		}
		if m.Status == domain.StatusGeannuleerd {
			body.TextStyle = fyne.TextStyle{}
			body.Importance, when.Importance, day.Importance = widget.LowImportance, widget.LowImportance, widget.LowImportance
		}
		var sw fyne.CanvasObject = components.Swatch(bodyColor(ix, ix.Meetings[m.ID].BodyID), colSwatch)
		cols := components.NewColumns([]float32{colSwatch, colDate, colTime, 200, colPlace, colChip}, 3,
			sw, day, when, body, truncMutedLabel(m.Location), chip)
		out = append(out, components.NewTapRow(cols, s.open(m.ID)))
	}
	return out
}

// meetingStatusChipColor: what still has to happen stands out; what is done
// or off does not.
func meetingStatusChipColor(st domain.MeetingStatus) fyne.ThemeColorName {
	switch st {
	case domain.StatusVerzonden:
		return theme.ColorNameSuccess
	case domain.StatusGeannuleerd:
		return theme.ColorNameError
	case domain.StatusGepland:
		return theme.ColorNamePrimary
	}
	return ""
}

// feasibilityColor is the colour of a feasibility status.
func feasibilityColor(st domain.DeadlineStatus) fyne.ThemeColorName {
	switch st {
	case domain.DeadlineOnhaalbaar:
		return theme.ColorNameError
	case domain.DeadlineKrap:
		return theme.ColorNameWarning
	}
	return theme.ColorNameSuccess
}

func (s *overviewScreen) deadlineRows(dls []ovDeadline, ix *domain.Index, overdue bool) []fyne.CanvasObject {
	cal := s.sh.State.Planner().Calendar()
	today := s.model.Today
	var out []fyne.CanvasObject
	for _, d := range dls {
		due := shortDayMonth(d.Due)
		if d.LastDue != d.Due {
			due = i18n.T("ui.overview.due.range", shortDayMonth(d.Due), d.LastDue.Day())
		}
		when := workdaysFromToday(cal, today, d.Due)
		name := truncLabel(d.Name)
		chip := components.NewChip("", "")
		if d.Status != domain.DeadlineOK {
			chip.Set(d.Status.Label(), feasibilityColor(d.Status))
		}
		whenL := truncMutedLabel(when)
		if overdue {
			name.SetText(i18n.T("ui.overview.deadline.open", d.Name, d.Open))
			chip.Set(i18n.T("ui.overview.status.open"), theme.ColorNameError)
			whenL.Importance = widget.DangerImportance
		}
		who := d.Audience.Label()
		switch {
		case d.Gemeenten > 1:
			who = i18n.T("ui.overview.who.gemeenten", d.Gemeenten, d.Audience.Label())
		case d.MunicipalityID != 0:
			who = i18n.T("ui.overview.who.gemeente", ix.MunicipalityName(d.MunicipalityID), d.Audience.Label())
		}
		cols := components.NewColumns([]float32{colSwatch, colDay, colWhen, 200, colWho, colMeeting, colChip}, 3,
			components.Swatch(bodyColor(ix, d.BodyID), colSwatch), truncLabel(due), whenL, name, truncMutedLabel(who),
			truncLabel(meetingDayName(ix, d.MeetingID)), chip)
		out = append(out, components.NewTapRow(cols, s.open(d.MeetingID)))
	}
	return out
}

// workdaysFromToday says how far due is from today in working days: "vandaag",
// "morgen", "over 3 werkdagen", "2 werkdagen geleden".
func workdaysFromToday(cal *planning.Calendar, today, due date.Date) string {
	switch {
	case due == today:
		return i18n.T("ui.overview.when.today")
	case due == today.AddDays(1):
		return i18n.T("ui.overview.when.tomorrow")
	case due == today.AddDays(-1):
		return i18n.T("ui.overview.when.yesterday")
	case due.After(today):
		return i18n.N("ui.overview.when.in", max(cal.WorkdaysBetween(today, due), 1))
	}
	return i18n.N("ui.overview.when.ago", max(-cal.WorkdaysBetween(today, due), 1))
}

func (s *overviewScreen) stukRows(ss []ovStuk, ix *domain.Index) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, d := range ss {
		col := theme.ColorNameError
		detail := i18n.T("ui.overview.stuk.missing", shortDayMonth(d.Due))
		if d.Status == domain.DocTeLaat {
			col = theme.ColorNameWarning
			detail = i18n.T("ui.overview.stuk.late", shortDayMonth(d.Received), shortDayMonth(d.Due))
		}
		title := truncLabel(i18n.T("ui.overview.stuk.title", d.Title, d.Item))
		steller := ix.PersonName(d.StellerID)
		if steller == "" {
			steller = i18n.T("ui.overview.stuk.nosteller")
		}
		mb := ix.Meetings[d.MeetingID]
		cols := components.NewColumns([]float32{colSwatch, colChip, 210, 200, colMeeting, colSteller}, 3,
			components.Swatch(bodyColor(ix, mb.BodyID), colSwatch), components.NewChip(d.Status.Label(), col),
			truncMutedLabel(detail), title, truncLabel(meetingDayName(ix, d.MeetingID)), truncMutedLabel(steller))
		out = append(out, components.NewTapRow(cols, s.open(d.MeetingID)))
	}
	return out
}

func (s *overviewScreen) chainRows(cs []ovChain, ix *domain.Index) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, c := range cs {
		var parts []string
		if len(c.Onhaalbaar) > 0 {
			parts = append(parts, i18n.T("ui.overview.chain.onhaalbaar", shortNameList(c.Onhaalbaar)))
		}
		if len(c.Krap) > 0 {
			parts = append(parts, i18n.T("ui.overview.chain.krap", shortNameList(c.Krap)))
		}
		summary := truncLabel(strings.Join(parts, " · "))
		text := c.Reason
		if c.MoreReasons > 0 {
			text = i18n.T("ui.overview.chain.more", c.Reason, c.MoreReasons)
		}
		mb := ix.Meetings[c.MeetingID]
		top := components.NewColumns([]float32{colSwatch, colChip, colMeeting + 40, 200}, 3,
			components.Swatch(bodyColor(ix, mb.BodyID), colSwatch), components.NewChip(c.Status.Label(), feasibilityColor(c.Status)),
			truncLabel(meetingDayName(ix, c.MeetingID)), summary)
		indent := secondLine(text, colSwatch+colChip+2*theme.Padding())
		out = append(out, components.NewTapRow(container.NewVBox(top, indent), s.open(c.MeetingID)))
	}
	return out
}

// secondLine is the smaller, wrapping line under a row that explains it,
// indented to the row's text column and pulled up against the first line.
func secondLine(text string, indent float32) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle = fyne.TextStyle{Italic: true}
	l.SizeName = theme.SizeNameCaptionText
	return container.New(layout.NewCustomPaddedLayout(-theme.InnerPadding(), 0, indent, 0), l)
}

// shortNameList joins names for a summary: "Vlissingen, Tholen" or
// "Hulst, Kapelle, Middelburg en 7 andere".
func shortNameList(names []string) string {
	const shown = 3
	if len(names) <= shown+1 {
		return strings.Join(names, ", ")
	}
	return i18n.T("ui.overview.andmore", strings.Join(names[:shown], ", "), len(names)-shown)
}

func (s *overviewScreen) conflictRows(cs []ovConflict, ix *domain.Index) []fyne.CanvasObject {
	ams := domain.Amsterdam()
	span := func(id int64) string {
		m := ix.Meetings[id]
		if m == nil {
			return ""
		}
		name := ""
		if b := ix.Bodies[m.BodyID]; b != nil {
			name = b.Name
		}
		return i18n.T("ui.overview.conflict.meeting", name, i18n.Clock(m.Start.In(ams)), i18n.Clock(m.End.In(ams)))
	}
	var out []fyne.CanvasObject
	for _, c := range cs {
		text, detail := c.Text, ""
		var other fyne.CanvasObject
		if c.Kind == planning.ConflictPerson && len(c.MeetingIDs) == 2 {
			text = i18n.T("ui.overview.conflict.pair", span(c.MeetingIDs[0]), span(c.MeetingIDs[1]))
			var who []string
			for _, id := range c.People {
				name := ix.PersonName(id)
				if p := ix.People[id]; p != nil && p.MunicipalityID != 0 {
					name = i18n.T("ui.overview.person.choice", name, ix.MunicipalityName(p.MunicipalityID))
				}
				who = append(who, name)
			}
			detail = i18n.T("ui.overview.conflict.people.other", strings.Join(who, ", "))
			if len(who) == 1 {
				detail = i18n.T("ui.overview.conflict.people.one", who[0])
			}
			second := c.MeetingIDs[1]
			b := widget.NewButtonWithIcon(i18n.T("ui.overview.conflict.open", meetingDayName(ix, second)), theme.NavigateNextIcon(), s.open(second))
			b.Importance = widget.LowImportance
			other = b
		}
		chip := components.NewChip(conflictKindText(c.Kind), theme.ColorNameError)
		mb := ix.Meetings[c.MeetingIDs[0]]
		var row fyne.CanvasObject = components.NewColumns([]float32{colSwatch, colChip, colDay, 200}, 3,
			components.Swatch(bodyColor(ix, mb.BodyID), colSwatch), chip, truncLabel(shortDayMonth(c.Date)), truncLabel(text))
		if detail != "" {
			second := secondLine(detail, colSwatch+colChip+colDay+3*theme.Padding())
			row = container.NewVBox(row, container.NewBorder(nil, nil, nil, other, second))
		}
		out = append(out, components.NewTapRow(row, s.open(c.MeetingIDs[0])))
	}
	return out
}

// conflictKindText names a kind of conflict in a few words.
func conflictKindText(k planning.ConflictKind) string {
	return i18n.T("ui.overview.conflict.kind." + string(k))
}

// isoWeek returns the ISO 8601 week number of d, the number Dutch
// offices use ("week 48").
func isoWeek(d date.Date) int {
	_, w := d.In(domain.Amsterdam()).ISOWeek()
	return w
}

// ovTile is a summary tile at the top of the overview: a number and what
// it counts; clicking it scrolls to the section.
type ovTile struct {
	*components.TapRow
	num  *canvas.Text
	text *widget.Label
}

func newOvTile(onTap func()) *ovTile {
	t := &ovTile{num: canvas.NewText("0", theme.Color(theme.ColorNameForeground)), text: widget.NewLabel("")}
	t.num.TextSize = theme.TextSize() * 1.8
	t.num.TextStyle = fyne.TextStyle{Bold: true}
	t.num.Alignment = fyne.TextAlignCenter
	t.text.Alignment = fyne.TextAlignCenter
	t.text.Wrapping = fyne.TextWrapWord
	t.text.SizeName = theme.SizeNameCaptionText
	t.TapRow = components.NewTapRow(container.NewVBox(t.num, t.text), onTap)
	return t
}

// set shows count n, caption text and the colour of the section's chip.
func (t *ovTile) set(n, text string, col fyne.ThemeColorName) {
	t.num.Text = n
	t.num.Color = theme.Color(theme.ColorNameForeground)
	if col == theme.ColorNameError || col == theme.ColorNameWarning {
		t.num.Color = theme.Color(col)
	}
	t.num.Refresh()
	t.text.SetText(text)
}

// The overview's content, computed apart from the widgets.

// How far the overview looks.
const (
	// soonWorkdays: deadlines due in the coming ten working days, two
	// working weeks, the horizon a secretariat plans its mail in.
	soonWorkdays = 10
	// overdueDays: how far back a deadline that is still open counts as
	// overdue. Older ones belong to meetings long held.
	overdueDays = 42
	// chainWeeks: meetings whose chains are checked. A chain that is
	// onhaalbaar half a year ahead is better solved by the year plan.
	chainWeeks = 8
)

// overviewModel is what the home screen shows, computed from the planner
// for one day and scope. It is computed apart from the widgets so that
// tests and benchmarks can check it without drawing.
type overviewModel struct {
	Today     date.Date
	SoonUntil date.Date // the last day of the coming ten working days
	ThisWeek  []ovMeeting
	NextWeek  []ovMeeting
	Overdue   []ovDeadline
	Soon      []ovDeadline
	Stukken   []ovStuk
	Chains    []ovChain
	Conflicts []ovConflict
}

// ovMeeting is a meeting of this or next week.
type ovMeeting struct {
	ID         int64
	Date       date.Date
	Start, End time.Time
	Body       string
	Location   string
	Status     domain.MeetingStatus
}

// ovDeadline is one deadline, or for the whole region the deadlines of one
// per-gemeente step of one meeting taken together (thirteen rows "advies
// bij het college" would bury the rest).
type ovDeadline struct {
	MeetingID      int64
	BodyID         int64
	Due            date.Date // the earliest when grouped
	LastDue        date.Date // the latest when grouped
	Name           string
	Audience       domain.Audience
	MunicipalityID int64 // 0 for the body or when grouped
	Gemeenten      int   // >1 when grouped
	Status         domain.DeadlineStatus
	// Open says what is still missing for an overdue deadline.
	Open string
}

// ovStuk is a stuk that is missing or came in late.
type ovStuk struct {
	MeetingID  int64
	DocumentID int64
	Title      string
	Item       string
	Due        date.Date
	Received   date.Date
	Status     domain.DocumentStatus
	StellerID  int64
}

// ovChain is a meeting whose chain leaves someone too little time.
type ovChain struct {
	MeetingID   int64
	Status      domain.DeadlineStatus
	Onhaalbaar  []string // gemeenten (or the secretariat) for whom a step is impossible
	Krap        []string
	Reason      string // the worst problem, in words
	MoreReasons int
}

// ovConflict is a clash between meetings (all people double-booked by the
// same pair of meetings on one row) or a meeting on a day off.
type ovConflict struct {
	Kind       planning.ConflictKind
	Date       date.Date
	MeetingIDs []int64
	People     []int64
	Text       string // for conflicts of one meeting: the planner's explanation
}

// mondayOf returns the Monday of d's week.
func mondayOf(d date.Date) date.Date { return d - date.Date((int(d.Weekday())+6)%7) }

// meetingLoader returns a meeting with its agenda, stukken, advice and
// attendance. The snapshot holds meetings as headers only (the agendas of
// two years would cost memory and start-up time), so the overview loads the
// few meetings whose stukken and advice it must look at.
type meetingLoader func(id int64) (*domain.Meeting, error)

// cachedLoader loads each meeting from load once. It is kept until the
// next reload, so that changing a filter does not read the database again.
type cachedLoader struct {
	load func(id int64) (domain.Meeting, error)
	got  map[int64]*domain.Meeting
	err  error // the first failure, shown once above the overview
}

func newCachedLoader(load func(id int64) (domain.Meeting, error)) *cachedLoader {
	return &cachedLoader{load: load, got: map[int64]*domain.Meeting{}}
}

// Meeting returns meeting id in full.
func (c *cachedLoader) Meeting(id int64) (*domain.Meeting, error) {
	if m, ok := c.got[id]; ok {
		return m, nil
	}
	m, err := c.load(id)
	if err != nil {
		if c.err == nil {
			c.err = err
		}
		return nil, err
	}
	c.got[id] = &m
	return &m, nil
}

// computeOverview gathers the overview of day today for scope s; full
// loads the meetings whose stukken, advice and decisions matter.
func computeOverview(pl *planning.Planner, today date.Date, s scopeFilter, full meetingLoader) overviewModel {
	ds, ix := pl.Dataset(), pl.Index()
	cal := pl.Calendar()
	mod := overviewModel{Today: today, SoonUntil: cal.AddWorkdays(today, soonWorkdays)}

	mon := mondayOf(today)
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		d := m.Date()
		if d < mon || d >= mon+14 {
			continue
		}
		if s.Person != 0 {
			// A substitute takes part too; substitutes are in the
			// attendance, which headers do not carry.
			if fm, err := full(m.ID); err == nil {
				m = fm
			}
		}
		if !s.meeting(ix, m) {
			continue
		}
		row := ovMeeting{ID: m.ID, Date: d, Start: m.Start, End: m.End, Location: m.Location, Status: m.Status}
		if b := ix.Bodies[m.BodyID]; b != nil {
			row.Body = b.Name
		}
		if d < mon+7 {
			mod.ThisWeek = append(mod.ThisWeek, row)
		} else {
			mod.NextWeek = append(mod.NextWeek, row)
		}
	}
	byStart := func(ms []ovMeeting) {
		sort.SliceStable(ms, func(i, j int) bool {
			if !ms[i].Start.Equal(ms[j].Start) {
				return ms[i].Start.Before(ms[j].Start)
			}
			return ms[i].Body < ms[j].Body
		})
	}
	byStart(mod.ThisWeek)
	byStart(mod.NextWeek)

	mod.Soon = overviewDeadlines(pl, s, today, mod.SoonUntil, nil)
	mod.Overdue = overviewDeadlines(pl, s, today.AddDays(-overdueDays), today.AddDays(-1), func(dl *domain.Deadline, m *domain.Meeting) string {
		fm, err := full(m.ID)
		if err != nil {
			return ""
		}
		return openWork(fm, dl, today, full)
	})
	mod.Stukken = overviewStukken(pl, s, today, full)
	mod.Chains = overviewChains(pl, s, today)
	mod.Conflicts = overviewConflicts(pl, s, today)
	return mod
}

// overviewDeadlines returns the deadlines due in [from, to] in scope s.
// With open set (the overdue list), only deadlines for which open names
// missing work are kept, with that text: a deadline that passed but whose
// work is demonstrably done, or that no data can confirm, is not overdue.
func overviewDeadlines(pl *planning.Planner, s scopeFilter, from, to date.Date, open func(*domain.Deadline, *domain.Meeting) string) []ovDeadline {
	ix := pl.Index()
	all := pl.AllDeadlines(from, to)
	// The scope decides which deadlines a gemeente or person sees; without
	// one, every audience is shown.
	all = s.deadlines(ix, all, nil)
	var out []ovDeadline
	group := map[[2]any]int{} // (meeting, rule) → index in out
	for i := range all {
		dl := &all[i]
		m := ix.Meetings[dl.MeetingID]
		if m == nil || m.IsCancelled() || dl.Due.IsZero() || dl.Kind == domain.KindMeeting || isLinkedPrep(ix, dl, m) {
			continue
		}
		text := ""
		if open != nil {
			if text = open(dl, m); text == "" {
				continue
			}
		}
		row := ovDeadline{MeetingID: m.ID, BodyID: m.BodyID, Due: dl.Due, LastDue: dl.Due, Name: dl.Name, Audience: dl.Audience,
			MunicipalityID: dl.MunicipalityID, Gemeenten: 1, Status: dl.Status, Open: text}
		if dl.MunicipalityID != 0 && s.Municipality == 0 && s.Person == 0 {
			key := [2]any{m.ID, dl.RuleKey}
			if j, ok := group[key]; ok {
				g := &out[j]
				g.Gemeenten++
				g.MunicipalityID = 0
				g.Due, g.LastDue = date.Min(g.Due, dl.Due), date.Max(g.LastDue, dl.Due)
				g.Status = worseStatus(g.Status, dl.Status)
				if open != nil {
					g.Open = i18n.T("ui.overview.open.gemeenten", g.Gemeenten)
				}
				continue
			}
			group[key] = len(out)
		}
		out = append(out, row)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due < out[j].Due })
	return out
}

// isLinkedPrep reports whether dl is the step "ambtelijk vooroverleg" of a
// meeting whose AO meeting is planned: that is a meeting, listed as one.
func isLinkedPrep(ix *domain.Index, dl *domain.Deadline, m *domain.Meeting) bool {
	if dl.Kind != domain.KindVooroverleg {
		return false
	}
	prep := ix.Meetings[m.PreparedByMeetingID]
	return prep != nil && !prep.IsCancelled()
}

// worseStatus returns the worse of two feasibility statuses.
func worseStatus(a, b domain.DeadlineStatus) domain.DeadlineStatus {
	rank := func(s domain.DeadlineStatus) int {
		switch s {
		case domain.DeadlineOnhaalbaar:
			return 2
		case domain.DeadlineKrap:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// openWork says what is still missing for deadline dl of meeting m that
// has passed, or "" when the data show it done or cannot tell. A deadline
// is a date, not a task with a tick box; what the store does record —
// stukken received, the agenda sent, advice given, decisions written down
// — tells whether the work behind it happened:
//   - definitieve stukken aanleveren: every stuk of the meeting is in;
//   - conceptstukken voor het AO: every stuk of the AO meeting is in;
//   - verzending: the meeting's status is verzonden (or later);
//   - ambtelijk advies (per gemeente): the gemeente advised on every item
//     that is decided on;
//   - besluitenlijst: every item decided on has its decision recorded.
//
// Steps before a meeting only count while the meeting is still ahead: once
// it is held, chasing its stukken is history.
func openWork(m *domain.Meeting, dl *domain.Deadline, today date.Date, full meetingLoader) string {
	ahead := !m.Date().Before(today)
	switch dl.Kind {
	case domain.KindAanleveren:
		if n := countMissingStukken(m); ahead && n > 0 {
			return i18n.N("ui.overview.open.stukken", n)
		}
	case domain.KindConcept:
		if m.PreparedByMeetingID == 0 || !ahead {
			return ""
		}
		if prep, err := full(m.PreparedByMeetingID); err == nil {
			if n := countMissingStukken(prep); n > 0 {
				return i18n.N("ui.overview.open.stukken", n)
			}
		}
	case domain.KindDispatch:
		if ahead && m.Status == domain.StatusGepland {
			return i18n.T("ui.overview.open.dispatch")
		}
	case domain.KindAdvies:
		if !ahead || dl.MunicipalityID == 0 {
			return ""
		}
		n := 0
		for _, it := range m.Items {
			if !it.Kind.NeedsDecision() {
				continue
			}
			given := false
			for _, a := range it.Advice {
				given = given || (a.MunicipalityID == dl.MunicipalityID && a.Verdict != domain.VerdictNone)
			}
			if !given {
				n++
			}
		}
		if n > 0 {
			return i18n.N("ui.overview.open.advice", n)
		}
	case domain.KindBesluiten:
		if ahead || m.Status == domain.StatusGeannuleerd {
			return ""
		}
		n := 0
		for _, it := range m.Items {
			if it.Kind.NeedsDecision() && strings.TrimSpace(it.Decision) == "" {
				n++
			}
		}
		if n > 0 {
			return i18n.N("ui.overview.open.decisions", n)
		}
	}
	return ""
}

// countMissingStukken counts the stukken of m not received yet.
func countMissingStukken(m *domain.Meeting) int {
	n := 0
	for _, it := range m.Items {
		for _, d := range it.Documents {
			if d.ReceivedAt.IsZero() {
				n++
			}
		}
	}
	return n
}

// stukDue returns the day by which the stukken of meeting m must be in:
// the meeting's own step "definitieve stukken aanleveren"; for an AO, the
// step "conceptstukken aanleveren voor het AO" of the meeting it prepares
// (its stukken are those concepts); otherwise the day the agenda goes out,
// after which a stuk can only follow late. Zero when the chain has none of
// these, so that a stuk can only be expected or received.
func stukDue(pl *planning.Planner, m *domain.Meeting, prepares map[int64]int64) date.Date {
	own, err := pl.Deadlines(m.ID)
	if err != nil {
		return 0
	}
	if d := firstDueOfKind(own, domain.KindAanleveren); !d.IsZero() {
		return d
	}
	if id, ok := prepares[m.ID]; ok {
		if dls, err := pl.Deadlines(id); err == nil {
			if d := firstDueOfKind(dls, domain.KindConcept); !d.IsZero() {
				return d
			}
		}
	}
	return firstDueOfKind(own, domain.KindDispatch)
}

// firstDueOfKind returns the due date of the first step of kind k for the
// whole body.
func firstDueOfKind(dls []domain.Deadline, k domain.DeadlineKind) date.Date {
	for _, d := range dls {
		if d.Kind == k && d.MunicipalityID == 0 {
			return d.Due
		}
	}
	return 0
}

// preparesIndex maps an AO meeting to the (not cancelled) meeting it
// prepares.
func preparesIndex(ds *domain.Dataset) map[int64]int64 {
	out := map[int64]int64{}
	for _, m := range ds.Meetings {
		if m.PreparedByMeetingID != 0 && !m.IsCancelled() {
			out[m.PreparedByMeetingID] = m.ID
		}
	}
	return out
}

// overviewStukken lists the stukken of meetings still ahead that are
// missing or came in late, worst first: missing before late, then by due
// date. For a gemeente, the stukken its people write or bring in; for a
// person, those they write or bring in.
func overviewStukken(pl *planning.Planner, s scopeFilter, today date.Date, full meetingLoader) []ovStuk {
	ds, ix := pl.Dataset(), pl.Index()
	prepares := preparesIndex(ds)
	var out []ovStuk
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		if m.Date().Before(today) || m.IsCancelled() {
			continue
		}
		// A stuk can only be missing or late once its day has passed;
		// only those meetings are worth reading in full.
		due := stukDue(pl, m, prepares)
		if due.IsZero() || !due.Before(today) {
			continue
		}
		fm, err := full(m.ID)
		if err != nil {
			continue
		}
		for _, it := range fm.Items {
			if !stukInScope(ix, s, it) {
				continue
			}
			for _, doc := range it.Documents {
				st := doc.Status(due, today)
				if st != domain.DocOntbreekt && st != domain.DocTeLaat {
					continue
				}
				row := ovStuk{MeetingID: m.ID, DocumentID: doc.ID, Title: doc.Title, Item: it.Title, Due: due, Status: st, StellerID: it.StellerID}
				if !doc.ReceivedAt.IsZero() {
					row.Received = domain.DateOf(doc.ReceivedAt)
				}
				out = append(out, row)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Status == domain.DocOntbreekt) != (b.Status == domain.DocOntbreekt) {
			return a.Status == domain.DocOntbreekt
		}
		return a.Due < b.Due
	})
	return out
}

// stukInScope reports whether the stukken of item it concern the scope:
// the steller or the portefeuillehouder is the person, or belongs to the
// gemeente.
func stukInScope(ix *domain.Index, s scopeFilter, it domain.AgendaItem) bool {
	if s.Person != 0 && it.StellerID != s.Person && it.PortefeuillehouderID != s.Person {
		return false
	}
	if s.Municipality == 0 {
		return true
	}
	for _, id := range []int64{it.StellerID, it.PortefeuillehouderID} {
		if p := ix.People[id]; p != nil && p.MunicipalityID == s.Municipality {
			return true
		}
	}
	return false
}

// overviewChains lists the meetings of the coming weeks whose chain has
// krap or onhaalbaar steps, onhaalbaar first, then by date. For a gemeente
// only its own problems count; for a person, the problems of the meetings
// they take part in (of their own gemeente, when they have one).
func overviewChains(pl *planning.Planner, s scopeFilter, today date.Date) []ovChain {
	ds, ix := pl.Dataset(), pl.Index()
	type dated struct {
		ovChain
		start time.Time
	}
	var rows []dated
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		d := m.Date()
		if d.Before(today) || d.After(today.AddDays(7*chainWeeks)) || m.IsCancelled() || !s.meeting(ix, m) {
			continue
		}
		f, err := pl.Feasibility(m.ID)
		if err != nil {
			continue
		}
		mun := s.Municipality
		if mun == 0 && s.Person != 0 {
			if p := ix.People[s.Person]; p != nil {
				mun = p.MunicipalityID
			}
		}
		row := ovChain{MeetingID: m.ID, Status: domain.DeadlineOK}
		seen := map[string]bool{}
		for _, pr := range f.Problems {
			if mun != 0 && pr.MunicipalityID != mun {
				continue
			}
			who := pr.Municipality
			if pr.MunicipalityID == 0 {
				who = i18n.T("ui.overview.chain.secretariat")
			}
			if row.Status == domain.DeadlineOK {
				row.Reason = planning.Render(pr.Reason, i18n.Current())
			} else {
				row.MoreReasons++
			}
			row.Status = worseStatus(row.Status, pr.Status)
			key := string(pr.Status) + "/" + who
			if seen[key] {
				continue
			}
			seen[key] = true
			if pr.Status == domain.DeadlineOnhaalbaar {
				row.Onhaalbaar = append(row.Onhaalbaar, who)
			} else {
				row.Krap = append(row.Krap, who)
			}
		}
		if row.Status == domain.DeadlineOK {
			continue
		}
		// A gemeente that is onhaalbaar at one step and krap at another
		// is named once, under the worse.
		row.Krap = withoutNames(row.Krap, row.Onhaalbaar)
		rows = append(rows, dated{row, m.Start})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if (a.Status == domain.DeadlineOnhaalbaar) != (b.Status == domain.DeadlineOnhaalbaar) {
			return a.Status == domain.DeadlineOnhaalbaar
		}
		return a.start.Before(b.start)
	})
	out := make([]ovChain, len(rows))
	for i, r := range rows {
		out[i] = r.ovChain
	}
	return out
}

// withoutNames returns the elements of a not in b.
func withoutNames(a, b []string) []string {
	var out []string
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || x == y
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

// overviewConflicts lists the conflicts from today on. The planner reports
// a clash once per person; a wethouder of each of three gemeenten makes
// three conflicts of the same two meetings, shown here as one row that
// names the three.
func overviewConflicts(pl *planning.Planner, s scopeFilter, today date.Date) []ovConflict {
	ix := pl.Index()
	var out []ovConflict
	type pair struct{ a, b int64 }
	group := map[pair]int{}
	for _, c := range pl.Conflicts() {
		if c.Date.Before(today) || !conflictInScope(ix, s, c) {
			continue
		}
		if c.Kind == planning.ConflictPerson && len(c.MeetingIDs) == 2 {
			key := pair{c.MeetingIDs[0], c.MeetingIDs[1]}
			if j, ok := group[key]; ok {
				out[j].People = append(out[j].People, c.PersonID)
				continue
			}
			group[key] = len(out)
			out = append(out, ovConflict{Kind: c.Kind, Date: c.Date, MeetingIDs: c.MeetingIDs, People: []int64{c.PersonID}})
			continue
		}
		out = append(out, ovConflict{Kind: c.Kind, Date: c.Date, MeetingIDs: c.MeetingIDs, Text: planning.Render(c.Message, i18n.Current())})
	}
	return out
}

// conflictInScope: a person's clash concerns that person and their
// gemeente; a meeting on a day off concerns whoever the meeting concerns.
func conflictInScope(ix *domain.Index, s scopeFilter, c planning.Conflict) bool {
	if c.Kind == planning.ConflictPerson {
		if s.Person != 0 && c.PersonID != s.Person {
			return false
		}
		return s.municipality(c.MunicipalityID)
	}
	for _, id := range c.MeetingIDs {
		if m := ix.Meetings[id]; m != nil && s.meeting(ix, m) {
			return true
		}
	}
	return false
}
