package domain

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// TestEveryValidationRuleHasADutchMessage goes through every rule of the
// Validate methods and typed-value parsers (issue 6 part 5): each refusal
// is an *i18n.Error wrapping ErrInvalid, with the catalogue key of that
// rule, rendered in Dutch without a raw key or a broken verb, and naming
// the value the user typed where the message has one.
func TestEveryValidationRuleHasADutchMessage(t *testing.T) {
	d := date.MustParse
	ams := Amsterdam()
	start := time.Date(2027, 3, 4, 14, 0, 0, 0, ams)
	mun := Municipality{Name: "Veere", CBSCode: "GM0717", CollegeDays: []time.Weekday{time.Tuesday}, Region: RegionZuid, CollegeLeadDays: 4}
	body := Body{Name: "PHO", PartnershipID: 1, Kind: BodyPHO, StartMinute: 840, Duration: 120}
	meeting := Meeting{BodyID: 1, Start: start, End: start.Add(2 * time.Hour), Status: StatusGepland}
	rule := DeadlineRule{Key: "a", Name: "aanmelden", Anchor: AnchorMeeting, Offset: -10, Unit: Werkdagen}
	settings := Settings{Holidays: HolidayOptions{Liberation: LiberationLustrum}, TightDays: 5}
	withMun := func(f func(*Municipality)) Municipality { m := mun; f(&m); return m }
	withBody := func(f func(*Body)) Body { b := body; f(&b); return b }
	withMeeting := func(f func(*Meeting)) Meeting { m := meeting; f(&m); return m }
	withRule := func(f func(*DeadlineRule)) Body {
		r := rule
		f(&r)
		return withBody(func(b *Body) { b.Chain = []DeadlineRule{r} })
	}
	withSettings := func(f func(*Settings)) Settings { s := settings; f(&s); return s }
	tests := []struct {
		name string
		err  error
		key  string
		says string // the typed value the Dutch message must repeat, if any
	}{
		{"date", func() error { _, err := ParseDate("datum", "30-02-2027"); return err }(), "domain.invalid.date", "30-02-2027"},
		{"clock", func() error { _, err := ParseClock("begintijd", "25:00"); return err }(), "domain.invalid.clock", "25:00"},
		{"e-mail", ValidateEmail("jan@veere"), "domain.invalid.email", "jan@veere"},
		{"e-mail with a name", ValidateEmail("Jan <jan@veere.nl>"), "domain.invalid.email", ""},

		{"gemeente without name", withMun(func(m *Municipality) { m.Name = " " }).Validate(), "domain.invalid.required", "naam"},
		{"CBS code", withMun(func(m *Municipality) { m.CBSCode = "717" }).Validate(), "domain.invalid.cbs", "717"},
		{"inhabitants", withMun(func(m *Municipality) { m.Inhabitants = -1 }).Validate(), "domain.invalid.inhabitants", ""},
		{"no college day", withMun(func(m *Municipality) { m.CollegeDays = nil }).Validate(), "domain.invalid.collegedays.none", "Veere"},
		{"college lead days", withMun(func(m *Municipality) { m.CollegeLeadDays = 31 }).Validate(), "domain.invalid.leaddays", "31"},
		{"college twice on Tuesday", withMun(func(m *Municipality) { m.CollegeDays = []time.Weekday{time.Tuesday, time.Tuesday} }).Validate(), "domain.invalid.collegedays", "Veere"},
		{"school region", withMun(func(m *Municipality) { m.Region = "oost" }).Validate(), "domain.invalid.region", "oost"},

		{"partnership without name", Partnership{LegalForm: LegalFormGR}.Validate(), "domain.invalid.required", "naam"},
		{"legal form", Partnership{Name: "X", LegalForm: "bv"}.Validate(), "domain.invalid.legalform", "bv"},
		{"membership without start", Partnership{Name: "X", LegalForm: LegalFormGR, Members: []Membership{{MunicipalityID: 1}}}.Validate(), "domain.invalid.membership.from", ""},
		{"membership ends before it starts", Partnership{Name: "X", LegalForm: LegalFormGR, Members: []Membership{{MunicipalityID: 1, From: d("2024-01-01"), Until: d("2024-01-01")}}}.Validate(), "domain.invalid.membership.until", "2024-01-01"},
		{"memberships overlap", Partnership{Name: "X", LegalForm: LegalFormGR, Members: []Membership{{MunicipalityID: 1, From: d("2020-01-01")}, {MunicipalityID: 1, From: d("2024-01-01")}}}.Validate(), "domain.invalid.membership.overlap", ""},

		{"person without name", Person{Role: PersonAmbtenaar}.Validate(), "domain.invalid.required", "naam"},
		{"person's e-mail", Person{Name: "A", Email: "a@b", Role: PersonAmbtenaar}.Validate(), "domain.invalid.email", "a@b"},
		{"person's role", Person{Name: "A", Role: "stagiair"}.Validate(), "domain.invalid.personrole", "stagiair"},

		{"body without name", withBody(func(b *Body) { b.Name = "" }).Validate(), "domain.invalid.required", "naam"},
		{"body without partnership", withBody(func(b *Body) { b.PartnershipID = 0 }).Validate(), "domain.invalid.required", ""},
		{"body start time", withBody(func(b *Body) { b.StartMinute = 24 * 60 }).Validate(), "domain.invalid.clock", "1440"},
		{"body duration", withBody(func(b *Body) { b.Duration = 0 }).Validate(), "domain.invalid.duration", ""},
		{"body tight days", withBody(func(b *Body) { b.TightDays = 61 }).Validate(), "domain.invalid.tightdays", "61"},
		{"body kind", withBody(func(b *Body) { b.Kind = "raad" }).Validate(), "domain.invalid.bodykind", "raad"},
		{"seat ends before it starts", withBody(func(b *Body) { b.Members = []BodyMember{{PersonID: 1, From: d("2027-01-01"), Until: d("2026-01-01")}} }).Validate(), "domain.invalid.membership.until", "2027-01-01"},

		{"rhythm kind", Rhythm{Kind: "jaarlijks", Weekday: time.Monday}.Validate(), "domain.invalid.rhythm", "jaarlijks"},
		{"weeks interval", Rhythm{Kind: RhythmWeeks, Interval: 53, Weekday: time.Monday}.Validate(), "domain.invalid.interval", "53"},
		{"months interval", Rhythm{Kind: RhythmMonthly, Interval: 13, Nth: 1, Weekday: time.Monday}.Validate(), "domain.invalid.interval", "13"},
		{"nth weekday", Rhythm{Kind: RhythmMonthly, Nth: 5, Weekday: time.Monday}.Validate(), "domain.invalid.nth", "5"},
		{"rhythm on Sunday", Rhythm{Kind: RhythmWeeks, Weekday: time.Sunday}.Validate(), "domain.invalid.weekday", ""},

		{"rule without name", withRule(func(r *DeadlineRule) { r.Name = "" }).Validate(), "domain.invalid.rule.name", ""},
		{"rule twice", withBody(func(b *Body) { b.Chain = []DeadlineRule{rule, rule} }).Validate(), "domain.invalid.rule.duplicate", "a"},
		{"rule unit", withRule(func(r *DeadlineRule) { r.Unit = "weken" }).Validate(), "domain.invalid.rule.unit", "aanmelden"},
		{"rule offset", withRule(func(r *DeadlineRule) { r.Offset = -400 }).Validate(), "domain.invalid.rule.offset", "-400"},
		{"rule roll", withRule(func(r *DeadlineRule) { r.Unit, r.Roll = Kalenderdagen, "opzij" }).Validate(), "domain.invalid.rule.roll", "aanmelden"},
		{"college anchor for the partnership", withRule(func(r *DeadlineRule) { r.Anchor = AnchorCollege }).Validate(), "domain.invalid.rule.college", "aanmelden"},
		{"anchor on a later rule", withRule(func(r *DeadlineRule) { r.Anchor, r.AnchorRule = AnchorRule, "b" }).Validate(), "domain.invalid.rule.anchor", "aanmelden"},
		{"anchor kind", withRule(func(r *DeadlineRule) { r.Anchor = "maan" }).Validate(), "domain.invalid.rule.anchorkind", "aanmelden"},

		{"meeting without body", withMeeting(func(m *Meeting) { m.BodyID = 0 }).Validate(), "domain.invalid.required", ""},
		{"meeting without start", withMeeting(func(m *Meeting) { m.Start = time.Time{} }).Validate(), "domain.invalid.required", ""},
		{"meeting ends before it starts", withMeeting(func(m *Meeting) { m.End = m.Start }).Validate(), "domain.invalid.endbeforestart", ""},
		{"meeting of thirteen hours", withMeeting(func(m *Meeting) { m.End = m.Start.Add(13 * time.Hour) }).Validate(), "domain.invalid.duration", "780"},
		{"meeting status", withMeeting(func(m *Meeting) { m.Status = "uitgesteld" }).Validate(), "domain.invalid.status", "uitgesteld"},

		{"item without title", AgendaItem{Kind: ItemBespreking, Title: "  "}.Validate(), "domain.invalid.required", ""},
		{"item kind", AgendaItem{Title: "Begroting", Kind: "stemming"}.Validate(), "domain.invalid.itemkind", "stemming"},

		{"recess without name", Recess{From: d("2027-07-01"), To: d("2027-08-01")}.Validate(), "domain.invalid.required", "naam"},
		{"recess reversed", Recess{Name: "Zomer", From: d("2027-08-01"), To: d("2027-07-01")}.Validate(), "domain.invalid.period", "2027-08-01"},
		{"school holiday region", SchoolHoliday{Name: "Zomer", Region: "west", From: d("2027-07-01"), To: d("2027-08-01")}.Validate(), "domain.invalid.region", "west"},
		{"closed day without date", ClosedDay{Name: "Brugdag"}.Validate(), "domain.invalid.required", ""},
		{"closed day without name", ClosedDay{Date: d("2027-05-07")}.Validate(), "domain.invalid.required", "naam"},

		{"liberation day", withSettings(func(s *Settings) { s.Holidays.Liberation = "soms" }).Validate(), "domain.invalid.liberation", "soms"},
		{"settings tight days", withSettings(func(s *Settings) { s.TightDays = -1 }).Validate(), "domain.invalid.tightdays", "-1"},
		{"organiser e-mail", withSettings(func(s *Settings) { s.OrganiserEmail = "secretariaat" }).Validate(), "domain.invalid.email", "secretariaat"},
		{"language", withSettings(func(s *Settings) { s.Language = "fy" }).Validate(), "domain.invalid.language", "fy"},
	}
	i18n.SetLanguage(i18n.Dutch)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ie *i18n.Error
			if !errors.As(tt.err, &ie) || !errors.Is(tt.err, ErrInvalid) {
				t.Fatalf("refusal %v (%T) is not an *i18n.Error wrapping ErrInvalid", tt.err, tt.err)
			}
			if ie.Msg.Key != tt.key {
				t.Errorf("key %s, want %s (%s)", ie.Msg.Key, tt.key, i18n.UserMessage(tt.err))
			}
			msg := i18n.UserMessage(tt.err)
			if strings.Contains(msg, "domain.") || strings.Contains(msg, "%!") || msg == "" {
				t.Errorf("message is not rendered: %q", msg)
			}
			if tt.says != "" && !strings.Contains(msg, tt.says) {
				t.Errorf("message %q does not repeat %q", msg, tt.says)
			}
		})
	}
	// The values that pass every rule, so that the table above refuses
	// for the reason it names and not for another.
	for _, v := range []interface{ Validate() error }{mun, body, meeting, withRule(func(*DeadlineRule) {}), settings,
		Rhythm{Kind: RhythmMonthly, Nth: -1, Weekday: time.Thursday}} {
		if err := v.Validate(); err != nil {
			t.Errorf("%T refused: %s", v, i18n.UserMessage(err))
		}
	}
}
