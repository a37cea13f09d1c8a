package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ptToMM converts typographic points to millimetres.
const ptToMM = 25.4 / 72

// Clean reduces user-typed text to what the embedded font can print, so
// that whatever a secretary pastes into a title (from Word, a mail, a web
// page) renders without gaps, boxes or broken lines:
//
//   - invalid UTF-8 becomes U+FFFD (and then '?'); the text is composed
//     (NFC), so "e" + combining diaeresis prints as one "ë";
//   - line breaks of every kind (CR LF, CR, U+2028, U+2029) become "\n";
//     tabs and other spaces the font lacks become a plain space;
//   - control and format characters (zero-width spaces, soft hyphens, bidi
//     overrides, byte-order marks) are dropped: they are invisible, and a
//     bidi override could make printed text read differently from the data;
//   - typed ligatures ("ﬁ") are spelled out, so the word can be found;
//   - a character the font lacks is replaced by its compatibility
//     decomposition when the font has that ("ﬁ" → "fi", "①" → "1", a
//     full-width "Ａ" → "A"), dropped when it is a combining mark or emoji
//     modifier, and otherwise printed as "?", so that something visibly
//     stands where the writer put a character we cannot show.
func Clean(s string) string {
	m, err := loadMetrics()
	if err != nil {
		return s
	}
	return m.clean(s)
}

func (m *metrics) has(r rune) bool { return r >= 0 && r < 0x10000 && m.covered[r] }

func (m *metrics) clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	if isASCII(s) {
		return m.cleanPass(s)
	}
	// Dropping an invisible character can bring a letter and a combining
	// mark together that composition then joins ("A", U+0017, U+0301
	// becomes "Á"), and a stand-in can do the same; repeat until nothing
	// changes, so that cleaning clean text is a no-op. Real text settles
	// in one round.
	for range 4 {
		next := m.cleanPass(norm.NFC.String(s))
		if next == s {
			break
		}
		s = next
	}
	return s
}

// cleanPass maps every character of s to what the font can print.
func (m *metrics) cleanPass(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r):
			// invisible: drop
		case r >= 0xFB00 && r <= 0xFB06:
			// A typed ligature ("ﬁ" from a PDF or Word copy) prints fine
			// but would make the word unfindable by search and copy.
			b.WriteString(norm.NFKD.String(string(r)))
		case m.has(r):
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Sk) || isEmojiModifier(r):
			// a mark the font cannot place (variation selectors, skin tones)
		default:
			b.WriteString(m.approximate(r))
		}
	}
	return b.String()
}

// approximate returns a printable stand-in for r, which the font lacks.
func (m *metrics) approximate(r rune) string {
	d := norm.NFKD.String(string(r))
	var b strings.Builder
	for _, x := range d {
		switch {
		case m.has(x):
			b.WriteRune(x)
		case unicode.In(x, unicode.Mn, unicode.Me):
		default:
			return "?"
		}
	}
	if b.Len() == 0 {
		return "?"
	}
	return b.String()
}

func isEmojiModifier(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// width returns the width of s in millimetres at size pt in face fc.
// s must be Clean.
func (m *metrics) widthOf(fc face, size float64, s string) float64 {
	w := m.width[fc]
	var units int
	for _, r := range s {
		if r < 0x10000 {
			units += int(w[r])
		}
	}
	return float64(units) * size / 1000 * ptToMM
}

// wrap breaks clean text s into lines no wider than w millimetres at size
// pt in face fc. A "\n" is a hard break and an empty line stays an empty
// line. Lines break at spaces (a no-break space holds); a word wider than
// the whole line — a long URL, a file name, a fuzzer's "aaaa…" — is broken
// between characters, because a line that runs off the page hides text.
func (m *metrics) wrap(fc face, size float64, s string, w float64) []string {
	var lines []string
	for para := range strings.SplitSeq(s, "\n") {
		lines = m.wrapParagraph(lines, fc, size, para, w)
	}
	return lines
}

func (m *metrics) wrapParagraph(lines []string, fc face, size float64, para string, w float64) []string {
	space := m.widthOf(fc, size, " ")
	var line strings.Builder
	lineW := 0.0
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		lineW = 0
	}
	words := strings.Fields(strings.ReplaceAll(para, "\u00a0", "\x00"))
	if len(words) == 0 {
		return append(lines, "")
	}
	for _, word := range words {
		word = strings.ReplaceAll(word, "\x00", "\u00a0")
		ww := m.widthOf(fc, size, word)
		switch {
		case line.Len() > 0 && lineW+space+ww <= w:
			line.WriteByte(' ')
			line.WriteString(word)
			lineW += space + ww
			continue
		case line.Len() > 0:
			flush()
		}
		if ww <= w {
			line.WriteString(word)
			lineW = ww
			continue
		}
		// Break the long word between characters.
		for _, r := range word {
			rw := m.runeWidth(fc, size, r)
			if line.Len() > 0 && lineW+rw > w {
				flush()
			}
			line.WriteRune(r)
			lineW += rw
		}
	}
	if line.Len() > 0 {
		flush()
	}
	return lines
}

// truncate shortens clean s with an ellipsis until it fits w millimetres;
// for one-line places (headers and footers) where wrapping would collide
// with the page edge.
func (m *metrics) truncate(fc face, size float64, s string, w float64) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if m.widthOf(fc, size, s) <= w {
		return s
	}
	ell := "…"
	if !m.has('…') {
		ell = "..."
	}
	room := w - m.widthOf(fc, size, ell)
	used := 0.0
	for i, r := range s {
		used += m.runeWidth(fc, size, r)
		if used > room {
			return strings.TrimRight(s[:i], " ") + ell
		}
	}
	return s
}

// runeWidth returns the width of r in millimetres at size pt in face fc.
func (m *metrics) runeWidth(fc face, size float64, r rune) float64 {
	if r < 0 || r >= 0x10000 {
		return 0
	}
	return float64(m.width[fc][r]) * size / 1000 * ptToMM
}
