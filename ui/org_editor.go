package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// entityForm is the form of one kind of entity on the Organisatie screen.
// set fills the widgets from a stored value (or a blank one); get reads
// them back into a value, returning a Dutch *i18n.Error for what cannot be
// read (a number that is not a number, an impossible date). Validation of
// the whole value is the store's: it runs domain Validate on save.
type entityForm[T any] interface {
	object() fyne.CanvasObject
	set(v T)
	get() (T, error)
	// onChange registers fn to run after every edit (dirty state, live
	// previews).
	onChange(fn func())
}

// paneTexts are the texts that differ between the kinds of entity.
type paneTexts struct {
	newButton  string // "Nieuwe gemeente"
	newHeading string // "Nieuwe gemeente" (heading of an unsaved value)
	confirmDel string // format with the name: "Gemeente ‘%s’ verwijderen?"
	empty      string // shown in the list when there is nothing
}

// entityPane is a list of entities on the left and the form of the
// selected one on the right, with save, delete and revert. A save either
// stores the whole value or nothing (the store validates and writes in one
// transaction); its Dutch message stays next to the form until the next
// edit, so the user can read it while fixing the field.
type entityPane[T any] struct {
	st     *State
	win    fyne.Window
	texts  paneTexts
	load   func() []T // the entities from the snapshot, in display order
	idOf   func(T) int64
	label  func(T) (title, detail string)
	swatch func(T) color.Color // optional colour mark in the list
	blank  func() T
	form   entityForm[T]
	save   func(context.Context, *T) error
	remove func(context.Context, int64) error
	// extra buttons under the list ("Importeren uit CSV…").
	extra []fyne.CanvasObject
	// noScroll leaves scrolling to the form (one with tabs of its own).
	noScroll bool
	// offset is the share of the width the list takes (0: 0.26).
	offset float64

	items   []T
	shown   []T
	current T // the value in the form as it was loaded
	// baseline is the form's reading of current right after loading, so
	// that what the form cannot show differently (an interval of 0 or 1)
	// does not count as a change.
	baseline string
	loading  bool

	list      *widget.List
	search    *widget.Entry
	heading   *widget.Label
	message   *widget.Label
	saveBtn   *widget.Button
	deleteBtn *widget.Button
	revertBtn *widget.Button
	newBtn    *widget.Button
	content   fyne.CanvasObject
}

// build lays the pane out and loads the first entity.
func (p *entityPane[T]) build() fyne.CanvasObject {
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(i18n.T("ui.organisation.search"))
	p.search.OnChanged = func(string) { p.filter() }
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			mark := canvas.NewRectangle(color.Transparent)
			mark.SetMinSize(fyne.NewSize(6, 34))
			mark.CornerRadius = 2
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("")
			detail.Truncation = fyne.TextTruncateEllipsis
			detail.Importance = widget.LowImportance
			detail.SizeName = theme.SizeNameCaptionText
			return container.NewBorder(nil, nil, mark, nil, container.New(layout.NewCustomPaddedVBoxLayout(-14), title, detail))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(p.shown) {
				return
			}
			v := p.shown[id]
			c := o.(*fyne.Container)
			mark := c.Objects[1].(*canvas.Rectangle)
			texts := c.Objects[0].(*fyne.Container).Objects
			t, d := p.label(v)
			texts[0].(*widget.Label).SetText(t)
			texts[1].(*widget.Label).SetText(d)
			mark.FillColor = color.Transparent
			if p.swatch != nil {
				mark.FillColor = p.swatch(v)
			}
			mark.Refresh()
		})
	p.list.OnSelected = func(id widget.ListItemID) {
		if p.loading || id >= len(p.shown) {
			return
		}
		target := p.shown[id]
		if p.idOf(target) == p.idOf(p.current) && !p.isNew() {
			return
		}
		p.leave(func() { p.open(target) }, func() { p.selectCurrent() })
	}
	p.newBtn = widget.NewButtonWithIcon(p.texts.newButton, theme.ContentAddIcon(), func() {
		p.leave(func() {
			p.list.UnselectAll()
			p.open(p.blank())
		}, func() {})
	})

	p.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.heading.SizeName = theme.SizeNameSubHeadingText
	p.heading.Truncation = fyne.TextTruncateEllipsis
	p.message = widget.NewLabel("")
	p.message.Wrapping = fyne.TextWrapWord
	p.message.Hide()
	p.saveBtn = widget.NewButtonWithIcon(i18n.T("ui.organisation.save"), theme.DocumentSaveIcon(), p.doSave)
	p.saveBtn.Importance = widget.HighImportance
	p.revertBtn = widget.NewButtonWithIcon(i18n.T("ui.organisation.revert"), theme.ContentUndoIcon(), func() { p.open(p.current) })
	p.deleteBtn = widget.NewButtonWithIcon(i18n.T("ui.organisation.delete"), theme.DeleteIcon(), p.doDelete)
	p.deleteBtn.Importance = widget.DangerImportance
	p.form.onChange(func() {
		if p.loading {
			return
		}
		p.updateButtons()
	})

	left := container.NewBorder(p.search, container.NewVBox(append([]fyne.CanvasObject{p.newBtn}, p.extra...)...), nil, nil, p.list)
	buttons := container.NewHBox(p.saveBtn, p.revertBtn, layout.NewSpacer(), p.deleteBtn)
	var body fyne.CanvasObject = container.NewVScroll(p.form.object())
	if p.noScroll {
		body = p.form.object()
	}
	right := container.NewBorder(container.NewVBox(p.heading, p.message), container.NewVBox(widget.NewSeparator(), buttons), nil, nil, body)
	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(right))
	split.Offset = 0.26
	if p.offset > 0 {
		split.Offset = p.offset
	}
	p.content = split

	p.items = p.load()
	p.filter()
	if len(p.shown) > 0 {
		p.open(p.shown[0])
		p.selectCurrent()
		// Selecting scrolls the row into view, but the list has no size
		// yet: without this the first row would sit above the viewport.
		p.list.ScrollToTop()
	} else {
		p.open(p.blank())
	}
	return p.content
}

// reload refreshes the list from the snapshot after any Reload, and the
// form too unless the user is editing it.
func (p *entityPane[T]) reload() {
	p.items = p.load()
	p.filter()
	id := p.idOf(p.current)
	if id == 0 {
		return
	}
	for _, v := range p.items {
		if p.idOf(v) == id {
			if !p.dirty() {
				p.open(v)
			} else {
				p.current = v
			}
			p.selectCurrent()
			return
		}
	}
	// The entity is gone (deleted here or elsewhere): start a new one.
	p.open(p.blank())
	p.list.UnselectAll()
}

// filter applies the search text to the list.
func (p *entityPane[T]) filter() {
	q := strings.ToLower(strings.TrimSpace(p.search.Text))
	p.shown = p.shown[:0]
	for _, v := range p.items {
		t, d := p.label(v)
		if q == "" || strings.Contains(strings.ToLower(t+" "+d), q) {
			p.shown = append(p.shown, v)
		}
	}
	p.list.Refresh()
	p.selectCurrent()
}

// selectCurrent highlights the entity in the form, without reloading it.
func (p *entityPane[T]) selectCurrent() {
	if p.list == nil {
		return
	}
	p.loading = true
	defer func() { p.loading = false }()
	id := p.idOf(p.current)
	for i, v := range p.shown {
		if id != 0 && p.idOf(v) == id {
			p.list.Select(i)
			return
		}
	}
	p.list.UnselectAll()
}

// open loads v into the form.
func (p *entityPane[T]) open(v T) {
	p.loading = true
	p.current = v
	p.form.set(v)
	p.baseline = p.reading()
	p.loading = false
	if p.isNew() {
		p.heading.SetText(p.texts.newHeading)
	} else {
		t, _ := p.label(v)
		p.heading.SetText(t)
	}
	p.hideMessage()
	p.updateButtons()
}

func (p *entityPane[T]) isNew() bool { return p.idOf(p.current) == 0 }

// dirty reports whether the form differs from the value it was loaded
// with (a form that cannot be read is dirty: the user typed something).
func (p *entityPane[T]) dirty() bool {
	return p.reading() != p.baseline
}

// reading is the form's content as text, for comparison ("" plus the
// message when it cannot be read).
func (p *entityPane[T]) reading() string {
	v, err := p.form.get()
	if err != nil {
		return "\x00" + err.Error()
	}
	return fmt.Sprint(v)
}

func (p *entityPane[T]) updateButtons() {
	dirty := p.dirty()
	if dirty || p.isNew() {
		p.saveBtn.Enable()
	} else {
		p.saveBtn.Disable()
	}
	if dirty {
		p.revertBtn.Enable()
		p.hideMessage()
	} else {
		p.revertBtn.Disable()
	}
	if p.isNew() {
		p.deleteBtn.Disable()
	} else {
		p.deleteBtn.Enable()
	}
}

// leave runs next when the form may be left: at once when nothing was
// changed, after the user agrees to discard the changes otherwise (stay
// runs when they do not).
func (p *entityPane[T]) leave(next, stay func()) {
	if !p.dirty() {
		next()
		return
	}
	dialog.ShowConfirm(i18n.T("ui.organisation.discard.title"), i18n.T("ui.organisation.discard.question"), func(ok bool) {
		if ok {
			next()
		} else {
			stay()
		}
	}, p.win)
}

func (p *entityPane[T]) showError(err error) {
	p.message.Importance = widget.DangerImportance
	p.message.SetText(i18n.UserMessage(err))
	p.message.Show()
}

func (p *entityPane[T]) showInfo(text string) {
	p.message.Importance = widget.SuccessImportance
	p.message.SetText(text)
	p.message.Show()
}

func (p *entityPane[T]) hideMessage() {
	p.message.SetText("")
	p.message.Hide()
}

// doSave reads the form, stores the value and reloads. On any error the
// message shows next to the form and nothing is stored.
func (p *entityPane[T]) doSave() {
	v, err := p.form.get()
	if err != nil {
		p.showError(err)
		return
	}
	ctx := context.Background()
	if err := p.save(ctx, &v); err != nil {
		p.showError(err)
		return
	}
	p.current = v // reload finds it by ID and shows the stored value
	p.loading = true
	p.form.set(v)
	p.baseline = p.reading()
	p.loading = false
	if err := p.st.Reload(ctx); err != nil {
		ShowError(p.win, err)
		return
	}
	t, _ := p.label(p.current)
	p.heading.SetText(t)
	p.updateButtons()
	p.showInfo(i18n.T("ui.organisation.saved", t))
}

// doDelete asks, then deletes; a refused delete shows the store's reason.
func (p *entityPane[T]) doDelete() {
	if p.isNew() {
		return
	}
	v := p.current
	t, _ := p.label(v)
	dialog.ShowConfirm(i18n.T("ui.organisation.delete.title"), fmt.Sprintf(p.texts.confirmDel, t), func(ok bool) {
		if !ok {
			return
		}
		ctx := context.Background()
		if err := p.remove(ctx, p.idOf(v)); err != nil {
			p.showError(err)
			return
		}
		if err := p.st.Reload(ctx); err != nil {
			ShowError(p.win, err)
			return
		}
		p.showInfo(i18n.T("ui.organisation.deleted", t))
	}, p.win)
}

// selectByID opens the entity with id (used by tests and by other panes
// that link to it).
func (p *entityPane[T]) selectByID(id int64) bool {
	for i, v := range p.shown {
		if p.idOf(v) == id {
			p.list.Select(i)
			return true
		}
	}
	return false
}
