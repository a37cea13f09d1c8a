// Package ical writes the iCalendar (RFC 5545) output of Overlegplanner:
// invitations and cancellations as iTIP messages (RFC 5546: METHOD:REQUEST
// and METHOD:CANCEL, one VEVENT per meeting) and published feeds
// (METHOD:PUBLISH) per gremium, gemeente or person with meetings and, for
// ambtenaren, their deadlines as all-day events.
//
// Components are built and encoded with github.com/emersion/go-ical; this
// package adds what that library leaves out and what Outlook, Google
// Calendar and Apple Calendar rely on:
//
//   - lines folded at 75 octets, never inside a UTF-8 character (go-ical
//     writes CRLF but does not fold);
//   - a VTIMEZONE for Europe/Amsterdam with every local time carrying
//     TZID=Europe/Amsterdam, and DTSTAMP in UTC;
//   - ORGANIZER and ATTENDEE as mailto: addresses, a stable UID and the
//     SEQUENCE the store keeps, METHOD in the calendar (and, through
//     ContentType, in the MIME type: Outlook reads an iMIP part as an invite
//     only when both are present);
//   - plain-text DESCRIPTION with the public agenda: a confidential item
//     appears only as "Vertrouwelijk agendapunt", a confidential document as
//     "Vertrouwelijk stuk";
//   - feed metadata (X-WR-CALNAME, X-WR-TIMEZONE, REFRESH-INTERVAL,
//     X-PUBLISHED-TTL) and all-day deadlines with an explicit DTEND, which
//     Outlook requires.
//
// The package only renders: it never queries the store and never sends
// mail. Everything it needs arrives as domain values, and the clock is
// passed in so that output is reproducible (the golden files depend on it).
package ical
