//go:build unix

package store

import (
	"errors"
	"syscall"
)

// isReadOnlyFS reports whether err comes from a file system mounted
// read-only (a CD, a locked-down network share).
func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }
