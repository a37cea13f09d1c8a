package planning

import (
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// ChainInput is everything the deadline chain of one meeting depends on.
// Planner builds it from a dataset; tests and what-if callers (Propose,
// Reschedule) build it directly.
type ChainInput struct {
	MeetingID int64
	Date      date.Date // D, the meeting's day
	// Prep is the date of the linked preparatory (AO) meeting; zero when no
	// (non-cancelled) preparatory meeting is linked.
	Prep      date.Date
	Rules     []domain.DeadlineRule // the body's chain template, in order
	Calendar  *Calendar             // the secretariat's calendar
	Members   []Member              // the gemeenten that per-gemeente rules run for, in display order
	TightDays int                   // a step leaving fewer working days is krap; 0 flags nothing
}

// Member is a member gemeente as the chain sees it: its college rhythm and
// its own work calendar (base holidays plus its closed days).
type Member struct {
	Municipality *domain.Municipality
	Calendar     *Calendar
}

// ChainResult is the computed chain of one meeting: every step with its due
// date and the working days it really leaves after the step before it.
type ChainResult struct {
	MeetingID int64     `json:"meeting_id"`
	Date      date.Date `json:"date"`
	Prep      date.Date `json:"prep,omitempty"` // the linked AO meeting's date, if any
	// Steps are in template order; a per-gemeente step appears once per
	// member gemeente, in the order of ChainInput.Members.
	Steps   []Step    `json:"steps"`
	Skipped []Skipped `json:"skipped,omitempty"`
}

// Step is one dated obligation of a meeting's chain.
type Step struct {
	Rule           int                 `json:"rule"` // index of the rule in the template
	RuleKey        string              `json:"rule_key"`
	Name           string              `json:"name"`
	Kind           domain.DeadlineKind `json:"kind"`
	Audience       domain.Audience     `json:"audience"`
	MunicipalityID int64               `json:"municipality_id,omitempty"` // 0 unless the rule is per gemeente
	Municipality   string              `json:"municipality,omitempty"`
	Due            date.Date           `json:"due"`
	// Gaps are the measurements against the step before: one, or one per
	// gemeente when a step for the whole body follows per-gemeente steps.
	// The first step of a chain has none.
	Gaps []Gap `json:"gaps,omitempty"`
	// Slack, Status and Reason are those of the worst gap (Slack 0 and
	// status ok when there is no gap).
	Slack  int                   `json:"slack"`
	Status domain.DeadlineStatus `json:"status"`
	Reason i18n.Message          `json:"reason,omitzero"`
}

// HasSlack reports whether the step was measured against a step before it.
func (s *Step) HasSlack() bool { return len(s.Gaps) > 0 }

// Gap is the time a step really leaves after the step before it.
type Gap struct {
	// MunicipalityID is the gemeente in whose calendar the gap is counted
	// (whose people do the work); 0 for the secretariat's calendar.
	MunicipalityID int64     `json:"municipality_id,omitempty"`
	PrevKey        string    `json:"prev_key"`
	PrevName       string    `json:"prev_name"`
	PrevDue        date.Date `json:"prev_due"`
	// Slack is the number of full working days strictly between the two
	// due dates: 0 when the step falls on the next working day, negative
	// when it falls on or before the step before it.
	Slack int `json:"slack"`
	// Nominal is the slack the template itself gives when both steps are
	// counted in working days from the same date; a gap the template sets
	// on purpose (two working days to process the AO) is not flagged as
	// krap, only gaps that the calendar squeezes.
	Nominal    int                   `json:"nominal,omitempty"`
	HasNominal bool                  `json:"has_nominal,omitempty"`
	Status     domain.DeadlineStatus `json:"status"`
	Reason     i18n.Message          `json:"reason,omitzero"`
}

// Skipped is a rule that yields no deadline for this meeting, and why
// (anchored on an AO that does not exist, a gemeente without college days,
// a cycle in the template).
type Skipped struct {
	RuleKey        string       `json:"rule_key"`
	Name           string       `json:"name"`
	MunicipalityID int64        `json:"municipality_id,omitempty"`
	Reason         i18n.Message `json:"reason"`
}

// Deadlines returns the steps as domain deadlines, with the reason of a
// step that is krap or onhaalbaar rendered in Dutch.
func (r *ChainResult) Deadlines() []domain.Deadline {
	return r.AppendDeadlines(make([]domain.Deadline, 0, len(r.Steps)))
}

// AppendDeadlines appends the steps as domain deadlines to out.
func (r *ChainResult) AppendDeadlines(out []domain.Deadline) []domain.Deadline {
	for i := range r.Steps {
		out = append(out, r.Steps[i].Deadline(r.MeetingID))
	}
	return out
}

// Deadline returns the step as a domain deadline of meeting id.
func (s *Step) Deadline(meetingID int64) domain.Deadline {
	d := domain.Deadline{MeetingID: meetingID, RuleKey: s.RuleKey, Name: s.Name, Kind: s.Kind, Audience: s.Audience,
		MunicipalityID: s.MunicipalityID, Due: s.Due, Slack: s.Slack, Status: s.Status}
	if s.Status != domain.DeadlineOK {
		d.Reason = Dutch(s.Reason)
	}
	return d
}

// ref says how a due date relates to an origin date in working days:
// exactly off working days from it, or (bound) at most off working days
// from it. Two steps sharing an origin have a gap that the template set.
type ref struct {
	origin int32 // 0: none
	off    int32
	bound  bool
}

// Origins of refs; per-lane and per-step origins are offset from these.
const (
	originMeeting = 1
	originPrep    = 2
	originLane    = 3       // + lane: the college meeting of that gemeente
	originStep    = 1 << 20 // + rule*lanes + lane: a calendar-day step
)

type cellState uint8

const (
	cellTodo cellState = iota
	cellBusy
	cellDone
	cellSkipped
)

type cell struct {
	state cellState
	due   date.Date
	refs  [2]ref
	skip  i18n.Message
}

// evaluator computes one chain. Rules are evaluated on demand with
// memoisation, so a template may refer to steps in any order; a cycle
// (possible in templates that skipped validation) skips the rules in it.
type evaluator struct {
	in       *ChainInput
	lanes    int // len(Members) + 1; lane 0 is the body as a whole
	cells    []cell
	prepRule int   // the first rule of kind vooroverleg, or -1
	gapBuf   []Gap // backing store for the steps' gaps: one allocation per chain
}

// gaps returns an empty slice with room for n gaps, carved from gapBuf.
func (e *evaluator) gaps(n int) []Gap {
	if cap(e.gapBuf)-len(e.gapBuf) < n {
		e.gapBuf = make([]Gap, 0, max(n, 2*cap(e.gapBuf)))
	}
	g := e.gapBuf[len(e.gapBuf) : len(e.gapBuf) : len(e.gapBuf)+n]
	e.gapBuf = e.gapBuf[:len(e.gapBuf)+n]
	return g
}

// ComputeChain computes the deadline chain of one meeting and measures the
// working days that every step leaves after the step before it.
//
// Due dates: a rule counts Offset days in Unit from its anchor, in the
// calendar of whoever it concerns (a gemeente's own for per-gemeente rules,
// the secretariat's otherwise). Working-day offsets land on working days; a
// calendar-day deadline on a non-working day moves by Roll (earlier unless
// the rule says later). Two kinds of step are events rather than
// deadlines: the step of kind vergadering is the meeting itself (D), and
// the step of kind vooroverleg is the linked AO meeting when there is one.
// Anchor vooroverleg counts from the linked AO meeting, or, when none is
// linked yet, from the chain's vooroverleg step. Anchor college finds, per
// gemeente, its last college meeting (a college weekday that is a working
// day of that gemeente) on or before D moved Offset, and moves back the
// gemeente's lead time when UseLeadTime is set. A rule for the whole body
// anchored on a per-gemeente rule counts from the gemeente that leaves the
// least room (the earliest date for a backward offset, the latest for a
// forward one).
//
// Feasibility: each step is measured against the step before it in the
// template (per gemeente where either is per gemeente), in working days of
// the calendar of whoever must act. Negative slack is onhaalbaar; slack
// below TightDays is krap, unless the template itself sets that gap (both
// steps counted in working days from the same date, see Gap.Nominal).
//
// Dates outside years 1–9999 are moved to the nearest supported date.
func ComputeChain(in ChainInput) ChainResult { return computeChain(&in, nil) }

// chainScratch holds the buffers of a chain computation so that a loop
// over thousands of meetings (Planner.Chains) reuses them. A result
// computed with scratch is valid until the scratch is used again.
type chainScratch struct {
	cells []cell
	gaps  []Gap
	steps []Step
}

func computeChain(in *ChainInput, sc *chainScratch) ChainResult {
	in.Date = clampDate(in.Date)
	if !in.Prep.IsZero() {
		in.Prep = clampDate(in.Prep)
	}
	e := evaluator{in: in, lanes: len(in.Members) + 1, prepRule: -1}
	for i, r := range in.Rules {
		if r.Kind == domain.KindVooroverleg {
			e.prepRule = i
			break
		}
	}
	res := ChainResult{MeetingID: in.MeetingID, Date: in.Date, Prep: in.Prep}
	steps, gaps := 0, 0
	for _, r := range in.Rules {
		if r.PerMunicipality {
			steps += len(in.Members)
		} else {
			steps++
			gaps += len(in.Members)
		}
	}
	if sc == nil {
		sc = &chainScratch{}
	}
	sc.cells = resize(sc.cells, len(in.Rules)*e.lanes)
	clear(sc.cells)
	e.cells = sc.cells
	sc.steps = resize(sc.steps, steps)[:0]
	res.Steps = sc.steps
	sc.gaps = resize(sc.gaps, steps+gaps)[:0]
	e.gapBuf = sc.gaps
	for i, r := range in.Rules {
		if !r.PerMunicipality {
			e.eval(i, 0)
			continue
		}
		if len(in.Members) == 0 {
			res.Skipped = append(res.Skipped, Skipped{RuleKey: r.Key, Name: r.Name,
				Reason: i18n.M("planning.skip.nomembers")})
		}
		for l := 1; l < e.lanes; l++ {
			e.eval(i, l)
		}
	}
	e.collect(&res)
	return res
}

// resize returns s with length n, reusing its array when it is big enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func (e *evaluator) cell(i, l int) *cell { return &e.cells[i*e.lanes+l] }

func (e *evaluator) cal(l int) *Calendar {
	if l > 0 && e.in.Members[l-1].Calendar != nil {
		return e.in.Members[l-1].Calendar
	}
	return e.in.Calendar
}

// eval computes rule i in lane l (0 for rules of the whole body).
func (e *evaluator) eval(i, l int) *cell {
	c := e.cell(i, l)
	switch c.state {
	case cellDone, cellSkipped:
		return c
	case cellBusy:
		// A cycle: the caller sees a skipped anchor; this cell is settled
		// by its own, outer evaluation.
		return &cell{state: cellSkipped, skip: i18n.M("planning.skip.cycle", e.in.Rules[i].Name)}
	}
	c.state = cellBusy
	due, refs, skip := e.compute(i, l)
	c = e.cell(i, l)
	if !skip.IsZero() {
		c.state, c.skip = cellSkipped, skip
		return c
	}
	c.state, c.due, c.refs = cellDone, due, refs
	return c
}

func (e *evaluator) compute(i, l int) (date.Date, [2]ref, i18n.Message) {
	in := e.in
	r := &in.Rules[i]
	var none [2]ref
	if l == 0 && r.PerMunicipality {
		return 0, none, i18n.M("planning.skip.nomembers")
	}
	switch {
	case r.Kind == domain.KindMeeting:
		return in.Date, [2]ref{{origin: originMeeting}}, i18n.Message{}
	case r.Kind == domain.KindVooroverleg && !in.Prep.IsZero():
		return in.Prep, [2]ref{{origin: originPrep}}, i18n.Message{}
	case r.Anchor == domain.AnchorCollege:
		return e.college(i, l)
	}
	base, refs, skip := e.anchor(i, l)
	if !skip.IsZero() {
		return 0, none, skip
	}
	cal := e.cal(l)
	if r.Unit == domain.Kalenderdagen {
		due := cal.Roll(addDays(base, r.Offset), r.Roll)
		return due, [2]ref{{origin: int32(originStep + i*e.lanes + l)}}, i18n.Message{}
	}
	var due date.Date
	if r.Offset != 0 {
		due = cal.AddWorkdays(base, clampOffset(r.Offset))
	} else {
		due = cal.Roll(base, r.Roll)
	}
	// Refs measure in working days from their origin, so that two steps
	// counted from the same origin differ by exactly what the template says.
	shift := int32(cal.WorkdaysBetween(base, due))
	for k := range refs {
		if refs[k].bound {
			refs[k].off += int32(clampOffset(r.Offset))
		} else {
			refs[k].off += shift
		}
	}
	return due, refs, i18n.Message{}
}

// anchor returns the date rule i counts from in lane l.
func (e *evaluator) anchor(i, l int) (date.Date, [2]ref, i18n.Message) {
	in := e.in
	r := &in.Rules[i]
	var none [2]ref
	switch r.Anchor {
	case domain.AnchorMeeting:
		return in.Date, [2]ref{{origin: originMeeting}}, i18n.Message{}
	case domain.AnchorPrep:
		if !in.Prep.IsZero() {
			return in.Prep, [2]ref{{origin: originPrep}}, i18n.Message{}
		}
		if e.prepRule < 0 || e.prepRule == i {
			return 0, none, i18n.M("planning.skip.noprep")
		}
		return e.from(e.prepRule, l, r.Offset)
	case domain.AnchorRule:
		for j := range in.Rules {
			if in.Rules[j].Key == r.AnchorRule {
				if j == i {
					break
				}
				return e.from(j, l, r.Offset)
			}
		}
		return 0, none, i18n.M("planning.skip.unknownrule", r.AnchorRule)
	}
	return 0, none, i18n.M("planning.skip.anchorkind", string(r.Anchor))
}

// from returns the due date of rule j as an anchor for a rule in lane l
// counting offset days: the same lane for a per-gemeente rule, or, for a
// rule of the whole body, the gemeente that leaves the least room.
func (e *evaluator) from(j, l, offset int) (date.Date, [2]ref, i18n.Message) {
	var none [2]ref
	src := &e.in.Rules[j]
	if !src.PerMunicipality || l > 0 {
		lane := l
		if !src.PerMunicipality {
			lane = 0
		}
		c := e.eval(j, lane)
		if c.state != cellDone {
			if c.skip.Key == "planning.skip.cycle" {
				return 0, none, c.skip // every rule in a cycle says so
			}
			return 0, none, i18n.M("planning.skip.anchor", src.Name)
		}
		return c.due, c.refs, i18n.Message{}
	}
	var best *cell
	for k := 1; k < e.lanes; k++ {
		c := e.eval(j, k)
		if c.state != cellDone {
			continue
		}
		if best == nil || (offset <= 0 && c.due < best.due) || (offset > 0 && c.due > best.due) {
			best = c
		}
	}
	if best == nil {
		return 0, none, i18n.M("planning.skip.anchor", src.Name)
	}
	return best.due, best.refs, i18n.Message{}
}

// college computes an AnchorCollege rule for the gemeente of lane l.
func (e *evaluator) college(i, l int) (date.Date, [2]ref, i18n.Message) {
	var none [2]ref
	r := &e.in.Rules[i]
	if l == 0 {
		return 0, none, i18n.M("planning.skip.nomembers")
	}
	m := e.in.Members[l-1].Municipality
	cal := e.cal(l)
	var limit date.Date
	if r.Unit == domain.Kalenderdagen {
		limit = addDays(e.in.Date, r.Offset)
	} else {
		limit = cal.AddWorkdays(e.in.Date, clampOffset(r.Offset))
	}
	col, ok := LastCollege(cal, m.CollegeDays, limit)
	if !ok {
		return 0, none, i18n.M("planning.skip.nocollege", m.Name)
	}
	due, lead := col, 0
	if r.UseLeadTime && m.CollegeLeadDays > 0 {
		lead = m.CollegeLeadDays
		due = cal.AddWorkdays(col, -lead)
	}
	refs := [2]ref{{origin: int32(originLane + l), off: int32(-lead)}}
	if r.Unit != domain.Kalenderdagen {
		refs[1] = ref{origin: originMeeting, off: int32(clampOffset(r.Offset) - lead), bound: true}
	}
	return due, refs, i18n.Message{}
}

// collegeLookback is how far LastCollege looks back: nine weeks. A college
// that does not meet for longer (a summer recess) has no meeting that could
// give rugdekking in time.
const collegeLookback = 63

// LastCollege returns the last day on or before limit on which a college
// with the given weekdays meets: one of its weekdays that is a working day
// of the gemeente's calendar (a college does not meet on Easter Monday).
// ok is false when there is none in the nine weeks before limit.
func LastCollege(cal *Calendar, days []time.Weekday, limit date.Date) (date.Date, bool) {
	var mask uint8
	for _, w := range days {
		if w >= time.Sunday && w <= time.Saturday {
			mask |= 1 << uint(w)
		}
	}
	if mask == 0 {
		return 0, false
	}
	for k := 0; k < collegeLookback; k++ {
		d := limit - date.Date(k)
		if d < minDate {
			break
		}
		if mask&(1<<uint(d.Weekday())) != 0 && cal.IsWorkingDay(d) {
			return d, true
		}
	}
	return 0, false
}

// collect turns the evaluated cells into steps and measures the gaps.
func (e *evaluator) collect(res *ChainResult) {
	in := e.in
	for i, r := range in.Rules {
		lo, hi := 0, 1
		if r.PerMunicipality {
			lo, hi = 1, e.lanes
		}
		for l := lo; l < hi; l++ {
			c := e.cell(i, l)
			if c.state == cellSkipped {
				s := Skipped{RuleKey: r.Key, Name: r.Name, Reason: c.skip}
				if l > 0 {
					s.MunicipalityID = in.Members[l-1].Municipality.ID
				}
				res.Skipped = append(res.Skipped, s)
				continue
			}
			if c.state != cellDone {
				continue
			}
			st := Step{Rule: i, RuleKey: r.Key, Name: r.Name, Kind: r.Kind, Audience: r.Audience, Due: c.due, Status: domain.DeadlineOK}
			if l > 0 {
				st.MunicipalityID = in.Members[l-1].Municipality.ID
				st.Municipality = in.Members[l-1].Municipality.Name
			}
			e.measure(&st, i, l, c)
			res.Steps = append(res.Steps, st)
		}
	}
}

// measure fills the gaps of step st (rule i, lane l) against the step
// before it.
func (e *evaluator) measure(st *Step, i, l int, c *cell) {
	if l > 0 {
		if j := e.prev(i, l); j >= 0 {
			st.Gaps = append(e.gaps(1), e.gap(st, c, j, l))
		}
	} else {
		// The nearest earlier step with a value decides the shape: one gap
		// after a step of the whole body, one per gemeente after a
		// per-gemeente step.
		for j := i - 1; j >= 0; j-- {
			if !e.in.Rules[j].PerMunicipality {
				if e.cell(j, 0).state == cellDone {
					st.Gaps = append(e.gaps(1), e.gap(st, c, j, 0))
					break
				}
				continue
			}
			anyDone := false
			for k := 1; k < e.lanes; k++ {
				if e.cell(j, k).state == cellDone {
					anyDone = true
					break
				}
			}
			if !anyDone {
				continue
			}
			st.Gaps = e.gaps(e.lanes - 1)
			for k := 1; k < e.lanes; k++ {
				if p := e.prev(i, k); p >= 0 {
					st.Gaps = append(st.Gaps, e.gap(st, c, p, k))
				}
			}
			break
		}
	}
	worst := -1
	for g := range st.Gaps {
		if worst < 0 || worse(st.Gaps[g], st.Gaps[worst]) {
			worst = g
		}
	}
	if worst >= 0 {
		st.Slack, st.Status, st.Reason = st.Gaps[worst].Slack, st.Gaps[worst].Status, st.Gaps[worst].Reason
	}
}

// prev returns the nearest rule before i with a value in lane l (its own
// per-gemeente value, or the whole body's), or -1.
func (e *evaluator) prev(i, l int) int {
	for j := i - 1; j >= 0; j-- {
		lane := 0
		if e.in.Rules[j].PerMunicipality {
			if l == 0 {
				continue
			}
			lane = l
		}
		if e.cell(j, lane).state == cellDone {
			return j
		}
	}
	return -1
}

// gap measures step st (cell c) against rule j's value in lane l, counted
// in lane l's calendar.
func (e *evaluator) gap(st *Step, c *cell, j, l int) Gap {
	pr := &e.in.Rules[j]
	lane := 0
	if pr.PerMunicipality {
		lane = l
	}
	pc := e.cell(j, lane)
	g := Gap{PrevKey: pr.Key, PrevName: pr.Name, PrevDue: pc.due, Status: domain.DeadlineOK}
	var who string
	if l > 0 {
		g.MunicipalityID = e.in.Members[l-1].Municipality.ID
		who = e.in.Members[l-1].Municipality.Name
	}
	g.Slack = e.cal(l).WorkdaysBetween(pc.due, c.due) - 1
	g.Nominal, g.HasNominal = nominal(c.refs, pc.refs)
	tight := e.in.TightDays
	switch {
	case g.Slack < 0:
		g.Status = domain.DeadlineOnhaalbaar
		// "On or before" when the order is reversed, "no working day in
		// between" when the step is later but only by non-working days.
		key := "planning.gap.onhaalbaar"
		if c.due > pc.due {
			key = "planning.gap.onhaalbaar.noday"
		}
		if who != "" {
			key += ".gemeente"
			g.Reason = i18n.M(key, capitalize(st.Name), Day(c.due), pr.Name, Day(pc.due), who)
		} else {
			g.Reason = i18n.M(key, capitalize(st.Name), Day(c.due), pr.Name, Day(pc.due))
		}
	case g.Slack < tight && !(g.HasNominal && g.Slack >= g.Nominal):
		g.Status = domain.DeadlineKrap
		if who == "" {
			g.Reason = i18n.M("planning.gap.krap", capitalize(pr.Name), Day(pc.due), workdays(g.Slack), st.Name, Day(c.due), tight)
		} else {
			g.Reason = i18n.M("planning.gap.krap.gemeente", capitalize(pr.Name), Day(pc.due), who, workdays(g.Slack), st.Name, Day(c.due), tight)
		}
	}
	return g
}

// nominal returns the slack the template gives between two steps that
// share an origin (the smallest, when they share more than one).
func nominal(s, p [2]ref) (int, bool) {
	best, ok := 0, false
	for _, a := range s {
		if a.origin == 0 {
			continue
		}
		for _, b := range p {
			if b.origin == a.origin {
				if n := int(a.off-b.off) - 1; !ok || n < best {
					best, ok = n, true
				}
			}
		}
	}
	return best, ok
}

func severity(s domain.DeadlineStatus) int {
	switch s {
	case domain.DeadlineOnhaalbaar:
		return 2
	case domain.DeadlineKrap:
		return 1
	}
	return 0
}

// worse reports whether gap a is worse than gap b: a worse status, or the
// same status with less slack.
func worse(a, b Gap) bool {
	if sa, sb := severity(a.Status), severity(b.Status); sa != sb {
		return sa > sb
	}
	return a.Slack < b.Slack
}

// clampOffset keeps an offset from unvalidated data within what date
// arithmetic can hold; the domain allows ±366.
func clampOffset(n int) int { return max(min(n, 4_000_000), -4_000_000) }

// addDays moves d n calendar days, staying within the supported range.
func addDays(d date.Date, n int) date.Date {
	return date.Date(max(min(int64(d)+int64(clampOffset(n)), int64(maxDate)), int64(minDate)))
}
