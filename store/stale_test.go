package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestAutoBackupClearsWhatCrashesLeft: the hidden temporary files of
// writes cut short (a restore, an upload, an upgrade copy) are removed by
// the daily backup once they are a day old; fresh ones (a write going on
// in another instance) and everything else in the folders stay.
func TestAutoBackupClearsWhatCrashesLeft(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	path := filepath.Join(home, "overlegplanner.db")
	s := storeAt(t, path)
	fillWithStukken(t, s)
	blobs := s.Blobs().Dir()
	old := time.Now().Add(-30 * time.Hour)
	fresh := time.Now().Add(-time.Hour)

	tests := []struct {
		name    string
		path    string
		mod     time.Time
		removed bool
	}{
		{"restored database cut short", filepath.Join(home, ".overlegplanner.db.restore-123"), old, true},
		{"restore of the database going on", filepath.Join(home, ".overlegplanner.db.restore-456"), fresh, false},
		{"pre-upgrade copy cut short", filepath.Join(home, ".overlegplanner.db.v1.bak.789.tmp"), old, true},
		{"write probe", filepath.Join(home, ".overlegplanner-probe-42"), old, true},
		{"upload cut short", filepath.Join(blobs, ".upload-1"), old, true},
		{"upload going on", filepath.Join(blobs, ".upload-2"), fresh, false},
		{"stuk restore cut short", filepath.Join(blobs, ".restore-3"), old, true},
		{"another database's restore", filepath.Join(home, ".ander.db.restore-1"), old, false},
		{"the user's own hidden file", filepath.Join(home, ".DS_Store"), old, false},
		{"a hidden file among the stukken", filepath.Join(blobs, ".notities"), old, false},
		{"the pre-upgrade copy itself", filepath.Join(home, "overlegplanner.db.v1.bak"), old, false},
		{"the lock file", LockPath(path), old, false},
	}
	for _, tt := range tests {
		if err := os.WriteFile(tt.path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(tt.path, tt.mod, tt.mod); err != nil {
			t.Fatal(err)
		}
	}
	// A folder with a matching name is not a temporary file of ours.
	dirLike := filepath.Join(blobs, ".upload-map")
	if err := os.Mkdir(dirLike, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(dirLike, old, old); err != nil {
		t.Fatal(err)
	}

	if _, err := s.AutoBackup(ctx, "", time.Now(), 0); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		_, err := os.Stat(tt.path)
		if gone := errors.Is(err, os.ErrNotExist); gone != tt.removed {
			t.Errorf("%s (%s): removed %v, want %v", tt.name, filepath.Base(tt.path), gone, tt.removed)
		}
	}
	if _, err := os.Stat(dirLike); err != nil {
		t.Errorf("a folder was removed: %v", err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %+v %v", r, err)
	}
}
