package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
	"github.com/overlegplanner/overlegplanner/store"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// meetingDetail is the right-hand pane of the meetings screen: the selected
// meeting's particulars and actions, its agenda and its deadline chain.
type meetingDetail struct {
	s *meetingsScreen
	// meeting is the shown meeting as the store holds it, with its agenda;
	// ID 0 when none is shown.
	meeting domain.Meeting

	title, when, where, meta, note *widget.Label
	links, warnings                *fyne.Container
	edit, move, cancel, restore    *widget.Button
	agendaPDF, more, send          *widget.Button
	tabs                           *container.AppTabs
	agendaTab, chainTab            *container.TabItem

	agenda *agendaEditor
	chain  *chainView
	// lastCancel is the cancellation dialog opened last.
	lastCancel *cancelForm

	empty, content fyne.CanvasObject
	root           *fyne.Container
}

func newMeetingDetail(s *meetingsScreen) *meetingDetail {
	d := &meetingDetail{s: s}
	d.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.title.SizeName = theme.SizeNameSubHeadingText
	d.title.Truncation = fyne.TextTruncateEllipsis
	d.when = widget.NewLabel("")
	d.where = widget.NewLabel("")
	d.where.Truncation = fyne.TextTruncateEllipsis
	d.meta = widget.NewLabel("")
	d.meta.SizeName = theme.SizeNameCaptionText
	d.note = widget.NewLabel("")
	d.note.Wrapping = fyne.TextWrapWord
	d.note.TextStyle.Italic = true
	d.links = container.NewHBox()
	d.warnings = components.NewWrapBox()

	d.edit = widget.NewButtonWithIcon(i18n.T("ui.meeting.edit"), theme.DocumentCreateIcon(), func() { d.openForm(false) })
	d.move = widget.NewButtonWithIcon(i18n.T("ui.meeting.move"), theme.CalendarIcon(), func() { d.openForm(true) })
	d.cancel = widget.NewButtonWithIcon(i18n.T("ui.meeting.cancel"), theme.CancelIcon(), func() { d.confirmCancel() })
	d.restore = widget.NewButtonWithIcon(i18n.T("ui.meeting.restore"), theme.ContentUndoIcon(), func() { d.openForm(false) })
	d.agendaPDF = widget.NewButtonWithIcon(i18n.T("ui.meeting.agendapdf"), theme.DocumentPrintIcon(), func() { d.exportAgenda(false) })
	d.agendaPDF.Importance = widget.HighImportance
	d.more = widget.NewButtonWithIcon(i18n.T("ui.meeting.moreexport"), theme.MenuDropDownIcon(), func() { d.showExportMenu() })
	d.more.IconPlacement = widget.ButtonIconTrailingText
	d.send = widget.NewButtonWithIcon(i18n.T("ui.meeting.send"), theme.MailSendIcon(), func() {
		if d.meeting.ID != 0 {
			showSendDialog(d.s.sh, d.meeting.ID)
		}
	})

	d.agenda = newAgendaEditor(s)
	d.chain = newChainView(s)
	d.agendaTab = container.NewTabItemWithIcon(i18n.T("ui.meeting.tab.agenda"), theme.ListIcon(), d.agenda.root)
	d.chainTab = container.NewTabItemWithIcon(i18n.T("ui.meeting.tab.deadlines"), theme.HistoryIcon(), d.chain.root)
	d.tabs = container.NewAppTabs(d.agendaTab, d.chainTab)

	actions := container.NewBorder(nil, nil,
		container.NewHBox(d.edit, d.move, d.cancel, d.restore),
		container.NewHBox(d.send, d.more, d.agendaPDF))
	// The particulars sit close together, as one block under the title;
	// links, warnings and the note only take room when there are any.
	facts := container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()), d.title, d.when, d.where, d.meta)
	header := container.NewVBox(facts, d.links, d.warnings, d.note, actions)
	d.content = container.NewBorder(header, nil, nil, nil, d.tabs)

	// A wrapping label in a centring box gets the box's minimum width and
	// stands one letter per line; the hint is one sentence, so it does
	// not wrap, and the icon is drawn large above it.
	hint := widget.NewLabel(i18n.T("ui.meeting.none"))
	hint.Alignment = fyne.TextAlignCenter
	hint.Importance = widget.LowImportance
	icon := widget.NewIcon(theme.NewDisabledResource(theme.CalendarIcon()))
	d.empty = container.NewCenter(container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSize(64, 64), icon)), hint))
	d.root = container.NewStack(d.empty, d.content)
	d.content.Hide()
	return d
}

// show loads meeting id with its agenda from the store and shows it; 0 or
// a meeting that no longer exists shows the hint.
func (d *meetingDetail) show(id int64) {
	if id == 0 {
		d.clear()
		return
	}
	m, err := d.s.sh.State.Store.Meeting(context.Background(), id)
	if err != nil {
		d.clear()
		if !errors.Is(err, store.ErrNotFound) {
			ShowError(d.s.sh.Window, err)
		}
		return
	}
	d.meeting = m
	d.fill()
	d.empty.Hide()
	d.content.Show()
	d.agenda.setMeeting(m)
	d.chain.setMeeting(m)
	d.chainTab.Text = i18n.T("ui.meeting.tab.deadlines")
	if worst := d.chain.worst; worst != domain.DeadlineOK && worst != "" {
		d.chainTab.Text += " (" + worst.Label() + ")"
	}
	d.agendaTab.Text = i18n.T("ui.meeting.tab.agendacount", len(m.Items))
	d.tabs.Refresh()
}

func (d *meetingDetail) clear() {
	d.meeting = domain.Meeting{}
	d.content.Hide()
	d.empty.Show()
	d.agenda.setMeeting(domain.Meeting{})
}

// fill writes the header from d.meeting and the snapshot.
func (d *meetingDetail) fill() {
	st := d.s.sh.State
	_, ix := st.Data()
	m := &d.meeting
	ams := domain.Amsterdam()
	body := ix.Bodies[m.BodyID]
	title, partnership := "", ""
	if body != nil {
		title = body.Name
		if p := ix.Partnerships[body.PartnershipID]; p != nil {
			partnership = p.Name
		}
	}
	d.title.SetText(title)
	d.when.SetText(i18n.T("ui.meeting.when", i18n.LongDate(m.Date()), i18n.Clock(m.Start.In(ams)), i18n.Clock(m.End.In(ams))))
	where := m.Location
	if m.OnlineURL != "" {
		if where != "" {
			where += " · "
		}
		where += m.OnlineURL
	}
	if where == "" {
		where = i18n.T("ui.meeting.nolocation")
	}
	d.where.SetText(where)
	d.meta.SetText(i18n.T("ui.meeting.meta", m.Status.Label(), partnership, m.Sequence))

	d.links.Objects = nil
	if prep := ix.Meetings[m.PreparedByMeetingID]; prep != nil {
		d.links.Add(d.meetingLink("ui.meeting.preparedby", prep))
	}
	for i := range st.Planner().Dataset().Meetings {
		o := &st.Planner().Dataset().Meetings[i]
		if o.PreparedByMeetingID == m.ID && !o.IsCancelled() {
			d.links.Add(d.meetingLink("ui.meeting.prepares", o))
		}
	}
	d.links.Refresh()
	if len(d.links.Objects) == 0 {
		d.links.Hide()
	} else {
		d.links.Show()
	}

	d.warnings.Objects = nil
	if m.IsCancelled() {
		l := widget.NewLabelWithStyle(i18n.T("ui.meeting.cancelled"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Importance = widget.DangerImportance
		d.warnings.Add(l)
	} else if snap := ix.Meetings[m.ID]; snap != nil {
		for _, c := range st.Planner().ConflictsFor(snap, nil) {
			d.warnings.Add(meetingWarningLine(planning.Render(c.Message, i18n.Current())))
		}
	}
	d.warnings.Refresh()
	if len(d.warnings.Objects) == 0 {
		d.warnings.Hide()
	} else {
		d.warnings.Show()
	}
	d.note.SetText(m.Note)
	if m.Note == "" {
		d.note.Hide()
	} else {
		d.note.Show()
	}
	if m.IsCancelled() {
		d.edit.Hide()
		d.move.Hide()
		d.cancel.Hide()
		d.restore.Show()
	} else {
		d.edit.Show()
		d.move.Show()
		d.cancel.Show()
		d.restore.Hide()
	}
}

// meetingLink is a button that opens another meeting ("Voorbereid in: AO
// Jeugd Zeeland, di 8-12-2026").
func (d *meetingDetail) meetingLink(key string, o *domain.Meeting) fyne.CanvasObject {
	_, ix := d.s.sh.State.Data()
	name := ""
	if b := ix.Bodies[o.BodyID]; b != nil {
		name = b.Name
	}
	id := o.ID
	b := widget.NewButtonWithIcon(i18n.T(key, name, i18n.ShortDate(o.Date())), theme.NavigateNextIcon(), func() { d.s.open(id) })
	b.Importance = widget.LowImportance
	return b
}

// meetingWarningLine is a conflict or problem under the header, with a warning icon.
func meetingWarningLine(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	return container.NewBorder(nil, nil, widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon())), nil, l)
}

// openForm opens the meeting form on the shown meeting; move puts the
// cursor in the date, which is what "Verplaatsen" is for.
func (d *meetingDetail) openForm(move bool) *meetingForm {
	if d.meeting.ID == 0 {
		return nil
	}
	m := d.meeting
	f := newMeetingForm(d.s, &m, move)
	f.show()
	return f
}

// exportAgenda saves the agenda of the shown meeting (Ctrl+E).
func (d *meetingDetail) exportAgenda(public bool) {
	if d.meeting.ID == 0 {
		return
	}
	exporter{d.s.sh}.save(agendaExport(d.s.sh.State, d.meeting.ID, public))
}

// showExportMenu offers every document of the shown meeting.
func (d *meetingDetail) showExportMenu() {
	if d.meeting.ID == 0 {
		return
	}
	st, id, x := d.s.sh.State, d.meeting.ID, exporter{d.s.sh}
	items := []*fyne.MenuItem{
		fyne.NewMenuItem(i18n.T("ui.export.agenda.full"), func() { x.save(agendaExport(st, id, false)) }),
		fyne.NewMenuItem(i18n.T("ui.export.agenda.public"), func() { x.save(agendaExport(st, id, true)) }),
		fyne.NewMenuItem(i18n.T("ui.bundle.menu"), func() { showBundleDialog(d.s.sh, id) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(i18n.T("ui.export.decisions.draft"), func() { x.save(decisionListExport(st, id, true)) }),
		fyne.NewMenuItem(i18n.T("ui.export.decisions.final"), func() { x.save(decisionListExport(st, id, false)) }),
		fyne.NewMenuItemSeparator(),
	}
	if d.meeting.IsCancelled() {
		items = append(items, fyne.NewMenuItem(i18n.T("ui.export.cancel"), func() { x.save(inviteExport(st, id)) }))
	} else {
		items = append(items, fyne.NewMenuItem(i18n.T("ui.export.invite"), func() { x.save(inviteExport(st, id)) }))
	}
	items = append(items, fyne.NewMenuItem(i18n.T("ui.export.feed.body"), func() {
		x.save(feedExport(st, feedScopeBody(d.meeting.BodyID)))
	}))
	menu := fyne.NewMenu("", items...)
	c := d.s.sh.Window.Canvas()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.more).Add(fyne.NewPos(0, d.more.Size().Height))
	widget.ShowPopUpMenuAtPosition(menu, c, pos)
}

// chainView lists the deadline chain of a meeting, each step with its date,
// who must act, the working days it leaves and, when it is tight or
// impossible, why. A chain has a few dozen steps at most (two per member
// gemeente), so the rows are plain widgets in a scroll rather than a list:
// the reasons wrap and rows differ in height.
type chainView struct {
	s       *meetingsScreen
	summary *widget.Label
	box     *fyne.Container
	rows    []planning.Step
	worst   domain.DeadlineStatus
	root    fyne.CanvasObject
}

func newChainView(s *meetingsScreen) *chainView {
	v := &chainView{s: s}
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.box = components.NewWrapBox()
	v.root = container.NewBorder(v.summary, nil, nil, nil, container.NewVScroll(v.box))
	return v
}

// setMeeting computes the chain of m with the Planner.
func (v *chainView) setMeeting(m domain.Meeting) {
	v.rows, v.worst = nil, ""
	defer v.fill()
	if m.ID == 0 {
		return
	}
	if m.IsCancelled() {
		v.summary.SetText(i18n.T("ui.chain.cancelled"))
		return
	}
	r, err := v.s.sh.State.Planner().Chain(m.ID)
	if err != nil {
		v.summary.SetText(i18n.UserMessage(err))
		return
	}
	v.rows = append(v.rows, r.Steps...)
	v.worst = domain.DeadlineOK
	krap, onhaalbaar := 0, 0
	for _, s := range r.Steps {
		switch s.Status {
		case domain.DeadlineKrap:
			krap++
		case domain.DeadlineOnhaalbaar:
			onhaalbaar++
		}
	}
	switch {
	case onhaalbaar > 0:
		v.worst = domain.DeadlineOnhaalbaar
	case krap > 0:
		v.worst = domain.DeadlineKrap
	}
	text := i18n.T("ui.chain.summary", len(r.Steps), krap, onhaalbaar)
	if len(r.Steps) == 0 {
		text = i18n.T("ui.chain.empty")
	}
	for _, sk := range r.Skipped {
		text += "\n" + planning.Render(sk.Reason, i18n.Current())
	}
	v.summary.SetText(text)
}

func (v *chainView) fill() {
	objs := make([]fyne.CanvasObject, 0, len(v.rows))
	for _, s := range v.rows {
		objs = append(objs, meetingChainRow(s))
	}
	v.box.Objects = objs
	v.box.Refresh()
}

// meetingChainRow is one step: its status icon, date and name, the working days it
// leaves on the right, who must act below, and why when it is not ok.
func meetingChainRow(s planning.Step) fyne.CanvasObject {
	due := widget.NewLabelWithStyle(i18n.ShortDate(s.Due), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name := widget.NewLabel(s.Name)
	name.Truncation = fyne.TextTruncateEllipsis
	slack := widget.NewLabel("")
	switch {
	case !s.HasSlack():
	case s.Slack == 1 || s.Slack == -1:
		slack.SetText(i18n.T("ui.chain.slack.one", s.Slack))
	default:
		slack.SetText(i18n.T("ui.chain.slack", s.Slack))
	}
	slack.Importance = chainStatusImportance(s.Status)
	who := s.Audience.Label()
	if s.Municipality != "" {
		who += " · " + s.Municipality
	}
	whoL := widget.NewLabel(who)
	whoL.SizeName = theme.SizeNameCaptionText
	lines := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()),
		container.NewBorder(nil, nil, due, slack, name), whoL)
	if s.Status != domain.DeadlineOK && !s.Reason.IsZero() {
		reason := widget.NewLabel(planning.Render(s.Reason, i18n.Current()))
		reason.Wrapping = fyne.TextWrapWord
		reason.SizeName = theme.SizeNameCaptionText
		reason.Importance = chainStatusImportance(s.Status)
		lines.Add(reason)
	}
	return container.NewBorder(nil, nil, container.NewPadded(widget.NewIcon(chainStatusIcon(s.Status))), nil, lines)
}

// chainStatusImportance colours a deadline status: ok green, krap orange,
// onhaalbaar red.
func chainStatusImportance(s domain.DeadlineStatus) widget.Importance {
	switch s {
	case domain.DeadlineKrap:
		return widget.WarningImportance
	case domain.DeadlineOnhaalbaar:
		return widget.DangerImportance
	}
	return widget.SuccessImportance
}

// chainStatusIcon is the icon of a deadline status, in its colour.
func chainStatusIcon(s domain.DeadlineStatus) fyne.Resource {
	switch s {
	case domain.DeadlineKrap:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	case domain.DeadlineOnhaalbaar:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	}
	return theme.NewSuccessThemedResource(theme.ConfirmIcon())
}
