package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// Attaching stukken: the rules by which files that come in (from the file
// dialog, dropped on the window, or named on the command line) become
// stukken of an agenda item. They live here so that the app and the CLI
// cannot drift apart on what a file "is" — a delivery, a new version, or
// a new stuk.

// AttachOutcome is what attaching one file did to its stuk.
type AttachOutcome int

// The outcomes of attaching a file.
const (
	// AttachAdded: the file became a new stuk, titled after the file.
	AttachAdded AttachOutcome = iota + 1
	// AttachDelivered: an expected stuk (announced, no file yet) got its file.
	AttachDelivered
	// AttachVersioned: a received stuk got the file as its next version.
	AttachVersioned
	// AttachUnchanged: the stuk had exactly this content already; nothing
	// was recorded for this file.
	AttachUnchanged
)

// AttachedFile is the outcome for one of the files given to AttachFiles.
type AttachedFile struct {
	Path    string // as given
	Outcome AttachOutcome
	// Stuk is the stuk the file went to as it was right after this file:
	// its ID (also for a new stuk), title, and Version (the new version
	// number for AttachVersioned).
	Stuk domain.Document
}

// AttachResult says what AttachFiles did, one entry per file in the order
// given. It holds no rendered text: the app and the CLI word it
// themselves.
type AttachResult struct {
	Files []AttachedFile
}

// Changed reports whether anything was recorded.
func (r AttachResult) Changed() bool {
	for _, f := range r.Files {
		if f.Outcome != AttachUnchanged {
			return true
		}
	}
	return false
}

// AttachFiles stores the files at paths and records them as stukken of
// agenda item itemID.
//
// With versionOf (the ID of one of the item's stukken) the single file
// given is that stuk's new version, whatever it is called. With versionOf
// 0 each file finds its stuk by name: a stuk that has a file with the
// same name (case does not matter) gets it as a new version; otherwise an
// expected stuk (announced, no file yet) whose title is the file's name
// without extension is delivered; anything else becomes a new stuk,
// titled after the file and as confidential as its item. A file whose
// content equals what its stuk has already changes nothing.
//
// Every path is checked before anything is stored: a missing file, a
// folder or a file that cannot be read is an error in Dutch and nothing is
// recorded. The files are copied into the blob store first (durably), then
// the records are matched and saved in one transaction: all of them or
// none. The item's stukken are read inside that transaction, so the match
// is made against what is stored, not against a caller's older copy.
// Receipt times come from the store's clock.
func (s *Store) AttachFiles(ctx context.Context, itemID, versionOf int64, paths []string) (AttachResult, error) {
	if versionOf != 0 && len(paths) != 1 {
		return AttachResult{}, i18n.Errorf(nil, "store.attach.err.oneversion")
	}
	for _, path := range paths {
		if err := checkAttachable(path); err != nil {
			return AttachResult{}, err
		}
	}
	type blob struct {
		name, sum string
		size      int64
	}
	blobs := make([]blob, len(paths))
	b := s.Blobs()
	for i, path := range paths {
		name, sum, size, err := b.PutFile(path)
		if err != nil {
			return AttachResult{}, putErr(err, path, b.Dir())
		}
		blobs[i] = blob{name, sum, size}
	}
	var res AttachResult
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res = AttachResult{}
		confidential, docs, err := itemStukken(ctx, tx, itemID)
		if err != nil {
			return err
		}
		target := -1
		if versionOf != 0 {
			for i := range docs {
				if docs[i].ID == versionOf {
					target = i
				}
			}
			if target < 0 {
				return i18n.Errorf(fmt.Errorf("stuk %d van agendapunt %d: %w", versionOf, itemID, ErrNotFound), "store.attach.err.nostuk", versionOf)
			}
		}
		now := s.now()
		touched := map[int]bool{} // indexes into docs changed by this call
		var added []domain.Document
		addedAt := map[int]int{} // index into res.Files → index into added
		for i, path := range paths {
			base := filepath.Base(path)
			idx := target
			if versionOf == 0 {
				idx = matchStuk(docs, base)
			}
			if idx < 0 {
				title := strings.TrimSuffix(base, filepath.Ext(base))
				if strings.TrimSpace(title) == "" { // ".pdf": a stuk needs a title
					return i18n.Errorf(errInvalid, "store.attach.err.notitle", base)
				}
				addedAt[len(res.Files)] = len(added)
				added = append(added, domain.Document{ItemID: itemID, Title: title, FileName: base, Version: 1,
					SHA256: blobs[i].sum, Size: blobs[i].size, ReceivedAt: now, Confidential: confidential, StoredName: blobs[i].name})
				res.Files = append(res.Files, AttachedFile{Path: path, Outcome: AttachAdded})
				continue
			}
			d := &docs[idx]
			var outcome AttachOutcome
			switch {
			case d.SHA256 == blobs[i].sum && d.StoredName != "":
				res.Files = append(res.Files, AttachedFile{Path: path, Outcome: AttachUnchanged, Stuk: *d})
				continue
			case d.ReceivedAt.IsZero():
				d.Version = max(d.Version, 1)
				outcome = AttachDelivered
			default:
				d.Version++
				outcome = AttachVersioned
			}
			d.FileName, d.SHA256, d.Size, d.StoredName, d.ReceivedAt = base, blobs[i].sum, blobs[i].size, blobs[i].name, now
			touched[idx] = true
			res.Files = append(res.Files, AttachedFile{Path: path, Outcome: outcome, Stuk: *d})
		}
		for i := range docs {
			if touched[i] {
				if err := saveDocument(ctx, tx, &docs[i], false); err != nil {
					return err
				}
			}
		}
		for i := range added {
			if err := saveDocument(ctx, tx, &added[i], true); err != nil {
				return err
			}
		}
		for f, a := range addedAt {
			res.Files[f].Stuk = added[a]
		}
		return nil
	})
	if err != nil {
		return AttachResult{}, err
	}
	return res, nil
}

// checkAttachable refuses, before anything is stored, a path that cannot
// be attached: missing, a folder, or not a readable regular file (a
// device or a named pipe would block or never end).
func checkAttachable(path string) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return i18n.Errorf(err, "store.attach.err.missing", path)
	case err != nil:
		return i18n.Errorf(err, "store.attach.err.read", path)
	case info.IsDir():
		return i18n.Errorf(nil, "store.attach.err.dir", path)
	case !info.Mode().IsRegular():
		return i18n.Errorf(fmt.Errorf("%s: geen gewoon bestand (%s)", path, info.Mode().Type()), "store.attach.err.read", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return i18n.Errorf(err, "store.attach.err.read", path)
	}
	return f.Close()
}

// putErr words a failure to copy the file at path into the blob store
// dir. The copies made before it stay there unrecorded (the same content
// may belong to other stukken already); check lists them as orphans.
func putErr(err error, path, dir string) error {
	var ie *i18n.Error
	switch {
	case errors.As(err, &ie) && ie.Msg.Key == "store.err.mkdir":
		return err // the folder of stukken, not this file
	case errors.As(err, &ie) && ie.Msg.Key == "store.err.readfile":
		return i18n.Errorf(err, "store.attach.err.read", path)
	}
	return i18n.Errorf(err, "store.attach.err.store", path, dir)
}

// itemStukken reads whether agenda item id is confidential and its
// stukken in agenda order (the order in which the agenda numbers them).
func itemStukken(ctx context.Context, q querier, id int64) (confidential bool, docs []domain.Document, err error) {
	err = q.QueryRowContext(ctx, "SELECT confidential FROM agenda_item WHERE id=?", id).Scan(&confidential)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil, i18n.Errorf(fmt.Errorf("agendapunt %d: %w", id, ErrNotFound), "store.attach.err.noitem", id)
	}
	if err != nil {
		return false, nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT id, item_id, title, file_name, version, sha256, size, received_utc, confidential, stored_name
		FROM document WHERE item_id=? ORDER BY position, id`, id)
	docs, err = scanAll(rows, err, scanDocument)
	return confidential, docs, err
}

// matchStuk finds the stuk a file named base belongs to: first one with
// that file name, then an expected one (announced, no file yet) whose
// title is the file's name without extension; case does not matter. -1 if
// none. A stuk that has a file is only matched by its file name: "Nota.pdf"
// is not a new version of a received "nota.docx", it is another stuk.
func matchStuk(docs []domain.Document, base string) int {
	for i, d := range docs {
		if d.FileName != "" && strings.EqualFold(d.FileName, base) {
			return i
		}
	}
	stem := strings.TrimSpace(strings.TrimSuffix(base, filepath.Ext(base)))
	if stem == "" {
		return -1
	}
	for i, d := range docs {
		if stukExpected(d) && strings.EqualFold(strings.TrimSpace(d.Title), stem) {
			return i
		}
	}
	return -1
}

// stukExpected reports whether d is announced but has no file yet. A
// record with a file but no date of receipt (an import) is not expected:
// it has content that a file of another name must not silently replace.
func stukExpected(d domain.Document) bool {
	return d.Pending() && d.SHA256 == ""
}
