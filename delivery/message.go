package delivery

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"

	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
)

// Address is a mailbox: a display name and an address.
type Address struct {
	Name  string
	Email string
}

// String returns the address as a header shows it.
func (a Address) String() string {
	return (&mail.Address{Name: headerText(a.Name), Address: a.Email}).String()
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string // the file name the recipient sees
	ContentType string // "application/pdf"
	Data        []byte
}

// Message is one e-mail, ready to be written as RFC 5322 text (Bytes) and
// delivered to its To addresses.
type Message struct {
	From    Address
	ReplyTo []Address // where a reply by mail goes; empty means From
	To      []Address // the recipients, in the header and the envelope
	Subject string
	Date    time.Time
	// MessageID is the Message-ID without angle brackets; "" means a new
	// random one when the message is written.
	MessageID string
	// Text and HTML are the body in two forms; the reader's program
	// shows one.
	Text, HTML string
	// Calendar is the iCalendar object of an invitation or cancellation
	// (nil for a digest), sent with Method as an iMIP part.
	Calendar []byte
	Method   ical.Method
	// Attachments follow the body (the agenda PDF).
	Attachments []Attachment
	// Unsent marks a draft for the user's own mail program (X-Unsent: 1,
	// which Outlook opens as a new message ready to send).
	Unsent bool
	// Records are the send-log rows this message makes, one per
	// recipient, without ID, time, channel and result; Send fills those
	// in after delivery.
	Records []domain.SendRecord
}

// Envelope returns the SMTP envelope: the sender and every recipient.
func (m *Message) Envelope() (from string, to []string) {
	for _, a := range m.To {
		to = append(to, a.Email)
	}
	return m.From.Email, to
}

// Bytes writes the message as RFC 5322 text with CRLF line ends:
//
//	multipart/mixed
//	├─ multipart/alternative
//	│  ├─ text/plain; charset=utf-8          (quoted-printable)
//	│  ├─ text/html; charset=utf-8           (quoted-printable)
//	│  └─ text/calendar; method=REQUEST      (base64; only with Calendar)
//	├─ application/ics; name=invite.ics      (the same calendar, as a file)
//	└─ application/pdf; name=… Agenda ….pdf  (each Attachment)
//
// This is the structure Google Calendar sends and Outlook, Apple Mail and
// Thunderbird all read as a meeting request: the text/calendar part in
// the alternative is what a calendar-aware client acts on (its method
// parameter must match the METHOD inside, RFC 6047 §2.4), the .ics file
// is for clients that only show attachments. The calendar is base64 so
// that its folded lines and CRLFs arrive byte for byte.
//
// The multipart boundaries are derived from the Message-ID, so the same
// message gives the same bytes (the golden files depend on it).
func (m *Message) Bytes() ([]byte, error) {
	if m.MessageID == "" {
		m.MessageID = newMessageID(m.From.Email)
	}
	if m.Date.IsZero() {
		m.Date = time.Now()
	}
	var h mail.Header
	h.SetDate(m.Date)
	h.SetAddressList("From", []*mail.Address{mailAddress(m.From)})
	h.SetAddressList("To", mailAddresses(m.To))
	if len(m.ReplyTo) > 0 {
		h.SetAddressList("Reply-To", mailAddresses(m.ReplyTo))
	}
	h.SetSubject(headerText(m.Subject))
	h.SetMessageID(m.MessageID)
	h.Set("MIME-Version", "1.0")
	h.Set("Auto-Submitted", "auto-generated") // RFC 3834: no vacation replies to an invitation
	if m.Unsent {
		h.Set("X-Unsent", "1")
	}
	if m.Calendar != nil {
		// Outlook files a message with this class as a meeting request
		// even when a gateway rewrote the parts.
		h.Set("Content-Class", "urn:content-classes:calendarmessage")
	}
	b := newBoundaries(m.MessageID)
	h.SetContentType("multipart/mixed", map[string]string{"boundary": b.next()})

	var buf bytes.Buffer
	buf.Grow(2048 + len(m.Text) + 2*len(m.HTML) + 2*len(m.Calendar) + attachmentsSize(m.Attachments))
	w, err := message.CreateWriter(&buf, h.Header)
	if err != nil {
		return nil, fmt.Errorf("bericht %s: %w", m.MessageID, err)
	}
	if err := m.writeBody(w, b); err != nil {
		return nil, fmt.Errorf("bericht %s: %w", m.MessageID, err)
	}
	if m.Calendar != nil {
		name := "invite.ics"
		if m.Method == ical.MethodCancel {
			name = "cancel.ics"
		}
		if err := writePart(w, attachmentHeader("application/ics", name), m.Calendar); err != nil {
			return nil, fmt.Errorf("bericht %s: %w", m.MessageID, err)
		}
	}
	for _, a := range m.Attachments {
		if err := writePart(w, attachmentHeader(a.ContentType, a.Name), a.Data); err != nil {
			return nil, fmt.Errorf("bericht %s, bijlage %s: %w", m.MessageID, a.Name, err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("bericht %s: %w", m.MessageID, err)
	}
	return buf.Bytes(), nil
}

// writeBody writes the multipart/alternative with the text, the HTML and
// the calendar part.
func (m *Message) writeBody(w *message.Writer, b *boundaries) error {
	var ah message.Header
	ah.SetContentType("multipart/alternative", map[string]string{"boundary": b.next()})
	aw, err := w.CreatePart(ah)
	if err != nil {
		return err
	}
	if err := writePart(aw, textHeader("text/plain; charset=utf-8"), []byte(crlf(m.Text))); err != nil {
		return err
	}
	if err := writePart(aw, textHeader("text/html; charset=utf-8"), []byte(crlf(m.HTML))); err != nil {
		return err
	}
	if m.Calendar != nil {
		var ch message.Header
		ch.Set("Content-Type", ical.ContentType(m.Method))
		ch.Set("Content-Transfer-Encoding", "base64")
		if err := writePart(aw, ch, m.Calendar); err != nil {
			return err
		}
	}
	return aw.Close()
}

func textHeader(contentType string) message.Header {
	var h message.Header
	h.Set("Content-Type", contentType)
	h.Set("Content-Transfer-Encoding", "quoted-printable")
	return h
}

// attachmentHeader names a file both ways: the name parameter of the
// Content-Type (which Outlook reads) and the filename of the
// Content-Disposition (RFC 2183, which everyone else reads). A name
// outside ASCII is encoded by RFC 2231.
func attachmentHeader(contentType, name string) message.Header {
	var h mail.AttachmentHeader
	h.SetContentType(contentType, map[string]string{"name": name})
	h.SetFilename(name)
	h.Set("Content-Transfer-Encoding", "base64")
	return h.Header
}

// writePart writes one leaf part with its header.
func writePart(w *message.Writer, h message.Header, data []byte) error {
	pw, err := w.CreatePart(h)
	if err != nil {
		return err
	}
	if _, err := pw.Write(data); err != nil {
		return err
	}
	return pw.Close()
}

func attachmentsSize(as []Attachment) int {
	n := 0
	for _, a := range as {
		n += len(a.Data) * 4 / 3
	}
	return n
}

func mailAddress(a Address) *mail.Address {
	return &mail.Address{Name: headerText(a.Name), Address: a.Email}
}

func mailAddresses(as []Address) []*mail.Address {
	out := make([]*mail.Address, len(as))
	for i, a := range as {
		out[i] = mailAddress(a)
	}
	return out
}

// headerText makes s fit a header: one line, no control characters (a
// name with a line break would otherwise start a header of its own).
func headerText(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) < 0 {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == ' ' }), " ")
}

// crlf gives text CRLF line ends, as MIME text parts require.
func crlf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// newMessageID returns a random Message-ID at the sender's domain.
func newMessageID(from string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand does not fail on supported platforms
	host := "overlegplanner.invalid"
	if _, d, ok := strings.Cut(from, "@"); ok && d != "" {
		host = d
	}
	return hex.EncodeToString(b) + "@" + host
}

// boundaries hands out multipart boundaries derived from a seed.
type boundaries struct {
	seed string
	n    int
}

func newBoundaries(seed string) *boundaries { return &boundaries{seed: seed} }

// next returns a boundary that cannot occur in the parts: base64 and
// quoted-printable never produce "=_" followed by hex, and the hash makes
// it unique to the message.
func (b *boundaries) next() string {
	b.n++
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s/%d", b.seed, b.n)))
	return "=_ovp_" + hex.EncodeToString(sum[:12])
}
