package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPutRepairsADamagedCopy: when the stored copy of some content is
// damaged or missing, storing the same content again (the secretariat asks
// for the stuk once more and uploads it) must leave an intact file, so
// that Check is clean again; an intact copy is kept as it is.
func TestPutRepairsADamagedCopy(t *testing.T) {
	const content = "%PDF-1.7\n% voorstel regionale woonvisie\n"
	tests := []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"intact copy kept", func(*testing.T, string) {}},
		{"changed on disk", func(t *testing.T, p string) {
			if err := os.WriteFile(p, []byte("%PDF-1.7\n% iets anders\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"cut short", func(t *testing.T, p string) {
			if err := os.Truncate(p, 5); err != nil {
				t.Fatal(err)
			}
		}},
		{"emptied", func(t *testing.T, p string) {
			if err := os.Truncate(p, 0); err != nil {
				t.Fatal(err)
			}
		}},
		{"removed", func(t *testing.T, p string) {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := storeAt(t, filepath.Join(t.TempDir(), "overlegplanner.db"))
			ds := fillWithStukken(t, s)
			b := s.Blobs()
			name, sum, _, err := b.Put(strings.NewReader(content), "Woonvisie.pdf")
			if err != nil {
				t.Fatal(err)
			}
			doc := ds.Meetings[0].Items[1].Documents[0]
			doc.ID, doc.Title, doc.StoredName, doc.SHA256, doc.Size = 0, "Woonvisie", name, sum, int64(len(content))
			if err := s.SaveDocument(ctx, &doc); err != nil {
				t.Fatal(err)
			}
			tt.damage(t, b.Path(name))

			again, sum2, _, err := b.Put(strings.NewReader(content), "woonvisie-opnieuw.PDF")
			if err != nil {
				t.Fatal(err)
			}
			if again != name || sum2 != sum {
				t.Fatalf("stored again as %s %s, want %s %s", again, sum2, name, sum)
			}
			if got, err := os.ReadFile(b.Path(name)); err != nil || string(got) != content {
				t.Errorf("after storing again: %q %v", got, err)
			}
			r, err := s.Check(ctx)
			if err != nil || !r.OK() || len(r.Orphans) != 0 {
				t.Errorf("check after storing again: %+v %v", r, err)
			}
			// No temporary upload file stays behind.
			entries, _ := os.ReadDir(b.Dir())
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".") {
					t.Errorf("left behind: %s", e.Name())
				}
			}
		})
	}
}
