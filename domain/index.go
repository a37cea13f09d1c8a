package domain

import (
	"sort"

	"github.com/overlegplanner/overlegplanner/date"
)

// Index looks up the entities of a Dataset by ID. It is built once per
// dataset and read by planning, documents and the UI alike, so that the
// rules below (who is a member of a meeting) have one definition.
type Index struct {
	Municipalities map[int64]*Municipality
	Partnerships   map[int64]*Partnership
	People         map[int64]*Person
	Bodies         map[int64]*Body
	Meetings       map[int64]*Meeting
}

// NewIndex indexes ds. The pointers point into ds's slices, so ds must not
// be appended to while the index is in use.
func NewIndex(ds *Dataset) *Index {
	ix := &Index{
		Municipalities: make(map[int64]*Municipality, len(ds.Municipalities)),
		Partnerships:   make(map[int64]*Partnership, len(ds.Partnerships)),
		People:         make(map[int64]*Person, len(ds.People)),
		Bodies:         make(map[int64]*Body, len(ds.Bodies)),
		Meetings:       make(map[int64]*Meeting, len(ds.Meetings)),
	}
	for i := range ds.Municipalities {
		ix.Municipalities[ds.Municipalities[i].ID] = &ds.Municipalities[i]
	}
	for i := range ds.Partnerships {
		ix.Partnerships[ds.Partnerships[i].ID] = &ds.Partnerships[i]
	}
	for i := range ds.People {
		ix.People[ds.People[i].ID] = &ds.People[i]
	}
	for i := range ds.Bodies {
		ix.Bodies[ds.Bodies[i].ID] = &ds.Bodies[i]
	}
	for i := range ds.Meetings {
		ix.Meetings[ds.Meetings[i].ID] = &ds.Meetings[i]
	}
	return ix
}

// MunicipalityName returns the name of gemeente id, or "" when unknown.
func (ix *Index) MunicipalityName(id int64) string {
	if m := ix.Municipalities[id]; m != nil {
		return m.Name
	}
	return ""
}

// PersonName returns the name of person id, or "" when unknown.
func (ix *Index) PersonName(id int64) string {
	if p := ix.People[id]; p != nil {
		return p.Name
	}
	return ""
}

// Seat is a person's place at one meeting: their seat in the body, the
// gemeente they represent (0 for secretariat and advisers without one) and
// their answer for this meeting.
type Seat struct {
	Person       *Person
	Role         MemberRole
	Municipality *Municipality // nil when the person represents no gemeente
	Attendance   Attendance    // zero when the person has not answered
	Substitute   *Person       // who comes instead, if anyone
}

// Attends reports whether the seat will be filled at the meeting, by the
// member or by a substitute.
func (s Seat) Attends() bool {
	return s.Attendance.Status != AttendanceAfgemeld
}

// Attendee returns who actually comes: the substitute when there is one.
func (s Seat) Attendee() *Person {
	if s.Substitute != nil {
		return s.Substitute
	}
	return s.Person
}

// MeetingSeats returns the seats of meeting m on its date: every person with
// an active seat in the body, except those representing a gemeente that is
// not a member of the partnership on that date (a gemeente that left no
// longer sits; one that joined does). Sorted by gemeente name, then role,
// then name, with seats without a gemeente (secretariat, advisers) last.
func (ix *Index) MeetingSeats(m *Meeting) []Seat {
	b := ix.Bodies[m.BodyID]
	if b == nil {
		return nil
	}
	p := ix.Partnerships[b.PartnershipID]
	d := m.Date()
	att := make(map[int64]Attendance, len(m.Attendance))
	for _, a := range m.Attendance {
		att[a.PersonID] = a
	}
	var seats []Seat
	for _, bm := range b.MembersOn(d) {
		per := ix.People[bm.PersonID]
		if per == nil {
			continue
		}
		var mun *Municipality
		if per.MunicipalityID != 0 {
			mun = ix.Municipalities[per.MunicipalityID]
			if p != nil && !p.IsMemberOn(per.MunicipalityID, d) && bm.Role != RoleSecretaris && bm.Role != RoleAdviseur {
				continue
			}
		}
		s := Seat{Person: per, Role: bm.Role, Municipality: mun, Attendance: att[per.ID]}
		if s.Attendance.SubstituteID != 0 {
			s.Substitute = ix.People[s.Attendance.SubstituteID]
		}
		seats = append(seats, s)
	}
	sort.SliceStable(seats, func(i, j int) bool {
		a, b := seats[i], seats[j]
		if (a.Municipality == nil) != (b.Municipality == nil) {
			return b.Municipality == nil
		}
		if a.Municipality != nil && a.Municipality.Name != b.Municipality.Name {
			return a.Municipality.Name < b.Municipality.Name
		}
		if ra, rb := roleRank(a.Role), roleRank(b.Role); ra != rb {
			return ra < rb
		}
		return a.Person.Name < b.Person.Name
	})
	return seats
}

func roleRank(r MemberRole) int {
	for i, x := range MemberRoles() {
		if r == x {
			return i
		}
	}
	return len(MemberRoles())
}

// MemberMunicipalities returns the gemeenten that are members of the
// partnership of body b on d, sorted by name.
func (ix *Index) MemberMunicipalities(b *Body, d date.Date) []*Municipality {
	p := ix.Partnerships[b.PartnershipID]
	if p == nil {
		return nil
	}
	var out []*Municipality
	for _, id := range p.MembersOn(d) {
		if m := ix.Municipalities[id]; m != nil {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
