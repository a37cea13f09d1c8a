package ical

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// unfold reverses RFC 5545 §3.1 folding: a CRLF followed by one space or
// tab is removed. It is the reading side the tests hold fold to.
func unfold(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("\r\n "), nil)
	return bytes.ReplaceAll(b, []byte("\r\n\t"), nil)
}

// checkFolded asserts the invariants of folded output: CRLF everywhere, no
// physical line over 75 octets, continuation lines starting with one space,
// and every physical line valid UTF-8 when the input was.
func checkFolded(t *testing.T, in, out []byte) {
	t.Helper()
	if !bytes.HasSuffix(out, crlf) {
		t.Fatalf("output does not end in CRLF: %q", out)
	}
	lines := bytes.Split(out[:len(out)-2], crlf)
	for i, l := range lines {
		if len(l) > maxLineOctets {
			t.Errorf("line %d has %d octets: %q", i, len(l), l)
		}
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i, l)
		}
		if utf8.Valid(in) && !utf8.Valid(l) {
			t.Errorf("line %d is not valid UTF-8 (a character was split): %q", i, l)
		}
		if i > 0 && len(l) > 0 && l[0] == ' ' && len(l) == 1 {
			t.Errorf("line %d is an empty continuation", i)
		}
	}
	want := append(bytes.TrimSuffix(in, crlf), crlf...)
	if got := unfold(out); !bytes.Equal(got, want) {
		t.Errorf("unfold(fold(x)) != x\n got %q\nwant %q", got, want)
	}
}

func TestFold(t *testing.T) {
	a74 := strings.Repeat("a", 74)
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty line", "\r\n", "\r\n"},
		{"short", "SUMMARY:PHO Jeugd\r\n", "SUMMARY:PHO Jeugd\r\n"},
		{"no final CRLF", "END:VCALENDAR", "END:VCALENDAR\r\n"},
		{"exactly 75 octets stays", a74 + "b\r\n", a74 + "b\r\n"},
		{"76 octets folds once", a74 + "bc\r\n", a74 + "b\r\n c\r\n"},
		{"continuation holds 74", strings.Repeat("x", 75+74+1), strings.Repeat("x", 75) + "\r\n " + strings.Repeat("x", 74) + "\r\n x\r\n"},
		{"150 octets: 75 + 74 + 1", strings.Repeat("y", 150) + "\r\n", strings.Repeat("y", 75) + "\r\n " + strings.Repeat("y", 74) + "\r\n y\r\n"},
		// é is two octets: at offset 74 it would straddle the limit.
		{"two-octet char at the limit", a74 + "é\r\n", a74 + "\r\n é\r\n"},
		{"two-octet char fits exactly", strings.Repeat("a", 73) + "é\r\n", strings.Repeat("a", 73) + "é\r\n"},
		// € is three octets, 🙂 four.
		{"three-octet char straddling", a74 + "€z\r\n", a74 + "\r\n €z\r\n"},
		{"four-octet char straddling", strings.Repeat("a", 73) + "🙂\r\n", strings.Repeat("a", 73) + "\r\n 🙂\r\n"},
		{"multiple lines", "A:1\r\n" + a74 + "bc\r\nB:2\r\n", "A:1\r\n" + a74 + "b\r\n c\r\nB:2\r\n"},
		{"leading space content is kept", a74 + "b c\r\n", a74 + "b\r\n  c\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fold([]byte(tt.in))
			if string(got) != tt.want {
				t.Errorf("fold(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkFolded(t, []byte(tt.in), got)
		})
	}
}

func TestFoldAllMultibyteLengths(t *testing.T) {
	// Every prefix length against every character width: the cut must
	// always land on a character boundary.
	for _, ch := range []string{"é", "€", "🙂", "Ĳ"} {
		for prefix := 60; prefix < 80; prefix++ {
			in := []byte(strings.Repeat("a", prefix) + strings.Repeat(ch, 60) + "\r\n")
			checkFolded(t, in, fold(in))
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{
		"", "SUMMARY:kort", strings.Repeat("a", 75), strings.Repeat("a", 76),
		"DESCRIPTION:" + strings.Repeat("é", 80), strings.Repeat("a", 73) + "🙂🙂🙂",
		"LOCATION:Stadhuis\\, Raadzaal 1\\; ingang Markt", "\xff\xfe" + strings.Repeat("€", 40),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// A content line holds no CR or LF; those are the separators.
		line := strings.NewReplacer("\r", "", "\n", "").Replace(s)
		in := []byte(line + "\r\n")
		checkFolded(t, in, fold(in))
		// Two lines in one buffer fold independently.
		two := []byte("X:" + line + "\r\nY:" + line + "\r\n")
		checkFolded(t, two, fold(two))
	})
}
