package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/store"
)

// pdfPages returns a PDF of n pages that say text.
func pdfPages(t *testing.T, n int, text string) []byte {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetFont("Helvetica", "", 12)
	for i := range n {
		f.AddPage()
		f.Cell(0, 10, fmt.Sprintf("%s, pagina %d van %d", text, i+1, n))
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// stateOf is everything attach may change: the meeting as stored (JSON)
// and the names in the folder of stukken.
func stateOf(t *testing.T, db string, id int64) string {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m, err := s.Meeting(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	names, err := s.Blobs().List()
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return string(b) + "\n" + strings.Join(names, "\n")
}

// bundleStukPages makes the complete bundle of meeting id and returns the
// number of its pages that are stukken (all pages but the agenda's) and
// the number of stukken in it.
func bundleStukPages(t *testing.T, db string, id int64) (pages, stukken int) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "bundel.pdf")
	code, stdout, stderr := run(t, "bundle", "--db", db, "--meeting", fmt.Sprint(id), "--out", out, "--no-convert")
	if code != 0 {
		t.Fatalf("bundle: %d %s", code, stderr)
	}
	var all, agenda int
	if _, err := fmt.Sscanf(stdout[strings.Index(stdout, "(")+1:], "%d pagina’s: agenda %d, %d stuk", &all, &agenda, &stukken); err != nil {
		t.Fatalf("stdout %q: %v", stdout, err)
	}
	return all - agenda, stukken
}

// TestAttachFromTheCLI attaches files to a demo meeting step by step, as
// a secretariat would from a script, and checks after each step what the
// command printed, what the bundle then holds, and — for every refusal —
// that nothing in the database or the folder of stukken changed.
func TestAttachFromTheCLI(t *testing.T) {
	db := demoCopy(t)
	m := bundleMeeting(t, db)
	// The first item with stukken, numbered as on the agenda: a new stuk
	// gets the number after theirs.
	itemNo := 0
	var item domain.AgendaItem
	for i, it := range m.Items {
		if itemNo == 0 && len(it.Documents) > 0 {
			itemNo, item = i+1, it
		}
	}
	if itemNo == 0 {
		t.Fatal("no demo item with stukken")
	}
	n := len(item.Documents)
	dir := t.TempDir()
	write := func(name string, pdf []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	nota := filepath.Join(dir, "Nota vervoer.pdf")
	pages, stukken := bundleStukPages(t, db, m.ID)
	base := []string{"attach", "--db", db, "--meeting", fmt.Sprint(m.ID)}
	onItem := func(k int) []string { return append(append([]string(nil), base...), "--item", fmt.Sprint(k)) }

	steps := []struct {
		name    string
		prepare func() // writes the file the step attaches
		args    []string
		code    int
		want    string // in stdout (exit 0) or stderr
		pages   int    // stuk pages the bundle gains
		stukken int    // stukken the bundle gains
		inDir   bool   // run in the folder of the files (relative names)
	}{
		{"a new stuk", func() { write("Nota vervoer.pdf", pdfPages(t, 3, "Nota vervoer, concept")) }, append(onItem(itemNo), nota), 0,
			fmt.Sprintf("Nota vervoer.pdf → stuk %d.%d ‘Nota vervoer’: toegevoegd", itemNo, n+1), 3, 1, false},
		{"the same file again", nil, append(onItem(itemNo), nota), 0,
			fmt.Sprintf("→ stuk %d.%d ‘Nota vervoer’: ongewijzigd", itemNo, n+1), 0, 0, false},
		{"the file changed", func() { write("Nota vervoer.pdf", pdfPages(t, 2, "Nota vervoer, definitief")) }, append(onItem(itemNo), nota), 0,
			fmt.Sprintf("→ stuk %d.%d ‘Nota vervoer’: nieuwe versie 2", itemNo, n+1), -1, 0, false},
		{"a new version of a chosen stuk, whatever its name, the file before the flags",
			func() { write("definitief.pdf", pdfPages(t, 1, "Nota vervoer, vastgesteld")) },
			append(append(append([]string(nil), base...), filepath.Join(dir, "definitief.pdf"), "--item", fmt.Sprint(itemNo)), "--version-of", fmt.Sprint(n+1)), 0,
			fmt.Sprintf("definitief.pdf → stuk %d.%d ‘Nota vervoer’: nieuwe versie 3", itemNo, n+1), -1, 0, false},
		{"an item that is not on the agenda", func() { write("Los.pdf", pdfPages(t, 1, "Los")) }, append(onItem(len(m.Items)+1), filepath.Join(dir, "Los.pdf")), ExitError,
			fmt.Sprintf("agendapunt %d bestaat niet: vergadering %d heeft %d agendapunten; er is niets toegevoegd", len(m.Items)+1, m.ID, len(m.Items)), 0, 0, false},
		{"a stuk the item does not have", nil, append(onItem(itemNo), "--version-of", fmt.Sprint(n+2), filepath.Join(dir, "Los.pdf")), ExitError,
			fmt.Sprintf("stuk %d.%d bestaat niet: agendapunt %d ‘%s’ heeft %d stukken", itemNo, n+2, itemNo, item.Title, n+1), 0, 0, false},
		{"a missing file after a good one", nil, append(onItem(itemNo), filepath.Join(dir, "Los.pdf"), filepath.Join(dir, "weg.pdf")), ExitError,
			"weg.pdf bestaat niet (meer); er is niets toegevoegd", 0, 0, false},
		{"a folder", nil, append(onItem(itemNo), dir), ExitError, "is een map, geen bestand", 0, 0, false},
		{"a meeting that does not exist", nil, []string{"attach", "--db", db, "--meeting", "999999", "--item", "1", filepath.Join(dir, "Los.pdf")}, ExitError,
			"vergadering 999999 bestaat niet", 0, 0, false},
		{"no --item", nil, append(append([]string(nil), base...), filepath.Join(dir, "Los.pdf")), ExitUsage, "geef met --item het nummer van het agendapunt", 0, 0, false},
		{"no files", nil, onItem(itemNo), ExitUsage, "geef de bestanden die moeten worden toegevoegd", 0, 0, false},
		{"two files as one new version", nil, append(onItem(itemNo), "--version-of", "1", nota, filepath.Join(dir, "Los.pdf")), ExitUsage,
			"met --version-of hoort er één bestand bij, niet 2", 0, 0, false},
		{"after -- a file name may start with a dash", func() { write("-bijlage.pdf", pdfPages(t, 1, "Bijlage")) },
			append(onItem(itemNo), "--", "-bijlage.pdf"), 0, fmt.Sprintf("-bijlage.pdf → stuk %d.%d ‘-bijlage’: toegevoegd", itemNo, n+2), 1, 1, true},
		{"without -- it is an option", nil, append(onItem(itemNo), "-bijlage.pdf"), ExitUsage, "onbekende optie --bijlage.pdf", 0, 0, true},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			if step.inDir {
				t.Chdir(dir)
			}
			if step.prepare != nil {
				step.prepare()
			}
			before := stateOf(t, db, m.ID)
			code, stdout, stderr := run(t, step.args...)
			if code != step.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, step.code, stdout, stderr)
			}
			out := stdout
			if code != 0 {
				out = stderr
			}
			if !strings.Contains(out, step.want) {
				t.Errorf("output %q, want %q", out, step.want)
			}
			after := stateOf(t, db, m.ID)
			if code != 0 {
				if after != before {
					t.Error("a refused attach changed the database or the folder of stukken")
				}
				return
			}
			if strings.Contains(step.want, "ongewijzigd") && after != before {
				t.Error("an unchanged file changed the database")
			}
			p, k := bundleStukPages(t, db, m.ID)
			if p-pages != step.pages || k-stukken != step.stukken {
				t.Errorf("the bundle gained %d pages of stukken and %d stukken, want %d and %d", p-pages, k-stukken, step.pages, step.stukken)
			}
			pages, stukken = p, k
		})
	}
}
