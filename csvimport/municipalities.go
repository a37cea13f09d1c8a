package csvimport

import (
	"io"
	"slices"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// The columns of a gemeenten file (canonical names as in docs/import.md).
// The name column is ColName, shared with the people file.
const (
	ColCBSCode     = "cbs-code"
	ColInhabitants = "inwoners"
	ColCollegeDays = "collegedag"
	ColLeadDays    = "aanlevertermijn"
	ColRegion      = "regio"
)

var municipalityFormat = format{
	columns: []column{
		{ColName, []string{"gemeente", "gemeentenaam", "name"}},
		{ColCBSCode, []string{"cbs", "cbscode", "gemeentecode", "code"}},
		{ColInhabitants, []string{"aantal inwoners", "inwonertal", "inwoneraantal"}},
		{ColCollegeDays, []string{"collegedagen", "collegevergadering", "vergaderdag college", "b&w-vergadering"}},
		{ColLeadDays, []string{"aanlevertermijn (werkdagen)", "aanlevertermijn werkdagen", "termijn"}},
		{ColRegion, []string{"schoolregio", "vakantieregio", "schoolvakantieregio"}},
	},
	required: []string{ColName, ColCBSCode},
}

// MunicipalityRow is one row of a gemeenten file, resolved against the
// stored gemeenten.
type MunicipalityRow struct {
	// Line is where the row starts in the file.
	Line int
	// Municipality is the value to store: for an update it has the stored
	// gemeente's ID and keeps the fields the file has no column for.
	Municipality domain.Municipality
	// Old is the stored gemeente with the same CBS code; nil for a new one.
	Old *domain.Municipality
	// Changes names the columns whose values differ from Old.
	Changes []string
}

// Action says whether the row adds, changes or repeats a gemeente.
func (r MunicipalityRow) Action() Action { return action(r.Old != nil, r.Changes) }

// Municipalities reads a gemeenten file and matches its rows to the stored
// gemeenten by CBS code. A new gemeente needs every column but inwoners;
// a name that already belongs to another gemeente is refused (names are
// unique), unless the same file renames that other gemeente. On any problem
// it returns no rows and an error wrapping a *Rejected.
func Municipalities(r io.Reader, existing []domain.Municipality) ([]MunicipalityRow, error) {
	ps := &problems{}
	t := readTable(r, municipalityFormat, ps)
	if t == nil || ps.any() {
		return nil, ps.err()
	}
	byCBS := map[string]*domain.Municipality{}
	byName := map[string]*domain.Municipality{}
	for i := range existing {
		m := &existing[i]
		byCBS[m.CBSCode] = m
		byName[foldName(m.Name)] = m
	}
	// The names the file gives each CBS code, to allow swaps and renames
	// within one file.
	fileName := map[string]string{}
	for _, rec := range t.rows {
		if code, m := ParseCBSCode(rec.fields[ColCBSCode]); m == nil {
			fileName[code] = foldName(rec.fields[ColName])
		}
	}
	seenCode := map[string]int{}
	seenName := map[string]int{}
	var rows []MunicipalityRow
	for _, rec := range t.rows {
		row, ok := municipalityRow(rec, ps, byCBS)
		if !ok {
			continue
		}
		m := row.Municipality
		if first, dup := seenCode[m.CBSCode]; dup {
			ps.add(rec.line, rec.header[ColCBSCode], "csvimport.err.duplicate", m.CBSCode, first)
			continue
		}
		if first, dup := seenName[foldName(m.Name)]; dup {
			ps.add(rec.line, rec.header[ColName], "csvimport.err.duplicate", m.Name, first)
			continue
		}
		if other := byName[foldName(m.Name)]; other != nil && other.CBSCode != m.CBSCode {
			if renamed, ok := fileName[other.CBSCode]; !ok || renamed == foldName(m.Name) {
				ps.add(rec.line, rec.header[ColName], "csvimport.err.nametaken", m.Name, other.CBSCode)
				continue
			}
		}
		seenCode[m.CBSCode] = rec.line
		seenName[foldName(m.Name)] = rec.line
		rows = append(rows, row)
	}
	if ps.any() {
		return nil, ps.err()
	}
	return rows, nil
}

// municipalityRow resolves one record; ok is false when it added problems.
func municipalityRow(rec record, ps *problems, byCBS map[string]*domain.Municipality) (MunicipalityRow, bool) {
	before := len(ps.r.Problems) + ps.r.Omitted
	col := func(name string) string { return rec.header[name] }
	fail := func(column string, m *i18n.Message) {
		ps.addMsg(rec.line, col(column), *m)
	}
	name := collapseSpaces(rec.fields[ColName])
	if name == "" {
		ps.add(rec.line, col(ColName), "csvimport.err.required")
	}
	code, m := ParseCBSCode(rec.fields[ColCBSCode])
	if m != nil {
		fail(ColCBSCode, m)
	}
	inhabitants := 0
	if v := rec.fields[ColInhabitants]; v != "" {
		if inhabitants, m = ParseCount(v); m != nil {
			fail(ColInhabitants, m)
		}
	}
	var parsed domain.Municipality // the college days, lead time and region as read
	if rec.has(ColCollegeDays) {
		if parsed.CollegeDays, m = ParseWeekdays(rec.fields[ColCollegeDays]); m != nil {
			fail(ColCollegeDays, m)
		}
	}
	if rec.has(ColLeadDays) {
		if v := rec.fields[ColLeadDays]; v == "" {
			ps.add(rec.line, col(ColLeadDays), "csvimport.err.required")
		} else if parsed.CollegeLeadDays, m = ParseLeadDays(v); m != nil {
			fail(ColLeadDays, m)
		}
	}
	if rec.has(ColRegion) {
		if parsed.Region, m = ParseRegion(rec.fields[ColRegion]); m != nil {
			fail(ColRegion, m)
		}
	}
	if len(ps.r.Problems)+ps.r.Omitted > before {
		return MunicipalityRow{}, false
	}

	old := byCBS[code]
	var out domain.Municipality
	if old != nil {
		out = *old
		out.CollegeDays = slices.Clone(old.CollegeDays)
	} else {
		for _, need := range []string{ColCollegeDays, ColLeadDays, ColRegion} {
			if !rec.has(need) {
				ps.add(rec.line, "", "csvimport.err.newmunicipality", code, need)
			}
		}
		if len(ps.r.Problems)+ps.r.Omitted > before {
			return MunicipalityRow{}, false
		}
	}
	out.Name, out.CBSCode = name, code
	if rec.has(ColInhabitants) {
		out.Inhabitants = inhabitants
	}
	if rec.has(ColCollegeDays) {
		out.CollegeDays = parsed.CollegeDays
	}
	if rec.has(ColLeadDays) {
		out.CollegeLeadDays = parsed.CollegeLeadDays
	}
	if rec.has(ColRegion) {
		out.Region = parsed.Region
	}
	if err := out.Validate(); err != nil {
		ps.addMsg(rec.line, "", messageOf(err))
		return MunicipalityRow{}, false
	}
	row := MunicipalityRow{Line: rec.line, Municipality: out, Old: old}
	if old != nil {
		row.Changes = municipalityChanges(*old, out)
	}
	return row, true
}

func municipalityChanges(a, b domain.Municipality) []string {
	var out []string
	add := func(differ bool, col string) {
		if differ {
			out = append(out, col)
		}
	}
	add(a.Name != b.Name, ColName)
	add(a.Inhabitants != b.Inhabitants, ColInhabitants)
	add(!slices.Equal(a.CollegeDays, b.CollegeDays), ColCollegeDays)
	add(a.CollegeLeadDays != b.CollegeLeadDays, ColLeadDays)
	add(a.Region != b.Region, ColRegion)
	return out
}
