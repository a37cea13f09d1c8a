package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// attachNow is the store clock of the attach tests: every receipt time
// recorded is this one.
var attachNow = time.Date(2027, 3, 2, 10, 15, 0, 0, time.UTC)

// attachStore returns a store with the fixture and its stored files, with
// an expected stuk "Begroting 2027" added to the fixture's item of
// substance (confidential, with a received and an imported stuk), and
// that item.
func attachStore(t *testing.T) (*Store, domain.AgendaItem) {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), Options{Create: true, Now: func() time.Time { return attachNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	fillWithStukken(t, s)
	it := attachItem(t, s)
	if err := s.SaveDocument(context.Background(), &domain.Document{ItemID: it.ID, Title: "Begroting 2027", Version: 1}); err != nil {
		t.Fatal(err)
	}
	return s, attachItem(t, s)
}

// attachItem reads the fixture's item of substance as stored now.
func attachItem(t *testing.T, s *Store) domain.AgendaItem {
	t.Helper()
	m, err := s.Meeting(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range m.Items {
		if it.Title == "Re-integratiebeleid 2028" {
			return it
		}
	}
	t.Fatal("the fixture has no item Re-integratiebeleid 2028")
	return domain.AgendaItem{}
}

// stukNamed returns the stuk of it with title.
func stukNamed(t *testing.T, it domain.AgendaItem, title string) domain.Document {
	t.Helper()
	for _, d := range it.Documents {
		if d.Title == title {
			return d
		}
	}
	t.Fatalf("no stuk %q among %+v", title, it.Documents)
	return domain.Document{}
}

// attachFile is one file given to AttachFiles in a test: its name (in a
// folder of its own, so that two files may share a name) and content.
type attachFile struct{ name, content string }

// wantFile is the expected outcome for one file.
type wantFile struct {
	outcome AttachOutcome
	title   string
	version int
}

func writeFiles(t *testing.T, files []attachFile) []string {
	t.Helper()
	var paths []string
	for _, f := range files {
		p := filepath.Join(t.TempDir(), f.name)
		if err := os.WriteFile(p, []byte(f.content), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func sha(content string) string {
	sum := sha256.Sum256([]byte(content))
	return hex.EncodeToString(sum[:])
}

// TestAttachFiles runs the steps a secretariat takes with one item, each
// on the result of the one before: delivery of an expected stuk, the same
// file again, a new version by name, a new stuk, a new version by choice,
// several files at once. After every step the stored records must be what
// the result says, with the file's content in the blob store.
func TestAttachFiles(t *testing.T) {
	defer i18n.SetLanguage(i18n.Current())
	i18n.SetLanguage(i18n.Dutch)
	s, it := attachStore(t)
	ctx := context.Background()
	steps := []struct {
		name      string
		versionOf string // title of the stuk the file is a new version of
		files     []attachFile
		want      []wantFile
	}{
		{"an expected stuk is delivered, by its title", "", []attachFile{{"begroting 2027.pdf", "v1"}},
			[]wantFile{{AttachDelivered, "Begroting 2027", 1}}},
		{"the same file again changes nothing", "", []attachFile{{"begroting 2027.pdf", "v1"}},
			[]wantFile{{AttachUnchanged, "Begroting 2027", 1}}},
		{"new content under the same file name is a new version, whatever the case", "", []attachFile{{"BEGROTING 2027.PDF", "v2"}},
			[]wantFile{{AttachVersioned, "Begroting 2027", 2}}},
		{"another file is a new stuk titled after it", "", []attachFile{{"Bijlage 1.docx", "b"}},
			[]wantFile{{AttachAdded, "Bijlage 1", 1}}},
		{"a chosen stuk gets a new version whatever the file is called", "Bijlage 1", []attachFile{{"bijlage-definitief.pdf", "c"}},
			[]wantFile{{AttachVersioned, "Bijlage 1", 2}}},
		{"the same content as a chosen stuk's changes nothing", "Bijlage 1", []attachFile{{"nog een naam.pdf", "c"}},
			[]wantFile{{AttachUnchanged, "Bijlage 1", 2}}},
		{"a received stuk is matched by its file name only", "", []attachFile{{"Kader.docx", "kader"}},
			[]wantFile{{AttachAdded, "Kader", 1}}},
		{"several files at once, each to its own stuk", "", []attachFile{{"kader.pdf", "kader v3"}, {"Notitie.txt", "n"}, {"begroting 2027.pdf", "v2"}},
			[]wantFile{{AttachVersioned, "Beleidskader", 3}, {AttachAdded, "Notitie", 1}, {AttachUnchanged, "Begroting 2027", 2}}},
		{"two versions of one stuk in one go are two versions", "", []attachFile{{"notitie.txt", "n2"}, {"NOTITIE.txt", "n3"}},
			[]wantFile{{AttachVersioned, "Notitie", 2}, {AttachVersioned, "Notitie", 3}}},
	}
	for _, step := range steps {
		before := attachItem(t, s)
		var versionOf int64
		if step.versionOf != "" {
			versionOf = stukNamed(t, before, step.versionOf).ID
		}
		paths := writeFiles(t, step.files)
		res, err := s.AttachFiles(ctx, it.ID, versionOf, paths)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if len(res.Files) != len(step.want) {
			t.Fatalf("%s: %d results, want %d", step.name, len(res.Files), len(step.want))
		}
		changed := false
		for i, w := range step.want {
			got := res.Files[i]
			if got.Path != paths[i] || got.Outcome != w.outcome || got.Stuk.Title != w.title || got.Stuk.Version != w.version || got.Stuk.ID == 0 {
				t.Errorf("%s: file %d: %+v, want %+v", step.name, i, got, w)
			}
			changed = changed || w.outcome != AttachUnchanged
		}
		if res.Changed() != changed {
			t.Errorf("%s: Changed() = %v", step.name, res.Changed())
		}
		// The last file for each stuk is what is stored.
		after := attachItem(t, s)
		for i, f := range res.Files {
			d := stukNamed(t, after, f.Stuk.Title)
			if d.ID != f.Stuk.ID || d.Version != f.Stuk.Version && i == lastFor(res, f.Stuk.ID) {
				t.Errorf("%s: stored %+v, result %+v", step.name, d, f.Stuk)
			}
			if f.Outcome == AttachUnchanged {
				continue
			}
			if i == lastFor(res, f.Stuk.ID) {
				content := step.files[i].content
				if d.SHA256 != sha(content) || d.Size != int64(len(content)) || d.FileName != filepath.Base(paths[i]) ||
					!d.ReceivedAt.Equal(attachNow) || !strings.HasPrefix(d.StoredName, d.SHA256) {
					t.Errorf("%s: stored %+v for %q", step.name, d, content)
				}
				if data, err := s.Blobs().Read(d.StoredName, d.SHA256, d.Title); err != nil || string(data) != content {
					t.Errorf("%s: blob %q: %v", step.name, data, err)
				}
			}
			if f.Outcome == AttachAdded && d.Confidential != it.Confidential {
				t.Errorf("%s: a new stuk of a confidential item is not confidential", step.name)
			}
		}
		// Nothing else changed: the stukken not named keep their records.
		for _, d := range before.Documents {
			if lastFor(res, d.ID) >= 0 {
				continue
			}
			if got := stukNamed(t, after, d.Title); got != d {
				t.Errorf("%s: %q changed: %+v → %+v", step.name, d.Title, d, got)
			}
		}
	}
	// An older version's file stays in the blob store.
	old := sha("b")
	if _, err := s.Blobs().Read(old+".docx", old, "Bijlage 1"); err != nil {
		t.Errorf("the first version of Bijlage 1 is gone: %v", err)
	}
}

// lastFor is the index of the last file of res that went to stuk id, or -1.
func lastFor(res AttachResult, id int64) int {
	last := -1
	for i, f := range res.Files {
		if f.Stuk.ID == id {
			last = i
		}
	}
	return last
}

// TestAttachFilesRefusesAndStoresNothing gives AttachFiles what it must
// refuse: the error is in Dutch, names the problem, and not a record of
// the database changed — also not for the good files given with it.
func TestAttachFilesRefusesAndStoresNothing(t *testing.T) {
	defer i18n.SetLanguage(i18n.Current())
	i18n.SetLanguage(i18n.Dutch)
	s, it := attachStore(t)
	ctx := context.Background()
	dir := t.TempDir()
	good := writeFiles(t, []attachFile{{"goed.pdf", "goed"}})[0]
	good2 := writeFiles(t, []attachFile{{"ook goed.pdf", "ook goed"}})[0]
	tests := []struct {
		name      string
		itemID    int64
		versionOf int64
		paths     func(t *testing.T) []string
		want      string
		notFound  bool
	}{
		{"a missing file after a good one", it.ID, 0, func(*testing.T) []string { return []string{good, filepath.Join(dir, "weg.pdf")} },
			"weg.pdf bestaat niet (meer); er is niets toegevoegd", false},
		{"a folder", it.ID, 0, func(*testing.T) []string { return []string{good, dir} }, "is een map, geen bestand; er is niets toegevoegd", false},
		{"a socket", it.ID, 0, func(t *testing.T) []string {
			if runtime.GOOS == "windows" {
				t.Skip("no unix sockets")
			}
			p := filepath.Join(t.TempDir(), "s.sock")
			l, err := net.Listen("unix", p)
			if err != nil {
				t.Skip(err)
			}
			t.Cleanup(func() { l.Close() })
			return []string{good, p}
		}, "s.sock kan niet worden gelezen; er is niets toegevoegd", false},
		{"a file without read permission", it.ID, 0, func(t *testing.T) []string {
			if runtime.GOOS == "windows" || os.Geteuid() == 0 {
				t.Skip("permissions do not stop this user")
			}
			p := writeFiles(t, []attachFile{{"geheim.pdf", "x"}})[0]
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
			return []string{good, p}
		}, "geheim.pdf kan niet worden gelezen; er is niets toegevoegd", false},
		{"two files as one new version", it.ID, it.Documents[0].ID, func(*testing.T) []string { return []string{good, good2} },
			"kies één bestand als nieuwe versie van een stuk", false},
		{"no file as a new version", it.ID, it.Documents[0].ID, func(*testing.T) []string { return nil },
			"kies één bestand als nieuwe versie van een stuk", false},
		{"a new version of a stuk of another item", it.ID, 99999, func(*testing.T) []string { return []string{good} },
			"stuk 99999 hoort niet (meer) bij dit agendapunt", true},
		{"an item that does not exist", 99999, 0, func(*testing.T) []string { return []string{good} },
			"agendapunt 99999 bestaat niet (meer)", true},
		{"a new stuk without a name", it.ID, 0, func(t *testing.T) []string {
			return []string{good, writeFiles(t, []attachFile{{".pdf", "x"}})[0]}
		}, "uit de bestandsnaam ‘.pdf’ volgt geen titel", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshotOf(t, s)
			paths := tt.paths(t)
			res, err := s.AttachFiles(ctx, tt.itemID, tt.versionOf, paths)
			if err == nil {
				t.Fatalf("no error, result %+v", res)
			}
			var ie *i18n.Error
			if !errors.As(err, &ie) || !strings.Contains(i18n.UserMessage(err), tt.want) {
				t.Errorf("error %q, want %q", i18n.UserMessage(err), tt.want)
			}
			if errors.Is(err, ErrNotFound) != tt.notFound {
				t.Errorf("errors.Is(ErrNotFound) = %v", !tt.notFound)
			}
			if len(res.Files) != 0 {
				t.Errorf("a result with an error: %+v", res)
			}
			if after := snapshotOf(t, s); after != before {
				t.Errorf("the database changed:\n%s\n→\n%s", before, after)
			}
		})
	}
}

// TestAttachNothing: no files is no change and no error.
func TestAttachNothing(t *testing.T) {
	s, it := attachStore(t)
	res, err := s.AttachFiles(context.Background(), it.ID, 0, nil)
	if err != nil || len(res.Files) != 0 || res.Changed() {
		t.Errorf("%+v %v", res, err)
	}
}

func TestMatchStuk(t *testing.T) {
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	docs := []domain.Document{
		{Title: "Begroting 2027", FileName: "begroting.pdf", SHA256: "a", ReceivedAt: now},
		{Title: "Advies cliëntenraad"},
		{Title: "Nota", FileName: "nota.docx", SHA256: "b", ReceivedAt: now},
		// A file without a date of receipt (an import) is not expected.
		{Title: "Bijlage", FileName: "bijlage.docx", SHA256: "c"},
		{Title: "  Jaarverslag  "},
	}
	for _, tt := range []struct {
		file string
		want int
	}{
		{"BEGROTING.pdf", 0}, {"Advies cliëntenraad.pdf", 1}, {"advies CLIËNTENRAAD.docx", 1}, {"nota.docx", 2},
		{"Nota.pdf", -1}, {"anders.pdf", -1}, {"Bijlage.pdf", -1}, {"bijlage.docx", 3}, {"jaarverslag.pdf", 4},
		{"Jaarverslag", 4}, {".pdf", -1}, {"", -1}, {" .pdf", -1},
	} {
		if got := matchStuk(docs, tt.file); got != tt.want {
			t.Errorf("%q: %d, want %d", tt.file, got, tt.want)
		}
	}
}

// FuzzMatchStuk feeds arbitrary file names (they come from drops, the
// command line and other people's file systems): matching never panics
// and only returns a stuk the name can belong to.
func FuzzMatchStuk(f *testing.F) {
	for _, s := range []string{"begroting.pdf", "", ".", "..", "a/b.pdf", "Ä.PDF", "x.tar.gz", "\x00", "Nota"} {
		f.Add(s)
	}
	docs := []domain.Document{{Title: "Begroting", FileName: "begroting.pdf", SHA256: "a"}, {Title: "Nota"}, {Title: ""}}
	f.Fuzz(func(t *testing.T, name string) {
		i := matchStuk(docs, name)
		if i < -1 || i >= len(docs) {
			t.Fatalf("index %d", i)
		}
		if i < 0 {
			return
		}
		d := docs[i]
		stem := strings.TrimSpace(strings.TrimSuffix(name, filepath.Ext(name)))
		byFile := d.FileName != "" && strings.EqualFold(d.FileName, name)
		byTitle := stukExpected(d) && stem != "" && strings.EqualFold(strings.TrimSpace(d.Title), stem)
		if !byFile && !byTitle {
			t.Fatalf("%q matched %+v", name, d)
		}
	})
}
