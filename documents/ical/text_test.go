package ical

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
)

// unescapeText is the reading side of escapeText (RFC 5545 §3.3.11), kept
// in the tests to prove the round trip independently of go-ical.
func unescapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"PHO Jeugd Zeeland", "PHO Jeugd Zeeland"},
		{"Stadhuis, Raadzaal", `Stadhuis\, Raadzaal`},
		{"a;b", `a\;b`},
		{`C:\stukken\voorstel.pdf`, `C:\\stukken\\voorstel.pdf`},
		{"regel 1\nregel 2", `regel 1\nregel 2`},
		{"Windows\r\nregel", `Windows\nregel`},
		{"oude Mac\rregel", `oude Mac\nregel`},
		{"twee\r\n\r\nalinea's", `twee\n\nalinea's`},
		{"tab\tblijft", "tab\tblijft"},
		{"nul\x00en bel\x07", "nul en bel "},
		{"del\x7f", "del "},
		{"kapot \xff UTF-8", "kapot \uFFFD UTF-8"},
		{"café Ĳsselmonde €5", "café Ĳsselmonde €5"},
		{`quote " blijft`, `quote " blijft`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParamText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jan de Vries", "Jan de Vries"},
		{`Jan "Jantje" de Vries`, "Jan 'Jantje' de Vries"},
		{"Vries, Jan de", "Vries, Jan de"},
		{"  twee\nregels\t", "twee regels"},
		{"ctl\x01teken", "ctl teken"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := paramText(tt.in); got != tt.want {
			t.Errorf("paramText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{0, "PT0S"},
		{-time.Hour, "-PT1H"},
		{-30 * time.Minute, "-PT30M"},
		{-90 * time.Minute, "-PT1H30M"},
		{-24 * time.Hour, "-P1D"},
		{-(26*time.Hour + 30*time.Minute), "-P1DT2H30M"},
		{time.Hour, "PT1H"},
		{45 * time.Second, "PT45S"},
		{-(time.Hour + 5*time.Second), "-PT1H5S"},
	}
	for _, tt := range tests {
		got := formatDuration(tt.in)
		if got != tt.want {
			t.Errorf("formatDuration(%v) = %q, want %q", tt.in, got, tt.want)
		}
		// go-ical's own parser must read the same duration back.
		p := goical.NewProp(goical.PropTrigger)
		p.Value = got
		back, err := p.Duration()
		if err != nil || back != tt.in {
			t.Errorf("go-ical reads %q as %v (%v), want %v", got, back, err, tt.in)
		}
	}
}

func FuzzEscapeText(f *testing.F) {
	for _, s := range []string{
		"", "Inkoop jeugdhulp 2027", "Stadhuis, Raadzaal; ingang Markt", `back\slash`,
		"regel\nregel", "dos\r\nregel", "\r", "\\n is geen newline", "\x00\x1f\x7f", "\xc3",
		"Vertrouwelijk: \"geheim\"", "café Ĳ 🙂",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		esc := escapeText(s)
		clean := cleanText(s)
		if strings.ContainsAny(esc, "\r\n") {
			t.Fatalf("escaped value holds a line break: %q", esc)
		}
		for _, r := range esc {
			if (r < 0x20 && r != '\t') || r == 0x7f {
				t.Fatalf("escaped value holds control character %U: %q", r, esc)
			}
		}
		if !utf8.ValidString(esc) {
			t.Fatalf("escaped value is not UTF-8: %q", esc)
		}
		if got := unescapeText(esc); got != clean {
			t.Fatalf("unescape(escape(%q)) = %q, want %q", s, got, clean)
		}
		if cleanText(clean) != clean {
			t.Fatalf("cleanText is not idempotent on %q", s)
		}
		// The description's writer, given s in two pieces, writes what
		// escapeText writes for the whole (split on a character boundary,
		// not inside a CRLF, which cleanText reads as one line break).
		if cut := len(s) / 2; utf8.ValidString(s) && !(cut > 0 && s[cut-1] == '\r' && s[cut] == '\n') {
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			var w textWriter
			w.text(s[:cut])
			w.text(s[cut:])
			if w.String() != esc {
				t.Fatalf("textWriter writes %q as %q, escapeText %q", s, w.String(), esc)
			}
		}
		// go-ical reads our escaping back to the same text, and can encode
		// the value (it refuses CR and LF).
		p := goical.NewProp(goical.PropSummary)
		p.Value = esc
		got, err := p.Text()
		if err != nil || got != clean {
			t.Fatalf("go-ical reads %q as %q (%v), want %q", esc, got, err, clean)
		}
		pt := paramText(s)
		if strings.ContainsAny(pt, "\"\r\n") || !utf8.ValidString(pt) {
			t.Fatalf("paramText(%q) = %q is not a safe parameter value", s, pt)
		}
		// summaryText's fast path agrees with its definition.
		if st, want := summaryText(s), strings.Join(strings.Fields(clean), " "); st != want {
			t.Fatalf("summaryText(%q) = %q, want %q", s, st, want)
		}
	})
}

func TestTextWriter(t *testing.T) {
	// A piece is a string to write, or "\n" for newline().
	tests := []struct {
		pieces []string
		want   string
	}{
		{nil, ""},
		{[]string{"Agenda", "\n", "1. Opening"}, `Agenda\n1. Opening`},
		{[]string{"a, b; c", "\n", "\n", `d\e`}, `a\, b\; c\n\nd\\e`},
		{[]string{"regel", "\n", "\n"}, "regel"},
		{[]string{"\n", "eerst"}, `\neerst`},
		{[]string{"Word\r\nplakken", "", "\n", "bel\x07"}, `Word\nplakken\nbel `},
		{[]string{"kapot \xff", "\n", "café"}, "kapot \uFFFD\\ncafé"},
	}
	for _, tt := range tests {
		var w textWriter
		for _, p := range tt.pieces {
			if p == "\n" {
				w.newline()
			} else {
				w.text(p)
			}
		}
		if got := w.String(); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.pieces, got, tt.want)
		}
		// What the pieces say, read back, is the pieces joined and cleaned.
		joined := strings.TrimRight(strings.Join(tt.pieces, ""), "\n")
		if got, want := unescapeText(w.String()), cleanText(joined); got != want {
			t.Errorf("%q reads back as %q, want %q", tt.pieces, got, want)
		}
	}
}
