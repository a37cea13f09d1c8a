package cli

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/icsimport"
)

// runImportICS reads an iCalendar file (an Outlook or Google export of a
// meeting series, a gemeente's college dates) into meetings of one body:
// all of them in one transaction, or — when the file has a problem — none,
// with every problem listed by line. Meetings whose UID is already stored
// are updated instead of added, so importing the same file twice changes
// nothing the second time. --dry-run shows what would happen.
func runImportICS(ctx context.Context, c *call) error {
	bodyID := c.flags.Int64("body", 0, i18n.T("cli.importics.flag.body"))
	in := c.flags.String("in", "", i18n.T("cli.importics.flag.in"))
	from := c.dateVar("from", "cli.importics.flag.from")
	dry := c.flags.Bool("dry-run", false, i18n.T("cli.importics.flag.dryrun"))
	if err := c.parse(); err != nil {
		return err
	}
	if *bodyID <= 0 {
		return usageErr("cli.err.bodyrequired")
	}
	if *in == "" {
		return usageErr("cli.importics.err.inrequired")
	}
	f, err := os.Open(*in)
	if err != nil {
		return i18n.Errorf(err, "cli.importics.err.read", *in)
	}
	defer f.Close()
	l, err := c.load(ctx)
	if err != nil {
		return err
	}
	defer l.store.Close()
	body := l.ix.Bodies[*bodyID]
	if body == nil {
		return i18n.Errorf(nil, "cli.err.nobody", *bodyID)
	}
	start := from.d
	if start.IsZero() {
		start = domain.DateOf(c.Now())
	}
	res, err := icsimport.Parse(f, icsimport.Options{BodyID: body.ID, From: start,
		DefaultDuration: time.Duration(body.Duration) * time.Minute})
	if err != nil {
		return err
	}
	planned, err := icsimport.Reconcile(res.Events, l.ds.Meetings)
	if err != nil {
		return err
	}
	c.printImport(body, planned, res.Notices)
	added, changed, unchanged := icsimport.Counts(planned)
	if *dry {
		fmt.Fprintln(c.Stdout, i18n.T("cli.importics.dryrun", added, changed, unchanged))
		return nil
	}
	if err := l.store.SaveMeetings(ctx, icsimport.ToSave(planned)); err != nil {
		return i18n.Errorf(err, "cli.importics.err.save", *in, i18n.UserMessage(err))
	}
	fmt.Fprintln(c.Stdout, i18n.T("cli.importics.done", added, changed, unchanged, body.Name))
	return nil
}

// printImport lists every meeting of the file with what the import does.
func (c *call) printImport(body *domain.Body, planned []icsimport.Planned, notices []icsimport.Problem) {
	ams := domain.Amsterdam()
	fmt.Fprintln(c.Stdout, i18n.T("cli.importics.title", body.Name, len(planned)))
	tw := tabwriter.NewWriter(c.Stdout, 2, 4, 2, ' ', 0)
	for _, p := range planned {
		m := p.Save
		where := m.Location
		if where == "" {
			where = m.OnlineURL
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s–%s\t%s\t%s\n", i18n.T("cli.importics.change."+string(p.Change)), i18n.ShortDate(m.Date()),
			i18n.Clock(m.Start.In(ams)), i18n.Clock(m.End.In(ams)), where, m.Status.Label())
	}
	tw.Flush()
	for _, n := range notices {
		fmt.Fprintln(c.Stdout, "  ! "+n.String())
	}
}
