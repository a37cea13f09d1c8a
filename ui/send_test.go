package ui

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/delivery"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// sendTestMeeting returns the first upcoming meeting of the demo's body 1
// (PHO Werk en Inkomen Walcheren).
func sendTestMeeting(t *testing.T, st *State) domain.Meeting {
	t.Helper()
	ds, _ := st.Data()
	for _, m := range ds.Meetings {
		if m.BodyID == 1 && !m.IsCancelled() && !m.Date().Before(st.Today()) {
			full, err := st.Store.Meeting(context.Background(), m.ID)
			if err != nil {
				t.Fatal(err)
			}
			return full
		}
	}
	t.Fatal("no upcoming meeting of body 1 in the demo")
	return domain.Meeting{}
}

// sendAndWait taps the dialog's send button and waits, at most thirty
// seconds, until the send has finished and the dialog shows its result.
func sendAndWait(t *testing.T, d *sendDialog) (delivery.Report, error) {
	t.Helper()
	type result struct {
		rep delivery.Report
		err error
	}
	done := make(chan result, 1)
	d.sent = func(rep delivery.Report, err error) { done <- result{rep, err} }
	test.Tap(d.sendBtn)
	select {
	case r := <-done:
		return r.rep, r.err
	case <-time.After(30 * time.Second):
		t.Fatal("the send did not finish within 30 s")
	}
	return delivery.Report{}, nil
}

// sendRowTexts returns the texts of the table's rows, one string per
// row with the cells separated by " | ".
func sendRowTexts(c *fyne.Container) []string {
	var out []string
	for _, row := range c.Objects {
		grid, ok := row.(*fyne.Container)
		if !ok {
			continue
		}
		var cells []string
		for _, o := range grid.Objects {
			if l, ok := o.(*widget.Label); ok {
				cells = append(cells, l.Text)
			}
		}
		out = append(out, strings.Join(cells, " | "))
	}
	return out
}

// TestSendDialogWritesEMLAndLogs: the dialog previews the invitations,
// refuses the .eml choice without a folder, writes one file per person,
// records them in the store's send log, shows the result per person and
// the log, and has nothing left to send; after a move the same people
// get the update from version 0 to 1.
func TestSendDialogWritesEMLAndLogs(t *testing.T) {
	sh, w := newTestShell(t)
	m := sendTestMeeting(t, sh.State)
	d, err := newSendDialog(sh, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("ui.send.title"), d.content(), w)
	d.dlg.Resize(fyne.NewSize(940, 660))
	d.dlg.Show()

	n := len(d.plan.Pending())
	if n == 0 || n != d.plan.Count(delivery.ActionInvite) {
		t.Fatalf("first plan: %d pending, %d invitations", n, d.plan.Count(delivery.ActionInvite))
	}
	rows := sendRowTexts(d.rows)
	if len(rows) != len(d.plan.Recipients) {
		t.Fatalf("%d rows for %d people", len(rows), len(d.plan.Recipients))
	}
	for _, r := range d.plan.Pending() {
		if !sendContainsRow(rows, r.Name, "uitnodiging", "nieuw op de deelnemerslijst") {
			t.Errorf("no row for %s: %q", r.Name, rows)
		}
	}
	if d.sendBtn.Disabled() || d.sendBtn.Text != i18n.T("ui.send.send.n", n) {
		t.Errorf("send button %q disabled=%v", d.sendBtn.Text, d.sendBtn.Disabled())
	}
	if !strings.Contains(d.heading.Text, "versie 0") || !strings.Contains(d.summary.Text, "uitnodiging") {
		t.Errorf("heading %q, summary %q", d.heading.Text, d.summary.Text)
	}

	// .eml without a folder: a Dutch message, nothing sent or logged.
	d.channel.SetSelected(i18n.T("ui.send.channel.eml"))
	if d.emlDir.Disabled() {
		t.Error("the folder field is disabled with .eml chosen")
	}
	test.Tap(d.sendBtn)
	if !strings.Contains(d.status.Text, "Kies eerst een map") {
		t.Errorf("status %q", d.status.Text)
	}
	if log := sendTestLog(t, sh, m.UID); len(log) != 0 {
		t.Fatalf("%d log rows without a folder", len(log))
	}

	dir := filepath.Join(t.TempDir(), "uitnodigingen")
	test.Type(d.emlDir, dir)
	rep, err := sendAndWait(t, d)
	if err != nil || rep.Delivered != n {
		t.Fatalf("send: %v, %d of %d delivered", err, rep.Delivered, n)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != n {
		t.Errorf("%d files for %d people", len(files), n)
	}
	log := sendTestLog(t, sh, m.UID)
	if len(log) != n {
		t.Fatalf("%d log rows for %d messages", len(log), n)
	}
	for _, r := range log {
		if r.Result != domain.ResultWritten || r.Channel != domain.ChannelEML || r.Sequence != 0 || r.Kind != domain.SendRequest {
			t.Errorf("log row %+v", r)
		}
	}
	rows = sendRowTexts(d.rows)
	for _, r := range log {
		if !sendContainsRow(rows, r.Name, "niets", "heeft de actuele versie (0)", "bestand geschreven") {
			t.Errorf("after the send no result for %s: %q", r.Name, rows)
		}
	}
	if got := sendRowTexts(d.logRows); len(got) != n || !sendContainsRow(got, log[0].Email, "uitnodiging versie 0", "geschreven (.eml)") {
		t.Errorf("send log shown: %q", got)
	}
	if !d.sendBtn.Disabled() || d.summary.Text != i18n.T("ui.send.nothing") || !strings.Contains(d.status.Text, "Klaar") {
		t.Errorf("after the send: button disabled=%v, summary %q, status %q", d.sendBtn.Disabled(), d.summary.Text, d.status.Text)
	}

	// The meeting moves a day: the store raises its SEQUENCE, and the
	// same people get the update.
	m.Start, m.End = m.Start.AddDate(0, 0, 1), m.End.AddDate(0, 0, 1)
	if err := sh.State.Store.SaveMeeting(context.Background(), &m); err != nil {
		t.Fatal(err)
	}
	if err := sh.State.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	d2, err := newSendDialog(sh, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d2.plan.Sequence != 1 || d2.plan.Count(delivery.ActionUpdate) != n || len(d2.plan.Pending()) != n {
		t.Fatalf("after the move: sequence %d, %d updates of %d pending", d2.plan.Sequence, d2.plan.Count(delivery.ActionUpdate), len(d2.plan.Pending()))
	}
	if rows := sendRowTexts(d2.rows); !sendContainsRow(rows, log[0].Name, "wijziging 0→1", "heeft versie 0, nu versie 1") {
		t.Errorf("after the move: %q", rows)
	}
}

// sendFailingTransport refuses every message as a wrong password would.
type sendFailingTransport struct{ tried int }

func (f *sendFailingTransport) Channel() domain.SendChannel { return domain.ChannelSMTP }
func (f *sendFailingTransport) Close() error                { return nil }
func (f *sendFailingTransport) Deliver(context.Context, *delivery.Message, []byte) error {
	f.tried++
	return i18n.Errorf(errors.Join(delivery.ErrFatal, delivery.ErrUnreachable), "delivery.err.smtp.auth", "secretariaat", "smtp.example.nl")
}

// TestSendDialogFailureMarksNothingSent: a wrong password stops at the
// first message; every message is logged as failed with the Dutch
// reason, the table says so, and everything is still to be sent.
func TestSendDialogFailureMarksNothingSent(t *testing.T) {
	sh, _ := newTestShell(t)
	m := sendTestMeeting(t, sh.State)
	d, err := newSendDialog(sh, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := len(d.plan.Pending())
	tr := &sendFailingTransport{}
	d.transport = func() (delivery.Transport, error) { return tr, nil }
	rep, err := sendAndWait(t, d)
	if err == nil || tr.tried != 1 || rep.Delivered != 0 {
		t.Fatalf("send: %v, %d tried, %d delivered", err, tr.tried, rep.Delivered)
	}
	if !strings.Contains(d.status.Text, "wachtwoord") {
		t.Errorf("status %q", d.status.Text)
	}
	log := sendTestLog(t, sh, m.UID)
	if len(log) != n {
		t.Fatalf("%d log rows for %d messages", len(log), n)
	}
	for _, r := range log {
		if r.Result != domain.ResultFailed || !strings.Contains(r.Error, "wachtwoord") {
			t.Errorf("log row %+v", r)
		}
	}
	if len(d.plan.Pending()) != n || d.sendBtn.Disabled() {
		t.Errorf("after the failure %d of %d pending, button disabled=%v", len(d.plan.Pending()), n, d.sendBtn.Disabled())
	}
	if rows := sendRowTexts(d.rows); !sendContainsRow(rows, log[0].Name, "uitnodiging", "mislukt") {
		t.Errorf("table after the failure: %q", rows)
	}
	if got := sendRowTexts(d.logRows); !sendContainsRow(got, log[0].Email, "mislukt (e-mail)", "wachtwoord") {
		t.Errorf("send log shown: %q", got)
	}
}

// sendTestKeyring is a keyring in memory.
type sendTestKeyring struct {
	mu sync.Mutex
	m  map[string]string
}

func (k *sendTestKeyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	pw, ok := k.m[service+"|"+user]
	if !ok {
		return "", delivery.ErrNotInKeyring
	}
	return pw, nil
}

func (k *sendTestKeyring) Set(service, user, pw string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.m[service+"|"+user] = pw
	return nil
}

func (k *sendTestKeyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.m, service+"|"+user)
	return nil
}

// TestSendSettingsSection: the settings are stored, the password goes to
// the keyring and never into the database file, wrong input gets a Dutch
// message, and "Verbinding testen" reports a refused port in Dutch.
func TestSendSettingsSection(t *testing.T) {
	kr := &sendTestKeyring{m: map[string]string{}}
	old := sendKeyring
	sendKeyring = func() delivery.Keyring { return kr }
	t.Cleanup(func() { sendKeyring = old })
	t.Setenv("OVERLEGPLANNER_SMTP_PASSWORD", "")
	t.Setenv("OVERLEGPLANNER_CALDAV_PASSWORD", "")

	sh, w := newTestShell(t)
	f := newSendSettingsForm(sh)
	w.SetContent(f.content())
	const pw = "Zeer-Geheim-Wachtwoord-42"

	tests := []struct {
		name                   string
		host, port, user, from string
		password               string
		want                   string // in the status
	}{
		{"port not a number", "smtp.example.nl", "vijf", "", "", "", "De poort moet een getal zijn"},
		{"no server", "", "", "", "", "", "server"},
		{"plain login elsewhere", "smtp.example.nl", "25", "secretariaat", "", pw, "zonder versleuteling"},
		{"saved with password", "smtp.example.nl", "587", "secretariaat", "secretariaat@walcheren.example", pw, "sleutelbos"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.smtpHost.SetText(tt.host)
			f.smtpPort.SetText(tt.port)
			f.smtpUser.SetText(tt.user)
			f.smtpFrom.SetText(tt.from)
			f.smtpPassword.SetText(tt.password)
			if tt.port == "25" {
				f.smtpSecurity.SetSelected(i18n.T("ui.send.settings.security.none"))
			} else {
				f.smtpSecurity.SetSelected(i18n.T("ui.send.settings.security.starttls"))
			}
			test.Tap(f.smtpSave)
			if !strings.Contains(f.smtpStatus.Text, tt.want) {
				t.Errorf("status %q, want %q", f.smtpStatus.Text, tt.want)
			}
		})
	}
	ds, _ := sh.State.Data()
	if s := ds.Settings.SMTP; s.Host != "smtp.example.nl" || s.Port != 587 || s.User != "secretariaat" || s.Security != domain.SecurityStartTLS {
		t.Errorf("stored SMTP settings %+v", s)
	}
	if got, err := kr.Get("Overlegplanner", "smtp:secretariaat@smtp.example.nl:587"); err != nil || got != pw {
		t.Errorf("keyring holds %q (%v)", got, err)
	}
	if f.smtpPassword.Text != "" || f.smtpPassword.PlaceHolder != i18n.T("ui.send.settings.password.kept") {
		t.Errorf("password field %q, placeholder %q", f.smtpPassword.Text, f.smtpPassword.PlaceHolder)
	}
	sendAssertNotInDatabase(t, sh, pw)

	// A connection test against a port where nothing listens.
	tested := make(chan error, 1)
	f.tested = func(_ string, err error) { tested <- err }
	f.smtpHost.SetText("127.0.0.1")
	f.smtpPort.SetText("1") // privileged and unused: refused at once
	f.smtpUser.SetText("")
	f.smtpSecurity.SetSelected(i18n.T("ui.send.settings.security.none"))
	test.Tap(f.smtpTest)
	select {
	case err := <-tested:
		if err == nil || !strings.Contains(f.smtpStatus.Text, "weigert verbindingen") {
			t.Errorf("test: %v, status %q", err, f.smtpStatus.Text)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the connection test did not finish")
	}
	if f.smtpTest.Disabled() {
		t.Error("the test button stays disabled")
	}

	// CalDAV: plain http to another machine is refused; https is kept,
	// the password in the keyring.
	f.davURL.SetText("http://agenda.example.nl/dav/")
	f.davUser.SetText("secretariaat")
	f.davPassword.SetText(pw)
	test.Tap(f.davSave)
	if !strings.Contains(f.davStatus.Text, "agenda.example.nl") {
		t.Errorf("plain http: status %q", f.davStatus.Text)
	}
	f.davURL.SetText("https://agenda.example.nl/dav/")
	f.davPassword.SetText(pw)
	test.Tap(f.davSave)
	ds, _ = sh.State.Data()
	if ds.Settings.CalDAV.URL != "https://agenda.example.nl/dav/" || !strings.Contains(f.davStatus.Text, "sleutelbos") {
		t.Errorf("CalDAV settings %+v, status %q", ds.Settings.CalDAV, f.davStatus.Text)
	}
	if got, _ := kr.Get("Overlegplanner", "caldav:secretariaat@https://agenda.example.nl/dav"); got != pw {
		t.Errorf("CalDAV password in the keyring: %q", got)
	}
	sendAssertNotInDatabase(t, sh, pw)
}

// sendAssertNotInDatabase checks every file of the database (with its
// write-ahead log) for the password.
func sendAssertNotInDatabase(t *testing.T, sh *Shell, pw string) {
	t.Helper()
	path := sh.State.Store.Path()
	for _, p := range []string{path, path + "-wal", path + "-journal"} {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if bytes.Contains(b, []byte(pw)) {
			t.Errorf("the password is in %s", filepath.Base(p))
		}
	}
}

func sendTestLog(t *testing.T, sh *Shell, uid string) []domain.SendRecord {
	t.Helper()
	rows, err := sh.State.Store.SendLog(context.Background(), store.SendLogFilter{UID: uid})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// sendContainsRow reports whether one row contains every part.
func sendContainsRow(rows []string, parts ...string) bool {
	for _, r := range rows {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(r, p)
		}
		if ok {
			return true
		}
	}
	return false
}
