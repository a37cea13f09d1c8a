// Package domain holds the values that Overlegplanner is about: gemeenten,
// samenwerkingsverbanden, gremia, mensen, vergaderingen, agenda's, stukken,
// adviezen, deadline rules and the settings of the work calendar.
//
// It is the common language of the other packages: planning computes with
// these values, store persists them, documents renders them, ui and cli show
// them. It has no behaviour beyond what a value can answer about itself
// (membership on a date, a document's status, validation of typed input).
// See ../shared/GLOSSARY.md for the Dutch words.
package domain

import (
	"sync"
	"time"
	_ "time/tzdata" // Europe/Amsterdam must work on Windows, where there is no zoneinfo.

	"github.com/overlegplanner/overlegplanner/date"
)

var (
	amsterdamOnce sync.Once
	amsterdam     *time.Location
)

// Amsterdam returns the Europe/Amsterdam location, in which every meeting is
// displayed and written to iCalendar.
func Amsterdam() *time.Location {
	amsterdamOnce.Do(func() {
		loc, err := time.LoadLocation("Europe/Amsterdam")
		if err != nil {
			// Cannot happen with time/tzdata embedded; a broken build must not
			// silently plan in UTC.
			panic("domain: Europe/Amsterdam ontbreekt: " + err.Error())
		}
		amsterdam = loc
	})
	return amsterdam
}

// DateOf returns the Amsterdam calendar date of instant t.
func DateOf(t time.Time) date.Date { return date.Of(t.In(Amsterdam())) }

// SchoolRegion is a Dutch school-holiday region.
type SchoolRegion string

// The three school-holiday regions.
const (
	RegionNoord  SchoolRegion = "noord"
	RegionMidden SchoolRegion = "midden"
	RegionZuid   SchoolRegion = "zuid"
)

// SchoolRegions lists the regions in display order.
func SchoolRegions() []SchoolRegion { return []SchoolRegion{RegionNoord, RegionMidden, RegionZuid} }

// Municipality is a gemeente. Its college van B&W meets weekly on
// CollegeDays; stukken for that meeting must be in CollegeLeadDays working
// days before it, which is what makes a PHO's chain differ per gemeente.
type Municipality struct {
	ID              int64
	Name            string
	CBSCode         string // "GM0687"
	Inhabitants     int
	CollegeDays     []time.Weekday // usually one weekday, sometimes two
	CollegeLeadDays int            // working days between aanleveren and the college meeting
	Region          SchoolRegion
}

// LegalForm is the legal basis of a partnership.
type LegalForm string

// The legal forms of a samenwerkingsverband.
const (
	LegalFormGR              LegalForm = "gr" // gemeenschappelijke regeling (Wgr)
	LegalFormCentrumgemeente LegalForm = "centrumgemeente"
	LegalFormConvenant       LegalForm = "convenant" // convenant or dienstverleningsovereenkomst
	LegalFormInformeel       LegalForm = "informeel"
)

// LegalForms lists the legal forms in display order.
func LegalForms() []LegalForm {
	return []LegalForm{LegalFormGR, LegalFormCentrumgemeente, LegalFormConvenant, LegalFormInformeel}
}

// Partnership is a samenwerkingsverband of gemeenten for a policy domain.
type Partnership struct {
	ID           int64
	Name         string // "Orionis Walcheren"
	ShortName    string // "Orionis"
	PolicyDomain string // "werk en inkomen"
	LegalForm    LegalForm
	Color        string // "#1f77b4", for calendars and lists
	Members      []Membership
}

// Membership is a gemeente's membership of a partnership. It holds from
// From (inclusive) until Until (exclusive: the first day it is no longer a
// member); a zero Until means open-ended.
type Membership struct {
	MunicipalityID int64
	From           date.Date
	Until          date.Date
}

// ActiveOn reports whether the membership holds on d.
func (m Membership) ActiveOn(d date.Date) bool {
	return !d.Before(m.From) && (m.Until.IsZero() || d.Before(m.Until))
}

// MembersOn returns the IDs of the gemeenten that are members on d, in the
// order of p.Members.
func (p Partnership) MembersOn(d date.Date) []int64 {
	var out []int64
	for _, m := range p.Members {
		if m.ActiveOn(d) {
			out = append(out, m.MunicipalityID)
		}
	}
	return out
}

// IsMemberOn reports whether gemeente id is a member on d.
func (p Partnership) IsMemberOn(id int64, d date.Date) bool {
	for _, m := range p.Members {
		if m.MunicipalityID == id && m.ActiveOn(d) {
			return true
		}
	}
	return false
}

// BodyKind is the kind of a meeting body (gremium).
type BodyKind string

// The kinds of body.
const (
	BodyPHO        BodyKind = "pho" // portefeuillehoudersoverleg
	BodyAO         BodyKind = "ao"  // ambtelijk (voor)overleg
	BodyAB         BodyKind = "ab"  // algemeen bestuur
	BodyDB         BodyKind = "db"  // dagelijks bestuur
	BodyStuurgroep BodyKind = "stuurgroep"
)

// BodyKinds lists the kinds in display order.
func BodyKinds() []BodyKind { return []BodyKind{BodyPHO, BodyAO, BodyAB, BodyDB, BodyStuurgroep} }

// MemberRole is a person's role in a body.
type MemberRole string

// The roles in a body.
const (
	RoleVoorzitter MemberRole = "voorzitter"
	RoleLid        MemberRole = "lid"
	RoleAdviseur   MemberRole = "adviseur"
	RoleSecretaris MemberRole = "secretaris"
)

// MemberRoles lists the roles in display order.
func MemberRoles() []MemberRole {
	return []MemberRole{RoleVoorzitter, RoleLid, RoleAdviseur, RoleSecretaris}
}

// BodyMember is a person's seat in a body, with optional dates (a new
// college after elections brings new wethouders).
type BodyMember struct {
	PersonID int64
	Role     MemberRole
	From     date.Date // zero: since always
	Until    date.Date // exclusive; zero: open-ended
}

// ActiveOn reports whether the seat holds on d.
func (m BodyMember) ActiveOn(d date.Date) bool {
	return (m.From.IsZero() || !d.Before(m.From)) && (m.Until.IsZero() || d.Before(m.Until))
}

// RhythmKind says how a body's meetings recur.
type RhythmKind string

// The rhythm kinds.
const (
	RhythmNone    RhythmKind = ""      // meetings are planned one by one
	RhythmWeeks   RhythmKind = "weken" // every Interval weeks on Weekday
	RhythmMonthly RhythmKind = "maand" // the Nth Weekday of every Interval months
)

// Rhythm is the recurrence of a body's meetings.
type Rhythm struct {
	Kind     RhythmKind
	Interval int          // weeks (RhythmWeeks) or months (RhythmMonthly); 0 means 1
	Weekday  time.Weekday // the meeting weekday
	Nth      int          // RhythmMonthly: 1..4, or -1 for the last
	Start    date.Date    // RhythmWeeks: a date in the series, fixing the phase
}

// StandingItem is an agenda item that every meeting of a body starts with or
// ends with (opening, mededelingen, verslag, rondvraag, sluiting).
type StandingItem struct {
	Title string
	Kind  ItemKind
}

// Body is a meeting body (gremium) of a partnership.
type Body struct {
	ID            int64
	PartnershipID int64
	Kind          BodyKind
	Name          string // "PHO Jeugd Zeeland"
	PreparedByID  int64  // the body whose meetings prepare this one (the AO of a PHO); 0 if none
	StartMinute   int    // default start, minutes after midnight (14:00 is 840)
	Duration      int    // default duration in minutes
	Location      string // default location
	Rhythm        Rhythm
	Chain         []DeadlineRule // the chain template, in order
	TightDays     int            // a step leaving fewer working days is "krap"; 0: the global setting
	SecretaryID   int64          // organiser of the invites
	Members       []BodyMember
	StandingItems []StandingItem
}

// MembersOn returns the seats that hold on d.
func (b Body) MembersOn(d date.Date) []BodyMember {
	var out []BodyMember
	for _, m := range b.Members {
		if m.ActiveOn(d) {
			out = append(out, m)
		}
	}
	return out
}

// PersonRole is what a person does in the partnership world.
type PersonRole string

// The person roles of the glossary.
const (
	PersonBestuurder PersonRole = "bestuurder"
	PersonAmbtenaar  PersonRole = "ambtenaar"
	PersonSecretaris PersonRole = "secretaris"
)

// PersonRoles lists the person roles in display order.
func PersonRoles() []PersonRole {
	return []PersonRole{PersonBestuurder, PersonAmbtenaar, PersonSecretaris}
}

// Person is a bestuurder, ambtenaar or secretaris.
type Person struct {
	ID             int64
	Name           string
	Email          string
	Phone          string
	MunicipalityID int64 // 0 for people not employed by a gemeente (a regional secretariat)
	Role           PersonRole
	Function       string // "wethouder Jeugd en Onderwijs", "beleidsadviseur Wmo"
}

// MeetingStatus is the lifecycle state of a meeting.
type MeetingStatus string

// The meeting statuses.
const (
	StatusGepland     MeetingStatus = "gepland"
	StatusVerzonden   MeetingStatus = "verzonden" // agenda and stukken sent to the members
	StatusGeannuleerd MeetingStatus = "geannuleerd"
	StatusGehouden    MeetingStatus = "gehouden"
)

// MeetingStatuses lists the statuses in lifecycle order.
func MeetingStatuses() []MeetingStatus {
	return []MeetingStatus{StatusGepland, StatusVerzonden, StatusGeannuleerd, StatusGehouden}
}

// Meeting is one occurrence of a body's meeting. UID and Sequence are its
// iCalendar identity: the UID never changes, the sequence rises with every
// change an invitee must see (see NeedsNewSequence).
type Meeting struct {
	ID                  int64
	BodyID              int64
	Start, End          time.Time
	Location            string
	OnlineURL           string
	Status              MeetingStatus
	UID                 string
	Sequence            int
	PreparedByMeetingID int64 // the AO meeting that prepares this one; 0 if none
	Note                string
	Attendance          []Attendance // only the exceptions: apologies and substitutes
	Items               []AgendaItem // the agenda, in order; nil when loaded as a header
	Actions             []ActionItem
}

// Date returns the meeting's calendar date in Amsterdam.
func (m Meeting) Date() date.Date { return DateOf(m.Start) }

// IsCancelled reports whether the meeting is cancelled.
func (m Meeting) IsCancelled() bool { return m.Status == StatusGeannuleerd }

// NeedsNewSequence reports whether going from old to new changes something
// an invitee's calendar holds (time, place or status), so that the invite
// must be re-issued with a higher SEQUENCE (RFC 5546 §2.1.4).
func NeedsNewSequence(old, new Meeting) bool {
	return !old.Start.Equal(new.Start) || !old.End.Equal(new.End) ||
		old.Location != new.Location || old.OnlineURL != new.OnlineURL ||
		old.Status != new.Status
}

// AttendanceStatus is a member's answer for one meeting.
type AttendanceStatus string

// The attendance statuses.
const (
	AttendanceAfgemeld  AttendanceStatus = "afgemeld"  // sends apologies
	AttendanceVervangen AttendanceStatus = "vervangen" // sends a substitute
	AttendanceAanwezig  AttendanceStatus = "aanwezig"  // confirmed
	AttendanceOnbekend  AttendanceStatus = ""          // no answer yet
)

// Attendance records a member's apologies or substitute for a meeting. A
// substitute who is an ambtenaar attends as mandated (gemandateerd).
type Attendance struct {
	PersonID     int64
	Status       AttendanceStatus
	SubstituteID int64
	Note         string
}

// ItemKind is the kind of an agenda item.
type ItemKind string

// The agenda item kinds.
const (
	ItemOpening        ItemKind = "opening"
	ItemMededelingen   ItemKind = "mededelingen"
	ItemVerslag        ItemKind = "verslag" // verslag / besluitenlijst vorige vergadering
	ItemBesluitvorming ItemKind = "besluitvorming"
	ItemBespreking     ItemKind = "bespreking"
	ItemInformatie     ItemKind = "informatie"
	ItemHamerstuk      ItemKind = "hamerstuk"
	ItemRondvraag      ItemKind = "rondvraag"
	ItemSluiting       ItemKind = "sluiting"
)

// ItemKinds lists the kinds in the order they usually appear.
func ItemKinds() []ItemKind {
	return []ItemKind{ItemOpening, ItemMededelingen, ItemVerslag, ItemHamerstuk, ItemBesluitvorming,
		ItemBespreking, ItemInformatie, ItemRondvraag, ItemSluiting}
}

// NeedsDecision reports whether items of this kind are decided on.
func (k ItemKind) NeedsDecision() bool { return k == ItemBesluitvorming || k == ItemHamerstuk }

// AgendaItem is a numbered item on a meeting's agenda.
type AgendaItem struct {
	ID                   int64
	MeetingID            int64
	Position             int // 1-based order on the agenda
	Title                string
	Kind                 ItemKind
	PortefeuillehouderID int64 // the bestuurder who brings it in; 0 if none
	StellerID            int64 // the ambtenaar who wrote it; 0 if none
	Confidential         bool
	Proposal             string // voorstel / beslispunten
	Decision             string // besluit, filled in after the meeting
	Motivation           string // why: the argument recorded with the decision
	Documents            []Document
	Advice               []Advice
}

// Document is a stuk attached to an agenda item. A document without a file
// (zero ReceivedAt) is expected but not yet delivered.
type Document struct {
	ID           int64
	ItemID       int64
	Title        string
	FileName     string // the original file name, for display and export
	Version      int
	SHA256       string // hex of the stored content
	Size         int64
	ReceivedAt   time.Time // zero: not yet received
	Confidential bool
	StoredName   string // the file under the app's data dir; "" if none
}

// Pending reports whether d is announced but not delivered: no file and no
// date of receipt. (A record with a date but no file, from an import, is
// not pending: it was delivered, its file is just not here.)
func (d Document) Pending() bool { return d.ReceivedAt.IsZero() && d.StoredName == "" }

// DocumentStatus is what the secretariat needs to know about a stuk.
type DocumentStatus string

// The document statuses.
const (
	DocVerwacht  DocumentStatus = "verwacht"  // not yet in, deadline not passed
	DocOntbreekt DocumentStatus = "ontbreekt" // not in and the deadline has passed
	DocOntvangen DocumentStatus = "ontvangen" // in on time
	DocTeLaat    DocumentStatus = "te_laat"   // in, but after the deadline
)

// Status derives the state of d from its delivery deadline due (the last
// day on which it counts as on time) and today. A zero due means no
// deadline is known, so a document can only be expected or received.
func (d Document) Status(due, today date.Date) DocumentStatus {
	if d.ReceivedAt.IsZero() {
		if !due.IsZero() && today.After(due) {
			return DocOntbreekt
		}
		return DocVerwacht
	}
	if !due.IsZero() && DateOf(d.ReceivedAt).After(due) {
		return DocTeLaat
	}
	return DocOntvangen
}

// Verdict is a gemeente's ambtelijk advies on an agenda item.
type Verdict string

// The verdicts of an adviesronde.
const (
	VerdictNone           Verdict = ""
	VerdictAkkoord        Verdict = "akkoord"
	VerdictKanttekeningen Verdict = "kanttekeningen" // akkoord met kanttekeningen
	VerdictNietAkkoord    Verdict = "niet_akkoord"
)

// Verdicts lists the verdicts in display order (without VerdictNone).
func Verdicts() []Verdict {
	return []Verdict{VerdictAkkoord, VerdictKanttekeningen, VerdictNietAkkoord}
}

// Advice is one gemeente's advice on one agenda item.
type Advice struct {
	ItemID         int64
	MunicipalityID int64
	Verdict        Verdict
	Note           string
	GivenOn        date.Date
}

// ActionItem is an action from a meeting's besluitenlijst: who does what by when.
type ActionItem struct {
	ID          int64
	MeetingID   int64
	ItemID      int64 // the agenda item it came from; 0 if general
	Description string
	OwnerID     int64 // person
	Due         date.Date
	Done        bool
}
