package ui

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/overlegplanner/overlegplanner/documents/agendacsv"
)

// FuzzAgendaCSVText feeds agendaCSVText, which decides what of a chosen
// file reaches agendacsv.Parse, with any bytes: it never panics, what it
// accepts holds no NUL byte (no binary file reaches the parser), and a
// UTF-8 text that is no workbook passes unchanged.
func FuzzAgendaCSVText(f *testing.F) {
	f.Add([]byte(agendaCSVHeader + "Opening;opening;;;nee;\r\n"))
	f.Add([]byte("\xff\xfet\x00i\x00t\x00e\x00l\x00\r\x00\n\x00A\x00\r\x00\n\x00"))
	f.Add([]byte("\xfe\xff\x00t\x00i\x00t\x00e\x00l"))
	f.Add([]byte("\xff\xfe\x00\x00"))
	f.Add([]byte("PK\x03\x04\x14\x00"))
	f.Add([]byte{0xd0, 0xcf, 0x11, 0xe0})
	f.Add([]byte("%PDF-1.7\n\x00"))
	f.Add([]byte("titel\nZorgco\xf6rdinatie\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		out, msg := agendaCSVText(data)
		if !msg.IsZero() {
			return
		}
		if bytes.IndexByte(out, 0) >= 0 {
			t.Fatalf("accepted a text with a NUL byte: %q", out)
		}
		workbook := bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte{0xd0, 0xcf, 0x11, 0xe0})
		if utf8.Valid(data) && !workbook && !bytes.Equal(out, data) {
			t.Fatalf("UTF-8 text changed: %q → %q", data, out)
		}
		_, _ = agendacsv.Parse(bytes.NewReader(out), nil)
	})
}
