package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/documents/convert"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
)

// runBundle writes the vergaderbundel of a meeting: the agenda with a
// linked table of contents, then every stuk in agenda order, stamped. The
// stukken that are not in it are listed on stderr, so that a script (or a
// secretary at a terminal) sees them without opening the PDF.
func runBundle(ctx context.Context, c *call) error {
	id := c.flags.Int64("meeting", 0, i18n.T("cli.flag.meeting"))
	out := c.flags.String("out", "", i18n.T("cli.flag.outpdf"))
	public := c.flags.Bool("public", false, i18n.T("bundle.cli.flag.public"))
	noConvert := c.flags.Bool("no-convert", false, i18n.T("bundle.cli.flag.noconvert"))
	if err := c.parse(); err != nil {
		return err
	}
	if err := requireOut(*out); err != nil {
		return err
	}
	l, m, err := c.loadMeeting(ctx, *id)
	if err != nil {
		return err
	}
	defer l.store.Close()
	in := documents.BundleInput{Meeting: m, Index: l.ix, Public: *public, Organiser: l.ds.Settings.OrganiserName,
		Files: l.store.Blobs(), Now: c.Now()}
	if in.NextMeeting, in.NextDeadlines, err = planning.NewPlanner(l.ds).NextMeeting(&m); err != nil {
		return err
	}
	if !*noConvert {
		// LibreOffice is optional: without it, office files are listed
		// in the bundle instead of included.
		if lo, ok := convert.Find(); ok {
			in.Convert = lo
		}
	}
	var r documents.BundleResult
	err = writeOutWith(*out, func(w io.Writer) error {
		in.Out = w
		var err error
		r, err = documents.Bundle(ctx, in, nil)
		return err
	})
	if err != nil {
		return err
	}
	for _, s := range r.Omitted() {
		if s.Reason == documents.OmitPending || s.Reason == documents.OmitConfidential {
			continue // as expected; the agenda says so
		}
		fmt.Fprintln(c.Stderr, i18n.T("bundle.cli.omitted", s.Item, s.Stuk, s.Title, s.Explanation))
	}
	included := 0
	for _, s := range r.Stukken {
		if s.Included() {
			included++
		}
	}
	fmt.Fprintln(c.Stdout, i18n.T("bundle.cli.wrote", *out, r.Pages, r.AgendaPages, i18n.N("bundle.cli.stukken", included)))
	return nil
}
