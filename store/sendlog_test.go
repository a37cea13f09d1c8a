package store

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

func sendRecord(uid, email string, kind domain.SendKind, seq int, at time.Time, result domain.SendResult) domain.SendRecord {
	return domain.SendRecord{UID: uid, MeetingID: 1, Kind: kind, Email: email, Name: "Naam " + email, PersonID: 1, Sequence: seq,
		ContentHash: "abc", Channel: domain.ChannelSMTP, MessageID: "<m@x>", At: at, Result: result}
}

func TestSendLogRoundTripAndFilters(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Import(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	rs := []domain.SendRecord{
		sendRecord("pho-1@test", "a.dewit@middelburg.nl", domain.SendRequest, 0, t0, domain.ResultSent),
		sendRecord("pho-1@test", "B.Jansen@vlissingen.nl", domain.SendRequest, 0, t0, domain.ResultFailed),
		sendRecord("pho-1@test", "b.jansen@vlissingen.nl", domain.SendRequest, 0, t0.Add(time.Hour), domain.ResultSent),
		sendRecord("digest:GM0687", "a.dewit@middelburg.nl", domain.SendDigest, 0, t0.Add(24*time.Hour), domain.ResultWritten),
	}
	rs[1].Error = "de server weigert het adres"
	rs[3].MeetingID, rs[3].Channel = 0, domain.ChannelEML
	if err := s.RecordSends(ctx, rs); err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if r.ID == 0 {
			t.Errorf("row %d got no ID", i)
		}
	}
	all, err := s.SendLog(ctx, SendLogFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(all, rs) {
		t.Errorf("read back\n%+v\nwant\n%+v", all, rs)
	}
	tests := []struct {
		name string
		f    SendLogFilter
		want []int // indexes into rs
	}{
		{"uid", SendLogFilter{UID: "pho-1@test"}, []int{0, 1, 2}},
		{"email ignores case", SendLogFilter{Email: "b.jansen@VLISSINGEN.nl"}, []int{1, 2}},
		{"meeting", SendLogFilter{MeetingID: 1}, []int{0, 1, 2}},
		{"kind", SendLogFilter{Kind: domain.SendDigest}, []int{3}},
		{"since", SendLogFilter{Since: t0.Add(time.Hour)}, []int{2, 3}},
		{"combined", SendLogFilter{UID: "pho-1@test", Email: "a.dewit@middelburg.nl"}, []int{0}},
		{"nothing", SendLogFilter{UID: "other"}, nil},
	}
	for _, tt := range tests {
		got, err := s.SendLog(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, r := range got {
			ids = append(ids, r.ID)
		}
		var want []int64
		for _, i := range tt.want {
			want = append(want, rs[i].ID)
		}
		if !reflect.DeepEqual(ids, want) {
			t.Errorf("%s: rows %v, want %v", tt.name, ids, want)
		}
	}
}

// TestSendLogOutlivesItsMeeting: the log keeps what was sent when the
// meeting or the person is deleted, without the dangling reference.
func TestSendLogOutlivesItsMeeting(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Import(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	r := sendRecord("pho-1@test", "a.dewit@middelburg.nl", domain.SendRequest, 2, now, domain.ResultSent)
	ghost := sendRecord("pho-1@test", "weg@example.org", domain.SendWithdraw, 2, now, domain.ResultSent)
	ghost.PersonID, ghost.MeetingID = 999, 999
	if err := s.RecordSends(ctx, []domain.SendRecord{r, ghost}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteMeeting(ctx, 1); err != nil {
		t.Fatal(err)
	}
	got, err := s.SendLog(ctx, SendLogFilter{UID: "pho-1@test"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].MeetingID != 0 || got[0].Sequence != 2 || got[0].PersonID != 1 {
		t.Fatalf("after deleting the meeting: %+v", got)
	}
	if got[1].PersonID != 0 || got[1].MeetingID != 0 || got[1].Email != "weg@example.org" {
		t.Errorf("unknown references are stored as none: %+v", got[1])
	}
	if fk, err := s.foreignKeyCheck(ctx); err != nil || len(fk) > 0 {
		t.Errorf("foreign keys: %v %v", fk, err)
	}
}

// TestSendLogRefusesIncompleteRows: one bad row and none is written.
func TestSendLogRefusesIncompleteRows(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	good := sendRecord("u@x", "a@example.org", domain.SendRequest, 0, now, domain.ResultSent)
	good.MeetingID, good.PersonID = 0, 0
	tests := []struct {
		name string
		edit func(*domain.SendRecord)
		want string
	}{
		{"no uid", func(r *domain.SendRecord) { r.UID = " " }, "geen UID"},
		{"no address", func(r *domain.SendRecord) { r.Email = "" }, "geen adres"},
		{"no time", func(r *domain.SendRecord) { r.At = time.Time{} }, "geen tijdstip"},
		{"kind", func(r *domain.SendRecord) { r.Kind = "fax" }, "soort"},
		{"channel", func(r *domain.SendRecord) { r.Channel = "duif" }, "kanaal"},
		{"result", func(r *domain.SendRecord) { r.Result = "misschien" }, "resultaat"},
	}
	for _, tt := range tests {
		bad := good
		tt.edit(&bad)
		err := s.RecordSends(ctx, []domain.SendRecord{good, bad})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error about %q", tt.name, err, tt.want)
		}
	}
	if got, err := s.SendLog(ctx, SendLogFilter{}); err != nil || len(got) != 0 {
		t.Errorf("refused batches left %d rows (%v)", len(got), err)
	}
}

// TestDeliverySettingsRoundTrip: the mail and calendar server settings are
// kept, and no key of the settings table can hold a password.
func TestDeliverySettingsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	st := domain.DefaultSettings()
	st.SMTP = domain.SMTPSettings{Host: "smtp.orionis.example", Port: 587, Security: domain.SecurityStartTLS, User: "secretariaat", From: "secretariaat@orionis.example"}
	st.CalDAV = domain.CalDAVSettings{URL: "https://agenda.orionis.example/dav/", User: "secretariaat"}
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	got, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, st) {
		t.Errorf("settings read back as %+v, want %+v", got, st)
	}
	rows, err := s.db.Query("SELECT key FROM setting")
	keys, err := scanAll(rows, err, func(r *sql.Rows) (string, error) {
		var k string
		return k, r.Scan(&k)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if strings.Contains(strings.ToLower(k), "pass") || strings.Contains(strings.ToLower(k), "wachtwoord") {
			t.Errorf("settings key %q looks like a password", k)
		}
	}
}
