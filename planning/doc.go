// Package planning is the planning engine of Overlegplanner: it turns a
// body's rhythm and the calendars of its member gemeenten into a year of
// meetings and a dated chain of obligations, and checks that people can
// actually meet them. It is pure Go over domain values: no store, no UI,
// no files, no clock (callers pass dates and years).
//
// # Entry points
//
// Most callers build a Planner over a dataset and ask it:
//
//	p := planning.NewPlanner(ds)
//	p.Deadlines(meetingID)         // []domain.Deadline of one meeting, Reason in Dutch
//	p.AllDeadlines(from, to)       // every deadline due in a period, by date
//	p.Chain(meetingID)             // the chain with every gap measured (ChainResult)
//	p.Feasibility(meetingID)       // per gemeente: what each step leaves, problems first
//	p.Conflicts()                  // people, rooms, holidays, recess, across all partnerships
//	p.ConflictsFor(&m, ignore)     // the same for a meeting being planned or moved
//	p.Series(bodyID, year)         // a year of meetings from the body's rhythm
//	p.Propose(bodyID, year, n)     // the n best rhythms, explained
//	p.Reschedule(before, after)    // what moving or cancelling a meeting changes, for whom
//	p.CalendarYear(year), p.DeadlineRows(...), p.ConflictRows(), p.Schedule(...)
//	                               // what the CLI prints (report.go)
//
// Without a dataset: NewCalendar for working-day arithmetic, DutchHolidays
// for a year's holidays, ComputeChain for one chain from a ChainInput,
// RhythmDates for a rhythm's dates, ChainPreset/DefaultPHOChain for the
// chain templates of new bodies, DefaultSchoolHolidays for the published
// school holidays.
//
// # The parts, by file
//
//   - holidays.go: the Dutch public holidays of any year (Easter by the
//     Gregorian computus, Koninginnedag/Koningsdag with the rules of each
//     reign), with Goede Vrijdag and Bevrijdingsdag as settings.
//   - calendar.go: the work calendar. NewCalendar builds the secretariat's
//     calendar (weekends, holidays that are days off, closed days for
//     everyone, recess, school holidays); ForMunicipality adds a gemeente's
//     own closed days. AddWorkdays and WorkdaysBetween are O(1) lookups (a
//     few nanoseconds) in a table of prefix counts that grows on demand and
//     is shared by every gemeente without closed days of its own.
//   - schoolholidays.go: the school holidays of 2026-2027 and 2027-2028
//     per region, with their provenance, as editable defaults.
//   - chain.go, presets.go: deadline chains. A rule counts from the meeting,
//     another rule, the linked AO meeting or each member gemeente's college
//     meeting, in working or calendar days (rolled to a working day,
//     earlier unless the rule says later). Each step is measured against
//     the step before it: the working days strictly between them, per
//     gemeente where either step is per gemeente. Negative is onhaalbaar;
//     below the threshold is krap, unless the template itself sets that gap.
//   - planner.go, feasibility.go: the dataset view: members on the
//     meeting's date, the linked AO, thresholds per body.
//   - series.go: rhythm dates, moved within the week around days off,
//     dropped in recess, with reasons and school-holiday notes.
//   - conflicts.go: sweeps over intervals sorted per person and per room.
//   - reschedule.go: deadline changes of a meeting and of the meetings it
//     prepares, with the people concerned.
//   - propose.go: candidate rhythms scored by preparation time and clashes.
//   - report.go: rows and tables for the CLI.
//
// Explanations (why a step is krap, why a meeting moved) are i18n.Message
// values rendered at the edge; date arguments are Day values that render
// in the language of the message (Render, Dutch). domain.Deadline.Reason
// is the Dutch rendering, because it is stored text.
//
// Performance at national scale (342 gemeenten, 300 bodies of 10 members,
// 3,600 meetings, 97,200 deadlines with the default chain): all deadlines
// with feasibility in about 70 ms and all conflicts in about 20 ms on one
// core (BenchmarkNationalDeadlines, BenchmarkNationalConflicts).
package planning
