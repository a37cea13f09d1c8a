package demo

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents/pdf"
	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
	"github.com/overlegplanner/overlegplanner/store"
)

// TestWriteFiles loads the demo region, writes its stukken and checks that
// every received stuk now has an intact stored file — a PDF that readers
// accept, or for a letter a Word file — and that nothing else changed.
func TestWriteFiles(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ds, err := Zeeland(date.MustParse("2026-11-23"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Import(ctx, ds); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := WriteFiles(ctx, s); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	var sample []byte
	for _, d := range docs {
		if d.ReceivedAt.IsZero() {
			if d.StoredName != "" {
				t.Errorf("stuk %q not received but has a file", d.Title)
			}
			continue
		}
		data, err := s.Blobs().Read(d.StoredName, d.SHA256, d.Title)
		if err != nil {
			t.Fatalf("stuk %q: %v", d.Title, err)
		}
		if int64(len(data)) != d.Size {
			t.Errorf("stuk %q: size %d, recorded %d", d.Title, len(data), d.Size)
		}
		switch {
		case strings.HasSuffix(d.FileName, ".docx"):
			if !bytes.HasPrefix(data, []byte("PK")) {
				t.Errorf("stuk %q is not a Word file", d.Title)
			}
			kinds["docx"]++
		case pdf.IsPDF(data):
			kinds["pdf"]++
			if sample == nil && strings.HasPrefix(d.Title, "Voorstel") {
				sample = data
			}
		default:
			t.Errorf("stuk %q (%s) is neither PDF nor Word", d.Title, d.FileName)
		}
	}
	if kinds["pdf"] < 20 || kinds["docx"] == 0 {
		t.Errorf("files written: %v", kinds)
	}
	t.Logf("%d PDF and %d Word files in %v", kinds["pdf"], kinds["docx"], took)
	if took > 2*time.Second {
		t.Logf("writing the demo files took %v; the target is under 2 s", took)
	}
	if sample == nil {
		t.Fatal("no voorstel among the stukken")
	}
	pdftest.Check(t, sample)
	text := pdftest.Text(t, sample)
	for _, want := range []string{"Beslispunten", "Agendapunt", "Financiën"} {
		if !strings.Contains(text, want) {
			t.Errorf("voorstel lacks %q", want)
		}
	}
	// Twice writes nothing new.
	if err := WriteFiles(ctx, s); err != nil {
		t.Fatal(err)
	}
	again, _ := s.Documents(ctx)
	for i := range again {
		if again[i].SHA256 != docs[i].SHA256 {
			t.Errorf("stuk %q rewritten", again[i].Title)
		}
	}
}
