package planning

import (
	"testing"

	"github.com/overlegplanner/overlegplanner/domain"
)

func TestLinkPreparations(t *testing.T) {
	ds := fixture()
	ao := func(id int64, day string, status domain.MeetingStatus) domain.Meeting {
		m := meeting(id, bAOWalcheren, day, 10, 0, 90, "Online (Teams)")
		m.Status = status
		return m
	}
	ds.Meetings = append(ds.Meetings,
		ao(12, "2027-09-23", domain.StatusGepland),
		ao(13, "2027-10-21", domain.StatusGeannuleerd),
	)
	p := NewPlanner(ds)
	body := &ds.Bodies[0] // PHO Werk Walcheren, prepared by the AO
	pho := func(day string) domain.Meeting { return meeting(0, bPHOWalcheren, day, 14, 0, 120, "") }
	linked := pho("2027-06-17")
	linked.PreparedByMeetingID = 1 // kept, even though 1 already prepares meeting 2
	ms := []domain.Meeting{
		pho("2027-11-18"), // AO 12 is taken by 14 October, AO 13 is cancelled
		pho("2027-04-08"), // AO 10 meets that same day: it prepares nothing
		pho("2027-10-14"), // AO 12, three weeks earlier
		pho("2027-04-29"), // AO 10, three weeks earlier
		pho("2027-05-06"), // AO 10 is taken by 29 April
		pho("2027-03-18"), // AO 1 already prepares stored meeting 2
		pho("2027-12-30"), // AO 12 is more than eight weeks before
		linked,
	}
	want := []int64{0, 0, 12, 10, 0, 0, 0, 1}
	p.LinkPreparations(body, ms)
	for i, m := range ms {
		if m.PreparedByMeetingID != want[i] {
			t.Errorf("PHO of %s: prepared by %d, want %d", m.Date(), m.PreparedByMeetingID, want[i])
		}
	}

	// A body without a preparing body, and nil, leave the meetings alone.
	jeugd := []domain.Meeting{meeting(0, bPHOJeugd, "2027-04-29", 15, 0, 120, "")}
	p.LinkPreparations(&ds.Bodies[2], jeugd)
	p.LinkPreparations(nil, jeugd)
	if jeugd[0].PreparedByMeetingID != 0 {
		t.Errorf("PHO Jeugd linked to %d", jeugd[0].PreparedByMeetingID)
	}
}
