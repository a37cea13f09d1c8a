package planning

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// ErrUnknown is the cause of the errors for an ID that is not in the
// dataset (a meeting, a body).
var ErrUnknown = errors.New("onbekend in de gegevens")

// Planner answers planning questions about one dataset: the deadlines and
// their feasibility, conflicts, series, proposals and the effects of moving
// a meeting. It indexes the dataset once; build a new Planner after the
// dataset changes (it is cheap: a few milliseconds at national scale). The
// Planner never modifies the dataset and is safe for concurrent use.
type Planner struct {
	ds     *domain.Dataset
	ix     *domain.Index
	cal    *Calendar
	munCal map[int64]*Calendar
	// members of each partnership, sorted by name, for the chain's
	// per-gemeente rules; filtered by date per meeting.
	partMembers  map[int64][]partMember
	byBody       map[int64][]*domain.Meeting // by start
	preparedBy   map[int64][]*domain.Meeting // meetings prepared by meeting id
	conflictOnce sync.Once
	conflictIx   *conflictIndex // built on first use
}

type partMember struct {
	m          *domain.Municipality
	cal        *Calendar
	from, till date.Date // till exclusive; zero: open
}

// NewPlanner indexes ds. ds must not change while the Planner is in use.
func NewPlanner(ds *domain.Dataset) *Planner {
	p := &Planner{
		ds: ds, ix: domain.NewIndex(ds),
		cal:         NewCalendar(ds.Settings, ds.ClosedDays, ds.Recesses, ds.SchoolHolidays),
		munCal:      make(map[int64]*Calendar, len(ds.Municipalities)),
		partMembers: make(map[int64][]partMember, len(ds.Partnerships)),
		byBody:      map[int64][]*domain.Meeting{},
		preparedBy:  map[int64][]*domain.Meeting{},
	}
	lo, hi := 0, 0
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		p.byBody[m.BodyID] = append(p.byBody[m.BodyID], m)
		if m.PreparedByMeetingID != 0 {
			p.preparedBy[m.PreparedByMeetingID] = append(p.preparedBy[m.PreparedByMeetingID], m)
		}
		if y := m.Date().Year(); lo == 0 || y < lo {
			lo = y
		}
		if y := m.Date().Year(); y > hi {
			hi = y
		}
	}
	if lo != 0 {
		p.cal.Prepare(lo-2, hi+2)
	}
	for _, ms := range p.byBody {
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start.Before(ms[j].Start) })
	}
	for i := range ds.Municipalities {
		m := &ds.Municipalities[i]
		p.munCal[m.ID] = p.cal.ForMunicipality(m.ID)
	}
	for _, part := range ds.Partnerships {
		var pm []partMember
		for _, mb := range part.Members {
			if m := p.ix.Municipalities[mb.MunicipalityID]; m != nil {
				pm = append(pm, partMember{m: m, cal: p.munCal[m.ID], from: mb.From, till: mb.Until})
			}
		}
		sort.SliceStable(pm, func(i, j int) bool { return pm[i].m.Name < pm[j].m.Name })
		p.partMembers[part.ID] = pm
	}
	return p
}

// Dataset returns the dataset the planner was built on.
func (p *Planner) Dataset() *domain.Dataset { return p.ds }

// Index returns the planner's index of the dataset.
func (p *Planner) Index() *domain.Index { return p.ix }

// Calendar returns the secretariat's work calendar.
func (p *Planner) Calendar() *Calendar { return p.cal }

// MunicipalityCalendar returns the work calendar of gemeente id (the base
// calendar for an unknown gemeente or one without closed days).
func (p *Planner) MunicipalityCalendar(id int64) *Calendar {
	if c := p.munCal[id]; c != nil {
		return c
	}
	return p.cal
}

// TightDays returns the krap threshold of body b: its own, else the
// organisation's.
func (p *Planner) TightDays(b *domain.Body) int {
	if b != nil && b.TightDays > 0 {
		return b.TightDays
	}
	return p.ds.Settings.TightDays
}

// members returns the member gemeenten of partnership id on d, by name.
func (p *Planner) members(partnershipID int64, d date.Date) []Member {
	return p.appendMembers(make([]Member, 0, len(p.partMembers[partnershipID])), partnershipID, d)
}

func (p *Planner) appendMembers(out []Member, partnershipID int64, d date.Date) []Member {
	for _, x := range p.partMembers[partnershipID] {
		if !d.Before(x.from) && (x.till.IsZero() || d.Before(x.till)) {
			out = append(out, Member{Municipality: x.m, Calendar: x.cal})
		}
	}
	return out
}

// prepDate returns the date of the meeting that prepares m, when one is
// linked and not cancelled.
func (p *Planner) prepDate(m *domain.Meeting) date.Date {
	if m.PreparedByMeetingID == 0 {
		return 0
	}
	if prep := p.ix.Meetings[m.PreparedByMeetingID]; prep != nil && !prep.IsCancelled() {
		return prep.Date()
	}
	return 0
}

// ChainInput returns the input of meeting m's chain: its body's template,
// the member gemeenten on its date and the linked AO meeting. m need not be
// in the dataset (a meeting being planned or moved); its body must be.
func (p *Planner) ChainInput(m *domain.Meeting) (ChainInput, error) {
	b := p.ix.Bodies[m.BodyID]
	if b == nil {
		return ChainInput{}, i18n.Errorf(fmt.Errorf("overleg %d: %w", m.BodyID, ErrUnknown), "planning.err.body", m.BodyID)
	}
	d := m.Date()
	return ChainInput{MeetingID: m.ID, Date: d, Prep: p.prepDate(m), Rules: b.Chain, Calendar: p.cal,
		Members: p.members(b.PartnershipID, d), TightDays: p.TightDays(b)}, nil
}

// ChainFor computes the chain of meeting m, which need not be in the
// dataset. A cancelled meeting has no chain.
func (p *Planner) ChainFor(m *domain.Meeting) (ChainResult, error) {
	if m.IsCancelled() {
		return ChainResult{MeetingID: m.ID, Date: m.Date()}, nil
	}
	in, err := p.ChainInput(m)
	if err != nil {
		return ChainResult{}, err
	}
	return ComputeChain(in), nil
}

// Chain computes the chain of meeting id.
func (p *Planner) Chain(meetingID int64) (ChainResult, error) {
	m := p.ix.Meetings[meetingID]
	if m == nil {
		return ChainResult{}, i18n.Errorf(fmt.Errorf("vergadering %d: %w", meetingID, ErrUnknown), "planning.err.meeting", meetingID)
	}
	return p.ChainFor(m)
}

// Deadlines returns the deadlines of meeting id, in chain order.
func (p *Planner) Deadlines(meetingID int64) ([]domain.Deadline, error) {
	r, err := p.Chain(meetingID)
	if err != nil {
		return nil, err
	}
	return r.Deadlines(), nil
}

// chainReach is how far a chain reaches from its meeting in calendar days:
// a year of offset (the most the domain allows) plus lead time and the
// distance to a linked AO. Meetings further than this from a period cannot
// have deadlines in it.
const chainReach = 366 + 120

// Chains calls fn with the chain of every meeting that is not cancelled and
// could have a deadline in [from, to] (zero bounds are open), in dataset
// order. The result passed to fn shares its buffers with the next one: fn
// must copy what it keeps (Step values, Deadlines) before returning.
func (p *Planner) Chains(from, to date.Date, fn func(m *domain.Meeting, r *ChainResult)) {
	var sc chainScratch
	var members []Member
	for i := range p.ds.Meetings {
		m := &p.ds.Meetings[i]
		if m.IsCancelled() {
			continue
		}
		dd := m.Date()
		if !from.IsZero() && dd < from-chainReach || !to.IsZero() && dd > to+chainReach {
			continue
		}
		b := p.ix.Bodies[m.BodyID]
		if b == nil {
			continue
		}
		members = p.appendMembers(members[:0], b.PartnershipID, dd)
		in := ChainInput{MeetingID: m.ID, Date: dd, Prep: p.prepDate(m), Rules: b.Chain, Calendar: p.cal,
			Members: members, TightDays: p.TightDays(b)}
		r := computeChain(&in, &sc)
		fn(m, &r)
	}
}

// AllDeadlines returns the deadlines of every meeting that is not
// cancelled, due in [from, to] (zero bounds are open), ordered by due
// date, then meeting, then chain order.
func (p *Planner) AllDeadlines(from, to date.Date) []domain.Deadline {
	out := make([]domain.Deadline, 0, p.deadlineBound())
	p.Chains(from, to, func(m *domain.Meeting, r *ChainResult) {
		for i := range r.Steps {
			s := &r.Steps[i]
			if !from.IsZero() && s.Due < from || !to.IsZero() && s.Due > to {
				continue
			}
			out = append(out, s.Deadline(m.ID))
		}
	})
	sortDeadlines(out)
	return out
}

// deadlineBound returns an upper bound of the number of deadlines of all
// meetings (every member gemeente counted), to size the result once.
func (p *Planner) deadlineBound() int {
	n := 0
	for i := range p.ds.Meetings {
		b := p.ix.Bodies[p.ds.Meetings[i].BodyID]
		if b == nil {
			continue
		}
		for _, r := range b.Chain {
			if r.PerMunicipality {
				n += len(p.partMembers[b.PartnershipID])
			} else {
				n++
			}
		}
	}
	return n
}

// sortDeadlines orders ds by due date, then meeting, keeping the chain
// order within a meeting's day. It sorts small keys and then moves every
// deadline once, along the cycles of the permutation, because the
// deadlines themselves are large to swap.
func sortDeadlines(ds []domain.Deadline) {
	type key struct {
		due     date.Date
		idx     int32
		meeting int64
	}
	keys := make([]key, len(ds))
	for i := range ds {
		keys[i] = key{ds[i].Due, int32(i), ds[i].MeetingID}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.due != b.due {
			return cmp.Compare(a.due, b.due)
		}
		if a.meeting != b.meeting {
			return cmp.Compare(a.meeting, b.meeting)
		}
		return cmp.Compare(a.idx, b.idx)
	})
	// Position i takes the deadline now at keys[i].idx.
	for i := range keys {
		if keys[i].idx < 0 || int(keys[i].idx) == i {
			continue
		}
		tmp := ds[i]
		j := i
		for {
			k := int(keys[j].idx)
			keys[j].idx = -1
			if k == i {
				ds[j] = tmp
				break
			}
			ds[j] = ds[k]
			j = k
		}
	}
}
