package components

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// SwatchPicker is a row of colour swatches to choose a partnership's
// colour from: a few presets that stay apart from each other on a calendar
// and read well on both the light and the dark theme.
type SwatchPicker struct {
	widget.BaseWidget
	// Colors are the presets, as "#rrggbb".
	Colors []string
	// Selected is the chosen colour ("" for none); it need not be a preset.
	Selected string
	// OnChanged is called with the colour the user taps.
	OnChanged func(string)

	swatches []*swatch
}

// NewSwatchPicker returns a picker over the preset colours.
func NewSwatchPicker(colors []string, changed func(string)) *SwatchPicker {
	p := &SwatchPicker{Colors: colors, OnChanged: changed}
	p.ExtendBaseWidget(p)
	for _, c := range colors {
		p.swatches = append(p.swatches, newSwatch(c, p))
	}
	return p
}

// SetSelected marks c as chosen without calling OnChanged.
func (p *SwatchPicker) SetSelected(c string) {
	p.Selected = c
	for _, s := range p.swatches {
		s.Refresh()
	}
}

// Tap chooses preset i, as a user's tap does.
func (p *SwatchPicker) Tap(i int) {
	if i >= 0 && i < len(p.swatches) {
		p.swatches[i].Tapped(nil)
	}
}

// CreateRenderer lays the swatches out in a row.
func (p *SwatchPicker) CreateRenderer() fyne.WidgetRenderer {
	objs := make([]fyne.CanvasObject, len(p.swatches))
	for i, s := range p.swatches {
		objs[i] = s
	}
	return widget.NewSimpleRenderer(container.NewHBox(objs...))
}

// swatch is one tappable colour square; the chosen one has a ring in the
// foreground colour.
type swatch struct {
	widget.BaseWidget
	hex    string
	picker *SwatchPicker
}

func newSwatch(hex string, p *SwatchPicker) *swatch {
	s := &swatch{hex: hex, picker: p}
	s.ExtendBaseWidget(s)
	return s
}

// Tapped chooses this colour.
func (s *swatch) Tapped(*fyne.PointEvent) {
	s.picker.SetSelected(s.hex)
	if s.picker.OnChanged != nil {
		s.picker.OnChanged(s.hex)
	}
}

// MinSize is a square a finger or a mouse finds easily.
func (s *swatch) MinSize() fyne.Size { return fyne.NewSize(30, 30) }

func (s *swatch) CreateRenderer() fyne.WidgetRenderer {
	fill, _ := ParseHexColor(s.hex)
	ring := canvas.NewRectangle(color.Transparent)
	ring.CornerRadius = 6
	ring.StrokeWidth = 2
	inner := canvas.NewRectangle(fill)
	inner.CornerRadius = 4
	r := &swatchRenderer{s: s, ring: ring, inner: inner}
	r.Refresh()
	return r
}

type swatchRenderer struct {
	s     *swatch
	ring  *canvas.Rectangle
	inner *canvas.Rectangle
}

func (r *swatchRenderer) Layout(size fyne.Size) {
	r.ring.Resize(size)
	r.inner.Move(fyne.NewPos(4, 4))
	r.inner.Resize(size.SubtractWidthHeight(8, 8))
}

func (r *swatchRenderer) MinSize() fyne.Size { return r.s.MinSize() }

func (r *swatchRenderer) Refresh() {
	r.ring.StrokeColor = color.Transparent
	if strings.EqualFold(r.s.picker.Selected, r.s.hex) {
		r.ring.StrokeColor = theme.Color(theme.ColorNameForeground)
	}
	r.ring.Refresh()
	r.inner.Refresh()
}

func (r *swatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.ring, r.inner} }
func (r *swatchRenderer) Destroy()                     {}
