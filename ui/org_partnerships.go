package ui

import (
	"context"
	"image/color"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// partnershipColors are the preset colours of a partnership: the demo
// region's five and a few more, distinct on a calendar in both themes.
var partnershipColors = []string{"#1f6fb4", "#d9730d", "#2b8a3e", "#8e44ad", "#c0392b", "#16808a", "#b8860b", "#5d6d7e", "#d6336c"}

// membershipRow is one gemeente's membership in the form: from (and until,
// the first day it is no longer a member) as Dutch date entries.
type membershipRow struct {
	munID  int64
	from   *components.DateEntry
	until  *components.DateEntry
	status *widget.Label
	remove *widget.Button
}

// partnershipForm edits a samenwerkingsverband and its memberships.
type partnershipForm struct {
	st      *State
	id      int64
	name    *widget.Entry
	short   *widget.Entry
	domain  *widget.Entry
	legal   *choice[domain.LegalForm]
	colors  *components.SwatchPicker
	hex     *widget.Entry
	rows    []*membershipRow
	members *fyne.Container
	addMun  *choice[int64]
	addFrom *components.DateEntry
	addBtn  *widget.Button
	bodies  *widget.Label
	changed []func()
	obj     fyne.CanvasObject
}

func newPartnershipForm(st *State) *partnershipForm {
	f := &partnershipForm{st: st}
	ch := f.fire
	f.name = newEntry("", ch)
	f.short = newEntry("", ch)
	f.domain = newEntry(i18n.T("ui.organisation.hint.domain"), ch)
	f.legal = newChoice(domain.LegalForms(), func(l domain.LegalForm) string { return l.Label() }, ch)
	f.hex = newEntry("#rrggbb", nil)
	f.colors = components.NewSwatchPicker(partnershipColors, func(c string) {
		f.hex.SetText(c)
	})
	f.hex.OnChanged = func(s string) {
		f.colors.SetSelected(strings.ToLower(strings.TrimSpace(s)))
		f.fire()
	}
	f.members = container.NewVBox()
	f.addMun = newChoice(nil, func(int64) string { return "" }, nil)
	f.addMun.PlaceHolder = i18n.T("ui.organisation.partnership.pickmunicipality")
	f.addFrom = newDateEntry(st, i18n.T("ui.organisation.field.from"), nil)
	f.addBtn = widget.NewButtonWithIcon(i18n.T("ui.organisation.partnership.addmember"), theme.ContentAddIcon(), f.addMember)
	f.bodies = note("")
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("ui.organisation.field.name"), f.name),
		&widget.FormItem{Text: i18n.T("ui.organisation.field.shortname"), Widget: f.short, HintText: i18n.T("ui.organisation.hint.shortname")},
		widget.NewFormItem(i18n.T("ui.organisation.field.domain"), f.domain),
		widget.NewFormItem(i18n.T("ui.organisation.field.legalform"), f.legal.Select),
		&widget.FormItem{Text: i18n.T("ui.organisation.field.color"), Widget: container.NewBorder(nil, nil, nil, fixedWidth(110, f.hex), f.colors),
			HintText: i18n.T("ui.organisation.hint.color")},
	)
	add := container.NewBorder(nil, nil, nil, container.NewHBox(fixedWidth(170, f.addFrom), f.addBtn), f.addMun.Select)
	f.obj = container.NewVBox(form,
		section(i18n.T("ui.organisation.partnership.members"),
			note(i18n.T("ui.organisation.partnership.membershint")), f.members, add),
		f.bodies)
	return f
}

func (f *partnershipForm) fire() {
	for _, fn := range f.changed {
		fn()
	}
}

func (f *partnershipForm) object() fyne.CanvasObject { return f.obj }
func (f *partnershipForm) onChange(fn func())        { f.changed = append(f.changed, fn) }

func (f *partnershipForm) set(p domain.Partnership) {
	f.id = p.ID
	f.name.SetText(p.Name)
	f.short.SetText(p.ShortName)
	f.domain.SetText(p.PolicyDomain)
	f.legal.setValue(p.LegalForm)
	f.hex.SetText(p.Color)
	f.rows = nil
	for _, m := range p.Members {
		f.rows = append(f.rows, f.newRow(m))
	}
	ids := municipalityIDs(f.st)[1:]
	f.addMun.setOptions(ids, func(id int64) string { return municipalityLabel(f.st, id) })
	f.addMun.ClearSelected()
	f.addFrom.SetDate(f.st.Today())
	f.layoutRows()
	f.bodies.SetText(f.describeBodies(p.ID))
}

func (f *partnershipForm) newRow(m domain.Membership) *membershipRow {
	r := &membershipRow{munID: m.MunicipalityID}
	r.status = widget.NewLabel("")
	r.status.Importance = widget.LowImportance
	upd := func() {
		f.rowStatus(r)
		f.fire()
	}
	r.from = newDateEntry(f.st, i18n.T("ui.organisation.field.from"), upd)
	r.until = newDateEntry(f.st, i18n.T("ui.organisation.field.until"), upd)
	r.from.SetDate(m.From)
	r.until.SetDate(m.Until)
	r.until.SetPlaceHolder(i18n.T("ui.organisation.partnership.openended"))
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i, x := range f.rows {
			if x == r {
				f.rows = append(f.rows[:i], f.rows[i+1:]...)
				break
			}
		}
		f.layoutRows()
		f.fire()
	})
	f.rowStatus(r)
	return r
}

// rowStatus says in words whether the gemeente is a member today.
func (f *partnershipForm) rowStatus(r *membershipRow) {
	from, err1 := r.from.Date()
	until, err2 := r.until.Date()
	today := f.st.Today()
	switch {
	case err1 != nil || err2 != nil:
		r.status.SetText("")
	case !from.IsZero() && today.Before(from):
		r.status.SetText(i18n.T("ui.organisation.partnership.future", i18n.MediumDate(from)))
	case !until.IsZero() && !today.Before(until):
		r.status.SetText(i18n.T("ui.organisation.partnership.past", i18n.MediumDate(until)))
	case !until.IsZero():
		r.status.SetText(i18n.T("ui.organisation.partnership.ending", i18n.MediumDate(until)))
	default:
		r.status.SetText(i18n.T("ui.organisation.partnership.current"))
	}
}

func (f *partnershipForm) layoutRows() {
	_, ix := f.st.Data()
	sort.SliceStable(f.rows, func(i, j int) bool {
		return strings.ToLower(ix.MunicipalityName(f.rows[i].munID)) < strings.ToLower(ix.MunicipalityName(f.rows[j].munID))
	})
	var objs []fyne.CanvasObject
	if len(f.rows) > 0 {
		objs = append(objs, container.NewGridWithColumns(2,
			widget.NewLabelWithStyle(i18n.T("ui.organisation.field.municipality"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
			container.NewGridWithColumns(2,
				widget.NewLabelWithStyle(i18n.T("ui.organisation.field.from"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
				widget.NewLabelWithStyle(i18n.T("ui.organisation.field.until"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))))
	}
	for _, r := range f.rows {
		name := widget.NewLabelWithStyle(ix.MunicipalityName(r.munID), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		left := container.NewBorder(nil, nil, nil, r.status, name)
		right := container.NewBorder(nil, nil, nil, r.remove, container.NewGridWithColumns(2, r.from, r.until))
		objs = append(objs, container.NewGridWithColumns(2, left, right))
	}
	if len(f.rows) == 0 {
		objs = append(objs, note(i18n.T("ui.organisation.partnership.nomembers")))
	}
	f.members.Objects = objs
	f.members.Refresh()
}

// addMember adds a membership of the chosen gemeente from the chosen
// date; it is stored with the partnership.
func (f *partnershipForm) addMember() {
	id := f.addMun.value()
	if id == 0 {
		return
	}
	from, err := f.addFrom.Date()
	if err != nil || from.IsZero() {
		from = f.st.Today()
	}
	f.rows = append(f.rows, f.newRow(domain.Membership{MunicipalityID: id, From: from}))
	f.addMun.ClearSelected()
	f.layoutRows()
	f.fire()
}

func (f *partnershipForm) get() (domain.Partnership, error) {
	p := domain.Partnership{ID: f.id, Name: strings.TrimSpace(f.name.Text), ShortName: strings.TrimSpace(f.short.Text),
		PolicyDomain: strings.TrimSpace(f.domain.Text), LegalForm: f.legal.value(), Color: strings.ToLower(strings.TrimSpace(f.hex.Text))}
	if p.Color != "" {
		if !strings.HasPrefix(p.Color, "#") {
			p.Color = "#" + p.Color
		}
		if _, ok := components.ParseHexColor(p.Color); !ok {
			return p, i18n.Errorf(domain.ErrInvalid, "ui.organisation.err.color", f.hex.Text)
		}
	}
	for _, r := range f.rows {
		from, err := r.from.Date()
		if err != nil {
			return p, err
		}
		until, err := r.until.Date()
		if err != nil {
			return p, err
		}
		p.Members = append(p.Members, domain.Membership{MunicipalityID: r.munID, From: from, Until: until})
	}
	sortMemberships(p.Members, f.st)
	return p, nil
}

// sortMemberships orders memberships as the form shows them, by gemeente
// name then start, so that a loaded and a re-read value compare equal.
func sortMemberships(ms []domain.Membership, st *State) {
	_, ix := st.Data()
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := strings.ToLower(ix.MunicipalityName(ms[i].MunicipalityID)), strings.ToLower(ix.MunicipalityName(ms[j].MunicipalityID))
		if a != b {
			return a < b
		}
		return ms[i].From < ms[j].From
	})
}

func (f *partnershipForm) describeBodies(id int64) string {
	if id == 0 {
		return ""
	}
	ds, _ := f.st.Data()
	var names []string
	for _, b := range ds.Bodies {
		if b.PartnershipID == id {
			names = append(names, b.Name)
		}
	}
	if len(names) == 0 {
		return i18n.T("ui.organisation.partnership.nobodies")
	}
	return i18n.T("ui.organisation.partnership.bodies", strings.Join(names, ", "))
}

// partnershipSwatch returns the colour of p, or the theme's primary colour
// when it has none that can be read.
func partnershipSwatch(p domain.Partnership) color.Color {
	if c, ok := components.ParseHexColor(p.Color); ok {
		return c
	}
	return theme.Color(theme.ColorNamePrimary)
}

// newPartnershipPane is the Samenwerkingsverbanden tab.
func newPartnershipPane(sh *Shell) *entityPane[domain.Partnership] {
	st := sh.State
	return &entityPane[domain.Partnership]{
		st: st, win: sh.Window,
		texts: paneTexts{
			newButton:  i18n.T("ui.organisation.partnership.new"),
			newHeading: i18n.T("ui.organisation.partnership.newheading"),
			confirmDel: i18n.T("ui.organisation.partnership.confirmdelete"),
		},
		load: func() []domain.Partnership {
			ds, _ := st.Data()
			out := make([]domain.Partnership, len(ds.Partnerships))
			for i, p := range ds.Partnerships {
				p.Members = append([]domain.Membership(nil), p.Members...)
				sortMemberships(p.Members, st)
				out[i] = p
			}
			sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
			return out
		},
		idOf: func(p domain.Partnership) int64 { return p.ID },
		label: func(p domain.Partnership) (string, string) {
			if p.ID == 0 {
				return i18n.T("ui.organisation.partnership.newheading"), ""
			}
			return p.Name, i18n.T("ui.organisation.partnership.detail", p.LegalForm.Label(), len(p.MembersOn(st.Today())))
		},
		swatch: partnershipSwatch,
		blank: func() domain.Partnership {
			return domain.Partnership{LegalForm: domain.LegalFormConvenant, Color: partnershipColors[5]}
		},
		form:   newPartnershipForm(st),
		save:   func(ctx context.Context, p *domain.Partnership) error { return st.Store.SavePartnership(ctx, p) },
		remove: func(ctx context.Context, id int64) error { return st.Store.DeletePartnership(ctx, id) },
	}
}

// unused guards against an import being dropped while the file evolves.
var _ = layout.NewSpacer
var _ date.Date
