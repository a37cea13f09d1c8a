// Package icsimport reads an iCalendar file (RFC 5545) — a partnership's
// meeting series exported from Outlook, Google or Apple Calendar, or a
// gemeente's published college dates — into meetings of one body.
//
// What it reads, per VEVENT:
//
//   - DTSTART and DTEND (or DURATION) as date-times in UTC ("…Z"), with a
//     TZID (IANA names such as Europe/Amsterdam, the Windows names Outlook
//     writes such as "W. Europe Standard Time", or any zone the file
//     defines in a VTIMEZONE), or floating (taken as Amsterdam time). An
//     all-day event is refused: a meeting has a start and an end time.
//   - SUMMARY (kept as the meeting's note), LOCATION (an http(s) link
//     becomes the online link), STATUS (CANCELLED gives geannuleerd),
//     SEQUENCE (the meeting starts from it, so that a later invite is not
//     older than what attendees hold) and UID.
//   - RRULE with EXDATE, RDATE and RECURRENCE-ID overrides: a series is
//     expanded within one year from Options.From. Outlook and Google
//     export a meeting series as one event with a rule; refusing rules
//     would refuse the very files this import is for. Each occurrence
//     gets the UID "<series UID>/<original start in UTC>", so importing
//     the same file again finds the same meetings.
//
// The UID of every meeting is kept, so that re-importing a file, or
// importing one of our own feeds, updates meetings instead of duplicating
// them (see Reconcile).
//
// Parse is all-or-nothing: the file is read whole, every problem is
// collected with the physical line (after unfolding: the line where the
// content line starts) and property at fault, and when there is any, no
// meeting is returned. The decoder of github.com/emersion/go-ical reports
// no line numbers and panics on some malformed parameters, so this package
// reads content lines itself; recurrence rules are expanded with
// github.com/teambition/rrule-go after a strict parse of our own.
//
// The package is pure: no store, no files, no clock.
package icsimport
