package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/delivery"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// showSendDialog opens the "Versturen" dialog of a meeting: the preview
// of who gets what and why (delivery.PlanMeeting against the send log),
// the choice between one message per person or one together and between
// the mail server and a folder of .eml files, the progress while sending,
// the result per person, and the send log, which says who has which
// version. The meeting screens call it from their "Versturen" button.
func showSendDialog(sh *Shell, meetingID int64) {
	d, err := newSendDialog(sh, meetingID)
	if err != nil {
		ShowError(sh.Window, err)
		return
	}
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("ui.send.title"), d.content(), sh.Window)
	d.dlg.Resize(fyne.NewSize(940, 660))
	d.dlg.Show()
}

// sendDialog is one open "Versturen" dialog.
type sendDialog struct {
	mailRun
	meeting domain.Meeting
	plan    *delivery.Plan
	log     []domain.SendRecord

	heading, summary *widget.Label
	mode             *widget.RadioGroup
	resend           *widget.Check
	rows, logRows    *fyne.Container
	closeBtn         *widget.Button
	dlg              dialog.Dialog
}

// newSendDialog reads the meeting and builds the dialog's widgets
// around its first plan.
func newSendDialog(sh *Shell, meetingID int64) (*sendDialog, error) {
	m, err := sh.State.Store.Meeting(context.Background(), meetingID)
	if err != nil {
		return nil, err
	}
	d := &sendDialog{mailRun: mailRun{sh: sh, results: map[string]string{}}, meeting: m}
	d.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.heading.Wrapping = fyne.TextWrapWord
	d.summary = widget.NewLabel("")
	d.summary.Wrapping = fyne.TextWrapWord
	d.status = widget.NewLabel("")
	d.status.Wrapping = fyne.TextWrapWord
	d.mode = widget.NewRadioGroup([]string{i18n.T("ui.send.mode.each"), i18n.T("ui.send.mode.together")}, func(string) { d.replan() })
	d.mode.Horizontal = true
	d.mode.Required = true
	d.mode.SetSelected(i18n.T("ui.send.mode.each"))
	d.resend = widget.NewCheck(i18n.T("ui.send.resend"), func(bool) { d.replan() })
	smtpLabel := i18n.T("ui.send.channel.smtp.none")
	if ds, _ := sh.State.Data(); strings.TrimSpace(ds.Settings.SMTP.Host) != "" {
		smtpLabel = i18n.T("ui.send.channel.smtp", delivery.SMTPAccount(ds.Settings.SMTP).Server)
	}
	d.emlDir = widget.NewEntry()
	d.emlDir.SetPlaceHolder(i18n.T("ui.send.eml.placeholder"))
	d.emlPick = widget.NewButton(i18n.T("ui.send.eml.pick"), func() { pickEMLFolder(d.sh.Window, d.emlDir) })
	d.channel = widget.NewRadioGroup([]string{smtpLabel, i18n.T("ui.send.channel.eml")}, func(string) { d.refreshControls() })
	d.channel.Required = true
	if ds, _ := sh.State.Data(); strings.TrimSpace(ds.Settings.SMTP.Host) != "" {
		d.channel.SetSelected(smtpLabel)
	} else {
		// Without a mail server the folder is the only way out.
		d.channel.SetSelected(i18n.T("ui.send.channel.eml"))
	}
	d.transport = func() (delivery.Transport, error) {
		return mailTransport(d.sh.State, d.channel.Selected, d.emlDir.Text)
	}
	d.rows = container.NewVBox()
	d.logRows = container.NewVBox()
	d.progress = widget.NewProgressBar()
	d.progress.Hide()
	d.sendBtn = widget.NewButton(i18n.T("ui.send.send"), d.send)
	d.sendBtn.Importance = widget.HighImportance
	d.closeBtn = widget.NewButton(i18n.T("ui.send.close"), func() {
		if d.dlg != nil {
			d.dlg.Hide()
		}
	})
	d.replan()
	return d, nil
}

// content lays the dialog out: choices on top, the table of people in
// the middle, the send log below it, progress and buttons at the bottom.
func (d *sendDialog) content() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("ui.send.mode"), d.mode),
		widget.NewFormItem(i18n.T("ui.send.channel"), d.channel),
		widget.NewFormItem(i18n.T("ui.send.eml.folder"), container.NewBorder(nil, nil, nil, d.emlPick, d.emlDir)),
		widget.NewFormItem("", d.resend),
	)
	table := container.NewVScroll(container.NewVBox(sendDialogRow(true,
		i18n.T("ui.send.col.name"), i18n.T("ui.send.col.email"), i18n.T("ui.send.col.what"),
		i18n.T("ui.send.col.why"), i18n.T("ui.send.col.result")), d.rows))
	table.SetMinSize(fyne.NewSize(880, 220))
	logScroll := container.NewVScroll(d.logRows)
	logScroll.SetMinSize(fyne.NewSize(880, 120))
	top := container.NewVBox(d.heading, form, d.summary)
	middle := container.NewVSplit(table,
		container.NewBorder(widget.NewLabelWithStyle(i18n.T("ui.send.log"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, logScroll))
	middle.SetOffset(0.62)
	bottom := container.NewVBox(d.progress, d.status,
		container.NewHBox(layout.NewSpacer(), d.closeBtn, d.sendBtn))
	return container.NewBorder(top, bottom, nil, nil, middle)
}

// sendDialogRow is one line of the table: five columns whose widths
// follow sendColumnWeights, long texts cut off with an ellipsis.
func sendDialogRow(header bool, cells ...string) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(cells))
	for i, c := range cells {
		l := widget.NewLabel(c)
		l.Truncation = fyne.TextTruncateEllipsis
		l.TextStyle.Bold = header
		objs[i] = l
	}
	return container.New(sendColumns{}, objs...)
}

// sendColumnWeights share a row's width: name, address, what, why,
// result. The reason ("heeft versie 1, nu versie 2") and the result
// (a server's refusal) need the most room.
var sendColumnWeights = []float32{1.6, 2.1, 1.3, 2.6, 2.4}

// sendColumns lays a row's cells out side by side by sendColumnWeights,
// so that the rows of the table line up like a grid with unequal
// columns.
type sendColumns struct{}

func (sendColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(len(objs))*60, h)
}

func (sendColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for i := range objs {
		total += sendColumnWeights[i%len(sendColumnWeights)]
	}
	var x float32
	for i, o := range objs {
		w := size.Width * sendColumnWeights[i%len(sendColumnWeights)] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// replan reads the send log and works out the plan again for the
// current choices; the table, summary, log and button follow.
func (d *sendDialog) replan() {
	if d.rows == nil || d.busy {
		return // still building, or a send is running
	}
	ctx := context.Background()
	log, err := d.sh.State.Store.SendLog(ctx, store.SendLogFilter{UID: d.meeting.UID})
	if err != nil {
		d.status.SetText(i18n.UserMessage(err))
		return
	}
	mode := delivery.PerRecipient
	if d.mode.Selected == i18n.T("ui.send.mode.together") {
		mode = delivery.Together
	}
	p, err := delivery.PlanMeeting(delivery.PlanInput{Planner: d.sh.State.Planner(), Meeting: d.meeting, Log: log,
		Mode: mode, Resend: d.resend.Checked, Now: d.sh.State.Now()})
	if err != nil {
		d.status.SetText(i18n.UserMessage(err))
		d.plan, d.log = nil, log
		d.refreshControls()
		return
	}
	d.plan, d.log = p, log
	d.heading.SetText(i18n.T("ui.send.heading", p.Title, p.Sequence))
	var objs []fyne.CanvasObject
	for _, r := range p.Recipients {
		objs = append(objs, sendDialogRow(false, r.Name, sendOrDash(r.Email), sendWhat(r), r.Reason.String(),
			d.results[strings.ToLower(r.Email)]))
	}
	d.rows.Objects = objs
	d.rows.Refresh()
	d.summary.SetText(sendSummary(p))
	d.fillLog()
	d.refreshControls()
}

// sendWhat is what a person gets, with the version step of an update.
func sendWhat(r delivery.Recipient) string {
	s := r.Action.Label()
	if r.Action == delivery.ActionUpdate {
		s += fmt.Sprintf(" %d→%d", r.Held, r.Sequence)
	}
	return s
}

// sendSummary counts the messages by kind: "3 berichten: 2×
// wijziging, 1× afmelding", or says there is nothing to send.
func sendSummary(p *delivery.Plan) string {
	var parts []string
	for _, a := range []delivery.Action{delivery.ActionInvite, delivery.ActionUpdate, delivery.ActionAgenda, delivery.ActionCancel, delivery.ActionWithdraw} {
		if n := p.Count(a); n > 0 {
			parts = append(parts, fmt.Sprintf("%d× %s", n, a.Label()))
		}
	}
	if len(parts) == 0 {
		return i18n.T("ui.send.nothing")
	}
	return i18n.T("ui.send.summary", len(p.Pending()), strings.Join(parts, ", "))
}

// fillLog shows the send log of the meeting, newest first: who received
// which version when, and what failed.
func (d *sendDialog) fillLog() {
	var objs []fyne.CanvasObject
	for i := len(d.log) - 1; i >= 0; i-- {
		r := d.log[i]
		who := r.Name
		if who == "" {
			who = r.Email
		}
		what := i18n.T("ui.send.kind."+string(r.Kind), r.Sequence)
		result := i18n.T("ui.send.result."+string(r.Result), i18n.T("ui.send.via."+string(r.Channel)))
		if r.Result == domain.ResultFailed && r.Error != "" {
			result += ": " + r.Error
		}
		at := r.At.In(domain.Amsterdam())
		objs = append(objs, sendDialogRow(false, at.Format("02-01-2006 15:04"), who, r.Email, what, result))
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(i18n.T("ui.send.log.empty")))
	}
	d.logRows.Objects = objs
	d.logRows.Refresh()
}

// refreshControls enables what can be used now.
func (d *sendDialog) refreshControls() {
	d.setControls(d.pending(), d.mode, d.resend)
}

// pending counts the messages the plan still has to send.
func (d *sendDialog) pending() int {
	if d.plan == nil {
		return 0
	}
	return len(d.plan.Pending())
}

// send delivers the plan in the background, recording every message in
// the send log, and shows the progress and then the result per person.
func (d *sendDialog) send() {
	if d.plan != nil {
		d.start(d.plan, d.pending(), d.refreshControls, d.finish)
	}
}

// finish shows what a send did.
func (d *sendDialog) finish(rep delivery.Report, err error) {
	if err != nil {
		d.status.SetText(i18n.UserMessage(err))
	} else {
		d.status.SetText(i18n.T("ui.send.done", rep.Delivered))
	}
	d.replan()
}

// sendOrDash shows "–" for an empty value.
func sendOrDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
