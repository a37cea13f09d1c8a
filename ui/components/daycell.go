package components

import (
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// DayKind says how a calendar day is marked.
type DayKind int

// The kinds of day a calendar marks.
const (
	DayWorking DayKind = iota // a normal working day
	DayWeekend                // Saturday or Sunday
	DayOff                    // a public holiday or a closed day of the secretariat
	DayRecess                 // in a recess: no meetings are planned
)

// DayEntry is one line in a calendar day: a meeting (with the colour of its
// partnership) or a deadline (minor: smaller and muted).
type DayEntry struct {
	Text  string
	Color color.Color // the bar in front of the text; nil for none
	Minor bool        // a deadline rather than a meeting
	Muted bool        // a cancelled meeting: shown, but greyed
	OnTap func()      // nil: the line is not clickable
}

// DayCell is one day of a month grid: the day number, the reason it is not
// a working day (holiday, closed day, recess), and as many lines as fit,
// with "+n meer" when the rest does not. It is a single widget drawing
// plain canvas objects, because a month shows 42 of them and rebuilding the
// view must stay fast with thousands of meetings in the database.
type DayCell struct {
	widget.BaseWidget

	Label   string // the day number
	Note    string // why the day is special ("Nieuwjaarsdag", "Kerstreces")
	Kind    DayKind
	Today   bool
	Outside bool // a day of the previous or next month
	Entries []DayEntry
	// More renders the line that replaces the entries that do not fit
	// ("+3 meer"); nil shows "+3".
	More func(hidden int) string
	// OnOpen runs when the day number or the "more" line is clicked: show
	// the whole day (the week view).
	OnOpen func()

	hover int // index of the line under the pointer; -1 none
	r     *dayCellRenderer
}

var (
	_ fyne.Tappable      = (*DayCell)(nil)
	_ desktop.Hoverable  = (*DayCell)(nil)
	_ desktop.Cursorable = (*DayCell)(nil)
)

// NewDayCell returns an empty cell.
func NewDayCell() *DayCell {
	c := &DayCell{hover: -1}
	c.ExtendBaseWidget(c)
	return c
}

// lineHeight is the height of one entry line.
func lineHeight() float32 {
	return float32(math.Ceil(float64(theme.CaptionTextSize()*1.3))) + 2
}

// headerHeight is the height of the day-number line.
func headerHeight() float32 { return theme.TextSize()*1.3 + theme.Padding() }

// Shown returns how many entries the cell shows at its current size, and
// whether a "more" line replaces the rest.
func (c *DayCell) Shown() (n int, more bool) { return c.visible(c.Size().Height) }

func (c *DayCell) visible(h float32) (int, bool) {
	room := int((h - headerHeight() - theme.Padding()) / lineHeight())
	room = max(room, 0)
	if len(c.Entries) <= room {
		return len(c.Entries), false
	}
	return max(room-1, 0), true
}

// EntryPosition returns the middle of entry i's line, for tests and
// keyboard access; ok is false when the entry is hidden under "more".
func (c *DayCell) EntryPosition(i int) (fyne.Position, bool) {
	n, _ := c.Shown()
	if i < 0 || i >= n {
		return fyne.Position{}, false
	}
	return fyne.NewPos(c.Size().Width/2, headerHeight()+float32(i)*lineHeight()+lineHeight()/2), true
}

// MorePosition returns the middle of the "more" line; ok is false when all
// entries fit.
func (c *DayCell) MorePosition() (fyne.Position, bool) {
	n, more := c.Shown()
	if !more {
		return fyne.Position{}, false
	}
	return fyne.NewPos(c.Size().Width/2, headerHeight()+float32(n)*lineHeight()+lineHeight()/2), true
}

// line returns the index of the line at y: -2 for the header, len(visible)
// for the "more" line, -1 for nothing.
func (c *DayCell) line(y float32) int {
	if y < headerHeight() {
		return -2
	}
	n, more := c.Shown()
	i := int((y - headerHeight()) / lineHeight())
	switch {
	case i < n:
		return i
	case i == n && more:
		return n
	}
	return -1
}

// Tapped opens the entry under the pointer, or the day.
func (c *DayCell) Tapped(ev *fyne.PointEvent) {
	i := c.line(ev.Position.Y)
	n, _ := c.Shown()
	switch {
	case i >= 0 && i < n:
		if f := c.Entries[i].OnTap; f != nil {
			f()
		}
	case i == n || i == -2:
		if c.OnOpen != nil {
			c.OnOpen()
		}
	}
}

// Cursor shows a hand: every part of a cell does something.
func (c *DayCell) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn highlights the line under the pointer.
func (c *DayCell) MouseIn(ev *desktop.MouseEvent) { c.MouseMoved(ev) }

// MouseMoved follows the pointer from line to line.
func (c *DayCell) MouseMoved(ev *desktop.MouseEvent) {
	if i := c.line(ev.Position.Y); i != c.hover {
		c.hover = i
		c.Refresh()
	}
}

// MouseOut removes the highlight.
func (c *DayCell) MouseOut() {
	if c.hover != -1 {
		c.hover = -1
		c.Refresh()
	}
}

// MinSize is small: the grid decides a cell's size, and a cell shows what
// fits.
func (c *DayCell) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return fyne.NewSize(40, headerHeight()+lineHeight())
}

// CreateRenderer returns the cell's renderer.
func (c *DayCell) CreateRenderer() fyne.WidgetRenderer {
	r := &dayCellRenderer{cell: c, bg: canvas.NewRectangle(color.Transparent), hl: canvas.NewRectangle(color.Transparent),
		num: canvas.NewText("", color.Black), note: canvas.NewText("", color.Black), today: canvas.NewCircle(color.Transparent)}
	r.bg.StrokeWidth = 1
	r.num.TextStyle = fyne.TextStyle{Bold: true}
	r.note.TextSize = theme.CaptionTextSize()
	r.note.TextStyle = fyne.TextStyle{Italic: true}
	c.r = r
	return r
}

type dayLine struct {
	fill *canvas.Rectangle // a meeting's line is tinted in its colour
	bar  *canvas.Rectangle
	txt  *canvas.Text
}

type dayCellRenderer struct {
	cell  *DayCell
	bg    *canvas.Rectangle
	hl    *canvas.Rectangle
	today *canvas.Circle
	num   *canvas.Text
	note  *canvas.Text
	lines []dayLine // pool; the first shown ones are in objs
	objs  []fyne.CanvasObject
}

func (r *dayCellRenderer) Layout(size fyne.Size) {
	c := r.cell
	pad := theme.Padding()
	r.bg.Resize(size)
	r.paint()

	numSize := fyne.MeasureText(r.num.Text, r.num.TextSize, r.num.TextStyle)
	r.num.Move(fyne.NewPos(pad+2, pad/2))
	r.num.Resize(numSize)
	d := max(numSize.Width, numSize.Height) + 4
	r.today.Move(fyne.NewPos(pad+2+numSize.Width/2-d/2, pad/2+numSize.Height/2-d/2))
	r.today.Resize(fyne.NewSize(d, d))
	noteX := pad*2 + 2 + numSize.Width + pad
	r.note.Text = fit(c.Note, r.note.TextSize, r.note.TextStyle, size.Width-noteX-pad)
	ns := fyne.MeasureText(r.note.Text, r.note.TextSize, r.note.TextStyle)
	r.note.Move(fyne.NewPos(noteX, pad/2+numSize.Height-ns.Height))
	r.note.Resize(ns)

	n, more := c.visible(size.Height)
	shown := n
	if more {
		shown++
	}
	for len(r.lines) < shown {
		t := canvas.NewText("", color.Black)
		t.TextSize = theme.CaptionTextSize()
		fill := canvas.NewRectangle(color.Transparent)
		fill.CornerRadius = 3
		r.lines = append(r.lines, dayLine{fill: fill, bar: canvas.NewRectangle(color.Transparent), txt: t})
	}
	r.objs = append(r.objs[:0], r.bg, r.hl, r.today, r.num, r.note)
	lh := lineHeight()
	fg := theme.ColorForWidget(theme.ColorNameForeground, c)
	muted := theme.ColorForWidget(theme.ColorNamePlaceHolder, c)
	for i := 0; i < shown; i++ {
		l := r.lines[i]
		y := headerHeight() + float32(i)*lh
		x := pad
		l.txt.TextStyle = fyne.TextStyle{}
		l.fill.FillColor = color.Transparent
		if i < n {
			e := c.Entries[i]
			l.bar.FillColor = color.Transparent
			if e.Color != nil {
				l.bar.FillColor = e.Color
				if !e.Minor {
					// Meetings are what the eye looks for first:
					// a block in the partnership's colour, as in
					// every agenda program.
					cr, cg, cb, _ := e.Color.RGBA()
					alpha := uint8(0x48)
					if e.Muted {
						alpha = 0x18
					}
					l.fill.FillColor = color.NRGBA{R: uint8(cr >> 8), G: uint8(cg >> 8), B: uint8(cb >> 8), A: alpha}
				}
			}
			l.fill.Move(fyne.NewPos(x, y+1))
			l.fill.Resize(fyne.NewSize(size.Width-x-pad/2, lh-2))
			barW := float32(4)
			if e.Minor {
				barW = 2
				l.txt.TextStyle.Italic = true
			}
			l.bar.Move(fyne.NewPos(x, y+2))
			l.bar.Resize(fyne.NewSize(barW, lh-4))
			x += barW + 3
			l.txt.Color = fg
			if e.Minor || e.Muted || c.Outside {
				l.txt.Color = muted
			}
			l.txt.Text = fit(e.Text, l.txt.TextSize, l.txt.TextStyle, size.Width-x-pad)
		} else {
			l.bar.FillColor = color.Transparent
			l.txt.Color = theme.ColorForWidget(theme.ColorNameHyperlink, c)
			l.txt.TextStyle.Bold = true
			hidden := len(c.Entries) - n
			txt := "+" + strconv.Itoa(hidden)
			if c.More != nil {
				txt = c.More(hidden)
			}
			l.txt.Text = fit(txt, l.txt.TextSize, l.txt.TextStyle, size.Width-x-pad)
		}
		ts := fyne.MeasureText(l.txt.Text, l.txt.TextSize, l.txt.TextStyle)
		l.txt.Move(fyne.NewPos(x, y+(lh-ts.Height)/2))
		l.txt.Resize(ts)
		l.fill.Refresh()
		l.bar.Refresh()
		l.txt.Refresh()
		r.objs = append(r.objs, l.fill, l.bar, l.txt)
	}
	// The hover highlight covers the line under the pointer.
	r.hl.FillColor = color.Transparent
	switch h := c.hover; {
	case h >= 0 && h < shown:
		r.hl.FillColor = theme.ColorForWidget(theme.ColorNameHover, c)
		r.hl.Move(fyne.NewPos(1, headerHeight()+float32(h)*lh))
		r.hl.Resize(fyne.NewSize(size.Width-2, lh))
	case h == -2:
		r.hl.FillColor = theme.ColorForWidget(theme.ColorNameHover, c)
		r.hl.Move(fyne.NewPos(1, 1))
		r.hl.Resize(fyne.NewSize(size.Width-2, headerHeight()-1))
	}
	r.hl.Refresh()
}

// paint sets the colours that follow the day's kind and the theme.
func (r *dayCellRenderer) paint() {
	c := r.cell
	tint := func(name fyne.ThemeColorName, alpha uint8) color.Color {
		cr, cg, cb, _ := theme.ColorForWidget(name, c).RGBA()
		return color.NRGBA{R: uint8(cr >> 8), G: uint8(cg >> 8), B: uint8(cb >> 8), A: alpha}
	}
	// Days of the neighbouring months keep their marks, at half strength.
	strength := func(a uint8) uint8 {
		if c.Outside {
			return a / 2
		}
		return a
	}
	switch c.Kind {
	case DayOff:
		r.bg.FillColor = tint(theme.ColorNameError, strength(0x30))
	case DayRecess:
		r.bg.FillColor = tint(theme.ColorNameWarning, strength(0x2a))
	case DayWeekend:
		r.bg.FillColor = tint(theme.ColorNameForeground, strength(0x0d))
	default:
		r.bg.FillColor = color.Transparent
		if c.Outside {
			r.bg.FillColor = tint(theme.ColorNameForeground, 0x06)
		}
	}
	r.bg.StrokeColor = theme.ColorForWidget(theme.ColorNameSeparator, c)
	r.num.Text = c.Label
	r.num.TextSize = theme.TextSize()
	r.num.Color = theme.ColorForWidget(theme.ColorNameForeground, c)
	r.today.FillColor = color.Transparent
	switch {
	case c.Today:
		r.today.FillColor = theme.ColorForWidget(theme.ColorNamePrimary, c)
		r.num.Color = theme.ColorForWidget(theme.ColorNameForegroundOnPrimary, c)
	case c.Outside:
		r.num.Color = theme.ColorForWidget(theme.ColorNamePlaceHolder, c)
	}
	r.note.Color = theme.ColorForWidget(theme.ColorNameForeground, c)
	if c.Kind == DayOff {
		r.note.Color = theme.ColorForWidget(theme.ColorNameError, c)
	}
	r.bg.Refresh()
	r.today.Refresh()
	r.num.Refresh()
	r.note.Refresh()
}

func (r *dayCellRenderer) MinSize() fyne.Size { return r.cell.MinSize() }

func (r *dayCellRenderer) Refresh() { r.Layout(r.cell.Size()) }

func (r *dayCellRenderer) Objects() []fyne.CanvasObject {
	if len(r.objs) == 0 {
		return []fyne.CanvasObject{r.bg, r.hl, r.today, r.num, r.note}
	}
	return r.objs
}

func (r *dayCellRenderer) Destroy() {}

// Texts returns the texts of the entries the cell currently shows, followed
// by the "more" line if any: what a user reads in the cell.
func (c *DayCell) Texts() []string {
	n, more := c.Shown()
	var out []string
	for _, e := range c.Entries[:n] {
		out = append(out, e.Text)
	}
	if more {
		hidden := len(c.Entries) - n
		if c.More != nil {
			out = append(out, c.More(hidden))
		} else {
			out = append(out, "+"+strconv.Itoa(hidden))
		}
	}
	return out
}

// fit shortens s with an ellipsis until it fits width at the given size.
func fit(s string, size float32, style fyne.TextStyle, width float32) string {
	if s == "" || fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	rs := []rune(s)
	lo, hi := 0, len(rs)
	for lo < hi { // the longest prefix that fits with "…"
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(rs[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return string(rs[:lo]) + "…"
}
