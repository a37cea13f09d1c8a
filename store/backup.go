package store

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// A backup is one zip file, so that a user can copy, mail or store it as a
// single thing and never end up with a database whose stukken are
// elsewhere:
//
//	overlegplanner.db   a consistent snapshot (VACUUM INTO) of the database
//	stukken/<name>      every stored file the snapshot refers to
//	manifest.json       format, schema version, and the SHA-256 of every entry
//
// A backup is verified by reading it back before it gets its final name,
// and verified again, fully, before a restore touches anything.
const (
	archiveDB       = "overlegplanner.db"
	archiveManifest = "manifest.json"
	archiveStukken  = "stukken/"
	archiveApp      = "overlegplanner"
	// archiveFormat is raised when the layout changes incompatibly; an
	// archive of a higher format is refused like a newer database.
	archiveFormat = 1
	// maxManifest bounds what we read of a manifest: a real one is a few
	// kilobytes per thousand stukken.
	maxManifest = 64 << 20
)

// Errors of backup and restore, each wrapped in an *i18n.Error with a
// Dutch message.
var (
	// ErrBadArchive means the file is not a complete, intact Overlegplanner
	// backup; nothing was changed.
	ErrBadArchive = errors.New("geen geldige back-up")
	// ErrIncompleteBackup means stukken were already missing or damaged
	// when the backup was made, so the archive does not hold them. From
	// Backup it means the archive was written nonetheless; from Restore,
	// that nothing was changed (RestoreWith with AllowLost accepts it).
	ErrIncompleteBackup = errors.New("back-up zonder alle stukken")
)

// manifest describes an archive. It is JSON so that a person (or a support
// desk) can read what a backup holds without this program.
type manifest struct {
	Format        int            `json:"format"`
	App           string         `json:"app"`
	Created       time.Time      `json:"created"`
	SchemaVersion int            `json:"schema_version"`
	Database      manifestFile   `json:"database"`
	Stukken       []manifestFile `json:"stukken"`
	// Lost lists stukken the database refers to that could not be included
	// because they were missing or damaged when the backup was made.
	Lost []manifestFile `json:"lost,omitempty"`
}

// manifestFile is one file in (or missing from) an archive.
type manifestFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	Title  string `json:"title,omitempty"`
}

// blobRef is a stored file a database refers to.
type blobRef struct {
	name, sum, title string
}

// BackupDir returns the folder for the automatic backups and the safety
// copies of the database at dbPath: beside it, named after it
// ("overlegplanner.db" → "overlegplanner-backups"), like BlobDir.
func BackupDir(dbPath string) string {
	base := filepath.Base(dbPath)
	return filepath.Join(filepath.Dir(dbPath), strings.TrimSuffix(base, filepath.Ext(base))+"-backups")
}

// Backup writes a backup of the open database and its stukken to dst, as
// one zip archive. It is safe while the app keeps writing: the database is
// copied inside one read transaction (VACUUM INTO), and stored files are
// never changed or removed once written, so every file the snapshot refers
// to is there to copy. The archive is written under a temporary name,
// synced, read back and verified, and only then renamed to dst, so dst is
// either a complete, verified backup or untouched.
//
// Stukken that are already missing or damaged cannot be saved; they are
// listed in the archive, the archive is still written (the planning itself
// must never go without a backup because of one bad file), and the error
// wraps ErrIncompleteBackup and names them.
func (s *Store) Backup(ctx context.Context, dst string) error {
	_, err := s.backup(ctx, dst, nil)
	return err
}

// backup writes the archive and returns its manifest. When skip is not nil
// and returns true for the manifest of the fresh snapshot, nothing is
// written (used by AutoBackup to avoid copies of an unchanged database).
func (s *Store) backup(ctx context.Context, dst string, skip func(*manifest) bool) (*manifest, error) {
	if s.ownFile(dst) {
		return nil, i18n.Errorf(fmt.Errorf("back-up naar een bestand van de database zelf: %s", dst), "store.err.backup.ownfile", dst)
	}
	dir := filepath.Dir(dst)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, i18n.Errorf(err, "store.err.mkdir", dir)
	}
	work, err := os.MkdirTemp(dir, ".overlegplanner-backup-*")
	if err != nil {
		return nil, i18n.Errorf(err, "store.err.backup.write", dst)
	}
	defer os.RemoveAll(work)

	snap := filepath.Join(work, archiveDB)
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", snap); err != nil {
		return nil, i18n.Errorf(s.classify(err), "store.err.backup.snapshot", s.path)
	}
	version, refs, err := inspectSnapshot(ctx, snap)
	if err != nil {
		return nil, i18n.Errorf(err, "store.err.backup.snapshot", s.path)
	}
	m := &manifest{Format: archiveFormat, App: archiveApp, Created: s.now().UTC().Truncate(time.Second), SchemaVersion: version}
	if m.Database.SHA256, m.Database.Size, err = hashFile(snap); err != nil {
		return nil, i18n.Errorf(err, "store.err.backup.write", dst)
	}
	m.Database.Name = archiveDB
	blobs := s.Blobs()
	var keep []manifestFile
	for _, r := range refs {
		fi, err := os.Stat(blobs.Path(r.name))
		if err == nil {
			err = blobs.Verify(r.name, r.sum, r.title)
		}
		if err != nil {
			m.Lost = append(m.Lost, manifestFile{Name: r.name, SHA256: r.sum, Title: r.title})
			continue
		}
		keep = append(keep, manifestFile{Name: r.name, SHA256: r.sum, Size: fi.Size(), Title: r.title})
	}
	m.Stukken = keep
	if skip != nil && skip(m) {
		return m, nil
	}

	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dst)+".*.tmp")
	if err != nil {
		return nil, i18n.Errorf(err, "store.err.backup.write", dst)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	err = writeArchive(ctx, tmp, m, snap, blobs)
	if serr := tmp.Sync(); err == nil {
		err = serr
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, i18n.Errorf(err, "store.err.backup.write", dst)
	}
	// Read back what reached the disk: a backup that was never read is a
	// hope, not a backup.
	a, err := openArchive(tmp.Name())
	if err != nil {
		return nil, i18n.Errorf(err, "store.err.backup.verify", dst)
	}
	_, verr := a.validate(ctx, work, nil, true)
	a.Close()
	if verr != nil {
		return nil, i18n.Errorf(verr, "store.err.backup.verify", dst)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return nil, i18n.Errorf(err, "store.err.backup.write", dst)
	}
	syncDir(dir)
	if len(m.Lost) > 0 {
		return m, i18n.Errorf(fmt.Errorf("%w: %s", ErrIncompleteBackup, lostNames(m.Lost)),
			"store.err.backup.incomplete", dst, len(m.Lost), lostTitles(m.Lost))
	}
	return m, nil
}

// ownFile reports whether path is the database itself, one of SQLite's
// files beside it, or inside the folder of stukken: a backup written there
// would replace the data it is meant to keep.
func (s *Store) ownFile(path string) bool {
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return filepath.Clean(a)
		}
		return filepath.Clean(p)
	}
	p, db := abs(path), abs(s.path)
	for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
		if p == db+suffix {
			return true
		}
	}
	blobs := abs(s.Blobs().Dir())
	if strings.HasPrefix(p, blobs+string(filepath.Separator)) {
		return true
	}
	// Names can differ and still be the same file: on Windows and macOS
	// "Overlegplanner.db" is "overlegplanner.db", and a link or a mapped
	// drive gives a file a second name. Compare what is on disk.
	if fi, err := os.Stat(p); err == nil {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
			if own, err := os.Stat(db + suffix); err == nil && os.SameFile(fi, own) {
				return true
			}
		}
	}
	bi, err := os.Stat(blobs)
	if err != nil {
		return false
	}
	for dir := filepath.Dir(p); ; dir = filepath.Dir(dir) {
		if di, err := os.Stat(dir); err == nil && os.SameFile(di, bi) {
			return true
		}
		if filepath.Dir(dir) == dir {
			return false
		}
	}
}

// writeArchive writes the snapshot, the stukken and the manifest to w.
// Each stored file is hashed again as it is copied, so that a file changed
// on disk since it was verified fails the backup instead of producing an
// archive that does not match its own manifest.
func writeArchive(ctx context.Context, w io.Writer, m *manifest, snap string, blobs *Blobs) error {
	zw := zip.NewWriter(w)
	if err := addFile(zw, archiveDB, snap, m.Created, m.Database.SHA256, zip.Deflate); err != nil {
		return err
	}
	for _, f := range m.Stukken {
		if err := ctx.Err(); err != nil {
			return err
		}
		method := zip.Deflate
		if compressed(f.Name) {
			method = zip.Store
		}
		if err := addFile(zw, archiveStukken+f.Name, blobs.Path(f.Name), m.Created, f.SHA256, method); err != nil {
			return err
		}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: archiveManifest, Method: zip.Deflate, Modified: m.Created})
	if err != nil {
		return err
	}
	if _, err := fw.Write(append(b, '\n')); err != nil {
		return err
	}
	return zw.Close()
}

// addFile copies the file at src into the archive as name and checks that
// it still has hash sum.
func addFile(zw *zip.Writer, name, src string, mod time.Time, sum string, method uint16) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: mod})
	if err != nil {
		return err
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(w, h), f); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return fmt.Errorf("%s: %w", name, ErrHashMismatch)
	}
	return nil
}

// compressed reports whether a stored file is already compressed, so that
// deflating it again would cost time and gain nothing.
func compressed(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf", ".zip", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".mp4", ".msg", ".gz", ".7z":
		return true
	}
	return false
}

// archive is an opened backup: its zip entries by name and its manifest.
type archive struct {
	path    string
	zr      *zip.ReadCloser
	entries map[string]*zip.File
	m       manifest
}

// openArchive opens a backup and reads its manifest. Every failure wraps
// ErrBadArchive.
func openArchive(path string) (*archive, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, i18n.Errorf(fmt.Errorf("%w: %v", ErrBadArchive, err), "store.err.archive.unreadable", path)
	}
	a := &archive{path: path, zr: zr, entries: map[string]*zip.File{}}
	for _, f := range zr.File {
		if _, dup := a.entries[f.Name]; dup {
			zr.Close()
			return nil, a.bad(fmt.Errorf("dubbele naam %q", f.Name))
		}
		a.entries[f.Name] = f
	}
	mf := a.entries[archiveManifest]
	if mf == nil {
		zr.Close()
		return nil, i18n.Errorf(fmt.Errorf("%w: %s ontbreekt", ErrBadArchive, archiveManifest), "store.err.archive.notours", path)
	}
	b, err := readEntry(mf, maxManifest)
	if err == nil {
		err = json.Unmarshal(b, &a.m)
	}
	if err != nil || a.m.App != archiveApp {
		zr.Close()
		if err == nil {
			err = fmt.Errorf("app %q", a.m.App)
		}
		return nil, i18n.Errorf(fmt.Errorf("%w: %s: %v", ErrBadArchive, archiveManifest, err), "store.err.archive.notours", path)
	}
	if a.m.Format > archiveFormat || a.m.Format < 1 {
		zr.Close()
		return nil, i18n.Errorf(fmt.Errorf("%w: formaat %d", ErrBadArchive, a.m.Format), "store.err.archive.format", path, a.m.Format)
	}
	return a, nil
}

// Close releases the archive file.
func (a *archive) Close() error { return a.zr.Close() }

// bad wraps a technical reason as "this backup is damaged".
func (a *archive) bad(cause error) error {
	return i18n.Errorf(fmt.Errorf("%w: %v", ErrBadArchive, cause), "store.err.archive.damaged", a.path)
}

// checked is what validate learned about an archive.
type checked struct {
	db      string    // the extracted, verified database snapshot
	version int       // its schema version
	stukken []blobRef // referenced files present in the archive
	lost    []blobRef // referenced files the archive lacks (manifest says why)
}

// validate checks the archive completely without changing anything
// outside work: the database entry is extracted into work and must match
// the manifest, be an intact Overlegplanner database and not be newer than
// this program; every stored file it refers to must be in the archive with
// its hash. A referenced file the archive lacks is accepted only when the
// manifest lists it as lost at backup time and either present (a non-nil
// blobs already holds it intact) or allowLost is set.
func (a *archive) validate(ctx context.Context, work string, present *Blobs, allowLost bool) (*checked, error) {
	dbf := a.entries[archiveDB]
	if dbf == nil || a.m.Database.Name != archiveDB {
		return nil, a.bad(fmt.Errorf("%s ontbreekt", archiveDB))
	}
	db := filepath.Join(work, "restore-"+archiveDB)
	sum, err := extractEntry(dbf, db, a.m.Database.Size)
	if err != nil {
		return nil, a.bad(fmt.Errorf("%s: %v", archiveDB, err))
	}
	if sum != a.m.Database.SHA256 {
		return nil, a.bad(fmt.Errorf("%s: %w", archiveDB, ErrHashMismatch))
	}
	version, refs, err := inspectSnapshot(ctx, db)
	switch {
	case errors.Is(err, ErrTooNew):
		return nil, i18n.Errorf(err, "store.err.archive.toonew", a.path, version, LatestSchemaVersion())
	case errors.Is(err, ErrNotDatabase):
		return nil, i18n.Errorf(fmt.Errorf("%w: %v", ErrBadArchive, err), "store.err.archive.notours", a.path)
	case err != nil:
		return nil, a.bad(err)
	}
	if version != a.m.SchemaVersion {
		return nil, a.bad(fmt.Errorf("schemaversie %d, manifest zegt %d", version, a.m.SchemaVersion))
	}
	inArchive := map[string]manifestFile{}
	for _, f := range a.m.Stukken {
		inArchive[f.Name] = f
	}
	lostAtBackup := map[string]bool{}
	for _, f := range a.m.Lost {
		lostAtBackup[f.Name] = true
	}
	out := &checked{db: db, version: version}
	verified := map[string]string{} // name → sum of archive entries already hashed
	var lost []blobRef
	for _, r := range refs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		mf, listed := inArchive[r.name]
		zf := a.entries[archiveStukken+r.name]
		if !listed || zf == nil {
			if present != nil && present.Verify(r.name, r.sum, r.title) == nil {
				continue // not in the backup, but already here intact
			}
			if !lostAtBackup[r.name] {
				return nil, i18n.Errorf(fmt.Errorf("%w: %s", ErrBadArchive, r.name), "store.err.archive.stukmissing", a.path, r.title, r.name)
			}
			lost = append(lost, r)
			continue
		}
		got, seen := verified[r.name]
		if !seen {
			if got, err = hashEntry(zf, mf.Size); err != nil {
				return nil, a.bad(fmt.Errorf("%s: %v", zf.Name, err))
			}
			verified[r.name] = got
			out.stukken = append(out.stukken, r)
		}
		if got != r.sum || mf.SHA256 != r.sum {
			return nil, i18n.Errorf(fmt.Errorf("%w: %s: %w", ErrBadArchive, r.name, ErrHashMismatch), "store.err.archive.stukhash", a.path, r.title, r.name)
		}
	}
	if len(lost) > 0 && !allowLost {
		ms := make([]manifestFile, len(lost))
		for i, r := range lost {
			ms[i] = manifestFile{Name: r.name, Title: r.title}
		}
		return nil, i18n.Errorf(fmt.Errorf("%w: %s", ErrIncompleteBackup, lostNames(ms)), "store.err.archive.incomplete", a.path, len(lost), lostTitles(ms))
	}
	out.lost = lost
	return out, nil
}

// RestoreOptions controls RestoreWith.
type RestoreOptions struct {
	// AllowLost accepts a backup that records stukken as already missing
	// or damaged when it was made (ErrIncompleteBackup): the database is
	// restored and those stukken stay missing. Without it such a backup is
	// refused, so that a user decides knowingly.
	AllowLost bool
	// Now names the safety copy; nil means time.Now.
	Now func() time.Time
}

// RestoreResult says what a restore did, for the confirmation a user sees.
type RestoreResult struct {
	// SafetyCopy is the copy of the database that was replaced ("" when
	// there was none). It lives in BackupDir and is never rotated away.
	SafetyCopy string
	// SchemaVersion is the version of the restored database; Open migrates
	// it when it is older than this program.
	SchemaVersion int
	// Stukken is the number of stored files written into BlobDir (files
	// already there intact are not counted).
	Stukken int
	// Lost names the stukken (by title) the backup did not hold.
	Lost []string
}

// Restore replaces the database at dbPath with the one in the backup
// archive and adds the archive's stukken to BlobDir(dbPath). See
// RestoreWith.
func Restore(ctx context.Context, archivePath, dbPath string) error {
	_, err := RestoreWith(ctx, archivePath, dbPath, RestoreOptions{})
	return err
}

// RestoreWith restores a backup made by Backup. The archive is validated
// completely before anything is touched (see ErrBadArchive,
// ErrIncompleteBackup, ErrTooNew); a refused archive leaves the database
// and the stukken exactly as they were. Then the current database, if any,
// is copied to a safety copy in BackupDir(dbPath); the stukken are written
// (content-addressed, so files already there are kept); and the database is
// replaced in one rename, so that at every moment dbPath is either the old
// or the new database.
//
// The caller must have closed every Store on dbPath and should hold
// AcquireLock(dbPath), so that no running app keeps writing to the file
// being replaced. An older backup is accepted; Open migrates it.
func RestoreWith(ctx context.Context, archivePath, dbPath string, opt RestoreOptions) (RestoreResult, error) {
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	var res RestoreResult
	if fi, err := os.Stat(dbPath); err == nil && fi.IsDir() {
		return res, i18n.Errorf(ErrNotDatabase, "store.err.isdir", dbPath)
	}
	a, err := openArchive(archivePath)
	if err != nil {
		return res, err
	}
	defer a.Close()
	work, err := os.MkdirTemp("", "overlegplanner-restore-*")
	if err != nil {
		return res, i18n.Errorf(err, "store.err.restore.replace", dbPath)
	}
	defer os.RemoveAll(work)
	blobs := NewBlobs(BlobDir(dbPath))
	c, err := a.validate(ctx, work, blobs, opt.AllowLost)
	if err != nil {
		return res, err
	}
	res.SchemaVersion = c.version
	for _, r := range c.lost {
		res.Lost = append(res.Lost, r.title)
	}
	// The restored file becomes a WAL database, as Open makes every
	// database it accepts; VACUUM INTO wrote it with a rollback journal.
	if err := setWAL(ctx, c.db); err != nil {
		return res, a.bad(err)
	}

	// From here on we change things, in an order that never leaves the
	// database referring to a file that is not there.
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o755); err != nil {
		return res, i18n.Errorf(err, "store.err.mkdir", filepath.Dir(dbPath))
	}
	if res.SafetyCopy, err = safetyCopy(ctx, dbPath, now()); err != nil {
		return res, i18n.Errorf(err, "store.err.restore.safety", dbPath)
	}
	for _, r := range c.stukken {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		wrote, err := restoreBlob(blobs, a.entries[archiveStukken+r.name], r)
		if err != nil {
			return res, i18n.Errorf(err, "store.err.restore.stuk", r.title, blobs.Dir())
		}
		if wrote {
			res.Stukken++
		}
	}
	if err := replaceDB(c.db, dbPath); err != nil {
		return res, i18n.Errorf(err, "store.err.restore.replace", dbPath)
	}
	return res, nil
}

// safetyCopy copies the database at dbPath, with its write-ahead log when
// one is left, into BackupDir(dbPath), and returns the copy's path ("" when
// there is no database). It first tries to fold the log into the file, so
// that the copy is one self-contained file; when that fails (the database
// is damaged, which may be why it is being restored) the log is copied
// beside the copy, where SQLite will find it.
func safetyCopy(ctx context.Context, dbPath string, now time.Time) (string, error) {
	fi, err := os.Stat(dbPath)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if fi.Size() > 0 {
		if _, err := os.Stat(dbPath + "-wal"); err == nil {
			checkpoint(ctx, dbPath)
		}
	}
	dir := BackupDir(dbPath)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	dst := filepath.Join(dir, fmt.Sprintf("%s-voor-terugzetten-%s%s", base, now.Format("20060102-150405"), filepath.Ext(dbPath)))
	for i := 2; ; i++ {
		if _, err := os.Stat(dst); errors.Is(err, os.ErrNotExist) {
			break
		}
		dst = filepath.Join(dir, fmt.Sprintf("%s-voor-terugzetten-%s-%d%s", base, now.Format("20060102-150405"), i, filepath.Ext(dbPath)))
	}
	if err := copyFile(dbPath, dst); err != nil {
		return "", err
	}
	if wal, err := os.Stat(dbPath + "-wal"); err == nil && wal.Size() > 0 {
		if err := copyFile(dbPath+"-wal", dst+"-wal"); err != nil {
			return "", err
		}
	}
	syncDir(dir)
	return dst, nil
}

// checkpoint folds a left-over write-ahead log into the database file. It
// is best effort: a damaged database keeps its log, which safetyCopy then
// copies.
func checkpoint(ctx context.Context, dbPath string) {
	head := make([]byte, 16)
	f, err := os.Open(dbPath)
	if err != nil {
		return
	}
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || string(head) != "SQLite format 3\x00" {
		return
	}
	db, err := sql.Open("sqlite3", fileURI(dbPath, "_busy_timeout=5000"))
	if err != nil {
		return
	}
	defer db.Close()
	_, _ = db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
}

// restoreBlob writes one stored file from the archive into blobs, unless
// an intact copy is there already. A damaged copy is replaced: the archive
// holds the content the hash promises.
func restoreBlob(blobs *Blobs, zf *zip.File, r blobRef) (bool, error) {
	if blobs.Verify(r.name, r.sum, r.title) == nil {
		return false, nil
	}
	if err := os.MkdirAll(blobs.Dir(), 0o755); err != nil {
		return false, err
	}
	tmp, err := os.CreateTemp(blobs.Dir(), ".restore-*")
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp.Name())
	sum, err := copyEntry(zf, tmp, int64(zf.UncompressedSize64))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && sum != r.sum {
		err = ErrHashMismatch
	}
	if err != nil {
		return false, err
	}
	if err := os.Rename(tmp.Name(), blobs.Path(r.name)); err != nil {
		return false, err
	}
	syncDir(blobs.Dir())
	return true, nil
}

// replaceDB moves the verified database src into place at dbPath: copied
// beside it first (src may be on another file system), synced, then renamed
// over it. The old database's -wal and -shm files go first: a log left
// beside the new file would be replayed into it. Its contents are in the
// safety copy.
func replaceDB(src, dbPath string) error {
	tmp, err := os.CreateTemp(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".restore-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName)
	if err := copyFile(src, tmpName); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := os.Rename(tmpName, dbPath); err != nil {
		return err
	}
	syncDir(filepath.Dir(dbPath))
	return nil
}

// setWAL switches the database file at path to write-ahead logging.
func setWAL(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", fileURI(path, ""))
	if err != nil {
		return err
	}
	defer db.Close()
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return err
	}
	if mode != "wal" {
		return fmt.Errorf("journal_mode %s", mode)
	}
	return nil
}

// inspectSnapshot checks that the database file at path (a snapshot or an
// extracted backup, not an open Store) is an intact Overlegplanner
// database this program can open, and returns its schema version and the
// stored files it refers to. It opens the file immutable: it reads only
// and leaves no -wal or -shm behind.
func inspectSnapshot(ctx context.Context, path string) (int, []blobRef, error) {
	if _, err := inspectFile(path, false); err != nil {
		return 0, nil, err
	}
	db, err := sql.Open("sqlite3", fileURI(path, "mode=ro&immutable=1"))
	if err != nil {
		return 0, nil, err
	}
	defer db.Close()
	var appID, version int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return 0, nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if appID != applicationID || version < 1 {
		return version, nil, fmt.Errorf("%w: application_id %#x, versie %d", ErrNotDatabase, appID, version)
	}
	if version > len(migrations) {
		return version, nil, fmt.Errorf("%w: schemaversie %d", ErrTooNew, version)
	}
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	problems, err := scanAll(rows, err, func(r *sql.Rows) (string, error) {
		var s string
		err := r.Scan(&s)
		return s, err
	})
	if err != nil {
		return version, nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return version, nil, fmt.Errorf("%w: %s", ErrCorrupt, strings.Join(problems, "; "))
	}
	refs, err := blobRefs(ctx, db)
	if err != nil {
		return version, nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return version, refs, nil
}

// blobRefs returns every distinct stored file the database refers to,
// sorted by name. Every schema version has document.stored_name and
// document.sha256.
func blobRefs(ctx context.Context, q querier) ([]blobRef, error) {
	rows, err := q.QueryContext(ctx, `SELECT stored_name, sha256, min(title) FROM document
		WHERE stored_name <> '' GROUP BY stored_name, sha256 ORDER BY stored_name, sha256`)
	refs, err := scanAll(rows, err, func(r *sql.Rows) (blobRef, error) {
		var b blobRef
		err := r.Scan(&b.name, &b.sum, &b.title)
		return b, err
	})
	if err != nil {
		return nil, err
	}
	for _, r := range refs {
		if !validBlobName(r.name) {
			return nil, fmt.Errorf("ongeldige bestandsnaam van stuk %q", r.name)
		}
	}
	return refs, nil
}

// validBlobName accepts the names Blobs.Put gives (a hash and an
// extension) and refuses anything that could point outside the folder.
func validBlobName(name string) bool {
	return name != "" && len(name) <= 255 && !strings.HasPrefix(name, ".") &&
		!strings.ContainsAny(name, `/\:`+"\x00") && filepath.Base(name) == name
}

// fileURI turns a path into an SQLite URI with query: the characters a
// URI gives meaning to are escaped, so that a folder named "Overleg #2?"
// opens the right file. An absolute path gets an empty authority
// ("file:///..."), which keeps Windows paths whole: "file:///C:/..." for a
// drive and "file:////server/share/..." for a network share.
func fileURI(path, query string) string {
	p := filepath.ToSlash(path)
	if vol := filepath.VolumeName(path); len(vol) == 2 && vol[1] == ':' {
		p = "/" + p // C:/... → /C:/...
	}
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	uri := "file:" + p
	if strings.HasPrefix(p, "/") {
		uri = "file://" + p
	}
	if query == "" {
		return uri
	}
	return uri + "?" + query
}

// extractEntry writes a zip entry to path and returns its SHA-256. size is
// what the manifest promises; more is refused, so that an archive cannot
// fill the disk.
func extractEntry(zf *zip.File, path string, size int64) (string, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	sum, err := copyEntry(zf, f, size)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return sum, err
}

// hashEntry returns the SHA-256 of a zip entry of the promised size.
func hashEntry(zf *zip.File, size int64) (string, error) {
	return copyEntry(zf, io.Discard, size)
}

// copyEntry copies a zip entry of exactly size bytes to w (the zip reader
// also checks its CRC) and returns its SHA-256.
func copyEntry(zf *zip.File, w io.Writer, size int64) (string, error) {
	if size < 0 || zf.UncompressedSize64 != uint64(size) {
		return "", fmt.Errorf("%s: grootte %d, verwacht %d", zf.Name, zf.UncompressedSize64, size)
	}
	r, err := zf.Open()
	if err != nil {
		return "", err
	}
	defer r.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), io.LimitReader(r, size+1))
	if err != nil {
		return "", err
	}
	if n != size {
		return "", fmt.Errorf("%s: %d bytes, verwacht %d", zf.Name, n, size)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// readEntry returns the content of a small zip entry.
func readEntry(zf *zip.File, limit int64) ([]byte, error) {
	if zf.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%s: te groot", zf.Name)
	}
	r, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, limit))
}

// hashFile returns the SHA-256 and size of a file.
func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// copyFile copies src to dst (created or truncated) and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if serr := out.Sync(); err == nil {
		err = serr
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes a rename in dir durable. Where directories cannot be
// synced (Windows) the rename is already durable or nothing can be done,
// so errors are ignored.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}

func lostNames(fs []manifestFile) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func lostTitles(fs []manifestFile) string {
	titles := make([]string, len(fs))
	for i, f := range fs {
		titles[i] = "‘" + f.Title + "’"
	}
	sort.Strings(titles)
	return strings.Join(titles, ", ")
}
