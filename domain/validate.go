package domain

import (
	"errors"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// Validation errors are *i18n.Error values whose message names the field
// and the problem in the user's language; the UI shows them as they are.

// ErrInvalid is the cause of every validation error, for errors.Is.
var ErrInvalid = errors.New("ongeldige invoer")

// ErrFileChanged means a stuk's stored file no longer has the content that
// was received (its SHA-256 differs): changed or damaged on disk. The
// store reports it when reading a file, and the vergaderbundel stops on it,
// so that both can say the same thing about the same fault.
var ErrFileChanged = errors.New("het bestand is na ontvangst gewijzigd of beschadigd")

func invalid(key string, args ...any) error { return i18n.Errorf(ErrInvalid, key, args...) }

var cbsCode = regexp.MustCompile(`^GM\d{4}$`)

// ParseDate reads a user-typed date with a Dutch message on failure naming
// the field. It takes the ISO form (2027-03-15) and the Dutch order as people
// type it: day, month and a four-digit year, with or without leading zeros,
// separated by "-", "/" or "." (15-3-2027, 1/3/2027, 01.03.2027). A
// two-digit year is refused: "27" could be 1927 or 2027, and a deadline a
// century off is worse than a question.
func ParseDate(field, s string) (date.Date, error) {
	s = strings.TrimSpace(s)
	if d, ok := parseDayMonthYear(s); ok {
		return d, nil
	}
	return 0, invalid("domain.invalid.date", field, s)
}

// parseDayMonthYear reads the forms ParseDate accepts.
func parseDayMonthYear(s string) (date.Date, bool) {
	var parts []string
	for _, sep := range []string{"-", "/", "."} {
		if p := strings.Split(s, sep); len(p) == 3 {
			parts = p
			break
		}
	}
	if parts == nil {
		return 0, false
	}
	y, m, d := parts[2], parts[1], parts[0]
	if len(parts[0]) == 4 { // ISO: year first
		y, d = parts[0], parts[2]
	}
	if len(y) != 4 || len(m) < 1 || len(m) > 2 || len(d) < 1 || len(d) > 2 {
		return 0, false
	}
	yy, err1 := strconv.Atoi(y)
	mm, err2 := strconv.Atoi(m)
	dd, err3 := strconv.Atoi(d)
	for _, p := range []string{y, m, d} {
		if strings.TrimLeft(p, "0123456789") != "" {
			return 0, false // Atoi would take a sign
		}
	}
	if err1 != nil || err2 != nil || err3 != nil || yy < 1 || mm < 1 || mm > 12 || dd < 1 || dd > date.DaysIn(yy, time.Month(mm)) {
		return 0, false
	}
	return date.New(yy, time.Month(mm), dd), true
}

// ParseClock reads a user-typed time of day ("14:00", "9:30", "1400") and
// returns the minutes after midnight.
func ParseClock(field, s string) (int, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ".", ":"))
	h, m, ok := strings.Cut(s, ":")
	if !ok && len(s) == 4 {
		h, m, ok = s[:2], s[2:], true
	}
	if ok {
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(m)
		if err1 == nil && err2 == nil && len(m) == 2 && len(h) <= 2 && hh >= 0 && hh < 24 && mm >= 0 && mm < 60 {
			return hh*60 + mm, nil
		}
	}
	return 0, invalid("domain.invalid.clock", field, s)
}

// FormatClock writes minutes after midnight as "14:00".
func FormatClock(minutes int) string {
	h, m := minutes/60, minutes%60
	return strconv.Itoa(h/10) + strconv.Itoa(h%10) + ":" + strconv.Itoa(m/10) + strconv.Itoa(m%10)
}

// ValidateEmail accepts a bare address (no display name) with a domain part
// that has a dot, which is what invites need.
func ValidateEmail(s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return invalid("domain.invalid.email", s)
	}
	_, host, _ := strings.Cut(s, "@")
	if !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return invalid("domain.invalid.email", s)
	}
	return nil
}

func isWorkweekday(w time.Weekday) bool { return w >= time.Monday && w <= time.Friday }

// Validate checks a gemeente as typed by a user.
func (m Municipality) Validate() error {
	switch {
	case strings.TrimSpace(m.Name) == "":
		return invalid("domain.invalid.required", i18n.T("domain.field.name"))
	case !cbsCode.MatchString(m.CBSCode):
		return invalid("domain.invalid.cbs", m.CBSCode)
	case m.Inhabitants < 0:
		return invalid("domain.invalid.inhabitants")
	case len(m.CollegeDays) == 0:
		return invalid("domain.invalid.collegedays.none", m.Name)
	case m.CollegeLeadDays < 0 || m.CollegeLeadDays > 30:
		return invalid("domain.invalid.leaddays", m.CollegeLeadDays)
	}
	seen := map[time.Weekday]bool{}
	for _, d := range m.CollegeDays {
		if !isWorkweekday(d) || seen[d] {
			return invalid("domain.invalid.collegedays", m.Name)
		}
		seen[d] = true
	}
	if !validRegion(m.Region) {
		return invalid("domain.invalid.region", string(m.Region))
	}
	return nil
}

func validRegion(r SchoolRegion) bool {
	for _, x := range SchoolRegions() {
		if r == x {
			return true
		}
	}
	return false
}

// Validate checks a partnership and its memberships: a gemeente's
// membership periods must not overlap.
func (p Partnership) Validate() error {
	if strings.TrimSpace(p.Name) == "" {
		return invalid("domain.invalid.required", i18n.T("domain.field.name"))
	}
	ok := false
	for _, f := range LegalForms() {
		ok = ok || p.LegalForm == f
	}
	if !ok {
		return invalid("domain.invalid.legalform", string(p.LegalForm))
	}
	for i, m := range p.Members {
		if m.MunicipalityID == 0 || m.From.IsZero() {
			return invalid("domain.invalid.membership.from")
		}
		if !m.Until.IsZero() && !m.Until.After(m.From) {
			return invalid("domain.invalid.membership.until", m.From.String(), m.Until.String())
		}
		for _, o := range p.Members[:i] {
			if o.MunicipalityID == m.MunicipalityID && overlaps(o.From, o.Until, m.From, m.Until) {
				return invalid("domain.invalid.membership.overlap")
			}
		}
	}
	return nil
}

// overlaps reports whether [a1,a2) and [b1,b2) overlap; a zero end is open.
func overlaps(a1, a2, b1, b2 date.Date) bool {
	return (a2.IsZero() || b1.Before(a2)) && (b2.IsZero() || a1.Before(b2))
}

// Validate checks a person.
func (p Person) Validate() error {
	if strings.TrimSpace(p.Name) == "" {
		return invalid("domain.invalid.required", i18n.T("domain.field.name"))
	}
	if p.Email != "" {
		if err := ValidateEmail(p.Email); err != nil {
			return err
		}
	}
	for _, r := range PersonRoles() {
		if p.Role == r {
			return nil
		}
	}
	return invalid("domain.invalid.personrole", string(p.Role))
}

// Validate checks a body, its rhythm and its chain template.
func (b Body) Validate() error {
	switch {
	case strings.TrimSpace(b.Name) == "":
		return invalid("domain.invalid.required", i18n.T("domain.field.name"))
	case b.PartnershipID == 0:
		return invalid("domain.invalid.required", i18n.T("domain.field.partnership"))
	case b.StartMinute < 0 || b.StartMinute >= 24*60:
		return invalid("domain.invalid.clock", i18n.T("domain.field.start"), strconv.Itoa(b.StartMinute))
	case b.Duration <= 0 || b.Duration > 12*60:
		return invalid("domain.invalid.duration", b.Duration)
	case b.TightDays < 0 || b.TightDays > 60:
		return invalid("domain.invalid.tightdays", b.TightDays)
	}
	ok := false
	for _, k := range BodyKinds() {
		ok = ok || b.Kind == k
	}
	if !ok {
		return invalid("domain.invalid.bodykind", string(b.Kind))
	}
	if err := b.Rhythm.Validate(); err != nil {
		return err
	}
	for _, m := range b.Members {
		if !m.Until.IsZero() && !m.From.IsZero() && !m.Until.After(m.From) {
			return invalid("domain.invalid.membership.until", m.From.String(), m.Until.String())
		}
	}
	return ValidateChain(b.Chain)
}

// Validate checks a rhythm.
func (r Rhythm) Validate() error {
	switch r.Kind {
	case RhythmNone:
		return nil
	case RhythmWeeks:
		if r.Interval < 0 || r.Interval > 52 {
			return invalid("domain.invalid.interval", r.Interval)
		}
	case RhythmMonthly:
		if r.Interval < 0 || r.Interval > 12 {
			return invalid("domain.invalid.interval", r.Interval)
		}
		if r.Nth != -1 && (r.Nth < 1 || r.Nth > 4) {
			return invalid("domain.invalid.nth", r.Nth)
		}
	default:
		return invalid("domain.invalid.rhythm", string(r.Kind))
	}
	if !isWorkweekday(r.Weekday) {
		return invalid("domain.invalid.weekday")
	}
	return nil
}

// ValidateChain checks a chain template: unique keys, known units, anchors
// and audiences, and rule anchors that refer to an earlier rule (which also
// rules out cycles).
func ValidateChain(rules []DeadlineRule) error {
	seen := map[string]bool{}
	for _, r := range rules {
		if strings.TrimSpace(r.Key) == "" || strings.TrimSpace(r.Name) == "" {
			return invalid("domain.invalid.rule.name")
		}
		if seen[r.Key] {
			return invalid("domain.invalid.rule.duplicate", r.Key)
		}
		if r.Unit != Werkdagen && r.Unit != Kalenderdagen {
			return invalid("domain.invalid.rule.unit", r.Name)
		}
		if r.Offset < -366 || r.Offset > 366 {
			return invalid("domain.invalid.rule.offset", r.Name, r.Offset)
		}
		if r.Roll != "" && r.Roll != RollEarlier && r.Roll != RollLater {
			return invalid("domain.invalid.rule.roll", r.Name)
		}
		switch r.Anchor {
		case AnchorMeeting, AnchorPrep:
		case AnchorCollege:
			if !r.PerMunicipality {
				return invalid("domain.invalid.rule.college", r.Name)
			}
		case AnchorRule:
			if !seen[r.AnchorRule] {
				return invalid("domain.invalid.rule.anchor", r.Name, r.AnchorRule)
			}
		default:
			return invalid("domain.invalid.rule.anchorkind", r.Name)
		}
		seen[r.Key] = true
	}
	return nil
}

// Validate checks a meeting as edited by a user.
func (m Meeting) Validate() error {
	switch {
	case m.BodyID == 0:
		return invalid("domain.invalid.required", i18n.T("domain.field.body"))
	case m.Start.IsZero() || m.End.IsZero():
		return invalid("domain.invalid.required", i18n.T("domain.field.start"))
	case !m.End.After(m.Start):
		return invalid("domain.invalid.endbeforestart")
	case m.End.Sub(m.Start) > 12*time.Hour:
		return invalid("domain.invalid.duration", int(m.End.Sub(m.Start)/time.Minute))
	}
	for _, s := range MeetingStatuses() {
		if m.Status == s {
			return nil
		}
	}
	return invalid("domain.invalid.status", string(m.Status))
}

// Validate checks an agenda item.
func (it AgendaItem) Validate() error {
	if strings.TrimSpace(it.Title) == "" {
		return invalid("domain.invalid.required", i18n.T("domain.field.title"))
	}
	for _, k := range ItemKinds() {
		if it.Kind == k {
			return nil
		}
	}
	return invalid("domain.invalid.itemkind", string(it.Kind))
}

// Validate checks a recess period.
func (r Recess) Validate() error {
	if strings.TrimSpace(r.Name) == "" {
		return invalid("domain.invalid.required", i18n.T("domain.field.name"))
	}
	if r.From.IsZero() || r.To.IsZero() || r.To.Before(r.From) {
		return invalid("domain.invalid.period", r.From.String(), r.To.String())
	}
	return nil
}

// Validate checks a school-holiday period.
func (s SchoolHoliday) Validate() error {
	if !validRegion(s.Region) {
		return invalid("domain.invalid.region", string(s.Region))
	}
	return Recess{Name: s.Name, From: s.From, To: s.To}.Validate()
}

// Validate checks a closed day.
func (c ClosedDay) Validate() error {
	if c.Date.IsZero() {
		return invalid("domain.invalid.required", i18n.T("domain.field.date"))
	}
	if strings.TrimSpace(c.Name) == "" {
		return invalid("domain.invalid.required", i18n.T("domain.field.name"))
	}
	return nil
}

// Validate checks the settings.
func (s Settings) Validate() error {
	switch s.Holidays.Liberation {
	case LiberationYearly, LiberationLustrum, LiberationNever:
	default:
		return invalid("domain.invalid.liberation", string(s.Holidays.Liberation))
	}
	if s.TightDays < 0 || s.TightDays > 60 {
		return invalid("domain.invalid.tightdays", s.TightDays)
	}
	if s.OrganiserEmail != "" {
		if err := ValidateEmail(s.OrganiserEmail); err != nil {
			return err
		}
	}
	if s.Language != "" && s.Language != "nl" && s.Language != "en" {
		return invalid("domain.invalid.language", s.Language)
	}
	return nil
}
