package i18n

import (
	"strconv"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
)

// WeekdayName returns the full name of w ("maandag").
func WeekdayName(w time.Weekday) string { return T("weekday." + strconv.Itoa(int(w))) }

// WeekdayShort returns the two- or three-letter name of w ("ma").
func WeekdayShort(w time.Weekday) string { return T("weekday.short." + strconv.Itoa(int(w))) }

// MonthName returns the name of m ("januari").
func MonthName(m time.Month) string { return T("month." + strconv.Itoa(int(m))) }

// LongDate formats d as "maandag 23 november 2026"; "" for the zero date.
func LongDate(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.Civil()
	return WeekdayName(d.Weekday()) + " " + strconv.Itoa(dd) + " " + MonthName(m) + " " + strconv.Itoa(y)
}

// MediumDate formats d as "23 november 2026"; "" for the zero date.
func MediumDate(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.Civil()
	return strconv.Itoa(dd) + " " + MonthName(m) + " " + strconv.Itoa(y)
}

// ShortDate formats d as "ma 23-11-2026", the compact form for tables.
func ShortDate(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.Civil()
	return WeekdayShort(d.Weekday()) + " " + pad2(dd) + "-" + pad2(int(m)) + "-" + strconv.Itoa(y)
}

// NumericDate formats d as "23-11-2026", the form people type in a date
// field (and that ShortDate shows); "" for the zero date.
func NumericDate(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.Civil()
	return pad2(dd) + "-" + pad2(int(m)) + "-" + strconv.Itoa(y)
}

// Clock formats the wall-clock time of t as "14:00".
func Clock(t time.Time) string { return pad2(t.Hour()) + ":" + pad2(t.Minute()) }

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
