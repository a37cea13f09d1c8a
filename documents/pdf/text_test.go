package pdf

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func mustMetrics(t testing.TB) *metrics {
	t.Helper()
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Geëerbiedigde café-eigenaren", "Geëerbiedigde café-eigenaren"},
		{"€ 1,2 mln – ‘enkel’ “dubbel” …", "€ 1,2 mln – ‘enkel’ “dubbel” …"},
		{"e\u0308e\u0301", "ëé"}, // composed (NFC)
		{"regel\r\nregel\rregel\u2028regel", "regel\nregel\nregel\nregel"}, // every line break
		{"a\tb", "a b"},
		{"zero\u200bwidth\u00adsoft\ufeffbom", "zerowidthsoftbom"}, // invisible format characters
		{"\u202eevil\u202c", "evil"},                               // bidi override
		{"nul\x00bel\x07", "nulbel"},
		{"\ufb01nanci\u00ebn", "financiën"}, // ligature decomposed
		{"Ａ１", "A1"},                        // full width
		{"emoji 😀👍🏽", "emoji ??"},           // astral: a visible stand-in, modifier dropped
		{"日本", "??"},
		{"ongeldig \xff", "ongeldig ?"},
		{"IJsselmonde ĳ", "IJsselmonde ĳ"},
	}
	for _, tc := range tests {
		if got := Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	m := mustMetrics(t)
	tests := []struct {
		name  string
		in    string
		width float64
		want  []string
	}{
		{"empty", "", 50, []string{""}},
		{"fits", "Opening", 50, []string{"Opening"}},
		{"breaks at spaces", "een twee drie vier vijf zes", 25, []string{"een twee drie", "vier vijf zes"}},
		{"hard breaks and empty lines", "a\n\nb", 50, []string{"a", "", "b"}},
		{"runs of spaces collapse", "a    b", 50, []string{"a b"}},
		{"no-break space holds", "€\u00a012.000 en nog wat", 20, []string{"€\u00a012.000 en", "nog wat"}},
		{"long word breaks between characters", strings.Repeat("x", 30), 20, []string{strings.Repeat("x", 11), strings.Repeat("x", 11), strings.Repeat("x", 8)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := m.wrap(faceRegular, 10, tc.in, tc.width)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("wrap = %q, want %q", got, tc.want)
			}
			for _, l := range got {
				if w := m.widthOf(faceRegular, 10, l); w > tc.width+1e-9 {
					t.Errorf("line %q is %.2f mm, wider than %.2f", l, w, tc.width)
				}
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	m := mustMetrics(t)
	tests := []struct {
		in    string
		width float64
		want  string
	}{
		{"PHO Jeugd Zeeland", 100, "PHO Jeugd Zeeland"},
		{"Samenwerkingsverband Jeugd Zeeland", 30, "Samenwerkingsv…"},
		{"twee\nregels", 100, "twee regels"},
		{"", 10, ""},
	}
	for _, tc := range tests {
		got := m.truncate(faceRegular, 10, tc.in, tc.width)
		if got != tc.want {
			t.Errorf("truncate(%q, %v) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
		if m.widthOf(faceRegular, 10, got) > tc.width {
			t.Errorf("truncate(%q) is wider than %v", tc.in, tc.width)
		}
	}
}

func TestParseColor(t *testing.T) {
	tests := []struct {
		in   string
		want Color
		ok   bool
	}{
		{"#1f5f8b", Color{0x1f, 0x5f, 0x8b}, true},
		{"#FFFFFF", Color{0xff, 0xff, 0xff}, true},
		{"1f5f8b", Color{}, false},
		{"#1f5f8", Color{}, false},
		{"#gggggg", Color{}, false},
		{"", Color{}, false},
	}
	for _, tc := range tests {
		got, ok := ParseColor(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseColor(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	// Too light to print: yellow falls back to the default accent.
	for _, c := range []Color{{}, {0xff, 0xff, 0xff}, {0xff, 0xd7, 0x00}} {
		if c.printable() != DefaultAccent {
			t.Errorf("%v.printable() = %v, want the default accent", c, c.printable())
		}
	}
	if c := (Color{0x1f, 0x5f, 0x8b}); c.printable() != c {
		t.Errorf("a dark colour was replaced")
	}
}

// FuzzClean: whatever is typed, the cleaned text holds only characters
// every face can draw, is valid UTF-8, and cleaning twice changes nothing.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "Geëerbiedigde café", "e\u0308", "\r\n\u2028", "\u202e", "😀", "\xff\xfe", "ﬁ①Ａ", "\u0301\u0301"} {
		f.Add(s)
	}
	m := mustMetrics(f)
	f.Fuzz(func(t *testing.T, s string) {
		c := m.clean(s)
		if !utf8.ValidString(c) {
			t.Fatalf("invalid UTF-8: %q", c)
		}
		for _, r := range c {
			if r != '\n' && !m.has(r) {
				t.Fatalf("Clean(%q) kept %U, which the font lacks", s, r)
			}
		}
		if again := m.clean(c); again != c {
			t.Fatalf("not idempotent: %q → %q → %q", s, c, again)
		}
	})
}

// FuzzWrap: every line fits its width, and no text is lost or invented.
func FuzzWrap(f *testing.F) {
	f.Add("een twee drie vier", 20.0)
	f.Add(strings.Repeat("W", 200), 3.0)
	f.Add("a\n\n\nb  c\u00a0d", 0.5)
	m := mustMetrics(f)
	f.Fuzz(func(t *testing.T, s string, width float64) {
		if !(width >= 1 && width <= 400) {
			return
		}
		s = m.clean(s)
		lines := m.wrap(faceRegular, 10, s, width)
		for _, l := range lines {
			// A single character wider than the line may stand alone.
			if w := m.widthOf(faceRegular, 10, l); w > width+1e-9 && utf8.RuneCountInString(l) > 1 {
				t.Fatalf("line %q is %.2f mm, wider than %.2f", l, w, width)
			}
		}
		squash := func(x string) string { return strings.Join(strings.Fields(strings.ReplaceAll(x, "\u00a0", " ")), "") }
		if squash(strings.Join(lines, " ")) != squash(s) {
			t.Fatalf("wrap changed the text: %q → %q", s, lines)
		}
	})
}
