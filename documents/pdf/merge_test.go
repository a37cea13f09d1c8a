package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
)

// stukPDF renders a stand-in stuk of pages pages with a recognisable word
// on every page.
func stukPDF(t testing.TB, word string, pages int, o Orientation) []byte {
	t.Helper()
	opt := sampleOptions()
	opt.Orientation = o
	opt.Meta.Title = "Stuk " + word
	res, err := Render(opt, func(d *Doc) {
		for p := 1; p <= pages; p++ {
			if p > 1 {
				d.Space(d.Remaining() + 1) // fill the page: the next line starts a new one
				d.KeepTogether(d.Remaining() + 1)
			}
			d.Heading(2, fmt.Sprintf("%s pagina %d", word, p))
			d.Paragraph(Body, strings.Repeat("De tekst van het stuk loopt door tot de onderkant van de bladzijde. ", 12))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != pages {
		t.Fatalf("%s: %d pages, want %d", word, res.Pages, pages)
	}
	return res.PDF
}

func openAll(t testing.TB, docs ...[]byte) []*Source {
	t.Helper()
	var out []*Source
	for i, b := range docs {
		s, err := Open(context.Background(), b)
		if err != nil {
			t.Fatalf("source %d: %v", i, err)
		}
		out = append(out, s)
	}
	return out
}

func TestOpen(t *testing.T) {
	good := stukPDF(t, "Goed", 2, Landscape)
	tests := []struct {
		name  string
		data  []byte
		want  error
		pages int
		land  bool
	}{
		{"pdf", good, nil, 2, true},
		{"junk before header", append([]byte("xx\r\n"), good...), nil, 2, true},
		{"word document", []byte("PK\x03\x04 word/document.xml"), ErrNotPDF, 0, false},
		{"empty", nil, ErrNotPDF, 0, false},
		{"cut short", good[:len(good)/3], ErrDamaged, 0, false},
		{"header only", []byte("%PDF-1.7\n%%EOF\n"), ErrDamaged, 0, false},
		// Found by FuzzOpen: pdfcpu reads such a file, stamping it fails.
		{"page content corrupt", corruptContent(t, good), ErrDamaged, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(context.Background(), tc.data)
			if tc.want != nil {
				if !errors.Is(err, tc.want) {
					t.Fatalf("err = %v, want %v", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Pages() != tc.pages {
				t.Errorf("pages = %d, want %d", s.Pages(), tc.pages)
			}
			sz := s.Sizes()[0]
			if sz.Landscape() != tc.land || sz.W < 296 || sz.W > 298 {
				t.Errorf("size = %+v", sz)
			}
		})
	}
}

// corruptContent garbles the data of the first Flate stream of a PDF that
// fpdf wrote (the first page's content), keeping its length and so every
// offset in the file.
func corruptContent(t testing.TB, data []byte) []byte {
	t.Helper()
	out := bytes.Clone(data)
	i := bytes.Index(out, []byte("/FlateDecode"))
	j := bytes.Index(out[max(i, 0):], []byte("stream\n"))
	if i < 0 || j < 0 {
		t.Fatal("no Flate stream in the test PDF")
	}
	start := i + j + len("stream\n")
	for k := start + 2; k < start+12; k++ {
		out[k] ^= 0xff
	}
	return out
}

func TestMerge(t *testing.T) {
	front := stukPDF(t, "Agenda", 1, Portrait)
	a := stukPDF(t, "Alfa", 3, Portrait)
	b := stukPDF(t, "Bravo", 2, Landscape)
	srcs := openAll(t, front, a, b)
	stamps := make([]Stamp, 6)
	for p := 2; p <= 6; p++ {
		stuk, n, of := 1, p-1, 3
		if p > 4 {
			stuk, n, of = 2, p-4, 2
		}
		stamps[p-1] = Stamp{Left: "PHO Jeugd Zeeland, 18 maart 2027", Right: fmt.Sprintf("Agendapunt 4 — stuk %d — pagina %d van %d", stuk, n, of)}
	}
	var steps []int
	res, err := Merge(context.Background(), MergeInput{
		Sources: srcs,
		Stamps:  stamps,
		Bookmarks: []Bookmark{
			{Title: "Agenda", Page: 1},
			{Title: "4. Regiovisie", Page: 1, Kids: []Bookmark{{Title: "4.1 Alfa", Page: 2}, {Title: "4.2 Bravo", Page: 5}}},
			{Title: "out of order", Page: 0},
		},
		Links: []PageLink{{Page: 1, X: 30, Y: 50, W: 60, H: 5, Target: 5}},
		Meta:  Meta{Title: "Vergaderbundel PHO Jeugd Zeeland", Author: "Secretariaat", Lang: "nl-NL", Creator: "Overlegplanner", Created: created},
	}, func(done, total int) { steps = append(steps, done*100/total) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 6 {
		t.Fatalf("pages = %d", res.Pages)
	}
	if len(steps) == 0 || steps[len(steps)-1] != 100 {
		t.Errorf("progress = %v, want to end at 100%%", steps)
	}
	if _, err := Merge(context.Background(), MergeInput{Sources: srcs, Meta: Meta{Created: created}}, nil); err == nil {
		t.Error("merging consumed sources again succeeded")
	}

	pdftest.Check(t, res.PDF)
	info := pdftest.Info(t, res.PDF)
	if info["Pages"] != "6" || info["Title"] != "Vergaderbundel PHO Jeugd Zeeland" || info["Author"] != "Secretariaat" {
		t.Errorf("pdfinfo = %v", info)
	}
	text := pdftest.Text(t, res.PDF)
	pages := strings.Split(text, "\f")
	for p, want := range map[int]string{
		1: "Agenda pagina 1", 2: "Agendapunt 4 — stuk 1 — pagina 1 van 3", 4: "Agendapunt 4 — stuk 1 — pagina 3 van 3",
		5: "Agendapunt 4 — stuk 2 — pagina 1 van 2", 6: "Bravo pagina 2",
	} {
		if !strings.Contains(pages[p-1], want) {
			t.Errorf("page %d lacks %q:\n%s", p, want, pages[p-1])
		}
	}
	if strings.Contains(pages[0], "Agendapunt 4 — stuk") {
		t.Error("the front page is stamped")
	}
	outl := pdftest.Outlines(t, res.PDF)
	if len(outl) != 2 || outl[1].Title != "4. Regiovisie" || len(outl[1].Kids) != 2 || outl[1].Kids[1].Page != 5 {
		t.Errorf("outlines = %+v", outl)
	}
	links := pdftest.Links(t, res.PDF)
	if len(links) != 1 || links[0] != (pdftest.Link{Page: 1, Target: 5}) {
		t.Errorf("links = %+v", links)
	}
	for _, f := range pdftest.Fonts(t, res.PDF) {
		if !f.Embedded || !f.Subset || !f.Unicode {
			t.Errorf("font %+v", f)
		}
	}
	if dir := os.Getenv("OVERLEGPLANNER_KEEP"); dir != "" {
		os.WriteFile(filepath.Join(dir, "merge.pdf"), res.PDF, 0o644)
	}
}
