package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/i18n"
)

func TestAcquireLock(t *testing.T) {
	db := filepath.Join(t.TempDir(), "overlegplanner.db")
	release, err := AcquireLock(db)
	if err != nil {
		t.Fatal(err)
	}
	// A second holder is refused, in Dutch, naming the file and the holder.
	_, err = AcquireLock(db)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second holder: %v", err)
	}
	var ie *i18n.Error
	msg := i18n.UserMessage(err)
	if !errors.As(err, &ie) || !strings.Contains(msg, db) || !strings.Contains(msg, fmt.Sprintf("proces %d", os.Getpid())) ||
		!strings.Contains(msg, "al geopend in een ander venster") {
		t.Errorf("message %q", msg)
	}
	release()
	release() // twice is harmless
	again, err := AcquireLock(db)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again()
	// The lock file stays: removing it would let two instances lock two
	// different files of the same name.
	if _, err := os.Stat(LockPath(db)); err != nil {
		t.Errorf("lock file: %v", err)
	}
}

func TestLockOnFirstStart(t *testing.T) {
	// The first start: the folder does not exist yet.
	db := filepath.Join(t.TempDir(), "nieuw", "overlegplanner.db")
	release, err := AcquireLock(db)
	if err != nil {
		t.Fatalf("lock in a new folder: %v", err)
	}
	release()
	// A folder that cannot exist: its parent is a file.
	file := filepath.Join(t.TempDir(), "bestand")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = AcquireLock(filepath.Join(file, "overlegplanner.db"))
	if err == nil || errors.Is(err, ErrLocked) || !strings.Contains(i18n.UserMessage(err), "vergrendeling") {
		t.Errorf("lock below a file: %v", err)
	}
}

// TestLockFreedWhenHolderDies proves that a crashed instance does not lock
// users out: the lock ends with the process that held it.
func TestLockFreedWhenHolderDies(t *testing.T) {
	db := filepath.Join(t.TempDir(), "overlegplanner.db")
	c := startChild(t, "lock", "DB="+db)
	line := c.waitFor(t, "locked ", 20*time.Second)
	_, err := AcquireLock(db)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("lock held by a child: %v", err)
	}
	if pid := strings.TrimPrefix(line, "locked "); !strings.Contains(i18n.UserMessage(err), "proces "+pid) {
		t.Errorf("message %q does not name process %s", i18n.UserMessage(err), pid)
	}
	c.kill(t)
	release, err := AcquireLock(db)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	release()
}
