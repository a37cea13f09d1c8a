package cli

import (
	"context"
	"fmt"

	"github.com/overlegplanner/overlegplanner/demo"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// runDemo loads the Zeeland demo region into an empty (or new) database. A
// database with data is refused before anything is written, so that the
// demo can never mix with real planning.
func runDemo(ctx context.Context, c *call) error {
	if err := c.parse(); err != nil {
		return err
	}
	if *c.db == "" {
		return usageErr("cli.err.dbrequired")
	}
	s, err := c.open(ctx, true)
	if err != nil {
		return err
	}
	defer s.Close()
	if empty, err := s.IsEmpty(ctx); err != nil {
		return err
	} else if !empty {
		return i18n.Errorf(store.ErrNotEmpty, "store.err.notempty", s.Path())
	}
	ds, err := demo.Zeeland(domain.DateOf(c.Now()))
	if err != nil {
		return err
	}
	if err := s.Import(ctx, ds); err != nil {
		return err
	}
	if err := demo.WriteFiles(ctx, s); err != nil {
		return err
	}
	fmt.Fprintln(c.Stdout, i18n.T("cli.demo.done", len(ds.Municipalities), len(ds.Partnerships), len(ds.Bodies), len(ds.Meetings), s.Path()))
	return nil
}
