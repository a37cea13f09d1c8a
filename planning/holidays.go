package planning

import (
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// HolidayKey identifies a Dutch public holiday independently of language;
// its name comes from the catalogue ("planning.holiday.<key>").
type HolidayKey string

// The Dutch public holidays of the Algemene termijnenwet, plus the Sundays
// of Easter and Whitsun, which are listed so that a calendar shows them by
// name even though a Sunday is never a working day.
const (
	Nieuwjaarsdag     HolidayKey = "nieuwjaarsdag"
	GoedeVrijdag      HolidayKey = "goedevrijdag"
	EerstePaasdag     HolidayKey = "eerstepaasdag"
	TweedePaasdag     HolidayKey = "tweedepaasdag"
	Koninginnedag     HolidayKey = "koninginnedag" // until 2013
	Koningsdag        HolidayKey = "koningsdag"    // from 2014
	Bevrijdingsdag    HolidayKey = "bevrijdingsdag"
	Hemelvaartsdag    HolidayKey = "hemelvaartsdag"
	EerstePinksterdag HolidayKey = "eerstepinksterdag"
	TweedePinksterdag HolidayKey = "tweedepinksterdag"
	EersteKerstdag    HolidayKey = "eerstekerstdag"
	TweedeKerstdag    HolidayKey = "tweedekerstdag"
)

// HolidayKeys lists every key, in calendar order.
func HolidayKeys() []HolidayKey {
	return []HolidayKey{Nieuwjaarsdag, GoedeVrijdag, EerstePaasdag, TweedePaasdag, Koninginnedag, Koningsdag,
		Bevrijdingsdag, Hemelvaartsdag, EerstePinksterdag, TweedePinksterdag, EersteKerstdag, TweedeKerstdag}
}

// Name returns the holiday's name in the active language.
func (k HolidayKey) Name() string { return i18n.T("planning.holiday." + string(k)) }

// The years in which the holiday rules are known. Easter by the Gregorian
// computus is defined from 1583; before that, and after 9999, we know no
// holidays and only weekends are days off.
const (
	minHolidayYear = 1583
	maxHolidayYear = 9999
)

// Holiday is one public holiday in a year. DayOff says whether it is a day
// off under the organisation's settings: Goede Vrijdag and Bevrijdingsdag
// are listed every year but are only days off when the settings say so, so
// that a calendar can show "Goede Vrijdag (werkdag)".
type Holiday struct {
	Date   date.Date
	Key    HolidayKey
	DayOff bool
}

// Name returns the holiday's name in the active language.
func (h Holiday) Name() string { return h.Key.Name() }

// Easter returns Easter Sunday of year by the anonymous Gregorian computus
// (Meeus/Jones/Butcher), valid for every Gregorian year.
func Easter(year int) date.Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date.New(year, time.Month(month), day)
}

// royalDay returns the day the monarch's birthday is celebrated in year,
// and its key; ok is false in years without one. The rule changed with
// each reign and once within one:
//   - 1891–1948 Koninginnedag on 31 August (Wilhelmina); on a Sunday it
//     moved to Monday 1 September. Not celebrated 1940–1944 (forbidden
//     by the occupier).
//   - 1949–1979 Koninginnedag on 30 April (Juliana); on a Sunday it moved
//     to Monday 1 May.
//   - 1980–2013 Koninginnedag on 30 April (kept by Beatrix); by the royal
//     decree of 1980 a Sunday moves it to Saturday 29 April.
//   - from 2014 Koningsdag on 27 April (Willem-Alexander); a Sunday moves
//     it to Saturday 26 April.
func royalDay(year int) (date.Date, HolidayKey, bool) {
	switch {
	case year < 1891 || year >= 1940 && year <= 1944:
		return 0, "", false
	case year <= 1948:
		d := date.New(year, time.August, 31)
		if d.Weekday() == time.Sunday {
			d = d.AddDays(1)
		}
		return d, Koninginnedag, true
	case year <= 1979:
		d := date.New(year, time.April, 30)
		if d.Weekday() == time.Sunday {
			d = d.AddDays(1)
		}
		return d, Koninginnedag, true
	case year <= 2013:
		d := date.New(year, time.April, 30)
		if d.Weekday() == time.Sunday {
			d = d.AddDays(-1)
		}
		return d, Koninginnedag, true
	default:
		d := date.New(year, time.April, 27)
		if d.Weekday() == time.Sunday {
			d = d.AddDays(-1)
		}
		return d, Koningsdag, true
	}
}

// liberationDayOff reports whether 5 May of year is a day off under mode.
// Bevrijdingsdag exists from 1946, the first commemoration of the
// liberation; "lustrum" means the years divisible by five.
func liberationDayOff(year int, mode domain.LiberationMode) bool {
	switch mode {
	case domain.LiberationYearly:
		return true
	case domain.LiberationLustrum:
		return year%5 == 0
	}
	return false
}

// DutchHolidays returns the public holidays of year, in date order, with
// DayOff set from opts. Years outside 1583–9999 have none.
func DutchHolidays(year int, opts domain.HolidayOptions) []Holiday {
	var buf [13]Holiday
	return appendHolidays(buf[:0], year, opts)
}

// appendHolidays is DutchHolidays into a caller's buffer, so that building
// a calendar table over centuries allocates nothing per year.
func appendHolidays(out []Holiday, year int, opts domain.HolidayOptions) []Holiday {
	if year < minHolidayYear || year > maxHolidayYear {
		return out
	}
	e := Easter(year)
	out = append(out,
		Holiday{date.New(year, time.January, 1), Nieuwjaarsdag, true},
		Holiday{e.AddDays(-2), GoedeVrijdag, opts.GoodFriday},
		Holiday{e, EerstePaasdag, true},
		Holiday{e.AddDays(1), TweedePaasdag, true},
	)
	if royal, key, ok := royalDay(year); ok {
		out = append(out, Holiday{royal, key, true})
	}
	if year >= 1946 {
		out = append(out, Holiday{date.New(year, time.May, 5), Bevrijdingsdag, liberationDayOff(year, opts.Liberation)})
	}
	out = append(out,
		Holiday{e.AddDays(39), Hemelvaartsdag, true},
		Holiday{e.AddDays(49), EerstePinksterdag, true},
		Holiday{e.AddDays(50), TweedePinksterdag, true},
	)
	out = append(out,
		Holiday{date.New(year, time.December, 25), EersteKerstdag, true},
		Holiday{date.New(year, time.December, 26), TweedeKerstdag, true},
	)
	sortHolidays(out)
	return out
}

// sortHolidays orders by date with an insertion sort: the list is short and
// nearly sorted (Ascension can fall before 5 May, Wilhelmina's Koninginnedag
// after Whitsun). Holidays on the same day keep their order.
func sortHolidays(hs []Holiday) {
	for i := 1; i < len(hs); i++ {
		for j := i; j > 0 && hs[j].Date < hs[j-1].Date; j-- {
			hs[j], hs[j-1] = hs[j-1], hs[j]
		}
	}
}
