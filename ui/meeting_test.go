package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// typeInto replaces the text of an entry the way a user does: clear it,
// then type.
func typeInto(e interface {
	fyne.Focusable
	SetText(string)
}, text string) {
	e.SetText("")
	test.Type(e, text)
}

func TestNewMeetingFromTheForm(t *testing.T) {
	s, w := newTestMeetings(t)
	st := s.sh.State
	ds, ix := st.Data()
	var pho *domain.Body
	for i := range ds.Bodies {
		if b := &ds.Bodies[i]; b.Kind == domain.BodyPHO && b.PreparedByID != 0 {
			pho = b
			break
		}
	}
	before := map[int64]bool{}
	for _, m := range storedMeetings(t, st) {
		before[m.ID] = true
	}

	test.Tap(s.newButton)
	f := findOpenMeetingForm(t, s)
	f.selectBody(pho.ID)
	// The body's defaults are filled in: its time, duration and room.
	if f.start.Text != domain.FormatClock(pho.StartMinute) || f.location.Text != pho.Location || f.date.Text == "" {
		t.Errorf("defaults: %q %q %q", f.date.Text, f.start.Text, f.location.Text)
	}
	typeInto(f.date, "10-03-2027")
	typeInto(f.start, "9:30")
	typeInto(f.end, "11:45")
	typeInto(f.location, "Stadhuis Middelburg, Burgerzaal")
	if !hasText(f.preview, "Deadlines van deze vergadering") {
		t.Errorf("no deadline preview: %q", texts(f.preview))
	}
	test.Tap(f.fd.saveBtn)

	ms := storedMeetings(t, st)
	if len(ms) != len(before)+1 {
		t.Fatalf("%d meetings, want %d", len(ms), len(before)+1)
	}
	var got domain.Meeting
	for _, m := range ms {
		if !before[m.ID] {
			got = m
		}
	}
	if got.BodyID != pho.ID || got.Date() != date.MustParse("2027-03-10") {
		t.Fatalf("new meeting of body %d on %s", got.BodyID, got.Date())
	}
	ams := domain.Amsterdam()
	if got.ID == 0 || got.Start.In(ams).Hour() != 9 || got.Start.In(ams).Minute() != 30 || got.End.Sub(got.Start) != 135*time.Minute {
		t.Fatalf("stored meeting %+v", got)
	}
	if got.Location != "Stadhuis Middelburg, Burgerzaal" || got.UID == "" || got.Status != domain.StatusGepland {
		t.Errorf("stored meeting %+v", got)
	}
	if prep := ix.Meetings[got.PreparedByMeetingID]; prep == nil || prep.BodyID != pho.PreparedByID || prep.Date().After(got.Date()) {
		t.Errorf("linked AO meeting %d", got.PreparedByMeetingID)
	}
	full, err := st.Store.Meeting(context.Background(), got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Items) != len(pho.StandingItems) {
		t.Errorf("%d items, want the %d standing items", len(full.Items), len(pho.StandingItems))
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("form still open after saving")
	}
	if s.detail.meeting.ID != got.ID {
		t.Errorf("the new meeting is not shown (%d)", s.detail.meeting.ID)
	}
}

// findOpenMeetingForm returns the meeting form that the last tap opened.
func findOpenMeetingForm(t *testing.T, s *meetingsScreen) *meetingForm {
	t.Helper()
	if s.lastForm == nil || s.sh.Window.Canvas().Overlays().Top() == nil {
		t.Fatal("no meeting form open")
	}
	return s.lastForm
}

func TestMeetingFormRejectsBadInputInDutch(t *testing.T) {
	tests := []struct {
		name, day, start, end, online string
		want                          string
	}{
		{"impossible date", "2027-02-30", "14:00", "16:00", "", "‘2027-02-30’ is geen geldige datum"},
		{"date in words", "volgende week", "14:00", "16:00", "", "is geen geldige datum"},
		{"no date", "", "14:00", "16:00", "", "datum is verplicht"},
		{"bad start", "2027-03-11", "25:00", "16:00", "", "begintijd: ‘25:00’ is geen geldige tijd"},
		{"bad end", "2027-03-11", "14:00", "4 uur", "", "eindtijd: ‘4 uur’ is geen geldige tijd"},
		{"end before start", "2027-03-11", "16:00", "14:00", "", "de eindtijd moet na de begintijd liggen"},
		{"end equals start", "2027-03-11", "14:00", "14:00", "", "de eindtijd moet na de begintijd liggen"},
		{"not a link", "2027-03-11", "14:00", "16:00", "teams vergadering", "is geen geldige link"},
		{"too long", "2027-03-11", "08:00", "21:00", "", "een vergadering van 780 minuten is niet mogelijk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, w := newTestMeetings(t)
			st := s.sh.State
			before := len(storedMeetings(t, st))
			f := s.newMeeting()
			f.selectBody(st.Planner().Dataset().Bodies[0].ID)
			typeInto(f.date, tt.day)
			typeInto(f.start, tt.start)
			typeInto(f.end, tt.end)
			typeInto(f.online, tt.online)
			test.Tap(f.fd.saveBtn)
			if !f.errLabel.Visible() || !strings.Contains(f.errLabel.Text, tt.want) {
				t.Errorf("message %q, want %q", f.errLabel.Text, tt.want)
			}
			if n := len(storedMeetings(t, st)); n != before {
				t.Errorf("%d meetings stored, want %d", n, before)
			}
			if w.Canvas().Overlays().Top() == nil {
				t.Error("the form closed: what was typed is lost")
			}
		})
	}
}

func TestMoveMeetingShowsWhatChangesAndRaisesTheSequence(t *testing.T) {
	s, w := newTestMeetings(t)
	st := s.sh.State
	pho := upcomingPHO(t, st)
	s.open(pho.ID)
	test.Tap(s.detail.move)
	f := findOpenMeetingForm(t, s)
	if f.date.Text != i18n.NumericDate(pho.Date()) {
		t.Fatalf("date field %q", f.date.Text)
	}
	newDay := pho.Date().AddDays(7)
	// Typing goes through dates that are no dates ("2026-1"): the AO
	// meeting that prepares this one must survive them.
	typeInto(f.date, "")
	typeInto(f.date, newDay.String())
	if f.prep.SelectedIndex() < 1 || f.prepIDs[f.prep.SelectedIndex()-1] != pho.PreparedByMeetingID {
		t.Errorf("the preparing meeting was dropped while typing: %q", f.prep.Selected)
	}

	// The preview names the move, the deadlines that move and for whom,
	// and the invite that must go out again with the next sequence.
	if !hasText(f.preview, "De vergadering verschuift van") {
		t.Errorf("no move in the preview: %q", texts(f.preview))
	}
	if !hasText(f.preview, "verschuift van") || !hasText(f.preview, "Voor: ") {
		t.Errorf("no changed deadlines with people: %q", texts(f.preview))
	}
	if !hasText(f.preview, "volgnummer 0 wordt 1") {
		t.Errorf("no sequence in the preview: %q", texts(f.preview))
	}
	test.Tap(f.fd.saveBtn)

	got, err := st.Store.Meeting(context.Background(), pho.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Date() != newDay || got.Sequence != pho.Sequence+1 {
		t.Fatalf("stored %s sequence %d, want %s sequence %d", got.Date(), got.Sequence, newDay, pho.Sequence+1)
	}
	if got.End.Sub(got.Start) != pho.End.Sub(pho.Start) || got.UID != pho.UID || len(got.Items) != len(pho.Items) ||
		got.PreparedByMeetingID != pho.PreparedByMeetingID || got.Location != pho.Location {
		t.Errorf("moving changed more than the date: %+v", got)
	}
	// The app says who must receive the update.
	top := w.Canvas().Overlays().Top()
	if top == nil || !hasText(top, "bijgewerkte uitnodiging (volgnummer 1)") {
		t.Errorf("no re-issue message")
	}
}

func TestEditWithoutChangeKeepsTheSequence(t *testing.T) {
	s, _ := newTestMeetings(t)
	st := s.sh.State
	pho := upcomingPHO(t, st)
	s.open(pho.ID)
	f := s.detail.openForm(false)
	typeInto(f.note, "Zaal is gereserveerd.")
	if !hasText(f.preview, "raakt geen deadlines en geen uitnodiging") {
		t.Errorf("preview %q", texts(f.preview))
	}
	// Ctrl+S while typing saves.
	f.note.TypedShortcut(shortcutSave)
	got, _ := st.Store.Meeting(context.Background(), pho.ID)
	if got.Note != "Zaal is gereserveerd." || got.Sequence != pho.Sequence {
		t.Errorf("note %q sequence %d", got.Note, got.Sequence)
	}
}

func TestCancelMeeting(t *testing.T) {
	s, w := newTestMeetings(t)
	st := s.sh.State
	pho := upcomingPHO(t, st)
	s.open(pho.ID)
	test.Tap(s.detail.cancel)
	c := s.detail.lastCancel
	if c == nil || !hasText(w.Canvas().Overlays().Top(), "De genodigden krijgen een annulering") {
		t.Fatal("no cancellation preview")
	}
	test.Type(c.reason, "te weinig agendapunten")
	test.Tap(c.fd.saveBtn)
	got, _ := st.Store.Meeting(context.Background(), pho.ID)
	if got.Status != domain.StatusGeannuleerd || got.Sequence != pho.Sequence+1 || !strings.Contains(got.Note, "Geannuleerd: te weinig agendapunten") {
		t.Errorf("stored %s sequence %d note %q", got.Status, got.Sequence, got.Note)
	}
	if !s.detail.restore.Visible() || s.detail.cancel.Visible() {
		t.Error("a cancelled meeting still offers cancelling")
	}
	// Planning it again brings the status back, again with a new sequence.
	test.Tap(findButton(w.Canvas(), "Later"))
	test.Tap(s.detail.restore)
	f := findOpenMeetingForm(t, s)
	test.Tap(f.fd.saveBtn)
	got, _ = st.Store.Meeting(context.Background(), pho.ID)
	if got.Status != domain.StatusGepland || got.Sequence != pho.Sequence+2 {
		t.Errorf("restored %s sequence %d", got.Status, got.Sequence)
	}
}

// TestNextFreeDateAvoidsDaysOff checks the date a new meeting is offered:
// on the body's rhythm, after today, free, and neither a holiday nor in
// the partnership's recess.
func TestNextFreeDateAvoidsDaysOff(t *testing.T) {
	st := newTestState(t)
	ds, _ := st.Data()
	cal := st.Planner().Calendar()
	offered := 0
	for i := range ds.Bodies {
		b := &ds.Bodies[i]
		d := nextFreeDate(st, b)
		if b.Rhythm.Kind == domain.RhythmNone {
			if !d.IsZero() {
				t.Errorf("%s has no rhythm but is offered %s", b.Name, d)
			}
			continue
		}
		if d.IsZero() {
			t.Errorf("%s: no date offered", b.Name)
			continue
		}
		offered++
		if !d.After(st.Today()) || !cal.IsWorkingDay(d) {
			t.Errorf("%s: %s is not a working day after today", b.Name, d)
		}
		if r, in := cal.Recess(d, b.PartnershipID); in {
			t.Errorf("%s: %s falls in %s", b.Name, d, r.Name)
		}
		for _, m := range ds.Meetings {
			if m.BodyID == b.ID && m.Date() == d {
				t.Errorf("%s already meets on %s", b.Name, d)
			}
		}
	}
	if offered == 0 {
		t.Fatal("no body with a rhythm in the demo")
	}
}

func TestParseMeetingTimes(t *testing.T) {
	ams := domain.Amsterdam()
	tests := []struct {
		day, start, end string
		want            time.Time
		dur             time.Duration
		err             string
	}{
		{"2027-03-11", "14:00", "16:00", time.Date(2027, 3, 11, 14, 0, 0, 0, ams), 2 * time.Hour, ""},
		{"11-03-2027", "9.30", "1045", time.Date(2027, 3, 11, 9, 30, 0, 0, ams), 75 * time.Minute, ""},
		// The clocks go forward on 28 March 2027: 02:30 does not exist.
		{"2027-03-28", "01:30", "03:30", time.Date(2027, 3, 28, 1, 30, 0, 0, ams), time.Hour, ""},
		{"2027-03-28", "02:30", "04:00", time.Time{}, 0, "02:30 bestaat niet op zo 28-03-2027"},
		// On 31 October 02:30 happens twice; the first is meant.
		{"2027-10-31", "02:30", "02:45", time.Date(2027, 10, 31, 2, 30, 0, 0, ams), 15 * time.Minute, ""},
		{"2027-13-01", "14:00", "16:00", time.Time{}, 0, "geen geldige datum"},
		{"2027-03-11", "", "16:00", time.Time{}, 0, "geen geldige tijd"},
		{"2027-03-11", "16:00", "16:00", time.Time{}, 0, "eindtijd moet na de begintijd"},
	}
	for _, tt := range tests {
		start, end, err := parseMeetingTimes(tt.day, tt.start, tt.end)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%v: error %v, want %q", tt, err, tt.err)
			}
			continue
		}
		if err != nil || !start.Equal(tt.want) || end.Sub(start) != tt.dur {
			t.Errorf("%v: %s–%s %v", tt, start, end, err)
		}
	}
}

// FuzzMeetingTimes feeds typed date and time fields to the parser: it must
// never panic, and whatever it accepts is a meeting that ends after it
// starts, on the typed day, within the day.
func FuzzMeetingTimes(f *testing.F) {
	for _, seed := range [][3]string{
		{"2027-03-11", "14:00", "16:00"}, {"11-03-2027", "9.30", "1045"}, {"2027-02-30", "14:00", "16:00"},
		{"2027-03-28", "02:30", "03:00"}, {"2027-10-31", "02:30", "02:45"}, {"", "", ""}, {"0000-01-01", "00:00", "23:59"},
		{"9999-12-31", "23:58", "23:59"}, {"2027-03-11", "24:00", "25:00"}, {" 2027-03-11 ", " 14:00", "16:00 "},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, day, start, end string) {
		s, e, err := parseMeetingTimes(day, start, end)
		if err != nil {
			var ie *i18n.Error
			if !errors.As(err, &ie) || i18n.UserMessage(err) == "" {
				t.Fatalf("%q %q %q: %v is not a message for the user", day, start, end, err)
			}
			return
		}
		if !e.After(s) {
			t.Fatalf("%q %q %q: end %s not after start %s", day, start, end, e, s)
		}
		if e.Sub(s) > 24*time.Hour {
			t.Fatalf("%q %q %q: %s long", day, start, end, e.Sub(s))
		}
		d, derr := domain.ParseDate("datum", day)
		if derr != nil || domain.DateOf(s) != d {
			t.Fatalf("%q: start %s not on the typed day (%v)", day, s, derr)
		}
	})
}

func TestParseOnlineURL(t *testing.T) {
	for _, tt := range []struct {
		in string
		ok bool
	}{
		{"", true}, {"https://teams.microsoft.com/l/meetup-join/19%3a", true}, {" http://meet.example.nl/x ", true},
		{"teams", false}, {"www.example.nl", false}, {"ftp://example.nl", false}, {"https://", false}, {"https://a b.nl", false},
		{"javascript:alert(1)", false},
	} {
		_, err := parseOnlineURL(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("%q: %v", tt.in, err)
		}
	}
}

// TestSendFromTheMeeting opens the send dialog from the meeting's
// "Versturen…" button, and from the message after a move, which names the
// update that must go out.
func TestSendFromTheMeeting(t *testing.T) {
	s, w := newTestMeetings(t)
	pho := upcomingPHO(t, s.sh.State)
	s.open(pho.ID)
	test.Tap(s.detail.send)
	top := w.Canvas().Overlays().Top()
	if top == nil || !hasText(top, "Uitnodiging versturen") {
		t.Fatalf("no send dialog: %q", texts(top))
	}
	w.Canvas().Overlays().Remove(top)

	test.Tap(s.detail.move)
	f := findOpenMeetingForm(t, s)
	typeInto(f.date, pho.Date().AddDays(7).String())
	test.Tap(f.fd.saveBtn)
	if top := w.Canvas().Overlays().Top(); top == nil || !hasText(top, "volgnummer 1") {
		t.Fatal("no message about the update")
	}
	test.Tap(findButton(w.Canvas(), "Versturen…"))
	if top := w.Canvas().Overlays().Top(); top == nil || !hasText(top, "Uitnodiging versturen") {
		t.Errorf("no send dialog after the move: %q", texts(top))
	}
}
