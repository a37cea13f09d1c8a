package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
)

// runMove moves a meeting to another date (and time), after showing what
// changes: the deadlines that move and for whom, new conflicts, and that
// the invitation goes out again with a higher sequence. --dry-run shows it
// and changes nothing.
func runMove(ctx context.Context, c *call) error {
	id := c.flags.Int64("meeting", 0, i18n.T("cli.flag.meeting"))
	to := c.dateVar("to", "cli.flag.movedate")
	at := c.flags.String("time", "", i18n.T("cli.flag.time"))
	dry := c.flags.Bool("dry-run", false, i18n.T("cli.flag.dryrun"))
	if err := c.parse(); err != nil {
		return err
	}
	if err := requireMeeting(*id); err != nil {
		return err
	}
	if to.d.IsZero() {
		return usageErr("cli.err.torequired")
	}
	return c.change(ctx, *id, *dry, func(m *domain.Meeting) error {
		ams := domain.Amsterdam()
		st := m.Start.In(ams)
		minute := st.Hour()*60 + st.Minute()
		if *at != "" {
			v, err := domain.ParseClock("--time", *at)
			if err != nil {
				return errUsage{i18n.UserMessage(err)}
			}
			minute = v
		}
		dur := m.End.Sub(m.Start)
		start := to.d.At(minute/60, minute%60, ams)
		if start.Hour()*60+start.Minute() != minute {
			// Go moves a wall-clock time that does not exist (the night
			// summer time starts) an hour on; a meeting must not move by
			// itself.
			return errUsage{i18n.T("cli.err.dstgap", domain.FormatClock(minute), i18n.MediumDate(to.d))}
		}
		m.Start = start
		m.End = m.Start.Add(dur)
		return nil
	})
}

// runCancel cancels a meeting: its deadlines disappear and the invitees
// need a cancellation (`invite --cancel`).
func runCancel(ctx context.Context, c *call) error {
	id := c.flags.Int64("meeting", 0, i18n.T("cli.flag.meeting"))
	dry := c.flags.Bool("dry-run", false, i18n.T("cli.flag.dryrun"))
	if err := c.parse(); err != nil {
		return err
	}
	if err := requireMeeting(*id); err != nil {
		return err
	}
	return c.change(ctx, *id, *dry, func(m *domain.Meeting) error {
		m.Status = domain.StatusGeannuleerd
		return nil
	})
}

// change applies edit to meeting id, prints the planner's change report and
// saves unless dry.
func (c *call) change(ctx context.Context, id int64, dry bool, edit func(*domain.Meeting) error) error {
	l, err := c.load(ctx)
	if err != nil {
		return err
	}
	defer l.store.Close()
	before, err := l.fullMeeting(ctx, id)
	if err != nil {
		return err
	}
	after := before
	if err := edit(&after); err != nil {
		return err
	}
	if err := after.Validate(); err != nil {
		return err
	}
	p := planning.NewPlanner(l.ds)
	rep, err := p.Reschedule(before, after)
	if err != nil {
		return err
	}
	printReport(c, p, rep)
	if dry {
		fmt.Fprintln(c.Stdout, i18n.T("cli.move.dry"))
		return nil
	}
	if err := l.store.SaveMeeting(ctx, &after); err != nil {
		return err
	}
	fmt.Fprintln(c.Stdout, i18n.T("cli.move.saved", after.Sequence))
	return nil
}

func printReport(c *call, p *planning.Planner, rep planning.ChangeReport) {
	ix := p.Index()
	ams := domain.Amsterdam()
	switch {
	case rep.Cancelled:
		fmt.Fprintln(c.Stdout, i18n.T("cli.move.cancelled", rep.OldStart.In(ams).Format(time.DateTime[:16])))
	case rep.Moved:
		fmt.Fprintln(c.Stdout, i18n.T("cli.move.moved", rep.OldStart.In(ams).Format(time.DateTime[:16]), rep.NewStart.In(ams).Format(time.DateTime[:16])))
	}
	for _, ch := range rep.Changes {
		fmt.Fprintln(c.Stdout, "  "+planning.Render(ch.Message, i18n.Current()))
	}
	for _, cf := range rep.Conflicts {
		fmt.Fprintln(c.Stdout, "  ! "+planning.Render(cf.Message, i18n.Current()))
	}
	if rep.NeedsNewSequence {
		fmt.Fprintln(c.Stdout, i18n.T("cli.move.sequence"))
	}
	if len(rep.Notify) > 0 {
		var names []string
		for _, id := range rep.Notify {
			names = append(names, ix.PersonName(id))
		}
		fmt.Fprintln(c.Stdout, i18n.T("cli.move.notify", len(names), strings.Join(names, ", ")))
	}
}
