package icsimport

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func TestMain(m *testing.M) {
	i18n.SetLanguage(i18n.Dutch)
	os.Exit(m.Run())
}

// opts are the options of most tests: body 7, series expanded in 2027.
var opts = Options{BodyID: 7, From: date.MustParse("2027-01-01")}

// ics returns a calendar around body (lines joined with CRLF, as RFC 5545
// writes them); line 1 is BEGIN:VCALENDAR, 2 VERSION, 3 PRODID, so the
// first line of body is line 4.
func ics(body ...string) string {
	lines := append([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//NL"}, body...)
	lines = append(lines, "END:VCALENDAR")
	return strings.Join(lines, "\r\n") + "\r\n"
}

// event returns the lines of a VEVENT with the given properties.
func event(props ...string) []string {
	return append(append([]string{"BEGIN:VEVENT"}, props...), "END:VEVENT")
}

// ok is a complete single event (lines 4–8 when first in the calendar).
var ok = event("UID:a@test", "DTSTART;TZID=Europe/Amsterdam:20270315T140000", "DTEND;TZID=Europe/Amsterdam:20270315T160000")

func join(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// problemsOf returns the problems of a rejected file and checks the shape
// of the error: an *i18n.Error in Dutch whose cause is an *Error.
func problemsOf(t *testing.T, err error) []Problem {
	t.Helper()
	if err == nil {
		t.Fatal("file accepted")
	}
	var ie *i18n.Error
	if !errors.As(err, &ie) {
		t.Fatalf("error is not an *i18n.Error: %T %v", err, err)
	}
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("error does not wrap ErrInvalid: %v", err)
	}
	var e *Error
	if !errors.As(err, &e) || len(e.Problems) == 0 {
		t.Fatalf("no problems listed: %v", err)
	}
	msg := i18n.UserMessage(err)
	if !strings.Contains(msg, "niets geïmporteerd") || strings.Contains(msg, "icsimport.") {
		t.Errorf("message is not Dutch or has a raw key: %q", msg)
	}
	return e.Problems
}

// TestBrokenFilesNameTheLine is the check of issue 6 part 5: a broken
// file is refused with the line and the property at fault, in Dutch, and
// nothing is imported.
func TestBrokenFilesNameTheLine(t *testing.T) {
	tests := []struct {
		name string
		file string
		line int
		prop string
		key  string
	}{
		{"unfolded garbage", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000",
			"DESCRIPTION:Eerste deel van een lange", "regel die niet met een spatie begint")...),
			9, "", "icsimport.lex.noline"},
		{"missing END:VEVENT", ics(join(ok, []string{"BEGIN:VEVENT", "UID:b@test", "DTSTART:20270316T140000", "DTEND:20270316T160000"})...),
			9, "BEGIN:VEVENT", "icsimport.tree.unclosedbefore"},
		{"missing END:VCALENDAR", strings.TrimSuffix(ics(ok...), "END:VCALENDAR\r\n"), 1, "BEGIN:VCALENDAR", "icsimport.tree.unclosed"},
		{"END of another component", ics(join(ok, []string{"END:VTODO"})...), 9, "END:VTODO", "icsimport.tree.mismatch"},
		{"stray END", ics(ok...) + "END:VEVENT\r\n", 10, "END:VEVENT", "icsimport.tree.strayend"},
		{"property after the calendar", ics(ok...) + "UID:x@test\r\n", 10, "UID", "icsimport.tree.outside"},
		{"bad date", ics(event("UID:a@test", "DTSTART:20270230T140000", "DTEND:20270301T160000")...), 6, "DTSTART", "icsimport.value.datetime"},
		{"bad time", ics(event("UID:a@test", "DTSTART:20270315T250000", "DTEND:20270315T260000")...), 6, "DTSTART", "icsimport.value.datetime"},
		{"date in another form", ics(event("UID:a@test", "DTSTART:2027-03-15T14:00:00", "DTEND:20270315T160000")...), 6, "DTSTART", "icsimport.value.datetime"},
		{"year out of range", ics(event("UID:a@test", "DTSTART:02070315T140000", "DTEND:02070315T160000")...), 6, "DTSTART", "icsimport.value.year"},
		{"end before start", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T120000")...), 7, "DTEND", "icsimport.event.endbeforestart"},
		{"end equals start", ics(event("UID:a@test", "DTSTART:20270315T140000Z", "DTEND:20270315T140000Z")...), 7, "DTEND", "icsimport.event.endbeforestart"},
		{"duplicate UID", ics(join(ok, event("UID:a@test", "DTSTART:20270316T140000", "DTEND:20270316T160000"))...),
			10, "UID", "icsimport.event.duplicateuid"},
		{"all-day event", ics(event("UID:a@test", "DTSTART;VALUE=DATE:20270315", "DTEND;VALUE=DATE:20270316")...), 6, "DTSTART", "icsimport.event.allday"},
		{"all-day without VALUE", ics(event("UID:a@test", "DTSTART:20270315")...), 6, "DTSTART", "icsimport.event.allday"},
		{"unknown time zone", ics(event("UID:a@test", "DTSTART;TZID=Mars/Olympus:20270315T140000", "DTEND:20270315T160000")...), 6, "DTSTART", "icsimport.value.tzid"},
		{"machine-local zone", ics(event("UID:a@test", "DTSTART;TZID=Local:20270315T140000", "DTEND:20270315T160000")...), 6, "DTSTART", "icsimport.value.tzid"},
		{"unterminated quote", ics(event("UID:a@test", `DTSTART;TZID="Europe/Amsterdam:20270315T140000`, "DTEND:20270315T160000")...), 6, "DTSTART", "icsimport.lex.quote"},
		{"parameter without value", ics(event("UID:a@test", "DTSTART;TZID:20270315T140000", "DTEND:20270315T160000")...), 6, "DTSTART", "icsimport.lex.param"},
		{"no UID", ics(event("DTSTART:20270315T140000", "DTEND:20270315T160000")...), 4, "UID", "icsimport.event.nouid"},
		{"no start", ics(event("UID:a@test", "DTEND:20270315T160000")...), 4, "DTSTART", "icsimport.event.nostart"},
		{"no end", ics(event("UID:a@test", "DTSTART:20270315T140000")...), 4, "DTEND", "icsimport.event.noend"},
		{"end and duration", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "DURATION:PT2H")...), 8, "DURATION", "icsimport.event.endandduration"},
		{"bad duration", ics(event("UID:a@test", "DTSTART:20270315T140000", "DURATION:2 uur")...), 7, "DURATION", "icsimport.value.duration"},
		{"negative duration", ics(event("UID:a@test", "DTSTART:20270315T140000", "DURATION:-PT2H")...), 7, "DURATION", "icsimport.event.notpositive"},
		{"meeting of a day and a half", ics(event("UID:a@test", "DTSTART:20270315T090000", "DURATION:P1DT12H")...), 7, "DURATION", "icsimport.event.invalid"},
		{"two starts", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTSTART:20270316T140000", "DTEND:20270315T160000")...), 7, "DTSTART", "icsimport.event.twice"},
		{"unknown status", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "STATUS:DONE")...), 8, "STATUS", "icsimport.event.status"},
		{"negative sequence", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "SEQUENCE:-1")...), 8, "SEQUENCE", "icsimport.event.sequence"},
		{"hourly rule", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "RRULE:FREQ=HOURLY")...), 8, "RRULE", "icsimport.rule.freqtoo"},
		{"rule with hours", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "RRULE:FREQ=WEEKLY;BYHOUR=9,14")...), 8, "RRULE", "icsimport.rule.bytime"},
		{"rule with count and until", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "RRULE:FREQ=WEEKLY;COUNT=3;UNTIL=20270501T000000Z")...), 8, "RRULE", "icsimport.rule.countuntil"},
		{"rule without frequency", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "RRULE:INTERVAL=2")...), 8, "RRULE", "icsimport.rule.nofreq"},
		{"rule with a bad day", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "RRULE:FREQ=WEEKLY;BYDAY=MA")...), 8, "RRULE", "icsimport.rule.value"},
		{"rule with interval zero", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "RRULE:FREQ=WEEKLY;INTERVAL=0")...), 8, "RRULE", "icsimport.rule.range"},
		{"ordinal in a weekly rule", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "RRULE:FREQ=WEEKLY;BYDAY=2MO")...), 8, "RRULE", "icsimport.rule.ordinal"},
		{"unknown rule part", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "RRULE:FREQ=WEEKLY;EVERY=2")...), 8, "RRULE", "icsimport.rule.unknown"},
		{"series too busy", ics(event("UID:a@test", "DTSTART:20270101T140000", "DTEND:20270101T150000", "RRULE:FREQ=DAILY")...), 4, "RRULE", "icsimport.event.toomany"},
		{"this and future", ics(join(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "RRULE:FREQ=WEEKLY;COUNT=4"),
			event("UID:a@test", "RECURRENCE-ID;RANGE=THISANDFUTURE:20270322T140000", "DTSTART:20270322T150000", "DTEND:20270322T170000"))...),
			12, "RECURRENCE-ID", "icsimport.event.range"},
		{"two changes of one occurrence", ics(join(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "RRULE:FREQ=WEEKLY;COUNT=4"),
			event("UID:a@test", "RECURRENCE-ID:20270322T140000", "DTSTART:20270322T150000", "DTEND:20270322T170000"),
			event("UID:a@test", "RECURRENCE-ID:20270322T140000", "DTSTART:20270322T160000", "DTEND:20270322T180000"))...),
			18, "RECURRENCE-ID", "icsimport.event.duplicateoverride"},
		{"change of a single event at another time", ics(join(ok,
			event("UID:a@test", "RECURRENCE-ID;TZID=Europe/Amsterdam:20270316T140000", "DTSTART:20270316T150000", "DTEND:20270316T170000"))...),
			11, "RECURRENCE-ID", "icsimport.event.nooccurrence"},
		{"period in RDATE", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "RDATE;VALUE=PERIOD:20270401T140000/PT2H")...), 8, "RDATE", "icsimport.event.period"},
		{"vCalendar 1.0", strings.Replace(ics(ok...), "VERSION:2.0", "VERSION:1.0", 1), 2, "VERSION", "icsimport.version"},
		{"not UTF-8", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "LOCATION:Caf\xe9 de Zon")...), 8, "", "icsimport.lex.utf8"},
		{"continuation before anything", " x\r\n" + ics(ok...), 1, "", "icsimport.lex.continuation"},
		{"a CSV file", "titel;soort\r\nOpening;opening\r\n", 1, "", "icsimport.notcalendar"},
		{"a vCard", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jan\r\nEND:VCARD\r\n", 1, "", "icsimport.notcalendar"},
		{"empty", "\r\n \r\n", 0, "", "icsimport.empty"},
		{"only tasks", ics("BEGIN:VTODO", "UID:t@test", "SUMMARY:Stukken lezen", "END:VTODO"), 0, "", "icsimport.none"},
		{"calendar inside a calendar", ics(ok...) + "BEGIN:VEVENT\r\nEND:VEVENT\r\n", 10, "BEGIN:VEVENT", "icsimport.tree.toplevel"},
		{"name with a space", ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000", "X MS:1")...), 8, "", "icsimport.lex.noline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(strings.NewReader(tt.file), opts)
			if res != nil {
				t.Errorf("a rejected file returned %d events", len(res.Events))
			}
			ps := problemsOf(t, err)
			p := ps[0]
			if p.Line != tt.line || p.Property != tt.prop || p.Msg.Key != tt.key {
				t.Errorf("first problem = line %d %q %s (%s), want line %d %q %s\nall: %v", p.Line, p.Property, p.Msg.Key, p, tt.line, tt.prop, tt.key, ps)
			}
			if tt.line > 0 && !strings.Contains(i18n.UserMessage(err), fmt.Sprintf("regel %d", tt.line)) {
				t.Errorf("message does not name line %d: %s", tt.line, i18n.UserMessage(err))
			}
		})
	}
}

// TestEveryProblemIsListed: a file with several mistakes lists them all,
// in line order, so that the user fixes the file in one go.
func TestEveryProblemIsListed(t *testing.T) {
	file := ics(join(
		event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T120000"),     // 4–8: end before start on 7
		event("UID:b@test", "DTSTART:20270399T140000", "DTEND:20270316T160000"),     // 9–13: bad date on 11
		event("UID:c@test", "DTSTART;VALUE=DATE:20270317", "DTEND:20270317T160000"), // 14–18: all-day on 16
		ok, // 19–23: fine
	)...)
	_, err := Parse(strings.NewReader(file), opts)
	ps := problemsOf(t, err)
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%d %s %s", p.Line, p.Property, p.Msg.Key))
	}
	want := []string{"7 DTEND icsimport.event.endbeforestart", "11 DTSTART icsimport.value.datetime", "16 DTSTART icsimport.event.allday"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestManyProblemsAreCounted: beyond maxReport problems are counted, not
// listed, and the message says how many more there are.
func TestManyProblemsAreCounted(t *testing.T) {
	var body []string
	for i := 0; i < maxReport+7; i++ {
		body = append(body, event(fmt.Sprintf("UID:%d@test", i), "DTSTART:20270315T140000", "DTEND:20270315T120000")...)
	}
	_, err := Parse(strings.NewReader(ics(body...)), opts)
	var e *Error
	if !errors.As(err, &e) || len(e.Problems) != maxReport || e.More != 7 {
		t.Fatalf("problems %d, more %d: %v", len(e.Problems), e.More, err)
	}
	if !strings.Contains(i18n.UserMessage(err), "en nog 7 probleem/problemen") {
		t.Errorf("message: %s", i18n.UserMessage(err))
	}
}

// TestLineNumbersCountPhysicalLines: folded lines, blank lines and LF or
// CRLF endings do not shift the line a problem is reported on.
func TestLineNumbersCountPhysicalLines(t *testing.T) {
	lines := []string{
		"BEGIN:VCALENDAR",  // 1
		"VERSION:2.0",      // 2
		"",                 // 3: blank, skipped
		"BEGIN:VEVENT",     // 4
		"UID:a@test",       // 5
		"DESCRIPTION:een",  // 6
		" lange",           // 7
		"\tbeschrijving",   // 8
		"DTSTART:2027",     // 9
		" 0315T140000",     // 10: the value is folded in the middle
		"DTEND:20270315T1", // 11
		" 30000",           // 12: end before start, reported on 11
		"END:VEVENT",       // 13
		"END:VCALENDAR",    // 14
	}
	for _, eol := range []string{"\r\n", "\n"} {
		_, err := Parse(strings.NewReader(strings.Join(lines, eol)+eol), opts)
		ps := problemsOf(t, err)
		if ps[0].Line != 11 || ps[0].Property != "DTEND" {
			t.Errorf("eol %q: %v", eol, ps)
		}
	}
}

// TestFoldInsideACharacter: Outlook folds after 75 bytes, sometimes in the
// middle of a UTF-8 character; unfolding joins the bytes first.
func TestFoldInsideACharacter(t *testing.T) {
	summary := "Overleg – Zeeuws-Vlaanderen"
	i := strings.Index(summary, "–") + 1 // inside the three bytes of the dash
	file := ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T160000",
		"SUMMARY:"+summary[:i], " "+summary[i:])...)
	res, err := Parse(strings.NewReader(file), opts)
	if err != nil {
		t.Fatal(i18n.UserMessage(err))
	}
	if got := res.Events[0].Summary; got != summary {
		t.Errorf("summary %q", got)
	}
}

// TestValues covers the readings of single events: time zones, text
// escapes, links, status, sequence and durations.
func TestValues(t *testing.T) {
	ams := domain.Amsterdam()
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ams)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name       string
		props      []string
		start, end time.Time
		check      func(t *testing.T, m domain.Meeting)
	}{
		{"Amsterdam", []string{"DTSTART;TZID=Europe/Amsterdam:20270315T140000", "DTEND;TZID=Europe/Amsterdam:20270315T160000"},
			at("2027-03-15 14:00"), at("2027-03-15 16:00"), nil},
		{"UTC in summer", []string{"DTSTART:20270615T120000Z", "DTEND:20270615T140000Z"}, at("2027-06-15 14:00"), at("2027-06-15 16:00"), nil},
		{"floating is Amsterdam", []string{"DTSTART:20270615T140000", "DTEND:20270615T160000"}, at("2027-06-15 14:00"), at("2027-06-15 16:00"), nil},
		{"Outlook's Windows zone", []string{`DTSTART;TZID="W. Europe Standard Time":20271102T093000`, `DTEND;TZID="W. Europe Standard Time":20271102T110000`},
			at("2027-11-02 09:30"), at("2027-11-02 11:00"), nil},
		{"old Outlook display name", []string{`DTSTART;TZID="(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna":20270315T140000`, "DURATION:PT90M"},
			at("2027-03-15 14:00"), at("2027-03-15 15:30"), nil},
		{"Mozilla prefix", []string{"DTSTART;TZID=/mozilla.org/20050126_1/Europe/Amsterdam:20270315T140000", "DURATION:PT1H"},
			at("2027-03-15 14:00"), at("2027-03-15 15:00"), nil},
		{"another zone", []string{"DTSTART;TZID=Europe/London:20270315T130000", "DTEND;TZID=Europe/London:20270315T150000"},
			at("2027-03-15 14:00"), at("2027-03-15 16:00"), nil},
		{"Z wins over a TZID", []string{"DTSTART;TZID=America/New_York:20270315T130000Z", "DURATION:PT2H"}, at("2027-03-15 14:00"), at("2027-03-15 16:00"), nil},
		{"lower-case names", []string{"dtstart;tzid=Europe/Amsterdam:20270315t140000", "duration:pt2h"}, at("2027-03-15 14:00"), at("2027-03-15 16:00"), nil},
		{"across midnight", []string{"DTSTART:20270315T220000", "DTEND:20270316T010000"}, at("2027-03-15 22:00"), at("2027-03-16 01:00"), nil},
		{"text escapes and link", []string{"DTSTART:20270315T140000", "DURATION:PT2H", `LOCATION:Stadhuis\, zaal 2\; ingang B`,
			`SUMMARY:PHO\nJeugd \\ Onderwijs`, "STATUS:CANCELLED", "SEQUENCE:5"}, at("2027-03-15 14:00"), at("2027-03-15 16:00"),
			func(t *testing.T, m domain.Meeting) {
				if m.Location != "Stadhuis, zaal 2; ingang B" || m.Note != "PHO\nJeugd \\ Onderwijs" || m.Status != domain.StatusGeannuleerd || m.Sequence != 5 {
					t.Errorf("%+v", m)
				}
			}},
		{"a link as location is the online link", []string{"DTSTART:20270315T140000", "DURATION:PT1H", "LOCATION:https://teams.microsoft.com/l/meetup-join/x"},
			at("2027-03-15 14:00"), at("2027-03-15 15:00"), func(t *testing.T, m domain.Meeting) {
				if m.Location != "" || m.OnlineURL != "https://teams.microsoft.com/l/meetup-join/x" {
					t.Errorf("location %q online %q", m.Location, m.OnlineURL)
				}
			}},
		{"Teams link beside a room", []string{"DTSTART:20270315T140000", "DURATION:PT1H", "LOCATION:Raadzaal", "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/y"},
			at("2027-03-15 14:00"), at("2027-03-15 15:00"), func(t *testing.T, m domain.Meeting) {
				if m.Location != "Raadzaal" || m.OnlineURL != "https://teams.microsoft.com/l/y" {
					t.Errorf("location %q online %q", m.Location, m.OnlineURL)
				}
			}},
		{"tentative is planned, body and UID set", []string{"DTSTART:20270315T140000", "DURATION:P0DT1H30M", "STATUS:TENTATIVE"},
			at("2027-03-15 14:00"), at("2027-03-15 15:30"), func(t *testing.T, m domain.Meeting) {
				if m.Status != domain.StatusGepland || m.BodyID != 7 || m.UID != "v@test" || m.ID != 0 {
					t.Errorf("%+v", m)
				}
			}},
		{"quoted parameter with a colon", []string{`DTSTART;X-NOTE="a:b;c":20270315T140000`, "DURATION:PT1H"}, at("2027-03-15 14:00"), at("2027-03-15 15:00"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(strings.NewReader(ics(event(append([]string{"UID:v@test"}, tt.props...)...)...)), opts)
			if err != nil {
				t.Fatal(i18n.UserMessage(err))
			}
			m := res.Events[0].Meeting
			if !m.Start.Equal(tt.start) || !m.End.Equal(tt.end) {
				t.Errorf("%s – %s, want %s – %s", m.Start, m.End, tt.start, tt.end)
			}
			if m.Start.Location() != ams {
				t.Errorf("start not in Amsterdam: %s", m.Start.Location())
			}
			if tt.check != nil {
				tt.check(t, m)
			}
		})
	}
}

// TestDefaultDuration: an event without an end gets the body's duration
// when the caller gives one.
func TestDefaultDuration(t *testing.T) {
	o := opts
	o.DefaultDuration = 90 * time.Minute
	res, err := Parse(strings.NewReader(ics(event("UID:a@test", "DTSTART:20270315T140000Z")...)), o)
	if err != nil {
		t.Fatal(i18n.UserMessage(err))
	}
	if d := res.Events[0].Meeting.End.Sub(res.Events[0].Meeting.Start); d != 90*time.Minute {
		t.Errorf("duration %s", d)
	}
}

// TestRecurrence checks the expansion of series within their year.
func TestRecurrence(t *testing.T) {
	tests := []struct {
		name  string
		from  string // Options.From; "" for the series' own start
		props []string
		want  []string // Amsterdam "2006-01-02 15:04" and status when cancelled
	}{
		{"weekly with count", "2027-01-01", []string{"DTSTART;TZID=Europe/Amsterdam:20270316T140000", "DURATION:PT2H", "RRULE:FREQ=WEEKLY;COUNT=3"},
			[]string{"2027-03-16 14:00", "2027-03-23 14:00", "2027-03-30 14:00"}},
		{"wall clock kept across summer time", "2027-01-01", []string{"DTSTART;TZID=Europe/Amsterdam:20270323T140000", "DURATION:PT2H", "RRULE:FREQ=WEEKLY;COUNT=2"},
			[]string{"2027-03-23 14:00", "2027-03-30 14:00"}},
		{"UTC series moves with summer time", "2027-01-01", []string{"DTSTART:20270323T130000Z", "DURATION:PT2H", "RRULE:FREQ=WEEKLY;COUNT=2"},
			[]string{"2027-03-23 14:00", "2027-03-30 15:00"}},
		{"second Tuesday, until", "2027-01-01", []string{"DTSTART:20270112T140000", "DURATION:PT2H", "RRULE:FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270410T000000Z"},
			[]string{"2027-01-12 14:00", "2027-02-09 14:00", "2027-03-09 14:00"}},
		{"last Friday via BYSETPOS", "2027-01-01", []string{"DTSTART:20270129T100000", "DURATION:PT1H", "RRULE:FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1;COUNT=3"},
			[]string{"2027-01-29 10:00", "2027-02-26 10:00", "2027-03-26 10:00"}},
		{"every 26 weeks, window cuts", "2027-06-01", []string{"DTSTART:20260105T093000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;INTERVAL=26"},
			[]string{"2027-07-05 09:30", "2028-01-03 09:30"}},
		{"exdate, rdate and date exdate", "2027-01-01", []string{"DTSTART:20270105T093000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=4",
			"EXDATE:20270112T093000", "EXDATE;VALUE=DATE:20270119", "RDATE:20270201T093000,20270202T093000"},
			[]string{"2027-01-05 09:30", "2027-01-26 09:30", "2027-02-01 09:30", "2027-02-02 09:30"}},
		{"DTSTART off the rule still counts", "2027-01-01", []string{"DTSTART:20270104T093000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=2"},
			[]string{"2027-01-04 09:30", "2027-01-05 09:30", "2027-01-12 09:30"}},
		{"yearly", "", []string{"DTSTART:20270615T100000", "DURATION:PT1H", "RRULE:FREQ=YEARLY"}, []string{"2027-06-15 10:00"}},
		{"cancelled series", "2027-01-01", []string{"DTSTART:20270105T093000", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=2", "STATUS:CANCELLED"},
			[]string{"2027-01-05 09:30 geannuleerd", "2027-01-06 09:30 geannuleerd"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := opts
			o.From = 0
			if tt.from != "" {
				o.From = date.MustParse(tt.from)
			}
			res, err := Parse(strings.NewReader(ics(event(append([]string{"UID:s@test"}, tt.props...)...)...)), o)
			if err != nil {
				t.Fatal(i18n.UserMessage(err))
			}
			var got []string
			uids := map[string]bool{}
			for _, e := range res.Events {
				s := e.Meeting.Start.In(domain.Amsterdam()).Format("2006-01-02 15:04")
				if e.Meeting.IsCancelled() {
					s += " geannuleerd"
				}
				got = append(got, s)
				if e.Series != "s@test" || !strings.HasPrefix(e.Meeting.UID, "s@test/") || uids[e.Meeting.UID] {
					t.Errorf("occurrence UID %q of series %q", e.Meeting.UID, e.Series)
				}
				uids[e.Meeting.UID] = true
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestSeriesOutsideItsYear: a series without occurrences in the year is a
// notice, not an error, when the file has other meetings.
func TestSeriesOutsideItsYear(t *testing.T) {
	file := ics(join(ok, event("UID:s@test", "DTSTART:20290105T093000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY", "SUMMARY:AO"))...)
	res, err := Parse(strings.NewReader(file), opts)
	if err != nil {
		t.Fatal(i18n.UserMessage(err))
	}
	if len(res.Events) != 1 || len(res.Notices) != 1 || res.Notices[0].Line != 9 || res.Notices[0].Msg.Key != "icsimport.notice.nooccurrence" {
		t.Fatalf("events %d, notices %v", len(res.Events), res.Notices)
	}
	if got := res.Notices[0].String(); got != "regel 9, RRULE: de reeks ‘AO’ heeft geen vergaderingen tussen 2027-01-01 en 2027-12-31" {
		t.Errorf("notice %q", got)
	}
}

// TestOverrides: a changed occurrence replaces the one it names and keeps
// the occurrence's UID; an override whose series is not in the file is a
// meeting of its own.
func TestOverrides(t *testing.T) {
	file := ics(join(
		event("UID:s@test", "DTSTART:20270105T093000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=3", "LOCATION:Zaal 1"),
		event("UID:s@test", "RECURRENCE-ID:20270112T093000", "DTSTART:20270113T140000", "DURATION:PT2H", "LOCATION:Zaal 2", "SEQUENCE:1"),
		event("UID:other@test", "RECURRENCE-ID:20270301T093000", "DTSTART:20270301T100000", "DURATION:PT1H"),
	)...)
	res, err := Parse(strings.NewReader(file), opts)
	if err != nil {
		t.Fatal(i18n.UserMessage(err))
	}
	var got []string
	for _, e := range res.Events {
		m := e.Meeting
		got = append(got, fmt.Sprintf("%s %s %s %d %d", m.Start.Format("01-02 15:04"), m.UID, m.Location, m.Sequence, e.Line))
	}
	want := []string{
		"01-05 09:30 s@test/20270105T083000Z Zaal 1 0 4",
		"01-13 14:00 s@test/20270112T083000Z Zaal 2 1 11",
		"01-19 09:30 s@test/20270119T083000Z Zaal 1 0 4",
		"03-01 10:00 other@test/20270301T083000Z  0 19",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMethodCancel: in a cancellation (METHOD:CANCEL) every event is
// cancelled, whatever its STATUS says.
func TestMethodCancel(t *testing.T) {
	file := strings.Replace(ics(ok...), "VERSION:2.0", "VERSION:2.0\r\nMETHOD:CANCEL", 1)
	res, err := Parse(strings.NewReader(file), opts)
	if err != nil {
		t.Fatal(i18n.UserMessage(err))
	}
	if !res.Events[0].Meeting.IsCancelled() {
		t.Error("not cancelled")
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"PT2H", 2 * time.Hour, true}, {"PT1H30M", 90 * time.Minute, true}, {"P1D", 24 * time.Hour, true}, {"P1W", 7 * 24 * time.Hour, true},
		{"P0DT45M", 45 * time.Minute, true}, {"+PT10S", 10 * time.Second, true}, {"-PT5M", -5 * time.Minute, true}, {"pt2h", 2 * time.Hour, true},
		{"PT", 0, false}, {"P", 0, false}, {"2H", 0, false}, {"PT2", 0, false}, {"P2H", 0, false}, {"PT2D", 0, false}, {"PT1H1H", 0, false},
		{"PTT1H", 0, false}, {"P9999999W", 0, false}, {"P400D", 0, false}, {"", 0, false},
	}
	for _, tt := range tests {
		got, err := parseDuration(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseDuration(%q) = %s, %v", tt.in, got, err)
		}
	}
}

func TestUnescapeText(t *testing.T) {
	for in, want := range map[string]string{
		`a\, b\; c`: "a, b; c", `regel\nregel\Nregel`: "regel\nregel\nregel", `pad\\map`: `pad\map`, `\x`: `\x`, `eind\`: `eind\`, "": "",
	} {
		if got := unescapeText(in); got != want {
			t.Errorf("unescapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestValidFiles reads the example exports under testdata/valid and
// compares what they give with the golden files beside them (go test
// ./icsimport -update rewrites them).
func TestValidFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/valid/*.ics")
	if err != nil || len(files) == 0 {
		t.Fatal("no example files", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			got := dumpFile(t, f)
			golden := strings.TrimSuffix(f, ".ics") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", f, golden, got)
			}
		})
	}
}

// dumpFile parses a file and writes what it gives, one meeting a line.
func dumpFile(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := Parse(f, opts)
	if err != nil {
		t.Fatal(i18n.UserMessage(err))
	}
	var b strings.Builder
	for _, e := range res.Events {
		m := e.Meeting
		fmt.Fprintf(&b, "%s–%s %s seq=%d line=%d uid=%s\n", m.Start.Format("2006-01-02 15:04 -07:00"), m.End.Format("15:04"),
			m.Status, m.Sequence, e.Line, m.UID)
		fmt.Fprintf(&b, "    location=%q online=%q note=%q\n", m.Location, m.OnlineURL, m.Note)
	}
	for _, n := range res.Notices {
		fmt.Fprintf(&b, "notice: %s\n", n)
	}
	return b.String()
}

// TestReadsOnlyWhatItNeeds: a file larger than MaxBytes is refused
// without reading it all into memory first.
func TestTooLarge(t *testing.T) {
	r := strings.NewReader(ics(ok...) + strings.Repeat("X-PAD:"+strings.Repeat("x", 70)+"\r\n", MaxBytes/78+10))
	_, err := Parse(r, opts)
	ps := problemsOf(t, err)
	if ps[0].Msg.Key != "icsimport.toolarge" {
		t.Errorf("%v", ps)
	}
}

// TestEnglish: the same problems render in English when the user chose it.
func TestEnglish(t *testing.T) {
	i18n.SetLanguage(i18n.English)
	defer i18n.SetLanguage(i18n.Dutch)
	_, err := Parse(strings.NewReader(ics(event("UID:a@test", "DTSTART:20270315T140000", "DTEND:20270315T120000")...)), opts)
	msg := i18n.UserMessage(err)
	if !strings.Contains(msg, "nothing was imported") || !strings.Contains(msg, "line 7, DTEND: the end time 2027-03-15 12:00 is not after the start time 2027-03-15 14:00") {
		t.Errorf("English message: %s", msg)
	}
}
