package cli

import (
	"context"
	"fmt"

	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
)

// requireOut checks the --out flag.
func requireOut(out string) error {
	if out == "" {
		return usageErr("cli.err.outrequired")
	}
	return nil
}

func requireMeeting(id int64) error {
	if id <= 0 {
		return usageErr("cli.err.meetingrequired")
	}
	return nil
}

func runAgenda(ctx context.Context, c *call) error {
	id := c.flags.Int64("meeting", 0, i18n.T("cli.flag.meeting"))
	out := c.flags.String("out", "", i18n.T("cli.flag.outpdf"))
	public := c.flags.Bool("public", false, i18n.T("cli.flag.public"))
	if err := c.parse(); err != nil {
		return err
	}
	if err := requireOut(*out); err != nil {
		return err
	}
	l, m, err := c.loadMeeting(ctx, *id)
	if err != nil {
		return err
	}
	defer l.store.Close()
	in := documents.AgendaInput{Meeting: m, Index: l.ix, Public: *public, Organiser: l.ds.Settings.OrganiserName, Now: c.Now()}
	if in.NextMeeting, in.NextDeadlines, err = planning.NewPlanner(l.ds).NextMeeting(&m); err != nil {
		return err
	}
	r, err := documents.Agenda(in)
	if err != nil {
		return err
	}
	return c.wrote(*out, r.PDF, r.Pages)
}

func runDecisions(ctx context.Context, c *call) error {
	id := c.flags.Int64("meeting", 0, i18n.T("cli.flag.meeting"))
	out := c.flags.String("out", "", i18n.T("cli.flag.outpdf"))
	public := c.flags.Bool("public", false, i18n.T("cli.flag.public"))
	draft := c.flags.Bool("draft", false, i18n.T("cli.flag.draft"))
	if err := c.parse(); err != nil {
		return err
	}
	if err := requireOut(*out); err != nil {
		return err
	}
	l, m, err := c.loadMeeting(ctx, *id)
	if err != nil {
		return err
	}
	defer l.store.Close()
	r, err := documents.DecisionList(documents.DecisionListInput{Meeting: m, Index: l.ix, Draft: *draft, Public: *public,
		Organiser: l.ds.Settings.OrganiserName, Now: c.Now()})
	if err != nil {
		return err
	}
	return c.wrote(*out, r.PDF, r.Pages)
}

func runYearPlan(ctx context.Context, c *call) error {
	year := c.flags.Int("year", 0, i18n.T("cli.flag.year"))
	body := c.flags.Int64("body", 0, i18n.T("cli.flag.body"))
	partnership := c.flags.Int64("partnership", 0, i18n.T("cli.flag.partnership"))
	out := c.flags.String("out", "", i18n.T("cli.flag.outpdf"))
	if err := c.parse(); err != nil {
		return err
	}
	if *year < 1900 || *year > 2200 {
		return usageErr("cli.err.year")
	}
	if err := requireOut(*out); err != nil {
		return err
	}
	l, err := c.load(ctx)
	if err != nil {
		return err
	}
	defer l.store.Close()
	if *body != 0 && l.ix.Bodies[*body] == nil {
		return i18n.Errorf(nil, "cli.err.nobody", *body)
	}
	deadlines, err := yearDeadlines(l.ds, *year)
	if err != nil {
		return err
	}
	r, err := documents.YearPlan(documents.YearPlanInput{Year: *year, BodyID: *body, PartnershipID: *partnership,
		Deadlines: deadlines, Index: l.ix, Organiser: l.ds.Settings.OrganiserName, Now: c.Now()})
	if err != nil {
		return err
	}
	return c.wrote(*out, r.PDF, r.Pages)
}

func runInvite(ctx context.Context, c *call) error {
	id := c.flags.Int64("meeting", 0, i18n.T("cli.flag.meeting"))
	out := c.flags.String("out", "", i18n.T("cli.flag.outics"))
	cancel := c.flags.Bool("cancel", false, i18n.T("cli.flag.cancel"))
	if err := c.parse(); err != nil {
		return err
	}
	if err := requireOut(*out); err != nil {
		return err
	}
	l, m, err := c.loadMeeting(ctx, *id)
	if err != nil {
		return err
	}
	defer l.store.Close()
	in := ical.InviteInput{Meeting: m, Index: l.ix, Settings: l.ds.Settings, Now: c.Now()}
	var data []byte
	if *cancel || m.IsCancelled() {
		data, err = ical.Cancel(in)
	} else {
		data, err = ical.Invite(in)
	}
	if err != nil {
		return err
	}
	return c.wrote(*out, data, 0)
}

func runFeed(ctx context.Context, c *call) error {
	body := c.flags.Int64("body", 0, i18n.T("cli.flag.body"))
	mun := c.flags.String("municipality", "", i18n.T("cli.flag.municipality"))
	person := c.flags.String("person", "", i18n.T("cli.flag.person"))
	out := c.flags.String("out", "", i18n.T("cli.flag.outics"))
	if err := c.parse(); err != nil {
		return err
	}
	n := 0
	for _, set := range []bool{*body != 0, *mun != "", *person != ""} {
		if set {
			n++
		}
	}
	if n != 1 {
		return usageErr("cli.err.onescope")
	}
	if err := requireOut(*out); err != nil {
		return err
	}
	l, err := c.load(ctx)
	if err != nil {
		return err
	}
	defer l.store.Close()
	var scope ical.Scope
	switch {
	case *body != 0:
		if l.ix.Bodies[*body] == nil {
			return i18n.Errorf(nil, "cli.err.nobody", *body)
		}
		scope = ical.Scope{Kind: ical.ScopeBody, ID: *body}
	case *mun != "":
		m, err := l.municipalityByName(*mun)
		if err != nil {
			return err
		}
		scope = ical.Scope{Kind: ical.ScopeMunicipality, ID: m.ID}
	default:
		p, err := l.personByEmail(*person)
		if err != nil {
			return err
		}
		scope = ical.Scope{Kind: ical.ScopePerson, ID: p.ID}
	}
	deadlines, err := allDeadlines(l.ds)
	if err != nil {
		return err
	}
	data, err := ical.Feed(ical.FeedInput{Scope: scope, Index: l.ix, Deadlines: deadlines, Settings: l.ds.Settings, Now: c.Now()})
	if err != nil {
		return err
	}
	return c.wrote(*out, data, 0)
}

// wrote writes the output file and reports it on stdout.
func (c *call) wrote(path string, data []byte, pages int) error {
	if err := writeOut(path, data); err != nil {
		return err
	}
	if pages > 0 {
		fmt.Fprintln(c.Stdout, i18n.T("cli.wrote.pdf", path, pages))
	} else {
		fmt.Fprintln(c.Stdout, i18n.T("cli.wrote.file", path, len(data)))
	}
	return nil
}
