package icsimport

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// TestBrokenFiles reads the whole files under testdata/broken — the ways
// a real export goes wrong (a copy that lost an END:VEVENT, a description
// re-wrapped by a mail program, a date typed by hand, a download cut off)
// — and checks that each is refused as a whole with the line and the
// property at fault named in the Dutch message. Every file in the folder
// must have a row, so that a file added there is never silently unchecked.
func TestBrokenFiles(t *testing.T) {
	tests := []struct {
		file string
		line int
		prop string // "" when the line as a whole is at fault
		key  string
	}{
		{"all-day-college.ics", 6, "DTSTART", "icsimport.event.allday"},
		{"college-february-30.ics", 12, "DTSTART", "icsimport.value.datetime"},
		{"cut-off-download.ics", 1, "BEGIN:VCALENDAR", "icsimport.tree.unclosed"},
		{"duplicate-uid.ics", 11, "UID", "icsimport.event.duplicateuid"},
		{"end-before-start.ics", 7, "DTEND", "icsimport.event.endbeforestart"},
		{"hourly-rule.ics", 8, "RRULE", "icsimport.rule.freqtoo"},
		{"mail-rewrapped-description.ics", 9, "", "icsimport.lex.noline"},
		{"outlook-missing-end-vevent.ics", 5, "BEGIN:VEVENT", "icsimport.tree.unclosedbefore"},
		{"unknown-zone.ics", 6, "DTSTART", "icsimport.value.tzid"},
	}
	files, err := filepath.Glob("testdata/broken/*.ics")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, tt := range tests {
		listed[tt.file] = true
	}
	for _, f := range files {
		if !listed[filepath.Base(f)] {
			t.Errorf("%s has no row in TestBrokenFiles", f)
		}
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "broken", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Parse(strings.NewReader(string(data)), opts)
			if res != nil {
				t.Errorf("a broken file gave %d events", len(res.Events))
			}
			ps := problemsOf(t, err)
			if p := ps[0]; p.Line != tt.line || p.Property != tt.prop || p.Msg.Key != tt.key {
				t.Errorf("first problem = line %d %q %s, want line %d %q %s", p.Line, p.Property, p.Msg.Key, tt.line, tt.prop, tt.key)
			}
			// What the user reads: "regel 7, DTEND: …" (or "regel 9: …").
			want := fmt.Sprintf("regel %d: ", tt.line)
			if tt.prop != "" {
				want = fmt.Sprintf("regel %d, %s: ", tt.line, tt.prop)
			}
			if msg := i18n.UserMessage(err); !strings.Contains(msg, want) {
				t.Errorf("the Dutch message does not say %q:\n%s", want, msg)
			}
		})
	}
}
