package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// MeetingJSON is one element of `meetings --json`. Field names and meanings
// are a stable contract (docs/cli.md): add fields, never change these.
type MeetingJSON struct {
	ID             int64    `json:"id"`
	BodyID         int64    `json:"body_id"`
	Body           string   `json:"body"`
	BodyKind       string   `json:"body_kind"`
	PartnershipID  int64    `json:"partnership_id"`
	Partnership    string   `json:"partnership"`
	Start          string   `json:"start"` // RFC 3339 with the Amsterdam offset
	End            string   `json:"end"`
	Location       string   `json:"location"`
	OnlineURL      string   `json:"online_url"`
	Status         string   `json:"status"`
	UID            string   `json:"uid"`
	Sequence       int      `json:"sequence"`
	PreparedBy     int64    `json:"prepared_by_meeting_id,omitempty"`
	Municipalities []string `json:"municipalities"` // member gemeenten on the meeting's date, by name
	Items          int      `json:"agenda_items"`
}

func runMeetings(ctx context.Context, c *call) error {
	from := c.dateVar("from", "cli.flag.from")
	to := c.dateVar("to", "cli.flag.to")
	asJSON := c.flags.Bool("json", false, i18n.T("cli.flag.json"))
	body := c.flags.Int64("body", 0, i18n.T("cli.flag.body"))
	cancelled := c.flags.Bool("cancelled", false, i18n.T("cli.flag.cancelled"))
	if err := c.parse(); err != nil {
		return err
	}
	if !from.d.IsZero() && !to.d.IsZero() && to.d.Before(from.d) {
		return usageErr("cli.err.tobeforefrom", to.d, from.d)
	}
	s, err := c.open(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	ds, err := s.Dataset(ctx)
	if err != nil {
		return err
	}
	ams := domain.Amsterdam()
	f := store.MeetingFilter{BodyID: *body, WithCancelled: *cancelled}
	if !from.d.IsZero() {
		f.From = from.d.In(ams)
	}
	if !to.d.IsZero() {
		f.To = to.d.AddDays(1).In(ams)
	}
	ms, err := s.Meetings(ctx, f)
	if err != nil {
		return err
	}
	counts, err := s.ItemCounts(ctx)
	if err != nil {
		return err
	}
	ix := domain.NewIndex(ds)
	out := make([]MeetingJSON, 0, len(ms))
	for _, m := range ms {
		out = append(out, meetingJSON(ix, m, counts[m.ID]))
	}
	if *asJSON {
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(out) == 0 {
		fmt.Fprintln(c.Stdout, i18n.T("cli.meetings.none"))
		return nil
	}
	tw := tabwriter.NewWriter(c.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, i18n.T("cli.meetings.header"))
	for i, m := range ms {
		j := out[i]
		st := m.Start.In(ams)
		fmt.Fprintf(tw, "%d\t%s\t%s–%s\t%s\t%s\t%s\t%s\n", m.ID, i18n.ShortDate(m.Date()), i18n.Clock(st), i18n.Clock(m.End.In(ams)),
			j.Body, j.Partnership, m.Location, m.Status.Label())
	}
	return tw.Flush()
}

func meetingJSON(ix *domain.Index, m domain.Meeting, items int) MeetingJSON {
	ams := domain.Amsterdam()
	j := MeetingJSON{
		ID: m.ID, BodyID: m.BodyID, Start: m.Start.In(ams).Format(time.RFC3339), End: m.End.In(ams).Format(time.RFC3339),
		Location: m.Location, OnlineURL: m.OnlineURL, Status: string(m.Status), UID: m.UID, Sequence: m.Sequence,
		PreparedBy: m.PreparedByMeetingID, Municipalities: []string{}, Items: items,
	}
	if b := ix.Bodies[m.BodyID]; b != nil {
		j.Body, j.BodyKind, j.PartnershipID = b.Name, string(b.Kind), b.PartnershipID
		if p := ix.Partnerships[b.PartnershipID]; p != nil {
			j.Partnership = p.Name
		}
		for _, g := range ix.MemberMunicipalities(b, m.Date()) {
			j.Municipalities = append(j.Municipalities, g.Name)
		}
	}
	return j
}
