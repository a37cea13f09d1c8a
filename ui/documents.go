package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// stukkenPane lists the stukken of the selected agenda item with their
// state (verwacht, ontvangen, te laat, ontbreekt: from the meeting's
// "aanleveren" deadline), version and size, and attaches files to it: by
// the file dialog, or by dropping them on the window. Files are stored
// by the store's content-addressed blob store (a copy under the app's data
// folder, named by its SHA-256), so a stuk can never change after receipt
// without the hash check noticing.
type stukkenPane struct {
	a    *agendaEditor
	item *domain.AgendaItem

	due      *widget.Label
	list     *widget.List
	docs     []domain.Document
	selected int

	attach, expected, version, open, remove, confidential *widget.Button
	root                                                  fyne.CanvasObject
}

func newStukkenPane(a *agendaEditor) *stukkenPane {
	p := &stukkenPane{a: a, selected: -1}
	p.due = widget.NewLabel("")
	p.due.SizeName = theme.SizeNameCaptionText
	p.due.Wrapping = fyne.TextWrapWord
	p.list = widget.NewList(
		func() int { return len(p.docs) },
		func() fyne.CanvasObject { return newStukRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*stukRow).set(p, p.docs[id]) })
	p.list.OnSelected = func(id widget.ListItemID) { p.selected = id; p.updateButtons() }
	p.list.OnUnselected = func(widget.ListItemID) { p.selected = -1; p.updateButtons() }

	p.attach = widget.NewButtonWithIcon(i18n.T("ui.stukken.attach"), theme.FolderOpenIcon(), func() { p.chooseFiles(nil) })
	p.attach.Importance = widget.HighImportance
	p.expected = widget.NewButtonWithIcon(i18n.T("ui.stukken.expected"), theme.ContentAddIcon(), func() { p.addExpected() })
	p.version = widget.NewButtonWithIcon(i18n.T("ui.stukken.version"), theme.UploadIcon(), func() {
		if d := p.selectedDoc(); d != nil {
			p.chooseFiles(d)
		}
	})
	p.open = widget.NewButtonWithIcon(i18n.T("ui.stukken.open"), theme.FileIcon(), func() {
		if d := p.selectedDoc(); d != nil {
			p.openStuk(*d)
		}
	})
	p.confidential = widget.NewButtonWithIcon("", components.LockIcon(), func() { p.toggleConfidential() })
	p.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.confirmRemove() })
	toolbar := container.NewHBox(p.attach, p.expected, p.version, p.open, p.confidential, p.remove)
	p.root = container.NewBorder(container.NewVBox(toolbar, p.due), nil, nil, nil, p.list)
	p.updateButtons()
	return p
}

// setItem shows the stukken of it (nil: none).
func (p *stukkenPane) setItem(it *domain.AgendaItem) {
	p.item = it
	p.docs = nil
	if it != nil {
		p.docs = it.Documents
	}
	if p.selected >= len(p.docs) {
		p.selected = -1
	}
	p.list.Refresh()
	if p.selected >= 0 {
		p.list.Select(p.selected)
	} else {
		p.list.UnselectAll()
	}
	if due := p.a.due; !due.IsZero() {
		p.due.SetText(i18n.T("ui.stukken.due", i18n.LongDate(due)) + " " + i18n.T("ui.stukken.drophint"))
	} else {
		p.due.SetText(i18n.T("ui.stukken.nodue") + " " + i18n.T("ui.stukken.drophint"))
	}
	p.updateButtons()
}

func (p *stukkenPane) selectedDoc() *domain.Document {
	if p.selected < 0 || p.selected >= len(p.docs) {
		return nil
	}
	return &p.docs[p.selected]
}

func (p *stukkenPane) updateButtons() {
	d := p.selectedDoc()
	meetingSetEnabled(p.attach, p.item != nil)
	meetingSetEnabled(p.expected, p.item != nil)
	meetingSetEnabled(p.version, d != nil)
	meetingSetEnabled(p.open, d != nil && d.StoredName != "")
	meetingSetEnabled(p.remove, d != nil)
	meetingSetEnabled(p.confidential, d != nil)
}

// stukRow is one stuk: its state as an icon and word, title and file,
// version, size and when it came in.
type stukRow struct {
	widget.BaseWidget
	icon                        *widget.Icon
	status, title, detail, lock *widget.Label
	lockIcon                    *widget.Icon
	box                         fyne.CanvasObject
}

func newStukRow() *stukRow {
	r := &stukRow{icon: widget.NewIcon(docStatusIcon(domain.DocVerwacht)), status: widget.NewLabel(""), title: widget.NewLabel(""),
		detail: widget.NewLabel(""), lockIcon: widget.NewIcon(components.ConfidentialIcon())}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.detail.SizeName = theme.SizeNameCaptionText
	r.status.SizeName = theme.SizeNameCaptionText
	left := container.NewHBox(r.icon, container.NewGridWrap(fyne.NewSize(86, r.status.MinSize().Height), r.status))
	r.box = container.NewBorder(nil, nil, left, r.lockIcon, container.NewGridWithColumns(2, r.title, r.detail))
	r.ExtendBaseWidget(r)
	return r
}

func (r *stukRow) set(p *stukkenPane, d domain.Document) {
	st := d.Status(p.a.due, p.a.s.sh.State.Today())
	r.icon.SetResource(docStatusIcon(st))
	r.status.SetText(st.Label())
	r.status.Importance = docStatusImportance(st)
	r.status.Refresh()
	r.title.SetText(d.Title)
	var parts []string
	if d.FileName != "" {
		parts = append(parts, d.FileName)
	}
	if !d.ReceivedAt.IsZero() {
		parts = append(parts, i18n.T("ui.stukken.version.n", d.Version), stukHumanSize(d.Size),
			i18n.T("ui.stukken.received", i18n.ShortDate(domain.DateOf(d.ReceivedAt))))
	}
	r.detail.SetText(strings.Join(parts, " · "))
	if d.Confidential {
		r.lockIcon.Show()
	} else {
		r.lockIcon.Hide()
	}
}

func (r *stukRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// docStatusIcon is the icon of a stuk's state in its colour: received a
// green tick, late an orange clock, missing a red cross, expected grey.
func docStatusIcon(s domain.DocumentStatus) fyne.Resource {
	switch s {
	case domain.DocOntvangen:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case domain.DocTeLaat:
		return theme.NewWarningThemedResource(theme.HistoryIcon())
	case domain.DocOntbreekt:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	}
	return theme.NewDisabledResource(theme.HistoryIcon())
}

func docStatusImportance(s domain.DocumentStatus) widget.Importance {
	switch s {
	case domain.DocOntvangen:
		return widget.SuccessImportance
	case domain.DocTeLaat:
		return widget.WarningImportance
	case domain.DocOntbreekt:
		return widget.DangerImportance
	}
	return widget.LowImportance
}

// stukHumanSize writes a file size the Dutch way ("1,2 MB").
func stukHumanSize(n int64) string {
	switch {
	case n < 1024:
		return i18n.T("ui.stukken.size.bytes", n)
	case n < 1024*1024:
		return i18n.T("ui.stukken.size.kb", int64(float64(n)/1024+0.5))
	}
	s := fmt.Sprintf("%.1f", float64(n)/(1024*1024))
	if i18n.Current() == i18n.Dutch {
		s = strings.Replace(s, ".", ",", 1)
	}
	return i18n.T("ui.stukken.size.mb", s)
}

// attachResult is the store's account of attaching files (one entry per
// file), worded for the message after it.
type attachResult store.AttachResult

// message lists the stukken by what happened to them: added, delivered,
// new versions (with their number), unchanged; one line each, in that
// order, empty groups left out.
func (r attachResult) message() string {
	var added, delivered, versions, unchanged []string
	for _, f := range r.Files {
		switch f.Outcome {
		case store.AttachAdded:
			added = append(added, f.Stuk.Title)
		case store.AttachDelivered:
			delivered = append(delivered, f.Stuk.Title)
		case store.AttachVersioned:
			versions = append(versions, i18n.T("ui.stukken.result.version", f.Stuk.Title, f.Stuk.Version))
		case store.AttachUnchanged:
			unchanged = append(unchanged, f.Stuk.Title)
		}
	}
	var lines []string
	if len(added) > 0 {
		lines = append(lines, i18n.T("ui.stukken.result.added", strings.Join(added, ", ")))
	}
	if len(delivered) > 0 {
		lines = append(lines, i18n.T("ui.stukken.result.delivered", strings.Join(delivered, ", ")))
	}
	if len(versions) > 0 {
		lines = append(lines, i18n.T("ui.stukken.result.versions", strings.Join(versions, ", ")))
	}
	if len(unchanged) > 0 {
		lines = append(lines, i18n.T("ui.stukken.result.unchanged", strings.Join(unchanged, ", ")))
	}
	return strings.Join(lines, "\n")
}

// attachPaths attaches the files at paths to the pane's item and shows
// the outcome; target, when not nil, is the stuk they are a new version
// of (one file). The rules — which stuk a file belongs to, what counts as
// unchanged, all or nothing — are the store's (store.AttachFiles), the
// same for the file dialog, a drop and the CLI.
func (p *stukkenPane) attachPaths(target *domain.Document, paths []string) {
	if p.item == nil {
		dialog.ShowInformation(i18n.T("ui.stukken.title"), i18n.T("ui.stukken.chooseitem"), p.a.s.sh.Window)
		return
	}
	var versionOf int64
	if target != nil {
		versionOf = target.ID
	}
	res, err := p.a.s.sh.State.Store.AttachFiles(context.Background(), p.item.ID, versionOf, paths)
	if err != nil {
		ShowError(p.a.s.sh.Window, err)
		return
	}
	p.a.reloadAndSelect(p.item.ID)
	dialog.ShowInformation(i18n.T("ui.stukken.title"), attachResult(res).message(), p.a.s.sh.Window)
}

// attachDropped attaches files dropped on the window.
func (p *stukkenPane) attachDropped(paths []string) { p.attachPaths(nil, paths) }

// chooseFiles opens the file dialog; target is the stuk to replace, or nil.
func (p *stukkenPane) chooseFiles(target *domain.Document) {
	if p.item == nil {
		return
	}
	var t *domain.Document
	if target != nil {
		d := *target
		t = &d
	}
	openLocalFile(p.a.s.sh.Window, i18n.T("ui.stukken.dialog.title"), i18n.T("ui.stukken.dialog.confirm"), nil,
		func(path string) { p.attachPaths(t, []string{path}) })
}

// addExpected records a stuk that is announced but not yet delivered, so
// that the agenda lists it and its state shows when it is late.
func (p *stukkenPane) addExpected() *expectedForm {
	if p.item == nil {
		return nil
	}
	f := &expectedForm{p: p}
	save := func() { f.fd.saveBtn.OnTapped() }
	f.title = newFormEntry(save)
	f.confidential = widget.NewCheck(i18n.T("ui.agenda.confidential.check"), nil)
	f.confidential.SetChecked(p.item.Confidential)
	f.errLabel = widget.NewLabel("")
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Hide()
	form := widget.NewForm(widget.NewFormItem(i18n.T("ui.stukken.field.title"), f.title), widget.NewFormItem("", f.confidential))
	f.fd = newFormDialog(p.a.s.sh.Window, i18n.T("ui.stukken.expected.title"), i18n.T("ui.meeting.form.save"),
		container.NewVBox(form, f.errLabel), f.save)
	f.fd.dlg.Resize(fyne.NewSize(520, 0))
	f.fd.dlg.Show()
	p.a.s.sh.Window.Canvas().Focus(f.title)
	return f
}

// expectedForm asks the title of an expected stuk.
type expectedForm struct {
	p            *stukkenPane
	title        *formEntry
	confidential *widget.Check
	errLabel     *widget.Label
	fd           *formDialog
}

func (f *expectedForm) save() bool {
	d := domain.Document{ItemID: f.p.item.ID, Title: strings.TrimSpace(f.title.Text), Version: 1, Confidential: f.confidential.Checked}
	if err := f.p.a.s.sh.State.Store.SaveDocument(context.Background(), &d); err != nil {
		f.errLabel.SetText(i18n.UserMessage(err))
		f.errLabel.Show()
		return false
	}
	f.p.a.reloadAndSelect(f.p.item.ID)
	return true
}

// toggleConfidential marks the selected stuk confidential or public.
func (p *stukkenPane) toggleConfidential() {
	d := p.selectedDoc()
	if d == nil {
		return
	}
	c := *d
	c.Confidential = !c.Confidential
	if err := p.a.s.sh.State.Store.SaveDocument(context.Background(), &c); err != nil {
		ShowError(p.a.s.sh.Window, err)
		return
	}
	p.a.reloadAndSelect(p.item.ID)
}

// confirmRemove removes the selected stuk's record after asking; its file
// stays in the blob store (an older version or a copy may share it).
func (p *stukkenPane) confirmRemove() {
	d := p.selectedDoc()
	if d == nil {
		return
	}
	id, itemID := d.ID, p.item.ID
	cd := dialog.NewConfirm(i18n.T("ui.stukken.remove.title"), i18n.T("ui.stukken.remove.question", d.Title), func(ok bool) {
		if !ok {
			return
		}
		if err := p.a.s.sh.State.Store.DeleteDocument(context.Background(), id); err != nil {
			ShowError(p.a.s.sh.Window, err)
			return
		}
		p.selected = -1
		p.a.reloadAndSelect(itemID)
	}, p.a.s.sh.Window)
	cd.SetConfirmText(i18n.T("ui.agenda.remove.confirm"))
	cd.SetDismissText(i18n.T("ui.meeting.form.cancel"))
	cd.Show()
}

// openStuk opens the selected stuk in the program the system uses for it.
func (p *stukkenPane) openStuk(d domain.Document) {
	path, err := stukCopy(p.a.s.sh.State, d, os.TempDir())
	if err != nil {
		ShowError(p.a.s.sh.Window, err)
		return
	}
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = fyne.CurrentApp().OpenURL(u)
	}
	if err != nil {
		ShowError(p.a.s.sh.Window, i18n.Errorf(err, "ui.stukken.err.open", path))
	}
}

// stukCopy checks the stored file of d against the hash recorded when it
// was received and writes a read-only copy under dir, named after the
// original file. The stored file itself is never opened by another
// program: an edit there would silently change a received stuk.
func stukCopy(st *State, d domain.Document, dir string) (string, error) {
	if d.StoredName == "" {
		return "", i18n.Errorf(nil, "ui.stukken.err.nofile", d.Title)
	}
	data, err := st.Store.Blobs().Read(d.StoredName, d.SHA256, d.Title)
	if err != nil {
		return "", err
	}
	folder := filepath.Join(dir, "overlegplanner-stukken", fmt.Sprintf("%d-v%d", d.ID, d.Version))
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return "", i18n.Errorf(err, "ui.stukken.err.copy", folder)
	}
	name := d.FileName
	if name == "" {
		name = d.Title + filepath.Ext(d.StoredName)
	}
	path := filepath.Join(folder, safeFileName(name))
	_ = os.Chmod(path, 0o600) // an earlier read-only copy is replaced
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return "", i18n.Errorf(err, "ui.stukken.err.copy", path)
	}
	if err := os.Chmod(path, 0o400); err != nil {
		return "", i18n.Errorf(err, "ui.stukken.err.copy", path)
	}
	return path, nil
}

// safeFileName keeps a file name that came from elsewhere (a stuk's
// original name) inside its folder and valid on Windows.
func safeFileName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '-'
		}
		return r
	}, name)
	if name == "" || name == "." || name == ".." {
		return "stuk"
	}
	return name
}
