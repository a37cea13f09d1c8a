package ical

import (
	"fmt"

	goical "github.com/emersion/go-ical"

	"github.com/overlegplanner/overlegplanner/domain"
)

// Withdraw returns the iTIP CANCEL that takes in.Meeting out of the
// calendars of the people in removed only: a member who left the body, a
// gemeente's people after it left the partnership, a substitute who is no
// longer needed. The meeting itself goes ahead for everyone else.
//
// RFC 5546 §3.2.5 distinguishes the two uses of CANCEL: to cancel the
// whole event STATUS:CANCELLED is set (see Cancel), to "uninvite"
// specific attendees it MUST NOT be, and the ATTENDEE properties are only
// the attendees being removed. A client that receives this deletes its
// copy of the event; the other attendees' copies are untouched, because
// nobody else receives it.
//
// The SEQUENCE is the meeting's current one: removing an attendee is not
// a change of the event that raises it (RFC 5546 §2.1.4), and the
// cancellation still supersedes the invitation the person holds, whose
// sequence is never higher. note is a plain text put before the meeting's
// particulars in the DESCRIPTION, saying why the person no longer
// attends; the caller renders it in in.Lang.
func Withdraw(in InviteInput, removed []Attendee, note string) ([]byte, error) {
	r, body, err := newRenderer(in)
	if err != nil {
		return nil, err
	}
	if len(removed) == 0 {
		return nil, fmt.Errorf("%w: niemand om af te melden voor vergadering %d", ErrIncomplete, in.Meeting.ID)
	}
	m := &in.Meeting
	org, err := r.organiser(body, true)
	if err != nil {
		return nil, err
	}
	var valid []Attendee
	for _, a := range removed {
		if mailAddress(&domain.Person{Email: a.Email}) == "" {
			continue
		}
		// The person's part in the meeting ends: no role to play and no
		// answer expected.
		if a.Role == "" {
			a.Role = roleNonParticipant
		}
		if a.PartStat == "" {
			a.PartStat = partNeedsAction
		}
		a.RSVP, a.DelegatedTo, a.DelegatedFrom = false, "", ""
		valid = append(valid, a)
	}
	if len(valid) == 0 {
		return nil, fmt.Errorf("%w: geen geldig adres om af te melden voor vergadering %d", ErrIncomplete, in.Meeting.ID)
	}
	ev := r.meetingEvent(m, body, m.Sequence, org)
	// No STATUS: STATUS:CANCELLED would cancel the meeting for everyone.
	setRaw(ev, goical.PropTransparency, "TRANSPARENT")
	var w textWriter
	w.text(note)
	w.newline()
	w.newline()
	r.desc.header(&w, m, body)
	setRaw(ev, goical.PropDescription, w.String())
	r.addAttendees(ev, valid)
	cal := newCalendar(MethodCancel)
	cal.Children = append(cal.Children, ev)
	return encode(cal)
}
