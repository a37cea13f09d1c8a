// Package date is a civil calendar date without time of day or zone.
//
// Deadlines, holidays, recess and membership dates are days, not instants: a
// deadline on 3 March is the same day in every zone. Representing them as a
// day number keeps working-day arithmetic to integer additions, which the
// planning engine relies on for its national-scale performance target.
package date

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
)

// Date is a day in the proleptic Gregorian calendar, stored as the number of
// days since 0000-12-31, so that 0001-01-01 is 1 and the zero value means
// "no date" (like time.Time's zero value).
type Date int32

// Layout is the only textual form of a Date that we read and write.
const Layout = "2006-01-02"

// ErrSyntax is wrapped by Parse when the text is not a valid YYYY-MM-DD date.
var ErrSyntax = errors.New("geen geldige datum (verwacht JJJJ-MM-DD)")

// New returns the date for year, month and day. Out-of-range months and
// days are normalised as time.Date does (31 April becomes 1 May).
func New(year int, month time.Month, day int) Date {
	if month < 1 || month > 12 || day < 1 || day > 28 {
		t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
		year, month, day = t.Date()
	}
	return fromCivil(year, int(month), day)
}

// Of returns the calendar date of t in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return fromCivil(y, int(m), d)
}

// Parse reads a date in the form YYYY-MM-DD.
func Parse(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("%q: %w", s, ErrSyntax)
	}
	var n [3]int
	for i, part := range [3]string{s[0:4], s[5:7], s[8:10]} {
		for _, c := range part {
			if c < '0' || c > '9' {
				return 0, fmt.Errorf("%q: %w", s, ErrSyntax)
			}
			n[i] = n[i]*10 + int(c-'0')
		}
	}
	y, m, d := n[0], n[1], n[2]
	if y < 1 || m < 1 || m > 12 || d < 1 || d > DaysIn(y, time.Month(m)) {
		return 0, fmt.Errorf("%q: %w", s, ErrSyntax)
	}
	return fromCivil(y, m, d), nil
}

// MustParse is Parse for constants in tests and fixed data; it panics on error.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero value ("no date").
func (d Date) IsZero() bool { return d == 0 }

// Civil returns the year, month and day of d.
func (d Date) Civil() (year int, month time.Month, day int) {
	y, m, dd := toCivil(d)
	return y, time.Month(m), dd
}

// Year returns the year of d.
func (d Date) Year() int { y, _, _ := toCivil(d); return y }

// Month returns the month of d.
func (d Date) Month() time.Month { _, m, _ := toCivil(d); return time.Month(m) }

// Day returns the day of the month of d.
func (d Date) Day() int { _, _, dd := toCivil(d); return dd }

// Weekday returns the day of the week; 0001-01-01 (day 1) was a Monday.
func (d Date) Weekday() time.Weekday {
	w := int(d) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// IsWeekend reports whether d is a Saturday or Sunday.
func (d Date) IsWeekend() bool {
	w := d.Weekday()
	return w == time.Saturday || w == time.Sunday
}

// AddDays returns d moved n calendar days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// Sub returns the number of calendar days from e to d (d - e).
func (d Date) Sub(e Date) int { return int(d - e) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d < e }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d > e }

// In returns midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return d.At(0, 0, loc)
}

// At returns the instant at hour:minute on d in loc.
func (d Date) At(hour, minute int, loc *time.Location) time.Time {
	y, m, dd := toCivil(d)
	return time.Date(y, time.Month(m), dd, hour, minute, 0, 0, loc)
}

// String formats d as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	y, m, dd := toCivil(d)
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%d-%02d-%02d", y, m, dd)
	}
	b := []byte("0000-00-00")
	put := func(at, v, w int) {
		for i := w - 1; i >= 0; i-- {
			b[at+i] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, y, 4)
	put(5, m, 2)
	put(8, dd, 2)
	return string(b)
}

// MarshalText writes the YYYY-MM-DD form; the zero date is written as "".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the YYYY-MM-DD form; "" gives the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value stores a date as YYYY-MM-DD text, or NULL for the zero date, so the
// database stays readable with the sqlite3 shell.
func (d Date) Value() (driver.Value, error) {
	if d == 0 {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a date written by Value.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = 0
		return nil
	case string:
		return d.UnmarshalText([]byte(v))
	case []byte:
		return d.UnmarshalText(v)
	case time.Time:
		*d = Of(v)
		return nil
	default:
		return fmt.Errorf("date: kan %T niet lezen", src)
	}
}

// DaysIn returns the number of days in month m of year y.
func DaysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if IsLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// IsLeap reports whether y is a Gregorian leap year.
func IsLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// Min returns the earlier of a and b.
func Min(a, b Date) Date {
	if a < b {
		return a
	}
	return b
}

// Max returns the later of a and b.
func Max(a, b Date) Date {
	if a > b {
		return a
	}
	return b
}

// fromCivil and toCivil use the era-based algorithm for the proleptic
// Gregorian calendar (400-year eras of 146097 days), shifted so that
// 0001-01-01 is day 1.
const civilShift = 719162 + 1 // days from 0000-03-01 based epoch to our day 1, see tests

func fromCivil(y, m, d int) Date {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	days := era*146097 + doe - 719468 // days since 1970-01-01
	return Date(days + civilShift)
}

func toCivil(dt Date) (int, int, int) {
	z := int(dt) - civilShift + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
