package icsimport

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// ErrInvalid is the cause of every rejected file, for errors.Is.
var ErrInvalid = errors.New("icsimport: ongeldig bestand")

// maxReport is the number of problems listed; the rest are counted. A file
// that is not iCalendar at all would otherwise give one problem a line.
const maxReport = 50

// Problem is one thing wrong with the file: at physical Line (1-based; 0
// for the file as a whole), in Property ("DTSTART", "END:VEVENT"; "" when
// no single property is at fault), Msg.
type Problem struct {
	Line     int
	Property string
	Msg      i18n.Message
}

// String renders the problem in the active language.
func (p Problem) String() string {
	switch {
	case p.Line == 0:
		return p.Msg.String()
	case p.Property == "":
		return i18n.T("icsimport.atline", p.Line, p.Msg.String())
	}
	return i18n.T("icsimport.atprop", p.Line, p.Property, p.Msg.String())
}

// Error lists the problems of a file that was not imported. Parse returns
// it as the cause of an *i18n.Error whose message lists them in the
// user's language; errors.As gives the structured list.
type Error struct {
	Problems []Problem
	More     int // problems found beyond those listed
}

// Error is the technical summary for logs: how many problems and where
// the first one is. Users see the *i18n.Error's message instead.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("icsimport: ")
	b.WriteString(strconv.Itoa(len(e.Problems) + e.More))
	b.WriteString(" probleem/problemen")
	if len(e.Problems) > 0 {
		p := e.Problems[0]
		b.WriteString(", eerste op regel ")
		b.WriteString(strconv.Itoa(p.Line))
		if p.Property != "" {
			b.WriteString(" (" + p.Property + ")")
		}
	}
	return b.String()
}

// Unwrap returns ErrInvalid.
func (e *Error) Unwrap() error { return ErrInvalid }

// problemList renders the problems when the message is shown, so that a
// language switch after the import re-renders them too.
type problemList struct{ e *Error }

func (l problemList) String() string {
	var b strings.Builder
	for _, p := range l.e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	if l.e.More > 0 {
		b.WriteString("\n  ")
		b.WriteString(i18n.T("icsimport.more", l.e.More))
	}
	return b.String()
}

// userError wraps e in the *i18n.Error that Parse returns.
func userError(e *Error) error {
	return i18n.Errorf(e, "icsimport.rejected", len(e.Problems)+e.More, problemList{e})
}

// collector gathers problems up to maxReport.
type collector struct {
	problems []Problem
	more     int
}

func (c *collector) add(line int, prop, key string, args ...any) {
	if len(c.problems) < maxReport {
		c.problems = append(c.problems, Problem{Line: line, Property: prop, Msg: i18n.M(key, args...)})
	} else {
		c.more++
	}
}

func (c *collector) addMsg(line int, prop string, msg i18n.Message) {
	if len(c.problems) < maxReport {
		c.problems = append(c.problems, Problem{Line: line, Property: prop, Msg: msg})
	} else {
		c.more++
	}
}

func (c *collector) failed() bool { return len(c.problems) > 0 || c.more > 0 }

// err returns the problems, by line (the file's own order when two are on
// one line), as the error Parse returns.
func (c *collector) err() error {
	sort.SliceStable(c.problems, func(i, j int) bool { return c.problems[i].Line < c.problems[j].Line })
	return userError(&Error{Problems: c.problems, More: c.more})
}
