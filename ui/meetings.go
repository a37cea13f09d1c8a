package ui

import (
	"context"
	"image/color"
	"sort"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// meetingFilter is what the filter bar of the meetings screen selects.
// From bounds the list below (zero: today); ShowPast lifts the lower bound
// of today, so that From alone decides (zero: everything).
type meetingFilter struct {
	From          date.Date
	PartnershipID int64
	BodyID        int64
	Status        domain.MeetingStatus // "" for every status
	ShowPast      bool
}

// meetingRow is one line of the meetings list, prepared once per reload so
// that scrolling never looks anything up.
type meetingRow struct {
	ID                                              int64
	Start, End                                      time.Time
	Date, Time, Body, Partnership, Location, Status string
	Color                                           color.Color
	Items                                           int
	Cancelled                                       bool
}

// filterMeetings returns the rows of the meetings that f selects, by start.
// counts holds the number of agenda items per meeting (nil: unknown).
func filterMeetings(ds *domain.Dataset, ix *domain.Index, f meetingFilter, today date.Date, counts map[int64]int) []meetingRow {
	lower := f.From
	if !f.ShowPast && (lower.IsZero() || lower.Before(today)) {
		lower = today
	}
	ams := domain.Amsterdam()
	rows := make([]meetingRow, 0, len(ds.Meetings))
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		if !lower.IsZero() && m.Date().Before(lower) {
			continue
		}
		if f.Status != "" && m.Status != f.Status {
			continue
		}
		if f.BodyID != 0 && m.BodyID != f.BodyID {
			continue
		}
		b := ix.Bodies[m.BodyID]
		if f.PartnershipID != 0 && (b == nil || b.PartnershipID != f.PartnershipID) {
			continue
		}
		r := meetingRow{ID: m.ID, Start: m.Start, End: m.End, Date: i18n.ShortDate(m.Date()),
			Time:     i18n.Clock(m.Start.In(ams)) + "–" + i18n.Clock(m.End.In(ams)),
			Location: m.Location, Status: m.Status.Label(), Cancelled: m.IsCancelled(), Items: counts[m.ID]}
		if b != nil {
			r.Body = b.Name
			if p := ix.Partnerships[b.PartnershipID]; p != nil {
				r.Partnership = p.Name
				r.Color = meetingPartnershipColor(p.Color)
			}
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Start.Before(rows[j].Start) })
	return rows
}

// upcomingMeetings returns the meetings from today on, by start.
func upcomingMeetings(st *State) []meetingRow {
	ds, ix := st.Data()
	return filterMeetings(ds, ix, meetingFilter{}, st.Today(), nil)
}

// meetingPartnershipColor parses a partnership's "#rrggbb" colour; an empty or
// malformed one gives the theme's neutral grey, so a list never shows a
// black bar for a typing error in the organisation screen.
func meetingPartnershipColor(hex string) color.Color {
	if len(hex) == 7 && hex[0] == '#' {
		if v, err := strconv.ParseUint(hex[1:], 16, 32); err == nil {
			return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
		}
	}
	return theme.Color(theme.ColorNameDisabled)
}

// meetingsScreen is the Vergaderingen screen: on the left the meetings the
// filter selects, on the right the selected meeting with its agenda,
// stukken, adviesronde and deadlines.
type meetingsScreen struct {
	sh *Shell

	from        *components.DateEntry
	partnership *widget.Select
	body        *widget.Select
	status      *widget.Select
	showPast    *widget.Check
	newButton   *widget.Button
	count       *widget.Label

	// the IDs behind the options of the selects, index for index
	partnershipIDs []int64
	bodyIDs        []int64
	statuses       []domain.MeetingStatus

	filter     meetingFilter
	rows       []meetingRow
	list       *widget.List
	selectedID int64
	selecting  bool // set while the list is selected from code

	detail *meetingDetail
	// lastForm is the meeting form opened last (new, edit or move).
	lastForm *meetingForm
	root     fyne.CanvasObject
}

// buildMeetings builds the meetings screen and makes it the target of
// Shell.OpenMeeting.
func buildMeetings(sh *Shell) fyne.CanvasObject {
	s := newMeetingsScreen(sh)
	return s.root
}

// newMeetingsScreen builds the screen, subscribes it to reloads, registers
// its keyboard shortcuts and the drop target for stukken.
func newMeetingsScreen(sh *Shell) *meetingsScreen {
	s := &meetingsScreen{sh: sh}
	s.detail = newMeetingDetail(s)

	s.from = components.NewDateEntry(i18n.T("ui.meetings.filter.from"))
	s.from.Today = sh.State.Today
	s.from.SetPlaceHolder(i18n.T("ui.meetings.filter.today"))
	s.from.OnDateChanged = func(d date.Date) { s.filter.From = d; s.refresh() }
	if typed := s.from.OnChanged; typed != nil {
		s.from.OnChanged = func(text string) {
			typed(text)
			if text == "" && !s.filter.From.IsZero() {
				s.filter.From = 0
				s.refresh()
			}
		}
	}
	s.partnership = widget.NewSelect(nil, func(string) {
		s.filter.PartnershipID = s.selectedID64(s.partnership, s.partnershipIDs)
		s.fillBodies()
		s.refresh()
	})
	s.body = widget.NewSelect(nil, func(string) {
		s.filter.BodyID = s.selectedID64(s.body, s.bodyIDs)
		s.refresh()
	})
	s.status = widget.NewSelect(nil, func(string) {
		s.filter.Status = ""
		if i := s.status.SelectedIndex(); i > 0 {
			s.filter.Status = s.statuses[i-1]
		}
		s.refresh()
	})
	s.showPast = widget.NewCheck(i18n.T("ui.meetings.filter.past"), func(on bool) { s.filter.ShowPast = on; s.refresh() })
	s.newButton = widget.NewButtonWithIcon(i18n.T("ui.meetings.new"), theme.ContentAddIcon(), func() { s.newMeeting() })
	s.newButton.Importance = widget.HighImportance
	s.count = widget.NewLabel("")
	s.fillFilterOptions()

	s.list = widget.NewList(
		func() int { return len(s.rows) },
		func() fyne.CanvasObject { return newMeetingListRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*meetingListRow).set(s.rows[id]) })
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < 0 || id >= len(s.rows) {
			return
		}
		s.selectedID = s.rows[id].ID
		if !s.selecting {
			s.detail.show(s.selectedID)
		}
	}

	title := widget.NewLabelWithStyle(i18n.T("ui.nav.meetings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	filters := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(title, s.count), s.newButton),
		container.NewGridWithColumns(2, s.from, s.status),
		// Partnership and body names are long ("Dagelijks Bestuur
		// Veiligheidsregio Zeeland"): each select has the pane's width.
		s.partnership,
		s.body,
		s.showPast,
	)
	left := container.NewBorder(filters, nil, nil, nil, s.list)
	split := container.NewHSplit(left, s.detail.root)
	split.Offset = 0.31
	s.root = split

	sh.meetingOpener = s.open
	sh.State.Subscribe(s.reloaded)
	s.registerShortcuts()
	sh.Window.SetOnDropped(s.dropped)
	s.refresh()
	return s
}

// selectedID64 returns the ID behind a select whose first option means "all".
func (s *meetingsScreen) selectedID64(sel *widget.Select, ids []int64) int64 {
	if i := sel.SelectedIndex(); i > 0 && i-1 < len(ids) {
		return ids[i-1]
	}
	return 0
}

// fillFilterOptions fills the selects from the snapshot, keeping what is
// selected when it still exists.
func (s *meetingsScreen) fillFilterOptions() {
	ds, _ := s.sh.State.Data()
	opts := []string{i18n.T("ui.meetings.filter.allpartnerships")}
	s.partnershipIDs = s.partnershipIDs[:0]
	sel := 0
	for _, p := range ds.Partnerships {
		opts = append(opts, p.Name)
		s.partnershipIDs = append(s.partnershipIDs, p.ID)
		if p.ID == s.filter.PartnershipID {
			sel = len(opts) - 1
		}
	}
	if sel == 0 {
		s.filter.PartnershipID = 0
	}
	s.partnership.Options = opts
	s.partnership.SetSelectedIndex(sel)

	s.statuses = domain.MeetingStatuses()
	sopts := []string{i18n.T("ui.meetings.filter.allstatuses")}
	ssel := 0
	for _, st := range s.statuses {
		sopts = append(sopts, st.Label())
		if st == s.filter.Status {
			ssel = len(sopts) - 1
		}
	}
	s.status.Options = sopts
	s.status.SetSelectedIndex(ssel)
	s.fillBodies()
}

// fillBodies offers the bodies of the selected partnership (or all).
func (s *meetingsScreen) fillBodies() {
	ds, _ := s.sh.State.Data()
	opts := []string{i18n.T("ui.meetings.filter.allbodies")}
	s.bodyIDs = s.bodyIDs[:0]
	sel := 0
	bodies := append([]domain.Body(nil), ds.Bodies...)
	sort.SliceStable(bodies, func(i, j int) bool { return bodies[i].Name < bodies[j].Name })
	for _, b := range bodies {
		if s.filter.PartnershipID != 0 && b.PartnershipID != s.filter.PartnershipID {
			continue
		}
		opts = append(opts, b.Name)
		s.bodyIDs = append(s.bodyIDs, b.ID)
		if b.ID == s.filter.BodyID {
			sel = len(opts) - 1
		}
	}
	if sel == 0 {
		s.filter.BodyID = 0
	}
	s.body.Options = opts
	s.body.SetSelectedIndex(sel)
}

// refresh recomputes the rows and keeps the selection on the same meeting.
func (s *meetingsScreen) refresh() {
	if s.list == nil {
		return // still being built
	}
	ds, ix := s.sh.State.Data()
	counts, err := s.sh.State.Store.ItemCounts(context.Background())
	if err != nil {
		counts = nil // the list works without the counts; the next reload tries again
	}
	s.rows = filterMeetings(ds, ix, s.filter, s.sh.State.Today(), counts)
	s.count.SetText(i18n.T("ui.meetings.count", len(s.rows)))
	s.list.Refresh()
	s.syncSelection()
}

// syncSelection selects the row of selectedID without reloading the detail.
func (s *meetingsScreen) syncSelection() {
	for i, r := range s.rows {
		if r.ID == s.selectedID {
			s.selecting = true
			s.list.Select(i)
			s.selecting = false
			return
		}
	}
	s.list.UnselectAll()
}

// reloaded runs after every State.Reload: the filter options, the list and
// the open meeting may all have changed.
func (s *meetingsScreen) reloaded() {
	s.fillFilterOptions()
	s.refresh()
	s.detail.show(s.selectedID)
}

// open shows meeting id, widening the filter when it hides the meeting.
func (s *meetingsScreen) open(id int64) {
	_, ix := s.sh.State.Data()
	m := ix.Meetings[id]
	if m == nil {
		return
	}
	visible := false
	for _, r := range s.rows {
		visible = visible || r.ID == id
	}
	if !visible {
		s.filter = meetingFilter{ShowPast: m.Date().Before(s.sh.State.Today())}
		s.showPast.SetChecked(s.filter.ShowPast)
		s.from.SetText("")
		s.fillFilterOptions()
		s.refresh()
	}
	s.selectedID = id
	s.syncSelection()
	for i, r := range s.rows {
		if r.ID == id {
			s.list.ScrollTo(i)
		}
	}
	s.detail.show(id)
}

// isShown reports whether the screen is the one the user looks at, with no
// dialog over it: shortcuts and dropped files are for it only then.
func (s *meetingsScreen) isShown() bool {
	c := s.sh.Window.Canvas()
	if c == nil || !s.root.Visible() {
		return false
	}
	return c.Overlays().Top() == nil
}

// Keyboard shortcuts of the screen. Ctrl+N works from every screen (it
// switches here), Ctrl+E and Ctrl+B only where a meeting is shown.
var (
	shortcutNewMeeting   = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutExportAgenda = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutBundle       = &desktop.CustomShortcut{KeyName: fyne.KeyB, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSave         = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
)

func (s *meetingsScreen) registerShortcuts() {
	c := s.sh.Window.Canvas()
	c.AddShortcut(shortcutNewMeeting, func(fyne.Shortcut) {
		if c.Overlays().Top() != nil {
			return
		}
		s.sh.Show(ScreenMeetings)
		s.newMeeting()
	})
	c.AddShortcut(shortcutExportAgenda, func(fyne.Shortcut) {
		if s.isShown() && s.detail.meeting.ID != 0 {
			s.detail.exportAgenda(false)
		}
	})
	c.AddShortcut(shortcutBundle, func(fyne.Shortcut) {
		if s.isShown() && s.detail.meeting.ID != 0 && c.Overlays().Top() == nil {
			showBundleDialog(s.sh, s.detail.meeting.ID)
		}
	})
}

// newMeeting opens the form for a new meeting, of the body the filter
// selects when it selects one.
func (s *meetingsScreen) newMeeting() *meetingForm {
	f := newMeetingForm(s, nil, false)
	if s.filter.BodyID != 0 {
		f.selectBody(s.filter.BodyID)
	}
	f.show()
	return f
}

// dropped attaches files dropped on the window to the selected agenda item.
// Dropped on another screen, they are not lost without a word: the message
// says where to drop them.
func (s *meetingsScreen) dropped(_ fyne.Position, uris []fyne.URI) {
	if !s.root.Visible() {
		dialog.ShowInformation(i18n.T("ui.stukken.title"), i18n.T("ui.stukken.dropelsewhere"), s.sh.Window)
		return
	}
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) == 0 {
		return
	}
	s.detail.agenda.stukken.attachDropped(paths)
}

// meetingListRow is one meeting in the list: a bar in the partnership's
// colour, date and time with the status on the right, the body, and the
// partnership and number of agenda items. Lines too long for the pane end
// in an ellipsis rather than running under the status.
type meetingListRow struct {
	widget.BaseWidget
	bar                         *canvas.Rectangle
	when, status, body, details *canvas.Text
	full                        [4]string // when, status, body, details before truncation
}

func newMeetingListRow() *meetingListRow {
	r := &meetingListRow{
		bar:     canvas.NewRectangle(color.Transparent),
		when:    canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		status:  canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		body:    canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		details: canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder)),
	}
	r.bar.CornerRadius = 2
	r.when.TextStyle.Bold = true
	r.status.TextSize = theme.CaptionTextSize()
	r.status.Alignment = fyne.TextAlignTrailing
	r.details.TextSize = theme.CaptionTextSize()
	r.ExtendBaseWidget(r)
	return r
}

func (r *meetingListRow) set(m meetingRow) {
	r.bar.FillColor = m.Color
	if m.Color == nil {
		r.bar.FillColor = theme.Color(theme.ColorNameDisabled)
	}
	detail := m.Partnership
	if m.Items > 0 {
		detail += " · " + i18n.T("ui.meetings.items", m.Items)
	}
	r.full = [4]string{m.Date + "  " + m.Time, m.Status, m.Body, detail}
	fg := theme.Color(theme.ColorNameForeground)
	r.when.Color, r.body.Color, r.details.Color = fg, fg, theme.Color(theme.ColorNamePlaceHolder)
	r.body.TextStyle.Italic = m.Cancelled
	if m.Cancelled {
		r.when.Color, r.body.Color = theme.Color(theme.ColorNameDisabled), theme.Color(theme.ColorNameDisabled)
	}
	r.status.Color = meetingStatusColor(m)
	r.Refresh()
}

// meetingStatusColor colours a meeting status: cancelled in red, sent (agenda
// out) in green, held as done.
func meetingStatusColor(m meetingRow) color.Color {
	switch {
	case m.Cancelled:
		return theme.Color(theme.ColorNameError)
	case m.Status == domain.StatusVerzonden.Label():
		return theme.Color(theme.ColorNameSuccess)
	case m.Status == domain.StatusGehouden.Label():
		return theme.Color(theme.ColorNamePlaceHolder)
	}
	return theme.Color(theme.ColorNameForeground)
}

func (r *meetingListRow) CreateRenderer() fyne.WidgetRenderer {
	return &meetingListRowRenderer{r: r, objs: []fyne.CanvasObject{r.bar, r.when, r.status, r.body, r.details}}
}

type meetingListRowRenderer struct {
	r    *meetingListRow
	objs []fyne.CanvasObject
}

func (rr *meetingListRowRenderer) Destroy()                     {}
func (rr *meetingListRowRenderer) Objects() []fyne.CanvasObject { return rr.objs }
func (rr *meetingListRowRenderer) Refresh() {
	rr.Layout(rr.r.Size())
	for _, o := range rr.objs {
		o.Refresh()
	}
}

func (rr *meetingListRowRenderer) MinSize() fyne.Size {
	r := rr.r
	h := meetingRowTextHeight(r.when) + meetingRowTextHeight(r.body) + meetingRowTextHeight(r.details)
	return fyne.NewSize(120, h+theme.Padding()*3)
}

func (rr *meetingListRowRenderer) Layout(size fyne.Size) {
	r, pad := rr.r, theme.Padding()
	r.bar.Move(fyne.NewPos(pad, pad))
	r.bar.Resize(fyne.NewSize(5, size.Height-2*pad))
	x := pad*3 + 5
	w := size.Width - x - pad
	r.status.Text = r.full[1]
	sw := fyne.MeasureText(r.status.Text, r.status.TextSize, r.status.TextStyle).Width
	y := pad
	h := meetingRowTextHeight(r.when)
	r.when.Text = ellipsizeToWidth(r.full[0], w-sw-pad, r.when.TextSize, r.when.TextStyle)
	r.when.Move(fyne.NewPos(x, y))
	r.when.Resize(fyne.NewSize(w-sw-pad, h))
	r.status.Move(fyne.NewPos(x+w-sw, y))
	r.status.Resize(fyne.NewSize(sw, h))
	y += h
	for i, t := range []*canvas.Text{r.body, r.details} {
		t.Text = ellipsizeToWidth(r.full[2+i], w, t.TextSize, t.TextStyle)
		t.Move(fyne.NewPos(x, y))
		th := meetingRowTextHeight(t)
		t.Resize(fyne.NewSize(w, th))
		y += th
	}
}

func meetingRowTextHeight(t *canvas.Text) float32 {
	return fyne.MeasureText("Ag", t.TextSize, t.TextStyle).Height
}

// ellipsizeToWidth shortens s with "…" until it fits width.
func ellipsizeToWidth(s string, width, size float32, style fyne.TextStyle) string {
	if width <= 0 || fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	rs := []rune(s)
	lo, hi := 0, len(rs)
	for lo < hi { // the longest prefix that fits with the ellipsis
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(rs[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(rs[:lo]) + "…"
}
