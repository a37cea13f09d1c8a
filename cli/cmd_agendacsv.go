package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/overlegplanner/overlegplanner/documents/agendacsv"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// runAgendaExport writes a meeting's agenda as CSV (docs/import.md).
func runAgendaExport(ctx context.Context, c *call) error {
	id := c.flags.Int64("meeting", 0, i18n.T("cli.flag.meeting"))
	out := c.flags.String("out", "", i18n.T("bundle.cli.flag.outcsv"))
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
	var buf bytes.Buffer
	if err := agendacsv.Write(&buf, m.Items, l.ds.People); err != nil {
		return err
	}
	if err := writeOut(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintln(c.Stdout, i18n.T("bundle.cli.exported", *out, i18n.N("bundle.cli.items", len(m.Items))))
	return nil
}

// runAgendaImport adds the items of a CSV file to a meeting's agenda: all
// of them, or — when one row is wrong — none, with every bad row listed.
func runAgendaImport(ctx context.Context, c *call) error {
	id := c.flags.Int64("meeting", 0, i18n.T("cli.flag.meeting"))
	in := c.flags.String("in", "", i18n.T("bundle.cli.flag.incsv"))
	dry := c.flags.Bool("dry-run", false, i18n.T("bundle.cli.flag.dryrun"))
	if err := c.parse(); err != nil {
		return err
	}
	if err := requireMeeting(*id); err != nil {
		return err
	}
	if *in == "" {
		return usageErr("bundle.cli.err.inrequired")
	}
	f, err := os.Open(*in)
	if err != nil {
		return i18n.Errorf(err, "bundle.cli.err.read", *in)
	}
	defer f.Close()
	l, _, err := c.loadMeeting(ctx, *id) // refuses a meeting that does not exist
	if err != nil {
		return err
	}
	defer l.store.Close()
	items, err := agendacsv.Parse(f, l.ds.People)
	if err != nil {
		return err
	}
	if *dry {
		fmt.Fprintln(c.Stdout, i18n.T("bundle.cli.dryrun", len(items), *in))
		return nil
	}
	added, err := l.store.ImportItems(ctx, *id, items)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.Stdout, i18n.T("bundle.cli.imported", len(added), *id, len(items)-len(added)))
	return nil
}

// runCarryOver gives a meeting its body's standing items and the open
// items of the previous meeting (or of --from).
func runCarryOver(ctx context.Context, c *call) error {
	id := c.flags.Int64("meeting", 0, i18n.T("cli.flag.meeting"))
	from := c.flags.Int64("from", 0, i18n.T("bundle.cli.flag.from"))
	if err := c.parse(); err != nil {
		return err
	}
	if err := requireMeeting(*id); err != nil {
		return err
	}
	s, err := c.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Meeting(ctx, *id); err != nil {
		return i18n.Errorf(err, "cli.err.nomeeting", *id)
	}
	standing, err := s.ApplyStandingItems(ctx, *id)
	if err != nil {
		return err
	}
	src := *from
	if src == 0 {
		prev, err := s.PreviousMeeting(ctx, *id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			fmt.Fprintln(c.Stdout, i18n.T("bundle.cli.carry.standing", len(standing)))
			fmt.Fprintln(c.Stdout, i18n.T("bundle.cli.carry.noprevious"))
			return nil
		case err != nil:
			return err
		}
		src = prev.ID
	}
	copied, err := s.CopyOpenItems(ctx, src, *id)
	if err != nil {
		return i18n.Errorf(err, "bundle.cli.carry.failed", src, *id)
	}
	fmt.Fprintln(c.Stdout, i18n.T("bundle.cli.carry.standing", len(standing)))
	fmt.Fprintln(c.Stdout, i18n.T("bundle.cli.carry.copied", len(copied), src))
	for _, it := range copied {
		fmt.Fprintf(c.Stdout, "  %d. %s (%s)\n", it.Position, it.Title, it.Kind.Label())
	}
	return nil
}
