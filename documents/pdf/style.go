package pdf

import "strconv"

// Color is an RGB colour.
type Color struct{ R, G, B uint8 }

// The palette: near-black text, one grey for secondary text, hairlines and
// light tints for table structure, a dark red for warnings. Few colours
// because the documents are printed on office printers, often in black and
// white, and must stay legible there.
var (
	Ink           = Color{0x1d, 0x1d, 0x1b}
	Grey          = Color{0x5a, 0x5e, 0x63}
	Rule          = Color{0xc4, 0xc9, 0xce}
	Tint          = Color{0xf3, 0xf5, 0xf7}
	HeaderTint    = Color{0xe6, 0xea, 0xee}
	Alert         = Color{0xa3, 0x1d, 0x2c}
	DefaultAccent = Color{0x1f, 0x4e, 0x79}
)

// ParseColor reads "#rrggbb" (the form partnerships store); ok is false for
// anything else.
func ParseColor(s string) (c Color, ok bool) {
	if len(s) != 7 || s[0] != '#' {
		return Color{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return Color{}, false
	}
	return Color{uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
}

// printable returns c, or DefaultAccent when c is the zero value or so
// light that a header in it would vanish on paper (relative luminance above
// 0.45, roughly the brightness of a mid orange).
func (c Color) printable() Color {
	if c == (Color{}) {
		return DefaultAccent
	}
	lum := (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
	if lum > 0.45 {
		return DefaultAccent
	}
	return c
}

// Style is the look of a piece of text.
type Style struct {
	Size   float64 // points
	Bold   bool
	Italic bool // ignored when Bold: the documents need no bold italic
	Color  Color
}

// The text styles of the documents. Body text is 10 pt, which prints
// comfortably on A4 and keeps an agenda of 25 items to a few pages.
var (
	Body   = Style{Size: 10, Color: Ink}
	Strong = Style{Size: 10, Bold: true, Color: Ink}
	Label  = Style{Size: 10, Color: Grey}
	Note   = Style{Size: 9, Italic: true, Color: Grey}
	Small  = Style{Size: 8.5, Color: Grey}
)

// With returns s with colour c.
func (s Style) With(c Color) Style { s.Color = c; return s }

// Sized returns s at size pt.
func (s Style) Sized(pt float64) Style { s.Size = pt; return s }

func (s Style) face() face {
	switch {
	case s.Bold:
		return faceBold
	case s.Italic:
		return faceItalic
	}
	return faceRegular
}

// lineHeight is the distance between baselines in millimetres.
func (s Style) lineHeight() float64 { return s.Size * ptToMM * 1.34 }

// LineHeight returns the distance between baselines of st in millimetres,
// for callers that reserve room (KeepTogether).
func LineHeight(st Style) float64 { return st.lineHeight() }
