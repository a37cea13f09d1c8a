package components

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// lockSVG is a padlock in the 24×24 grid and style of Fyne's own icons,
// drawn for this app: Fyne has no lock icon, and "vertrouwelijk" must be
// recognisable at a glance in an agenda list.
const lockSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">
<path fill="#000000" d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5zm-3 5a3 3 0 0 1 6 0v3H9V7zm3 6.5a1.75 1.75 0 0 1 1 3.19V19h-2v-2.31a1.75 1.75 0 0 1 1-3.19z"/>
</svg>`

var lockResource = fyne.NewStaticResource("lock.svg", []byte(lockSVG))

// LockIcon returns the padlock that marks confidential (vertrouwelijke)
// items and stukken, in the theme's foreground colour.
func LockIcon() fyne.Resource { return theme.NewThemedResource(lockResource) }

// ConfidentialIcon returns the padlock in the theme's error colour, for
// places where confidentiality is a warning (a public export).
func ConfidentialIcon() fyne.Resource { return theme.NewErrorThemedResource(lockResource) }
