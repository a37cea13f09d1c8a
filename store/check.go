package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// Report is what Check found in a database and its folder of stukken.
type Report struct {
	// SchemaVersion is the version of the checked database.
	SchemaVersion int
	// Integrity holds what PRAGMA integrity_check reported; empty when the
	// file is intact.
	Integrity []string
	// ForeignKeys holds rows that refer to a row that does not exist
	// (PRAGMA foreign_key_check).
	ForeignKeys []ForeignKeyViolation
	// Missing holds stukken whose stored file is gone.
	Missing []StukProblem
	// Damaged holds stukken whose stored file no longer has the content
	// that was received (a hash mismatch).
	Damaged []StukProblem
	// Orphans holds files in the folder of stukken that no record refers
	// to. They are expected after a stuk was deleted (files are kept, see
	// DeleteDocument) and after an upload interrupted before it was
	// recorded, so they are a warning, not a problem.
	Orphans []string
	// Files is the number of stored files whose hash was checked.
	Files int
}

// ForeignKeyViolation is a row whose reference points at nothing.
type ForeignKeyViolation struct {
	Table  string // the table of the row
	RowID  int64  // its rowid
	Parent string // the table it should refer to
}

// StukProblem is a stuk whose stored file is missing or damaged.
type StukProblem struct {
	DocumentID int64
	Title      string
	StoredName string
}

// OK reports whether nothing is wrong: the file is intact, every reference
// holds and every stored file is present with its hash. Orphaned files do
// not count (see Report.Orphans).
func (r Report) OK() bool {
	return len(r.Integrity) == 0 && len(r.ForeignKeys) == 0 && len(r.Missing) == 0 && len(r.Damaged) == 0
}

// Problems returns one message per problem, for the check command and the
// UI, in a stable order: integrity, references, missing, damaged.
func (r Report) Problems() []i18n.Message {
	var out []i18n.Message
	for _, line := range r.Integrity {
		out = append(out, i18n.M("store.check.integrity", line))
	}
	for _, v := range r.ForeignKeys {
		out = append(out, i18n.M("store.check.fk", v.Table, v.RowID, v.Parent))
	}
	for _, p := range r.Missing {
		out = append(out, i18n.M("store.check.missing", p.Title, p.DocumentID, p.StoredName))
	}
	for _, p := range r.Damaged {
		out = append(out, i18n.M("store.check.damaged", p.Title, p.DocumentID, p.StoredName))
	}
	return out
}

// Warnings returns one message per orphaned file.
func (r Report) Warnings() []i18n.Message {
	var out []i18n.Message
	for _, name := range r.Orphans {
		out = append(out, i18n.M("store.check.orphan", name))
	}
	return out
}

// Check examines the whole database and its stukken, reading only:
// PRAGMA integrity_check (every page and index, slower than the
// quick_check Open runs), PRAGMA foreign_key_check, and every stored file
// against the hash recorded when it was received. It also lists files in
// BlobDir that no stuk refers to.
//
// A damaged database is reported, not returned as an error: the error is
// for a check that could not run (cancelled, file unreadable). When the
// database is too damaged to list its stukken the report holds what was
// found up to there, and the error says why it stopped.
func (s *Store) Check(ctx context.Context) (Report, error) {
	var r Report
	var err error
	if r.SchemaVersion, err = s.SchemaVersion(ctx); err != nil {
		return r, s.classify(err)
	}
	if r.Integrity, err = s.Integrity(ctx); err != nil {
		return r, err
	}
	if r.ForeignKeys, err = s.foreignKeyCheck(ctx); err != nil {
		return r, i18n.Errorf(err, "store.err.check", s.path)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, stored_name, sha256 FROM document WHERE stored_name <> '' ORDER BY id`)
	type doc struct {
		StukProblem
		sum string
	}
	docs, err := scanAll(rows, err, func(rs *sql.Rows) (doc, error) {
		var d doc
		err := rs.Scan(&d.DocumentID, &d.Title, &d.StoredName, &d.sum)
		return d, err
	})
	if err != nil {
		return r, i18n.Errorf(err, "store.err.check", s.path)
	}
	blobs := s.Blobs()
	referenced := map[string]bool{}
	verdict := map[[2]string]error{} // (name, sum) → result, so shared files are read once
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		referenced[d.StoredName] = true
		key := [2]string{d.StoredName, d.sum}
		verr, seen := verdict[key]
		if !seen {
			if !validBlobName(d.StoredName) {
				verr = os.ErrNotExist
			} else {
				verr = blobs.Verify(d.StoredName, d.sum, d.Title)
			}
			verdict[key] = verr
			r.Files++
		}
		switch {
		case verr == nil:
		case errors.Is(verr, ErrHashMismatch):
			r.Damaged = append(r.Damaged, d.StukProblem)
		default:
			r.Missing = append(r.Missing, d.StukProblem)
		}
	}
	files, err := blobs.List()
	if err != nil {
		return r, i18n.Errorf(err, "store.err.check", s.path)
	}
	for _, f := range files {
		if !referenced[f] {
			r.Orphans = append(r.Orphans, f)
		}
	}
	return r, nil
}

// foreignKeyCheck runs PRAGMA foreign_key_check: SQLite enforces foreign
// keys on every change we make, so a violation means the file was edited
// with foreign keys off (by another tool) or damaged.
func (s *Store) foreignKeyCheck(ctx context.Context) ([]ForeignKeyViolation, error) {
	rows, err := s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	out, err := scanAll(rows, err, func(rs *sql.Rows) (ForeignKeyViolation, error) {
		var v ForeignKeyViolation
		var rowid sql.NullInt64
		var fkid int
		err := rs.Scan(&v.Table, &rowid, &v.Parent, &fkid)
		v.RowID = rowid.Int64
		return v, err
	})
	if err != nil {
		return nil, fmt.Errorf("foreign_key_check: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Table != out[j].Table {
			return out[i].Table < out[j].Table
		}
		return out[i].RowID < out[j].RowID
	})
	return out, nil
}
