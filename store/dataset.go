package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// IsEmpty reports whether the database holds no gemeenten, partnerships,
// people or meetings (a fresh file, ready for the demo region or an import).
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM municipality) + (SELECT count(*) FROM partnership)
		+ (SELECT count(*) FROM person) + (SELECT count(*) FROM meeting)`).Scan(&n)
	return n == 0, err
}

// Dataset loads everything the planning engine needs, in one read
// transaction so that it is a consistent snapshot: the organisation, every
// meeting (with attendance, without agenda), the calendar and the settings.
func (s *Store) Dataset(ctx context.Context) (*domain.Dataset, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, s.classify(err)
	}
	defer tx.Rollback()
	ds := &domain.Dataset{}
	rows, err := tx.QueryContext(ctx, "SELECT "+municipalityCols+" FROM municipality ORDER BY name")
	if ds.Municipalities, err = scanAll(rows, err, scanMunicipality); err != nil {
		return nil, fmt.Errorf("gemeenten: %w", err)
	}
	if ds.Partnerships, err = partnerships(ctx, tx); err != nil {
		return nil, fmt.Errorf("samenwerkingsverbanden: %w", err)
	}
	rows, err = tx.QueryContext(ctx, "SELECT "+personCols+" FROM person ORDER BY name, id")
	if ds.People, err = scanAll(rows, err, func(r *sql.Rows) (domain.Person, error) {
		var p domain.Person
		err := r.Scan(&p.ID, &p.Name, &p.Email, &p.Phone, idCol{&p.MunicipalityID}, &p.Role, &p.Function)
		return p, err
	}); err != nil {
		return nil, fmt.Errorf("mensen: %w", err)
	}
	if ds.Bodies, err = bodies(ctx, tx); err != nil {
		return nil, fmt.Errorf("overleggen: %w", err)
	}
	if ds.Meetings, err = meetings(ctx, tx, MeetingFilter{WithCancelled: true}); err != nil {
		return nil, fmt.Errorf("vergaderingen: %w", err)
	}
	rows, err = tx.QueryContext(ctx, "SELECT id, municipality_id, day, name FROM closed_day ORDER BY day, id")
	if ds.ClosedDays, err = scanAll(rows, err, func(r *sql.Rows) (domain.ClosedDay, error) {
		var c domain.ClosedDay
		err := r.Scan(&c.ID, idCol{&c.MunicipalityID}, &c.Date, &c.Name)
		return c, err
	}); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, "SELECT id, name, from_date, to_date, partnership_id FROM recess ORDER BY from_date, id")
	if ds.Recesses, err = scanAll(rows, err, func(r *sql.Rows) (domain.Recess, error) {
		var x domain.Recess
		err := r.Scan(&x.ID, &x.Name, &x.From, &x.To, idCol{&x.PartnershipID})
		return x, err
	}); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, "SELECT id, region, name, from_date, to_date FROM school_holiday ORDER BY from_date, region, id")
	if ds.SchoolHolidays, err = scanAll(rows, err, func(r *sql.Rows) (domain.SchoolHoliday, error) {
		var x domain.SchoolHoliday
		err := r.Scan(&x.ID, &x.Region, &x.Name, &x.From, &x.To)
		return x, err
	}); err != nil {
		return nil, err
	}
	if ds.Settings, err = settings(ctx, tx); err != nil {
		return nil, err
	}
	return ds, nil
}

// Import writes a whole dataset into an empty database in one transaction,
// keeping its IDs (references inside the dataset stay valid). Meetings are
// written with their agenda items, documents, advice and actions.
func (s *Store) Import(ctx context.Context, ds *domain.Dataset) error {
	empty, err := s.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return i18n.Errorf(ErrNotEmpty, "store.err.notempty", s.path)
	}
	if err := validateDataset(ds); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return importDataset(ctx, tx, ds) })
}

func validateDataset(ds *domain.Dataset) error {
	for _, m := range ds.Municipalities {
		if err := m.Validate(); err != nil {
			return fmt.Errorf("gemeente %s: %w", m.Name, err)
		}
	}
	for _, p := range ds.Partnerships {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("samenwerkingsverband %s: %w", p.Name, err)
		}
	}
	for _, p := range ds.People {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("persoon %s: %w", p.Name, err)
		}
	}
	for _, b := range ds.Bodies {
		if err := b.Validate(); err != nil {
			return fmt.Errorf("overleg %s: %w", b.Name, err)
		}
	}
	for _, m := range ds.Meetings {
		if err := m.Validate(); err != nil {
			return fmt.Errorf("vergadering %d: %w", m.ID, err)
		}
		for _, it := range m.Items {
			if err := it.Validate(); err != nil {
				return fmt.Errorf("vergadering %d, agendapunt %q: %w", m.ID, it.Title, err)
			}
		}
	}
	return ds.Settings.Validate()
}

func importDataset(ctx context.Context, q querier, ds *domain.Dataset) error {
	for i := range ds.Municipalities {
		if err := saveMunicipality(ctx, q, &ds.Municipalities[i], true); err != nil {
			return err
		}
	}
	for i := range ds.Partnerships {
		if err := savePartnership(ctx, q, &ds.Partnerships[i], true); err != nil {
			return err
		}
	}
	for i := range ds.People {
		if err := savePerson(ctx, q, &ds.People[i], true); err != nil {
			return err
		}
	}
	// Bodies and meetings refer to each other (AO prepares PHO): insert
	// first, link second, so the order within the dataset does not matter.
	for i := range ds.Bodies {
		b := ds.Bodies[i]
		b.PreparedByID = 0
		if err := saveBody(ctx, q, &b, true); err != nil {
			return err
		}
		ds.Bodies[i].ID = b.ID
	}
	for _, b := range ds.Bodies {
		if b.PreparedByID != 0 {
			if _, err := q.ExecContext(ctx, "UPDATE body SET prepared_by_id=? WHERE id=?", b.PreparedByID, b.ID); err != nil {
				return err
			}
		}
	}
	for i := range ds.Meetings {
		m := &ds.Meetings[i]
		if m.UID == "" {
			m.UID = NewUID()
		}
		prep := m.PreparedByMeetingID
		m.PreparedByMeetingID = 0
		err := insertMeeting(ctx, q, m)
		m.PreparedByMeetingID = prep
		if err != nil {
			return err
		}
		if err := insertAttendance(ctx, q, m); err != nil {
			return err
		}
		for j := range m.Items {
			it := &m.Items[j]
			it.MeetingID = m.ID
			if it.Position == 0 {
				it.Position = j + 1
			}
			if err := insertItem(ctx, q, it); err != nil {
				return err
			}
			for k := range it.Documents {
				it.Documents[k].ItemID = it.ID
				if err := saveDocument(ctx, q, &it.Documents[k], true); err != nil {
					return err
				}
			}
			for k := range it.Advice {
				it.Advice[k].ItemID = it.ID
				if err := saveAdvice(ctx, q, it.Advice[k]); err != nil {
					return err
				}
			}
		}
		for k := range m.Actions {
			m.Actions[k].MeetingID = m.ID
			if err := saveAction(ctx, q, &m.Actions[k], true); err != nil {
				return err
			}
		}
	}
	for _, m := range ds.Meetings {
		if m.PreparedByMeetingID != 0 {
			if _, err := q.ExecContext(ctx, "UPDATE meeting SET prepared_by_meeting_id=? WHERE id=?", m.PreparedByMeetingID, m.ID); err != nil {
				return err
			}
		}
	}
	for i := range ds.ClosedDays {
		if err := saveClosedDay(ctx, q, &ds.ClosedDays[i], true); err != nil {
			return err
		}
	}
	for i := range ds.Recesses {
		if err := saveRecess(ctx, q, &ds.Recesses[i], true); err != nil {
			return err
		}
	}
	for i := range ds.SchoolHolidays {
		if err := saveSchoolHoliday(ctx, q, &ds.SchoolHolidays[i], true); err != nil {
			return err
		}
	}
	return saveSettings(ctx, q, ds.Settings)
}
