package ui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/store"
)

// writeTemp writes a file for attaching and returns its path and hash.
func writeTemp(t *testing.T, name, content string) (string, string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(content))
	return p, hex.EncodeToString(sum[:])
}

// selectItem selects the item of the shown meeting with title.
func selectItem(t *testing.T, a *agendaEditor, pred func(domain.AgendaItem) bool) domain.AgendaItem {
	t.Helper()
	for i, it := range a.meeting.Items {
		if pred(it) {
			a.list.Select(i)
			return it
		}
	}
	t.Fatal("no such item")
	return domain.AgendaItem{}
}

// hasStukken picks an item of substance: one that already has stukken (the
// opening and closing items have none).
func hasStukken(it domain.AgendaItem) bool { return len(it.Documents) > 0 }

func storedItem(t *testing.T, st *State, meetingID, itemID int64) domain.AgendaItem {
	t.Helper()
	for _, it := range storedItems(t, st, meetingID) {
		if it.ID == itemID {
			return it
		}
	}
	t.Fatalf("item %d gone", itemID)
	return domain.AgendaItem{}
}

func TestDroppedFileBecomesAStukWithItsHash(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st := s.sh.State
	it := selectItem(t, a, hasStukken)
	path, sum := writeTemp(t, "Raadsinformatiebrief woonzorg.pdf", "%PDF-1.4 inhoud van de brief")

	// What the window does with a drop.
	s.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(path)})

	got := storedItem(t, st, pho.ID, it.ID)
	if len(got.Documents) != len(it.Documents)+1 {
		t.Fatalf("%d stukken, want %d", len(got.Documents), len(it.Documents)+1)
	}
	d := got.Documents[len(got.Documents)-1]
	if d.Title != "Raadsinformatiebrief woonzorg" || d.FileName != "Raadsinformatiebrief woonzorg.pdf" || d.SHA256 != sum ||
		d.Version != 1 || d.Size != int64(len("%PDF-1.4 inhoud van de brief")) || d.ReceivedAt.IsZero() {
		t.Errorf("stored %+v", d)
	}
	// The copy under the app's data folder has the same content.
	data, err := os.ReadFile(st.Store.Blobs().Path(d.StoredName))
	if err != nil || string(data) != "%PDF-1.4 inhoud van de brief" {
		t.Errorf("blob %q: %v", data, err)
	}
	if !strings.HasPrefix(d.StoredName, sum) {
		t.Errorf("stored name %q is not the hash", d.StoredName)
	}
	if top := s.sh.Window.Canvas().Overlays().Top(); top == nil || !hasText(top, "Toegevoegd: Raadsinformatiebrief woonzorg.") {
		t.Error("no message about the added stuk")
	}
}

// TestAttachNewVersionByTheButton takes the path of "Nieuwe versie…":
// the file chosen in the dialog becomes the selected stuk's next version,
// whatever it is called, and the message says so. (The rules themselves
// are tested in store.)
func TestAttachNewVersionByTheButton(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	it := selectItem(t, a, hasStukken)
	first, _ := writeTemp(t, "Notitie.pdf", "%PDF-1.4 het concept")
	a.stukken.attachPaths(nil, []string{first})
	docs := storedItem(t, s.sh.State, pho.ID, it.ID).Documents
	a.stukken.list.Select(len(docs) - 1)
	target := a.stukken.selectedDoc()
	if target == nil || target.Title != "Notitie" || target.Version != 1 {
		t.Fatalf("selected %+v", target)
	}
	want := *target
	path, sum := writeTemp(t, "definitief.pdf", "%PDF-1.4 de definitieve versie")

	// What the file dialog does with the chosen file.
	a.stukken.attachPaths(target, []string{path})

	after := storedItem(t, s.sh.State, pho.ID, it.ID).Documents
	if len(after) != len(docs) {
		t.Errorf("%d stukken, want %d", len(after), len(docs))
	}
	found := false
	for _, d := range after {
		if d.ID == want.ID {
			found = true
			if d.Version != 2 || d.SHA256 != sum || d.FileName != "definitief.pdf" || d.Title != "Notitie" {
				t.Errorf("new version %+v of %+v", d, want)
			}
		}
	}
	if !found {
		t.Errorf("stuk %d is gone", want.ID)
	}
	if top := s.sh.Window.Canvas().Overlays().Top(); top == nil || !hasText(top, "Nieuwe versie: Notitie (versie 2).") {
		t.Error("no message about the new version")
	}
}

// TestDroppedMissingFileShowsWhyAndKeepsEverything drops a good file with
// one that is gone: the store's Dutch reason is shown, nothing is added.
func TestDroppedMissingFileShowsWhyAndKeepsEverything(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	it := selectItem(t, a, hasStukken)
	good, _ := writeTemp(t, "goed.pdf", "x")
	gone := filepath.Join(t.TempDir(), "weg.pdf")
	s.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(good), storage.NewFileURI(gone)})
	if top := s.sh.Window.Canvas().Overlays().Top(); top == nil || !hasText(top, "bestaat niet (meer); er is niets toegevoegd") {
		t.Error("no message about the missing file")
	}
	if got := storedItem(t, s.sh.State, pho.ID, it.ID); len(got.Documents) != len(it.Documents) {
		t.Errorf("%d stukken stored, want %d", len(got.Documents), len(it.Documents))
	}
}

// TestAttachResultMessage words the store's outcomes as the app always
// has: one line per kind, titles in the order of the files.
func TestAttachResultMessage(t *testing.T) {
	f := func(o store.AttachOutcome, title string, version int) store.AttachedFile {
		return store.AttachedFile{Outcome: o, Stuk: domain.Document{Title: title, Version: version}}
	}
	for _, tt := range []struct {
		name  string
		files []store.AttachedFile
		want  string
	}{
		{"nothing", nil, ""},
		{"one added", []store.AttachedFile{f(store.AttachAdded, "Nota", 1)}, "Toegevoegd: Nota."},
		{"every kind", []store.AttachedFile{f(store.AttachUnchanged, "Begroting", 2), f(store.AttachVersioned, "Bijlage", 3),
			f(store.AttachAdded, "Nota", 1), f(store.AttachDelivered, "Advies", 1), f(store.AttachAdded, "Brief", 1)},
			"Toegevoegd: Nota, Brief.\nAangeleverd: Advies.\nNieuwe versie: Bijlage (versie 3).\nOngewijzigd (dezelfde inhoud was al ontvangen): Begroting."},
		{"two versions of one stuk", []store.AttachedFile{f(store.AttachVersioned, "Nota", 2), f(store.AttachVersioned, "Nota", 3)},
			"Nieuwe versie: Nota (versie 2), Nota (versie 3)."},
	} {
		if got := attachResult(store.AttachResult{Files: tt.files}).message(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDropWithoutItemAsksForOne(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	a.list.UnselectAll()
	path, _ := writeTemp(t, "los.pdf", "x")
	s.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(path)})
	if top := s.sh.Window.Canvas().Overlays().Top(); top == nil || !hasText(top, "Kies eerst een agendapunt") {
		t.Error("no request to choose an item")
	}
	for _, it := range storedItems(t, s.sh.State, pho.ID) {
		for _, d := range it.Documents {
			if d.FileName == "los.pdf" {
				t.Error("stored without an item")
			}
		}
	}
}

func TestOpenStukChecksTheHash(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st := s.sh.State
	it := selectItem(t, a, hasStukken)
	path, _ := writeTemp(t, "Notitie.txt", "de oorspronkelijke inhoud")
	if _, err := st.Store.AttachFiles(context.Background(), it.ID, 0, []string{path}); err != nil {
		t.Fatal(err)
	}
	got := storedItem(t, st, pho.ID, it.ID)
	d := got.Documents[len(got.Documents)-1]
	out := t.TempDir()
	copyPath, err := stukCopy(st, d, out)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(copyPath); string(data) != "de oorspronkelijke inhoud" || filepath.Base(copyPath) != "Notitie.txt" {
		t.Errorf("copy %s: %q", copyPath, data)
	}
	if info, _ := os.Stat(copyPath); info.Mode().Perm()&0o200 != 0 {
		t.Error("the copy is writable")
	}
	// A stored file that changed after receipt is refused, in Dutch.
	blob := st.Store.Blobs().Path(d.StoredName)
	os.Chmod(blob, 0o644)
	if err := os.WriteFile(blob, []byte("gewijzigd"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := stukCopy(st, d, out); err == nil || !strings.Contains(err.Error(), "is gewijzigd of beschadigd") {
		t.Errorf("tampered stuk: %v", err)
	}
	// An expected stuk has no file yet.
	if _, err := stukCopy(st, domain.Document{Title: "Verwacht"}, out); err == nil || !strings.Contains(err.Error(), "nog geen bestand") {
		t.Errorf("expected stuk: %v", err)
	}
}

func TestExpectedStukAndConfidentialToggle(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st := s.sh.State
	it := selectItem(t, a, hasStukken)
	f := a.stukken.addExpected()
	typeInto(f.title, "Advies cliëntenraad")
	f.title.TypedShortcut(shortcutSave)
	got := storedItem(t, st, pho.ID, it.ID)
	d := got.Documents[len(got.Documents)-1]
	if d.Title != "Advies cliëntenraad" || !d.ReceivedAt.IsZero() || d.StoredName != "" {
		t.Fatalf("expected stuk %+v", d)
	}
	// Its state follows the aanleverdatum of the meeting.
	if want := d.Status(a.due, st.Today()); want != domain.DocVerwacht && want != domain.DocOntbreekt {
		t.Errorf("state %s", want)
	}
	a.stukken.list.Select(len(got.Documents) - 1)
	test.Tap(a.stukken.confidential)
	got = storedItem(t, st, pho.ID, it.ID)
	if !got.Documents[len(got.Documents)-1].Confidential {
		t.Error("not marked confidential")
	}
}

func TestStukHumanSize(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{{0, "0 bytes"}, {1023, "1023 bytes"}, {1024, "1 kB"}, {1536, "2 kB"}, {1258291, "1,2 MB"}} {
		if got := stukHumanSize(tt.n); got != tt.want {
			t.Errorf("%d: %q, want %q", tt.n, got, tt.want)
		}
	}
}

// FuzzSafeFileName feeds arbitrary file names (a stuk keeps the name it
// came with, from other people's file systems): the name of its copy
// always stays inside its folder and is valid on Windows.
func FuzzSafeFileName(f *testing.F) {
	for _, s := range []string{"begroting.pdf", "", ".", "..", "a/b.pdf", `..\..\x.pdf`, "Ä.PDF", "x.tar.gz", "\x00", "con:.pdf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if safe := safeFileName(name); strings.ContainsAny(safe, `/\:*?"<>|`) || safe == "" || safe == "." || safe == ".." {
			t.Fatalf("unsafe file name %q from %q", safe, name)
		}
	})
}

// TestDropOnAnotherScreenSaysWhere checks that files dropped while another
// screen is shown (the tabs hide this one) are not stored and not ignored
// without a word.
func TestDropOnAnotherScreenSaysWhere(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	it := selectItem(t, a, hasStukken)
	s.root.Hide()
	path, _ := writeTemp(t, "elders.pdf", "x")
	s.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(path)})
	if top := s.sh.Window.Canvas().Overlays().Top(); top == nil || !hasText(top, "scherm Vergaderingen") {
		t.Error("no message where to drop")
	}
	if got := storedItem(t, s.sh.State, pho.ID, it.ID); len(got.Documents) != len(it.Documents) {
		t.Error("stored while another screen was shown")
	}
}
