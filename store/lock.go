package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// errHeld is what the platform lock calls return when another open file
// (in this process or another) holds the lock.
var errHeld = errors.New("vergrendeling is in handen van een ander proces")

// LockPath returns the lock file that AcquireLock uses for the database at
// dbPath.
func LockPath(dbPath string) string { return dbPath + ".lock" }

// AcquireLock takes an exclusive advisory lock on dbPath+".lock", so that
// a second desktop window on the same database is refused with a clear
// message instead of two people editing the same planning side by side.
// SQLite itself keeps concurrent writers from corrupting the file; this
// lock keeps them from overwriting each other's work. Command-line reads
// do not need it; commands that replace the database (restore) must take
// it.
//
// When another instance holds the lock the error wraps ErrLocked in a
// Dutch message that names the database and, when known, the process ID.
// The lock belongs to the open file: it ends when release is called, when
// the process exits or when it crashes, so a crashed instance never blocks
// the next start. The lock file is left in place on release: removing it
// would let two instances lock two different files of the same name.
// release may be called more than once.
func AcquireLock(dbPath string) (release func(), err error) {
	path := LockPath(dbPath)
	// On the first start the folder of the database does not exist yet;
	// the lock comes before Open, which would create it.
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, i18n.Errorf(err, "store.err.lockfile", path)
	}
	f, err := openLockFile(path)
	if err != nil {
		return nil, i18n.Errorf(err, "store.err.lockfile", path)
	}
	if err := lockFile(f); err != nil {
		pid := readHolder(f)
		f.Close()
		if errors.Is(err, errHeld) {
			cause := fmt.Errorf("%w: %s", ErrLocked, path)
			if pid > 0 {
				return nil, i18n.Errorf(cause, "store.err.instance.pid", dbPath, pid)
			}
			return nil, i18n.Errorf(cause, "store.err.instance", dbPath)
		}
		return nil, i18n.Errorf(err, "store.err.lockfile", path)
	}
	// Our process ID in the file lets the refusal name the holder. Writing
	// it is a courtesy: a read-only lock file still locks.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			_ = unlockFile(f)
			f.Close()
		})
	}, nil
}

// openLockFile opens (creating when needed) the lock file for writing, or
// for reading when the file exists but may not be written: a lock on a
// read-only descriptor still excludes others. Go opens files close-on-exec,
// so programs we start (a PDF viewer) never inherit the lock.
func openLockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err == nil {
		return f, nil
	}
	if ro, rerr := os.Open(path); rerr == nil {
		return ro, nil
	}
	return nil, err
}

// readHolder returns the process ID written by the holder of the lock, or
// 0 when it cannot be read.
func readHolder(f *os.File) int {
	b := make([]byte, 32)
	n, err := f.ReadAt(b, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return 0
	}
	pid, err := strconv.Atoi(string(bytes.TrimSpace(b[:n])))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}
