package cli

import (
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
)

// yearDeadlines computes the deadlines that belong to the meetings of year
// (some fall in the year before).
func yearDeadlines(ds *domain.Dataset, year int) ([]domain.Deadline, error) {
	return planning.NewPlanner(ds).AllDeadlines(date.New(year-1, time.July, 1), date.New(year, time.December, 31)), nil
}

// allDeadlines computes every deadline of every meeting.
func allDeadlines(ds *domain.Dataset) ([]domain.Deadline, error) {
	return planning.NewPlanner(ds).AllDeadlines(0, 0), nil
}

// impossibleChains lists, for meetings from today on, every step that
// cannot be met, as a problem for `check`.
func impossibleChains(ds *domain.Dataset, now time.Time) ([]i18n.Message, error) {
	p := planning.NewPlanner(ds)
	today := domain.DateOf(now)
	ix := p.Index()
	var out []i18n.Message
	for _, d := range p.AllDeadlines(today, 0) {
		if d.Status != domain.DeadlineOnhaalbaar {
			continue
		}
		m := ix.Meetings[d.MeetingID]
		body := ""
		if b := ix.Bodies[m.BodyID]; b != nil {
			body = b.Name
		}
		out = append(out, i18n.M("cli.check.chain", body, i18n.ShortDate(m.Date()), d.Reason))
	}
	return out, nil
}
