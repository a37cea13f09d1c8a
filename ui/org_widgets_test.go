package ui

import (
	"errors"
	"strconv"
	"testing"

	"github.com/overlegplanner/overlegplanner/domain"
)

func TestParseCount(t *testing.T) {
	for _, tt := range []struct {
		in    string
		empty bool
		want  int
		ok    bool
	}{
		{"49900", false, 49900, true},
		{"49.900", false, 49900, true},
		{" 1 234 567 ", false, 1234567, true},
		{"1\u00a0234", false, 1234, true},
		{"-5", false, -5, true},
		{"", true, 0, true},
		{"", false, 0, false},
		{"--5", false, 0, false},
		{"1.2.3", false, 0, false},
		{"12.34", false, 0, false},
		{"1.2345", false, 0, false},
		{"5-", false, 0, false},
		{"-", false, 0, false},
		{"vijf", false, 0, false},
		{"99999999999999999999999", false, 0, false},
	} {
		got, err := parseCount("inwoners", tt.in, tt.empty)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseCount(%q) = %d, %v", tt.in, got, err)
		}
		if err != nil && !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("parseCount(%q): error does not wrap ErrInvalid", tt.in)
		}
	}
}

func TestParseOffset(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"-10", -10, true},
		{"+2", 2, true},
		{"− 5", -5, true},
		{"0", 0, true},
		{"", 0, false},
		{"++5", 0, false},
		{"+-5", 0, false},
		{"5 werkdagen", 0, false},
		{"1.5", 0, false},
	} {
		got, err := parseOffset("verschuiving", tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseOffset(%q) = %d, %v", tt.in, got, err)
		}
	}
}

// FuzzParseCount: whatever is typed, a number that is accepted reads back
// the same from its plain form.
func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"49.900", "1 234", "-5", "--5", "1.2.3", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseCount("veld", s, true)
		if err != nil {
			return
		}
		back, err := parseCount("veld", strconv.Itoa(n), false)
		if err != nil || back != n {
			t.Fatalf("%q read as %d, which reads back as %d, %v", s, n, back, err)
		}
	})
}

// FuzzParseOffset: an accepted offset reads back the same.
func FuzzParseOffset(f *testing.F) {
	for _, s := range []string{"-10", "+2", "− 5", "++5", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseOffset("veld", s)
		if err != nil {
			return
		}
		if back, err := parseOffset("veld", strconv.Itoa(n)); err != nil || back != n {
			t.Fatalf("%q read as %d, which reads back as %d, %v", s, n, back, err)
		}
	})
}
