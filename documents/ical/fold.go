package ical

import (
	"bytes"
	"unicode/utf8"
)

// maxLineOctets is the longest content line RFC 5545 §3.1 allows, not
// counting the CRLF. A continuation line's leading space counts toward it.
const maxLineOctets = 75

var crlf = []byte("\r\n")

// fold folds every content line of src, a sequence of lines each ending in
// CRLF as go-ical writes them, so that no line is longer than 75 octets.
// A continuation line starts with a single space. A line is only cut at
// the start of a UTF-8 character: RFC 5545 asks unfolding to restore split
// sequences, but Outlook and several mobile clients do not, and show
// replacement characters in Dutch names such as "Brouwer-Ĳsselmuiden" or
// "café". A final line without CRLF is terminated with one.
func fold(src []byte) []byte {
	// Most lines are short; a long DESCRIPTION grows by 3 octets per 74.
	return appendFoldedLines(make([]byte, 0, len(src)+len(src)/24+2), src)
}

// appendFoldedLines appends the lines of src to out, folded as fold does.
func appendFoldedLines(out, src []byte) []byte {
	for len(src) > 0 {
		i := bytes.Index(src, crlf)
		var line []byte
		if i < 0 {
			line, src = src, nil
		} else {
			line, src = src[:i], src[i+2:]
		}
		out = appendFolded(out, line)
	}
	return out
}

// appendFolded appends one unfolded content line to out, folded, with its
// CRLF.
func appendFolded(out, line []byte) []byte {
	limit := maxLineOctets
	for len(line) > limit {
		cut := limit
		// Back up to the first octet of the character that straddles the
		// limit; a UTF-8 character has at most three continuation octets.
		for cut > limit-utf8.UTFMax && cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		if !utf8.RuneStart(line[cut]) || cut == 0 {
			// Not UTF-8 here (cleanText prevents this for our values):
			// octets are all that can be kept whole.
			cut = limit
		}
		out = append(out, line[:cut]...)
		out = append(out, '\r', '\n', ' ')
		line = line[cut:]
		limit = maxLineOctets - 1 // the leading space takes one octet
	}
	out = append(out, line...)
	return append(out, '\r', '\n')
}
