package delivery

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"testing"

	"github.com/emersion/go-smtp"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

func TestValidateSMTP(t *testing.T) {
	tests := []struct {
		s    domain.SMTPSettings
		want string // catalogue key of the error, "" for valid
	}{
		{domain.SMTPSettings{Host: "smtp.middelburg.nl", User: "secretariaat", From: "info@jeugdwalcheren.nl"}, ""},
		{domain.SMTPSettings{Host: "smtp.office365.com", Port: 587, Security: domain.SecurityStartTLS, User: "a"}, ""},
		{domain.SMTPSettings{Host: "mail.example.nl", Port: 465, Security: domain.SecurityTLS}, ""},
		{domain.SMTPSettings{Host: "127.0.0.1", Port: 2525, Security: domain.SecurityNone, User: "test"}, ""},
		{domain.SMTPSettings{Host: "::1", Security: domain.SecurityNone, User: "test"}, ""},
		{domain.SMTPSettings{Host: "relay.intern", Security: domain.SecurityNone}, ""}, // no login, no password at risk
		{domain.SMTPSettings{}, "delivery.settings.nohost"},
		{domain.SMTPSettings{Host: "  "}, "delivery.settings.nohost"},
		{domain.SMTPSettings{Host: "smtp://mail.example.nl"}, "delivery.settings.badhost"},
		{domain.SMTPSettings{Host: "mail example.nl"}, "delivery.settings.badhost"},
		{domain.SMTPSettings{Host: "mail.example.nl", Port: 70000}, "delivery.settings.badport"},
		{domain.SMTPSettings{Host: "mail.example.nl", Security: "ssl"}, "delivery.settings.badsecurity"},
		{domain.SMTPSettings{Host: "mail.example.nl", Security: domain.SecurityNone, User: "a"}, "delivery.settings.plainauth"},
		{domain.SMTPSettings{Host: "mail.example.nl", User: "a\r\nRCPT TO:<x@y>"}, "delivery.settings.baduser"},
		{domain.SMTPSettings{Host: "mail.example.nl", From: "geen adres"}, "domain.invalid.email"},
	}
	for _, tt := range tests {
		checkKey(t, fmt.Sprintf("%+v", tt.s), ValidateSMTP(tt.s), tt.want)
	}
}

func TestValidateCalDAV(t *testing.T) {
	tests := []struct {
		s    domain.CalDAVSettings
		want string
	}{
		{domain.CalDAVSettings{URL: "https://agenda.jeugdwalcheren.nl/dav/", User: "secretariaat"}, ""},
		{domain.CalDAVSettings{URL: "http://127.0.0.1:5232/", User: "test"}, ""},
		{domain.CalDAVSettings{URL: "http://intranet.example/dav/"}, ""}, // no login
		{domain.CalDAVSettings{}, "delivery.settings.nourl"},
		{domain.CalDAVSettings{URL: "agenda.example.nl"}, "delivery.settings.badurl"},
		{domain.CalDAVSettings{URL: "ftp://agenda.example.nl/"}, "delivery.settings.badurl"},
		{domain.CalDAVSettings{URL: "https://agenda.example.nl:99999/"}, "delivery.settings.badurl"},
		{domain.CalDAVSettings{URL: "https://jan:geheim@agenda.example.nl/"}, "delivery.settings.urluser"},
		{domain.CalDAVSettings{URL: "http://agenda.example.nl/", User: "jan"}, "delivery.settings.plainhttp"},
		{domain.CalDAVSettings{URL: "https://agenda.example.nl/", User: "jan:x"}, "delivery.settings.baduser"},
	}
	for _, tt := range tests {
		err := ValidateCalDAV(tt.s)
		checkKey(t, tt.s.URL, err, tt.want)
		if err != nil && strings.Contains(err.Error(), "geheim") {
			t.Errorf("%s: the password in the URL shows in %q", tt.s.URL, err)
		}
	}
}

// checkKey checks that err is an *i18n.Error with catalogue key want, or
// nil when want is "".
func checkKey(t *testing.T, what string, err error, want string) {
	t.Helper()
	var ie *i18n.Error
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: %v", what, err)
	case want != "" && !errors.As(err, &ie):
		t.Errorf("%s: %v, want %s", what, err, want)
	case want != "" && ie.Msg.Key != want:
		t.Errorf("%s: %s (%v), want %s", what, ie.Msg.Key, err, want)
	}
}

func TestDefaultPortAndAccount(t *testing.T) {
	for sec, want := range map[domain.SMTPSecurity]int{"": 587, domain.SecurityStartTLS: 587, domain.SecurityTLS: 465, domain.SecurityNone: 25} {
		if got := DefaultPort(security(domain.SMTPSettings{Security: sec})); got != want {
			t.Errorf("%q: port %d, want %d", sec, got, want)
		}
	}
	a := SMTPAccount(domain.SMTPSettings{Host: "SMTP.Example.nl ", User: "jan"})
	if a.key() != "smtp:jan@smtp.example.nl:587" || a.EnvVar() != "OVERLEGPLANNER_SMTP_PASSWORD" {
		t.Errorf("account %+v key %q env %q", a, a.key(), a.EnvVar())
	}
	c := CalDAVAccount(domain.CalDAVSettings{URL: "https://dav.example.nl/", User: "jan"})
	if c.key() != "caldav:jan@https://dav.example.nl" || c.EnvVar() != "OVERLEGPLANNER_CALDAV_PASSWORD" {
		t.Errorf("account %+v key %q env %q", c, c.key(), c.EnvVar())
	}
}

// mapKeyring is a Keyring in memory; broken makes it unavailable.
type mapKeyring struct {
	m      map[string]string
	broken bool
}

func (k *mapKeyring) Get(service, user string) (string, error) {
	if k.broken {
		return "", errors.New("no Secret Service on this bus")
	}
	pw, ok := k.m[service+"/"+user]
	if !ok {
		return "", ErrNotInKeyring
	}
	return pw, nil
}

func (k *mapKeyring) Set(service, user, pw string) error {
	if k.broken {
		return errors.New("no Secret Service on this bus")
	}
	k.m[service+"/"+user] = pw
	return nil
}

func (k *mapKeyring) Delete(service, user string) error {
	delete(k.m, service+"/"+user)
	return nil
}

func TestPasswords(t *testing.T) {
	acc := SMTPAccount(domain.SMTPSettings{Host: "smtp.example.nl", User: "jan"})
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == acc.EnvVar() {
				return v
			}
			return ""
		}
	}
	kr := &mapKeyring{m: map[string]string{}}
	tests := []struct {
		name    string
		p       Passwords
		want    string
		wantKey string
	}{
		{"environment first", Passwords{Keyring: kr, Getenv: env("uit-env")}, "uit-env", ""},
		{"nothing anywhere", Passwords{Keyring: kr, Getenv: env("")}, "", "delivery.password.none"},
		{"no keyring on this machine", Passwords{Keyring: &mapKeyring{broken: true}, Getenv: env("")}, "", "delivery.password.nokeyring"},
		{"prompt", Passwords{Keyring: &mapKeyring{broken: true}, Getenv: env(""),
			Prompt: func(label string) (string, error) { return "getypt", nil }}, "getypt", ""},
		{"prompt fails", Passwords{Getenv: env(""),
			Prompt: func(string) (string, error) { return "", io.EOF }}, "", "delivery.password.none"},
	}
	for _, tt := range tests {
		got, err := tt.p.Lookup(acc)
		checkKey(t, tt.name, err, tt.wantKey)
		if got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	p := Passwords{Keyring: kr, Getenv: env("")}
	if err := p.Save(acc, "in-de-kluis"); err != nil {
		t.Fatal(err)
	}
	if got, err := p.Lookup(acc); got != "in-de-kluis" || err != nil {
		t.Errorf("from the keyring: %q %v", got, err)
	}
	other := acc
	other.Server = "smtp.ander.nl:587"
	if got, _ := p.Lookup(other); got != "" {
		t.Error("a password is offered to another server")
	}
	if err := p.Forget(acc); err != nil {
		t.Fatal(err)
	}
	if got, _ := p.Lookup(acc); got != "" {
		t.Error("forgotten password still there")
	}
	if got, err := (Passwords{}).Lookup(Account{Kind: "smtp", Server: "x:25"}); got != "" || err != nil {
		t.Errorf("no user needs no password: %q %v", got, err)
	}
	if err := (Passwords{Keyring: &mapKeyring{broken: true}}).Save(acc, "geheim"); err == nil || strings.Contains(err.Error(), "geheim") {
		t.Errorf("saving without keyring: %v", err)
	}
}

// TestClassify maps what networks, TLS and servers say to the Dutch
// message that tells the user what to check, and keeps passwords out.
func TestClassify(t *testing.T) {
	srv := serverError{host: "smtp.example.nl", port: 587, user: "jan", what: "smtp"}
	const pw = "Zomer2026!"
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"unknown host", &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "smtp.example.nl", IsNotFound: true}}, "delivery.err.host"},
		{"refused", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, "delivery.err.refused"},
		{"timeout", context.DeadlineExceeded, "delivery.err.timeout"},
		{"cancelled", context.Canceled, "delivery.err.cancelled"},
		{"untrusted", &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}, "delivery.err.tls.untrusted"},
		{"hostname", &tls.CertificateVerificationError{Err: x509.HostnameError{Host: "x"}}, "delivery.err.tls.hostname"},
		{"expired", x509.CertificateInvalidError{Reason: x509.Expired}, "delivery.err.tls.expired"},
		{"not TLS", tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}, "delivery.err.tls.notls"},
		{"hung up", io.EOF, "delivery.err.closed"},
		{"no STARTTLS", errNoStartTLS, "delivery.err.smtp.nostarttls"},
		{"no AUTH", errNoAuth, "delivery.err.smtp.noauth"},
		{"wrong password", &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Authentication failed for " + pw}, "delivery.err.smtp.auth"},
		{"login required", &smtp.SMTPError{Code: 530, Message: "Authentication required"}, "delivery.err.smtp.authrequired"},
		{"too large", &smtp.SMTPError{Code: 552, Message: "too big"}, "delivery.err.smtp.toolarge"},
		{"greylisted", &smtp.SMTPError{Code: 451, Message: "try later"}, "delivery.err.smtp.later"},
		{"recipient", &smtp.SMTPError{Code: 550, Message: "no such user"}, "delivery.err.smtp.refused"},
		{"http 401", &httpStatusError{Code: 401, Method: "PROPFIND", Path: "/"}, "delivery.err.caldav.auth"},
		{"http 403", &httpStatusError{Code: 403, Method: "PUT", Path: "/x/"}, "delivery.err.caldav.forbidden"},
		{"http 404", &httpStatusError{Code: 404, Method: "PROPFIND", Path: "/x/"}, "delivery.err.caldav.notfound"},
		{"http 412", &httpStatusError{Code: 412, Method: "PUT", Path: "/x/a.ics"}, "delivery.err.caldav.changed"},
		{"http 503", &httpStatusError{Code: 503, Method: "PUT", Path: "/x/a.ics"}, "delivery.err.caldav.server"},
		{"http 400", &httpStatusError{Code: 400, Method: "PUT", Path: "/x/a.ics"}, "delivery.err.caldav.status"},
		{"other", errors.New("server said " + pw), "delivery.err.smtp.other"},
	}
	for _, tt := range tests {
		err := classify(tt.err, srv, pw)
		checkKey(t, tt.name, err, tt.want)
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: cause lost", tt.name)
		}
		if strings.Contains(err.Error(), pw) {
			t.Errorf("%s: the password is in %q", tt.name, err)
		}
		if msg := i18n.UserMessage(err); strings.HasPrefix(msg, "delivery.") {
			t.Errorf("%s: message %q is not in the catalogue", tt.name, msg)
		}
	}
}

func TestRedact(t *testing.T) {
	const pw = "s3cr3t"
	for _, text := range []string{
		"auth failed: " + pw,
		"AUTH PLAIN " + b64("\x00jan\x00"+pw),
		"334 " + b64(pw),
	} {
		err := redact(errors.New(text), pw, "\x00jan\x00"+pw)
		if strings.Contains(err.Error(), pw) || strings.Contains(err.Error(), b64(pw)) || strings.Contains(err.Error(), b64("\x00jan\x00"+pw)) {
			t.Errorf("%q still holds the password: %q", text, err)
		}
	}
	if redact(nil, pw) != nil {
		t.Error("redact(nil) is not nil")
	}
	base := errors.New("x")
	if !errors.Is(redact(base, pw), base) {
		t.Error("redact loses the chain")
	}
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
