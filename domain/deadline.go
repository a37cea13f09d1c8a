package domain

import "github.com/overlegplanner/overlegplanner/date"

// Audience is who must act on a deadline.
type Audience string

// The audiences of a deadline.
const (
	AudienceSecretariaat Audience = "secretariaat"
	AudienceAmbtenaren   Audience = "ambtenaren"
	AudienceLeden        Audience = "leden" // the members of the body (bestuurders)
	AudienceCollege      Audience = "college"
)

// Audiences lists the audiences in display order.
func Audiences() []Audience {
	return []Audience{AudienceSecretariaat, AudienceAmbtenaren, AudienceLeden, AudienceCollege}
}

// DeadlineKind classifies a step of a chain, so that outputs can pick the
// key steps (a year plan shows aanmelden, aanleveren and verzending) without
// depending on the names a user gave them.
type DeadlineKind string

// The deadline kinds.
const (
	KindAanmelden   DeadlineKind = "aanmelden"   // agendapunt aanmelden bij het secretariaat
	KindConcept     DeadlineKind = "concept"     // conceptstukken voor het AO
	KindVooroverleg DeadlineKind = "vooroverleg" // the AO meeting itself
	KindAanleveren  DeadlineKind = "aanleveren"  // definitieve stukken aanleveren
	KindDispatch    DeadlineKind = "dispatch"    // verzending agenda en stukken aan de leden
	KindAdvies      DeadlineKind = "advies"      // ambtelijk advies bij het college aanleveren
	KindCollege     DeadlineKind = "college"     // collegevergadering (rugdekking)
	KindMeeting     DeadlineKind = "vergadering"
	KindBesluiten   DeadlineKind = "besluitenlijst"
	KindOther       DeadlineKind = "overig"
)

// AnchorKind is what a deadline rule counts from.
type AnchorKind string

// The anchors of a deadline rule.
const (
	AnchorMeeting AnchorKind = "vergadering" // the meeting's own date
	AnchorRule    AnchorKind = "regel"       // another rule of the same chain (AnchorRule)
	AnchorPrep    AnchorKind = "vooroverleg" // the linked preparatory (AO) meeting
	AnchorCollege AnchorKind = "college"     // per gemeente: its college meeting (see DeadlineRule)
)

// Unit is how a rule's offset is counted.
type Unit string

// The units of an offset.
const (
	Werkdagen     Unit = "werkdagen"
	Kalenderdagen Unit = "kalenderdagen"
)

// Roll is where a calendar-day deadline that lands on a non-working day goes.
type Roll string

// The roll directions. Earlier is the default: a deadline moved later would
// eat the next step's time.
const (
	RollEarlier Roll = "eerder"
	RollLater   Roll = "later"
)

// DeadlineRule is one step of a body's chain template. The due date is the
// anchor's date moved Offset days (negative: before) in Unit. For
// AnchorCollege the anchor is, per member gemeente, its last college meeting
// on or before the date that the offset gives from the meeting; a rule with
// UseLeadTime additionally moves back that gemeente's CollegeLeadDays
// working days.
type DeadlineRule struct {
	Key             string // stable within the template: "aanmelden", "verzending"
	Name            string // shown to users: "agendapunt aanmelden bij secretariaat"
	Kind            DeadlineKind
	Audience        Audience
	Anchor          AnchorKind
	AnchorRule      string // the Key counted from when Anchor is AnchorRule
	Offset          int
	Unit            Unit
	PerMunicipality bool // one deadline per member gemeente
	UseLeadTime     bool // also subtract the gemeente's college lead time
	Roll            Roll // for Kalenderdagen; "" means RollEarlier
}

// DeadlineStatus is the feasibility of a deadline.
type DeadlineStatus string

// The feasibility statuses.
const (
	DeadlineOK         DeadlineStatus = "ok"
	DeadlineKrap       DeadlineStatus = "krap"
	DeadlineOnhaalbaar DeadlineStatus = "onhaalbaar"
)

// Deadline is a dated obligation derived from a meeting by a rule. Deadlines
// are computed, never stored: they follow the meeting, the rules and the
// calendar, so they can never go stale.
type Deadline struct {
	MeetingID      int64
	RuleKey        string
	Name           string
	Kind           DeadlineKind
	Audience       Audience
	MunicipalityID int64 // 0 unless the rule is per gemeente
	Due            date.Date
	Slack          int // working days this step really leaves after the step before it
	Status         DeadlineStatus
	Reason         string // Dutch explanation when not ok
}
