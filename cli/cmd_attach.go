package cli

import (
	"context"
	"fmt"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// runAttach adds files as stukken to an agenda item, by the same rules as
// dropping them on the app (store.AttachFiles): each file is delivered to
// the expected stuk of its name, becomes the next version of the stuk
// with its file name, or a new stuk; --version-of makes one file the next
// version of a chosen stuk. Item and stuk are numbered as on the agenda
// and in the bundle ("stuk 4.2" is --item 4 --version-of 2), so that a
// secretary can type what is printed. All or nothing: a bad meeting,
// item, stuk or file stores nothing.
func runAttach(ctx context.Context, c *call) error {
	id := c.flags.Int64("meeting", 0, i18n.T("cli.flag.meeting"))
	itemNo := c.flags.Int("item", 0, i18n.T("cli.attach.flag.item"))
	stukNo := c.flags.Int("version-of", 0, i18n.T("cli.attach.flag.versionof"))
	c.flags.Usage = func() {
		fmt.Fprintf(c.Stderr, "%s: overlegplanner attach [%s] %s\n", i18n.T("cli.usage.word"), i18n.T("cli.usage.flags"), i18n.T("cli.attach.usage.files"))
		fmt.Fprintln(c.Stderr, "  "+i18n.T("cli.attach.summary"))
		c.flags.PrintDefaults()
	}
	files, err := c.parseWithArgs()
	if err != nil {
		return err
	}
	if err := requireMeeting(*id); err != nil {
		return err
	}
	switch {
	case *itemNo <= 0:
		return usageErr("cli.attach.err.itemrequired")
	case *stukNo < 0:
		return usageErr("cli.attach.err.versionof", *stukNo)
	case len(files) == 0:
		return usageErr("cli.attach.err.nofiles")
	case *stukNo > 0 && len(files) != 1:
		return usageErr("cli.attach.err.oneversion", len(files))
	}
	s, err := c.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	m, err := s.Meeting(ctx, *id)
	if err != nil {
		return i18n.Errorf(err, "cli.err.nomeeting", *id)
	}
	it, err := agendaItem(m, *itemNo)
	if err != nil {
		return err
	}
	var versionOf int64
	if *stukNo > 0 {
		if *stukNo > len(it.Documents) {
			return i18n.Errorf(store.ErrNotFound, "cli.attach.err.nostuk", *itemNo, *stukNo, it.Title,
				i18n.N("cli.attach.stukken", len(it.Documents)))
		}
		versionOf = it.Documents[*stukNo-1].ID
	}
	res, err := s.AttachFiles(ctx, it.ID, versionOf, files)
	if err != nil {
		return err
	}
	// Read the item back for the numbers of new stukken, as the agenda
	// and the bundle will print them.
	if m, err = s.Meeting(ctx, *id); err != nil {
		return err
	}
	numbers := map[int64]int{}
	for _, x := range m.Items {
		if x.ID == it.ID {
			for i, d := range x.Documents {
				numbers[d.ID] = i + 1
			}
		}
	}
	fmt.Fprintln(c.Stdout, i18n.T("cli.attach.header", *itemNo, it.Title, *id))
	for _, f := range res.Files {
		fmt.Fprintln(c.Stdout, "  "+i18n.T("cli.attach.file", f.Path, *itemNo, numbers[f.Stuk.ID], f.Stuk.Title, attachOutcome(f)))
	}
	return nil
}

// agendaItem returns item n (1-based, as the agenda numbers it) of m.
func agendaItem(m domain.Meeting, n int) (domain.AgendaItem, error) {
	if n > len(m.Items) {
		if len(m.Items) == 0 {
			return domain.AgendaItem{}, i18n.Errorf(store.ErrNotFound, "cli.attach.err.noitems", m.ID)
		}
		return domain.AgendaItem{}, i18n.Errorf(store.ErrNotFound, "cli.attach.err.noitem", n, m.ID, i18n.N("cli.attach.items", len(m.Items)))
	}
	return m.Items[n-1], nil
}

// attachOutcome words what attaching a file did to its stuk.
func attachOutcome(f store.AttachedFile) string {
	switch f.Outcome {
	case store.AttachAdded:
		return i18n.T("cli.attach.added")
	case store.AttachDelivered:
		return i18n.T("cli.attach.delivered")
	case store.AttachVersioned:
		return i18n.T("cli.attach.versioned", f.Stuk.Version)
	}
	return i18n.T("cli.attach.unchanged")
}
