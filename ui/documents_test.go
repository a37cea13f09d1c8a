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

func TestAttachVersionsDeliveriesAndUnchangedFiles(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st := s.sh.State
	ctx := context.Background()
	it := selectItem(t, a, hasStukken)
	// An expected stuk, announced by title.
	expected := domain.Document{ItemID: it.ID, Title: "Begroting 2027", Version: 1}
	if err := st.Store.SaveDocument(ctx, &expected); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	item := func() *domain.AgendaItem { x := storedItem(t, st, pho.ID, it.ID); return &x }
	find := func(title string) domain.Document {
		for _, d := range item().Documents {
			if d.Title == title {
				return d
			}
		}
		t.Fatalf("no stuk %q", title)
		return domain.Document{}
	}
	steps := []struct {
		name, file, content string
		want                func(r attachResult) bool
		title               string
		version             int
	}{
		{"an expected stuk is delivered", "begroting 2027.pdf", "v1", func(r attachResult) bool { return len(r.Delivered) == 1 }, "Begroting 2027", 1},
		{"the same file again changes nothing", "begroting 2027.pdf", "v1", func(r attachResult) bool { return len(r.Unchanged) == 1 }, "Begroting 2027", 1},
		{"new content is a new version", "begroting 2027.pdf", "v2", func(r attachResult) bool { return len(r.Versions) == 1 }, "Begroting 2027", 2},
		{"another file is a new stuk", "Bijlage 1.docx", "b", func(r attachResult) bool { return len(r.Added) == 1 }, "Bijlage 1", 1},
	}
	for _, step := range steps {
		res, err := attachFiles(ctx, st, item(), nil, []string{write(step.file, step.content)})
		if err != nil || !step.want(res) {
			t.Fatalf("%s: %+v %v", step.name, res, err)
		}
		if d := find(step.title); d.Version != step.version {
			t.Errorf("%s: version %d, want %d", step.name, d.Version, step.version)
		}
	}
	// A new version by the button, whatever the file is called.
	bijlage := find("Bijlage 1")
	if _, err := attachFiles(ctx, st, item(), &bijlage, []string{write("bijlage-definitief.pdf", "c")}); err != nil {
		t.Fatal(err)
	}
	if d := find("Bijlage 1"); d.Version != 2 || d.FileName != "bijlage-definitief.pdf" {
		t.Errorf("new version by button: %+v", d)
	}
	// The older version's file stays in the blob store.
	if _, err := st.Store.Blobs().Read(bijlage.StoredName, bijlage.SHA256, bijlage.Title); err != nil {
		t.Errorf("old version lost: %v", err)
	}
}

func TestAttachRefusesMissingFilesAndKeepsEverything(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st := s.sh.State
	it := selectItem(t, a, func(it domain.AgendaItem) bool { return len(it.Documents) > 0 })
	good, _ := writeTemp(t, "goed.pdf", "x")
	for _, tt := range []struct {
		name  string
		paths []string
		want  string
	}{
		{"missing file", []string{good, filepath.Join(t.TempDir(), "weg.pdf")}, "bestaat niet (meer); er is niets toegevoegd"},
		{"a folder", []string{t.TempDir()}, "is een map"},
	} {
		_, err := attachFiles(context.Background(), st, &it, nil, tt.paths)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v", tt.name, err)
		}
		if got := storedItem(t, st, pho.ID, it.ID); len(got.Documents) != len(it.Documents) {
			t.Errorf("%s: %d stukken stored, want %d", tt.name, len(got.Documents), len(it.Documents))
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
	if _, err := attachFiles(context.Background(), st, &it, nil, []string{path}); err != nil {
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

func TestMatchStuk(t *testing.T) {
	docs := []domain.Document{
		{Title: "Begroting 2027", FileName: "begroting.pdf", SHA256: "a", ReceivedAt: testNow},
		{Title: "Advies cliëntenraad"},
		{Title: "Nota", FileName: "nota.docx", SHA256: "b", ReceivedAt: testNow},
		// A file without a date of receipt (an import) is not expected.
		{Title: "Bijlage", FileName: "bijlage.docx", SHA256: "c"},
	}
	for _, tt := range []struct {
		file string
		want int
	}{
		{"BEGROTING.pdf", 0}, {"Advies cliëntenraad.pdf", 1}, {"nota.docx", 2}, {"Nota.pdf", -1}, {"anders.pdf", -1},
		{"Bijlage.pdf", -1}, {"bijlage.docx", 3}, {".pdf", -1}, {"", -1},
	} {
		if got := matchStuk(docs, tt.file); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.file, got, tt.want)
		}
	}
}

// FuzzMatchStuk feeds arbitrary file names (they come from drops and
// other people's file systems): matching never panics and only returns a
// stuk the name can belong to.
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
