package planning

import "github.com/overlegplanner/overlegplanner/domain"

// NextMeeting returns the first meeting of m's body after m that is not
// cancelled, with its deadlines: an agenda ends with what is due for the
// next meeting, and the agenda command, the app's export and the mailed
// agenda must all print the same. It returns nil and no deadlines when
// the body has no later meeting.
func (p *Planner) NextMeeting(m *domain.Meeting) (*domain.Meeting, []domain.Deadline, error) {
	for _, n := range p.byBody[m.BodyID] { // by start
		if n.ID != m.ID && n.Start.After(m.Start) && !n.IsCancelled() {
			dl, err := p.Deadlines(n.ID)
			return n, dl, err
		}
	}
	return nil, nil, nil
}
