//go:build !unix

package store

// isReadOnlyFS reports whether err comes from a read-only file system;
// elsewhere that shows as a permission error, which is checked already.
func isReadOnlyFS(error) bool { return false }
