package ui

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// settingsScreen is the Instellingen screen, in four tabs:
//   - Algemeen: which holidays are days off (Goede Vrijdag, Bevrijdingsdag)
//     with a live list of next year's, the default krap threshold, the
//     organiser of invitations and the language; saved together;
//   - Vrije dagen: closed days (of everyone or one gemeente) and recess
//     periods (of every partnership or one), each added or removed at once;
//   - Schoolvakanties: the periods per region as an editable table, saved
//     as a whole, with the published dates one click away;
//   - Verzenden: the mail and calendar servers (delivery's section).
//
// Every change is checked by the store and a refusal is shown in Dutch
// beside the button that caused it; nothing is stored half.
type settingsScreen struct {
	sh   *Shell
	tabs *container.AppTabs

	goodFriday *widget.Check
	liberation *choice[domain.LiberationMode]
	tight      *widget.Entry
	orgName    *widget.Entry
	orgEmail   *widget.Entry
	language   *choice[i18n.Lang]
	preview    *widget.Label
	saveBtn    *widget.Button
	message    *widget.Label
	loading    bool

	closedBox  *fyne.Container
	closedDate *components.DateEntry
	closedName *widget.Entry
	closedMun  *choice[int64]
	closedAdd  *widget.Button
	closedMsg  *widget.Label

	recessBox  *fyne.Container
	recessName *widget.Entry
	recessFrom *components.DateEntry
	recessTo   *components.DateEntry
	recessPart *choice[int64]
	recessAdd  *widget.Button
	recessMsg  *widget.Label

	school      []*settingsSchoolRow
	schoolBox   *fyne.Container
	schoolSave  *widget.Button
	schoolReset *widget.Button
	schoolAdd   *widget.Button
	schoolMsg   *widget.Label
}

// settingsSchoolRow is one editable school-holiday period.
type settingsSchoolRow struct {
	region *choice[domain.SchoolRegion]
	name   *widget.Entry
	from   *components.DateEntry
	to     *components.DateEntry
}

// buildSettings is the Instellingen screen's build function for the shell.
func buildSettings(sh *Shell) fyne.CanvasObject {
	return newSettingsScreen(sh).tabs
}

func newSettingsScreen(sh *Shell) *settingsScreen {
	s := &settingsScreen{sh: sh}
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(i18n.T("ui.settings.tab.general"), theme.SettingsIcon(), s.buildGeneral()),
		container.NewTabItemWithIcon(i18n.T("ui.settings.tab.daysoff"), theme.CalendarIcon(), s.buildDaysOff()),
		container.NewTabItemWithIcon(i18n.T("ui.settings.tab.school"), theme.AccountIcon(), s.buildSchool()),
		container.NewTabItemWithIcon(i18n.T("ui.settings.tab.send"), theme.MailSendIcon(), container.NewVScroll(container.NewPadded(sendSettingsSection(sh)))),
	)
	s.load()
	sh.State.Subscribe(s.reload)
	return s
}

// ---- Algemeen ----

func (s *settingsScreen) buildGeneral() fyne.CanvasObject {
	ch := func() {
		if s.loading {
			return
		}
		s.message.Hide()
		s.updatePreview()
	}
	s.goodFriday = widget.NewCheck(i18n.T("ui.settings.goodfriday"), func(bool) { ch() })
	s.liberation = newChoice([]domain.LiberationMode{domain.LiberationYearly, domain.LiberationLustrum, domain.LiberationNever},
		func(m domain.LiberationMode) string { return m.Label() }, ch)
	s.tight = newEntry("", ch)
	s.orgName = newEntry(i18n.T("ui.settings.hint.orgname"), ch)
	s.orgEmail = newEntry(i18n.T("ui.settings.hint.orgemail"), ch)
	s.language = newChoice(i18n.Languages(), func(l i18n.Lang) string { return i18n.T("ui.settings.language." + string(l)) }, ch)
	s.preview = widget.NewLabel("")
	s.preview.Wrapping = fyne.TextWrapWord
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Hide()
	s.saveBtn = widget.NewButtonWithIcon(i18n.T("ui.settings.save"), theme.DocumentSaveIcon(), s.save)
	s.saveBtn.Importance = widget.HighImportance

	holidays := widget.NewForm(
		&widget.FormItem{Text: i18n.T("ui.settings.field.goodfriday"), Widget: s.goodFriday, HintText: i18n.T("ui.settings.hint.goodfriday")},
		&widget.FormItem{Text: i18n.T("ui.settings.field.liberation"), Widget: fixedWidth(260, s.liberation.Select), HintText: i18n.T("ui.settings.hint.liberation")},
	)
	planningForm := widget.NewForm(
		&widget.FormItem{Text: i18n.T("ui.settings.field.tight"), Widget: fixedWidth(120, s.tight), HintText: i18n.T("ui.settings.hint.tight")},
	)
	organiser := widget.NewForm(
		widget.NewFormItem(i18n.T("ui.settings.field.orgname"), s.orgName),
		&widget.FormItem{Text: i18n.T("ui.settings.field.orgemail"), Widget: s.orgEmail, HintText: i18n.T("ui.settings.hint.orgemailuse")},
		&widget.FormItem{Text: i18n.T("ui.settings.field.language"), Widget: fixedWidth(260, s.language.Select), HintText: i18n.T("ui.settings.hint.language")},
	)
	body := container.NewVBox(
		section(i18n.T("ui.settings.sec.holidays"), holidays, s.preview),
		section(i18n.T("ui.settings.sec.planning"), planningForm),
		section(i18n.T("ui.settings.sec.organiser"), organiser),
	)
	bottom := container.NewVBox(widget.NewSeparator(), s.message, container.NewHBox(s.saveBtn))
	return container.NewBorder(nil, container.NewPadded(bottom), nil, nil, container.NewVScroll(container.NewPadded(body)))
}

// load fills every tab from the snapshot.
func (s *settingsScreen) load() {
	ds, _ := s.sh.State.Data()
	set := ds.Settings
	s.loading = true
	s.goodFriday.SetChecked(set.Holidays.GoodFriday)
	s.liberation.setValue(set.Holidays.Liberation)
	s.tight.SetText(strconv.Itoa(set.TightDays))
	s.orgName.SetText(set.OrganiserName)
	s.orgEmail.SetText(set.OrganiserEmail)
	lang := i18n.Lang(set.Language)
	if lang == "" {
		lang = i18n.Current()
	}
	s.language.setValue(lang)
	s.loading = false
	s.updatePreview()
	s.loadDaysOff()
	s.loadSchool()
}

// reload follows the store after any change (a restore, another screen),
// keeping unsaved edits of the general tab.
func (s *settingsScreen) reload() {
	s.loadDaysOff()
	if !s.schoolDirty() {
		s.loadSchool()
	}
	s.updatePreview()
}

// holidayOptions reads the holiday widgets.
func (s *settingsScreen) holidayOptions() domain.HolidayOptions {
	lib := s.liberation.value()
	if lib == "" {
		lib = domain.LiberationLustrum
	}
	return domain.HolidayOptions{GoodFriday: s.goodFriday.Checked, Liberation: lib}
}

// previewYear is the year the holiday line shows: next year, the one a
// secretariat plans in autumn.
func (s *settingsScreen) previewYear() int { return s.sh.State.Today().Year() + 1 }

// holidayPreview says which holidays of year are days off under opts,
// and which are listed but working days.
func holidayPreview(year int, opts domain.HolidayOptions) string {
	var off, work []string
	for _, h := range planning.DutchHolidays(year, opts) {
		if h.DayOff {
			off = append(off, i18n.T("ui.settings.holiday", h.Name(), h.Date.Day(), i18n.MonthName(h.Date.Month())))
		} else {
			work = append(work, h.Name())
		}
	}
	text := i18n.T("ui.settings.preview", year, strings.Join(off, ", "))
	if len(work) > 0 {
		text += " " + i18n.T("ui.settings.preview.working", strings.Join(work, ", "))
	}
	return text
}

func (s *settingsScreen) updatePreview() {
	s.preview.SetText(holidayPreview(s.previewYear(), s.holidayOptions()))
}

// save stores the general settings, keeping what other screens set (the
// mail and calendar servers): the stored settings are read, changed and
// written back in one go.
func (s *settingsScreen) save() {
	ctx := context.Background()
	st := s.sh.State
	tight, err := parseCount(i18n.T("ui.settings.field.tight"), s.tight.Text, false)
	if err != nil {
		s.showMessage(err)
		return
	}
	cur, err := st.Store.Settings(ctx)
	if err != nil {
		s.showMessage(err)
		return
	}
	cur.Holidays = s.holidayOptions()
	cur.TightDays = tight
	cur.OrganiserName = strings.TrimSpace(s.orgName.Text)
	cur.OrganiserEmail = strings.TrimSpace(s.orgEmail.Text)
	oldLang := cur.Language
	cur.Language = string(s.language.value())
	if err := st.Store.SaveSettings(ctx, cur); err != nil {
		s.showMessage(err)
		return
	}
	if err := st.Reload(ctx); err != nil {
		ShowError(s.sh.Window, err)
		return
	}
	if cur.Language != oldLang && cur.Language != "" && i18n.Lang(cur.Language) != i18n.Current() {
		s.switchLanguage(i18n.Lang(cur.Language))
		return
	}
	s.message.Importance = widget.SuccessImportance
	s.message.SetText(i18n.T("ui.settings.saved"))
	s.message.Show()
}

// switchLanguage redraws the whole window in language l: every screen is
// built again from the store, so nothing typed elsewhere survives, which
// is why the language is only changed on an explicit save.
func (s *settingsScreen) switchLanguage(l i18n.Lang) {
	i18n.SetLanguage(l)
	sh := s.sh
	if sh.Window == nil {
		return
	}
	sh.Window.SetTitle(i18n.T("app.name"))
	sh.Window.SetContent(sh.Content())
	if sh.Window.MainMenu() != nil {
		sh.installMenu()
	}
	sh.Show(ScreenSettings)
}

func (s *settingsScreen) showMessage(err error) {
	s.message.Importance = widget.DangerImportance
	s.message.SetText(i18n.UserMessage(err))
	s.message.Show()
}

// ---- Vrije dagen ----

func (s *settingsScreen) buildDaysOff() fyne.CanvasObject {
	st := s.sh.State
	s.closedBox = container.NewVBox()
	s.closedDate = newDateEntry(st, i18n.T("ui.settings.field.date"), nil)
	s.closedName = newEntry(i18n.T("ui.settings.hint.closedname"), nil)
	s.closedMun = newChoice(municipalityIDs(st), func(id int64) string { return settingsWhose(st, id) }, nil)
	s.closedAdd = widget.NewButtonWithIcon(i18n.T("ui.settings.add"), theme.ContentAddIcon(), s.addClosedDay)
	s.closedMsg = settingsMessage()
	closedAddRow := container.NewBorder(nil, nil, fixedWidth(170, s.closedDate), container.NewHBox(fixedWidth(200, s.closedMun.Select), s.closedAdd), s.closedName)

	s.recessBox = container.NewVBox()
	s.recessName = newEntry(i18n.T("ui.settings.hint.recessname"), nil)
	s.recessFrom = newDateEntry(st, i18n.T("ui.settings.field.from"), nil)
	s.recessTo = newDateEntry(st, i18n.T("ui.settings.field.to"), nil)
	s.recessPart = newChoice(append([]int64{0}, partnershipIDs(st)...), func(id int64) string { return settingsPartnership(st, id) }, nil)
	s.recessAdd = widget.NewButtonWithIcon(i18n.T("ui.settings.add"), theme.ContentAddIcon(), s.addRecess)
	s.recessMsg = settingsMessage()
	recessAddRow := container.NewBorder(nil, nil, nil,
		container.NewHBox(fixedWidth(150, s.recessFrom), fixedWidth(150, s.recessTo), fixedWidth(200, s.recessPart.Select), s.recessAdd), s.recessName)

	body := container.NewVBox(
		section(i18n.T("ui.settings.sec.closed"), note(i18n.T("ui.settings.closedhint")), s.closedBox, closedAddRow, s.closedMsg),
		section(i18n.T("ui.settings.sec.recess"), note(i18n.T("ui.settings.recesshint")), s.recessBox, recessAddRow, s.recessMsg),
	)
	return container.NewVScroll(container.NewPadded(body))
}

func settingsMessage() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func settingsShow(l *widget.Label, err error, ok string) {
	if err != nil {
		l.Importance = widget.DangerImportance
		l.SetText(i18n.UserMessage(err))
	} else {
		l.Importance = widget.SuccessImportance
		l.SetText(ok)
	}
	l.Show()
}

// settingsWhose names who a closed day is for.
func settingsWhose(st *State, munID int64) string {
	if munID == 0 {
		return i18n.T("ui.settings.everyone")
	}
	return municipalityLabel(st, munID)
}

// settingsPartnership names whose recess it is.
func settingsPartnership(st *State, id int64) string {
	if id == 0 {
		return i18n.T("ui.settings.allpartnerships")
	}
	return partnershipName(st, id)
}

// loadDaysOff lists the closed days and recess periods of the snapshot,
// from last year on (older ones no longer matter for planning).
func (s *settingsScreen) loadDaysOff() {
	st := s.sh.State
	ds, _ := st.Data()
	since := date.New(st.Today().Year()-1, 1, 1)
	s.closedMun.setOptions(municipalityIDs(st), func(id int64) string { return settingsWhose(st, id) })
	if s.closedMun.SelectedIndex() < 0 {
		s.closedMun.setValue(0)
	}
	s.recessPart.setOptions(append([]int64{0}, partnershipIDs(st)...), func(id int64) string { return settingsPartnership(st, id) })
	if s.recessPart.SelectedIndex() < 0 {
		s.recessPart.setValue(0)
	}

	closed := append([]domain.ClosedDay(nil), ds.ClosedDays...)
	sort.SliceStable(closed, func(i, j int) bool { return closed[i].Date < closed[j].Date })
	var objs []fyne.CanvasObject
	for _, c := range closed {
		if c.Date.Before(since) {
			continue
		}
		c := c
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			s.confirmDelete(i18n.T("ui.settings.closed.confirm", c.Name, i18n.ShortDate(c.Date)), func(ctx context.Context) error {
				return st.Store.DeleteClosedDay(ctx, c.ID)
			}, s.closedMsg)
		})
		whose := widget.NewLabel(settingsWhose(st, c.MunicipalityID))
		whose.Importance = widget.LowImportance
		objs = append(objs, container.NewBorder(nil, nil, fixedWidth(150, widget.NewLabel(i18n.ShortDate(c.Date))),
			container.NewHBox(whose, del), widget.NewLabel(c.Name)))
	}
	if len(objs) == 0 {
		objs = append(objs, note(i18n.T("ui.settings.closed.none")))
	}
	s.closedBox.Objects = objs
	s.closedBox.Refresh()

	recs := append([]domain.Recess(nil), ds.Recesses...)
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].From < recs[j].From })
	objs = nil
	for _, r := range recs {
		if r.To.Before(since) {
			continue
		}
		r := r
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			s.confirmDelete(i18n.T("ui.settings.recess.confirm", r.Name), func(ctx context.Context) error {
				return st.Store.DeleteRecess(ctx, r.ID)
			}, s.recessMsg)
		})
		whose := widget.NewLabel(settingsPartnership(st, r.PartnershipID))
		whose.Importance = widget.LowImportance
		span := i18n.T("ui.settings.span", i18n.ShortDate(r.From), i18n.ShortDate(r.To))
		objs = append(objs, container.NewBorder(nil, nil, fixedWidth(300, widget.NewLabel(span)), container.NewHBox(whose, del), widget.NewLabel(r.Name)))
	}
	if len(objs) == 0 {
		objs = append(objs, note(i18n.T("ui.settings.recess.none")))
	}
	s.recessBox.Objects = objs
	s.recessBox.Refresh()
}

// confirmDelete asks, deletes and reloads; the outcome shows in msg.
func (s *settingsScreen) confirmDelete(question string, del func(context.Context) error, msg *widget.Label) {
	dialog.ShowConfirm(i18n.T("ui.settings.delete.title"), question, func(ok bool) {
		if !ok {
			return
		}
		ctx := context.Background()
		if err := del(ctx); err != nil {
			settingsShow(msg, err, "")
			return
		}
		if err := s.sh.State.Reload(ctx); err != nil {
			ShowError(s.sh.Window, err)
			return
		}
		settingsShow(msg, nil, i18n.T("ui.settings.deleted"))
	}, s.sh.Window)
}

// addClosedDay stores the typed closed day.
func (s *settingsScreen) addClosedDay() {
	d, err := s.closedDate.Date()
	if err == nil && d.IsZero() {
		err = i18n.Errorf(domain.ErrInvalid, "ui.settings.err.nodate")
	}
	if err != nil {
		settingsShow(s.closedMsg, err, "")
		return
	}
	c := domain.ClosedDay{Date: d, Name: strings.TrimSpace(s.closedName.Text), MunicipalityID: s.closedMun.value()}
	ctx := context.Background()
	if err := s.sh.State.Store.SaveClosedDay(ctx, &c); err != nil {
		settingsShow(s.closedMsg, err, "")
		return
	}
	s.closedDate.SetText("")
	s.closedName.SetText("")
	if err := s.sh.State.Reload(ctx); err != nil {
		ShowError(s.sh.Window, err)
		return
	}
	settingsShow(s.closedMsg, nil, i18n.T("ui.settings.closed.added", c.Name, i18n.LongDate(c.Date)))
}

// addRecess stores the typed recess period.
func (s *settingsScreen) addRecess() {
	from, err := s.recessFrom.Date()
	if err != nil {
		settingsShow(s.recessMsg, err, "")
		return
	}
	to, err := s.recessTo.Date()
	if err == nil && (from.IsZero() || to.IsZero()) {
		err = i18n.Errorf(domain.ErrInvalid, "ui.settings.err.nodates")
	}
	if err != nil {
		settingsShow(s.recessMsg, err, "")
		return
	}
	r := domain.Recess{Name: strings.TrimSpace(s.recessName.Text), From: from, To: to, PartnershipID: s.recessPart.value()}
	ctx := context.Background()
	if err := s.sh.State.Store.SaveRecess(ctx, &r); err != nil {
		settingsShow(s.recessMsg, err, "")
		return
	}
	s.recessName.SetText("")
	s.recessFrom.SetText("")
	s.recessTo.SetText("")
	if err := s.sh.State.Reload(ctx); err != nil {
		ShowError(s.sh.Window, err)
		return
	}
	settingsShow(s.recessMsg, nil, i18n.T("ui.settings.recess.added", r.Name))
}

// ---- Schoolvakanties ----

func (s *settingsScreen) buildSchool() fyne.CanvasObject {
	s.schoolBox = container.NewVBox()
	s.schoolMsg = settingsMessage()
	s.schoolSave = widget.NewButtonWithIcon(i18n.T("ui.settings.save"), theme.DocumentSaveIcon(), s.saveSchool)
	s.schoolSave.Importance = widget.HighImportance
	s.schoolAdd = widget.NewButtonWithIcon(i18n.T("ui.settings.school.add"), theme.ContentAddIcon(), func() {
		s.school = append(s.school, s.newSchoolRow(domain.SchoolHoliday{Region: domain.RegionMidden}))
		s.layoutSchool()
		s.schoolChanged()
	})
	s.schoolReset = widget.NewButtonWithIcon(i18n.T("ui.settings.school.reset"), theme.ViewRestoreIcon(), s.askResetSchool)
	head := container.NewBorder(nil, nil, nil, nil, note(i18n.T("ui.settings.school.hint")))
	bottom := container.NewVBox(widget.NewSeparator(), s.schoolMsg,
		container.NewHBox(s.schoolSave, s.schoolAdd, layout.NewSpacer(), s.schoolReset))
	return container.NewBorder(container.NewPadded(head), container.NewPadded(bottom), nil, nil,
		container.NewVScroll(container.NewPadded(s.schoolBox)))
}

func (s *settingsScreen) newSchoolRow(h domain.SchoolHoliday) *settingsSchoolRow {
	st := s.sh.State
	ch := s.schoolChanged
	r := &settingsSchoolRow{
		region: newChoice(domain.SchoolRegions(), func(r domain.SchoolRegion) string { return r.Label() }, ch),
		name:   newEntry(i18n.T("ui.settings.hint.schoolname"), ch),
		from:   newDateEntry(st, i18n.T("ui.settings.field.from"), ch),
		to:     newDateEntry(st, i18n.T("ui.settings.field.to"), ch),
	}
	s.loading = true
	r.region.setValue(h.Region)
	r.name.SetText(h.Name)
	r.from.SetDate(h.From)
	r.to.SetDate(h.To)
	s.loading = false
	return r
}

// loadSchool fills the table from the snapshot, by start date then region.
func (s *settingsScreen) loadSchool() {
	ds, _ := s.sh.State.Data()
	list := append([]domain.SchoolHoliday(nil), ds.SchoolHolidays...)
	settingsSortSchool(list)
	s.school = nil
	for _, h := range list {
		s.school = append(s.school, s.newSchoolRow(h))
	}
	s.layoutSchool()
	s.schoolSave.Disable()
}

func settingsSortSchool(list []domain.SchoolHoliday) {
	rank := map[domain.SchoolRegion]int{}
	for i, r := range domain.SchoolRegions() {
		rank[r] = i
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].From != list[j].From {
			return list[i].From < list[j].From
		}
		return rank[list[i].Region] < rank[list[j].Region]
	})
}

func (s *settingsScreen) layoutSchool() {
	var objs []fyne.CanvasObject
	if len(s.school) > 0 {
		hdr := func(k string) fyne.CanvasObject {
			return widget.NewLabelWithStyle(i18n.T(k), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		}
		objs = append(objs, container.NewBorder(nil, nil, fixedWidth(150, hdr("ui.settings.field.region")),
			container.NewHBox(fixedWidth(150, hdr("ui.settings.field.from")), fixedWidth(150, hdr("ui.settings.field.to")), fixedWidth(40, widget.NewLabel(""))),
			hdr("ui.settings.field.schoolname")))
	}
	for i, r := range s.school {
		i := i
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			s.school = append(s.school[:i], s.school[i+1:]...)
			s.layoutSchool()
			s.schoolChanged()
		})
		objs = append(objs, container.NewBorder(nil, nil, fixedWidth(150, r.region.Select),
			container.NewHBox(fixedWidth(150, r.from), fixedWidth(150, r.to), del), r.name))
	}
	if len(objs) == 0 {
		objs = append(objs, note(i18n.T("ui.settings.school.none")))
	}
	s.schoolBox.Objects = objs
	s.schoolBox.Refresh()
}

func (s *settingsScreen) schoolChanged() {
	if s.loading {
		return
	}
	s.schoolMsg.Hide()
	if s.schoolDirty() {
		s.schoolSave.Enable()
	} else {
		s.schoolSave.Disable()
	}
}

// schoolRows reads the table.
func (s *settingsScreen) schoolRows() ([]domain.SchoolHoliday, error) {
	var out []domain.SchoolHoliday
	for _, r := range s.school {
		from, err := r.from.Date()
		if err != nil {
			return nil, err
		}
		to, err := r.to.Date()
		if err != nil {
			return nil, err
		}
		out = append(out, domain.SchoolHoliday{Region: r.region.value(), Name: strings.TrimSpace(r.name.Text), From: from, To: to})
	}
	return out, nil
}

// schoolDirty reports whether the table differs from the store.
func (s *settingsScreen) schoolDirty() bool {
	rows, err := s.schoolRows()
	if err != nil {
		return true
	}
	ds, _ := s.sh.State.Data()
	stored := make([]domain.SchoolHoliday, len(ds.SchoolHolidays))
	for i, h := range ds.SchoolHolidays {
		h.ID = 0
		stored[i] = h
	}
	settingsSortSchool(stored)
	settingsSortSchool(rows)
	if len(rows) != len(stored) {
		return true
	}
	for i := range rows {
		if rows[i] != stored[i] {
			return true
		}
	}
	return false
}

// saveSchool stores the whole table in one transaction.
func (s *settingsScreen) saveSchool() {
	rows, err := s.schoolRows()
	if err == nil {
		err = s.sh.State.Store.ReplaceSchoolHolidays(context.Background(), rows)
	}
	s.afterSchoolWrite(err, i18n.T("ui.settings.school.saved", len(rows)))
}

// askResetSchool replaces the periods by the published ones, after asking.
func (s *settingsScreen) askResetSchool() {
	dialog.ShowConfirm(i18n.T("ui.settings.school.reset"), i18n.T("ui.settings.school.resetquestion"), func(ok bool) {
		if !ok {
			return
		}
		def := planning.DefaultSchoolHolidays()
		err := s.sh.State.Store.ReplaceSchoolHolidays(context.Background(), def)
		s.afterSchoolWrite(err, i18n.T("ui.settings.school.restored", len(def)))
	}, s.sh.Window)
}

func (s *settingsScreen) afterSchoolWrite(err error, ok string) {
	if err != nil {
		settingsShow(s.schoolMsg, err, "")
		return
	}
	if err := s.sh.State.Reload(context.Background()); err != nil {
		ShowError(s.sh.Window, err)
		return
	}
	s.loadSchool()
	settingsShow(s.schoolMsg, nil, ok)
}
