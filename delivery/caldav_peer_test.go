package delivery

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/emersion/go-webdav"
	"github.com/emersion/go-webdav/caldav"

	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/internal/testpeer"
	"github.com/overlegplanner/overlegplanner/planning"
)

// Tests against a real calendar server: Debian's radicale on loopback,
// with its own storage in a temporary folder and htpasswd logins. They
// publish, publish again, move, cancel and delete a meeting and read the
// server's state back with go-webdav after each step: what a colleague's
// calendar program would see.

const (
	davUser     = "secretariaat"
	davPassword = "Agenda+Wachtwoord/Walcheren=1"
)

// startRadicale starts radicale with one user and returns its base URL.
func startRadicale(t testing.TB) string {
	t.Helper()
	py := testpeer.SystemPython(t, "radicale")
	dir := t.TempDir()
	users := filepath.Join(dir, "users")
	if err := os.WriteFile(users, []byte(davUser+":"+davPassword+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := startPeer(t, "radicale", func(port int) []string {
		return []string{py, "-m", "radicale", "--config", "",
			"--server-hosts", "127.0.0.1:" + strconv.Itoa(port),
			"--storage-filesystem-folder", filepath.Join(dir, "collections"),
			"--auth-type", "htpasswd", "--auth-htpasswd-filename", users, "--auth-htpasswd-encryption", "plain",
			"--rights-type", "owner_only", "--logging-level", "warning"}
	}, func(p *peerProcess) bool { return listening(p.port) })
	return "http://127.0.0.1:" + strconv.Itoa(p.port) + "/"
}

// serverEvent is one event as the server holds it.
type serverEvent struct {
	path, etag       string
	summary, status  string
	start            time.Time
	ours             bool // carries HashProp
	organizer, hasTZ bool
}

// serverCalendar is one calendar read back from the server.
type serverCalendar struct {
	name   string
	events map[string]serverEvent // by UID
}

// readServer reads every calendar in the user's home, independently of
// Publish: its own go-webdav client, its own queries.
func readServer(t *testing.T, base string) map[string]serverCalendar {
	t.Helper()
	ctx := testContext(t, 30*time.Second)
	c, err := caldav.NewClient(webdav.HTTPClientWithBasicAuth(&http.Client{Timeout: 10 * time.Second}, davUser, davPassword), base)
	if err != nil {
		t.Fatal(err)
	}
	principal, err := c.FindCurrentUserPrincipal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	home, err := c.FindCalendarHomeSet(ctx, principal)
	if err != nil {
		t.Fatal(err)
	}
	cals, err := c.FindCalendars(ctx, home)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]serverCalendar{}
	for _, cal := range cals {
		objs, err := c.QueryCalendar(ctx, cal.Path, &caldav.CalendarQuery{
			CompRequest: caldav.CalendarCompRequest{Name: goical.CompCalendar, AllProps: true, AllComps: true},
			CompFilter:  caldav.CompFilter{Name: goical.CompCalendar},
		})
		if err != nil {
			t.Fatalf("%s: %v", cal.Path, err)
		}
		sc := serverCalendar{name: cal.Name, events: map[string]serverEvent{}}
		for _, o := range objs {
			if o.Data.Props.Get(goical.PropMethod) != nil {
				t.Errorf("%s: a calendar object with METHOD (RFC 4791 §4.1)", o.Path)
			}
			tz := false
			for _, child := range o.Data.Children {
				tz = tz || child.Name == goical.CompTimezone
			}
			for _, ev := range o.Data.Events() {
				uid, _ := ev.Props.Text(goical.PropUID)
				summary, _ := ev.Props.Text(goical.PropSummary)
				status, _ := ev.Props.Text(goical.PropStatus)
				start, _ := ev.DateTimeStart(domain.Amsterdam())
				if _, dup := sc.events[uid]; dup {
					t.Errorf("%s: UID %s twice", cal.Path, uid)
				}
				sc.events[uid] = serverEvent{path: o.Path, etag: o.ETag, summary: summary, status: status, start: start,
					ours: ev.Props.Get(HashProp) != nil, organizer: ev.Props.Get(goical.PropOrganizer) != nil, hasTZ: tz}
			}
		}
		out[strings.TrimSuffix(cal.Path, "/")] = sc
	}
	return out
}

// changed lists, per calendar, the UIDs whose ETag differs between two
// reads, and the ones added and removed.
func changed(before, after map[string]serverCalendar) []string {
	var out []string
	for path, a := range after {
		b := before[path]
		for uid, ev := range a.events {
			old, ok := b.events[uid]
			switch {
			case !ok:
				out = append(out, "+"+path+" "+uid)
			case old.etag != ev.etag:
				out = append(out, "~"+path+" "+uid)
			}
		}
		for uid := range b.events {
			if _, ok := a.events[uid]; !ok {
				out = append(out, "-"+path+" "+uid)
			}
		}
	}
	for path := range before {
		if _, ok := after[path]; !ok {
			out = append(out, "-"+path)
		}
	}
	sort.Strings(out)
	return out
}

// reported lists a report's changes as changed does.
func reported(rep PublishReport) []string {
	sym := map[EventAction]string{EventCreate: "+", EventUpdate: "~", EventDelete: "-"}
	var out []string
	for _, c := range rep.Calendars {
		for _, ch := range c.Changes {
			out = append(out, sym[ch.Action]+strings.TrimSuffix(c.Path, "/")+" "+ch.UID)
		}
	}
	sort.Strings(out)
	return out
}

// TestCalDAVPeerPublish publishes a body's, another body's and a
// gemeente's calendar to radicale and follows a meeting through a move,
// a cancellation and its deletion, checking after each step that the
// server holds exactly what the report says changed.
func TestCalDAVPeerPublish(t *testing.T) {
	start := time.Now()
	base := startRadicale(t)
	t.Logf("radicale started in %s", time.Since(start).Round(time.Millisecond))
	ds := fixture()
	scopes := []ical.Scope{{Kind: ical.ScopeBody, ID: bodyPHO}, {Kind: ical.ScopeBody, ID: bodyAO}, {Kind: ical.ScopeMunicipality, ID: gemMiddelburg}}
	cfg := CalDAVConfig{Settings: domain.CalDAVSettings{URL: base, User: davUser}, Password: davPassword, Timeout: 10 * time.Second}
	publish := func(dry bool) PublishReport {
		t.Helper()
		began := time.Now()
		rep, err := Publish(testContext(t, time.Minute), PublishInput{Planner: planning.NewPlanner(ds), Scopes: scopes, Config: cfg,
			DryRun: dry, Now: fixedNow, Lang: "nl"})
		if err != nil {
			t.Fatalf("publish: %v", err)
		}
		t.Logf("publish (dry run %v): %d created, %d updated, %d deleted, %d unchanged in %s", dry,
			rep.Count(EventCreate), rep.Count(EventUpdate), rep.Count(EventDelete), rep.Unchanged(), time.Since(began).Round(time.Millisecond))
		return rep
	}

	// 0. The connection test, on an empty home.
	info, err := TestCalDAV(testContext(t, 30*time.Second), cfg)
	if err != nil {
		t.Fatalf("test connection: %v", err)
	}
	if info.Calendars != 0 || info.User != davUser || !strings.HasPrefix(info.Server, base) {
		t.Errorf("connection info %+v", info)
	}

	// 1. A dry run on an empty home says what it would create, and
	// creates nothing.
	if rep := publish(true); len(rep.Calendars) != 3 || !rep.Calendars[0].Created || rep.Count(EventCreate) == 0 {
		t.Fatalf("dry run report %+v", rep)
	}
	if got := readServer(t, base); len(got) != 0 {
		t.Fatalf("a dry run created %d calendars", len(got))
	}

	// 2. The first publish creates the calendars and their events.
	rep := publish(false)
	s1 := readServer(t, base)
	if len(s1) != 3 {
		t.Fatalf("%d calendars on the server, want 3", len(s1))
	}
	if got, want := changed(nil, s1), reported(rep); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the server holds\n%s\nthe report says\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	pho := strings.TrimSuffix(rep.Calendars[0].Path, "/")
	ao := strings.TrimSuffix(rep.Calendars[1].Path, "/")
	if !strings.Contains(s1[pho].name, "PHO Jeugd Walcheren") {
		t.Errorf("calendar name %q", s1[pho].name)
	}
	uid := meeting(ds, mPHO).UID
	ev, ok := s1[pho].events[uid]
	if !ok || !ev.ours || ev.organizer || !ev.hasTZ || !ev.start.Equal(meeting(ds, mPHO).Start) {
		t.Fatalf("meeting on the server: %+v (found %v)", ev, ok)
	}
	if _, ok := s1[pho].events[meeting(ds, mPHOJan).UID]; !ok || len(s1[ao].events) != 1 {
		t.Errorf("PHO calendar %d events, AO calendar %d", len(s1[pho].events), len(s1[ao].events))
	}

	// 3. Publishing again without a change changes nothing: the report
	// says so, and every ETag on the server is the same.
	rep = publish(false)
	if rep.Count(EventCreate)+rep.Count(EventUpdate)+rep.Count(EventDelete) != 0 || rep.Unchanged() != countEvents(s1) {
		t.Errorf("second publish: %q, %d unchanged of %d", reported(rep), rep.Unchanged(), countEvents(s1))
	}
	if diff := changed(s1, readServer(t, base)); len(diff) != 0 {
		t.Errorf("a publish without a change changed the server: %q", diff)
	}

	// 4. Someone adds an event of their own to the body's calendar.
	foreign := "borrel-2026@example.nl"
	putForeign(t, base, pho+"/borrel.ics", foreign)

	// 5. The meeting moves a week. A dry run reports the change and
	// leaves the server alone; the publish changes in the body's
	// calendar exactly that one event, nothing in the other body's, and
	// everywhere only what the report names.
	m := meeting(ds, mPHO)
	m.Start, m.End, m.Sequence = m.Start.AddDate(0, 0, 7), m.End.AddDate(0, 0, 7), 1
	s2 := readServer(t, base)
	if dry := publish(true); len(reported(dry)) == 0 {
		t.Error("the dry run after a move reports nothing")
	} else if diff := changed(s2, readServer(t, base)); len(diff) != 0 {
		t.Errorf("a dry run changed the server: %q", diff)
	}
	rep = publish(false)
	s3 := readServer(t, base)
	diff := changed(s2, s3)
	if got, want := strings.Join(diff, "\n"), strings.Join(reported(rep), "\n"); got != want {
		t.Errorf("after the move the server changed\n%s\nthe report says\n%s", got, want)
	}
	if c := calendarReport(rep, pho); len(c.Changes) != 1 || c.Changes[0].UID != uid || c.Changes[0].Action != EventUpdate {
		t.Errorf("body calendar after the move: %+v, want one update of %s", c.Changes, uid)
	}
	if c := calendarReport(rep, ao); len(c.Changes) != 0 {
		t.Errorf("the other body's calendar changed: %+v", c.Changes)
	}
	if got := s3[pho].events[uid].start; !got.Equal(m.Start) {
		t.Errorf("DTSTART on the server %v, want %v", got, m.Start)
	}

	// 6. The meeting is cancelled: it stays, struck through, so that
	// whoever planned around it sees why it is gone.
	m.Status, m.Sequence = domain.StatusGeannuleerd, 2
	rep = publish(false)
	s4 := readServer(t, base)
	if c := calendarReport(rep, pho); len(c.Changes) != 1 || c.Changes[0].Action != EventUpdate {
		t.Errorf("body calendar after the cancellation: %+v", c.Changes)
	}
	if ev := s4[pho].events[uid]; ev.status != "CANCELLED" || !strings.HasPrefix(ev.summary, "Geannuleerd") {
		t.Errorf("cancelled meeting on the server: STATUS %q, SUMMARY %q", ev.status, ev.summary)
	}
	if diff := changed(s3, s4); strings.Join(diff, "\n") != strings.Join(reported(rep), "\n") {
		t.Errorf("after the cancellation the server changed %q, the report says %q", diff, reported(rep))
	}

	// 7. The January meeting is deleted from the data: its event goes,
	// the foreign event stays.
	janUID := meeting(ds, mPHOJan).UID
	for i := range ds.Meetings {
		if ds.Meetings[i].ID == mPHOJan {
			ds.Meetings = append(ds.Meetings[:i], ds.Meetings[i+1:]...)
			break
		}
	}
	rep = publish(false)
	s5 := readServer(t, base)
	if _, still := s5[pho].events[janUID]; still {
		t.Error("the deleted meeting is still on the server")
	}
	if ev, ok := s5[pho].events[foreign]; !ok || ev.etag != s4[pho].events[foreign].etag {
		t.Error("publishing touched an event it did not write")
	}
	if diff := changed(s4, s5); strings.Join(diff, "\n") != strings.Join(reported(rep), "\n") {
		t.Errorf("after the deletion the server changed %q, the report says %q", diff, reported(rep))
	}

	// 8. And once more: nothing.
	if rep := publish(false); len(reported(rep)) != 0 {
		t.Errorf("a last publish changed %q", reported(rep))
	}
	if info, err := TestCalDAV(testContext(t, 30*time.Second), cfg); err != nil || info.Calendars != 3 {
		t.Errorf("connection test afterwards: %d calendars, %v", info.Calendars, err)
	}
	t.Logf("whole exchange in %s", time.Since(start).Round(time.Millisecond))
}

// TestCalDAVPeerFailures: a wrong password, a wrong port and a path
// that does not exist give Dutch messages without the password, and
// change nothing.
func TestCalDAVPeerFailures(t *testing.T) {
	base := startRadicale(t)
	closed := "http://127.0.0.1:" + strconv.Itoa(freePort(t)) + "/"
	wrong := "Fout+Wachtwoord/2026="
	tests := []struct {
		name, url, user, password, want string
	}{
		{"wrong password", base, davUser, wrong, "wachtwoord"},
		{"unknown user", base, "onbekend", davPassword, "wachtwoord"},
		{"connection refused", closed, davUser, davPassword, "weigert verbindingen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := CalDAVConfig{Settings: domain.CalDAVSettings{URL: tt.url, User: tt.user}, Password: tt.password, Timeout: 10 * time.Second}
			_, err := TestCalDAV(testContext(t, 30*time.Second), cfg)
			checkDAVError(t, "test", err, tt.want, []string{tt.password, davPassword})
			rep, err := Publish(testContext(t, 30*time.Second), PublishInput{Planner: planning.NewPlanner(fixture()), Config: cfg, Now: fixedNow, Lang: "nl"})
			checkDAVError(t, "publish", err, tt.want, []string{tt.password, davPassword})
			if len(reported(rep)) != 0 {
				t.Errorf("report %q", reported(rep))
			}
		})
	}
	if got := readServer(t, base); len(got) != 0 {
		t.Errorf("failed publishes created %d calendars", len(got))
	}
}

// checkDAVError checks a CalDAV failure: a Dutch *i18n.Error that wraps
// ErrUnreachable, mentions want, and shows no form of a password.
func checkDAVError(t *testing.T, what string, err error, want string, secrets []string) {
	t.Helper()
	var ie *i18n.Error
	if !errors.As(err, &ie) || !errors.Is(err, ErrUnreachable) {
		t.Fatalf("%s: %T %v, want an *i18n.Error wrapping ErrUnreachable", what, err, err)
	}
	nl := ie.Msg.In("nl")
	if !strings.Contains(nl, want) || !strings.Contains(nl, "127.0.0.1") {
		t.Errorf("%s: %q does not mention %q and the server", what, nl, want)
	}
	text := strings.Join([]string{err.Error(), i18n.UserMessage(err), fmt.Sprintf("%+v", err), nl, ie.Msg.In("en")}, "\n")
	for _, s := range secrets {
		for _, form := range []string{s, base64String(davUser + ":" + s), base64String("onbekend:" + s)} {
			if strings.Contains(text, form) {
				t.Errorf("%s: a password appears in %q", what, text)
			}
		}
	}
}

// putForeign writes an event that Overlegplanner did not make.
func putForeign(t *testing.T, base, path, uid string) {
	t.Helper()
	c, err := caldav.NewClient(webdav.HTTPClientWithBasicAuth(&http.Client{Timeout: 10 * time.Second}, davUser, davPassword), base)
	if err != nil {
		t.Fatal(err)
	}
	cal := goical.NewCalendar()
	cal.Props.SetText(goical.PropVersion, "2.0")
	cal.Props.SetText(goical.PropProductID, "-//Collega//NL")
	ev := goical.NewEvent()
	ev.Props.SetText(goical.PropUID, uid)
	ev.Props.SetText(goical.PropSummary, "Borrel")
	ev.Props.SetDateTime(goical.PropDateTimeStamp, fixedNow)
	ev.Props.SetDateTime(goical.PropDateTimeStart, amsterdam(2026, time.December, 18, 17, 0).UTC())
	ev.Props.SetDateTime(goical.PropDateTimeEnd, amsterdam(2026, time.December, 18, 19, 0).UTC())
	cal.Children = append(cal.Children, ev.Component)
	if _, err := c.PutCalendarObject(context.Background(), path, cal); err != nil {
		t.Fatal(err)
	}
}

func calendarReport(rep PublishReport, path string) CalendarReport {
	for _, c := range rep.Calendars {
		if strings.TrimSuffix(c.Path, "/") == path {
			return c
		}
	}
	return CalendarReport{}
}

func countEvents(s map[string]serverCalendar) int {
	n := 0
	for _, c := range s {
		n += len(c.events)
	}
	return n
}
