package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// formEntry is a text entry of the meeting, agenda and stukken forms. It
// passes Ctrl+S (Cmd+S on macOS) to the form's save: Fyne gives a shortcut
// to the focused widget first and an entry drops the ones it does not know,
// so a canvas shortcut alone would never fire while the user is typing,
// which is exactly when Ctrl+S is pressed.
type formEntry struct {
	widget.Entry
	onSave func()
}

// newFormEntry returns a single-line entry; Enter saves too.
func newFormEntry(onSave func()) *formEntry {
	e := &formEntry{onSave: onSave}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(string) {
		if e.onSave != nil {
			e.onSave()
		}
	}
	return e
}

// newFormMultiLine returns a wrapping multi-line entry of rows lines.
func newFormMultiLine(onSave func(), rows int) *formEntry {
	e := &formEntry{onSave: onSave}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(rows)
	return e
}

// TypedShortcut runs the form's save for Ctrl+S and leaves every other
// shortcut (copy, paste, undo) to the entry.
func (e *formEntry) TypedShortcut(s fyne.Shortcut) {
	if isSaveShortcut(s) && e.onSave != nil {
		e.onSave()
		return
	}
	e.Entry.TypedShortcut(s)
}

func isSaveShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && cs.KeyName == fyne.KeyS && cs.Modifier == fyne.KeyModifierShortcutDefault
}

// formDialog shows content as a modal form with a cancel and a save button,
// and makes Ctrl+S save while it is open (and only then: the shortcut is
// removed when the dialog closes). save returns whether the dialog may
// close; on an error it stays open, so that nothing typed is lost.
type formDialog struct {
	dlg       *dialog.CustomDialog
	saveBtn   *widget.Button
	cancelBtn *widget.Button
	w         fyne.Window
	// then, when set by a successful save, runs after the dialog closed:
	// a dialog shown while this one is still open would close with it,
	// because Fyne removes every overlay above the one it hides.
	then func()
}

func newFormDialog(w fyne.Window, title, saveText string, content fyne.CanvasObject, save func() bool) *formDialog {
	fd := &formDialog{w: w}
	fd.dlg = dialog.NewCustomWithoutButtons(title, content, w)
	trySave := func() {
		fd.then = nil
		if save() {
			fd.dlg.Hide()
			if then := fd.then; then != nil {
				fd.then = nil
				then()
			}
		}
	}
	fd.saveBtn = widget.NewButton(saveText, trySave)
	fd.saveBtn.Importance = widget.HighImportance
	fd.cancelBtn = widget.NewButton(i18n.T("ui.meeting.form.cancel"), func() { fd.dlg.Hide() })
	fd.dlg.SetButtons([]fyne.CanvasObject{fd.cancelBtn, fd.saveBtn})
	fd.dlg.SetOnClosed(func() { w.Canvas().RemoveShortcut(shortcutSave) })
	w.Canvas().AddShortcut(shortcutSave, func(fyne.Shortcut) { trySave() })
	return fd
}
