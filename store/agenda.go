package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// Agendas that carry over: a body's standing items come from its template,
// the open items of one meeting move to the next in one action, and an
// agenda can be imported whole. Each of these is one transaction: a
// secretariat never finds half an agenda.

// isStanding reports whether items of kind k belong to the frame every
// meeting has (opening, mededelingen, verslag, rondvraag, sluiting) rather
// than to its substance; they come from the body's template and are never
// carried over.
func isStanding(k domain.ItemKind) bool {
	switch k {
	case domain.ItemOpening, domain.ItemMededelingen, domain.ItemVerslag, domain.ItemRondvraag, domain.ItemSluiting:
		return true
	}
	return false
}

// isTrailing reports whether items of kind k close an agenda.
func isTrailing(k domain.ItemKind) bool { return k == domain.ItemRondvraag || k == domain.ItemSluiting }

// sameItem reports whether two items are the same agenda item for
// carrying over and templates: same kind, same title up to case and
// spacing. Importing or carrying over twice then adds nothing twice.
func sameItem(a, b domain.AgendaItem) bool {
	return a.Kind == b.Kind && strings.EqualFold(strings.Join(strings.Fields(a.Title), " "), strings.Join(strings.Fields(b.Title), " "))
}

// IsOpen reports whether agenda item it of meeting m still has to be dealt
// with at a later meeting. An item is open when it is not part of the
// standing frame, has no recorded decision, and either needs a decision
// (ter besluitvorming, hamerstuk) or its meeting was cancelled, in which
// case nothing on it was discussed at all.
func IsOpen(m domain.Meeting, it domain.AgendaItem) bool {
	if isStanding(it.Kind) || strings.TrimSpace(it.Decision) != "" {
		return false
	}
	return it.Kind.NeedsDecision() || m.IsCancelled()
}

// PreviousMeeting returns the meeting of the same body that starts last
// before meeting id, cancelled ones included (their items are the ones
// that most need to carry over), without its agenda. ErrNotFound when
// there is none.
func (s *Store) PreviousMeeting(ctx context.Context, id int64) (domain.Meeting, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+meetingCols+` FROM meeting m
		JOIN meeting cur ON cur.id = ? AND m.body_id = cur.body_id AND m.start_utc < cur.start_utc
		ORDER BY m.start_utc DESC, m.id DESC LIMIT 1`, id)
	ms, err := scanAll(rows, err, scanMeeting)
	if err != nil {
		return domain.Meeting{}, err
	}
	if len(ms) == 0 {
		return domain.Meeting{}, fmt.Errorf("vorige vergadering van %d: %w", id, ErrNotFound)
	}
	return ms[0], nil
}

// ApplyStandingItems adds the standing items of the meeting's body (its
// template) that the agenda lacks: the opening ones (opening, mededelingen,
// verslag) at the top in template order, the closing ones (rondvraag,
// sluiting) at the end. Items already there are kept where they are, so
// applying twice changes nothing. It returns the items added.
func (s *Store) ApplyStandingItems(ctx context.Context, meetingID int64) ([]domain.AgendaItem, error) {
	var added []domain.AgendaItem
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		added, err = applyStandingItems(ctx, tx, meetingID)
		return err
	})
	return added, err
}

func applyStandingItems(ctx context.Context, q querier, meetingID int64) ([]domain.AgendaItem, error) {
	var bodyID int64
	if err := q.QueryRowContext(ctx, "SELECT body_id FROM meeting WHERE id=?", meetingID).Scan(&bodyID); err != nil {
		if err == sql.ErrNoRows {
			return nil, fmt.Errorf("vergadering %d: %w", meetingID, ErrNotFound)
		}
		return nil, err
	}
	rows, err := q.QueryContext(ctx, "SELECT title, kind FROM standing_item WHERE body_id=? ORDER BY position", bodyID)
	tpl, err := scanAll(rows, err, func(r *sql.Rows) (domain.AgendaItem, error) {
		var it domain.AgendaItem
		err := r.Scan(&it.Title, &it.Kind)
		return it, err
	})
	if err != nil {
		return nil, err
	}
	existing, err := items(ctx, q, meetingID)
	if err != nil {
		return nil, err
	}
	find := func(t domain.AgendaItem) *domain.AgendaItem {
		for i := range existing {
			if sameItem(existing[i], t) {
				return &existing[i]
			}
		}
		return nil
	}
	var added []domain.AgendaItem
	cursor := 1 // where the next missing opening item goes
	for _, t := range tpl {
		if isTrailing(t.Kind) {
			continue
		}
		if have := find(t); have != nil {
			cursor = max(cursor, have.Position+1)
			continue
		}
		it := domain.AgendaItem{MeetingID: meetingID, Position: cursor, Title: t.Title, Kind: t.Kind}
		if err := saveItem(ctx, q, &it); err != nil {
			return nil, err
		}
		for i := range existing {
			if existing[i].Position >= cursor {
				existing[i].Position++
			}
		}
		existing = append(existing, it)
		added = append(added, it)
		cursor++
	}
	for _, t := range tpl {
		if !isTrailing(t.Kind) || find(t) != nil {
			continue
		}
		it := domain.AgendaItem{MeetingID: meetingID, Title: t.Title, Kind: t.Kind}
		if err := saveItem(ctx, q, &it); err != nil { // Position 0: at the end
			return nil, err
		}
		existing = append(existing, it)
		added = append(added, it)
	}
	return added, nil
}

// CopyOpenItems copies the open items (see IsOpen) of meeting fromID to
// the agenda of meeting toID, in their order, before its rondvraag and
// sluiting. A copy keeps title, kind, portefeuillehouder, steller,
// confidentiality, proposal, its stukken (new records for the same stored
// files, so nothing is copied on disk) and the gemeenten's advice with
// the date it was given. Items the target already has (same kind and
// title) are skipped, so copying twice adds nothing. It returns the items
// added, with their new IDs.
func (s *Store) CopyOpenItems(ctx context.Context, fromID, toID int64) ([]domain.AgendaItem, error) {
	if fromID == toID {
		return nil, i18n.Errorf(errInvalid, "bundle.carry.same")
	}
	var added []domain.AgendaItem
	err := s.tx(ctx, func(tx *sql.Tx) error {
		from, err := meeting(ctx, tx, fromID)
		if err != nil {
			return err
		}
		to, err := meeting(ctx, tx, toID)
		if err != nil {
			return err
		}
		var open []domain.AgendaItem
		for _, it := range from.Items {
			if !IsOpen(from, it) {
				continue
			}
			dup := false
			for _, have := range to.Items {
				dup = dup || sameItem(have, it)
			}
			if !dup {
				open = append(open, it)
			}
		}
		added, err = insertItems(ctx, tx, toID, open)
		return err
	})
	return added, err
}

// ImportItems adds items to the agenda of meetingID, in their order,
// before its rondvraag and sluiting (closing items themselves go to the
// end). All are validated first and stored in one transaction: one bad
// item and none is added. Items the agenda already has (same kind and
// title, such as the opening and rondvraag of an exported agenda) are
// skipped. Items with Documents or Advice get those too. It returns the
// items added, with their new IDs.
func (s *Store) ImportItems(ctx context.Context, meetingID int64, its []domain.AgendaItem) ([]domain.AgendaItem, error) {
	for i, it := range its {
		if err := it.Validate(); err != nil {
			return nil, fmt.Errorf("agendapunt %d: %w", i+1, err)
		}
	}
	var added []domain.AgendaItem
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM meeting WHERE id=?", meetingID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("vergadering %d: %w", meetingID, ErrNotFound)
		}
		have, err := items(ctx, tx, meetingID)
		if err != nil {
			return err
		}
		fresh, _ := PlanImport(have, its)
		added, err = insertItems(ctx, tx, meetingID, fresh)
		return err
	})
	return added, err
}

// ImportSkip is an item that an import leaves out because the agenda
// already has it.
type ImportSkip struct {
	// Index is the item's place in the list to import.
	Index int
	// Same is the item it repeats: an item of the agenda (with its ID and
	// Position) when Earlier is -1, otherwise the earlier item of the
	// list itself at index Earlier.
	Same    domain.AgendaItem
	Earlier int
}

// PlanImport divides its as ImportItems does for an agenda that holds
// have: the items it adds, in order, and the ones it skips because the
// agenda or an earlier item of the list has the same kind and title (up
// to case and spacing). The app shows this split before the user imports;
// ImportItems uses it, so that the preview and the import cannot differ.
func PlanImport(have, its []domain.AgendaItem) (fresh []domain.AgendaItem, skipped []ImportSkip) {
	kept := make([]int, 0, len(its)) // indexes in its of fresh
	for i, it := range its {
		skip := ImportSkip{Index: i, Earlier: -1}
		dup := false
		for _, h := range have {
			if sameItem(h, it) {
				skip.Same, dup = h, true
				break
			}
		}
		for _, j := range kept {
			if !dup && sameItem(its[j], it) {
				skip.Same, skip.Earlier, dup = its[j], j, true
			}
		}
		if dup {
			skipped = append(skipped, skip)
			continue
		}
		kept = append(kept, i)
		fresh = append(fresh, it)
	}
	return fresh, skipped
}

// insertItems stores copies of its as new items of meetingID, with their
// documents and advice.
func insertItems(ctx context.Context, q querier, meetingID int64, its []domain.AgendaItem) ([]domain.AgendaItem, error) {
	out := make([]domain.AgendaItem, 0, len(its))
	for _, src := range its {
		it := src
		it.ID, it.MeetingID, it.Position = 0, meetingID, 0
		it.Decision, it.Motivation = "", ""
		it.Documents, it.Advice = nil, nil
		if err := saveItem(ctx, q, &it); err != nil {
			return nil, err
		}
		for _, d := range src.Documents {
			d.ID, d.ItemID = 0, it.ID
			if err := saveDocument(ctx, q, &d, true); err != nil {
				return nil, err
			}
			it.Documents = append(it.Documents, d)
		}
		for _, a := range src.Advice {
			a.ItemID = it.ID
			if err := saveAdvice(ctx, q, a); err != nil {
				return nil, err
			}
			it.Advice = append(it.Advice, a)
		}
		out = append(out, it)
	}
	return out, nil
}

// SaveDocuments updates (or, with ID 0, inserts) several document records
// in one transaction: all of them or none.
func (s *Store) SaveDocuments(ctx context.Context, docs []domain.Document) error {
	for _, d := range docs {
		if strings.TrimSpace(d.Title) == "" {
			return invalidTitle()
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for i := range docs {
			if err := saveDocument(ctx, tx, &docs[i], docs[i].ID == 0); err != nil {
				return err
			}
		}
		return nil
	})
}
