package delivery

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
)

// parsedMail is a message as an independent reader sees it: Go's
// net/mail and mime/multipart, not the go-message that wrote it.
type parsedMail struct {
	Header    mail.Header
	Subject   string // decoded
	Structure string // "multipart/mixed[multipart/alternative[text/plain,…],application/pdf]"
	Parts     []mailPart
}

// mailPart is one leaf part, decoded.
type mailPart struct {
	ContentType string
	Params      map[string]string
	Header      map[string][]string
	Filename    string
	Body        []byte
}

// part returns the first leaf part of media type ct, or nil.
func (m *parsedMail) part(ct string) *mailPart {
	for i := range m.Parts {
		if m.Parts[i].ContentType == ct {
			return &m.Parts[i]
		}
	}
	return nil
}

// text returns every text a reader sees: subject, text, HTML and the
// calendar, to search for what must not be there.
func (m *parsedMail) text() string {
	var b strings.Builder
	b.WriteString(m.Subject)
	for _, p := range m.Parts {
		if strings.HasPrefix(p.ContentType, "text/") || p.ContentType == "application/ics" {
			b.Write(p.Body)
		}
	}
	return b.String()
}

func parseMail(t testing.TB, data []byte) *parsedMail {
	t.Helper()
	if bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("the message has a bare LF line end")
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a message: %v", err)
	}
	out := &parsedMail{Header: msg.Header}
	dec := new(mime.WordDecoder)
	if out.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("subject: %v", err)
	}
	out.Structure = walkPart(t, out, msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"),
		msg.Header.Get("Content-Disposition"), msg.Header, msg.Body)
	return out
}

func walkPart(t testing.TB, out *parsedMail, ctype, cte, disp string, h map[string][]string, body io.Reader) string {
	t.Helper()
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		t.Fatalf("Content-Type %q: %v", ctype, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		var kids []string
		for {
			p, err := r.NextRawPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", mt, err)
			}
			kids = append(kids, walkPart(t, out, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"),
				p.Header.Get("Content-Disposition"), p.Header, p))
		}
		return mt + "[" + strings.Join(kids, ",") + "]"
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	var dataOut []byte
	switch strings.ToLower(cte) {
	case "base64":
		dataOut, err = io.ReadAll(base64.NewDecoder(base64.StdEncoding, bytes.NewReader(raw)))
	case "quoted-printable":
		dataOut, err = io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw)))
	default:
		dataOut = raw
	}
	if err != nil {
		t.Fatalf("%s (%s): %v", mt, cte, err)
	}
	p := mailPart{ContentType: mt, Params: params, Header: h, Body: dataOut}
	if disp != "" {
		_, dp, err := mime.ParseMediaType(disp)
		if err != nil {
			t.Fatalf("Content-Disposition %q: %v", disp, err)
		}
		p.Filename = dp["filename"]
	}
	out.Parts = append(out.Parts, p)
	return mt
}
