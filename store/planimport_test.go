package store

import (
	"context"
	"reflect"
	"testing"

	"github.com/overlegplanner/overlegplanner/domain"
)

func TestPlanImport(t *testing.T) {
	have := []domain.AgendaItem{
		{ID: 10, Position: 1, Title: "Opening", Kind: domain.ItemOpening},
		{ID: 11, Position: 2, Title: "Regiovisie Jeugd", Kind: domain.ItemBesluitvorming},
		{ID: 12, Position: 3, Title: "Rondvraag", Kind: domain.ItemRondvraag},
	}
	item := func(title string, k domain.ItemKind) domain.AgendaItem {
		return domain.AgendaItem{Title: title, Kind: k}
	}
	tests := []struct {
		name  string
		its   []domain.AgendaItem
		fresh []string
		// skipped: index in its → ID of the agenda item it repeats, or
		// -(1+earlier index) when it repeats an item of the list.
		skipped map[int]int64
	}{
		{"nothing to import", nil, nil, map[int]int64{}},
		{"all new", []domain.AgendaItem{item("Inkoop", domain.ItemBespreking), item("Begroting", domain.ItemHamerstuk)},
			[]string{"Inkoop", "Begroting"}, map[int]int64{}},
		{"case and spacing do not make an item new",
			[]domain.AgendaItem{item("  opening ", domain.ItemOpening), item("Regiovisie   JEUGD", domain.ItemBesluitvorming), item("Inkoop", domain.ItemBespreking)},
			[]string{"Inkoop"}, map[int]int64{0: 10, 1: 11}},
		{"the same title of another kind is another item",
			[]domain.AgendaItem{item("Regiovisie Jeugd", domain.ItemInformatie)}, []string{"Regiovisie Jeugd"}, map[int]int64{}},
		{"twice in the list: the second is skipped",
			[]domain.AgendaItem{item("Inkoop", domain.ItemBespreking), item("Begroting", domain.ItemHamerstuk), item("inkoop", domain.ItemBespreking)},
			[]string{"Inkoop", "Begroting"}, map[int]int64{2: -1}},
		{"the agenda goes before the list",
			[]domain.AgendaItem{item("Rondvraag", domain.ItemRondvraag), item("Rondvraag", domain.ItemRondvraag)},
			nil, map[int]int64{0: 12, 1: 12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fresh, skipped := PlanImport(have, tt.its)
			var titles []string
			for _, it := range fresh {
				titles = append(titles, it.Title)
			}
			if !reflect.DeepEqual(titles, tt.fresh) {
				t.Errorf("fresh %v, want %v", titles, tt.fresh)
			}
			got := map[int]int64{}
			for _, s := range skipped {
				if s.Earlier >= 0 {
					got[s.Index] = -int64(1 + s.Earlier)
					if !sameItem(s.Same, tt.its[s.Earlier]) {
						t.Errorf("skip %d: Same %q is not item %d", s.Index, s.Same.Title, s.Earlier)
					}
				} else {
					got[s.Index] = s.Same.ID
				}
			}
			if !reflect.DeepEqual(got, tt.skipped) {
				t.Errorf("skipped %v, want %v", got, tt.skipped)
			}
			if len(fresh)+len(skipped) != len(tt.its) {
				t.Errorf("%d fresh + %d skipped for %d items", len(fresh), len(skipped), len(tt.its))
			}
		})
	}
}

// TestImportItemsFollowsPlanImport imports what PlanImport promises: the
// agenda gains exactly the fresh items.
func TestImportItemsFollowsPlanImport(t *testing.T) {
	s := agendaStore(t, domain.StatusGehouden)
	ctx := context.Background()
	m, err := s.Meeting(ctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	its := []domain.AgendaItem{{Title: m.Items[1].Title, Kind: m.Items[1].Kind}, {Title: "Nieuw", Kind: domain.ItemInformatie},
		{Title: "NIEUW", Kind: domain.ItemInformatie}}
	fresh, skipped := PlanImport(m.Items, its)
	added, err := s.ImportItems(ctx, 3, its)
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != len(fresh) || len(added) != 1 || added[0].Title != "Nieuw" || len(skipped) != 2 {
		t.Errorf("added %+v, planned %+v and %d skipped", added, fresh, len(skipped))
	}
}
