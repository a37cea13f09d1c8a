package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/delivery"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// What the send dialog (invitations) and the digest dialog (deadline
// reminders) share: how the user's choice of channel becomes a transport,
// the background run with its progress bar, and the result per person.

// errSendNoFolder is the cause when .eml is chosen without a folder.
var errSendNoFolder = errors.New("ui: geen map voor .eml-bestanden")

// pickEMLFolder lets the user choose the folder for .eml files into entry.
func pickEMLFolder(w fyne.Window, entry *widget.Entry) {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		entry.SetText(u.Path())
	}, w)
}

// mailTransport is the transport a dialog's channel choice names: a
// folder of .eml files, or the mail server of the settings with the
// password from the keyring (or OVERLEGPLANNER_SMTP_PASSWORD).
func mailTransport(st *State, channel, emlDir string) (delivery.Transport, error) {
	if channel == i18n.T("ui.send.channel.eml") {
		dir := strings.TrimSpace(emlDir)
		if dir == "" {
			return nil, i18n.Errorf(errSendNoFolder, "ui.send.err.nofolder")
		}
		return &delivery.EMLDir{Dir: dir}, nil
	}
	ds, _ := st.Data()
	s := ds.Settings.SMTP
	if strings.TrimSpace(s.Host) == "" {
		return nil, i18n.Errorf(delivery.ErrSettings, "ui.send.err.nosmtp")
	}
	if err := delivery.ValidateSMTP(s); err != nil {
		return nil, err
	}
	pw, err := sendPasswords().Lookup(delivery.SMTPAccount(s))
	if err != nil {
		return nil, err
	}
	return delivery.NewSMTP(delivery.SMTPConfig{Settings: s, Password: pw}), nil
}

// startSend delivers b through tr in the background, recording every
// message in the store's send log as it goes (so an interrupted run
// leaves an exact log), moves progress along, and calls done on the UI
// goroutine with the report.
func startSend(st *State, b delivery.Batch, tr delivery.Transport, progress *widget.ProgressBar, done func(delivery.Report, error)) {
	progress.SetValue(0)
	progress.Show()
	go func() {
		rep, err := delivery.Send(context.Background(), b, tr, delivery.SendOptions{Recorder: st.Store, Now: st.Now,
			Progress: func(n, total int) {
				fyne.Do(func() { progress.SetValue(float64(n) / float64(total)) })
			}})
		tr.Close()
		fyne.Do(func() { done(rep, err) })
	}()
}

// outcomeTexts renders a send report as the result line of each
// recipient, keyed by the lower-cased address (how the dialogs' rows find
// theirs).
func outcomeTexts(rep delivery.Report) map[string]string {
	out := map[string]string{}
	for _, o := range rep.Outcomes {
		var text string
		switch {
		case o.Result.Delivered():
			text = i18n.T("ui.send.out." + string(o.Result))
		case o.Result == "":
			text = i18n.T("ui.send.out.skipped")
		default:
			text = i18n.T("ui.send.out.failed", i18n.UserMessage(o.Err))
		}
		for _, a := range o.To {
			out[strings.ToLower(a.Email)] = text
		}
	}
	return out
}

// mailRun is what the send dialog and the digest dialog share while they
// send: the channel controls, the busy flag, the result per person and the
// run itself. Each dialog embeds it and adds its own plan and choices.
type mailRun struct {
	sh *Shell
	// results are the outcomes of the last send in the dialog, by
	// lower-cased address, shown in the rows' last column.
	results map[string]string
	busy    bool

	// transport returns how the messages leave; the dialog's channel
	// choice (mail server or folder) unless a test sets it.
	transport func() (delivery.Transport, error)
	// sent is called when a send has finished and the dialog shows its
	// result (tests wait for it).
	sent func(delivery.Report, error)

	status   *widget.Label
	channel  *widget.RadioGroup
	emlDir   *widget.Entry
	emlPick  *widget.Button
	progress *widget.ProgressBar
	sendBtn  *widget.Button
}

// setControls enables what a mail dialog allows now: the .eml folder only
// when .eml is the channel, no choice (the channel and the dialog's own
// choices) while a send runs, and the send button, which counts the
// pending messages, only when something waits.
func (m *mailRun) setControls(pending int, choices ...fyne.Disableable) {
	if m.sendBtn == nil {
		return // the dialog is still being built
	}
	enable := meetingSetEnabled
	eml := m.channel.Selected == i18n.T("ui.send.channel.eml")
	enable(m.emlDir, eml && !m.busy)
	enable(m.emlPick, eml && !m.busy)
	for _, w := range append(choices, m.channel) {
		enable(w, !m.busy)
	}
	m.sendBtn.SetText(i18n.T("ui.send.send.n", pending))
	enable(m.sendBtn, pending > 0 && !m.busy)
}

// start sends b in the background, unless a send runs or nothing is
// pending: refresh redraws the dialog's controls once it is busy, and show
// gives the dialog the report when the run has ended.
func (m *mailRun) start(b delivery.Batch, pending int, refresh func(), show func(delivery.Report, error)) {
	if m.busy || pending == 0 {
		return
	}
	tr, err := m.transport()
	if err != nil {
		m.status.SetText(i18n.UserMessage(err))
		return
	}
	m.busy = true
	m.results = map[string]string{}
	m.status.SetText(i18n.T("ui.send.busy"))
	refresh()
	startSend(m.sh.State, b, tr, m.progress, func(rep delivery.Report, err error) {
		m.busy = false
		m.progress.Hide()
		m.results = outcomeTexts(rep)
		show(rep, err)
		if m.sent != nil {
			m.sent(rep, err)
		}
	})
}
