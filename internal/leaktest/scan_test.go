package leaktest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"github.com/overlegplanner/overlegplanner/internal/testpeer"
)

// scanner looks for marker words in outputs and counts what it looked at,
// so that the test can show which outputs it covered.
type scanner struct {
	f       *fixture
	covered map[string]int // kind of output → number scanned
	pdfDir  string
}

func newScanner(t *testing.T, f *fixture) *scanner {
	return &scanner{f: f, covered: map[string]int{}, pdfDir: t.TempDir()}
}

// text fails the test for every marker in s, naming the output, the
// marker and the field it came from. Markers are also looked for with all
// white space removed, because a PDF may break a line inside a word.
func (sc *scanner) text(t *testing.T, output, s string) {
	t.Helper()
	seen := map[string]bool{}
	report := func(hit, in string, at int) {
		key := strings.ToUpper(hit)
		if seen[key] {
			return
		}
		seen[key] = true
		lo, hi := max(0, at-60), min(len(in), at+len(hit)+60)
		t.Errorf("LEAK: %s contains confidential word %s (%s):\n    …%s…",
			output, key, sc.f.field(hit), strings.ToValidUTF8(in[lo:hi], "?"))
	}
	for _, loc := range markerRE.FindAllStringIndex(s, -1) {
		report(s[loc[0]:loc[1]], s, loc[0])
	}
	squeezed := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00ad' {
			return -1
		}
		return r
	}, s)
	for _, loc := range markerRE.FindAllStringIndex(squeezed, -1) {
		report(squeezed[loc[0]:loc[1]], squeezed, loc[0])
	}
	// PDF strings and some headers hold UTF-16 text.
	for _, enc := range []string{utf16BE(markerStem), utf16LE(markerStem)} {
		if i := strings.Index(strings.ToUpper(s), enc); i >= 0 {
			report(markerStem+" (UTF-16)", s, i)
		}
	}
}

func utf16BE(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u >> 8))
		b.WriteByte(byte(u))
	}
	return b.String()
}

func utf16LE(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.String()
}

// output scans one output of kind (for the coverage list) by its format:
// PDFs through their text, metadata and objects, e-mail through every
// decoded part, everything else as text.
func (sc *scanner) output(t *testing.T, kind, name string, data []byte) {
	t.Helper()
	sc.covered[kind]++
	sc.text(t, kind+" (file name)", name)
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		sc.pdf(t, kind+" "+name, data)
	default:
		sc.text(t, kind+" "+name, string(data))
	}
}

// pdf scans a PDF: the raw bytes (uncompressed metadata), the text as
// pdftotext reads it, the document information and XMP metadata as
// pdfinfo reads them, and every object with its strings decoded as qpdf
// reads it (bookmarks, link annotations, form fields).
func (sc *scanner) pdf(t *testing.T, output string, data []byte) {
	t.Helper()
	sc.text(t, output+" (raw bytes)", string(data))
	f, err := os.CreateTemp(sc.pdfDir, "*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	f.Write(data)
	f.Close()
	defer os.Remove(f.Name())
	for _, tool := range []struct {
		what string
		cmd  string
		args []string
	}{
		{"text", "pdftotext", []string{"-enc", "UTF-8", f.Name(), "-"}},
		{"metadata", "pdfinfo", []string{"-meta", f.Name()}},
		{"objects", "qpdf", []string{"--json=2", "--json-key=qpdf", "--json-key=outlines", "--json-key=pages", f.Name()}},
	} {
		bin := testpeer.Command(t, tool.cmd)
		if bin == "" {
			continue
		}
		out, err := exec.Command(bin, tool.args...).Output()
		if err != nil {
			t.Errorf("%s: %s %v: %v", output, tool.cmd, tool.args[:len(tool.args)-1], err)
			continue
		}
		sc.text(t, output+" ("+tool.what+", "+tool.cmd+")", string(out))
	}
}

// eml scans a written message: its file name, the raw text, every header
// decoded, and every MIME part decoded (base64, quoted-printable), with
// attachments by their file name and PDF attachments through pdf. internal
// reports whether an attachment is meant for a member (the full agenda a
// member may read): those are counted but not scanned, and the test checks
// elsewhere that such messages exist.
func (sc *scanner) eml(t *testing.T, path string, internal func(to string, part string) bool) (fullAgendas int) {
	t.Helper()
	sc.covered["e-mail (.eml)"]++
	name := filepath.Base(path)
	sc.text(t, "e-mail file name", name)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc.text(t, "e-mail "+name+" (raw)", string(raw))
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	dec := mime.WordDecoder{}
	for key, vals := range msg.Header {
		for _, v := range vals {
			d, err := dec.DecodeHeader(v)
			if err != nil {
				t.Errorf("%s: header %s: %v", name, key, err)
				d = v
			}
			sc.text(t, "e-mail "+name+" header "+key, d)
		}
	}
	to := msg.Header.Get("To")
	var walk func(h map[string][]string, body io.Reader, where string)
	walk = func(h map[string][]string, body io.Reader, where string) {
		get := func(k string) string {
			if v := h[k]; len(v) > 0 {
				return v[0]
			}
			return ""
		}
		ct, params, err := mime.ParseMediaType(get("Content-Type"))
		if err != nil {
			ct = "text/plain"
		}
		if strings.HasPrefix(ct, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for i := 1; ; i++ {
				p, err := mr.NextRawPart()
				if err == io.EOF {
					return
				}
				if err != nil {
					t.Errorf("%s %s: %v", name, where, err)
					return
				}
				walk(p.Header, p, where+"."+strconv.Itoa(i))
			}
		}
		var r io.Reader = body
		switch strings.ToLower(get("Content-Transfer-Encoding")) {
		case "base64":
			r = base64.NewDecoder(base64.StdEncoding, body) // ignores line ends
		case "quoted-printable":
			r = quotedprintable.NewReader(body)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Errorf("%s part %s: %v", name, where, err)
			return
		}
		file := params["name"]
		if _, dp, err := mime.ParseMediaType(get("Content-Disposition")); err == nil && dp["filename"] != "" {
			file = dp["filename"]
		}
		label := "e-mail " + name + " part " + where + " (" + ct
		if file != "" {
			label += ", " + file
			sc.text(t, "e-mail attachment name", file)
		}
		label += ")"
		if ct == "application/pdf" && internal(to, file) {
			// Not scanned, but decoded as the others are: that it
			// holds markers proves the decoding would see a leak.
			fullAgendas++
			if len(sc.find(t, data)) > 0 {
				sc.covered["control (must hold markers): full agenda PDF attached for a member"]++
			}
			return
		}
		if ct == "application/pdf" {
			sc.covered["public agenda PDF attached to an e-mail"]++
			sc.pdf(t, label, data)
			return
		}
		if ct == "text/calendar" {
			sc.covered["iCalendar part of an e-mail"]++
		}
		sc.text(t, label, string(data))
	}
	walk(msg.Header, msg.Body, "1")
	return fullAgendas
}

// pdfText is the text of a PDF as pdftotext reads it ("" without it).
func pdfText(t *testing.T, dir string, data []byte) string {
	t.Helper()
	bin := testpeer.Command(t, "pdftotext")
	if bin == "" {
		return ""
	}
	f, err := os.CreateTemp(dir, "*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(f.Name())
	f.Write(data)
	f.Close()
	out, err := exec.Command(bin, "-enc", "UTF-8", f.Name(), "-").Output()
	if err != nil {
		t.Errorf("pdftotext: %v", err)
	}
	return string(out)
}
