// Package planning is the planning engine of Overlegplanner: it turns a
// body's rhythm and the calendars of its member gemeenten into a year of
// meetings and a dated chain of obligations, and checks that people can
// actually meet them. It is pure Go over domain values: no store, no UI,
// no files, no clock (callers pass dates).
//
// The parts, by file:
//
//   - holidays.go: the Dutch public holidays of any year (Easter by the
//     Gregorian computus, Koninginnedag/Koningsdag with the rules of each
//     reign), with Goede Vrijdag and Bevrijdingsdag as settings.
//   - calendar.go: the work calendar. NewCalendar builds the secretariat's
//     calendar (weekends, holidays that are days off, closed days for
//     everyone, recess, school holidays); ForMunicipality adds a gemeente's
//     own closed days. AddWorkdays and WorkdaysBetween are O(1) table
//     lookups (a few nanoseconds) over a table of prefix counts shared by
//     every gemeente without closed days of its own.
//   - schoolholidays.go: the published school holidays of the current and
//     next school year per region, with their provenance, as editable
//     defaults.
//
// Explanations (why a deadline is tight, why a meeting moved) are
// i18n.Message values rendered at the edge; date arguments are Day values
// that render in the language of the message (see Render).
package planning
