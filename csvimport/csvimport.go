// Package csvimport reads lists of people and of gemeenten from CSV files
// as secretariats keep them in a spreadsheet, and turns them into domain
// values ready to store, each validated and matched against what is already
// stored.
//
// The formats are documented for users in docs/import.md. In short: one
// header line with Dutch column names (naam;e-mail;gemeente;rol;functie or
// naam;cbs-code;inwoners;collegedag;aanlevertermijn;regio), then one row per
// person or gemeente; UTF-8 with or without a byte-order mark (Windows-1252
// and UTF-16 from Excel are recognised too); ';' or ',' (or tab) as
// separator, detected from the header line.
//
// A file is all or nothing: when any row is wrong, People and
// Municipalities return no rows and an error whose cause is a *Rejected
// that lists every problem with its line and column. A row that matches a
// stored person (by e-mail address, else by name and gemeente) or gemeente
// (by CBS code) updates it; columns the file does not have keep their stored
// values, so a list of names and phone numbers cannot wipe anyone's role.
//
// The package is pure Go: it reads bytes and returns values. Storing them
// (in one transaction) is store.ImportPeople and store.ImportMunicipalities.
package csvimport

import "github.com/overlegplanner/overlegplanner/i18n"

// Action is what importing a row does to the stored data.
type Action string

// The actions of an import row.
const (
	ActionAdd       Action = "toevoegen"   // a new person or gemeente
	ActionChange    Action = "wijzigen"    // a stored one whose fields change
	ActionUnchanged Action = "ongewijzigd" // a stored one the row repeats
)

// Label returns the display name of the action.
func (a Action) Label() string { return i18n.T("csvimport.action." + string(a)) }

// action classifies a row from the stored value it matched and the fields
// that differ.
func action(matched bool, changes []string) Action {
	switch {
	case !matched:
		return ActionAdd
	case len(changes) > 0:
		return ActionChange
	default:
		return ActionUnchanged
	}
}
