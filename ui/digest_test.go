package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/delivery"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// digestSendAndWait taps the send button and waits, at most thirty
// seconds, until the dialog shows the result.
func digestSendAndWait(t *testing.T, d *digestDialog) (delivery.Report, error) {
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

// digestTestLog is today's digest log of the store.
func digestTestLog(t *testing.T, sh *Shell) []domain.SendRecord {
	t.Helper()
	rows, err := sh.State.Store.SendLog(t.Context(), store.SendLogFilter{Kind: domain.SendDigest})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// digestEntryTexts returns the indented deadline lines of the table.
func digestEntryTexts(c *fyne.Container) []string {
	var out []string
	for _, o := range c.Objects {
		pad, ok := o.(*fyne.Container)
		if !ok || len(pad.Objects) != 1 {
			continue
		}
		if l, ok := pad.Objects[0].(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}

// TestDigestDialogDays: the look-ahead accepts 1 to 60 working days and
// says in Dutch what is wrong with anything else, with nothing to send.
func TestDigestDialogDays(t *testing.T) {
	sh, _ := newTestShell(t)
	d, err := newDigestDialog(sh)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		typed string
		ok    bool
	}{
		{"0", false},
		{"tien", false},
		{"61", false},
		{"", false},
		{"1", true},
		{" 5 ", true},
		{"60", true},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			d.days.SetText(tt.typed)
			if !tt.ok {
				if d.plan != nil || !d.sendBtn.Disabled() || !strings.Contains(d.status.Text, "werkdagen moet een getal van 1 tot en met 60") {
					t.Errorf("%q: plan %v, button disabled=%v, status %q", tt.typed, d.plan != nil, d.sendBtn.Disabled(), d.status.Text)
				}
				return
			}
			n := 0
			for _, c := range strings.TrimSpace(tt.typed) {
				n = n*10 + int(c-'0')
			}
			if d.plan == nil || d.plan.Days != n || d.status.Text != "" {
				t.Fatalf("%q: plan %v, status %q", tt.typed, d.plan, d.status.Text)
			}
			if want := sh.State.Planner().Calendar().AddWorkdays(sh.State.Today(), n); d.plan.Until != want {
				t.Errorf("%q: until %s, want %s", tt.typed, d.plan.Until, want)
			}
			if !strings.Contains(d.heading.Text, i18n.ShortDate(d.plan.Until)) {
				t.Errorf("heading %q", d.heading.Text)
			}
		})
	}
}

// TestDigestDialogWritesEMLOncePerDay: the dialog previews each
// ambtenaar's deadlines, filters by gemeente, refuses .eml without a
// folder, writes one file per digest and records each in the send log
// (digest, written, .eml, the content hash), shows the result per person,
// and has nothing left to send the same day; the next day everyone is
// due again. A refused login marks nothing as sent.
func TestDigestDialogWritesEMLOncePerDay(t *testing.T) {
	sh, w := newTestShell(t)
	d, err := newDigestDialog(sh)
	if err != nil {
		t.Fatal(err)
	}
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("ui.publish.digest.title"), d.content(), w)
	d.dlg.Resize(fyne.NewSize(980, 680))
	d.dlg.Show()

	pending := d.plan.Pending()
	if len(pending) < 2 {
		t.Fatalf("the demo gives %d digests today; the test needs at least two gemeenten", len(pending))
	}
	rows := sendRowTexts(d.rows)
	entries := digestEntryTexts(d.rows)
	nEntries := 0
	for _, dg := range pending {
		nEntries += len(dg.Entries)
		if !sendContainsRow(rows, dg.Name, dg.Email, dg.Municipality, "deadline") {
			t.Errorf("no row for %s: %q", dg.Name, rows)
		}
		for _, e := range dg.Entries {
			if !sendContainsRow(entries, i18n.ShortDate(e.Deadline.Due), e.Deadline.Name, e.Body) {
				t.Errorf("%s: no line for %s due %s: %q", dg.Name, e.Deadline.Name, e.Deadline.Due, entries)
			}
		}
	}
	if len(entries) != nEntries {
		t.Errorf("%d deadline lines for %d entries", len(entries), nEntries)
	}
	if d.sendBtn.Disabled() || d.sendBtn.Text != i18n.T("ui.send.send.n", len(pending)) {
		t.Errorf("send button %q disabled=%v", d.sendBtn.Text, d.sendBtn.Disabled())
	}

	// One gemeente: only its ambtenaren.
	g := pending[0].Municipality
	d.gemeente.SetSelected(g)
	if len(d.plan.Digests) == 0 || len(d.plan.Digests) >= len(pending) {
		t.Errorf("%s only: %d of %d digests", g, len(d.plan.Digests), len(pending))
	}
	for _, dg := range d.plan.Digests {
		if dg.Municipality != g {
			t.Errorf("%s only, but a digest for %s of %s", g, dg.Name, dg.Municipality)
		}
	}
	d.gemeente.SetSelected(i18n.T("ui.publish.digest.allgemeenten"))

	// A wrong password: every digest is logged as failed, none as sent,
	// and all are still to be sent.
	tr := &sendFailingTransport{}
	d.transport = func() (delivery.Transport, error) { return tr, nil }
	if _, err := digestSendAndWait(t, d); err == nil || tr.tried != 1 || !strings.Contains(d.status.Text, "wachtwoord") {
		t.Fatalf("failing send: %v, %d tried, status %q", err, tr.tried, d.status.Text)
	}
	for _, r := range digestTestLog(t, sh) {
		if r.Result != domain.ResultFailed {
			t.Errorf("after a refused login: %+v", r)
		}
	}
	if len(d.plan.Pending()) != len(pending) {
		t.Fatalf("after the failure %d of %d pending", len(d.plan.Pending()), len(pending))
	}
	failedRows := len(digestTestLog(t, sh))
	d.transport = func() (delivery.Transport, error) {
		return mailTransport(d.sh.State, d.channel.Selected, d.emlDir.Text)
	}

	// .eml without a folder: a Dutch message, nothing written.
	d.channel.SetSelected(i18n.T("ui.send.channel.eml"))
	test.Tap(d.sendBtn)
	if !strings.Contains(d.status.Text, "Kies eerst een map") || len(digestTestLog(t, sh)) != failedRows {
		t.Fatalf("without a folder: status %q", d.status.Text)
	}

	dir := filepath.Join(t.TempDir(), "overzichten")
	test.Type(d.emlDir, dir)
	rep, err := digestSendAndWait(t, d)
	if err != nil || rep.Delivered != len(pending) {
		t.Fatalf("send: %v, %d of %d delivered", err, rep.Delivered, len(pending))
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*.eml")); len(files) != len(pending) {
		t.Errorf("%d files for %d digests", len(files), len(pending))
	}
	var written []domain.SendRecord
	for _, r := range digestTestLog(t, sh) {
		if r.Result != domain.ResultFailed {
			written = append(written, r)
		}
	}
	if len(written) != len(pending) {
		t.Fatalf("%d log rows for %d digests", len(written), len(pending))
	}
	for _, dg := range pending {
		found := false
		for _, r := range written {
			if strings.EqualFold(r.Email, dg.Email) && r.UID == dg.UID {
				found = true
				if r.Kind != domain.SendDigest || r.Result != domain.ResultWritten || r.Channel != domain.ChannelEML ||
					r.ContentHash != dg.Hash || r.PersonID != dg.PersonID || !r.At.Equal(testNow) {
					t.Errorf("log row of %s: %+v", dg.Name, r)
				}
			}
		}
		if !found {
			t.Errorf("no log row for %s (%s)", dg.Name, dg.UID)
		}
	}
	rows = sendRowTexts(d.rows)
	for _, dg := range pending {
		if !sendContainsRow(rows, dg.Email, "vandaag al verstuurd", "bestand geschreven") {
			t.Errorf("after the send no result for %s: %q", dg.Name, rows)
		}
	}
	if !d.sendBtn.Disabled() || d.summary.Text != i18n.T("ui.publish.digest.allsent") || !strings.Contains(d.status.Text, "Klaar") {
		t.Errorf("after the send: button disabled=%v, summary %q, status %q", d.sendBtn.Disabled(), d.summary.Text, d.status.Text)
	}

	// Opening the dialog again the same day sends nothing twice.
	again, err := newDigestDialog(sh)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(again.plan.Pending()); n != 0 || !again.sendBtn.Disabled() {
		t.Errorf("the same day again: %d pending, button disabled=%v", n, again.sendBtn.Disabled())
	}

	// The next working day everyone with a deadline is due again.
	sh.State.Now = func() time.Time { return testNow.Add(24 * time.Hour) }
	next, err := newDigestDialog(sh)
	if err != nil {
		t.Fatal(err)
	}
	if len(next.plan.Digests) == 0 || len(next.plan.Pending()) != len(next.plan.Digests) {
		t.Errorf("the next day: %d of %d pending", len(next.plan.Pending()), len(next.plan.Digests))
	}
}

// TestDigestCount checks the singular and the plural of the summary.
func TestDigestCount(t *testing.T) {
	i18n.SetLanguage(i18n.Dutch)
	for _, c := range []struct {
		n    int
		want string
	}{{1, "1 overzicht"}, {2, "2 overzichten"}, {0, "0 overzichten"}} {
		if got := digestCount(c.n); got != c.want {
			t.Errorf("%d: %q, want %q", c.n, got, c.want)
		}
	}
}

// TestDigestDialogShot photographs the dialog with today's digests, one
// of them already sent, when OVERLEGPLANNER_UI_SHOTS is set.
func TestDigestDialogShot(t *testing.T) {
	if os.Getenv("OVERLEGPLANNER_UI_SHOTS") == "" {
		t.Skip("OVERLEGPLANNER_UI_SHOTS not set")
	}
	sh, w := newTestShell(t)
	test.ApplyTheme(t, theme.DefaultTheme())
	d, err := newDigestDialog(sh)
	if err != nil {
		t.Fatal(err)
	}
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("ui.publish.digest.title"), d.content(), w)
	d.dlg.Resize(fyne.NewSize(980, 680))
	d.dlg.Show()
	d.gemeente.SetSelected(d.plan.Digests[0].Municipality)
	d.channel.SetSelected(i18n.T("ui.send.channel.eml"))
	d.emlDir.SetText(t.TempDir())
	if _, err := digestSendAndWait(t, d); err != nil {
		t.Fatal(err)
	}
	d.gemeente.SetSelected(i18n.T("ui.publish.digest.allgemeenten"))
	publishShot(t, w, "digest-preview")
}
