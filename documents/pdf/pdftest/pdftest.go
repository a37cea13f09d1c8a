// Package pdftest checks PDFs with independent tools — qpdf for structure,
// poppler's pdftotext, pdffonts and pdfinfo for what a reader sees — so
// that tests of documents prove more than "our own code can read it".
// Each helper skips the test when the tool is missing, or fails it when
// OVERLEGPLANNER_REQUIRE_PEERS=1 (see internal/testpeer).
package pdftest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/internal/testpeer"
)

// write stores pdf in a temporary file for the command-line tools.
func write(t testing.TB, pdf []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(testpeer.Command(t, name), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// Check fails the test unless qpdf finds the file free of structural and
// stream errors (`qpdf --check`, which also fails on warnings).
func Check(t testing.TB, pdf []byte) {
	t.Helper()
	out := run(t, "qpdf", "--check", write(t, pdf))
	if !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Fatalf("qpdf --check:\n%s", out)
	}
}

// Text returns the text of pdf as `pdftotext -layout` extracts it, with
// form feeds between pages: what a reader copies and a search engine sees.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	return run(t, "pdftotext", "-layout", "-enc", "UTF-8", write(t, pdf), "-")
}

// Font is a row of pdffonts' table.
type Font struct {
	Name     string // e.g. "ABCDEF+Lato-Regular"
	Type     string // e.g. "CID TrueType"
	Embedded bool
	Subset   bool
	Unicode  bool // has a ToUnicode map: text can be copied and searched
}

// Fonts returns the fonts of pdf as pdffonts lists them.
func Fonts(t testing.TB, pdf []byte) []Font {
	t.Helper()
	out := run(t, "pdffonts", write(t, pdf))
	var fonts []Font
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if i < 2 { // heading and dashes
			continue
		}
		f := strings.Fields(line)
		// name, type (one or more words), encoding, emb, sub, uni, object, ID
		if len(f) < 8 {
			t.Fatalf("pdffonts: cannot read %q", line)
		}
		n := len(f)
		fonts = append(fonts, Font{
			Name: f[0], Type: strings.Join(f[1:n-6], " "),
			Embedded: f[n-5] == "yes", Subset: f[n-4] == "yes", Unicode: f[n-3] == "yes",
		})
	}
	return fonts
}

// Info returns pdfinfo's fields (Title, Author, Pages, Page size, ...).
func Info(t testing.TB, pdf []byte) map[string]string {
	t.Helper()
	out := run(t, "pdfinfo", "-isodates", write(t, pdf))
	info := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}

// PNG renders page (1-based) of pdf at dpi to the PNG file path, for
// looking at a document the way a reader sees it.
func PNG(t testing.TB, pdf []byte, page, dpi int, path string) {
	t.Helper()
	prefix := strings.TrimSuffix(path, ".png")
	p := write(t, pdf)
	pg := strconv.Itoa(page)
	run(t, "pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", pg, "-l", pg, "-singlefile", p, prefix)
}
