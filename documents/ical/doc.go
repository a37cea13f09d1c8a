// Package ical writes the iCalendar (RFC 5545) output of Overlegplanner:
// invitations and cancellations as iTIP messages (RFC 5546: METHOD:REQUEST
// and METHOD:CANCEL, one VEVENT per meeting; see Invite, Cancel and
// Attendees) and published feeds (METHOD:PUBLISH) per gremium, gemeente or
// person with meetings and, for ambtenaren, their deadlines as all-day
// events (see Feed and WriteFeed).
//
// Components are built and encoded with github.com/emersion/go-ical; this
// package adds what that library leaves out and what Outlook, Google
// Calendar and Apple Calendar rely on:
//
//   - lines folded at 75 octets, never inside a UTF-8 character (go-ical
//     writes CRLF but does not fold), and TEXT values escaped after
//     removing the control characters and bare CRs that Outlook rejects;
//   - a VTIMEZONE for Europe/Amsterdam with every local time carrying
//     TZID=Europe/Amsterdam (Outlook and Apple place a TZID time only with
//     its VTIMEZONE in the file), and DTSTAMP in UTC;
//   - VERSION, PRODID, CALSCALE and METHOD in the calendar, and through
//     ContentType the same method in the MIME type: Outlook reads an iMIP
//     part as a meeting request only when both are present;
//   - ORGANIZER and ATTENDEE as mailto: addresses with CN, ROLE, PARTSTAT
//     and RSVP, a stable UID and the SEQUENCE the store keeps, which is
//     how Outlook, Gmail and Apple match an update or a cancellation to
//     the event they hold; STATUS:CANCELLED in a cancellation;
//   - a plain-text DESCRIPTION with the public agenda (documents.PublicMeeting:
//     a confidential item appears only as "Vertrouwelijk agendapunt", a
//     confidential document as "Vertrouwelijk stuk") and a VALARM;
//   - for feeds X-WR-CALNAME, X-WR-TIMEZONE, REFRESH-INTERVAL and
//     X-PUBLISHED-TTL, and all-day deadlines as DTSTART;VALUE=DATE with
//     an explicit DTEND the next day, which Outlook requires, marked free
//     (TRANSP and X-MICROSOFT-CDO-BUSYSTATUS) so that they do not block
//     the day.
//
// Every output is checked in the tests by two independent parsers, Mozilla's
// ical.js (Thunderbird's) and Debian's python3-icalendar; see peer_test.go.
//
// The package only renders: it never queries the store and never sends
// mail. Everything it needs arrives as domain values, and the clock is
// passed in so that output is reproducible (the golden files depend on it).
package ical
