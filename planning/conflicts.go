package planning

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// ConflictKind is what is wrong with a meeting's time or place.
type ConflictKind string

// The kinds of conflict.
const (
	// ConflictPerson: a person is expected at two meetings that overlap —
	// typically a wethouder whose gemeente sits in several partnerships.
	ConflictPerson ConflictKind = "persoon"
	// ConflictLocation: two overlapping meetings in the same room.
	ConflictLocation ConflictKind = "locatie"
	// ConflictHoliday, ConflictClosed, ConflictWeekend: the meeting falls
	// on a day that is not a working day of the secretariat.
	ConflictHoliday ConflictKind = "feestdag"
	ConflictClosed  ConflictKind = "sluitingsdag"
	ConflictWeekend ConflictKind = "weekend"
	// ConflictRecess: the meeting falls in a recess of its partnership.
	ConflictRecess ConflictKind = "reces"
)

// Conflict is one problem with the planned meetings.
type Conflict struct {
	Kind ConflictKind `json:"kind"`
	// MeetingIDs are the meetings involved: one, or two in date order.
	MeetingIDs []int64   `json:"meeting_ids"`
	Date       date.Date `json:"date"`
	// PersonID and MunicipalityID name who is double-booked
	// (ConflictPerson); MunicipalityID is 0 for people without a gemeente.
	PersonID       int64        `json:"person_id,omitempty"`
	MunicipalityID int64        `json:"municipality_id,omitempty"`
	Location       string       `json:"location,omitempty"` // ConflictLocation: as written on the first meeting
	Message        i18n.Message `json:"message"`
}

// interval is a meeting's time, for the sweeps.
type interval struct {
	start, end int64 // Unix seconds
	m          *domain.Meeting
}

// conflictIndex holds, per person and per normalised location, the
// intervals of the planned (not cancelled) meetings sorted by start.
type conflictIndex struct {
	byPerson map[int64][]interval
	byPlace  map[string][]interval
	longest  int64 // the longest meeting, bounding how far back an overlap can start
}

func (p *Planner) conflictIndex() *conflictIndex {
	p.conflictOnce.Do(func() {
		ci := &conflictIndex{byPerson: map[int64][]interval{}, byPlace: map[string][]interval{}}
		var buf []int64
		for i := range p.ds.Meetings {
			m := &p.ds.Meetings[i]
			if m.IsCancelled() || !m.End.After(m.Start) {
				continue
			}
			iv := interval{m.Start.Unix(), m.End.Unix(), m}
			ci.longest = max(ci.longest, iv.end-iv.start)
			buf = p.attendees(m, buf[:0])
			for _, id := range buf {
				ci.byPerson[id] = append(ci.byPerson[id], iv)
			}
			if loc := normalizeLocation(m.Location); loc != "" {
				ci.byPlace[loc] = append(ci.byPlace[loc], iv)
			}
		}
		for _, ivs := range ci.byPerson {
			sortIntervals(ivs)
		}
		for _, ivs := range ci.byPlace {
			sortIntervals(ivs)
		}
		p.conflictIx = ci
	})
	return p.conflictIx
}

func sortIntervals(ivs []interval) {
	sort.Slice(ivs, func(i, j int) bool {
		if ivs[i].start != ivs[j].start {
			return ivs[i].start < ivs[j].start
		}
		return ivs[i].m.ID < ivs[j].m.ID
	})
}

// attendees appends to buf the people expected at meeting m: everyone with
// an active seat in its body on its date (a member for a gemeente that is
// no longer, or not yet, a member of the partnership does not sit, as in
// domain.Index.MeetingSeats), except those who sent apologies, with the
// substitute in the place of a member who sends one. Each person appears
// once.
func (p *Planner) attendees(m *domain.Meeting, buf []int64) []int64 {
	b := p.ix.Bodies[m.BodyID]
	if b == nil {
		return buf
	}
	part := p.ix.Partnerships[b.PartnershipID]
	d := m.Date()
	for _, bm := range b.Members {
		if !bm.ActiveOn(d) {
			continue
		}
		per := p.ix.People[bm.PersonID]
		if per == nil {
			continue
		}
		if per.MunicipalityID != 0 && part != nil && !part.IsMemberOn(per.MunicipalityID, d) &&
			bm.Role != domain.RoleSecretaris && bm.Role != domain.RoleAdviseur {
			continue
		}
		who := per.ID
		for _, a := range m.Attendance {
			if a.PersonID != per.ID {
				continue
			}
			switch {
			case a.Status == domain.AttendanceAfgemeld:
				who = 0 // as in Seat.Attends: apologies, even with a name filled in
			case a.SubstituteID != 0:
				who = a.SubstituteID
			}
			break
		}
		if who != 0 && !containsID(buf, who) {
			buf = append(buf, who)
		}
	}
	return buf
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// Attendees returns the IDs of the people expected at meeting m (see
// attendees): the seats of its body on its date, minus apologies, plus
// substitutes.
func (p *Planner) Attendees(m *domain.Meeting) []int64 { return p.attendees(m, nil) }

// virtualWords mark a location that is not a room: two online meetings at
// the same time are no clash.
var virtualWords = map[string]bool{"online": true, "teams": true, "zoom": true, "webex": true, "digitaal": true,
	"videobellen": true, "videoverbinding": true}

// normalizeLocation returns the key under which two locations count as the
// same room: lower case, punctuation as spaces, single spaces. It returns
// "" for an empty or online-only location.
func normalizeLocation(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	key := b.String()
	for _, w := range strings.Fields(key) {
		if virtualWords[w] {
			return ""
		}
	}
	return key
}

// Conflicts returns every conflict among the planned meetings of all
// partnerships: people expected at two overlapping meetings, rooms booked
// twice, and meetings on a holiday, closed day, weekend or in recess. Sorted
// by date, then kind, then meetings. Cancelled meetings have no conflicts.
func (p *Planner) Conflicts() []Conflict {
	ci := p.conflictIndex()
	var out []Conflict
	for id, ivs := range ci.byPerson {
		sweep(ivs, func(a, b interval) { out = append(out, p.personConflict(id, a.m, b.m)) })
	}
	for _, ivs := range ci.byPlace {
		sweep(ivs, func(a, b interval) { out = append(out, p.locationConflict(a.m, b.m)) })
	}
	for i := range p.ds.Meetings {
		if m := &p.ds.Meetings[i]; !m.IsCancelled() {
			out = p.appendDayConflicts(out, m)
		}
	}
	sortConflicts(out)
	return out
}

// sweep calls fn for every pair of overlapping intervals in ivs (sorted by
// start), earlier first. Meetings that merely touch (one ends when the
// other starts) do not overlap.
func sweep(ivs []interval, fn func(a, b interval)) {
	var active []interval
	for _, cur := range ivs {
		kept := active[:0]
		for _, a := range active {
			if a.end > cur.start {
				kept = append(kept, a)
				if a.m.ID != cur.m.ID {
					fn(a, cur)
				}
			}
		}
		active = append(kept, cur)
	}
}

// sortConflicts orders by date, kind, meetings and person: a total order,
// since no two conflicts share all of them.
func sortConflicts(cs []Conflict) {
	slices.SortFunc(cs, func(a, b Conflict) int {
		if c := cmp.Compare(a.Date, b.Date); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		if c := slices.Compare(a.MeetingIDs, b.MeetingIDs); c != 0 {
			return c
		}
		return cmp.Compare(a.PersonID, b.PersonID)
	})
}

// ConflictsFor returns the conflicts that meeting m (planned, moved, or a
// candidate; it need not be in the dataset) would have with the planned
// meetings, ignoring m's own ID and the meetings for which ignore returns
// true (nil ignores none).
func (p *Planner) ConflictsFor(m *domain.Meeting, ignore func(*domain.Meeting) bool) []Conflict {
	if m.IsCancelled() {
		return nil
	}
	ci := p.conflictIndex()
	var out []Conflict
	self := interval{m.Start.Unix(), m.End.Unix(), m}
	visit := func(ivs []interval, fn func(o *domain.Meeting)) {
		// Only intervals starting before m ends can overlap, and none that
		// starts more than the longest meeting before m starts.
		hi := sort.Search(len(ivs), func(i int) bool { return ivs[i].start >= self.end })
		for i := hi - 1; i >= 0 && ivs[i].start > self.start-ci.longest-1; i-- {
			o := ivs[i]
			if o.end > self.start && o.m.ID != m.ID && (ignore == nil || !ignore(o.m)) {
				fn(o.m)
			}
		}
	}
	for _, id := range p.attendees(m, nil) {
		visit(ci.byPerson[id], func(o *domain.Meeting) {
			a, b := orderMeetings(m, o)
			out = append(out, p.personConflict(id, a, b))
		})
	}
	if loc := normalizeLocation(m.Location); loc != "" {
		visit(ci.byPlace[loc], func(o *domain.Meeting) {
			a, b := orderMeetings(m, o)
			out = append(out, p.locationConflict(a, b))
		})
	}
	out = p.appendDayConflicts(out, m)
	sortConflicts(out)
	return out
}

func orderMeetings(a, b *domain.Meeting) (*domain.Meeting, *domain.Meeting) {
	if b.Start.Before(a.Start) || b.Start.Equal(a.Start) && b.ID < a.ID {
		return b, a
	}
	return a, b
}

func (p *Planner) bodyName(m *domain.Meeting) string {
	if b := p.ix.Bodies[m.BodyID]; b != nil {
		return b.Name
	}
	return ""
}

// Span is a meeting's time as an explanation argument, rendered as
// "14:00–16:00" in Amsterdam when the message is rendered, not when the
// conflict is found: most conflicts of a large plan are never shown.
type Span struct{ Start, End int64 } // Unix seconds

func span(m *domain.Meeting) Span { return Span{m.Start.Unix(), m.End.Unix()} }

// String renders the span as start–end.
func (s Span) String() string {
	loc := domain.Amsterdam()
	return i18n.Clock(time.Unix(s.Start, 0).In(loc)) + "–" + i18n.Clock(time.Unix(s.End, 0).In(loc))
}

func (p *Planner) personConflict(personID int64, a, b *domain.Meeting) Conflict {
	c := Conflict{Kind: ConflictPerson, MeetingIDs: []int64{a.ID, b.ID}, Date: b.Date(), PersonID: personID}
	who := p.ix.PersonName(personID)
	if per := p.ix.People[personID]; per != nil && per.MunicipalityID != 0 {
		c.MunicipalityID = per.MunicipalityID
		c.Message = i18n.M("planning.conflict.person.gemeente", who, p.ix.MunicipalityName(per.MunicipalityID), LongDay(c.Date),
			p.bodyName(a), span(a), p.bodyName(b), span(b))
		return c
	}
	c.Message = i18n.M("planning.conflict.person", who, LongDay(c.Date), p.bodyName(a), span(a), p.bodyName(b), span(b))
	return c
}

func (p *Planner) locationConflict(a, b *domain.Meeting) Conflict {
	return Conflict{Kind: ConflictLocation, MeetingIDs: []int64{a.ID, b.ID}, Date: b.Date(), Location: a.Location,
		Message: i18n.M("planning.conflict.location", a.Location, LongDay(b.Date()), p.bodyName(a), span(a), p.bodyName(b), span(b))}
}

// appendDayConflicts appends the conflicts of m's day: not a working day
// of the secretariat, or in a recess of its partnership.
func (p *Planner) appendDayConflicts(out []Conflict, m *domain.Meeting) []Conflict {
	d := m.Date()
	name := p.bodyName(m)
	if off, ok := p.cal.Why(d); ok {
		c := Conflict{MeetingIDs: []int64{m.ID}, Date: d}
		switch off.Kind {
		case OffHoliday:
			c.Kind, c.Message = ConflictHoliday, i18n.M("planning.conflict.holiday", name, LongDay(d), off.Message())
		case OffClosed:
			c.Kind, c.Message = ConflictClosed, i18n.M("planning.conflict.closed", name, LongDay(d), off.Name)
		default:
			c.Kind, c.Message = ConflictWeekend, i18n.M("planning.conflict.weekend", name, LongDay(d))
		}
		out = append(out, c)
	}
	var part int64
	if b := p.ix.Bodies[m.BodyID]; b != nil {
		part = b.PartnershipID
	}
	if r, ok := p.cal.Recess(d, part); ok {
		out = append(out, Conflict{Kind: ConflictRecess, MeetingIDs: []int64{m.ID}, Date: d,
			Message: i18n.M("planning.conflict.recess", name, LongDay(d), r.Name, Day(r.From), Day(r.To))})
	}
	return out
}
