package ui

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// Small widgets and parsers shared by the Organisatie and Instellingen
// forms.

// choice is a drop-down of typed values shown by their labels.
type choice[T comparable] struct {
	*widget.Select
	values []T
}

// newChoice returns a drop-down of values; changed runs after every pick.
func newChoice[T comparable](values []T, label func(T) string, changed func()) *choice[T] {
	c := &choice[T]{values: values}
	opts := make([]string, len(values))
	for i, v := range values {
		opts[i] = label(v)
	}
	c.Select = widget.NewSelect(opts, func(string) {
		if changed != nil {
			changed()
		}
	})
	return c
}

// value returns the chosen value, or the zero value when none is chosen.
func (c *choice[T]) value() T {
	var zero T
	i := c.SelectedIndex()
	if i < 0 || i >= len(c.values) {
		return zero
	}
	return c.values[i]
}

// setValue chooses v; a value not in the list clears the choice.
func (c *choice[T]) setValue(v T) {
	for i, x := range c.values {
		if x == v {
			c.SetSelectedIndex(i)
			return
		}
	}
	c.ClearSelected()
}

// setOptions replaces the values, keeping the current one when it is
// still there.
func (c *choice[T]) setOptions(values []T, label func(T) string) {
	cur := c.value()
	had := c.SelectedIndex() >= 0
	c.values = values
	opts := make([]string, len(values))
	for i, v := range values {
		opts[i] = label(v)
	}
	c.Options = opts
	if had {
		c.setValue(cur)
	} else {
		c.ClearSelected()
	}
	c.Refresh()
}

// countPattern is a whole number, plain ("49900") or with a dot or space
// between every group of three digits ("49.900", "1 234 567"), as people
// type inhabitants; anything else ("1.2.3", "--5") is a typing error, not a
// number to guess at.
var countPattern = regexp.MustCompile(`^-?(\d+|\d{1,3}([. \x{00a0}]\d{3})+)$`)

// parseCount reads a whole number typed into field; empty gives 0 when
// allowed.
func parseCount(field, s string, allowEmpty bool) (int, error) {
	t := strings.TrimSpace(s)
	if t == "" && allowEmpty {
		return 0, nil
	}
	if !countPattern.MatchString(t) {
		return 0, i18n.Errorf(domain.ErrInvalid, "ui.organisation.err.number", field, s)
	}
	n, err := strconv.Atoi(strings.NewReplacer(".", "", " ", "", "\u00a0", "").Replace(t))
	if err != nil { // out of range
		return 0, i18n.Errorf(domain.ErrInvalid, "ui.organisation.err.number", field, s)
	}
	return n, nil
}

// offsetPattern is a signed whole number of days.
var offsetPattern = regexp.MustCompile(`^[+-]?\d+$`)

// parseOffset reads a signed number of days ("-10", "+2", "− 5" with a
// typographic minus as word processors write it).
func parseOffset(field, s string) (int, error) {
	t := strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(s), "−", "-"), " ", "")
	n, err := strconv.Atoi(strings.TrimPrefix(t, "+"))
	if !offsetPattern.MatchString(t) || err != nil {
		return 0, i18n.Errorf(domain.ErrInvalid, "ui.organisation.err.offset", field, s)
	}
	return n, nil
}

// weekdayChecks is a row of check boxes ma–vr.
type weekdayChecks struct {
	*widget.CheckGroup
}

func newWeekdayChecks(changed func()) *weekdayChecks {
	var opts []string
	for d := time.Monday; d <= time.Friday; d++ {
		opts = append(opts, i18n.WeekdayShort(d))
	}
	g := widget.NewCheckGroup(opts, func([]string) {
		if changed != nil {
			changed()
		}
	})
	g.Horizontal = true
	return &weekdayChecks{g}
}

// days returns the checked weekdays in week order.
func (w *weekdayChecks) days() []time.Weekday {
	var out []time.Weekday
	for d := time.Monday; d <= time.Friday; d++ {
		for _, s := range w.Selected {
			if s == i18n.WeekdayShort(d) {
				out = append(out, d)
			}
		}
	}
	return out
}

func (w *weekdayChecks) setDays(days []time.Weekday) {
	var sel []string
	for _, d := range days {
		sel = append(sel, i18n.WeekdayShort(d))
	}
	w.SetSelected(sel)
}

// newDateEntry returns a Dutch date entry whose picker opens on today and
// marks the days off of the current calendar.
func newDateEntry(st *State, field string, changed func()) *components.DateEntry {
	e := components.NewDateEntry(field)
	e.Today = st.Today
	e.DayNote = func(d date.Date) string {
		if off, ok := st.Planner().Calendar().Why(d); ok && !d.IsWeekend() {
			return off.Label()
		}
		return ""
	}
	prev := e.OnChanged
	e.OnChanged = func(s string) {
		prev(s)
		if changed != nil {
			changed()
		}
	}
	return e
}

// newEntry returns a single-line entry that reports its edits.
func newEntry(placeholder string, changed func()) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.OnChanged = func(string) {
		if changed != nil {
			changed()
		}
	}
	return e
}

// section is a titled block of a long form.
func section(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(append([]fyne.CanvasObject{widget.NewSeparator(), head}, objs...)...)
}

// note is a wrapped explanatory line in the low-importance colour.
func note(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}

// fixedWidth wraps o so that it takes at least width (entries and selects
// in a row otherwise shrink to their placeholder).
func fixedWidth(width float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

// orgShowFormItems puts in form only the items whose show is true, in
// order. Fyne's Form keeps the label of an item whose widget is hidden, so
// a field that does not apply is taken out of the form instead.
func orgShowFormItems(form *widget.Form, items []*widget.FormItem, show []bool) {
	var keep []*widget.FormItem
	for i, it := range items {
		if show[i] {
			keep = append(keep, it)
		}
	}
	same := len(keep) == len(form.Items)
	for i := 0; same && i < len(keep); i++ {
		same = keep[i] == form.Items[i]
	}
	if !same {
		form.Items = keep
		form.Refresh()
	}
}
