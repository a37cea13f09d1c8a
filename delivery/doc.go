// Package delivery takes meetings out of Overlegplanner and into the
// calendars of the people who attend them: invitations by e-mail as iMIP
// messages (RFC 6047), deadline digests for the ambtenaren of each
// gemeente, and publishing to shared CalDAV calendars (RFC 4791).
//
// # Mail
//
// Plan compares a meeting's current attendees (documents/ical.Attendees,
// following domain.Index.MeetingSeats on the meeting's date) with the send
// log (domain.SendRecord, kept by the store): who holds which SEQUENCE of
// the meeting's UID. Each person gets exactly what their calendar needs:
//
//   - a new attendee (a new member, a gemeente that joined, a substitute)
//     an invitation (iTIP REQUEST);
//   - an attendee who holds an older sequence an update (REQUEST with the
//     current, higher SEQUENCE);
//   - an attendee who holds the current sequence but whose copy of the
//     agenda is out of date the new agenda (REQUEST, same SEQUENCE);
//   - a person who was invited but is no longer an attendee (left the
//     body, their gemeente left the partnership) a cancellation for them
//     alone (documents/ical.Withdraw);
//   - everyone who received the invitation of a cancelled meeting its
//     cancellation (iTIP CANCEL, documents/ical.Cancel);
//   - everyone else nothing.
//
// A Plan is the preview the user confirms (and what `send --dry-run`
// prints); Send delivers it through a Transport, the organisation's SMTP
// server (SMTP) or .eml files that Outlook opens as a ready message
// (EMLDir), and records every message in the send log as soon as it is
// accepted or refused, so that an interrupted run leaves a log that says
// exactly who got what.
//
// Every message is multipart/mixed with a multipart/alternative of
// text/plain, text/html and the text/calendar part (with the iTIP method
// in its Content-Type, which Outlook needs to see a meeting request), the
// same calendar as an invite.ics attachment for clients that only offer
// attachments, and the agenda as a PDF: the full agenda for the members,
// their substitutes and the secretariat, the public one (no
// confidential content) for advisers, who are often from outside the
// gemeenten. The mail body is always the public agenda
// (documents.PublicMeeting): a mail is easily forwarded.
//
// The MIME structure is written with github.com/emersion/go-message and
// sent with github.com/emersion/go-smtp (STARTTLS or implicit TLS, AUTH
// PLAIN or LOGIN through github.com/emersion/go-sasl). We chose these over
// wneessen/go-mail because they are the same well-kept family as go-ical
// and go-webdav, which the project already uses, and because iMIP needs
// exact control of each part's headers (the method parameter, no
// Content-Disposition on the calendar part, base64 for the calendar so
// its folded lines and CRLFs arrive byte for byte), which go-message gives
// part by part while a higher-level builder decides them for us.
//
// # Deadline digests
//
// PlanDigests lists, per ambtenaar of each gemeente, the deadlines that
// concern them (planning.Planner.Concerned) in the coming working days,
// and sends one digest a day at most (the send log again).
//
// # CalDAV
//
// Publish keeps one calendar per body and per gemeente on a CalDAV server
// (client: github.com/emersion/go-webdav) equal to the feeds of
// documents/ical: it creates the calendars it needs, and creates, updates
// and deletes events so that a second publish without a change in the
// data changes nothing on the server (every event carries a hash of its
// content; the server's copy is only replaced when the hash differs).
// A cancelled meeting stays in the calendar with STATUS:CANCELLED (see
// Publish for why); a deleted one is removed.
//
// # Passwords and errors
//
// Passwords never enter the database, a log or an error: they live in the
// operating system's keyring (Passwords, github.com/zalando/go-keyring),
// or come from OVERLEGPLANNER_SMTP_PASSWORD / OVERLEGPLANNER_CALDAV_PASSWORD
// or a prompt where there is no keyring (CI, a server). Every failure to
// reach a server is an *i18n.Error that says in Dutch what to check (the
// server name, the port and security, the password, the certificate), and
// its technical cause has any password removed (see redact).
package delivery
