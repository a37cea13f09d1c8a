package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/documents/agendacsv"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// The agenda as CSV in the app. The agenda editor's "⋯" menu saves the
// shown meeting's agenda as a file Excel opens (agendacsv.Write), and adds
// agendapunten from such a file: first a preview of what is added and
// what is skipped because the agenda already has it (store.PlanImport,
// the rule store.ImportItems follows), or — for a wrong file — every bad
// row by line and column; then everything in one transaction, or nothing.

// exportCSV saves the agenda of the shown meeting as CSV through the save
// dialog, with "Openen" afterwards and the file under "Laatst opgeslagen".
func (a *agendaEditor) exportCSV() {
	if a.meeting.ID == 0 {
		return
	}
	exporter{a.s.sh}.save(agendaCSVExport(a.s.sh.State, a.meeting))
}

// agendaCSVExport is the agenda of meeting m as CSV. The label, which the
// progress and the save dialog show, says how many items are confidential:
// the file holds their titles and proposals (vertrouwelijk=ja), so it is a
// working file of the secretariat, not something to publish.
func agendaCSVExport(st *State, m domain.Meeting) exportJob {
	x := exportSnapshotOf(st)
	id := m.ID
	conf := 0
	for _, it := range m.Items {
		if it.Confidential {
			conf++
		}
	}
	label := i18n.T("ui.agendacsv.export.label", x.meetingLabel(id))
	if conf > 0 {
		label = i18n.T("ui.agendacsv.export.labelconf", x.meetingLabel(id), i18n.N("ui.agendacsv.confidential", conf))
	}
	return exportJob{Label: label, Ext: ".csv", Render: func(ctx context.Context, _ func(int, int)) (exportResult, error) {
		full, err := x.fullMeeting(ctx, id)
		if err != nil {
			return exportResult{}, err
		}
		var buf bytes.Buffer
		if err := agendacsv.Write(&buf, full.Items, x.ds.People); err != nil {
			return exportResult{}, i18n.Errorf(err, "ui.agendacsv.err.write")
		}
		body := ""
		if b := x.ix.Bodies[full.BodyID]; b != nil {
			body = b.Name
		}
		return exportResult{Name: documents.FileName(i18n.T("ui.agendacsv.filename", body), full.Date(), "csv"), Data: buf.Bytes()}, nil
	}}
}

// importCSV asks for a CSV file and shows what importing it would do.
func (a *agendaEditor) importCSV() {
	if a.meeting.ID == 0 {
		return
	}
	openLocalFile(a.s.sh.Window, i18n.T("ui.agendacsv.import.title"), i18n.T("ui.agendacsv.import.choose"),
		[]string{".csv", ".CSV", ".txt", ".TXT"}, func(path string) { a.importCSVFile(path) })
}

// agendaCSVPlan is a file read against the agenda it would go into.
type agendaCSVPlan struct {
	path string
	// meeting is the meeting as the store holds it now, with its items.
	meeting domain.Meeting
	// items are the file's rows in file order: what ImportItems gets.
	items []domain.AgendaItem
	// skips are the rows the agenda already has, by index in items.
	skips map[int]store.ImportSkip
	fresh int
	// problems are why the file cannot be imported; more counts those
	// beyond the listed ones.
	problems []agendacsv.Problem
	more     int
}

// ok reports whether the file can be imported.
func (p *agendaCSVPlan) ok() bool { return len(p.problems) == 0 && p.more == 0 }

// readAgendaCSV reads the file at path against the agenda of meetingID. A
// file that cannot be read, or a meeting that is gone, is an error; a file
// that reads but is wrong is a plan with problems.
func readAgendaCSV(ctx context.Context, st *State, meetingID int64, path string) (*agendaCSVPlan, error) {
	m, err := st.Store.Meeting(ctx, meetingID)
	if err != nil {
		return nil, i18n.Errorf(err, "ui.agendacsv.err.nomeeting")
	}
	data, err := readAtMost(path, agendacsv.MaxBytes+1)
	if err != nil {
		return nil, i18n.Errorf(err, "ui.agendacsv.err.open", path)
	}
	plan := &agendaCSVPlan{path: path, meeting: m, skips: map[int]store.ImportSkip{}}
	ds, _ := st.Data()
	items, err := agendacsv.Parse(bytes.NewReader(data), ds.People)
	var bad *agendacsv.Error
	switch {
	case errors.As(err, &bad):
		plan.problems, plan.more = bad.Problems, bad.More
		return plan, nil
	case err != nil:
		return nil, i18n.Errorf(err, "ui.agendacsv.err.open", path)
	}
	plan.items = items
	fresh, skipped := store.PlanImport(m.Items, items)
	plan.fresh = len(fresh)
	for _, s := range skipped {
		plan.skips[s.Index] = s
	}
	return plan, nil
}

// readAtMost reads up to n bytes of the file at path: enough for
// agendacsv to tell a file that is too large without reading all of it.
func readAtMost(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// agendaCSVDialog is the preview of an agenda import: the rows to add and
// to skip, or the problems of the file; "Importeren" stores the rows.
type agendaCSVDialog struct {
	a    *agendaEditor
	plan *agendaCSVPlan

	apply, reread, cancel *widget.Button
	// body holds the content, which "Opnieuw inlezen" replaces.
	body *fyne.Container
	dlg  *dialog.CustomDialog
}

// importCSVFile reads the file at path and shows the preview; it is what
// the open dialog does with the file chosen, and what tests call.
func (a *agendaEditor) importCSVFile(path string) *agendaCSVDialog {
	if a.meeting.ID == 0 {
		return nil
	}
	w := a.s.sh.Window
	plan, err := readAgendaCSV(context.Background(), a.s.sh.State, a.meeting.ID, path)
	if err != nil {
		ShowError(w, err)
		return nil
	}
	d := &agendaCSVDialog{a: a, plan: plan}
	d.apply = widget.NewButtonWithIcon(i18n.T("ui.agendacsv.apply"), theme.ConfirmIcon(), d.importAll)
	d.apply.Importance = widget.HighImportance
	d.reread = widget.NewButtonWithIcon(i18n.T("ui.agendacsv.reread"), theme.ViewRefreshIcon(), d.readAgain)
	d.cancel = widget.NewButton(i18n.T("ui.agendacsv.cancel"), func() { d.dlg.Hide() })
	d.body = container.NewStack(d.content())
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("ui.agendacsv.import.title"), d.body, w)
	d.dlg.SetButtons([]fyne.CanvasObject{d.cancel, d.reread, d.apply})
	d.setButtons()
	d.dlg.Resize(fyne.NewSize(1180, 660))
	d.dlg.Show()
	return d
}

// setButtons allows "Importeren" only for a file without problems that
// adds something.
func (d *agendaCSVDialog) setButtons() {
	can := d.plan.ok() && d.plan.fresh > 0
	meetingSetEnabled(d.apply, can)
	// With nothing to import the dialog only informs: its way out is
	// "Sluiten", not "Annuleren".
	if can {
		d.cancel.SetText(i18n.T("ui.agendacsv.cancel"))
	} else {
		d.cancel.SetText(i18n.T("ui.agendacsv.close"))
	}
}

// readAgain reads the file anew, after the user corrected it in Excel.
func (d *agendaCSVDialog) readAgain() {
	plan, err := readAgendaCSV(context.Background(), d.a.s.sh.State, d.plan.meeting.ID, d.plan.path)
	if err != nil {
		ShowError(d.a.s.sh.Window, err)
		return
	}
	d.plan = plan
	d.body.Objects = []fyne.CanvasObject{d.content()}
	d.body.Refresh()
	d.setButtons()
}

// importAll stores every new row in one transaction, reloads, selects the
// first item added and says how many were added.
func (d *agendaCSVDialog) importAll() {
	p := d.plan
	if !p.ok() || p.fresh == 0 {
		return
	}
	sh := d.a.s.sh
	added, err := sh.State.Store.ImportItems(context.Background(), p.meeting.ID, p.items)
	if err != nil {
		// Nothing was stored (one transaction); the preview stays so
		// that the user can read the file's rows against the message.
		ShowError(sh.Window, err)
		return
	}
	d.dlg.Hide()
	sel := d.a.selectedID
	if len(added) > 0 {
		sel = added[0].ID
	}
	d.a.reloadAndSelect(sel)
	msg := i18n.T("ui.agendacsv.done", i18n.N("ui.agendacsv.items", len(added)), d.meetingLabel())
	if skipped := len(p.items) - len(added); skipped > 0 {
		msg += " " + i18n.N("ui.agendacsv.done.skipped", skipped)
	}
	dialog.ShowInformation(i18n.T("ui.agendacsv.import.title"), msg, sh.Window)
}

func (d *agendaCSVDialog) meetingLabel() string {
	return exportSnapshotOf(d.a.s.sh.State).meetingLabel(d.plan.meeting.ID)
}

// content is the dialog's body: the file and the meeting, then the rows or
// the problems.
func (d *agendaCSVDialog) content() fyne.CanvasObject {
	p := d.plan
	where := widget.NewLabelWithStyle(i18n.T("ui.agendacsv.fileinto", filepath.Base(p.path), d.meetingLabel()),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	where.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox(where)
	switch p.meeting.Status {
	case domain.StatusGeannuleerd:
		top.Add(meetingWarningLine(i18n.T("ui.agendacsv.warn.cancelled")))
	case domain.StatusGehouden:
		top.Add(meetingWarningLine(i18n.T("ui.agendacsv.warn.held")))
	}
	if !p.ok() {
		return d.problemsContent(top)
	}
	return d.planContent(top)
}

// agendaCSVPlanWidths are the preview's columns: what happens, number,
// title (flexible), kind, portefeuillehouder, steller, confidential.
var agendaCSVPlanWidths = []float32{170, 40, 260, 150, 170, 170, 116}

const agendaCSVPlanFlex = 2

// planContent lists the rows: those added first in the colour of "add",
// those skipped in grey with the agenda item they repeat.
func (d *agendaCSVDialog) planContent(top *fyne.Container) fyne.CanvasObject {
	p := d.plan
	summary := widget.NewLabel(i18n.N("ui.agendacsv.summary.add", p.fresh))
	if n := len(p.skips); n > 0 {
		summary.SetText(summary.Text + " " + i18n.N("ui.agendacsv.summary.skip", n))
	}
	if p.fresh == 0 {
		summary.SetText(i18n.T("ui.agendacsv.summary.nothing"))
	}
	summary.Wrapping = fyne.TextWrapWord
	top.Add(summary)

	head := func(key string) *widget.Label {
		l := widget.NewLabelWithStyle(i18n.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	nr := head("ui.agendacsv.col.nr")
	nr.Alignment = fyne.TextAlignTrailing // over the numbers
	header := components.NewColumns(agendaCSVPlanWidths, agendaCSVPlanFlex,
		head("ui.agendacsv.col.action"), nr, head("ui.agenda.field.title"), head("ui.agenda.field.kind"),
		head("ui.agenda.field.ph"), head("ui.agenda.field.steller"), head("ui.agenda.field.confidential"))
	top.Add(header)

	_, ix := d.a.s.sh.State.Data()
	rows := container.NewVBox()
	conf := 0
	for i, it := range p.items {
		rows.Add(d.planRow(ix, i, it))
		if it.Confidential {
			if _, skip := p.skips[i]; !skip {
				conf++
			}
		}
	}
	hint := i18n.T("ui.agendacsv.planhint")
	if conf > 0 {
		hint += " " + i18n.N("ui.agendacsv.planhint.conf", conf)
	}
	return container.NewBorder(top, agendaCSVHint(hint), nil, nil, container.NewVScroll(rows))
}

// agendaCSVHint is the text under the rows: what happens next. It says
// that nothing is stored yet, so it is not in the faint note style.
func agendaCSVHint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// planRow is one row of the file in the preview.
func (d *agendaCSVDialog) planRow(ix *domain.Index, i int, it domain.AgendaItem) fyne.CanvasObject {
	action := widget.NewLabel(i18n.T("ui.agendacsv.action.add"))
	action.Importance = widget.SuccessImportance
	title := widget.NewLabel(it.Title)
	title.Wrapping = fyne.TextWrapWord
	if s, skip := d.plan.skips[i]; skip {
		if s.Earlier >= 0 {
			action.SetText(i18n.T("ui.agendacsv.action.twice", s.Earlier+1))
		} else {
			action.SetText(i18n.T("ui.agendacsv.action.have", s.Same.Position))
		}
		// Italic rather than grey: the secretary must still read which
		// item is left out (grey is faint in the light theme).
		action.Importance = widget.MediumImportance
		action.TextStyle = fyne.TextStyle{Italic: true}
	}
	action.Wrapping = fyne.TextWrapWord
	// Every column in the same text size, so that the lines of a row
	// share one baseline; long names wrap rather than lose their end.
	cell := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	nr := widget.NewLabelWithStyle(strconv.Itoa(i+1), fyne.TextAlignTrailing, fyne.TextStyle{})
	dash := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	var conf fyne.CanvasObject = cell(i18n.T("ui.agendacsv.no"))
	if it.Confidential {
		yes := widget.NewLabel(i18n.T("ui.agendacsv.yes"))
		yes.Importance = widget.DangerImportance
		// At the top of the cell, on the line of the title, however
		// many lines the row has.
		conf = container.NewVBox(container.NewHBox(widget.NewIcon(components.ConfidentialIcon()), yes))
	}
	return components.NewColumns(agendaCSVPlanWidths, agendaCSVPlanFlex,
		action, nr, title, cell(it.Kind.Label()),
		cell(dash(ix.PersonName(it.PortefeuillehouderID))), cell(dash(ix.PersonName(it.StellerID))), conf)
}

// agendaCSVProblemWidths are the columns of the problem list: line,
// column, message (flexible).
var agendaCSVProblemWidths = []float32{70, 170, 400}

// problemsContent lists every problem of the file by line and column.
func (d *agendaCSVDialog) problemsContent(top *fyne.Container) fyne.CanvasObject {
	p := d.plan
	head := widget.NewLabel(i18n.T("ui.agendacsv.refused", i18n.N("ui.agendacsv.problems", len(p.problems)+p.more)))
	head.Importance = widget.DangerImportance
	head.TextStyle = fyne.TextStyle{Bold: true}
	head.Wrapping = fyne.TextWrapWord
	top.Add(head)

	rowed := false
	for _, pr := range p.problems {
		rowed = rowed || pr.Line > 0
	}
	rows := container.NewVBox()
	for _, pr := range p.problems {
		msg := widget.NewLabel(pr.Msg.String())
		msg.Wrapping = fyne.TextWrapWord
		if !rowed {
			rows.Add(msg) // about the whole file: no line to point at
			continue
		}
		line := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		if pr.Line > 0 {
			line.SetText(strconv.Itoa(pr.Line))
		}
		col := widget.NewLabel(pr.Column)
		col.Wrapping = fyne.TextWrapWord
		if pr.Column == "" && pr.Line > 0 {
			col.SetText(i18n.T("ui.agendacsv.wholerow"))
			col.Importance = widget.LowImportance
		}
		rows.Add(components.NewColumns(agendaCSVProblemWidths, 2, line, col, msg))
	}
	if p.more > 0 {
		more := widget.NewLabel(i18n.T("bundle.csv.more", p.more))
		more.Importance = widget.LowImportance
		rows.Add(more)
	}
	if rowed {
		bold := func(key string) fyne.CanvasObject {
			return widget.NewLabelWithStyle(i18n.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		}
		top.Add(components.NewColumns(agendaCSVProblemWidths, 2, bold("ui.agendacsv.col.line"), bold("ui.agendacsv.col.column"), bold("ui.agendacsv.col.problem")))
	}
	return container.NewBorder(top, agendaCSVHint(i18n.T("ui.agendacsv.refusedhint")), nil, nil, container.NewVScroll(rows))
}
