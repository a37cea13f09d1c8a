package store

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/overlegplanner/overlegplanner/domain"
)

// ---- sluitingsdagen, reces, schoolvakanties ----

// ClosedDays returns every extra closed day, by date.
func (s *Store) ClosedDays(ctx context.Context) ([]domain.ClosedDay, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, municipality_id, day, name FROM closed_day ORDER BY day, id")
	return scanAll(rows, err, func(r *sql.Rows) (domain.ClosedDay, error) {
		var c domain.ClosedDay
		err := r.Scan(&c.ID, idCol{&c.MunicipalityID}, &c.Date, &c.Name)
		return c, err
	})
}

// SaveClosedDay inserts or updates a closed day.
func (s *Store) SaveClosedDay(ctx context.Context, c *domain.ClosedDay) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return saveClosedDay(ctx, tx, c, c.ID == 0) })
}

func saveClosedDay(ctx context.Context, q querier, c *domain.ClosedDay, insert bool) error {
	if insert {
		res, err := q.ExecContext(ctx, "INSERT INTO closed_day (id, municipality_id, day, name) VALUES (?,?,?,?)", encID(c.ID), encID(c.MunicipalityID), c.Date, c.Name)
		if err != nil {
			return err
		}
		c.ID, err = res.LastInsertId()
		return err
	}
	res, err := q.ExecContext(ctx, "UPDATE closed_day SET municipality_id=?, day=?, name=? WHERE id=?", encID(c.MunicipalityID), c.Date, c.Name, c.ID)
	if err != nil {
		return err
	}
	return checkAffected(res, "sluitingsdag", c.ID)
}

// DeleteClosedDay removes a closed day.
func (s *Store) DeleteClosedDay(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "closed_day", id, "store.err.inuse.generic")
}

// Recesses returns every recess period, by start.
func (s *Store) Recesses(ctx context.Context) ([]domain.Recess, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, from_date, to_date, partnership_id FROM recess ORDER BY from_date, id")
	return scanAll(rows, err, func(r *sql.Rows) (domain.Recess, error) {
		var x domain.Recess
		err := r.Scan(&x.ID, &x.Name, &x.From, &x.To, idCol{&x.PartnershipID})
		return x, err
	})
}

// SaveRecess inserts or updates a recess period.
func (s *Store) SaveRecess(ctx context.Context, x *domain.Recess) error {
	if err := x.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return saveRecess(ctx, tx, x, x.ID == 0) })
}

func saveRecess(ctx context.Context, q querier, x *domain.Recess, insert bool) error {
	if insert {
		res, err := q.ExecContext(ctx, "INSERT INTO recess (id, name, from_date, to_date, partnership_id) VALUES (?,?,?,?,?)", encID(x.ID), x.Name, x.From, x.To, encID(x.PartnershipID))
		if err != nil {
			return err
		}
		x.ID, err = res.LastInsertId()
		return err
	}
	res, err := q.ExecContext(ctx, "UPDATE recess SET name=?, from_date=?, to_date=?, partnership_id=? WHERE id=?", x.Name, x.From, x.To, encID(x.PartnershipID), x.ID)
	if err != nil {
		return err
	}
	return checkAffected(res, "reces", x.ID)
}

// DeleteRecess removes a recess period.
func (s *Store) DeleteRecess(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "recess", id, "store.err.inuse.generic")
}

// SchoolHolidays returns every school-holiday period, by region and start.
func (s *Store) SchoolHolidays(ctx context.Context) ([]domain.SchoolHoliday, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, region, name, from_date, to_date FROM school_holiday ORDER BY from_date, region, id")
	return scanAll(rows, err, func(r *sql.Rows) (domain.SchoolHoliday, error) {
		var x domain.SchoolHoliday
		err := r.Scan(&x.ID, &x.Region, &x.Name, &x.From, &x.To)
		return x, err
	})
}

// SaveSchoolHoliday inserts or updates a school-holiday period.
func (s *Store) SaveSchoolHoliday(ctx context.Context, x *domain.SchoolHoliday) error {
	if err := x.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return saveSchoolHoliday(ctx, tx, x, x.ID == 0) })
}

func saveSchoolHoliday(ctx context.Context, q querier, x *domain.SchoolHoliday, insert bool) error {
	if insert {
		res, err := q.ExecContext(ctx, "INSERT INTO school_holiday (id, region, name, from_date, to_date) VALUES (?,?,?,?,?)", encID(x.ID), x.Region, x.Name, x.From, x.To)
		if err != nil {
			return err
		}
		x.ID, err = res.LastInsertId()
		return err
	}
	res, err := q.ExecContext(ctx, "UPDATE school_holiday SET region=?, name=?, from_date=?, to_date=? WHERE id=?", x.Region, x.Name, x.From, x.To, x.ID)
	if err != nil {
		return err
	}
	return checkAffected(res, "schoolvakantie", x.ID)
}

// DeleteSchoolHoliday removes a school-holiday period.
func (s *Store) DeleteSchoolHoliday(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "school_holiday", id, "store.err.inuse.generic")
}

// ---- instellingen ----

// Settings returns the settings, with defaults for what was never set.
func (s *Store) Settings(ctx context.Context) (domain.Settings, error) {
	return settings(ctx, s.db)
}

func settings(ctx context.Context, q querier) (domain.Settings, error) {
	st := domain.DefaultSettings()
	rows, err := q.QueryContext(ctx, "SELECT key, value FROM setting")
	err = eachRow(rows, err, func(r *sql.Rows) error {
		var k, v string
		if err := r.Scan(&k, &v); err != nil {
			return err
		}
		switch k {
		case "holidays.good_friday":
			st.Holidays.GoodFriday = v == "1"
		case "holidays.liberation":
			st.Holidays.Liberation = domain.LiberationMode(v)
		case "chain.tight_days":
			if n, err := strconv.Atoi(v); err == nil {
				st.TightDays = n
			}
		case "organiser.name":
			st.OrganiserName = v
		case "organiser.email":
			st.OrganiserEmail = v
		case "language":
			st.Language = v
		case "smtp.host":
			st.SMTP.Host = v
		case "smtp.port":
			if n, err := strconv.Atoi(v); err == nil {
				st.SMTP.Port = n
			}
		case "smtp.security":
			st.SMTP.Security = domain.SMTPSecurity(v)
		case "smtp.user":
			st.SMTP.User = v
		case "smtp.from":
			st.SMTP.From = v
		case "caldav.url":
			st.CalDAV.URL = v
		case "caldav.user":
			st.CalDAV.User = v
		}
		return nil
	})
	return st, err
}

// SaveSettings stores the settings.
func (s *Store) SaveSettings(ctx context.Context, st domain.Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return saveSettings(ctx, tx, st) })
}

func saveSettings(ctx context.Context, q querier, st domain.Settings) error {
	kv := map[string]string{
		"holidays.good_friday": strconv.Itoa(boolInt(st.Holidays.GoodFriday)),
		"holidays.liberation":  string(st.Holidays.Liberation),
		"chain.tight_days":     strconv.Itoa(st.TightDays),
		"organiser.name":       st.OrganiserName,
		"organiser.email":      st.OrganiserEmail,
		"language":             st.Language,
		// The mail and calendar servers (delivery). Their passwords are
		// kept in the operating system's keyring, never here.
		"smtp.host":     st.SMTP.Host,
		"smtp.port":     strconv.Itoa(st.SMTP.Port),
		"smtp.security": string(st.SMTP.Security),
		"smtp.user":     st.SMTP.User,
		"smtp.from":     st.SMTP.From,
		"caldav.url":    st.CalDAV.URL,
		"caldav.user":   st.CalDAV.User,
	}
	for k, v := range kv {
		if _, err := q.ExecContext(ctx, "INSERT INTO setting (key, value) VALUES (?,?) ON CONFLICT (key) DO UPDATE SET value=excluded.value", k, v); err != nil {
			return err
		}
	}
	return nil
}
