package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/delivery"
	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// showDigestDialog opens the "Deadlineoverzichten versturen" dialog: for
// the coming working days (and optionally one gemeente) it previews per
// ambtenaar which deadlines are due, sends the digests through the mail
// server or writes them as .eml files, and shows the result per person.
// Each person gets one digest a day at most: delivery.PlanDigests leaves
// out whoever already received today's digest (the send log), so opening
// the dialog twice sends nothing twice. The screens call it from their
// "Deadlineoverzichten" button.
func showDigestDialog(sh *Shell) {
	d, err := newDigestDialog(sh)
	if err != nil {
		ShowError(sh.Window, err)
		return
	}
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("ui.publish.digest.title"), d.content(), sh.Window)
	d.dlg.Resize(fyne.NewSize(980, 680))
	d.dlg.Show()
}

// digestMaxDays is the longest look-ahead the dialog accepts, as the
// CLI: three months of working days is a planning, not a reminder.
const digestMaxDays = 60

// digestDialog is one open digest dialog.
type digestDialog struct {
	mailRun
	// meetings are the upcoming meetings with their agenda, read once:
	// a digest names the stellers of items, which only the agenda knows.
	meetings []domain.Meeting
	// gemeenten maps the choices of the gemeente filter to their id.
	gemeenten map[string]int64
	plan      *delivery.DigestPlan
	// daysWrong says the status shows a complaint about the days typed,
	// to be cleared once they are right.
	daysWrong bool

	heading, summary *widget.Label
	days             *widget.Entry
	gemeente         *widget.Select
	rows             *fyne.Container
	closeBtn         *widget.Button
	dlg              dialog.Dialog
}

// errDigestDays is the cause of a look-ahead that is not a number of
// working days the dialog accepts.
var errDigestDays = errors.New("ui: onbruikbaar aantal werkdagen")

// newDigestDialog reads the upcoming meetings and builds the dialog
// around today's plan for every gemeente.
func newDigestDialog(sh *Shell) (*digestDialog, error) {
	ctx := context.Background()
	ds, ix := sh.State.Data()
	today := sh.State.Today()
	d := &digestDialog{mailRun: mailRun{sh: sh, results: map[string]string{}}, gemeenten: map[string]int64{}}
	for _, m := range ds.Meetings {
		if m.IsCancelled() || m.Date().Before(today) {
			continue
		}
		full, err := sh.State.Store.Meeting(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		d.meetings = append(d.meetings, full)
	}
	all := i18n.T("ui.publish.digest.allgemeenten")
	options := []string{all}
	for _, sc := range delivery.DefaultScopes(ds) {
		if g := ix.Municipalities[sc.ID]; g != nil && sc.Kind == ical.ScopeMunicipality {
			options = append(options, g.Name)
			d.gemeenten[g.Name] = g.ID
		}
	}
	d.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.heading.Wrapping = fyne.TextWrapWord
	d.summary = widget.NewLabel("")
	d.summary.Wrapping = fyne.TextWrapWord
	d.status = widget.NewLabel("")
	d.status.Wrapping = fyne.TextWrapWord
	d.days = widget.NewEntry()
	d.days.SetText(strconv.Itoa(delivery.DefaultDigestDays))
	d.days.OnChanged = func(string) { d.replan() }
	d.gemeente = widget.NewSelect(options, func(string) { d.replan() })
	d.gemeente.SetSelected(all)
	smtpLabel := i18n.T("ui.send.channel.smtp.none")
	hasSMTP := strings.TrimSpace(ds.Settings.SMTP.Host) != ""
	if hasSMTP {
		smtpLabel = i18n.T("ui.send.channel.smtp", delivery.SMTPAccount(ds.Settings.SMTP).Server)
	}
	d.emlDir = widget.NewEntry()
	d.emlDir.SetPlaceHolder(i18n.T("ui.send.eml.placeholder"))
	d.emlPick = widget.NewButton(i18n.T("ui.send.eml.pick"), func() { pickEMLFolder(d.sh.Window, d.emlDir) })
	d.channel = widget.NewRadioGroup([]string{smtpLabel, i18n.T("ui.send.channel.eml")}, func(string) { d.refreshControls() })
	d.channel.Required = true
	if hasSMTP {
		d.channel.SetSelected(smtpLabel)
	} else {
		// Without a mail server the folder is the only way out.
		d.channel.SetSelected(i18n.T("ui.send.channel.eml"))
	}
	d.transport = func() (delivery.Transport, error) {
		return mailTransport(d.sh.State, d.channel.Selected, d.emlDir.Text)
	}
	d.rows = container.NewVBox()
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

// content lays the dialog out: the choices on top, the digests per
// person in the middle, progress and buttons at the bottom.
func (d *digestDialog) content() fyne.CanvasObject {
	daysRow := container.NewHBox(container.NewGridWrap(fyne.NewSize(80, d.days.MinSize().Height), d.days),
		widget.NewLabel(i18n.T("ui.publish.digest.days.unit")))
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("ui.publish.digest.days"), daysRow),
		widget.NewFormItem(i18n.T("ui.publish.digest.gemeente"), d.gemeente),
		widget.NewFormItem(i18n.T("ui.send.channel"), d.channel),
		widget.NewFormItem(i18n.T("ui.send.eml.folder"), container.NewBorder(nil, nil, nil, d.emlPick, d.emlDir)),
	)
	table := container.NewVScroll(container.NewVBox(publishGridRow(digestWeights, true,
		i18n.T("ui.send.col.name"), i18n.T("ui.send.col.email"), i18n.T("ui.publish.digest.col.gemeente"),
		i18n.T("ui.publish.digest.col.what"), i18n.T("ui.send.col.result")), d.rows))
	table.SetMinSize(fyne.NewSize(900, 300))
	top := container.NewVBox(d.heading, form, d.summary)
	bottom := container.NewVBox(d.progress, d.status,
		container.NewHBox(layout.NewSpacer(), d.closeBtn, d.sendBtn))
	return container.NewBorder(top, bottom, nil, nil, table)
}

// digestWeights share a row of the table: name, address, gemeente,
// what, result.
var digestWeights = []float32{1.7, 2.2, 1.2, 1.9, 2.1}

// daysValue is the typed look-ahead, or a Dutch error.
func (d *digestDialog) daysValue() (int, error) {
	s := strings.TrimSpace(d.days.Text)
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > digestMaxDays {
		return 0, i18n.Errorf(errDigestDays, "ui.publish.digest.err.days", s, digestMaxDays)
	}
	return n, nil
}

// replan reads today's digest log and works out the digests again for
// the current choices; the table, summary and button follow.
func (d *digestDialog) replan() {
	if d.rows == nil || d.busy {
		return // still building, or a send is on its way
	}
	d.plan = nil
	days, err := d.daysValue()
	if err != nil {
		d.daysWrong = true
		d.status.SetText(i18n.UserMessage(err))
		d.rows.Objects = nil
		d.rows.Refresh()
		d.summary.SetText("")
		d.refreshControls()
		return
	}
	var only []int64
	if id, ok := d.gemeenten[d.gemeente.Selected]; ok {
		only = []int64{id}
	}
	st := d.sh.State
	today := st.Today()
	log, err := st.Store.SendLog(context.Background(), store.SendLogFilter{Kind: domain.SendDigest, Since: today.In(domain.Amsterdam())})
	if err == nil {
		d.plan, err = delivery.PlanDigests(delivery.DigestInput{Planner: st.Planner(), Meetings: d.meetings, Today: today,
			Days: days, Municipalities: only, Log: log, Now: st.Now()})
	}
	if err != nil {
		d.status.SetText(i18n.UserMessage(err))
		d.refreshControls()
		return
	}
	if d.daysWrong {
		d.daysWrong = false
		d.status.SetText("") // the complaint about the days no longer holds
	}
	p := d.plan
	d.heading.SetText(i18n.T("ui.publish.digest.heading", i18n.ShortDate(p.Today), i18n.ShortDate(p.Until), p.Days))
	var objs []fyne.CanvasObject
	for _, dg := range p.Digests {
		row := publishGridRow(digestWeights, false, dg.Name, dg.Email, dg.Municipality, dg.Reason.String(),
			d.results[strings.ToLower(dg.Email)])
		// The name in bold heads the person's deadlines below it.
		row.Objects[0].(*widget.Label).TextStyle.Bold = true
		objs = append(objs, row)
		for _, e := range dg.Entries {
			objs = append(objs, digestEntryLine(e))
		}
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(i18n.T("ui.publish.digest.empty")))
	}
	d.rows.Objects = objs
	d.rows.Refresh()
	d.summary.SetText(digestSummary(p))
	d.refreshControls()
}

// digestEntryLine is one deadline under its ambtenaar: when it is due,
// what, for which meeting, and a warning when it is tight or cannot be
// met.
func digestEntryLine(e delivery.DigestEntry) fyne.CanvasObject {
	dl := e.Deadline
	what := dl.Name
	if e.Municipality != "" {
		what = e.Municipality + ": " + what
	}
	text := i18n.T("ui.publish.digest.entry", i18n.ShortDate(dl.Due), what, e.Body,
		i18n.ShortDate(e.Meeting.Date()), i18n.Clock(e.Meeting.Start.In(domain.Amsterdam())))
	if dl.Status == domain.DeadlineKrap || dl.Status == domain.DeadlineOnhaalbaar {
		text += " — " + i18n.T("ui.publish.digest.status."+string(dl.Status))
	}
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	if dl.Status == domain.DeadlineOnhaalbaar {
		l.Importance = widget.DangerImportance
	} else if dl.Status == domain.DeadlineKrap {
		l.Importance = widget.WarningImportance
	}
	// Indented under the person's row, so that the table reads as a
	// list of people with what each has to do.
	return container.New(layout.NewCustomPaddedLayout(0, 0, 32, 0), l)
}

// digestSummary says how many digests go out and how many were already
// sent today.
func digestSummary(p *delivery.DigestPlan) string {
	pending := len(p.Pending())
	sent := len(p.Digests) - pending
	switch {
	case len(p.Digests) == 0:
		return ""
	case pending == 0:
		return i18n.T("ui.publish.digest.allsent")
	case sent == 0:
		return i18n.T("ui.publish.digest.summary", digestCount(pending))
	default:
		return i18n.T("ui.publish.digest.summary.some", digestCount(pending), sent)
	}
}

// digestCount counts digests: "1 overzicht", "3 overzichten".
func digestCount(n int) string {
	return i18n.N("ui.publish.digest.count", n)
}

// refreshControls enables what can be used now.
func (d *digestDialog) refreshControls() {
	d.setControls(d.pending(), d.days, d.gemeente)
}

// pending counts the digests the plan still has to send.
func (d *digestDialog) pending() int {
	if d.plan == nil {
		return 0
	}
	return len(d.plan.Pending())
}

// send delivers the pending digests in the background, recording each
// in the send log, and shows the progress and then the result per
// person.
func (d *digestDialog) send() {
	if d.plan != nil {
		d.start(d.plan, d.pending(), d.refreshControls, d.finish)
	}
}

// finish shows what a send did: the result in each person's row and a
// closing line, then the plan again (now without those who got theirs).
func (d *digestDialog) finish(rep delivery.Report, err error) {
	d.replan()
	if err != nil {
		d.status.SetText(i18n.UserMessage(err))
	} else {
		d.status.SetText(i18n.T("ui.publish.digest.done", digestCount(rep.Delivered)))
	}
}
