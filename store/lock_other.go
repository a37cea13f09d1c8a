//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || windows)

package store

import (
	"errors"
	"os"
)

// errLockUnsupported: on these systems (the desktop app is not built for
// them) there is no lock we trust to end with the process, and a lock
// that could outlive a crash would lock users out of their own data.
var errLockUnsupported = errors.New("vergrendelen wordt op dit systeem niet ondersteund")

func lockFile(*os.File) error   { return errLockUnsupported }
func unlockFile(*os.File) error { return nil }
