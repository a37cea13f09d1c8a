package ui

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/planning"
)

func newTestSettings(t *testing.T) (*settingsScreen, fyne.Window) {
	t.Helper()
	sh, w := newTestShell(t)
	s := newSettingsScreen(sh)
	w.SetContent(s.tabs)
	return s, w
}

func storedSettings(t *testing.T, st *State) domain.Settings {
	t.Helper()
	set, err := st.Store.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestSettingsAreSavedAndThePreviewFollows(t *testing.T) {
	s, _ := newTestSettings(t)
	st := s.sh.State
	// Delivery's part of the settings must survive a save of this tab.
	ctx := context.Background()
	cur := storedSettings(t, st)
	cur.SMTP.Host, cur.SMTP.Port = "smtp.zeeland.nl", 587
	if err := st.Store.SaveSettings(ctx, cur); err != nil {
		t.Fatal(err)
	}
	if err := st.Reload(ctx); err != nil {
		t.Fatal(err)
	}

	s.goodFriday.SetChecked(false)
	s.liberation.setValue(domain.LiberationLustrum)
	before := s.preview.Text
	if !strings.HasPrefix(before, "Feestdagen 2027 (vrij): Nieuwjaarsdag 1 januari") || strings.Contains(before, "Goede Vrijdag 26 maart") {
		t.Fatalf("preview %q", before)
	}
	test.Tap(s.goodFriday)
	if !strings.Contains(s.preview.Text, "Goede Vrijdag 26 maart") {
		t.Errorf("preview with Goede Vrijdag on: %q", s.preview.Text)
	}
	s.liberation.setValue(domain.LiberationYearly)
	if !strings.Contains(s.preview.Text, "Bevrijdingsdag 5 mei") {
		t.Errorf("preview with Bevrijdingsdag yearly: %q", s.preview.Text)
	}
	orgType(s.tight, "4")
	orgType(s.orgName, "Secretariaat Jeugdregio Zeeland")
	orgType(s.orgEmail, "secretariaat@jeugdregiozeeland.nl")
	test.Tap(s.saveBtn)

	got := storedSettings(t, st)
	want := domain.HolidayOptions{GoodFriday: true, Liberation: domain.LiberationYearly}
	if got.Holidays != want || got.TightDays != 4 || got.OrganiserName != "Secretariaat Jeugdregio Zeeland" ||
		got.OrganiserEmail != "secretariaat@jeugdregiozeeland.nl" {
		t.Errorf("stored %+v; message %q", got, s.message.Text)
	}
	if got.SMTP.Host != "smtp.zeeland.nl" || got.SMTP.Port != 587 {
		t.Errorf("mail server settings lost: %+v", got.SMTP)
	}
	// The planner follows: Goede Vrijdag 2027 is now a day off.
	if off, ok := st.Planner().Calendar().Why(date.New(2027, time.March, 26)); !ok {
		t.Errorf("Goede Vrijdag not a day off after saving (%v)", off)
	}
	if s.message.Importance != widget.SuccessImportance || !s.message.Visible() {
		t.Errorf("message %q", s.message.Text)
	}
}

func TestSettingsRefuseBadInputInDutch(t *testing.T) {
	tests := []struct {
		name string
		edit func(s *settingsScreen)
		want string
	}{
		{"e-mail", func(s *settingsScreen) { orgType(s.orgEmail, "secretariaat@") }, "secretariaat@"},
		{"drempel", func(s *settingsScreen) { orgType(s.tight, "drie") }, "Krap onder: ‘drie’ is geen geheel getal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestSettings(t)
			before := storedSettings(t, s.sh.State)
			tt.edit(s)
			test.Tap(s.saveBtn)
			if !s.message.Visible() || s.message.Importance != widget.DangerImportance || !strings.Contains(s.message.Text, tt.want) {
				t.Errorf("message %q, want it to mention %q", s.message.Text, tt.want)
			}
			if got := storedSettings(t, s.sh.State); !reflect.DeepEqual(got, before) {
				t.Errorf("settings changed: %+v", got)
			}
		})
	}
}

func TestClosedDaysAndRecessAreAddedAndRemoved(t *testing.T) {
	s, w := newTestSettings(t)
	st := s.sh.State
	s.tabs.SelectIndex(1)
	count := func() (int, int) {
		ds := storedDataset(t, st)
		return len(ds.ClosedDays), len(ds.Recesses)
	}
	closed0, recess0 := count()

	// A closed day without a date is refused with a reason.
	orgType(s.closedName, "Vrijdag na Hemelvaart")
	test.Tap(s.closedAdd)
	if !s.closedMsg.Visible() || s.closedMsg.Importance != widget.DangerImportance {
		t.Fatalf("no refusal: %q", s.closedMsg.Text)
	}
	orgType(s.closedDate, "2027-05-07")
	test.Tap(s.closedAdd)
	if c, _ := count(); c != closed0+1 {
		t.Fatalf("closed day not stored: %q", s.closedMsg.Text)
	}
	if off, ok := st.Planner().Calendar().Why(date.New(2027, time.May, 7)); !ok || !strings.Contains(off.Label(), "Hemelvaart") {
		t.Errorf("planner does not see the closed day: %v %v", off, ok)
	}
	if !hasText(s.closedBox, "Vrijdag na Hemelvaart") {
		t.Error("closed day not listed")
	}

	// Recess with its end before its start: the domain's reason.
	orgType(s.recessName, "Zomerreces 2027")
	orgType(s.recessFrom, "2027-08-20")
	orgType(s.recessTo, "2027-07-10")
	test.Tap(s.recessAdd)
	if _, r := count(); r != recess0 || s.recessMsg.Importance != widget.DangerImportance {
		t.Fatalf("bad recess: %d stored, message %q", r-recess0, s.recessMsg.Text)
	}
	orgType(s.recessFrom, "2027-07-10")
	orgType(s.recessTo, "2027-08-20")
	test.Tap(s.recessAdd)
	if _, r := count(); r != recess0+1 {
		t.Fatalf("recess not stored: %q", s.recessMsg.Text)
	}

	// Delete the closed day again, after confirming.
	var del *widget.Button
	for _, o := range s.closedBox.Objects {
		if hasText(o, "Vrijdag na Hemelvaart") {
			c := o.(*fyne.Container)
			for _, x := range c.Objects {
				if box, ok := x.(*fyne.Container); ok {
					for _, y := range box.Objects {
						if b, ok := y.(*widget.Button); ok {
							del = b
						}
					}
				}
			}
		}
	}
	if del == nil {
		t.Fatal("no delete button on the row")
	}
	test.Tap(del)
	orgConfirm(t, w, true)
	if c, _ := count(); c != closed0 {
		t.Errorf("closed day not deleted: %q", s.closedMsg.Text)
	}
}

func TestSchoolHolidaysEditAndRestore(t *testing.T) {
	s, w := newTestSettings(t)
	st := s.sh.State
	s.tabs.SelectIndex(2)
	if len(s.school) == 0 {
		t.Fatal("demo without school holidays")
	}
	if !s.schoolSave.Disabled() {
		t.Error("save enabled before any edit")
	}
	orgType(s.school[0].name, "Herfstvakantie (gewijzigd)")
	test.Tap(s.schoolAdd)
	last := s.school[len(s.school)-1]
	last.region.setValue(domain.RegionNoord)
	orgType(last.name, "Extra vrije week")
	orgType(last.from, "2028-02-07")
	orgType(last.to, "2028-02-11")
	test.Tap(s.schoolSave)
	ds := storedDataset(t, st)
	var names []string
	for _, h := range ds.SchoolHolidays {
		names = append(names, h.Name)
	}
	joined := strings.Join(names, "|")
	if !strings.Contains(joined, "Herfstvakantie (gewijzigd)") || !strings.Contains(joined, "Extra vrije week") {
		t.Fatalf("stored %v; message %q", names, s.schoolMsg.Text)
	}

	// A period that ends before it starts: nothing of the table is stored.
	orgType(s.school[0].to, "2000-01-01")
	test.Tap(s.schoolSave)
	if s.schoolMsg.Importance != widget.DangerImportance {
		t.Errorf("message %q", s.schoolMsg.Text)
	}
	if again := storedDataset(t, st); !reflect.DeepEqual(again.SchoolHolidays, ds.SchoolHolidays) {
		t.Error("a refused table changed the store")
	}

	test.Tap(s.schoolReset)
	orgConfirm(t, w, true)
	want := planning.DefaultSchoolHolidays()
	got := storedDataset(t, st).SchoolHolidays
	if len(got) != len(want) {
		t.Fatalf("%d periods after restoring, want %d", len(got), len(want))
	}
	settingsSortSchool(want)
	settingsSortSchool(got)
	for i := range want {
		g := got[i]
		g.ID = 0
		if g != want[i] {
			t.Errorf("period %d: %+v, want %+v", i, g, want[i])
		}
	}
	if len(s.school) != len(want) || !s.schoolSave.Disabled() {
		t.Errorf("table shows %d rows after restoring", len(s.school))
	}
}

func TestCtrlNumberSwitchesScreens(t *testing.T) {
	sh, w := newTestShell(t)
	// The test canvas wraps the software canvas, which handles shortcuts
	// as a window does; its TypedShortcut is reached through the embedded
	// field.
	var typer interface{ TypedShortcut(fyne.Shortcut) }
	if v := reflect.ValueOf(w.Canvas()); v.Kind() == reflect.Pointer {
		if f := v.Elem().FieldByName("WindowlessCanvas"); f.IsValid() {
			typer, _ = f.Interface().(interface{ TypedShortcut(fyne.Shortcut) })
		}
	}
	if typer == nil {
		t.Fatal("cannot type a shortcut on the test canvas")
	}
	for i, s := range sh.screens {
		if i >= len(screenKeys) {
			break
		}
		typer.TypedShortcut(screenShortcut(i))
		if got := sh.tabs.SelectedIndex(); got != i {
			t.Errorf("Ctrl+%d: tab %d selected, want %d (%s)", i+1, got, i, s.key)
		}
	}
}
