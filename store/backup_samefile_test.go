package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// TestBackupRefusesOtherNamesOfItsOwnFiles extends
// TestBackupRefusesItsOwnFiles to names that differ from the database's
// and still reach it: on Windows and macOS a name in other capitals is the
// same file, and a link or a linked folder gives it a second name. A
// backup written there would replace the database or land among the
// stukken.
func TestBackupRefusesOtherNamesOfItsOwnFiles(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	path := filepath.Join(home, "overlegplanner.db")
	s := storeAt(t, path)
	fillWithStukken(t, s)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	type target struct {
		name string
		dst  func(t *testing.T) string // "" skips: not possible here (no links, or names are case-sensitive)
	}
	targets := []target{
		{"hard link to the database", func(t *testing.T) string {
			p := filepath.Join(other, "koppeling.db")
			if err := os.Link(path, p); err != nil {
				return ""
			}
			return p
		}},
		{"symbolic link to the database", func(t *testing.T) string {
			p := filepath.Join(other, "snelkoppeling.db")
			if err := os.Symlink(path, p); err != nil || !sameFile(p, path) {
				return ""
			}
			return p
		}},
		{"linked folder of stukken", func(t *testing.T) string {
			p := filepath.Join(other, "stukken-link")
			if err := os.Symlink(s.Blobs().Dir(), p); err != nil || !sameFile(p, s.Blobs().Dir()) {
				return ""
			}
			return filepath.Join(p, "backup.zip")
		}},
		{"other capitals, where the file system ignores them", func(t *testing.T) string {
			p := filepath.Join(home, "OverlegPlanner.DB")
			if !sameFile(p, path) {
				return "" // a case-sensitive file system: another file
			}
			return p
		}},
	}
	for _, tt := range targets {
		t.Run(tt.name, func(t *testing.T) {
			dst := tt.dst(t)
			if dst == "" {
				t.Skip("not possible on this file system")
			}
			err := s.Backup(ctx, dst)
			if err == nil || !strings.Contains(i18n.UserMessage(err), "de database zelf") {
				t.Errorf("backup to %s: %v", dst, err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Fatal("the database changed")
			}
		})
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() || len(r.Orphans) != 0 {
		t.Errorf("check: %+v %v", r, err)
	}
	// An ordinary folder elsewhere is fine, also one whose name contains
	// the database's.
	if err := s.Backup(ctx, filepath.Join(other, "overlegplanner.db-backups", "b.zip")); err != nil {
		t.Errorf("backup to an ordinary folder: %v", err)
	}
}

// sameFile reports whether a and b reach the same file on disk (links
// that the system does not follow, as under some emulators, do not).
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}
