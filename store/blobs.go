package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// ErrHashMismatch means a stored file no longer has the content its record
// says it has: changed or damaged on disk. It is domain.ErrFileChanged, so
// that the bundle recognises it without knowing the store.
var ErrHashMismatch = domain.ErrFileChanged

// Blobs keeps the files of stukken, content-addressed: a file is stored as
// <sha256>.<ext>, written to a temporary name, synced and renamed, so that
// it is either wholly there or not at all, and two uploads of the same
// content share one file. Files are never overwritten or deleted by saving
// a new version, so an older version stays available.
type Blobs struct{ dir string }

// BlobDir returns the folder for the stukken of the database at dbPath:
// beside it, named after it ("overlegplanner.db" → "overlegplanner-stukken").
func BlobDir(dbPath string) string {
	base := filepath.Base(dbPath)
	return filepath.Join(filepath.Dir(dbPath), strings.TrimSuffix(base, filepath.Ext(base))+"-stukken")
}

// Blobs returns the file store that belongs to this database.
func (s *Store) Blobs() *Blobs { return &Blobs{dir: BlobDir(s.path)} }

// NewBlobs returns a file store in dir.
func NewBlobs(dir string) *Blobs { return &Blobs{dir: dir} }

// Dir returns the folder of the store.
func (b *Blobs) Dir() string { return b.dir }

// Put stores the content of r under its hash with the extension of
// fileName, and returns the stored name, the hex SHA-256 and the size.
func (b *Blobs) Put(r io.Reader, fileName string) (name, sum string, size int64, err error) {
	if err := os.MkdirAll(b.dir, 0o755); err != nil {
		return "", "", 0, i18n.Errorf(err, "store.err.mkdir", b.dir)
	}
	tmp, err := os.CreateTemp(b.dir, ".upload-*")
	if err != nil {
		return "", "", 0, err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	h := sha256.New()
	size, err = io.Copy(io.MultiWriter(tmp, h), r)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", "", 0, fmt.Errorf("stuk opslaan: %w", err)
	}
	sum = hex.EncodeToString(h.Sum(nil))
	name = sum + strings.ToLower(filepath.Ext(fileName))
	dst := filepath.Join(b.dir, name)
	// The same content may be stored already. Only an intact copy counts:
	// a copy damaged on disk (which Check reports) is replaced by this
	// upload, so that sending the stuk again repairs it instead of
	// recording a new reference to the damaged file.
	if b.Verify(name, sum, "") == nil {
		return name, sum, size, nil
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return "", "", 0, fmt.Errorf("stuk opslaan: %w", err)
	}
	// The caller records the stuk right after this returns, in a
	// transaction that is durable at commit; the new name in the folder
	// must be durable first, or a power cut could leave a record whose
	// file is gone.
	syncDir(b.dir)
	return name, sum, size, nil
}

// PutFile stores the file at path.
func (b *Blobs) PutFile(path string) (name, sum string, size int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", 0, i18n.Errorf(err, "store.err.readfile", path)
	}
	defer f.Close()
	return b.Put(f, path)
}

// Path returns the path of a stored file.
func (b *Blobs) Path(name string) string { return filepath.Join(b.dir, filepath.Base(name)) }

// Read returns the content of stored file name after checking that it
// still has hash sum; a mismatch is ErrHashMismatch, wrapped in a message
// that names the document title.
func (b *Blobs) Read(name, sum, title string) ([]byte, error) {
	data, err := os.ReadFile(b.Path(name))
	if err != nil {
		return nil, i18n.Errorf(err, "store.err.blobmissing", title, name)
	}
	got := sha256.Sum256(data)
	if hex.EncodeToString(got[:]) != sum {
		return nil, i18n.Errorf(ErrHashMismatch, "store.err.blobhash", title, name)
	}
	return data, nil
}

// Verify checks a stored file against its hash without keeping its content.
func (b *Blobs) Verify(name, sum, title string) error {
	f, err := os.Open(b.Path(name))
	if err != nil {
		return i18n.Errorf(err, "store.err.blobmissing", title, name)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return i18n.Errorf(err, "store.err.blobmissing", title, name)
	}
	if hex.EncodeToString(h.Sum(nil)) != sum {
		return i18n.Errorf(ErrHashMismatch, "store.err.blobhash", title, name)
	}
	return nil
}

// List returns the names of every stored file (for finding orphans).
func (b *Blobs) List() ([]string, error) {
	entries, err := os.ReadDir(b.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}
