package ui

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// municipalityForm edits a gemeente: name, CBS code, inhabitants, the
// weekdays of its college, the lead time for stukken and its school-holiday
// region; below it, read-only, the partnerships it belongs to today.
type municipalityForm struct {
	st          *State
	id          int64
	name        *widget.Entry
	cbs         *widget.Entry
	inhabitants *widget.Entry
	days        *weekdayChecks
	lead        *widget.Entry
	region      *choice[domain.SchoolRegion]
	member      *widget.Label
	changed     []func()
	obj         fyne.CanvasObject
}

func newMunicipalityForm(st *State) *municipalityForm {
	f := &municipalityForm{st: st}
	ch := f.fire
	f.name = newEntry("", ch)
	f.cbs = newEntry("GM0000", ch)
	f.inhabitants = newEntry("", ch)
	f.days = newWeekdayChecks(ch)
	f.lead = newEntry("", ch)
	f.region = newChoice(domain.SchoolRegions(), func(r domain.SchoolRegion) string { return r.Label() }, ch)
	f.member = note("")
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("ui.organisation.field.name"), f.name),
		&widget.FormItem{Text: i18n.T("ui.organisation.field.cbs"), Widget: f.cbs, HintText: i18n.T("ui.organisation.hint.cbs")},
		widget.NewFormItem(i18n.T("ui.organisation.field.inhabitants"), f.inhabitants),
		&widget.FormItem{Text: i18n.T("ui.organisation.field.collegedays"), Widget: f.days.CheckGroup, HintText: i18n.T("ui.organisation.hint.collegedays")},
		&widget.FormItem{Text: i18n.T("ui.organisation.field.leaddays"), Widget: f.lead, HintText: i18n.T("ui.organisation.hint.leaddays")},
		&widget.FormItem{Text: i18n.T("ui.organisation.field.region"), Widget: f.region.Select, HintText: i18n.T("ui.organisation.hint.region")},
	)
	f.obj = container.NewVBox(form, f.member)
	return f
}

func (f *municipalityForm) fire() {
	for _, fn := range f.changed {
		fn()
	}
}

func (f *municipalityForm) object() fyne.CanvasObject { return f.obj }
func (f *municipalityForm) onChange(fn func())        { f.changed = append(f.changed, fn) }

func (f *municipalityForm) set(m domain.Municipality) {
	f.id = m.ID
	f.name.SetText(m.Name)
	f.cbs.SetText(m.CBSCode)
	f.inhabitants.SetText("")
	if m.Inhabitants > 0 {
		f.inhabitants.SetText(orgThousands(m.Inhabitants))
	}
	f.days.setDays(m.CollegeDays)
	f.lead.SetText(strconv.Itoa(m.CollegeLeadDays))
	f.region.setValue(m.Region)
	f.member.SetText(f.memberships(m.ID))
}

func (f *municipalityForm) get() (domain.Municipality, error) {
	m := domain.Municipality{ID: f.id, Name: strings.TrimSpace(f.name.Text), CBSCode: strings.ToUpper(strings.TrimSpace(f.cbs.Text)),
		CollegeDays: f.days.days(), Region: f.region.value()}
	var err error
	if m.Inhabitants, err = parseCount(i18n.T("ui.organisation.field.inhabitants"), f.inhabitants.Text, true); err != nil {
		return m, err
	}
	if m.CollegeLeadDays, err = parseCount(i18n.T("ui.organisation.field.leaddays"), f.lead.Text, false); err != nil {
		return m, err
	}
	return m, nil
}

// memberships describes where gemeente id takes part today.
func (f *municipalityForm) memberships(id int64) string {
	if id == 0 {
		return ""
	}
	ds, _ := f.st.Data()
	today := f.st.Today()
	var names []string
	for _, p := range ds.Partnerships {
		if p.IsMemberOn(id, today) {
			names = append(names, p.Name)
		}
	}
	people := 0
	for _, p := range ds.People {
		if p.MunicipalityID == id {
			people++
		}
	}
	if len(names) == 0 {
		return i18n.T("ui.organisation.municipality.nomember", people)
	}
	return i18n.T("ui.organisation.municipality.member", strings.Join(names, ", "), people)
}

// newMunicipalityPane is the Gemeenten tab.
func newMunicipalityPane(sh *Shell) *entityPane[domain.Municipality] {
	st := sh.State
	p := &entityPane[domain.Municipality]{
		st: st, win: sh.Window,
		texts: paneTexts{
			newButton:  i18n.T("ui.organisation.municipality.new"),
			newHeading: i18n.T("ui.organisation.municipality.newheading"),
			confirmDel: i18n.T("ui.organisation.municipality.confirmdelete"),
		},
		load: func() []domain.Municipality {
			ds, _ := st.Data()
			out := append([]domain.Municipality(nil), ds.Municipalities...)
			sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
			return out
		},
		idOf: func(m domain.Municipality) int64 { return m.ID },
		label: func(m domain.Municipality) (string, string) {
			if m.ID == 0 {
				return i18n.T("ui.organisation.municipality.newheading"), ""
			}
			var days []string
			for _, d := range m.CollegeDays {
				days = append(days, i18n.WeekdayShort(d))
			}
			return m.Name, i18n.T("ui.organisation.municipality.detail", m.CBSCode, strings.Join(days, "+"), m.CollegeLeadDays)
		},
		blank: func() domain.Municipality { return domain.Municipality{CollegeLeadDays: 3} },
		form:  newMunicipalityForm(st),
		save: func(ctx context.Context, m *domain.Municipality) error {
			return st.Store.SaveMunicipality(ctx, m)
		},
		remove: func(ctx context.Context, id int64) error { return st.Store.DeleteMunicipality(ctx, id) },
	}
	return p
}

// orgThousands writes n with Dutch thousands separators (49.900), as
// inhabitants are written in Dutch; parseCount reads it back.
func orgThousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
