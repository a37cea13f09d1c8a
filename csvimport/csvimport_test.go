package csvimport

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// The stored data the tests import into: three Walcheren gemeenten and
// two people.
func testMunicipalities() []domain.Municipality {
	return []domain.Municipality{
		{ID: 1, Name: "Middelburg", CBSCode: "GM0687", Inhabitants: 49900, CollegeDays: []time.Weekday{time.Tuesday}, CollegeLeadDays: 4, Region: domain.RegionZuid},
		{ID: 2, Name: "Vlissingen", CBSCode: "GM0718", Inhabitants: 45100, CollegeDays: []time.Weekday{time.Tuesday, time.Friday}, CollegeLeadDays: 8, Region: domain.RegionZuid},
		{ID: 3, Name: "Veere", CBSCode: "GM0717", Inhabitants: 22000, CollegeDays: []time.Weekday{time.Monday}, CollegeLeadDays: 2, Region: domain.RegionZuid},
	}
}

func testPeople() []domain.Person {
	return []domain.Person{
		{ID: 10, Name: "Anna de Wit", Email: "a.dewit@middelburg.nl", Phone: "0118 675 000", MunicipalityID: 1, Role: domain.PersonBestuurder, Function: "wethouder Jeugd"},
		{ID: 11, Name: "Kees Verhage", MunicipalityID: 3, Role: domain.PersonAmbtenaar, Function: "beleidsadviseur"},
	}
}

func readFile(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rejected returns the problems of a rejected file, failing the test when
// err is not a rejection.
func rejected(t *testing.T, err error) []Problem {
	t.Helper()
	var r *Rejected
	if !errors.As(err, &r) {
		t.Fatalf("want a rejection, got %v", err)
	}
	if len(r.Problems) == 0 {
		t.Fatal("rejection without problems")
	}
	return r.Problems
}

func TestPeopleGoodFile(t *testing.T) {
	i18n.SetLanguage(i18n.Dutch)
	rows, err := People(readFile(t, "people-good.csv"), testMunicipalities(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []PersonRow{
		{Line: 2, Person: domain.Person{Name: "Anna de Wit", Email: "a.dewit@middelburg.nl", Phone: "0118 675 000", MunicipalityID: 1, Role: domain.PersonBestuurder, Function: "wethouder Jeugd"}},
		{Line: 3, Person: domain.Person{Name: "Bram Kooiman", Email: "b.kooiman@vlissingen.nl", MunicipalityID: 2, Role: domain.PersonAmbtenaar, Function: "beleidsadviseur Jeugd"}},
		{Line: 4, Person: domain.Person{Name: "Claes, Tineke", Email: "t.claes@veere.nl", MunicipalityID: 3, Role: domain.PersonAmbtenaar, Function: `beleidsadviseur "Wmo"`}},
		{Line: 5, Person: domain.Person{Name: "Dirk Maas", Email: "d.maas@regiozeeland.nl", Role: domain.PersonSecretaris, Function: "regiosecretaris", Phone: "06-12345678"}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("rows\n got %+v\nwant %+v", rows, want)
	}
	for _, r := range rows {
		if r.Action() != ActionAdd {
			t.Errorf("line %d: %s, want add", r.Line, r.Action())
		}
	}
}

func TestPeopleMatchAndKeepColumnsTheFileLacks(t *testing.T) {
	existing := testPeople()
	tests := []struct {
		name        string
		csv         string
		wantID      int64
		wantAction  Action
		wantChanges []string
		check       func(p domain.Person) string
	}{
		{"by e-mail, other case; role kept", "naam;e-mail;telefoon\nAnna de Wit;A.deWit@Middelburg.nl;0118 111 111\n",
			10, ActionChange, []string{ColEmail, ColPhone}, func(p domain.Person) string {
				if p.Role != domain.PersonBestuurder || p.MunicipalityID != 1 || p.Function != "wethouder Jeugd" {
					return "columns the file lacks were not kept"
				}
				return ""
			}},
		{"same values", "naam;e-mail\nAnna de Wit;a.dewit@middelburg.nl\n", 10, ActionUnchanged, nil, nil},
		{"renamed by e-mail", "naam;e-mail\nAnna de Wit-Jansen;a.dewit@middelburg.nl\n", 10, ActionChange, []string{ColName}, nil},
		{"by name and gemeente; address added", "naam;e-mail;gemeente\nkees  verhage;k.verhage@veere.nl;Veere\n",
			11, ActionChange, []string{ColName, ColEmail}, nil},
		{"empty address keeps the stored one", "naam;e-mail;functie\nAnna de Wit;;wethouder Zorg\n", 10, ActionChange, []string{ColFunction},
			func(p domain.Person) string {
				if p.Email != "a.dewit@middelburg.nl" {
					return "address removed"
				}
				return ""
			}},
		{"same name, other gemeente: new", "naam;gemeente;rol\nKees Verhage;Middelburg;ambtenaar\n", 0, ActionAdd, nil, nil},
		{"same name, other address: new", "naam;e-mail;rol\nAnna de Wit;anna@goes.nl;ambtenaar\n", 0, ActionAdd, nil, nil},
		{"gemeente emptied", "naam;e-mail;gemeente\nAnna de Wit;a.dewit@middelburg.nl;\n", 10, ActionChange, []string{ColMunicipality}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := People(strings.NewReader(tt.csv), testMunicipalities(), existing)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 {
				t.Fatalf("%d rows", len(rows))
			}
			r := rows[0]
			if r.Person.ID != tt.wantID || r.Action() != tt.wantAction || !reflect.DeepEqual(r.Changes, tt.wantChanges) {
				t.Errorf("ID %d action %s changes %v; want %d %s %v", r.Person.ID, r.Action(), r.Changes, tt.wantID, tt.wantAction, tt.wantChanges)
			}
			if (r.Old != nil) != (tt.wantID != 0) {
				t.Errorf("Old = %v", r.Old)
			}
			if tt.check != nil {
				if msg := tt.check(r.Person); msg != "" {
					t.Error(msg)
				}
			}
		})
	}
	if existing[0].Phone != "0118 675 000" {
		t.Error("People modified the stored values it was given")
	}
}

func TestPeopleBadEmailOnLine4RejectsTheWholeFile(t *testing.T) {
	i18n.SetLanguage(i18n.Dutch)
	rows, err := People(readFile(t, "people-bad-email.csv"), testMunicipalities(), nil)
	if rows != nil {
		t.Errorf("rows returned from a rejected file: %v", rows)
	}
	ps := rejected(t, err)
	if len(ps) != 1 || ps[0].Line != 4 || ps[0].Column != "e-mail" {
		t.Fatalf("problems %+v", ps)
	}
	if got := i18n.UserMessage(err); !strings.Contains(got, "regel 4, kolom ‘e-mail’: ‘t.claes@veere’ is geen geldig e-mailadres") ||
		!strings.Contains(got, "niets veranderd") {
		t.Errorf("message %q", got)
	}
}

func TestPeopleProblems(t *testing.T) {
	i18n.SetLanguage(i18n.Dutch)
	tests := []struct {
		name   string
		csv    string
		line   int
		column string
		key    string
	}{
		{"empty file", "", 0, "", "csvimport.err.empty"},
		{"only spaces", " \n\n ", 0, "", "csvimport.err.empty"},
		{"header only", "naam;e-mail;rol\n", 0, "", "csvimport.err.norows"},
		{"binary", "PK\x03\x04\x00\x00\x00", 0, "", "csvimport.err.binary"},
		{"no name column", "e-mail;rol\nx@y.nl;ambtenaar\n", 1, "", "csvimport.err.missingcolumn"},
		{"unknown column", "naam;emial;rol\nA;x@y.nl;ambtenaar\n", 1, "emial", "csvimport.err.unknowncolumn"},
		{"column twice", "naam;e-mail;E-mailadres\nA;x@y.nl;x@y.nl\n", 1, "E-mailadres", "csvimport.err.duplicatecolumn"},
		{"value under an empty header", "naam;;rol\nA;;ambtenaar\nB;x;ambtenaar\n", 3, "", "csvimport.err.emptyheader"},
		{"field count", "naam;e-mail;rol\nA;a@b.nl;ambtenaar\nB;b@b.nl\n", 3, "", "csvimport.err.fieldcount"},
		{"stray quote", "naam;rol\nA;ambtenaar\nB \"de\" C;ambtenaar\n", 3, "", "csvimport.err.quote"},
		{"unclosed quote", "naam;rol\n\"A;ambtenaar\nB;ambtenaar\n", 2, "", "csvimport.err.quote"},
		{"empty name", "naam;rol\n;ambtenaar\n", 2, "naam", "csvimport.err.required"},
		{"unknown role", "naam;rol\nA;stagiair\n", 2, "rol", "csvimport.err.role"},
		{"empty role", "naam;rol\nA;\n", 2, "rol", "csvimport.err.required"},
		{"unknown gemeente", "naam;gemeente;rol\nA;Goes;ambtenaar\n", 2, "gemeente", "csvimport.err.municipality"},
		{"new person without role column", "naam;e-mail\nNieuw;n@x.nl\n", 2, "", "csvimport.err.newperson"},
		{"same address twice", "naam;e-mail;rol\nA;a@x.nl;ambtenaar\nB;A@x.nl;ambtenaar\n", 3, "", "csvimport.err.duplicate"},
		{"same stored person twice", "naam;e-mail\nAnna de Wit;a.dewit@middelburg.nl\nAnna de Wit;\n", 3, "", "csvimport.err.duplicate"},
		{"display name in address", "naam;e-mail;rol\nA;A <a@x.nl>;ambtenaar\n", 2, "e-mail", "csvimport.err.email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := People(strings.NewReader(tt.csv), testMunicipalities(), testPeople())
			if rows != nil {
				t.Errorf("rows %v", rows)
			}
			ps := rejected(t, err)
			p := ps[0]
			if p.Line != tt.line || p.Column != tt.column || p.Msg.Key != tt.key {
				t.Errorf("first problem %+v (%s); want line %d column %q key %s", p, p, tt.line, tt.column, tt.key)
			}
			if strings.Contains(p.String(), "%!") {
				t.Errorf("bad format: %s", p)
			}
		})
	}
}

func TestPeopleAmbiguousName(t *testing.T) {
	existing := append(testPeople(), domain.Person{ID: 12, Name: "Kees Verhage", MunicipalityID: 1, Role: domain.PersonAmbtenaar})
	_, err := People(strings.NewReader("naam;telefoon\nKees Verhage;06\n"), testMunicipalities(), existing)
	if ps := rejected(t, err); ps[0].Msg.Key != "csvimport.err.ambiguous" {
		t.Errorf("%+v", ps)
	}
	// With the gemeente it is clear who is meant.
	rows, err := People(strings.NewReader("naam;gemeente;telefoon\nKees Verhage;Middelburg;06\n"), testMunicipalities(), existing)
	if err != nil || rows[0].Person.ID != 12 {
		t.Errorf("%v %+v", err, rows)
	}
}

func TestEveryProblemIsListedAndCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("naam;e-mail;rol\n")
	for i := 0; i < 80; i++ {
		b.WriteString("A;fout;ambtenaar\n")
	}
	_, err := People(strings.NewReader(b.String()), nil, nil)
	var r *Rejected
	if !errors.As(err, &r) || len(r.Problems) != maxProblems || r.Omitted != 80-maxProblems {
		t.Fatalf("%d problems, %d omitted", len(r.Problems), r.Omitted)
	}
	if r.Problems[0].Line != 2 || r.Problems[maxProblems-1].Line != maxProblems+1 {
		t.Errorf("lines %d..%d", r.Problems[0].Line, r.Problems[maxProblems-1].Line)
	}
	if !strings.Contains(r.Error(), "en nog 30 fouten") {
		t.Errorf("%s", r.Error()[len(r.Error())-60:])
	}
}

func TestLineNumbers(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		want int
	}{
		{"plain", "naam;e-mail;rol\nA;a@x.nl;ambtenaar\nB;fout;ambtenaar\n", 3},
		{"CRLF", "naam;e-mail;rol\r\nA;a@x.nl;ambtenaar\r\nB;fout;ambtenaar\r\n", 3},
		{"blank lines skipped but counted", "\nnaam;e-mail;rol\n\nA;a@x.nl;ambtenaar\n;;\nB;fout;ambtenaar\n", 6},
		{"quoted line break", "naam;e-mail;rol\n\"A\nB\";a@x.nl;ambtenaar\nC;fout;ambtenaar\n", 4},
		{"sep= line", "sep=,\nnaam,e-mail,rol\nA,a@x.nl,ambtenaar\nB,fout,ambtenaar\n", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := People(strings.NewReader(tt.csv), nil, nil)
			if ps := rejected(t, err); ps[0].Line != tt.want || ps[0].Column != "e-mail" {
				t.Errorf("problem %+v, want line %d", ps[0], tt.want)
			}
		})
	}
}

func TestEncodingsAndSeparators(t *testing.T) {
	utf16le := func(s string) string {
		out := []byte{0xFF, 0xFE}
		for _, r := range s {
			out = append(out, byte(r), byte(r>>8))
		}
		return string(out)
	}
	tests := []struct {
		name string
		csv  string
		want string // the name read
	}{
		{"utf-8 with BOM", "\ufeffnaam;rol\nZoë;ambtenaar\n", "Zoë"},
		{"utf-8 without BOM", "naam;rol\nZoë;ambtenaar\n", "Zoë"},
		{"windows-1252 from Excel", "naam;rol\nZo\xeb;ambtenaar\n", "Zoë"},
		{"utf-16 from Excel, tabs", utf16le("naam\trol\r\nZoë\tambtenaar\r\n"), "Zoë"},
		{"comma", "naam,rol\n\"Wit, Anna de\",ambtenaar\n", "Wit, Anna de"},
		{"comma wins by count", "naam,rol,functie\nA;B,ambtenaar,x\n", "A;B"},
		{"semicolon with commas in quotes", "\"naam\";\"rol, in overleg\"\nA,B;ambtenaar\n", "A,B"},
		{"quoted header", "\"naam\";\"rol\"\n\"A,B\";ambtenaar\n", "A,B"},
		{"tab", "naam\trol\nAnna\tambtenaar\n", "Anna"},
		{"header with spaces and case", " Naam ; ROL \nAnna;ambtenaar\n", "Anna"},
		{"trailing separators", "naam;rol;;\nAnna;ambtenaar;;\n", "Anna"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := People(strings.NewReader(tt.csv), nil, nil)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("accepted: %+v", rows)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rows[0].Person.Name != tt.want {
				t.Errorf("name %q", rows[0].Person.Name)
			}
		})
	}
}

func TestMunicipalitiesGoodFile(t *testing.T) {
	rows, err := Municipalities(readFile(t, "municipalities-good.csv"), testMunicipalities())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	wantActions := []Action{ActionUnchanged, ActionUnchanged, ActionUnchanged, ActionAdd}
	for i, r := range rows {
		if r.Action() != wantActions[i] {
			t.Errorf("line %d: %s %v", r.Line, r.Action(), r.Changes)
		}
	}
	want := domain.Municipality{Name: "Arnemuiden", CBSCode: "GM9999", Inhabitants: 5000, CollegeDays: []time.Weekday{time.Wednesday}, CollegeLeadDays: 3, Region: domain.RegionZuid}
	if !reflect.DeepEqual(rows[3].Municipality, want) {
		t.Errorf("new gemeente %+v", rows[3].Municipality)
	}
	if rows[1].Municipality.ID != 2 || rows[1].Municipality.CBSCode != "GM0718" {
		t.Errorf("Vlissingen %+v", rows[1].Municipality)
	}
}

func TestMunicipalitiesUpdates(t *testing.T) {
	tests := []struct {
		name    string
		csv     string
		changes [][]string
		check   func([]MunicipalityRow) string
	}{
		{"columns the file lacks are kept", "naam;cbs-code;inwoners\nMiddelburg;GM0687;50.123\n", [][]string{{ColInhabitants}},
			func(rs []MunicipalityRow) string {
				m := rs[0].Municipality
				if m.CollegeLeadDays != 4 || m.Region != domain.RegionZuid || len(m.CollegeDays) != 1 || m.Inhabitants != 50123 {
					return "fields lost"
				}
				return ""
			}},
		{"second college day", "gemeente;CBS;collegedagen\nVeere;gm717;maandag/donderdag\n", [][]string{{ColCollegeDays}},
			func(rs []MunicipalityRow) string {
				if !reflect.DeepEqual(rs[0].Municipality.CollegeDays, []time.Weekday{time.Monday, time.Thursday}) {
					return "days"
				}
				return ""
			}},
		{"names swapped within the file", "naam;cbs-code\nVeere;GM0687\nMiddelburg;GM0717\n", [][]string{{ColName}, {ColName}}, nil},
		{"rename to a free name", "naam;cbs-code\nMiddelburg (Zld);GM0687\n", [][]string{{ColName}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := Municipalities(strings.NewReader(tt.csv), testMunicipalities())
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range rows {
				if !reflect.DeepEqual(r.Changes, tt.changes[i]) || r.Old == nil || r.Municipality.ID != r.Old.ID {
					t.Errorf("row %d: changes %v, old %v", i, r.Changes, r.Old)
				}
			}
			if tt.check != nil {
				if msg := tt.check(rows); msg != "" {
					t.Error(msg)
				}
			}
		})
	}
}

func TestMunicipalitiesProblems(t *testing.T) {
	i18n.SetLanguage(i18n.Dutch)
	tests := []struct {
		name   string
		csv    string
		line   int
		column string
		key    string
	}{
		{"no cbs column", "naam;inwoners\nGoes;40000\n", 1, "", "csvimport.err.missingcolumn"},
		{"bad cbs", "naam;cbs-code\nGoes;GM06640\n", 2, "cbs-code", "csvimport.err.cbs"},
		{"decimal inhabitants", "naam;cbs-code;inwoners\nMiddelburg;GM0687;49,9\n", 2, "inwoners", "csvimport.err.number"},
		{"misplaced point", "naam;cbs-code;inwoners\nMiddelburg;GM0687;4.99\n", 2, "inwoners", "csvimport.err.number"},
		{"weekend college", "naam;cbs-code;collegedag\nMiddelburg;GM0687;zaterdag\n", 2, "collegedag", "csvimport.err.weekday"},
		{"no college day", "naam;cbs-code;collegedag\nMiddelburg;GM0687;\n", 2, "collegedag", "csvimport.err.noweekday"},
		{"day twice", "naam;cbs-code;collegedag\nMiddelburg;GM0687;di en dinsdag\n", 2, "collegedag", "csvimport.err.weekdaytwice"},
		{"lead time out of range", "naam;cbs-code;aanlevertermijn\nMiddelburg;GM0687;45\n", 2, "", "domain.invalid.leaddays"},
		{"lead time not a number", "naam;cbs-code;aanlevertermijn\nMiddelburg;GM0687;vier\n", 2, "aanlevertermijn", "csvimport.err.leaddays"},
		{"bad region", "naam;cbs-code;regio\nMiddelburg;GM0687;west\n", 2, "regio", "csvimport.err.region"},
		{"new without region", "naam;cbs-code;collegedag;aanlevertermijn\nGoes;GM0664;ma;2\n", 2, "", "csvimport.err.newmunicipality"},
		{"name of another gemeente", "naam;cbs-code;collegedag;aanlevertermijn;regio\nveere;GM0664;ma;2;zuid\n", 2, "naam", "csvimport.err.nametaken"},
		{"cbs twice", "naam;cbs-code\nMiddelburg;GM0687\nMiddelburg-Zuid;687\n", 3, "cbs-code", "csvimport.err.duplicate"},
		{"name twice", "naam;cbs-code\nMiddelburg;GM0687\nMIDDELBURG;GM0718\n", 3, "naam", "csvimport.err.duplicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := Municipalities(strings.NewReader(tt.csv), testMunicipalities())
			if rows != nil {
				t.Errorf("rows %v", rows)
			}
			p := rejected(t, err)[0]
			if p.Line != tt.line || p.Column != tt.column || p.Msg.Key != tt.key {
				t.Errorf("first problem %+v (%s); want line %d column %q key %s", p, p, tt.line, tt.column, tt.key)
			}
		})
	}
}

func TestValueParsers(t *testing.T) {
	tests := []struct {
		parse func(string) result
		in    string
		want  result
	}{
		{count, "57000", result{57000, true}},
		{count, "57.000", result{57000, true}},
		{count, "1.234.567", result{1234567, true}},
		{count, "57 000", result{57000, true}},
		{count, "57\u00a0000", result{57000, true}},
		{count, "0", result{0, true}},
		{count, "-5", result{0, false}},
		{count, "5,5", result{0, false}},
		{count, "5.5", result{0, false}},
		{count, ".500", result{0, false}},
		{count, "1234.567", result{0, false}},
		{count, "99999999999", result{0, false}},
		{lead, "4", result{4, true}},
		{lead, "4 werkdagen", result{4, true}},
		{lead, "1 werkdag", result{1, true}},
		{lead, "3wd", result{3, true}},
		{lead, "-1", result{0, false}},
		{lead, "+1", result{0, false}},
		{lead, "werkdagen", result{0, false}},
		{days, "di", result{[]time.Weekday{time.Tuesday}, true}},
		{days, "Dinsdag en Vrijdag", result{[]time.Weekday{time.Tuesday, time.Friday}, true}},
		{days, "vr/di", result{[]time.Weekday{time.Tuesday, time.Friday}, true}},
		{days, "ma+wo", result{[]time.Weekday{time.Monday, time.Wednesday}, true}},
		{days, "dinsdags", result{[]time.Weekday{time.Tuesday}, true}},
		{days, "zo", result{[]time.Weekday(nil), false}},
		{days, "tuesday", result{[]time.Weekday(nil), false}},
		{days, "en", result{[]time.Weekday(nil), false}},
		{region, "Zuid", result{domain.RegionZuid, true}},
		{region, "regio noord", result{domain.RegionNoord, true}},
		{region, "M", result{domain.RegionMidden, true}},
		{region, "oost", result{domain.SchoolRegion(""), false}},
		{role, "Wethouder", result{domain.PersonBestuurder, true}},
		{role, "beleidsadviseur", result{domain.PersonAmbtenaar, true}},
		{role, "regiosecretaris", result{domain.PersonSecretaris, true}},
		{role, "", result{domain.PersonRole(""), false}},
		{cbs, "GM0687", result{"GM0687", true}},
		{cbs, "gm0687", result{"GM0687", true}},
		{cbs, "687", result{"GM0687", true}},
		{cbs, "GM 0687", result{"GM0687", true}},
		{cbs, "GM", result{"", false}},
		{cbs, "PV20", result{"", false}},
		{cbs, "06870", result{"", false}},
		{email, "mailto:a@b.nl", result{"a@b.nl", true}},
		{email, " A.B@Goes.nl ", result{"A.B@Goes.nl", true}},
		{email, "a@b", result{"", false}},
		{email, "a b@c.nl", result{"", false}},
	}
	for _, tt := range tests {
		got := tt.parse(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: got %v, want %v", tt.in, got, tt.want)
		}
	}
}

// result is a parser's answer in a form the table can compare.
type result struct {
	v  any
	ok bool
}

func wrap[T any](f func(string) (T, *i18n.Message)) func(string) result {
	return func(s string) result {
		v, m := f(s)
		return result{v, m == nil}
	}
}

var (
	count  = wrap(ParseCount)
	lead   = wrap(ParseLeadDays)
	days   = wrap(ParseWeekdays)
	region = wrap(ParseRegion)
	role   = wrap(ParseRole)
	cbs    = wrap(ParseCBSCode)
	email  = wrap(ParseEmail)
)

func TestEnglishMessages(t *testing.T) {
	i18n.SetLanguage(i18n.English)
	defer i18n.SetLanguage(i18n.Dutch)
	_, err := People(strings.NewReader("naam;e-mail;rol\nA;fout;ambtenaar\n"), nil, nil)
	if got := i18n.UserMessage(err); !strings.Contains(got, "line 2, column ‘e-mail’") {
		t.Errorf("%q", got)
	}
}
