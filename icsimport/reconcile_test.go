package icsimport

import (
	"bytes"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

func TestReconcile(t *testing.T) {
	ams := domain.Amsterdam()
	start := time.Date(2027, 3, 15, 14, 0, 0, 0, ams)
	stored := domain.Meeting{ID: 40, BodyID: 7, Start: start, End: start.Add(2 * time.Hour), Location: "Raadzaal",
		Status: domain.StatusVerzonden, UID: "a@test", Sequence: 4, PreparedByMeetingID: 39, Note: "eigen notitie",
		Attendance: []domain.Attendance{{PersonID: 3, Status: domain.AttendanceAfgemeld}}}
	ev := func(edit func(m *domain.Meeting)) Event {
		m := domain.Meeting{BodyID: 7, Start: start, End: start.Add(2 * time.Hour), Location: "Raadzaal", Status: domain.StatusGepland,
			UID: "a@test", Note: "PHO"}
		edit(&m)
		return Event{Meeting: m, Line: 12}
	}
	tests := []struct {
		name   string
		event  Event
		stored []domain.Meeting
		change Change
		check  func(t *testing.T, m domain.Meeting)
	}{
		{"new", ev(func(m *domain.Meeting) { m.UID = "b@test" }), []domain.Meeting{stored}, ChangeNew, func(t *testing.T, m domain.Meeting) {
			if m.ID != 0 || m.UID != "b@test" || m.Note != "PHO" {
				t.Errorf("%+v", m)
			}
		}},
		{"same time and place; sent status kept", ev(func(*domain.Meeting) {}), []domain.Meeting{stored}, ChangeUnchanged, func(t *testing.T, m domain.Meeting) {
			if m.Status != domain.StatusVerzonden || m.Note != "eigen notitie" {
				t.Errorf("%+v", m)
			}
		}},
		{"moved: stored links, attendance and sequence kept", ev(func(m *domain.Meeting) { m.Start = m.Start.Add(time.Hour); m.End = m.End.Add(time.Hour) }),
			[]domain.Meeting{stored}, ChangeUpdate, func(t *testing.T, m domain.Meeting) {
				if m.ID != 40 || !m.Start.Equal(start.Add(time.Hour)) || m.PreparedByMeetingID != 39 || len(m.Attendance) != 1 || m.Sequence != 4 {
					t.Errorf("%+v", m)
				}
			}},
		{"new place", ev(func(m *domain.Meeting) { m.Location = "Burgerzaal" }), []domain.Meeting{stored}, ChangeUpdate, nil},
		{"cancelled by the file", ev(func(m *domain.Meeting) { m.Status = domain.StatusGeannuleerd }), []domain.Meeting{stored}, ChangeUpdate,
			func(t *testing.T, m domain.Meeting) {
				if m.Status != domain.StatusGeannuleerd {
					t.Errorf("status %s", m.Status)
				}
			}},
		{"planned again", ev(func(*domain.Meeting) {}), []domain.Meeting{func() domain.Meeting { s := stored; s.Status = domain.StatusGeannuleerd; return s }()},
			ChangeUpdate, func(t *testing.T, m domain.Meeting) {
				if m.Status != domain.StatusGepland {
					t.Errorf("status %s", m.Status)
				}
			}},
		{"an empty stored note stays empty", ev(func(*domain.Meeting) {}), []domain.Meeting{func() domain.Meeting { s := stored; s.Note = ""; return s }()},
			ChangeUnchanged, func(t *testing.T, m domain.Meeting) {
				if m.Note != "" {
					t.Errorf("note %q", m.Note)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := Reconcile([]Event{tt.event}, tt.stored)
			if err != nil {
				t.Fatal(i18n.UserMessage(err))
			}
			if len(ps) != 1 || ps[0].Change != tt.change {
				t.Fatalf("%+v", ps)
			}
			if tt.check != nil {
				tt.check(t, ps[0].Save)
			}
			save := ToSave(ps)
			if (tt.change == ChangeUnchanged) != (len(save) == 0) {
				t.Errorf("ToSave = %d meetings for %s", len(save), tt.change)
			}
		})
	}
}

func TestReconcileRefusesAnotherBodysMeeting(t *testing.T) {
	ams := domain.Amsterdam()
	start := time.Date(2027, 3, 15, 14, 0, 0, 0, ams)
	stored := []domain.Meeting{{ID: 40, BodyID: 8, Start: start, End: start.Add(time.Hour), Status: domain.StatusGepland, UID: "a@test"}}
	_, err := Reconcile([]Event{{Meeting: domain.Meeting{BodyID: 7, Start: start, End: start.Add(time.Hour), UID: "a@test"}, Line: 12}}, stored)
	ps := problemsOf(t, err)
	if ps[0].Line != 12 || ps[0].Property != "UID" || ps[0].Msg.Key != "icsimport.reconcile.otherbody" {
		t.Errorf("%v", ps)
	}
}

func TestCounts(t *testing.T) {
	ps := []Planned{{Change: ChangeNew}, {Change: ChangeNew}, {Change: ChangeUpdate}, {Change: ChangeUnchanged}}
	if a, c, u := Counts(ps); a != 2 || c != 1 || u != 1 {
		t.Errorf("%d %d %d", a, c, u)
	}
}

// roundTripData is a small partnership whose meetings our own invites and
// feed describe.
func roundTripData() *domain.Dataset {
	ams := domain.Amsterdam()
	start := time.Date(2027, 3, 30, 14, 0, 0, 0, ams) // the week summer time begins
	return &domain.Dataset{
		Municipalities: []domain.Municipality{{ID: 1, Name: "Veere", CBSCode: "GM0717", CollegeDays: []time.Weekday{time.Tuesday}}},
		Partnerships: []domain.Partnership{{ID: 1, Name: "Walcheren", LegalForm: domain.LegalFormConvenant,
			Members: []domain.Membership{{MunicipalityID: 1, From: date.MustParse("2020-01-01")}}}},
		People: []domain.Person{
			{ID: 1, Name: "Saskia Verhulst", Email: "secretariaat@walcheren.example", Role: domain.PersonSecretaris},
			{ID: 2, Name: "Anna de Wit", Email: "a.dewit@veere.example", MunicipalityID: 1, Role: domain.PersonBestuurder},
		},
		Bodies: []domain.Body{{ID: 7, PartnershipID: 1, Kind: domain.BodyPHO, Name: "PHO Walcheren", StartMinute: 840, Duration: 120,
			SecretaryID: 1, Members: []domain.BodyMember{{PersonID: 2, Role: domain.RoleLid}, {PersonID: 1, Role: domain.RoleSecretaris}}}},
		Meetings: []domain.Meeting{
			{ID: 1, BodyID: 7, Start: start, End: start.Add(150 * time.Minute), Location: "Stadhuis Veere, zaal; 2", Status: domain.StatusGepland,
				UID: "8c1f0e6a@overlegplanner", Sequence: 3},
			{ID: 2, BodyID: 7, Start: start.AddDate(0, 0, 28), End: start.AddDate(0, 0, 28).Add(2 * time.Hour), OnlineURL: "https://teams.example/j/1",
				Status: domain.StatusGeannuleerd, UID: "9d2a1f7b@overlegplanner", Sequence: 1},
		},
		Settings: domain.Settings{OrganiserName: "Secretariaat Walcheren", OrganiserEmail: "secretariaat@walcheren.example"},
	}
}

// TestOwnInvitesRoundTrip: an invitation or cancellation this
// application wrote reads back as the same meeting — same UID, instants,
// place, sequence and status — so importing it finds the stored meeting.
func TestOwnInvitesRoundTrip(t *testing.T) {
	ds := roundTripData()
	ix := domain.NewIndex(ds)
	now := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
	for _, m := range ds.Meetings {
		in := ical.InviteInput{Meeting: m, Index: ix, Settings: ds.Settings, Now: now}
		var data []byte
		var err error
		if m.IsCancelled() {
			data, err = ical.Cancel(in)
		} else {
			data, err = ical.Invite(in)
		}
		if err != nil {
			t.Fatal(err)
		}
		res, err := Parse(bytes.NewReader(data), Options{BodyID: 7, From: date.MustParse("2027-01-01")})
		if err != nil {
			t.Fatalf("meeting %d: %s\n%s", m.ID, i18n.UserMessage(err), data)
		}
		if len(res.Events) != 1 {
			t.Fatalf("meeting %d: %d events", m.ID, len(res.Events))
		}
		got := res.Events[0].Meeting
		if got.UID != m.UID || !got.Start.Equal(m.Start) || !got.End.Equal(m.End) || got.Status != m.Status || got.Sequence != m.Sequence {
			t.Errorf("meeting %d read back as %+v", m.ID, got)
		}
		if !m.IsCancelled() && got.Location != m.Location {
			t.Errorf("location %q, want %q", got.Location, m.Location)
		}
		ps, err := Reconcile(res.Events, ds.Meetings)
		if err != nil || ps[0].Change != ChangeUnchanged {
			t.Errorf("meeting %d: reconcile %+v %v", m.ID, ps, err)
		}
	}
}

// TestOwnFeedRoundTrip: a body's feed written by this application reads
// back as its meetings, unchanged, so importing it adds nothing twice.
func TestOwnFeedRoundTrip(t *testing.T) {
	ds := roundTripData()
	data, err := ical.Feed(ical.FeedInput{Scope: ical.Scope{Kind: ical.ScopeBody, ID: 7}, Index: domain.NewIndex(ds),
		Settings: ds.Settings, Now: time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(bytes.NewReader(data), Options{BodyID: 7, From: date.MustParse("2027-01-01")})
	if err != nil {
		t.Fatal(i18n.UserMessage(err))
	}
	ps, err := Reconcile(res.Events, ds.Meetings)
	if err != nil {
		t.Fatal(i18n.UserMessage(err))
	}
	if a, c, u := Counts(ps); a != 0 || c != 0 || u != len(ds.Meetings) {
		t.Errorf("feed gives %d new, %d changed, %d unchanged", a, c, u)
	}
}

// TestOwnDeadlineFeedIsRefused: a gemeente's feed carries deadlines as
// all-day events, which are not meetings; the import says so for each of
// them, by line, rather than importing half of the file.
func TestOwnDeadlineFeedIsRefused(t *testing.T) {
	ds := roundTripData()
	deadline := domain.Deadline{MeetingID: 1, RuleKey: "advies", Name: "ambtelijk advies", Kind: domain.KindAdvies,
		Audience: domain.AudienceAmbtenaren, MunicipalityID: 1, Due: date.MustParse("2027-03-19"), Status: domain.DeadlineOK}
	data, err := ical.Feed(ical.FeedInput{Scope: ical.Scope{Kind: ical.ScopeMunicipality, ID: 1}, Index: domain.NewIndex(ds),
		Deadlines: []domain.Deadline{deadline}, Settings: ds.Settings, Now: time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("VALUE=DATE:20270319")) {
		t.Fatalf("the feed has no all-day deadline:\n%s", data)
	}
	_, err = Parse(bytes.NewReader(data), Options{BodyID: 7, From: date.MustParse("2027-01-01")})
	ps := problemsOf(t, err)
	for _, p := range ps {
		if p.Msg.Key != "icsimport.event.allday" || p.Property != "DTSTART" {
			t.Errorf("unexpected problem %s", p)
		}
	}
}
