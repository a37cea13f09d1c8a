package ui

import (
	"context"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// personForm edits a person: name, e-mail, phone, gemeente, role and
// function; below it, read-only, the bodies they sit in today.
type personForm struct {
	st       *State
	id       int64
	name     *widget.Entry
	email    *widget.Entry
	phone    *widget.Entry
	mun      *choice[int64]
	role     *choice[domain.PersonRole]
	function *widget.Entry
	seats    *widget.Label
	changed  []func()
	obj      fyne.CanvasObject
}

func newPersonForm(st *State) *personForm {
	f := &personForm{st: st}
	ch := f.fire
	f.name = newEntry("", ch)
	f.email = newEntry(i18n.T("ui.organisation.hint.email"), ch)
	f.phone = newEntry("", ch)
	f.mun = newChoice(municipalityIDs(st), func(id int64) string { return municipalityLabel(st, id) }, ch)
	f.role = newChoice(domain.PersonRoles(), func(r domain.PersonRole) string { return r.Label() }, ch)
	f.function = newEntry(i18n.T("ui.organisation.hint.function"), ch)
	f.seats = note("")
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("ui.organisation.field.name"), f.name),
		&widget.FormItem{Text: i18n.T("ui.organisation.field.email"), Widget: f.email, HintText: i18n.T("ui.organisation.hint.emailuse")},
		widget.NewFormItem(i18n.T("ui.organisation.field.phone"), f.phone),
		widget.NewFormItem(i18n.T("ui.organisation.field.municipality"), f.mun.Select),
		widget.NewFormItem(i18n.T("ui.organisation.field.role"), f.role.Select),
		widget.NewFormItem(i18n.T("ui.organisation.field.function"), f.function),
	)
	f.obj = container.NewVBox(form, f.seats)
	return f
}

// municipalityIDs lists 0 (no gemeente) and every gemeente, by name.
func municipalityIDs(st *State) []int64 {
	ds, _ := st.Data()
	ms := append([]domain.Municipality(nil), ds.Municipalities...)
	sort.SliceStable(ms, func(i, j int) bool { return strings.ToLower(ms[i].Name) < strings.ToLower(ms[j].Name) })
	ids := []int64{0}
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	return ids
}

func municipalityLabel(st *State, id int64) string {
	if id == 0 {
		return i18n.T("ui.organisation.municipality.none")
	}
	_, ix := st.Data()
	return ix.MunicipalityName(id)
}

func (f *personForm) fire() {
	for _, fn := range f.changed {
		fn()
	}
}

func (f *personForm) object() fyne.CanvasObject { return f.obj }
func (f *personForm) onChange(fn func())        { f.changed = append(f.changed, fn) }

func (f *personForm) set(p domain.Person) {
	f.id = p.ID
	f.mun.setOptions(municipalityIDs(f.st), func(id int64) string { return municipalityLabel(f.st, id) })
	f.name.SetText(p.Name)
	f.email.SetText(p.Email)
	f.phone.SetText(p.Phone)
	f.mun.setValue(p.MunicipalityID)
	f.role.setValue(p.Role)
	f.function.SetText(p.Function)
	f.seats.SetText(f.describeSeats(p.ID))
}

func (f *personForm) get() (domain.Person, error) {
	return domain.Person{ID: f.id, Name: strings.TrimSpace(f.name.Text), Email: strings.TrimSpace(f.email.Text),
		Phone: strings.TrimSpace(f.phone.Text), MunicipalityID: f.mun.value(), Role: f.role.value(),
		Function: strings.TrimSpace(f.function.Text)}, nil
}

// describeSeats lists the bodies person id sits in today, with the role.
func (f *personForm) describeSeats(id int64) string {
	if id == 0 {
		return ""
	}
	ds, _ := f.st.Data()
	today := f.st.Today()
	var seats []string
	for _, b := range ds.Bodies {
		for _, m := range b.MembersOn(today) {
			if m.PersonID == id {
				seats = append(seats, b.Name+" ("+m.Role.Label()+")")
			}
		}
	}
	if len(seats) == 0 {
		return i18n.T("ui.organisation.person.noseats")
	}
	return i18n.T("ui.organisation.person.seats", strings.Join(seats, ", "))
}

// newPersonPane is the Mensen tab.
func newPersonPane(sh *Shell) *entityPane[domain.Person] {
	st := sh.State
	return &entityPane[domain.Person]{
		st: st, win: sh.Window,
		texts: paneTexts{
			newButton:  i18n.T("ui.organisation.person.new"),
			newHeading: i18n.T("ui.organisation.person.newheading"),
			confirmDel: i18n.T("ui.organisation.person.confirmdelete"),
		},
		load: func() []domain.Person {
			ds, _ := st.Data()
			out := append([]domain.Person(nil), ds.People...)
			sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
			return out
		},
		idOf: func(p domain.Person) int64 { return p.ID },
		label: func(p domain.Person) (string, string) {
			if p.ID == 0 {
				return i18n.T("ui.organisation.person.newheading"), ""
			}
			detail := p.Role.Label()
			if p.MunicipalityID != 0 {
				detail += " · " + municipalityLabel(st, p.MunicipalityID)
			}
			if p.Function != "" {
				detail += " · " + p.Function
			}
			return p.Name, detail
		},
		blank:  func() domain.Person { return domain.Person{Role: domain.PersonAmbtenaar} },
		form:   newPersonForm(st),
		save:   func(ctx context.Context, p *domain.Person) error { return st.Store.SavePerson(ctx, p) },
		remove: func(ctx context.Context, id int64) error { return st.Store.DeletePerson(ctx, id) },
	}
}
