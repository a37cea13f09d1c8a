package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/overlegplanner/overlegplanner/delivery"
	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
)

// runPublish makes the calendars on a CalDAV server equal to the data:
// one calendar per body and per gemeente (or only the bodies named with
// --body), creating, updating and deleting only what differs, so that a
// second run without a change changes nothing. --dry-run reads the
// server and says what would change. The URL and user default to the
// settings; the password comes from OVERLEGPLANNER_CALDAV_PASSWORD, the
// keyring or, on a terminal, a question.
func runPublish(ctx context.Context, c *call) error {
	rawURL := c.flags.String("caldav", "", i18n.T("cli.publish.flag.caldav"))
	user := c.flags.String("user", "", i18n.T("cli.publish.flag.user"))
	dry := c.flags.Bool("dry-run", false, i18n.T("cli.publish.flag.dryrun"))
	var bodies int64List
	c.flags.Var(&bodies, "body", i18n.T("cli.publish.flag.body"))
	if err := c.parse(); err != nil {
		return err
	}
	l, err := c.load(ctx)
	if err != nil {
		return err
	}
	defer l.store.Close()
	s := l.ds.Settings.CalDAV
	if *rawURL != "" {
		s.URL = *rawURL
	}
	if *user != "" {
		s.User = *user
	}
	if strings.TrimSpace(s.URL) == "" {
		return usageErr("cli.publish.err.nourl")
	}
	if err := delivery.ValidateCalDAV(s); err != nil {
		return err
	}
	var scopes []ical.Scope
	for _, id := range bodies {
		if l.ix.Bodies[id] == nil {
			return i18n.Errorf(nil, "cli.err.nobody", id)
		}
		scopes = append(scopes, ical.Scope{Kind: ical.ScopeBody, ID: id})
	}
	pw, err := cliPasswords(c).Lookup(delivery.CalDAVAccount(s))
	if err != nil {
		return err
	}
	rep, err := delivery.Publish(ctx, delivery.PublishInput{Planner: planning.NewPlanner(l.ds), Scopes: scopes,
		Config: delivery.CalDAVConfig{Settings: s, Password: pw}, DryRun: *dry, Now: c.Now()})
	c.printPublish(rep)
	if err != nil {
		return err
	}
	key := "cli.publish.done"
	if *dry {
		key = "cli.publish.dryrun"
	}
	fmt.Fprintln(c.Stdout, i18n.T(key, rep.Count(delivery.EventCreate), rep.Count(delivery.EventUpdate),
		rep.Count(delivery.EventDelete), rep.Unchanged()))
	return nil
}

// printPublish lists each calendar with what changed in it.
func (c *call) printPublish(rep delivery.PublishReport) {
	for _, cal := range rep.Calendars {
		head := i18n.T("cli.publish.calendar", cal.Name, cal.Path, len(cal.Changes), cal.Unchanged)
		if cal.Created {
			head += " " + i18n.T("cli.publish.created")
		}
		fmt.Fprintln(c.Stdout, head)
		for _, ch := range cal.Changes {
			fmt.Fprintf(c.Stdout, "  %s  %s\n", i18n.T("cli.publish.action."+string(ch.Action)), ch.Summary)
		}
	}
}

// int64List is a flag that may be given more than once.
type int64List []int64

func (l *int64List) String() string {
	var s []string
	for _, v := range *l {
		s = append(s, fmt.Sprint(v))
	}
	return strings.Join(s, ",")
}

func (l *int64List) Set(v string) error {
	var n int64
	if _, err := fmt.Sscan(v, &n); err != nil || n <= 0 {
		return errUsage{i18n.T("cli.publish.err.body", v)}
	}
	*l = append(*l, n)
	return nil
}
