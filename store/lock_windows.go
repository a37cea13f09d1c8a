//go:build windows

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockRegion is the byte range LockFileEx locks: one byte at 4 GiB, far
// beyond the process ID written at the start of the file. Windows locks are
// mandatory, so locking the content itself would keep a second instance
// from reading who holds the lock.
func lockRegion() *windows.Overlapped { return &windows.Overlapped{OffsetHigh: 1} }

// lockFile takes an exclusive lock on f without waiting. Windows releases
// it when the handle is closed, including when the process ends.
func lockFile(f *os.File) error {
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, lockRegion())
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return errHeld
	}
	return err
}

func unlockFile(f *os.File) error {
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, lockRegion())
}
