package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/documents/convert"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// The vergaderbundel in the app: the agenda with its table of contents and
// every stuk behind it in one PDF (documents.Bundle), made from the meeting
// screen's "Meer uitvoer" menu or the Uitvoer screen. A small dialog asks
// for the complete or the public bundle and says whether Word files can be
// converted; the bundle is then made in the background with a real
// progress bar and a Stop button, and ends in the same save dialog, "Laatst
// opgeslagen" and "Bestand openen" as every other export. The done dialog
// adds which stukken are not in the bundle and what the secretary must do
// about them, because members who miss a stuk ask her, not the app.

// bundleConverter finds LibreOffice for converting Word and Excel stukken.
// It is looked up each time the dialog opens, so that installing it while
// the app runs is enough. Tests replace it.
var bundleConverter = func() documents.Converter {
	lo, ok := convert.Find()
	if !ok {
		return nil // a nil *LibreOffice in the interface would not be nil
	}
	return lo
}

// bundleInfo is what the done dialog says about a saved bundle: what is in
// it, what was left out as expected, and what was left out that the
// secretary must act on.
type bundleInfo struct {
	Public      bool
	AgendaPages int
	Included    int
	Converted   int
	// Pending stukken are not received yet, and Confidential ones are not
	// in a public bundle: both are expected and the agenda says so.
	Pending, Confidential int
	// Problems are the stukken left out for a reason the user must act
	// on: a damaged or password-protected PDF, a format that could not be
	// converted, a received stuk without a file.
	Problems []documents.BundledStuk
	// Converter tells whether LibreOffice was there, for the advice on a
	// stuk left out for its format.
	Converter bool
}

func bundleInfoOf(r documents.BundleResult, public, converter bool) *bundleInfo {
	b := &bundleInfo{Public: public, AgendaPages: r.AgendaPages, Converter: converter}
	for _, s := range r.Stukken {
		switch {
		case s.Included():
			b.Included++
			if s.Converted {
				b.Converted++
			}
		case s.Reason == documents.OmitPending:
			b.Pending++
		case s.Reason == documents.OmitConfidential:
			b.Confidential++
		default:
			b.Problems = append(b.Problems, s)
		}
	}
	return b
}

// bundleExport is the bundle of meeting id; public leaves out confidential
// items and stukken. conv converts office files, or is nil.
func bundleExport(st *State, id int64, public bool, conv documents.Converter) exportJob {
	x := exportSnapshotOf(st)
	key := "ui.bundle.label.full"
	if public {
		key = "ui.bundle.label.public"
	}
	render := func(ctx context.Context, progress func(done, total int)) (exportResult, error) {
		m, err := x.fullMeeting(ctx, id)
		if err != nil {
			return exportResult{}, err
		}
		in := documents.BundleInput{Meeting: m, Index: x.ix, Public: public, Organiser: x.ds.Settings.OrganiserName,
			Files: x.st.Store.Blobs(), Convert: conv, Now: x.now}
		if in.NextMeeting, in.NextDeadlines, err = x.st.Planner().NextMeeting(&m); err != nil {
			return exportResult{}, err
		}
		// The bundle goes to a temporary file, not into memory: with
		// scanned stukken it is as large as they are together, and the
		// app should not hold it twice while the save dialog is open.
		tmp, err := os.CreateTemp("", "overlegplanner-bundel-*.pdf")
		if err != nil {
			return exportResult{}, i18n.Errorf(err, "ui.export.err.write", os.TempDir())
		}
		in.Out = tmp
		r, err := documents.Bundle(ctx, in, progress)
		if cerr := tmp.Close(); err == nil && cerr != nil {
			err = i18n.Errorf(cerr, "ui.export.err.write", tmp.Name())
		}
		if err != nil {
			os.Remove(tmp.Name())
			return exportResult{}, err
		}
		info := bundleInfoOf(r, public, conv != nil)
		if public {
			// The public bundle drops confidential items with their
			// stukken before it lists them; the count comes from the
			// meeting itself.
			info.Confidential = countStukken(m).confidential
		}
		return exportResult{Name: r.Name, File: tmp.Name(), Pages: r.Pages, Bundle: info}, nil
	}
	return exportJob{Label: i18n.T(key, x.meetingLabel(id)), Ext: ".pdf", Render: render, Steps: true,
		Busy: i18n.T("ui.bundle.busy"), Hint: i18n.T("ui.bundle.busy.hint")}
}

// bundleCounts are the stukken of a meeting as the options dialog counts
// them, before anything is read: office counts the received files that
// are not PDF.
type bundleCounts struct{ total, received, pending, confidential, office int }

func countStukken(m domain.Meeting) bundleCounts {
	var c bundleCounts
	for _, it := range m.Items {
		for _, d := range it.Documents {
			c.total++
			if d.Confidential || it.Confidential {
				c.confidential++
			}
			if d.Pending() {
				c.pending++
				continue
			}
			c.received++
			name := d.FileName
			if name == "" {
				name = d.StoredName
			}
			if ext := strings.ToLower(filepath.Ext(name)); ext != "" && ext != ".pdf" {
				c.office++
			}
		}
	}
	return c
}

// bundleDialog asks which bundle of a meeting to make.
type bundleDialog struct {
	sh      *Shell
	id      int64
	variant *widget.RadioGroup
	conv    documents.Converter
	dlg     *dialog.ConfirmDialog
}

// showBundleDialog opens the options of the bundle of meeting id:
// complete or public, what public means, whether Word files are
// converted; "Bundel maken" starts it.
func showBundleDialog(sh *Shell, id int64) *bundleDialog {
	w := sh.Window
	m, err := sh.State.Store.Meeting(context.Background(), id)
	if err != nil {
		ShowError(w, i18n.Errorf(err, "ui.export.err.nomeeting", id))
		return nil
	}
	d := &bundleDialog{sh: sh, id: id}
	d.conv = bundleConverter()
	found := d.conv != nil
	x := exportSnapshotOf(sh.State)

	name := widget.NewLabelWithStyle(x.meetingLabel(id), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel(i18n.T("ui.bundle.intro"))
	intro.Wrapping = fyne.TextWrapWord

	c := countStukken(m)
	stukken := widget.NewLabel(i18n.T("ui.bundle.stukken.none"))
	switch {
	case c.total == 0:
	case c.pending == 0:
		stukken.SetText(i18n.N("ui.bundle.stukken.all", c.received))
	default:
		stukken.SetText(i18n.T("ui.bundle.stukken.some", c.received, c.pending))
	}
	stukken.Wrapping = fyne.TextWrapWord

	full, public := i18n.T("ui.bundle.variant.full"), i18n.T("ui.bundle.variant.public")
	d.variant = widget.NewRadioGroup([]string{full, public}, nil)
	d.variant.Horizontal = true
	d.variant.Required = true
	d.variant.SetSelected(full)
	means := widget.NewLabel(i18n.T("ui.bundle.full.means") + "\n" + i18n.T("ui.bundle.public.means"))
	means.Wrapping = fyne.TextWrapWord
	means.SizeName = theme.SizeNameCaptionText

	// LibreOffice: whether Word and Excel stukken go in or are only
	// listed; said before the work starts, not discovered afterwards.
	loText, loIcon, loImp := i18n.T("ui.bundle.convert.yes"), theme.NewSuccessThemedResource(theme.ConfirmIcon()), widget.MediumImportance
	if !found {
		loText, loIcon, loImp = i18n.T("ui.bundle.convert.no"), theme.NewWarningThemedResource(theme.WarningIcon()), widget.WarningImportance
		if c.office > 0 {
			loText += " " + i18n.N("ui.bundle.convert.affected", c.office)
		}
	}
	lo := widget.NewLabel(loText)
	lo.Wrapping = fyne.TextWrapWord
	lo.Importance = loImp
	loLine := container.NewBorder(nil, nil, container.NewPadded(widget.NewIcon(loIcon)), nil, lo)

	content := container.NewVBox(name, intro, stukken, widget.NewSeparator(), d.variant, means, loLine)
	d.dlg = dialog.NewCustomConfirm(i18n.T("ui.bundle.title"), i18n.T("ui.bundle.make"), i18n.T("ui.meeting.form.cancel"), content,
		func(ok bool) {
			if ok {
				d.start()
			}
		}, w)
	d.dlg.Resize(fyne.NewSize(560, 0))
	d.dlg.Show()
	return d
}

// public reports whether the public bundle is chosen.
func (d *bundleDialog) public() bool { return d.variant.Selected == i18n.T("ui.bundle.variant.public") }

// start makes the chosen bundle.
func (d *bundleDialog) start() *exportRun {
	return exporter{d.sh}.save(bundleExport(d.sh.State, d.id, d.public(), d.conv))
}

// bundleSummary is what the done dialog adds for a bundle: how many
// stukken are in it, the expected omissions as counts, and every stuk
// that is missing for a reason the secretary must act on, numbered as on
// the agenda, with what to do.
func bundleSummary(b *bundleInfo) []fyne.CanvasObject {
	var lines []string
	lines = append(lines, i18n.N("ui.bundle.done.included", b.Included))
	if b.Converted > 0 {
		lines = append(lines, i18n.N("ui.bundle.done.converted", b.Converted))
	}
	if b.Pending > 0 {
		lines = append(lines, i18n.N("ui.bundle.done.pending", b.Pending))
	}
	if b.Confidential > 0 {
		lines = append(lines, i18n.N("ui.bundle.done.confidential", b.Confidential))
	}
	if len(b.Problems) == 0 {
		lines = append(lines, i18n.T("ui.bundle.done.allin"))
	}
	facts := widget.NewLabel(strings.Join(lines, "\n"))
	facts.Wrapping = fyne.TextWrapWord
	out := []fyne.CanvasObject{facts}
	if len(b.Problems) == 0 {
		return out
	}

	head := widget.NewLabelWithStyle(i18n.N("ui.bundle.done.problems", len(b.Problems)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	head.Importance = widget.WarningImportance
	rows := container.NewVBox()
	for _, s := range b.Problems {
		num := widget.NewLabelWithStyle(i18n.T("ui.bundle.number", s.Item, s.Stuk), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title := widget.NewLabelWithStyle(s.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		why := widget.NewLabel(bundleAdvice(s, b.Converter))
		why.Wrapping = fyne.TextWrapWord
		why.SizeName = theme.SizeNameCaptionText
		text := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), title, why)
		icon := container.NewPadded(widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon())))
		rows.Add(container.NewBorder(nil, nil, container.NewHBox(icon, num), nil, text))
	}
	var list fyne.CanvasObject = rows
	if len(b.Problems) > 4 {
		// A meeting whose files were never stored can list dozens;
		// the dialog must stay on the screen.
		scroll := container.NewVScroll(rows)
		scroll.SetMinSize(fyne.NewSize(0, 260))
		list = scroll
	}
	return append(out, widget.NewSeparator(), head, list)
}

// bundleAdvice says why a stuk is not in the bundle and what to do about
// it; for a reason it does not know it falls back on the bundle's own
// explanation.
func bundleAdvice(s documents.BundledStuk, converter bool) string {
	switch s.Reason {
	case documents.OmitDamaged:
		return i18n.T("ui.bundle.reason.damaged")
	case documents.OmitEncrypted:
		return i18n.T("ui.bundle.reason.encrypted")
	case documents.OmitNoFile:
		return i18n.T("ui.bundle.reason.nofile")
	case documents.OmitConvert:
		return i18n.T("ui.bundle.reason.convert", s.Format)
	case documents.OmitFormat:
		switch {
		case s.Format == "" || s.Format == "?":
			return i18n.T("ui.bundle.reason.format.unknown")
		case converter:
			return i18n.T("ui.bundle.reason.format", s.Format)
		}
		return i18n.T("ui.bundle.reason.format.nolo", s.Format)
	}
	return s.Explanation
}

// bundle opens the bundle options of the meeting chosen on the Uitvoer
// screen.
func (e *exportScreen) bundle() {
	if id := e.meetingID(); id != 0 {
		showBundleDialog(e.sh, id)
	}
}
