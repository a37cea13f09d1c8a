package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// Rotation of the automatic backups.
//
// A backup is made at most once a day, and only when the data changed since
// the newest backup, so that the kept backups are the last distinct states
// of the planning, not copies of quiet holiday days. Of those, AutoBackup
// keeps the newest `keep` (DefaultKeep: ten, two working weeks of
// changes) and, further back, the first backup of each of the three most
// recent months that have one: a mistake noticed at the next quarterly
// planning round can still be undone. Every archive holds all stukken, so
// more copies would cost disk space quickly; older history belongs in the
// organisation's own backups of the data folder.
//
// Rotation counts backups, not days: after months without use the old
// backups are all still there. It removes only files named exactly like
// its own; manual backups and restore safety copies are never touched.
const (
	// DefaultKeep is the number of recent backups AutoBackup keeps when
	// keep is 0 or less.
	DefaultKeep = 10
	// monthlyKeep is the number of months for which the first backup of
	// the month is kept beyond the recent ones.
	monthlyKeep = 3
	// staleAfter is the age after which temporary files of an interrupted
	// backup are removed.
	staleAfter = 24 * time.Hour
)

// AutoBackupResult says what AutoBackup did.
type AutoBackupResult struct {
	// Path is the newest backup after the call: today's, whether made now
	// or earlier today, or the earlier one that already holds the same
	// data. "" only when there is no backup at all.
	Path string
	// Made reports whether a new backup was written.
	Made bool
	// Removed lists the backups that rotation deleted.
	Removed []string
}

// AutoBackup makes the daily backup in dir (BackupDir(s.Path()) when dir is
// "") and rotates old ones. It is cheap to call at every start of the app
// and after saving: it writes at most one backup a day, named after the
// date of now in now's location ("overlegplanner-2027-03-11.zip"), and none
// when nothing changed since the newest backup. keep ≤ 0 means
// DefaultKeep.
//
// It also clears what writes cut short by a crash left beside the database
// and among the stukken more than a day ago (see removeStaleTemp).
//
// An incomplete backup (stukken already missing, ErrIncompleteBackup) is
// kept and rotated like any other; the error is returned so that the user
// hears about the missing files.
func (s *Store) AutoBackup(ctx context.Context, dir string, now time.Time, keep int) (AutoBackupResult, error) {
	if dir == "" {
		dir = BackupDir(s.path)
	}
	if keep <= 0 {
		keep = DefaultKeep
	}
	base := autoBase(s.path)
	var res AutoBackupResult
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, i18n.Errorf(err, "store.err.mkdir", dir)
	}
	removeStale(dir, now)
	removeStaleTemp(s.path)
	existing, err := autoBackups(dir, base)
	if err != nil {
		return res, i18n.Errorf(err, "store.err.autobackup.list", dir)
	}
	today := filepath.Join(dir, autoName(base, now))
	var berr error
	if _, err := os.Stat(today); err == nil {
		res.Path = today
	} else {
		var newest *manifest
		if len(existing) > 0 {
			newest = readManifest(filepath.Join(dir, existing[0].name))
		}
		unchanged := func(m *manifest) bool { return newest != nil && sameContent(newest, m) }
		_, berr = s.backup(ctx, today, unchanged)
		if _, err := os.Stat(today); err == nil {
			res.Path, res.Made = today, true
		} else if berr == nil && len(existing) > 0 {
			res.Path = filepath.Join(dir, existing[0].name)
		}
		if berr != nil && !errors.Is(berr, ErrIncompleteBackup) {
			return res, berr
		}
	}
	existing, err = autoBackups(dir, base)
	if err != nil {
		return res, i18n.Errorf(err, "store.err.autobackup.list", dir)
	}
	keepSet := retain(existing, keep)
	for _, b := range existing {
		if keepSet[b.name] {
			continue
		}
		p := filepath.Join(dir, b.name)
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return res, i18n.Errorf(err, "store.err.autobackup.rotate", p)
		}
		res.Removed = append(res.Removed, p)
	}
	return res, berr
}

// autoBackup is one automatic backup file and the day it was made.
type autoBackup struct {
	name string
	day  time.Time
}

// autoBase is the name stem shared by a database's automatic backups.
func autoBase(dbPath string) string {
	base := filepath.Base(dbPath)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func autoName(base string, now time.Time) string {
	return base + "-" + now.Format("2006-01-02") + ".zip"
}

var autoPattern = regexp.MustCompile(`^(.+)-(\d{4}-\d{2}-\d{2})\.zip$`)

// autoBackups lists the automatic backups of base in dir, newest first.
func autoBackups(dir, base string) ([]autoBackup, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []autoBackup
	for _, e := range entries {
		m := autoPattern.FindStringSubmatch(e.Name())
		if m == nil || m[1] != base || !e.Type().IsRegular() {
			continue
		}
		day, err := time.Parse("2006-01-02", m[2])
		if err != nil {
			continue
		}
		out = append(out, autoBackup{name: e.Name(), day: day})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].day.After(out[j].day) })
	return out, nil
}

// retain returns the names rotation keeps of backups (newest first): the
// newest keep, and the first backup of each of the monthlyKeep most recent
// months.
func retain(backups []autoBackup, keep int) map[string]bool {
	out := map[string]bool{}
	for i, b := range backups {
		if i < keep {
			out[b.name] = true
		}
	}
	months := 0
	for i := range backups {
		// backups is newest first, so the first of a month is the last
		// entry before the month changes.
		b := backups[i]
		if i+1 < len(backups) && sameMonth(backups[i+1].day, b.day) {
			continue
		}
		out[b.name] = true
		if months++; months == monthlyKeep {
			break
		}
	}
	return out
}

func sameMonth(a, b time.Time) bool { return a.Year() == b.Year() && a.Month() == b.Month() }

// readManifest returns the manifest of the archive at path, or nil when it
// cannot be read (then a new backup is made rather than trusting it).
func readManifest(path string) *manifest {
	a, err := openArchive(path)
	if err != nil {
		return nil
	}
	defer a.Close()
	m := a.m
	return &m
}

// sameContent reports whether two manifests describe the same data: the
// same database bytes (VACUUM INTO writes identical content identically)
// and the same stored files.
func sameContent(a, b *manifest) bool {
	if a.Database.SHA256 != b.Database.SHA256 || a.SchemaVersion != b.SchemaVersion ||
		len(a.Stukken) != len(b.Stukken) || len(a.Lost) != len(b.Lost) {
		return false
	}
	for i := range a.Stukken {
		if a.Stukken[i].Name != b.Stukken[i].Name || a.Stukken[i].SHA256 != b.Stukken[i].SHA256 {
			return false
		}
	}
	for i := range a.Lost {
		if a.Lost[i].Name != b.Lost[i].Name {
			return false
		}
	}
	return true
}

// removeStale deletes what an interrupted backup left in dir (its
// temporary archive and snapshot folder) once it is a day old, so that a
// crash during a backup does not leak disk space for ever.
func removeStale(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		stale := strings.HasPrefix(n, ".overlegplanner-backup-") ||
			strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".tmp") && strings.Contains(n, ".zip.")
		if !stale {
			continue
		}
		if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > staleAfter {
			os.RemoveAll(filepath.Join(dir, n))
		}
	}
}
