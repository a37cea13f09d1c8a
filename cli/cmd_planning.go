package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
)

// DayOffJSON is one element of `calendar --json` (docs/cli.md).
type DayOffJSON struct {
	Date         string `json:"date"`
	Weekday      string `json:"weekday"`
	Kind         string `json:"kind"`
	Holiday      string `json:"holiday,omitempty"`
	Name         string `json:"name"`
	Municipality string `json:"municipality,omitempty"`
}

// runCalendar lists the non-working days of a year with their names: the
// holidays under the settings of the database (or the defaults without
// --db) and the closed days.
func runCalendar(ctx context.Context, c *call) error {
	year := c.flags.Int("year", 0, i18n.T("cli.flag.year"))
	asJSON := c.flags.Bool("json", false, i18n.T("cli.flag.json"))
	if err := c.parse(); err != nil {
		return err
	}
	if *year < 1900 || *year > 2200 {
		return usageErr("cli.err.year")
	}
	ds := &domain.Dataset{Settings: domain.DefaultSettings()}
	if *c.db != "" {
		l, err := c.load(ctx)
		if err != nil {
			return err
		}
		defer l.store.Close()
		ds = l.ds
	}
	ix := domain.NewIndex(ds)
	cal := planning.NewCalendar(ds.Settings, ds.ClosedDays, ds.Recesses, ds.SchoolHolidays)
	var out []DayOffJSON
	for _, o := range cal.NonWorkingDays(date.New(*year, time.January, 1), date.New(*year, time.December, 31)) {
		out = append(out, DayOffJSON{Date: o.Date.String(), Weekday: i18n.WeekdayName(o.Date.Weekday()), Kind: string(o.Kind),
			Holiday: string(o.Holiday), Name: o.Label(), Municipality: ix.MunicipalityName(o.MunicipalityID)})
	}
	// Closed days of individual gemeenten are on their own calendars.
	for _, cd := range ds.ClosedDays {
		if cd.MunicipalityID != 0 && cd.Date.Year() == *year {
			out = append(out, DayOffJSON{Date: cd.Date.String(), Weekday: i18n.WeekdayName(cd.Date.Weekday()), Kind: "gesloten",
				Name: cd.Name, Municipality: ix.MunicipalityName(cd.MunicipalityID)})
		}
	}
	if *asJSON {
		if out == nil {
			out = []DayOffJSON{}
		}
		return writeJSON(c, out)
	}
	tw := tabwriter.NewWriter(c.Stdout, 2, 4, 2, ' ', 0)
	for _, o := range out {
		d, _ := date.Parse(o.Date)
		name := o.Name
		if o.Municipality != "" {
			name += " (" + o.Municipality + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\n", i18n.ShortDate(d), name)
	}
	return tw.Flush()
}

// DeadlineJSON is one element of `deadlines --json` (docs/cli.md).
type DeadlineJSON struct {
	MeetingID    int64  `json:"meeting_id"`
	Body         string `json:"body"`
	MeetingDate  string `json:"meeting_date"`
	Rule         string `json:"rule"`
	RuleKey      string `json:"rule_key"`
	Kind         string `json:"kind"`
	Audience     string `json:"audience"`
	Municipality string `json:"municipality"` // "" when the rule is not per gemeente
	Due          string `json:"due"`
	Slack        int    `json:"slack"` // working days this step really leaves
	Status       string `json:"status"`
	Reason       string `json:"reason,omitempty"`
}

// runDeadlines lists deadlines, for everyone or for one gemeente or person,
// as a table, JSON, CSV (Dutch Excel) or a PDF overview.
func runDeadlines(ctx context.Context, c *call) error {
	mun := c.flags.String("municipality", "", i18n.T("cli.flag.municipality"))
	person := c.flags.String("person", "", i18n.T("cli.flag.person"))
	from := c.dateVar("from", "cli.flag.from")
	to := c.dateVar("to", "cli.flag.to")
	asJSON := c.flags.Bool("json", false, i18n.T("cli.flag.json"))
	asCSV := c.flags.Bool("csv", false, i18n.T("cli.flag.csv"))
	out := c.flags.String("out", "", i18n.T("cli.flag.outdeadlines"))
	if err := c.parse(); err != nil {
		return err
	}
	if *mun != "" && *person != "" {
		return usageErr("cli.err.munorperson")
	}
	if (*asCSV || *out != "") && *mun == "" && *person == "" {
		return usageErr("cli.err.overviewscope")
	}
	if !from.d.IsZero() && !to.d.IsZero() && to.d.Before(from.d) {
		return usageErr("cli.err.tobeforefrom", to.d, from.d)
	}
	l, err := c.load(ctx)
	if err != nil {
		return err
	}
	defer l.store.Close()
	p := planning.NewPlanner(l.ds)
	all := p.AllDeadlines(from.d, to.d)

	if *mun != "" || *person != "" {
		in := documents.DeadlineOverviewInput{From: from.d, To: to.d, Deadlines: all, Index: p.Index(),
			Organiser: l.ds.Settings.OrganiserName, Now: c.Now()}
		if *mun != "" {
			m, err := l.municipalityByName(*mun)
			if err != nil {
				return err
			}
			in.Kind, in.ID = documents.ScopeMunicipality, m.ID
		} else {
			per, err := l.personByEmail(*person)
			if err != nil {
				return err
			}
			in.Kind, in.ID = documents.ScopePerson, per.ID
		}
		switch {
		case *out != "" && !*asCSV:
			r, err := documents.DeadlineOverview(in)
			if err != nil {
				return err
			}
			return c.wrote(*out, r.PDF, r.Pages)
		case *asCSV:
			if *out != "" {
				f, err := os.CreateTemp(".", ".deadlines-*.csv")
				if err != nil {
					return i18n.Errorf(err, "cli.err.write", *out)
				}
				defer os.Remove(f.Name())
				if err := documents.DeadlineCSV(f, in); err != nil {
					f.Close()
					return err
				}
				f.Close()
				b, err := os.ReadFile(f.Name())
				if err != nil {
					return err
				}
				return c.wrote(*out, b, 0)
			}
			return documents.DeadlineCSV(c.Stdout, in)
		}
		entries, err := documents.DeadlineEntries(in)
		if err != nil {
			return err
		}
		all = all[:0]
		for _, e := range entries {
			all = append(all, e.Deadline)
		}
	}
	ix := p.Index()
	rows := make([]DeadlineJSON, 0, len(all))
	for _, d := range all {
		m := ix.Meetings[d.MeetingID]
		r := DeadlineJSON{MeetingID: d.MeetingID, Rule: d.Name, RuleKey: d.RuleKey, Kind: string(d.Kind), Audience: string(d.Audience),
			Municipality: ix.MunicipalityName(d.MunicipalityID), Due: d.Due.String(), Slack: d.Slack, Status: string(d.Status), Reason: d.Reason}
		if m != nil {
			r.MeetingDate = m.Date().String()
			if b := ix.Bodies[m.BodyID]; b != nil {
				r.Body = b.Name
			}
		}
		rows = append(rows, r)
	}
	if *asJSON {
		return writeJSON(c, rows)
	}
	if len(rows) == 0 {
		fmt.Fprintln(c.Stdout, i18n.T("cli.deadlines.none"))
		return nil
	}
	tw := tabwriter.NewWriter(c.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, i18n.T("cli.deadlines.header"))
	for i, r := range rows {
		st := domain.DeadlineStatus(r.Status).Label()
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", i18n.ShortDate(all[i].Due), r.Rule, r.Municipality, r.Body, r.Slack, st)
	}
	return tw.Flush()
}

// ConflictJSON is one element of `conflicts --json` (docs/cli.md).
type ConflictJSON struct {
	Kind         string  `json:"kind"`
	Date         string  `json:"date"`
	MeetingIDs   []int64 `json:"meeting_ids"`
	Person       string  `json:"person,omitempty"`
	Municipality string  `json:"municipality,omitempty"`
	Location     string  `json:"location,omitempty"`
	Message      string  `json:"message"`
}

// runConflicts lists every conflict across all partnerships: people and
// rooms double-booked, meetings on a holiday, closed day or in recess.
func runConflicts(ctx context.Context, c *call) error {
	from := c.dateVar("from", "cli.flag.from")
	asJSON := c.flags.Bool("json", false, i18n.T("cli.flag.json"))
	if err := c.parse(); err != nil {
		return err
	}
	l, err := c.load(ctx)
	if err != nil {
		return err
	}
	defer l.store.Close()
	p := planning.NewPlanner(l.ds)
	ix := p.Index()
	rows := []ConflictJSON{}
	for _, cf := range p.Conflicts() {
		if !from.d.IsZero() && cf.Date.Before(from.d) {
			continue
		}
		rows = append(rows, ConflictJSON{Kind: string(cf.Kind), Date: cf.Date.String(), MeetingIDs: cf.MeetingIDs,
			Person: ix.PersonName(cf.PersonID), Municipality: ix.MunicipalityName(cf.MunicipalityID), Location: cf.Location,
			Message: planning.Render(cf.Message, i18n.Current())})
	}
	if *asJSON {
		return writeJSON(c, rows)
	}
	if len(rows) == 0 {
		fmt.Fprintln(c.Stdout, i18n.T("cli.conflicts.none"))
		return nil
	}
	for _, r := range rows {
		d, _ := date.Parse(r.Date)
		fmt.Fprintf(c.Stdout, "%s  %s\n", i18n.ShortDate(d), r.Message)
	}
	return nil
}

// runSchedule shows the series a body's rhythm gives for a year, with the
// reason for every moved or skipped date, and with --apply creates the
// meetings that are not planned yet (in one transaction).
func runSchedule(ctx context.Context, c *call) error {
	body := c.flags.Int64("body", 0, i18n.T("cli.flag.body"))
	year := c.flags.Int("year", 0, i18n.T("cli.flag.year"))
	apply := c.flags.Bool("apply", false, i18n.T("cli.flag.apply"))
	asJSON := c.flags.Bool("json", false, i18n.T("cli.flag.json"))
	propose := c.flags.Int("propose", 0, i18n.T("cli.flag.propose"))
	choose := c.flags.Int("choose", 0, i18n.T("cli.flag.choose"))
	if err := c.parse(); err != nil {
		return err
	}
	if *choose > 0 && *propose == 0 {
		*propose = max(*choose, 5)
	}
	if *body <= 0 {
		return usageErr("cli.err.bodyrequired")
	}
	if *year < 1900 || *year > 2200 {
		return usageErr("cli.err.year")
	}
	l, err := c.load(ctx)
	if err != nil {
		return err
	}
	defer l.store.Close()
	p := planning.NewPlanner(l.ds)
	b := p.Index().Bodies[*body]
	if b == nil {
		return i18n.Errorf(nil, "cli.err.nobody", *body)
	}
	if *propose > 0 {
		return c.proposals(ctx, l, p, b, *year, *propose, *choose, *apply, *asJSON)
	}
	s, err := p.Series(*body, *year)
	if err != nil {
		return err
	}
	return c.series(ctx, l, p, b, *year, s, *apply, *asJSON)
}

// proposals prints the best rhythms for the body's year with the reasons;
// --choose K with --apply adopts proposal K: the body's rhythm changes and
// its meetings for that year are created.
func (c *call) proposals(ctx context.Context, l *loaded, p *planning.Planner, b *domain.Body, year, n, choose int, apply, asJSON bool) error {
	ps, err := p.Propose(b.ID, year, n)
	if err != nil {
		return err
	}
	if asJSON && !apply {
		return writeJSON(c, ps)
	}
	if !asJSON {
		fmt.Fprintln(c.Stdout, i18n.T("cli.propose.title", b.Name, year))
		for i, pr := range ps {
			mark := ""
			if pr.Current {
				mark = " " + i18n.T("cli.propose.current")
			}
			fmt.Fprintf(c.Stdout, "%d. %s%s\n", i+1, planning.Render(pr.Label, i18n.Current()), mark)
			for _, e := range pr.Explanation {
				fmt.Fprintln(c.Stdout, "     "+planning.Render(e, i18n.Current()))
			}
		}
	}
	if !apply {
		return nil
	}
	if choose < 1 || choose > len(ps) {
		return usageErr("cli.err.choose", len(ps))
	}
	pr := ps[choose-1]
	nb := *b
	nb.Rhythm = pr.Rhythm
	if err := l.store.SaveBody(ctx, &nb); err != nil {
		return err
	}
	return c.series(ctx, l, p, &nb, year, pr.Series, true, asJSON)
}

// series prints a series and, with apply, creates its missing meetings.
func (c *call) series(ctx context.Context, l *loaded, p *planning.Planner, b *domain.Body, year int, s planning.Series, apply, asJSON bool) error {
	if asJSON {
		type entry struct {
			planning.SeriesEntry
			ReasonText string   `json:"reason_text,omitempty"`
			NoteTexts  []string `json:"note_texts,omitempty"`
		}
		var es []entry
		for _, e := range s.Entries {
			x := entry{SeriesEntry: e}
			if !e.Reason.IsZero() {
				x.ReasonText = planning.Render(e.Reason, i18n.Current())
			}
			for _, n := range e.Notes {
				x.NoteTexts = append(x.NoteTexts, planning.Render(n, i18n.Current()))
			}
			es = append(es, x)
		}
		if err := writeJSON(c, es); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(c.Stdout, i18n.T("cli.schedule.title", b.Name, year))
		for _, e := range s.Entries {
			line := "  " + i18n.ShortDate(e.Nominal)
			switch {
			case e.Date.IsZero():
				line += "  ✗"
			case e.Date != e.Nominal:
				line += "  → " + i18n.ShortDate(e.Date)
			}
			if e.ExistingID != 0 {
				line += "  " + i18n.T("cli.schedule.existing", e.ExistingID)
			}
			if !e.Reason.IsZero() {
				line += "  " + planning.Render(e.Reason, i18n.Current())
			}
			fmt.Fprintln(c.Stdout, line)
			for _, n := range e.Notes {
				fmt.Fprintln(c.Stdout, "      "+planning.Render(n, i18n.Current()))
			}
		}
	}
	if !apply {
		return nil
	}
	ms := s.NewMeetings(b)
	p.LinkPreparations(b, ms)
	if err := l.store.SaveMeetings(ctx, ms); err != nil {
		return err
	}
	fmt.Fprintln(c.Stdout, i18n.T("cli.schedule.applied", len(ms)))
	return nil
}

func writeJSON(c *call, v any) error {
	enc := json.NewEncoder(c.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
