package planning

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// StepSlack is one measured step: the working days it really leaves after
// the step before it, for one gemeente or for the secretariat.
type StepSlack struct {
	RuleKey  string    `json:"rule_key"`
	Name     string    `json:"name"`
	Due      date.Date `json:"due"`
	PrevKey  string    `json:"prev_key"`
	PrevName string    `json:"prev_name"`
	PrevDue  date.Date `json:"prev_due"`
	Slack    int       `json:"slack"`
	// Free is true when the calendar decides the slack; false when the
	// template fixes it (two steps counted in working days from the same
	// date), so that no choice of date changes it.
	Free   bool                  `json:"free"`
	Status domain.DeadlineStatus `json:"status"`
	Reason i18n.Message          `json:"reason,omitzero"`
}

// MunicipalityFeasibility is what a meeting's chain leaves one member
// gemeente.
type MunicipalityFeasibility struct {
	MunicipalityID int64                 `json:"municipality_id"`
	Name           string                `json:"name"`
	Status         domain.DeadlineStatus `json:"status"` // the worst of its steps
	// MinSlack is the least slack of its free steps (see StepSlack.Free):
	// the preparation time the dates really leave this gemeente. HasMin is
	// false when none of its steps is free.
	MinSlack int         `json:"min_slack"`
	HasMin   bool        `json:"has_min"`
	Steps    []StepSlack `json:"steps"`
}

// Problem is a step that is krap or onhaalbaar, for whom.
type Problem struct {
	StepSlack
	MunicipalityID int64  `json:"municipality_id,omitempty"`
	Municipality   string `json:"municipality,omitempty"`
}

// Feasibility is the feasibility of one meeting's chain, per member gemeente
// and for the secretariat, with its problems worst first.
type Feasibility struct {
	MeetingID      int64                     `json:"meeting_id"`
	Date           date.Date                 `json:"date"`
	Status         domain.DeadlineStatus     `json:"status"`
	Secretariat    []StepSlack               `json:"secretariat"`
	Municipalities []MunicipalityFeasibility `json:"municipalities"`
	Problems       []Problem                 `json:"problems,omitempty"`
}

// FeasibilityOf arranges a computed chain by whom each step concerns.
func FeasibilityOf(r *ChainResult) Feasibility {
	f := Feasibility{MeetingID: r.MeetingID, Date: r.Date, Status: domain.DeadlineOK}
	names := map[int64]string{}
	byMun := map[int64]int{} // index in f.Municipalities
	for _, s := range r.Steps {
		if s.MunicipalityID != 0 {
			names[s.MunicipalityID] = s.Municipality
		}
	}
	for _, s := range r.Steps {
		for _, g := range s.Gaps {
			ss := StepSlack{RuleKey: s.RuleKey, Name: s.Name, Due: s.Due, PrevKey: g.PrevKey, PrevName: g.PrevName, PrevDue: g.PrevDue,
				Slack: g.Slack, Free: !g.HasNominal, Status: g.Status, Reason: g.Reason}
			if severity(g.Status) > severity(f.Status) {
				f.Status = g.Status
			}
			if g.Status != domain.DeadlineOK {
				f.Problems = append(f.Problems, Problem{StepSlack: ss, MunicipalityID: g.MunicipalityID, Municipality: names[g.MunicipalityID]})
			}
			if g.MunicipalityID == 0 {
				f.Secretariat = append(f.Secretariat, ss)
				continue
			}
			i, ok := byMun[g.MunicipalityID]
			if !ok {
				i = len(f.Municipalities)
				byMun[g.MunicipalityID] = i
				f.Municipalities = append(f.Municipalities, MunicipalityFeasibility{MunicipalityID: g.MunicipalityID,
					Name: names[g.MunicipalityID], Status: domain.DeadlineOK})
			}
			mf := &f.Municipalities[i]
			mf.Steps = append(mf.Steps, ss)
			if severity(g.Status) > severity(mf.Status) {
				mf.Status = g.Status
			}
			if ss.Free && (!mf.HasMin || ss.Slack < mf.MinSlack) {
				mf.MinSlack, mf.HasMin = ss.Slack, true
			}
		}
	}
	slices.SortStableFunc(f.Municipalities, func(a, b MunicipalityFeasibility) int { return cmp.Compare(a.Name, b.Name) })
	slices.SortStableFunc(f.Problems, func(a, b Problem) int {
		if c := cmp.Compare(severity(b.Status), severity(a.Status)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Slack, b.Slack); c != 0 {
			return c
		}
		return cmp.Compare(a.Due, b.Due)
	})
	return f
}

// Feasibility returns the feasibility of meeting id.
func (p *Planner) Feasibility(meetingID int64) (Feasibility, error) {
	r, err := p.Chain(meetingID)
	if err != nil {
		return Feasibility{}, fmt.Errorf("haalbaarheid: %w", err)
	}
	return FeasibilityOf(&r), nil
}
