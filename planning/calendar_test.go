package planning

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
)

// refCalendar is the obviously-correct model the tables are checked
// against: a day is a working day unless it is a weekend, a holiday that is
// a day off, or a closed day; arithmetic walks one day at a time.
type refCalendar struct {
	opts   domain.HolidayOptions
	closed map[date.Date]bool
}

func (r refCalendar) working(d date.Date) bool {
	if d.IsWeekend() || r.closed[d] {
		return false
	}
	for _, h := range DutchHolidays(d.Year(), r.opts) {
		if h.Date == d && h.DayOff {
			return false
		}
	}
	return true
}

func (r refCalendar) add(d date.Date, n int) date.Date {
	step := date.Date(1)
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d += step
		if r.working(d) {
			n--
		}
	}
	return d
}

func (r refCalendar) between(a, b date.Date) int {
	n, sign := 0, 1
	if b < a {
		a, b, sign = b, a, -1
	}
	for d := a + 1; d <= b; d++ {
		if r.working(d) {
			n++
		}
	}
	return sign * n
}

var d = date.MustParse

func settingsWith(gf bool, lib domain.LiberationMode) domain.Settings {
	s := domain.DefaultSettings()
	s.Holidays = domain.HolidayOptions{GoodFriday: gf, Liberation: lib}
	return s
}

func TestAddWorkdays(t *testing.T) {
	closed := []domain.ClosedDay{
		{Date: d("2026-05-15"), Name: "vrijdag na Hemelvaart"},
		{Date: d("2026-12-28"), Name: "tussen kerst en oud en nieuw"},
		{Date: d("2026-03-09"), Name: "Vlissingen heidag", MunicipalityID: 2},
	}
	c := NewCalendar(domain.DefaultSettings(), closed, nil, nil)
	vl := c.ForMunicipality(2)
	tests := []struct {
		name string
		cal  *Calendar
		from string
		n    int
		want string
	}{
		{"friday plus one is monday", c, "2026-03-06", 1, "2026-03-09"},
		{"saturday plus one is monday", c, "2026-03-07", 1, "2026-03-09"},
		{"saturday minus one is friday", c, "2026-03-07", -1, "2026-03-06"},
		{"monday minus one is friday", c, "2026-03-09", -1, "2026-03-06"},
		{"zero keeps a weekend day", c, "2026-03-07", 0, "2026-03-07"},
		{"two weeks", c, "2026-03-02", 10, "2026-03-16"},
		{"over easter monday", c, "2026-04-03", 1, "2026-04-07"},
		{"goede vrijdag works by default", c, "2026-04-02", 1, "2026-04-03"},
		{"over koningsdag", c, "2026-04-24", 1, "2026-04-28"},
		{"bevrijdingsdag 2026 is no lustrum", c, "2026-05-04", 1, "2026-05-05"},
		{"over hemelvaart and the closed friday", c, "2026-05-13", 1, "2026-05-18"},
		{"back over hemelvaart", c, "2026-05-18", -1, "2026-05-13"},
		{"over christmas and the closed day", c, "2026-12-24", 1, "2026-12-29"},
		{"into the next year", c, "2026-12-31", 1, "2027-01-04"},
		{"15 working days before a thursday PHO", c, "2027-03-18", -15, "2027-02-25"},
		{"vlissingen closes on 9 March", vl, "2026-03-06", 1, "2026-03-10"},
		{"the secretariat does not", c, "2026-03-06", 1, "2026-03-09"},
		{"vlissingen back over its closed day", vl, "2026-03-10", -1, "2026-03-06"},
		{"vlissingen inherits the secretariat's closed days", vl, "2026-05-13", 1, "2026-05-18"},
		{"a century later", c, "2126-03-08", 1, "2126-03-11"},
		{"before the shared table", c, "1850-12-31", 1, "1851-01-02"},
		{"before the computus only weekends", c, "1500-01-01", 1, "1500-01-02"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.cal.AddWorkdays(d(tc.from), tc.n); got != d(tc.want) {
				t.Fatalf("AddWorkdays(%s, %d) = %s, want %s", tc.from, tc.n, got, tc.want)
			}
		})
	}
}

func TestWorkdaysBetween(t *testing.T) {
	c := NewCalendar(domain.DefaultSettings(), []domain.ClosedDay{{Date: d("2026-05-15"), Name: "brugdag"}}, nil, nil)
	tests := []struct {
		a, b string
		want int
	}{
		{"2026-03-06", "2026-03-06", 0},
		{"2026-03-06", "2026-03-09", 1},  // Friday to Monday
		{"2026-03-09", "2026-03-06", -1}, // and back
		{"2026-03-07", "2026-03-08", 0},  // a weekend
		{"2026-03-02", "2026-03-16", 10},
		{"2026-05-11", "2026-05-18", 3}, // Tue, Wed, Mon: Ascension and the bridge day do not count
		// 2026 has 261 weekdays; Nieuwjaarsdag, Tweede Paasdag, Koningsdag,
		// Hemelvaartsdag, the bridge day, Tweede Pinksterdag and Eerste
		// Kerstdag fall on them (Tweede Kerstdag is a Saturday).
		{"2025-12-31", "2026-12-31", 261 - 7},
		{"2026-01-01", "2027-01-01", 261 - 7}, // drops 1 January, gains nothing: 1 January 2027 is a holiday
	}
	for _, tc := range tests {
		if got := c.WorkdaysBetween(d(tc.a), d(tc.b)); got != tc.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestCalendarMatchesReference checks the tables (shared, grown, one-year
// spares, and a gemeente's calendar on top) against the day-by-day model
// for random dates from 1850 to 2250, so across both ends of the shared
// range, under every combination of settings.
func TestCalendarMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lo, hi := d("1850-01-01"), d("2250-12-31")
	var closed []domain.ClosedDay
	ref := map[int64]refCalendar{}
	for _, mun := range []int64{0, 7} {
		m := map[date.Date]bool{}
		for i := 0; i < 400; i++ {
			x := lo + date.Date(rng.IntN(int(hi-lo)))
			closed = append(closed, domain.ClosedDay{Date: x, Name: "dicht", MunicipalityID: mun})
			m[x] = true
		}
		ref[mun] = refCalendar{closed: m}
	}
	for k, v := range ref[0].closed {
		ref[7].closed[k] = v // the gemeente also closes when everyone does
	}
	for _, s := range []domain.Settings{
		settingsWith(false, domain.LiberationLustrum),
		settingsWith(true, domain.LiberationYearly),
		settingsWith(false, domain.LiberationNever),
	} {
		c := NewCalendar(s, closed, nil, nil)
		for _, mun := range []int64{0, 7} {
			cal, r := c.ForMunicipality(mun), ref[mun]
			r.opts = s.Holidays
			for i := 0; i < 3000; i++ {
				a := lo + date.Date(rng.IntN(int(hi-lo)))
				n := rng.IntN(1200) - 600
				if i%10 == 0 {
					n = rng.IntN(21) - 10
				}
				if got, want := cal.IsWorkingDay(a), r.working(a); got != want {
					t.Fatalf("%v mun %d: IsWorkingDay(%s) = %v, want %v", s.Holidays, mun, a, got, want)
				}
				if got, want := cal.AddWorkdays(a, n), r.add(a, n); got != want {
					t.Fatalf("%v mun %d: AddWorkdays(%s, %d) = %s, want %s", s.Holidays, mun, a, n, got, want)
				}
				b := a + date.Date(rng.IntN(1500)-750)
				if got, want := cal.WorkdaysBetween(a, b), r.between(a, b); got != want {
					t.Fatalf("%v mun %d: WorkdaysBetween(%s, %s) = %d, want %d", s.Holidays, mun, a, b, got, want)
				}
			}
		}
	}
}

// TestWorkdayProperties checks the laws the planning relies on: results
// are working days, AddWorkdays is monotonic in n and in d, and
// WorkdaysBetween is its inverse.
func TestWorkdayProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	c := NewCalendar(domain.DefaultSettings(), []domain.ClosedDay{
		{Date: d("2027-05-07"), Name: "brugdag"}, {Date: d("2027-12-27"), Name: "kerst", MunicipalityID: 1},
		{Date: d("2027-12-28"), Name: "kerst", MunicipalityID: 1}}, nil, nil)
	for _, cal := range []*Calendar{c, c.ForMunicipality(1)} {
		base := d("2026-01-01")
		for i := 0; i < 20000; i++ {
			a := base + date.Date(rng.IntN(1100))
			n := rng.IntN(81) - 40
			if n == 0 {
				continue
			}
			r := cal.AddWorkdays(a, n)
			if !cal.IsWorkingDay(r) {
				t.Fatalf("AddWorkdays(%s, %d) = %s, not a working day", a, n, r)
			}
			if (n > 0) != (r > a) {
				t.Fatalf("AddWorkdays(%s, %d) = %s goes the wrong way", a, n, r)
			}
			if next := cal.AddWorkdays(a, n+1); n+1 != 0 && next <= r {
				t.Fatalf("AddWorkdays(%s, %d) = %s not after AddWorkdays(.., %d) = %s", a, n+1, next, n, r)
			}
			if later := cal.AddWorkdays(a+1, n); later < r {
				t.Fatalf("AddWorkdays(%s, %d) = %s before AddWorkdays(%s, %d) = %s", a+1, n, later, a, n, r)
			}
			if cal.IsWorkingDay(a) {
				if got := cal.WorkdaysBetween(a, r); got != n {
					t.Fatalf("WorkdaysBetween(%s, AddWorkdays(%s, %d) = %s) = %d", a, a, n, r, got)
				}
			}
			if n > 0 && cal.WorkdaysBetween(a, r) != n {
				// Forward, the inverse holds from any day; backward only from
				// a working day (checked above), because a itself is counted.
				t.Fatalf("WorkdaysBetween(%s, %s) = %d, want %d", a, r, cal.WorkdaysBetween(a, r), n)
			}
		}
	}
}

func TestRoll(t *testing.T) {
	c := NewCalendar(domain.DefaultSettings(), nil, nil, nil)
	for _, tc := range []struct {
		day  string
		roll domain.Roll
		want string
	}{
		{"2026-03-07", domain.RollEarlier, "2026-03-06"},
		{"2026-03-07", "", "2026-03-06"},
		{"2026-03-07", domain.RollLater, "2026-03-09"},
		{"2026-04-06", domain.RollEarlier, "2026-04-03"}, // Easter Monday: Goede Vrijdag works
		{"2026-03-09", domain.RollLater, "2026-03-09"},
	} {
		if got := c.Roll(d(tc.day), tc.roll); got != d(tc.want) {
			t.Errorf("Roll(%s, %q) = %s, want %s", tc.day, tc.roll, got, tc.want)
		}
	}
}

func TestWhyAndNonWorkingDays(t *testing.T) {
	c := NewCalendar(domain.DefaultSettings(), []domain.ClosedDay{
		{Date: d("2026-05-15"), Name: "brugdag"},
		{Date: d("2026-02-16"), Name: "carnaval", MunicipalityID: 5},
	}, nil, nil)
	for _, tc := range []struct {
		cal   *Calendar
		day   string
		kind  DayOffKind
		label string
	}{
		{c, "2026-04-27", OffHoliday, "Koningsdag"},
		{c, "2026-05-15", OffClosed, "brugdag"},
		{c, "2026-05-16", OffWeekend, "weekend"},
		{c.ForMunicipality(5), "2026-02-16", OffClosed, "carnaval"},
		{c.ForMunicipality(5), "2026-05-15", OffClosed, "brugdag"},
		{c, "2026-02-16", "", ""},
	} {
		o, ok := tc.cal.Why(d(tc.day))
		if ok != (tc.kind != "") || o.Kind != tc.kind || ok && o.Label() != tc.label {
			t.Errorf("Why(%s) = %+v %q (%v), want %s %q", tc.day, o, o.Label(), ok, tc.kind, tc.label)
		}
	}
	got := c.NonWorkingDays(d("2026-01-01"), d("2026-12-31"))
	var labels []string
	for _, o := range got {
		labels = append(labels, o.Date.String()+" "+o.Label())
	}
	want := []string{"2026-01-01 Nieuwjaarsdag", "2026-04-05 Eerste Paasdag", "2026-04-06 Tweede Paasdag",
		"2026-04-27 Koningsdag", "2026-05-14 Hemelvaartsdag", "2026-05-15 brugdag", "2026-05-24 Eerste Pinksterdag",
		"2026-05-25 Tweede Pinksterdag", "2026-12-25 Eerste Kerstdag", "2026-12-26 Tweede Kerstdag"}
	if len(labels) != len(want) {
		t.Fatalf("NonWorkingDays 2026:\n got %q\nwant %q", labels, want)
	}
	for i := range want {
		if labels[i] != want[i] {
			t.Fatalf("NonWorkingDays 2026:\n got %q\nwant %q", labels, want)
		}
	}
	if n := len(c.ForMunicipality(5).NonWorkingDays(d("2026-02-01"), d("2026-02-28"))); n != 1 {
		t.Errorf("the gemeente's calendar lists %d days off in February, want its carnaval", n)
	}
}

func TestRecessAndSchoolHolidays(t *testing.T) {
	c := NewCalendar(domain.DefaultSettings(), nil, []domain.Recess{
		{Name: "Zomerreces", From: d("2027-07-12"), To: d("2027-08-20")},
		{Name: "Reces Orionis", From: d("2027-03-01"), To: d("2027-03-05"), PartnershipID: 3},
	}, DefaultSchoolHolidays())
	if r, ok := c.Recess(d("2027-08-02"), 9); !ok || r.Name != "Zomerreces" {
		t.Errorf("2 August 2027 should be in the zomerreces of every partnership: %v %v", r, ok)
	}
	if _, ok := c.Recess(d("2027-03-03"), 9); ok {
		t.Errorf("another partnership's recess applies")
	}
	if _, ok := c.Recess(d("2027-03-03"), 3); !ok {
		t.Errorf("the partnership's own recess does not apply")
	}
	if s, ok := c.SchoolHoliday(d("2027-02-10"), domain.RegionZuid); !ok || s.Name != "Voorjaarsvakantie" {
		t.Errorf("10 February 2027 is carnaval in the south: %v %v", s, ok)
	}
	if _, ok := c.SchoolHoliday(d("2027-02-10"), domain.RegionNoord); ok {
		t.Errorf("not a school holiday in the north")
	}
	if n := len(c.SchoolHolidays("", d("2027-10-01"), d("2027-10-31"))); n != 3 {
		t.Errorf("%d autumn holidays in October 2027, want one per region", n)
	}
}

func TestDefaultSchoolHolidays(t *testing.T) {
	seen := map[domain.SchoolRegion]int{}
	for _, s := range SchoolHolidayDefaults() {
		if err := s.SchoolHoliday.Validate(); err != nil {
			t.Errorf("%+v: %v", s, err)
		}
		if s.From.Weekday() != time.Saturday || s.To.Weekday() != time.Sunday {
			t.Errorf("%s %s runs %s–%s, not Saturday to Sunday", s.Region, s.Name, s.From, s.To)
		}
		if s.Source == "" || s.Confirmed != (s.Source == SourceOCW2027) {
			t.Errorf("%s %s: provenance %q/%v", s.Region, s.Name, s.Source, s.Confirmed)
		}
		seen[s.Region]++
	}
	for _, r := range domain.SchoolRegions() {
		if seen[r] != 10 {
			t.Errorf("region %s has %d periods, want 5 per school year", r, seen[r])
		}
	}
}

// TestCalendarConcurrentGrowth lets goroutines grow the shared table from
// different ends at once (run with -race).
func TestCalendarConcurrentGrowth(t *testing.T) {
	c := NewCalendar(domain.DefaultSettings(), nil, nil, nil)
	r := refCalendar{opts: domain.DefaultSettings().Holidays}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for y := 0; y < 60; y++ {
				year := 2020 + y
				if g%2 == 1 {
					year = 2020 - y
				}
				x := date.New(year, time.March, 1+g)
				if got, want := c.AddWorkdays(x, 7), r.add(x, 7); got != want {
					t.Errorf("AddWorkdays(%s, 7) = %s, want %s", x, got, want)
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestExtremeArguments(t *testing.T) {
	c := NewCalendar(domain.DefaultSettings(), []domain.ClosedDay{{Date: d("2026-01-02"), Name: "x", MunicipalityID: 1}}, nil, nil)
	for _, cal := range []*Calendar{c, c.ForMunicipality(1)} {
		if got := cal.AddWorkdays(d("2026-01-01"), 1<<40); got != maxDate {
			t.Errorf("huge n: %s", got)
		}
		if got := cal.AddWorkdays(d("2026-01-01"), -1<<40); got != minDate {
			t.Errorf("huge negative n: %s", got)
		}
		if got := cal.AddWorkdays(maxDate+100, 1); got != maxDate {
			t.Errorf("after the last date: %s", got)
		}
		if n := cal.WorkdaysBetween(minDate-5, maxDate+5); n < 2_500_000 || n > 2_700_000 {
			t.Errorf("working days in years 1–9999: %d", n)
		}
	}
}

func FuzzAddWorkdays(f *testing.F) {
	f.Add(int32(739000), int32(5), int64(0))
	f.Add(int32(739000), int32(-15), int64(1))
	f.Add(int32(693000), int32(300), int64(1))
	f.Add(int32(804000), int32(-2000), int64(0))
	c := NewCalendar(domain.DefaultSettings(), []domain.ClosedDay{
		{Date: d("2026-05-15"), Name: "brugdag"}, {Date: d("2026-03-09"), Name: "heidag", MunicipalityID: 1},
		{Date: d("2199-12-31"), Name: "eind", MunicipalityID: 1}, {Date: d("1900-01-02"), Name: "begin"}}, nil, nil)
	f.Fuzz(func(t *testing.T, day, n32 int32, mun int64) {
		cal := c.ForMunicipality(mun & 1)
		// A start within [minDate, maxDate] (years 1–9999, the dates one
		// can type): outside it AddWorkdays and WorkdaysBetween, which
		// counts within the range only, cannot invert each other. Sums
		// that run off the range are still tried.
		a := minDate + date.Date(uint32(day)%uint32(maxDate-minDate+1))
		n := int(n32 % 100_000)
		r := cal.AddWorkdays(a, n)
		if n == 0 {
			if r != a {
				t.Fatalf("AddWorkdays(%s, 0) = %s", a, r)
			}
			return
		}
		if r == minDate || r == maxDate {
			return // ran off the supported range
		}
		if !cal.IsWorkingDay(r) {
			t.Fatalf("AddWorkdays(%s, %d) = %s is not a working day", a, n, r)
		}
		if (n > 0) != (r > a) {
			t.Fatalf("AddWorkdays(%s, %d) = %s goes the wrong way", a, n, r)
		}
		if cal.IsWorkingDay(a) && cal.WorkdaysBetween(a, r) != n {
			t.Fatalf("WorkdaysBetween(%s, %s) = %d, want %d", a, r, cal.WorkdaysBetween(a, r), n)
		}
		if s := cal.AddWorkdays(r, -n); cal.IsWorkingDay(a) && s != a {
			t.Fatalf("AddWorkdays(AddWorkdays(%s, %d), %d) = %s", a, n, -n, s)
		}
	})
}

func FuzzWorkdaysBetween(f *testing.F) {
	f.Add(int32(739000), int32(12))
	f.Add(int32(739000), int32(-400))
	f.Add(int32(693500), int32(100000))
	c := NewCalendar(settingsWith(true, domain.LiberationYearly), []domain.ClosedDay{{Date: d("2026-05-15"), Name: "brugdag"}}, nil, nil)
	f.Fuzz(func(t *testing.T, day, span int32) {
		a := date.Date(day)%4_000_000 + 1
		b := a + date.Date(span%200_000)
		n := c.WorkdaysBetween(a, b)
		if -n != c.WorkdaysBetween(b, a) {
			t.Fatalf("WorkdaysBetween not antisymmetric for %s, %s", a, b)
		}
		if abs(n) > abs(int(b-a)) {
			t.Fatalf("%d working days in %d calendar days", n, b-a)
		}
		m := a + (b-a)/2
		if c.WorkdaysBetween(a, m)+c.WorkdaysBetween(m, b) != n {
			t.Fatalf("WorkdaysBetween(%s, %s) is not additive over %s", a, b, m)
		}
		if n != 0 && c.IsWorkingDay(b) && (n > 0 || c.IsWorkingDay(a)) && c.AddWorkdays(a, n) != b {
			t.Fatalf("AddWorkdays(%s, %d) = %s, want %s", a, n, c.AddWorkdays(a, n), b)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func BenchmarkAddWorkdays(b *testing.B) {
	c := NewCalendar(domain.DefaultSettings(), []domain.ClosedDay{{Date: d("2027-03-09"), Name: "heidag", MunicipalityID: 1}}, nil, nil)
	c.Prepare(2026, 2028)
	for _, bc := range []struct {
		name string
		cal  *Calendar
	}{{"base", c}, {"gemeente", c.ForMunicipality(1)}} {
		b.Run(bc.name, func(b *testing.B) {
			start := d("2027-01-01")
			var sink date.Date
			for i := 0; b.Loop(); i++ {
				sink += bc.cal.AddWorkdays(start+date.Date(i%365), i%31-15)
			}
			_ = sink
		})
	}
}

func BenchmarkWorkdaysBetween(b *testing.B) {
	c := NewCalendar(domain.DefaultSettings(), nil, nil, nil)
	c.Prepare(2026, 2028)
	start := d("2027-01-01")
	n := 0
	for i := 0; b.Loop(); i++ {
		n += c.WorkdaysBetween(start+date.Date(i%365), start+date.Date(i%400))
	}
	_ = n
}

func BenchmarkBuildTable(b *testing.B) {
	c := NewCalendar(domain.DefaultSettings(), nil, nil, nil)
	for b.Loop() {
		c.buildTable(MinTableYear, MaxTableYear)
	}
}
