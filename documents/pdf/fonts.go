package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/overlegplanner/overlegplanner/assets"
)

// face is one embedded font file. The documents need only three: body
// text, emphasis and notes.
type face int

const (
	faceRegular face = iota
	faceBold
	faceItalic
	numFaces
)

// faceInfo names a face twice: PostScript is the name readers show in
// document properties; family is the name fpdf is given, chosen so that
// fpdf's "utf8"+family is exactly as long as "ABCDEF+"+PostScript, which
// lets finish rename the font in place without moving a byte (see
// tagSubsets).
var faceInfo = [numFaces]struct {
	postScript string
	data       *[]byte
}{
	faceRegular: {"Lato-Regular", &assets.LatoRegular},
	faceBold:    {"Lato-Bold", &assets.LatoBold},
	faceItalic:  {"Lato-Italic", &assets.LatoItalic},
}

// family returns the name under which face f is registered with fpdf.
func (f face) family() string {
	want := len("ABCDEF+"+faceInfo[f].postScript) - len("utf8")
	prefix := fmt.Sprintf("olpface%d", f)
	return prefix + strings.Repeat("x", want-len(prefix))
}

// bmpScan are the code point ranges scanned for glyphs. Lato covers Latin,
// Greek, Cyrillic, IPA and the common symbols; scanning the whole Basic
// Multilingual Plane would triple the one-time cost for nothing.
var bmpScan = [][2]rune{{0x0000, 0x2FFF}, {0xFB00, 0xFB4F}, {0xFE00, 0xFFFF}}

// metrics are the advance widths of the embedded faces in thousandths of
// an em, the unit fpdf itself rounds to, so that our line breaking and
// fpdf's placement agree to the last digit. covered holds the characters
// that every face can draw: text is reduced to those (see Clean) so that a
// word never changes glyphs when it changes style.
type metrics struct {
	width   [numFaces][]uint16 // indexed by rune; len 0x10000
	covered []bool
}

var (
	metricsOnce sync.Once
	fontMetrics *metrics
	metricsErr  error
)

// loadMetrics parses the embedded fonts once per process.
func loadMetrics() (*metrics, error) {
	metricsOnce.Do(func() {
		m := &metrics{covered: make([]bool, 0x10000)}
		var has [numFaces][]bool
		for fc := range numFaces {
			f, err := sfnt.Parse(*faceInfo[fc].data)
			if err != nil {
				metricsErr = fmt.Errorf("pdf: lettertype %s: %w", faceInfo[fc].postScript, err)
				return
			}
			var buf sfnt.Buffer
			upem := int64(f.UnitsPerEm())
			ppem := fixed.I(int(upem)) // one pixel per font unit
			m.width[fc] = make([]uint16, 0x10000)
			has[fc] = make([]bool, 0x10000)
			for _, rg := range bmpScan {
				for r := rg[0]; r <= rg[1]; r++ {
					gi, err := f.GlyphIndex(&buf, r)
					if err != nil || gi == 0 {
						continue
					}
					adv, err := f.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
					if err != nil {
						continue
					}
					has[fc][r] = true
					// adv is in font units, as 26.6 fixed point.
					m.width[fc][r] = uint16((int64(adv)*1000/upem + 32) / 64)
				}
			}
		}
		for r := range m.covered {
			m.covered[r] = has[faceRegular][r] && has[faceBold][r] && has[faceItalic][r]
		}
		fontMetrics = m
	})
	return fontMetrics, metricsErr
}

// tagSubsets renames the embedded fonts in out from fpdf's "utf8…" names to
// "TAG+PostScriptName". ISO 32000-1 §9.6.4 asks for the six-letter tag on
// every subset font; without it pdffonts and preflight tools report the
// font as fully embedded and some prepress checks reject the file. The tag
// derives from the document's own bytes, so two different documents merged
// into one bundle (issue 8) keep distinct tags, and the output stays
// reproducible. The replacement has the same length as the original, so
// the cross-reference offsets stay valid.
func tagSubsets(out []byte, used [numFaces]bool) []byte {
	sum := sha256.Sum256(out)
	for fc := range numFaces {
		if !used[fc] {
			continue
		}
		tag := make([]byte, 6)
		for i := range tag {
			tag[i] = 'A' + sum[(int(fc)*6+i)%len(sum)]%26
		}
		old := "utf8" + fc.family()
		repl := string(tag) + "+" + faceInfo[fc].postScript
		for _, key := range []string{"/BaseFont /", "/FontName /"} {
			out = bytes.ReplaceAll(out, []byte(key+old), []byte(key+repl))
		}
	}
	return out
}
