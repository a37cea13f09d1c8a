package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/overlegplanner/overlegplanner/i18n"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations holds the schema steps in order; migrations[i] brings the
// schema from version i to version i+1. A step is never edited once
// released: a change is a new file.
var migrations = loadMigrations()

func loadMigrations() []string {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	out := make([]string, 0, len(names))
	for i, n := range names {
		want := fmt.Sprintf("migrations/%04d_", i+1)
		if !strings.HasPrefix(n, want) {
			panic("store: migration " + n + " is out of sequence, want " + want)
		}
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			panic(err)
		}
		out = append(out, string(b))
	}
	return out
}

// migrate brings the schema to the latest version. A database that already
// held data is first copied next to itself, so that an unwanted upgrade
// never costs data.
func (s *Store) migrate(ctx context.Context) error {
	return s.migrateTo(ctx, len(migrations))
}

// migrateTo runs the steps up to version target in one transaction, so
// that an upgrade is all or nothing: a failing step leaves the database at
// the version it had, not halfway.
//
// Foreign keys are switched off during the upgrade, as SQLite prescribes
// for schema changes (https://sqlite.org/lang_altertable.html#otheralter):
// a step that rebuilds a table drops the old one, and with foreign keys on
// that drop would cascade and delete every agenda item of every meeting.
// PRAGMA foreign_key_check then proves, before the commit, that the
// upgrade left every reference intact.
func (s *Store) migrateTo(ctx context.Context, target int) error {
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return s.classify(err)
	}
	if v >= target {
		return nil
	}
	if v > 0 {
		if err := s.preUpgradeCopy(ctx, v); err != nil {
			return err
		}
	}
	// WAL lets the UI read while a background job writes; it is a property
	// of the file, so it is set once, here, and only on a database we accept.
	if _, err := s.db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return s.classify(err)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.classify(err)
	}
	defer conn.Close()
	// PRAGMA foreign_keys does nothing inside a transaction: set it first,
	// and set it back before the connection returns to the pool.
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys=OFF"); err != nil {
		return s.classify(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys=ON")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return s.classify(err)
	}
	defer tx.Rollback() // no-op after Commit
	// Another instance may have upgraded the file while we waited for the
	// write lock: read the version again under it.
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return s.classify(err)
	}
	step := v + 1
	fail := func(err error) error { return i18n.Errorf(err, "store.err.migrate", s.path, step) }
	// Violations that were there before (written by another tool) must
	// not block the upgrade for ever; Check reports them. New ones fail it.
	before, err := countFKViolations(ctx, tx)
	if err != nil {
		return fail(err)
	}
	for ; v < target; v++ {
		step = v + 1
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return fail(fmt.Errorf("stap %d: %w", step, err))
		}
	}
	after, err := countFKViolations(ctx, tx)
	if err != nil {
		return fail(err)
	}
	if after > before {
		return fail(fmt.Errorf("%d verwijzingen kloppen niet meer na het bijwerken", after-before))
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id=%d", applicationID)); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version=%d", v)); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(s.classify(err))
	}
	return nil
}

// preUpgradeCopy keeps the database as it was at version v in
// <path>.v<v>.bak, unless such a copy exists. The copy is made under a
// temporary name and linked into place, so that two instances upgrading
// at once neither fail on each other's half-written copy nor replace the
// first (true pre-upgrade) copy with a later one.
func (s *Store) preUpgradeCopy(ctx context.Context, v int) error {
	backup := fmt.Sprintf("%s.v%d.bak", s.path, v)
	if _, err := os.Stat(backup); err == nil {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), "."+filepath.Base(backup)+".*.tmp")
	if err != nil {
		return i18n.Errorf(err, "store.err.premigratebackup", backup)
	}
	tmp.Close() // VACUUM INTO accepts an empty file
	defer os.Remove(tmp.Name())
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp.Name()); err != nil {
		return i18n.Errorf(err, "store.err.premigratebackup", backup)
	}
	err = os.Link(tmp.Name(), backup)
	switch {
	case err == nil, errors.Is(err, fs.ErrExist):
		return nil // ours, or another instance's made a moment earlier
	}
	// No hard links here (some network or FAT drives): rename instead.
	if _, serr := os.Stat(backup); serr == nil {
		return nil
	}
	if err := os.Rename(tmp.Name(), backup); err != nil {
		return i18n.Errorf(err, "store.err.premigratebackup", backup)
	}
	return nil
}

// countFKViolations counts the rows PRAGMA foreign_key_check reports.
func countFKViolations(ctx context.Context, q querier) (int, error) {
	rows, err := q.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}
