package delivery

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// DefaultTimeout bounds each step of talking to a server (connecting, a
// command, a reply) when a config leaves it zero: long enough for a slow
// relay, short enough that a wrong port does not hang the dialog.
const DefaultTimeout = 30 * time.Second

// SMTPConfig is how to reach the organisation's mail server.
type SMTPConfig struct {
	Settings domain.SMTPSettings
	// Password is the login's password (Passwords.Lookup); "" when
	// Settings.User is empty. It is never written anywhere.
	Password string
	// TLS is the TLS configuration; nil means the system's trusted
	// certificates and the server name from Settings. Tests pass their
	// own certificate authority here.
	TLS *tls.Config
	// Timeout bounds each step; zero means DefaultTimeout.
	Timeout time.Duration
}

func (c SMTPConfig) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

func (c SMTPConfig) server() serverError {
	return serverError{host: strings.TrimSpace(c.Settings.Host), port: port(c.Settings), user: c.Settings.User, what: "smtp"}
}

// secrets are the forms in which the password could appear in a reply.
func (c SMTPConfig) secrets() []string {
	if c.Password == "" {
		return nil
	}
	return []string{c.Password, "\x00" + c.Settings.User + "\x00" + c.Password}
}

// tlsConfig returns the TLS configuration for the server.
func (c SMTPConfig) tlsConfig() *tls.Config {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if c.TLS != nil {
		cfg = c.TLS.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = strings.Trim(strings.TrimSpace(c.Settings.Host), "[]")
	}
	return cfg
}

// SMTP is a Transport through the organisation's mail server. It opens
// one connection on the first message and keeps it for the rest of the
// batch; Close ends it.
type SMTP struct {
	cfg    SMTPConfig
	mu     sync.Mutex
	client *smtp.Client
	stop   func() bool // ends the context watch of the connection
}

// NewSMTP returns a transport for cfg. Nothing is contacted until the
// first message (use TestSMTP for the settings dialog).
func NewSMTP(cfg SMTPConfig) *SMTP { return &SMTP{cfg: cfg} }

var _ Transport = (*SMTP)(nil)

// Channel reports ChannelSMTP.
func (t *SMTP) Channel() domain.SendChannel { return domain.ChannelSMTP }

// Deliver sends one message: MAIL FROM, RCPT TO for each recipient, DATA.
// A connection, TLS or login failure wraps ErrFatal; a refused recipient
// or message does not, and the connection is reset for the next one.
func (t *SMTP) Deliver(ctx context.Context, m *Message, data []byte) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.client == nil {
		c, stop, err := connect(ctx, t.cfg)
		if err != nil {
			return fatal(err)
		}
		t.client, t.stop = c, stop
	}
	from, to := m.Envelope()
	err := t.transaction(from, to, data)
	if err == nil {
		return nil
	}
	var se *smtp.SMTPError
	if errors.As(err, &se) && ctx.Err() == nil && !sessionReply(se) {
		// The server answered: this message is refused, the session is
		// fine. A reset clears the half-done transaction.
		if rerr := t.client.Reset(); rerr != nil {
			t.drop()
		}
		return classify(err, t.cfg.server(), t.cfg.secrets()...)
	}
	// The connection broke: the next batch starts afresh.
	t.drop()
	return fatal(classify(err, t.cfg.server(), t.cfg.secrets()...))
}

// transaction runs one mail transaction on the open connection.
func (t *SMTP) transaction(from string, to []string, data []byte) error {
	c := t.client
	if err := c.Mail(from, nil); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt, nil); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := bytes.NewReader(data).WriteTo(w); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// sessionReply reports whether a refusal concerns the session rather
// than one message: the server wants a login (530), refuses ours (534,
// 535), or is closing the connection (421). Every further message would
// be refused the same way, and repeating a refused login can lock the
// account.
func sessionReply(se *smtp.SMTPError) bool {
	switch se.Code {
	case 421, 530, 534, 535:
		return true
	}
	return false
}

// drop closes a connection that can no longer be used.
func (t *SMTP) drop() {
	if t.client != nil {
		t.client.Close()
		t.client = nil
	}
	if t.stop != nil {
		t.stop()
		t.stop = nil
	}
}

// Close says QUIT and closes the connection, if one is open.
func (t *SMTP) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.client == nil {
		return nil
	}
	err := t.client.Quit()
	t.drop()
	return err
}

// fatal marks err as ending the batch, keeping its user message.
func fatal(err error) error {
	var ie *i18n.Error
	if errors.As(err, &ie) {
		return &i18n.Error{Msg: ie.Msg, Cause: errors.Join(ErrFatal, ie.Cause)}
	}
	return errors.Join(ErrFatal, err)
}

// connect opens a session: TCP (or TLS from the first byte), STARTTLS
// when chosen (never falling back to plain text), and the login, all
// within the timeout. The returned stop function ends the watch that
// closes the connection when ctx is cancelled later.
func connect(ctx context.Context, cfg SMTPConfig) (*smtp.Client, func() bool, error) {
	if err := ValidateSMTP(cfg.Settings); err != nil {
		return nil, nil, err
	}
	srv := cfg.server()
	secrets := cfg.secrets()
	timeout := cfg.timeout()
	// go-smtp reads the greeting with a timeout of its own (minutes):
	// the whole setup gets ours, by closing the connection when it ends.
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	dialer := &net.Dialer{Timeout: timeout}
	addr := smtpAddress(cfg.Settings)
	var conn net.Conn
	var err error
	if security(cfg.Settings) == domain.SecurityTLS {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: cfg.tlsConfig()}).DialContext(cctx, "tcp", addr)
	} else {
		conn, err = dialer.DialContext(cctx, "tcp", addr)
	}
	if err != nil {
		return nil, nil, classify(err, srv, secrets...)
	}
	watch := context.AfterFunc(cctx, func() { conn.Close() })
	fail := func(c *smtp.Client, err error) (*smtp.Client, func() bool, error) {
		watch()
		if c != nil {
			c.Close()
		}
		conn.Close()
		switch {
		case ctx.Err() != nil:
			err = ctx.Err()
		case cctx.Err() != nil:
			// Our timeout closed the connection: say that, not "closed".
			err = context.DeadlineExceeded
		}
		return nil, nil, classify(err, srv, secrets...)
	}
	var c *smtp.Client
	if security(cfg.Settings) == domain.SecurityStartTLS {
		c, err = smtp.NewClientStartTLS(conn, cfg.tlsConfig())
		if err != nil {
			var se *smtp.SMTPError
			var ne net.Error
			if !errors.As(err, &se) && !errors.As(err, &ne) && strings.Contains(err.Error(), "STARTTLS") {
				// go-smtp says so in words only: the server did not
				// offer STARTTLS, and we never fall back to plain text.
				err = errNoStartTLS
			}
			return fail(nil, err)
		}
	} else {
		c = smtp.NewClient(conn)
	}
	c.CommandTimeout, c.SubmissionTimeout = timeout, 4*timeout
	// The first command after STARTTLS runs the TLS handshake, so a bad
	// certificate is found here; then the login.
	if err := login(c, cfg); err != nil {
		return fail(c, err)
	}
	if !watch() {
		return fail(c, context.DeadlineExceeded)
	}
	return c, context.AfterFunc(ctx, func() { conn.Close() }), nil
}

// login authenticates when a user is set, with PLAIN or else LOGIN
// (Exchange offers only LOGIN), over the connection that is by now
// encrypted (or a loopback one, see ValidateSMTP).
func login(c *smtp.Client, cfg SMTPConfig) error {
	// Say hello now, so that a broken greeting or TLS handshake shows up
	// here and not as a refused first message.
	if err := c.Noop(); err != nil {
		return err
	}
	if cfg.Settings.User == "" {
		return nil
	}
	var mech sasl.Client
	switch {
	case c.SupportsAuth(sasl.Plain):
		mech = sasl.NewPlainClient("", cfg.Settings.User, cfg.Password)
	case c.SupportsAuth(sasl.Login):
		mech = sasl.NewLoginClient(cfg.Settings.User, cfg.Password)
	default:
		return errNoAuth
	}
	return c.Auth(mech)
}

// ConnectionInfo describes a connection that works, for the "test
// connection" button.
type ConnectionInfo struct {
	Server string // "smtp.example.nl:587", or the calendar home URL
	TLS    string // "TLS 1.3"; "" for an unencrypted connection
	User   string // "" when no login was needed
	// Calendars is, for CalDAV, how many calendars the user has.
	Calendars int
}

// Message says what works, in a sentence.
func (ci ConnectionInfo) Message() i18n.Message {
	enc := ci.TLS
	if enc == "" {
		enc = i18n.T("delivery.test.unencrypted")
	}
	if ci.User == "" {
		return i18n.M("delivery.test.ok.anonymous", ci.Server, enc)
	}
	return i18n.M("delivery.test.ok", ci.Server, enc, ci.User)
}

// TestSMTP connects to the mail server as Send would (TLS, login), when
// the settings name a sender offers it as MAIL FROM and withdraws it
// (RSET), and says goodbye without sending anything. The error is an *i18n.Error that
// says what to change.
func TestSMTP(ctx context.Context, cfg SMTPConfig) (ConnectionInfo, error) {
	c, stop, err := connect(ctx, cfg)
	if err != nil {
		return ConnectionInfo{}, err
	}
	defer stop()
	defer c.Close()
	info := ConnectionInfo{Server: smtpAddress(cfg.Settings), User: cfg.Settings.User}
	if st, ok := c.TLSConnectionState(); ok {
		info.TLS = tls.VersionName(st.Version)
	}
	// A server that wants a login, or does not let this user send as
	// the sender, says so only at MAIL FROM: ask it, and withdraw with
	// RSET, so that the button finds what the first message would.
	if from := strings.TrimSpace(cfg.Settings.From); from != "" {
		if err := c.Mail(from, nil); err != nil {
			return info, classify(err, cfg.server(), cfg.secrets()...)
		}
		if err := c.Reset(); err != nil {
			return info, classify(err, cfg.server(), cfg.secrets()...)
		}
	}
	if err := c.Quit(); err != nil {
		return info, classify(err, cfg.server(), cfg.secrets()...)
	}
	return info, nil
}
