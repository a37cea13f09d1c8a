package domain

import (
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
)

func TestMeetingSeatsFollowMembershipOnTheMeetingDate(t *testing.T) {
	d := date.MustParse
	ds := &Dataset{
		Municipalities: []Municipality{{ID: 1, Name: "Vlissingen"}, {ID: 2, Name: "Middelburg"}, {ID: 3, Name: "Veere"}},
		Partnerships: []Partnership{{ID: 10, Name: "Orionis", Members: []Membership{
			{MunicipalityID: 1, From: d("2020-01-01")},
			{MunicipalityID: 2, From: d("2020-01-01"), Until: d("2027-01-01")}, // leaves on 1 Jan 2027
			{MunicipalityID: 3, From: d("2027-01-01")},                         // joins on 1 Jan 2027
		}}},
		People: []Person{
			{ID: 100, Name: "Wethouder V", MunicipalityID: 1, Role: PersonBestuurder},
			{ID: 101, Name: "Wethouder M", MunicipalityID: 2, Role: PersonBestuurder},
			{ID: 102, Name: "Wethouder W", MunicipalityID: 3, Role: PersonBestuurder},
			{ID: 103, Name: "Secretaris", Role: PersonSecretaris},
			{ID: 104, Name: "Nieuwe wethouder V", MunicipalityID: 1, Role: PersonBestuurder},
			{ID: 105, Name: "Beleidsadviseur V", MunicipalityID: 1, Role: PersonAmbtenaar},
		},
		Bodies: []Body{{ID: 20, PartnershipID: 10, Members: []BodyMember{
			{PersonID: 100, Role: RoleVoorzitter, Until: d("2026-12-15")},
			{PersonID: 104, Role: RoleVoorzitter, From: d("2026-12-15")},
			{PersonID: 101, Role: RoleLid},
			{PersonID: 102, Role: RoleLid},
			{PersonID: 103, Role: RoleSecretaris},
		}}},
	}
	ams := Amsterdam()
	ds.Meetings = []Meeting{
		{ID: 1, BodyID: 20, Start: time.Date(2026, 12, 10, 14, 0, 0, 0, ams)},
		{ID: 2, BodyID: 20, Start: time.Date(2027, 1, 14, 14, 0, 0, 0, ams),
			Attendance: []Attendance{{PersonID: 102, Status: AttendanceVervangen, SubstituteID: 105}}},
	}
	ix := NewIndex(ds)
	names := func(m *Meeting) []string {
		var out []string
		for _, s := range ix.MeetingSeats(m) {
			out = append(out, s.Attendee().Name)
		}
		return out
	}
	tests := []struct {
		meeting int64
		want    []string
	}{
		// December 2026: Middelburg still a member, Veere not yet; old chair.
		{1, []string{"Wethouder M", "Wethouder V", "Secretaris"}},
		// January 2027: Middelburg gone, Veere in (sending a substitute), new chair.
		{2, []string{"Beleidsadviseur V", "Nieuwe wethouder V", "Secretaris"}},
	}
	for _, tt := range tests {
		got := names(ix.Meetings[tt.meeting])
		if len(got) != len(tt.want) {
			t.Fatalf("meeting %d: %v, want %v", tt.meeting, got, tt.want)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("meeting %d: %v, want %v", tt.meeting, got, tt.want)
				break
			}
		}
	}
}

func TestDocumentStatus(t *testing.T) {
	due := date.MustParse("2027-03-05")
	at := func(s string) time.Time { return date.MustParse(s).At(16, 0, Amsterdam()) }
	tests := []struct {
		doc   Document
		today string
		want  DocumentStatus
	}{
		{Document{}, "2027-03-01", DocVerwacht},
		{Document{}, "2027-03-05", DocVerwacht},
		{Document{}, "2027-03-06", DocOntbreekt},
		{Document{ReceivedAt: at("2027-03-05")}, "2027-03-10", DocOntvangen},
		{Document{ReceivedAt: at("2027-03-06")}, "2027-03-10", DocTeLaat},
	}
	for _, tt := range tests {
		if got := tt.doc.Status(due, date.MustParse(tt.today)); got != tt.want {
			t.Errorf("%+v on %s: %s, want %s", tt.doc.ReceivedAt, tt.today, got, tt.want)
		}
	}
	if got := (Document{}).Status(0, date.MustParse("2030-01-01")); got != DocVerwacht {
		t.Errorf("no deadline: %s", got)
	}
}

// TestDocumentPending tells an announced stuk from a delivered one, also
// one delivered by an import that brought no file.
func TestDocumentPending(t *testing.T) {
	at := time.Date(2027, 3, 1, 10, 0, 0, 0, Amsterdam())
	for _, tc := range []struct {
		name string
		d    Document
		want bool
	}{
		{"announced", Document{Title: "Nota"}, true},
		{"received with a file", Document{Title: "Nota", StoredName: "ab.pdf", ReceivedAt: at}, false},
		{"imported without a file", Document{Title: "Nota", ReceivedAt: at}, false},
		{"a file without a date", Document{Title: "Nota", StoredName: "ab.pdf"}, false},
	} {
		if got := tc.d.Pending(); got != tc.want {
			t.Errorf("%s: Pending() = %v, want %v", tc.name, got, tc.want)
		}
	}
}
