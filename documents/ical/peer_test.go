package ical

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/internal/testpeer"
)

// peerCalendar is what the peer scripts under testdata/peers print: the
// fields a calendar client acts on, after the peer's own unfolding,
// unescaping and time-zone conversion.
type peerCalendar struct {
	Method    string      `json:"method"`
	Version   string      `json:"version"`
	CalName   string      `json:"calname"`
	Timezones []string    `json:"timezones"`
	Events    []peerEvent `json:"events"`
}

type peerEvent struct {
	UID         string `json:"uid"`
	Sequence    int    `json:"sequence"`
	Status      string `json:"status"`
	Summary     string `json:"summary"`
	Location    string `json:"location"`
	Description string `json:"description"`
	DTStamp     string `json:"dtstamp"`
	Start       string `json:"start"` // UTC "2006-01-02T15:04:05Z", or "2006-01-02" for a date
	StartTZID   string `json:"start_tzid"`
	End         string `json:"end"`
	AllDay      bool   `json:"all_day"`
	Organizer   string `json:"organizer"`
	OrganizerCN string `json:"organizer_cn"`
	// Python also converts with the file's own VTIMEZONE; ical.js only
	// does that, so these are empty in its output.
	StartViaVTZ string         `json:"start_via_vtimezone,omitempty"`
	EndViaVTZ   string         `json:"end_via_vtimezone,omitempty"`
	Attendees   []peerAttendee `json:"attendees"`
	Alarms      []string       `json:"alarms"`
}

type peerAttendee struct {
	Address       string `json:"address"`
	CN            string `json:"cn"`
	Role          string `json:"role"`
	PartStat      string `json:"partstat"`
	RSVP          string `json:"rsvp"`
	DelegatedFrom string `json:"delegated_from"`
	DelegatedTo   string `json:"delegated_to"`
}

func utc(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// wantInvite is what an invite, update or cancellation of m means,
// derived from the domain values rather than from our encoder.
func wantInvite(ix *domain.Index, m domain.Meeting, method Method, seq int, now time.Time) peerCalendar {
	body := ix.Bodies[m.BodyID]
	d := newDescriber(ix, i18n.Dutch)
	ev := peerEvent{
		UID: m.UID, Sequence: seq, Summary: body.Name, Location: m.Location,
		DTStamp: utc(now), Start: utc(m.Start), StartTZID: TZID, End: utc(m.End),
		Organizer: "mailto:secretariaat@jeugdwalcheren.nl", OrganizerCN: "Saskia Verhulst",
	}
	in := InviteInput{Meeting: m, Index: ix, Settings: fixture().Settings}
	as, err := Attendees(in)
	if err != nil {
		panic(err)
	}
	for _, a := range as {
		pa := peerAttendee{Address: "mailto:" + a.Email, CN: paramText(a.Name), Role: a.Role, PartStat: a.PartStat, RSVP: "FALSE"}
		if a.RSVP {
			pa.RSVP = "TRUE"
		}
		if a.DelegatedFrom != "" {
			pa.DelegatedFrom = "mailto:" + a.DelegatedFrom
		}
		if a.DelegatedTo != "" {
			pa.DelegatedTo = "mailto:" + a.DelegatedTo
		}
		ev.Attendees = append(ev.Attendees, pa)
	}
	if method == MethodCancel {
		ev.Status = "CANCELLED"
		ev.Description = unescapeText(d.cancelled(&m, body))
	} else {
		ev.Status = "CONFIRMED"
		pub := documents.PublicMeeting(m, i18n.Dutch)
		ev.Description = unescapeText(d.meeting(&pub, body))
		ev.Alarms = []string{"-PT1H"}
	}
	return peerCalendar{Method: string(method), Version: "2.0", Timezones: []string{TZID}, Events: []peerEvent{ev}}
}

// wantFeedMeeting is what the feed event of m means.
func wantFeedMeeting(ix *domain.Index, m domain.Meeting) peerEvent {
	w := wantInvite(ix, m, MethodPublish, m.Sequence, fixedNow).Events[0]
	w.Attendees, w.Alarms = nil, nil
	if w.Location == "" {
		w.Location = ix.Bodies[m.BodyID].Location
	}
	if m.IsCancelled() {
		w.Status = "CANCELLED"
		w.Summary = "Geannuleerd: " + w.Summary
		w.Description = unescapeText(newDescriber(ix, i18n.Dutch).cancelled(&m, ix.Bodies[m.BodyID]))
	}
	return w
}

// wantDeadline is what the all-day event of deadline d means.
func wantDeadline(ix *domain.Index, d domain.Deadline) peerEvent {
	m := ix.Meetings[d.MeetingID]
	body := ix.Bodies[m.BodyID]
	gem := ix.Municipalities[d.MunicipalityID]
	summary := d.Name + " – " + body.Name
	if gem != nil {
		summary = gem.Name + ": " + summary
	}
	f := &feed{renderer: newRendererFor(ix, domain.Settings{}, fixedNow, i18n.Dutch)}
	return peerEvent{
		UID: deadlineUID(m.UID, d.RuleKey, municipalityKey(d.MunicipalityID, gem)), Sequence: m.Sequence,
		Status: "CONFIRMED", Summary: summary, Description: f.deadlineDescription(&d, m, body, gem),
		DTStamp: utc(fixedNow), Start: d.Due.String(), End: d.Due.AddDays(1).String(), AllDay: true,
		Organizer: "mailto:secretariaat@jeugdwalcheren.nl", OrganizerCN: "Saskia Verhulst",
	}
}

// peer runs one independent parser over a file and decodes its report.
type peer struct {
	name string
	cmd  func(t *testing.T, file string) *exec.Cmd
}

func peers(t *testing.T) []peer {
	dir, err := filepath.Abs(filepath.Join("testdata", "peers"))
	if err != nil {
		t.Fatal(err)
	}
	var ps []peer
	node := testpeer.Command(t, "node")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "ical.js")); err != nil {
		testpeer.Missing(t, "ical.js (npm ci --prefix documents/ical/testdata/peers)")
	}
	ps = append(ps, peer{"ical.js", func(t *testing.T, file string) *exec.Cmd {
		return exec.Command(node, filepath.Join(dir, "parse.mjs"), file)
	}})
	py := testpeer.SystemPython(t, "icalendar", "pytz")
	ps = append(ps, peer{"python3-icalendar", func(t *testing.T, file string) *exec.Cmd {
		return exec.Command(py, filepath.Join(dir, "parse.py"), file)
	}})
	return ps
}

// TestPeers has every output read by two parsers that are not go-ical,
// Mozilla's ical.js (Thunderbird) and Debian's python3-icalendar, and
// compares what they read with what we meant: methods, UIDs, sequences,
// times converted to UTC (ical.js with the file's VTIMEZONE, Python with
// both the tz database and the VTIMEZONE), attendees with their
// parameters, and texts that unfold and unescape to the original.
func TestPeers(t *testing.T) {
	ps := peers(t)
	dir := t.TempDir()
	for _, o := range allOutputs(t) {
		file := filepath.Join(dir, o.name+".ics")
		if err := os.WriteFile(file, o.data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			t.Run(o.name+"/"+p.name, func(t *testing.T) {
				got := runPeer(t, p, file)
				for i := range got.Events {
					ev := &got.Events[i]
					if ev.StartTZID != "" && p.name == "python3-icalendar" {
						if ev.StartViaVTZ != ev.Start || ev.EndViaVTZ != ev.End {
							t.Errorf("event %s: our VTIMEZONE gives %s–%s, the tz database %s–%s",
								ev.UID, ev.StartViaVTZ, ev.EndViaVTZ, ev.Start, ev.End)
						}
					}
					ev.StartViaVTZ, ev.EndViaVTZ = "", ""
				}
				compareCalendars(t, got, o.want)
			})
		}
	}
}

func runPeer(t *testing.T, p peer, file string) peerCalendar {
	t.Helper()
	cmd := p.cmd(t, file)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s rejects %s: %v\n%s", p.name, filepath.Base(file), err, stderr.String())
	}
	var got peerCalendar
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%s printed %q: %v", p.name, out, err)
	}
	return got
}

func compareCalendars(t *testing.T, got, want peerCalendar) {
	t.Helper()
	gotEvents, wantEvents := got.Events, want.Events
	got.Events, want.Events = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("calendar\n got %+v\nwant %+v", got, want)
	}
	if len(gotEvents) != len(wantEvents) {
		t.Fatalf("%d events, want %d:\n%s", len(gotEvents), len(wantEvents), eventList(gotEvents))
	}
	for i := range wantEvents {
		g, w := gotEvents[i], wantEvents[i]
		if len(g.Attendees) == 0 {
			g.Attendees = nil
		}
		if len(g.Alarms) == 0 {
			g.Alarms = nil
		}
		if !reflect.DeepEqual(g, w) {
			gj, _ := json.MarshalIndent(g, "", "  ")
			wj, _ := json.MarshalIndent(w, "", "  ")
			t.Errorf("event %d:\n got %s\nwant %s", i, gj, wj)
		}
	}
}

func eventList(evs []peerEvent) string {
	var b strings.Builder
	for _, e := range evs {
		fmt.Fprintf(&b, "  %s %s %s\n", e.Start, e.UID, e.Summary)
	}
	return b.String()
}
