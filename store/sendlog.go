package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

// ---- verzendlog ----

// SendLogFilter selects rows of the send log. Zero fields select all.
type SendLogFilter struct {
	UID       string // the meeting's iCalendar UID, or a digest's key
	MeetingID int64
	Email     string // compared without regard to case
	Kind      domain.SendKind
	Since     time.Time // rows at or after Since
}

const sendCols = "id, uid, meeting_id, kind, email, name, person_id, sequence, content_hash, channel, message_id, sent_at, result, error"

// SendLog returns the rows that match f in the order they were written,
// which is the order of events: the last row for an address is the most
// recent attempt.
func (s *Store) SendLog(ctx context.Context, f SendLogFilter) ([]domain.SendRecord, error) {
	var where []string
	var args []any
	if f.UID != "" {
		where = append(where, "uid = ?")
		args = append(args, f.UID)
	}
	if f.MeetingID != 0 {
		where = append(where, "meeting_id = ?")
		args = append(args, f.MeetingID)
	}
	if f.Email != "" {
		where = append(where, "lower(email) = lower(?)")
		args = append(args, f.Email)
	}
	if f.Kind != "" {
		where = append(where, "kind = ?")
		args = append(args, string(f.Kind))
	}
	if !f.Since.IsZero() {
		where = append(where, "sent_at >= ?")
		args = append(args, encTime(f.Since))
	}
	query := "SELECT " + sendCols + " FROM send_log"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id"
	rows, err := s.db.QueryContext(ctx, query, args...)
	return scanAll(rows, err, func(r *sql.Rows) (domain.SendRecord, error) {
		var x domain.SendRecord
		err := r.Scan(&x.ID, &x.UID, idCol{&x.MeetingID}, &x.Kind, &x.Email, &x.Name, idCol{&x.PersonID}, &x.Sequence,
			&x.ContentHash, &x.Channel, &x.MessageID, timeCol{&x.At}, &x.Result, &x.Error)
		return x, err
	})
}

// RecordSends appends rows to the send log in one transaction and sets
// their IDs. A delivery records each message as soon as the server has
// accepted (or refused) it, so that an interrupted run leaves a log that
// says exactly who got what.
//
// A reference to a meeting or person that no longer exists is stored as
// none: the message was sent all the same, and the log must not lose it
// because someone deleted the meeting while it went out.
func (s *Store) RecordSends(ctx context.Context, rs []domain.SendRecord) error {
	for i := range rs {
		if err := validSendRecord(&rs[i]); err != nil {
			return err
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for i := range rs {
			r := &rs[i]
			res, err := tx.ExecContext(ctx, `INSERT INTO send_log (uid, meeting_id, kind, email, name, person_id, sequence, content_hash,
				channel, message_id, sent_at, result, error)
				VALUES (?, (SELECT id FROM meeting WHERE id = ?), ?, ?, ?, (SELECT id FROM person WHERE id = ?), ?, ?, ?, ?, ?, ?, ?)`,
				r.UID, encID(r.MeetingID), string(r.Kind), r.Email, r.Name, encID(r.PersonID), r.Sequence, r.ContentHash,
				string(r.Channel), r.MessageID, encTime(r.At), string(r.Result), r.Error)
			if err != nil {
				return fmt.Errorf("verzendlog %s aan %s: %w", r.UID, r.Email, err)
			}
			if r.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		return nil
	})
}

// validSendRecord refuses a row the log could not answer questions from.
// These are program errors, not user input, so the message is technical.
func validSendRecord(r *domain.SendRecord) error {
	switch {
	case strings.TrimSpace(r.UID) == "":
		return fmt.Errorf("verzendlog: geen UID")
	case strings.TrimSpace(r.Email) == "":
		return fmt.Errorf("verzendlog %s: geen adres", r.UID)
	case r.At.IsZero():
		return fmt.Errorf("verzendlog %s: geen tijdstip", r.UID)
	}
	switch r.Kind {
	case domain.SendRequest, domain.SendCancel, domain.SendWithdraw, domain.SendDigest:
	default:
		return fmt.Errorf("verzendlog %s: onbekende soort %q", r.UID, r.Kind)
	}
	switch r.Channel {
	case domain.ChannelSMTP, domain.ChannelEML:
	default:
		return fmt.Errorf("verzendlog %s: onbekend kanaal %q", r.UID, r.Channel)
	}
	switch r.Result {
	case domain.ResultSent, domain.ResultWritten, domain.ResultFailed:
	default:
		return fmt.Errorf("verzendlog %s: onbekend resultaat %q", r.UID, r.Result)
	}
	return nil
}
