package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/overlegplanner/overlegplanner/delivery"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
	"github.com/overlegplanner/overlegplanner/store"
)

// runSend sends a meeting's invitations (or its updates, cancellations
// and withdrawals: whatever each person's calendar needs, see
// delivery.PlanMeeting), or with --digest the deadline digests of the
// coming working days. It always prints the plan first; --dry-run stops
// there and sends nothing. --eml DIR writes .eml files that Outlook opens
// as ready messages instead of using the mail server.
func runSend(ctx context.Context, c *call) error {
	id := c.flags.Int64("meeting", 0, i18n.T("cli.send.flag.meeting"))
	digest := c.flags.Bool("digest", false, i18n.T("cli.send.flag.digest"))
	days := c.flags.Int("days", delivery.DefaultDigestDays, i18n.T("cli.send.flag.days"))
	mun := c.flags.String("municipality", "", i18n.T("cli.send.flag.municipality"))
	dry := c.flags.Bool("dry-run", false, i18n.T("cli.send.flag.dryrun"))
	eml := c.flags.String("eml", "", i18n.T("cli.send.flag.eml"))
	together := c.flags.Bool("together", false, i18n.T("cli.send.flag.together"))
	resend := c.flags.Bool("resend", false, i18n.T("cli.send.flag.resend"))
	if err := c.parse(); err != nil {
		return err
	}
	switch {
	case *digest && *id != 0:
		return usageErr("cli.send.err.both")
	case !*digest && *id <= 0:
		return usageErr("cli.send.err.what")
	case *digest && (*together || *resend):
		return usageErr("cli.send.err.digestflags")
	case !*digest && *mun != "":
		return usageErr("cli.send.err.digestflags")
	case *days < 1 || *days > 60:
		return usageErr("cli.send.err.days", *days)
	}
	l, err := c.load(ctx)
	if err != nil {
		return err
	}
	defer l.store.Close()
	var batch delivery.Batch
	if *digest {
		dp, err := c.planDigests(ctx, l, *days, *mun)
		if err != nil {
			return err
		}
		c.printDigestPlan(dp)
		if len(dp.Pending()) == 0 {
			fmt.Fprintln(c.Stdout, i18n.T("cli.send.digest.nothing"))
			return nil
		}
		batch = dp
	} else {
		p, err := c.planMeeting(ctx, l, *id, *together, *resend)
		if err != nil {
			return err
		}
		c.printPlan(p)
		if len(p.Pending()) == 0 {
			fmt.Fprintln(c.Stdout, i18n.T("cli.send.nothing"))
			return nil
		}
		batch = p
	}
	if *dry {
		fmt.Fprintln(c.Stdout, i18n.T("cli.send.dryrun"))
		return nil
	}
	tr, where, err := c.transport(l.ds.Settings.SMTP, *eml)
	if err != nil {
		return err
	}
	defer tr.Close()
	rep, sendErr := delivery.Send(ctx, batch, tr, delivery.SendOptions{Recorder: l.store, Now: c.Now})
	c.printOutcomes(rep, tr)
	if rep.Delivered > 0 {
		fmt.Fprintln(c.Stdout, i18n.T("cli.send.done", rep.Delivered, len(rep.Outcomes), where))
	}
	return sendErr
}

// planMeeting plans meeting id against the send log.
func (c *call) planMeeting(ctx context.Context, l *loaded, id int64, together, resend bool) (*delivery.Plan, error) {
	m, err := l.fullMeeting(ctx, id)
	if err != nil {
		return nil, err
	}
	log, err := l.store.SendLog(ctx, store.SendLogFilter{UID: m.UID})
	if err != nil {
		return nil, err
	}
	mode := delivery.PerRecipient
	if together {
		mode = delivery.Together
	}
	return delivery.PlanMeeting(delivery.PlanInput{Planner: planning.NewPlanner(l.ds), Meeting: m, Log: log,
		Mode: mode, Resend: resend, Now: c.Now()})
}

// planDigests plans today's deadline digests, for one gemeente when mun
// is set. The meetings that are not yet held are read with their agenda:
// a digest names the stellers of items, which only the agenda knows.
func (c *call) planDigests(ctx context.Context, l *loaded, days int, mun string) (*delivery.DigestPlan, error) {
	today := domain.DateOf(c.Now())
	var only []int64
	if mun != "" {
		g, err := l.municipalityByName(mun)
		if err != nil {
			return nil, err
		}
		only = []int64{g.ID}
	}
	var full []domain.Meeting
	for _, m := range l.ds.Meetings {
		if m.IsCancelled() || m.Date().Before(today) {
			continue
		}
		fm, err := l.fullMeeting(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		full = append(full, fm)
	}
	log, err := l.store.SendLog(ctx, store.SendLogFilter{Kind: domain.SendDigest, Since: today.In(domain.Amsterdam())})
	if err != nil {
		return nil, err
	}
	return delivery.PlanDigests(delivery.DigestInput{Planner: planning.NewPlanner(l.ds), Meetings: full, Today: today,
		Days: days, Municipalities: only, Log: log, Now: c.Now()})
}

// printPlan shows who gets what, and why: everyone, also those who get
// nothing, so that the secretary sees the whole table.
func (c *call) printPlan(p *delivery.Plan) {
	fmt.Fprintln(c.Stdout, i18n.T("cli.send.plan.title", p.Title, p.Sequence))
	tw := tabwriter.NewWriter(c.Stdout, 2, 4, 2, ' ', 0)
	for _, r := range p.Recipients {
		what := r.Action.Label()
		if r.Pending() && r.Held >= 0 && r.Held != r.Sequence {
			what += fmt.Sprintf(" %d→%d", r.Held, r.Sequence)
		}
		email := r.Email
		if email == "" {
			email = "–"
		}
		mark := " "
		if r.Pending() {
			mark = "•"
		}
		fmt.Fprintf(tw, "  %s %s\t%s\t%s\t%s\n", mark, r.Name, email, what, r.Reason)
	}
	tw.Flush()
	var parts []string
	for _, a := range []delivery.Action{delivery.ActionInvite, delivery.ActionUpdate, delivery.ActionAgenda, delivery.ActionCancel, delivery.ActionWithdraw} {
		if n := p.Count(a); n > 0 {
			parts = append(parts, fmt.Sprintf("%d× %s", n, a.Label()))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintln(c.Stdout, i18n.T("cli.send.plan.summary", len(p.Pending()), strings.Join(parts, ", ")))
	}
}

// printDigestPlan shows each ambtenaar's digest and what is in it.
func (c *call) printDigestPlan(p *delivery.DigestPlan) {
	fmt.Fprintln(c.Stdout, i18n.T("cli.send.digest.title", i18n.ShortDate(p.Today), i18n.ShortDate(p.Until), p.Days))
	tw := tabwriter.NewWriter(c.Stdout, 2, 4, 2, ' ', 0)
	for _, d := range p.Digests {
		mark := " "
		if d.Action != delivery.ActionNone {
			mark = "•"
		}
		fmt.Fprintf(tw, "  %s %s\t%s\t%s\t%s\n", mark, d.Name, d.Email, d.Municipality, d.Reason)
	}
	tw.Flush()
}

// printOutcomes lists what happened to each message.
func (c *call) printOutcomes(rep delivery.Report, tr delivery.Transport) {
	var files []string
	if e, ok := tr.(*delivery.EMLDir); ok {
		files = e.Written
	}
	delivered := 0
	for _, o := range rep.Outcomes {
		var to []string
		for _, a := range o.To {
			to = append(to, a.Email)
		}
		who := strings.Join(to, ", ")
		switch {
		case o.Result.Delivered() && delivered < len(files):
			fmt.Fprintln(c.Stdout, "  "+i18n.T("cli.send.out.written", who, files[delivered]))
			delivered++
		case o.Result.Delivered():
			fmt.Fprintln(c.Stdout, "  "+i18n.T("cli.send.out.sent", who))
		case o.Result == "":
			fmt.Fprintln(c.Stdout, "  "+i18n.T("cli.send.out.skipped", who))
		default:
			fmt.Fprintln(c.Stdout, "  "+i18n.T("cli.send.out.failed", who, i18n.UserMessage(o.Err)))
		}
	}
}

// transport is the mail server of the settings, or with dir a folder of
// .eml files. where names it for the closing line.
func (c *call) transport(s domain.SMTPSettings, dir string) (delivery.Transport, string, error) {
	if dir != "" {
		return &delivery.EMLDir{Dir: dir}, dir, nil
	}
	if strings.TrimSpace(s.Host) == "" {
		return nil, "", i18n.Errorf(delivery.ErrSettings, "cli.send.err.nosmtp")
	}
	if err := delivery.ValidateSMTP(s); err != nil {
		return nil, "", err
	}
	acc := delivery.SMTPAccount(s)
	pw, err := cliPasswords(c).Lookup(acc)
	if err != nil {
		return nil, "", err
	}
	return delivery.NewSMTP(delivery.SMTPConfig{Settings: s, Password: pw}), acc.Server, nil
}

// cliPasswords is where send and publish find passwords: the variable
// of the account (OVERLEGPLANNER_SMTP_PASSWORD, OVERLEGPLANNER_CALDAV_PASSWORD),
// the operating system's keyring, or, on a terminal, a question whose
// answer is not shown. A variable so that tests never touch a keyring.
var cliPasswords = func(c *call) delivery.Passwords {
	return delivery.Passwords{Keyring: delivery.SystemKeyring(), Prompt: terminalPrompt(c.Stderr)}
}

// terminalPrompt asks for a password on the terminal without echoing
// it; without a terminal (a script, cron) it returns nil: never ask what
// nobody can answer.
func terminalPrompt(w io.Writer) func(string) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil
	}
	return func(label string) (string, error) {
		fmt.Fprint(w, label+": ")
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(w)
		return strings.TrimRight(string(b), "\r\n"), err
	}
}
