package components

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Chip is a short status word on a coloured pill ("onhaalbaar", "te laat",
// "3"), so that a status is seen before it is read. The colour is a theme
// colour name, so that it follows the light and dark theme; the text takes
// the matching "foreground on" colour for contrast.
type Chip struct {
	widget.BaseWidget
	Text  string
	Color fyne.ThemeColorName // theme.ColorNameError, Warning, Success, Primary; "" for a neutral grey
}

// NewChip returns a chip with text on colour c.
func NewChip(text string, c fyne.ThemeColorName) *Chip {
	ch := &Chip{Text: text, Color: c}
	ch.ExtendBaseWidget(ch)
	return ch
}

// Set changes the text and colour.
func (c *Chip) Set(text string, col fyne.ThemeColorName) {
	c.Text, c.Color = text, col
	c.Refresh()
}

// CreateRenderer draws the pill and its text.
func (c *Chip) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	txt := canvas.NewText("", color.Black)
	txt.TextSize = theme.CaptionTextSize()
	txt.TextStyle = fyne.TextStyle{Bold: true}
	r := &chipRenderer{chip: c, bg: bg, txt: txt}
	r.Refresh()
	return r
}

type chipRenderer struct {
	chip *Chip
	bg   *canvas.Rectangle
	txt  *canvas.Text
}

func (r *chipRenderer) pill() fyne.Size {
	ts := fyne.MeasureText(r.txt.Text, r.txt.TextSize, r.txt.TextStyle)
	return fyne.NewSize(ts.Width+2*theme.InnerPadding(), ts.Height+theme.Padding())
}

// Layout puts the pill at the leading edge, centred vertically: in a row of
// labels the pill sits on the same line as the text.
func (r *chipRenderer) Layout(size fyne.Size) {
	p := r.pill()
	p.Width = min(p.Width, size.Width)
	y := (size.Height - p.Height) / 2
	r.bg.Move(fyne.NewPos(0, y))
	r.bg.Resize(p)
	ts := fyne.MeasureText(r.txt.Text, r.txt.TextSize, r.txt.TextStyle)
	r.txt.Move(fyne.NewPos((p.Width-ts.Width)/2, y+(p.Height-ts.Height)/2))
	r.txt.Resize(ts)
}

func (r *chipRenderer) MinSize() fyne.Size {
	if r.chip.Text == "" {
		return fyne.NewSize(0, 0)
	}
	p := r.pill()
	return fyne.NewSize(p.Width, p.Height+theme.Padding())
}

func (r *chipRenderer) Refresh() {
	bg, fg := chipColors(r.chip.Color, r.chip)
	if r.chip.Text == "" {
		bg = color.Transparent // an empty chip is no chip: "ok" needs no mark
	}
	r.bg.FillColor = bg
	r.bg.CornerRadius = r.pill().Height / 2
	r.txt.Text = r.chip.Text
	r.txt.Color = fg
	r.bg.Refresh()
	r.txt.Refresh()
}

func (r *chipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.txt} }
func (r *chipRenderer) Destroy()                     {}

// chipColors returns the pill and text colours for theme colour name c.
func chipColors(c fyne.ThemeColorName, w fyne.Widget) (bg, fg color.Color) {
	on := map[fyne.ThemeColorName]fyne.ThemeColorName{
		theme.ColorNameError:   theme.ColorNameForegroundOnError,
		theme.ColorNameWarning: theme.ColorNameForegroundOnWarning,
		theme.ColorNameSuccess: theme.ColorNameForegroundOnSuccess,
		theme.ColorNamePrimary: theme.ColorNameForegroundOnPrimary,
	}
	if f, ok := on[c]; ok {
		return theme.ColorForWidget(c, w), theme.ColorForWidget(f, w)
	}
	return theme.ColorForWidget(theme.ColorNameDisabledButton, w), theme.ColorForWidget(theme.ColorNameForeground, w)
}

// ParseHexColor reads a colour written as "#1f6fb4" or "#17b" (how a
// partnership's colour is stored). ok is false for anything else, so that a
// mistyped colour falls back to a neutral one instead of black.
func ParseHexColor(s string) (c color.NRGBA, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, true
}

// Swatch returns a small bar in colour c, the mark of a partnership in
// lists and the calendar.
func Swatch(c color.Color, width float32) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.CornerRadius = width / 2
	r.SetMinSize(fyne.NewSize(width, width))
	return r
}
