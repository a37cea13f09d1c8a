package ical

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/overlegplanner/overlegplanner/date"
)

func TestFilename(t *testing.T) {
	d := date.MustParse("2026-11-23")
	tests := []struct {
		name string
		day  date.Date
		want string
	}{
		{"PHO Jeugd Walcheren", d, "2026-11-23 PHO Jeugd Walcheren.ics"},
		{"PHO Jeugd Walcheren", 0, "PHO Jeugd Walcheren.ics"},
		{"AB/DB Orionis: extra", d, "2026-11-23 AB-DB Orionis- extra.ics"},
		{`a\b*c?d"e<f>g|h`, 0, "a-b-c-d-e-f-g-h.ics"},
		{"  twee\n regels\t", 0, "twee regels.ics"},
		{"...verborgen.", 0, "verborgen.ics"},
		{"", d, "2026-11-23 overlegplanner.ics"},
		{"...", 0, "overlegplanner.ics"},
		{"CON", 0, "_CON.ics"},
		{"com1", 0, "_com1.ics"},
		{"Overleg Ĳsselmonde", 0, "Overleg Ĳsselmonde.ics"},
		{strings.Repeat("é", 60), 0, strings.Repeat("é", 50) + ".ics"},
	}
	for _, tt := range tests {
		if got := Filename(tt.name, tt.day); got != tt.want {
			t.Errorf("Filename(%q, %v) = %q, want %q", tt.name, tt.day, got, tt.want)
		}
	}
}

func FuzzFilename(f *testing.F) {
	for _, s := range []string{"PHO Jeugd Walcheren", "AB/DB", "CON", "", "...", "\x00\xff", strings.Repeat("€", 50), "a\r\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Filename(s, 0)
		base := strings.TrimSuffix(got, ".ics")
		switch {
		case !strings.HasSuffix(got, ".ics"):
			t.Fatalf("%q: no .ics suffix", got)
		case !utf8.ValidString(got):
			t.Fatalf("%q: not UTF-8", got)
		case len(base) == 0 || len(base) > maxFilenameBytes+1:
			t.Fatalf("%q: base of %d bytes", got, len(base))
		case strings.ContainsAny(got, "/\\:*?\"<>|"):
			t.Fatalf("%q: a character file systems refuse", got)
		case strings.HasPrefix(base, ".") || strings.HasSuffix(base, ".") || strings.HasSuffix(base, " ") || strings.HasPrefix(base, " "):
			t.Fatalf("%q: leading or trailing dot or space", got)
		case isReservedOnWindows(base):
			t.Fatalf("%q: a Windows device name", got)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f {
				t.Fatalf("%q: control character", got)
			}
		}
		if Filename(base, 0) != got {
			t.Fatalf("Filename is not idempotent on %q", got)
		}
	})
}
