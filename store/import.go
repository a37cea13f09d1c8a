package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// ---- importing lists of people and gemeenten ----
//
// A list imported from a spreadsheet adds some rows and updates others. It
// is stored in one transaction: a list that fails halfway (a name that is
// already taken, a disk that is full) leaves the database as it was, so a
// user can fix the file and import it again without cleaning up.

// ImportResult says what an import did, for the confirmation a user sees.
type ImportResult struct {
	Added, Updated, Unchanged int
	// IDs holds the ID of each imported value, in the order given.
	IDs []int64
}

// ImportPeople adds or updates people in one transaction. A person with
// an ID updates that person; one without updates the stored person with
// the same e-mail address (case ignored), or is added. Every value is
// validated before anything is written, and a list that names one stored
// person twice is refused; on any error nothing is stored.
func (s *Store) ImportPeople(ctx context.Context, people []domain.Person) (ImportResult, error) {
	for i := range people {
		if err := people[i].Validate(); err != nil {
			return ImportResult{}, importRowErr(err, i, people[i].Name)
		}
	}
	var res ImportResult
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res = ImportResult{}
		stored, err := peopleIn(ctx, tx)
		if err != nil {
			return err
		}
		byID := map[int64]domain.Person{}
		byEmail := map[string]int64{}
		for _, p := range stored {
			byID[p.ID] = p
			if k := strings.ToLower(p.Email); k != "" {
				if _, dup := byEmail[k]; !dup {
					byEmail[k] = p.ID
				}
			}
		}
		written := map[int64]int{}
		for i := range people {
			p := people[i]
			if p.ID == 0 && p.Email != "" {
				p.ID = byEmail[strings.ToLower(p.Email)]
			}
			old, exists := byID[p.ID]
			switch {
			case p.ID != 0 && !exists:
				return fmt.Errorf("persoon %d: %w", p.ID, ErrNotFound)
			case !exists:
				if err := savePerson(ctx, tx, &p, true); err != nil {
					return importRowErr(err, i, p.Name)
				}
				res.Added++
				if k := strings.ToLower(p.Email); k != "" {
					byEmail[k] = p.ID
				}
				byID[p.ID] = p
			case old == p:
				res.Unchanged++
			default:
				if err := savePerson(ctx, tx, &p, false); err != nil {
					return importRowErr(err, i, p.Name)
				}
				res.Updated++
			}
			if first, dup := written[p.ID]; dup {
				return i18n.Errorf(errInvalid, "store.import.twice", p.Name, first+1, i+1)
			}
			written[p.ID] = i
			res.IDs = append(res.IDs, p.ID)
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// ImportMunicipalities adds or updates gemeenten in one transaction.
// A gemeente with an ID updates that gemeente; one without updates the
// stored gemeente with the same CBS code, or is added. Names may be
// swapped between gemeenten within one list (names are unique, so the
// updates first move every changed name aside). Every value is validated
// before anything is written; on any error nothing is stored.
func (s *Store) ImportMunicipalities(ctx context.Context, muns []domain.Municipality) (ImportResult, error) {
	for i := range muns {
		if err := muns[i].Validate(); err != nil {
			return ImportResult{}, importRowErr(err, i, muns[i].Name)
		}
	}
	var res ImportResult
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res = ImportResult{}
		rows, err := tx.QueryContext(ctx, "SELECT "+municipalityCols+" FROM municipality")
		stored, err := scanAll(rows, err, scanMunicipality)
		if err != nil {
			return err
		}
		byID := map[int64]domain.Municipality{}
		byCode := map[string]int64{}
		for _, m := range stored {
			byID[m.ID] = m
			byCode[m.CBSCode] = m.ID
		}
		// Resolve every value to a stored gemeente (or none) first, so
		// that renamed ones can be moved aside before any name is taken.
		resolved := make([]domain.Municipality, len(muns))
		written := map[int64]int{}
		newCodes := map[string]int{}
		for i, m := range muns {
			m.CollegeDays = slices.Clone(m.CollegeDays)
			if m.ID == 0 {
				m.ID = byCode[m.CBSCode]
			}
			if m.ID == 0 {
				if first, dup := newCodes[m.CBSCode]; dup {
					return i18n.Errorf(errInvalid, "store.import.twice", m.Name, first+1, i+1)
				}
				newCodes[m.CBSCode] = i
			}
			if m.ID != 0 {
				if _, ok := byID[m.ID]; !ok {
					return fmt.Errorf("gemeente %d: %w", m.ID, ErrNotFound)
				}
				if first, dup := written[m.ID]; dup {
					return i18n.Errorf(errInvalid, "store.import.twice", m.Name, first+1, i+1)
				}
				written[m.ID] = i
				if old := byID[m.ID]; old.Name != m.Name {
					if _, err := tx.ExecContext(ctx, "UPDATE municipality SET name=? WHERE id=?", "\x00import "+strconv.FormatInt(m.ID, 10), m.ID); err != nil {
						return err
					}
				}
			}
			resolved[i] = m
		}
		for i := range resolved {
			m := &resolved[i]
			switch old, exists := byID[m.ID]; {
			case !exists:
				if err := saveMunicipality(ctx, tx, m, true); err != nil {
					return importRowErr(err, i, m.Name)
				}
				res.Added++
			case sameMunicipality(old, *m):
				res.Unchanged++
			default:
				if err := saveMunicipality(ctx, tx, m, false); err != nil {
					return importRowErr(err, i, m.Name)
				}
				res.Updated++
			}
			res.IDs = append(res.IDs, m.ID)
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// peopleIn reads every person inside transaction q.
func peopleIn(ctx context.Context, q querier) ([]domain.Person, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+personCols+" FROM person ORDER BY id")
	return scanAll(rows, err, func(r *sql.Rows) (domain.Person, error) {
		var p domain.Person
		err := r.Scan(&p.ID, &p.Name, &p.Email, &p.Phone, idCol{&p.MunicipalityID}, &p.Role, &p.Function)
		return p, err
	})
}

func sameMunicipality(a, b domain.Municipality) bool {
	return a.ID == b.ID && a.Name == b.Name && a.CBSCode == b.CBSCode && a.Inhabitants == b.Inhabitants &&
		slices.Equal(a.CollegeDays, b.CollegeDays) && a.CollegeLeadDays == b.CollegeLeadDays && a.Region == b.Region
}

// importRowErr says which value of the list failed: the n-th (from 1) and
// its name, with the reason.
func importRowErr(err error, i int, name string) error {
	return i18n.Errorf(err, "store.import.row", i+1, name, i18n.UserMessage(err))
}

// ReplaceSchoolHolidays replaces every stored school-holiday period by
// list, in one transaction: "standaarddatums herstellen" must not leave a
// calendar with half of the old periods and half of the new. Every period
// is validated first; on any error nothing changes. The IDs of list are
// set to the stored ones.
func (s *Store) ReplaceSchoolHolidays(ctx context.Context, list []domain.SchoolHoliday) error {
	for i := range list {
		if err := list[i].Validate(); err != nil {
			return importRowErr(err, i, list[i].Name)
		}
	}
	ids := make([]int64, len(list))
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM school_holiday"); err != nil {
			return err
		}
		for i := range list {
			x := list[i]
			x.ID = 0
			if err := saveSchoolHoliday(ctx, tx, &x, true); err != nil {
				return importRowErr(err, i, x.Name)
			}
			ids[i] = x.ID
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range list {
		list[i].ID = ids[i]
	}
	return nil
}
