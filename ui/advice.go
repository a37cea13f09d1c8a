package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// advicePane is the adviesronde of the selected agenda item: one row per
// gemeente that is a member of the partnership on the meeting's date, with
// its verdict (akkoord, akkoord met kanttekeningen, niet akkoord) and note.
// Rows are edited in place and saved together; a summary says how far the
// round is.
type advicePane struct {
	a       *agendaEditor
	item    *domain.AgendaItem
	members []*domain.Municipality
	rows    []*adviceRow

	summary *widget.Label
	box     *fyne.Container
	saveBtn *widget.Button
	root    fyne.CanvasObject
}

// adviceRow is the advice of one gemeente as shown and edited.
type adviceRow struct {
	mun     *domain.Municipality
	orig    domain.Advice
	verdict *widget.Select
	note    *formEntry
	given   *widget.Label
}

func newAdvicePane(a *agendaEditor) *advicePane {
	p := &advicePane{a: a}
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.box = container.NewVBox()
	p.saveBtn = widget.NewButtonWithIcon(i18n.T("ui.advice.save"), theme.DocumentSaveIcon(), func() { p.save() })
	p.saveBtn.Importance = widget.HighImportance
	p.root = container.NewBorder(container.NewBorder(nil, nil, nil, p.saveBtn, p.summary), nil, nil, nil, container.NewVScroll(p.box))
	return p
}

// verdictOptions are the choices of a row, "no advice yet" first.
func verdictOptions() ([]domain.Verdict, []string) {
	vs := append([]domain.Verdict{domain.VerdictNone}, domain.Verdicts()...)
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.Label()
	}
	return vs, names
}

// setItem shows the advice on it (nil: none).
func (p *advicePane) setItem(it *domain.AgendaItem) {
	p.item = it
	p.members, p.rows = nil, nil
	p.box.Objects = nil
	if it == nil {
		p.box.Refresh()
		return
	}
	_, ix := p.a.s.sh.State.Data()
	if b := ix.Bodies[p.a.meeting.BodyID]; b != nil {
		p.members = ix.MemberMunicipalities(b, p.a.meeting.Date())
	}
	given := map[int64]domain.Advice{}
	for _, adv := range it.Advice {
		given[adv.MunicipalityID] = adv
	}
	// A gemeente that gave advice but is no longer a member keeps its row:
	// what it said is part of the record.
	listed := map[int64]bool{}
	for _, m := range p.members {
		listed[m.ID] = true
	}
	for _, adv := range it.Advice {
		if m := ix.Municipalities[adv.MunicipalityID]; m != nil && !listed[m.ID] {
			p.members = append(p.members, m)
			listed[m.ID] = true
		}
	}
	vs, names := verdictOptions()
	for _, m := range p.members {
		r := &adviceRow{mun: m, orig: given[m.ID]}
		r.orig.ItemID, r.orig.MunicipalityID = it.ID, m.ID
		r.verdict = widget.NewSelect(names, func(string) { p.updateSummary() })
		for i, v := range vs {
			if v == r.orig.Verdict {
				r.verdict.SetSelectedIndex(i)
			}
		}
		r.note = newFormEntry(func() { p.save() })
		r.note.SetPlaceHolder(i18n.T("ui.advice.notehint"))
		r.note.SetText(r.orig.Note)
		r.note.OnChanged = func(string) { p.updateSummary() }
		r.given = widget.NewLabel("")
		r.given.SizeName = theme.SizeNameCaptionText
		if !r.orig.GivenOn.IsZero() {
			r.given.SetText(i18n.ShortDate(r.orig.GivenOn))
		}
		name := widget.NewLabelWithStyle(m.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		row := container.NewBorder(nil, nil,
			container.NewGridWrap(fyne.NewSize(150, r.verdict.MinSize().Height), name),
			container.NewHBox(container.NewGridWrap(fyne.NewSize(220, r.verdict.MinSize().Height), r.verdict),
				container.NewGridWrap(fyne.NewSize(90, r.verdict.MinSize().Height), r.given)),
			r.note)
		p.rows = append(p.rows, r)
		p.box.Add(row)
	}
	p.box.Refresh()
	p.updateSummary()
}

// value is the advice the row shows now.
func (r *adviceRow) value() domain.Advice {
	a := r.orig
	vs, _ := verdictOptions()
	if i := r.verdict.SelectedIndex(); i >= 0 {
		a.Verdict = vs[i]
	}
	a.Note = strings.TrimSpace(r.note.Text)
	return a
}

func (r *adviceRow) changed() bool {
	v := r.value()
	return v.Verdict != r.orig.Verdict || v.Note != r.orig.Note
}

// updateSummary counts the verdicts as shown and enables saving when
// something changed.
func (p *advicePane) updateSummary() {
	counts := map[domain.Verdict]int{}
	dirty := false
	for _, r := range p.rows {
		counts[r.value().Verdict]++
		dirty = dirty || r.changed()
	}
	given := len(p.rows) - counts[domain.VerdictNone]
	text := i18n.T("ui.advice.summary", given, len(p.rows),
		counts[domain.VerdictAkkoord], counts[domain.VerdictKanttekeningen], counts[domain.VerdictNietAkkoord])
	if len(p.rows) == 0 {
		text = i18n.T("ui.advice.nomembers")
	}
	if dirty {
		text += " " + i18n.T("ui.advice.unsaved")
	}
	p.summary.SetText(text)
	meetingSetEnabled(p.saveBtn, dirty)
}

// save stores the rows that changed. A verdict given or changed today is
// dated today; clearing both verdict and note removes the advice.
func (p *advicePane) save() {
	if p.item == nil {
		return
	}
	st := p.a.s.sh.State
	ctx := context.Background()
	saved := 0
	for _, r := range p.rows {
		if !r.changed() {
			continue
		}
		a := r.value()
		if a.Verdict != r.orig.Verdict || a.GivenOn.IsZero() {
			a.GivenOn = st.Today()
		}
		if err := st.Store.SaveAdvice(ctx, a); err != nil {
			// Nothing is redrawn: every row keeps what was typed, and
			// saving again stores the rows that were already saved once
			// more, which changes nothing.
			ShowError(p.a.s.sh.Window, err)
			return
		}
		saved++
	}
	if saved > 0 {
		p.a.reloadAndSelect(p.item.ID)
	}
}
