package delivery

import (
	"errors"
	"os"
	"strconv"
	"strings"

	"github.com/zalando/go-keyring"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// ErrNoPassword is the cause of the error Passwords.Lookup returns when no
// source has the password.
var ErrNoPassword = errors.New("delivery: geen wachtwoord")

// Keyring keeps passwords outside the database. SystemKeyring is the
// operating system's (Windows Credential Manager, macOS Keychain, the
// Secret Service of GNOME or KDE); tests use a map.
type Keyring interface {
	// Get returns the password of user at service, or an error wrapping
	// ErrNotInKeyring when there is none.
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

// ErrNotInKeyring is what a Keyring's Get wraps when it holds no password
// for the account; other errors mean the keyring itself is unavailable.
var ErrNotInKeyring = errors.New("delivery: niet in de sleutelbos")

// keyringService is the service name under which passwords are kept; a
// user sees it in the keyring's own manager.
const keyringService = "Overlegplanner"

// SystemKeyring returns the operating system's keyring.
func SystemKeyring() Keyring { return systemKeyring{} }

type systemKeyring struct{}

func (systemKeyring) Get(service, user string) (string, error) {
	pw, err := keyring.Get(service, user)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", ErrNotInKeyring
	}
	return pw, err
}

func (systemKeyring) Set(service, user, password string) error {
	return keyring.Set(service, user, password)
}

func (systemKeyring) Delete(service, user string) error {
	err := keyring.Delete(service, user)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}

// Account names one stored password: the SMTP or CalDAV login of one
// user on one server. A changed server or user name is another account,
// so an old password is never sent to a new server.
type Account struct {
	Kind   string // "smtp" or "caldav"
	Server string // "smtp.example.nl:587", or the CalDAV URL
	User   string
}

// SMTPAccount returns the account of mail server settings s.
func SMTPAccount(s domain.SMTPSettings) Account {
	return Account{Kind: "smtp", Server: strings.ToLower(strings.TrimSpace(s.Host)) + ":" + strconv.Itoa(port(s)), User: s.User}
}

// CalDAVAccount returns the account of calendar server settings s.
func CalDAVAccount(s domain.CalDAVSettings) Account {
	return Account{Kind: "caldav", Server: strings.TrimRight(strings.TrimSpace(s.URL), "/"), User: s.User}
}

// key is the account's user name in the keyring: "smtp:user@server".
func (a Account) key() string { return a.Kind + ":" + a.User + "@" + a.Server }

// EnvVar is the environment variable that holds the account's password
// where there is no keyring: OVERLEGPLANNER_SMTP_PASSWORD or
// OVERLEGPLANNER_CALDAV_PASSWORD.
func (a Account) EnvVar() string { return "OVERLEGPLANNER_" + strings.ToUpper(a.Kind) + "_PASSWORD" }

// Passwords finds and keeps the passwords of the mail and calendar
// servers. Its zero value reads only the environment.
type Passwords struct {
	// Keyring keeps passwords between runs; nil means none.
	Keyring Keyring
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Prompt asks the user (the CLI on a terminal); nil means never.
	// label says for what, e.g. "wachtwoord voor secretariaat op
	// smtp.example.nl:587".
	Prompt func(label string) (string, error)
}

// Lookup returns the password of a: from its environment variable (an
// explicit choice for this run, and the way on CI), else from the
// keyring, else by asking. An account without a user needs no password
// and gets "". Without any, the error says where to put it.
func (p Passwords) Lookup(a Account) (string, error) {
	if a.User == "" {
		return "", nil
	}
	getenv := p.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if pw := getenv(a.EnvVar()); pw != "" {
		return pw, nil
	}
	var keyringErr error
	if p.Keyring != nil {
		pw, err := p.Keyring.Get(keyringService, a.key())
		switch {
		case err == nil && pw != "":
			return pw, nil
		case err != nil && !errors.Is(err, ErrNotInKeyring):
			// No keyring on this machine (no Secret Service on a server):
			// fall through to the prompt, and say so if there is none.
			keyringErr = err
		}
	}
	if p.Prompt != nil {
		pw, err := p.Prompt(i18n.T("delivery.password.prompt", a.User, a.Server))
		if err != nil {
			return "", i18n.Errorf(err, "delivery.password.none", a.User, a.Server, a.EnvVar())
		}
		if pw != "" {
			return pw, nil
		}
	}
	if keyringErr != nil {
		return "", i18n.Errorf(errors.Join(ErrNoPassword, keyringErr), "delivery.password.nokeyring", a.User, a.Server, a.EnvVar())
	}
	return "", i18n.Errorf(ErrNoPassword, "delivery.password.none", a.User, a.Server, a.EnvVar())
}

// Save keeps pw for a in the keyring. Without a keyring the error says
// to use the environment variable instead: the database is never an
// option.
func (p Passwords) Save(a Account, pw string) error {
	if p.Keyring == nil {
		return i18n.Errorf(ErrNoPassword, "delivery.password.nokeyring", a.User, a.Server, a.EnvVar())
	}
	if err := p.Keyring.Set(keyringService, a.key(), pw); err != nil {
		return i18n.Errorf(redact(err, pw), "delivery.password.nokeyring", a.User, a.Server, a.EnvVar())
	}
	return nil
}

// Forget removes a's password from the keyring, if it is there.
func (p Passwords) Forget(a Account) error {
	if p.Keyring == nil {
		return nil
	}
	return p.Keyring.Delete(keyringService, a.key())
}
