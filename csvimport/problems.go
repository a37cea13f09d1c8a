package csvimport

import (
	"strings"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// maxProblems caps the list of problems of one file: a file in the wrong
// format fails on every line, and a thousand copies of one message help
// nobody. The count says how many were left out.
const maxProblems = 50

// Problem is one thing wrong with an import file: where (line and column,
// as a spreadsheet or text editor shows them) and what.
type Problem struct {
	// Line is the 1-based line in the file where the row starts; 0 for a
	// problem with the file as a whole (empty, not text).
	Line int
	// Column is the header name of the field at fault, as the file spells
	// it ("e-mail"); "" when the problem is not about one field.
	Column string
	// Msg says what is wrong, in the words of the catalogue.
	Msg i18n.Message
}

// String renders the problem in the active language: "regel 4, e-mail:
// ‘jan@’ is geen geldig e-mailadres".
func (p Problem) String() string {
	switch {
	case p.Line == 0:
		return p.Msg.String()
	case p.Column == "":
		return i18n.T("csvimport.problem.line", p.Line, p.Msg.String())
	default:
		return i18n.T("csvimport.problem.field", p.Line, p.Column, p.Msg.String())
	}
}

// Rejected is the error of a file that was not imported: every problem
// found, in file order. Nothing of a rejected file is returned, so nothing of
// it can be stored.
type Rejected struct {
	Problems []Problem
	// Omitted counts the problems beyond the first maxProblems.
	Omitted int
}

// Error lists the problems, one a line.
func (r *Rejected) Error() string {
	lines := make([]string, 0, len(r.Problems)+1)
	for _, p := range r.Problems {
		lines = append(lines, p.String())
	}
	if r.Omitted > 0 {
		lines = append(lines, i18n.T("csvimport.problem.omitted", r.Omitted))
	}
	return strings.Join(lines, "\n")
}

// problems collects the problems of one file.
type problems struct{ r Rejected }

func (ps *problems) add(line int, column, key string, args ...any) {
	if len(ps.r.Problems) >= maxProblems {
		ps.r.Omitted++
		return
	}
	ps.r.Problems = append(ps.r.Problems, Problem{Line: line, Column: column, Msg: i18n.M(key, args...)})
}

func (ps *problems) addMsg(line int, column string, m i18n.Message) {
	ps.add(line, column, m.Key, m.Args...)
}

func (ps *problems) any() bool { return len(ps.r.Problems) > 0 }

// err returns the user-facing error: a short Dutch summary whose cause is
// the *Rejected with every problem (errors.As finds it).
func (ps *problems) err() error {
	if !ps.any() {
		return nil
	}
	r := ps.r
	n := len(r.Problems) + r.Omitted
	return i18n.Errorf(&r, "csvimport.err.rejected", n, r.Problems[0].String())
}
