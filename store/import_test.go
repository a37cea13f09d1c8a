package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

func TestImportPeople(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		people []domain.Person
		want   ImportResult
		check  func(t *testing.T, byEmail map[string]domain.Person)
	}{
		{"update by address, add, repeat by ID", []domain.Person{
			{Name: "Anna de Wit", Email: "A.DeWit@Middelburg.nl", Phone: "0118 123", MunicipalityID: 1, Role: domain.PersonBestuurder},
			{Name: "Dirk Maas", Email: "d.maas@veere.nl", Role: domain.PersonAmbtenaar, MunicipalityID: 2},
			{ID: 2, Name: "Bram Jansen", Email: "b.jansen@vlissingen.nl", MunicipalityID: 2, Role: domain.PersonAmbtenaar},
		}, ImportResult{Added: 1, Updated: 1, Unchanged: 1, IDs: []int64{1, 4, 2}},
			func(t *testing.T, byEmail map[string]domain.Person) {
				if a := byEmail["A.DeWit@Middelburg.nl"]; a.ID != 1 || a.Phone != "0118 123" || a.Function != "" {
					t.Errorf("Anna %+v", a)
				}
				if d := byEmail["d.maas@veere.nl"]; d.ID != 4 || d.MunicipalityID != 2 {
					t.Errorf("Dirk %+v", d)
				}
			}},
		{"without address: always new", []domain.Person{{Name: "Anna de Wit", Role: domain.PersonBestuurder}},
			ImportResult{Added: 1, IDs: []int64{4}}, nil},
		{"empty list", nil, ImportResult{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			if err := s.Import(ctx, fixture()); err != nil {
				t.Fatal(err)
			}
			got, err := s.ImportPeople(ctx, tt.people)
			if err != nil {
				t.Fatal(err)
			}
			if got.Added != tt.want.Added || got.Updated != tt.want.Updated || got.Unchanged != tt.want.Unchanged ||
				len(got.IDs) != len(tt.want.IDs) {
				t.Fatalf("result %+v, want %+v", got, tt.want)
			}
			for i := range got.IDs {
				if got.IDs[i] != tt.want.IDs[i] {
					t.Errorf("IDs %v, want %v", got.IDs, tt.want.IDs)
				}
			}
			ps, err := s.People(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != 3+tt.want.Added {
				t.Errorf("%d people", len(ps))
			}
			byEmail := map[string]domain.Person{}
			for _, p := range ps {
				byEmail[p.Email] = p
			}
			if tt.check != nil {
				tt.check(t, byEmail)
			}
		})
	}
}

func TestImportPeopleIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	i18n.SetLanguage(i18n.Dutch)
	good := domain.Person{Name: "Dirk Maas", Email: "d.maas@veere.nl", Role: domain.PersonAmbtenaar}
	tests := []struct {
		name    string
		people  []domain.Person
		message string
	}{
		{"invalid address", []domain.Person{good, {Name: "X", Email: "x@", Role: domain.PersonAmbtenaar}}, "rij 2 (X): ‘x@’ is geen geldig e-mailadres"},
		{"one person twice", []domain.Person{good, {Name: "Anna", Email: "a.dewit@middelburg.nl", Role: domain.PersonBestuurder},
			{ID: 1, Name: "Anna", Role: domain.PersonBestuurder}}, "‘Anna’ staat twee keer in de lijst (rij 2 en rij 3)"},
		{"new address twice", []domain.Person{good, good}, "rij 1 en rij 2"},
		{"unknown ID", []domain.Person{good, {ID: 99, Name: "X", Role: domain.PersonAmbtenaar}}, ""},
		{"unknown gemeente", []domain.Person{good, {Name: "X", Role: domain.PersonAmbtenaar, MunicipalityID: 99}}, "rij 2 (X)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			if err := s.Import(ctx, fixture()); err != nil {
				t.Fatal(err)
			}
			before := snapshotOf(t, s)
			_, err := s.ImportPeople(ctx, tt.people)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(i18n.UserMessage(err), tt.message) {
				t.Errorf("message %q, want %q", i18n.UserMessage(err), tt.message)
			}
			if tt.name == "unknown ID" && !errors.Is(err, ErrNotFound) {
				t.Errorf("%v is not ErrNotFound", err)
			}
			if snapshotOf(t, s) != before {
				t.Error("the database changed")
			}
		})
	}
}

func TestImportMunicipalities(t *testing.T) {
	ctx := context.Background()
	goes := domain.Municipality{Name: "Goes", CBSCode: "GM0664", Inhabitants: 40200, CollegeDays: []time.Weekday{time.Monday}, CollegeLeadDays: 2, Region: domain.RegionZuid}
	middelburg := fixture().Municipalities[0]
	vlissingen := fixture().Municipalities[1]
	tests := []struct {
		name  string
		muns  []domain.Municipality
		want  ImportResult
		names map[string]string // CBS code -> name afterwards
	}{
		{"add and update by CBS code", []domain.Municipality{goes, func() domain.Municipality {
			m := middelburg
			m.ID, m.Inhabitants = 0, 50000
			return m
		}(), vlissingen}, ImportResult{Added: 1, Updated: 1, Unchanged: 1, IDs: []int64{3, 1, 2}},
			map[string]string{"GM0664": "Goes", "GM0687": "Middelburg", "GM0718": "Vlissingen"}},
		{"names swapped", []domain.Municipality{func() domain.Municipality {
			m := middelburg
			m.Name = "Vlissingen"
			return m
		}(), func() domain.Municipality {
			m := vlissingen
			m.ID, m.Name = 0, "Middelburg"
			return m
		}()}, ImportResult{Updated: 2, IDs: []int64{1, 2}},
			map[string]string{"GM0687": "Vlissingen", "GM0718": "Middelburg"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			if err := s.Import(ctx, fixture()); err != nil {
				t.Fatal(err)
			}
			got, err := s.ImportMunicipalities(ctx, tt.muns)
			if err != nil {
				t.Fatal(err)
			}
			if got.Added != tt.want.Added || got.Updated != tt.want.Updated || got.Unchanged != tt.want.Unchanged || len(got.IDs) != len(tt.want.IDs) {
				t.Fatalf("result %+v, want %+v", got, tt.want)
			}
			ms, err := s.Municipalities(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range ms {
				if want := tt.names[m.CBSCode]; want != "" && m.Name != want {
					t.Errorf("%s is %q, want %q", m.CBSCode, m.Name, want)
				}
				if m.CBSCode == "GM0687" && tt.name == "add and update by CBS code" && m.Inhabitants != 50000 {
					t.Errorf("inhabitants %d", m.Inhabitants)
				}
			}
		})
	}
}

func TestImportMunicipalitiesIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	i18n.SetLanguage(i18n.Dutch)
	goes := domain.Municipality{Name: "Goes", CBSCode: "GM0664", CollegeDays: []time.Weekday{time.Monday}, Region: domain.RegionZuid}
	taken := goes
	taken.CBSCode, taken.Name = "GM0654", "Vlissingen"
	bad := goes
	bad.CBSCode = "GM66"
	tests := []struct {
		name    string
		muns    []domain.Municipality
		message string
	}{
		{"name of another gemeente", []domain.Municipality{goes, taken}, "rij 2 (Vlissingen)"},
		{"invalid CBS code", []domain.Municipality{goes, bad}, "rij 2 (Goes): ‘GM66’ is geen geldige CBS-code"},
		{"same gemeente twice", []domain.Municipality{goes, goes}, "rij 1 en rij 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			if err := s.Import(ctx, fixture()); err != nil {
				t.Fatal(err)
			}
			before := snapshotOf(t, s)
			if _, err := s.ImportMunicipalities(ctx, tt.muns); err == nil || !strings.Contains(i18n.UserMessage(err), tt.message) {
				t.Errorf("error %v, want %q", err, tt.message)
			}
			if snapshotOf(t, s) != before {
				t.Error("the database changed")
			}
		})
	}
}

func TestReplaceSchoolHolidays(t *testing.T) {
	ctx := context.Background()
	i18n.SetLanguage(i18n.Dutch)
	herfst := domain.SchoolHoliday{Region: domain.RegionZuid, Name: "Herfstvakantie", From: date.New(2027, time.October, 16), To: date.New(2027, time.October, 24)}
	kerst := domain.SchoolHoliday{Region: domain.RegionNoord, Name: "Kerstvakantie", From: date.New(2027, time.December, 25), To: date.New(2028, time.January, 9)}
	backwards := kerst
	backwards.From, backwards.To = backwards.To, backwards.From
	tests := []struct {
		name    string
		list    []domain.SchoolHoliday
		message string // "" when the replace succeeds
	}{
		{"two periods", []domain.SchoolHoliday{herfst, kerst}, ""},
		{"none", nil, ""},
		{"end before start", []domain.SchoolHoliday{herfst, backwards}, "rij 2 (Kerstvakantie)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			if err := s.Import(ctx, fixture()); err != nil {
				t.Fatal(err)
			}
			before, err := s.SchoolHolidays(ctx)
			if err != nil {
				t.Fatal(err)
			}
			list := append([]domain.SchoolHoliday(nil), tt.list...)
			err = s.ReplaceSchoolHolidays(ctx, list)
			got, err2 := s.SchoolHolidays(ctx)
			if err2 != nil {
				t.Fatal(err2)
			}
			if tt.message != "" {
				if err == nil || !strings.Contains(i18n.UserMessage(err), tt.message) {
					t.Errorf("error %v, want %q", err, tt.message)
				}
				if len(got) != len(before) {
					t.Errorf("%d periods after a refused replace, had %d", len(got), len(before))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.list) {
				t.Fatalf("%d periods stored, want %d", len(got), len(tt.list))
			}
			for i := range list {
				if list[i].ID == 0 {
					t.Errorf("period %d without ID", i)
				}
			}
		})
	}
}
