package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

func TestBackupDir(t *testing.T) {
	if got := BackupDir("/a/b/overlegplanner.db"); got != "/a/b/overlegplanner-backups" {
		t.Errorf("BackupDir = %s", got)
	}
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := storeAt(t, filepath.Join(t.TempDir(), "bron.db"))
	fillWithStukken(t, src)
	want := snapshotOf(t, src)
	archive := filepath.Join(t.TempDir(), "backup.zip")
	if err := src.Backup(ctx, archive); err != nil {
		t.Fatal(err)
	}

	// The archive holds the database, both stukken and a manifest.
	names := map[string]bool{}
	for _, e := range readZip(t, archive) {
		names[e.name] = true
	}
	if !names[archiveDB] || !names[archiveManifest] || len(names) != 4 {
		t.Errorf("archive entries: %v", names)
	}

	// Restore over another installation with different data.
	dst := filepath.Join(t.TempDir(), "data", "overlegplanner.db")
	other := storeAt(t, dst)
	if err := other.SaveMunicipality(ctx, &domain.Municipality{Name: "Goes", CBSCode: "GM0664", CollegeDays: []time.Weekday{time.Tuesday}, Region: domain.RegionZuid}); err != nil {
		t.Fatal(err)
	}
	other.Close()
	before, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	res, err := RestoreWith(ctx, archive, dst, RestoreOptions{Now: func() time.Time { return time.Date(2027, 3, 12, 9, 15, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stukken != 2 || res.SchemaVersion != LatestSchemaVersion() || len(res.Lost) != 0 {
		t.Errorf("result %+v", res)
	}
	if want := filepath.Join(BackupDir(dst), "overlegplanner-voor-terugzetten-20270312-091500.db"); res.SafetyCopy != want {
		t.Errorf("safety copy %s, want %s", res.SafetyCopy, want)
	}
	if safety, _ := os.ReadFile(res.SafetyCopy); !bytes.Equal(safety, before) {
		t.Error("the safety copy is not the replaced database")
	}

	got := storeAt(t, dst)
	if g := snapshotOf(t, got); g != want {
		t.Errorf("restored data differs:\n got %s\nwant %s", g, want)
	}
	var mode string
	if err := got.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode after restore: %s %v", mode, err)
	}
	report, err := got.Check(ctx)
	if err != nil || !report.OK() || len(report.Orphans) != 0 || report.Files != 2 {
		t.Errorf("check after restore: %+v %v", report, err)
	}
}

// TestRestoreUndoesLaterChanges is the everyday use: yesterday's backup
// over today's database, in the same place.
func TestRestoreUndoesLaterChanges(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "overlegplanner.db")
	s := storeAt(t, path)
	fillWithStukken(t, s)
	want := snapshotOf(t, s)
	archive := filepath.Join(t.TempDir(), "gisteren.zip")
	if err := s.Backup(ctx, archive); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteMeeting(ctx, 2); err != nil {
		t.Fatal(err)
	}
	// A damaged stored file is repaired from the backup as well.
	docs, _ := s.Documents(ctx)
	if err := os.WriteFile(s.Blobs().Path(docs[0].StoredName), []byte("kapot"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Close()

	res, err := RestoreWith(ctx, archive, path, RestoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stukken != 1 {
		t.Errorf("%d stukken written, want the one damaged file", res.Stukken)
	}
	back := storeAt(t, path)
	if got := snapshotOf(t, back); got != want {
		t.Errorf("after restore:\n got %s\nwant %s", got, want)
	}
	// The safety copy holds today's state: the deleted meeting is gone there.
	safety, err := Open(ctx, res.SafetyCopy, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer safety.Close()
	if _, err := safety.Meeting(ctx, 2); !errors.Is(err, ErrNotFound) {
		t.Errorf("safety copy still has the deleted meeting: %v", err)
	}
}

// TestRestoreRefusesBrokenArchives proves that every kind of bad archive is
// refused with a Dutch message before anything is touched: the database,
// its stukken and the backup folder stay byte for byte as they were.
func TestRestoreRefusesBrokenArchives(t *testing.T) {
	ctx := context.Background()
	src := storeAt(t, filepath.Join(t.TempDir(), "bron.db"))
	fillWithStukken(t, src)
	good := filepath.Join(t.TempDir(), "goed.zip")
	if err := src.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	goodBytes, _ := os.ReadFile(good)
	entries := readZip(t, good)
	var m manifest
	var dbBytes []byte
	for _, e := range entries {
		switch e.name {
		case archiveManifest:
			if err := json.Unmarshal(e.data, &m); err != nil {
				t.Fatal(err)
			}
		case archiveDB:
			dbBytes = e.data
		}
	}
	stuk := archiveStukken + m.Stukken[0].Name

	// rebuild writes the good archive with edit applied to every entry
	// (nil drops it) and the manifest changed by fix.
	dir := t.TempDir()
	n := 0
	rebuild := func(edit func(name string, data []byte) []byte, fix func(*manifest)) string {
		mm := m
		mm.Stukken = append([]manifestFile(nil), m.Stukken...)
		var out []zipEntry
		for _, e := range entries {
			if e.name == archiveManifest {
				continue
			}
			data := e.data
			if edit != nil {
				data = edit(e.name, data)
			}
			if data != nil {
				out = append(out, zipEntry{e.name, data})
			}
		}
		if fix != nil {
			fix(&mm)
		}
		b, _ := json.Marshal(mm)
		out = append(out, zipEntry{archiveManifest, b})
		n++
		p := filepath.Join(dir, fmt.Sprintf("%02d.zip", n))
		writeZip(t, p, out)
		return p
	}
	// withDB replaces the database entry by one changed with sql, keeping
	// the manifest consistent, so that only the deeper checks can tell.
	withDB := func(change func(db *sql.DB)) string {
		p := filepath.Join(dir, fmt.Sprintf("db%02d.db", n))
		if err := os.WriteFile(p, dbBytes, 0o644); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite3", p)
		if err != nil {
			t.Fatal(err)
		}
		change(db)
		db.Close()
		b, _ := os.ReadFile(p)
		return rebuild(func(name string, data []byte) []byte {
			if name == archiveDB {
				return b
			}
			return data
		}, func(mm *manifest) { mm.Database.SHA256, mm.Database.Size = sumOf(b), int64(len(b)) })
	}
	writeRaw := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	garbage := append([]byte(nil), dbBytes...)
	for i := 4096; i < len(garbage); i++ { // keep page 1, scramble the rest
		garbage[i] = byte(i * 7)
	}
	textDB := []byte("dit is geen database\n")

	tests := []struct {
		name    string
		archive string
		want    error
		msg     string
	}{
		{"not a zip", writeRaw("tekst.zip", []byte("dit is geen zip\n")), ErrBadArchive, "geen leesbare back-up"},
		{"empty file", writeRaw("leeg.zip", nil), ErrBadArchive, "geen leesbare back-up"},
		{"truncated archive", writeRaw("half.zip", goodBytes[:len(goodBytes)/2]), ErrBadArchive, "geen leesbare back-up"},
		{"missing archive", filepath.Join(dir, "bestaat-niet.zip"), ErrBadArchive, "geen leesbare back-up"},
		{"no manifest", func() string {
			p := filepath.Join(dir, "zonder-manifest.zip")
			writeZip(t, p, []zipEntry{{archiveDB, dbBytes}})
			return p
		}(), ErrBadArchive, "geen back-up van Overlegplanner"},
		{"another program's zip", rebuild(nil, func(mm *manifest) { mm.App = "iets anders" }), ErrBadArchive, "geen back-up van Overlegplanner"},
		{"newer archive format", rebuild(nil, func(mm *manifest) { mm.Format = 2 }), ErrBadArchive, "nieuwere versie"},
		{"database entry missing", rebuild(func(name string, data []byte) []byte {
			if name == archiveDB {
				return nil
			}
			return data
		}, nil), ErrBadArchive, "beschadigd of onvolledig"},
		{"database changed after the backup", rebuild(func(name string, data []byte) []byte {
			if name == archiveDB {
				c := append([]byte(nil), data...)
				c[len(c)-10] ^= 0xff
				return c
			}
			return data
		}, nil), ErrBadArchive, "beschadigd of onvolledig"},
		{"database pages are garbage", rebuild(func(name string, data []byte) []byte {
			if name == archiveDB {
				return garbage
			}
			return data
		}, func(mm *manifest) { mm.Database.SHA256, mm.Database.Size = sumOf(garbage), int64(len(garbage)) }), ErrBadArchive, "beschadigd of onvolledig"},
		{"database is a text file", rebuild(func(name string, data []byte) []byte {
			if name == archiveDB {
				return textDB
			}
			return data
		}, func(mm *manifest) { mm.Database.SHA256, mm.Database.Size = sumOf(textDB), int64(len(textDB)) }), ErrBadArchive, "geen back-up van Overlegplanner"},
		{"database of a newer version", withDB(func(db *sql.DB) {
			if _, err := db.Exec("PRAGMA user_version=99"); err != nil {
				t.Fatal(err)
			}
		}), ErrTooNew, "nieuwere versie"},
		{"database of another program", withDB(func(db *sql.DB) {
			if _, err := db.Exec("PRAGMA application_id=0"); err != nil {
				t.Fatal(err)
			}
		}), ErrBadArchive, "geen back-up van Overlegplanner"},
		{"stuk missing", rebuild(func(name string, data []byte) []byte {
			if name == stuk {
				return nil
			}
			return data
		}, nil), ErrBadArchive, "ontbreekt het bestand van stuk"},
		{"stuk changed", rebuild(func(name string, data []byte) []byte {
			if name == stuk {
				return []byte("%PDF-1.7 vervalst")
			}
			return data
		}, func(mm *manifest) { mm.Stukken[0].Size = int64(len("%PDF-1.7 vervalst")) }), ErrBadArchive, ") beschadigd"},
		{"stuk lost before the backup", rebuild(func(name string, data []byte) []byte {
			if name == stuk {
				return nil
			}
			return data
		}, func(mm *manifest) {
			mm.Lost = []manifestFile{{Name: mm.Stukken[0].Name, SHA256: mm.Stukken[0].SHA256, Title: mm.Stukken[0].Title}}
			mm.Stukken = mm.Stukken[1:]
		}), ErrIncompleteBackup, "toch terugzetten"},
	}

	// The installation the archives are restored over: a database with
	// data, its stukken and an earlier automatic backup.
	home := t.TempDir()
	dbPath := filepath.Join(home, "overlegplanner.db")
	cur := storeAt(t, dbPath)
	if err := cur.SaveMunicipality(ctx, &domain.Municipality{Name: "Goes", CBSCode: "GM0664", CollegeDays: []time.Weekday{time.Tuesday}, Region: domain.RegionZuid}); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := cur.Blobs().Put(strings.NewReader("eigen stuk"), "eigen.pdf"); err != nil {
		t.Fatal(err)
	}
	if _, err := cur.AutoBackup(ctx, "", time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC), 0); err != nil {
		t.Fatal(err)
	}
	cur.Close()
	before := treeOf(t, home)

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := RestoreWith(ctx, tt.archive, dbPath, RestoreOptions{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			var ie *i18n.Error
			if !errors.As(err, &ie) {
				t.Fatalf("not an *i18n.Error: %v", err)
			}
			if msg := i18n.UserMessage(err); !strings.Contains(msg, tt.msg) || !strings.Contains(msg, tt.archive) {
				t.Errorf("message %q should name the archive and say %q", msg, tt.msg)
			}
			after := treeOf(t, home)
			if fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("the installation changed:\nbefore %v\nafter  %v", sortedKeys(before), sortedKeys(after))
			}
		})
	}
}

// TestIncompleteBackup covers a stuk that was lost before the backup: the
// backup is made without it and says so; a restore refuses it unless the
// file is still here or the user accepts the loss.
func TestIncompleteBackup(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "overlegplanner.db")
	s := storeAt(t, path)
	fillWithStukken(t, s)
	docs, _ := s.Documents(ctx)
	lostFile := s.Blobs().Path(docs[1].StoredName)
	kept, _ := os.ReadFile(lostFile)
	if err := os.Remove(lostFile); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "onvolledig.zip")
	err := s.Backup(ctx, archive)
	if !errors.Is(err, ErrIncompleteBackup) || !strings.Contains(i18n.UserMessage(err), docs[1].Title) {
		t.Fatalf("backup with a lost stuk: %v", err)
	}
	if _, err := os.Stat(archive); err != nil {
		t.Fatalf("the incomplete backup was not written: %v", err)
	}
	s.Close()

	// Elsewhere the lost file is not available: refused, unless accepted.
	other := filepath.Join(t.TempDir(), "overlegplanner.db")
	if err := Restore(ctx, archive, other); !errors.Is(err, ErrIncompleteBackup) {
		t.Fatalf("restore of an incomplete backup: %v", err)
	}
	if _, err := os.Stat(other); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused restore created the database")
	}
	res, err := RestoreWith(ctx, archive, other, RestoreOptions{AllowLost: true})
	if err != nil || len(res.Lost) != 1 || res.Lost[0] != docs[1].Title || res.SafetyCopy != "" {
		t.Fatalf("restore accepting the loss: %+v %v", res, err)
	}
	o := storeAt(t, other)
	report, _ := o.Check(ctx)
	if len(report.Missing) != 1 || report.Missing[0].Title != docs[1].Title {
		t.Errorf("check after accepting the loss: %+v", report)
	}

	// Here the file has come back (found in the recycle bin): a plain
	// restore is complete again.
	if err := os.WriteFile(lostFile, kept, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Restore(ctx, archive, path); err != nil {
		t.Fatalf("restore with the file present: %v", err)
	}
}

// TestBackupWhileWriting takes backups while another goroutine keeps
// writing meetings with an agenda item and a stored stuk in one
// transaction each. Every backup must be a consistent snapshot: a prefix
// of the writes, each one whole, each stuk present.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	s := storeAt(t, filepath.Join(t.TempDir(), "overlegplanner.db"))
	fillWithStukken(t, s)
	start := time.Date(2028, 1, 6, 14, 0, 0, 0, domain.Amsterdam())

	var written atomic.Int64
	stop := make(chan struct{})
	errc := make(chan error, 1) // the writer's end: nil when stopped
	go func() {
		errc <- func() error {
			for n := 1; ; n++ {
				select {
				case <-stop:
					return nil
				default:
				}
				name, sum, size, err := s.Blobs().Put(strings.NewReader(fmt.Sprintf("%%PDF-1.7 stuk %d\n", n)), "stuk.pdf")
				if err != nil {
					return err
				}
				err = s.tx(ctx, func(tx *sql.Tx) error {
					m := domain.Meeting{BodyID: 1, Start: start.AddDate(0, 0, 7*n), End: start.AddDate(0, 0, 7*n).Add(time.Hour),
						Status: domain.StatusGepland, UID: NewUID(), Note: fmt.Sprintf("w%d", n)}
					if err := insertMeeting(ctx, tx, &m); err != nil {
						return err
					}
					it := domain.AgendaItem{MeetingID: m.ID, Position: 1, Title: fmt.Sprintf("punt %d", n), Kind: domain.ItemBesluitvorming}
					if err := insertItem(ctx, tx, &it); err != nil {
						return err
					}
					d := domain.Document{ItemID: it.ID, Title: fmt.Sprintf("stuk %d", n), StoredName: name, SHA256: sum, Size: size}
					return saveDocument(ctx, tx, &d, true)
				})
				if err != nil {
					return err
				}
				written.Store(int64(n))
			}
		}()
	}()
	// finish stops the writer and returns its error.
	finish := func() error {
		close(stop)
		return <-errc
	}

	var seen []int
	for i := 0; i < 3; i++ {
		for written.Load() < int64(10*(i+1)) {
			select {
			case err := <-errc:
				t.Fatalf("writer stopped: %v", err)
			case <-time.After(time.Millisecond):
			}
		}
		archive := filepath.Join(t.TempDir(), "tijdens.zip")
		if err := s.Backup(ctx, archive); err != nil {
			finish()
			t.Fatal(err)
		}
		dst := filepath.Join(t.TempDir(), "terug.db")
		if err := Restore(ctx, archive, dst); err != nil {
			finish()
			t.Fatal(err)
		}
		r := storeAt(t, dst)
		var count, max, whole int
		err := r.db.QueryRow(`SELECT count(*), coalesce(max(CAST(substr(m.note, 2) AS INTEGER)), 0),
			(SELECT count(*) FROM meeting m2 JOIN agenda_item i ON i.meeting_id = m2.id JOIN document d ON d.item_id = i.id WHERE m2.note LIKE 'w%')
			FROM meeting m WHERE m.note LIKE 'w%'`).Scan(&count, &max, &whole)
		if err != nil {
			t.Fatal(err)
		}
		if count != max || whole != count {
			t.Errorf("backup %d: %d meetings up to w%d, %d whole: not a consistent prefix", i, count, max, whole)
		}
		if report, err := r.Check(ctx); err != nil || !report.OK() {
			t.Errorf("backup %d: check %+v %v", i, report.Problems(), err)
		}
		seen = append(seen, count)
		r.Close()
	}
	if err := finish(); err != nil {
		t.Fatal(err)
	}
	t.Logf("backups held %v of %d writes", seen, written.Load())
}

func TestBackupLeavesNothingWhenCancelled(t *testing.T) {
	s := storeAt(t, filepath.Join(t.TempDir(), "overlegplanner.db"))
	fillWithStukken(t, s)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Backup(ctx, filepath.Join(dir, "b.zip")); err == nil {
		t.Fatal("a cancelled backup succeeded")
	}
	if left := treeOf(t, dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestFileURIEscapes(t *testing.T) {
	ctx := context.Background()
	// A folder name with URI characters must open the right file.
	path := filepath.Join(t.TempDir(), "Overleg #2? 100%", "overlegplanner.db")
	s, err := Open(ctx, path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	fillWithStukken(t, s)
	archive := filepath.Join(filepath.Dir(path), "b #1.zip")
	if err := s.Backup(ctx, archive); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := Restore(ctx, archive, path); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(filepath.Dir(path)))
	if len(entries) != 1 {
		t.Errorf("files created outside the folder: %v", entries)
	}
}

// TestBackupRefusesItsOwnFiles: a backup written over the database (a
// slip in a file dialog) would destroy what it is meant to keep.
func TestBackupRefusesItsOwnFiles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "overlegplanner.db")
	s := storeAt(t, path)
	fillWithStukken(t, s)
	before, _ := os.ReadFile(path)
	docs, _ := s.Documents(ctx)
	for _, dst := range []string{path, path + "-wal", filepath.Join(filepath.Dir(path), ".", "overlegplanner.db"),
		filepath.Join(s.Blobs().Dir(), "b.zip"), s.Blobs().Path(docs[0].StoredName)} {
		err := s.Backup(ctx, dst)
		if err == nil || !strings.Contains(i18n.UserMessage(err), "de database zelf") {
			t.Errorf("backup to %s: %v", dst, err)
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the database changed")
	}
	if r, _ := s.Check(ctx); !r.OK() || len(r.Orphans) != 0 {
		t.Errorf("check: %+v", r)
	}
}

func TestFileURI(t *testing.T) {
	tests := []struct{ path, want string }{
		{"/home/ab/overlegplanner.db", "file:///home/ab/overlegplanner.db?q=1"},
		{"data/x.db", "file:data/x.db?q=1"},
		{"/a/Overleg #2?/100%.db", "file:///a/Overleg %232%3f/100%25.db?q=1"},
	}
	if filepath.Separator == '\\' {
		tests = append(tests,
			struct{ path, want string }{`C:\Users\ab\x.db`, "file:///C:/Users/ab/x.db?q=1"},
			struct{ path, want string }{`\\server\share\x.db`, "file:////server/share/x.db?q=1"})
	}
	for _, tt := range tests {
		if got := fileURI(tt.path, "q=1"); got != tt.want {
			t.Errorf("fileURI(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
