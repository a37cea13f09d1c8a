package documents

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
	"github.com/overlegplanner/overlegplanner/internal/testpeer"
)

var images = flag.Bool("images", false, "render the README pictures to docs/img/")

// TestImages renders one page of each kind of document to docs/img/ for
// the README (go test ./documents -run TestImages -images). The pages are
// those that show most of a document: the public agenda's second page
// holds the confidential item's placeholder.
func TestImages(t *testing.T) {
	if !*images {
		t.Skip("run with -images to refresh docs/img")
	}
	dir := filepath.Join(testpeer.RepoRoot(t), "docs", "img")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		page int
		name string
	}{
		"agenda":         {1, "agenda.png"},
		"agenda-public":  {2, "agenda-public.png"},
		"jaarplanning":   {1, "jaarplanning.png"},
		"besluitenlijst": {1, "besluitenlijst.png"},
		"deadlines":      {1, "deadlines.png"},
	}
	for _, tc := range documentCases() {
		c, ok := cases[tc.name]
		if !ok {
			continue
		}
		r, err := tc.render()
		if err != nil {
			t.Fatal(err)
		}
		pdftest.PNG(t, r.PDF, c.page, 100, filepath.Join(dir, c.name))
	}
}
