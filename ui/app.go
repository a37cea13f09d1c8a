package ui

import (
	"context"
	"errors"
	"os"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/assets"
	"github.com/overlegplanner/overlegplanner/demo"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// AppID identifies the app to the operating system (preferences, data dir).
const AppID = "nl.overlegplanner.desktop"

// Run opens the database at path (creating it when missing), shows the main
// window and blocks until it is closed.
func Run(path string) error {
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("Icon.png", assets.IconPNG))
	w := a.NewWindow(i18n.T("app.name"))
	w.Resize(fyne.NewSize(1280, 820))
	w.CenterOnScreen()
	w.SetMaster()

	ctx := context.Background()
	// One window per database: a second instance would not corrupt the
	// file (SQLite sees to that), but two secretaries editing the same
	// agenda in two windows would overwrite each other's work.
	release, err := store.AcquireLock(path)
	if err != nil {
		showFatal(w, err)
		w.ShowAndRun()
		return err
	}
	defer release()
	s, err := store.Open(ctx, path, store.Options{Create: true})
	if err != nil {
		showFatal(w, err)
		w.ShowAndRun()
		return err
	}
	defer s.Close()
	// The daily backup runs in the background: at most one a day, none
	// when nothing changed, so starting the app stays instant.
	go func() {
		if _, err := s.AutoBackup(ctx, "", time.Now(), 0); err != nil {
			fyne.Do(func() { ShowError(w, err) })
		}
	}()
	st, err := NewState(ctx, s, time.Now)
	if err != nil {
		showFatal(w, err)
		w.ShowAndRun()
		return err
	}
	// A restore (Bestand → Back-up terugzetten) replaces the open store;
	// the one open at the end is closed here.
	defer func() {
		if st.Store != s {
			st.Store.Close()
		}
	}()
	sh := NewShell(st, w)
	w.SetContent(sh.Content())
	sh.installMenu()
	if empty, _ := s.IsEmpty(ctx); empty {
		offerDemo(st, w)
	}
	openRequested(sh)
	w.ShowAndRun()
	return nil
}

// showFatal fills the window with a Dutch explanation when the database
// cannot be used; nothing is written to the file.
func showFatal(w fyne.Window, err error) {
	msg := widget.NewLabel(i18n.UserMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(i18n.T("ui.fatal.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	quit := widget.NewButton(i18n.T("ui.fatal.quit"), func() { fyne.CurrentApp().Quit() })
	w.SetContent(container.NewPadded(container.NewVBox(title, msg, container.NewHBox(quit))))
	w.Resize(fyne.NewSize(640, 240))
}

// offerDemo asks, on an empty database, whether to load the demo region.
func offerDemo(st *State, w fyne.Window) {
	dialog.ShowConfirm(i18n.T("ui.demo.title"), i18n.T("ui.demo.question"), func(yes bool) {
		if !yes {
			return
		}
		if err := LoadDemo(context.Background(), st); err != nil {
			ShowError(w, err)
		}
	}, w)
}

// LoadDemo imports the demo region into the (empty) database of st.
func LoadDemo(ctx context.Context, st *State) error {
	ds, err := demo.Zeeland(domain.DateOf(st.Now()))
	if err != nil {
		return err
	}
	if err := st.Store.Import(ctx, ds); err != nil {
		return err
	}
	if err := demo.WriteFiles(ctx, st.Store); err != nil {
		return err
	}
	return st.Reload(ctx)
}

// ShowError shows err's user message in a dialog.
func ShowError(w fyne.Window, err error) {
	if err == nil {
		return
	}
	dialog.ShowError(errors.New(i18n.UserMessage(err)), w)
}

// openRequested shows the screen (and meeting) named by the environment:
// OVERLEGPLANNER_SCREEN=kalender, OVERLEGPLANNER_MEETING=12. It exists for
// scripts/screenshots, which photographs every screen of the real app, and
// for support ("start it like this and tell me what you see").
func openRequested(sh *Shell) {
	if id, err := strconv.ParseInt(os.Getenv("OVERLEGPLANNER_MEETING"), 10, 64); err == nil && id > 0 {
		sh.OpenMeeting(id)
		return
	}
	if key := os.Getenv("OVERLEGPLANNER_SCREEN"); key != "" {
		sh.Show(key)
	}
}
