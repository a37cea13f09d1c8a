package date

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// TestAgreesWithTimePackage walks every day from 1800 to 2300 and checks the
// day number, civil fields and weekday against the standard library.
func TestAgreesWithTimePackage(t *testing.T) {
	start := time.Date(1800, 1, 1, 12, 0, 0, 0, time.UTC)
	d0 := New(1800, time.January, 1)
	for i := 0; i < 500*366; i++ {
		tt := start.AddDate(0, 0, i)
		d := d0.AddDays(i)
		y, m, dd := d.Civil()
		if ty, tm, td := tt.Date(); y != ty || m != tm || dd != td {
			t.Fatalf("day %d: got %04d-%02d-%02d, time says %s", i, y, m, dd, tt.Format(Layout))
		}
		if d.Weekday() != tt.Weekday() {
			t.Fatalf("%s: weekday %s, time says %s", d, d.Weekday(), tt.Weekday())
		}
		if Of(tt) != d {
			t.Fatalf("Of(%s) = %s", tt, Of(tt))
		}
		if d.String() != tt.Format(Layout) {
			t.Fatalf("String %q, want %q", d.String(), tt.Format(Layout))
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2026-11-23", New(2026, 11, 23), true},
		{"2024-02-29", New(2024, 2, 29), true},
		{"2025-02-29", 0, false},
		{"2026-13-01", 0, false},
		{"2026-00-10", 0, false},
		{"2026-04-31", 0, false},
		{"26-11-23", 0, false},
		{"2026/11/23", 0, false},
		{"2026-1-230", 0, false},
		{"", 0, false},
		{"0000-01-01", 0, false},
		{"2026-11-2x", 0, false},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if tt.ok != (err == nil) {
			t.Errorf("Parse(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if err != nil && !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q) error %v does not wrap ErrSyntax", tt.in, err)
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestNormalises(t *testing.T) {
	if got := New(2026, time.April, 31); got != New(2026, time.May, 1) {
		t.Errorf("31 April = %s", got)
	}
	if got := New(2026, 13, 1); got != New(2027, time.January, 1) {
		t.Errorf("month 13 = %s", got)
	}
}

func TestJSONAndSQL(t *testing.T) {
	type wrap struct {
		D Date `json:"d"`
		Z Date `json:"z"`
	}
	b, err := json.Marshal(wrap{D: New(2027, 1, 5)})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"d":"2027-01-05","z":""}` {
		t.Fatalf("json = %s", b)
	}
	var back wrap
	if err := json.Unmarshal(b, &back); err != nil || back.D != New(2027, 1, 5) || !back.Z.IsZero() {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
	v, _ := New(2027, 1, 5).Value()
	var s Date
	if err := s.Scan(v); err != nil || s != New(2027, 1, 5) {
		t.Fatalf("scan %v: %s %v", v, s, err)
	}
	if v, _ := Date(0).Value(); v != nil {
		t.Fatalf("zero date stored as %v, want NULL", v)
	}
	if err := s.Scan(nil); err != nil || !s.IsZero() {
		t.Fatal("NULL must scan to zero date")
	}
	if err := s.Scan(3.5); err == nil {
		t.Fatal("float scanned without error")
	}
}

func TestAtIsAmsterdamWallClock(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	// 29 March 2026 is the switch to summer time: 14:00 is UTC+2.
	got := New(2026, 3, 29).At(14, 0, ams).UTC()
	if got.Hour() != 12 {
		t.Fatalf("14:00 Amsterdam on 2026-03-29 = %s UTC", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2026-11-23", "2024-02-29", "0001-01-01", "9999-12-31", "2026-1-1", "abcd-ef-gh", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("error %v does not wrap ErrSyntax", err)
			}
			return
		}
		// Whatever we accept must agree with the standard library and
		// survive a round trip unchanged.
		if d.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, d.String())
		}
		if _, err := time.Parse(Layout, s); err != nil {
			t.Fatalf("accepted %q that time.Parse rejects: %v", s, err)
		}
	})
}
