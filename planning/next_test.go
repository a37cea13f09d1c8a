package planning

import (
	"testing"

	"github.com/overlegplanner/overlegplanner/domain"
)

func TestNextMeeting(t *testing.T) {
	ds := fixture()
	p := NewPlanner(ds)
	byID := func(id int64) *domain.Meeting { return &ds.Meetings[id-1] }
	for _, tt := range []struct {
		name     string
		meeting  int64
		wantNext int64
	}{
		{"PHO Walcheren 18 March: 8 April is next", 2, 9},
		{"PHO Jeugd 8 April: the cancelled 13 May is skipped", 8, 4},
		{"PHO Jeugd 15 July: none after it", 7, 0},
	} {
		next, dl, err := p.NextMeeting(byID(tt.meeting))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got int64
		if next != nil {
			got = next.ID
		}
		if got != tt.wantNext {
			t.Errorf("%s: next %d, want %d", tt.name, got, tt.wantNext)
			continue
		}
		if next == nil {
			if dl != nil {
				t.Errorf("%s: deadlines without a next meeting", tt.name)
			}
			continue
		}
		want, _ := p.Deadlines(next.ID)
		if len(dl) == 0 || len(dl) != len(want) {
			t.Errorf("%s: %d deadlines, want %d", tt.name, len(dl), len(want))
		}
	}
}
