package delivery

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/internal/testpeer"
)

// Tests against a real mail server: Debian's aiosmtpd (python3-aiosmtpd)
// on loopback, run by testdata/peers/smtpd.py, which stores every message
// it accepts. They prove that what Send hands to a real server arrives as
// an iMIP message an independent parser (Go's net/mail and mime/multipart)
// reads as intended, that STARTTLS, implicit TLS and AUTH work against a
// server we did not write, and that every way of failing ends in a Dutch
// message, a log that marks nothing as sent, and no password anywhere.

// smtpPassword is the test account's password. It contains characters
// that base64 and quoting treat specially, so that a leak in any form is
// found.
const smtpPassword = "Wacht+woord/Zeeland=2026!"

// smtpUser is the test account.
const smtpUser = "secretariaat"

// smtpPeer is a running aiosmtpd.
type smtpPeer struct {
	*peerProcess
	dir string // where it stores what it receives
}

// startSMTPPeer starts aiosmtpd in mode ("plain", "starttls" or "tls"),
// with the CA's certificate for the encrypted modes and, when user is not
// empty, AUTH required with user and password.
func startSMTPPeer(t testing.TB, mode string, ca *testCA, user, password string) *smtpPeer {
	t.Helper()
	py := testpeer.SystemPython(t, "aiosmtpd")
	script, err := filepath.Abs(filepath.Join("testdata", "peers", "smtpd.py"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := startPeer(t, "aiosmtpd", func(port int) []string {
		a := []string{py, script, "--port", strconv.Itoa(port), "--dir", dir, "--mode", mode}
		if ca != nil {
			a = append(a, "--cert", ca.CertFile, "--key", ca.KeyFile)
		}
		if user != "" {
			a = append(a, "--user", user, "--password", password)
		}
		return a
	}, nil)
	return &smtpPeer{peerProcess: p, dir: dir}
}

// receivedMail is one message the server accepted.
type receivedMail struct {
	From string   `json:"from"`
	To   []string `json:"to"`
	User *string  `json:"user"` // the authenticated user; nil without AUTH
	TLS  bool     `json:"tls"`
	Data []byte   `json:"-"`
	Mail *parsedMail
}

// received returns what the server has stored, in the order it arrived.
func (p *smtpPeer) received(t testing.TB) []receivedMail {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(p.dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	var out []receivedMail
	for _, n := range names {
		var r receivedMail
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if r.Data, err = os.ReadFile(strings.TrimSuffix(n, ".json") + ".eml"); err != nil {
			t.Fatal(err)
		}
		r.Mail = parseMail(t, r.Data)
		out = append(out, r)
	}
	return out
}

// byRecipient keys mails by their one envelope recipient.
func byRecipient(t testing.TB, mails []receivedMail) map[string]receivedMail {
	t.Helper()
	out := map[string]receivedMail{}
	for _, m := range mails {
		if len(m.To) != 1 {
			t.Errorf("per-recipient message to %q", m.To)
			continue
		}
		if _, dup := out[m.To[0]]; dup {
			t.Errorf("two messages to %s", m.To[0])
		}
		out[m.To[0]] = m
	}
	return out
}

// smtpConfig is the client's side of a peer.
func smtpConfig(p *smtpPeer, sec domain.SMTPSecurity, ca *testCA, user, password string) SMTPConfig {
	cfg := SMTPConfig{
		Settings: domain.SMTPSettings{Host: "127.0.0.1", Port: p.port, Security: sec, User: user, From: "secretariaat@jeugdwalcheren.nl"},
		Password: password,
		Timeout:  10 * time.Second,
	}
	if ca != nil {
		cfg.TLS = ca.clientTLS()
	}
	return cfg
}

// calendarOf decodes the iMIP part of a received mail and checks that
// it agrees with the method in its Content-Type and with the .ics file.
func calendarOf(t testing.TB, to string, m *parsedMail) (method string, ev *goical.Event) {
	t.Helper()
	part := m.part("text/calendar")
	if part == nil {
		t.Fatalf("%s: no text/calendar part", to)
	}
	cal, err := goical.NewDecoder(bytes.NewReader(part.Body)).Decode()
	if err != nil {
		t.Fatalf("%s: calendar part: %v", to, err)
	}
	method, _ = cal.Props.Text(goical.PropMethod)
	if !strings.EqualFold(part.Params["method"], method) {
		t.Errorf("%s: Content-Type method=%q, METHOD:%s", to, part.Params["method"], method)
	}
	if ics := m.part("application/ics"); ics == nil || !bytes.Equal(ics.Body, part.Body) {
		t.Errorf("%s: the invite.ics attachment differs from the calendar part", to)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%s: %d events", to, len(evs))
	}
	return method, &evs[0]
}

func sequenceOf(t testing.TB, ev *goical.Event) int {
	t.Helper()
	p := ev.Props.Get(goical.PropSequence)
	if p == nil {
		return 0 // RFC 5545: absent means 0
	}
	n, err := strconv.Atoi(p.Value)
	if err != nil {
		t.Fatalf("SEQUENCE %q", p.Value)
	}
	return n
}

// sendToPeer plans meeting id with the log so far, sends it through a
// fresh SMTP transport and returns what the server received in this run.
func sendToPeer(t *testing.T, p *smtpPeer, cfg SMTPConfig, ds *domain.Dataset, id int64, log *memLog) (Report, map[string]receivedMail) {
	t.Helper()
	before := len(p.received(t))
	plan := planFor(t, ds, id, log.rows)
	tr := NewSMTP(cfg)
	rep, err := Send(testContext(t, time.Minute), plan, tr, SendOptions{Recorder: log})
	if cerr := tr.Close(); err == nil && cerr != nil {
		t.Errorf("QUIT: %v", cerr)
	}
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	all := p.received(t)
	return rep, byRecipient(t, all[before:])
}

// TestSMTPPeerInviteMoveLeaveCancel sends a meeting's invitations over
// STARTTLS with AUTH, moves it past the date on which Veere leaves the
// partnership and a new member joins, and then cancels it, reading what
// the server received after each step.
func TestSMTPPeerInviteMoveLeaveCancel(t *testing.T) {
	start := time.Now()
	ca := newTestCA(t, "127.0.0.1", "smtp.test")
	peer := startSMTPPeer(t, "starttls", ca, smtpUser, smtpPassword)
	cfg := smtpConfig(peer, domain.SecurityStartTLS, ca, smtpUser, smtpPassword)
	t.Logf("aiosmtpd started in %s", time.Since(start).Round(time.Millisecond))

	info, err := TestSMTP(testContext(t, 30*time.Second), cfg)
	if err != nil {
		t.Fatalf("test connection: %v", err)
	}
	if !strings.HasPrefix(info.TLS, "TLS 1.") || info.User != smtpUser {
		t.Errorf("connection info %+v", info)
	}
	if msg := info.Message().In("nl"); !strings.Contains(msg, smtpUser) || !strings.Contains(msg, info.TLS) {
		t.Errorf("test result %q", msg)
	}
	if got := peer.received(t); len(got) != 0 {
		t.Fatalf("the connection test sent %d messages", len(got))
	}

	ds := fixture()
	log := &memLog{}
	m := meeting(ds, mPHO)

	// 1. The first invitations: everyone in the meeting, the full
	// agenda for the members, the public one for the GGD adviser.
	step := time.Now()
	rep, got := sendToPeer(t, peer, cfg, ds, mPHO, log)
	t.Logf("4 invitations sent in %s", time.Since(step).Round(time.Millisecond))
	wantTo := []string{"a.dewit@middelburg.nl", "b.pietersen@vlissingen.nl", "c.vandamme@veere.nl", "g.zeeuw@ggdzeeland.nl"}
	if keys := sortedKeys(got); !reflect.DeepEqual(keys, wantTo) || rep.Delivered != 4 {
		t.Fatalf("invitations reached %q (%d delivered), want %q", keys, rep.Delivered, wantTo)
	}
	pdfs := map[string][]byte{}
	for to, r := range got {
		if r.User == nil || *r.User != smtpUser || !r.TLS || r.From != "secretariaat@jeugdwalcheren.nl" {
			t.Errorf("%s: envelope from %s, user %v, TLS %v", to, r.From, r.User, r.TLS)
		}
		if r.Mail.Structure != iMIPStructure {
			t.Errorf("%s: structure %s", to, r.Mail.Structure)
		}
		if hdr := r.Mail.Header.Get("To"); !strings.Contains(hdr, to) || strings.Count(hdr, "@") != 1 {
			t.Errorf("%s: To header %q shows other recipients", to, hdr)
		}
		method, ev := calendarOf(t, to, r.Mail)
		uid, _ := ev.Props.Text(goical.PropUID)
		if method != "REQUEST" || sequenceOf(t, ev) != 0 || uid != m.UID {
			t.Errorf("%s: %s SEQUENCE %d UID %s", to, method, sequenceOf(t, ev), uid)
		}
		if !attends(ev, to) {
			t.Errorf("%s: not an ATTENDEE of their own invitation", to)
		}
		pdf := r.Mail.part("application/pdf")
		if pdf == nil || !bytes.HasPrefix(pdf.Body, []byte("%PDF-")) || !strings.HasSuffix(pdf.Params["name"], ".pdf") {
			t.Fatalf("%s: no PDF agenda attached", to)
		}
		pdfs[to] = pdf.Body
		if strings.Contains(r.Mail.text(), secret) {
			t.Errorf("%s: confidential content in the mail", to)
		}
	}
	if !bytes.Equal(pdfs["a.dewit@middelburg.nl"], pdfs["b.pietersen@vlissingen.nl"]) ||
		bytes.Equal(pdfs["a.dewit@middelburg.nl"], pdfs["g.zeeuw@ggdzeeland.nl"]) {
		t.Error("members must share the full agenda, the adviser gets another (the public one)")
	}
	assertLog(t, log.rows, 4, domain.ResultSent)

	// 2. Nothing changed: nothing goes out.
	if rep, got := sendToPeer(t, peer, cfg, ds, mPHO, log); len(got) != 0 || rep.Delivered != 0 {
		t.Fatalf("a second send without a change sent %q", sortedKeys(got))
	}

	// 3. The meeting moves to January 2027. Veere has left the
	// partnership by then, and Ina Vos has joined the body: the members
	// who stay get the update (SEQUENCE 1), Cor van Damme of Veere a
	// CANCEL for him alone, Ina a first invitation.
	m.Start, m.End = amsterdam(2027, time.January, 11, 14, 0), amsterdam(2027, time.January, 11, 16, 0)
	m.Sequence = 1
	ds.Bodies[0].Members = append(ds.Bodies[0].Members, domain.BodyMember{PersonID: pIna, Role: domain.RoleLid})
	rows := len(log.rows)
	_, got = sendToPeer(t, peer, cfg, ds, mPHO, log)
	want := map[string]string{
		"a.dewit@middelburg.nl":     "REQUEST 1",
		"b.pietersen@vlissingen.nl": "REQUEST 1",
		"g.zeeuw@ggdzeeland.nl":     "REQUEST 1",
		"i.vos@vlissingen.nl":       "REQUEST 1",
		"c.vandamme@veere.nl":       "CANCEL 1",
	}
	if keys := sortedKeys(got); !reflect.DeepEqual(keys, sortedKeys(want)) {
		t.Fatalf("after the move the messages reached %q, want exactly %q", keys, sortedKeys(want))
	}
	for to, r := range got {
		method, ev := calendarOf(t, to, r.Mail)
		if s := method + " " + strconv.Itoa(sequenceOf(t, ev)); s != want[to] {
			t.Errorf("%s: %s, want %s", to, s, want[to])
		}
		start, err := ev.DateTimeStart(domain.Amsterdam())
		if err != nil || !start.Equal(m.Start) {
			t.Errorf("%s: DTSTART %v (%v), want the new date %v", to, start, err, m.Start)
		}
		if method == "CANCEL" {
			// The withdrawal names only him and carries no agenda.
			if !attends(ev, to) || len(ev.Props.Values(goical.PropAttendee)) != 1 || r.Mail.part("application/pdf") != nil {
				t.Errorf("%s: withdrawal addresses %d attendees or carries an agenda", to, len(ev.Props.Values(goical.PropAttendee)))
			}
		}
	}
	assertLog(t, log.rows[rows:], 5, domain.ResultSent)

	// 4. The meeting is cancelled: a CANCEL with a higher SEQUENCE to
	// everyone who holds the invitation, and not again to Cor.
	m.Status, m.Sequence = domain.StatusGeannuleerd, 2
	_, got = sendToPeer(t, peer, cfg, ds, mPHO, log)
	wantTo = []string{"a.dewit@middelburg.nl", "b.pietersen@vlissingen.nl", "g.zeeuw@ggdzeeland.nl", "i.vos@vlissingen.nl"}
	if keys := sortedKeys(got); !reflect.DeepEqual(keys, wantTo) {
		t.Fatalf("the cancellation reached %q, want %q", keys, wantTo)
	}
	for to, r := range got {
		method, ev := calendarOf(t, to, r.Mail)
		status, _ := ev.Props.Text(goical.PropStatus)
		if method != "CANCEL" || sequenceOf(t, ev) != 2 || status != "CANCELLED" {
			t.Errorf("%s: %s SEQUENCE %d STATUS %s", to, method, sequenceOf(t, ev), status)
		}
	}
	t.Logf("whole exchange in %s", time.Since(start).Round(time.Millisecond))
}

// TestSMTPPeerImplicitTLSTogether sends over implicit TLS (port 465
// style), without a login, in Together mode: one message per kind to
// all who get it, as a secretariat writing by hand would.
func TestSMTPPeerImplicitTLSTogether(t *testing.T) {
	ca := newTestCA(t, "127.0.0.1")
	peer := startSMTPPeer(t, "tls", ca, "", "")
	cfg := smtpConfig(peer, domain.SecurityTLS, ca, "", "")
	log := &memLog{}
	plan := planFor(t, fixture(), mPHO, nil, func(in *PlanInput) { in.Mode = Together })
	tr := NewSMTP(cfg)
	defer tr.Close()
	rep, err := Send(testContext(t, time.Minute), plan, tr, SendOptions{Recorder: log})
	if err != nil {
		t.Fatal(err)
	}
	got := peer.received(t)
	// The members share the full agenda, the adviser gets the public
	// one: two messages.
	if len(got) != 2 || rep.Delivered != 2 {
		t.Fatalf("%d messages received, want 2", len(got))
	}
	var to []string
	for _, r := range got {
		if !r.TLS || r.User != nil {
			t.Errorf("envelope to %q: user %v, TLS %v", r.To, r.User, r.TLS)
		}
		to = append(to, r.To...)
		if hdr := r.Mail.Header.Get("To"); strings.Count(hdr, "@") != len(r.To) {
			t.Errorf("To header %q for envelope %q", hdr, r.To)
		}
		if method, _ := calendarOf(t, strings.Join(r.To, ","), r.Mail); method != "REQUEST" {
			t.Errorf("method %s", method)
		}
	}
	sort.Strings(to)
	if want := []string{"a.dewit@middelburg.nl", "b.pietersen@vlissingen.nl", "c.vandamme@veere.nl", "g.zeeuw@ggdzeeland.nl"}; !reflect.DeepEqual(to, want) {
		t.Errorf("recipients %q", to)
	}
	assertLog(t, log.rows, 4, domain.ResultSent)
}

// TestSMTPPeerFailures: every way the connection can fail gives a Dutch
// message that says what to check, marks nothing as sent, tries no
// further message after the first, lets nothing reach the server, and
// never shows the password: not in the error, not in its technical
// detail, not in the send log, not in the report.
func TestSMTPPeerFailures(t *testing.T) {
	ca := newTestCA(t, "127.0.0.1")
	otherCA := newTestCA(t, "127.0.0.1")
	wrongName := newTestCA(t, "smtp.elders.nl")
	starttls := startSMTPPeer(t, "starttls", ca, smtpUser, smtpPassword)
	plain := startSMTPPeer(t, "plain", nil, smtpUser, smtpPassword)
	badName := startSMTPPeer(t, "starttls", wrongName, smtpUser, smtpPassword)
	closed := &smtpPeer{peerProcess: &peerProcess{port: freePort(t)}}

	tests := []struct {
		name   string
		peer   *smtpPeer
		cfg    SMTPConfig
		want   string // in the Dutch message
		fatal  bool
		wrongP bool // the password given is wrong (and must not show either)
	}{
		{"wrong password", starttls, smtpConfig(starttls, domain.SecurityStartTLS, ca, smtpUser, "Fout+wachtwoord/123="),
			"wachtwoord", true, true},
		{"unknown user", starttls, smtpConfig(starttls, domain.SecurityStartTLS, ca, "onbekend", smtpPassword),
			"wachtwoord", true, false},
		{"no login", starttls, smtpConfig(starttls, domain.SecurityStartTLS, ca, "", ""),
			"aanmelding", true, false},
		{"untrusted certificate", starttls, smtpConfig(starttls, domain.SecurityStartTLS, otherCA, smtpUser, smtpPassword),
			"certificaat", true, false},
		{"certificate for another name", badName, smtpConfig(badName, domain.SecurityStartTLS, wrongName, smtpUser, smtpPassword),
			"certificaat", true, false},
		{"no STARTTLS offered", plain, smtpConfig(plain, domain.SecurityStartTLS, ca, smtpUser, smtpPassword),
			"STARTTLS", true, false},
		{"TLS to a STARTTLS port", starttls, smtpConfig(starttls, domain.SecurityTLS, ca, smtpUser, smtpPassword),
			strconv.Itoa(starttls.port), true, false},
		{"connection refused", closed, smtpConfig(closed, domain.SecurityStartTLS, ca, smtpUser, smtpPassword),
			"weigert verbindingen", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := 0
			if tt.peer.dir != "" {
				before = len(tt.peer.received(t))
			}
			secrets := []string{smtpPassword, tt.cfg.Password}

			// The "test connection" button.
			began := time.Now()
			_, err := TestSMTP(testContext(t, 30*time.Second), tt.cfg)
			checkPeerError(t, "test", err, tt.want, secrets)
			if d := time.Since(began); d > 5*time.Second {
				t.Errorf("the connection test took %s", d)
			}

			// A real send.
			log := &memLog{}
			tr := NewSMTP(tt.cfg)
			rep, err := Send(testContext(t, time.Minute), planFor(t, fixture(), mPHO, nil), tr, SendOptions{Recorder: log})
			tr.Close()
			checkPeerError(t, "send", err, tt.want, secrets)
			if errors.Is(err, ErrFatal) != tt.fatal {
				t.Errorf("fatal: %v", errors.Is(err, ErrFatal))
			}
			if rep.Delivered != 0 || rep.Failed != 1 || rep.Skipped != 3 {
				t.Errorf("report: %d delivered, %d failed, %d skipped; want 0, 1, 3 (no retry after the first)", rep.Delivered, rep.Failed, rep.Skipped)
			}
			if len(log.rows) != 4 {
				t.Fatalf("%d log rows, want 4", len(log.rows))
			}
			for _, r := range log.rows {
				if r.Result != domain.ResultFailed || !strings.Contains(r.Error, tt.want) {
					t.Errorf("log row %s: %s %q", r.Email, r.Result, r.Error)
				}
			}
			if n := len(planFor(t, fixture(), mPHO, log.rows).Pending()); n != 4 {
				t.Errorf("after the failure %d of 4 still pending", n)
			}
			dump := fmt.Sprintf("%+v %#v %v", rep, log.rows, err)
			for _, s := range secrets {
				if s != "" && strings.Contains(dump, s) {
					t.Errorf("the password appears in the report or the log")
				}
			}
			if tt.peer.dir != "" {
				if got := tt.peer.received(t); len(got) != before {
					t.Errorf("the server received %d messages", len(got)-before)
				}
			}
		})
	}
}

// checkPeerError checks that err is a Dutch *i18n.Error about the
// server that mentions want, and that no form of any secret is in it.
func checkPeerError(t *testing.T, what string, err error, want string, secrets []string) {
	t.Helper()
	var ie *i18n.Error
	if !errors.As(err, &ie) {
		t.Fatalf("%s: %T %v, want an *i18n.Error", what, err, err)
	}
	nl := ie.Msg.In("nl")
	if !strings.Contains(nl, want) || !strings.Contains(nl, "127.0.0.1") {
		t.Errorf("%s: %q does not mention %q and the server", what, nl, want)
	}
	if !errors.Is(err, ErrUnreachable) {
		t.Errorf("%s: %v does not wrap ErrUnreachable", what, err)
	}
	if nl == ie.Msg.In("en") {
		t.Errorf("%s: no English message", what)
	}
	text := strings.Join([]string{err.Error(), i18n.UserMessage(err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), nl, ie.Msg.In("en")}, "\n")
	for _, s := range secrets {
		if s == "" {
			continue
		}
		for _, form := range secretForms(s) {
			if strings.Contains(text, form) {
				t.Errorf("%s: the password (%q) appears in %q", what, form, text)
			}
		}
	}
}

// secretForms are the ways a password could leak: as is, and the base64
// of AUTH LOGIN and AUTH PLAIN.
func secretForms(s string) []string {
	return []string{s,
		base64String(s),
		base64String("\x00" + smtpUser + "\x00" + s),
	}
}

func base64String(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// attends reports whether ev has email as an ATTENDEE.
func attends(ev *goical.Event, email string) bool {
	for _, a := range ev.Props.Values(goical.PropAttendee) {
		if strings.EqualFold(strings.TrimPrefix(strings.ToLower(a.Value), "mailto:"), email) {
			return true
		}
	}
	return false
}

// assertLog checks that rows are n rows with result r, all with a
// Message-ID and the SMTP channel.
func assertLog(t *testing.T, rows []domain.SendRecord, n int, r domain.SendResult) {
	t.Helper()
	if len(rows) != n {
		t.Errorf("%d log rows, want %d", len(rows), n)
	}
	for _, row := range rows {
		if row.Result != r || row.Channel != domain.ChannelSMTP || row.MessageID == "" || row.Error != "" {
			t.Errorf("log row %+v", row)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
