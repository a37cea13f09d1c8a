// Package pdf lays out Overlegplanner's documents on A4 pages and writes
// them as PDF. It is the one place that knows the PDF library
// (codeberg.org/go-pdf/fpdf, see ../README.md for why), so that the rest of
// the code speaks of headings, paragraphs, numbered items and tables, and
// so that a change of library — or issue 8's merging of stukken into one
// bundle — touches only this package.
//
// What it guarantees, because municipalities print and archive these files:
//   - the Lato font is embedded as a subset (see assets), so every Dutch
//     character prints and a 25-item agenda stays well under 150 KB;
//   - every page carries the same header (partnership, body) and footer
//     ("pagina X van Y"): Render lays the document out twice, once to count
//     the pages and once to draw them, so Y is known when page 1 is drawn;
//   - text never runs off the page: user text is cleaned (Clean), wrapped,
//     very long words are broken, and tables and paragraphs continue on the
//     next page (table headers repeat) instead of overflowing;
//   - output is reproducible: the creation date comes from the caller and
//     the PDF's internal catalogues are written in a fixed order, so the
//     same input gives the same bytes (golden tests compare them).
//
// Nothing here reads the clock, the environment or the language: callers
// pass rendered strings, so the package has no user-facing text of its own.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Orientation is the direction of the A4 pages.
type Orientation int

// The orientations: portrait for agendas and lists, landscape for the wide
// year plan table.
const (
	Portrait Orientation = iota
	Landscape
)

// Meta is the document information that PDF readers show and archives
// index (ISO 32000-1 §14.3.3).
type Meta struct {
	Title    string
	Subject  string
	Author   string // the secretariat that issues the document
	Keywords string
	Creator  string // the application, "Overlegplanner"
	Lang     string // BCP 47 language of the text, "nl-NL"
	// Created is the creation and modification date. It is required so
	// that output never depends on the clock of the machine that renders.
	Created time.Time
}

// Options describe the pages of one document.
type Options struct {
	Orientation Orientation
	Meta        Meta
	// Accent colours the rule under the header and the header's left text;
	// the zero value gives DefaultAccent. Colours too light to print
	// legibly on white are replaced by DefaultAccent.
	Accent      Color
	HeaderLeft  string // e.g. the partnership, printed bold on every page
	HeaderRight string // e.g. the body
	FooterLeft  string // e.g. "Agenda PHO Jeugd Zeeland, 18 maart 2027"
	// PageLabel renders the page number ("pagina 2 van 5"); nil prints none.
	PageLabel func(page, total int) string
	// Strict turns layout problems (text wider than its box, text below
	// the bottom margin) into an error. Tests and fuzzing set it; in
	// production a slightly imperfect page is better than no agenda.
	Strict bool
}

// Result is a rendered document.
type Result struct {
	PDF   []byte
	Pages int
	// Anchors are the places named with Doc.Anchor, and Links the areas
	// drawn with a TargetLink, for a bundle that merges this document
	// with others (see Merge): there they become bookmarks and jumps.
	Anchors map[string]Anchor
	Links   []Link
}

// ErrLayout is wrapped by Render in strict mode when text did not fit.
var ErrLayout = errors.New("pdf: tekst past niet op de pagina")

// Render lays out the document that build describes and returns its PDF.
// build must be deterministic: it runs twice (see the package comment).
func Render(o Options, build func(d *Doc)) (Result, error) {
	m, err := loadMetrics()
	if err != nil {
		return Result{}, err
	}
	if o.Meta.Created.IsZero() {
		return Result{}, errors.New("pdf: Meta.Created ontbreekt (nodig voor reproduceerbare uitvoer)")
	}
	count := newDoc(m, o, nil, 0)
	count.run(build)
	pages := count.page

	f := fpdf.New(orientationCode(o.Orientation), "mm", "A4", "")
	d := newDoc(m, o, f, pages)
	d.setup()
	d.run(build)
	if d.page != pages {
		// Cannot happen when build is deterministic; a wrong "van Y" on
		// paper is worse than an error.
		return Result{}, fmt.Errorf("pdf: eerste opmaak gaf %d pagina's, tweede %d", pages, d.page)
	}
	if o.Strict && len(d.problems) > 0 {
		return Result{}, fmt.Errorf("%w: %s", ErrLayout, strings.Join(d.problems, "; "))
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return Result{}, fmt.Errorf("pdf: schrijven: %w", err)
	}
	return Result{PDF: tagSubsets(buf.Bytes(), d.loaded), Pages: pages, Anchors: d.anchors, Links: d.links}, nil
}

func orientationCode(o Orientation) string {
	if o == Landscape {
		return "L"
	}
	return "P"
}

// Geometry of the page, in millimetres. The left margin is wider than the
// right one for punching and binding; header and footer sit in the top and
// bottom margins.
const (
	marginLeft   = 22.0
	marginRight  = 18.0
	marginTop    = 26.0 // content starts here; the header sits above
	marginBottom = 20.0 // content ends this far from the bottom; the footer sits below
	headerY      = 11.0
	footerGap    = 11.0 // from the bottom edge to the footer's baseline
)

// Doc is a document being laid out. It keeps a cursor that moves down the
// page; every method draws at the cursor, breaking to a new page when the
// next piece does not fit. A Doc is used only inside Render's build.
type Doc struct {
	m     *metrics
	o     Options
	f     *fpdf.Fpdf // nil in the counting pass: only the cursor moves
	total int        // pages in the document; 0 in the counting pass

	page          int
	pageW, pageH  float64
	x0, x1        float64 // content edges
	top, bottom   float64
	y             float64
	indent        float64
	fresh         bool // nothing drawn below the header on this page yet
	accent        Color
	loaded        [numFaces]bool
	current       Style // font state of f, to avoid repeating operators
	currentLoaded bool
	markers       []marker // labels waiting for the next line (see Labeled)
	problems      []string
	anchors       map[string]Anchor // see links.go
	pending       []string          // anchors waiting for the next line
	links         []Link
}

func newDoc(m *metrics, o Options, f *fpdf.Fpdf, total int) *Doc {
	d := &Doc{m: m, o: o, f: f, total: total, pageW: 210, pageH: 297}
	if o.Orientation == Landscape {
		d.pageW, d.pageH = 297, 210
	}
	d.x0, d.x1 = marginLeft, d.pageW-marginRight
	d.top, d.bottom = marginTop, d.pageH-marginBottom
	d.accent = o.Accent.printable()
	return d
}

// setup fixes everything that would otherwise vary between runs.
func (d *Doc) setup() {
	f, meta := d.f, d.o.Meta
	f.SetCatalogSort(true)
	// fpdf writes the date without a UTC offset ("D:20270304093000"), and
	// readers take such a date as UTC; in UTC it is right everywhere.
	f.SetCreationDate(meta.Created.UTC())
	f.SetModificationDate(meta.Created.UTC())
	f.SetCompression(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetCellMargin(0)
	f.SetTitle(d.m.clean(meta.Title), true)
	f.SetSubject(d.m.clean(meta.Subject), true)
	f.SetAuthor(d.m.clean(meta.Author), true)
	f.SetKeywords(d.m.clean(meta.Keywords), true)
	f.SetCreator(d.m.clean(meta.Creator), true)
	f.SetProducer("Overlegplanner (codeberg.org/go-pdf/fpdf)", false)
	if meta.Lang != "" {
		f.SetLang(meta.Lang)
	}
	f.SetDisplayMode("fullwidth", "continuous")
}

func (d *Doc) run(build func(*Doc)) {
	d.newPage()
	build(d)
	d.footer()
}

// problem records a layout defect for strict mode.
func (d *Doc) problem(format string, args ...any) {
	if len(d.problems) < 20 {
		d.problems = append(d.problems, fmt.Sprintf("pagina %d: ", d.page)+fmt.Sprintf(format, args...))
	}
}

// newPage ends the current page and starts the next one with its header.
func (d *Doc) newPage() {
	if d.page > 0 {
		d.footer()
	}
	d.page++
	if d.f != nil {
		d.f.AddPage()
		d.currentLoaded = false
	}
	d.header()
	d.y = d.top
	d.fresh = true
}

func (d *Doc) header() {
	if d.o.HeaderLeft == "" && d.o.HeaderRight == "" {
		return
	}
	half := (d.x1 - d.x0) / 2
	left := Style{Size: 9, Bold: true, Color: d.accent}
	right := Style{Size: 9, Color: Grey}
	rt := d.m.truncate(right.face(), right.Size, d.m.clean(d.o.HeaderRight), half-4)
	lt := d.m.truncate(left.face(), left.Size, d.m.clean(d.o.HeaderLeft), d.x1-d.x0-d.textWidth(right, rt)-6)
	d.textAt(d.x0, headerY, left, lt)
	d.textAt(d.x1-d.textWidth(right, rt), headerY, right, rt)
	d.lineAt(d.x0, headerY+3.2, d.x1, d.accent, 0.5)
}

func (d *Doc) footer() {
	st := Style{Size: 8, Color: Grey}
	y := d.pageH - footerGap
	label := ""
	if d.o.PageLabel != nil {
		total := d.total
		if total == 0 {
			total = d.page // counting pass: the width does not matter
		}
		label = d.m.truncate(st.face(), st.Size, d.m.clean(d.o.PageLabel(d.page, total)), (d.x1-d.x0)/2)
	}
	lw := d.textWidth(st, label)
	left := d.m.truncate(st.face(), st.Size, d.m.clean(d.o.FooterLeft), d.x1-d.x0-lw-6)
	d.lineAt(d.x0, y-4, d.x1, Rule, 0.2)
	d.textAt(d.x0, y, st, left)
	d.textAt(d.x1-lw, y, st, label)
}

// --- low-level drawing; every mark on the page goes through these ---

// use selects the font and colour of st.
func (d *Doc) use(st Style) {
	if d.f == nil || (d.currentLoaded && d.current == st) {
		return
	}
	fc := st.face()
	if !d.loaded[fc] {
		d.f.AddUTF8FontFromBytes(fc.family(), "", *faceInfo[fc].data)
		d.loaded[fc] = true
	}
	d.f.SetFont(fc.family(), "", st.Size)
	d.f.SetTextColor(int(st.Color.R), int(st.Color.G), int(st.Color.B))
	d.current, d.currentLoaded = st, true
}

// textAt draws one line of clean text with its baseline at y.
func (d *Doc) textAt(x, baseline float64, st Style, s string) {
	if s == "" {
		return
	}
	if w := d.textWidth(st, s); x+w > d.pageW-marginRight+0.05 || x < 0 {
		d.problem("tekst buiten de marge: %.40q", s)
	}
	if d.f == nil {
		return
	}
	d.use(st)
	d.f.Text(x, baseline, s)
}

func (d *Doc) lineAt(x0, y, x1 float64, c Color, width float64) {
	if d.f == nil {
		return
	}
	d.f.SetDrawColor(int(c.R), int(c.G), int(c.B))
	d.f.SetLineWidth(width * ptToMM)
	d.f.Line(x0, y, x1, y)
}

func (d *Doc) fillRect(x, y, w, h float64, c Color) {
	if d.f == nil {
		return
	}
	d.f.SetFillColor(int(c.R), int(c.G), int(c.B))
	d.f.Rect(x, y, w, h, "F")
}

func (d *Doc) link(x, y, w, h float64, url string) {
	if d.f == nil || url == "" {
		return
	}
	if d.internalLink(x, y, w, h, url) {
		return
	}
	d.f.LinkString(x, y, w, h, url)
}

func (d *Doc) textWidth(st Style, s string) float64 { return d.m.widthOf(st.face(), st.Size, s) }

// baseline returns where text of style st sits in a line box at y.
func baseline(y float64, st Style) float64 {
	return y + st.lineHeight()/2 + st.Size*ptToMM*0.33
}

// fits reports whether h millimetres fit below the cursor on this page.
func (d *Doc) fits(h float64) bool { return d.y+h <= d.bottom+0.001 }

// ensure starts a new page unless h millimetres fit below the cursor. On a
// fresh page it never breaks: what does not fit an empty page is split by
// the caller.
func (d *Doc) ensure(h float64) {
	if !d.fits(h) && !d.fresh {
		d.newPage()
	}
}
