package ical

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// cleanText is the text a TEXT value can carry: valid UTF-8, line breaks
// as a single "\n" (users paste CRLF from Word and mail), and no control
// characters other than tab and newline, which RFC 5545 §3.3.11 forbids
// and which make Outlook reject the whole file.
func cleanText(s string) string {
	if isCleanText(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case c == '\n' || c == '\t':
			b.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// isCleanText reports whether cleanText would return s unchanged; the
// common case, checked without allocating.
func isCleanText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return utf8.ValidString(s)
}

// textSpecial marks the ASCII bytes that escapeText must change: the
// characters RFC 5545 §3.3.11 escapes and the control characters that
// cleanText replaces.
var textSpecial = func() (t [128]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = c != '\t'
	}
	t[0x7f], t['\\'], t[';'], t[','] = true, true, true, true
	return t
}()

// escapeText renders s as an RFC 5545 TEXT value (§3.3.11): backslash,
// semicolon and comma are escaped with a backslash and a line break becomes
// the two characters `\n`, after cleanText. go-ical's SetText does the
// escaping but leaves a CR in place, which its encoder then refuses, so a
// title pasted from Windows would fail the whole invite.
func escapeText(s string) string {
	s, n := cleanForText(s)
	if n == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + n)
	writeEscaped(&b, s)
	return b.String()
}

// cleanForText returns cleanText(s) and the number of characters of it
// that escaping changes. A feed escapes a kilobyte of agenda per event,
// so the common case, clean text, is recognised in one scan.
func cleanForText(s string) (string, int) {
	n, dirty := countEscapes(s)
	if dirty || !utf8.ValidString(s) {
		s = cleanText(s)
		n, _ = countEscapes(s)
	}
	return s, n
}

// writeEscaped writes clean text s to b, escaped.
func writeEscaped(b *strings.Builder, s string) {
	start := 0 // s[start:i] is copied as one run
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '\\':
			esc = `\\`
		case ';':
			esc = `\;`
		case ',':
			esc = `\,`
		case '\n':
			esc = `\n`
		default:
			continue
		}
		b.WriteString(s[start:i])
		b.WriteString(esc)
		start = i + 1
	}
	b.WriteString(s[start:])
}

// textWriter builds a TEXT value piece by piece, escaping as it goes, so
// that a long DESCRIPTION is written once instead of being built and then
// copied again by escapeText. Line breaks are held back until more text
// follows: a value never ends in one.
type textWriter struct {
	b        strings.Builder
	newlines int // line breaks not yet written
}

// grow reserves room for about n more bytes.
func (w *textWriter) grow(n int) { w.b.Grow(n) }

// text writes s, cleaned (see cleanText) and escaped.
func (w *textWriter) text(s string) {
	if s == "" {
		return
	}
	for ; w.newlines > 0; w.newlines-- {
		w.b.WriteString(`\n`)
	}
	if s, n := cleanForText(s); n == 0 {
		w.b.WriteString(s)
	} else {
		writeEscaped(&w.b, s)
	}
}

// newline ends the current line.
func (w *textWriter) newline() { w.newlines++ }

// String returns the escaped value, without trailing line breaks.
func (w *textWriter) String() string { return w.b.String() }

// countEscapes returns how many characters of s escapeText escapes, and
// whether s holds a character that cleanText must change first (a control
// character other than tab and newline); UTF-8 validity is checked apart.
func countEscapes(s string) (n int, dirty bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || !textSpecial[c] {
			continue
		}
		switch c {
		case '\\', ';', ',', '\n':
			n++
		default:
			return 0, true
		}
	}
	return n, false
}

// paramText makes s safe as a parameter value such as CN (RFC 5545 §3.2):
// one line, no control characters, and no double quote, which a parameter
// value cannot contain even quoted. A double quote becomes an apostrophe
// rather than RFC 6868's ^' because Outlook and older parsers do not
// decode that escape and would show it literally. go-ical adds the quotes
// that a comma, colon or semicolon require.
func paramText(s string) string {
	s = cleanText(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '"':
			return '\''
		case r == '\n' || r == '\t':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// summaryText makes s fit a one-line property such as SUMMARY or LOCATION:
// calendar apps show these on one line, so line breaks become spaces.
func summaryText(s string) string {
	if isOneLine(s) {
		return s
	}
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// isOneLine reports whether summaryText would return s unchanged: clean,
// no line breaks or tabs, no leading, trailing or double spaces.
func isOneLine(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if c < 0x20 || c == 0x7f || (c == ' ' && s[i+1] == ' ') {
				return false
			}
			i++
			continue
		}
		// Invalid UTF-8 and Unicode spaces (NBSP, em space) are what
		// cleanText and strings.Fields would change.
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// formatDuration writes d as an RFC 5545 dur-value (§3.3.6) in whole
// seconds: "-PT1H", "-PT30M", "-P1D", "-P1DT2H30M", "PT0S". go-ical's
// SetDuration writes everything in seconds ("-PT3600S"), which is valid
// but shows oddly in some clients' alarm editors.
func formatDuration(d time.Duration) string {
	var b []byte
	if d < 0 {
		b = append(b, '-')
		d = -d
	}
	b = append(b, 'P')
	secs := int64(d / time.Second)
	days, secs := secs/86400, secs%86400
	h, secs := secs/3600, secs%3600
	m, s := secs/60, secs%60
	if days > 0 {
		b = strconv.AppendInt(b, days, 10)
		b = append(b, 'D')
	}
	if h > 0 || m > 0 || s > 0 || days == 0 {
		b = append(b, 'T')
		if h > 0 {
			b = strconv.AppendInt(b, h, 10)
			b = append(b, 'H')
		}
		if m > 0 {
			b = strconv.AppendInt(b, m, 10)
			b = append(b, 'M')
		}
		if s > 0 || (h == 0 && m == 0) {
			b = strconv.AppendInt(b, s, 10)
			b = append(b, 'S')
		}
	}
	return string(b)
}
