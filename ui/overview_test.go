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
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// scrTexts returns the texts a user reads in o: labels, chips and buttons,
// in layout order.
func scrTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, x := range test.LaidOutObjects(o) {
		switch w := x.(type) {
		case *widget.Label:
			if w.Visible() && w.Text != "" {
				out = append(out, w.Text)
			}
		case *components.Chip:
			if w.Text != "" {
				out = append(out, w.Text)
			}
		case *widget.Button:
			out = append(out, w.Text)
		}
	}
	return out
}

// scrScreen returns the content of the shell's tab with key.
func scrScreen(t *testing.T, sh *Shell, key string) fyne.CanvasObject {
	t.Helper()
	for i, s := range sh.screens {
		if s.key == key {
			return sh.tabs.Items[i].Content
		}
	}
	t.Fatalf("no screen %q in the shell", key)
	return nil
}

// scrOpened records the meetings the shell is asked to open.
func scrOpened(sh *Shell) *[]int64 {
	var got []int64
	sh.meetingOpener = func(id int64) { got = append(got, id) }
	return &got
}

func overviewOf(t *testing.T, sh *Shell) *overviewScreen {
	t.Helper()
	o, ok := scrScreen(t, sh, ScreenOverview).(*overviewScreen)
	if !ok {
		t.Fatal("the overview tab does not hold the overview screen")
	}
	return o
}

// ovRows returns the rows of a section as the text a user reads on each.
func ovRows(o *overviewScreen, key string) (rows []*components.TapRow, texts []string) {
	for _, x := range o.sections[key].rows.Objects {
		if r, ok := x.(*components.TapRow); ok {
			rows = append(rows, r)
			texts = append(texts, strings.Join(scrTexts(r), " | "))
		}
	}
	return rows, texts
}

// ovFind returns the first row of section key whose text contains every
// part.
func ovFind(o *overviewScreen, key string, parts ...string) (*components.TapRow, string) {
	rows, texts := ovRows(o, key)
	for i, tx := range texts {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(tx, p)
		}
		if all {
			return rows[i], tx
		}
	}
	return nil, ""
}

// demoMeeting returns the first meeting of body name on day d.
func demoMeeting(t *testing.T, st *State, name string, d date.Date) *domain.Meeting {
	t.Helper()
	ds, ix := st.Data()
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		if b := ix.Bodies[m.BodyID]; b != nil && b.Name == name && m.Date() == d {
			return m
		}
	}
	t.Fatalf("no meeting of %s on %s", name, d)
	return nil
}

func TestOverviewIsTheFirstTab(t *testing.T) {
	sh, _ := newTestShell(t)
	if sh.screens[0].key != ScreenOverview || sh.tabs.SelectedIndex() != 0 {
		t.Fatalf("first tab %q, selected %d", sh.screens[0].key, sh.tabs.SelectedIndex())
	}
}

// TestOverviewShowsWhatNeedsAttention checks every section against the
// demo region on Monday 23 November 2026, and that each row opens the
// meeting it is about.
func TestOverviewShowsWhatNeedsAttention(t *testing.T) {
	sh, _ := newTestShell(t)
	o := overviewOf(t, sh)
	opened := scrOpened(sh)
	st := sh.State
	jeugd := demoMeeting(t, st, "PHO Jeugd Zeeland", date.MustParse("2027-01-14"))
	extra := demoMeeting(t, st, "PHO Werk en Inkomen Walcheren", date.MustParse("2027-01-14"))
	aoOS := demoMeeting(t, st, "AO Sociaal Domein Oosterschelde", date.MustParse("2026-11-23"))

	tests := []struct {
		section string
		parts   []string // texts that one row must show
		opens   int64    // 0: not tapped here
	}{
		{secThisWeek, []string{"AO Sociaal Domein Oosterschelde", "ma 23-11-2026", "09:30–11:00", "verzonden"}, aoOS.ID},
		{secStukken, []string{"ontbreekt", "Concept woonzorgprogramma", "AO Sociaal Domein Oosterschelde (ma 23-11)", "ma 16-11"}, aoOS.ID},
		{secOverdue, []string{"conceptstukken aanleveren voor het AO — 1 stuk ontbreekt", "open"}, 0},
		{secChains, []string{"onhaalbaar", "PHO Jeugd Zeeland (do 14-01)", "onhaalbaar voor Vlissingen, Tholen"}, jeugd.ID},
		{secChains, []string{"PHO Werk en Inkomen Walcheren (do 14-01)", "onhaalbaar voor Vlissingen"}, extra.ID},
		{secConflicts, []string{"persoon dubbel", "do 14-01", "PHO Jeugd Zeeland (10:00–12:30) overlapt met PHO Werk en Inkomen Walcheren (10:30–12:00)",
			"Maarten van Damme (Vlissingen)"}, jeugd.ID},
		{secSoon, []string{"ambtelijk advies bij het college aanleveren", "Vlissingen · ambtenaren", "onhaalbaar"}, 0},
	}
	for _, tt := range tests {
		row, text := ovFind(o, tt.section, tt.parts...)
		if row == nil {
			_, all := ovRows(o, tt.section)
			t.Errorf("%s: no row with %q in\n%s", tt.section, tt.parts, strings.Join(all, "\n"))
			continue
		}
		if tt.opens == 0 {
			continue
		}
		*opened = nil
		test.Tap(row)
		if len(*opened) != 1 || (*opened)[0] != tt.opens {
			t.Errorf("%s: tapping %q opened %v, want %d", tt.section, text, *opened, tt.opens)
		}
		if sh.tabs.Selected().Text != "Vergaderingen" {
			t.Errorf("%s: tapping a row shows tab %q", tt.section, sh.tabs.Selected().Text)
		}
		sh.Show(ScreenOverview)
	}
	// The overdue deadline belongs to the PHO that the AO prepares.
	row, _ := ovFind(o, secOverdue, "conceptstukken")
	*opened = nil
	test.Tap(row)
	if len(*opened) != 1 || st.Planner().Index().Meetings[(*opened)[0]].PreparedByMeetingID != aoOS.ID {
		t.Errorf("the overdue concept deadline opened %v, not the PHO prepared by AO %d", *opened, aoOS.ID)
	}
	// The clash of three wethouders is one row, and its second meeting
	// has its own button.
	if _, texts := ovRows(o, secConflicts); len(texts) != 1 {
		t.Errorf("conflict rows %q", texts)
	}
	crow, _ := ovFind(o, secConflicts, "persoon dubbel")
	for _, x := range test.LaidOutObjects(crow) {
		if b, ok := x.(*widget.Button); ok && strings.Contains(b.Text, "PHO Werk en Inkomen Walcheren") {
			*opened = nil
			test.Tap(b)
			if len(*opened) != 1 || (*opened)[0] != extra.ID {
				t.Errorf("the second meeting's button opened %v, want %d", *opened, extra.ID)
			}
		}
	}
	// Counts in the titles follow the rows.
	for _, key := range o.order {
		rows, _ := ovRows(o, key)
		if got := o.sections[key].count.Text; got != strconv.Itoa(len(rows)) {
			t.Errorf("%s: count %s, %d rows", key, got, len(rows))
		}
	}
}

// TestOverviewFollowsTheStore: when the secretariat records the missing
// stuk, the overdue deadline closes and the stuk moves from "ontbreekt" to
// "te laat", because it came in after its day.
func TestOverviewFollowsTheStore(t *testing.T) {
	sh, _ := newTestShell(t)
	o := overviewOf(t, sh)
	st := sh.State
	ctx := context.Background()
	ao := demoMeeting(t, st, "AO Sociaal Domein Oosterschelde", date.MustParse("2026-11-23"))
	full, err := st.Store.Meeting(ctx, ao.ID)
	if err != nil {
		t.Fatal(err)
	}
	var doc *domain.Document
	for i := range full.Items {
		for j := range full.Items[i].Documents {
			if full.Items[i].Documents[j].Title == "Concept woonzorgprogramma" {
				doc = &full.Items[i].Documents[j]
			}
		}
	}
	if doc == nil {
		t.Fatal("the demo's missing stuk is not on the AO's agenda")
	}
	doc.ReceivedAt = testNow.Add(-30 * time.Minute)
	if err := st.Store.SaveDocument(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if err := st.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if _, texts := ovRows(o, secOverdue); len(texts) != 0 {
		t.Errorf("overdue after the stuk came in: %q", texts)
	}
	if row, _ := ovFind(o, secStukken, "te laat", "Concept woonzorgprogramma", "binnen ma 23-11, uiterlijk was ma 16-11"); row == nil {
		_, texts := ovRows(o, secStukken)
		t.Errorf("the late stuk is not shown as te laat: %q", texts)
	}
	if !strings.Contains(strings.Join(scrTexts(o.sections[secOverdue].root), " "), "Niets blijven liggen") {
		t.Error("an empty section does not say so")
	}
}

// TestOverviewFilters: choosing a gemeente or a person in the select boxes
// narrows every section to what concerns them.
func TestOverviewFilters(t *testing.T) {
	sh, _ := newTestShell(t)
	o := overviewOf(t, sh)
	count := func() map[string]int {
		out := map[string]int{}
		for _, key := range o.order {
			rows, _ := ovRows(o, key)
			out[key] = len(rows)
		}
		return out
	}
	all := count()

	o.munSel.SetSelected("Tholen")
	if o.filter.Municipality != demo.Tholen {
		t.Fatalf("filter %+v after choosing Tholen", o.filter)
	}
	tholen := count()
	if tholen[secSoon] >= all[secSoon] || tholen[secChains] >= all[secChains] {
		t.Errorf("Tholen sees as much as everyone: %v vs %v", tholen, all)
	}
	// Only Tholen's own per-gemeente deadlines, and no clash of Walcheren
	// wethouders.
	for _, d := range o.model.Soon {
		if d.MunicipalityID != 0 && d.MunicipalityID != demo.Tholen {
			t.Errorf("Tholen sees %s of gemeente %d", d.Name, d.MunicipalityID)
		}
	}
	if tholen[secConflicts] != 0 {
		t.Errorf("Tholen sees %d conflicts of other gemeenten' wethouders", tholen[secConflicts])
	}
	if _, text := ovFind(o, secChains, "PHO Jeugd Zeeland (do 14-01)"); !strings.Contains(text, "onhaalbaar voor Tholen") || strings.Contains(text, "Vlissingen") {
		t.Errorf("Tholen's view of the Jeugd PHO chain: %q", text)
	}
	// Tholen is not in Orionis Walcheren.
	if row, _ := ovFind(o, secChains, "PHO Werk en Inkomen Walcheren"); row != nil {
		t.Error("Tholen sees the chains of Orionis Walcheren")
	}

	// A wethouder of Vlissingen on top: the clash is theirs.
	o.munSel.SetSelected("Vlissingen")
	var wethouder string
	_, ix := sh.State.Data()
	for _, c := range o.model.Conflicts {
		for _, id := range c.People {
			if p := ix.People[id]; p.MunicipalityID == demo.Vlissingen {
				wethouder = p.Name
			}
		}
	}
	if wethouder == "" {
		t.Fatal("Vlissingen's view has no clash of its wethouder")
	}
	o.perSel.SetSelected(wethouder + " (Vlissingen)")
	if o.filter.Person == 0 {
		t.Fatalf("person %q not chosen", wethouder)
	}
	_, texts := ovRows(o, secConflicts)
	if len(texts) != 1 || !strings.Contains(texts[0], wethouder) || strings.Contains(texts[0], "Middelburg") {
		t.Errorf("the wethouder's clash: %q", texts)
	}
	for _, m := range o.model.ThisWeek {
		if !takesPart(ix, ix.Meetings[m.ID], o.filter.Person) {
			t.Errorf("%s of this week lists meeting %d without them", wethouder, m.ID)
		}
	}

	test.Tap(o.clear)
	if o.filter != (scopeFilter{}) || count()[secSoon] != all[secSoon] {
		t.Errorf("clearing the filter: %+v, %v", o.filter, count())
	}
	if !o.clear.Disabled() {
		t.Error("the clear button stays enabled without a filter")
	}
}

// TestOverviewTilesScroll: a tile brings its section into view.
func TestOverviewTilesScroll(t *testing.T) {
	sh, _ := newTestShell(t)
	o := overviewOf(t, sh)
	sec := o.sections[secConflicts]
	test.Tap(sec.tile)
	if o.scroll.Offset.Y <= 0 || o.scroll.Offset.Y > sec.root.Position().Y {
		t.Errorf("offset %v after tapping the conflicts tile; section at %v", o.scroll.Offset, sec.root.Position())
	}
	if sec.tile.num.Text != "1" {
		t.Errorf("conflicts tile shows %q", sec.tile.num.Text)
	}
}

// TestOpenWork checks what counts as still open for each kind of deadline.
func TestOpenWork(t *testing.T) {
	today := date.MustParse("2026-11-23")
	ahead := today.AddDays(10).At(14, 0, domain.Amsterdam())
	past := today.AddDays(-3).At(14, 0, domain.Amsterdam())
	received := domain.Document{Title: "in", ReceivedAt: past}
	missing := domain.Document{Title: "uit"}
	decided := domain.AgendaItem{Kind: domain.ItemBesluitvorming, Decision: "Conform.", Advice: []domain.Advice{{MunicipalityID: 7, Verdict: domain.VerdictAkkoord}}}
	open := domain.AgendaItem{Kind: domain.ItemBesluitvorming}
	prep := &domain.Meeting{ID: 2, Start: past, Items: []domain.AgendaItem{{Documents: []domain.Document{missing, missing}}}}
	load := func(id int64) (*domain.Meeting, error) { return prep, nil }

	tests := []struct {
		name string
		kind domain.DeadlineKind
		mun  int64
		m    domain.Meeting
		want string
	}{
		{"stukken all in", domain.KindAanleveren, 0, domain.Meeting{Start: ahead, Items: []domain.AgendaItem{{Documents: []domain.Document{received}}}}, ""},
		{"one stuk missing", domain.KindAanleveren, 0, domain.Meeting{Start: ahead, Items: []domain.AgendaItem{{Documents: []domain.Document{received, missing}}}}, "1 stuk ontbreekt"},
		{"missing stuk of a held meeting is history", domain.KindAanleveren, 0, domain.Meeting{Start: past, Items: []domain.AgendaItem{{Documents: []domain.Document{missing}}}}, ""},
		{"concept: the AO's stukken", domain.KindConcept, 0, domain.Meeting{Start: ahead, PreparedByMeetingID: 2}, "2 stukken ontbreken"},
		{"concept without an AO cannot be checked", domain.KindConcept, 0, domain.Meeting{Start: ahead}, ""},
		{"not sent", domain.KindDispatch, 0, domain.Meeting{Start: ahead, Status: domain.StatusGepland}, "agenda en stukken nog niet verzonden"},
		{"sent", domain.KindDispatch, 0, domain.Meeting{Start: ahead, Status: domain.StatusVerzonden}, ""},
		{"advice given", domain.KindAdvies, 7, domain.Meeting{Start: ahead, Items: []domain.AgendaItem{decided}}, ""},
		{"advice missing", domain.KindAdvies, 8, domain.Meeting{Start: ahead, Items: []domain.AgendaItem{decided, open}}, "advies ontbreekt op 2 agendapunten"},
		{"nothing to advise on", domain.KindAdvies, 8, domain.Meeting{Start: ahead, Items: []domain.AgendaItem{{Kind: domain.ItemInformatie}}}, ""},
		{"decisions recorded", domain.KindBesluiten, 0, domain.Meeting{Start: past, Status: domain.StatusGehouden, Items: []domain.AgendaItem{decided}}, ""},
		{"decision missing", domain.KindBesluiten, 0, domain.Meeting{Start: past, Status: domain.StatusGehouden, Items: []domain.AgendaItem{decided, open}}, "besluit op 1 agendapunt nog niet vastgelegd"},
		{"aanmelden cannot be checked", domain.KindAanmelden, 0, domain.Meeting{Start: ahead}, ""},
	}
	for _, tt := range tests {
		dl := domain.Deadline{Kind: tt.kind, MunicipalityID: tt.mun, Due: today.AddDays(-1)}
		if got := openWork(&tt.m, &dl, today, load); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestStukDue: the day the stukken of a meeting are due comes from the
// planner's chain.
func TestStukDue(t *testing.T) {
	st := newTestState(t)
	pl := st.Planner()
	ds, _ := st.Data()
	prepares := preparesIndex(ds)
	pho := demoMeeting(t, st, "PHO Sociaal Domein Oosterschelde", date.MustParse("2026-12-16"))
	ao := demoMeeting(t, st, "AO Sociaal Domein Oosterschelde", date.MustParse("2026-11-23"))
	dls, _ := pl.Deadlines(pho.ID)
	want := map[domain.DeadlineKind]date.Date{}
	for _, d := range dls {
		if d.MunicipalityID == 0 {
			want[d.Kind] = d.Due
		}
	}
	tests := []struct {
		name string
		m    *domain.Meeting
		want date.Date
	}{
		{"a PHO: definitieve stukken aanleveren", pho, want[domain.KindAanleveren]},
		{"its AO: the PHO's conceptstukken", ao, want[domain.KindConcept]},
	}
	for _, tt := range tests {
		if got := stukDue(pl, tt.m, prepares); got != tt.want || got.IsZero() {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}
