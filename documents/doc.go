// Package documents renders the paper side of Overlegplanner: the agenda
// of a meeting (complete, and a public variant without confidential
// content), the year plan (vergaderschema) of a body or partnership, the
// decision list (besluitenlijst) with its action items, and the deadline
// overview per gemeente or person as PDF and CSV.
//
// Everything arrives as domain values: the caller loads meetings and the
// Index from the store and the deadlines from the planning engine, and
// passes the creation time, so the same input gives the same bytes. Texts
// are rendered in the active i18n language. The PDF layout itself lives
// in the subpackage pdf, the one place that knows the PDF library; the
// calendar files live in the subpackage ical.
//
// PublicMeeting (public.go) is the one definition of what of a meeting
// may leave the closed circle; the public agenda uses it, and invites and
// e-mails should too.
package documents
