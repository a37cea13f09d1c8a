// Command overlegplanner plans bestuurlijk overleg for Dutch regional
// partnerships of gemeenten. Without a subcommand it opens the desktop app;
// with one it runs that command (see `overlegplanner help`).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/overlegplanner/overlegplanner/cli"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
	"github.com/overlegplanner/overlegplanner/ui"
)

func main() {
	i18n.SetLanguage(i18n.FromEnvironment())
	args := os.Args[1:]
	if len(args) > 0 && cli.IsCommand(args[0]) {
		os.Exit(cli.Run(context.Background(), args, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	fs := flag.NewFlagSet("overlegplanner", flag.ContinueOnError)
	db := fs.String("db", "", i18n.T("cli.flag.db"))
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		if fs.NArg() > 0 {
			fmt.Fprintln(os.Stderr, i18n.T("cli.err.unknown", fs.Arg(0)))
		}
		cli.Run(context.Background(), []string{"help"}, cli.Env{Stdout: os.Stderr, Stderr: os.Stderr})
		os.Exit(cli.ExitUsage)
	}
	path := *db
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			fmt.Fprintln(os.Stderr, "overlegplanner:", i18n.UserMessage(err))
			os.Exit(cli.ExitError)
		}
		path = p
	}
	// The desktop app idles most of the time and lives beside Outlook and a
	// browser on a civil servant's laptop: trade a little GC work for a
	// smaller heap (issue 5's memory budget). GOGC still wins when set.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	if err := ui.Run(path); err != nil {
		fmt.Fprintln(os.Stderr, "overlegplanner:", i18n.UserMessage(err))
		os.Exit(cli.ExitError)
	}
}
