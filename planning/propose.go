package planning

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// Penalties of a proposal's score, in working days of preparation time
// they are worth: a clash with a meeting of a shared member costs as much
// as three days less preparation, a meeting that is dropped two, one moved
// off a holiday or held in a school holiday one.
const (
	penaltyConflict = 3
	penaltySkipped  = 2
	penaltyMoved    = 1
	penaltySchool   = 1
)

// Proposal is a candidate rhythm for a body's year, with its series and
// why it scores as it does.
type Proposal struct {
	Rhythm  domain.Rhythm `json:"rhythm"`
	Label   i18n.Message  `json:"label"`   // "elke derde donderdag van de maand"
	Current bool          `json:"current"` // the body's own rhythm
	Score   int           `json:"score"`
	// MinSlack is the least preparation time (free slack, see StepSlack)
	// that a meeting's chain leaves a member gemeente (or, for a chain
	// without per-gemeente steps, anyone); Worst* say where.
	MinSlack          int       `json:"min_slack"`
	HasMin            bool      `json:"has_min"`
	WorstDate         date.Date `json:"worst_date,omitempty"`
	WorstStep         string    `json:"worst_step,omitempty"`
	WorstMunicipality string    `json:"worst_municipality,omitempty"`
	Meetings          int       `json:"meetings"`
	Moved             int       `json:"moved"`
	Skipped           int       `json:"skipped"`
	SchoolHolidays    int       `json:"school_holidays"`
	Onhaalbaar        int       `json:"onhaalbaar"`
	Krap              int       `json:"krap"`
	// Conflicts are the clashes with meetings already planned (other
	// bodies' meetings; the body's own in that year are what the series
	// replaces).
	Conflicts   []Conflict     `json:"conflicts,omitempty"`
	Series      Series         `json:"series"`
	Explanation []i18n.Message `json:"explanation"`
}

// Propose returns the best n (5 when n ≤ 0) rhythms for body id in year,
// best first. Candidates are of the body's kind of rhythm with its
// interval (every weekday at every phase, or every weekday as first to
// fourth or last of the month), or both kinds for a body without one. The
// score is the least preparation time the chain leaves a member gemeente
// over the year, minus penalties for clashes with meetings already planned
// for shared members or rooms, meetings dropped or moved for holidays and
// recess, and meetings in a school holiday of a member's region.
func (p *Planner) Propose(bodyID int64, year, n int) ([]Proposal, error) {
	b := p.ix.Bodies[bodyID]
	if b == nil {
		return nil, i18n.Errorf(fmt.Errorf("overleg %d: %w", bodyID, ErrUnknown), "planning.err.body", bodyID)
	}
	if n <= 0 {
		n = 5
	}
	own := func(o *domain.Meeting) bool { return o.BodyID == b.ID && o.Date().Year() == year }
	var sc chainScratch
	var out []Proposal
	for _, r := range candidateRhythms(b.Rhythm, year) {
		pr := p.score(b, r, year, own, &sc)
		pr.Current = sameRhythm(r, b.Rhythm, year)
		out = append(out, pr)
	}
	slices.SortStableFunc(out, func(a, c Proposal) int {
		if x := cmp.Compare(c.Score, a.Score); x != 0 {
			return x
		}
		if x := cmp.Compare(len(a.Conflicts), len(c.Conflicts)); x != 0 {
			return x
		}
		if a.Current != c.Current {
			if a.Current {
				return -1
			}
			return 1
		}
		return 0
	})
	if len(out) > n {
		out = out[:n]
	}
	for i := range out {
		out[i].Explanation = explain(&out[i])
	}
	return out, nil
}

// candidateRhythms lists the rhythms to try for a body whose rhythm is cur.
func candidateRhythms(cur domain.Rhythm, year int) []domain.Rhythm {
	var out []domain.Rhythm
	monthly := func(interval int) {
		for phase := 0; phase < interval; phase++ {
			for wd := time.Monday; wd <= time.Friday; wd++ {
				for _, nth := range []int{1, 2, 3, 4, -1} {
					r := domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: wd, Nth: nth, Interval: interval}
					if interval > 1 {
						r.Start = date.New(year, time.Month(1+phase), 1)
					}
					out = append(out, r)
				}
			}
		}
	}
	weekly := func(interval int) {
		for phase := 0; phase < interval; phase++ {
			for wd := time.Monday; wd <= time.Friday; wd++ {
				first := date.New(year, time.January, 1)
				first += date.Date((int(wd)-int(first.Weekday())+7)%7 + 7*phase)
				out = append(out, domain.Rhythm{Kind: domain.RhythmWeeks, Weekday: wd, Interval: interval, Start: first})
			}
		}
	}
	switch cur.Kind {
	case domain.RhythmMonthly:
		monthly(min(max(cur.Interval, 1), 12))
	case domain.RhythmWeeks:
		weekly(min(max(cur.Interval, 1), 52))
	default:
		monthly(1)
		weekly(4)
	}
	return out
}

// sameRhythm reports whether two rhythms give the same dates in year.
func sameRhythm(a, b domain.Rhythm, year int) bool {
	return a.Kind == b.Kind && a.Kind != domain.RhythmNone && slices.Equal(RhythmDates(a, year), RhythmDates(b, year))
}

func (p *Planner) score(b *domain.Body, r domain.Rhythm, year int, ignore func(*domain.Meeting) bool, sc *chainScratch) Proposal {
	pr := Proposal{Rhythm: r, Label: RhythmLabel(r), Series: p.SeriesFor(b, r, year)}
	var members []Member
	for _, e := range pr.Series.Entries {
		switch e.Status {
		case SeriesSkipped:
			pr.Skipped++
			continue
		case SeriesMoved:
			pr.Moved++
		}
		pr.Meetings++
		if len(e.Notes) > 0 {
			pr.SchoolHolidays++
		}
		m := domain.Meeting{BodyID: b.ID, Start: e.Start, End: e.End, Location: b.Location, Status: domain.StatusGepland}
		members = p.appendMembers(members[:0], b.PartnershipID, e.Date)
		in := ChainInput{Date: e.Date, Rules: b.Chain, Calendar: p.cal, Members: members, TightDays: p.TightDays(b)}
		res := computeChain(&in, sc)
		// Preparation time of the member gemeenten when the chain has
		// per-gemeente steps; otherwise of anyone.
		perGemeente := false
		for _, s := range res.Steps {
			for _, g := range s.Gaps {
				perGemeente = perGemeente || g.MunicipalityID != 0
			}
		}
		for _, s := range res.Steps {
			for _, g := range s.Gaps {
				if g.HasNominal || perGemeente && g.MunicipalityID == 0 {
					continue
				}
				switch g.Status {
				case domain.DeadlineOnhaalbaar:
					pr.Onhaalbaar++
				case domain.DeadlineKrap:
					pr.Krap++
				}
				if !pr.HasMin || g.Slack < pr.MinSlack {
					pr.MinSlack, pr.HasMin = g.Slack, true
					pr.WorstDate, pr.WorstStep = e.Date, s.Name
					pr.WorstMunicipality = p.ix.MunicipalityName(g.MunicipalityID)
				}
			}
		}
		for _, c := range p.ConflictsFor(&m, ignore) {
			if c.Kind == ConflictPerson || c.Kind == ConflictLocation {
				pr.Conflicts = append(pr.Conflicts, c)
			}
		}
	}
	pr.Score = pr.MinSlack - penaltyConflict*len(pr.Conflicts) - penaltySkipped*pr.Skipped -
		penaltyMoved*pr.Moved - penaltySchool*pr.SchoolHolidays
	return pr
}

// explain says why a proposal scores as it does.
func explain(pr *Proposal) []i18n.Message {
	var out []i18n.Message
	if pr.Current {
		out = append(out, i18n.M("planning.propose.current"))
	}
	if pr.HasMin {
		if pr.WorstMunicipality != "" {
			out = append(out, i18n.M("planning.propose.slack.gemeente", workdays(pr.MinSlack), pr.WorstMunicipality, pr.WorstStep, LongDay(pr.WorstDate)))
		} else {
			out = append(out, i18n.M("planning.propose.slack", workdays(pr.MinSlack), pr.WorstStep, LongDay(pr.WorstDate)))
		}
	} else {
		out = append(out, i18n.M("planning.propose.noslack"))
	}
	if pr.Onhaalbaar+pr.Krap > 0 {
		out = append(out, i18n.M("planning.propose.problems", pr.Onhaalbaar, pr.Krap))
	}
	out = append(out, i18n.M("planning.propose.meetings", pr.Meetings, pr.Moved, pr.Skipped))
	if len(pr.Conflicts) > 0 {
		out = append(out, i18n.M("planning.propose.conflicts", len(pr.Conflicts), pr.Conflicts[0].Message))
	} else {
		out = append(out, i18n.M("planning.propose.noconflicts"))
	}
	if pr.SchoolHolidays > 0 {
		out = append(out, i18n.M("planning.propose.school", pr.SchoolHolidays))
	}
	out = append(out, i18n.M("planning.propose.score", pr.Score))
	return out
}

// RhythmLabel describes a rhythm in words: "elke derde donderdag van de
// maand", "om de 2 weken op dinsdag, vanaf di 5 januari 2027".
func RhythmLabel(r domain.Rhythm) i18n.Message {
	wd := i18n.M("weekday." + strconv.Itoa(int(r.Weekday)))
	n := max(r.Interval, 1)
	switch r.Kind {
	case domain.RhythmMonthly:
		nth := i18n.M("planning.nth." + strconv.Itoa(max(min(r.Nth, 5), -1)))
		if n == 1 {
			return i18n.M("planning.rhythm.monthly", nth, wd)
		}
		if r.Start.IsZero() {
			return i18n.M("planning.rhythm.months", n, nth, wd, i18n.M("month.1"))
		}
		return i18n.M("planning.rhythm.months", n, nth, wd, i18n.M("month."+strconv.Itoa(int(r.Start.Month()))))
	case domain.RhythmWeeks:
		if n == 1 {
			return i18n.M("planning.rhythm.weekly", wd)
		}
		if r.Start.IsZero() {
			return i18n.M("planning.rhythm.weeks", n, wd)
		}
		return i18n.M("planning.rhythm.weeks.from", n, wd, LongDay(r.Start))
	}
	return i18n.M("planning.rhythm.none")
}
