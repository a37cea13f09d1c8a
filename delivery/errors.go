package delivery

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"

	"github.com/emersion/go-smtp"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// ErrUnreachable is the cause of every error about a server that could not
// be reached or refused us (wrong name, port, password, certificate): the
// *i18n.Error around it says which, in Dutch.
var ErrUnreachable = errors.New("delivery: server niet bereikbaar")

// redact returns err with every secret (and the base64 forms in which
// SMTP AUTH LOGIN sends it) replaced by "•••" in its text, keeping the
// chain for errors.Is and errors.As. For AUTH PLAIN, whose response is
// base64 of "\x00user\x00password", the caller passes that string too
// (see plainSecret): the user name shifts the base64 alignment, so the
// password alone cannot be found in it. No library we use puts a password in an
// error, but a server may echo what it received, and an error is shown,
// logged and stored in the send log: this is the one place that makes
// sure.
func redact(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	var forms []string
	for _, s := range secrets {
		if s == "" {
			continue
		}
		forms = append(forms, s,
			base64.StdEncoding.EncodeToString([]byte(s)),
			base64.StdEncoding.EncodeToString([]byte("\x00"+s)))
	}
	if len(forms) == 0 {
		return err
	}
	return &redacted{err: err, forms: forms}
}

// redacted is an error whose text hides secrets.
type redacted struct {
	err   error
	forms []string
}

func (r *redacted) Error() string {
	s := r.err.Error()
	for _, f := range r.forms {
		s = strings.ReplaceAll(s, f, "•••")
	}
	return s
}

func (r *redacted) Unwrap() error { return r.err }

// serverError is what classify needs to know about the attempt.
type serverError struct {
	host string // server name, for the message
	port int
	user string
	what string // "smtp" or "caldav"
}

// classify turns err from talking to a server into an *i18n.Error that
// says what to check, with the technical cause (secrets removed) kept for
// the log. An error that already is an *i18n.Error is returned as is.
func classify(err error, s serverError, secrets ...string) error {
	if err == nil {
		return nil
	}
	var ie *i18n.Error
	if errors.As(err, &ie) {
		return err
	}
	cause := redact(err, secrets...)
	wrap := func(key string, args ...any) error {
		return i18n.Errorf(errors.Join(ErrUnreachable, cause), key, args...)
	}
	var (
		dnsErr      *net.DNSError
		unknownCA   x509.UnknownAuthorityError
		hostnameErr x509.HostnameError
		invalidErr  x509.CertificateInvalidError
		recordErr   tls.RecordHeaderError
		alertErr    tls.AlertError
		smtpErr     *smtp.SMTPError
		statusErr   *httpStatusError
		netErr      net.Error
	)
	switch {
	case errors.Is(err, context.Canceled):
		return i18n.Errorf(cause, "delivery.err.cancelled")
	case errors.As(err, &dnsErr) && (dnsErr.IsNotFound || !dnsErr.IsTimeout):
		return wrap("delivery.err.host", s.host)
	case errors.As(err, &unknownCA):
		return wrap("delivery.err.tls.untrusted", s.host)
	case errors.As(err, &hostnameErr):
		return wrap("delivery.err.tls.hostname", s.host)
	case errors.As(err, &invalidErr):
		if invalidErr.Reason == x509.Expired {
			return wrap("delivery.err.tls.expired", s.host)
		}
		return wrap("delivery.err.tls.invalid", s.host)
	case errors.As(err, &recordErr):
		return wrap("delivery.err.tls.notls", s.host, s.port)
	case errors.As(err, &alertErr):
		return wrap("delivery.err.tls.refused", s.host)
	case errors.Is(err, errNoStartTLS):
		return wrap("delivery.err.smtp.nostarttls", s.host, s.port)
	case errors.Is(err, errNoAuth):
		return wrap("delivery.err.smtp.noauth", s.host)
	case errors.As(err, &smtpErr):
		return classifySMTP(smtpErr, s, wrap)
	case errors.As(err, &statusErr):
		return classifyHTTP(statusErr, s, wrap)
	case errors.Is(err, syscall.ECONNREFUSED):
		return wrap("delivery.err.refused", s.host, s.port)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return wrap("delivery.err.timeout", s.host, s.port)
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		// The server hung up: most often a TLS handshake it did not
		// expect (implicit TLS on a STARTTLS port) or a server that
		// closes connections it does not accept.
		return wrap("delivery.err.closed", s.host, s.port)
	}
	if s.what == "caldav" {
		return wrap("delivery.err.caldav.other", s.host)
	}
	return wrap("delivery.err.smtp.other", s.host)
}

// Sentinels for what the SMTP client finds missing on the server.
var (
	errNoStartTLS = errors.New("server biedt geen STARTTLS aan")
	errNoAuth     = errors.New("server biedt geen aanmelding (AUTH PLAIN of LOGIN) aan")
)

// classifySMTP explains a reply code of the mail server.
func classifySMTP(e *smtp.SMTPError, s serverError, wrap func(string, ...any) error) error {
	switch {
	case e.Code == 535 || e.Code == 534 || (e.Code == 454 && e.EnhancedCode == smtp.EnhancedCode{4, 7, 8}):
		return wrap("delivery.err.smtp.auth", s.user, s.host)
	case e.Code == 530:
		return wrap("delivery.err.smtp.authrequired", s.host)
	case e.Code == 552 || e.Code == 523:
		return wrap("delivery.err.smtp.toolarge", s.host)
	case e.Code/100 == 4:
		return wrap("delivery.err.smtp.later", s.host, e.Code)
	}
	return wrap("delivery.err.smtp.refused", s.host, e.Code, oneLine(e.Message))
}

// classifyHTTP explains a status of the calendar server.
func classifyHTTP(e *httpStatusError, s serverError, wrap func(string, ...any) error) error {
	switch {
	case e.Code == http.StatusUnauthorized:
		return wrap("delivery.err.caldav.auth", s.user, s.host)
	case e.Code == http.StatusForbidden:
		return wrap("delivery.err.caldav.forbidden", s.user, e.Path)
	case e.Code == http.StatusNotFound:
		return wrap("delivery.err.caldav.notfound", e.Path, s.host)
	case e.Code == http.StatusPreconditionFailed:
		return wrap("delivery.err.caldav.changed", e.Path)
	case e.Code >= 500:
		return wrap("delivery.err.caldav.server", s.host, e.Code)
	}
	return wrap("delivery.err.caldav.status", s.host, e.Code, e.Method, e.Path)
}

// oneLine keeps the first line of a server's text, at most 200 bytes.
func oneLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
