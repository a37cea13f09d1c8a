package domain

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/i18n"
)

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"14:00", 840, true}, {"9:30", 570, true}, {"09.30", 570, true}, {"1400", 840, true},
		{"24:00", 0, false}, {"12:60", 0, false}, {"12:5", 0, false}, {"", 0, false}, {"abc", 0, false}, {"-1:00", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseClock("begintijd", tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseClock(%q) = %d, %v", tt.in, got, err)
		}
		if err != nil && !strings.Contains(i18n.UserMessage(err), "begintijd") {
			t.Errorf("message does not name the field: %q", i18n.UserMessage(err))
		}
	}
	if FormatClock(570) != "09:30" {
		t.Error(FormatClock(570))
	}
}

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
	}{
		{"2027-03-15", "2027-03-15"},
		{"15-03-2027", "2027-03-15"},
		{" 2027-03-15 ", "2027-03-15"},
		{"1-3-2027", "2027-03-01"},
		{"15/3/2027", "2027-03-15"},
		{"01.03.2027", "2027-03-01"},
		{"2027-3-1", "2027-03-01"},
		{"29-2-2028", "2028-02-29"},
		{"29-2-2027", ""},
		{"31-02-2027", ""},
		{"15-03-27", ""}, // a two-digit year is ambiguous
		{"15-13-2027", ""},
		{"0-3-2027", ""},
		{"+1-3-2027", ""},
		{"15-03/2027", ""},
		{"1-3-2027-4", ""},
		{"morgen", ""},
		{"", ""},
	} {
		got, err := ParseDate("datum", tt.in)
		if got.String() != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("ParseDate(%q) = %s, %v", tt.in, got, err)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("error does not wrap ErrInvalid")
		}
	}
}

func TestValidateEmail(t *testing.T) {
	for _, tt := range []struct {
		in string
		ok bool
	}{{"a.jansen@vlissingen.nl", true}, {"Jan <jan@x.nl>", false}, {"jan@localhost", false}, {"jan", false}, {"", false}, {"jan@x.nl.", false}} {
		if err := ValidateEmail(tt.in); (err == nil) != tt.ok {
			t.Errorf("ValidateEmail(%q) = %v", tt.in, err)
		}
	}
}

func TestValidateEntities(t *testing.T) {
	d := date.MustParse
	ams := Amsterdam()
	okMun := Municipality{Name: "Veere", CBSCode: "GM0717", CollegeDays: []time.Weekday{time.Tuesday}, Region: RegionZuid}
	okBody := Body{Name: "PHO", PartnershipID: 1, Kind: BodyPHO, StartMinute: 840, Duration: 120}
	start := time.Date(2027, 3, 4, 14, 0, 0, 0, ams)
	tests := []struct {
		name string
		v    interface{ Validate() error }
		ok   bool
	}{
		{"municipality ok", okMun, true},
		{"bad cbs", func() Municipality { m := okMun; m.CBSCode = "0717"; return m }(), false},
		{"college on saturday", func() Municipality { m := okMun; m.CollegeDays = []time.Weekday{time.Saturday}; return m }(), false},
		{"no college day", func() Municipality { m := okMun; m.CollegeDays = nil; return m }(), false},
		{"partnership overlap", Partnership{Name: "X", LegalForm: LegalFormGR, Members: []Membership{
			{MunicipalityID: 1, From: d("2020-01-01")}, {MunicipalityID: 1, From: d("2024-01-01")}}}, false},
		{"partnership rejoin", Partnership{Name: "X", LegalForm: LegalFormGR, Members: []Membership{
			{MunicipalityID: 1, From: d("2020-01-01"), Until: d("2022-01-01")}, {MunicipalityID: 1, From: d("2024-01-01")}}}, true},
		{"until before from", Partnership{Name: "X", LegalForm: LegalFormGR, Members: []Membership{
			{MunicipalityID: 1, From: d("2020-01-01"), Until: d("2019-01-01")}}}, false},
		{"person bad mail", Person{Name: "A", Email: "a@", Role: PersonAmbtenaar}, false},
		{"body ok", okBody, true},
		{"body bad start", func() Body { b := okBody; b.StartMinute = 1440; return b }(), false},
		{"chain forward ref", func() Body {
			b := okBody
			b.Chain = []DeadlineRule{{Key: "a", Name: "A", Anchor: AnchorRule, AnchorRule: "b", Unit: Werkdagen}, {Key: "b", Name: "B", Anchor: AnchorMeeting, Unit: Werkdagen}}
			return b
		}(), false},
		{"college anchor not per gemeente", func() Body {
			b := okBody
			b.Chain = []DeadlineRule{{Key: "c", Name: "C", Anchor: AnchorCollege, Unit: Werkdagen}}
			return b
		}(), false},
		{"meeting ok", Meeting{BodyID: 1, Start: start, End: start.Add(2 * time.Hour), Status: StatusGepland}, true},
		{"meeting end before start", Meeting{BodyID: 1, Start: start, End: start.Add(-time.Hour), Status: StatusGepland}, false},
		{"item without title", AgendaItem{Kind: ItemBespreking}, false},
		{"recess reversed", Recess{Name: "Zomer", From: d("2027-08-01"), To: d("2027-07-01")}, false},
	}
	for _, tt := range tests {
		err := tt.v.Validate()
		if (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v", tt.name, err)
		}
		if err != nil && strings.HasPrefix(i18n.UserMessage(err), "domain.") {
			t.Errorf("%s: untranslated message %q", tt.name, i18n.UserMessage(err))
		}
	}
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"14:00", "9:30", "1400", "23.59", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseClock("tijd", s)
		if err != nil {
			return
		}
		if m < 0 || m >= 24*60 {
			t.Fatalf("%q gave %d minutes", s, m)
		}
		if back, err := ParseClock("tijd", FormatClock(m)); err != nil || back != m {
			t.Fatalf("round trip of %q: %d, %v", s, back, err)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2027-03-15", "15-03-2027", "31-02-2027", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate("datum", s)
		if err != nil {
			return
		}
		if back, err := ParseDate("datum", d.String()); err != nil || back != d {
			t.Fatalf("round trip of %q: %s, %v", s, back, err)
		}
	})
}

func FuzzValidateEmail(f *testing.F) {
	for _, s := range []string{"a@b.nl", "Jan <a@b.nl>", "a@b", "@", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidateEmail(s) == nil && !strings.Contains(s, "@") {
			t.Fatalf("accepted %q", s)
		}
	})
}
