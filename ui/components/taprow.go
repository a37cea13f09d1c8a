package components

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TapRow is one line of an overview list that opens the thing it is about.
// The whole line is the target rather than a small link inside it, and it
// lights up under the pointer with a hand cursor, as rows in mail and agenda
// programs do: a secretary scanning a list clicks where the eye already is.
type TapRow struct {
	widget.BaseWidget
	// Content is what the row shows, usually a Columns container.
	Content fyne.CanvasObject
	// OnTapped runs when the row is clicked; nil makes the row inert.
	OnTapped func()

	hovered bool
}

var (
	_ fyne.Tappable      = (*TapRow)(nil)
	_ desktop.Hoverable  = (*TapRow)(nil)
	_ desktop.Cursorable = (*TapRow)(nil)
)

// NewTapRow returns a row showing content that calls onTapped when clicked.
func NewTapRow(content fyne.CanvasObject, onTapped func()) *TapRow {
	r := &TapRow{Content: content, OnTapped: onTapped}
	r.ExtendBaseWidget(r)
	return r
}

// Tapped runs OnTapped.
func (r *TapRow) Tapped(*fyne.PointEvent) {
	if r.OnTapped != nil {
		r.OnTapped()
	}
}

// Cursor shows a hand over rows that do something.
func (r *TapRow) Cursor() desktop.Cursor {
	if r.OnTapped == nil {
		return desktop.DefaultCursor
	}
	return desktop.PointerCursor
}

// MouseIn highlights the row.
func (r *TapRow) MouseIn(*desktop.MouseEvent) { r.setHover(true) }

// MouseMoved is required by desktop.Hoverable; the highlight does not move.
func (r *TapRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the highlight.
func (r *TapRow) MouseOut() { r.setHover(false) }

func (r *TapRow) setHover(h bool) {
	if r.OnTapped == nil || r.hovered == h {
		return
	}
	r.hovered = h
	r.Refresh()
}

// CreateRenderer draws a rounded hover background behind the content.
func (r *TapRow) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	return &tapRowRenderer{row: r, bg: bg}
}

type tapRowRenderer struct {
	row *TapRow
	bg  *canvas.Rectangle
}

func (rr *tapRowRenderer) Layout(size fyne.Size) {
	rr.bg.Resize(size)
	if rr.row.Content != nil {
		rr.row.Content.Move(fyne.NewPos(0, 0))
		rr.row.Content.Resize(size)
	}
}

func (rr *tapRowRenderer) MinSize() fyne.Size {
	if rr.row.Content == nil {
		return fyne.NewSize(0, 0)
	}
	return rr.row.Content.MinSize()
}

func (rr *tapRowRenderer) Refresh() {
	if rr.row.hovered {
		rr.bg.FillColor = theme.ColorForWidget(theme.ColorNameHover, rr.row)
	} else {
		rr.bg.FillColor = color.Transparent
	}
	rr.bg.Refresh()
	if rr.row.Content != nil {
		rr.row.Content.Refresh()
	}
}

func (rr *tapRowRenderer) Objects() []fyne.CanvasObject {
	if rr.row.Content == nil {
		return []fyne.CanvasObject{rr.bg}
	}
	return []fyne.CanvasObject{rr.bg, rr.row.Content}
}

func (rr *tapRowRenderer) Destroy() {}

// Columns lays out objects side by side with fixed widths, except the
// flexible column, which takes what is left. Rows built with the same widths
// line up into a table without the cost of a table widget, and a row keeps
// its natural height (a table's rows all have one height).
type Columns struct {
	// Widths are the widths of the columns; the value at Flex is the
	// flexible column's minimum.
	Widths []float32
	// Flex is the index of the column that takes the remaining width.
	Flex int
}

var _ fyne.Layout = (*Columns)(nil)

// NewColumns returns a container that lays out objs with the given widths,
// column flex taking the remaining width. Objects beyond the widths are
// laid out with width zero; give as many widths as objects.
func NewColumns(widths []float32, flex int, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&Columns{Widths: widths, Flex: flex}, objs...)
}

// Layout places the columns left to right with theme padding between them;
// every object gets the full row height so that labels line up on one
// baseline.
func (c *Columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed := float32(0)
	for i, w := range c.Widths {
		if i != c.Flex {
			fixed += w
		}
	}
	gaps := pad * float32(max(len(objs)-1, 0))
	flex := max(size.Width-fixed-gaps, 0)
	x := float32(0)
	for i, o := range objs {
		w := float32(0)
		switch {
		case i == c.Flex:
			w = flex
		case i < len(c.Widths):
			w = c.Widths[i]
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

// MinSize is the sum of the widths and the tallest object.
func (c *Columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		if i < len(c.Widths) {
			w += c.Widths[i]
		}
		h = max(h, o.MinSize().Height)
	}
	w += theme.Padding() * float32(max(len(objs)-1, 0))
	return fyne.NewSize(w, h)
}

// Spacer returns an empty object for a column that shows nothing in this
// row, so that the next columns stay in line.
func Spacer() fyne.CanvasObject { return layout.NewSpacer() }
