package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/demo"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// yearPlanOf returns the Jaarplanning screen of the shell, shown.
func yearPlanOf(t *testing.T, sh *Shell) *yearPlanScreen {
	t.Helper()
	sh.Show(ScreenYearPlan)
	for i, s := range sh.screens {
		if s.key == ScreenYearPlan {
			if y, ok := sh.tabs.Items[i].Content.(*yearPlanScreen); ok {
				return y
			}
		}
	}
	t.Fatal("no year plan screen in the shell")
	return nil
}

// ypButton returns the button with text in o (a row, or a dialog).
func ypButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q in %q", text, scrTexts(o))
	return nil
}

// ypDialog returns the top dialog of the window.
func ypDialog(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	return top
}

// ypBody returns the body named name from the state's snapshot.
func ypBody(t *testing.T, st *State, name string) *domain.Body {
	t.Helper()
	ds, _ := st.Data()
	for i := range ds.Bodies {
		if ds.Bodies[i].Name == name {
			return &ds.Bodies[i]
		}
	}
	t.Fatalf("no body %q", name)
	return nil
}

// ypStored returns the body's meetings in year as the store holds them.
func ypStored(t *testing.T, st *State, bodyID int64, year int) []domain.Meeting {
	t.Helper()
	ds, err := st.Store.Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []domain.Meeting
	for _, m := range ds.Meetings {
		if m.BodyID == bodyID && m.Date().Year() == year {
			out = append(out, m)
		}
	}
	return out
}

// TestYearPlanApply: pick a body and 2028, apply; the store holds one new
// meeting per planned date at the body's time, none on a day off, each
// with the body's standing items; the screen then shows them as planned.
func TestYearPlanApply(t *testing.T) {
	sh, w := newTestShell(t)
	yp := yearPlanOf(t, sh)
	st := sh.State
	b := ypBody(t, st, "PHO Werk en Inkomen Walcheren")
	yp.bodySel.SetSelected(b.Name)
	yp.yearSel.SetSelected("2028")
	if yp.body == nil || yp.body.ID != b.ID || yp.year != 2028 {
		t.Fatalf("showing %v %d", yp.body, yp.year)
	}
	if got := ypStored(t, st, b.ID, 2028); len(got) != 0 {
		t.Fatalf("the demo already has %d meetings in 2028", len(got))
	}
	if !strings.Contains(yp.label.Text, "elke derde donderdag van de maand") {
		t.Errorf("rhythm shown as %q", yp.label.Text)
	}
	want := len(yp.plan.New)
	if want < 10 || yp.plan.Problems != 0 || yp.apply.Disabled() {
		t.Fatalf("plan of %d new meetings, %d problems, apply disabled %v", want, yp.plan.Problems, yp.apply.Disabled())
	}
	// Every date that becomes a meeting says how much preparation time
	// the chain leaves the gemeenten.
	for _, r := range yp.plan.Rows {
		if r.State.creates() && (!r.HasPrep || len(r.Prep) == 0) {
			t.Errorf("%s: no preparation time per gemeente", r.Date)
		}
	}
	if !strings.Contains(yp.apply.Text, "aanmaken") {
		t.Errorf("apply button %q", yp.apply.Text)
	}

	test.Tap(yp.apply)
	dlg := ypDialog(t, w)
	if text := strings.Join(scrTexts(dlg), " "); !strings.Contains(text, "vaste agendapunten") {
		t.Errorf("confirm dialog says %q", text)
	}
	if yp.keepCheck != nil {
		t.Error("the body's own rhythm is offered to be kept")
	}
	test.Tap(ypButton(t, dlg, "Annuleren"))
	if got := ypStored(t, st, b.ID, 2028); len(got) != 0 {
		t.Fatalf("cancelled, yet %d meetings stored", len(got))
	}

	test.Tap(yp.apply)
	test.Tap(ypButton(t, ypDialog(t, w), strings.TrimSuffix(yp.apply.Text, " vergaderingen aanmaken…")+" aanmaken"))
	got := ypStored(t, st, b.ID, 2028)
	if len(got) != want {
		t.Fatalf("stored %d meetings in 2028, want %d", len(got), want)
	}
	cal := st.Planner().Calendar()
	ams := domain.Amsterdam()
	for _, m := range got {
		d := m.Date()
		if why, off := cal.Why(d); off {
			t.Errorf("meeting on %s, a day off (%s)", d, why.Label())
		}
		start := m.Start.In(ams)
		if start.Hour()*60+start.Minute() != b.StartMinute || m.End.Sub(m.Start) != time.Duration(b.Duration)*time.Minute {
			t.Errorf("meeting on %s at %s–%s, want the body's %d minutes from minute %d", d, start.Format("15:04"), m.End.In(ams).Format("15:04"), b.Duration, b.StartMinute)
		}
		if m.Location != b.Location || m.Status != domain.StatusGepland || m.UID == "" {
			t.Errorf("meeting on %s: %q %q %q", d, m.Location, m.Status, m.UID)
		}
	}
	if len(b.StandingItems) > 0 {
		full, err := st.Store.Meeting(context.Background(), got[0].ID)
		if err != nil || len(full.Items) < len(b.StandingItems) {
			t.Errorf("new meeting has %d items (%v), the body %d standing items", len(full.Items), err, len(b.StandingItems))
		}
	}
	// After the reload the screen shows the dates as planned and offers
	// nothing more to create.
	if n := yp.plan.count(ypExisting); n != want || len(yp.plan.New) != 0 || !yp.apply.Disabled() {
		t.Errorf("after applying: %d existing, %d new, apply disabled %v", n, len(yp.plan.New), yp.apply.Disabled())
	}
}

// TestYearPlanAdjustDates: one date removed, one moved with the date entry
// (a holiday and a date in another year refused in Dutch first); applying
// stores exactly the adjusted plan.
func TestYearPlanAdjustDates(t *testing.T) {
	sh, w := newTestShell(t)
	yp := yearPlanOf(t, sh)
	st := sh.State
	b := ypBody(t, st, "PHO Werk en Inkomen Walcheren")
	yp.bodySel.SetSelected(b.Name)
	yp.yearSel.SetSelected("2028")
	before := len(yp.plan.New)

	// Remove the first date.
	first := yp.plan.Rows[0]
	test.Tap(ypButton(t, yp.rows.Objects[0], "Schrappen"))
	if r := yp.plan.Rows[0]; r.State != ypRemoved || len(yp.plan.New) != before-1 {
		t.Fatalf("after removing: %v, %d new", r.State, len(yp.plan.New))
	}

	// Move the April meeting (third Thursday: 20 April 2028).
	april := -1
	for i, r := range yp.plan.Rows {
		if r.Date == date.MustParse("2028-04-20") {
			april = i
		}
	}
	if april < 0 {
		t.Fatal("no meeting on 20 April 2028")
	}
	test.Tap(ypButton(t, yp.rows.Objects[april], "Verplaatsen"))
	dlg := ypDialog(t, w)
	ok := ypButton(t, dlg, "Verplaatsen")
	for _, tt := range []struct{ typed, want string }{
		{"2028-04-27", "Koningsdag"},
		{"2029-04-19", "valt niet in 2028"},
		{"2028-04-22", "weekend"},
		{"31-04-2028", "geen geldige datum"},
	} {
		yp.moveEntry.SetText("")
		test.Type(yp.moveEntry, tt.typed)
		err := yp.moveEntry.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want a message with %q", tt.typed, err, tt.want)
		}
		if !ok.Disabled() {
			t.Errorf("%s: the form can be confirmed", tt.typed)
		}
	}
	yp.moveEntry.SetText("")
	test.Type(yp.moveEntry, "25-04-2028")
	if err := yp.moveEntry.Validate(); err != nil || ok.Disabled() {
		t.Fatalf("25 April 2028: %v, disabled %v", err, ok.Disabled())
	}
	test.Tap(ok)
	r := yp.plan.Rows[april]
	if r.State != ypAdjusted || r.Date != date.MustParse("2028-04-25") || r.Problem != "" {
		t.Fatalf("after moving: %+v", r)
	}
	if text := strings.Join(scrTexts(yp.rows.Objects[april]), " "); !strings.Contains(text, "di 25 april") || !strings.Contains(text, "20 april 2028") {
		t.Errorf("moved row shows %q", text)
	}

	test.Tap(yp.apply)
	test.Tap(ypButton(t, ypDialog(t, w), strings.TrimSuffix(yp.apply.Text, " vergaderingen aanmaken…")+" aanmaken"))
	days := map[date.Date]bool{}
	for _, m := range ypStored(t, st, b.ID, 2028) {
		days[m.Date()] = true
	}
	if len(days) != before-1 || days[first.Date] || days[date.MustParse("2028-04-20")] || !days[date.MustParse("2028-04-25")] {
		t.Errorf("stored %v; want %d dates without %s and 20 April, with 25 April", days, before-1, first.Date)
	}
}

// TestYearPlanRhythm: another weekday in the fields gives a series on that
// day; a proposal fills the fields; applying with "keep" stores the rhythm
// as the body's.
func TestYearPlanRhythm(t *testing.T) {
	sh, w := newTestShell(t)
	yp := yearPlanOf(t, sh)
	st := sh.State
	b := ypBody(t, st, "PHO Werk en Inkomen Walcheren")
	yp.bodySel.SetSelected(b.Name)
	yp.yearSel.SetSelected("2028")

	yp.weekday.SetSelected("dinsdag")
	for _, r := range yp.plan.Rows {
		if r.State == ypNew && r.Date.Weekday() != time.Tuesday {
			t.Errorf("%s is no Tuesday", r.Date)
		}
	}
	if !strings.Contains(yp.label.Text, "elke derde dinsdag van de maand") || !strings.Contains(yp.label.Text, "aangepast") {
		t.Errorf("rhythm label %q", yp.label.Text)
	}
	test.Tap(yp.reset)
	if !sameYearRhythm(yp.rhythm, b.Rhythm, 2028) || yp.weekday.Selected != "donderdag" || strings.Contains(yp.label.Text, "aangepast") {
		t.Errorf("reset gave %+v, %q", yp.rhythm, yp.weekday.Selected)
	}

	// A bad interval is refused in Dutch and changes nothing.
	shown := yp.rhythm
	yp.interval.SetText("")
	test.Type(yp.interval, "13")
	if err := yp.interval.Validate(); err == nil || !strings.Contains(err.Error(), "1 tot en met 12") {
		t.Errorf("interval 13: %v", err)
	}
	if !sameYearRhythm(yp.rhythm, shown, 2028) {
		t.Errorf("an invalid interval changed the rhythm to %+v", yp.rhythm)
	}
	yp.interval.SetText("1")

	if len(yp.props) == 0 {
		t.Fatal("no proposals")
	}
	var pick planning.Proposal
	idx := -1
	for i, p := range yp.props {
		if !p.Current {
			pick, idx = p, i
			break
		}
	}
	if idx < 0 {
		t.Fatal("every proposal is the current rhythm")
	}
	for _, o := range yp.propList.Objects {
		if row, ok := o.(*components.TapRow); ok && strings.HasPrefix(strings.Join(scrTexts(row), " "), strconv.Itoa(idx+1)+". ") {
			test.Tap(row)
		}
	}
	if yp.rhythm != pick.Rhythm {
		t.Fatalf("after tapping proposal %d: %+v, want %+v", idx+1, yp.rhythm, pick.Rhythm)
	}
	if len(yp.plan.New) != pick.Meetings {
		t.Errorf("proposal of %d meetings shows %d new", pick.Meetings, len(yp.plan.New))
	}
	test.Tap(yp.apply)
	if yp.keepCheck == nil || !yp.keepCheck.Checked {
		t.Fatal("no checked offer to keep the new rhythm")
	}
	test.Tap(ypButton(t, ypDialog(t, w), strings.TrimSuffix(yp.apply.Text, " vergaderingen aanmaken…")+" aanmaken"))
	ds, err := st.Store.Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, sb := range ds.Bodies {
		if sb.ID == b.ID && !sameYearRhythm(sb.Rhythm, pick.Rhythm, 2028) {
			t.Errorf("stored rhythm %+v, want %+v", sb.Rhythm, pick.Rhythm)
		}
	}
	if got := ypStored(t, st, b.ID, 2028); len(got) != pick.Meetings {
		t.Errorf("stored %d meetings, want %d", len(got), pick.Meetings)
	}
}

// TestYearPlanDateProblem: the dates a user may not choose, and why.
func TestYearPlanDateProblem(t *testing.T) {
	st := newTestState(t)
	pl := st.Planner()
	b := ypBody(t, st, "PHO Werk en Inkomen Walcheren")
	var existing date.Date
	for _, m := range ypStored(t, st, b.ID, 2027) {
		if !m.IsCancelled() {
			existing = m.Date()
			break
		}
	}
	if existing.IsZero() {
		t.Fatal("no meeting of the body in 2027")
	}
	tests := []struct {
		day  date.Date
		want string
	}{
		{date.MustParse("2027-03-10"), ""},
		{date.MustParse("2027-04-27"), "is geen werkdag: Koningsdag"},
		{date.MustParse("2027-05-08"), "is geen werkdag: weekend"},
		{date.MustParse("2027-07-15"), "valt in Zomerreces 2027"},
		{date.MustParse("2028-01-06"), "valt niet in 2027"},
		{existing, "op die dag vergadert dit overleg al"},
	}
	for _, tt := range tests {
		if got := ypDateProblem(pl, b, 2027, tt.day); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.day, got, tt.want)
		}
	}
}

// TestYearPlanDefaultYear: the year plan is made in the autumn.
func TestYearPlanDefaultYear(t *testing.T) {
	for _, tt := range []struct {
		today string
		want  int
	}{{"2026-11-23", 2027}, {"2026-07-01", 2027}, {"2026-06-30", 2026}, {"2027-01-04", 2027}} {
		if got := ypDefaultYear(date.MustParse(tt.today)); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.today, got, tt.want)
		}
	}
}

// BenchmarkYearPlanChoose measures what choosing a body and year costs on
// the demo data: the planner's five proposals and the plan with the
// preparation time and clashes of every date. It runs on the UI goroutine,
// so it has to stay well under the 100 ms a click may take.
func BenchmarkYearPlanChoose(b *testing.B) {
	i18n.SetLanguage(i18n.Dutch)
	ds, err := demo.Zeeland(domain.DateOf(testNow))
	if err != nil {
		b.Fatal(err)
	}
	pl := planning.NewPlanner(ds)
	var body *domain.Body
	for _, bd := range pl.Index().Bodies {
		if bd.Name == "PHO Werk en Inkomen Walcheren" {
			body = bd
		}
	}
	for b.Loop() {
		if _, err := pl.Propose(body.ID, 2028, 5); err != nil {
			b.Fatal(err)
		}
		computeYearPlan(pl, body, body.Rhythm, 2028, ypAdjust{})
	}
}

// TestYearPlanBodyWithoutRhythm: a body without a rhythm shows no dates
// and says so; the planner's proposals are there, and taking one gives the
// series to apply.
func TestYearPlanBodyWithoutRhythm(t *testing.T) {
	sh, _ := newTestShell(t)
	yp := yearPlanOf(t, sh)
	yp.bodySel.SetSelected("AO Jeugd Zeeland")
	yp.yearSel.SetSelected("2028")
	if len(yp.plan.Rows) != 0 || !yp.apply.Disabled() || !strings.Contains(yp.label.Text, "geen vast ritme") {
		t.Fatalf("no rhythm: %d rows, apply disabled %v, label %q", len(yp.plan.Rows), yp.apply.Disabled(), yp.label.Text)
	}
	if len(yp.props) == 0 {
		t.Fatal("no proposals for a body without a rhythm")
	}
	for _, o := range yp.propList.Objects {
		if row, ok := o.(*components.TapRow); ok {
			test.Tap(row)
			break
		}
	}
	if yp.rhythm != yp.props[0].Rhythm || len(yp.plan.New) != yp.props[0].Meetings || yp.apply.Disabled() {
		t.Errorf("after taking proposal 1: %+v with %d new meetings (want %+v, %d)", yp.rhythm, len(yp.plan.New), yp.props[0].Rhythm, yp.props[0].Meetings)
	}
}

// TestYearPlanRescueSkippedDate: a date the rhythm loses to the recess is
// shown with the reason, and can be planned on another day after all.
func TestYearPlanRescueSkippedDate(t *testing.T) {
	sh, w := newTestShell(t)
	yp := yearPlanOf(t, sh)
	yp.bodySel.SetSelected("PHO Werk en Inkomen Walcheren")
	yp.yearSel.SetSelected("2027")
	july := -1
	for i, r := range yp.plan.Rows {
		if r.Nominal == date.MustParse("2027-07-15") {
			july = i
		}
	}
	if july < 0 || yp.plan.Rows[july].State != ypSkipped {
		t.Fatalf("15 July 2027 (in the summer recess) is not dropped: %+v", yp.plan.Rows)
	}
	if text := strings.Join(scrTexts(yp.rows.Objects[july]), " "); !strings.Contains(text, "Zomerreces 2027") || !strings.Contains(text, "vervalt") {
		t.Errorf("dropped row shows %q", text)
	}
	before := len(yp.plan.New)
	test.Tap(ypButton(t, yp.rows.Objects[july], "Toch plannen"))
	ok := ypButton(t, ypDialog(t, w), "Verplaatsen")
	test.Type(yp.moveEntry, "2027-07-22")
	if err := yp.moveEntry.Validate(); err == nil || !strings.Contains(err.Error(), "Zomerreces 2027") || !ok.Disabled() {
		t.Errorf("22 July 2027: %v, disabled %v", err, ok.Disabled())
	}
	yp.moveEntry.SetText("")
	test.Type(yp.moveEntry, "2027-07-08")
	test.Tap(ok)
	if r := yp.plan.Rows[july]; r.State != ypAdjusted || r.Date != date.MustParse("2027-07-08") || len(yp.plan.New) != before+1 {
		t.Errorf("after planning 8 July: %v %s, %d new (was %d)", r.State, r.Date, len(yp.plan.New), before)
	}
}
