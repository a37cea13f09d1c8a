package planning

import (
	"slices"

	"github.com/overlegplanner/overlegplanner/domain"
)

// prepareWindow is how far before a meeting the meeting that prepares it
// (the AO before a PHO) may lie: eight weeks covers the default chain (AO
// fifteen working days ahead) with room for a summer recess.
const prepareWindow = 56

// LinkPreparations links each of ms (new meetings of body b, as a series
// or the year plan creates them) to the meeting of b's preparing body that
// prepares it: the latest one, not cancelled, in the eight weeks before the
// meeting's day (never on the day itself), that no other meeting of b —
// stored or in ms — is already prepared by. A meeting that already has a
// link keeps it; one for which no such meeting exists stays unlinked, and
// its chain then counts the AO step from the meeting itself.
//
// The deadlines of the people who prepare a PHO hang on this link, so a
// year planned without it would give the ambtenaren the wrong dates.
func (p *Planner) LinkPreparations(b *domain.Body, ms []domain.Meeting) {
	if b == nil || b.PreparedByID == 0 {
		return
	}
	taken := map[int64]bool{}
	for _, m := range p.byBody[b.ID] {
		if m.PreparedByMeetingID != 0 && !m.IsCancelled() {
			taken[m.PreparedByMeetingID] = true
		}
	}
	for _, m := range ms {
		if m.PreparedByMeetingID != 0 {
			taken[m.PreparedByMeetingID] = true
		}
	}
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, c int) int { return ms[a].Start.Compare(ms[c].Start) })
	preps := p.byBody[b.PreparedByID] // by start
	for _, i := range order {
		m := &ms[i]
		if m.PreparedByMeetingID != 0 || m.BodyID != b.ID {
			continue
		}
		d := m.Date()
		for j := len(preps) - 1; j >= 0; j-- {
			pm := preps[j]
			pd := pm.Date()
			if !pd.Before(d) || pm.IsCancelled() || taken[pm.ID] {
				continue
			}
			if d.Sub(pd) > prepareWindow {
				break
			}
			m.PreparedByMeetingID = pm.ID
			taken[pm.ID] = true
			break
		}
	}
}
