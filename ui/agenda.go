package ui

import (
	"context"
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// agendaEditor is the agenda of the shown meeting: the numbered items with
// kind, portefeuillehouder, the state of their stukken and a lock for
// confidential ones; buttons (and dragging by the handle) to add, edit,
// reorder and remove items; and below, for the selected item, its stukken,
// its adviesronde and its proposal and decision.
type agendaEditor struct {
	s       *meetingsScreen
	meeting domain.Meeting
	// due is the meeting's "definitieve stukken aanleveren" date, which
	// decides whether a stuk is on time; zero when the chain has none.
	due date.Date

	list       *widget.List
	selectedID int64
	selecting  bool

	add, edit, up, down, remove, more *widget.Button
	dragHint                          *widget.Label

	tabs                               *container.AppTabs
	stukkenTab, adviceTab, proposalTab *container.TabItem

	// lastItemForm is the item form opened last, so that tests can fill it
	// in as a user would.
	lastItemForm *itemForm
	stukken      *stukkenPane
	advice       *advicePane
	proposal     *proposalView
	lower        *fyne.Container
	noItem       fyne.CanvasObject

	root fyne.CanvasObject
}

func newAgendaEditor(s *meetingsScreen) *agendaEditor {
	a := &agendaEditor{s: s}
	a.list = widget.NewList(
		func() int { return len(a.meeting.Items) },
		func() fyne.CanvasObject { return newAgendaItemRow(a) },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*agendaItemRow).set(id, a.meeting.Items[id]) })
	a.list.OnSelected = func(id widget.ListItemID) {
		if id < 0 || id >= len(a.meeting.Items) {
			return
		}
		a.selectedID = a.meeting.Items[id].ID
		if !a.selecting {
			a.showItem()
		}
	}
	a.list.OnUnselected = func(widget.ListItemID) {
		if !a.selecting {
			a.selectedID = 0
			a.showItem()
		}
	}

	a.add = widget.NewButtonWithIcon(i18n.T("ui.agenda.add"), theme.ContentAddIcon(), func() { a.openItemForm(nil) })
	a.edit = widget.NewButtonWithIcon(i18n.T("ui.agenda.edit"), theme.DocumentCreateIcon(), func() {
		if it := a.selected(); it != nil {
			a.openItemForm(it)
		}
	})
	a.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { a.moveSelected(-1) })
	a.down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { a.moveSelected(1) })
	a.remove = widget.NewButtonWithIcon(i18n.T("ui.agenda.remove"), theme.DeleteIcon(), func() { a.confirmRemove() })
	a.more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), func() { a.showMoreMenu() })
	a.dragHint = widget.NewLabel("")
	a.dragHint.SizeName = theme.SizeNameCaptionText
	a.dragHint.Importance = widget.LowImportance

	a.stukken = newStukkenPane(a)
	a.advice = newAdvicePane(a)
	a.proposal = newProposalView(a)
	a.stukkenTab = container.NewTabItemWithIcon(i18n.T("ui.agenda.tab.stukken"), theme.MailAttachmentIcon(), a.stukken.root)
	a.adviceTab = container.NewTabItemWithIcon(i18n.T("ui.agenda.tab.advice"), theme.MailReplyAllIcon(), a.advice.root)
	a.proposalTab = container.NewTabItemWithIcon(i18n.T("ui.agenda.tab.proposal"), theme.DocumentIcon(), a.proposal.root)
	a.tabs = container.NewAppTabs(a.stukkenTab, a.adviceTab, a.proposalTab)
	hint := widget.NewLabel(i18n.T("ui.agenda.noitem"))
	hint.Alignment = fyne.TextAlignCenter
	hint.Wrapping = fyne.TextWrapWord
	a.noItem = container.NewCenter(hint)
	a.lower = container.NewStack(a.noItem, a.tabs)
	a.tabs.Hide()

	toolbar := container.NewBorder(nil, nil, container.NewHBox(a.add, a.edit, a.up, a.down, a.remove), a.more, a.dragHint)
	split := container.NewVSplit(container.NewBorder(toolbar, nil, nil, nil, a.list), a.lower)
	// The agenda itself gets the larger part: a PHO has eight to twelve
	// items, and the panes below scroll.
	split.Offset = 0.58
	a.root = split
	a.updateButtons()
	return a
}

// setMeeting shows the agenda of m, keeping the selected item when it is
// still there.
func (a *agendaEditor) setMeeting(m domain.Meeting) {
	a.meeting = m
	a.due = 0
	if m.ID != 0 && !m.IsCancelled() {
		a.due = stukkenDue(a.s.sh.State, m.ID)
	}
	a.list.Refresh()
	idx := -1
	for i, it := range m.Items {
		if it.ID == a.selectedID {
			idx = i
		}
	}
	a.selecting = true
	if idx >= 0 {
		a.list.Select(idx)
	} else {
		a.selectedID = 0
		a.list.UnselectAll()
	}
	a.selecting = false
	a.showItem()
}

// stukkenDue is the date by which the stukken of meeting id must be in:
// its "definitieve stukken aanleveren" step for the whole body.
func stukkenDue(st *State, id int64) date.Date {
	ds, err := st.Planner().Deadlines(id)
	if err != nil {
		return 0
	}
	for _, d := range ds {
		if d.Kind == domain.KindAanleveren && d.MunicipalityID == 0 {
			return d.Due
		}
	}
	return 0
}

// selected returns the selected item, or nil.
func (a *agendaEditor) selected() *domain.AgendaItem {
	for i := range a.meeting.Items {
		if a.meeting.Items[i].ID == a.selectedID && a.selectedID != 0 {
			return &a.meeting.Items[i]
		}
	}
	return nil
}

func (a *agendaEditor) selectedIndex() int {
	for i, it := range a.meeting.Items {
		if it.ID == a.selectedID && a.selectedID != 0 {
			return i
		}
	}
	return -1
}

// showItem fills the lower panes with the selected item.
func (a *agendaEditor) showItem() {
	it := a.selected()
	a.updateButtons()
	if it == nil {
		a.tabs.Hide()
		a.noItem.Show()
		a.stukken.setItem(nil)
		a.advice.setItem(nil)
		return
	}
	a.noItem.Hide()
	a.tabs.Show()
	a.stukken.setItem(it)
	a.advice.setItem(it)
	a.proposal.setItem(it)
	a.stukkenTab.Text = i18n.T("ui.agenda.tab.stukkencount", len(it.Documents))
	a.adviceTab.Text = i18n.T("ui.agenda.tab.advicecount", len(it.Advice), len(a.advice.members))
	a.tabs.Refresh()
}

func (a *agendaEditor) updateButtons() {
	open := a.meeting.ID != 0
	idx := a.selectedIndex()
	meetingSetEnabled(a.add, open)
	meetingSetEnabled(a.more, open)
	meetingSetEnabled(a.edit, idx >= 0)
	meetingSetEnabled(a.remove, idx >= 0)
	meetingSetEnabled(a.up, idx > 0)
	meetingSetEnabled(a.down, idx >= 0 && idx < len(a.meeting.Items)-1)
}

func meetingSetEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// reloadAndSelect reloads the snapshot (which redraws the meeting) and
// selects item id.
func (a *agendaEditor) reloadAndSelect(id int64) {
	a.selectedID = id
	if err := a.s.sh.State.Reload(context.Background()); err != nil {
		ShowError(a.s.sh.Window, err)
	}
}

// moveSelected moves the selected item delta places up (negative) or down.
func (a *agendaEditor) moveSelected(delta int) {
	idx := a.selectedIndex()
	if idx < 0 {
		return
	}
	a.moveItem(idx, idx+delta)
}

// moveItem puts the item at index from at index to and stores the order.
func (a *agendaEditor) moveItem(from, to int) {
	n := len(a.meeting.Items)
	if from < 0 || from >= n {
		return
	}
	to = max(0, min(n-1, to))
	if to == from {
		return
	}
	ids := make([]int64, 0, n)
	for _, it := range a.meeting.Items {
		ids = append(ids, it.ID)
	}
	moved := ids[from]
	ids = append(ids[:from], ids[from+1:]...)
	ids = append(ids[:to], append([]int64{moved}, ids[to:]...)...)
	if err := a.s.sh.State.Store.ReorderItems(context.Background(), a.meeting.ID, ids); err != nil {
		ShowError(a.s.sh.Window, err)
		return
	}
	a.reloadAndSelect(moved)
}

// confirmRemove asks before removing the selected item with its stukken
// and advice.
func (a *agendaEditor) confirmRemove() {
	it := a.selected()
	if it == nil {
		return
	}
	id, title := it.ID, it.Title
	msg := i18n.T("ui.agenda.remove.question", title)
	if len(it.Documents) > 0 || len(it.Advice) > 0 {
		msg += "\n" + i18n.T("ui.agenda.remove.with", len(it.Documents), len(it.Advice))
	}
	d := dialog.NewConfirm(i18n.T("ui.agenda.remove.title"), msg, func(ok bool) {
		if ok {
			a.removeItem(id)
		}
	}, a.s.sh.Window)
	d.SetConfirmText(i18n.T("ui.agenda.remove.confirm"))
	d.SetDismissText(i18n.T("ui.meeting.form.cancel"))
	d.Show()
}

func (a *agendaEditor) removeItem(id int64) {
	if err := a.s.sh.State.Store.DeleteItem(context.Background(), id); err != nil {
		ShowError(a.s.sh.Window, err)
		return
	}
	a.reloadAndSelect(0)
}

// showMoreMenu offers the agenda actions that work on several items.
func (a *agendaEditor) showMoreMenu() {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(a.more).Add(fyne.NewPos(0, a.more.Size().Height))
	widget.ShowPopUpMenuAtPosition(a.moreMenu(), a.s.sh.Window.Canvas(), pos)
}

// moreMenu is the "⋯" menu: standing items, carry over, and the agenda
// as CSV (ui/agendacsv.go).
func (a *agendaEditor) moreMenu() *fyne.Menu {
	return fyne.NewMenu("",
		fyne.NewMenuItem(i18n.T("ui.agenda.standing"), func() { a.applyStanding() }),
		fyne.NewMenuItem(i18n.T("ui.agenda.carry"), func() { a.carryOver() }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(i18n.T("ui.agendacsv.import"), func() { a.importCSV() }),
		fyne.NewMenuItem(i18n.T("ui.agendacsv.export"), func() { a.exportCSV() }))
}

// applyStanding adds the body's standing items that the agenda lacks.
func (a *agendaEditor) applyStanding() {
	added, err := a.s.sh.State.Store.ApplyStandingItems(context.Background(), a.meeting.ID)
	if err != nil {
		ShowError(a.s.sh.Window, err)
		return
	}
	a.reloadAndSelect(a.selectedID)
	msg := i18n.T("ui.agenda.standing.none")
	if len(added) > 0 {
		msg = i18n.T("ui.agenda.standing.added", len(added))
	}
	dialog.ShowInformation(i18n.T("ui.agenda.standing"), msg, a.s.sh.Window)
}

// carryOver copies the open items of the body's previous meeting.
func (a *agendaEditor) carryOver() {
	ctx := context.Background()
	st := a.s.sh.State
	prev, err := st.Store.PreviousMeeting(ctx, a.meeting.ID)
	if errors.Is(err, store.ErrNotFound) {
		dialog.ShowInformation(i18n.T("ui.agenda.carry"), i18n.T("ui.agenda.carry.noprevious"), a.s.sh.Window)
		return
	}
	if err != nil {
		ShowError(a.s.sh.Window, err)
		return
	}
	added, err := st.Store.CopyOpenItems(ctx, prev.ID, a.meeting.ID)
	if err != nil {
		ShowError(a.s.sh.Window, err)
		return
	}
	a.reloadAndSelect(a.selectedID)
	msg := i18n.T("ui.agenda.carry.none", i18n.ShortDate(prev.Date()))
	if len(added) > 0 {
		msg = i18n.T("ui.agenda.carry.added", len(added), i18n.ShortDate(prev.Date()))
	}
	dialog.ShowInformation(i18n.T("ui.agenda.carry"), msg, a.s.sh.Window)
}

// dragTo reports, while an item is dragged by its handle, where it would go.
func (a *agendaEditor) dragTo(from int, dy float32) {
	to := a.dragTarget(from, dy)
	if to == from {
		a.dragHint.SetText(i18n.T("ui.agenda.drag.stay"))
	} else {
		a.dragHint.SetText(i18n.T("ui.agenda.drag.to", to+1))
	}
}

// dragEnd moves the dragged item where it was let go.
func (a *agendaEditor) dragEnd(from int, dy float32) {
	a.dragHint.SetText("")
	if to := a.dragTarget(from, dy); to != from {
		a.moveItem(from, to)
	}
}

// dragTarget converts a vertical drag distance into the index the item
// lands on: rows are laid out one item height plus padding apart.
func (a *agendaEditor) dragTarget(from int, dy float32) int {
	pitch := newAgendaItemRow(a).MinSize().Height + theme.Padding()
	to := from + int(math.Round(float64(dy/pitch)))
	return max(0, min(len(a.meeting.Items)-1, to))
}

// agendaItemRow is one item in the agenda list: a drag handle, the
// number, title, kind and portefeuillehouder, an icon per stuk in the
// colour of its state, and a lock when the item is confidential.
type agendaItemRow struct {
	widget.BaseWidget
	a      *agendaEditor
	index  int
	handle *dragHandle
	num    *widget.Label
	title  *widget.Label
	kind   *widget.Label
	ph     *widget.Label
	docs   *fyne.Container
	lock   *widget.Icon
}

func newAgendaItemRow(a *agendaEditor) *agendaItemRow {
	r := &agendaItemRow{a: a,
		num:   widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		title: widget.NewLabel(""),
		kind:  widget.NewLabel(""),
		ph:    widget.NewLabel(""),
		docs:  container.NewHBox(),
		lock:  widget.NewIcon(components.ConfidentialIcon()),
	}
	r.handle = newDragHandle(r)
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.kind.Truncation = fyne.TextTruncateEllipsis
	r.kind.SizeName = theme.SizeNameCaptionText
	r.ph.Truncation = fyne.TextTruncateEllipsis
	r.ph.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

func (r *agendaItemRow) set(index int, it domain.AgendaItem) {
	r.index = index
	r.num.SetText(itoaDot(it.Position))
	r.title.SetText(it.Title)
	r.kind.SetText(it.Kind.Label())
	_, ix := r.a.s.sh.State.Data()
	r.ph.SetText(ix.PersonName(it.PortefeuillehouderID))
	today := r.a.s.sh.State.Today()
	const maxIcons = 4
	var icons []fyne.CanvasObject
	for i, d := range it.Documents {
		if i == maxIcons {
			more := widget.NewLabel("+" + strconv.Itoa(len(it.Documents)-maxIcons))
			more.SizeName = theme.SizeNameCaptionText
			icons = append(icons, more)
			break
		}
		icons = append(icons, widget.NewIcon(docStatusIcon(d.Status(r.a.due, today))))
	}
	r.docs.Objects = icons
	r.docs.Refresh()
	// Hidden rather than without a resource: the row keeps its column,
	// and an icon without an image is not drawn by every renderer.
	if it.Confidential {
		r.lock.Show()
	} else {
		r.lock.Hide()
	}
}

func itoaDot(n int) string { return strconv.Itoa(n) + "." }

func (r *agendaItemRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(&agendaRowLayout{},
		r.handle, r.num, r.title, r.kind, r.ph, r.docs, r.lock))
}

// agendaRowLayout lays the row out in fixed columns, the title taking the
// room that is left, so that the columns of all rows line up.
type agendaRowLayout struct{}

// agendaRowWidths are the widths of the columns; 0 is the flexible title.
var agendaRowWidths = []float32{24, 38, 0, 172, 150, 80, 24}

// agendaRowDocs is the column of the stuk icons.
const agendaRowDocs = 5

func (agendaRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		ms := o.MinSize()
		h = max(h, ms.Height)
		if agendaRowWidths[i] > 0 {
			w += agendaRowWidths[i]
		} else {
			w += 120
		}
	}
	return fyne.NewSize(w, h)
}

func (agendaRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var fixed float32
	for _, w := range agendaRowWidths {
		fixed += w
	}
	flex := max(60, size.Width-fixed)
	var x float32
	for i, o := range objs {
		w := agendaRowWidths[i]
		if w == 0 {
			w = flex
		}
		h := o.MinSize().Height
		if i == agendaRowDocs {
			// The stuk icons change after the row was laid out; a box
			// sized to its content then would keep a height of 0 and
			// lay the new icons out invisibly.
			h = size.Height
		}
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w
	}
}

// dragHandle is the grip at the start of an agenda row: dragging it up or
// down moves the item.
type dragHandle struct {
	widget.Icon
	row *agendaItemRow
	dy  float32
}

func newDragHandle(row *agendaItemRow) *dragHandle {
	h := &dragHandle{row: row}
	h.Resource = theme.MenuIcon()
	h.ExtendBaseWidget(h)
	return h
}

// Dragged follows the pointer.
func (h *dragHandle) Dragged(e *fyne.DragEvent) {
	h.dy += e.Dragged.DY
	h.row.a.dragTo(h.row.index, h.dy)
}

// DragEnd moves the item where it was let go.
func (h *dragHandle) DragEnd() {
	dy := h.dy
	h.dy = 0
	h.row.a.dragEnd(h.row.index, dy)
}

// Cursor shows that the grip moves up and down.
func (h *dragHandle) Cursor() desktop.Cursor { return desktop.VResizeCursor }

// proposalView shows the selected item's particulars: kind, who brings it
// in and wrote it, the proposal, and after the meeting the decision and
// its motivation.
type proposalView struct {
	a                                                       *agendaEditor
	form                                                    *widget.Form
	kind, ph, steller, conf, proposal, decision, motivation *widget.Label
	root                                                    fyne.CanvasObject
}

func newProposalView(a *agendaEditor) *proposalView {
	v := &proposalView{a: a}
	mk := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	v.kind, v.ph, v.steller, v.conf = mk(), mk(), mk(), mk()
	v.proposal, v.decision, v.motivation = mk(), mk(), mk()
	v.form = widget.NewForm(
		widget.NewFormItem(i18n.T("ui.agenda.field.kind"), v.kind),
		widget.NewFormItem(i18n.T("ui.agenda.field.ph"), v.ph),
		widget.NewFormItem(i18n.T("ui.agenda.field.steller"), v.steller),
		widget.NewFormItem(i18n.T("ui.agenda.field.confidential"), v.conf),
		widget.NewFormItem(i18n.T("ui.agenda.field.proposal"), v.proposal),
		widget.NewFormItem(i18n.T("ui.agenda.field.decision"), v.decision),
		widget.NewFormItem(i18n.T("ui.agenda.field.motivation"), v.motivation),
	)
	edit := widget.NewButtonWithIcon(i18n.T("ui.agenda.edit"), theme.DocumentCreateIcon(), func() {
		if it := a.selected(); it != nil {
			a.openItemForm(it)
		}
	})
	v.root = container.NewBorder(nil, container.NewHBox(edit), nil, nil, container.NewVScroll(v.form))
	return v
}

func (v *proposalView) setItem(it *domain.AgendaItem) {
	_, ix := v.a.s.sh.State.Data()
	dash := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return "—"
		}
		return s
	}
	v.kind.SetText(it.Kind.Label())
	v.ph.SetText(dash(ix.PersonName(it.PortefeuillehouderID)))
	v.steller.SetText(dash(ix.PersonName(it.StellerID)))
	v.conf.SetText(i18n.T("ui.agenda.no"))
	if it.Confidential {
		v.conf.SetText(i18n.T("ui.agenda.confidential.yes"))
	}
	v.proposal.SetText(dash(it.Proposal))
	v.decision.SetText(dash(it.Decision))
	v.motivation.SetText(dash(it.Motivation))
}

// itemForm adds or edits an agenda item.
type itemForm struct {
	a    *agendaEditor
	orig *domain.AgendaItem // nil for a new item

	title        *formEntry
	kinds        []domain.ItemKind
	kind         *widget.Select
	phIDs        []int64
	ph           *widget.Select
	stellerIDs   []int64
	steller      *widget.Select
	confidential *widget.Check
	proposal     *formEntry
	decision     *formEntry
	motivation   *formEntry
	errLabel     *widget.Label
	fd           *formDialog

	saved *domain.AgendaItem
}

// openItemForm opens the item form on orig (nil: a new item).
func (a *agendaEditor) openItemForm(orig *domain.AgendaItem) *itemForm {
	if a.meeting.ID == 0 {
		return nil
	}
	f := &itemForm{a: a, orig: orig}
	save := func() { f.fd.saveBtn.OnTapped() }
	f.title = newFormEntry(save)
	f.kinds = domain.ItemKinds()
	var kindNames []string
	for _, k := range f.kinds {
		kindNames = append(kindNames, k.Label())
	}
	f.kind = widget.NewSelect(kindNames, nil)
	bestuurders, ambtenaren := a.peopleOptions()
	var phNames, stellerNames []string
	phNames = append(phNames, i18n.T("ui.agenda.none"))
	for _, p := range bestuurders {
		phNames = append(phNames, p.label)
		f.phIDs = append(f.phIDs, p.id)
	}
	stellerNames = append(stellerNames, i18n.T("ui.agenda.none"))
	for _, p := range ambtenaren {
		stellerNames = append(stellerNames, p.label)
		f.stellerIDs = append(f.stellerIDs, p.id)
	}
	f.ph = widget.NewSelect(phNames, nil)
	f.steller = widget.NewSelect(stellerNames, nil)
	f.confidential = widget.NewCheck(i18n.T("ui.agenda.confidential.check"), nil)
	f.proposal = newFormMultiLine(save, 3)
	f.decision = newFormMultiLine(save, 2)
	f.motivation = newFormMultiLine(save, 2)
	f.errLabel = widget.NewLabel("")
	f.errLabel.Wrapping = fyne.TextWrapWord
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Hide()

	form := widget.NewForm(
		widget.NewFormItem(i18n.T("ui.agenda.field.title"), f.title),
		widget.NewFormItem(i18n.T("ui.agenda.field.kind"), f.kind),
		widget.NewFormItem(i18n.T("ui.agenda.field.ph"), f.ph),
		widget.NewFormItem(i18n.T("ui.agenda.field.steller"), f.steller),
		widget.NewFormItem("", f.confidential),
		widget.NewFormItem(i18n.T("ui.agenda.field.proposal"), f.proposal),
		widget.NewFormItem(i18n.T("ui.agenda.field.decision"), f.decision),
		widget.NewFormItem(i18n.T("ui.agenda.field.motivation"), f.motivation),
	)
	hint := widget.NewLabel(i18n.T("ui.agenda.confidential.hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText
	content := container.NewBorder(nil, container.NewVBox(hint, f.errLabel), nil, nil, container.NewVScroll(form))

	title := i18n.T("ui.agenda.form.new")
	if orig != nil {
		title = i18n.T("ui.agenda.form.edit", orig.Position)
		f.title.SetText(orig.Title)
		f.kind.SetSelected(orig.Kind.Label())
		f.selectPerson(f.ph, f.phIDs, orig.PortefeuillehouderID)
		f.selectPerson(f.steller, f.stellerIDs, orig.StellerID)
		f.confidential.SetChecked(orig.Confidential)
		f.proposal.SetText(orig.Proposal)
		f.decision.SetText(orig.Decision)
		f.motivation.SetText(orig.Motivation)
	} else {
		f.kind.SetSelected(domain.ItemBesluitvorming.Label())
		f.ph.SetSelectedIndex(0)
		f.steller.SetSelectedIndex(0)
	}
	f.fd = newFormDialog(a.s.sh.Window, title, i18n.T("ui.meeting.form.save"), content, f.save)
	f.fd.dlg.Resize(fyne.NewSize(720, 640))
	a.lastItemForm = f
	f.fd.dlg.Show()
	a.s.sh.Window.Canvas().Focus(f.title)
	return f
}

func (f *itemForm) selectPerson(sel *widget.Select, ids []int64, id int64) {
	sel.SetSelectedIndex(0)
	for i, x := range ids {
		if x == id {
			sel.SetSelectedIndex(i + 1)
		}
	}
}

// personOption is a person as a select offers them: "Naam (Gemeente)".
type personOption struct {
	id    int64
	label string
}

// peopleOptions returns who can bring in an item (the bestuurders of the
// member gemeenten on the meeting's date, and every bestuurder with a seat
// in the body) and who can write one (their ambtenaren and the
// secretariat), by name. People an item already names stay on offer.
func (a *agendaEditor) peopleOptions() (bestuurders, ambtenaren []personOption) {
	ds, ix := a.s.sh.State.Data()
	m := a.meeting
	d := m.Date()
	members := map[int64]bool{}
	seated := map[int64]bool{}
	if b := ix.Bodies[m.BodyID]; b != nil {
		for _, mun := range ix.MemberMunicipalities(b, d) {
			members[mun.ID] = true
		}
		for _, bm := range b.MembersOn(d) {
			seated[bm.PersonID] = true
		}
	}
	named := map[int64]bool{}
	for _, it := range m.Items {
		named[it.PortefeuillehouderID] = true
		named[it.StellerID] = true
	}
	label := func(p *domain.Person) personOption {
		if mun := ix.MunicipalityName(p.MunicipalityID); mun != "" {
			return personOption{p.ID, p.Name + " (" + mun + ")"}
		}
		return personOption{p.ID, p.Name}
	}
	for i := range ds.People {
		p := &ds.People[i]
		ofMember := members[p.MunicipalityID]
		switch p.Role {
		case domain.PersonBestuurder:
			if ofMember || seated[p.ID] || named[p.ID] {
				bestuurders = append(bestuurders, label(p))
			}
		case domain.PersonAmbtenaar:
			if ofMember || seated[p.ID] || named[p.ID] {
				ambtenaren = append(ambtenaren, label(p))
			}
		case domain.PersonSecretaris:
			ambtenaren = append(ambtenaren, label(p))
		}
	}
	byLabel := func(s []personOption) {
		sort.SliceStable(s, func(i, j int) bool { return s[i].label < s[j].label })
	}
	byLabel(bestuurders)
	byLabel(ambtenaren)
	return bestuurders, ambtenaren
}

// item builds the item the form describes.
func (f *itemForm) item() (domain.AgendaItem, error) {
	var it domain.AgendaItem
	if f.orig != nil {
		it = *f.orig
	}
	it.MeetingID = f.a.meeting.ID
	it.Title = strings.TrimSpace(f.title.Text)
	if i := f.kind.SelectedIndex(); i >= 0 {
		it.Kind = f.kinds[i]
	}
	it.PortefeuillehouderID, it.StellerID = 0, 0
	if i := f.ph.SelectedIndex(); i > 0 {
		it.PortefeuillehouderID = f.phIDs[i-1]
	}
	if i := f.steller.SelectedIndex(); i > 0 {
		it.StellerID = f.stellerIDs[i-1]
	}
	it.Confidential = f.confidential.Checked
	it.Proposal = strings.TrimSpace(f.proposal.Text)
	it.Decision = strings.TrimSpace(f.decision.Text)
	it.Motivation = strings.TrimSpace(f.motivation.Text)
	it.Documents, it.Advice = nil, nil // saved separately
	return it, it.Validate()
}

func (f *itemForm) save() bool {
	it, err := f.item()
	if err == nil {
		err = f.a.s.sh.State.Store.SaveItem(context.Background(), &it)
	}
	if err != nil {
		f.errLabel.SetText(i18n.UserMessage(err))
		f.errLabel.Show()
		return false
	}
	f.saved = &it
	f.a.reloadAndSelect(it.ID)
	return true
}
