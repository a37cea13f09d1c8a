package components

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// NewWrapBox returns a vertical box for lines of wrapping text (previews,
// reasons, warnings) whose content changes while it is shown. Fyne's VBox
// asks a wrapping label for its height before the label knows its width,
// so a label that wraps to three lines gets the room of one and the lines
// below are drawn over it. This box gives every child the box's width
// first and then asks its height.
func NewWrapBox(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&wrapBoxLayout{}, objs...)
}

// wrapBoxLayout stacks its children at full width, each as high as its
// text needs at that width, with the theme's padding between them.
type wrapBoxLayout struct {
	width float32 // of the last layout; 0 before the first
}

func (l *wrapBoxLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	var y float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := l.heightAt(o, size.Width)
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}

func (l *wrapBoxLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		if l.width > 0 {
			h += l.heightAt(o, l.width)
		} else {
			h += o.MinSize().Height
		}
		w = max(w, o.MinSize().Width)
		n++
	}
	if n > 1 {
		h += theme.Padding() * float32(n-1)
	}
	return fyne.NewSize(w, h)
}

// heightAt is the height o needs when it is width wide: a wrapping text
// measures its lines at its current width, so it is given that width
// before it is asked.
func (l *wrapBoxLayout) heightAt(o fyne.CanvasObject, width float32) float32 {
	if o.Size().Width != width {
		o.Resize(fyne.NewSize(width, o.MinSize().Height))
	}
	return o.MinSize().Height
}
