// Package assets holds the files that ship inside the binary: the app icon
// and (for the PDFs) the embedded fonts. It imports no UI toolkit, so that
// documents can use it without pulling in Fyne.
package assets

import _ "embed"

// IconPNG is the app icon, 512×512 PNG (also declared in FyneApp.toml).
//
//go:embed Icon.png
var IconPNG []byte
