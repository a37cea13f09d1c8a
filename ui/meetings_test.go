package ui

import (
	"strings"
	"testing"
)

func TestUpcomingMeetingsListsTheDemoFromToday(t *testing.T) {
	sh, _ := newTestShell(t)
	rows := upcomingMeetings(sh.State)
	if len(rows) < 20 {
		t.Fatalf("%d upcoming meetings", len(rows))
	}
	if rows[0].Date != "ma 23-11-2026" {
		t.Errorf("first row %+v", rows[0])
	}
	for _, r := range rows {
		if r.Body == "" || r.Partnership == "" || !strings.Contains(r.Time, "–") {
			t.Errorf("incomplete row %+v", r)
		}
	}
}
