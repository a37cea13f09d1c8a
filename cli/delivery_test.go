package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/delivery"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/internal/testpeer"
	"github.com/overlegplanner/overlegplanner/store"
)

// noKeyring makes send and publish read passwords from the environment
// only, for the length of the test: a test never touches the keyring of
// the machine it runs on, nor waits at a prompt.
func noKeyring(t *testing.T) {
	t.Helper()
	old := cliPasswords
	cliPasswords = func(*call) delivery.Passwords { return delivery.Passwords{} }
	t.Cleanup(func() { cliPasswords = old })
}

// sendLog reads the send log of the database at db.
func sendLog(t *testing.T, db string, f store.SendLogFilter) []domain.SendRecord {
	t.Helper()
	s, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.SendLog(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// sendableMeeting returns the first meeting from 1 December 2026 of PHO
// Werk en Inkomen (body 1 of the demo).
func sendableMeeting(t *testing.T, db string) MeetingJSON {
	t.Helper()
	_, out, _ := run(t, "meetings", "--db", db, "--json", "--from", "2026-12-01", "--body", "1")
	var ms []MeetingJSON
	if err := json.Unmarshal([]byte(out), &ms); err != nil || len(ms) == 0 {
		t.Fatalf("no PHO meetings in the demo: %v", err)
	}
	return ms[0]
}

func TestSendUsage(t *testing.T) {
	db := demoCopy(t)
	for _, args := range [][]string{
		{"send", "--db", db},
		{"send", "--db", db, "--meeting", "1", "--digest"},
		{"send", "--db", db, "--digest", "--together"},
		{"send", "--db", db, "--meeting", "1", "--municipality", "Tiel"},
		{"send", "--db", db, "--digest", "--days", "0"},
		{"publish", "--db", db, "--body", "x"},
	} {
		if code, _, stderr := run(t, args...); code != ExitUsage || !strings.Contains(stderr, "overlegplanner "+args[0]) {
			t.Errorf("%q: exit %d, %s", args, code, stderr)
		}
	}
}

// TestSendDryRunAndEML: a dry run prints the plan and sends (and logs)
// nothing; --eml writes one ready message per recipient and logs them as
// written; a second run has nothing to send; after a move exactly the
// same people get the update with SEQUENCE 1.
func TestSendDryRunAndEML(t *testing.T) {
	noKeyring(t)
	db := demoCopy(t)
	m := sendableMeeting(t, db)
	id := strconv.FormatInt(m.ID, 10)

	code, out, stderr := run(t, "send", "--db", db, "--meeting", id, "--dry-run")
	if code != 0 || !strings.Contains(out, "(versie 0)") || !strings.Contains(out, "uitnodiging") || !strings.Contains(out, "Proefrun: er is niets verstuurd.") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, stderr)
	}
	invited := strings.Count(out, "  • ")
	if invited == 0 {
		t.Fatalf("nobody to invite:\n%s", out)
	}
	if rows := sendLog(t, db, store.SendLogFilter{}); len(rows) != 0 {
		t.Fatalf("a dry run wrote %d log rows", len(rows))
	}

	// Without a mail server in the settings, and without --eml: a Dutch
	// message, nothing logged.
	code, _, stderr = run(t, "send", "--db", db, "--meeting", id)
	if code != ExitError || !strings.Contains(stderr, "geen mailserver ingesteld") {
		t.Errorf("no mail server: %d %s", code, stderr)
	}
	if rows := sendLog(t, db, store.SendLogFilter{}); len(rows) != 0 {
		t.Fatalf("a refused send wrote %d log rows", len(rows))
	}

	dir := filepath.Join(t.TempDir(), "uit")
	code, out, stderr = run(t, "send", "--db", db, "--meeting", id, "--eml", dir)
	if code != 0 || !strings.Contains(out, "geschreven voor") {
		t.Fatalf("--eml: %d\n%s\n%s", code, out, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != invited {
		t.Fatalf("%d files for %d recipients", len(files), invited)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		msg, err := mail.ReadMessage(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if msg.Header.Get("X-Unsent") != "1" || !bytes.Contains(b, []byte("method=REQUEST")) || !strings.Contains(out, filepath.Base(f)) {
			t.Errorf("%s: not a ready invitation, or not listed", filepath.Base(f))
		}
	}
	rows := sendLog(t, db, store.SendLogFilter{MeetingID: m.ID})
	if len(rows) != invited {
		t.Fatalf("%d log rows for %d messages", len(rows), invited)
	}
	for _, r := range rows {
		if r.Result != domain.ResultWritten || r.Channel != domain.ChannelEML || r.Sequence != 0 || r.UID != m.UID {
			t.Errorf("log row %+v", r)
		}
	}

	code, out, _ = run(t, "send", "--db", db, "--meeting", id, "--eml", dir)
	if code != 0 || !strings.Contains(out, "niets te versturen") {
		t.Errorf("second send: %d\n%s", code, out)
	}
	if again, _ := filepath.Glob(filepath.Join(dir, "*.eml")); len(again) != len(files) {
		t.Errorf("the second send wrote %d files", len(again)-len(files))
	}

	start, _ := time.Parse(time.RFC3339, m.Start)
	if code, _, stderr := run(t, "move", "--db", db, "--meeting", id, "--to", start.AddDate(0, 0, 1).Format("2006-01-02")); code != 0 {
		t.Fatalf("move: %s", stderr)
	}
	code, out, _ = run(t, "send", "--db", db, "--meeting", id, "--dry-run")
	if code != 0 || strings.Count(out, "  • ") != invited || !strings.Contains(out, "wijziging 0→1") || strings.Contains(out, "uitnodiging") {
		t.Errorf("after the move:\n%s", out)
	}
}

// TestSendDigestFromTheCLI: the deadline digests of the demo go out as
// .eml files once; a second run the same day sends nothing.
func TestSendDigestFromTheCLI(t *testing.T) {
	noKeyring(t)
	db := demoCopy(t)
	code, out, stderr := run(t, "send", "--db", db, "--digest", "--dry-run")
	if code != 0 || !strings.Contains(out, "Deadlineoverzichten van") {
		t.Fatalf("digest dry run: %d\n%s\n%s", code, out, stderr)
	}
	pending := strings.Count(out, "  • ")
	if pending == 0 {
		t.Fatalf("the demo has no digests:\n%s", out)
	}
	dir := t.TempDir()
	if code, out, stderr := run(t, "send", "--db", db, "--digest", "--eml", dir); code != 0 {
		t.Fatalf("digest: %d\n%s\n%s", code, out, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	rows := sendLog(t, db, store.SendLogFilter{Kind: domain.SendDigest})
	if len(files) != pending || len(rows) != pending {
		t.Errorf("%d files and %d log rows for %d digests", len(files), len(rows), pending)
	}
	code, out, _ = run(t, "send", "--db", db, "--digest", "--eml", dir)
	if code != 0 || !strings.Contains(out, "geen deadlineoverzichten") {
		t.Errorf("second digest run: %d\n%s", code, out)
	}
}

// TestSendThroughAMailServer sends from the CLI through Debian's
// aiosmtpd (delivery's test server) configured in the settings, and
// checks the log in the database.
func TestSendThroughAMailServer(t *testing.T) {
	noKeyring(t)
	py := testpeer.SystemPython(t, "aiosmtpd")
	db := demoCopy(t)
	inbox := t.TempDir()
	port := startCLIPeer(t, func(port int) []string {
		return []string{py, filepath.Join(testpeer.RepoRoot(t), "delivery", "testdata", "peers", "smtpd.py"),
			"--port", strconv.Itoa(port), "--dir", inbox, "--mode", "plain"}
	})
	s, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Loopback without a login: the only case ValidateSMTP allows
	// without encryption.
	st.SMTP = domain.SMTPSettings{Host: "127.0.0.1", Port: port, Security: domain.SecurityNone}
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	s.Close()

	m := sendableMeeting(t, db)
	code, out, stderr := run(t, "send", "--db", db, "--meeting", strconv.FormatInt(m.ID, 10), "--together")
	if code != 0 || !strings.Contains(out, "verstuurd aan") || !strings.Contains(out, "127.0.0.1:"+strconv.Itoa(port)) {
		t.Fatalf("send: %d\n%s\n%s", code, out, stderr)
	}
	got, _ := filepath.Glob(filepath.Join(inbox, "*.eml"))
	rows := sendLog(t, db, store.SendLogFilter{MeetingID: m.ID})
	if len(got) == 0 || len(rows) < len(got) {
		t.Fatalf("%d messages received, %d log rows", len(got), len(rows))
	}
	for _, r := range rows {
		if r.Result != domain.ResultSent || r.Channel != domain.ChannelSMTP || r.MessageID == "" {
			t.Errorf("log row %+v", r)
		}
	}
}

// TestPublishFromTheCLI: without a URL a usage error; a server that is
// not there a Dutch error; against radicale a publish, and a second one
// that changes nothing.
func TestPublishFromTheCLI(t *testing.T) {
	noKeyring(t)
	db := demoCopy(t)
	if code, _, stderr := run(t, "publish", "--db", db); code != ExitUsage || !strings.Contains(stderr, "--caldav") {
		t.Errorf("no URL: %d %s", code, stderr)
	}
	closed := "http://127.0.0.1:" + strconv.Itoa(freeCLIPort(t)) + "/"
	if code, _, stderr := run(t, "publish", "--db", db, "--caldav", closed, "--dry-run"); code != ExitError || !strings.Contains(stderr, "weigert verbindingen") {
		t.Errorf("closed port: %d %s", code, stderr)
	}

	py := testpeer.SystemPython(t, "radicale")
	dir := t.TempDir()
	users := filepath.Join(dir, "users")
	if err := os.WriteFile(users, []byte("secretariaat:geheim-cli\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	port := startCLIPeer(t, func(port int) []string {
		return []string{py, "-m", "radicale", "--config", "", "--server-hosts", "127.0.0.1:" + strconv.Itoa(port),
			"--storage-filesystem-folder", filepath.Join(dir, "data"), "--auth-type", "htpasswd",
			"--auth-htpasswd-filename", users, "--auth-htpasswd-encryption", "plain", "--logging-level", "warning"}
	})
	url := "http://127.0.0.1:" + strconv.Itoa(port) + "/"
	if code, _, stderr := run(t, "publish", "--db", db, "--caldav", url, "--user", "secretariaat", "--body", "1"); code != ExitError ||
		!strings.Contains(stderr, "OVERLEGPLANNER_CALDAV_PASSWORD") {
		t.Errorf("no password: %d %s", code, stderr)
	}
	t.Setenv("OVERLEGPLANNER_CALDAV_PASSWORD", "geheim-cli")
	code, out, stderr := run(t, "publish", "--db", db, "--caldav", url, "--user", "secretariaat", "--body", "1", "--dry-run")
	if code != 0 || !strings.Contains(out, "Proefrun") || !strings.Contains(out, "agenda aangemaakt") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, stderr)
	}
	code, out, stderr = run(t, "publish", "--db", db, "--caldav", url, "--user", "secretariaat", "--body", "1")
	if code != 0 || !strings.Contains(out, "Gepubliceerd:") || strings.Contains(out, "Gepubliceerd: 0 nieuw") {
		t.Fatalf("publish: %d\n%s\n%s", code, out, stderr)
	}
	code, out, _ = run(t, "publish", "--db", db, "--caldav", url, "--user", "secretariaat", "--body", "1")
	if code != 0 || !strings.Contains(out, "Gepubliceerd: 0 nieuw, 0 gewijzigd, 0 verwijderd") {
		t.Errorf("second publish:\n%s", out)
	}
	if strings.Contains(out+stderr, "geheim-cli") {
		t.Error("the password appears in the output")
	}
}

// freeCLIPort returns a loopback port that was free a moment ago.
func freeCLIPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startCLIPeer starts a server on a free port and waits, at most twenty
// seconds, until it accepts connections; it is stopped when the test
// ends.
func startCLIPeer(t *testing.T, args func(port int) []string) int {
	t.Helper()
	port := freeCLIPort(t)
	a := args(port)
	cmd := exec.Command(a[0], a[1:]...)
	var logs bytes.Buffer
	cmd.Stderr = &logs
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
		}
		cmd.Wait()
		close(done)
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			t.Fatalf("%s exited: %s", a[0], logs.String())
		default:
		}
		if c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), 200*time.Millisecond); err == nil {
			c.Close()
			return port
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not start: %s", a[0], logs.String())
	return 0
}
