package ui

import (
	"context"
	"image/png"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/emersion/go-webdav"
	"github.com/emersion/go-webdav/caldav"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/overlegplanner/overlegplanner/delivery"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/internal/testpeer"
)

// The publish dialog is tested against a real calendar server, as
// delivery's own tests are: Debian's radicale on loopback with its own
// storage in a temporary folder and an htpasswd login, read back with
// go-webdav after each step.

const (
	publishTestUser     = "secretariaat"
	publishTestPassword = "Agenda+Wachtwoord/Walcheren=1"
)

// publishStartRadicale starts radicale with one user and returns its
// base URL; it is stopped when the test ends. It tries three ports:
// radicale binds the port itself, so another process may take a free
// one first.
func publishStartRadicale(t *testing.T) string {
	t.Helper()
	py := testpeer.SystemPython(t, "radicale")
	dir := t.TempDir()
	users := filepath.Join(dir, "users")
	if err := os.WriteFile(users, []byte(publishTestUser+":"+publishTestPassword+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for attempt := 0; attempt < 3; attempt++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		cmd := exec.Command(py, "-m", "radicale", "--config", "",
			"--server-hosts", "127.0.0.1:"+strconv.Itoa(port),
			"--storage-filesystem-folder", filepath.Join(dir, "collections"),
			"--auth-type", "htpasswd", "--auth-htpasswd-filename", users, "--auth-htpasswd-encryption", "plain",
			"--rights-type", "owner_only", "--logging-level", "warning")
		cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
		out.Reset()
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatalf("radicale: %v", err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		t.Cleanup(func() {
			cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-exited:
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				<-exited
			}
		})
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			select {
			case <-exited:
				deadline = time.Time{} // most likely the port was taken: the next one
				continue
			default:
			}
			if c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), 200*time.Millisecond); err == nil {
				c.Close()
				return "http://127.0.0.1:" + strconv.Itoa(port) + "/"
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	t.Fatalf("radicale did not start:\n%s", out.String())
	return ""
}

// publishServerEvent is one event as the server holds it.
type publishServerEvent struct {
	etag, summary string
	start         time.Time
}

// publishReadServer reads every calendar of the user, independently of
// delivery: calendar path → UID → event.
func publishReadServer(t *testing.T, base string) map[string]map[string]publishServerEvent {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := caldav.NewClient(webdav.HTTPClientWithBasicAuth(&http.Client{Timeout: 10 * time.Second}, publishTestUser, publishTestPassword), base)
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
	out := map[string]map[string]publishServerEvent{}
	for _, cal := range cals {
		objs, err := c.QueryCalendar(ctx, cal.Path, &caldav.CalendarQuery{
			CompRequest: caldav.CalendarCompRequest{Name: goical.CompCalendar, AllProps: true, AllComps: true},
			CompFilter:  caldav.CompFilter{Name: goical.CompCalendar},
		})
		if err != nil {
			t.Fatalf("%s: %v", cal.Path, err)
		}
		evs := map[string]publishServerEvent{}
		for _, o := range objs {
			for _, ev := range o.Data.Events() {
				uid, _ := ev.Props.Text(goical.PropUID)
				summary, _ := ev.Props.Text(goical.PropSummary)
				start, _ := ev.DateTimeStart(domain.Amsterdam())
				evs[uid] = publishServerEvent{etag: o.ETag, summary: summary, start: start}
			}
		}
		out[strings.TrimSuffix(cal.Path, "/")] = evs
	}
	return out
}

// publishServerDiff lists what differs between two reads of the server:
// "+path uid" added, "~path uid" another ETag, "-path uid" gone.
func publishServerDiff(before, after map[string]map[string]publishServerEvent) []string {
	var out []string
	for path, evs := range after {
		for uid, ev := range evs {
			old, ok := before[path][uid]
			switch {
			case !ok:
				out = append(out, "+"+path+" "+uid)
			case old.etag != ev.etag:
				out = append(out, "~"+path+" "+uid)
			}
		}
		for uid := range before[path] {
			if _, ok := evs[uid]; !ok {
				out = append(out, "-"+path+" "+uid)
			}
		}
	}
	sort.Strings(out)
	return out
}

// publishReported lists the dialog's last outcomes as publishServerDiff
// does.
func publishReported(d *publishDialog) []string {
	sym := map[delivery.EventAction]string{delivery.EventCreate: "+", delivery.EventUpdate: "~", delivery.EventDelete: "-"}
	var out []string
	for _, o := range d.outcomes {
		if o.report == nil {
			continue
		}
		for _, c := range o.report.Changes {
			out = append(out, sym[c.Action]+strings.TrimSuffix(o.report.Path, "/")+" "+c.UID)
		}
	}
	sort.Strings(out)
	return out
}

// publishRun taps a button of the dialog and waits, at most a minute,
// until the run has finished.
func publishRun(t *testing.T, d *publishDialog, b interface{ Disabled() bool }, tap func()) error {
	t.Helper()
	if b.Disabled() {
		t.Fatal("the button is disabled")
	}
	done := make(chan error, 1)
	d.finished = func(_ bool, err error) { done <- err }
	tap()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatal("the run did not finish within a minute")
	}
	return nil
}

// publishTestSettings stores calendar server settings for url.
func publishTestSettings(t *testing.T, sh *Shell, url string) {
	t.Helper()
	ds, _ := sh.State.Data()
	st := ds.Settings
	st.CalDAV = domain.CalDAVSettings{URL: url, User: publishTestUser}
	if err := sh.State.Store.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	if err := sh.State.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestPublishDialogRadicale follows the dialog against radicale: the
// preview of two new calendars changes nothing on the server, the publish
// creates exactly what the preview announced, a second preview finds
// everything current (and "Publiceren" stays off), a moved meeting shows
// up as one change in its body's calendar and is published as exactly
// that, and a wrong password gives a Dutch message and changes nothing.
func TestPublishDialogRadicale(t *testing.T) {
	base := publishStartRadicale(t)
	kr := &sendTestKeyring{m: map[string]string{}}
	old := sendKeyring
	sendKeyring = func() delivery.Keyring { return kr }
	t.Cleanup(func() { sendKeyring = old })
	t.Setenv("OVERLEGPLANNER_CALDAV_PASSWORD", "")

	sh, w := newTestShell(t)
	publishTestSettings(t, sh, base)
	ds, _ := sh.State.Data()
	if err := sendPasswords().Save(delivery.CalDAVAccount(ds.Settings.CalDAV), publishTestPassword); err != nil {
		t.Fatal(err)
	}
	d, err := newPublishDialog(sh)
	if err != nil {
		t.Fatal(err)
	}
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("ui.publish.title"), d.content(), w)
	d.dlg.Resize(fyne.NewSize(1140, 700))
	d.dlg.Show()
	if !strings.Contains(d.heading.Text, base) || !strings.Contains(d.heading.Text, publishTestUser) {
		t.Errorf("heading %q", d.heading.Text)
	}

	// Body 1 and one of its gemeenten: nothing else is ticked.
	m := sendTestMeeting(t, sh.State)
	_, ix := sh.State.Data()
	body := ix.Bodies[m.BodyID]
	gem := ix.MemberMunicipalities(body, m.Date())[0]
	d.bodies.SetSelected([]string{body.Name})
	d.gemeenten.SetSelected([]string{gem.Name})
	if got := d.selected(); len(got) != 2 {
		t.Fatalf("selected %v", got)
	}
	if !d.publishBtn.Disabled() || !strings.Contains(d.status.Text, "voorbeeld") {
		t.Errorf("before a preview: publish disabled=%v, status %q", d.publishBtn.Disabled(), d.status.Text)
	}

	// 1. The preview: two calendars to make, events to create, nothing
	// on the server yet.
	if err := publishRun(t, d, d.previewBtn, func() { test.Tap(d.previewBtn) }); err != nil {
		t.Fatalf("preview: %v", err)
	}
	rows := sendRowTexts(d.rows)
	if len(rows) != 2 {
		t.Fatalf("rows %q", rows)
	}
	created := 0
	for i, o := range d.outcomes {
		n := len(o.report.Changes)
		created += n
		if n == 0 || !o.report.Created || !strings.Contains(rows[i], i18n.T("ui.publish.counts", n, 0, 0)) ||
			!strings.Contains(rows[i], "agenda wordt aangemaakt") {
			t.Errorf("preview row %q for %d changes", rows[i], n)
		}
	}
	t.Logf("preview: %d events to create in %q", created, rows)
	if len(publishReadServer(t, base)) != 0 {
		t.Fatal("the preview created calendars")
	}
	if d.publishBtn.Disabled() || d.changeList.Length() != created || !strings.Contains(d.status.Text, "Er is nog niets veranderd") {
		t.Errorf("after the preview: publish disabled=%v, %d changes listed of %d, status %q",
			d.publishBtn.Disabled(), d.changeList.Length(), created, d.status.Text)
	}

	// 2. Publish: the server holds exactly what the dialog reports.
	if err := publishRun(t, d, d.publishBtn, func() { test.Tap(d.publishBtn) }); err != nil {
		t.Fatalf("publish: %v", err)
	}
	s1 := publishReadServer(t, base)
	if len(s1) != 2 {
		t.Fatalf("%d calendars on the server", len(s1))
	}
	if got, want := publishServerDiff(nil, s1), publishReported(d); strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) != created {
		t.Errorf("the server holds %d new events, the dialog reports %d, the preview announced %d", len(got), len(want), created)
	}
	for _, r := range sendRowTexts(d.rows) {
		if !strings.Contains(r, "agenda aangemaakt en gevuld") {
			t.Errorf("after the publish: %q", r)
		}
	}
	if !strings.Contains(d.status.Text, "Klaar") || !d.publishBtn.Disabled() {
		t.Errorf("after the publish: status %q, publish disabled=%v", d.status.Text, d.publishBtn.Disabled())
	}

	// 3. A second preview: everything current, nothing to publish, the
	// server untouched.
	if err := publishRun(t, d, d.previewBtn, func() { test.Tap(d.previewBtn) }); err != nil {
		t.Fatal(err)
	}
	for _, r := range sendRowTexts(d.rows) {
		if !strings.Contains(r, i18n.T("ui.publish.counts", 0, 0, 0)) || !strings.Contains(r, "al actueel") {
			t.Errorf("second preview: %q", r)
		}
	}
	if !d.publishBtn.Disabled() || !strings.Contains(d.status.Text, "alles is al actueel") {
		t.Errorf("second preview: publish disabled=%v, status %q", d.publishBtn.Disabled(), d.status.Text)
	}
	if diff := publishServerDiff(s1, publishReadServer(t, base)); len(diff) != 0 {
		t.Errorf("a preview changed the server: %q", diff)
	}

	// 4. The meeting moves a day: one change in its body's calendar.
	m.Start, m.End = m.Start.AddDate(0, 0, 1), m.End.AddDate(0, 0, 1)
	if err := sh.State.Store.SaveMeeting(context.Background(), &m); err != nil {
		t.Fatal(err)
	}
	if err := sh.State.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := publishRun(t, d, d.previewBtn, func() { test.Tap(d.previewBtn) }); err != nil {
		t.Fatal(err)
	}
	bodyRep := d.outcomes[0].report
	if len(bodyRep.Changes) != 1 || bodyRep.Changes[0].UID != m.UID || bodyRep.Changes[0].Action != delivery.EventUpdate {
		t.Fatalf("the body's calendar after the move: %+v", bodyRep.Changes)
	}
	if rows := sendRowTexts(d.rows); !strings.Contains(rows[0], i18n.T("ui.publish.counts", 0, 1, 0)) || !strings.Contains(rows[0], "wordt bijgewerkt") {
		t.Errorf("preview after the move: %q", rows)
	}
	if err := publishRun(t, d, d.publishBtn, func() { test.Tap(d.publishBtn) }); err != nil {
		t.Fatal(err)
	}
	s2 := publishReadServer(t, base)
	t.Logf("after the move: %q", publishServerDiff(s1, s2))
	if got, want := publishServerDiff(s1, s2), publishReported(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("after the move the server changed\n%s\nthe dialog reports\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	bodyPath := strings.TrimSuffix(bodyRep.Path, "/")
	if got := s2[bodyPath][m.UID].start; !got.Equal(m.Start) {
		t.Errorf("DTSTART on the server %v, want %v", got, m.Start)
	}

	// 5. A wrong password: a Dutch message, the first calendar failed,
	// the second not tried, nothing changed, no password shown.
	const wrong = "Fout+Wachtwoord/2026="
	t.Setenv("OVERLEGPLANNER_CALDAV_PASSWORD", wrong)
	err = publishRun(t, d, d.previewBtn, func() { test.Tap(d.previewBtn) })
	rows = sendRowTexts(d.rows)
	if err == nil || !strings.Contains(d.status.Text, "wachtwoord") || !strings.Contains(rows[0], "mislukt") || !strings.Contains(rows[1], "niet geprobeerd") {
		t.Errorf("wrong password: %v, status %q, rows %q", err, d.status.Text, rows)
	}
	for _, text := range append(rows, d.status.Text) {
		if strings.Contains(text, wrong) || strings.Contains(text, publishTestPassword) {
			t.Errorf("a password is shown: %q", text)
		}
	}
	if !d.publishBtn.Disabled() {
		t.Error("publish enabled after a failed preview")
	}
	if diff := publishServerDiff(s2, publishReadServer(t, base)); len(diff) != 0 {
		t.Errorf("a failed preview changed the server: %q", diff)
	}
}

// TestPublishDialogWithoutServer: without a calendar server, or with
// plain http to another machine, the dialog does not open and says in
// Dutch what to set up; with no calendar ticked nothing can be run.
func TestPublishDialogWithoutServer(t *testing.T) {
	sh, _ := newTestShell(t)
	tests := []struct {
		url, user, want string
	}{
		{"", "", "Er is geen agendaserver ingesteld"},
		{"http://agenda.example.nl/dav/", publishTestUser, "agenda.example.nl"},
		{"agenda.example.nl", "", "agenda.example.nl"},
	}
	for _, tt := range tests {
		ds, _ := sh.State.Data()
		st := ds.Settings
		st.CalDAV = domain.CalDAVSettings{URL: tt.url, User: tt.user}
		if err := sh.State.Store.SaveSettings(context.Background(), st); err != nil {
			t.Fatal(err)
		}
		if err := sh.State.Reload(context.Background()); err != nil {
			t.Fatal(err)
		}
		if _, err := newPublishDialog(sh); err == nil || !strings.Contains(i18n.UserMessage(err), tt.want) {
			t.Errorf("%q: %v", tt.url, err)
		}
	}
	publishTestSettings(t, sh, "https://agenda.example.nl/dav/")
	d, err := newPublishDialog(sh)
	if err != nil {
		t.Fatal(err)
	}
	ds, _ := sh.State.Data()
	if len(d.selected()) != len(delivery.DefaultScopes(ds)) {
		t.Errorf("not every calendar ticked at first: %d", len(d.selected()))
	}
	test.Tap(d.noBodies)
	test.Tap(d.noGemeenten)
	if !d.previewBtn.Disabled() || !d.publishBtn.Disabled() || d.status.Text != i18n.T("ui.publish.err.nonechosen") || len(d.rows.Objects) != 0 {
		t.Errorf("nothing ticked: preview disabled=%v, publish disabled=%v, status %q", d.previewBtn.Disabled(), d.publishBtn.Disabled(), d.status.Text)
	}
	test.Tap(d.allGemeenten)
	if d.previewBtn.Disabled() || len(d.rows.Objects) != len(d.gemeenten.Options) {
		t.Errorf("all gemeenten: preview disabled=%v, %d rows", d.previewBtn.Disabled(), len(d.rows.Objects))
	}
}

// publishShot writes the window, with its dialog, as a PNG into the
// folder OVERLEGPLANNER_UI_SHOTS names, to look at the dialogs without
// starting the app:
//
//	OVERLEGPLANNER_UI_SHOTS=/tmp/shots go test ./ui -run 'Shot'
func publishShot(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	dir := os.Getenv("OVERLEGPLANNER_UI_SHOTS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", f.Name())
}

// TestPublishDialogShot photographs the dialog after a preview against
// radicale with one calendar already published (so that the table shows
// both a new and an existing calendar), when OVERLEGPLANNER_UI_SHOTS is
// set.
func TestPublishDialogShot(t *testing.T) {
	if os.Getenv("OVERLEGPLANNER_UI_SHOTS") == "" {
		t.Skip("OVERLEGPLANNER_UI_SHOTS not set")
	}
	base := publishStartRadicale(t)
	t.Setenv("OVERLEGPLANNER_CALDAV_PASSWORD", publishTestPassword)
	sh, w := newTestShell(t)
	test.ApplyTheme(t, theme.DefaultTheme())
	publishTestSettings(t, sh, base)
	d, err := newPublishDialog(sh)
	if err != nil {
		t.Fatal(err)
	}
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("ui.publish.title"), d.content(), w)
	d.dlg.Resize(fyne.NewSize(1140, 700))
	d.dlg.Show()
	_, ix := sh.State.Data()
	d.bodies.SetSelected([]string{ix.Bodies[1].Name})
	d.gemeenten.SetSelected(nil)
	if err := publishRun(t, d, d.previewBtn, func() { d.run(false) }); err != nil {
		t.Fatal(err)
	}
	d.bodies.SetSelected(append([]string{ix.Bodies[1].Name}, d.bodies.Options[:2]...))
	d.gemeenten.SetSelected(d.gemeenten.Options[:1])
	if err := publishRun(t, d, d.previewBtn, func() { test.Tap(d.previewBtn) }); err != nil {
		t.Fatal(err)
	}
	publishShot(t, w, "publish-preview")
}
