package store

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// removeStaleTemp deletes the temporary files that a process killed in
// the middle of a write leaves beside the database and among its stukken,
// once they are older than staleAfter: a restore cut short leaves a
// hidden copy of a whole database (".overlegplanner.db.restore-…"), an
// interrupted upload or restore of a stuk a hidden partial file
// (".upload-…", ".restore-…"). They are never read, so nothing is lost,
// but without this they would take disk space for ever in a folder users
// do not look into. Only names this package creates are matched, and only
// old ones, so a write in progress in another instance is never touched.
// Age is measured on the wall clock, as file times are, not on the clock
// AutoBackup names its backups by (a test's or a user's), so that a wrong
// clock can never make a fresh file look old.
// It is best effort: a file that cannot be removed stays until next time.
func removeStaleTemp(dbPath string) {
	now := time.Now()
	base := filepath.Base(dbPath)
	dbDir := []func(string) bool{
		func(n string) bool { return strings.HasPrefix(n, "."+base+".restore-") },
		func(n string) bool { return strings.HasPrefix(n, ".overlegplanner-probe-") },
		// the pre-upgrade copy in the making: ".overlegplanner.db.v1.bak.123.tmp"
		func(n string) bool { return strings.HasPrefix(n, "."+base+".v") && strings.HasSuffix(n, ".tmp") },
	}
	blobDir := []func(string) bool{
		func(n string) bool { return strings.HasPrefix(n, ".upload-") },
		func(n string) bool { return strings.HasPrefix(n, ".restore-") },
	}
	removeOld(filepath.Dir(dbPath), dbDir, now)
	removeOld(BlobDir(dbPath), blobDir, now)
}

// removeOld removes the regular files in dir that match one of the
// patterns and were last changed more than staleAfter before now.
func removeOld(dir string, patterns []func(string) bool, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		match := false
		for _, p := range patterns {
			match = match || p(e.Name())
		}
		if !match {
			continue
		}
		if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > staleAfter {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
