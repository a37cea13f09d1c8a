package pdf

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkMerge500 merges 40 stand-in stukken of 12 or 13 pages (500
// pages in all) behind a one-page front, stamping every stuk page.
func BenchmarkMerge500(b *testing.B) {
	var docs [][]byte
	docs = append(docs, stukPDF(b, "Agenda", 1, Portrait))
	total := 1
	for i := range 40 {
		n := 12
		if i%2 == 0 {
			n = 13
		}
		o := Portrait
		if i%5 == 4 {
			o = Landscape
		}
		docs = append(docs, stukPDF(b, fmt.Sprintf("Stuk%d", i), n, o))
		total += n
	}
	stamps := make([]Stamp, total)
	for p := 2; p <= total; p++ {
		stamps[p-1] = Stamp{Left: "PHO Jeugd Zeeland, 18 maart 2027", Right: fmt.Sprintf("Agendapunt %d — stuk 1 — pagina %d van 13", p/13+1, p%13+1)}
	}
	b.ResetTimer()
	for range b.N {
		srcs := openAll(b, docs...)
		res, err := Merge(context.Background(), MergeInput{Sources: srcs, Stamps: stamps, Meta: Meta{Title: "x", Created: created}}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(res.PDF))/1e6, "MB")
	}
}
