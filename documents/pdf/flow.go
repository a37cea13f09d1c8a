package pdf

import (
	"regexp"
	"strings"
)

// Align is the horizontal alignment of text in a column.
type Align int

// The alignments.
const (
	Left Align = iota
	Right
	Center
)

// marker is a label (an item number) waiting to be drawn beside the first
// line of what follows, so that it lands on the same page as that line.
type marker struct {
	x    float64
	st   Style
	text string
}

// Width returns the width of the content column at the current indent.
func (d *Doc) Width() float64 { return d.x1 - d.x0 - d.indent }

// Remaining returns the height left on the current page below the cursor.
func (d *Doc) Remaining() float64 { return d.bottom - d.y }

// KeepTogether starts a new page unless h millimetres fit on this one; for
// blocks that read badly when split (a heading with its first lines, a
// short agenda item).
func (d *Doc) KeepTogether(h float64) { d.ensure(h) }

// Space moves the cursor down mm millimetres; at the top of a page it does
// nothing, so that a page never starts with a gap.
func (d *Doc) Space(mm float64) {
	if d.fresh {
		return
	}
	d.y = min(d.y+mm, d.bottom)
}

// HRule draws a hairline across the content column.
func (d *Doc) HRule() {
	d.ensure(2)
	d.lineAt(d.x0+d.indent, d.y+0.8, d.x1, Rule, 0.4)
	d.y += 1.6
	d.fresh = false
}

// Heading prints a title (level 1), a section heading (2) or a
// sub-heading (3). Headings keep a few lines of what follows with them.
func (d *Doc) Heading(level int, s string) {
	var st Style
	var before, after, keep float64
	switch level {
	case 1:
		st, before, after, keep = Style{Size: 18, Bold: true, Color: Ink}, 0, 1, 20
	case 2:
		st, before, after, keep = Style{Size: 12.5, Bold: true, Color: Ink}, 6, 2.5, 22
	default:
		st, before, after, keep = Style{Size: 10.5, Bold: true, Color: Ink}, 3.5, 1, 12
	}
	d.Space(before)
	lines := d.m.wrap(st.face(), st.Size, d.m.clean(s), d.Width())
	d.ensure(float64(len(lines))*st.lineHeight() + keep)
	d.flow(st, d.x0+d.indent, lines, "")
	if level == 2 {
		d.lineAt(d.x0+d.indent, d.y+0.6, d.x1, Rule, 0.5)
		d.y += 0.6
	}
	d.y += after
}

// listMarker recognises a typed enumeration at the start of a line ("1.",
// "2)", "a.", "-", "•"), so that wrapped lines of a numbered proposal hang
// under the text, as a word processor would set them.
var listMarker = regexp.MustCompile(`^\s*(\d{1,3}[.)]|[a-z][.)]|[-–•*])\s+`)

// Paragraph prints text s in style st, wrapped to the content column.
// Line breaks in s are kept; runs of empty lines shrink to one, and lines
// that start with an enumeration get a hanging indent.
func (d *Doc) Paragraph(st Style, s string) {
	d.paragraphAt(st, s, d.x0+d.indent, d.Width(), "")
}

// Link prints text s in style st as a clickable link to url.
func (d *Doc) Link(st Style, s, url string) {
	d.paragraphAt(st, s, d.x0+d.indent, d.Width(), d.m.clean(url))
}

func (d *Doc) paragraphAt(st Style, s string, x, w float64, link string) {
	s = strings.Trim(d.m.clean(s), "\n ")
	if s == "" {
		return
	}
	lh := st.lineHeight()
	// Keep at least two lines together so that no line is left alone at
	// the bottom of a page.
	d.ensure(min(2, float64(strings.Count(s, "\n")+2)) * lh)
	blank := false
	for para := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(para) == "" {
			if !blank {
				d.ensure(lh)
				d.y += lh * 0.6
			}
			blank = true
			continue
		}
		blank = false
		if loc := listMarker.FindStringSubmatchIndex(para); loc != nil && link == "" {
			mk := para[loc[2]:loc[3]]
			hang := max(d.textWidth(st, mk)+1.8, 5)
			if hang < w/3 {
				lines := d.m.wrap(st.face(), st.Size, para[loc[1]:], w-hang)
				d.ensure(lh)
				d.markers = append(d.markers, marker{x: x, st: st, text: mk})
				d.flow(st, x+hang, lines, "")
				continue
			}
		}
		d.flow(st, x, d.m.wrap(st.face(), st.Size, para, w), link)
	}
}

// flow draws lines of style st at x, one under the other, breaking to a
// new page whenever the next line does not fit.
func (d *Doc) flow(st Style, x float64, lines []string, link string) {
	lh := st.lineHeight()
	for _, ln := range lines {
		d.ensure(lh)
		b := baseline(d.y, st)
		d.drawMarker(b)
		d.textAt(x, b, st, ln)
		if link != "" {
			d.link(x, d.y, d.textWidth(st, ln), lh, link)
		}
		d.y += lh
		d.fresh = false
		d.checkBottom()
	}
}

// checkBottom records text that ran below the bottom margin, into the
// footer; for strict mode.
func (d *Doc) checkBottom() {
	if d.y > d.bottom+0.01 {
		d.problem("tekst loopt %.1f mm onder de ondermarge", d.y-d.bottom)
	}
}

// drawMarker draws the pending markers beside the line with baseline b:
// an item number, a field label and a list marker can all wait for the
// same first line.
func (d *Doc) drawMarker(b float64) {
	d.placeAnchors()
	for _, mk := range d.markers {
		d.textAt(mk.x, b, mk.st, mk.text)
	}
	d.markers = d.markers[:0]
}

// Labeled prints label (an agenda item's number, a field name such as
// "Voorstel") in style st in a column of width mm, and what body draws
// indented beside it. The label is drawn with body's first line, so it
// never ends up alone at the bottom of the previous page.
func (d *Doc) Labeled(label string, st Style, width float64, body func()) {
	d.markers = append(d.markers, marker{x: d.x0 + d.indent, st: st, text: d.m.truncate(st.face(), st.Size, d.m.clean(label), width-1)})
	d.indent += width
	body()
	d.indent -= width
	if len(d.markers) > 0 { // body drew nothing: the label stands alone
		d.flow(st, d.x0+d.indent+width, []string{""}, "")
	}
}

// Indent runs body with the content column indented by mm millimetres.
func (d *Doc) Indent(mm float64, body func()) {
	d.indent += mm
	body()
	d.indent -= mm
}

// TitleLine prints left in style ls, wrapped, with right in style rs
// aligned to the right edge on the first line: an agenda item's title with
// its kind ("ter besluitvorming").
func (d *Doc) TitleLine(left string, ls Style, right string, rs Style) {
	x, w := d.x0+d.indent, d.Width()
	right = d.m.truncate(rs.face(), rs.Size, d.m.clean(right), w*0.4)
	rw := 0.0
	if right != "" {
		rw = d.textWidth(rs, right) + 4
	}
	cells := []cellBox{
		{x: x, w: w - rw, st: ls, lines: d.m.wrap(ls.face(), ls.Size, strings.Trim(d.m.clean(left), "\n "), w-rw)},
	}
	if right != "" {
		cells = append(cells, cellBox{x: x + w - rw, w: rw, st: rs, lines: []string{right}, align: Right})
	}
	d.drawRow(cells, rowOpts{})
}

// Field is one line of a label–value block.
type Field struct {
	Label string
	Value string
	Link  string // makes the value a clickable link (an online meeting)
	Style *Style // the value's style; nil: Body
}

// Fields prints a label–value block (Datum, Tijd, Locatie) with the labels
// in a column of labelWidth millimetres. Empty values are left out.
func (d *Doc) Fields(labelWidth float64, fields []Field) {
	x, w := d.x0+d.indent, d.Width()
	labelWidth = min(labelWidth, w/2)
	for _, f := range fields {
		value := strings.Trim(d.m.clean(f.Value), "\n ")
		if value == "" {
			continue
		}
		vs := Body
		if f.Style != nil {
			vs = *f.Style
		}
		ls := Label.Sized(vs.Size)
		d.drawRow([]cellBox{
			{x: x, w: labelWidth - 2, st: ls, lines: d.m.wrap(ls.face(), ls.Size, d.m.clean(f.Label), labelWidth-2)},
			{x: x + labelWidth, w: w - labelWidth, st: vs, lines: d.m.wrap(vs.face(), vs.Size, value, w-labelWidth), link: d.m.clean(f.Link)},
		}, rowOpts{padY: 0.4})
	}
}

// ListItem is one entry of a List: a short label (a number, a bullet) and
// its text.
type ListItem struct {
	Marker string
	Text   string
	Style  *Style // nil: the list's style
	Link   string // makes the text clickable: a web address or a TargetLink
}

// List prints items with their markers in a column of markerWidth mm and
// their texts wrapped beside them: the attachments of an agenda item.
func (d *Doc) List(st Style, markerWidth float64, items []ListItem) {
	x, w := d.x0+d.indent, d.Width()
	for _, it := range items {
		ts := st
		if it.Style != nil {
			ts = *it.Style
		}
		mk := d.m.truncate(st.face(), st.Size, d.m.clean(it.Marker), markerWidth-1)
		d.drawRow([]cellBox{
			{x: x, w: markerWidth, st: st, lines: []string{mk}},
			{x: x + markerWidth, w: w - markerWidth, st: ts, lines: d.m.wrap(ts.face(), ts.Size, strings.Trim(d.m.clean(it.Text), "\n "), w-markerWidth), link: d.m.clean(it.Link)},
		}, rowOpts{padY: 0.2})
	}
}

// Banner prints s in a tinted box across the content column: a notice
// that must not be missed ("Openbare versie", "Deze vergadering is
// geannuleerd").
func (d *Doc) Banner(st Style, fill Color, s string) {
	x, w := d.x0+d.indent, d.Width()
	pad := 2.5
	lines := d.m.wrap(st.face(), st.Size, strings.Trim(d.m.clean(s), "\n "), w-2*pad)
	d.drawRow([]cellBox{{x: x + pad, w: w - 2*pad, st: st, lines: lines}},
		rowOpts{padY: 1.6, fill: &fill, fx0: x, fx1: x + w})
}

// cellBox is one cell of a row being drawn: its column and its lines,
// already wrapped to the column's width.
type cellBox struct {
	x, w  float64
	st    Style
	lines []string
	align Align
	link  string
}

// rowOpts are the decorations of a row.
type rowOpts struct {
	padY     float64
	fill     *Color  // background from fx0 to fx1
	fx0, fx1 float64 //
	rule     *Color  // hairline under the row
	header   func()  // redraws the table header after a page break
	headerH  float64 // height header needs
	minLines int     // lines that must fit before a row may split; 0: 2
}

// drawRow draws cells side by side. A row that does not fit moves to the
// next page when it would fit there; a row taller than a page (a proposal
// of several thousand words) is split line by line, with the table header
// repeated above each continuation.
func (d *Doc) drawRow(cells []cellBox, o rowOpts) {
	lh, n := 0.0, 0
	for _, c := range cells {
		lh = max(lh, c.st.lineHeight())
		n = max(n, len(c.lines))
	}
	if n == 0 {
		return
	}
	pageRoom := d.bottom - d.top - o.headerH
	need := float64(n)*lh + 2*o.padY
	minLines := o.minLines
	if minLines == 0 {
		minLines = 2
	}
	if !d.fits(need) && !d.fresh && (need <= pageRoom || !d.fits(float64(min(n, minLines))*lh+2*o.padY)) {
		d.newPage()
		if o.header != nil {
			o.header()
		}
	}
	for start := 0; start < n; {
		avail := int((d.bottom - d.y - 2*o.padY + 0.001) / lh)
		if avail < 1 {
			if !d.fresh {
				d.newPage()
				if o.header != nil {
					o.header()
				}
				continue
			}
			avail = 1 // an empty page always takes a line
		}
		end := min(n, start+avail)
		h := float64(end-start)*lh + 2*o.padY
		if o.fill != nil {
			d.fillRect(o.fx0, d.y, o.fx1-o.fx0, h, *o.fill)
		}
		for i := start; i < end; i++ {
			y := d.y + o.padY + float64(i-start)*lh
			b := baseline(y, cells[0].st)
			if i == start && start == 0 {
				d.drawMarker(b)
			}
			for _, c := range cells {
				if i >= len(c.lines) || c.lines[i] == "" {
					continue
				}
				cb := baseline(y, c.st)
				tw := d.textWidth(c.st, c.lines[i])
				if tw > c.w+0.05 {
					d.problem("tekst breder dan kolom (%.1f > %.1f mm): %.40q", tw, c.w, c.lines[i])
				}
				x := c.x
				switch c.align {
				case Right:
					x = c.x + c.w - tw
				case Center:
					x = c.x + (c.w-tw)/2
				}
				d.textAt(x, cb, c.st, c.lines[i])
				if c.link != "" {
					d.link(x, y, tw, lh, c.link)
				}
			}
		}
		d.y += h
		d.fresh = false
		d.checkBottom()
		if o.rule != nil {
			d.lineAt(o.fx0, d.y, o.fx1, *o.rule, 0.3)
		}
		start = end
		if start < n {
			d.newPage()
			if o.header != nil {
				o.header()
			}
		}
	}
}
