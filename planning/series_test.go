package planning

import (
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

func dates(ds []date.Date) string {
	var s []string
	for _, x := range ds {
		s = append(s, x.String()[5:])
	}
	return strings.Join(s, " ")
}

func TestRhythmDates(t *testing.T) {
	tests := []struct {
		name string
		r    domain.Rhythm
		want string
	}{
		{"third thursday monthly", domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: time.Thursday, Nth: 3},
			"01-21 02-18 03-18 04-15 05-20 06-17 07-15 08-19 09-16 10-21 11-18 12-16"},
		{"last friday every three months from February", domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: time.Friday, Nth: -1, Interval: 3, Start: d("2026-02-27")},
			"02-26 05-28 08-27 11-26"},
		{"first monday every two months", domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: time.Monday, Nth: 1, Interval: 2},
			"01-04 03-01 05-03 07-05 09-06 11-01"},
		{"every four weeks on tuesday from a date in 2026", domain.Rhythm{Kind: domain.RhythmWeeks, Weekday: time.Tuesday, Interval: 4, Start: d("2026-12-01")},
			"01-26 02-23 03-23 04-20 05-18 06-15 07-13 08-10 09-07 10-05 11-02 11-30 12-28"},
		{"every two weeks, phase from a later start", domain.Rhythm{Kind: domain.RhythmWeeks, Weekday: time.Wednesday, Interval: 2, Start: d("2027-06-09")},
			"01-06 01-20 02-03 02-17 03-03 03-17 03-31 04-14 04-28 05-12 05-26 06-09 06-23 07-07 07-21 08-04 08-18 09-01 09-15 09-29 10-13 10-27 11-10 11-24 12-08 12-22"},
		{"start not on the weekday snaps forward", domain.Rhythm{Kind: domain.RhythmWeeks, Weekday: time.Friday, Interval: 26, Start: d("2027-01-01")},
			"01-01 07-02 12-31"},
		{"no rhythm", domain.Rhythm{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := dates(RhythmDates(tc.r, 2027)); got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestSeries(t *testing.T) {
	ds := fixture()
	p := NewPlanner(ds)
	b := p.Index().Bodies[bPHOWalcheren]
	// First Thursday: 6 May is Ascension Day and Friday 7 May a closed day,
	// so the meeting moves back to Wednesday 5 May; 5 August is in recess;
	// 1 April is no problem (Goede Vrijdag is 26 March).
	s := p.SeriesFor(b, domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: time.Thursday, Nth: 1}, 2027)
	byNominal := map[date.Date]SeriesEntry{}
	for _, e := range s.Entries {
		byNominal[e.Nominal] = e
	}
	if len(s.Entries) != 12 {
		t.Fatalf("%d entries", len(s.Entries))
	}
	may := byNominal[d("2027-05-06")]
	if may.Status != SeriesMoved || may.Date != d("2027-05-05") {
		t.Errorf("Ascension: %+v", may)
	}
	if got := Dutch(may.Reason); got != "Hemelvaartsdag op do 6 mei: verplaatst naar wo 5 mei" {
		t.Errorf("reason %q", got)
	}
	if aug := byNominal[d("2027-08-05")]; aug.Status != SeriesSkipped || !strings.Contains(Dutch(aug.Reason), "Zomerreces 2027") {
		t.Errorf("recess: %+v %q", aug, Dutch(aug.Reason))
	}
	apr := byNominal[d("2027-04-01")]
	if apr.Status != SeriesPlanned || !apr.Start.Equal(at("2027-04-01", 14, 0)) || !apr.End.Equal(at("2027-04-01", 16, 0)) {
		t.Errorf("April: %+v", apr)
	}
	// 4 March is in no school holiday; 18 February 2027 (third Thursday)
	// is not either, but 11 February falls in the carnaval holiday of the
	// south, where the Walcheren gemeenten are.
	feb := p.SeriesFor(b, domain.Rhythm{Kind: domain.RhythmMonthly, Weekday: time.Thursday, Nth: 2}, 2027).Entries[1]
	if len(feb.Notes) != 1 || Render(feb.Notes[0], i18n.Dutch) != "Voorjaarsvakantie (regio zuid)" {
		t.Errorf("school note: %+v", feb.Notes)
	}
	// Existing meetings: the third Thursday of March is meeting 2; that of
	// July is in recess, although meeting 6 was put there by hand. The
	// meetings of 8 April and 6 May are in other weeks.
	own, err := p.Series(bPHOWalcheren, 2027)
	if err != nil {
		t.Fatal(err)
	}
	existing := map[int64]SeriesStatus{}
	for _, e := range own.Entries {
		if e.ExistingID != 0 {
			existing[e.ExistingID] = e.Status
		}
	}
	if len(existing) != 2 || existing[2] != SeriesPlanned || existing[6] != SeriesSkipped {
		t.Errorf("existing meetings %v, want 2 (planned) and 6 (in recess)", existing)
	}
	if n, planned := len(own.NewMeetings(b)), len(own.Planned()); planned != 10 || n != planned-1 {
		t.Errorf("%d new meetings for %d planned entries, one of which exists", n, planned)
	}
	for _, m := range own.NewMeetings(b) {
		if err := m.Validate(); err != nil {
			t.Errorf("new meeting %+v: %v", m, err)
		}
	}
	if _, err := p.Series(bAOWalcheren, 2027); err == nil {
		t.Errorf("a body without rhythm has a series")
	}
}

// TestSeriesNeverOnADayOff: whatever the rhythm, a planned meeting is on a
// working day outside recess, and moves stay in the week.
func TestSeriesNeverOnADayOff(t *testing.T) {
	p := NewPlanner(fixture())
	b := p.Index().Bodies[bPHOJeugd]
	for wd := time.Monday; wd <= time.Friday; wd++ {
		for _, r := range []domain.Rhythm{
			{Kind: domain.RhythmWeeks, Weekday: wd, Interval: 1},
			{Kind: domain.RhythmMonthly, Weekday: wd, Nth: -1},
			{Kind: domain.RhythmMonthly, Weekday: wd, Nth: 4},
		} {
			for _, y := range []int{2026, 2027, 2028} {
				seen := map[date.Date]bool{}
				for _, e := range p.SeriesFor(b, r, y).Entries {
					if e.Status == SeriesSkipped {
						if e.Reason.IsZero() {
							t.Fatalf("%+v skipped without reason", e)
						}
						continue
					}
					if !p.Calendar().IsWorkingDay(e.Date) || seen[e.Date] {
						t.Fatalf("%v %d: meeting on %s", r, y, e.Date)
					}
					if _, in := p.Calendar().Recess(e.Date, pJeugd); in {
						t.Fatalf("%v %d: meeting in recess on %s", r, y, e.Date)
					}
					if e.Status == SeriesMoved && (e.Reason.IsZero() || abs(int(e.Date-e.Nominal)) > 4) {
						t.Fatalf("%v: moved %s → %s", r, e.Nominal, e.Date)
					}
					seen[e.Date] = true
				}
			}
		}
	}
}

// FuzzSeries generates series from arbitrary rhythms (valid or not) and
// checks what any series must satisfy.
func FuzzSeries(f *testing.F) {
	f.Add(uint8(1), uint8(4), int8(3), int8(1), int32(0), int16(2027))
	f.Add(uint8(2), uint8(2), int8(-1), int8(3), int32(739500), int16(2026))
	f.Add(uint8(1), uint8(1), int8(5), int8(0), int32(1), int16(2200))
	f.Add(uint8(2), uint8(6), int8(1), int8(52), int32(-5), int16(1900))
	p := NewPlanner(fixture())
	b := p.Index().Bodies[bPHOJeugd]
	f.Fuzz(func(t *testing.T, kind, wd uint8, nth, interval int8, start int32, year16 int16) {
		r := domain.Rhythm{Kind: []domain.RhythmKind{domain.RhythmNone, domain.RhythmWeeks, domain.RhythmMonthly}[kind%3],
			Weekday: time.Weekday(wd % 7), Nth: int(nth), Interval: int(interval)}
		if start != 0 {
			r.Start = clampFuzzDate(start)
		}
		year := 1900 + int(year16)%400
		if year < 1900 {
			year += 400
		}
		nominal := RhythmDates(r, year)
		for i, x := range nominal {
			if x.Year() != year || x.Weekday() != r.Weekday || i > 0 && x <= nominal[i-1] {
				t.Fatalf("%+v %d: date %s", r, year, x)
			}
		}
		s := p.SeriesFor(b, r, year)
		if len(s.Entries) != len(nominal) {
			t.Fatalf("%d entries for %d dates", len(s.Entries), len(nominal))
		}
		for _, e := range s.Entries {
			switch e.Status {
			case SeriesSkipped:
				if e.Reason.IsZero() || !e.Date.IsZero() {
					t.Fatalf("%+v", e)
				}
			default:
				if !p.Calendar().IsWorkingDay(e.Date) || !e.End.After(e.Start) || e.Date.Sub(e.Nominal) > 4 || e.Nominal.Sub(e.Date) > 4 {
					t.Fatalf("%+v", e)
				}
			}
		}
	})
}
