// Package agendacsv reads and writes an agenda as a CSV file: one row per
// agendapunt with its title, kind, portefeuillehouder, steller,
// confidentiality and proposal. Secretariats keep agendas in Excel, and
// other meeting systems export them this way; docs/import.md describes the
// format for users.
//
// Parse is strict where a mistake would be costly and lenient where
// spreadsheets differ: a file is read whole and every bad row is reported
// by line before anything is imported, but a header may be Dutch or
// English, the separator may be ; , or tab, and a file Excel saved in
// Windows-1252 reads as well as UTF-8. It is pure: the caller passes the
// people to match names against and stores the items (store.ImportItems).
package agendacsv

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// Limits that keep a wrong file (a whole database export, a binary) from
// taking memory or producing an agenda nobody can use.
const (
	MaxBytes  = 2 << 20 // 2 MB
	MaxItems  = 500
	maxTitle  = 500 // characters
	maxReport = 50  // problems reported; the rest are counted
)

// ErrInvalid is the cause of every *Error, for errors.Is.
var ErrInvalid = errors.New("agendacsv: ongeldig bestand")

// Problem is one thing wrong with the file: at Line (1 is the header),
// in Column (the header's name, "" for the whole row), Msg.
type Problem struct {
	Line   int
	Column string
	Msg    i18n.Message
}

// String renders the problem in the active language.
func (p Problem) String() string {
	switch {
	case p.Line == 0:
		return p.Msg.String()
	case p.Column == "":
		return i18n.T("bundle.csv.atline", p.Line, p.Msg.String())
	}
	return i18n.T("bundle.csv.atcell", p.Line, p.Column, p.Msg.String())
}

// Error lists the problems of a file that was not imported.
type Error struct {
	Problems []Problem
	More     int // problems found beyond those listed
}

// Error renders every problem on a line of its own, in the active
// language, after a line that says nothing was imported.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(i18n.T("bundle.csv.rejected", len(e.Problems)+e.More))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	if e.More > 0 {
		b.WriteString("\n  ")
		b.WriteString(i18n.T("bundle.csv.more", e.More))
	}
	return b.String()
}

// Unwrap returns ErrInvalid.
func (e *Error) Unwrap() error { return ErrInvalid }

// column is a field of the format.
type column int

const (
	colTitle column = iota
	colKind
	colPortefeuillehouder
	colSteller
	colConfidential
	colProposal
	numColumns
)

// headers are the names a column is recognised by, lower case; the first
// is the Dutch name Write uses, the second the English one.
var headers = [numColumns][]string{
	colTitle:              {"titel", "title", "onderwerp", "agendapunt", "subject"},
	colKind:               {"soort", "kind", "type", "aard"},
	colPortefeuillehouder: {"portefeuillehouder", "portfolio holder", "portfolioholder", "bestuurder"},
	colSteller:            {"steller", "author", "opsteller", "ambtenaar"},
	colConfidential:       {"vertrouwelijk", "confidential", "geheim"},
	colProposal:           {"voorstel", "proposal", "beslispunten"},
}

// Parse reads an agenda from r. people are the persons a portefeuillehouder
// or steller may name, by name or e-mail address. The items come back in
// file order with Title, Kind, PortefeuillehouderID, StellerID,
// Confidential and Proposal set. When anything is wrong the error is an
// *Error listing every problem by line, and no item is returned.
func Parse(r io.Reader, people []domain.Person) ([]domain.AgendaItem, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, reject(Problem{Msg: i18n.M("bundle.csv.toolarge", MaxBytes>>20)})
	}
	text, msg := decode(data)
	if !msg.IsZero() {
		return nil, reject(Problem{Msg: msg})
	}
	if strings.TrimSpace(text) == "" {
		return nil, reject(Problem{Msg: i18n.M("bundle.csv.empty")})
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = separator(text)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true // a stray quote inside a field is text, as Excel writes it
	p := &parser{people: newDirectory(people)}
	header, err := cr.Read()
	if err != nil {
		return nil, reject(csvProblem(err))
	}
	if !p.header(header) {
		return nil, p.err()
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			p.add(csvProblem(err))
			break
		}
		line, _ := cr.FieldPos(0)
		p.row(line, rec)
	}
	if len(p.problems) == 0 && len(p.items) == 0 {
		p.add(Problem{Msg: i18n.M("bundle.csv.noitems")})
	}
	if len(p.problems) > 0 {
		return nil, p.err()
	}
	return p.items, nil
}

func reject(p Problem) error { return &Error{Problems: []Problem{p}} }

func csvProblem(err error) Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Problem{Line: pe.StartLine, Msg: i18n.M("bundle.csv.syntax", pe.Err.Error())}
	}
	return Problem{Msg: i18n.M("bundle.csv.syntax", err.Error())}
}

// decode returns data as text, or why it is no CSV file at all.
// Spreadsheets save UTF-8 (with or without a byte order mark), Windows-1252
// (older Excel's "CSV"), or UTF-16 with a byte order mark (Excel's
// "Unicode text", tab-separated). A workbook or any other binary file gets
// a message that says what to do instead of one about its first "line".
func decode(data []byte) (string, i18n.Message) {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil || bytes.IndexByte(out, 0) >= 0 {
			return "", i18n.M("bundle.csv.binary")
		}
		return strings.ToValidUTF8(string(out), "\uFFFD"), i18n.Message{}
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte{0xd0, 0xcf, 0x11, 0xe0}):
		// .xlsx (a zip) and .xls (an OLE compound file).
		return "", i18n.M("bundle.csv.workbook")
	case bytes.IndexByte(data, 0) >= 0:
		return "", i18n.M("bundle.csv.binary")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data), i18n.Message{}
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD"), i18n.Message{}
	}
	return string(out), i18n.Message{}
}

// separator picks the separator that occurs most often in the header line,
// outside quotes: Dutch Excel writes ";", most other programs ",".
func separator(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range text {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '\n':
			goto done
		case r == ';' || r == ',' || r == '\t':
			counts[r]++
		}
	}
done:
	best := ';'
	for _, r := range []rune{',', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// parser collects items and problems row by row.
type parser struct {
	people   directory
	cols     []column // column of each field; -1: none
	names    []string // header names as written, for messages
	items    []domain.AgendaItem
	problems []Problem
	more     int
}

func (p *parser) add(pr Problem) {
	if len(p.problems) < maxReport {
		p.problems = append(p.problems, pr)
	} else {
		p.more++
	}
}

func (p *parser) err() error { return &Error{Problems: p.problems, More: p.more} }

// header maps the header's names to columns; it reports false when the
// file cannot be read further.
func (p *parser) header(rec []string) bool {
	seen := map[column]bool{}
	known := false
	for _, raw := range rec {
		name := strings.ToLower(strings.Join(strings.Fields(raw), " "))
		for _, hs := range headers {
			for _, h := range hs {
				known = known || name == h
			}
		}
	}
	if !known {
		// Not a header at all (a file without one, or another kind of
		// file): one clear message instead of one per cell.
		p.add(Problem{Line: 1, Msg: i18n.M("bundle.csv.notitlecolumn", strings.Join(expected(), ", "))})
		return false
	}
	for _, raw := range rec {
		name := strings.ToLower(strings.Join(strings.Fields(raw), " "))
		p.names = append(p.names, strings.TrimSpace(raw))
		col := column(-1)
		for c, hs := range headers {
			for _, h := range hs {
				if name == h {
					col = column(c)
				}
			}
		}
		switch {
		case name == "":
			// An empty header cell (a trailing separator) is allowed as
			// long as its fields stay empty.
		case col < 0:
			p.add(Problem{Line: 1, Column: strings.TrimSpace(raw), Msg: i18n.M("bundle.csv.unknowncolumn", strings.Join(expected(), ", "))})
		case seen[col]:
			p.add(Problem{Line: 1, Column: strings.TrimSpace(raw), Msg: i18n.M("bundle.csv.duplicatecolumn")})
		}
		seen[col] = true
		p.cols = append(p.cols, col)
	}
	if !seen[colTitle] {
		p.add(Problem{Line: 1, Msg: i18n.M("bundle.csv.notitlecolumn", strings.Join(expected(), ", "))})
	}
	return len(p.problems) == 0
}

// expected lists the Dutch column names, for messages.
func expected() []string {
	out := make([]string, numColumns)
	for c := range numColumns {
		out[c] = headers[c][0]
	}
	return out
}

// row reads one record.
func (p *parser) row(line int, rec []string) {
	blank := true
	for _, f := range rec {
		blank = blank && strings.TrimSpace(f) == ""
	}
	if blank {
		return // an empty line, or a row of empty cells Excel left behind
	}
	if len(p.items) >= MaxItems {
		p.add(Problem{Line: line, Msg: i18n.M("bundle.csv.toomany", MaxItems)})
		return
	}
	var f [numColumns]string
	var fname [numColumns]string
	for i, v := range rec {
		if i >= len(p.cols) {
			if strings.TrimSpace(v) != "" {
				p.add(Problem{Line: line, Msg: i18n.M("bundle.csv.toomanyfields", len(rec), len(p.cols))})
				return
			}
			continue
		}
		if c := p.cols[i]; c >= 0 {
			f[c], fname[c] = unneutralise(strings.TrimSpace(v)), p.names[i]
		} else if strings.TrimSpace(v) != "" {
			p.add(Problem{Line: line, Msg: i18n.M("bundle.csv.toomanyfields", len(rec), len(p.cols))})
			return
		}
	}
	before := len(p.problems) + p.more
	it := domain.AgendaItem{Title: strings.Join(strings.Fields(f[colTitle]), " "), Proposal: strings.ReplaceAll(f[colProposal], "\r\n", "\n")}
	switch {
	case it.Title == "":
		p.add(Problem{Line: line, Column: fname[colTitle], Msg: i18n.M("bundle.csv.notitle")})
	case utf8.RuneCountInString(it.Title) > maxTitle:
		p.add(Problem{Line: line, Column: fname[colTitle], Msg: i18n.M("bundle.csv.longtitle", maxTitle)})
	}
	if k, ok := ParseKind(f[colKind], it.Title); ok {
		it.Kind = k
	} else {
		p.add(Problem{Line: line, Column: fname[colKind], Msg: i18n.M("bundle.csv.kind", f[colKind], strings.Join(kindCodes(), ", "))})
	}
	var msg i18n.Message
	if it.PortefeuillehouderID, msg = p.people.find(f[colPortefeuillehouder]); !msg.IsZero() {
		p.add(Problem{Line: line, Column: fname[colPortefeuillehouder], Msg: msg})
	}
	if it.StellerID, msg = p.people.find(f[colSteller]); !msg.IsZero() {
		p.add(Problem{Line: line, Column: fname[colSteller], Msg: msg})
	}
	if c, ok := parseBool(f[colConfidential]); ok {
		it.Confidential = c
	} else {
		p.add(Problem{Line: line, Column: fname[colConfidential], Msg: i18n.M("bundle.csv.bool", f[colConfidential])})
	}
	if len(p.problems)+p.more == before {
		p.items = append(p.items, it)
	}
}

// unneutralise undoes what Write does against formula injection: a text
// that starts with = + - @ is written with a leading apostrophe.
func unneutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@", rune(s[1])) {
		return s[1:]
	}
	return s
}

// ParseKind reads an agenda item kind as a user writes it: the code
// ("besluitvorming"), the Dutch or English label ("ter besluitvorming",
// "for decision"), with or without "ter"/"for", in any case. An empty kind
// follows from the title for the standing items (Opening, Mededelingen,
// Rondvraag, ...) and is "ter bespreking" otherwise.
func ParseKind(s, title string) (domain.ItemKind, bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if s == "" {
		first := ""
		if w := strings.Fields(strings.ToLower(title)); len(w) > 0 {
			first = strings.TrimRight(w[0], ".:,;")
		}
		switch first {
		case "opening", "mededelingen", "rondvraag", "sluiting":
			return domain.ItemKind(first), true
		case "verslag", "besluitenlijst":
			return domain.ItemVerslag, true
		}
		return domain.ItemBespreking, true
	}
	for _, k := range domain.ItemKinds() {
		if s == string(k) {
			return k, true
		}
		for _, l := range i18n.Languages() {
			label := strings.ToLower(i18n.In(l, "domain.itemkind."+string(k)))
			short := strings.TrimPrefix(strings.TrimPrefix(label, "ter "), "for ")
			if s == label || s == short {
				return k, true
			}
		}
	}
	return "", false
}

func kindCodes() []string {
	var out []string
	for _, k := range domain.ItemKinds() {
		out = append(out, string(k))
	}
	return out
}

// parseBool reads a yes/no cell; empty is no.
func parseBool(s string) (v, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "nee", "n", "no", "false", "onwaar", "0", "-":
		return false, true
	case "ja", "j", "yes", "y", "true", "waar", "1", "x", "vertrouwelijk", "confidential", "geheim":
		return true, true
	}
	return false, false
}

// directory finds people by e-mail address or by name.
type directory struct {
	byEmail map[string]int64
	byName  map[string][]int64
}

func newDirectory(people []domain.Person) directory {
	d := directory{byEmail: map[string]int64{}, byName: map[string][]int64{}}
	for _, p := range people {
		if e := strings.ToLower(strings.TrimSpace(p.Email)); e != "" {
			d.byEmail[e] = p.ID
		}
		n := normName(p.Name)
		d.byName[n] = append(d.byName[n], p.ID)
	}
	return d
}

func normName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// find resolves a cell: "", a name, an e-mail address, or "Name <e-mail>"
// (the address decides). A name two people share must be given as an
// address.
func (d directory) find(s string) (int64, i18n.Message) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, i18n.Message{}
	}
	if i, j := strings.LastIndexByte(s, '<'), strings.LastIndexByte(s, '>'); i >= 0 && j > i {
		s = strings.TrimSpace(s[i+1 : j])
	}
	if strings.Contains(s, "@") {
		if id, ok := d.byEmail[strings.ToLower(s)]; ok {
			return id, i18n.Message{}
		}
		return 0, i18n.M("bundle.csv.noperson", s)
	}
	switch ids := d.byName[normName(s)]; len(ids) {
	case 0:
		return 0, i18n.M("bundle.csv.noperson", s)
	case 1:
		return ids[0], i18n.Message{}
	default:
		return 0, i18n.M("bundle.csv.ambiguous", s, len(ids))
	}
}

// Write writes items as CSV in the form Dutch Excel opens directly: UTF-8
// with a byte order mark, ";" as separator, CRLF line ends, the header and
// the kinds in the active language. People are written by name, or by
// e-mail address when another person has the same name, so that the file
// reads back to the same people. Text that starts with = + - @ gets a
// leading apostrophe, so that a spreadsheet does not run it as a formula;
// Parse removes it again.
func Write(w io.Writer, items []domain.AgendaItem, people []domain.Person) error {
	en := i18n.Current() == i18n.English
	lang := 0
	if en {
		lang = 1
	}
	byID := map[int64]domain.Person{}
	names := map[string]int{}
	for _, p := range people {
		byID[p.ID] = p
		names[normName(p.Name)]++
	}
	person := func(id int64) string {
		p, ok := byID[id]
		if !ok {
			return ""
		}
		if names[normName(p.Name)] > 1 && p.Email != "" {
			return p.Email
		}
		return p.Name
	}
	yes, no := "ja", "nee"
	if en {
		yes, no = "yes", "no"
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	head := make([]string, numColumns)
	for c := range numColumns {
		head[c] = headers[c][lang]
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, it := range items {
		conf := no
		if it.Confidential {
			conf = yes
		}
		rec := []string{neutralise(it.Title), it.Kind.Label(), neutralise(person(it.PortefeuillehouderID)),
			neutralise(person(it.StellerID)), conf, neutralise(it.Proposal)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("agenda als CSV: %w", err)
	}
	return nil
}

// neutralise keeps a spreadsheet from reading text as a formula.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
