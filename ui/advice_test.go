package ui

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/overlegplanner/overlegplanner/domain"
)

func TestAdviceRoundIsSavedPerGemeente(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st := s.sh.State
	it := selectItem(t, a, func(it domain.AgendaItem) bool { return hasStukken(it) && len(it.Advice) == 0 })
	a.tabs.Select(a.adviceTab)
	p := a.advice
	_, ix := st.Data()
	members := ix.MemberMunicipalities(ix.Bodies[pho.BodyID], pho.Date())
	if len(p.rows) != len(members) || len(p.rows) < 2 {
		t.Fatalf("%d rows for %d member gemeenten", len(p.rows), len(members))
	}
	if !p.saveBtn.Disabled() {
		t.Error("save enabled without changes")
	}
	p.rows[0].verdict.SetSelected(domain.VerdictAkkoord.Label())
	p.rows[1].verdict.SetSelected(domain.VerdictKanttekeningen.Label())
	test.Type(p.rows[1].note, "Let op de uitvoeringskosten.")
	if p.saveBtn.Disabled() || !hasText(p.root, "Nog niet opgeslagen.") {
		t.Error("unsaved changes not shown")
	}
	if !hasText(p.root, "2 van ") {
		t.Errorf("summary %q", p.summary.Text)
	}
	test.Tap(p.saveBtn)

	got := storedItem(t, st, pho.ID, it.ID)
	byMun := map[int64]domain.Advice{}
	for _, adv := range got.Advice {
		byMun[adv.MunicipalityID] = adv
	}
	if len(byMun) != 2 {
		t.Fatalf("%d advices stored: %+v", len(byMun), got.Advice)
	}
	a0, a1 := byMun[p.rows[0].mun.ID], byMun[p.rows[1].mun.ID]
	if a0.Verdict != domain.VerdictAkkoord || a0.GivenOn != st.Today() {
		t.Errorf("first advice %+v", a0)
	}
	if a1.Verdict != domain.VerdictKanttekeningen || a1.Note != "Let op de uitvoeringskosten." {
		t.Errorf("second advice %+v", a1)
	}
	if a.adviceTab.Text != "Adviesronde (2 van "+strconv.Itoa(len(members))+")" {
		t.Errorf("tab %q", a.adviceTab.Text)
	}

	// Clearing a gemeente's verdict and note removes its advice.
	p = a.advice
	p.rows[0].verdict.SetSelectedIndex(0)
	test.Tap(p.saveBtn)
	got = storedItem(t, st, pho.ID, it.ID)
	if len(got.Advice) != 1 || got.Advice[0].MunicipalityID != p.rows[1].mun.ID {
		t.Errorf("after clearing: %+v", got.Advice)
	}
}
