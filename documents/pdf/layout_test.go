package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
)

// pages returns the text of every page of pdf.
func pages(t *testing.T, pdf []byte) []string {
	t.Helper()
	ps := strings.Split(pdftest.Text(t, pdf), "\f")
	if len(ps) > 0 && strings.TrimSpace(ps[len(ps)-1]) == "" {
		ps = ps[:len(ps)-1]
	}
	return ps
}

// TestLayoutAcrossPages checks, on the text of each page, what a reader
// relies on when a document runs over several pages.
func TestLayoutAcrossPages(t *testing.T) {
	long := strings.Repeat("Dit voorstel is bijzonder uitvoerig en beslaat meer dan één pagina. ", 160)
	tests := []struct {
		name  string
		build func(d *Doc)
		check func(t *testing.T, pages []string)
	}{
		{"a table repeats its header on every page", func(d *Doc) {
			tab := Table{Columns: []Column{{Header: "Kolomkop", Weight: 1}, {Header: "Omschrijving", Weight: 3}}}
			for i := range 120 {
				tab.Rows = append(tab.Rows, Row{Cells: []Cell{T(fmt.Sprint(i + 1)), T("rij")}})
			}
			d.Table(tab)
		}, func(t *testing.T, pages []string) {
			if len(pages) < 3 {
				t.Fatalf("%d pages", len(pages))
			}
			for i, p := range pages {
				if !strings.Contains(p, "Kolomkop") {
					t.Errorf("page %d has no table header", i+1)
				}
			}
		}},
		{"a paragraph longer than a page continues on the next", func(d *Doc) {
			d.Heading(2, "Voorstel")
			d.Paragraph(Body, long)
			d.Paragraph(Body, "Slotzin.")
		}, func(t *testing.T, pages []string) {
			if len(pages) < 2 || !strings.Contains(pages[len(pages)-1], "Slotzin.") {
				t.Fatalf("%d pages, last: %q", len(pages), pages[len(pages)-1])
			}
		}},
		{"a table cell longer than a page is split with the header repeated", func(d *Doc) {
			d.Table(Table{Columns: []Column{{Header: "Kop", Weight: 1}, {Header: "Tekst", Weight: 4}}, Rows: []Row{{Cells: []Cell{T("1"), T(long)}}}})
		}, func(t *testing.T, pages []string) {
			if len(pages) < 2 {
				t.Fatalf("%d pages", len(pages))
			}
			for i, p := range pages {
				if !strings.Contains(p, "Kop") {
					t.Errorf("page %d has no header", i+1)
				}
			}
		}},
		{"a heading is never the last line of a page", func(d *Doc) {
			d.Paragraph(Body, "vulregel")
			d.Space(d.Remaining() - 14)
			d.Heading(2, "Kopje onderaan")
			d.Paragraph(Body, "Eerste regel onder het kopje.")
		}, func(t *testing.T, pages []string) {
			if len(pages) != 2 || strings.Contains(pages[0], "Kopje onderaan") || !strings.Contains(pages[1], "Kopje onderaan") {
				t.Errorf("the heading stayed behind: %d pages", len(pages))
			}
		}},
		{"a label waits for its first line", func(d *Doc) {
			d.Paragraph(Body, "vulregel")
			d.Space(d.Remaining() - 3)
			d.Labeled("7.", Strong, 9, func() { d.Paragraph(Body, "Punt zeven\nmet twee regels") })
		}, func(t *testing.T, pages []string) {
			if len(pages) != 2 || strings.Contains(pages[0], "7.") || !strings.Contains(pages[1], "7.") {
				t.Errorf("the label was separated from its text")
			}
		}},
		{"every page has the same header and a correct footer", func(d *Doc) {
			d.Paragraph(Body, long)
		}, func(t *testing.T, pages []string) {
			for i, p := range pages {
				want := fmt.Sprintf("pagina %d van %d", i+1, len(pages))
				if !strings.Contains(p, want) || !strings.Contains(p, "Samenwerkingsverband Jeugd Zeeland") {
					t.Errorf("page %d lacks %q or the header", i+1, want)
				}
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Render(sampleOptions(), tc.build)
			if err != nil {
				t.Fatal(err)
			}
			pdftest.Check(t, res.PDF)
			ps := pages(t, res.PDF)
			if len(ps) != res.Pages {
				t.Errorf("pdftotext found %d pages, Render says %d", len(ps), res.Pages)
			}
			tc.check(t, ps)
		})
	}
}
