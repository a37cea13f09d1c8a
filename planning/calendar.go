package planning

import (
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// The years a calendar keeps in its shared lookup table. Dates outside them
// still work: the calendar then builds a one-year table on the fly, which
// is slower but gives the same answers.
const (
	MinTableYear = 1900
	MaxTableYear = 2200
)

// The outermost dates the arithmetic reaches: results that would fall
// before year 1 or after year 9999 stop at these dates.
var (
	minDate = date.New(1, time.January, 1)
	maxDate = date.New(9999, time.December, 31)
)

// table answers working-day questions for the days [lo, hi) in O(1):
// rank[i] is the number of working days in [lo, lo+i), and work lists the
// working days in order, so that "the n-th working day from d" is an index.
type table struct {
	lo, hi date.Date
	rank   []int32
	work   []date.Date
}

func (t *table) covers(d date.Date) bool { return t != nil && d >= t.lo && d < t.hi }

func (t *table) isWorking(d date.Date) bool {
	i := d - t.lo
	return t.rank[i+1] != t.rank[i]
}

// Calendar is a work calendar: which days are working days for one
// organisation, and arithmetic in working days. The base calendar (from
// NewCalendar) is the secretariat's: weekends, the public holidays that
// the settings make days off, and the closed days without a gemeente (which
// hold for every organisation). ForMunicipality adds a gemeente's own
// closed days on top.
//
// A Calendar is safe for concurrent use. Its shared table grows on demand
// under a lock; lookups read it through an atomic pointer. Make one with
// NewCalendar; the zero value is not usable.
type Calendar struct {
	opts   domain.HolidayOptions
	parent *Calendar // nil for the base calendar
	munID  int64

	// own closed days: for the base, those without a gemeente; for a
	// gemeente, its own. extra holds the own closed days that are working
	// days of the parent, sorted: exactly the days this calendar removes.
	own      map[date.Date]string
	ownDates []date.Date // sorted
	extra    []date.Date

	// base only
	byMun    map[int64][]domain.ClosedDay
	recesses []domain.Recess        // sorted by From
	school   []domain.SchoolHoliday // sorted by From
	mu       sync.Mutex
	tab      atomic.Pointer[table]
	spare    atomic.Pointer[table] // the last one-year table built outside the shared range
	derived  map[int64]*Calendar   // guarded by mu
}

// NewCalendar returns the base work calendar for the settings' holiday
// options, the closed days (those with a MunicipalityID belong to that
// gemeente and are used by ForMunicipality), the recess periods and the
// school holidays. The slices are copied.
func NewCalendar(s domain.Settings, closed []domain.ClosedDay, recesses []domain.Recess, school []domain.SchoolHoliday) *Calendar {
	c := &Calendar{
		opts:    s.Holidays,
		own:     map[date.Date]string{},
		byMun:   map[int64][]domain.ClosedDay{},
		derived: map[int64]*Calendar{},
	}
	for _, cd := range closed {
		if cd.Date.IsZero() {
			continue
		}
		if cd.MunicipalityID != 0 {
			c.byMun[cd.MunicipalityID] = append(c.byMun[cd.MunicipalityID], cd)
			continue
		}
		if _, dup := c.own[cd.Date]; !dup {
			c.ownDates = append(c.ownDates, cd.Date)
		}
		c.own[cd.Date] = cd.Name
	}
	sortDates(c.ownDates)
	c.recesses = append([]domain.Recess(nil), recesses...)
	sort.SliceStable(c.recesses, func(i, j int) bool { return c.recesses[i].From < c.recesses[j].From })
	c.school = append([]domain.SchoolHoliday(nil), school...)
	sort.SliceStable(c.school, func(i, j int) bool { return c.school[i].From < c.school[j].From })
	return c
}

func sortDates(ds []date.Date) { sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] }) }

func (c *Calendar) root() *Calendar {
	if c.parent != nil {
		return c.parent
	}
	return c
}

// Options returns the holiday settings the calendar was made with.
func (c *Calendar) Options() domain.HolidayOptions { return c.opts }

// MunicipalityID returns the gemeente of a calendar from ForMunicipality,
// or 0 for the base calendar (and for a gemeente without closed days of
// its own, which shares the base calendar).
func (c *Calendar) MunicipalityID() int64 { return c.munID }

// ForMunicipality returns the calendar of gemeente id: the base calendar
// plus that gemeente's own closed days. A gemeente without closed days of
// its own gets the base calendar itself, so that its lookups share the
// base table.
func (c *Calendar) ForMunicipality(id int64) *Calendar {
	b := c.root()
	if id == 0 || len(b.byMun[id]) == 0 {
		return b
	}
	b.mu.Lock()
	d := b.derived[id]
	b.mu.Unlock()
	if d != nil {
		return d
	}
	d = &Calendar{opts: b.opts, parent: b, munID: id, own: map[date.Date]string{}}
	for _, cd := range b.byMun[id] {
		if _, dup := d.own[cd.Date]; !dup {
			d.ownDates = append(d.ownDates, cd.Date)
		}
		d.own[cd.Date] = cd.Name
	}
	sortDates(d.ownDates)
	for _, x := range d.ownDates {
		if b.IsWorkingDay(x) {
			d.extra = append(d.extra, x)
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if prev := b.derived[id]; prev != nil {
		return prev
	}
	b.derived[id] = d
	return d
}

// Prepare makes the shared table cover the years from through to (clamped
// to MinTableYear–MaxTableYear), so that later lookups in that range never
// wait for it to grow. Optional: the table grows by itself.
func (c *Calendar) Prepare(from, to int) {
	b := c.root()
	from, to = max(from, MinTableYear), min(to, MaxTableYear)
	if from > to {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	t := b.tab.Load()
	lo, hi := from, to
	if t != nil {
		lo, hi = min(lo, t.lo.Year()), max(hi, (t.hi-1).Year())
		if lo == t.lo.Year() && hi == (t.hi-1).Year() {
			return
		}
	}
	b.tab.Store(b.buildTable(lo, hi))
}

// buildTable computes the table of the base calendar for the years y1
// through y2.
func (c *Calendar) buildTable(y1, y2 int) *table {
	lo, hi := date.New(y1, time.January, 1), date.New(y2+1, time.January, 1)
	n := int(hi - lo)
	off := make([]bool, n)
	var buf [16]Holiday
	for y := y1; y <= y2; y++ {
		for _, h := range appendHolidays(buf[:0], y, c.opts) {
			if h.DayOff {
				off[h.Date-lo] = true
			}
		}
	}
	i := sort.Search(len(c.ownDates), func(i int) bool { return c.ownDates[i] >= lo })
	for ; i < len(c.ownDates) && c.ownDates[i] < hi; i++ {
		off[c.ownDates[i]-lo] = true
	}
	t := &table{lo: lo, hi: hi, rank: make([]int32, n+1), work: make([]date.Date, 0, n*5/7+2)}
	for i := 0; i < n; i++ {
		t.rank[i] = int32(len(t.work))
		if d := lo + date.Date(i); !off[i] && !d.IsWeekend() {
			t.work = append(t.work, d)
		}
	}
	t.rank[n] = int32(len(t.work))
	return t
}

// tableFor returns a table of the base calendar covering d, which must lie
// within [minDate, maxDate]. Inside the shared range the shared table grows
// to cover d (by at least eight years at a time, so that walking across
// decades rebuilds it only a few times); outside it a one-year table is
// built and kept as the spare.
func (c *Calendar) tableFor(d date.Date) *table {
	if t := c.tab.Load(); t.covers(d) {
		return t
	}
	y := d.Year()
	if y < MinTableYear || y > MaxTableYear {
		if t := c.spare.Load(); t.covers(d) {
			return t
		}
		t := c.buildTable(y, y)
		c.spare.Store(t)
		return t
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.tab.Load()
	if t.covers(d) {
		return t
	}
	lo, hi := y-2, y+2
	if t != nil {
		tlo, thi := t.lo.Year(), (t.hi - 1).Year()
		if y < tlo {
			lo, hi = min(lo, tlo-8), thi
		} else {
			lo, hi = tlo, max(hi, thi+8)
		}
	}
	t = c.buildTable(max(lo, MinTableYear), min(hi, MaxTableYear))
	c.tab.Store(t)
	return t
}

// IsWorkingDay reports whether d is a working day of this calendar.
func (c *Calendar) IsWorkingDay(d date.Date) bool {
	if c.parent != nil {
		return c.parent.IsWorkingDay(d) && !containsDate(c.extra, d)
	}
	if d < minDate || d > maxDate {
		return !d.IsWeekend()
	}
	return c.tableFor(d).isWorking(d)
}

func containsDate(ds []date.Date, d date.Date) bool {
	i := sort.Search(len(ds), func(i int) bool { return ds[i] >= d })
	return i < len(ds) && ds[i] == d
}

// countDates returns how many of the sorted ds fall in [p, q].
func countDates(ds []date.Date, p, q date.Date) int {
	if len(ds) == 0 || q < p {
		return 0
	}
	i := sort.Search(len(ds), func(i int) bool { return ds[i] >= p })
	j := sort.Search(len(ds), func(i int) bool { return ds[i] > q })
	return j - i
}

// AddWorkdays returns the date n working days after d (n > 0) or -n
// working days before it (n < 0), not counting d itself: Friday + 1 is
// Monday, and Saturday + 1 is Monday too. n = 0 returns d unchanged, even
// when d is not a working day; use Roll to move onto one.
func (c *Calendar) AddWorkdays(d date.Date, n int) date.Date {
	switch {
	case n > 0:
		if d >= maxDate {
			return maxDate
		}
		return c.nthFrom(d+1, n)
	case n < 0:
		if d <= minDate {
			return minDate
		}
		return c.nthBack(d-1, -n)
	}
	return d
}

// nthFrom returns the n-th (n ≥ 1) working day on or after p.
func (c *Calendar) nthFrom(p date.Date, n int) date.Date {
	if c.parent != nil {
		r := c.parent.nthFrom(p, n)
		// Each of our closed days in [p, r] was counted by the parent but is
		// not a working day here: go on for that many more.
		for k := countDates(c.extra, p, r); k > 0 && r < maxDate; k = countDates(c.extra, p, r) {
			p = r + 1
			r = c.parent.nthFrom(p, k)
		}
		return r
	}
	for p <= maxDate {
		t := c.tableFor(p)
		r := int(t.rank[p-t.lo])
		if idx := r + n - 1; idx < len(t.work) {
			return t.work[idx]
		}
		n -= len(t.work) - r
		p = t.hi
	}
	return maxDate
}

// nthBack returns the n-th (n ≥ 1) working day on or before q.
func (c *Calendar) nthBack(q date.Date, n int) date.Date {
	if c.parent != nil {
		r := c.parent.nthBack(q, n)
		for k := countDates(c.extra, r, q); k > 0 && r > minDate; k = countDates(c.extra, r, q) {
			q = r - 1
			r = c.parent.nthBack(q, k)
		}
		return r
	}
	for q >= minDate {
		t := c.tableFor(q)
		r := int(t.rank[q-t.lo+1])
		if idx := r - n; idx >= 0 {
			return t.work[idx]
		}
		n -= r
		q = t.lo - 1
	}
	return minDate
}

// WorkdaysBetween returns the number of working days after a up to and
// including b, or minus the number after b up to and including a when b is
// before a. It inverts AddWorkdays: AddWorkdays(a, WorkdaysBetween(a, b))
// is b whenever b is a working day and, when b is before a, a is one too.
func (c *Calendar) WorkdaysBetween(a, b date.Date) int {
	switch {
	case a < b:
		return c.count(a+1, b)
	case b < a:
		return -c.count(b+1, a)
	}
	return 0
}

// count returns the number of working days in [p, q], p ≤ q.
func (c *Calendar) count(p, q date.Date) int {
	if c.parent != nil {
		return c.parent.count(p, q) - countDates(c.extra, p, q)
	}
	p, q = max(p, minDate), min(q, maxDate)
	n := 0
	for p <= q {
		t := c.tableFor(p)
		if q < t.hi {
			return n + int(t.rank[q-t.lo+1]-t.rank[p-t.lo])
		}
		n += int(t.rank[len(t.rank)-1] - t.rank[p-t.lo])
		p = t.hi
	}
	return n
}

// Roll returns d when it is a working day, and otherwise the nearest
// working day before it (domain.RollEarlier, also for "") or after it
// (domain.RollLater).
func (c *Calendar) Roll(d date.Date, r domain.Roll) date.Date {
	if c.IsWorkingDay(d) {
		return d
	}
	if r == domain.RollLater {
		return c.AddWorkdays(d, 1)
	}
	return c.AddWorkdays(d, -1)
}

// Holidays returns the public holidays of year under this calendar's
// settings (see DutchHolidays).
func (c *Calendar) Holidays(year int) []Holiday { return DutchHolidays(year, c.opts) }

// DayOffKind says why a day is not a working day.
type DayOffKind string

// The reasons a day is not a working day.
const (
	OffWeekend DayOffKind = "weekend"
	OffHoliday DayOffKind = "feestdag"
	OffClosed  DayOffKind = "sluitingsdag"
)

// DayOff is a day that is not a working day, and why.
type DayOff struct {
	Date           date.Date  `json:"date"`
	Kind           DayOffKind `json:"kind"`
	Holiday        HolidayKey `json:"holiday,omitempty"`         // OffHoliday
	Name           string     `json:"name,omitempty"`            // OffClosed: the name the user gave it
	MunicipalityID int64      `json:"municipality_id,omitempty"` // OffClosed: whose closed day (0: everyone's)
}

// Label returns the day's name in the active language: the holiday's
// name, the closed day's own name, or "weekend".
func (o DayOff) Label() string { return o.Message().String() }

// Message returns the day's name as a Message.
func (o DayOff) Message() i18n.Message {
	switch o.Kind {
	case OffHoliday:
		return i18n.M("planning.holiday." + string(o.Holiday))
	case OffClosed:
		return i18n.M("planning.dayoff.closed", o.Name)
	}
	return i18n.M("planning.dayoff.weekend")
}

// Why returns why d is not a working day: a holiday first, then a closed
// day (this gemeente's, then everyone's), then the weekend. ok is false
// for a working day.
func (c *Calendar) Why(d date.Date) (DayOff, bool) {
	if c.IsWorkingDay(d) {
		return DayOff{}, false
	}
	if d.Year() >= minHolidayYear && d.Year() <= maxHolidayYear {
		var buf [16]Holiday
		for _, h := range appendHolidays(buf[:0], d.Year(), c.opts) {
			if h.Date == d && h.DayOff {
				return DayOff{Date: d, Kind: OffHoliday, Holiday: h.Key}, true
			}
		}
	}
	for x := c; x != nil; x = x.parent {
		if name, ok := x.own[d]; ok {
			return DayOff{Date: d, Kind: OffClosed, Name: name, MunicipalityID: x.munID}, true
		}
	}
	return DayOff{Date: d, Kind: OffWeekend}, true
}

// NonWorkingDays returns the named days off in [from, to]: the holidays
// that are days off under the settings and the closed days of this
// calendar (everyone's and, for a gemeente's calendar, its own), in date
// order. Plain weekends are left out; holidays and closed days that fall
// in a weekend are included, so that a year's list shows them all by name.
func (c *Calendar) NonWorkingDays(from, to date.Date) []DayOff {
	var out []DayOff
	if to < from {
		return nil
	}
	var buf [16]Holiday
	for y := max(from.Year(), minHolidayYear); y <= min(to.Year(), maxHolidayYear); y++ {
		for _, h := range appendHolidays(buf[:0], y, c.opts) {
			if h.DayOff && h.Date >= from && h.Date <= to {
				out = append(out, DayOff{Date: h.Date, Kind: OffHoliday, Holiday: h.Key})
			}
		}
	}
	for x := c; x != nil; x = x.parent {
		i := sort.Search(len(x.ownDates), func(i int) bool { return x.ownDates[i] >= from })
		for ; i < len(x.ownDates) && x.ownDates[i] <= to; i++ {
			d := x.ownDates[i]
			out = append(out, DayOff{Date: d, Kind: OffClosed, Name: x.own[d], MunicipalityID: x.munID})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// Recess returns the recess period of partnership p (or of every
// partnership) that contains d, if any.
func (c *Calendar) Recess(d date.Date, partnershipID int64) (domain.Recess, bool) {
	for _, r := range c.root().recesses {
		if r.From > d {
			break
		}
		if r.Contains(d) && (r.PartnershipID == 0 || r.PartnershipID == partnershipID) {
			return r, true
		}
	}
	return domain.Recess{}, false
}

// Recesses returns the recess periods of partnership p (including those of
// every partnership) that overlap [from, to], by start date.
func (c *Calendar) Recesses(partnershipID int64, from, to date.Date) []domain.Recess {
	var out []domain.Recess
	for _, r := range c.root().recesses {
		if r.From > to {
			break
		}
		if r.To >= from && (r.PartnershipID == 0 || r.PartnershipID == partnershipID) {
			out = append(out, r)
		}
	}
	return out
}

// SchoolHoliday returns the school holiday of region that contains d, if any.
func (c *Calendar) SchoolHoliday(d date.Date, region domain.SchoolRegion) (domain.SchoolHoliday, bool) {
	for _, s := range c.root().school {
		if s.From > d {
			break
		}
		if s.Region == region && !d.Before(s.From) && !d.After(s.To) {
			return s, true
		}
	}
	return domain.SchoolHoliday{}, false
}

// SchoolHolidays returns the school holidays of region (every region when
// region is "") that overlap [from, to], by start date.
func (c *Calendar) SchoolHolidays(region domain.SchoolRegion, from, to date.Date) []domain.SchoolHoliday {
	var out []domain.SchoolHoliday
	for _, s := range c.root().school {
		if s.From > to {
			break
		}
		if s.To >= from && (region == "" || s.Region == region) {
			out = append(out, s)
		}
	}
	return out
}

// clampDate keeps d within the dates the arithmetic supports.
func clampDate(d date.Date) date.Date { return max(min(d, maxDate), minDate) }
