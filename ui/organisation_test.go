package ui

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/planning"
)

// newTestOrganisation builds the Organisatie screen on the demo data in a
// window of its own, as the shell shows it.
func newTestOrganisation(t *testing.T) (*organisationScreen, fyne.Window) {
	t.Helper()
	sh, w := newTestShell(t)
	o := newOrganisationScreen(sh)
	w.SetContent(o.tabs)
	return o, w
}

// orgType replaces an entry's text the way a user does: clear, then type.
func orgType(e fyne.Focusable, text string) {
	if s, ok := e.(interface{ SetText(string) }); ok {
		s.SetText("")
	}
	test.Type(e, text)
}

// orgConfirm answers the confirmation dialog on top of w: the
// high-importance button is the one that goes ahead.
func orgConfirm(t *testing.T, w fyne.Window, yes bool) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog shown")
	}
	var found *widget.Button
	walkVisible(top, func(o fyne.CanvasObject) bool {
		b, ok := o.(*widget.Button)
		if ok && (b.Importance == widget.HighImportance) == yes {
			found = b
		}
		return !ok
	})
	if found == nil {
		t.Fatal("dialog without the expected button")
	}
	test.Tap(found)
}

func storedDataset(t *testing.T, st *State) *domain.Dataset {
	t.Helper()
	ds, err := st.Store.Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestOrganisationIsRegisteredInTheShell(t *testing.T) {
	sh, w := newTestShell(t)
	sh.Show(ScreenOrganisation)
	if got := sh.tabs.Selected().Text; got != "Organisatie" {
		t.Fatalf("selected tab %q", got)
	}
	sub, ok := sh.tabs.Selected().Content.(*container.AppTabs)
	if !ok {
		t.Fatalf("content %T", sh.tabs.Selected().Content)
	}
	var got []string
	for _, it := range sub.Items {
		got = append(got, it.Text)
	}
	if want := []string{"Gemeenten", "Samenwerkingsverbanden", "Overleggen", "Mensen"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sub-tabs %q, want %q", got, want)
	}
	// The first gemeente (by name) is open in its form.
	if !hasText(w.Content(), "Nieuwe gemeente") {
		t.Error("gemeente form not shown")
	}
}

func TestNewMunicipalityIsSaved(t *testing.T) {
	o, _ := newTestOrganisation(t)
	p := o.municipalities
	f := p.form.(*municipalityForm)
	before := len(storedDataset(t, p.st).Municipalities)

	test.Tap(p.newBtn)
	orgType(f.name, "Moerdijk")
	orgType(f.cbs, "gm1709")
	orgType(f.inhabitants, "37.000")
	f.days.SetSelected([]string{"di", "do"})
	orgType(f.lead, "4")
	f.region.setValue(domain.RegionZuid)
	if p.saveBtn.Disabled() {
		t.Fatal("save disabled on a new gemeente")
	}
	test.Tap(p.saveBtn)

	ds := storedDataset(t, p.st)
	if len(ds.Municipalities) != before+1 {
		t.Fatalf("%d gemeenten, want %d; message %q", len(ds.Municipalities), before+1, p.message.Text)
	}
	var got *domain.Municipality
	for i := range ds.Municipalities {
		if ds.Municipalities[i].Name == "Moerdijk" {
			got = &ds.Municipalities[i]
		}
	}
	if got == nil {
		t.Fatal("Moerdijk not stored")
	}
	want := domain.Municipality{ID: got.ID, Name: "Moerdijk", CBSCode: "GM1709", Inhabitants: 37000,
		CollegeDays: []time.Weekday{time.Tuesday, time.Thursday}, CollegeLeadDays: 4, Region: domain.RegionZuid}
	if got.CBSCode != want.CBSCode || got.Inhabitants != want.Inhabitants || got.CollegeLeadDays != want.CollegeLeadDays ||
		got.Region != want.Region || len(got.CollegeDays) != 2 || got.CollegeDays[0] != time.Tuesday || got.CollegeDays[1] != time.Thursday {
		t.Errorf("stored %+v, want %+v", *got, want)
	}
	if !strings.Contains(p.message.Text, "Moerdijk") || !p.saveBtn.Disabled() {
		t.Errorf("after save: message %q, save enabled %v", p.message.Text, !p.saveBtn.Disabled())
	}
	if p.heading.Text != "Moerdijk" {
		t.Errorf("heading %q", p.heading.Text)
	}
}

// Every refused save shows the Dutch reason next to the form and leaves
// the store as it was.
func TestInvalidInputIsRefusedInDutch(t *testing.T) {
	tests := []struct {
		name string
		edit func(o *organisationScreen) func()
		want string
	}{
		{"CBS-code", func(o *organisationScreen) func() {
			f := o.municipalities.form.(*municipalityForm)
			orgType(f.cbs, "0687")
			return o.municipalities.doSave
		}, "CBS"},
		{"inwoners", func(o *organisationScreen) func() {
			f := o.municipalities.form.(*municipalityForm)
			orgType(f.inhabitants, "veel")
			return o.municipalities.doSave
		}, "Inwoners: ‘veel’ is geen geheel getal"},
		{"e-mail", func(o *organisationScreen) func() {
			o.tabs.SelectIndex(3)
			f := o.people.form.(*personForm)
			orgType(f.email, "j.jansen@@vlissingen")
			return o.people.doSave
		}, "e-mail"},
		{"datum", func(o *organisationScreen) func() {
			o.tabs.SelectIndex(1)
			f := o.partnerships.form.(*partnershipForm)
			orgType(f.rows[0].until, "31-02-2027")
			return o.partnerships.doSave
		}, "Tot: ‘31-02-2027’ is geen geldige datum"},
		{"kleur", func(o *organisationScreen) func() {
			f := o.partnerships.form.(*partnershipForm)
			orgType(f.hex, "blauw")
			return o.partnerships.doSave
		}, "geen kleur"},
		{"begintijd", func(o *organisationScreen) func() {
			f := o.bodies.form.(*bodyForm)
			orgType(f.start, "25:00")
			return o.bodies.doSave
		}, "Begintijd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, _ := newTestOrganisation(t)
			before := storedDataset(t, o.sh.State)
			save := tt.edit(o)
			save()
			var msg *widget.Label
			for _, m := range []*widget.Label{o.municipalities.message, o.partnerships.message, o.bodies.message, o.people.message} {
				if m.Visible() {
					msg = m
				}
			}
			if msg == nil {
				t.Fatal("no message shown")
			}
			if !strings.Contains(strings.ToLower(msg.Text), strings.ToLower(tt.want)) || msg.Importance != widget.DangerImportance {
				t.Errorf("message %q (importance %v), want it to mention %q", msg.Text, msg.Importance, tt.want)
			}
			after := storedDataset(t, o.sh.State)
			if !sameMasterData(before, after) {
				t.Error("store changed by a refused save")
			}
		})
	}
}

// sameMasterData compares what the Organisatie screen edits.
func sameMasterData(a, b *domain.Dataset) bool {
	return reflect.DeepEqual(a.Municipalities, b.Municipalities) && reflect.DeepEqual(a.Partnerships, b.Partnerships) &&
		reflect.DeepEqual(a.People, b.People) && reflect.DeepEqual(a.Bodies, b.Bodies)
}

// Ending a membership takes the gemeente's people out of the meetings of
// the partnership's bodies from that date on, and not before.
func TestEndingAMembershipChangesTheSeats(t *testing.T) {
	o, _ := newTestOrganisation(t)
	st := o.sh.State
	ds, ix := st.Data()
	end := date.New(2027, time.March, 1)

	// A meeting after the end date with a seat for a member gemeente.
	var meeting *domain.Meeting
	var munID, partnershipID int64
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		if m.Date().Before(end) || m.IsCancelled() {
			continue
		}
		for _, s := range ix.MeetingSeats(m) {
			if s.Municipality != nil && s.Role != domain.RoleSecretaris && s.Role != domain.RoleAdviseur {
				meeting, munID = m, s.Municipality.ID
				partnershipID = ix.Bodies[m.BodyID].PartnershipID
				break
			}
		}
		if meeting != nil {
			break
		}
	}
	if meeting == nil {
		t.Fatal("demo has no meeting with a gemeente's seat after the end date")
	}
	seatsOf := func(ix *domain.Index, m *domain.Meeting) int {
		n := 0
		for _, s := range ix.MeetingSeats(m) {
			if s.Municipality != nil && s.Municipality.ID == munID {
				n++
			}
		}
		return n
	}
	before := seatsOf(ix, meeting)

	o.tabs.SelectIndex(1)
	p := o.partnerships
	if !p.selectByID(partnershipID) {
		t.Fatal("partnership not in the list")
	}
	f := p.form.(*partnershipForm)
	var row *membershipRow
	for _, r := range f.rows {
		if r.munID == munID {
			row = r
		}
	}
	if row == nil {
		t.Fatal("membership row not shown")
	}
	orgType(row.until, "01-03-2027")
	if row.status.Text != "lid tot 1 maart 2027" {
		t.Errorf("row status %q", row.status.Text)
	}
	test.Tap(p.saveBtn)
	if p.message.Importance == widget.DangerImportance {
		t.Fatalf("save refused: %s", p.message.Text)
	}

	stored := storedDataset(t, st)
	six := domain.NewIndex(stored)
	m := six.Meetings[meeting.ID]
	if got := seatsOf(six, m); before == 0 || got != 0 {
		t.Errorf("seats of the gemeente at %s: %d before, %d after ending the membership", m.Date(), before, got)
	}
	// A meeting before the end date keeps them.
	for i := range stored.Meetings {
		e := &stored.Meetings[i]
		if e.BodyID == meeting.BodyID && !e.Date().Before(st.Today()) && e.Date().Before(end) && !e.IsCancelled() {
			if seatsOf(six, e) == 0 {
				t.Errorf("meeting of %s lost the gemeente's seats before the end date", e.Date())
			}
			break
		}
	}
}

func TestAddMembershipAndSwatch(t *testing.T) {
	o, _ := newTestOrganisation(t)
	o.tabs.SelectIndex(1)
	p := o.partnerships
	f := p.form.(*partnershipForm)
	id := f.id
	have := map[int64]bool{}
	for _, r := range f.rows {
		have[r.munID] = true
	}
	var add int64
	for _, v := range f.addMun.values {
		if !have[v] {
			add = v
			break
		}
	}
	if add == 0 {
		t.Skip("every gemeente is already a member")
	}
	f.addMun.setValue(add)
	orgType(f.addFrom, "2027-01-01")
	test.Tap(f.addBtn)
	f.colors.Tap(3)
	if f.hex.Text != partnershipColors[3] {
		t.Errorf("swatch tap gave %q", f.hex.Text)
	}
	test.Tap(p.saveBtn)
	ds := storedDataset(t, o.sh.State)
	for _, ps := range ds.Partnerships {
		if ps.ID != id {
			continue
		}
		if ps.Color != partnershipColors[3] {
			t.Errorf("colour %q", ps.Color)
		}
		for _, m := range ps.Members {
			if m.MunicipalityID == add {
				if m.From != date.New(2027, time.January, 1) || !m.Until.IsZero() {
					t.Errorf("membership %+v", m)
				}
				return
			}
		}
		t.Fatalf("membership not stored; message %q", p.message.Text)
	}
	t.Fatal("partnership gone")
}

func TestPersonIsSavedAndEditedInPlace(t *testing.T) {
	o, _ := newTestOrganisation(t)
	o.tabs.SelectIndex(3)
	p := o.people
	f := p.form.(*personForm)
	test.Tap(p.newBtn)
	orgType(f.name, "Fatima el Amrani")
	orgType(f.email, "f.elamrani@vlissingen.nl")
	orgType(f.phone, "0118 487 000")
	f.role.setValue(domain.PersonAmbtenaar)
	orgType(f.function, "beleidsadviseur jeugd")
	var vlissingen int64
	ds, _ := o.sh.State.Data()
	for _, m := range ds.Municipalities {
		if m.Name == "Vlissingen" {
			vlissingen = m.ID
		}
	}
	f.mun.setValue(vlissingen)
	test.Tap(p.saveBtn)

	find := func() *domain.Person {
		for _, x := range storedDataset(t, o.sh.State).People {
			if x.Email == "f.elamrani@vlissingen.nl" {
				return &x
			}
		}
		return nil
	}
	got := find()
	if got == nil {
		t.Fatalf("person not stored; message %q", p.message.Text)
	}
	if got.Name != "Fatima el Amrani" || got.MunicipalityID != vlissingen || got.Function != "beleidsadviseur jeugd" || got.Phone != "0118 487 000" {
		t.Errorf("stored %+v", *got)
	}
	// The form now holds the stored person: an edit updates, not adds.
	orgType(f.function, "strategisch adviseur")
	test.Tap(p.saveBtn)
	if got2 := find(); got2 == nil || got2.ID != got.ID || got2.Function != "strategisch adviseur" {
		t.Errorf("after edit %+v", got2)
	}
}

func TestDeleteAsksAndRefusedDeleteExplains(t *testing.T) {
	o, w := newTestOrganisation(t)
	st := o.sh.State
	p := o.municipalities
	// A gemeente in use (member of a partnership) cannot go.
	ds, _ := st.Data()
	var used int64
	for _, ps := range ds.Partnerships {
		if len(ps.Members) > 0 {
			used = ps.Members[0].MunicipalityID
			break
		}
	}
	if !p.selectByID(used) {
		t.Fatal("gemeente not listed")
	}
	test.Tap(p.deleteBtn)
	orgConfirm(t, w, false) // "Nee": nothing happens
	if len(storedDataset(t, st).Municipalities) != len(ds.Municipalities) {
		t.Fatal("deleted without consent")
	}
	test.Tap(p.deleteBtn)
	orgConfirm(t, w, true)
	if !p.message.Visible() || p.message.Importance != widget.DangerImportance || p.message.Text == "" {
		t.Errorf("refused delete: message %q", p.message.Text)
	}
	if len(storedDataset(t, st).Municipalities) != len(ds.Municipalities) {
		t.Fatal("a gemeente in use was deleted")
	}

	// A fresh one can go.
	test.Tap(p.newBtn)
	f := p.form.(*municipalityForm)
	orgType(f.name, "Proefgemeente")
	orgType(f.cbs, "GM9999")
	f.days.SetSelected([]string{"di"})
	f.region.setValue(domain.RegionZuid)
	test.Tap(p.saveBtn)
	if len(storedDataset(t, st).Municipalities) != len(ds.Municipalities)+1 {
		t.Fatalf("not saved: %q", p.message.Text)
	}
	test.Tap(p.deleteBtn)
	orgConfirm(t, w, true)
	if n := len(storedDataset(t, st).Municipalities); n != len(ds.Municipalities) {
		t.Errorf("%d gemeenten after delete; message %q", n, p.message.Text)
	}
	if !strings.Contains(p.message.Text, "Proefgemeente") {
		t.Errorf("message %q", p.message.Text)
	}
}

// Leaving a form with unsaved changes asks first; declining keeps the
// typed text.
func TestUnsavedChangesAreNotLostSilently(t *testing.T) {
	o, w := newTestOrganisation(t)
	p := o.municipalities
	f := p.form.(*municipalityForm)
	first := p.current
	orgType(f.name, first.Name+" (gewijzigd)")
	if p.saveBtn.Disabled() || p.revertBtn.Disabled() {
		t.Fatal("edit did not enable save and revert")
	}
	p.list.Select(1)
	orgConfirm(t, w, false)
	if f.name.Text != first.Name+" (gewijzigd)" || p.current.ID != first.ID {
		t.Fatalf("typed text lost: %q (current %d)", f.name.Text, p.current.ID)
	}
	test.Tap(p.revertBtn)
	if f.name.Text != first.Name || !p.saveBtn.Disabled() {
		t.Errorf("revert: %q", f.name.Text)
	}
}

func TestBodyGeneralSettingsAreSaved(t *testing.T) {
	o, _ := newTestOrganisation(t)
	o.tabs.SelectIndex(2)
	p := o.bodies
	f := p.form.(*bodyForm)
	id := f.id
	orgType(f.start, "9:30")
	orgType(f.duration, "90")
	orgType(f.location, "Stadhuis Middelburg, zaal 2")
	orgType(f.tight, "3")
	test.Tap(p.saveBtn)
	ds := storedDataset(t, o.sh.State)
	for _, b := range ds.Bodies {
		if b.ID == id {
			if b.StartMinute != 9*60+30 || b.Duration != 90 || b.Location != "Stadhuis Middelburg, zaal 2" || b.TightDays != 3 {
				t.Errorf("stored %+v; message %q", b, p.message.Text)
			}
			return
		}
	}
	t.Fatal("body gone")
}

// openPHOChain opens a PHO with a coming meeting on the Overleggen tab and
// returns its chain editor.
func openPHOChain(t *testing.T) (*organisationScreen, fyne.Window, *chainEditor, domain.Body) {
	t.Helper()
	o, w := newTestOrganisation(t)
	ds, _ := o.sh.State.Data()
	var pho *domain.Body
	for i := range ds.Bodies {
		if ds.Bodies[i].Kind == domain.BodyPHO && len(ds.Bodies[i].Chain) > 0 {
			pho = &ds.Bodies[i]
			break
		}
	}
	if pho == nil {
		t.Fatal("no PHO in the demo")
	}
	o.tabs.SelectIndex(2)
	if !o.bodies.selectByID(pho.ID) {
		t.Fatal("PHO not listed")
	}
	f := o.bodies.form.(*bodyForm)
	f.tabs.SelectIndex(3)
	return o, w, f.chain, *pho
}

// previewDue returns the due date of rule key in the preview (the
// earliest, for a per-gemeente rule).
func previewDue(c *chainEditor, key string) date.Date {
	var d date.Date
	for _, s := range c.lastPreview.Steps {
		if s.RuleKey == key && (d.IsZero() || s.Due.Before(d)) {
			d = s.Due
		}
	}
	return d
}

func ruleIndex(t *testing.T, c *chainEditor, key string) int {
	t.Helper()
	for i, r := range c.rows {
		if r.rule.Key == key {
			return i
		}
	}
	t.Fatalf("no rule %q", key)
	return -1
}

func TestChainPreviewFollowsTheTypedOffset(t *testing.T) {
	o, _, c, pho := openPHOChain(t)
	st := o.sh.State
	p := o.bodies

	// The preview is the planner's chain of the body's next meeting.
	var next *domain.Meeting
	ds, _ := st.Data()
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		if m.BodyID == pho.ID && !m.IsCancelled() && !m.Date().Before(st.Today()) && (next == nil || m.Start.Before(next.Start)) {
			next = m
		}
	}
	if next == nil {
		t.Fatal("PHO without a coming meeting")
	}
	want, err := st.Planner().Chain(next.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.lastPreview.Date != next.Date() || len(c.lastPreview.Steps) != len(want.Steps) {
		t.Fatalf("preview for %s with %d steps, planner %s with %d", c.lastPreview.Date, len(c.lastPreview.Steps), want.Date, len(want.Steps))
	}
	for i := range want.Steps {
		if g, w := c.lastPreview.Steps[i], want.Steps[i]; g.Due != w.Due || g.Slack != w.Slack || g.Status != w.Status {
			t.Errorf("step %d: preview %s %d %s, planner %s %d %s", i, g.Due, g.Slack, g.Status, w.Due, w.Slack, w.Status)
		}
	}
	if !strings.Contains(c.sampleNote.Text, "volgende vergadering") {
		t.Errorf("sample note %q", c.sampleNote.Text)
	}

	// Typing a later verzending moves its date in the preview at once.
	i := ruleIndex(t, c, "verzending")
	c.list.Select(i)
	before := previewDue(c, "verzending")
	orgType(c.offset, "-3")
	after := previewDue(c, "verzending")
	cal := st.Planner().Calendar()
	wantDue := next.Date().AddDays(-3)
	for !cal.IsWorkingDay(wantDue) {
		wantDue = wantDue.AddDays(-1)
	}
	if after != wantDue || after == before {
		t.Errorf("verzending: %s before, %s after typing -3; want %s", before, after, wantDue)
	}
	if !strings.Contains(orgListText(c, i), "3 kalenderdagen vóór de vergadering") {
		t.Errorf("rule summary %q", orgListText(c, i))
	}
	if p.saveBtn.Disabled() {
		t.Fatal("an edit of the chain did not enable save")
	}

	// A half-typed offset blanks the preview with a reason; the save
	// refuses it and stores nothing.
	orgType(c.offset, "-3x")
	if !c.problem.Visible() || !strings.Contains(c.problem.Text, "‘-3x’") {
		t.Errorf("problem %q", c.problem.Text)
	}
	test.Tap(p.saveBtn)
	if !strings.Contains(p.message.Text, "‘-3x’") {
		t.Errorf("save message %q", p.message.Text)
	}
	for _, b := range storedDataset(t, st).Bodies {
		if b.ID == pho.ID && !reflect.DeepEqual(b.Chain, pho.Chain) {
			t.Fatal("chain stored despite the error")
		}
	}

	orgType(c.offset, "-3")
	test.Tap(p.saveBtn)
	for _, b := range storedDataset(t, st).Bodies {
		if b.ID == pho.ID {
			if got := b.Chain[i]; got.Key != "verzending" || got.Offset != -3 {
				t.Errorf("stored rule %+v; message %q", got, p.message.Text)
			}
			if len(b.Chain) != len(pho.Chain) {
				t.Errorf("%d rules stored, had %d", len(b.Chain), len(pho.Chain))
			}
		}
	}
	// The planner now dates the meeting's verzending there too.
	dl, err := st.Planner().Deadlines(next.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dl {
		if d.RuleKey == "verzending" && d.Due != wantDue {
			t.Errorf("stored deadline %s, want %s", d.Due, wantDue)
		}
	}
}

// orgListText returns the texts of rule i's line in the list.
func orgListText(c *chainEditor, i int) string {
	o := c.list.CreateItem()
	c.list.UpdateItem(i, o)
	return strings.Join(texts(o), " | ")
}

func TestChainEditorAddsMovesAndRemovesSteps(t *testing.T) {
	o, w, c, pho := openPHOChain(t)
	st := o.sh.State
	n := len(c.rows)

	c.list.Select(0)
	test.Tap(c.addBtn)
	if len(c.rows) != n+1 || c.sel != 1 {
		t.Fatalf("%d rules, selected %d", len(c.rows), c.sel)
	}
	orgType(c.name, "memo aan portefeuillehouders")
	c.anchor.setValue(domain.AnchorRule)
	if !orgFormHas(c.ruleForm, c.ruleItems["anchorRule"]) {
		t.Fatal("anchor rule choice hidden for anchor ‘een eerdere stap’")
	}
	if got := c.anchorRule.values; len(got) != 1 || got[0] != c.rows[0].rule.Key {
		t.Fatalf("anchor choices %v: only earlier steps may be chosen", got)
	}
	c.anchorRule.setValue(c.rows[0].rule.Key)
	orgType(c.offset, "2")
	added := c.rows[1].rule.Key
	if d := previewDue(c, added); d.IsZero() {
		t.Errorf("new step not in the preview")
	}
	// Moving it up puts it before the step it counts from: the chain is
	// refused with the domain's reason.
	test.Tap(c.upBtn)
	if c.sel != 0 || !c.problem.Visible() {
		t.Fatalf("after move up: selected %d, problem %q", c.sel, c.problem.Text)
	}
	test.Tap(c.downBtn)
	if c.problem.Visible() {
		t.Fatalf("problem after moving back: %q", c.problem.Text)
	}
	// Removing the last step.
	c.list.Select(len(c.rows) - 1)
	last := c.rows[len(c.rows)-1].rule.Key
	test.Tap(c.delBtn)
	test.Tap(o.bodies.saveBtn)
	for _, b := range storedDataset(t, st).Bodies {
		if b.ID != pho.ID {
			continue
		}
		if len(b.Chain) != n || b.Chain[1].Key != added || b.Chain[1].AnchorRule != b.Chain[0].Key || b.Chain[1].Offset != 2 {
			t.Fatalf("stored chain %+v; message %q", b.Chain, o.bodies.message.Text)
		}
		for _, r := range b.Chain {
			if r.Key == last {
				t.Errorf("removed step %q still stored", last)
			}
		}
	}

	// Standaardketen brings the preset back after a confirmation.
	test.Tap(c.preset)
	orgConfirm(t, w, true)
	want := planningPreset(domain.BodyPHO)
	got, err := c.get()
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("after standaardketen: %v %+v", err, got)
	}
	if o.bodies.saveBtn.Disabled() {
		t.Error("preset did not count as an edit")
	}
}

func planningPreset(k domain.BodyKind) []domain.DeadlineRule { return planning.ChainPreset(k) }

// orgFormHas reports whether form shows item.
func orgFormHas(form *widget.Form, item *widget.FormItem) bool {
	for _, it := range form.Items {
		if it == item {
			return true
		}
	}
	return false
}
