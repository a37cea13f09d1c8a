package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

// Every Save method inserts a value with ID 0 (and sets its new ID) or
// updates the row with its ID, together with its child rows, in one
// transaction. It validates first, so what is stored is always valid.

// ---- gemeenten ----

const municipalityCols = "id, name, cbs_code, inhabitants, college_days, college_lead_days, region"

func scanMunicipality(r *sql.Rows) (domain.Municipality, error) {
	var m domain.Municipality
	var days string
	if err := r.Scan(&m.ID, &m.Name, &m.CBSCode, &m.Inhabitants, &days, &m.CollegeLeadDays, &m.Region); err != nil {
		return m, err
	}
	var err error
	m.CollegeDays, err = decWeekdays(days)
	return m, err
}

// Municipalities returns every gemeente, by name.
func (s *Store) Municipalities(ctx context.Context) ([]domain.Municipality, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+municipalityCols+" FROM municipality ORDER BY name")
	return scanAll(rows, err, scanMunicipality)
}

// SaveMunicipality inserts or updates a gemeente.
func (s *Store) SaveMunicipality(ctx context.Context, m *domain.Municipality) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return saveMunicipality(ctx, tx, m, m.ID == 0) })
}

func saveMunicipality(ctx context.Context, q querier, m *domain.Municipality, insert bool) error {
	args := []any{m.Name, m.CBSCode, m.Inhabitants, encWeekdays(m.CollegeDays), m.CollegeLeadDays, m.Region}
	if insert {
		res, err := q.ExecContext(ctx, "INSERT INTO municipality ("+municipalityCols+") VALUES (?,?,?,?,?,?,?)", append([]any{encID(m.ID)}, args...)...)
		if err != nil {
			return uniqueErr(err, m.Name)
		}
		m.ID, err = res.LastInsertId()
		return err
	}
	res, err := q.ExecContext(ctx, "UPDATE municipality SET name=?, cbs_code=?, inhabitants=?, college_days=?, college_lead_days=?, region=? WHERE id=?", append(args, m.ID)...)
	if err != nil {
		return uniqueErr(err, m.Name)
	}
	return checkAffected(res, "gemeente", m.ID)
}

// DeleteMunicipality removes a gemeente. A gemeente that is or was a member
// of a partnership cannot be removed (its history would be lost): end its
// memberships instead.
func (s *Store) DeleteMunicipality(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "municipality", id, "store.err.inuse.municipality")
}

// ---- samenwerkingsverbanden ----

// Partnerships returns every partnership with its memberships, by name.
func (s *Store) Partnerships(ctx context.Context) ([]domain.Partnership, error) {
	return partnerships(ctx, s.db)
}

func partnerships(ctx context.Context, q querier) ([]domain.Partnership, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, name, short_name, policy_domain, legal_form, color FROM partnership ORDER BY name")
	ps, err := scanAll(rows, err, func(r *sql.Rows) (domain.Partnership, error) {
		var p domain.Partnership
		err := r.Scan(&p.ID, &p.Name, &p.ShortName, &p.PolicyDomain, &p.LegalForm, &p.Color)
		return p, err
	})
	if err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, "SELECT partnership_id, municipality_id, from_date, until_date FROM membership ORDER BY partnership_id, from_date, id")
	type mem struct {
		pid int64
		m   domain.Membership
	}
	ms, err := scanAll(rows, err, func(r *sql.Rows) (mem, error) {
		var x mem
		err := r.Scan(&x.pid, &x.m.MunicipalityID, &x.m.From, &x.m.Until)
		return x, err
	})
	if err != nil {
		return nil, err
	}
	byID := map[int64]*domain.Partnership{}
	for i := range ps {
		byID[ps[i].ID] = &ps[i]
	}
	for _, x := range ms {
		if p := byID[x.pid]; p != nil {
			p.Members = append(p.Members, x.m)
		}
	}
	return ps, nil
}

// SavePartnership inserts or updates a partnership and replaces its
// memberships.
func (s *Store) SavePartnership(ctx context.Context, p *domain.Partnership) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return savePartnership(ctx, tx, p, p.ID == 0) })
}

func savePartnership(ctx context.Context, q querier, p *domain.Partnership, insert bool) error {
	args := []any{p.Name, p.ShortName, p.PolicyDomain, p.LegalForm, p.Color}
	if insert {
		res, err := q.ExecContext(ctx, "INSERT INTO partnership (id, name, short_name, policy_domain, legal_form, color) VALUES (?,?,?,?,?,?)", append([]any{encID(p.ID)}, args...)...)
		if err != nil {
			return uniqueErr(err, p.Name)
		}
		if p.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	} else {
		res, err := q.ExecContext(ctx, "UPDATE partnership SET name=?, short_name=?, policy_domain=?, legal_form=?, color=? WHERE id=?", append(args, p.ID)...)
		if err != nil {
			return uniqueErr(err, p.Name)
		}
		if err := checkAffected(res, "samenwerkingsverband", p.ID); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, "DELETE FROM membership WHERE partnership_id=?", p.ID); err != nil {
			return err
		}
	}
	for _, m := range p.Members {
		if _, err := q.ExecContext(ctx, "INSERT INTO membership (partnership_id, municipality_id, from_date, until_date) VALUES (?,?,?,?)",
			p.ID, m.MunicipalityID, m.From, m.Until); err != nil {
			return fmt.Errorf("lidmaatschap gemeente %d: %w", m.MunicipalityID, err)
		}
	}
	return nil
}

// DeletePartnership removes a partnership with its memberships; one that
// still has bodies cannot be removed.
func (s *Store) DeletePartnership(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "partnership", id, "store.err.inuse.partnership")
}

// ---- mensen ----

const personCols = "id, name, email, phone, municipality_id, role, function"

// People returns every person, by name.
func (s *Store) People(ctx context.Context) ([]domain.Person, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+personCols+" FROM person ORDER BY name, id")
	return scanAll(rows, err, func(r *sql.Rows) (domain.Person, error) {
		var p domain.Person
		err := r.Scan(&p.ID, &p.Name, &p.Email, &p.Phone, idCol{&p.MunicipalityID}, &p.Role, &p.Function)
		return p, err
	})
}

// SavePerson inserts or updates a person.
func (s *Store) SavePerson(ctx context.Context, p *domain.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return savePerson(ctx, tx, p, p.ID == 0) })
}

func savePerson(ctx context.Context, q querier, p *domain.Person, insert bool) error {
	args := []any{p.Name, p.Email, p.Phone, encID(p.MunicipalityID), p.Role, p.Function}
	if insert {
		res, err := q.ExecContext(ctx, "INSERT INTO person ("+personCols+") VALUES (?,?,?,?,?,?,?)", append([]any{encID(p.ID)}, args...)...)
		if err != nil {
			return err
		}
		p.ID, err = res.LastInsertId()
		return err
	}
	res, err := q.ExecContext(ctx, "UPDATE person SET name=?, email=?, phone=?, municipality_id=?, role=?, function=? WHERE id=?", append(args, p.ID)...)
	if err != nil {
		return err
	}
	return checkAffected(res, "persoon", p.ID)
}

// DeletePerson removes a person; their seats and answers go with them, and
// items that named them as portefeuillehouder or steller keep the item.
func (s *Store) DeletePerson(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "person", id, "store.err.inuse.person")
}

// ---- gremia ----

const bodyCols = "id, partnership_id, kind, name, prepared_by_id, start_minute, duration, location, rhythm_kind, rhythm_interval, rhythm_weekday, rhythm_nth, rhythm_start, tight_days, secretary_id"

// Bodies returns every body with its members, chain template and standing
// items, by name.
func (s *Store) Bodies(ctx context.Context) ([]domain.Body, error) {
	return bodies(ctx, s.db)
}

func bodies(ctx context.Context, q querier) ([]domain.Body, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+bodyCols+" FROM body ORDER BY name, id")
	bs, err := scanAll(rows, err, func(r *sql.Rows) (domain.Body, error) {
		var b domain.Body
		var wd int
		err := r.Scan(&b.ID, &b.PartnershipID, &b.Kind, &b.Name, idCol{&b.PreparedByID}, &b.StartMinute, &b.Duration, &b.Location,
			&b.Rhythm.Kind, &b.Rhythm.Interval, &wd, &b.Rhythm.Nth, &b.Rhythm.Start, &b.TightDays, idCol{&b.SecretaryID})
		b.Rhythm.Weekday = time.Weekday(wd)
		return b, err
	})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*domain.Body, len(bs))
	for i := range bs {
		byID[bs[i].ID] = &bs[i]
	}
	rows, err = q.QueryContext(ctx, "SELECT body_id, person_id, role, from_date, until_date FROM body_member ORDER BY body_id, id")
	if err := eachRow(rows, err, func(r *sql.Rows) error {
		var id int64
		var m domain.BodyMember
		if err := r.Scan(&id, &m.PersonID, &m.Role, &m.From, &m.Until); err != nil {
			return err
		}
		if b := byID[id]; b != nil {
			b.Members = append(b.Members, m)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, "SELECT body_id, key, name, kind, audience, anchor, anchor_rule, offset_days, unit, per_municipality, use_lead_time, roll FROM deadline_rule ORDER BY body_id, position")
	if err := eachRow(rows, err, func(r *sql.Rows) error {
		var id int64
		var x domain.DeadlineRule
		if err := r.Scan(&id, &x.Key, &x.Name, &x.Kind, &x.Audience, &x.Anchor, &x.AnchorRule, &x.Offset, &x.Unit, &x.PerMunicipality, &x.UseLeadTime, &x.Roll); err != nil {
			return err
		}
		if b := byID[id]; b != nil {
			b.Chain = append(b.Chain, x)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, "SELECT body_id, title, kind FROM standing_item ORDER BY body_id, position")
	if err := eachRow(rows, err, func(r *sql.Rows) error {
		var id int64
		var x domain.StandingItem
		if err := r.Scan(&id, &x.Title, &x.Kind); err != nil {
			return err
		}
		if b := byID[id]; b != nil {
			b.StandingItems = append(b.StandingItems, x)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return bs, nil
}

// SaveBody inserts or updates a body and replaces its members, chain
// template and standing items.
func (s *Store) SaveBody(ctx context.Context, b *domain.Body) error {
	if err := b.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return saveBody(ctx, tx, b, b.ID == 0) })
}

func saveBody(ctx context.Context, q querier, b *domain.Body, insert bool) error {
	args := []any{b.PartnershipID, b.Kind, b.Name, encID(b.PreparedByID), b.StartMinute, b.Duration, b.Location,
		b.Rhythm.Kind, b.Rhythm.Interval, int(b.Rhythm.Weekday), b.Rhythm.Nth, b.Rhythm.Start, b.TightDays, encID(b.SecretaryID)}
	if insert {
		res, err := q.ExecContext(ctx, "INSERT INTO body ("+bodyCols+") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", append([]any{encID(b.ID)}, args...)...)
		if err != nil {
			return err
		}
		if b.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	} else {
		res, err := q.ExecContext(ctx, `UPDATE body SET partnership_id=?, kind=?, name=?, prepared_by_id=?, start_minute=?, duration=?, location=?,
			rhythm_kind=?, rhythm_interval=?, rhythm_weekday=?, rhythm_nth=?, rhythm_start=?, tight_days=?, secretary_id=? WHERE id=?`, append(args, b.ID)...)
		if err != nil {
			return err
		}
		if err := checkAffected(res, "overleg", b.ID); err != nil {
			return err
		}
		for _, t := range []string{"body_member", "deadline_rule", "standing_item"} {
			if _, err := q.ExecContext(ctx, "DELETE FROM "+t+" WHERE body_id=?", b.ID); err != nil {
				return err
			}
		}
	}
	for _, m := range b.Members {
		if _, err := q.ExecContext(ctx, "INSERT INTO body_member (body_id, person_id, role, from_date, until_date) VALUES (?,?,?,?,?)",
			b.ID, m.PersonID, m.Role, m.From, m.Until); err != nil {
			return fmt.Errorf("lid %d: %w", m.PersonID, err)
		}
	}
	for i, x := range b.Chain {
		if _, err := q.ExecContext(ctx, `INSERT INTO deadline_rule (body_id, position, key, name, kind, audience, anchor, anchor_rule, offset_days, unit, per_municipality, use_lead_time, roll)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`, b.ID, i+1, x.Key, x.Name, x.Kind, x.Audience, x.Anchor, x.AnchorRule, x.Offset, x.Unit,
			boolInt(x.PerMunicipality), boolInt(x.UseLeadTime), x.Roll); err != nil {
			return fmt.Errorf("deadlineregel %s: %w", x.Key, err)
		}
	}
	for i, x := range b.StandingItems {
		if _, err := q.ExecContext(ctx, "INSERT INTO standing_item (body_id, position, title, kind) VALUES (?,?,?,?)", b.ID, i+1, x.Title, x.Kind); err != nil {
			return err
		}
	}
	return nil
}

// DeleteBody removes a body; one that still has meetings cannot be removed.
func (s *Store) DeleteBody(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "body", id, "store.err.inuse.body")
}

// ---- shared ----

func eachRow(rows *sql.Rows, err error, fn func(*sql.Rows) error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// deleteRow deletes one row, turning a foreign-key refusal into a Dutch
// message (inUseKey) and a missing row into ErrNotFound.
func (s *Store) deleteRow(ctx context.Context, table string, id int64, inUseKey string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE id=?", id)
		if err != nil {
			if isConstraint(err) {
				return inUse(err, inUseKey)
			}
			return err
		}
		return checkAffected(res, table, id)
	})
}
