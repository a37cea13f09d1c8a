package delivery

import (
	"errors"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// ErrSettings is the cause of every error about settings that cannot work
// (no server, a port out of range, a password typed into an address).
var ErrSettings = errors.New("delivery: onbruikbare instellingen")

// DefaultPort returns the usual port for security s: 587 (submission with
// STARTTLS), 465 (implicit TLS) or 25.
func DefaultPort(s domain.SMTPSecurity) int {
	switch s {
	case domain.SecurityTLS:
		return 465
	case domain.SecurityNone:
		return 25
	}
	return 587
}

// security returns s's security, STARTTLS when unset: the safe choice
// that most servers offer.
func security(s domain.SMTPSettings) domain.SMTPSecurity {
	if s.Security == "" {
		return domain.SecurityStartTLS
	}
	return s.Security
}

// port returns s's port, or the usual one for its security.
func port(s domain.SMTPSettings) int {
	if s.Port == 0 {
		return DefaultPort(security(s))
	}
	return s.Port
}

// smtpAddress returns "host:port" for dialling.
func smtpAddress(s domain.SMTPSettings) string {
	return net.JoinHostPort(strings.TrimSpace(s.Host), strconv.Itoa(port(s)))
}

// ValidateSMTP checks mail server settings as the user typed them. It
// refuses settings that would send a password unencrypted: without TLS a
// login is only allowed to a server on this machine.
func ValidateSMTP(s domain.SMTPSettings) error {
	host := strings.TrimSpace(s.Host)
	if host == "" {
		return i18n.Errorf(ErrSettings, "delivery.settings.nohost")
	}
	if !validHost(host) {
		return i18n.Errorf(ErrSettings, "delivery.settings.badhost", host)
	}
	if s.Port < 0 || s.Port > 65535 {
		return i18n.Errorf(ErrSettings, "delivery.settings.badport", s.Port)
	}
	switch security(s) {
	case domain.SecurityStartTLS, domain.SecurityTLS:
	case domain.SecurityNone:
		if s.User != "" && !isLoopback(host) {
			return i18n.Errorf(ErrSettings, "delivery.settings.plainauth", host)
		}
	default:
		return i18n.Errorf(ErrSettings, "delivery.settings.badsecurity", string(s.Security))
	}
	if strings.ContainsAny(s.User, "\r\n") {
		return i18n.Errorf(ErrSettings, "delivery.settings.baduser")
	}
	if s.From != "" {
		if err := domain.ValidateEmail(s.From); err != nil {
			return err
		}
	}
	return nil
}

// ValidateCalDAV checks calendar server settings as the user typed them:
// an http(s) URL with a host and without a password in it (the URL is
// stored in the database, the password never is). Plain http is only
// allowed to this machine, because Basic authentication would send the
// password readable.
func ValidateCalDAV(s domain.CalDAVSettings) error {
	raw := strings.TrimSpace(s.URL)
	if raw == "" {
		return i18n.Errorf(ErrSettings, "delivery.settings.nourl")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" || (u.Scheme != "http" && u.Scheme != "https") || !validHost(u.Hostname()) {
		return i18n.Errorf(ErrSettings, "delivery.settings.badurl", redactURL(raw))
	}
	if u.User != nil {
		return i18n.Errorf(ErrSettings, "delivery.settings.urluser")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return i18n.Errorf(ErrSettings, "delivery.settings.badurl", redactURL(raw))
		}
	}
	if u.Scheme == "http" && s.User != "" && !isLoopback(u.Hostname()) {
		return i18n.Errorf(ErrSettings, "delivery.settings.plainhttp", u.Hostname())
	}
	if strings.ContainsAny(s.User, "\r\n:") {
		return i18n.Errorf(ErrSettings, "delivery.settings.baduser")
	}
	return nil
}

// validHost reports whether h can be a server name or address: a DNS
// name of letters, digits, hyphens and dots, or an IP address.
func validHost(h string) bool {
	if net.ParseIP(strings.Trim(h, "[]")) != nil {
		return true
	}
	if len(h) > 253 || h == "" {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(h, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// isLoopback reports whether host is this machine.
func isLoopback(host string) bool {
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// redactURL returns raw with any user information removed, for messages.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		// Not a URL we can take apart: show only what precedes an '@'
		// is not safe either, so cut at the first '@'.
		if i := strings.LastIndex(raw, "@"); i >= 0 {
			return "…" + raw[i:]
		}
		return raw
	}
	u.User = nil
	return u.String()
}
