package ical

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// output is one calendar the package writes, with what it should say.
type output struct {
	name string // golden file name without .ics
	data []byte
	want peerCalendar
}

// scenario runs the life of the November PHO as the store drives it:
// an invitation, an update after the time and the place changed (the
// store raises Sequence because domain.NeedsNewSequence says so), and the
// cancellation after the status became geannuleerd.
func scenario(t testing.TB) (invite, upd, cancel output) {
	t.Helper()
	ds := fixture()
	in := inviteInput(ds)
	ix := in.Index

	invite.name = "invite"
	invite.data = must(t)(Invite(in))
	invite.want = wantInvite(ix, in.Meeting, MethodRequest, in.Meeting.Sequence, fixedNow)

	moved := in.Meeting
	moved.Start, moved.End = moved.Start.Add(time.Hour), moved.End.Add(time.Hour)
	moved.Location = "Provinciehuis Middelburg, Statenzaal"
	if !domain.NeedsNewSequence(in.Meeting, moved) {
		t.Fatal("moving the meeting must need a new sequence")
	}
	moved.Sequence++
	in.Meeting, in.Now = moved, fixedNow.Add(24*time.Hour)
	upd.name = "update"
	upd.data = must(t)(Invite(in))
	upd.want = wantInvite(ix, moved, MethodRequest, moved.Sequence, in.Now)

	cancelled := moved
	cancelled.Status = domain.StatusGeannuleerd
	if !domain.NeedsNewSequence(moved, cancelled) {
		t.Fatal("cancelling the meeting must need a new sequence")
	}
	cancelled.Sequence++
	in.Meeting, in.Now = cancelled, fixedNow.Add(48*time.Hour)
	cancel.name = "cancel"
	cancel.data = must(t)(Cancel(in))
	cancel.want = wantInvite(ix, cancelled, MethodCancel, cancelled.Sequence, in.Now)
	return invite, upd, cancel
}

// feeds returns the three kinds of feed over the fixture.
func feeds(t testing.TB) []output {
	t.Helper()
	ds := fixture()
	ix := domain.NewIndex(ds)
	dls := fixtureDeadlines()
	dl := func(key string, gem int64) domain.Deadline {
		for _, d := range dls {
			if d.MeetingID == mPHO && d.RuleKey == key && d.MunicipalityID == gem {
				return d
			}
		}
		t.Fatalf("no deadline %s/%d", key, gem)
		return domain.Deadline{}
	}
	in := func(s Scope) FeedInput {
		return FeedInput{Scope: s, Index: ix, Deadlines: dls, Settings: ds.Settings, Now: fixedNow, Lang: "nl"}
	}
	var out []output
	add := func(name string, fi FeedInput, title string, items ...any) {
		o := output{name: name, data: must(t)(Feed(fi))}
		o.want = peerCalendar{Method: "PUBLISH", Version: "2.0", CalName: title, Timezones: []string{TZID}}
		for _, it := range items {
			switch v := it.(type) {
			case int:
				o.want.Events = append(o.want.Events, wantFeedMeeting(ix, *ix.Meetings[int64(v)]))
			case domain.Deadline:
				o.want.Events = append(o.want.Events, wantDeadline(ix, v))
			}
		}
		out = append(out, o)
	}
	// The body's schedule: every PHO meeting, the cancelled one marked, no
	// deadlines.
	add("feed-body", in(Scope{ScopeBody, bodyPHO}), "PHO Jeugd Walcheren", mSummer, mPHO, mCancelled)
	// Veere: meetings while it is a member (not February 2027: it left),
	// the common ambtenaren deadlines and its own, not Middelburg's; not
	// the vooroverleg (a real AO meeting exists) nor the PHO itself.
	add("feed-municipality", in(Scope{ScopeMunicipality, gemVeere}), "Regionale overleggen Veere",
		mSummer, dl("aanmelden", 0), mAO, dl("aanleveren", 0), dl("advies", gemVeere), dl("college", gemVeere), mPHO)
	// Eva, ambtenaar of Middelburg in the AO: the AO meeting, and the PHO
	// deadlines for ambtenaren of Middelburg, because her AO prepares the
	// PHO; not the PHO meetings, which she does not attend.
	add("feed-person", in(Scope{ScopePerson, pEva}), "Overleggen Eva Jansen",
		dl("aanmelden", 0), mAO, dl("advies", gemMiddelburg), dl("aanleveren", 0))
	return out
}

func must(t testing.TB) func([]byte, error) []byte {
	return func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
}

func allOutputs(t testing.TB) []output {
	inv, upd, can := scenario(t)
	return append([]output{inv, upd, can}, feeds(t)...)
}

func TestGolden(t *testing.T) {
	for _, o := range allOutputs(t) {
		path := filepath.Join("testdata", o.name+".ics")
		if *update {
			if err := os.WriteFile(path, o.data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./documents/ical -update)", err)
		}
		if !bytes.Equal(o.data, want) {
			t.Errorf("%s differs from %s; run go test ./documents/ical -update and review the diff", o.name, path)
		}
	}
}

// TestWellFormed checks what every client relies on, on every output:
// CRLF line ends, folded lines, UTF-8, the calendar properties, and that
// go-ical reads it back.
func TestWellFormed(t *testing.T) {
	for _, o := range allOutputs(t) {
		t.Run(o.name, func(t *testing.T) {
			if !utf8.Valid(o.data) {
				t.Fatal("not UTF-8")
			}
			if bytes.Contains(bytes.ReplaceAll(o.data, crlf, nil), []byte("\n")) || bytes.Contains(bytes.ReplaceAll(o.data, crlf, nil), []byte("\r")) {
				t.Error("a line ends in a bare LF or CR")
			}
			for i, l := range bytes.Split(bytes.TrimSuffix(o.data, crlf), crlf) {
				if len(l) > maxLineOctets {
					t.Errorf("line %d has %d octets", i+1, len(l))
				}
				if !utf8.Valid(l) {
					t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
				}
			}
			cal, err := goical.NewDecoder(bytes.NewReader(o.data)).Decode()
			if err != nil {
				t.Fatalf("go-ical cannot read it back: %v", err)
			}
			for name, want := range map[string]string{
				"VERSION": "2.0", "PRODID": ProductID, "CALSCALE": "GREGORIAN", "METHOD": o.want.Method,
			} {
				if p := cal.Props.Get(name); p == nil || p.Value != want {
					t.Errorf("%s = %v, want %q", name, p, want)
				}
			}
			if o.want.Method == "PUBLISH" {
				for _, name := range []string{"X-WR-CALNAME", "X-WR-TIMEZONE", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"} {
					if cal.Props.Get(name) == nil {
						t.Errorf("feed without %s", name)
					}
				}
			}
			for _, ev := range cal.Events() {
				for _, name := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "SUMMARY", "STATUS"} {
					if ev.Props.Get(name) == nil {
						t.Errorf("event %v without %s", ev.Props.Get("UID"), name)
					}
				}
				if o.want.Method != "PUBLISH" && ev.Props.Get("ORGANIZER") == nil {
					t.Error("iTIP message without ORGANIZER")
				}
				if ds := ev.Props.Get("DTSTAMP").Value; !strings.HasSuffix(ds, "Z") {
					t.Errorf("DTSTAMP %s is not UTC", ds)
				}
				start := ev.Props.Get("DTSTART")
				if start.Params.Get("VALUE") != "DATE" && start.Params.Get("TZID") != TZID {
					t.Errorf("DTSTART %v has no TZID=%s", start, TZID)
				}
			}
		})
	}
}

// TestSequence checks invite, update and cancel as the sequence they are:
// one UID, a rising SEQUENCE, and the method and status of each step.
func TestSequence(t *testing.T) {
	inv, upd, can := scenario(t)
	type step struct {
		method, status string
		seq            int
	}
	var got []step
	var uids []string
	for _, o := range []output{inv, upd, can} {
		cal, err := goical.NewDecoder(bytes.NewReader(o.data)).Decode()
		if err != nil {
			t.Fatal(err)
		}
		evs := cal.Events()
		if len(evs) != 1 {
			t.Fatalf("%s has %d events", o.name, len(evs))
		}
		seq, _ := evs[0].Props.Get("SEQUENCE").Int()
		got = append(got, step{cal.Props.Get("METHOD").Value, evs[0].Props.Get("STATUS").Value, seq})
		uids = append(uids, evs[0].Props.Get("UID").Value)
	}
	want := []step{{"REQUEST", "CONFIRMED", 0}, {"REQUEST", "CONFIRMED", 1}, {"CANCEL", "CANCELLED", 2}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("step %d: %+v, want %+v", i, got[i], want[i])
		}
		if uids[i] != "pho-2026-11-23@overlegplanner" {
			t.Errorf("step %d: UID %s changed", i, uids[i])
		}
	}
}

func TestCancelSequence(t *testing.T) {
	// A meeting not yet marked cancelled gets Sequence+1, a cancelled one
	// keeps the Sequence the store already raised.
	for _, tt := range []struct {
		status  domain.MeetingStatus
		seq     int
		wantSeq string
	}{
		{domain.StatusGepland, 3, "4"},
		{domain.StatusVerzonden, 0, "1"},
		{domain.StatusGeannuleerd, 5, "5"},
	} {
		in := inviteInput(fixture())
		in.Meeting.Status, in.Meeting.Sequence = tt.status, tt.seq
		b := must(t)(Cancel(in))
		cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
		if err != nil {
			t.Fatal(err)
		}
		if got := cal.Events()[0].Props.Get("SEQUENCE").Value; got != tt.wantSeq {
			t.Errorf("%s with sequence %d: SEQUENCE %s, want %s", tt.status, tt.seq, got, tt.wantSeq)
		}
	}
}

// TestConfidential proves that no confidential title, proposal, decision,
// motivation, document name, advice, action or note reaches any output:
// every such field of the fixture carries the marker word.
func TestConfidential(t *testing.T) {
	for _, o := range allOutputs(t) {
		text := unescapeText(string(unfold(o.data)))
		if i := strings.Index(strings.ToUpper(text), secret); i >= 0 {
			lo := max(0, i-60)
			t.Errorf("%s leaks confidential content: …%s…", o.name, text[lo:min(len(text), i+40)])
		}
		if !strings.Contains(text, "Vertrouwelijk agendapunt") && o.want.Method != "CANCEL" && o.name != "feed-person" {
			t.Errorf("%s does not show the confidential item as such", o.name)
		}
	}
	// Rendering leaves the caller's meeting alone.
	in := inviteInput(fixture())
	must(t)(Invite(in))
	must(t)(Feed(FeedInput{Scope: Scope{ScopeBody, bodyPHO}, Index: in.Index, Now: fixedNow}))
	m := in.Meeting
	if !strings.Contains(m.Items[2].Title, secret) || !strings.Contains(m.Items[3].Documents[1].Title, secret) ||
		m.Note == "" || len(m.Items[3].Advice) == 0 || !strings.Contains(in.Index.Meetings[mPHO].Items[2].Proposal, secret) {
		t.Error("rendering modified the meeting")
	}
}

func TestAttendees(t *testing.T) {
	type row struct {
		email, role, partstat string
		rsvp                  bool
		from, to              string
	}
	tests := []struct {
		name   string
		change func(*domain.Dataset, *InviteInput)
		want   []row
	}{
		{"fixture: chair, delegation, apologies, adviser; organiser and no-address left out", nil, []row{
			{"a.dewit@middelburg.nl", "CHAIR", "NEEDS-ACTION", true, "", ""},
			{"c.vandamme@veere.nl", "NON-PARTICIPANT", "DELEGATED", false, "", "d.ijzerman@veere.nl"},
			{"d.ijzerman@veere.nl", "REQ-PARTICIPANT", "NEEDS-ACTION", true, "c.vandamme@veere.nl", ""},
			{"b.pietersen@vlissingen.nl", "REQ-PARTICIPANT", "DECLINED", false, "", ""},
			{"g.zeeuw@ggdzeeland.nl", "OPT-PARTICIPANT", "ACCEPTED", false, "", ""},
		}},
		{"settings organiser when the body has no secretary: the secretary seat is invited", func(ds *domain.Dataset, in *InviteInput) {
			in.Index.Bodies[bodyPHO].SecretaryID = 0
			in.Meeting.Attendance = nil
		}, []row{
			{"a.dewit@middelburg.nl", "CHAIR", "NEEDS-ACTION", true, "", ""},
			{"c.vandamme@veere.nl", "REQ-PARTICIPANT", "NEEDS-ACTION", true, "", ""},
			{"b.pietersen@vlissingen.nl", "REQ-PARTICIPANT", "NEEDS-ACTION", true, "", ""},
			{"g.zeeuw@ggdzeeland.nl", "OPT-PARTICIPANT", "NEEDS-ACTION", true, "", ""},
			{"secretariaat@jeugdwalcheren.nl", "REQ-PARTICIPANT", "NEEDS-ACTION", true, "", ""},
		}},
		{"after Veere left, its member is no longer invited", func(ds *domain.Dataset, in *InviteInput) {
			in.Meeting = *in.Index.Meetings[mCancelled]
			in.Meeting.Status = domain.StatusGepland
		}, []row{
			{"a.dewit@middelburg.nl", "CHAIR", "NEEDS-ACTION", true, "", ""},
			{"b.pietersen@vlissingen.nl", "REQ-PARTICIPANT", "NEEDS-ACTION", true, "", ""},
			{"g.zeeuw@ggdzeeland.nl", "OPT-PARTICIPANT", "NEEDS-ACTION", true, "", ""},
		}},
		{"a substitute who also holds a seat is listed once, attending", func(ds *domain.Dataset, in *InviteInput) {
			in.Meeting.Attendance = []domain.Attendance{{PersonID: pBram, Status: domain.AttendanceVervangen, SubstituteID: pAnna}}
		}, []row{
			{"a.dewit@middelburg.nl", "CHAIR", "NEEDS-ACTION", true, "", ""},
			{"c.vandamme@veere.nl", "REQ-PARTICIPANT", "NEEDS-ACTION", true, "", ""},
			{"b.pietersen@vlissingen.nl", "NON-PARTICIPANT", "DELEGATED", false, "", "a.dewit@middelburg.nl"},
			{"g.zeeuw@ggdzeeland.nl", "OPT-PARTICIPANT", "NEEDS-ACTION", true, "", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := fixture()
			in := inviteInput(ds)
			if tt.change != nil {
				tt.change(ds, &in)
			}
			as, err := Attendees(in)
			if err != nil {
				t.Fatal(err)
			}
			var got []row
			for _, a := range as {
				got = append(got, row{a.Email, a.Role, a.PartStat, a.RSVP, a.DelegatedFrom, a.DelegatedTo})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d attendees %+v, want %d %+v", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("attendee %d: %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name   string
		run    func(ds *domain.Dataset, in InviteInput) error
		key    string
		substr string
	}{
		{"no UID", func(_ *domain.Dataset, in InviteInput) error {
			in.Meeting.UID = " "
			_, err := Invite(in)
			return err
		}, "ical.error.nouid", "UID"},
		{"no organiser anywhere", func(_ *domain.Dataset, in InviteInput) error {
			in.Index.Bodies[bodyPHO].SecretaryID = 0
			in.Settings = domain.Settings{}
			_, err := Invite(in)
			return err
		}, "ical.error.noorganiser", "PHO Jeugd Walcheren"},
		{"secretary without address and an invalid settings address", func(_ *domain.Dataset, in InviteInput) error {
			in.Index.People[pSaskia].Email = ""
			in.Settings.OrganiserEmail = "secretariaat at regio"
			_, err := Cancel(in)
			return err
		}, "ical.error.noorganiser", "organisator"},
		{"invite of a cancelled meeting", func(_ *domain.Dataset, in InviteInput) error {
			in.Meeting.Status = domain.StatusGeannuleerd
			_, err := Invite(in)
			return err
		}, "ical.error.cancelled", "annulering"},
		{"unknown body", func(_ *domain.Dataset, in InviteInput) error {
			in.Meeting.BodyID = 99
			_, err := Invite(in)
			return err
		}, "ical.error.nobody", "99"},
		{"end before start", func(_ *domain.Dataset, in InviteInput) error {
			in.Meeting.End = in.Meeting.Start
			_, err := Invite(in)
			return err
		}, "ical.error.notime", "100"},
		{"no index", func(_ *domain.Dataset, in InviteInput) error {
			in.Index = nil
			_, err := Attendees(in)
			return err
		}, "ical.error.noindex", "gegevens"},
		{"unknown feed scope", func(_ *domain.Dataset, in InviteInput) error {
			_, err := Feed(FeedInput{Scope: Scope{ScopePerson, 999}, Index: in.Index})
			return err
		}, "ical.error.scope", "999"},
		{"deadline of an unknown meeting", func(_ *domain.Dataset, in InviteInput) error {
			_, err := Feed(FeedInput{Scope: Scope{ScopeMunicipality, gemVeere}, Index: in.Index,
				Deadlines: []domain.Deadline{{MeetingID: 4242, Name: "Stukken", Audience: domain.AudienceAmbtenaren, Due: date.MustParse("2026-11-02")}}})
			return err
		}, "ical.error.deadlinemeeting", "4242"},
		{"feed meeting without UID", func(_ *domain.Dataset, in InviteInput) error {
			in.Index.Meetings[mAO].UID = ""
			_, err := Feed(FeedInput{Scope: Scope{ScopeBody, bodyAO}, Index: in.Index})
			return err
		}, "ical.error.nouid", "101"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := fixture()
			err := tt.run(ds, inviteInput(ds))
			var ie *i18n.Error
			if !errors.As(err, &ie) || ie.Msg.Key != tt.key {
				t.Fatalf("error %v, want key %s", err, tt.key)
			}
			if !errors.Is(err, ErrIncomplete) {
				t.Error("not ErrIncomplete")
			}
			if msg := ie.Msg.In(i18n.Dutch); !strings.Contains(msg, tt.substr) {
				t.Errorf("message %q does not mention %q", msg, tt.substr)
			}
		})
	}
}

// TestFeedSelection checks which events each scope gets, by UID or by
// deadline rule and gemeente.
func TestFeedSelection(t *testing.T) {
	tests := []struct {
		name      string
		scope     Scope
		audiences []domain.Audience
		change    func(*domain.Dataset)
		want      []string
	}{
		{"body", Scope{ScopeBody, bodyAO}, nil, nil, []string{"ao-2026-11-09"}},
		{"body with deadlines asked for", Scope{ScopeBody, bodyPHO}, []domain.Audience{domain.AudienceSecretariaat}, nil,
			[]string{"pho-2026-06-15", "verzending/", "pho-2026-11-23", "pho-2027-02-08"}},
		{"gemeente Middelburg still a member in 2027", Scope{ScopeMunicipality, gemMiddelburg}, nil, nil,
			[]string{"pho-2026-06-15", "aanmelden/", "ao-2026-11-09", "advies/GM0687", "aanleveren/", "pho-2026-11-23", "pho-2027-02-08"}},
		{"gemeente without deadlines", Scope{ScopeMunicipality, gemVlissingen}, []domain.Audience{}, nil,
			[]string{"pho-2026-06-15", "ao-2026-11-09", "pho-2026-11-23", "pho-2027-02-08"}},
		{"bestuurder who sent apologies for November", Scope{ScopePerson, pBram}, nil, nil,
			[]string{"pho-2026-06-15", "pho-2027-02-08"}},
		{"bestuurder who sent a substitute", Scope{ScopePerson, pCor}, nil, nil,
			[]string{"pho-2026-06-15"}},
		{"substitute: the meeting he attends, and no deadlines, as he holds no seat", Scope{ScopePerson, pDirk}, nil, nil,
			[]string{"pho-2026-11-23"}},
		{"ambtenaar of Veere in the AO", Scope{ScopePerson, pHenk}, nil, nil,
			[]string{"aanmelden/", "ao-2026-11-09", "aanleveren/", "advies/GM0717", "college/GM0717"}},
		{"secretary: every meeting of her bodies and the secretariat deadlines", Scope{ScopePerson, pSaskia}, nil, nil,
			[]string{"pho-2026-06-15", "ao-2026-11-09", "verzending/", "pho-2026-11-23", "pho-2027-02-08"}},
		{"a seat that ended is no longer in the person's feed", Scope{ScopePerson, pAnna}, nil, func(ds *domain.Dataset) {
			ds.Bodies[0].Members[0].Until = date.MustParse("2027-01-01")
		}, []string{"pho-2026-06-15", "pho-2026-11-23"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := fixture()
			if tt.change != nil {
				tt.change(ds)
			}
			ix := domain.NewIndex(ds)
			b := must(t)(Feed(FeedInput{Scope: tt.scope, Index: ix, Deadlines: fixtureDeadlines(), Audiences: tt.audiences,
				Settings: ds.Settings, Now: fixedNow}))
			got := eventKeys(t, ix, b)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("events\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// eventKeys names the events of a feed: a meeting by its UID without the
// domain, a deadline as rule/CBS code.
func eventKeys(t *testing.T, ix *domain.Index, b []byte) []string {
	t.Helper()
	uidOf := map[string]string{}
	for _, d := range fixtureDeadlines() {
		m := ix.Meetings[d.MeetingID]
		g := ix.Municipalities[d.MunicipalityID]
		k := municipalityKey(d.MunicipalityID, g)
		uidOf[deadlineUID(m.UID, d.RuleKey, k)] = d.RuleKey + "/" + k
	}
	cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, ev := range cal.Events() {
		uid := ev.Props.Get("UID").Value
		if k, ok := uidOf[uid]; ok {
			keys = append(keys, k)
		} else {
			keys = append(keys, strings.TrimSuffix(uid, "@overlegplanner"))
		}
	}
	return keys
}

func TestDeadlineUID(t *testing.T) {
	base := deadlineUID("pho-1@overlegplanner", "advies", "GM0717")
	if !regexp.MustCompile(`^deadline-[0-9a-f]{32}@overlegplanner$`).MatchString(base) {
		t.Errorf("UID %q has an unexpected form", base)
	}
	for _, other := range []string{
		deadlineUID("pho-2@overlegplanner", "advies", "GM0717"),
		deadlineUID("pho-1@overlegplanner", "aanleveren", "GM0717"),
		deadlineUID("pho-1@overlegplanner", "advies", "GM0718"),
		deadlineUID("pho-1@overlegplanner", "advies", ""),
		deadlineUID("pho-1@overlegplanner", "advies\x00GM0717", ""),
	} {
		if other == base {
			t.Errorf("different deadlines share UID %s", base)
		}
	}
	// The UID follows the meeting, not its date: a moved meeting's
	// deadline keeps its UID, so a refreshed feed moves the event.
	ds := fixture()
	ix := domain.NewIndex(ds)
	before := eventUIDs(t, must(t)(Feed(FeedInput{Scope: Scope{ScopeMunicipality, gemVeere}, Index: ix, Deadlines: fixtureDeadlines(), Now: fixedNow})))
	ix.Meetings[mPHO].Start = ix.Meetings[mPHO].Start.AddDate(0, 0, 7)
	ix.Meetings[mPHO].End = ix.Meetings[mPHO].End.AddDate(0, 0, 7)
	moved := fixtureDeadlines()
	for i := range moved {
		moved[i].Due = moved[i].Due.AddDays(7)
	}
	after := eventUIDs(t, must(t)(Feed(FeedInput{Scope: Scope{ScopeMunicipality, gemVeere}, Index: ix, Deadlines: moved, Now: fixedNow})))
	if strings.Join(before, " ") != strings.Join(after, " ") {
		t.Errorf("UIDs changed when the meeting moved:\n%v\n%v", before, after)
	}
	// The gemeente is identified by CBS code, else by database ID.
	if got := municipalityKey(7, &domain.Municipality{ID: 7}); got != "id:7" {
		t.Errorf("municipalityKey without CBS code = %q", got)
	}
}

func eventUIDs(t *testing.T, b []byte) []string {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	var uids []string
	for _, ev := range cal.Events() {
		uids = append(uids, ev.Props.Get("UID").Value)
	}
	return uids
}

func TestEnglish(t *testing.T) {
	ds := fixture()
	in := inviteInput(ds)
	in.Lang = i18n.English
	text := unescapeText(string(unfold(must(t)(Invite(in)))))
	for _, want := range []string{"Monday 23 November 2026, 14:00–16:00", "Confidential agenda item", "(for decision)",
		"Portfolio holder: Anna de Wit (Middelburg)", "Location: Stadhuis Middelburg, Raadzaal; ingang Markt",
		"PHO Jeugd Walcheren starts at 14:00"} {
		if !strings.Contains(text, want) {
			t.Errorf("English invite lacks %q", want)
		}
	}
	title, err := FeedTitle(domain.NewIndex(ds), Scope{ScopeMunicipality, gemVeere}, i18n.English)
	if err != nil || title != "Regional meetings Veere" {
		t.Errorf("FeedTitle = %q, %v", title, err)
	}
}

func TestAlarmAndLocation(t *testing.T) {
	tests := []struct {
		name      string
		change    func(*InviteInput)
		alarm     string // "" means no VALARM
		location  string
		url       string
		wantInDsc string
	}{
		{"defaults", nil, "-PT1H", "Stadhuis Middelburg\\, Raadzaal\\; ingang Markt", "https://teams.example.nl/l/meetup-join/19%3ameeting_abc", "Online: https://teams"},
		{"custom alarm", func(in *InviteInput) { in.Alarm = 90 * time.Minute }, "-PT1H30M", "", "", ""},
		{"no alarm", func(in *InviteInput) { in.Alarm = -1 }, "", "", "", ""},
		{"body location as fallback", func(in *InviteInput) { in.Meeting.Location = "" }, "-PT1H", "Stadhuis Middelburg", "", "Locatie: Stadhuis Middelburg\\n"},
		{"online only", func(in *InviteInput) {
			in.Meeting.Location = ""
			in.Index.Bodies[bodyPHO].Location = ""
		}, "-PT1H", "https://teams.example.nl/l/meetup-join/19%3ameeting_abc", "", "uur\\nOnline: https://teams"},
		{"a link that is no URL stays out of URL", func(in *InviteInput) { in.Meeting.OnlineURL = "Teams (link volgt)" }, "-PT1H", "", "NONE", "Online: Teams (link volgt)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := inviteInput(fixture())
			if tt.change != nil {
				tt.change(&in)
			}
			b := must(t)(Invite(in))
			cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
			if err != nil {
				t.Fatal(err)
			}
			ev := cal.Events()[0]
			var trig string
			for _, c := range ev.Children {
				if c.Name == goical.CompAlarm {
					trig = c.Props.Get("TRIGGER").Value
					if c.Props.Get("DESCRIPTION") == nil || c.Props.Get("ACTION").Value != "DISPLAY" {
						t.Error("VALARM without ACTION:DISPLAY and DESCRIPTION")
					}
				}
			}
			if trig != tt.alarm {
				t.Errorf("TRIGGER %q, want %q", trig, tt.alarm)
			}
			if tt.location != "" && ev.Props.Get("LOCATION").Value != tt.location {
				t.Errorf("LOCATION %q, want %q", ev.Props.Get("LOCATION").Value, tt.location)
			}
			switch u := ev.Props.Get("URL"); {
			case tt.url == "NONE" && u != nil:
				t.Errorf("URL %q written for a non-URL", u.Value)
			case tt.url != "" && tt.url != "NONE" && (u == nil || u.Value != tt.url):
				t.Errorf("URL %v, want %q", u, tt.url)
			}
			if tt.wantInDsc != "" && !strings.Contains(ev.Props.Get("DESCRIPTION").Value, tt.wantInDsc) {
				t.Errorf("DESCRIPTION %q lacks %q", ev.Props.Get("DESCRIPTION").Value, tt.wantInDsc)
			}
		})
	}
}

func TestContentType(t *testing.T) {
	for m, want := range map[Method]string{
		MethodRequest: "text/calendar; charset=utf-8; method=REQUEST",
		MethodCancel:  "text/calendar; charset=utf-8; method=CANCEL",
		MethodPublish: "text/calendar; charset=utf-8; method=PUBLISH",
	} {
		if got := ContentType(m); got != want {
			t.Errorf("ContentType(%s) = %q", m, got)
		}
	}
}

// TestTimezoneMatchesTZData checks the VTIMEZONE rule against Go's tzdata
// for every year a meeting could be planned in: the transitions fall on
// the last Sunday of March and October at 01:00 UTC.
func TestTimezoneMatchesTZData(t *testing.T) {
	loc := domain.Amsterdam()
	lastSunday := func(y int, m time.Month) int {
		d := date.New(y, m, date.DaysIn(y, m))
		for d.Weekday() != time.Sunday {
			d = d.AddDays(-1)
		}
		return d.Day()
	}
	for y := 1996; y <= 2100; y++ {
		for _, tr := range []struct {
			month          time.Month
			before, after  int
			localHourAfter int
		}{{time.March, 3600, 7200, 3}, {time.October, 7200, 3600, 2}} {
			at := time.Date(y, tr.month, lastSunday(y, tr.month), 1, 0, 0, 0, time.UTC)
			_, off1 := at.Add(-time.Second).In(loc).Zone()
			_, off2 := at.In(loc).Zone()
			if off1 != tr.before || off2 != tr.after {
				t.Fatalf("%d %s: tzdata offsets %d→%d at %s, VTIMEZONE says %d→%d", y, tr.month, off1, off2, at, tr.before, tr.after)
			}
			if h := at.In(loc).Hour(); h != tr.localHourAfter {
				t.Fatalf("%d %s: local hour after the change %d", y, tr.month, h)
			}
		}
	}
	// And the component says so.
	tz := amsterdamTimezone()
	want := map[string][4]string{
		"DAYLIGHT": {"+0100", "+0200", "19700329T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"},
		"STANDARD": {"+0200", "+0100", "19701025T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"},
	}
	for _, c := range tz.Children {
		w := want[c.Name]
		got := [4]string{c.Props.Get("TZOFFSETFROM").Value, c.Props.Get("TZOFFSETTO").Value, c.Props.Get("DTSTART").Value, c.Props.Get("RRULE").Value}
		if got != w {
			t.Errorf("%s: %v, want %v", c.Name, got, w)
		}
		for _, p := range []string{"TZOFFSETFROM", "TZOFFSETTO", "RRULE"} {
			if v := c.Props.Get(p).Params.Get("VALUE"); v != "" {
				t.Errorf("%s %s has VALUE=%s", c.Name, p, v)
			}
		}
	}
}
