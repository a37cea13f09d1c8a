package icsimport

import (
	"strings"
	"time"
	_ "time/tzdata" // the zones must resolve on Windows, which has no zoneinfo

	"github.com/overlegplanner/overlegplanner/domain"
)

// windowsZones maps the Windows time-zone names that Outlook and Exchange
// write as TZID to IANA zones, for the zones of Europe and a few more that
// Dutch partnerships meet with (from CLDR's windowsZones.xml, territory
// 001). "W. Europe Standard Time" is the Netherlands.
var windowsZones = map[string]string{
	"w. europe standard time":         "Europe/Amsterdam",
	"romance standard time":           "Europe/Brussels",
	"central europe standard time":    "Europe/Budapest",
	"central european standard time":  "Europe/Warsaw",
	"gmt standard time":               "Europe/London",
	"greenwich standard time":         "Atlantic/Reykjavik",
	"e. europe standard time":         "Europe/Chisinau",
	"fle standard time":               "Europe/Kiev",
	"gtb standard time":               "Europe/Bucharest",
	"russian standard time":           "Europe/Moscow",
	"turkey standard time":            "Europe/Istanbul",
	"eastern standard time":           "America/New_York",
	"pacific standard time":           "America/Los_Angeles",
	"utc":                             "UTC",
	"coordinated universal time":      "UTC",
	"sa western standard time":        "America/La_Paz", // Caribisch Nederland
	"w. central africa standard time": "Africa/Lagos",
}

// displayCities are the cities in the display names that older Outlook
// versions write as TZID ("(GMT+01.00) Amsterdam / Berlin / Bern / Rome /
// Stockholm / Vienna"), with their zone. The first city in the name wins.
var displayCities = []struct{ city, zone string }{
	{"amsterdam", "Europe/Amsterdam"},
	{"brussels", "Europe/Brussels"},
	{"brussel", "Europe/Brussels"},
	{"paris", "Europe/Paris"},
	{"berlin", "Europe/Berlin"},
	{"london", "Europe/London"},
	{"dublin", "Europe/Dublin"},
}

// zoneTable resolves TZIDs, remembering each answer: a feed names the same
// zone on every event.
type zoneTable struct {
	known map[string]*time.Location
}

func newZoneTable() *zoneTable { return &zoneTable{known: map[string]*time.Location{}} }

// lookup returns the zone a TZID names: an IANA name (also behind a
// prefix such as "/mozilla.org/20050126_1/Europe/Amsterdam"), a Windows
// name, or an old Outlook display name with a known city. Any other name
// is refused: guessing a zone would put a meeting at the wrong hour
// without anyone noticing.
func (z *zoneTable) lookup(tzid string) (*time.Location, *valueError) {
	if loc, ok := z.known[tzid]; ok {
		return loc, nil
	}
	loc := resolveZone(tzid)
	if loc == nil {
		return nil, bad("icsimport.value.tzid", shown(tzid))
	}
	z.known[tzid] = loc
	return loc, nil
}

func resolveZone(tzid string) *time.Location {
	name := strings.TrimSpace(tzid)
	if name == "" {
		return nil
	}
	if strings.EqualFold(name, "Europe/Amsterdam") {
		return domain.Amsterdam()
	}
	if l, ok := windowsZones[strings.ToLower(name)]; ok {
		return load(l)
	}
	if loc := loadIANA(name); loc != nil {
		return loc
	}
	// A path prefix: try the last two and three segments.
	if parts := strings.Split(strings.Trim(name, "/"), "/"); len(parts) > 1 {
		for _, n := range []int{2, 3} {
			if len(parts) >= n {
				if loc := loadIANA(strings.Join(parts[len(parts)-n:], "/")); loc != nil {
					return loc
				}
			}
		}
	}
	lower := strings.ToLower(name)
	best, at := "", -1
	for _, c := range displayCities {
		if i := strings.Index(lower, c.city); i >= 0 && (at < 0 || i < at) {
			best, at = c.zone, i
		}
	}
	if best != "" {
		return load(best)
	}
	return nil
}

// loadIANA loads an IANA zone name. "Local" (the machine's zone) and
// anything that is not shaped like an IANA name are refused, so that the
// result never depends on the computer the import runs on.
func loadIANA(name string) *time.Location {
	if !strings.Contains(name, "/") && name != "UTC" && name != "GMT" {
		return nil
	}
	for _, r := range name {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '/' || r == '_' || r == '-' || r == '+') {
			return nil
		}
	}
	if strings.Contains(name, "..") || strings.HasPrefix(name, "/") {
		return nil
	}
	return load(name)
}

func load(name string) *time.Location {
	if name == "Europe/Amsterdam" {
		return domain.Amsterdam()
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}
