package domain

import "time"

// SMTPSecurity is how the connection to the organisation's mail server is
// protected.
type SMTPSecurity string

// The SMTP security modes. STARTTLS on the submission port is what most
// organisations (Exchange Online, Google Workspace, municipal relays) offer;
// implicit TLS on port 465 is its older equivalent; an unprotected
// connection is only for a relay on the local machine or network.
const (
	SecurityStartTLS SMTPSecurity = "starttls" // port 587: plain, then STARTTLS (required)
	SecurityTLS      SMTPSecurity = "tls"      // port 465: TLS from the first byte
	SecurityNone     SMTPSecurity = "none"     // port 25: no encryption
)

// SMTPSecurities lists the security modes in display order.
func SMTPSecurities() []SMTPSecurity {
	return []SMTPSecurity{SecurityStartTLS, SecurityTLS, SecurityNone}
}

// SMTPSettings say how invitations and reminders leave: through the
// organisation's own mail server. The password is not here: it lives in
// the operating system's keyring, never in the database.
type SMTPSettings struct {
	Host     string
	Port     int // 0: the usual port of Security (587, 465, 25)
	Security SMTPSecurity
	User     string // "" when the server accepts mail without logging in
	From     string // the sender address; "" means the organiser's address
}

// CalDAVSettings say where meetings and deadlines are published for
// organisations that share server calendars instead of mailing invites.
// The password lives in the keyring, as for SMTP.
type CalDAVSettings struct {
	URL  string // the server, principal or calendar home URL
	User string
}

// SendKind is what a message in the send log was.
type SendKind string

// The kinds of message that are logged.
const (
	SendRequest  SendKind = "request"  // an invitation or update (iTIP REQUEST)
	SendCancel   SendKind = "cancel"   // the meeting was cancelled (iTIP CANCEL)
	SendWithdraw SendKind = "withdraw" // a CANCEL for one person who is no longer invited
	SendDigest   SendKind = "digest"   // a deadline reminder digest
)

// SendChannel is how a message left.
type SendChannel string

// The channels of the send log.
const (
	ChannelSMTP SendChannel = "smtp" // through the organisation's mail server
	ChannelEML  SendChannel = "eml"  // written as an .eml file for the user's mail program
)

// SendResult is the outcome of one message to one recipient.
type SendResult string

// The results of the send log. Written counts as delivered: the user
// took the .eml file to send it themselves.
const (
	ResultSent    SendResult = "sent"
	ResultWritten SendResult = "written"
	ResultFailed  SendResult = "failed"
)

// Delivered reports whether the recipient counts as having the message.
func (r SendResult) Delivered() bool { return r == ResultSent || r == ResultWritten }

// SendRecord is one line of the send log: one message to one recipient.
// The log is what tells, after a change, who holds which version of an
// invitation, and so who needs an update, a cancellation or nothing.
type SendRecord struct {
	ID        int64
	UID       string // the meeting's iCalendar UID, or the digest's key
	MeetingID int64  // 0 for digests, or once the meeting was deleted
	Kind      SendKind
	Email     string
	Name      string
	PersonID  int64 // 0 when the recipient is not (or no longer) a person in the data
	Sequence  int   // the SEQUENCE the message carried
	// ContentHash identifies what the message said beyond the calendar
	// data (the public agenda, the digest's deadlines), so that a changed
	// agenda or digest can be told from one already sent.
	ContentHash string
	Channel     SendChannel
	MessageID   string
	At          time.Time
	Result      SendResult
	Error       string // the user-facing reason of a failure; never a password
}
