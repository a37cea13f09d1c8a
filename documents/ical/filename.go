package ical

import (
	"strings"
	"unicode/utf8"

	"github.com/overlegplanner/overlegplanner/date"
)

// maxFilenameBytes keeps names well inside every file system's limit (255
// bytes) and readable in a mail client's attachment list.
const maxFilenameBytes = 100

// Filename returns a file name for an .ics file about name on day, safe on
// Windows, macOS and Linux and as a mail attachment name:
// Filename("PHO Jeugd Zeeland", 2026-11-23) is "2026-11-23 PHO Jeugd
// Zeeland.ics"; a zero day leaves the date out (feeds). Characters that a
// file system or a Content-Disposition header cannot take become "-",
// and a name that is empty after cleaning becomes "overlegplanner".
func Filename(name string, day date.Date) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f:
			return ' '
		case strings.ContainsRune(`/\:*?"<>|`, r):
			return '-'
		}
		return r
	}, cleanText(name))
	name = strings.Join(strings.Fields(name), " ")
	// Windows drops trailing dots and spaces, which would make two names
	// collide; a leading dot hides the file on macOS and Linux.
	name = strings.Trim(name, ". ")
	if len(name) > maxFilenameBytes {
		cut := maxFilenameBytes
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = strings.TrimRight(name[:cut], ". ")
	}
	if name == "" {
		name = "overlegplanner"
	}
	if isReservedOnWindows(name) {
		name = "_" + name
	}
	if !day.IsZero() {
		name = day.String() + " " + name
	}
	return name + ".ics"
}

// isReservedOnWindows reports whether name is a device name that Windows
// refuses as a file name, with or without extension.
func isReservedOnWindows(name string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(name), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '1' && base[3] <= '9' {
		return true
	}
	return false
}
