package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// TestUitvoerReachesDigestsAndPublishing: the deadline reminders and CalDAV
// publishing, which delivery offers, are one tap away on the Uitvoer screen.
func TestUitvoerReachesDigestsAndPublishing(t *testing.T) {
	sh, w := newTestShell(t)
	e := newExportScreen(sh)
	w.SetContent(e.root)

	test.Tap(e.digest)
	top := w.Canvas().Overlays().Top()
	if top == nil || !hasText(top, i18n.T("ui.publish.digest.title")) {
		t.Fatalf("the reminders button opened no digest dialog: %q", texts(top))
	}
	w.Canvas().Overlays().Remove(top)

	// The demo has no CalDAV server: the button says what to set up
	// instead of opening an empty dialog.
	test.Tap(e.publish)
	top = w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the publish button showed nothing")
	}
	if hasText(top, i18n.T("ui.publish.title")) {
		t.Errorf("publish dialog opened without a server: %q", texts(top))
	}
}
