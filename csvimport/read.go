package csvimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// MaxSize is the largest file accepted. A people or gemeenten list of a
// whole country is well under a megabyte; anything far larger is the wrong
// file, and reading it whole would only make the app stall.
const MaxSize = 8 << 20

// column describes one column a format knows: its canonical header (what
// docs/import.md documents) and the other spellings users type.
type column struct {
	name    string   // canonical header, e.g. "e-mail"
	aliases []string // other spellings, compared after normalisation
}

// format is the set of columns of one kind of file.
type format struct {
	columns  []column
	required []string // canonical names that every file must have
}

// lookup returns the canonical name for a header as typed, or "".
func (f format) lookup(header string) string {
	h := normaliseHeader(header)
	for _, c := range f.columns {
		if normaliseHeader(c.name) == h {
			return c.name
		}
		for _, a := range c.aliases {
			if normaliseHeader(a) == h {
				return c.name
			}
		}
	}
	return ""
}

func (f format) names() string {
	n := make([]string, len(f.columns))
	for i, c := range f.columns {
		n[i] = c.name
	}
	return strings.Join(n, ", ")
}

// normaliseHeader folds the ways people type a header onto one form:
// "E-mailadres", "e_mail" and "Email:" all become "email(adres)"; the
// words in brackets of "Aanlevertermijn (werkdagen)" stay and are listed
// as an alias.
func normaliseHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// record is one data row: its line in the file and its fields by
// canonical column name, trimmed.
type record struct {
	line   int
	fields map[string]string
	header map[string]string // canonical name -> header as the file spells it
}

// has reports whether the file has column name.
func (r record) has(name string) bool { _, ok := r.fields[name]; return ok }

// table is a decoded file: which columns it has and its rows.
type table struct {
	sep     rune
	columns []string          // canonical names, in file order
	header  map[string]string // canonical name -> header as spelled
	rows    []record
}

// has reports whether the file has column name.
func (t *table) has(name string) bool { _, ok := t.header[name]; return ok }

// readTable reads a whole CSV file of format f. Problems with the file as a
// whole or with its header stop it there; problems with the shape of a row
// (a stray quote, a missing field) are collected.
func readTable(r io.Reader, f format, ps *problems) *table {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		ps.add(0, "", "csvimport.err.read", err.Error())
		return nil
	}
	if len(data) > MaxSize {
		ps.add(0, "", "csvimport.err.toolarge", MaxSize>>20)
		return nil
	}
	text, ok := decode(data)
	if !ok {
		ps.add(0, "", "csvimport.err.binary")
		return nil
	}
	if strings.TrimSpace(text) == "" {
		ps.add(0, "", "csvimport.err.empty")
		return nil
	}
	// Excel writes "sep=;" as a first line when asked to; it is not a row.
	offset := 0
	sep := rune(0)
	if first, rest, _ := strings.Cut(text, "\n"); strings.HasPrefix(strings.ToLower(strings.TrimSpace(first)), "sep=") {
		v := []rune(strings.TrimSpace(first)[4:])
		if len(v) == 1 && validSeparator(v[0]) {
			sep, text, offset = v[0], rest, 1
		}
	}
	if sep == 0 {
		sep = detectSeparator(text)
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err != nil {
		syntaxProblem(ps, err, offset)
		return nil
	}
	t := &table{sep: sep, header: map[string]string{}}
	headerLine, _ := cr.FieldPos(0) // the header's own line, past blank lines
	headerLine += offset
	for _, h := range head {
		h = strings.TrimSpace(h)
		name := f.lookup(h)
		switch {
		case h == "":
			// A column without a header is what a spreadsheet leaves of a
			// formatted but empty column: ignored while it stays empty.
		case name == "":
			ps.add(headerLine, h, "csvimport.err.unknowncolumn", h, f.names())
		case t.has(name):
			ps.add(headerLine, h, "csvimport.err.duplicatecolumn", t.header[name], h)
		}
		t.columns = append(t.columns, name)
		if name != "" && !t.has(name) {
			t.header[name] = h
		}
	}
	for _, req := range f.required {
		if !t.has(req) {
			ps.add(headerLine, "", "csvimport.err.missingcolumn", req, strings.Join(head, ", "))
		}
	}
	if ps.any() {
		return nil
	}
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			syntaxProblem(ps, err, offset)
			return nil
		}
		line, _ := cr.FieldPos(0)
		line += offset
		if blank(fields) {
			continue // ";;;;" rows that spreadsheets leave below the data
		}
		if len(fields) != len(t.columns) {
			ps.add(line, "", "csvimport.err.fieldcount", len(fields), len(t.columns), string(sep))
			continue
		}
		rec := record{line: line, fields: make(map[string]string, len(fields)), header: t.header}
		ok := true
		for i, v := range fields {
			v = strings.TrimSpace(v)
			if t.columns[i] == "" {
				if v != "" {
					ps.add(line, "", "csvimport.err.emptyheader", i+1, v, f.names())
					ok = false
				}
				continue
			}
			rec.fields[t.columns[i]] = v
		}
		if ok {
			t.rows = append(t.rows, rec)
		}
	}
	if len(t.rows) == 0 && !ps.any() {
		ps.add(0, "", "csvimport.err.norows")
	}
	return t
}

// decode turns the bytes of a file into text. UTF-8 is expected (with or
// without the byte-order mark Excel writes); UTF-16 and UTF-32 with a mark
// ("Unicode-tekst" from Excel) are decoded too, and bytes that are not UTF-8
// at all are read as Windows-1252, which is what Excel on a Dutch Windows
// writes for "CSV (gescheiden door lijstscheidingsteken)" — names such as
// "Sluis-Aardenburg" survive either way, "Zoë" only when decoded right.
// ok is false for what is not text at all.
func decode(b []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF}):
		out, err := utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", false
		}
		b = out
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", false
		}
		b = out
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", false
	}
	if !utf8.Valid(b) {
		out, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			return "", false
		}
		b = out
	}
	s := string(b)
	// Control characters other than tab and line ends do not occur in a
	// list typed by people; many of them mean a binary file.
	controls := 0
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			controls++
		}
	}
	if controls > 0 && controls*100 > len(s) {
		return "", false
	}
	return s, true
}

func validSeparator(r rune) bool { return r == ';' || r == ',' || r == '\t' || r == '|' }

// detectSeparator picks the separator of the header line: the one of ';',
// ',' and tab that occurs most often outside quotes (Dutch Excel writes ';',
// most other programs ','). A single-column file gets ';', which splits
// nothing.
func detectSeparator(text string) rune {
	counts := map[rune]int{}
	quoted := false
	seen := false
	for _, r := range text {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '\n':
			if seen {
				goto done
			}
		case r == ';' || r == ',' || r == '\t':
			counts[r]++
			seen = true
		case !unicode.IsSpace(r):
			seen = true
		}
	}
done:
	best, n := ';', 0
	for _, r := range []rune{';', ',', '\t'} {
		if counts[r] > n {
			best, n = r, counts[r]
		}
	}
	return best
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// syntaxProblem reports a CSV syntax error (a stray or unclosed quote) at
// its line.
func syntaxProblem(ps *problems, err error, offset int) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		ps.add(pe.StartLine+offset, "", "csvimport.err.quote", pe.Line+offset)
		return
	}
	if errors.Is(err, io.EOF) {
		ps.add(0, "", "csvimport.err.empty")
		return
	}
	ps.add(0, "", "csvimport.err.read", err.Error())
}
