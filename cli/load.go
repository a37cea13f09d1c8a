package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// loaded is what most commands work from: the open store and a snapshot.
type loaded struct {
	store *store.Store
	ds    *domain.Dataset
	ix    *domain.Index
}

// load opens the existing database and reads its snapshot. The caller
// closes l.store.
func (c *call) load(ctx context.Context) (*loaded, error) {
	s, err := c.open(ctx, false)
	if err != nil {
		return nil, err
	}
	ds, err := s.Dataset(ctx)
	if err != nil {
		s.Close()
		return nil, err
	}
	return &loaded{store: s, ds: ds, ix: domain.NewIndex(ds)}, nil
}

// fullMeeting loads meeting id with its agenda, or a Dutch "not found".
func (l *loaded) fullMeeting(ctx context.Context, id int64) (domain.Meeting, error) {
	m, err := l.store.Meeting(ctx, id)
	if err != nil {
		return m, i18n.Errorf(err, "cli.err.nomeeting", id)
	}
	return m, nil
}

// loadMeeting opens the database and reads meeting id in full, for the
// commands that work on one meeting; a missing --meeting is a usage error.
// The caller closes l.store.
func (c *call) loadMeeting(ctx context.Context, id int64) (*loaded, domain.Meeting, error) {
	if err := requireMeeting(id); err != nil {
		return nil, domain.Meeting{}, err
	}
	l, err := c.load(ctx)
	if err != nil {
		return nil, domain.Meeting{}, err
	}
	m, err := l.fullMeeting(ctx, id)
	if err != nil {
		l.store.Close()
		return nil, domain.Meeting{}, err
	}
	return l, m, nil
}

// municipalityByName finds a gemeente by name, ignoring case, or by CBS code.
func (l *loaded) municipalityByName(name string) (*domain.Municipality, error) {
	for i := range l.ds.Municipalities {
		m := &l.ds.Municipalities[i]
		if strings.EqualFold(m.Name, strings.TrimSpace(name)) || strings.EqualFold(m.CBSCode, strings.TrimSpace(name)) {
			return m, nil
		}
	}
	var names []string
	for _, m := range l.ds.Municipalities {
		names = append(names, m.Name)
	}
	return nil, i18n.Errorf(store.ErrNotFound, "cli.err.nomunicipality", name, strings.Join(names, ", "))
}

// personByEmail finds a person by e-mail address, ignoring case.
func (l *loaded) personByEmail(email string) (*domain.Person, error) {
	for i := range l.ds.People {
		if p := &l.ds.People[i]; strings.EqualFold(p.Email, strings.TrimSpace(email)) {
			return p, nil
		}
	}
	return nil, i18n.Errorf(store.ErrNotFound, "cli.err.noperson", email)
}

// writeOut writes data to path atomically: a reader (a mail client, a
// calendar polling a feed) never sees half a file, and a failure leaves an
// existing file as it was.
func writeOut(path string, data []byte) error {
	return writeOutWith(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeOutWith is writeOut for output made while it is written (a
// vergaderbundel of scans goes to its file without a copy in memory):
// write fills a temporary file beside path, which replaces path only
// when write succeeded, so a failure never leaves half a file.
func writeOutWith(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return i18n.Errorf(err, "cli.err.write", path)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		var ie *i18n.Error
		if errors.As(err, &ie) || errors.Is(err, context.Canceled) {
			return err // the maker's own error, not a write failure
		}
		return i18n.Errorf(err, "cli.err.write", path)
	}
	if err := tmp.Close(); err != nil {
		return i18n.Errorf(err, "cli.err.write", path)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return i18n.Errorf(err, "cli.err.write", path)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return i18n.Errorf(err, "cli.err.write", path)
	}
	return nil
}
