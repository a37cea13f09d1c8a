package store

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Times are stored as UTC RFC 3339 text: sortable, zone-free, readable.
const timeLayout = "2006-01-02T15:04:05Z"

func encTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeLayout)
}

// timeCol scans a nullable time column.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*c.t = time.Time{}
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	case time.Time:
		*c.t = v
		return nil
	default:
		return fmt.Errorf("tijd: kan %T niet lezen", src)
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("tijd %q: %w", s, err)
	}
	*c.t = t
	return nil
}

// idCol scans a nullable foreign key into an int64 where 0 means none.
type idCol struct{ id *int64 }

func (c idCol) Scan(src any) error {
	var n sql.NullInt64
	if err := n.Scan(src); err != nil {
		return err
	}
	*c.id = n.Int64
	return nil
}

// encID stores 0 as NULL, so that foreign keys hold.
func encID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func encWeekdays(ws []time.Weekday) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = strconv.Itoa(int(w))
	}
	return strings.Join(parts, ",")
}

func decWeekdays(s string) ([]time.Weekday, error) {
	if s == "" {
		return nil, nil
	}
	var out []time.Weekday
	for _, p := range strings.Split(s, ",") {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 6 {
			return nil, fmt.Errorf("weekdagen %q", s)
		}
		out = append(out, time.Weekday(n))
	}
	return out, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// scanAll runs q and scans every row with scan.
func scanAll[T any](rows *sql.Rows, err error, scan func(*sql.Rows) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// checkAffected turns an update that touched no row into ErrNotFound.
func checkAffected(res sql.Result, what string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %d: %w", what, id, ErrNotFound)
	}
	return nil
}
