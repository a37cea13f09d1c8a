package store

import (
	"errors"
	"strings"

	"github.com/mattn/go-sqlite3"

	"github.com/overlegplanner/overlegplanner/i18n"
)

func isConstraint(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint
}

// uniqueErr turns a UNIQUE violation into "name already exists".
func uniqueErr(err error, name string) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
		return i18n.Errorf(err, "store.err.duplicate", name)
	}
	return err
}

// inUse explains a refused delete: other data still refers to the row.
func inUse(err error, key string) error {
	if strings.Contains(err.Error(), "FOREIGN KEY") {
		return i18n.Errorf(err, key)
	}
	return err
}

func invalidTitle() error {
	return i18n.Errorf(errInvalid, "domain.invalid.required", i18n.T("domain.field.title"))
}

func invalidDescription() error {
	return i18n.Errorf(errInvalid, "store.err.nodescription")
}

var errInvalid = errors.New("ongeldige invoer")
