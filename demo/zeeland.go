package demo

import (
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/planning"
)

// Zeeland returns the demo region for today: meetings kept off Dutch
// holidays, the secretariat's closed days and recess by the planning
// engine's work calendar, every body with the preset chain for its kind,
// and the official school holidays of the southern region.
func Zeeland(today date.Date) (*domain.Dataset, error) {
	closed := closedDays(today.Year())
	cal := planning.NewCalendar(settings(), closed, nil, nil)
	ds, err := Build(today, cal, planning.ChainPreset)
	if err != nil {
		return nil, err
	}
	ds.ClosedDays = closed
	for _, h := range planning.DefaultSchoolHolidays() {
		ds.SchoolHolidays = append(ds.SchoolHolidays, h)
	}
	return ds, nil
}

// closedDays are the secretariat's own closed days: the Friday after
// Ascension (a bridge day in most collective agreements) and the days
// between Christmas and New Year.
func closedDays(year int) []domain.ClosedDay {
	var out []domain.ClosedDay
	for y := year; y <= year+1; y++ {
		out = append(out, domain.ClosedDay{Date: planning.Easter(y).AddDays(40), Name: "vrijdag na Hemelvaart"})
		for d := date.New(y, time.December, 27); d.Year() == y; d = d.AddDays(1) {
			if !d.IsWeekend() {
				out = append(out, domain.ClosedDay{Date: d, Name: "tussen Kerst en Oud en Nieuw"})
			}
		}
	}
	return out
}
