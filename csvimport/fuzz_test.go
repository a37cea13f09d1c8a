package csvimport

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

// The seed corpora live in testdata/fuzz/<FuzzName>/; the properties below
// are what every input must satisfy: no panic, and either a complete set of
// valid rows or a rejection with located problems and no rows.

func checkRejection(t *testing.T, data []byte, err error, n int) {
	t.Helper()
	if n != 0 {
		t.Fatalf("%d rows returned with error %v", n, err)
	}
	var r *Rejected
	if !errors.As(err, &r) || len(r.Problems) == 0 {
		t.Fatalf("error without problems: %v", err)
	}
	for _, p := range r.Problems {
		// "%!" in a message is a wrong format verb, unless the file
		// itself had it and the message quotes it.
		if p.Line < 0 || (strings.Contains(p.String(), "%!") && !bytes.Contains(data, []byte("%!"))) {
			t.Fatalf("bad problem %+v: %s", p, p)
		}
	}
}

func FuzzPeople(f *testing.F) {
	f.Add([]byte("naam;e-mail;gemeente;rol;functie\nAnna;a@b.nl;Veere;ambtenaar;x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		existing := testPeople()
		rows, err := People(bytes.NewReader(data), testMunicipalities(), existing)
		if err != nil {
			checkRejection(t, data, err, len(rows))
			return
		}
		if len(rows) == 0 {
			t.Fatal("accepted without rows")
		}
		emails := map[string]bool{}
		ids := map[int64]bool{}
		for i, r := range rows {
			if err := r.Person.Validate(); err != nil {
				t.Fatalf("row %d invalid: %v", r.Line, err)
			}
			if r.Line < 1 || (i > 0 && r.Line <= rows[i-1].Line) {
				t.Fatalf("line numbers %d after %d", r.Line, rows[max(i-1, 0)].Line)
			}
			if (r.Old == nil) != (r.Person.ID == 0) || (r.Old != nil && r.Old.ID != r.Person.ID) {
				t.Fatalf("row %d: ID %d with old %v", r.Line, r.Person.ID, r.Old)
			}
			if e := strings.ToLower(r.Person.Email); e != "" {
				if emails[e] {
					t.Fatalf("address %s twice", e)
				}
				emails[e] = true
			}
			if r.Old != nil {
				if ids[r.Old.ID] {
					t.Fatalf("person %d updated twice", r.Old.ID)
				}
				ids[r.Old.ID] = true
			}
		}
		if existing[0].Name != "Anna de Wit" {
			t.Fatal("stored values modified")
		}
	})
}

func FuzzMunicipalities(f *testing.F) {
	f.Add([]byte("naam;cbs-code;inwoners;collegedag;aanlevertermijn;regio\nGoes;GM0664;40.200;ma;2;zuid\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := Municipalities(bytes.NewReader(data), testMunicipalities())
		if err != nil {
			checkRejection(t, data, err, len(rows))
			return
		}
		codes := map[string]bool{}
		names := map[string]bool{}
		for _, r := range rows {
			m := r.Municipality
			if err := m.Validate(); err != nil {
				t.Fatalf("row %d invalid: %v", r.Line, err)
			}
			if codes[m.CBSCode] || names[foldName(m.Name)] {
				t.Fatalf("row %d repeats %s / %s", r.Line, m.CBSCode, m.Name)
			}
			codes[m.CBSCode], names[foldName(m.Name)] = true, true
			if (r.Old == nil) != (m.ID == 0) {
				t.Fatalf("row %d: ID %d with old %v", r.Line, m.ID, r.Old)
			}
		}
	})
}

var cbsPattern = regexp.MustCompile(`^GM\d{4}$`)

func FuzzParseCBSCode(f *testing.F) {
	f.Add("GM0687")
	f.Fuzz(func(t *testing.T, s string) {
		code, m := ParseCBSCode(s)
		if m == nil && !cbsPattern.MatchString(code) {
			t.Fatalf("%q gave %q", s, code)
		}
		if m == nil {
			if again, m2 := ParseCBSCode(code); m2 != nil || again != code {
				t.Fatalf("%q does not read back", code)
			}
		}
	})
}

func FuzzParseCount(f *testing.F) {
	f.Add("57.000")
	f.Fuzz(func(t *testing.T, s string) {
		n, m := ParseCount(s)
		if m != nil {
			return
		}
		if n < 0 {
			t.Fatalf("%q gave %d", s, n)
		}
		if again, m2 := ParseCount(strconv.Itoa(n)); m2 != nil || again != n {
			t.Fatalf("%d does not read back", n)
		}
	})
}

func FuzzParseLeadDays(f *testing.F) {
	f.Add("4 werkdagen")
	f.Fuzz(func(t *testing.T, s string) {
		if n, m := ParseLeadDays(s); m == nil && n < 0 {
			t.Fatalf("%q gave %d", s, n)
		}
	})
}

func FuzzParseWeekdays(f *testing.F) {
	f.Add("dinsdag en vrijdag")
	f.Fuzz(func(t *testing.T, s string) {
		days, m := ParseWeekdays(s)
		if m != nil {
			return
		}
		if len(days) == 0 || len(days) > 5 {
			t.Fatalf("%q gave %v", s, days)
		}
		for i, d := range days {
			if d < time.Monday || d > time.Friday || (i > 0 && d <= days[i-1]) {
				t.Fatalf("%q gave %v", s, days)
			}
		}
		mun := domain.Municipality{Name: "x", CBSCode: "GM0001", CollegeDays: days, Region: domain.RegionZuid}
		if err := mun.Validate(); err != nil {
			t.Fatalf("%q gave %v: %v", s, days, err)
		}
	})
}

func FuzzParseEmail(f *testing.F) {
	f.Add("mailto:a@b.nl")
	f.Fuzz(func(t *testing.T, s string) {
		if e, m := ParseEmail(s); m == nil {
			if err := domain.ValidateEmail(e); err != nil {
				t.Fatalf("%q gave %q: %v", s, e, err)
			}
		}
	})
}

func FuzzParseRoleAndRegion(f *testing.F) {
	f.Add("wethouder")
	f.Fuzz(func(t *testing.T, s string) {
		if r, m := ParseRole(s); m == nil {
			if err := (domain.Person{Name: "x", Role: r}).Validate(); err != nil {
				t.Fatalf("%q gave role %q", s, r)
			}
		}
		if r, m := ParseRegion(s); m == nil {
			valid := false
			for _, x := range domain.SchoolRegions() {
				valid = valid || x == r
			}
			if !valid {
				t.Fatalf("%q gave region %q", s, r)
			}
		}
	})
}
