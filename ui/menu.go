package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// installMenu sets the window's main menu: Bestand (back-up maken, back-up
// terugzetten, controleren, afsluiten) and Help (over Overlegplanner).
// It is called again after a change of language, so the menu speaks it.
func (sh *Shell) installMenu() {
	quit := fyne.NewMenuItem(i18n.T("ui.menu.quit"), func() { fyne.CurrentApp().Quit() })
	quit.IsQuit = true
	file := fyne.NewMenu(i18n.T("ui.menu.file"),
		fyne.NewMenuItem(i18n.T("ui.menu.backup"), sh.askBackup),
		fyne.NewMenuItem(i18n.T("ui.menu.restore"), sh.askRestore),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(i18n.T("ui.menu.check"), sh.runCheck),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	help := fyne.NewMenu(i18n.T("ui.menu.help"),
		fyne.NewMenuItem(i18n.T("ui.menu.about"), sh.showAbout),
	)
	sh.Window.SetMainMenu(fyne.NewMainMenu(file, help))
}

// menuBusy shows a modal progress dialog while work runs in the
// background, then runs done on the UI goroutine. The dialog keeps the
// user from editing while the database is being copied or replaced.
func (sh *Shell) menuBusy(title string, work func() error, done func(error)) {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(widget.NewLabel(i18n.T("ui.menu.wait")), bar), sh.Window)
	d.Show()
	go func() {
		err := work()
		fyne.Do(func() {
			bar.Stop()
			d.Hide()
			done(err)
		})
	}()
}

// backupName is the suggested file name of a backup made by hand.
func backupName(now time.Time) string {
	return "overlegplanner-" + now.Format("2006-01-02-1504") + ".zip"
}

// askBackup asks where to write a backup, then writes it.
func (sh *Shell) askBackup() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			ShowError(sh.Window, err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		// Backup writes the archive itself (under a temporary name, then
		// renamed), so the file the dialog opened is closed unused.
		w.Close()
		sh.makeBackup(path)
	}, sh.Window)
	d.SetFileName(backupName(sh.State.Now()))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".zip"}))
	d.Show()
}

// makeBackup writes a backup to path and says what happened.
func (sh *Shell) makeBackup(path string) {
	st := sh.State
	sh.menuBusy(i18n.T("ui.menu.backup.busy"), func() error {
		return st.Store.Backup(context.Background(), path)
	}, func(err error) {
		switch {
		case errors.Is(err, store.ErrIncompleteBackup):
			dialog.ShowInformation(i18n.T("ui.menu.backup.title"), i18n.T("ui.menu.backup.incomplete", path, i18n.UserMessage(err)), sh.Window)
		case err != nil:
			ShowError(sh.Window, err)
		default:
			dialog.ShowInformation(i18n.T("ui.menu.backup.title"), i18n.T("ui.menu.backup.done", path), sh.Window)
		}
	})
}

// askRestore asks for a backup, warns that the current data will be
// replaced (a safety copy is kept), then restores it.
func (sh *Shell) askRestore() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ShowError(sh.Window, err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		dialog.ShowConfirm(i18n.T("ui.menu.restore.title"), i18n.T("ui.menu.restore.question", filepath.Base(path)), func(ok bool) {
			if ok {
				sh.restoreFrom(path, false)
			}
		}, sh.Window)
	}, sh.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".zip"}))
	d.Show()
}

// restoreFrom replaces the open database by the backup at archive: the
// store is closed, store.RestoreWith puts the backup in its place (after
// a safety copy of the current file), and the database is opened again
// and every screen reloaded. When the restore is refused the current
// database is opened again unchanged. A backup that already lacked some
// stukken is restored only after the user agrees (allowLost).
func (sh *Shell) restoreFrom(archive string, allowLost bool) {
	st := sh.State
	ctx := context.Background()
	dbPath := st.Store.Path()
	var res store.RestoreResult
	var reopened *store.Store
	var restoreErr error
	sh.menuBusy(i18n.T("ui.menu.restore.busy"), func() error {
		if err := st.Store.Close(); err != nil {
			return err
		}
		res, restoreErr = store.RestoreWith(ctx, archive, dbPath, store.RestoreOptions{AllowLost: allowLost, Now: st.Now})
		// Open again whether or not the restore went through: a refused
		// restore leaves the old file, which must stay usable.
		var err error
		reopened, err = store.Open(ctx, dbPath, store.Options{})
		return err
	}, func(openErr error) {
		if openErr != nil {
			showFatal(sh.Window, openErr)
			return
		}
		st.Store = reopened
		if err := st.Reload(ctx); err != nil {
			ShowError(sh.Window, err)
			return
		}
		switch {
		case errors.Is(restoreErr, store.ErrIncompleteBackup) && !allowLost:
			dialog.ShowConfirm(i18n.T("ui.menu.restore.title"), i18n.T("ui.menu.restore.lost", i18n.UserMessage(restoreErr)), func(ok bool) {
				if ok {
					sh.restoreFrom(archive, true)
				}
			}, sh.Window)
		case restoreErr != nil:
			ShowError(sh.Window, restoreErr)
		default:
			msg := i18n.T("ui.menu.restore.done", res.Stukken)
			if res.SafetyCopy != "" {
				msg += "\n" + i18n.T("ui.menu.restore.safety", res.SafetyCopy)
			}
			if len(res.Lost) > 0 {
				msg += "\n" + i18n.T("ui.menu.restore.missing", strings.Join(res.Lost, ", "))
			}
			dialog.ShowInformation(i18n.T("ui.menu.restore.title"), msg, sh.Window)
		}
	})
}

// runCheck examines the database and its stukken and reports in Dutch.
func (sh *Shell) runCheck() {
	st := sh.State
	var rep store.Report
	sh.menuBusy(i18n.T("ui.menu.check.busy"), func() error {
		var err error
		rep, err = st.Store.Check(context.Background())
		return err
	}, func(err error) {
		if err != nil {
			ShowError(sh.Window, err)
		}
		dialog.ShowInformation(i18n.T("ui.menu.check.title"), checkSummary(rep), sh.Window)
	})
}

// checkSummary renders a check report: all well, or every problem and
// warning on its own line.
func checkSummary(rep store.Report) string {
	var b strings.Builder
	if rep.OK() {
		b.WriteString(i18n.T("ui.menu.check.ok", rep.Files))
	} else {
		b.WriteString(i18n.T("ui.menu.check.problems"))
		for _, m := range rep.Problems() {
			b.WriteString("\n• " + m.String())
		}
	}
	for _, m := range rep.Warnings() {
		b.WriteString("\n• " + m.String())
	}
	return b.String()
}

// showAbout shows the version, what the app is for and where the data
// lives (what support asks first).
func (sh *Shell) showAbout() {
	meta := fyne.CurrentApp().Metadata()
	version := meta.Version
	if meta.Build > 0 {
		version = fmt.Sprintf("%s (%d)", meta.Version, meta.Build)
	}
	title := widget.NewLabelWithStyle(i18n.T("app.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text := widget.NewLabel(i18n.T("ui.menu.about.text", version, sh.State.Store.Path(), store.BackupDir(sh.State.Store.Path())))
	text.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(title, text, widget.NewLabel(i18n.T("ui.menu.about.keys")))
	d := dialog.NewCustom(i18n.T("ui.menu.about"), i18n.T("ui.menu.close"), content, sh.Window)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}
