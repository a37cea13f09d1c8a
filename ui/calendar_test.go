package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/demo"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/store"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

func calendarOf(t testing.TB, sh *Shell) *calendarScreen {
	t.Helper()
	for i, s := range sh.screens {
		if s.key == ScreenCalendar {
			if c, ok := sh.tabs.Items[i].Content.(*calendarScreen); ok {
				return c
			}
		}
	}
	t.Fatal("no calendar screen in the shell")
	return nil
}

// calCell returns the month view's cell of day d.
func calCell(t *testing.T, c *calendarScreen, d date.Date) *components.DayCell {
	t.Helper()
	for i, day := range c.days {
		if day.Date == d {
			return c.cells[i]
		}
	}
	t.Fatalf("%s is not shown (%s)", d, c.title.Text)
	return nil
}

// tapEntry taps the line of cell c that contains text.
func tapEntry(t *testing.T, c *components.DayCell, text string) {
	t.Helper()
	for i, e := range c.Entries {
		if strings.Contains(e.Text, text) {
			pos, ok := c.EntryPosition(i)
			if !ok {
				t.Fatalf("%q is hidden under the more line", e.Text)
			}
			test.TapAt(c, pos)
			return
		}
	}
	t.Fatalf("no line %q in %q", text, c.Texts())
}

func TestCalendarMonthOfJanuary2027(t *testing.T) {
	sh, w := newTestShell(t)
	sh.Show(ScreenCalendar)
	c := calendarOf(t, sh)
	opened := scrOpened(sh)
	if c.title.Text != "november 2026" {
		t.Fatalf("the calendar opens on %q, not this month", c.title.Text)
	}
	test.Tap(c.next)
	test.Tap(c.next)
	if c.title.Text != "januari 2027" {
		t.Fatalf("two months on: %q", c.title.Text)
	}
	jeugd := demoMeeting(t, sh.State, "PHO Jeugd Zeeland", date.MustParse("2027-01-14"))
	tests := []struct {
		day   string
		kind  components.DayKind
		note  string
		lines []string
	}{
		{"2027-01-01", components.DayOff, "Nieuwjaarsdag", nil},
		{"2027-01-02", components.DayRecess, "Kerstreces 2026", nil},
		{"2026-12-28", components.DayOff, "tussen Kerst en Oud en Nieuw", nil},
		{"2027-01-14", components.DayWorking, "", []string{"10:00 PHO Jeugd", "10:30 PHO Orionis"}},
		{"2027-01-04", components.DayWorking, "", []string{"verzending PHO Jeugd · secretariaat (krap)"}},
	}
	for _, tt := range tests {
		cell := calCell(t, c, date.MustParse(tt.day))
		if cell.Kind != tt.kind || cell.Note != tt.note {
			t.Errorf("%s: kind %d note %q, want %d %q", tt.day, cell.Kind, cell.Note, tt.kind, tt.note)
		}
		shown := strings.Join(cell.Texts(), "\n")
		for _, l := range tt.lines {
			if !strings.Contains(shown, l) {
				t.Errorf("%s shows %q, not %q", tt.day, shown, l)
			}
		}
	}
	if cell := calCell(t, c, date.MustParse("2027-01-14")); cell.Size().Height < 60 || w.Canvas().Size().Width < 1000 {
		t.Errorf("cell laid out at %v", cell.Size())
	}
	tapEntry(t, calCell(t, c, date.MustParse("2027-01-14")), "PHO Jeugd")
	if len(*opened) != 1 || (*opened)[0] != jeugd.ID {
		t.Errorf("tapping the PHO Jeugd opened %v, want %d", *opened, jeugd.ID)
	}
}

func TestCalendarFilters(t *testing.T) {
	sh, _ := newTestShell(t)
	sh.Show(ScreenCalendar)
	c := calendarOf(t, sh)
	c.anchor = date.MustParse("2027-01-01")
	c.refresh()
	count := func() (meetings, deadlines int) {
		for _, d := range c.days {
			meetings += len(d.Meetings)
			deadlines += len(d.Deadlines)
		}
		return
	}
	allM, allD := count()
	jan14 := date.MustParse("2027-01-14")

	c.partSel.SetSelected("Jeugdregio Zeeland")
	m, d := count()
	if m >= allM || d >= allD || m == 0 {
		t.Errorf("Jeugd: %d meetings, %d deadlines of %d, %d", m, d, allM, allD)
	}
	lines := strings.Join(calCell(t, c, jan14).Texts(), "\n")
	if !strings.Contains(lines, "PHO Jeugd") || strings.Contains(lines, "Orionis") {
		t.Errorf("14 January for Jeugd: %q", lines)
	}
	// The bodies follow the partnership.
	for _, o := range c.bodySel.Options[1:] {
		if !strings.Contains(o, "Jeugd") {
			t.Errorf("body %q offered under Jeugdregio Zeeland", o)
		}
	}
	c.bodySel.SetSelected("AO Jeugd Zeeland")
	if m2, _ := count(); m2 >= m {
		t.Errorf("the AO alone shows %d meetings, the partnership %d", m2, m)
	}
	test.Tap(c.clear)
	if m, d := count(); m != allM || d != allD {
		t.Errorf("after clearing: %d, %d; want %d, %d", m, d, allM, allD)
	}

	// Tholen is no member of Orionis: its meetings go, and of the
	// per-gemeente deadlines only Tholen's own remain.
	c.munSel.SetSelected("Tholen")
	for _, day := range c.days {
		for _, mt := range day.Meetings {
			if b := sh.State.Planner().Index().Bodies[mt.BodyID]; b.PartnershipID == demo.Orionis {
				t.Errorf("Tholen sees %s", b.Name)
			}
		}
		for _, dl := range day.Deadlines {
			if dl.MunicipalityID != 0 && dl.MunicipalityID != demo.Tholen || dl.Gemeenten > 1 {
				t.Errorf("Tholen sees %s of %d (%d gemeenten)", dl.Name, dl.MunicipalityID, dl.Gemeenten)
			}
		}
	}
	// A person: only the meetings they sit in.
	c.munSel.SetID(0)
	c.perSel.SetSelected(c.perSel.Options[1])
	_, ix := sh.State.Data()
	for _, day := range c.days {
		for _, mt := range day.Meetings {
			if !takesPart(ix, mt, c.filter.Person) {
				t.Errorf("person %d sees meeting %d", c.filter.Person, mt.ID)
			}
		}
	}
}

func TestCalendarWeekView(t *testing.T) {
	sh, _ := newTestShell(t)
	c := calendarOf(t, sh)
	opened := scrOpened(sh)
	c.anchor = date.MustParse("2027-01-01")
	c.refresh()
	// The week number opens that week.
	for i, row := range c.weekNums {
		if strings.Contains(strings.Join(scrTexts(row), ""), "wk 2") {
			test.Tap(c.weekNums[i])
		}
	}
	if !c.week || !strings.HasPrefix(c.title.Text, "week 2 ·") {
		t.Fatalf("after tapping wk 2: week view %v, title %q", c.week, c.title.Text)
	}
	thursday := c.weekCols.Objects[3]
	texts := strings.Join(scrTexts(thursday), " | ")
	for _, want := range []string{"donderdag 14 januari", "10:00–12:30", "PHO Jeugd Zeeland", "PHO Werk en Inkomen Walcheren"} {
		if !strings.Contains(texts, want) {
			t.Errorf("Thursday of week 2 lacks %q: %s", want, texts)
		}
	}
	for _, x := range test.LaidOutObjects(thursday) {
		if r, ok := x.(*components.TapRow); ok && strings.Contains(strings.Join(scrTexts(r), " "), "PHO Jeugd Zeeland") {
			test.Tap(r)
			break
		}
	}
	if len(*opened) != 1 {
		t.Errorf("tapping the PHO in the week view opened %v", *opened)
	}
	test.Tap(c.next)
	if !strings.HasPrefix(c.title.Text, "week 3 ·") {
		t.Errorf("next week: %q", c.title.Text)
	}
	c.mode.SetSelected("Maand")
	if c.week || c.title.Text != "januari 2027" {
		t.Errorf("back to the month: %v %q", c.week, c.title.Text)
	}
}

// TestCalendarFollowsTheStore: a meeting planned elsewhere appears after
// the reload.
func TestCalendarFollowsTheStore(t *testing.T) {
	sh, _ := newTestShell(t)
	c := calendarOf(t, sh)
	c.anchor = date.MustParse("2027-02-01")
	c.refresh()
	st := sh.State
	ctx := context.Background()
	day := date.MustParse("2027-02-24")
	before := len(calCell(t, c, day).Entries)
	m := domain.Meeting{BodyID: 10, Start: day.At(9, 0, domain.Amsterdam()), End: day.At(10, 30, domain.Amsterdam()), Status: domain.StatusGepland, Location: "Middelburg"}
	if err := st.Store.SaveMeeting(ctx, &m); err != nil {
		t.Fatal(err)
	}
	if err := st.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	cell := calCell(t, c, day)
	if len(cell.Entries) <= before || !strings.Contains(cell.Entries[0].Text, "09:00 DB VRZ") {
		t.Errorf("after saving a DB meeting on %s: %q", day, cell.Texts())
	}
}

// TestCalendarRecessAndClosedDays: the secretariat's closed days and the
// recess are marked with their names; a holiday that is a working day
// under the settings is named too.
func TestCalendarMarks(t *testing.T) {
	st := newTestState(t)
	pl := st.Planner()
	ds, _ := st.Data()
	ci := newCalIndex(ds)
	days := calendarDays(pl, ci, date.MustParse("2027-03-22"), date.MustParse("2027-05-16"), calFilter{})
	want := map[string]struct {
		kind components.DayKind
		note string
	}{
		"2027-03-26": {components.DayWorking, "Goede Vrijdag (werkdag)"},
		"2027-03-29": {components.DayOff, "Tweede Paasdag"},
		"2027-04-27": {components.DayOff, "Koningsdag"},
		"2027-05-06": {components.DayOff, "Hemelvaartsdag"},
		"2027-05-07": {components.DayOff, "vrijdag na Hemelvaart"},
		"2027-05-08": {components.DayWeekend, ""},
	}
	for _, d := range days {
		if w, ok := want[d.Date.String()]; ok && (d.Kind != w.kind || d.Note != w.note) {
			t.Errorf("%s: %d %q, want %d %q", d.Date, d.Kind, d.Note, w.kind, w.note)
		}
	}
	// With a gemeente chosen, its school holidays are named: Zeeland is
	// in region Zuid, whose spring holiday of 2027 runs 6–14 February
	// (carnaval); without a gemeente there is no region to name.
	feb8 := date.MustParse("2027-02-08")
	days = calendarDays(pl, ci, feb8, feb8, calFilter{scopeFilter: scopeFilter{Municipality: demo.Vlissingen}})
	if !strings.Contains(strings.ToLower(days[0].Note), "voorjaarsvakantie") {
		t.Errorf("Vlissingen on 8 February 2027: %q", days[0].Note)
	}
	if days = calendarDays(pl, ci, feb8, feb8, calFilter{}); days[0].Note != "" {
		t.Errorf("8 February 2027 without a gemeente: %q", days[0].Note)
	}
}

// BenchmarkCalendarMonth measures opening the calendar with 5,000 meetings
// in the database: loading the snapshot from SQLite, indexing it and
// drawing a month, and paging to the next month. The target is under one
// second to open.
func BenchmarkCalendarMonth(b *testing.B) {
	test.NewTempApp(b)
	path := filepath.Join(b.TempDir(), "big.db")
	today := date.MustParse("2026-11-23")
	n := bigCalendarDB(b, path, today, 5000)
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	now := func() time.Time { return today.At(9, 0, domain.Amsterdam()) }
	b.Run(fmt.Sprintf("open-%d", n), func(b *testing.B) {
		for b.Loop() {
			st, err := NewState(context.Background(), s, now)
			if err != nil {
				b.Fatal(err)
			}
			w := test.NewWindow(nil)
			w.Resize(fyne.NewSize(1280, 820))
			sh := &Shell{State: st, Window: w}
			w.SetContent(buildCalendar(sh))
			w.Close()
		}
	})
	st, err := NewState(context.Background(), s, now)
	if err != nil {
		b.Fatal(err)
	}
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1280, 820))
	defer w.Close()
	sh := &Shell{State: st, Window: w}
	c := buildCalendar(sh).(*calendarScreen)
	w.SetContent(c)
	b.Run(fmt.Sprintf("next-month-%d", n), func(b *testing.B) {
		for b.Loop() {
			test.Tap(c.next)
		}
	})
}

// bigCalendarDB writes the demo region plus synthetic meetings of its
// bodies (seven every working day from January 2026 on) until the database
// holds want meetings, and returns the number.
func bigCalendarDB(b *testing.B, path string, today date.Date, want int) int {
	b.Helper()
	ds, err := demo.Zeeland(today)
	if err != nil {
		b.Fatal(err)
	}
	var maxID int64
	for _, m := range ds.Meetings {
		maxID = max(maxID, m.ID)
	}
	ams := domain.Amsterdam()
	d := date.MustParse("2026-01-05")
	for k := 0; len(ds.Meetings) < want; k++ {
		for d.IsWeekend() {
			d = d.AddDays(1)
		}
		body := ds.Bodies[k%len(ds.Bodies)]
		hour := 9 + k%7
		maxID++
		start := d.At(hour, 0, ams)
		ds.Meetings = append(ds.Meetings, domain.Meeting{ID: maxID, BodyID: body.ID, Start: start, End: start.Add(90 * time.Minute),
			Location: body.Location, Status: domain.StatusGepland, UID: fmt.Sprintf("bench-%d@overlegplanner", maxID)})
		if k%7 == 6 { // seven meetings a working day
			d = d.AddDays(1)
		}
	}
	s, err := store.Open(context.Background(), path, store.Options{Create: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Import(context.Background(), ds); err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		b.Fatal(err)
	}
	return len(ds.Meetings)
}
