package pdf

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
	"github.com/overlegplanner/overlegplanner/internal/testpeer"
)

// TestMergeForeignPDFs merges stukken as other software writes them: our
// own test file rewritten by qpdf into the forms municipal document
// systems and scanners produce (cross-reference streams, linearized,
// protected against editing with RC4 or AES, a page turned a quarter,
// a crop box inside the media box, PDF 2.0). Each must be read, stamped
// where a reader sees the margin, and leave a file qpdf accepts; a file
// that needs a password to open is refused as such.
func TestMergeForeignPDFs(t *testing.T) {
	qpdf := testpeer.Command(t, "qpdf")
	dir := t.TempDir()
	src := filepath.Join(dir, "stuk.pdf")
	if err := os.WriteFile(src, stukPDF(t, "Vreemd", 2, Portrait), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want error
		// landscape is how page 1 is shown.
		landscape bool
	}{
		{"object streams", []string{"--object-streams=generate"}, nil, false},
		{"linearized", []string{"--linearize"}, nil, false},
		{"owner password rc4", []string{"--allow-weak-crypto", "--encrypt", "", "eigenaar", "128", "--use-aes=n", "--modify=none", "--"}, nil, false},
		{"owner password aes-256", []string{"--encrypt", "", "eigenaar", "256", "--modify=none", "--print=low", "--"}, nil, false},
		{"user password", []string{"--encrypt", "geheim", "eigenaar", "256", "--"}, ErrEncrypted, false},
		{"rotated", []string{"--rotate=+90:1"}, nil, true},
		{"pdf 2.0", []string{"--force-version=2.0"}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".pdf")
			args := append([]string{src}, tc.args...)
			args = append(args, out)
			if b, err := exec.Command(qpdf, args...).CombinedOutput(); err != nil {
				t.Fatalf("qpdf %v: %v\n%s", args, err, b)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			checkForeign(t, data, tc.want, tc.landscape)
		})
	}
	t.Run("crop box", func(t *testing.T) {
		// A scan cropped in Acrobat: the visible page is a box inside
		// the media box, and the stamp must fall inside it.
		data := stukPDF(t, "Vreemd", 2, Portrait)
		data = []byte(strings.Replace(string(data), "/MediaBox", "/CropBox [40 40 555.28 801.89] /MediaBox", 1))
		fixed := filepath.Join(dir, "crop.pdf")
		if err := os.WriteFile(filepath.Join(dir, "crop-in.pdf"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		// qpdf rebuilds the cross-reference table the edit shifted.
		if b, err := exec.Command(qpdf, filepath.Join(dir, "crop-in.pdf"), fixed).CombinedOutput(); err != nil && !strings.Contains(string(b), "operation succeeded with warnings") {
			t.Fatalf("qpdf: %v\n%s", err, b)
		}
		data, err := os.ReadFile(fixed)
		if err != nil {
			t.Fatal(err)
		}
		checkForeign(t, data, nil, false)
	})
}

// checkForeign opens data as the second part of a two-part merge and
// checks the result with qpdf and poppler.
func checkForeign(t *testing.T, data []byte, want error, landscape bool) {
	t.Helper()
	s, err := Open(context.Background(), data)
	if want != nil {
		if !errors.Is(err, want) {
			t.Fatalf("Open: %v, want %v", err, want)
		}
		return
	}
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if s.Pages() != 2 || s.Sizes()[0].Landscape() != landscape {
		t.Fatalf("pages %d, sizes %+v", s.Pages(), s.Sizes())
	}
	front := openAll(t, stukPDF(t, "Agenda", 1, Portrait))[0]
	stamp := Stamp{Left: "PHO Jeugd Zeeland, 18 maart 2027", Right: "Agendapunt 4 — stuk 1 — pagina 1 van 2"}
	res, err := Merge(context.Background(), MergeInput{
		Sources:   []*Source{front, s},
		Stamps:    []Stamp{{}, stamp, {Left: stamp.Left, Right: "Agendapunt 4 — stuk 1 — pagina 2 van 2"}},
		Bookmarks: []Bookmark{{Title: "Agenda", Page: 1}, {Title: "4.1 Vreemd", Page: 2}},
		Meta:      Meta{Title: "Bundel", Created: created},
	}, nil)
	if err != nil {
		t.Fatalf("Merge: %v", err)
	}
	pdftest.Check(t, res.PDF)
	info := pdftest.Info(t, res.PDF)
	if info["Pages"] != "3" || info["Encrypted"] != "no" {
		t.Errorf("pdfinfo: %v", info)
	}
	pages := strings.Split(pdftest.Text(t, res.PDF), "\f")
	if !strings.Contains(pages[1], "Vreemd pagina 1") || !strings.Contains(pages[1], stamp.Right) || !strings.Contains(pages[1], stamp.Left) {
		t.Errorf("page 2 lacks its text or stamp:\n%s", pages[1])
	}
	if dir := os.Getenv("OVERLEGPLANNER_KEEP"); dir != "" {
		name := strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())
		os.WriteFile(filepath.Join(dir, name+".pdf"), res.PDF, 0o644)
	}
}
