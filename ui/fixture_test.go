package ui

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/overlegplanner/overlegplanner/demo"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// testNow is the fixed clock of the UI tests: Monday 23 November 2026,
// 09:00 in Amsterdam.
var testNow = time.Date(2026, 11, 23, 9, 0, 0, 0, domain.Amsterdam())

var (
	demoOnce  sync.Once
	demoBytes []byte
	demoErr   error
)

// newTestState opens a fresh copy of the demo database (built once per
// test binary) with the fixed clock.
func newTestState(t *testing.T) *State {
	t.Helper()
	i18n.SetLanguage(i18n.Dutch)
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "overlegplanner-ui-")
		if err != nil {
			demoErr = err
			return
		}
		defer os.RemoveAll(dir)
		p := filepath.Join(dir, "demo.db")
		s, err := store.Open(context.Background(), p, store.Options{Create: true})
		if err != nil {
			demoErr = err
			return
		}
		ds, err := demo.Zeeland(domain.DateOf(testNow))
		if err == nil {
			err = s.Import(context.Background(), ds)
		}
		s.Close()
		if err != nil {
			demoErr = err
			return
		}
		demoBytes, demoErr = os.ReadFile(p)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	p := filepath.Join(t.TempDir(), "demo.db")
	if err := os.WriteFile(p, demoBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st, err := NewState(context.Background(), s, func() time.Time { return testNow })
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// newTestShell builds the whole window on a test app and returns the shell
// and its window (1280×820, as the real app opens).
func newTestShell(t *testing.T) (*Shell, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	st := newTestState(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1280, 820))
	sh := NewShell(st, w)
	w.SetContent(sh.Content())
	t.Cleanup(w.Close)
	return sh, w
}
