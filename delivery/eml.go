package delivery

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// EMLDir is a Transport that writes each message as an .eml file into a
// folder instead of sending it: for organisations whose mail server does
// not accept messages from a program, the user opens each file in
// Outlook, which shows it as a new message ready to send (X-Unsent: 1),
// with the invitation and the agenda attached.
//
// A written file counts as delivered in the send log (ResultWritten): the
// user has taken it over.
type EMLDir struct {
	Dir string
	// Written lists the files written, in order.
	Written []string
}

var _ Transport = (*EMLDir)(nil)

// Channel reports ChannelEML.
func (t *EMLDir) Channel() domain.SendChannel { return domain.ChannelEML }

// Deliver writes m, marked as unsent, to a new file named after its
// first recipient and subject; an existing file is never overwritten.
func (t *EMLDir) Deliver(ctx context.Context, m *Message, _ []byte) error {
	if err := ctx.Err(); err != nil {
		return fatal(i18n.Errorf(err, "delivery.err.cancelled"))
	}
	if err := os.MkdirAll(t.Dir, 0o755); err != nil {
		return fatal(i18n.Errorf(err, "delivery.err.emldir", t.Dir))
	}
	m.Unsent = true
	data, err := m.Bytes()
	if err != nil {
		return err
	}
	who := ""
	if len(m.To) > 0 {
		who = m.To[0].Email
		if len(m.To) > 1 {
			who += fmt.Sprintf(" +%d", len(m.To)-1)
		}
	}
	base := strings.TrimSuffix(documents.FileName(m.Subject+" "+who, domain.DateOf(m.Date), "eml"), ".eml")
	for i := 1; ; i++ {
		name := base + ".eml"
		if i > 1 {
			name = fmt.Sprintf("%s (%d).eml", base, i)
		}
		path := filepath.Join(t.Dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return fatal(i18n.Errorf(err, "delivery.err.emlwrite", path))
		}
		_, werr := f.Write(data)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			os.Remove(path)
			return fatal(i18n.Errorf(werr, "delivery.err.emlwrite", path))
		}
		t.Written = append(t.Written, path)
		return nil
	}
}

// Close does nothing: every file is complete when Deliver returns.
func (t *EMLDir) Close() error { return nil }
