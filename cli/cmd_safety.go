package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// runBackup writes a consistent backup (database and stukken) while the
// app may be open on the same file.
func runBackup(ctx context.Context, c *call) error {
	out := c.flags.String("out", "", i18n.T("cli.flag.outbackup"))
	if err := c.parse(); err != nil {
		return err
	}
	if err := requireOut(*out); err != nil {
		return err
	}
	s, err := c.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	err = s.Backup(ctx, *out)
	if err != nil && !errors.Is(err, store.ErrIncompleteBackup) {
		return err
	}
	fmt.Fprintln(c.Stdout, i18n.T("cli.backup.done", *out))
	return err // an incomplete backup is written, and still reported as a failure
}

// runRestore replaces the database with a backup, after checking the whole
// archive; the replaced database is kept as a safety copy.
func runRestore(ctx context.Context, c *call) error {
	in := c.flags.String("from", "", i18n.T("cli.flag.frombackup"))
	allowLost := c.flags.Bool("allow-lost", false, i18n.T("cli.flag.allowlost"))
	if err := c.parse(); err != nil {
		return err
	}
	if *in == "" {
		return usageErr("cli.err.fromrequired")
	}
	path, err := c.dbPath()
	if err != nil {
		return err
	}
	// The app must not have the database open while it is replaced.
	release, err := store.AcquireLock(path)
	if err != nil {
		return err
	}
	defer release()
	res, err := store.RestoreWith(ctx, *in, path, store.RestoreOptions{AllowLost: *allowLost, Now: c.Now})
	if err != nil {
		return err
	}
	fmt.Fprintln(c.Stdout, i18n.T("cli.restore.done", *in, path, res.Stukken))
	if res.SafetyCopy != "" {
		fmt.Fprintln(c.Stdout, i18n.T("cli.restore.safety", res.SafetyCopy))
	}
	for _, t := range res.Lost {
		fmt.Fprintln(c.Stdout, i18n.T("cli.restore.lost", t))
	}
	return nil
}

// runCheck reports integrity, broken references, missing and damaged
// stukken, orphaned files and impossible deadline chains; exit code 1 when
// anything is wrong.
func runCheck(ctx context.Context, c *call) error {
	if err := c.parse(); err != nil {
		return err
	}
	l, err := c.load(ctx)
	if err != nil {
		return err
	}
	defer l.store.Close()
	r, err := l.store.Check(ctx)
	if err != nil {
		return err
	}
	problems := r.Problems()
	chains, err := impossibleChains(l.ds, c.Now())
	if err != nil {
		return err
	}
	problems = append(problems, chains...)
	for _, p := range problems {
		fmt.Fprintln(c.Stdout, "✗ "+p.String())
	}
	for _, w := range r.Warnings() {
		fmt.Fprintln(c.Stdout, "! "+w.String())
	}
	if len(problems) > 0 {
		fmt.Fprintln(c.Stdout, i18n.T("cli.check.bad", len(problems)))
		return errSilent
	}
	fmt.Fprintln(c.Stdout, i18n.T("cli.check.ok", r.SchemaVersion, r.Files))
	return nil
}
