package planning

import (
	"fmt"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// SeriesStatus is what became of a date that a body's rhythm gives.
type SeriesStatus string

// The outcomes of a rhythm date.
const (
	SeriesPlanned SeriesStatus = "gepland"    // on the date the rhythm gives
	SeriesMoved   SeriesStatus = "verschoven" // to another day in the same week
	SeriesSkipped SeriesStatus = "vervallen"  // no meeting that time
)

// SeriesEntry is one date of a year's series: the date the rhythm gives,
// and where the meeting really goes, with the reason when it moved or was
// dropped and notes worth knowing (a school holiday in a member's region).
type SeriesEntry struct {
	Nominal    date.Date      `json:"nominal"`
	Date       date.Date      `json:"date,omitempty"` // zero when skipped
	Start      time.Time      `json:"start,omitzero"`
	End        time.Time      `json:"end,omitzero"`
	Status     SeriesStatus   `json:"status"`
	Reason     i18n.Message   `json:"reason,omitzero"`
	Notes      []i18n.Message `json:"notes,omitempty"`
	ExistingID int64          `json:"existing_id,omitempty"` // a meeting of the body already planned that week
}

// Series is a year of meetings of one body as its rhythm gives them.
type Series struct {
	BodyID  int64         `json:"body_id"`
	Year    int           `json:"year"`
	Rhythm  domain.Rhythm `json:"rhythm"`
	Entries []SeriesEntry `json:"entries"`
}

// Planned returns the entries that give a meeting (planned or moved).
func (s *Series) Planned() []SeriesEntry {
	var out []SeriesEntry
	for _, e := range s.Entries {
		if e.Status != SeriesSkipped {
			out = append(out, e)
		}
	}
	return out
}

// NewMeetings returns the meetings to create for the series: one for every
// planned or moved entry in a week without a meeting of the body yet, with
// the body's default time and place. IDs, UIDs and sequences are left for
// the store to assign.
func (s *Series) NewMeetings(b *domain.Body) []domain.Meeting {
	var out []domain.Meeting
	for _, e := range s.Entries {
		if e.Status == SeriesSkipped || e.ExistingID != 0 {
			continue
		}
		out = append(out, domain.Meeting{BodyID: b.ID, Start: e.Start, End: e.End, Location: b.Location, Status: domain.StatusGepland})
	}
	return out
}

// RhythmDates returns the dates that rhythm r gives in year, before any
// holiday or recess is taken into account. Every Interval weeks on Weekday
// counts in whole weeks from Start (the first Weekday of the year when
// Start is zero); the n-th Weekday of every Interval months counts months
// from Start's month (January when zero). Nth is 1–4 or -1 for the last; a
// fifth weekday that a month does not have is left out.
func RhythmDates(r domain.Rhythm, year int) []date.Date {
	n := max(r.Interval, 1)
	jan1, dec31 := date.New(year, time.January, 1), date.New(year, time.December, 31)
	var out []date.Date
	switch r.Kind {
	case domain.RhythmWeeks:
		anchor := r.Start
		if anchor.IsZero() {
			anchor = jan1
		}
		anchor += date.Date((int(r.Weekday) - int(anchor.Weekday()) + 7) % 7)
		step := date.Date(7 * n)
		k := floorDiv(int(jan1-anchor)+int(step)-1, int(step))
		for d := anchor + date.Date(k)*step; d <= dec31; d += step {
			out = append(out, d)
		}
	case domain.RhythmMonthly:
		first := year * 12
		if !r.Start.IsZero() {
			first = r.Start.Year()*12 + int(r.Start.Month()) - 1
		}
		for m := 1; m <= 12; m++ {
			if (year*12+m-1-first)%n != 0 {
				continue
			}
			if d, ok := nthWeekday(year, time.Month(m), r.Weekday, r.Nth); ok {
				out = append(out, d)
			}
		}
	}
	return out
}

// floorDiv divides rounding towards minus infinity, for phases of dates
// before the anchor.
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// nthWeekday returns the nth (1–5, or -1 for the last; 0 counts as 1)
// weekday w of month m; ok is false when the month has no such day.
func nthWeekday(y int, m time.Month, w time.Weekday, nth int) (date.Date, bool) {
	if nth < 0 {
		last := date.New(y, m, date.DaysIn(y, m))
		return last - date.Date((int(last.Weekday())-int(w)+7)%7), true
	}
	if nth > 5 {
		return 0, false // no month has a sixth weekday
	}
	first := date.New(y, m, 1)
	d := first + date.Date((int(w)-int(first.Weekday())+7)%7) + date.Date(7*(max(nth, 1)-1))
	return d, d.Month() == m
}

// Series returns the series of body id in year from its own rhythm.
func (p *Planner) Series(bodyID int64, year int) (Series, error) {
	b := p.ix.Bodies[bodyID]
	if b == nil {
		return Series{}, i18n.Errorf(fmt.Errorf("overleg %d: %w", bodyID, ErrUnknown), "planning.err.body", bodyID)
	}
	if b.Rhythm.Kind == domain.RhythmNone {
		return Series{}, i18n.Errorf(nil, "planning.err.norhythm", b.Name)
	}
	return p.SeriesFor(b, b.Rhythm, year), nil
}

// SeriesFor returns the series that rhythm r gives body b in year. A date
// in a recess of the body's partnership is dropped (no meetings in recess);
// a date that is not a working day of the secretariat moves to the next
// working day in the same week, or else the one before (later first: a
// later meeting leaves every deadline already announced at least as much
// time), and is dropped when the week has none. Entries note the school
// holidays of the member gemeenten's regions.
func (p *Planner) SeriesFor(b *domain.Body, r domain.Rhythm, year int) Series {
	s := Series{BodyID: b.ID, Year: year, Rhythm: r}
	nominal := RhythmDates(r, year)
	taken := make(map[date.Date]bool, len(nominal))
	for _, x := range nominal {
		taken[x] = true
	}
	for _, x := range nominal {
		e := p.planDate(b, x, taken)
		if e.Status == SeriesMoved {
			taken[e.Date] = true
		}
		if e.Status != SeriesSkipped {
			e.Start, e.End = MeetingTimes(b, e.Date)
			e.Notes = p.SchoolNotes(b, e.Date)
		}
		e.ExistingID = p.existingInWeek(b.ID, x)
		s.Entries = append(s.Entries, e)
	}
	return s
}

// MeetingTimes returns the body's default start and end on d in Amsterdam.
// A body without a duration gets an hour, so that the meeting has one.
// Series uses it for every date; a screen that lets the user move a date
// uses it too, so that a moved date gets the same times.
func MeetingTimes(b *domain.Body, d date.Date) (time.Time, time.Time) {
	start := d.At(b.StartMinute/60, b.StartMinute%60, domain.Amsterdam())
	dur := b.Duration
	if dur <= 0 {
		dur = 60
	}
	return start, start.Add(time.Duration(dur) * time.Minute)
}

func (p *Planner) planDate(b *domain.Body, x date.Date, taken map[date.Date]bool) SeriesEntry {
	e := SeriesEntry{Nominal: x}
	if rc, ok := p.cal.Recess(x, b.PartnershipID); ok {
		e.Status, e.Reason = SeriesSkipped, i18n.M("planning.series.recess", Day(x), rc.Name)
		return e
	}
	if p.cal.IsWorkingDay(x) {
		e.Status, e.Date = SeriesPlanned, x
		return e
	}
	why, _ := p.cal.Why(x)
	monday := x - date.Date((int(x.Weekday())+6)%7)
	for k := 1; k <= 4; k++ {
		for _, c := range []date.Date{x + date.Date(k), x - date.Date(k)} {
			if c < monday || c > monday+4 || taken[c] || !p.cal.IsWorkingDay(c) {
				continue
			}
			if _, in := p.cal.Recess(c, b.PartnershipID); in {
				continue
			}
			e.Status, e.Date = SeriesMoved, c
			e.Reason = i18n.M("planning.series.moved", why.Message(), Day(x), Day(c))
			return e
		}
	}
	e.Status, e.Reason = SeriesSkipped, i18n.M("planning.series.skipped", why.Message(), Day(x))
	return e
}

// SchoolNotes returns a note for every school holiday on d in the regions
// of the body's member gemeenten on d, as Series notes them on its dates
// (for a date the user picks instead).
func (p *Planner) SchoolNotes(b *domain.Body, d date.Date) []i18n.Message {
	var seen [3]bool
	var out []i18n.Message
	for _, m := range p.members(b.PartnershipID, d) {
		for i, r := range domain.SchoolRegions() {
			if m.Municipality.Region != r || seen[i] {
				continue
			}
			seen[i] = true
			if h, ok := p.cal.SchoolHoliday(d, r); ok {
				out = append(out, i18n.M("planning.series.school", h.Name, i18n.M("domain.region."+string(r))))
			}
		}
	}
	return out
}

// existingInWeek returns a meeting of body id (not cancelled) in the week
// of d, or 0: the series date it already stands for.
func (p *Planner) existingInWeek(bodyID int64, d date.Date) int64 {
	monday := d - date.Date((int(d.Weekday())+6)%7)
	for _, m := range p.byBody[bodyID] {
		if md := m.Date(); !m.IsCancelled() && md >= monday && md < monday+7 {
			return m.ID
		}
	}
	return 0
}
