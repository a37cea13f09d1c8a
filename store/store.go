// Package store keeps Overlegplanner's data in one SQLite file: schema,
// numbered migrations, transactions, integrity checks and backups. It is the
// only package that speaks SQL; everything it takes and returns is a domain
// value.
//
// A database file is recognised by its SQLite header and by our
// application_id; a file that is not ours, or that a newer version of the
// program has migrated further than we know, is refused and left untouched.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver, registered as "sqlite3"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// applicationID marks a SQLite file as an Overlegplanner database
// (PRAGMA application_id, the bytes "OVLP").
const applicationID = 0x4F564C50

// Errors that callers tell apart. Each is returned wrapped in an *i18n.Error
// that says in Dutch what is wrong with which file.
var (
	ErrNotFound    = errors.New("niet gevonden")
	ErrNoDatabase  = errors.New("database bestaat niet")
	ErrNotDatabase = errors.New("geen Overlegplanner-database")
	ErrTooNew      = errors.New("database van een nieuwere versie")
	ErrCorrupt     = errors.New("database beschadigd")
	ErrNotEmpty    = errors.New("database niet leeg")
	ErrLocked      = errors.New("database in gebruik")
	ErrReadOnly    = errors.New("database alleen-lezen")
)

// Options controls Open.
type Options struct {
	// Create allows Open to create a missing (or zero-length) file and its
	// directory. Commands that only read leave it false, so that a typing
	// error in a path does not silently produce an empty database.
	Create bool
	// Now is the clock used for timestamps; nil means time.Now.
	Now func() time.Time
}

// Store is an open Overlegplanner database.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
}

// DefaultPath returns the database path: $OVERLEGPLANNER_DB if set, else
// overlegplanner.db in the user's configuration directory.
func DefaultPath() (string, error) {
	if p := os.Getenv("OVERLEGPLANNER_DB"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("geen configuratiemap: %w", err)
	}
	return filepath.Join(dir, "overlegplanner", "overlegplanner.db"), nil
}

// Open opens the database at path, checks that it is an intact
// Overlegplanner database of a version we know, and migrates it to the
// current schema (after a backup copy when it held data at an older
// version).
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	fresh, err := inspectFile(path, opt.Create)
	if err != nil {
		return nil, err
	}
	if fresh {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, i18n.Errorf(err, "store.err.mkdir", filepath.Dir(path))
		}
	}
	if err := checkWritable(path, fresh); err != nil {
		return nil, err
	}
	// Only pragmas that change nothing on disk go in the DSN: a file we end
	// up refusing must stay byte-for-byte as it was.
	// fileURI escapes '?', '#' and '%', which would otherwise cut the path
	// short ("Overleg #2" opened a file named "Overleg ").
	dsn := fileURI(path, "_foreign_keys=1&_busy_timeout=10000&_txlock=immediate&_synchronous=FULL")
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, i18n.Errorf(err, "store.err.open", path)
	}
	s := &Store{db: db, path: path, now: now}
	if err := s.check(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// inspectFile reports whether path is new (missing or empty) and refuses,
// without writing anything, what cannot be an Overlegplanner database.
func inspectFile(path string, create bool) (fresh bool, err error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if !create {
			return false, i18n.Errorf(ErrNoDatabase, "store.err.missing", path)
		}
		return true, nil
	case err != nil:
		return false, i18n.Errorf(err, "store.err.open", path)
	case fi.IsDir():
		return false, i18n.Errorf(ErrNotDatabase, "store.err.isdir", path)
	case fi.Size() == 0:
		if !create {
			return false, i18n.Errorf(ErrNotDatabase, "store.err.empty", path)
		}
		return true, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, i18n.Errorf(err, "store.err.open", path)
	}
	defer f.Close()
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "SQLite format 3\x00" {
		return false, i18n.Errorf(ErrNotDatabase, "store.err.notsqlite", path)
	}
	return false, nil
}

// checkWritable refuses, before SQLite touches anything, a database that
// could be read but not saved: a read-only file, or a folder in which
// SQLite cannot create its -wal and -shm files. Left to SQLite, the first
// would open and fail at the first save with an English error (leaving
// -wal and -shm files behind), the second would fail with "cannot open".
// The probes change nothing in the database file.
func checkWritable(path string, fresh bool) error {
	if !fresh {
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			if errors.Is(err, fs.ErrPermission) || isReadOnlyFS(err) {
				return i18n.Errorf(fmt.Errorf("%w: %v", ErrReadOnly, err), "store.err.readonly", path)
			}
			return i18n.Errorf(err, "store.err.open", path)
		}
		f.Close()
	}
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".overlegplanner-probe-*")
	if err != nil {
		return i18n.Errorf(fmt.Errorf("%w: %v", ErrReadOnly, err), "store.err.readonlydir", dir, path)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// check refuses a database that is not ours, too new, or damaged. It only
// reads.
func (s *Store) check(ctx context.Context) error {
	var appID, version, tables int
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return s.classify(err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return s.classify(err)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
		return s.classify(err)
	}
	if appID != applicationID && (appID != 0 || tables > 0) {
		return i18n.Errorf(ErrNotDatabase, "store.err.foreign", s.path)
	}
	if version > len(migrations) {
		return i18n.Errorf(ErrTooNew, "store.err.toonew", s.path, version, len(migrations))
	}
	if tables == 0 {
		return nil
	}
	problems, err := s.integrity(ctx, "quick_check")
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return i18n.Errorf(fmt.Errorf("%w: %s", ErrCorrupt, problems[0]), "store.err.corrupt", s.path)
	}
	return nil
}

// classify turns a driver error on opening into a user message.
func (s *Store) classify(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "locked"), strings.Contains(msg, "busy"):
		return i18n.Errorf(fmt.Errorf("%w: %v", ErrLocked, err), "store.err.locked", s.path)
	case strings.Contains(msg, "not a database"), strings.Contains(msg, "malformed"):
		// inspectFile has seen the SQLite header, so a file SQLite cannot
		// read is a damaged database (cut short, overwritten), not some
		// other kind of file: the user needs a backup, not another file.
		return i18n.Errorf(fmt.Errorf("%w: %v", ErrCorrupt, err), "store.err.corrupt", s.path)
	}
	return i18n.Errorf(err, "store.err.open", s.path)
}

// Integrity runs PRAGMA integrity_check and returns what it reports; nil
// means the database is intact.
func (s *Store) Integrity(ctx context.Context) ([]string, error) {
	return s.integrity(ctx, "integrity_check")
}

func (s *Store) integrity(ctx context.Context, pragma string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "PRAGMA "+pragma)
	if err != nil {
		return nil, s.classify(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			out = append(out, line)
		}
	}
	return out, rows.Err()
}

// Path returns the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close closes the database, folding the write-ahead log back into the file.
func (s *Store) Close() error {
	_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return s.db.Close()
}

// SchemaVersion returns the schema version of the open database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// LatestSchemaVersion is the schema version this program writes.
func LatestSchemaVersion() int { return len(migrations) }

// tx runs fn in one transaction: every multi-row change is all or nothing.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.classify(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.classify(err)
	}
	return nil
}

// querier is what both *sql.DB and *sql.Tx offer, so that readers can run
// inside or outside a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

var (
	_ querier = (*sql.DB)(nil)
	_ querier = (*sql.Tx)(nil)
)
