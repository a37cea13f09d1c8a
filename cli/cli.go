// Package cli is the command-line face of Overlegplanner: the
// `overlegplanner <subcommand>` commands of DESIGN.md §6, over the same
// store, planning and documents packages as the desktop app. It is what
// tests and automation drive, so its output formats (--json) are a
// contract, documented in docs/cli.md.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1 // the command ran and failed (or, for check, found problems)
	ExitUsage = 2 // unknown command or bad flags
)

// Env is what a command may touch of the outside world.
type Env struct {
	Stdout, Stderr io.Writer
	Now            func() time.Time
}

// command is one subcommand.
type command struct {
	name string
	// summary is the i18n key of the one-line description in the usage.
	summary string
	run     func(ctx context.Context, c *call) error
}

// commands is the table of subcommands, in the order of the usage text.
func commands() []command {
	return []command{
		{"demo", "cli.demo.summary", runDemo},
		{"meetings", "cli.meetings.summary", runMeetings},
		{"calendar", "cli.calendar.summary", runCalendar},
		{"deadlines", "cli.deadlines.summary", runDeadlines},
		{"conflicts", "cli.conflicts.summary", runConflicts},
		{"schedule", "cli.schedule.summary", runSchedule},
		{"move", "cli.move.summary", runMove},
		{"cancel", "cli.cancel.summary", runCancel},
		{"agenda", "cli.agenda.summary", runAgenda},
		{"attach", "cli.attach.summary", runAttach},
		{"bundle", "bundle.cli.bundle.summary", runBundle},
		{"agenda-export", "bundle.cli.export.summary", runAgendaExport},
		{"agenda-import", "bundle.cli.import.summary", runAgendaImport},
		{"carry-over", "bundle.cli.carry.summary", runCarryOver},
		{"import-ics", "cli.importics.summary", runImportICS},
		{"decisions", "cli.decisions.summary", runDecisions},
		{"yearplan", "cli.yearplan.summary", runYearPlan},
		{"invite", "cli.invite.summary", runInvite},
		{"feed", "cli.feed.summary", runFeed},
		{"send", "cli.send.summary", runSend},
		{"publish", "cli.publish.summary", runPublish},
		{"backup", "cli.backup.summary", runBackup},
		{"restore", "cli.restore.summary", runRestore},
		{"check", "cli.check.summary", runCheck},
	}
}

// call is one invocation: its flags, arguments and environment.
type call struct {
	Env
	name  string
	flags *flag.FlagSet
	args  []string
	db    *string
}

// errUsage marks a usage error found after flag parsing (a missing
// required flag, a bad value): usage text and exit code 2.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

// usageErr returns a usage error with a translated message.
func usageErr(key string, args ...any) error { return errUsage{i18n.T(key, args...)} }

// IsCommand reports whether name is a subcommand (as opposed to a flag of
// the desktop app).
func IsCommand(name string) bool {
	for _, c := range commands() {
		if c.name == name {
			return true
		}
	}
	return name == "help"
}

// Run runs the subcommand in args[0] with the rest of args and returns the
// process exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if env.Now == nil {
		env.Now = time.Now
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == args[0] {
			c := c
			cmd = &c
		}
	}
	if cmd == nil {
		fmt.Fprintln(env.Stderr, i18n.T("cli.err.unknown", args[0]))
		usage(env.Stderr)
		return ExitUsage
	}
	c := &call{Env: env, name: cmd.name, flags: flag.NewFlagSet(cmd.name, flag.ContinueOnError)}
	c.flags.SetOutput(env.Stderr)
	c.flags.Usage = func() {
		fmt.Fprintf(env.Stderr, "%s: overlegplanner %s [%s]\n", i18n.T("cli.usage.word"), cmd.name, i18n.T("cli.usage.flags"))
		fmt.Fprintln(env.Stderr, "  "+i18n.T(cmd.summary))
		c.flags.PrintDefaults()
	}
	c.db = c.flags.String("db", "", i18n.T("cli.flag.db"))
	c.args = args[1:]
	err := cmd.run(ctx, c)
	var ue errUsage
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintln(env.Stderr, "overlegplanner "+cmd.name+": "+ue.msg)
		c.flags.Usage()
		return ExitUsage
	case errors.Is(err, errFlags):
		return ExitUsage // the flag package has printed the problem and the usage
	case errors.Is(err, errSilent):
		return ExitError // the command has reported its findings itself
	}
	fmt.Fprintln(env.Stderr, "overlegplanner "+cmd.name+": "+i18n.UserMessage(err))
	if os.Getenv("OVERLEGPLANNER_DEBUG") != "" {
		fmt.Fprintln(env.Stderr, "  detail:", err)
	}
	return ExitError
}

// flagMessage puts the flag package's English error in the user's
// language. Its wording is stable (it is part of Go's compatibility
// promise in practice: tools parse it); anything unrecognised is shown as
// it is rather than hidden.
func flagMessage(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return i18n.T("cli.flagerr.unknown", "-"+name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return i18n.T("cli.flagerr.noarg", "-"+name)
	}
	// invalid value "abc" for flag -body: parse error
	// invalid boolean value "x" for -dry-run: parse error
	for _, prefix := range []string{"invalid value ", "invalid boolean value "} {
		rest, ok := strings.CutPrefix(msg, prefix)
		if !ok {
			continue
		}
		value, rest, ok := cutQuoted(rest)
		if !ok {
			break
		}
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, " for flag "), " for ")
		name, cause, _ := strings.Cut(rest, ": ")
		switch cause {
		case "parse error", "value out of range":
			return i18n.T("cli.flagerr.value", value, "-"+name)
		}
		return cause // our own flag types give a Dutch message already
	}
	return msg
}

// cutQuoted reads a Go-quoted string at the start of s.
func cutQuoted(s string) (value, rest string, ok bool) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", s, false
	}
	v, err := strconv.Unquote(q)
	return v, s[len(q):], err == nil
}

var (
	errFlags  = errors.New("bad flags")
	errSilent = errors.New("reported")
)

// parse parses the command's flags; positional arguments are refused.
func (c *call) parse() error {
	if err := c.parseFlags(c.args); err != nil {
		return err
	}
	if c.flags.NArg() > 0 {
		return usageErr("cli.err.extraargs", strings.Join(c.flags.Args(), " "))
	}
	return nil
}

// parseWithArgs parses the command's flags and returns its positional
// arguments (the files of attach). They may stand before, between or
// after the flags, as people type them ("attach a.pdf --item 4 b.pdf");
// after "--" everything is an argument, also a file named "-x.pdf".
func (c *call) parseWithArgs() ([]string, error) {
	args, tail := c.args, []string(nil)
	if i := slices.Index(args, "--"); i >= 0 {
		args, tail = args[:i], args[i+1:]
	}
	var out []string
	for {
		if err := c.parseFlags(args); err != nil {
			return nil, err
		}
		args = c.flags.Args()
		if len(args) == 0 {
			break
		}
		out, args = append(out, args[0]), args[1:]
	}
	return append(out, tail...), nil
}

// parseFlags parses args with the command's flags, up to the first
// positional argument.
func (c *call) parseFlags(args []string) error {
	// The flag package's own messages are English: silence it while it
	// parses, then print ours (and the usage) in the user's language.
	usage, out := c.flags.Usage, c.flags.Output()
	c.flags.Usage = func() {}
	c.flags.SetOutput(io.Discard)
	err := c.flags.Parse(args)
	c.flags.Usage = usage
	c.flags.SetOutput(out)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.flags.Usage()
			return err
		}
		fmt.Fprintln(c.Stderr, "overlegplanner "+c.name+": "+flagMessage(err))
		c.flags.Usage()
		return errFlags
	}
	return nil
}

// dbPath is the --db flag, else OVERLEGPLANNER_DB, else the default path.
func (c *call) dbPath() (string, error) {
	if *c.db != "" {
		return *c.db, nil
	}
	return store.DefaultPath()
}

// open opens the database; create allows making a new one.
func (c *call) open(ctx context.Context, create bool) (*store.Store, error) {
	p, err := c.dbPath()
	if err != nil {
		return nil, err
	}
	return store.Open(ctx, p, store.Options{Create: create, Now: c.Now})
}

func usage(w io.Writer) {
	fmt.Fprintln(w, i18n.T("cli.usage.title"))
	fmt.Fprintln(w)
	fmt.Fprintln(w, "  overlegplanner [--db PATH]")
	fmt.Fprintln(w, "      "+i18n.T("cli.usage.app"))
	for _, c := range commands() {
		fmt.Fprintf(w, "  overlegplanner %s --db PATH ...\n      %s\n", c.name, i18n.T(c.summary))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, i18n.T("cli.usage.more"))
}
