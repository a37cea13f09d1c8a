package csvimport

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// The columns of a people file (canonical names as in docs/import.md).
const (
	ColName         = "naam"
	ColEmail        = "e-mail"
	ColPhone        = "telefoon"
	ColMunicipality = "gemeente"
	ColRole         = "rol"
	ColFunction     = "functie"
)

var peopleFormat = format{
	columns: []column{
		{ColName, []string{"name", "volledige naam", "naam persoon"}},
		{ColEmail, []string{"email", "e-mailadres", "emailadres", "mail", "mailadres"}},
		{ColPhone, []string{"telefoonnummer", "tel", "tel.nr", "telnr", "mobiel", "phone"}},
		{ColMunicipality, []string{"organisatie gemeente", "gemeentenaam", "cbs-code gemeente"}},
		{ColRole, []string{"rol in overleg", "role"}},
		{ColFunction, []string{"functietitel", "functienaam", "function"}},
	},
	required: []string{ColName},
}

// PersonRow is one row of a people file, resolved against the stored data.
type PersonRow struct {
	// Line is where the row starts in the file.
	Line int
	// Person is the value to store: for an update it has the stored
	// person's ID and keeps the fields the file has no column for.
	Person domain.Person
	// Old is the stored person the row updates; nil for a new person.
	Old *domain.Person
	// Changes names the columns whose values differ from Old (nil for a
	// new person).
	Changes []string
}

// Action says whether the row adds, changes or repeats a person.
func (r PersonRow) Action() Action { return action(r.Old != nil, r.Changes) }

// People reads a people file. The gemeente column names a gemeente of muns
// by name or CBS code; rows are matched against existing people (see the
// package comment). On any problem it returns no rows and an error wrapping
// a *Rejected.
func People(r io.Reader, muns []domain.Municipality, existing []domain.Person) ([]PersonRow, error) {
	ps := &problems{}
	t := readTable(r, peopleFormat, ps)
	if t == nil || ps.any() {
		return nil, ps.err()
	}
	munByKey := map[string]int64{}
	for _, m := range muns {
		munByKey[foldName(m.Name)] = m.ID
		munByKey[foldName("gemeente "+m.Name)] = m.ID
		munByKey[strings.ToLower(m.CBSCode)] = m.ID
	}
	byEmail := map[string]*domain.Person{}
	byName := map[string][]*domain.Person{}
	for i := range existing {
		p := &existing[i]
		if k := strings.ToLower(p.Email); k != "" {
			if _, dup := byEmail[k]; !dup {
				byEmail[k] = p
			}
		}
		byName[foldName(p.Name)] = append(byName[foldName(p.Name)], p)
	}
	seen := map[string]int{} // identity of the row -> line that had it first
	var rows []PersonRow
	for _, rec := range t.rows {
		row, ok := personRow(rec, ps, munByKey, byEmail, byName)
		if !ok {
			continue
		}
		// A row is the same person as an earlier row when it updates the
		// same stored person, has the same address, or (without an
		// address) the same name in the same gemeente.
		var keys []string
		if row.Old != nil {
			keys = append(keys, "id:"+strconv.FormatInt(row.Old.ID, 10))
		}
		if e := strings.ToLower(row.Person.Email); e != "" {
			keys = append(keys, "e-mail:"+e)
		} else {
			keys = append(keys, "naam:"+foldName(row.Person.Name)+"|"+strconv.FormatInt(row.Person.MunicipalityID, 10))
		}
		dup := false
		for _, k := range keys {
			if first, ok := seen[k]; ok && !dup {
				ps.add(rec.line, "", "csvimport.err.duplicate", row.Person.Name, first)
				dup = true
			}
		}
		if dup {
			continue
		}
		for _, k := range keys {
			seen[k] = rec.line
		}
		rows = append(rows, row)
	}
	if ps.any() {
		return nil, ps.err()
	}
	return rows, nil
}

// personRow resolves one record; ok is false when it added problems.
func personRow(rec record, ps *problems, munByKey map[string]int64, byEmail map[string]*domain.Person, byName map[string][]*domain.Person) (PersonRow, bool) {
	before := len(ps.r.Problems) + ps.r.Omitted
	col := func(name string) string { return rec.header[name] }
	name := collapseSpaces(rec.fields[ColName])
	if name == "" {
		ps.add(rec.line, col(ColName), "csvimport.err.required")
	}
	email := ""
	if v := rec.fields[ColEmail]; v != "" {
		var m *i18n.Message
		if email, m = ParseEmail(v); m != nil {
			ps.addMsg(rec.line, col(ColEmail), *m)
		}
	}
	var munID int64
	if v := rec.fields[ColMunicipality]; v != "" {
		id, ok := munByKey[foldName(v)]
		if !ok {
			id, ok = munByKey[strings.ToLower(strings.TrimSpace(v))]
		}
		if !ok {
			ps.add(rec.line, col(ColMunicipality), "csvimport.err.municipality", v)
		}
		munID = id
	}
	var role domain.PersonRole
	if rec.has(ColRole) {
		if v := rec.fields[ColRole]; v == "" {
			ps.add(rec.line, col(ColRole), "csvimport.err.required")
		} else {
			var m *i18n.Message
			if role, m = ParseRole(v); m != nil {
				ps.addMsg(rec.line, col(ColRole), *m)
			}
		}
	}
	if len(ps.r.Problems)+ps.r.Omitted > before {
		return PersonRow{}, false
	}

	// Find the stored person: by e-mail address first; else by name (and
	// gemeente, when the file has that column) among people whose address
	// the row does not contradict.
	var old *domain.Person
	if email != "" {
		old = byEmail[strings.ToLower(email)]
	}
	if old == nil {
		var cands []*domain.Person
		for _, c := range byName[foldName(name)] {
			if (!rec.has(ColMunicipality) || c.MunicipalityID == munID) && (email == "" || c.Email == "") {
				cands = append(cands, c)
			}
		}
		switch {
		case len(cands) == 1:
			old = cands[0]
		case len(cands) > 1:
			ps.add(rec.line, col(ColName), "csvimport.err.ambiguous", name)
			return PersonRow{}, false
		}
	}

	var p domain.Person
	if old != nil {
		p = *old
	} else if !rec.has(ColRole) {
		ps.add(rec.line, "", "csvimport.err.newperson", ColRole)
		return PersonRow{}, false
	}
	p.Name = name
	if email != "" { // an empty cell never removes an address: it is the key
		p.Email = email
	}
	if rec.has(ColPhone) {
		p.Phone = rec.fields[ColPhone]
	}
	if rec.has(ColMunicipality) {
		p.MunicipalityID = munID
	}
	if rec.has(ColRole) {
		p.Role = role
	}
	if rec.has(ColFunction) {
		p.Function = rec.fields[ColFunction]
	}
	if err := p.Validate(); err != nil {
		ps.addMsg(rec.line, "", messageOf(err))
		return PersonRow{}, false
	}
	row := PersonRow{Line: rec.line, Person: p, Old: old}
	if old != nil {
		row.Changes = personChanges(*old, p)
	}
	return row, true
}

func personChanges(a, b domain.Person) []string {
	var out []string
	add := func(differ bool, col string) {
		if differ {
			out = append(out, col)
		}
	}
	add(a.Name != b.Name, ColName)
	add(a.Email != b.Email, ColEmail)
	add(a.Phone != b.Phone, ColPhone)
	add(a.MunicipalityID != b.MunicipalityID, ColMunicipality)
	add(a.Role != b.Role, ColRole)
	add(a.Function != b.Function, ColFunction)
	return out
}

// foldName is the form in which names are compared: case and runs of
// spaces do not make two people (or gemeenten) different.
func foldName(s string) string { return strings.ToLower(collapseSpaces(s)) }

func collapseSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// messageOf returns the user message of a validation error.
func messageOf(err error) i18n.Message {
	var ie *i18n.Error
	if errors.As(err, &ie) {
		return ie.Msg
	}
	return i18n.M("csvimport.err.invalid", err.Error())
}
