package assets

import _ "embed"

// The PDF documents are set in Lato 2.007 (SIL Open Font License 1.1, see
// fonts/OFL.txt), embedded unmodified so that every machine prints the same
// letters: Dutch needs ë, é, ï, €, typographic quotes and the en dash, which
// the PDF standard fonts cannot show. Lato was chosen over DejaVu Sans and
// Liberation Sans for its quiet, readable shapes at small sizes and its
// tabular digits, which keep dates aligned in tables. The PDF code embeds
// only the glyphs a document uses (a subset), so the 2 MB here cost a
// document some 15 to 25 KB per style.

// LatoRegular is Lato Regular (TrueType).
//
//go:embed fonts/Lato-Regular.ttf
var LatoRegular []byte

// LatoBold is Lato Bold (TrueType).
//
//go:embed fonts/Lato-Bold.ttf
var LatoBold []byte

// LatoItalic is Lato Italic (TrueType).
//
//go:embed fonts/Lato-Italic.ttf
var LatoItalic []byte

// FontLicense is the licence of the embedded fonts (SIL OFL 1.1), for an
// about dialog or a --licenses flag.
//
//go:embed fonts/OFL.txt
var FontLicense string
