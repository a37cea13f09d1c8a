package icsimport

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// FuzzParse feeds Parse arbitrary files. Whatever the bytes, Parse must
// not panic and must keep its promise: either meetings that the store
// accepts (valid, unique UIDs, in start order, of the chosen body) and no
// error, or nothing and an *i18n.Error listing problems whose lines exist
// in the file, rendered without a raw catalogue key. Each input is read
// twice, with and without a default duration and a year to expand in,
// and must give the same meetings both times it is read with one set of
// options (no map order leaks into the result).
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"testdata/valid", "testdata/broken"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.ics"))
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(ics(ok...)))
	f.Add([]byte(ics(event("UID:s@test", "DTSTART;TZID=Europe/Amsterdam:20270104T100000", "DURATION:PT1H30M",
		"RRULE:FREQ=MONTHLY;BYDAY=1MO,-1FR;BYSETPOS=1;COUNT=6", "EXDATE;VALUE=DATE:20270301")...)))
	f.Add([]byte(ics(join(event("UID:s@test", "DTSTART:20270104T100000Z", "DTEND:20270104T120000Z", "RRULE:FREQ=WEEKLY;INTERVAL=2"),
		event("UID:s@test", "RECURRENCE-ID:20270118T100000Z", "DTSTART:20270119T100000Z", "DTEND:20270119T120000Z", "STATUS:CANCELLED"))...)))
	f.Add([]byte("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nDTSTART:20270315T1\n 40000\nDTEND:20270315T160000\nEND:VEVENT\nEND:VCALENDAR\n"))

	variants := []Options{opts, {BodyID: 3, DefaultDuration: 90 * time.Minute}}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte{'\n'}) + 1
		for _, o := range variants {
			res, err := Parse(bytes.NewReader(data), o)
			if err != nil {
				checkRejected(t, err, res, lines)
				continue
			}
			checkAccepted(t, res, o)
			again, err := Parse(bytes.NewReader(data), o)
			if err != nil {
				t.Fatalf("second read refused what the first accepted: %v", err)
			}
			if len(again.Events) != len(res.Events) {
				t.Fatalf("second read gave %d meetings, first %d", len(again.Events), len(res.Events))
			}
			for i := range res.Events {
				a, b := res.Events[i].Meeting, again.Events[i].Meeting
				if a.UID != b.UID || !a.Start.Equal(b.Start) || !a.End.Equal(b.End) || a.Status != b.Status {
					t.Fatalf("reads differ at %d: %+v and %+v", i, a, b)
				}
			}
		}
	})
}

// checkRejected checks the shape of a refusal.
func checkRejected(t *testing.T, err error, res *Result, lines int) {
	t.Helper()
	if res != nil {
		t.Fatalf("refused file still gave %d events", len(res.Events))
	}
	var ie *i18n.Error
	var e *Error
	if !errors.As(err, &ie) || !errors.As(err, &e) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("error of the wrong shape: %T %v", err, err)
	}
	if len(e.Problems) == 0 || len(e.Problems) > maxReport {
		t.Fatalf("%d problems listed", len(e.Problems))
	}
	for _, p := range e.Problems {
		if p.Line < 0 || p.Line > lines {
			t.Fatalf("problem on line %d of a file of %d lines: %s", p.Line, lines, p)
		}
	}
	if msg := i18n.UserMessage(err); strings.Contains(msg, "icsimport.") || strings.Contains(msg, "%!") {
		t.Fatalf("message has a raw key or a bad verb: %s", msg)
	}
}

// checkAccepted checks what an accepted file gives.
func checkAccepted(t *testing.T, res *Result, o Options) {
	t.Helper()
	if res == nil || len(res.Events) == 0 || len(res.Events) > MaxMeetings {
		t.Fatalf("accepted file gave %v", res)
	}
	seen := map[string]bool{}
	for i, ev := range res.Events {
		m := ev.Meeting
		if m.BodyID != o.BodyID || m.ID != 0 {
			t.Fatalf("meeting %d: body %d id %d", i, m.BodyID, m.ID)
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("meeting %d the store would refuse: %v (%+v)", i, err, m)
		}
		if m.UID == "" || seen[m.UID] {
			t.Fatalf("meeting %d: UID %q empty or twice", i, m.UID)
		}
		seen[m.UID] = true
		if i > 0 && m.Start.Before(res.Events[i-1].Meeting.Start) {
			t.Fatalf("meetings out of order at %d", i)
		}
		if ev.Line < 1 {
			t.Fatalf("meeting %d has no line", i)
		}
	}
}
