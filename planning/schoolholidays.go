package planning

import (
	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// School holidays are data, not rules: the Ministerie van OCW publishes them
// per region years ahead (the summer, Christmas and May holidays are
// binding, the spring and autumn dates advisory), and they are sometimes
// corrected. The defaults below seed a new database; users edit them like
// any other data.

// Where the default school holidays come from.
const (
	// SourceOCW2027 is the Rijksoverheid page "Overzicht schoolvakanties
	// 2027-2028" (rijksoverheid.nl/onderwerpen/schoolvakanties/
	// overzicht-schoolvakanties-per-schooljaar/overzicht-schoolvakanties-2027-2028).
	SourceOCW2027 = "rijksoverheid.nl, overzicht schoolvakanties 2027-2028"
	// SourceOCW2026Secondary is the OCW advisory for the autumn holiday of
	// 2026 as quoted from the Rijksoverheid publication by two secondary
	// sources, and matching the published rosters of schools in regions
	// midden and zuid.
	SourceOCW2026Secondary = "OCW-adviesdata herfstvakantie 2026 (via secundaire bronnen), in lijn met schoolroosters"
	// SourceSchoolRosters marks dates derived from the published 2026-2027
	// rosters of schools in the region (a school in Westland for midden, one
	// in Nijmegen for zuid; they follow OCW, sometimes with extra days): not
	// confirmed against the Rijksoverheid table.
	SourceSchoolRosters = "afgeleid uit schoolroosters 2026-2027; niet bevestigd bij Rijksoverheid"
	// SourcePattern marks dates that follow the fixed pattern of the OCW
	// table (the meivakantie is the nine days from the last Saturday of
	// April; Christmas the two weeks around New Year) or an assumption about
	// the regional rotation, and could not be confirmed at all.
	SourcePattern = "volgens het vaste OCW-patroon; niet bevestigd"
)

// SchoolHolidayDefault is a default school-holiday period with where its
// dates come from and whether they were confirmed against the official
// table.
type SchoolHolidayDefault struct {
	domain.SchoolHoliday
	Confirmed bool
	Source    string
}

// School-holiday kinds, the suffix of the catalogue key
// "planning.school.<kind>" that names them.
const (
	schoolAutumn    = "herfst"
	schoolChristmas = "kerst"
	schoolSpring    = "voorjaar"
	schoolMay       = "mei"
	schoolSummer    = "zomer"
)

// SchoolHolidayDefaults returns the school holidays of the school years
// 2026-2027 and 2027-2028 for the three regions, with provenance. Names are
// in the active language, because they become user data.
func SchoolHolidayDefaults() []SchoolHolidayDefault {
	var out []SchoolHolidayDefault
	add := func(kind string, r domain.SchoolRegion, from, to string, confirmed bool, source string) {
		out = append(out, SchoolHolidayDefault{
			SchoolHoliday: domain.SchoolHoliday{Region: r, Name: i18n.T("planning.school." + kind),
				From: date.MustParse(from), To: date.MustParse(to)},
			Confirmed: confirmed, Source: source,
		})
	}
	all := func(kind, from, to string, confirmed bool, source string) {
		for _, r := range domain.SchoolRegions() {
			add(kind, r, from, to, confirmed, source)
		}
	}
	N, M, Z := domain.RegionNoord, domain.RegionMidden, domain.RegionZuid

	// School year 2026-2027: the Rijksoverheid table itself could not be
	// consulted; see the sources.
	add(schoolAutumn, N, "2026-10-10", "2026-10-18", false, SourceOCW2026Secondary)
	add(schoolAutumn, M, "2026-10-17", "2026-10-25", false, SourceOCW2026Secondary)
	add(schoolAutumn, Z, "2026-10-17", "2026-10-25", false, SourceOCW2026Secondary)
	all(schoolChristmas, "2026-12-19", "2027-01-03", false, SourceSchoolRosters)
	add(schoolSpring, N, "2027-02-20", "2027-02-28", false, SourcePattern)
	add(schoolSpring, M, "2027-02-20", "2027-02-28", false, SourceSchoolRosters)
	add(schoolSpring, Z, "2027-02-06", "2027-02-14", false, SourceSchoolRosters) // carnaval 7–9 February 2027
	all(schoolMay, "2027-04-24", "2027-05-02", false, SourcePattern)
	add(schoolSummer, N, "2027-07-10", "2027-08-22", false, SourcePattern)
	add(schoolSummer, M, "2027-07-17", "2027-08-29", false, SourceSchoolRosters)
	add(schoolSummer, Z, "2027-07-17", "2027-08-29", false, SourceSchoolRosters)

	// School year 2027-2028, as published by Rijksoverheid.
	add(schoolAutumn, N, "2027-10-16", "2027-10-24", true, SourceOCW2027)
	add(schoolAutumn, M, "2027-10-16", "2027-10-24", true, SourceOCW2027)
	add(schoolAutumn, Z, "2027-10-23", "2027-10-31", true, SourceOCW2027)
	all(schoolChristmas, "2027-12-25", "2028-01-09", true, SourceOCW2027)
	add(schoolSpring, N, "2028-02-19", "2028-02-27", true, SourceOCW2027)
	add(schoolSpring, M, "2028-02-26", "2028-03-05", true, SourceOCW2027)
	add(schoolSpring, Z, "2028-02-26", "2028-03-05", true, SourceOCW2027)
	all(schoolMay, "2028-04-29", "2028-05-07", true, SourceOCW2027)
	add(schoolSummer, N, "2028-07-15", "2028-08-27", true, SourceOCW2027)
	add(schoolSummer, M, "2028-07-08", "2028-08-20", true, SourceOCW2027)
	add(schoolSummer, Z, "2028-07-22", "2028-09-03", true, SourceOCW2027)
	return out
}

// DefaultSchoolHolidays returns the default school holidays as domain
// values, ready to store (see SchoolHolidayDefaults for their provenance).
func DefaultSchoolHolidays() []domain.SchoolHoliday {
	ds := SchoolHolidayDefaults()
	out := make([]domain.SchoolHoliday, len(ds))
	for i, d := range ds {
		out[i] = d.SchoolHoliday
	}
	return out
}
