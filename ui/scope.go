package ui

import (
	"image/color"
	"sort"
	"strconv"

	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// scopeFilter narrows what the overview and the calendar show to one gemeente
// and/or one person. The rules are those of the deadline overviews that the
// CLI and the PDF make (documents.DeadlineEntries), so that the screen and
// the paper a gemeente receives list the same deadlines.
type scopeFilter struct {
	Municipality int64 // 0: every gemeente
	Person       int64 // 0: everyone
}

// meeting reports whether meeting m is in the scope: for a gemeente, a
// meeting of a partnership it is a member of on the meeting's date; for a
// person, a meeting they take part in (see takesPart).
func (s scopeFilter) meeting(ix *domain.Index, m *domain.Meeting) bool {
	b := ix.Bodies[m.BodyID]
	if b == nil {
		return false
	}
	if s.Municipality != 0 {
		p := ix.Partnerships[b.PartnershipID]
		if p == nil || !p.IsMemberOn(s.Municipality, m.Date()) {
			return false
		}
	}
	return s.Person == 0 || takesPart(ix, m, s.Person)
}

// takesPart reports whether person id takes part in meeting m: a seat in its
// body on the meeting's date, the body's secretary, a seat in the body that
// prepares it (the AO's members prepare the PHO), or a substitute at it.
func takesPart(ix *domain.Index, m *domain.Meeting, id int64) bool {
	b := ix.Bodies[m.BodyID]
	if b == nil {
		return false
	}
	if b.SecretaryID == id {
		return true
	}
	d := m.Date()
	for _, body := range []*domain.Body{b, ix.Bodies[b.PreparedByID]} {
		if body == nil {
			continue
		}
		for _, s := range body.Members {
			if s.PersonID == id && s.ActiveOn(d) {
				return true
			}
		}
	}
	for _, a := range m.Attendance {
		if a.SubstituteID == id {
			return true
		}
	}
	return false
}

// deadlines keeps the deadlines in the scope, as documents.DeadlineEntries
// selects them for a gemeente's or a person's overview. auds chooses the
// audiences; nil takes that overview's defaults (a gemeente sees what its
// ambtenaren and college must do). With neither gemeente nor person set,
// dls is returned as it is.
func (s scopeFilter) deadlines(ix *domain.Index, dls []domain.Deadline, auds []domain.Audience) []domain.Deadline {
	for _, sc := range []struct {
		kind documents.ScopeKind
		id   int64
	}{{documents.ScopeMunicipality, s.Municipality}, {documents.ScopePerson, s.Person}} {
		if sc.id == 0 {
			continue
		}
		es, err := documents.DeadlineEntries(documents.DeadlineOverviewInput{Kind: sc.kind, ID: sc.id, Deadlines: dls, Audiences: auds, Index: ix})
		if err != nil {
			// An unknown gemeente or person (deleted since the filter
			// was chosen) selects nothing rather than everything.
			return nil
		}
		out := make([]domain.Deadline, len(es))
		for i, e := range es {
			out[i] = e.Deadline
		}
		dls = out
	}
	return dls
}

// municipality reports whether gemeente id (0: any) is the scope's.
func (s scopeFilter) municipality(id int64) bool {
	return s.Municipality == 0 || id == s.Municipality
}

// neutralColor is the colour of a partnership without a valid colour of its own.
var neutralColor = color.NRGBA{R: 0x8a, G: 0x8f, B: 0x98, A: 0xff}

// bodyColor returns the colour of the partnership of body id.
func bodyColor(ix *domain.Index, bodyID int64) color.Color {
	if b := ix.Bodies[bodyID]; b != nil {
		if p := ix.Partnerships[b.PartnershipID]; p != nil {
			if c, ok := components.ParseHexColor(p.Color); ok {
				return c
			}
		}
	}
	return neutralColor
}

// selectChoice is an option of a filter select: the text shown and the ID it
// stands for.
type selectChoice struct {
	Label string
	ID    int64
}

// entitySelect is a select box over entities: its first option (ID 0) means
// "all". Fyne's Select works on strings; entitySelect keeps the mapping.
type entitySelect struct {
	*widget.Select
	choices []selectChoice
}

// newEntitySelect returns a select with allLabel first, then choices, calling
// changed with the chosen ID.
func newEntitySelect(allLabel string, choices []selectChoice, changed func(id int64)) *entitySelect {
	s := &entitySelect{}
	s.Select = widget.NewSelect(nil, func(label string) {
		if changed != nil {
			changed(s.ID())
		}
	})
	s.setChoices(allLabel, choices)
	return s
}

// setChoices replaces the options, keeping the selection when it still
// exists and falling back to "all" otherwise, without calling changed.
func (s *entitySelect) setChoices(allLabel string, choices []selectChoice) {
	keep := s.ID()
	s.choices = append([]selectChoice{{Label: allLabel}}, choices...)
	opts := make([]string, len(s.choices))
	sel := 0
	for i, c := range s.choices {
		opts[i] = c.Label
		if c.ID == keep && keep != 0 {
			sel = i
		}
	}
	cb := s.OnChanged
	s.OnChanged = nil
	s.Options = opts
	s.SetSelectedIndex(sel)
	s.OnChanged = cb
	s.Refresh()
}

// ID returns the chosen ID, 0 for "all".
func (s *entitySelect) ID() int64 {
	i := s.SelectedIndex()
	if i < 0 || i >= len(s.choices) {
		return 0
	}
	return s.choices[i].ID
}

// SetID selects the option of id (0: "all"), calling changed.
func (s *entitySelect) SetID(id int64) {
	for i, c := range s.choices {
		if c.ID == id {
			s.SetSelectedIndex(i)
			return
		}
	}
	s.SetSelectedIndex(0)
}

// municipalitySelectChoices lists the gemeenten by name.
func municipalitySelectChoices(ds *domain.Dataset) []selectChoice {
	out := make([]selectChoice, 0, len(ds.Municipalities))
	for _, m := range ds.Municipalities {
		out = append(out, selectChoice{Label: m.Name, ID: m.ID})
	}
	sortSelectChoices(out)
	return out
}

// personSelectChoices lists the people by name, with their gemeente so that a
// secretary picks the right one among namesakes.
func personSelectChoices(ds *domain.Dataset, ix *domain.Index) []selectChoice {
	out := make([]selectChoice, 0, len(ds.People))
	for _, p := range ds.People {
		where := ix.MunicipalityName(p.MunicipalityID)
		if where == "" {
			where = p.Role.Label()
		}
		out = append(out, selectChoice{Label: i18n.T("ui.overview.person.choice", p.Name, where), ID: p.ID})
	}
	sortSelectChoices(out)
	return out
}

func sortSelectChoices(cs []selectChoice) {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Label < cs[j].Label })
}

// shortDayMonth formats d as "wo 25-11": the weekday and day of a date in
// the coming weeks, whose year nobody needs to read.
func shortDayMonth(d date.Date) string {
	_, m, dd := d.Civil()
	return i18n.WeekdayShort(d.Weekday()) + " " + pad2(dd) + "-" + pad2(int(m))
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
