package ui

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// bodyForm edits a gremium in four tabs: the general settings with its
// rhythm, its members, its standing agenda items and its deadline chain
// (with a live preview, see chainEditor).
type bodyForm struct {
	st *State
	id int64

	partnership *choice[int64]
	kind        *choice[domain.BodyKind]
	name        *widget.Entry
	start       *widget.Entry
	duration    *widget.Entry
	location    *widget.Entry
	preparedBy  *choice[int64]
	secretary   *choice[int64]
	tight       *widget.Entry

	rhythmKind  *choice[domain.RhythmKind]
	interval    *widget.Entry
	weekday     *choice[time.Weekday]
	nth         *choice[int]
	rhythmStart *components.DateEntry
	rhythmNote  *widget.Label
	rhythmItems []*widget.FormItem // shown or hidden with the kind
	rhythmAll   []*widget.FormItem // the kind and rhythmItems
	rhythmForm  *widget.Form

	members    []*bodyMemberRow
	memberBox  *fyne.Container
	standing   []*standingRow
	standBox   *fyne.Container
	chain      *chainEditor
	tabs       *container.AppTabs
	membersTab *container.TabItem

	changed []func()
	// setting is true while set fills the widgets.
	setting bool
	obj     fyne.CanvasObject
}

// bodyMemberRow is one seat: person, role and the dates it holds.
type bodyMemberRow struct {
	person *choice[int64]
	role   *choice[domain.MemberRole]
	from   *components.DateEntry
	until  *components.DateEntry
}

// standingRow is one standing agenda item.
type standingRow struct {
	title *widget.Entry
	kind  *choice[domain.ItemKind]
}

func newBodyForm(st *State, win fyne.Window) *bodyForm {
	f := &bodyForm{st: st}
	ch := f.fire
	f.partnership = newChoice(partnershipIDs(st), func(id int64) string { return partnershipName(st, id) }, ch)
	f.kind = newChoice(domain.BodyKinds(), func(k domain.BodyKind) string { return k.Label() }, ch)
	f.name = newEntry(i18n.T("ui.organisation.hint.bodyname"), ch)
	f.start = newEntry("14:00", ch)
	f.duration = newEntry("120", ch)
	f.location = newEntry("", ch)
	f.preparedBy = newChoice(nil, func(int64) string { return "" }, ch)
	f.secretary = newChoice(nil, func(int64) string { return "" }, ch)
	f.tight = newEntry("", ch)

	rch := func() {
		f.showRhythmFields()
		f.fire()
	}
	f.rhythmKind = newChoice([]domain.RhythmKind{domain.RhythmNone, domain.RhythmWeeks, domain.RhythmMonthly},
		func(k domain.RhythmKind) string { return i18n.T("ui.organisation.rhythm.kind." + rhythmKey(k)) }, rch)
	f.interval = newEntry("1", rch)
	f.weekday = newChoice([]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, i18n.WeekdayName, rch)
	f.nth = newChoice([]int{1, 2, 3, 4, -1}, func(n int) string { return i18n.T("ui.organisation.rhythm.nth." + strconv.Itoa(n)) }, rch)
	f.rhythmStart = newDateEntry(st, i18n.T("ui.organisation.field.rhythmstart"), rch)
	f.rhythmNote = note("")
	f.rhythmItems = []*widget.FormItem{
		{Text: i18n.T("ui.organisation.field.interval"), Widget: fixedWidth(120, f.interval), HintText: i18n.T("ui.organisation.hint.interval")},
		widget.NewFormItem(i18n.T("ui.organisation.field.weekday"), f.weekday.Select),
		widget.NewFormItem(i18n.T("ui.organisation.field.nth"), f.nth.Select),
		{Text: i18n.T("ui.organisation.field.rhythmstart"), Widget: fixedWidth(180, f.rhythmStart), HintText: i18n.T("ui.organisation.hint.rhythmstart")},
	}
	f.rhythmAll = append([]*widget.FormItem{widget.NewFormItem(i18n.T("ui.organisation.field.rhythm"), f.rhythmKind.Select)}, f.rhythmItems...)
	f.rhythmForm = widget.NewForm(f.rhythmAll...)

	general := widget.NewForm(
		widget.NewFormItem(i18n.T("ui.organisation.field.partnership"), f.partnership.Select),
		widget.NewFormItem(i18n.T("ui.organisation.field.bodykind"), f.kind.Select),
		widget.NewFormItem(i18n.T("ui.organisation.field.name"), f.name),
		&widget.FormItem{Text: i18n.T("ui.organisation.field.start"), Widget: fixedWidth(120, f.start), HintText: i18n.T("ui.organisation.hint.start")},
		&widget.FormItem{Text: i18n.T("ui.organisation.field.duration"), Widget: fixedWidth(120, f.duration), HintText: i18n.T("ui.organisation.hint.duration")},
		widget.NewFormItem(i18n.T("ui.organisation.field.location"), f.location),
		&widget.FormItem{Text: i18n.T("ui.organisation.field.preparedby"), Widget: f.preparedBy.Select, HintText: i18n.T("ui.organisation.hint.preparedby")},
		&widget.FormItem{Text: i18n.T("ui.organisation.field.secretary"), Widget: f.secretary.Select, HintText: i18n.T("ui.organisation.hint.secretary")},
		&widget.FormItem{Text: i18n.T("ui.organisation.field.tight"), Widget: fixedWidth(120, f.tight), HintText: i18n.T("ui.organisation.hint.tight")},
	)

	f.memberBox = container.NewVBox()
	addMember := widget.NewButtonWithIcon(i18n.T("ui.organisation.body.addmember"), theme.ContentAddIcon(), func() {
		f.members = append(f.members, f.newMemberRow(domain.BodyMember{Role: domain.RoleLid}))
		f.layoutMembers()
		f.fire()
	})
	f.standBox = container.NewVBox()
	addStanding := widget.NewButtonWithIcon(i18n.T("ui.organisation.body.addstanding"), theme.ContentAddIcon(), func() {
		f.standing = append(f.standing, f.newStandingRow(domain.StandingItem{Kind: domain.ItemMededelingen}))
		f.layoutStanding()
		f.fire()
	})
	// The chain editor tells the pane about its edits directly; edits of
	// the other fields (partnership, threshold, rhythm) redraw its preview.
	f.chain = newChainEditor(st, win, f.previewBody, f.notify)

	f.membersTab = container.NewTabItem(i18n.T("ui.organisation.body.tab.members"),
		container.NewVScroll(container.NewVBox(note(i18n.T("ui.organisation.body.membershint")), f.memberBox, container.NewHBox(addMember))))
	f.tabs = container.NewAppTabs(
		container.NewTabItem(i18n.T("ui.organisation.body.tab.general"),
			container.NewVScroll(container.NewVBox(general, section(i18n.T("ui.organisation.body.rhythm"), f.rhythmForm, f.rhythmNote)))),
		f.membersTab,
		container.NewTabItem(i18n.T("ui.organisation.body.tab.standing"),
			container.NewVScroll(container.NewVBox(note(i18n.T("ui.organisation.body.standinghint")), f.standBox, container.NewHBox(addStanding)))),
		container.NewTabItem(i18n.T("ui.organisation.body.tab.chain"), f.chain.object()),
	)
	f.obj = f.tabs
	return f
}

func rhythmKey(k domain.RhythmKind) string {
	if k == domain.RhythmNone {
		return "none"
	}
	return string(k)
}

func partnershipIDs(st *State) []int64 {
	ds, _ := st.Data()
	ps := append([]domain.Partnership(nil), ds.Partnerships...)
	sort.SliceStable(ps, func(i, j int) bool { return strings.ToLower(ps[i].Name) < strings.ToLower(ps[j].Name) })
	var ids []int64
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return ids
}

func partnershipName(st *State, id int64) string {
	_, ix := st.Data()
	if p := ix.Partnerships[id]; p != nil {
		return p.Name
	}
	return ""
}

// bodyIDs lists 0 (none) and every body but self, by name.
func bodyIDs(st *State, self int64) []int64 {
	ds, _ := st.Data()
	ids := []int64{0}
	bs := append([]domain.Body(nil), ds.Bodies...)
	sort.SliceStable(bs, func(i, j int) bool { return strings.ToLower(bs[i].Name) < strings.ToLower(bs[j].Name) })
	for _, b := range bs {
		if b.ID != self {
			ids = append(ids, b.ID)
		}
	}
	return ids
}

func bodyLabel(st *State, id int64) string {
	if id == 0 {
		return i18n.T("ui.organisation.none")
	}
	_, ix := st.Data()
	if b := ix.Bodies[id]; b != nil {
		return b.Name
	}
	return ""
}

// personIDs lists 0 (none) when withNone, and every person, by name.
func personIDs(st *State, withNone bool) []int64 {
	ds, _ := st.Data()
	ps := append([]domain.Person(nil), ds.People...)
	sort.SliceStable(ps, func(i, j int) bool { return strings.ToLower(ps[i].Name) < strings.ToLower(ps[j].Name) })
	var ids []int64
	if withNone {
		ids = append(ids, 0)
	}
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return ids
}

// personLabel names a person with their gemeente, so that two wethouders
// are told apart in a drop-down.
func personLabel(st *State, id int64) string {
	if id == 0 {
		return i18n.T("ui.organisation.none")
	}
	_, ix := st.Data()
	p := ix.People[id]
	if p == nil {
		return ""
	}
	if m := ix.MunicipalityName(p.MunicipalityID); m != "" {
		return p.Name + " (" + m + ")"
	}
	return p.Name + " (" + p.Role.Label() + ")"
}

// fire runs after an edit of the general fields, members or standing
// items: the chain preview depends on the partnership (its members on the
// sample date), the threshold and the rhythm (the sample date).
func (f *bodyForm) fire() {
	if f.setting {
		return
	}
	if f.chain != nil {
		f.chain.refreshPreview()
	}
	f.notify()
}

// notify tells the pane that the form changed.
func (f *bodyForm) notify() {
	if f.setting {
		return
	}
	for _, fn := range f.changed {
		fn()
	}
}

// previewBody is the body as far as the chain preview needs it, read
// leniently: a half-typed start time must not blank the preview.
func (f *bodyForm) previewBody() domain.Body {
	b := domain.Body{ID: f.id, PartnershipID: f.partnership.value(), Kind: f.kind.value()}
	if n, err := parseCount("", f.tight.Text, true); err == nil && n > 0 {
		b.TightDays = n
	}
	if r, err := f.rhythm(); err == nil && r.Validate() == nil {
		b.Rhythm = r
	}
	return b
}

func (f *bodyForm) object() fyne.CanvasObject { return f.obj }
func (f *bodyForm) onChange(fn func())        { f.changed = append(f.changed, fn) }

func (f *bodyForm) set(b domain.Body) {
	f.setting = true
	defer func() { f.setting = false }()
	f.id = b.ID
	f.partnership.setOptions(partnershipIDs(f.st), func(id int64) string { return partnershipName(f.st, id) })
	f.preparedBy.setOptions(bodyIDs(f.st, b.ID), func(id int64) string { return bodyLabel(f.st, id) })
	f.secretary.setOptions(personIDs(f.st, true), func(id int64) string { return personLabel(f.st, id) })
	f.partnership.setValue(b.PartnershipID)
	f.kind.setValue(b.Kind)
	f.name.SetText(b.Name)
	f.start.SetText(domain.FormatClock(b.StartMinute))
	f.duration.SetText(strconv.Itoa(b.Duration))
	f.location.SetText(b.Location)
	f.preparedBy.setValue(b.PreparedByID)
	f.secretary.setValue(b.SecretaryID)
	f.tight.SetText("")
	if b.TightDays > 0 {
		f.tight.SetText(strconv.Itoa(b.TightDays))
	}
	f.tight.SetPlaceHolder(i18n.T("ui.organisation.tight.default", f.st.Planner().TightDays(&domain.Body{})))

	r := b.Rhythm
	f.rhythmKind.setValue(r.Kind)
	f.interval.SetText(strconv.Itoa(max(r.Interval, 1)))
	f.weekday.setValue(r.Weekday)
	f.nth.setValue(r.Nth)
	if r.Nth == 0 {
		f.nth.setValue(1)
	}
	f.rhythmStart.SetDate(r.Start)
	f.showRhythmFields()

	f.members = nil
	for _, m := range b.Members {
		f.members = append(f.members, f.newMemberRow(m))
	}
	f.layoutMembers()
	f.standing = nil
	for _, s := range b.StandingItems {
		f.standing = append(f.standing, f.newStandingRow(s))
	}
	f.layoutStanding()
	f.setting = false
	f.chain.set(b.Chain)
}

// get reads the form; the chain editor's rules come along.
func (f *bodyForm) get() (domain.Body, error) {
	b := domain.Body{ID: f.id, PartnershipID: f.partnership.value(), Kind: f.kind.value(), Name: strings.TrimSpace(f.name.Text),
		Location: strings.TrimSpace(f.location.Text), PreparedByID: f.preparedBy.value(), SecretaryID: f.secretary.value()}
	var err error
	if b.StartMinute, err = domain.ParseClock(i18n.T("ui.organisation.field.start"), f.start.Text); err != nil {
		return b, err
	}
	if b.Duration, err = parseCount(i18n.T("ui.organisation.field.duration"), f.duration.Text, false); err != nil {
		return b, err
	}
	if b.TightDays, err = parseCount(i18n.T("ui.organisation.field.tight"), f.tight.Text, true); err != nil {
		return b, err
	}
	if b.Rhythm, err = f.rhythm(); err != nil {
		return b, err
	}
	for _, r := range f.members {
		m := domain.BodyMember{PersonID: r.person.value(), Role: r.role.value()}
		if m.PersonID == 0 {
			return b, i18n.Errorf(domain.ErrInvalid, "ui.organisation.err.memberperson")
		}
		if m.From, err = r.from.Date(); err != nil {
			return b, err
		}
		if m.Until, err = r.until.Date(); err != nil {
			return b, err
		}
		b.Members = append(b.Members, m)
	}
	for _, s := range f.standing {
		it := domain.StandingItem{Title: strings.TrimSpace(s.title.Text), Kind: s.kind.value()}
		if it.Title == "" {
			return b, i18n.Errorf(domain.ErrInvalid, "ui.organisation.err.standingtitle")
		}
		b.StandingItems = append(b.StandingItems, it)
	}
	if b.Chain, err = f.chain.get(); err != nil {
		return b, err
	}
	return b, nil
}

// rhythm reads the rhythm fields; those of another kind are left zero, so
// that a rhythm switched off does not keep a stale weekday.
func (f *bodyForm) rhythm() (domain.Rhythm, error) {
	r := domain.Rhythm{Kind: f.rhythmKind.value()}
	if r.Kind == domain.RhythmNone {
		return r, nil
	}
	n, err := parseCount(i18n.T("ui.organisation.field.interval"), f.interval.Text, true)
	if err != nil {
		return r, err
	}
	if n > 1 {
		r.Interval = n
	}
	r.Weekday = f.weekday.value()
	if r.Kind == domain.RhythmMonthly {
		r.Nth = f.nth.value()
	}
	if r.Start, err = f.rhythmStart.Date(); err != nil {
		return r, err
	}
	return r, nil
}

// showRhythmFields shows the fields that the chosen kind of rhythm uses
// and describes the rhythm in words with its next dates.
func (f *bodyForm) showRhythmFields() {
	kind := f.rhythmKind.value()
	show := []bool{true}
	for i := range f.rhythmItems {
		show = append(show, kind != domain.RhythmNone && (i != 2 || kind == domain.RhythmMonthly))
	}
	orgShowFormItems(f.rhythmForm, f.rhythmAll, show)
	r, err := f.rhythm()
	switch {
	case err != nil:
		f.rhythmNote.SetText(i18n.UserMessage(err))
	case r.Kind == domain.RhythmNone:
		f.rhythmNote.SetText(i18n.T("ui.organisation.rhythm.nonenote"))
	case r.Validate() != nil:
		f.rhythmNote.SetText(i18n.UserMessage(r.Validate()))
	default:
		today := f.st.Today()
		var next []string
		for y := today.Year(); y <= today.Year()+1 && len(next) < 4; y++ {
			for _, d := range planning.RhythmDates(r, y) {
				if !d.Before(today) && len(next) < 4 {
					next = append(next, i18n.ShortDate(d))
				}
			}
		}
		f.rhythmNote.SetText(i18n.T("ui.organisation.rhythm.note", planning.RhythmLabel(r).String(), strings.Join(next, ", ")))
	}
}

func (f *bodyForm) newMemberRow(m domain.BodyMember) *bodyMemberRow {
	ch := f.fire
	r := &bodyMemberRow{
		person: newChoice(personIDs(f.st, false), func(id int64) string { return personLabel(f.st, id) }, ch),
		role:   newChoice(domain.MemberRoles(), func(r domain.MemberRole) string { return r.Label() }, ch),
		from:   newDateEntry(f.st, i18n.T("ui.organisation.field.from"), ch),
		until:  newDateEntry(f.st, i18n.T("ui.organisation.field.until"), ch),
	}
	r.person.PlaceHolder = i18n.T("ui.organisation.body.pickperson")
	r.person.setValue(m.PersonID)
	r.role.setValue(m.Role)
	r.from.SetDate(m.From)
	r.from.SetPlaceHolder(i18n.T("ui.organisation.body.always"))
	r.until.SetDate(m.Until)
	r.until.SetPlaceHolder(i18n.T("ui.organisation.partnership.openended"))
	return r
}

func (f *bodyForm) layoutMembers() {
	var objs []fyne.CanvasObject
	today := f.st.Today()
	active := 0
	for i, r := range f.members {
		i := i
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			f.members = append(f.members[:i], f.members[i+1:]...)
			f.layoutMembers()
			f.fire()
		})
		dates := container.NewGridWithColumns(2, r.from, r.until)
		objs = append(objs, container.NewBorder(nil, nil, nil, container.NewHBox(fixedWidth(130, r.role.Select), fixedWidth(300, dates), del), r.person.Select))
		from, _ := r.from.Date()
		until, _ := r.until.Date()
		if (domain.BodyMember{From: from, Until: until}).ActiveOn(today) {
			active++
		}
	}
	if len(objs) == 0 {
		objs = append(objs, note(i18n.T("ui.organisation.body.nomembers")))
	}
	f.memberBox.Objects = objs
	f.memberBox.Refresh()
	f.membersTab.Text = i18n.T("ui.organisation.body.tab.memberscount", active)
	if f.tabs != nil {
		f.tabs.Refresh()
	}
}

func (f *bodyForm) newStandingRow(s domain.StandingItem) *standingRow {
	r := &standingRow{title: newEntry("", f.fire), kind: newChoice(domain.ItemKinds(), func(k domain.ItemKind) string { return k.Label() }, f.fire)}
	r.title.SetText(s.Title)
	r.kind.setValue(s.Kind)
	return r
}

func (f *bodyForm) layoutStanding() {
	var objs []fyne.CanvasObject
	for i, r := range f.standing {
		i := i
		move := func(d int) func() {
			return func() {
				j := i + d
				if j < 0 || j >= len(f.standing) {
					return
				}
				f.standing[i], f.standing[j] = f.standing[j], f.standing[i]
				f.layoutStanding()
				f.fire()
			}
		}
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), move(-1))
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), move(1))
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			f.standing = append(f.standing[:i], f.standing[i+1:]...)
			f.layoutStanding()
			f.fire()
		})
		if i == 0 {
			up.Disable()
		}
		if i == len(f.standing)-1 {
			down.Disable()
		}
		num := widget.NewLabel(fmt.Sprintf("%d.", i+1))
		objs = append(objs, container.NewBorder(nil, nil, num, container.NewHBox(fixedWidth(220, r.kind.Select), up, down, del), r.title))
	}
	if len(objs) == 0 {
		objs = append(objs, note(i18n.T("ui.organisation.body.nostanding")))
	}
	f.standBox.Objects = objs
	f.standBox.Refresh()
}

// newBodyPane is the Overleggen tab.
func newBodyPane(sh *Shell) *entityPane[domain.Body] {
	st := sh.State
	form := newBodyForm(st, sh.Window)
	return &entityPane[domain.Body]{
		st: st, win: sh.Window,
		texts: paneTexts{
			newButton:  i18n.T("ui.organisation.body.new"),
			newHeading: i18n.T("ui.organisation.body.newheading"),
			confirmDel: i18n.T("ui.organisation.body.confirmdelete"),
		},
		load: func() []domain.Body {
			ds, _ := st.Data()
			out := append([]domain.Body(nil), ds.Bodies...)
			sort.SliceStable(out, func(i, j int) bool {
				pi, pj := partnershipName(st, out[i].PartnershipID), partnershipName(st, out[j].PartnershipID)
				if pi != pj {
					return strings.ToLower(pi) < strings.ToLower(pj)
				}
				return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name)
			})
			return out
		},
		idOf: func(b domain.Body) int64 { return b.ID },
		label: func(b domain.Body) (string, string) {
			if b.ID == 0 {
				return i18n.T("ui.organisation.body.newheading"), ""
			}
			return b.Name, b.Kind.Label() + " · " + planning.RhythmLabel(b.Rhythm).String()
		},
		swatch: func(b domain.Body) color.Color {
			_, ix := st.Data()
			if p := ix.Partnerships[b.PartnershipID]; p != nil {
				return partnershipSwatch(*p)
			}
			return partnershipSwatch(domain.Partnership{})
		},
		blank: func() domain.Body {
			ids := partnershipIDs(st)
			b := domain.Body{Kind: domain.BodyPHO, StartMinute: 14 * 60, Duration: 120, Chain: planning.ChainPreset(domain.BodyPHO),
				Rhythm: domain.Rhythm{Kind: domain.RhythmMonthly, Nth: 2, Weekday: time.Thursday}}
			if len(ids) > 0 {
				b.PartnershipID = ids[0]
			}
			return b
		},
		form:     form,
		noScroll: true,
		offset:   0.2,
		save:     func(ctx context.Context, b *domain.Body) error { return st.Store.SaveBody(ctx, b) },
		remove:   func(ctx context.Context, id int64) error { return st.Store.DeleteBody(ctx, id) },
	}
}

// sampleDate is the date the chain preview uses for a body without a
// coming meeting: its rhythm's first date at least four weeks ahead, else
// the first working day four weeks ahead.
func sampleDate(st *State, b domain.Body) date.Date {
	today := st.Today()
	limit := today.AddDays(28)
	if b.Rhythm.Kind != domain.RhythmNone && b.Rhythm.Validate() == nil {
		for y := limit.Year(); y <= limit.Year()+1; y++ {
			for _, d := range planning.RhythmDates(b.Rhythm, y) {
				if !d.Before(limit) {
					return d
				}
			}
		}
	}
	cal := st.Planner().Calendar()
	for !cal.IsWorkingDay(limit) {
		limit = limit.AddDays(1)
	}
	return limit
}
