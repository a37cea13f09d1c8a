package planning

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// ChangeKind says how a deadline changed.
type ChangeKind string

// The kinds of deadline change.
const (
	ChangeAdded   ChangeKind = "toegevoegd" // a new deadline (a meeting planned again, a gemeente that joined)
	ChangeRemoved ChangeKind = "vervallen"  // a deadline that no longer exists (a cancelled meeting)
	ChangeMoved   ChangeKind = "gewijzigd"  // a deadline on another day
)

// DeadlineChange is one deadline that a reschedule changes, and who must
// hear about it.
type DeadlineChange struct {
	Change         ChangeKind            `json:"change"`
	MeetingID      int64                 `json:"meeting_id"`
	RuleKey        string                `json:"rule_key"`
	Name           string                `json:"name"`
	Kind           domain.DeadlineKind   `json:"kind"`
	Audience       domain.Audience       `json:"audience"`
	MunicipalityID int64                 `json:"municipality_id,omitempty"`
	OldDue         date.Date             `json:"old_due,omitempty"`
	NewDue         date.Date             `json:"new_due,omitempty"`
	NewStatus      domain.DeadlineStatus `json:"new_status,omitempty"`
	// Notify are the people concerned (see Planner.Concerned), by ID.
	Notify  []int64      `json:"notify"`
	Message i18n.Message `json:"message"`
}

// ChangeReport is what moving or cancelling a meeting changes: the
// deadlines of its own chain and of the meetings it prepares (a moved AO
// moves the PHO's aanmelden and aanleveren), for whom, and whether the
// invitation must be re-issued.
type ChangeReport struct {
	MeetingID int64     `json:"meeting_id"`
	Cancelled bool      `json:"cancelled"`
	Moved     bool      `json:"moved"`
	OldStart  time.Time `json:"old_start"`
	NewStart  time.Time `json:"new_start"`
	// NeedsNewSequence: the invitation must go out again with a higher
	// SEQUENCE (domain.NeedsNewSequence).
	NeedsNewSequence bool             `json:"needs_new_sequence"`
	Changes          []DeadlineChange `json:"changes"`
	// Conflicts are the conflicts the meeting has after the change that
	// it did not have before.
	Conflicts []Conflict `json:"conflicts,omitempty"`
	// Notify is everyone to inform: the attendees when the meeting itself
	// changed, and the people of every changed deadline.
	Notify []int64 `json:"notify"`
}

// Reschedule compares meeting before (as it is) with after (moved, or with
// status geannuleerd) and reports the changes. Neither needs to be the
// version in the dataset, but both belong to a body in it; after keeps
// before's ID.
func (p *Planner) Reschedule(before, after domain.Meeting) (ChangeReport, error) {
	rep := ChangeReport{MeetingID: before.ID, Cancelled: after.IsCancelled() && !before.IsCancelled(),
		Moved: !before.Start.Equal(after.Start), OldStart: before.Start, NewStart: after.Start,
		NeedsNewSequence: domain.NeedsNewSequence(before, after)}
	old, err := p.ChainFor(&before)
	if err != nil {
		return rep, err
	}
	cur, err := p.ChainFor(&after)
	if err != nil {
		return rep, err
	}
	rep.Changes = p.diffChains(&after, &old, &cur, rep.Changes)
	// The meetings this one prepares count from it.
	for _, dep := range p.preparedBy[before.ID] {
		if dep.IsCancelled() {
			continue
		}
		in, err := p.ChainInput(dep)
		if err != nil {
			continue
		}
		in.Prep = prepOf(&before)
		o := ComputeChain(in)
		in.Prep = prepOf(&after)
		n := ComputeChain(in)
		rep.Changes = p.diffChains(dep, &o, &n, rep.Changes)
	}
	if !after.IsCancelled() {
		was := map[string]bool{}
		for _, c := range p.ConflictsFor(&before, nil) {
			was[conflictKey(before.ID, c)] = true
		}
		for _, c := range p.ConflictsFor(&after, nil) {
			if !was[conflictKey(after.ID, c)] {
				rep.Conflicts = append(rep.Conflicts, c)
			}
		}
	}
	var notify []int64
	if rep.NeedsNewSequence {
		notify = append(notify, p.attendees(&before, nil)...)
		notify = append(notify, p.attendees(&after, nil)...)
	}
	for _, c := range rep.Changes {
		notify = append(notify, c.Notify...)
	}
	rep.Notify = uniqueIDs(notify)
	return rep, nil
}

// prepOf is the date a meeting gives the meetings it prepares.
func prepOf(m *domain.Meeting) date.Date {
	if m.IsCancelled() {
		return 0
	}
	return m.Date()
}

// conflictKey identifies a conflict of meeting self independent of the
// date self moved to: the kind, the other meeting and the person.
func conflictKey(self int64, c Conflict) string {
	var other int64
	for _, id := range c.MeetingIDs {
		if id != self {
			other = id
		}
	}
	return string(c.Kind) + "/" + strconv.FormatInt(other, 10) + "/" + strconv.FormatInt(c.PersonID, 10)
}

type stepKey struct {
	rule string
	mun  int64
}

// diffChains appends the changes from chain o to chain n of meeting m.
func (p *Planner) diffChains(m *domain.Meeting, o, n *ChainResult, out []DeadlineChange) []DeadlineChange {
	olds := make(map[stepKey]*Step, len(o.Steps))
	for i := range o.Steps {
		olds[stepKey{o.Steps[i].RuleKey, o.Steps[i].MunicipalityID}] = &o.Steps[i]
	}
	seen := make(map[stepKey]bool, len(n.Steps))
	for i := range n.Steps {
		s := &n.Steps[i]
		k := stepKey{s.RuleKey, s.MunicipalityID}
		seen[k] = true
		prev := olds[k]
		switch {
		case prev == nil:
			out = append(out, p.change(m, ChangeAdded, s, 0, s.Due, s.Status))
		case prev.Due != s.Due:
			out = append(out, p.change(m, ChangeMoved, s, prev.Due, s.Due, s.Status))
		}
	}
	for i := range o.Steps {
		s := &o.Steps[i]
		if !seen[stepKey{s.RuleKey, s.MunicipalityID}] {
			out = append(out, p.change(m, ChangeRemoved, s, s.Due, 0, ""))
		}
	}
	return out
}

func (p *Planner) change(m *domain.Meeting, kind ChangeKind, s *Step, oldDue, newDue date.Date, status domain.DeadlineStatus) DeadlineChange {
	c := DeadlineChange{Change: kind, MeetingID: m.ID, RuleKey: s.RuleKey, Name: s.Name, Kind: s.Kind, Audience: s.Audience,
		MunicipalityID: s.MunicipalityID, OldDue: oldDue, NewDue: newDue, NewStatus: status,
		Notify: p.Concerned(m, s.Audience, s.MunicipalityID)}
	key := "planning.change." + string(kind)
	if s.MunicipalityID != 0 {
		c.Message = i18n.M(key+".gemeente", capitalize(s.Name), s.Municipality, LongDay(oldDue), LongDay(newDue))
	} else {
		c.Message = i18n.M(key, capitalize(s.Name), LongDay(oldDue), LongDay(newDue))
	}
	return c
}

// Concerned returns the people who act on a deadline of meeting m for
// audience a (and gemeente mun when the deadline is per gemeente), sorted:
//   - leden: the body's members at the meeting (with substitutes), of
//     that gemeente when there is one;
//   - ambtenaren: the stellers of the meeting's agenda items and the
//     members of the preparing body (the AO), of that gemeente when there
//     is one;
//   - secretariaat: the body's secretary and the seats with role
//     secretaris;
//   - college: the gemeente's bestuurders at the meeting, who take the
//     stukken to their college.
func (p *Planner) Concerned(m *domain.Meeting, a domain.Audience, mun int64) []int64 {
	b := p.ix.Bodies[m.BodyID]
	if b == nil {
		return nil
	}
	var out []int64
	ofMun := func(id int64) bool {
		per := p.ix.People[id]
		return per != nil && (mun == 0 || per.MunicipalityID == mun)
	}
	d := m.Date()
	switch a {
	case domain.AudienceLeden, domain.AudienceCollege:
		for _, id := range p.attendees(m, nil) {
			if per := p.ix.People[id]; per != nil && per.Role != domain.PersonSecretaris && ofMun(id) &&
				(a == domain.AudienceLeden || per.Role == domain.PersonBestuurder) {
				out = append(out, id)
			}
		}
	case domain.AudienceAmbtenaren:
		for _, it := range m.Items {
			if it.StellerID != 0 && ofMun(it.StellerID) {
				out = append(out, it.StellerID)
			}
		}
		if prep := p.ix.Bodies[b.PreparedByID]; prep != nil {
			for _, bm := range prep.MembersOn(d) {
				if per := p.ix.People[bm.PersonID]; per != nil && per.Role == domain.PersonAmbtenaar && ofMun(per.ID) {
					out = append(out, per.ID)
				}
			}
		}
	default: // secretariaat, and audiences this version does not know
		if b.SecretaryID != 0 {
			out = append(out, b.SecretaryID)
		}
		for _, bm := range b.MembersOn(d) {
			if bm.Role == domain.RoleSecretaris {
				out = append(out, bm.PersonID)
			}
		}
	}
	return uniqueIDs(out)
}

// uniqueIDs sorts ids and drops duplicates; never nil, so that JSON shows [].
func uniqueIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	slices.SortFunc(ids, cmp.Compare[int64])
	return slices.Compact(ids)
}
