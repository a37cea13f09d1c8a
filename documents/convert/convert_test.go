package convert

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/documents/pdf"
	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
	"github.com/overlegplanner/overlegplanner/internal/testpeer"
)

// docx returns a minimal Word document with one paragraph.
func docx(t *testing.T, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:body></w:document>`,
	} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestConverts(t *testing.T) {
	l := &LibreOffice{Path: "soffice"}
	for ext, want := range map[string]bool{".docx": true, ".DOCX": true, ".odt": true, ".xlsx": true, ".pdf": false, ".exe": false, "": false} {
		if got := l.Converts(ext); got != want {
			t.Errorf("Converts(%q) = %v", ext, got)
		}
	}
	var none *LibreOffice
	if none.Converts(".docx") {
		t.Error("a nil converter converts")
	}
	if _, err := l.ToPDF(context.Background(), "x.exe", nil); !errors.Is(err, ErrConvert) {
		t.Errorf("unsupported format: %v", err)
	}
}

func TestFileURL(t *testing.T) {
	for in, want := range map[string]string{"/tmp/a b/profile": "file:///tmp/a%20b/profile"} {
		if got := fileURL(in); got != want {
			t.Errorf("fileURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLibreOffice converts a Word file with the real LibreOffice (a peer:
// skipped when it is not installed, unless peers are required).
func TestLibreOffice(t *testing.T) {
	l, ok := Find()
	if !ok {
		testpeer.Missing(t, "LibreOffice (soffice)")
	}
	if testing.Short() {
		t.Skip("LibreOffice takes seconds to start")
	}
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"word", "brief.docx", docx(t, "Aanbiedingsbrief begroting 2028"), "Aanbiedingsbrief begroting 2028"},
		{"not really word", "kapot.docx", []byte("dit is geen zipbestand"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := l.ToPDF(context.Background(), tc.file, tc.data)
			if tc.want == "" {
				// LibreOffice may read a broken file as plain text; it must
				// then still give a PDF, or fail with ErrConvert.
				if err != nil && !errors.Is(err, ErrConvert) {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !pdf.IsPDF(out) {
				t.Fatal("no PDF")
			}
			if text := pdftest.Text(t, out); !strings.Contains(text, tc.want) {
				t.Errorf("text %q lacks %q", text, tc.want)
			}
		})
	}
}
