package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

// MeetingFilter selects meetings for Meetings. Zero fields select all.
type MeetingFilter struct {
	From, To      time.Time // meetings starting in [From, To)
	BodyID        int64
	PartnershipID int64
	WithCancelled bool // include cancelled meetings
}

const meetingCols = "m.id, m.body_id, m.start_utc, m.end_utc, m.location, m.online_url, m.status, m.uid, m.sequence, m.prepared_by_meeting_id, m.note"

func scanMeeting(r *sql.Rows) (domain.Meeting, error) {
	var m domain.Meeting
	err := r.Scan(&m.ID, &m.BodyID, timeCol{&m.Start}, timeCol{&m.End}, &m.Location, &m.OnlineURL, &m.Status, &m.UID,
		&m.Sequence, idCol{&m.PreparedByMeetingID}, &m.Note)
	return m, err
}

// Meetings returns the meetings that match f, by start time, with their
// attendance but without agenda (use Meeting for that).
func (s *Store) Meetings(ctx context.Context, f MeetingFilter) ([]domain.Meeting, error) {
	return meetings(ctx, s.db, f)
}

func meetings(ctx context.Context, q querier, f MeetingFilter) ([]domain.Meeting, error) {
	var where []string
	var args []any
	if !f.From.IsZero() {
		where = append(where, "m.start_utc >= ?")
		args = append(args, encTime(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "m.start_utc < ?")
		args = append(args, encTime(f.To))
	}
	if f.BodyID != 0 {
		where = append(where, "m.body_id = ?")
		args = append(args, f.BodyID)
	}
	if f.PartnershipID != 0 {
		where = append(where, "m.body_id IN (SELECT id FROM body WHERE partnership_id = ?)")
		args = append(args, f.PartnershipID)
	}
	if !f.WithCancelled {
		where = append(where, "m.status <> 'geannuleerd'")
	}
	query := "SELECT " + meetingCols + " FROM meeting m"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY m.start_utc, m.id"
	rows, err := q.QueryContext(ctx, query, args...)
	ms, err := scanAll(rows, err, scanMeeting)
	if err != nil {
		return nil, err
	}
	if err := attachAttendance(ctx, q, ms); err != nil {
		return nil, err
	}
	return ms, nil
}

func attachAttendance(ctx context.Context, q querier, ms []domain.Meeting) error {
	if len(ms) == 0 {
		return nil
	}
	byID := make(map[int64]*domain.Meeting, len(ms))
	for i := range ms {
		byID[ms[i].ID] = &ms[i]
	}
	rows, err := q.QueryContext(ctx, "SELECT meeting_id, person_id, status, substitute_id, note FROM attendance ORDER BY meeting_id, person_id")
	return eachRow(rows, err, func(r *sql.Rows) error {
		var id int64
		var a domain.Attendance
		if err := r.Scan(&id, &a.PersonID, &a.Status, idCol{&a.SubstituteID}, &a.Note); err != nil {
			return err
		}
		if m := byID[id]; m != nil {
			m.Attendance = append(m.Attendance, a)
		}
		return nil
	})
}

// Meeting returns one meeting with attendance, agenda items (with their
// documents and advice) and action items.
func (s *Store) Meeting(ctx context.Context, id int64) (domain.Meeting, error) {
	return meeting(ctx, s.db, id)
}

func meeting(ctx context.Context, q querier, id int64) (domain.Meeting, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+meetingCols+" FROM meeting m WHERE m.id = ?", id)
	ms, err := scanAll(rows, err, scanMeeting)
	if err != nil {
		return domain.Meeting{}, err
	}
	if len(ms) == 0 {
		return domain.Meeting{}, fmt.Errorf("vergadering %d: %w", id, ErrNotFound)
	}
	m := ms[0]
	rows, err = q.QueryContext(ctx, "SELECT person_id, status, substitute_id, note FROM attendance WHERE meeting_id=? ORDER BY person_id", id)
	m.Attendance, err = scanAll(rows, err, func(r *sql.Rows) (domain.Attendance, error) {
		var a domain.Attendance
		err := r.Scan(&a.PersonID, &a.Status, idCol{&a.SubstituteID}, &a.Note)
		return a, err
	})
	if err != nil {
		return m, err
	}
	if m.Items, err = items(ctx, q, id); err != nil {
		return m, err
	}
	rows, err = q.QueryContext(ctx, "SELECT id, meeting_id, item_id, description, owner_id, due, done FROM action_item WHERE meeting_id=? ORDER BY id", id)
	m.Actions, err = scanAll(rows, err, scanAction)
	return m, err
}

// NewUID returns a fresh iCalendar UID: random, so that two databases never
// hand out the same one, with our domain for readability.
func NewUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return hex.EncodeToString(b) + "@overlegplanner"
}

// SaveMeeting inserts or updates a meeting's own fields and attendance.
// A new meeting gets a UID and its body's standing agenda items. An update that changes time, place or status
// raises the sequence (domain.NeedsNewSequence); otherwise the stored
// sequence is kept, whatever m holds. Agenda items are saved separately.
func (s *Store) SaveMeeting(ctx context.Context, m *domain.Meeting) error {
	if m.ID == 0 && m.Status == "" {
		m.Status = domain.StatusGepland
	}
	if err := m.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return saveMeeting(ctx, tx, m) })
}

// SaveMeetings saves several meetings in one transaction (applying a
// series): all of them or none.
func (s *Store) SaveMeetings(ctx context.Context, ms []domain.Meeting) error {
	for i := range ms {
		if ms[i].ID == 0 && ms[i].Status == "" {
			ms[i].Status = domain.StatusGepland
		}
		if err := ms[i].Validate(); err != nil {
			return fmt.Errorf("%s: %w", ms[i].Start.In(domain.Amsterdam()).Format("2006-01-02"), err)
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for i := range ms {
			if err := saveMeeting(ctx, tx, &ms[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

func saveMeeting(ctx context.Context, q querier, m *domain.Meeting) error {
	if m.ID == 0 {
		if m.UID == "" {
			m.UID = NewUID()
		}
		if err := insertMeeting(ctx, q, m); err != nil {
			return err
		}
		// A new meeting starts with its body's standing items (opening,
		// mededelingen, …, rondvraag, sluiting), whoever creates it.
		if _, err := applyStandingItems(ctx, q, m.ID); err != nil {
			return err
		}
	} else {
		rows, err := q.QueryContext(ctx, "SELECT "+meetingCols+" FROM meeting m WHERE m.id=?", m.ID)
		old, err := scanAll(rows, err, scanMeeting)
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return fmt.Errorf("vergadering %d: %w", m.ID, ErrNotFound)
		}
		m.UID = old[0].UID
		m.Sequence = old[0].Sequence
		if domain.NeedsNewSequence(old[0], *m) {
			m.Sequence++
		}
		if _, err := q.ExecContext(ctx, `UPDATE meeting SET body_id=?, start_utc=?, end_utc=?, location=?, online_url=?, status=?, sequence=?,
			prepared_by_meeting_id=?, note=? WHERE id=?`, m.BodyID, encTime(m.Start), encTime(m.End), m.Location, m.OnlineURL, m.Status,
			m.Sequence, encID(m.PreparedByMeetingID), m.Note, m.ID); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, "DELETE FROM attendance WHERE meeting_id=?", m.ID); err != nil {
			return err
		}
	}
	return insertAttendance(ctx, q, m)
}

func insertMeeting(ctx context.Context, q querier, m *domain.Meeting) error {
	res, err := q.ExecContext(ctx, "INSERT INTO meeting (id, body_id, start_utc, end_utc, location, online_url, status, uid, sequence, prepared_by_meeting_id, note) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
		encID(m.ID), m.BodyID, encTime(m.Start), encTime(m.End), m.Location, m.OnlineURL, m.Status, m.UID, m.Sequence, encID(m.PreparedByMeetingID), m.Note)
	if err != nil {
		return fmt.Errorf("vergadering %s: %w", m.UID, err)
	}
	m.ID, err = res.LastInsertId()
	return err
}

func insertAttendance(ctx context.Context, q querier, m *domain.Meeting) error {
	for _, a := range m.Attendance {
		if _, err := q.ExecContext(ctx, "INSERT INTO attendance (meeting_id, person_id, status, substitute_id, note) VALUES (?,?,?,?,?)",
			m.ID, a.PersonID, a.Status, encID(a.SubstituteID), a.Note); err != nil {
			return fmt.Errorf("aanwezigheid %d: %w", a.PersonID, err)
		}
	}
	return nil
}

// DeleteMeeting removes a meeting with its agenda. Cancelling (status
// geannuleerd) is what users normally want, because invitees need a CANCEL.
func (s *Store) DeleteMeeting(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "meeting", id, "store.err.inuse.meeting")
}

// ---- agenda ----

const itemCols = "id, meeting_id, position, title, kind, portefeuillehouder_id, steller_id, confidential, proposal, decision, motivation"

func items(ctx context.Context, q querier, meetingID int64) ([]domain.AgendaItem, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+itemCols+" FROM agenda_item WHERE meeting_id=? ORDER BY position, id", meetingID)
	its, err := scanAll(rows, err, func(r *sql.Rows) (domain.AgendaItem, error) {
		var it domain.AgendaItem
		err := r.Scan(&it.ID, &it.MeetingID, &it.Position, &it.Title, &it.Kind, idCol{&it.PortefeuillehouderID}, idCol{&it.StellerID},
			&it.Confidential, &it.Proposal, &it.Decision, &it.Motivation)
		return it, err
	})
	if err != nil || len(its) == 0 {
		return its, err
	}
	byID := make(map[int64]*domain.AgendaItem, len(its))
	for i := range its {
		byID[its[i].ID] = &its[i]
	}
	rows, err = q.QueryContext(ctx, `SELECT d.id, d.item_id, d.title, d.file_name, d.version, d.sha256, d.size, d.received_utc, d.confidential, d.stored_name
		FROM document d JOIN agenda_item i ON i.id = d.item_id WHERE i.meeting_id=? ORDER BY d.item_id, d.position, d.id`, meetingID)
	if err := eachRow(rows, err, func(r *sql.Rows) error {
		d, err := scanDocument(r)
		if err != nil {
			return err
		}
		if it := byID[d.ItemID]; it != nil {
			it.Documents = append(it.Documents, d)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT a.item_id, a.municipality_id, a.verdict, a.note, a.given_on
		FROM advice a JOIN agenda_item i ON i.id = a.item_id JOIN municipality g ON g.id = a.municipality_id
		WHERE i.meeting_id=? ORDER BY a.item_id, g.name`, meetingID)
	err = eachRow(rows, err, func(r *sql.Rows) error {
		var a domain.Advice
		if err := r.Scan(&a.ItemID, &a.MunicipalityID, &a.Verdict, &a.Note, &a.GivenOn); err != nil {
			return err
		}
		if it := byID[a.ItemID]; it != nil {
			it.Advice = append(it.Advice, a)
		}
		return nil
	})
	return its, err
}

// SaveItem inserts or updates an agenda item's own fields (not its
// documents or advice). A new item with Position 0 goes to the end of the
// agenda, before a closing item (rondvraag, sluiting) if there is one.
func (s *Store) SaveItem(ctx context.Context, it *domain.AgendaItem) error {
	if err := it.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return saveItem(ctx, tx, it) })
}

func saveItem(ctx context.Context, q querier, it *domain.AgendaItem) error {
	if it.ID == 0 {
		if it.Position == 0 {
			pos, err := insertPosition(ctx, q, it.MeetingID, it.Kind)
			if err != nil {
				return err
			}
			it.Position = pos
		}
		if _, err := q.ExecContext(ctx, "UPDATE agenda_item SET position = position + 1 WHERE meeting_id=? AND position >= ?", it.MeetingID, it.Position); err != nil {
			return err
		}
		return insertItem(ctx, q, it)
	}
	res, err := q.ExecContext(ctx, `UPDATE agenda_item SET title=?, kind=?, portefeuillehouder_id=?, steller_id=?, confidential=?, proposal=?, decision=?, motivation=?
		WHERE id=?`, it.Title, it.Kind, encID(it.PortefeuillehouderID), encID(it.StellerID), boolInt(it.Confidential), it.Proposal, it.Decision, it.Motivation, it.ID)
	if err != nil {
		return err
	}
	return checkAffected(res, "agendapunt", it.ID)
}

// insertPosition is where a new item of kind k goes: at the end, but before
// the trailing rondvraag and sluiting, which stay last.
func insertPosition(ctx context.Context, q querier, meetingID int64, k domain.ItemKind) (int, error) {
	var last, firstTrailing sql.NullInt64
	if err := q.QueryRowContext(ctx, "SELECT max(position) FROM agenda_item WHERE meeting_id=?", meetingID).Scan(&last); err != nil {
		return 0, err
	}
	if k == domain.ItemRondvraag || k == domain.ItemSluiting {
		return int(last.Int64) + 1, nil
	}
	if err := q.QueryRowContext(ctx, `SELECT min(position) FROM agenda_item WHERE meeting_id=? AND kind IN ('rondvraag','sluiting')
		AND position > (SELECT coalesce(max(position),0) FROM agenda_item WHERE meeting_id=? AND kind NOT IN ('rondvraag','sluiting'))`,
		meetingID, meetingID).Scan(&firstTrailing); err != nil {
		return 0, err
	}
	if firstTrailing.Valid {
		return int(firstTrailing.Int64), nil
	}
	return int(last.Int64) + 1, nil
}

func insertItem(ctx context.Context, q querier, it *domain.AgendaItem) error {
	res, err := q.ExecContext(ctx, "INSERT INTO agenda_item ("+itemCols+") VALUES (?,?,?,?,?,?,?,?,?,?,?)",
		encID(it.ID), it.MeetingID, it.Position, it.Title, it.Kind, encID(it.PortefeuillehouderID), encID(it.StellerID),
		boolInt(it.Confidential), it.Proposal, it.Decision, it.Motivation)
	if err != nil {
		return fmt.Errorf("agendapunt %q: %w", it.Title, err)
	}
	it.ID, err = res.LastInsertId()
	return err
}

// ReorderItems gives the items of a meeting the order of ids (1, 2, ...).
// ids must be exactly the meeting's items.
func (s *Store) ReorderItems(ctx context.Context, meetingID int64, ids []int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM agenda_item WHERE meeting_id=?", meetingID).Scan(&n); err != nil {
			return err
		}
		if n != len(ids) {
			return fmt.Errorf("volgorde van %d punten voor een agenda met %d punten", len(ids), n)
		}
		for i, id := range ids {
			res, err := tx.ExecContext(ctx, "UPDATE agenda_item SET position=? WHERE id=? AND meeting_id=?", i+1, id, meetingID)
			if err != nil {
				return err
			}
			if err := checkAffected(res, "agendapunt", id); err != nil {
				return err
			}
		}
		return nil
	})
}

// DeleteItem removes an agenda item (with its documents' records and
// advice) and closes the gap in the numbering.
func (s *Store) DeleteItem(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var meetingID int64
		var pos int
		if err := tx.QueryRowContext(ctx, "SELECT meeting_id, position FROM agenda_item WHERE id=?", id).Scan(&meetingID, &pos); err != nil {
			if err == sql.ErrNoRows {
				return fmt.Errorf("agendapunt %d: %w", id, ErrNotFound)
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM agenda_item WHERE id=?", id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE agenda_item SET position = position - 1 WHERE meeting_id=? AND position > ?", meetingID, pos)
		return err
	})
}

// ---- stukken ----

func scanDocument(r *sql.Rows) (domain.Document, error) {
	var d domain.Document
	err := r.Scan(&d.ID, &d.ItemID, &d.Title, &d.FileName, &d.Version, &d.SHA256, &d.Size, timeCol{&d.ReceivedAt}, &d.Confidential, &d.StoredName)
	return d, err
}

// SaveDocument inserts or updates a document record. The file itself is
// kept by a Blobs store; this records its name, hash and version.
func (s *Store) SaveDocument(ctx context.Context, d *domain.Document) error {
	if strings.TrimSpace(d.Title) == "" {
		return invalidTitle()
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return saveDocument(ctx, tx, d, d.ID == 0) })
}

func saveDocument(ctx context.Context, q querier, d *domain.Document, insert bool) error {
	if d.Version == 0 {
		d.Version = 1
	}
	if insert {
		res, err := q.ExecContext(ctx, `INSERT INTO document (id, item_id, position, title, file_name, version, sha256, size, received_utc, confidential, stored_name)
			VALUES (?,?,(SELECT coalesce(max(position),0)+1 FROM document WHERE item_id=?),?,?,?,?,?,?,?,?)`,
			encID(d.ID), d.ItemID, d.ItemID, d.Title, d.FileName, d.Version, d.SHA256, d.Size, encTime(d.ReceivedAt), boolInt(d.Confidential), d.StoredName)
		if err != nil {
			return fmt.Errorf("stuk %q: %w", d.Title, err)
		}
		d.ID, err = res.LastInsertId()
		return err
	}
	res, err := q.ExecContext(ctx, `UPDATE document SET item_id=?, title=?, file_name=?, version=?, sha256=?, size=?, received_utc=?, confidential=?, stored_name=? WHERE id=?`,
		d.ItemID, d.Title, d.FileName, d.Version, d.SHA256, d.Size, encTime(d.ReceivedAt), boolInt(d.Confidential), d.StoredName, d.ID)
	if err != nil {
		return err
	}
	return checkAffected(res, "stuk", d.ID)
}

// Document returns one document record.
func (s *Store) Document(ctx context.Context, id int64) (domain.Document, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, item_id, title, file_name, version, sha256, size, received_utc, confidential, stored_name FROM document WHERE id=?", id)
	ds, err := scanAll(rows, err, scanDocument)
	if err != nil {
		return domain.Document{}, err
	}
	if len(ds) == 0 {
		return domain.Document{}, fmt.Errorf("stuk %d: %w", id, ErrNotFound)
	}
	return ds[0], nil
}

// Documents returns every document record (for checks of the stored files).
func (s *Store) Documents(ctx context.Context) ([]domain.Document, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, item_id, title, file_name, version, sha256, size, received_utc, confidential, stored_name FROM document ORDER BY id")
	return scanAll(rows, err, scanDocument)
}

// DeleteDocument removes a document record. The stored file stays in the
// blob store (other versions or records may share its content).
func (s *Store) DeleteDocument(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "document", id, "store.err.inuse.document")
}

// ---- advies ----

// SaveAdvice records (or replaces) a gemeente's advice on an item; an advice
// with VerdictNone and no note removes it.
func (s *Store) SaveAdvice(ctx context.Context, a domain.Advice) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return saveAdvice(ctx, tx, a) })
}

func saveAdvice(ctx context.Context, q querier, a domain.Advice) error {
	if a.Verdict == domain.VerdictNone && strings.TrimSpace(a.Note) == "" {
		_, err := q.ExecContext(ctx, "DELETE FROM advice WHERE item_id=? AND municipality_id=?", a.ItemID, a.MunicipalityID)
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO advice (item_id, municipality_id, verdict, note, given_on) VALUES (?,?,?,?,?)
		ON CONFLICT (item_id, municipality_id) DO UPDATE SET verdict=excluded.verdict, note=excluded.note, given_on=excluded.given_on`,
		a.ItemID, a.MunicipalityID, a.Verdict, a.Note, a.GivenOn)
	return err
}

// ---- acties ----

func scanAction(r *sql.Rows) (domain.ActionItem, error) {
	var a domain.ActionItem
	err := r.Scan(&a.ID, &a.MeetingID, idCol{&a.ItemID}, &a.Description, idCol{&a.OwnerID}, &a.Due, &a.Done)
	return a, err
}

// SaveAction inserts or updates an action item.
func (s *Store) SaveAction(ctx context.Context, a *domain.ActionItem) error {
	if strings.TrimSpace(a.Description) == "" {
		return invalidDescription()
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return saveAction(ctx, tx, a, a.ID == 0) })
}

func saveAction(ctx context.Context, q querier, a *domain.ActionItem, insert bool) error {
	if insert {
		res, err := q.ExecContext(ctx, "INSERT INTO action_item (id, meeting_id, item_id, description, owner_id, due, done) VALUES (?,?,?,?,?,?,?)",
			encID(a.ID), a.MeetingID, encID(a.ItemID), a.Description, encID(a.OwnerID), a.Due, boolInt(a.Done))
		if err != nil {
			return err
		}
		a.ID, err = res.LastInsertId()
		return err
	}
	res, err := q.ExecContext(ctx, "UPDATE action_item SET item_id=?, description=?, owner_id=?, due=?, done=? WHERE id=?",
		encID(a.ItemID), a.Description, encID(a.OwnerID), a.Due, boolInt(a.Done), a.ID)
	if err != nil {
		return err
	}
	return checkAffected(res, "actiepunt", a.ID)
}

// DeleteAction removes an action item.
func (s *Store) DeleteAction(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "action_item", id, "store.err.inuse.action")
}

// ItemCounts returns the number of agenda items per meeting ID.
func (s *Store) ItemCounts(ctx context.Context) (map[int64]int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT meeting_id, count(*) FROM agenda_item GROUP BY meeting_id")
	out := map[int64]int{}
	err = eachRow(rows, err, func(r *sql.Rows) error {
		var id int64
		var n int
		if err := r.Scan(&id, &n); err != nil {
			return err
		}
		out[id] = n
		return nil
	})
	return out, err
}
