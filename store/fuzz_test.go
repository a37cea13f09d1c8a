package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// FuzzOpenArchive feeds arbitrary files to the backup reader, which reads
// whatever file a user picks: it must never panic, never extract outside
// its work folder, and refuse everything that is not a whole backup with
// an *i18n.Error. The committed corpus (testdata/fuzz/FuzzOpenArchive)
// holds a real backup and damaged variants of it, so that mutations reach
// the manifest, the database checks and the stukken.
func FuzzOpenArchive(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		p := filepath.Join(dir, "b.zip")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		work := filepath.Join(dir, "work")
		if err := os.Mkdir(work, 0o755); err != nil {
			t.Fatal(err)
		}
		a, err := openArchive(p)
		if err == nil {
			_, err = a.validate(ctx, work, nil, false)
			a.Close()
		}
		if err != nil {
			var ie *i18n.Error
			if !errors.As(err, &ie) || i18n.UserMessage(err) == "" {
				t.Fatalf("not a user message: %v", err)
			}
		}
		// Nothing may land outside the work folder.
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Name() != "b.zip" && e.Name() != "work" {
				t.Fatalf("wrote %s outside the work folder", e.Name())
			}
		}
	})
}

// FuzzArchiveManifest fuzzes the manifest of an otherwise real backup: the
// zip layer checks CRCs, so mutations of whole archives rarely get past it,
// while a hand-edited or hostile manifest is read as is. Whatever the
// manifest says, the reader may only accept what the database and the
// entries prove: an accepted archive has every stuk the database refers to
// (or lists it lost), each with its content hash.
func FuzzArchiveManifest(f *testing.F) {
	ctx := context.Background()
	dir := f.TempDir()
	s, err := Open(ctx, filepath.Join(dir, "overlegplanner.db"), Options{Create: true})
	if err != nil {
		f.Fatal(err)
	}
	ds := fixture()
	docs := ds.Meetings[0].Items[1].Documents
	for i := range docs {
		name, sum, size, err := s.Blobs().Put(strings.NewReader(stukContent[docs[i].Title]), docs[i].Title+".pdf")
		if err != nil {
			f.Fatal(err)
		}
		docs[i].StoredName, docs[i].SHA256, docs[i].Size = name, sum, size
	}
	if err := s.Import(ctx, ds); err != nil {
		f.Fatal(err)
	}
	good := filepath.Join(dir, "goed.zip")
	if err := s.Backup(ctx, good); err != nil {
		f.Fatal(err)
	}
	s.Close()
	var entries []zipEntry
	sums := map[string]string{}
	for _, e := range readZipF(f, good) {
		if e.name == archiveManifest {
			f.Add(e.data)
			continue
		}
		entries = append(entries, e)
		sums[e.name] = sumOf(e.data)
	}
	f.Fuzz(func(t *testing.T, m []byte) {
		p := filepath.Join(t.TempDir(), "b.zip")
		writeZip(t, p, append(append([]zipEntry(nil), entries...), zipEntry{archiveManifest, m}))
		work := t.TempDir()
		a, err := openArchive(p)
		if err != nil {
			return
		}
		defer a.Close()
		for _, allowLost := range []bool{false, true} {
			c, err := a.validate(ctx, work, nil, allowLost)
			if err != nil {
				var ie *i18n.Error
				if !errors.As(err, &ie) {
					t.Fatalf("not a user message: %v", err)
				}
				continue
			}
			if len(c.lost) > 0 && !allowLost {
				t.Fatal("lost stukken accepted without AllowLost")
			}
			for _, r := range c.stukken {
				if sums[archiveStukken+r.name] != r.sum {
					t.Fatalf("accepted stuk %s with hash %s, content has %s", r.name, r.sum, sums[archiveStukken+r.name])
				}
			}
			if len(c.stukken)+len(c.lost) != len(docs) {
				t.Fatalf("%d stukken and %d lost, the database has %d", len(c.stukken), len(c.lost), len(docs))
			}
			os.Remove(c.db)
		}
	})
}

// FuzzAutoBackupNames: rotation decides what to delete from file names in
// a folder the user can also put files in. Only names it wrote itself may
// ever be taken for automatic backups.
func FuzzAutoBackupNames(f *testing.F) {
	for _, s := range []string{
		"overlegplanner-2027-03-11.zip", "overlegplanner-2027-13-40.zip", "overlegplanner-voor-terugzetten-20270311-091500.db",
		"overlegplanner-2027-03-11.zip.tmp", "x-overlegplanner-2027-03-11.zip", "overlegplanner-0000-00-00.zip", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if strings.ContainsAny(name, "/\\\x00") || name == "" || name == "." || name == ".." || len(name) > 200 {
			return
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			return // not a valid file name here
		}
		got, err := autoBackups(dir, "overlegplanner")
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range got {
			if b.name != name {
				t.Fatalf("listed %q for file %q", b.name, name)
			}
			if autoName("overlegplanner", b.day) != name {
				t.Fatalf("%q taken for an automatic backup of %s", name, b.day.Format(time.DateOnly))
			}
		}
	})
}
