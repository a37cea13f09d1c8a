package ui

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/store"
)

// newTestMeetings builds the meetings screen alone in the test window, as
// the shell shows it.
func newTestMeetings(t *testing.T) (*meetingsScreen, fyne.Window) {
	t.Helper()
	sh, w := newTestShell(t)
	s := newMeetingsScreen(sh)
	w.SetContent(s.root)
	return s, w
}

// texts returns the text of every label, button and entry under o,
// including hidden ones' absence: hidden objects are skipped.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walkVisible(o, func(o fyne.CanvasObject) bool {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
			return false
		case *widget.Button:
			out = append(out, w.Text)
			return false
		}
		return true
	})
	return out
}

// hasText reports whether some text under o contains part.
func hasText(o fyne.CanvasObject, part string) bool {
	for _, s := range texts(o) {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

// findButton returns the visible button with text on the canvas, dialogs
// (overlays) first, or nil.
func findButton(c fyne.Canvas, text string) *widget.Button {
	var found *widget.Button
	find := func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && found == nil && b.Text == text {
			found = b
		}
		_, isButton := o.(*widget.Button)
		return found == nil && !isButton
	}
	for _, o := range c.Overlays().List() {
		walkVisible(o, find)
	}
	walkVisible(c.Content(), find)
	return found
}

// storedMeetings returns every meeting the store holds, cancelled ones
// included.
func storedMeetings(t *testing.T, st *State) []domain.Meeting {
	t.Helper()
	ms, err := st.Store.Meetings(context.Background(), store.MeetingFilter{WithCancelled: true})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// upcomingPHO returns the first planned PHO from today on that an AO
// meeting prepares, with its agenda, as the store holds it.
func upcomingPHO(t *testing.T, st *State) domain.Meeting {
	t.Helper()
	ds, ix := st.Data()
	for _, m := range ds.Meetings {
		if b := ix.Bodies[m.BodyID]; b != nil && b.Kind == domain.BodyPHO && m.Status == domain.StatusGepland &&
			!m.Date().Before(st.Today()) && m.PreparedByMeetingID != 0 {
			full, err := st.Store.Meeting(context.Background(), m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(full.Items) > 5 {
				return full
			}
		}
	}
	t.Fatal("no upcoming PHO in the demo")
	return domain.Meeting{}
}

func TestUpcomingMeetingsListsTheDemoFromToday(t *testing.T) {
	sh, _ := newTestShell(t)
	rows := upcomingMeetings(sh.State)
	if len(rows) < 20 {
		t.Fatalf("%d upcoming meetings", len(rows))
	}
	if rows[0].Date != "ma 23-11-2026" {
		t.Errorf("first row %+v", rows[0])
	}
	for i, r := range rows {
		if r.Body == "" || r.Partnership == "" || !strings.Contains(r.Time, "–") || r.Color == nil {
			t.Errorf("incomplete row %+v", r)
		}
		if i > 0 && r.Start.Before(rows[i-1].Start) {
			t.Errorf("row %d out of order", i)
		}
	}
}

func TestFilterMeetings(t *testing.T) {
	st := newTestState(t)
	ds, ix := st.Data()
	today := st.Today()
	var pho *domain.Body
	for i := range ds.Bodies {
		if ds.Bodies[i].Kind == domain.BodyPHO {
			pho = &ds.Bodies[i]
			break
		}
	}
	all := filterMeetings(ds, ix, meetingFilter{ShowPast: true}, today, nil)
	if len(all) != len(ds.Meetings) {
		t.Fatalf("show past lists %d of %d", len(all), len(ds.Meetings))
	}
	later := today.AddDays(30)
	tests := []struct {
		name string
		f    meetingFilter
		ok   func(m *domain.Meeting) bool
	}{
		{"default: from today", meetingFilter{}, func(m *domain.Meeting) bool { return !m.Date().Before(today) }},
		{"from a later date", meetingFilter{From: later}, func(m *domain.Meeting) bool { return !m.Date().Before(later) }},
		{"from an earlier date hides the past", meetingFilter{From: today.AddDays(-60)}, func(m *domain.Meeting) bool { return !m.Date().Before(today) }},
		{"from an earlier date with the past", meetingFilter{From: today.AddDays(-60), ShowPast: true},
			func(m *domain.Meeting) bool { return !m.Date().Before(today.AddDays(-60)) }},
		{"one body", meetingFilter{BodyID: pho.ID}, func(m *domain.Meeting) bool { return m.BodyID == pho.ID && !m.Date().Before(today) }},
		{"one partnership", meetingFilter{PartnershipID: pho.PartnershipID, ShowPast: true},
			func(m *domain.Meeting) bool { return ix.Bodies[m.BodyID].PartnershipID == pho.PartnershipID }},
		{"cancelled", meetingFilter{Status: domain.StatusGeannuleerd, ShowPast: true}, func(m *domain.Meeting) bool { return m.IsCancelled() }},
		{"held", meetingFilter{Status: domain.StatusGehouden, ShowPast: true}, func(m *domain.Meeting) bool { return m.Status == domain.StatusGehouden }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := filterMeetings(ds, ix, tt.f, today, nil)
			want := 0
			for i := range ds.Meetings {
				if tt.ok(&ds.Meetings[i]) {
					want++
				}
			}
			if len(rows) != want || want == 0 {
				t.Errorf("%d rows, want %d (> 0)", len(rows), want)
			}
			for _, r := range rows {
				if !tt.ok(ix.Meetings[r.ID]) {
					t.Errorf("row %+v does not match", r)
				}
			}
		})
	}
}

func TestMeetingsScreenFiltersWithItsWidgets(t *testing.T) {
	s, _ := newTestMeetings(t)
	n := len(s.rows)
	if n == 0 {
		t.Fatal("empty list")
	}
	test.Tap(s.showPast)
	if len(s.rows) <= n {
		t.Errorf("showing past meetings: %d rows, was %d", len(s.rows), n)
	}
	test.Tap(s.showPast)
	s.partnership.SetSelectedIndex(1)
	if len(s.body.Options) >= len(s.sh.State.Planner().Dataset().Bodies)+1 {
		t.Errorf("bodies not narrowed to the partnership: %v", s.body.Options)
	}
	for _, r := range s.rows {
		if r.Partnership != s.partnership.Selected {
			t.Fatalf("row of %q under filter %q", r.Partnership, s.partnership.Selected)
		}
	}
	s.partnership.SetSelectedIndex(0)
	s.status.SetSelected(domain.StatusGeannuleerd.Label())
	if len(s.rows) != 1 || !s.rows[0].Cancelled {
		t.Errorf("cancelled filter: %+v", s.rows)
	}
	s.status.SetSelectedIndex(0)
	test.Type(s.from, "01-03-2027")
	for _, r := range s.rows {
		if domain.DateOf(r.Start).Before(date.MustParse("2027-03-01")) {
			t.Fatalf("row %s before the from date", r.Date)
		}
	}
	s.from.SetText("")
	if len(s.rows) != n {
		t.Errorf("clearing the date: %d rows, want %d", len(s.rows), n)
	}
}

func TestOpenMeetingSelectsItAndShowsTheDetail(t *testing.T) {
	s, _ := newTestMeetings(t)
	st := s.sh.State
	pho := upcomingPHO(t, st)
	s.sh.OpenMeeting(pho.ID)
	if s.detail.meeting.ID != pho.ID || len(s.detail.meeting.Items) != len(pho.Items) {
		t.Fatalf("detail shows %d with %d items", s.detail.meeting.ID, len(s.detail.meeting.Items))
	}
	if s.list.Length() == 0 || s.rows[s.indexOf(pho.ID)].ID != pho.ID {
		t.Error("meeting not in the list")
	}
	if !hasText(s.detail.root, "Voorbereid in:") {
		t.Errorf("no link to the preparing AO: %q", texts(s.detail.root))
	}
	// A past meeting is hidden by the default filter; opening it widens it.
	var past domain.Meeting
	for _, m := range storedMeetings(t, st) {
		if m.Date().Before(st.Today()) {
			past = m
			break
		}
	}
	s.open(past.ID)
	if s.detail.meeting.ID != past.ID || !s.filter.ShowPast || !s.showPast.Checked {
		t.Errorf("past meeting %d: detail %d, filter %+v", past.ID, s.detail.meeting.ID, s.filter)
	}
}

func (s *meetingsScreen) indexOf(id int64) int {
	for i, r := range s.rows {
		if r.ID == id {
			return i
		}
	}
	return -1
}

// shortcutCanvas returns what the window's canvas runs shortcuts with. The
// test driver's canvas wraps the software canvas that holds the registered
// shortcuts without passing TypedShortcut on, so the test reaches it.
func shortcutCanvas(t *testing.T, c fyne.Canvas) interface{ TypedShortcut(fyne.Shortcut) } {
	t.Helper()
	if sc, ok := c.(interface{ TypedShortcut(fyne.Shortcut) }); ok {
		return sc
	}
	v := reflect.ValueOf(c)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if f := v.FieldByName("WindowlessCanvas"); f.IsValid() {
		if sc, ok := f.Interface().(interface{ TypedShortcut(fyne.Shortcut) }); ok {
			return sc
		}
	}
	t.Fatalf("canvas %T cannot run shortcuts", c)
	return nil
}

func TestShortcutsOpenTheFormAndExport(t *testing.T) {
	s, w := newTestMeetings(t)
	c := shortcutCanvas(t, w.Canvas())
	c.TypedShortcut(shortcutNewMeeting)
	top := w.Canvas().Overlays().Top()
	if top == nil || !hasText(top, "Vergadering plannen") {
		t.Fatalf("Ctrl+N did not open the new-meeting form")
	}
	// A second Ctrl+N over the open form does not stack another form.
	c.TypedShortcut(shortcutNewMeeting)
	if len(w.Canvas().Overlays().List()) != 1 {
		t.Errorf("%d overlays after a second Ctrl+N", len(w.Canvas().Overlays().List()))
	}
	test.Tap(findButton(w.Canvas(), "Annuleren"))
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("form still open after Annuleren")
	}
	// Ctrl+E and Ctrl+B without a meeting do nothing; with one they start
	// the export and offer the bundle.
	c.TypedShortcut(shortcutExportAgenda)
	c.TypedShortcut(shortcutBundle)
	if w.Canvas().Overlays().Top() != nil {
		t.Error("Ctrl+E or Ctrl+B without a meeting opened something")
	}
	s.open(upcomingPHO(t, s.sh.State).ID)
	c.TypedShortcut(shortcutBundle)
	if top := w.Canvas().Overlays().Top(); top == nil || !hasText(top, "Volledig") {
		t.Fatal("Ctrl+B with a meeting shown did not offer the bundle")
	}
	test.Tap(findButton(w.Canvas(), "Annuleren"))
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("bundle dialog still open after Annuleren")
	}
	s.open(upcomingPHO(t, s.sh.State).ID)
	c.TypedShortcut(shortcutExportAgenda)
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+E with a meeting shown did not start the export")
	}
	waitForSaveDialog(t, w, "Agenda PHO")
}
