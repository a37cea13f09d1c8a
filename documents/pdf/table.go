package pdf

import "strings"

// Column is a column of a Table.
type Column struct {
	Header string
	// Weight is the column's share of the table width. Columns of short,
	// fixed content (dates, times) get small weights, free text large ones.
	Weight float64
	Align  Align
}

// Cell is one cell of a Row.
type Cell struct {
	Text   string
	Bold   bool
	Italic bool
	Muted  bool   // secondary information, in grey
	Alert  bool   // a warning (an impossible deadline), in dark red
	Link   string // makes the text a clickable link
}

// Row is a row of a Table. A row with Group set is a group heading (a
// month, a gemeente) spanning all columns; its Cells are ignored.
type Row struct {
	Cells []Cell
	Group string
}

// Table is a table with a header row that repeats on every page it spans.
type Table struct {
	Columns []Column
	Rows    []Row
	Size    float64 // text size in points; 0: 9
	Zebra   bool    // tint every other row, for wide tables read across
}

// T returns a Cell with text s, for compact table literals.
func T(s string) Cell { return Cell{Text: s} }

// Table prints t across the content column.
func (d *Doc) Table(t Table) {
	if len(t.Columns) == 0 {
		return
	}
	size := t.Size
	if size == 0 {
		size = 9
	}
	x, w := d.x0+d.indent, d.Width()
	const pad = 1.6 // horizontal padding inside a cell
	const padY = 1.1
	total := 0.0
	for _, c := range t.Columns {
		total += max(c.Weight, 0.0001)
	}
	xs := make([]float64, len(t.Columns)+1)
	xs[0] = x
	for i, c := range t.Columns {
		xs[i+1] = xs[i] + w*max(c.Weight, 0.0001)/total
	}
	base := Style{Size: size, Color: Ink}
	box := func(i int, st Style, text, link string, align Align) cellBox {
		cw := xs[i+1] - xs[i] - 2*pad
		return cellBox{x: xs[i] + pad, w: cw, st: st, lines: d.m.wrap(st.face(), st.Size, strings.Trim(d.m.clean(text), "\n "), cw), align: align, link: link}
	}

	headStyle := Style{Size: size * 0.94, Bold: true, Color: Ink}
	head := make([]cellBox, len(t.Columns))
	headLines := 0
	for i, c := range t.Columns {
		head[i] = box(i, headStyle, c.Header, "", c.Align)
		headLines = max(headLines, len(head[i].lines))
	}
	headerH := float64(headLines)*headStyle.lineHeight() + 2*1.3
	header := func() {
		d.drawRow(head, rowOpts{padY: 1.3, fill: &HeaderTint, fx0: x, fx1: x + w, rule: &Grey})
	}
	rowH := base.lineHeight() + 2*padY
	// The header must not stand alone at the bottom of a page.
	d.ensure(headerH + rowH)
	header()

	zebra := false
	for ri, r := range t.Rows {
		if r.Group != "" {
			gs := Style{Size: size, Bold: true, Color: Ink}
			g := []cellBox{{x: x + pad, w: w - 2*pad, st: gs, lines: d.m.wrap(gs.face(), gs.Size, strings.Trim(d.m.clean(r.Group), "\n "), w-2*pad)}}
			// keep a group heading with its first row
			next := 0.0
			if ri+1 < len(t.Rows) {
				next = rowH
			}
			gh := float64(len(g[0].lines))*gs.lineHeight() + 2*1.2
			if !d.fits(gh+next) && !d.fresh {
				d.newPage()
				header()
			}
			d.drawRow(g, rowOpts{padY: 1.2, header: header, headerH: headerH, rule: &Rule, fx0: x, fx1: x + w})
			zebra = false
			continue
		}
		cells := make([]cellBox, len(t.Columns))
		for i, c := range t.Columns {
			var cell Cell
			if i < len(r.Cells) {
				cell = r.Cells[i]
			}
			st := base
			switch {
			case cell.Bold:
				st.Bold = true
			case cell.Italic:
				st.Italic = true
			}
			switch {
			case cell.Alert:
				st.Color = Alert
			case cell.Muted:
				st.Color = Grey
			}
			cells[i] = box(i, st, cell.Text, d.m.clean(cell.Link), c.Align)
		}
		o := rowOpts{padY: padY, header: header, headerH: headerH, rule: &Rule, fx0: x, fx1: x + w}
		if t.Zebra && zebra {
			o.fill = &Tint
		}
		zebra = !zebra
		d.drawRow(cells, o)
	}
	d.y += 1
}
