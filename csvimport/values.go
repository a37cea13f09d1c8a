package csvimport

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// The parsers below read one cell each. They accept what people type in a
// spreadsheet (and what a spreadsheet makes of it) and return a Message
// naming the value when they cannot.

// ParseCount reads a whole non-negative number as a spreadsheet shows it:
// "57000", "57.000" or "57 000" (Dutch thousands separators). A decimal
// comma or a misplaced point is refused rather than guessed at.
func ParseCount(s string) (int, *i18n.Message) {
	t := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if strings.Contains(t, ".") {
		groups := strings.Split(t, ".")
		if len(groups[0]) == 0 || len(groups[0]) > 3 {
			return 0, msg("csvimport.err.number", s)
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, msg("csvimport.err.number", s)
			}
		}
		t = strings.Join(groups, "")
	}
	if t == "" || len(t) > 9 {
		return 0, msg("csvimport.err.number", s)
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return 0, msg("csvimport.err.number", s)
		}
	}
	n, _ := strconv.Atoi(t)
	return n, nil
}

// ParseLeadDays reads a lead time in working days: "4", "4 werkdagen",
// "4 wd". The range is checked by domain validation.
func ParseLeadDays(s string) (int, *i18n.Message) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, unit := range []string{"werkdagen", "werkdag", "dagen", "dag", "wd"} {
		if strings.HasSuffix(t, unit) {
			t = strings.TrimSpace(strings.TrimSuffix(t, unit))
			break
		}
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 || t == "" || t[0] == '+' {
		return 0, msg("csvimport.err.leaddays", s)
	}
	return n, nil
}

var weekdayNames = map[string]time.Weekday{
	"maandag": time.Monday, "ma": time.Monday, "maa": time.Monday,
	"dinsdag": time.Tuesday, "di": time.Tuesday, "din": time.Tuesday,
	"woensdag": time.Wednesday, "wo": time.Wednesday, "woe": time.Wednesday,
	"donderdag": time.Thursday, "do": time.Thursday, "don": time.Thursday,
	"vrijdag": time.Friday, "vr": time.Friday, "vrij": time.Friday,
}

// ParseWeekdays reads the college days of a gemeente: one or two Dutch
// weekday names, full or short, separated by "en", "/", "+", "&", a comma
// or spaces: "dinsdag", "di", "di/vr", "dinsdag en vrijdag". The result is
// in week order; a weekend day or a day named twice is refused.
func ParseWeekdays(s string) ([]time.Weekday, *i18n.Message) {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
	seen := map[time.Weekday]bool{}
	for _, w := range words {
		if w == "en" {
			continue
		}
		d, ok := weekdayNames[strings.TrimSuffix(w, "s")] // "dinsdags"
		if !ok {
			d, ok = weekdayNames[w]
		}
		if !ok {
			return nil, msg("csvimport.err.weekday", w)
		}
		if seen[d] {
			return nil, msg("csvimport.err.weekdaytwice", w)
		}
		seen[d] = true
	}
	if len(seen) == 0 {
		return nil, msg("csvimport.err.noweekday")
	}
	var out []time.Weekday
	for d := time.Monday; d <= time.Friday; d++ {
		if seen[d] {
			out = append(out, d)
		}
	}
	return out, nil
}

// ParseRegion reads a school-holiday region: "zuid", "Regio Zuid", "Z".
func ParseRegion(s string) (domain.SchoolRegion, *i18n.Message) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.TrimSpace(strings.TrimPrefix(t, "regio"))
	for _, r := range domain.SchoolRegions() {
		if t == string(r) || (len(t) == 1 && t[0] == string(r)[0]) {
			return r, nil
		}
	}
	return "", msg("csvimport.err.region", s)
}

// roleNames maps what people write in a "rol" column to a person role. The
// words of the glossary are there, and the job titles that imply them.
var roleNames = map[string]domain.PersonRole{
	"bestuurder": domain.PersonBestuurder, "wethouder": domain.PersonBestuurder, "portefeuillehouder": domain.PersonBestuurder,
	"burgemeester": domain.PersonBestuurder, "gedeputeerde": domain.PersonBestuurder,
	"ambtenaar": domain.PersonAmbtenaar, "beleidsadviseur": domain.PersonAmbtenaar, "beleidsmedewerker": domain.PersonAmbtenaar,
	"adviseur":   domain.PersonAmbtenaar,
	"secretaris": domain.PersonSecretaris, "secretariaat": domain.PersonSecretaris, "regiosecretaris": domain.PersonSecretaris,
}

// ParseRole reads a person's role ("bestuurder", "ambtenaar", "secretaris",
// or a word that implies one, such as "wethouder").
func ParseRole(s string) (domain.PersonRole, *i18n.Message) {
	if r, ok := roleNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return r, nil
	}
	return "", msg("csvimport.err.role", s)
}

// ParseCBSCode reads a CBS gemeentecode. Spreadsheets turn "0687" into 687,
// so a number of up to four digits gets its zeros and "GM" back; "gm0687"
// is upper-cased.
func ParseCBSCode(s string) (string, *i18n.Message) {
	t := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	digits := strings.TrimPrefix(t, "GM")
	if digits == "" || len(digits) > 4 {
		return "", msg("csvimport.err.cbs", s)
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return "", msg("csvimport.err.cbs", s)
		}
	}
	return "GM" + strings.Repeat("0", 4-len(digits)) + digits, nil
}

// ParseEmail reads an e-mail address, lower-casing nothing (the part before
// the @ may be case-sensitive) but dropping the "mailto:" a copied link
// brings along.
func ParseEmail(s string) (string, *i18n.Message) {
	t := strings.TrimSpace(s)
	if len(t) > 7 && strings.EqualFold(t[:7], "mailto:") {
		t = t[7:]
	}
	if err := domain.ValidateEmail(t); err != nil {
		return "", msg("csvimport.err.email", s)
	}
	return t, nil
}

func msg(key string, args ...any) *i18n.Message {
	m := i18n.M(key, args...)
	return &m
}
