package pdf

import (
	"context"
	"errors"
	"testing"
	"time"
)

// FuzzOpen feeds Open the files a secretariat may receive as stukken:
// anything. Open must not panic or hang, must say why it refuses a file,
// and a file it accepts must merge behind a front page into a PDF that
// reads back with the sum of the pages.
func FuzzOpen(f *testing.F) {
	good := stukPDF(f, "Fuzz", 2, Portrait)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]/Rotate 90>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"))
	f.Add([]byte("PK\x03\x04"))
	front := stukPDF(f, "Voorblad", 1, Portrait)
	openLimit = 2 * time.Second // a stall is a finding to report, not a hang of the fuzzer
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := Open(context.Background(), data)
		if err != nil {
			if !errors.Is(err, ErrNotPDF) && !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrEncrypted) {
				t.Fatalf("unexplained refusal: %v", err)
			}
			return
		}
		if src.Pages() < 1 || len(src.Sizes()) != src.Pages() {
			t.Fatalf("%d pages, %d sizes", src.Pages(), len(src.Sizes()))
		}
		fs, err := Open(context.Background(), front)
		if err != nil {
			t.Fatal(err)
		}
		stamps := make([]Stamp, 1+src.Pages())
		for i := 1; i < len(stamps); i++ {
			stamps[i] = Stamp{Left: "Fuzz", Right: "pagina"}
		}
		res, err := Merge(context.Background(), MergeInput{Sources: []*Source{fs, src}, Stamps: stamps,
			Bookmarks: []Bookmark{{Title: "Stuk", Page: 2}}, Meta: Meta{Title: "Fuzz", Created: created}}, nil)
		if err != nil {
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("merge: %v", err)
			}
			return
		}
		back, err := Open(context.Background(), res.PDF)
		if err != nil || back.Pages() != 1+src.Pages() {
			t.Fatalf("merged file reads back as %v pages, %v; want %d", back, err, 1+src.Pages())
		}
	})
}
