package components

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/i18n"
)

func TestDateEntryValidatesInDutch(t *testing.T) {
	test.NewTempApp(t)
	i18n.SetLanguage(i18n.Dutch)
	e := NewDateEntry("vergaderdatum")
	var got date.Date
	e.OnDateChanged = func(d date.Date) { got = d }
	test.Type(e, "15-03-2027")
	if got != date.MustParse("2027-03-15") {
		t.Errorf("typed Dutch order: %s", got)
	}
	e.SetText("")
	test.Type(e, "2027-02-30")
	err := e.Validate()
	if err == nil || err.Error() != "vergaderdatum: ‘2027-02-30’ is geen geldige datum (bijvoorbeeld 15-03-2027 of 2027-03-15)" {
		t.Errorf("validation: %v", err)
	}
	if _, err := e.Date(); err == nil {
		t.Error("Date accepted an invalid date")
	}
	e.SetDate(date.MustParse("2027-03-01"))
	if e.Text != "01-03-2027" {
		t.Errorf("SetDate shows %q, want the Dutch order", e.Text)
	}
	e.SetText("")
	if d, err := e.Date(); err != nil || !d.IsZero() {
		t.Errorf("empty: %s %v", d, err)
	}
}

func TestMonthPickerIsDutchAndStartsOnMonday(t *testing.T) {
	test.NewTempApp(t)
	i18n.SetLanguage(i18n.Dutch)
	var picked date.Date
	p := NewMonthPicker(date.MustParse("2027-03-10"), func(d date.Date) { picked = d })
	test.NewWindow(p)
	if p.Title() != "maart 2027" {
		t.Errorf("title %q", p.Title())
	}
	if l := p.grid.Objects[0].(*widget.Label).Text; l != "ma" {
		t.Errorf("first column %q, want ma", l)
	}
	// 1 March 2027 is a Monday: the first day button is right after the
	// seven weekday labels.
	day1 := p.grid.Objects[7].(*widget.Button)
	if day1.Text != "1" {
		t.Fatalf("first cell %q", day1.Text)
	}
	test.Tap(p.grid.Objects[7+14].(*widget.Button))
	if picked != date.MustParse("2027-03-15") {
		t.Errorf("picked %s", picked)
	}
	p.Shift(-3)
	if p.Title() != "december 2026" {
		t.Errorf("after shift: %q", p.Title())
	}
}
