package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/overlegplanner/overlegplanner/domain"
)

// openPHOAgenda shows the first upcoming PHO and returns its agenda editor.
func openPHOAgenda(t *testing.T) (*meetingsScreen, *agendaEditor, domain.Meeting) {
	t.Helper()
	s, _ := newTestMeetings(t)
	pho := upcomingPHO(t, s.sh.State)
	s.open(pho.ID)
	return s, s.detail.agenda, pho
}

// storedItems returns the items of meeting id in their stored order.
func storedItems(t *testing.T, st *State, id int64) []domain.AgendaItem {
	t.Helper()
	m, err := st.Store.Meeting(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m.Items
}

func itemIDs(items []domain.AgendaItem) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

func TestAddAgendaItemWithTheForm(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st := s.sh.State
	test.Tap(a.add)
	f := a.lastItemForm
	if f == nil {
		t.Fatal("no item form")
	}
	test.Type(f.title, "Regionale woonzorgvisie")
	f.kind.SetSelected(domain.ItemBesluitvorming.Label())
	f.ph.SetSelectedIndex(1)
	f.steller.SetSelectedIndex(1)
	test.Tap(f.confidential)
	test.Type(f.proposal, "Instemmen met de visie.")
	test.Tap(f.fd.saveBtn)

	items := storedItems(t, st, pho.ID)
	if len(items) != len(pho.Items)+1 {
		t.Fatalf("%d items, want %d", len(items), len(pho.Items)+1)
	}
	var got *domain.AgendaItem
	for i := range items {
		if items[i].Title == "Regionale woonzorgvisie" {
			got = &items[i]
		}
	}
	if got == nil {
		t.Fatal("item not stored")
	}
	if got.Kind != domain.ItemBesluitvorming || !got.Confidential || got.Proposal != "Instemmen met de visie." ||
		got.PortefeuillehouderID != f.phIDs[0] || got.StellerID != f.stellerIDs[0] {
		t.Errorf("stored %+v", *got)
	}
	// A new item goes before the closing items (rondvraag, sluiting).
	last := items[len(items)-1]
	if last.Kind != domain.ItemSluiting || items[len(items)-2].Kind != domain.ItemRondvraag {
		t.Errorf("closing items not last: %v", items)
	}
	// The portefeuillehouders on offer are bestuurders of member gemeenten.
	_, ix := st.Data()
	for _, id := range f.phIDs {
		if p := ix.People[id]; p.Role != domain.PersonBestuurder {
			t.Errorf("%s offered as portefeuillehouder", p.Name)
		}
	}
	if a.selected() == nil || a.selected().ID != got.ID {
		t.Error("the new item is not selected")
	}
}

func TestAgendaItemNeedsATitle(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	f := a.openItemForm(nil)
	test.Type(f.title, "   ")
	test.Tap(f.fd.saveBtn)
	if !f.errLabel.Visible() || f.errLabel.Text != "titel is verplicht" {
		t.Errorf("message %q", f.errLabel.Text)
	}
	if n := len(storedItems(t, s.sh.State, pho.ID)); n != len(pho.Items) {
		t.Errorf("%d items stored", n)
	}
}

func TestEditAgendaItem(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	a.list.Select(3)
	test.Tap(a.edit)
	f := a.lastItemForm
	if f.title.Text != pho.Items[3].Title {
		t.Fatalf("form shows %q", f.title.Text)
	}
	test.Type(f.decision, "Ingestemd.")
	test.Type(f.motivation, "Past in de regionale agenda.")
	test.Tap(f.fd.saveBtn)
	got := storedItems(t, s.sh.State, pho.ID)[3]
	if got.ID != pho.Items[3].ID || got.Decision != "Ingestemd." || got.Motivation != "Past in de regionale agenda." || got.Title != pho.Items[3].Title {
		t.Errorf("stored %+v", got)
	}
	a.tabs.Select(a.proposalTab)
	if !hasText(a.proposal.root, "Ingestemd.") {
		t.Error("the decision is not shown")
	}
}

func TestReorderAgendaItems(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st := s.sh.State
	ids := itemIDs(pho.Items)
	a.list.Select(3)
	if a.up.Disabled() || a.down.Disabled() {
		t.Fatal("up/down disabled on a middle item")
	}
	test.Tap(a.up)
	want := append([]int64(nil), ids...)
	want[2], want[3] = want[3], want[2]
	if got := itemIDs(storedItems(t, st, pho.ID)); !equalIDs(got, want) {
		t.Fatalf("after up: %v, want %v", got, want)
	}
	if a.selectedIndex() != 2 {
		t.Errorf("selection did not follow the item: %d", a.selectedIndex())
	}
	test.Tap(a.down)
	if got := itemIDs(storedItems(t, st, pho.ID)); !equalIDs(got, ids) {
		t.Fatalf("after down: %v, want %v", got, ids)
	}
	// The first item cannot go up, the last not down.
	a.list.Select(0)
	if !a.up.Disabled() {
		t.Error("up enabled on the first item")
	}
	a.list.Select(len(ids) - 1)
	if !a.down.Disabled() {
		t.Error("down enabled on the last item")
	}

	// Dragging the grip of item 2 down two rows puts it at place 4.
	row := newAgendaItemRow(a)
	row.set(1, a.meeting.Items[1])
	pitch := row.MinSize().Height + theme.Padding()
	row.handle.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DY: pitch}})
	row.handle.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DY: pitch * 1.2}})
	if a.dragHint.Text != "Loslaten verplaatst het punt naar plaats 4" {
		t.Errorf("drag hint %q", a.dragHint.Text)
	}
	row.handle.DragEnd()
	want = []int64{ids[0], ids[2], ids[3], ids[1]}
	want = append(want, ids[4:]...)
	if got := itemIDs(storedItems(t, st, pho.ID)); !equalIDs(got, want) {
		t.Errorf("after drag: %v, want %v", got, want)
	}
	for i, it := range storedItems(t, st, pho.ID) {
		if it.Position != i+1 {
			t.Errorf("item %d has position %d", i, it.Position)
		}
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRemoveAgendaItem(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st := s.sh.State
	var idx int
	for i, it := range pho.Items {
		if len(it.Documents) > 0 {
			idx = i
			break
		}
	}
	a.list.Select(idx)
	test.Tap(a.remove)
	// The question names the stukken that go with the item.
	top := s.sh.Window.Canvas().Overlays().Top()
	if top == nil || !hasText(top, pho.Items[idx].Title) || !hasText(top, "stuk(ken)") {
		t.Fatal("no confirmation naming the item and its stukken")
	}
	test.Tap(findButton(s.sh.Window.Canvas(), "Verwijderen"))
	items := storedItems(t, st, pho.ID)
	if len(items) != len(pho.Items)-1 {
		t.Fatalf("%d items, want %d", len(items), len(pho.Items)-1)
	}
	for i, it := range items {
		if it.ID == pho.Items[idx].ID {
			t.Error("item still stored")
		}
		if it.Position != i+1 {
			t.Errorf("gap in the numbering: %d at %d", it.Position, i)
		}
	}
	if a.selected() != nil {
		t.Error("a removed item is still selected")
	}
}

func TestStandingItemsAndCarryOver(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st := s.sh.State
	// Remove the opening; applying the standing items brings it back.
	a.list.Select(0)
	opening := a.selected().Title
	a.removeItem(a.selected().ID)
	a.applyStanding()
	items := storedItems(t, st, pho.ID)
	if items[0].Title != opening {
		t.Errorf("first item %q, want %q", items[0].Title, opening)
	}
	if top := s.sh.Window.Canvas().Overlays().Top(); top == nil || !hasText(top, "1 vaste agendapunten toegevoegd") {
		t.Error("no message about the added item")
	}
	test.Tap(findButton(s.sh.Window.Canvas(), "OK"))
	a.carryOver()
	if top := s.sh.Window.Canvas().Overlays().Top(); top == nil || !hasText(top, "vergadering van") {
		t.Errorf("no message about carrying over")
	}
}
