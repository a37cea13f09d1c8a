package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"os"
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

// migrate brings the schema to the latest version, one transaction per
// step. A database that already held data is first copied next to itself,
// so that a failed or unwanted upgrade never costs data.
func (s *Store) migrate(ctx context.Context) error {
	return s.migrateTo(ctx, len(migrations))
}

func (s *Store) migrateTo(ctx context.Context, target int) error {
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return s.classify(err)
	}
	if v >= target {
		return nil
	}
	if v > 0 {
		backup := fmt.Sprintf("%s.v%d.bak", s.path, v)
		if _, err := os.Stat(backup); err != nil {
			if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", backup); err != nil {
				return i18n.Errorf(err, "store.err.premigratebackup", backup)
			}
		}
	}
	// WAL lets the UI read while a background job writes; it is a property
	// of the file, so it is set once, here, and only on a database we accept.
	if _, err := s.db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return s.classify(err)
	}
	for i := v; i < target; i++ {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id=%d", applicationID)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version=%d", i+1))
			return err
		})
		if err != nil {
			return i18n.Errorf(err, "store.err.migrate", s.path, i+1)
		}
	}
	return nil
}
