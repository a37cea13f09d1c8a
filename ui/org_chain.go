package ui

import (
	"fmt"
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

// chainEditor edits a body's deadline chain template: the rules as a list
// (add, reorder, remove, or start over from the standaardketen of the
// body's kind), the selected rule in a form, and beside them a live
// preview of the chain the rules give for the body's next meeting (or a
// sample date): every step dated, every gap measured, per gemeente, in the
// colours of the planning engine's verdict. The preview asks
// planning.ComputeChain, the same function that dates the real deadlines,
// so what the secretary sees while editing is what the app will plan.
type chainEditor struct {
	st      *State
	win     fyne.Window
	body    func() domain.Body // the body as the form holds it now
	changed func()

	rows []*orgChainRule
	sel  int // selected rule, -1 for none
	// loading is set while widgets are filled from a value, so that the
	// fill does not count as an edit.
	loading bool

	list    *widget.List
	upBtn   *widget.Button
	downBtn *widget.Button
	delBtn  *widget.Button
	addBtn  *widget.Button
	preset  *widget.Button
	problem *widget.Label

	// the selected rule's form
	detail     *fyne.Container
	name       *widget.Entry
	kind       *choice[domain.DeadlineKind]
	audience   *choice[domain.Audience]
	anchor     *choice[domain.AnchorKind]
	anchorRule *choice[string]
	offset     *widget.Entry
	unit       *choice[domain.Unit]
	perMun     *widget.Check
	leadTime   *widget.Check
	roll       *choice[domain.Roll]
	ruleForm   *widget.Form
	ruleItems  map[string]*widget.FormItem
	ruleAll    []*widget.FormItem // in orgChainFields order

	// the preview
	sample      *components.DateEntry
	sampleNote  *widget.Label
	previewBox  *fyne.Container
	lastPreview planning.ChainResult

	obj fyne.CanvasObject
}

// orgChainRule is one rule with its offset as typed, so that a half-typed
// offset survives selecting another rule and is reported on save.
type orgChainRule struct {
	rule   domain.DeadlineRule
	offset string
}

// orgChainFields are the rule form's fields in display order.
var orgChainFields = []string{"name", "kind", "audience", "anchor", "anchorRule", "offset", "perMun", "leadTime", "roll"}

// orgChainKinds are the kinds of step a rule can have, in chain order.
var orgChainKinds = []domain.DeadlineKind{domain.KindAanmelden, domain.KindConcept, domain.KindVooroverleg, domain.KindAanleveren,
	domain.KindDispatch, domain.KindAdvies, domain.KindCollege, domain.KindMeeting, domain.KindBesluiten, domain.KindOther}

// orgChainAnchors are the anchors a rule can count from.
var orgChainAnchors = []domain.AnchorKind{domain.AnchorMeeting, domain.AnchorPrep, domain.AnchorCollege, domain.AnchorRule}

func orgChainKindLabel(k domain.DeadlineKind) string {
	return i18n.T("ui.organisation.chain.kind." + string(k))
}

func orgChainRollLabel(r domain.Roll) string {
	return i18n.T("ui.organisation.chain.roll." + string(r))
}

func newChainEditor(st *State, win fyne.Window, body func() domain.Body, changed func()) *chainEditor {
	c := &chainEditor{st: st, win: win, body: body, changed: changed, sel: -1}
	edit := func() { c.ruleEdited() }
	c.name = newEntry("", edit)
	c.kind = newChoice(orgChainKinds, orgChainKindLabel, edit)
	c.audience = newChoice(domain.Audiences(), func(a domain.Audience) string { return a.Label() }, edit)
	c.anchor = newChoice(orgChainAnchors, func(a domain.AnchorKind) string { return a.Label() }, edit)
	c.anchorRule = newChoice(nil, func(string) string { return "" }, edit)
	c.anchorRule.PlaceHolder = i18n.T("ui.organisation.chain.pickrule")
	c.offset = newEntry("-10", edit)
	c.unit = newChoice([]domain.Unit{domain.Werkdagen, domain.Kalenderdagen}, func(u domain.Unit) string { return u.Label() }, edit)
	c.perMun = widget.NewCheck(i18n.T("ui.organisation.chain.permunicipality"), func(bool) { edit() })
	c.leadTime = widget.NewCheck(i18n.T("ui.organisation.chain.leadtime"), func(bool) { edit() })
	c.roll = newChoice([]domain.Roll{domain.RollEarlier, domain.RollLater}, orgChainRollLabel, edit)

	c.ruleItems = map[string]*widget.FormItem{
		"name":       widget.NewFormItem(i18n.T("ui.organisation.chain.field.name"), c.name),
		"kind":       {Text: i18n.T("ui.organisation.chain.field.kind"), Widget: c.kind.Select, HintText: i18n.T("ui.organisation.chain.hint.kind")},
		"audience":   widget.NewFormItem(i18n.T("ui.organisation.chain.field.audience"), c.audience.Select),
		"anchor":     widget.NewFormItem(i18n.T("ui.organisation.chain.field.anchor"), c.anchor.Select),
		"anchorRule": widget.NewFormItem(i18n.T("ui.organisation.chain.field.anchorrule"), c.anchorRule.Select),
		"offset": {Text: i18n.T("ui.organisation.chain.field.offset"), HintText: i18n.T("ui.organisation.chain.hint.offset"),
			Widget: container.NewBorder(nil, nil, fixedWidth(80, c.offset), nil, c.unit.Select)},
		"perMun":   {Text: "", Widget: c.perMun, HintText: i18n.T("ui.organisation.chain.hint.permunicipality")},
		"leadTime": {Text: "", Widget: c.leadTime, HintText: i18n.T("ui.organisation.chain.hint.leadtime")},
		"roll":     {Text: i18n.T("ui.organisation.chain.field.roll"), Widget: c.roll.Select, HintText: i18n.T("ui.organisation.chain.hint.roll")},
	}
	for _, k := range orgChainFields {
		c.ruleAll = append(c.ruleAll, c.ruleItems[k])
	}
	c.ruleForm = widget.NewForm(c.ruleAll...)

	c.list = widget.NewList(
		func() int { return len(c.rows) },
		func() fyne.CanvasObject {
			num := widget.NewLabel("00.")
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("")
			detail.Truncation = fyne.TextTruncateEllipsis
			detail.Importance = widget.LowImportance
			detail.SizeName = theme.SizeNameCaptionText
			return container.NewBorder(nil, nil, num, nil, container.New(layout.NewCustomPaddedVBoxLayout(-14), title, detail))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(c.rows) {
				return
			}
			box := o.(*fyne.Container)
			texts := box.Objects[0].(*fyne.Container).Objects
			box.Objects[1].(*widget.Label).SetText(strconv.Itoa(id+1) + ".")
			r := c.rows[id]
			texts[0].(*widget.Label).SetText(r.rule.Name)
			texts[1].(*widget.Label).SetText(c.summary(id))
		})
	c.list.OnSelected = func(id widget.ListItemID) {
		if c.loading {
			return
		}
		c.selectRule(id)
	}

	c.addBtn = widget.NewButtonWithIcon(i18n.T("ui.organisation.chain.add"), theme.ContentAddIcon(), c.addRule)
	c.upBtn = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { c.move(-1) })
	c.downBtn = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { c.move(1) })
	c.delBtn = widget.NewButtonWithIcon("", theme.DeleteIcon(), c.removeRule)
	c.preset = widget.NewButtonWithIcon(i18n.T("ui.organisation.chain.preset"), theme.ViewRestoreIcon(), c.askPreset)
	c.problem = widget.NewLabel("")
	c.problem.Wrapping = fyne.TextWrapWord
	c.problem.Importance = widget.DangerImportance
	c.problem.Hide()

	c.detail = container.NewVBox(c.ruleForm)
	toolbar := container.NewHBox(c.addBtn, c.upBtn, c.downBtn, c.delBtn, layout.NewSpacer(), c.preset)
	rules := container.NewVSplit(c.list, container.NewVScroll(c.detail))
	rules.Offset = 0.45
	left := container.NewBorder(container.NewVBox(note(i18n.T("ui.organisation.chain.hint")), toolbar), c.problem, nil, nil, rules)

	c.sample = newDateEntry(st, i18n.T("ui.organisation.chain.sample"), func() {
		if !c.loading {
			c.refreshPreview()
		}
	})
	c.sample.SetPlaceHolder(i18n.T("ui.organisation.chain.samplenext"))
	c.sampleNote = note("")
	c.previewBox = container.NewVBox()
	head := widget.NewLabelWithStyle(i18n.T("ui.organisation.chain.preview"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sampleRow := container.NewBorder(nil, nil, widget.NewLabel(i18n.T("ui.organisation.chain.sample")), nil, fixedWidth(180, c.sample))
	right := container.NewBorder(container.NewVBox(head, container.NewHBox(sampleRow), c.sampleNote), nil, nil, nil,
		container.NewVScroll(c.previewBox))

	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(right))
	split.Offset = 0.48
	c.obj = split
	c.showDetail()
	return c
}

func (c *chainEditor) object() fyne.CanvasObject { return c.obj }

// set loads a template; the first rule is selected.
func (c *chainEditor) set(rules []domain.DeadlineRule) {
	c.loading = true
	c.rows = make([]*orgChainRule, len(rules))
	for i, r := range rules {
		c.rows[i] = &orgChainRule{rule: r, offset: strconv.Itoa(r.Offset)}
	}
	c.sample.SetText("")
	c.loading = false
	c.list.Refresh()
	c.choose(0)
	c.list.ScrollToTop() // the list may not have its size yet
	c.refreshPreview()
}

// get returns the template as edited; an offset that is not a number is
// reported with the rule's name.
func (c *chainEditor) get() ([]domain.DeadlineRule, error) {
	out := make([]domain.DeadlineRule, len(c.rows))
	for i, r := range c.rows {
		n, err := parseOffset(i18n.T("ui.organisation.chain.offsetof", r.rule.Name), r.offset)
		if err != nil {
			return nil, err
		}
		out[i] = r.rule
		out[i].Offset = n
	}
	return out, nil
}

// selectRule shows rule i in the form.
func (c *chainEditor) selectRule(i int) {
	c.sel = i
	c.showDetail()
}

// choose selects rule i in the list and the form (none when i is out of
// range). The list's own OnSelected does not fire for a row that is
// already selected, and the rows may have moved under it.
func (c *chainEditor) choose(i int) {
	c.loading = true
	if i >= 0 && i < len(c.rows) {
		c.list.Select(i)
	} else {
		c.list.UnselectAll()
		i = -1
	}
	c.loading = false
	c.selectRule(i)
}

// showDetail fills the rule form from the selected rule and shows the
// fields that apply to it.
func (c *chainEditor) showDetail() {
	c.loading = true
	defer func() { c.loading = false }()
	if c.sel < 0 || c.sel >= len(c.rows) {
		c.ruleForm.Hide()
		c.upBtn.Disable()
		c.downBtn.Disable()
		c.delBtn.Disable()
		return
	}
	c.ruleForm.Show()
	r := c.rows[c.sel]
	c.name.SetText(r.rule.Name)
	c.kind.setValue(r.rule.Kind)
	c.audience.setValue(r.rule.Audience)
	c.anchor.setValue(r.rule.Anchor)
	c.refreshAnchorRules()
	c.anchorRule.setValue(r.rule.AnchorRule)
	c.offset.SetText(r.offset)
	unit := r.rule.Unit
	if unit == "" {
		unit = domain.Werkdagen
	}
	c.unit.setValue(unit)
	c.perMun.SetChecked(r.rule.PerMunicipality)
	c.leadTime.SetChecked(r.rule.UseLeadTime)
	roll := r.rule.Roll
	if roll == "" {
		roll = domain.RollEarlier
	}
	c.roll.setValue(roll)
	c.showApplicable()
	c.upBtn.Enable()
	c.downBtn.Enable()
	c.delBtn.Enable()
	if c.sel == 0 {
		c.upBtn.Disable()
	}
	if c.sel == len(c.rows)-1 {
		c.downBtn.Disable()
	}
}

// refreshAnchorRules offers the rules before the selected one: a rule can
// only count from a step earlier in the chain (which also rules out
// cycles).
func (c *chainEditor) refreshAnchorRules() {
	var keys []string
	names := map[string]string{}
	for i := 0; i < c.sel && i < len(c.rows); i++ {
		keys = append(keys, c.rows[i].rule.Key)
		names[c.rows[i].rule.Key] = c.rows[i].rule.Name
	}
	c.anchorRule.setOptions(keys, func(k string) string { return names[k] })
}

// showApplicable hides the fields that mean nothing for the selected rule:
// the step counted from only for anchor "een eerdere stap", the lead time
// only per gemeente, the roll only for calendar days.
func (c *chainEditor) showApplicable() {
	anchor := c.anchor.value()
	show := map[string]bool{
		"anchorRule": anchor == domain.AnchorRule,
		"leadTime":   c.perMun.Checked || anchor == domain.AnchorCollege,
		"roll":       c.unit.value() == domain.Kalenderdagen,
	}
	var vis []bool
	for _, k := range orgChainFields {
		v, ok := show[k]
		vis = append(vis, v || !ok)
	}
	orgShowFormItems(c.ruleForm, c.ruleAll, vis)
}

// ruleEdited writes the form back into the selected rule, then refreshes
// its line in the list and the preview.
func (c *chainEditor) ruleEdited() {
	if c.loading || c.sel < 0 || c.sel >= len(c.rows) {
		return
	}
	r := c.rows[c.sel]
	r.rule.Name = strings.TrimSpace(c.name.Text)
	r.rule.Kind = c.kind.value()
	r.rule.Audience = c.audience.value()
	r.rule.Anchor = c.anchor.value()
	r.rule.AnchorRule = ""
	if r.rule.Anchor == domain.AnchorRule {
		r.rule.AnchorRule = c.anchorRule.value()
	}
	r.offset = c.offset.Text
	r.rule.Unit = c.unit.value()
	r.rule.PerMunicipality = c.perMun.Checked
	// A college anchor is per gemeente by nature; the lead time only
	// exists per gemeente.
	if r.rule.Anchor == domain.AnchorCollege {
		r.rule.PerMunicipality = true
		if !c.perMun.Checked {
			c.loading = true
			c.perMun.SetChecked(true)
			c.loading = false
		}
	}
	r.rule.UseLeadTime = c.leadTime.Checked && r.rule.PerMunicipality
	r.rule.Roll = ""
	if r.rule.Unit == domain.Kalenderdagen {
		r.rule.Roll = c.roll.value()
	}
	c.showApplicable()
	c.list.RefreshItem(c.sel)
	c.edited()
}

// edited tells the body form (save button, dirty state) and redraws the
// preview.
func (c *chainEditor) edited() {
	c.refreshPreview()
	if c.changed != nil {
		c.changed()
	}
}

// addRule inserts a new step after the selected one (at the start of the
// chain when none is selected), counted from the meeting.
func (c *chainEditor) addRule() {
	at := c.sel + 1
	if at <= 0 || at > len(c.rows) {
		at = 0
	}
	r := &orgChainRule{rule: domain.DeadlineRule{Key: c.newKey(), Name: i18n.T("ui.organisation.chain.newrule"), Kind: domain.KindOther,
		Audience: domain.AudienceSecretariaat, Anchor: domain.AnchorMeeting, Offset: -5, Unit: domain.Werkdagen}, offset: "-5"}
	c.rows = append(c.rows[:at], append([]*orgChainRule{r}, c.rows[at:]...)...)
	c.list.Refresh()
	c.choose(at)
	c.edited()
	c.win.Canvas().Focus(c.name)
}

// newKey returns a key no rule has yet. Keys are the stable names of the
// steps (stored deadlines and anchor references use them), so an existing
// rule keeps its key when renamed.
func (c *chainEditor) newKey() string {
	used := map[string]bool{}
	for _, r := range c.rows {
		used[r.rule.Key] = true
	}
	for n := 1; ; n++ {
		k := "stap-" + strconv.Itoa(n)
		if !used[k] {
			return k
		}
	}
}

// move swaps the selected rule with its neighbour.
func (c *chainEditor) move(d int) {
	i, j := c.sel, c.sel+d
	if i < 0 || j < 0 || j >= len(c.rows) {
		return
	}
	c.rows[i], c.rows[j] = c.rows[j], c.rows[i]
	c.list.Refresh()
	c.choose(j)
	c.edited()
}

// removeRule deletes the selected rule; rules that counted from it are
// named in the problem line until they get another anchor (the save
// refuses them too).
func (c *chainEditor) removeRule() {
	if c.sel < 0 || c.sel >= len(c.rows) {
		return
	}
	c.rows = append(c.rows[:c.sel], c.rows[c.sel+1:]...)
	next := min(c.sel, len(c.rows)-1)
	c.list.Refresh()
	c.choose(next)
	c.edited()
}

// askPreset replaces the template by the standaardketen of the body's
// kind, after asking: the current rules are lost.
func (c *chainEditor) askPreset() {
	kind := c.body().Kind
	if kind == "" {
		kind = domain.BodyPHO
	}
	dialog.ShowConfirm(i18n.T("ui.organisation.chain.preset.title"), i18n.T("ui.organisation.chain.preset.question", kind.Label()), func(ok bool) {
		if ok {
			c.applyPreset(kind)
		}
	}, c.win)
}

// applyPreset loads the standaardketen of kind (planning.ChainPreset).
func (c *chainEditor) applyPreset(kind domain.BodyKind) {
	c.set(planning.ChainPreset(kind))
	if c.changed != nil {
		c.changed()
	}
}

// summary describes rule i in words: "10 werkdagen vóór het ambtelijk
// vooroverleg · per gemeente".
func (c *chainEditor) summary(i int) string {
	r := c.rows[i].rule
	if r.Kind == domain.KindMeeting && r.Anchor == domain.AnchorMeeting && strings.TrimSpace(c.rows[i].offset) == "0" {
		return i18n.T("ui.organisation.chain.summary.meeting")
	}
	anchor := r.Anchor.Label()
	if r.Anchor == domain.AnchorRule {
		anchor = i18n.T("ui.organisation.chain.summary.step", r.AnchorRule)
		for _, x := range c.rows {
			if x.rule.Key == r.AnchorRule {
				anchor = i18n.T("ui.organisation.chain.summary.step", x.rule.Name)
			}
		}
	}
	n, err := parseOffset("", c.rows[i].offset)
	var s string
	switch {
	case err != nil:
		s = i18n.T("ui.organisation.chain.summary.bad", c.rows[i].offset)
	case n == 0:
		s = i18n.T("ui.organisation.chain.summary.on", anchor)
	case n < 0:
		s = i18n.T("ui.organisation.chain.summary.before", -n, r.Unit.Label(), anchor)
	default:
		s = i18n.T("ui.organisation.chain.summary.after", n, r.Unit.Label(), anchor)
	}
	if r.PerMunicipality {
		s += " · " + i18n.T("ui.organisation.chain.summary.permunicipality")
	}
	if r.UseLeadTime {
		s += " · " + i18n.T("ui.organisation.chain.summary.leadtime")
	}
	return s
}

// sampleFor chooses the meeting the preview dates: the date typed in the
// preview's date field, else the body's next meeting, else a sample date
// from its rhythm (see sampleDate). It returns the date, the linked AO's
// date when a real meeting is used, and a note saying which it is.
func (c *chainEditor) sampleFor(b domain.Body) (d, prep date.Date, why string) {
	if typed, err := c.sample.Date(); err == nil && !typed.IsZero() {
		return typed, 0, i18n.T("ui.organisation.chain.sample.typed", i18n.LongDate(typed))
	}
	pl := c.st.Planner()
	ds, _ := c.st.Data()
	today := c.st.Today()
	var next *domain.Meeting
	if b.ID != 0 {
		for i := range ds.Meetings {
			m := &ds.Meetings[i]
			if m.BodyID == b.ID && !m.IsCancelled() && !m.Date().Before(today) && (next == nil || m.Start.Before(next.Start)) {
				next = m
			}
		}
	}
	if next != nil {
		if in, err := pl.ChainInput(next); err == nil {
			prep = in.Prep
		}
		return next.Date(), prep, i18n.T("ui.organisation.chain.sample.next", i18n.LongDate(next.Date()))
	}
	d = sampleDate(c.st, b)
	return d, 0, i18n.T("ui.organisation.chain.sample.rhythm", i18n.LongDate(d))
}

// preview computes the chain the edited template gives, or returns the
// reason it cannot.
func (c *chainEditor) preview() (planning.ChainResult, string, error) {
	rules, err := c.get()
	if err != nil {
		return planning.ChainResult{}, "", err
	}
	if err := domain.ValidateChain(rules); err != nil {
		return planning.ChainResult{}, "", err
	}
	b := c.body()
	d, prep, why := c.sampleFor(b)
	pl := c.st.Planner()
	_, ix := c.st.Data()
	var members []planning.Member
	for _, m := range ix.MemberMunicipalities(&b, d) {
		members = append(members, planning.Member{Municipality: m, Calendar: pl.MunicipalityCalendar(m.ID)})
	}
	in := planning.ChainInput{Date: d, Prep: prep, Rules: rules, Calendar: pl.Calendar(), Members: members, TightDays: pl.TightDays(&b)}
	return planning.ComputeChain(in), why, nil
}

// refreshPreview redraws the preview and the problem line.
func (c *chainEditor) refreshPreview() {
	if c.loading {
		return
	}
	res, why, err := c.preview()
	if err != nil {
		c.problem.SetText(i18n.UserMessage(err))
		c.problem.Show()
		c.sampleNote.SetText("")
		c.previewBox.Objects = []fyne.CanvasObject{note(i18n.T("ui.organisation.chain.nopreview"))}
		c.previewBox.Refresh()
		return
	}
	c.problem.Hide()
	c.lastPreview = res
	c.sampleNote.SetText(why)
	c.previewBox.Objects = orgChainPreviewRows(res)
	c.previewBox.Refresh()
}

// orgChainPreviewRows draws a computed chain: one line per step with its
// date, name and the working days it leaves after the step before it;
// a per-gemeente step gets one line per gemeente under it.
func orgChainPreviewRows(res planning.ChainResult) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i := 0; i < len(res.Steps); {
		j := i + 1
		if res.Steps[i].MunicipalityID != 0 {
			for j < len(res.Steps) && res.Steps[j].Rule == res.Steps[i].Rule {
				j++
			}
		}
		group := res.Steps[i:j]
		objs = append(objs, orgChainStepRow(group))
		i = j
	}
	if len(res.Steps) == 0 {
		objs = append(objs, note(i18n.T("ui.organisation.chain.nosteps")))
	}
	for _, s := range res.Skipped {
		l := note(i18n.T("ui.organisation.chain.skipped", s.Name, s.Reason.String()))
		objs = append(objs, l)
	}
	return objs
}

// orgChainStepRow draws one step (several steps of one per-gemeente
// rule): the date (or the span of dates), the name and the worst slack;
// under a per-gemeente step one line per gemeente in the same columns;
// under a krap or onhaalbaar step the planner's reason.
func orgChainStepRow(group []planning.Step) fyne.CanvasObject {
	first := group[0]
	worst := first
	lo, hi := first.Due, first.Due
	for _, s := range group {
		if orgChainStatusRank(s.Status) > orgChainStatusRank(worst.Status) ||
			(orgChainStatusRank(s.Status) == orgChainStatusRank(worst.Status) && s.HasSlack() && s.Slack < worst.Slack) {
			worst = s
		}
		if s.Due.Before(lo) {
			lo = s.Due
		}
		if hi.Before(s.Due) {
			hi = s.Due
		}
	}
	when := orgDayMonth(lo)
	if lo != hi {
		when = i18n.T("ui.organisation.chain.range", fmt.Sprintf("%02d-%02d", lo.Day(), int(lo.Month())), fmt.Sprintf("%02d-%02d", hi.Day(), int(hi.Month())))
	}
	meeting := first.Kind == domain.KindMeeting
	dateL := widget.NewLabelWithStyle(when, fyne.TextAlignLeading, fyne.TextStyle{Bold: meeting})
	name := widget.NewLabelWithStyle(first.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: meeting})
	name.Truncation = fyne.TextTruncateEllipsis
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, fixedWidth(orgChainDateWidth, dateL), orgChainSlackChip(worst), name)}
	if first.MunicipalityID != 0 {
		for _, s := range group {
			d := widget.NewLabel(orgDayMonth(s.Due))
			d.SizeName = theme.SizeNameCaptionText
			d.Importance = widget.LowImportance
			mun := widget.NewLabel(s.Municipality)
			mun.Truncation = fyne.TextTruncateEllipsis
			mun.SizeName = theme.SizeNameCaptionText
			objs = append(objs, container.NewBorder(nil, nil, fixedWidth(orgChainDateWidth, d), orgChainSlackChip(s), mun))
		}
	}
	if worst.Status != domain.DeadlineOK && !worst.Reason.IsZero() {
		r := note(worst.Reason.String())
		r.SizeName = theme.SizeNameCaptionText
		objs = append(objs, r)
	}
	objs = append(objs, widget.NewSeparator())
	return container.New(layout.NewCustomPaddedVBoxLayout(-6), objs...)
}

// orgChainDateWidth is the width of the preview's date column: a span
// "23-12 – 07-01" fits.
const orgChainDateWidth = 112

// orgDayMonth writes a date short, as the preview's column has room for:
// "vr 04-12". The sample date above it gives the year.
func orgDayMonth(d date.Date) string {
	return fmt.Sprintf("%s %02d-%02d", i18n.WeekdayShort(d.Weekday()), d.Day(), int(d.Month()))
}

// orgChainSlackChip shows the working days a step leaves, in the verdict's colour:
// red for onhaalbaar, orange for krap, neutral when there is room. The
// first step of a chain has nothing before it and gets no chip.
func orgChainSlackChip(s planning.Step) fyne.CanvasObject {
	if !s.HasSlack() {
		return components.NewChip("", "")
	}
	text := i18n.T("ui.organisation.chain.slack", s.Slack)
	switch s.Status {
	case domain.DeadlineOnhaalbaar:
		return components.NewChip(text, theme.ColorNameError)
	case domain.DeadlineKrap:
		return components.NewChip(text, theme.ColorNameWarning)
	}
	return components.NewChip(text, "")
}

// orgChainStatusRank orders verdicts from good to bad.
func orgChainStatusRank(s domain.DeadlineStatus) int {
	switch s {
	case domain.DeadlineOnhaalbaar:
		return 2
	case domain.DeadlineKrap:
		return 1
	}
	return 0
}
