package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// meetingRow is one line of the meetings table.
type meetingRow struct {
	ID                                              int64
	Date, Time, Body, Partnership, Location, Status string
}

// upcomingMeetings returns the meetings from today on, by start, as rows.
func upcomingMeetings(st *State) []meetingRow {
	ds, ix := st.Data()
	today := st.Today()
	ams := domain.Amsterdam()
	var rows []meetingRow
	for _, m := range ds.Meetings {
		if m.Date().Before(today) {
			continue
		}
		r := meetingRow{ID: m.ID, Date: i18n.ShortDate(m.Date()),
			Time: i18n.Clock(m.Start.In(ams)) + "–" + i18n.Clock(m.End.In(ams)), Location: m.Location, Status: m.Status.Label()}
		if b := ix.Bodies[m.BodyID]; b != nil {
			r.Body = b.Name
			if p := ix.Partnerships[b.PartnershipID]; p != nil {
				r.Partnership = p.Name
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// buildMeetings is the meetings screen: the upcoming meetings in a table.
func buildMeetings(sh *Shell) fyne.CanvasObject {
	rows := upcomingMeetings(sh.State)
	headers := []string{i18n.T("ui.meetings.col.date"), i18n.T("ui.meetings.col.time"), i18n.T("ui.meetings.col.body"),
		i18n.T("ui.meetings.col.partnership"), i18n.T("ui.meetings.col.location"), i18n.T("ui.meetings.col.status")}
	widths := []float32{130, 110, 260, 230, 260, 100}
	cell := func(r meetingRow, col int) string {
		return [...]string{r.Date, r.Time, r.Body, r.Partnership, r.Location, r.Status}[col]
	}
	table := widget.NewTableWithHeaders(
		func() (int, int) { return len(rows), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			l.SetText(cell(rows[id.Row], id.Col))
		})
	table.ShowHeaderColumn = false
	table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(headers[id.Col])
		}
	}
	for i, w := range widths {
		table.SetColumnWidth(i, w)
	}
	title := widget.NewLabelWithStyle(i18n.T("ui.meetings.upcoming"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	count := widget.NewLabel(i18n.T("ui.meetings.count", len(rows)))
	sh.State.Subscribe(func() {
		rows = upcomingMeetings(sh.State)
		count.SetText(i18n.T("ui.meetings.count", len(rows)))
		table.Refresh()
	})
	return container.NewBorder(container.NewHBox(title, count), nil, nil, nil, table)
}
