package ical

import (
	"errors"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// ErrIncomplete is the cause of every error about input that cannot make a
// valid calendar (no UID, no organiser, unknown body), for errors.Is. The
// error itself is an *i18n.Error whose message says what to fill in.
var ErrIncomplete = errors.New("ical: onvolledige gegevens")

// DefaultAlarm is how long before the start the reminder of an invite goes
// off when InviteInput.Alarm is zero: regional meetings are usually in
// another town, so a quarter of an hour is too late to leave.
const DefaultAlarm = time.Hour

// InviteInput is what an invitation or a cancellation is made from.
type InviteInput struct {
	// Meeting is the meeting; UID and Sequence are its iCalendar
	// identity. The store raises Sequence (domain.NeedsNewSequence), so
	// an update is simply a new Invite of the changed meeting.
	Meeting domain.Meeting
	// Index resolves the body, partnership, gemeenten and people.
	Index *domain.Index
	// Settings give the organiser when the body has no secretary with
	// an e-mail address.
	Settings domain.Settings
	// Now is written as DTSTAMP; the zero time means time.Now().
	Now time.Time
	// Lang is the language of the texts; "" means the active language.
	Lang i18n.Lang
	// Alarm is how long before the start the reminder goes off: zero
	// means DefaultAlarm, a negative duration means no reminder.
	Alarm time.Duration
}

// Attendee is one ATTENDEE of an invitation, as the invite lists it. A
// mailer sends the invite to every attendee (and may skip those with
// RSVP false whose answer is already known).
type Attendee struct {
	Name  string
	Email string
	// Role is the RFC 5545 ROLE: CHAIR for the voorzitter,
	// REQ-PARTICIPANT for members and the secretary, OPT-PARTICIPANT for
	// advisers, NON-PARTICIPANT for a member who sent a substitute.
	Role string
	// PartStat is the RFC 5545 PARTSTAT: NEEDS-ACTION until the person
	// answers, ACCEPTED when attendance is confirmed, DECLINED after
	// apologies, DELEGATED when a substitute comes instead.
	PartStat string
	// RSVP asks the client to reply; false when the answer is known.
	RSVP bool
	// DelegatedTo is the substitute's address (PartStat DELEGATED).
	DelegatedTo string
	// DelegatedFrom is, for a substitute, the address of the member whose
	// seat they take.
	DelegatedFrom string
}

// The participation statuses and roles we write (RFC 5545 §3.2.12, §3.2.16).
const (
	partNeedsAction = "NEEDS-ACTION"
	partAccepted    = "ACCEPTED"
	partDeclined    = "DECLINED"
	partDelegated   = "DELEGATED"

	roleChair          = "CHAIR"
	roleRequired       = "REQ-PARTICIPANT"
	roleOptional       = "OPT-PARTICIPANT"
	roleNonParticipant = "NON-PARTICIPANT"
)

// Invite returns the invitation for in.Meeting: a METHOD:REQUEST calendar
// with one VEVENT carrying the meeting's UID and Sequence, the organiser,
// every seat as an attendee (see Attendees), the public agenda in the
// description and a reminder. Sending it again after a change of time,
// place or status, with the Sequence the store raised, updates the event
// in every attendee's calendar (RFC 5546 §2.1.4).
//
// A cancelled meeting has no invitation: Invite returns an error and the
// caller uses Cancel, so that a stale "invite" never re-creates a meeting
// that attendees have already seen cancelled.
func Invite(in InviteInput) ([]byte, error) {
	r, body, err := newRenderer(in)
	if err != nil {
		return nil, err
	}
	m := &in.Meeting
	if m.IsCancelled() {
		return nil, i18n.Errorf(ErrIncomplete, "ical.error.cancelled", m.ID)
	}
	org, err := r.organiser(body, true)
	if err != nil {
		return nil, err
	}
	pub := documents.PublicMeeting(*m, r.lang)
	ev := r.meetingEvent(&pub, body, m.Sequence, org)
	setRaw(ev, goical.PropStatus, "CONFIRMED")
	setRaw(ev, goical.PropDescription, r.desc.meeting(&pub, body))
	// The date comes from the year plan and the deadline chain; a
	// COUNTER proposal from one of thirteen members cannot be processed.
	setRaw(ev, "X-MICROSOFT-DISALLOW-COUNTER", "TRUE")
	r.addAttendees(ev, attendees(r.ix, m, org.email))
	if alarm := in.Alarm; alarm >= 0 {
		if alarm == 0 {
			alarm = DefaultAlarm
		}
		ev.Children = append(ev.Children, r.alarm(body, m, alarm))
	}
	cal := newCalendar(MethodRequest)
	cal.Children = append(cal.Children, ev)
	return encode(cal)
}

// Cancel returns the cancellation of in.Meeting: METHOD:CANCEL with the
// same UID, STATUS:CANCELLED and every attendee of the invitation, so that
// each client removes or strikes through the event it holds.
//
// The SEQUENCE must be higher than the last invitation's. For a meeting
// whose status is already geannuleerd the store raised Sequence when the
// status changed, and Cancel uses it as is; for a meeting that is not
// (yet) marked cancelled Cancel uses Sequence+1, which is what the store
// will assign when the cancellation is saved.
func Cancel(in InviteInput) ([]byte, error) {
	r, body, err := newRenderer(in)
	if err != nil {
		return nil, err
	}
	m := &in.Meeting
	org, err := r.organiser(body, true)
	if err != nil {
		return nil, err
	}
	seq := m.Sequence
	if !m.IsCancelled() {
		seq++
	}
	ev := r.meetingEvent(m, body, seq, org)
	setRaw(ev, goical.PropStatus, "CANCELLED")
	// Clients that keep a cancelled event (Outlook until it is deleted)
	// must not show the slot as busy.
	setRaw(ev, goical.PropTransparency, "TRANSPARENT")
	setRaw(ev, goical.PropDescription, r.desc.cancelled(m, body))
	r.addAttendees(ev, attendees(r.ix, m, org.email))
	cal := newCalendar(MethodCancel)
	cal.Children = append(cal.Children, ev)
	return encode(cal)
}

// Attendees returns the attendees that Invite and Cancel write for
// in.Meeting, in the order of domain.Index.MeetingSeats: who to send the
// message to.
//
// Every seat on the meeting's date is listed, also a member who sent
// apologies: that member gets PARTSTAT=DECLINED rather than being left
// out. RFC 5546 has the organiser's copy carry each attendee's last reply,
// and an attendee dropped from an update keeps the old event in their
// calendar (removing them would need a separate CANCEL to them); the
// other members also see who has sent apologies, as on the agenda. A
// member who sends a substitute is DELEGATED (DELEGATED-TO the
// substitute), and the substitute is invited in the seat's role with
// DELEGATED-FROM the member, as in the delegation examples of RFC 5546.
//
// People without a valid e-mail address cannot be invited and are left
// out, as is the organiser, whom the invite already names as ORGANIZER
// (clients would otherwise show them twice).
func Attendees(in InviteInput) ([]Attendee, error) {
	r, body, err := newRenderer(in)
	if err != nil {
		return nil, err
	}
	org, err := r.organiser(body, true)
	if err != nil {
		return nil, err
	}
	return attendees(r.ix, &in.Meeting, org.email), nil
}

// attendees implements Attendees for a resolved organiser address.
func attendees(ix *domain.Index, m *domain.Meeting, organiserEmail string) []Attendee {
	var out []Attendee
	seen := map[string]int{} // lower-cased e-mail → index in out
	add := func(a Attendee) {
		key := strings.ToLower(a.Email)
		if key == "" || key == strings.ToLower(organiserEmail) {
			return
		}
		if i, ok := seen[key]; ok {
			// One person in two seats (a member who also substitutes
			// for another): the seat they attend in wins.
			if !attending(out[i]) && attending(a) {
				out[i] = a
			}
			return
		}
		seen[key] = len(out)
		out = append(out, a)
	}
	for _, s := range ix.MeetingSeats(m) {
		member := Attendee{Name: s.Person.Name, Email: mailAddress(s.Person), Role: seatRole(s.Role)}
		switch {
		case s.Attendance.Status == domain.AttendanceAfgemeld:
			member.PartStat = partDeclined
			add(member)
		case s.Substitute != nil:
			sub := Attendee{Name: s.Substitute.Name, Email: mailAddress(s.Substitute), Role: member.Role,
				PartStat: partNeedsAction, RSVP: true, DelegatedFrom: member.Email}
			member.Role, member.PartStat, member.DelegatedTo = roleNonParticipant, partDelegated, sub.Email
			add(member)
			add(sub)
		case s.Attendance.Status == domain.AttendanceAanwezig:
			member.PartStat = partAccepted
			add(member)
		default:
			member.PartStat, member.RSVP = partNeedsAction, true
			add(member)
		}
	}
	return out
}

func attending(a Attendee) bool { return a.PartStat != partDeclined && a.PartStat != partDelegated }

// seatRole maps a seat in a body to an RFC 5545 ROLE.
func seatRole(r domain.MemberRole) string {
	switch r {
	case domain.RoleVoorzitter:
		return roleChair
	case domain.RoleAdviseur:
		return roleOptional
	}
	return roleRequired
}

// mailAddress returns p's address when it can be a mailto: URI, else "".
// The domain validates typed addresses; this guards imported data, since
// a space or quote in a cal-address breaks parsers.
func mailAddress(p *domain.Person) string {
	if p == nil || p.Email == "" || domain.ValidateEmail(p.Email) != nil ||
		strings.ContainsAny(p.Email, " \"<>\\;,:") {
		return ""
	}
	return p.Email
}

// party is an ORGANIZER: a name and an address.
type party struct{ name, email string }

// renderer holds what every event of one output needs.
type renderer struct {
	ix       *domain.Index
	settings domain.Settings
	now      time.Time
	stamp    string // now as a DTSTAMP value, the same on every event
	lang     i18n.Lang
	desc     *describer
	orgs     map[int64]party   // organiser per body, resolved once
	scratch  *goical.Component // see scratchEvent
}

// newRenderer checks the invite input that Invite, Cancel and Attendees
// share and resolves the meeting's body.
func newRenderer(in InviteInput) (*renderer, *domain.Body, error) {
	if in.Index == nil {
		return nil, nil, i18n.Errorf(ErrIncomplete, "ical.error.noindex")
	}
	r := newRendererFor(in.Index, in.Settings, in.Now, in.Lang)
	body, err := r.checkMeeting(&in.Meeting)
	return r, body, err
}

func newRendererFor(ix *domain.Index, s domain.Settings, now time.Time, lang i18n.Lang) *renderer {
	if now.IsZero() {
		now = time.Now()
	}
	lang = resolveLang(lang)
	return &renderer{ix: ix, settings: s, now: now, stamp: now.UTC().Format("20060102T150405Z"), lang: lang,
		desc: newDescriber(ix, lang), orgs: map[int64]party{}}
}

// checkMeeting returns m's body, or an error when m cannot be written as
// an event: without a UID a client could never update or cancel it.
func (r *renderer) checkMeeting(m *domain.Meeting) (*domain.Body, error) {
	body := r.ix.Bodies[m.BodyID]
	switch {
	case body == nil:
		return nil, i18n.Errorf(ErrIncomplete, "ical.error.nobody", m.ID, m.BodyID)
	case strings.TrimSpace(m.UID) == "":
		return nil, i18n.Errorf(ErrIncomplete, "ical.error.nouid", m.ID)
	case m.Start.IsZero() || !m.End.After(m.Start):
		return nil, i18n.Errorf(ErrIncomplete, "ical.error.notime", m.ID)
	}
	return body, nil
}

// organiser returns who organises body's meetings: the body's secretary
// when they have an address (the most specific answer, and the person the
// replies concern), else the organiser in the settings (often a shared
// secretariat mailbox). required makes its absence an error: an iTIP
// request without ORGANIZER is invalid and Outlook and Gmail ignore it. A
// feed can do without.
func (r *renderer) organiser(body *domain.Body, required bool) (party, error) {
	org, ok := r.orgs[body.ID]
	if !ok {
		switch p := r.ix.People[body.SecretaryID]; {
		case p != nil && mailAddress(p) != "":
			org = party{name: p.Name, email: p.Email}
		case mailAddress(&domain.Person{Email: r.settings.OrganiserEmail}) != "":
			org = party{name: r.settings.OrganiserName, email: r.settings.OrganiserEmail}
		}
		r.orgs[body.ID] = org
	}
	if org.email == "" && required {
		return party{}, i18n.Errorf(ErrIncomplete, "ical.error.noorganiser", body.Name)
	}
	return org, nil
}

// meetingEvent returns the VEVENT properties an invite, a cancellation and
// a feed share, in r's scratch event (valid until the next event).
func (r *renderer) meetingEvent(m *domain.Meeting, body *domain.Body, seq int, org party) *goical.Component {
	ev := r.scratchEvent()
	// UID is a TEXT value: a UID from imported data may hold a comma.
	setText(ev, goical.PropUID, m.UID)
	setRaw(ev, goical.PropSequence, strconv.Itoa(seq))
	setRaw(ev, goical.PropDateTimeStamp, r.stamp)
	setLocal(ev, goical.PropDateTimeStart, m.Start)
	setLocal(ev, goical.PropDateTimeEnd, m.End)
	setText(ev, goical.PropSummary, summaryText(body.Name))
	setText(ev, goical.PropLocation, summaryText(location(m, body)))
	if u := onlineURL(m.OnlineURL); u != "" {
		setRaw(ev, goical.PropURL, u)
	}
	setRaw(ev, goical.PropTransparency, "OPAQUE")
	if org.email != "" {
		p := newProp(goical.PropOrganizer, "mailto:"+org.email)
		if cn := paramText(org.name); cn != "" {
			setParam(p, goical.ParamCommonName, cn)
		}
		ev.Props.Set(p)
	}
	return ev
}

// addAttendees writes one ATTENDEE per attendee.
func (r *renderer) addAttendees(ev *goical.Component, as []Attendee) {
	for _, a := range as {
		p := newProp(goical.PropAttendee, "mailto:"+a.Email)
		if cn := paramText(a.Name); cn != "" {
			setParam(p, goical.ParamCommonName, cn)
		}
		setParam(p, goical.ParamCalendarUserType, "INDIVIDUAL")
		setParam(p, goical.ParamRole, a.Role)
		setParam(p, goical.ParamParticipationStatus, a.PartStat)
		if a.RSVP {
			setParam(p, goical.ParamRSVP, "TRUE")
		} else {
			setParam(p, goical.ParamRSVP, "FALSE")
		}
		if a.DelegatedTo != "" {
			setParam(p, goical.ParamDelegatedTo, "mailto:"+a.DelegatedTo)
		}
		if a.DelegatedFrom != "" {
			setParam(p, goical.ParamDelegatedFrom, "mailto:"+a.DelegatedFrom)
		}
		ev.Props.Add(p)
	}
}

// alarm returns a display reminder before the meeting's start.
func (r *renderer) alarm(body *domain.Body, m *domain.Meeting, before time.Duration) *goical.Component {
	a := goical.NewComponent(goical.CompAlarm)
	setRaw(a, goical.PropAction, "DISPLAY")
	setRaw(a, goical.PropTrigger, formatDuration(-before))
	// ACTION:DISPLAY requires a DESCRIPTION (RFC 5545 §3.6.6).
	setText(a, goical.PropDescription, i18n.In(r.lang, "ical.alarm", summaryText(body.Name), clock(m.Start)))
	return a
}

// onlineURL returns s when it is an absolute http(s) URL that can be a
// URI value, else "" (the link still appears in the description). A full
// URL parse is not needed: the value only has to be a URI that clients
// open, and the description shows the link either way.
func onlineURL(s string) string {
	s = strings.TrimSpace(s)
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(s, "http://")
	}
	if !ok || rest == "" || rest[0] == '/' {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7f || c >= 0x80 || strings.IndexByte(`"<>\^`+"`{|}", c) >= 0 {
			return ""
		}
	}
	return s
}
