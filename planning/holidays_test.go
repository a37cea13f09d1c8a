package planning

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/internal/testpeer"
	"github.com/rickar/cal/v2/nl"
)

func TestEaster(t *testing.T) {
	// Known Easter Sundays, including the extremes of the computus
	// (22 March 1818 and 2285, 25 April 1943 and 2038).
	for _, tc := range []struct {
		year int
		want string
	}{
		{1818, "1818-03-22"}, {1900, "1900-04-15"}, {1943, "1943-04-25"}, {1954, "1954-04-18"},
		{1981, "1981-04-19"}, {2000, "2000-04-23"}, {2008, "2008-03-23"}, {2019, "2019-04-21"},
		{2024, "2024-03-31"}, {2025, "2025-04-20"}, {2026, "2026-04-05"}, {2027, "2027-03-28"},
		{2028, "2028-04-16"}, {2038, "2038-04-25"}, {2100, "2100-03-28"}, {2200, "2200-04-06"}, {2285, "2285-03-22"},
	} {
		if got := Easter(tc.year); got != date.MustParse(tc.want) {
			t.Errorf("Easter(%d) = %s, want %s", tc.year, got, tc.want)
		}
	}
}

func holidayMap(hs []Holiday) map[HolidayKey]Holiday {
	m := map[HolidayKey]Holiday{}
	for _, h := range hs {
		m[h.Key] = h
	}
	return m
}

func TestDutchHolidays(t *testing.T) {
	def := domain.DefaultSettings().Holidays // Goede Vrijdag works, Bevrijdingsdag every fifth year
	yearly := domain.HolidayOptions{GoodFriday: true, Liberation: domain.LiberationYearly}
	tests := []struct {
		name   string
		year   int
		opts   domain.HolidayOptions
		key    HolidayKey
		want   string // "" means: no such holiday that year
		dayOff bool
	}{
		{"nieuwjaar", 2026, def, Nieuwjaarsdag, "2026-01-01", true},
		{"goede vrijdag is a working day by default", 2026, def, GoedeVrijdag, "2026-04-03", false},
		{"goede vrijdag when set", 2026, yearly, GoedeVrijdag, "2026-04-03", true},
		{"eerste paasdag", 2026, def, EerstePaasdag, "2026-04-05", true},
		{"tweede paasdag", 2026, def, TweedePaasdag, "2026-04-06", true},
		{"koningsdag on the 27th", 2026, def, Koningsdag, "2026-04-27", true},
		{"koningsdag 27 April 2014 is a Sunday", 2014, def, Koningsdag, "2014-04-26", true},
		{"koningsdag 27 April 2025 is a Sunday", 2025, def, Koningsdag, "2025-04-26", true},
		{"no koninginnedag after 2013", 2014, def, Koninginnedag, "", false},
		{"koninginnedag 2013", 2013, def, Koninginnedag, "2013-04-30", true},
		{"beatrix: 30 April 2006 is a Sunday, so Saturday", 2006, def, Koninginnedag, "2006-04-29", true},
		{"beatrix: 30 April 1989 is a Sunday, so Saturday", 1989, def, Koninginnedag, "1989-04-29", true},
		{"juliana: 30 April 1978 is a Sunday, so Monday 1 May", 1978, def, Koninginnedag, "1978-05-01", true},
		{"juliana: 30 April 1950 is a Sunday, so Monday 1 May", 1950, def, Koninginnedag, "1950-05-01", true},
		{"juliana's first", 1949, def, Koninginnedag, "1949-04-30", true},
		{"inauguration of beatrix", 1980, def, Koninginnedag, "1980-04-30", true},
		{"wilhelmina: 31 August", 1948, def, Koninginnedag, "1948-08-31", true},
		{"wilhelmina: 31 August 1947 is a Sunday, so Monday", 1947, def, Koninginnedag, "1947-09-01", true},
		{"not celebrated under occupation", 1942, def, Koninginnedag, "", false},
		{"before the first koninginnedag", 1890, def, Koninginnedag, "", false},
		{"bevrijdingsdag in a lustrum year", 2025, def, Bevrijdingsdag, "2025-05-05", true},
		{"bevrijdingsdag in another year", 2026, def, Bevrijdingsdag, "2026-05-05", false},
		{"bevrijdingsdag yearly", 2026, yearly, Bevrijdingsdag, "2026-05-05", true},
		{"bevrijdingsdag never", 2030, domain.HolidayOptions{Liberation: domain.LiberationNever}, Bevrijdingsdag, "2030-05-05", false},
		{"no bevrijdingsdag before 1946", 1945, yearly, Bevrijdingsdag, "", false},
		{"hemelvaart", 2026, def, Hemelvaartsdag, "2026-05-14", true},
		{"hemelvaart on bevrijdingsdag", 2005, def, Hemelvaartsdag, "2005-05-05", true},
		{"pinksteren", 2026, def, TweedePinksterdag, "2026-05-25", true},
		{"eerste pinksterdag", 2026, def, EerstePinksterdag, "2026-05-24", true},
		{"kerst", 2026, def, EersteKerstdag, "2026-12-25", true},
		{"tweede kerstdag", 2026, def, TweedeKerstdag, "2026-12-26", true},
		{"none before the gregorian computus", 1500, def, Nieuwjaarsdag, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, ok := holidayMap(DutchHolidays(tc.year, tc.opts))[tc.key]
			if tc.want == "" {
				if ok {
					t.Fatalf("%s %d: got %s, want none", tc.key, tc.year, h.Date)
				}
				return
			}
			if !ok {
				t.Fatalf("%s %d: missing", tc.key, tc.year)
			}
			if h.Date != date.MustParse(tc.want) || h.DayOff != tc.dayOff {
				t.Fatalf("%s %d = %s (day off %v), want %s (%v)", tc.key, tc.year, h.Date, h.DayOff, tc.want, tc.dayOff)
			}
		})
	}
}

func TestDutchHolidaysSortedAndNamed(t *testing.T) {
	for y := 1890; y <= 2210; y++ {
		hs := DutchHolidays(y, domain.HolidayOptions{GoodFriday: true, Liberation: domain.LiberationYearly})
		for i, h := range hs {
			if h.Date.Year() != y {
				t.Fatalf("%d: %s on %s is in another year", y, h.Key, h.Date)
			}
			if i > 0 && h.Date < hs[i-1].Date {
				t.Fatalf("%d: %s before %s", y, h.Key, hs[i-1].Key)
			}
		}
	}
	for _, k := range HolidayKeys() {
		if n := k.Name(); n == "" || strings.HasPrefix(n, "planning.") {
			t.Errorf("holiday %s has no name in the catalogue", k)
		}
	}
}

// TestHolidaysAgreeWithRickarCal compares our rules with an independent
// implementation, github.com/rickar/cal/v2/nl, for 1990–2100. The only
// differences allowed are those our rules or settings explain:
//   - rickar/cal knows only today's Koningsdag (27 April, Saturday when the
//     27th is a Sunday), also before 2014, when the day was Koninginnedag on
//     30 April (29 April when the 30th was a Sunday);
//   - it lists Goede Vrijdag and a yearly Bevrijdingsdag, which are
//     settings for us; with the settings on, they agree.
//
// rickar/cal also leaves out the Sundays (Eerste Paas- en Pinksterdag),
// which we list by name only.
func TestHolidaysAgreeWithRickarCal(t *testing.T) {
	loc := domain.Amsterdam()
	on := domain.HolidayOptions{GoodFriday: true, Liberation: domain.LiberationYearly}
	seen := map[string]int{} // explained differences by holiday name
	for _, opts := range []domain.HolidayOptions{on, domain.DefaultSettings().Holidays} {
		for y := 1990; y <= 2100; y++ {
			theirs := map[date.Date]string{}
			for _, h := range nl.Holidays {
				_, obs := h.Calc(y)
				if !obs.IsZero() {
					theirs[date.Of(obs.In(loc))] = h.Name
				}
			}
			ours := map[date.Date]HolidayKey{}
			for _, h := range DutchHolidays(y, opts) {
				if h.DayOff && h.Key != EerstePaasdag && h.Key != EerstePinksterdag {
					ours[h.Date] = h.Key
				}
			}
			explained := func(name string) bool {
				ok := name == "Koningsdag" && y < 2014 ||
					name == "Goede Vrijdag" && !opts.GoodFriday ||
					name == "Bevrijdingsdag" && !liberationDayOff(y, opts.Liberation)
				if ok {
					seen[name]++
				}
				return ok
			}
			for d, name := range theirs {
				if _, ok := ours[d]; !ok && !explained(name) {
					t.Errorf("%d %v: rickar/cal has %s on %s, we do not", y, opts, name, d)
				}
			}
			for d, k := range ours {
				if _, ok := theirs[d]; !ok && !(k == Koninginnedag && y < 2014) {
					t.Errorf("%d %v: we have %s on %s, rickar/cal does not", y, opts, k, d)
				}
			}
		}
	}
	// Koningsdag 1990–2013 (24 years × 2 settings), Goede Vrijdag and the
	// non-lustrum Bevrijdingsdagen (111 − 23 years) under the defaults,
	// except 2016, when Ascension Day fell on 5 May.
	want := map[string]int{"Koningsdag": 48, "Goede Vrijdag": 111, "Bevrijdingsdag": 111 - 23 - 1}
	for name, n := range want {
		if seen[name] != n {
			t.Errorf("%d explained differences for %s, want %d", seen[name], name, n)
		}
	}
}

// TestEasterAgreesWithDateutil checks the computus against python-dateutil's
// easter() (Debian's python3-dateutil) for 1583–4099.
func TestEasterAgreesWithDateutil(t *testing.T) {
	py := testpeer.SystemPython(t, "dateutil")
	script := "from dateutil.easter import easter\nfor y in range(1583, 4100): print(y, easter(y).isoformat())\n"
	out, err := exec.Command(py, "-c", script).Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	n := 0
	for sc.Scan() {
		var y int
		var iso string
		if _, err := fmt.Sscan(sc.Text(), &y, &iso); err != nil {
			t.Fatalf("%q: %v", sc.Text(), err)
		}
		if got := Easter(y); got.String() != iso {
			t.Errorf("Easter(%d) = %s, dateutil says %s", y, got, iso)
		}
		n++
	}
	if n != 4100-1583 {
		t.Fatalf("dateutil gave %d years", n)
	}
}

func BenchmarkDutchHolidays(b *testing.B) {
	opts := domain.DefaultSettings().Holidays
	var buf [16]Holiday
	for i := 0; b.Loop(); i++ {
		appendHolidays(buf[:0], 1900+i%300, opts)
	}
}
