package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// screenKeys are the keys of Ctrl+1 … Ctrl+9: the N-th key opens the N-th
// screen of the navigation, in the order the navigation shows them.
var screenKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}

// screenShortcut is the shortcut that opens screen i (0-based): Ctrl+1
// for the first (Cmd+1 on macOS).
func screenShortcut(i int) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: screenKeys[i], Modifier: fyne.KeyModifierShortcutDefault}
}

// addShortcuts makes Ctrl+1 … Ctrl+7 switch between the screens, as the
// tabs of a browser do, so that a secretary moving between the calendar
// and a meeting keeps her hands on the keyboard. Registered on the
// window's canvas: Content calls it after building the tabs.
func (sh *Shell) addShortcuts() {
	if sh.Window == nil {
		return
	}
	c := sh.Window.Canvas()
	for i := range sh.screens {
		if i >= len(screenKeys) {
			break
		}
		i := i
		c.AddShortcut(screenShortcut(i), func(fyne.Shortcut) {
			if sh.tabs != nil && i < len(sh.tabs.Items) {
				sh.tabs.SelectIndex(i)
			}
		})
	}
}
