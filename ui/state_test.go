package ui

import "testing"

// TestRebuildDropsOldScreens: a rebuilt window (a language change) must not
// leave the replaced screens subscribed, redrawing hidden widgets on every
// reload.
func TestRebuildDropsOldScreens(t *testing.T) {
	sh, w := newTestShell(t)
	count := func() int {
		sh.State.mu.RLock()
		defer sh.State.mu.RUnlock()
		return len(sh.State.listeners)
	}
	first := count()
	if first == 0 {
		t.Fatal("no screen subscribed to the state")
	}
	for range 3 {
		w.SetContent(sh.Content())
	}
	if got := count(); got != first {
		t.Errorf("after three rebuilds %d subscribers, want %d", got, first)
	}
}
