// Package components holds the custom widgets of the desktop app: a Dutch
// date entry with a month picker (Fyne's own calendar speaks English and
// starts the week on Sunday; Dutch users expect maandag first).
package components

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// DateEntry is a text entry for a date (JJJJ-MM-DD or DD-MM-JJJJ) with a
// calendar button. Typed text is validated with the same Dutch message the
// CLI gives; the picker writes the canonical form.
type DateEntry struct {
	widget.Entry
	// Field names the field in validation messages ("datum").
	Field string
	// OnDateChanged is called with every valid date the user enters.
	OnDateChanged func(date.Date)
	// DayNote, if set, marks days in the picker (a holiday name, "reces").
	DayNote func(date.Date) string
	// Today is the day the picker opens on when the entry is empty.
	Today func() date.Date

	popup *widget.PopUp
}

// NewDateEntry returns an empty date entry for field.
func NewDateEntry(field string) *DateEntry {
	e := &DateEntry{Field: field}
	e.ExtendBaseWidget(e)
	e.PlaceHolder = i18n.T("ui.date.placeholder")
	e.Validator = func(s string) error {
		if s == "" {
			return nil
		}
		_, err := domain.ParseDate(e.Field, s)
		if err != nil {
			return errorText(i18n.UserMessage(err))
		}
		return nil
	}
	e.OnChanged = func(s string) {
		if d, err := domain.ParseDate(e.Field, s); err == nil && e.OnDateChanged != nil {
			e.OnDateChanged(d)
		}
	}
	e.ActionItem = widget.NewButtonWithIcon("", theme.CalendarIcon(), e.openPicker)
	return e
}

type errorText string

func (e errorText) Error() string { return string(e) }

// Date returns the entered date; an empty entry gives the zero date and no
// error.
func (e *DateEntry) Date() (date.Date, error) {
	if e.Text == "" {
		return 0, nil
	}
	return domain.ParseDate(e.Field, e.Text)
}

// SetDate shows d as people type a date, 23-11-2026 (the zero date
// empties the entry).
func (e *DateEntry) SetDate(d date.Date) { e.SetText(i18n.NumericDate(d)) }

func (e *DateEntry) openPicker() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	start, err := e.Date()
	if err != nil || start.IsZero() {
		start = date.Of(time.Now())
		if e.Today != nil {
			start = e.Today()
		}
	}
	picker := NewMonthPicker(start, func(d date.Date) {
		e.SetDate(d)
		if e.popup != nil {
			e.popup.Hide()
		}
	})
	picker.DayNote = e.DayNote
	e.popup = widget.NewPopUp(picker, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Add(fyne.NewPos(0, e.Size().Height))
	e.popup.ShowAtPosition(pos)
}

// MonthPicker shows one month as a grid of days, Monday first, with Dutch
// names, and calls OnPick with the chosen day.
type MonthPicker struct {
	widget.BaseWidget
	Month   date.Date // any day of the shown month
	Chosen  date.Date
	OnPick  func(date.Date)
	DayNote func(date.Date) string

	title *widget.Label
	grid  *fyne.Container
}

// NewMonthPicker shows the month of chosen.
func NewMonthPicker(chosen date.Date, onPick func(date.Date)) *MonthPicker {
	p := &MonthPicker{Month: chosen, Chosen: chosen, OnPick: onPick, title: widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})}
	p.grid = container.NewGridWithColumns(7)
	p.ExtendBaseWidget(p)
	p.fill()
	return p
}

// Title returns the shown month as text ("maart 2027").
func (p *MonthPicker) Title() string { return p.title.Text }

// Shift moves the shown month by n months.
func (p *MonthPicker) Shift(n int) {
	y, m, _ := p.Month.Civil()
	p.Month = date.New(y, m+time.Month(n), 1)
	p.fill()
}

func (p *MonthPicker) fill() {
	y, m, _ := p.Month.Civil()
	p.title.SetText(i18n.MonthName(m) + " " + strconv.Itoa(y))
	var cells []fyne.CanvasObject
	for i := 1; i <= 7; i++ {
		cells = append(cells, widget.NewLabelWithStyle(i18n.WeekdayShort(time.Weekday(i%7)), fyne.TextAlignCenter, fyne.TextStyle{Italic: true}))
	}
	first := date.New(y, m, 1)
	lead := (int(first.Weekday()) + 6) % 7 // Monday = 0
	for i := 0; i < lead; i++ {
		cells = append(cells, widget.NewLabel(""))
	}
	for d := first; d.Month() == m; d = d.AddDays(1) {
		d := d
		b := widget.NewButton(strconv.Itoa(d.Day()), func() {
			p.Chosen = d
			if p.OnPick != nil {
				p.OnPick(d)
			}
		})
		switch {
		case d == p.Chosen:
			b.Importance = widget.HighImportance
		case p.DayNote != nil && p.DayNote(d) != "":
			b.Importance = widget.WarningImportance
		case d.IsWeekend():
			b.Importance = widget.LowImportance
		}
		cells = append(cells, b)
	}
	p.grid.Objects = cells
	p.grid.Refresh()
}

// CreateRenderer lays out the header (previous, month, next) and the grid.
func (p *MonthPicker) CreateRenderer() fyne.WidgetRenderer {
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.Shift(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.Shift(1) })
	return widget.NewSimpleRenderer(container.NewBorder(container.NewBorder(nil, nil, prev, next, p.title), nil, nil, nil, p.grid))
}
