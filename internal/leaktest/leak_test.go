// Package leaktest holds the confidentiality test of issue 6: a database
// in which every agenda item and stuk is confidential, and every
// confidential field (title, proposal, decision, motivation, stuk title
// and file name, advice note, action description) holds a marker word of
// its own, is rendered into every output that may leave the secretariat.
// Not one marker may appear in any of them: not in the text, not in PDF
// metadata, bookmarks or links, not in a file name, not in any decoded
// part of an e-mail.
//
// The outputs are made the way users make them: through the real CLI
// commands (in-process), through delivery's plan and its .eml transport,
// and through the feed that delivery publishes to CalDAV. The test fails
// once per leak, naming the output, the word and the field it came from.
package leaktest

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/cli"
	"github.com/overlegplanner/overlegplanner/delivery"
	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
	"github.com/overlegplanner/overlegplanner/store"
)

func TestMain(m *testing.M) {
	i18n.SetLanguage(i18n.Dutch)
	os.Exit(m.Run())
}

// TestNoConfidentialWordLeaks is the check of issue 6 part 6.
func TestNoConfidentialWordLeaks(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every output of a whole region")
	}
	f := build(t)
	sc := newScanner(t, f)
	start := time.Now()
	t.Run("cli", func(t *testing.T) { cliOutputs(t, f, sc) })
	t.Run("delivery-eml", func(t *testing.T) { deliveryMail(t, f, sc) })
	t.Run("delivery-caldav", func(t *testing.T) { caldavObjects(t, f, sc) })
	t.Run("controls", func(t *testing.T) { controls(t, f, sc) })
	var kinds []string
	for k, n := range sc.covered {
		kinds = append(kinds, fmt.Sprintf("  %-58s %4d", k, n))
	}
	sort.Strings(kinds)
	t.Logf("outputs scanned in %s:\n%s", time.Since(start).Round(time.Second), strings.Join(kinds, "\n"))
}

// runner runs CLI commands against the fixture's database.
type runner struct {
	t   *testing.T
	f   *fixture
	sc  *scanner
	dir string
	n   int
	// exit is the exit code the next commands must give.
	exit int
}

// run runs one command and scans its stdout and stderr; it returns the
// stdout. A command that fails fails the test: an output that cannot be
// made proves nothing.
func (r *runner) run(kind string, args ...string) string {
	r.t.Helper()
	var out, errb bytes.Buffer
	full := append([]string{args[0], "--db", r.f.db}, args[1:]...)
	code := cli.Run(context.Background(), full, cli.Env{Stdout: &out, Stderr: &errb, Now: func() time.Time { return now }})
	if code != r.exit {
		r.t.Errorf("overlegplanner %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	r.sc.output(r.t, kind, "", append(out.Bytes(), errb.Bytes()...))
	return out.String()
}

// file runs a command that writes --out FILE, then scans the file.
func (r *runner) file(kind, ext string, args ...string) {
	r.t.Helper()
	r.n++
	path := filepath.Join(r.dir, fmt.Sprintf("%s-%d.%s", args[0], r.n, ext))
	r.run("CLI terminal output ("+args[0]+")", append(args, "--out", path)...)
	data, err := os.ReadFile(path)
	if err != nil {
		r.t.Errorf("%s: no output file: %v", kind, err)
		return
	}
	r.sc.output(r.t, kind, "", data)
}

// cliOutputs renders every public output the CLI makes.
func cliOutputs(t *testing.T, f *fixture, sc *scanner) {
	r := &runner{t: t, f: f, sc: sc, dir: t.TempDir()}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	ds := loadDataset(t, f)

	for _, m := range f.meetings {
		if len(m.Items) == 0 {
			continue
		}
		r.file("public agenda PDF (agenda --public)", "pdf", "agenda", "--meeting", id(m.ID), "--public")
		r.file("public decision list PDF (decisions --public)", "pdf", "decisions", "--meeting", id(m.ID), "--public")
		r.file("invitation (invite)", "ics", "invite", "--meeting", id(m.ID))
		r.file("cancellation (invite --cancel)", "ics", "invite", "--meeting", id(m.ID), "--cancel")
		if hasFile(m) {
			r.file("public vergaderbundel PDF (bundle --public)", "pdf", "bundle", "--meeting", id(m.ID), "--public", "--no-convert")
		}
	}
	years := []string{"2026", "2027"}
	for _, b := range ds.Bodies {
		r.file("feed per body (feed --body)", "ics", "feed", "--body", id(b.ID))
		for _, y := range years {
			r.file("year plan PDF per body (yearplan --body)", "pdf", "yearplan", "--body", id(b.ID), "--year", y)
		}
		if b.Rhythm.Kind != domain.RhythmNone {
			r.run("schedule JSON (schedule --json)", "schedule", "--body", id(b.ID), "--year", "2027", "--json")
		}
	}
	for _, p := range ds.Partnerships {
		r.file("year plan PDF per partnership (yearplan --partnership)", "pdf", "yearplan", "--partnership", id(p.ID), "--year", "2027")
	}
	for _, g := range ds.Municipalities {
		r.file("feed per gemeente (feed --municipality)", "ics", "feed", "--municipality", g.Name)
		r.file("deadline overview PDF per gemeente", "pdf", "deadlines", "--municipality", g.Name)
		r.file("deadline overview CSV per gemeente", "csv", "deadlines", "--municipality", g.Name, "--csv")
		r.run("deadlines JSON per gemeente", "deadlines", "--municipality", g.Name, "--json")
	}
	for _, p := range ds.People {
		if p.Email == "" {
			continue
		}
		r.file("feed per person (feed --person)", "ics", "feed", "--person", p.Email)
		r.file("deadline overview PDF per person", "pdf", "deadlines", "--person", p.Email)
	}
	for _, args := range [][]string{
		{"meetings", "--json", "--cancelled"},
		{"meetings"},
		{"calendar", "--year", "2026", "--json"},
		{"calendar", "--year", "2027", "--json"},
		{"deadlines", "--json"},
		{"conflicts", "--json"},
	} {
		r.run("CLI JSON and lists ("+strings.Join(args, " ")+")", args...)
	}
	// check reports the region's problems (the demo has impossible
	// chains on purpose, so it exits 1); what it prints is scanned.
	r.exit = cli.ExitError
	r.run("CLI check", "check")
	r.exit = 0
	// The plan that send prints before it sends (what a secretary
	// pastes into a mail to ask a colleague).
	for _, m := range upcoming(f, 3) {
		r.run("CLI send --dry-run plan", "send", "--meeting", id(m.ID), "--dry-run")
	}
}

// deliveryMail sends the invitations of coming meetings, a cancellation
// and the deadline digests through the .eml transport, and scans every
// message: body, calendar part, headers, attachment names, and the public
// agenda PDF that advisers get. The full agenda that members get is the
// one part allowed to hold confidential text; the test checks that it is
// only ever attached for members.
func deliveryMail(t *testing.T, f *fixture, sc *scanner) {
	ctx := context.Background()
	ds := loadDataset(t, f)
	planner := planning.NewPlanner(ds)
	dir := t.TempDir()
	variant := map[string]delivery.Variant{}
	internal := func(to, file string) bool {
		a, err := mail.ParseAddress(to)
		if err != nil {
			t.Errorf("To %q: %v", to, err)
			return false
		}
		return variant[strings.ToLower(a.Address)] == delivery.VariantFull
	}
	var sent, full, publicCopies int
	meetings := upcoming(f, 4)
	if c := cancelled(f); c != nil {
		meetings = append(meetings, *c)
	}
	for _, m := range meetings {
		p, err := delivery.PlanMeeting(delivery.PlanInput{Planner: planner, Meeting: m, Now: now})
		if err != nil {
			t.Fatalf("plan of meeting %d: %v", m.ID, err)
		}
		for _, rc := range p.Recipients {
			variant[strings.ToLower(rc.Email)] = rc.Variant
			if rc.Variant == delivery.VariantPublic {
				publicCopies++
			}
		}
		sc.text(t, "delivery plan title", p.Title)
		out := &delivery.EMLDir{Dir: filepath.Join(dir, strconv.FormatInt(m.ID, 10))}
		if _, err := delivery.Send(ctx, p, out, delivery.SendOptions{Now: func() time.Time { return now }}); err != nil {
			t.Fatalf("send meeting %d: %v", m.ID, err)
		}
		for _, path := range out.Written {
			full += sc.eml(t, path, internal)
			sent++
		}
	}
	var full2 []domain.Meeting
	for _, m := range f.meetings {
		if !m.IsCancelled() && !m.Date().Before(domain.DateOf(now)) {
			full2 = append(full2, m)
		}
	}
	dp, err := delivery.PlanDigests(delivery.DigestInput{Planner: planner, Meetings: full2, Today: domain.DateOf(now),
		Days: delivery.DefaultDigestDays, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	out := &delivery.EMLDir{Dir: filepath.Join(dir, "digests")}
	if len(dp.Pending()) > 0 {
		if _, err := delivery.Send(ctx, dp, out, delivery.SendOptions{Now: func() time.Time { return now }}); err != nil {
			t.Fatalf("send digests: %v", err)
		}
	}
	for _, path := range out.Written {
		sc.covered["deadline digest e-mail (.eml)"]++
		sc.eml(t, path, func(string, string) bool { return false })
	}
	t.Logf("%d invitation messages (%d full agendas for members not scanned, %d public copies planned), %d digests",
		sent, full, publicCopies, len(out.Written))
	if sent == 0 || len(out.Written) == 0 {
		t.Errorf("nothing was sent: %d invitations, %d digests", sent, len(out.Written))
	}
	if full > 0 && sc.covered["control (must hold markers): full agenda PDF attached for a member"] == 0 {
		t.Error("no full agenda decoded from an e-mail holds a marker: the e-mail decoding would miss a leak")
	}
	if sc.covered["public agenda PDF attached to an e-mail"] == 0 {
		t.Error("no message carried the public agenda: the advisers' variant is not covered")
	}
}

// caldavObjects scans what delivery.Publish writes to a CalDAV server: per
// default scope the calendar's name and description and the feed it
// splits into one object per event (delivery's calendarObjects only cuts
// the feed apart, adding nothing).
func caldavObjects(t *testing.T, f *fixture, sc *scanner) {
	ds := loadDataset(t, f)
	planner := planning.NewPlanner(ds)
	deadlines := planner.AllDeadlines(0, 0)
	for _, s := range delivery.DefaultScopes(ds) {
		title, err := ical.FeedTitle(planner.Index(), s, i18n.Dutch)
		if err != nil {
			t.Fatal(err)
		}
		sc.text(t, "CalDAV calendar name", title)
		feed, err := ical.Feed(ical.FeedInput{Scope: s, Index: planner.Index(), Deadlines: deadlines, Settings: ds.Settings, Now: now, Lang: i18n.Dutch})
		if err != nil {
			t.Fatal(err)
		}
		sc.output(t, "CalDAV objects (feed per scope as Publish writes it)", "", feed)
	}
}

// controls prove that the scanner would see a leak: the outputs meant for
// members and the secretariat do hold the markers, in every form the
// public outputs are scanned in (PDF text, CSV, e-mail attachment).
func controls(t *testing.T, f *fixture, sc *scanner) {
	m := upcoming(f, 1)[0]
	dir := t.TempDir()
	id := strconv.FormatInt(m.ID, 10)
	run := func(args ...string) []byte {
		t.Helper()
		path := filepath.Join(dir, args[0]+"."+map[bool]string{true: "csv", false: "pdf"}[args[0] == "agenda-export"])
		var out, errb bytes.Buffer
		code := cli.Run(context.Background(), append(append([]string{args[0], "--db", f.db}, args[1:]...), "--out", path),
			cli.Env{Stdout: &out, Stderr: &errb, Now: func() time.Time { return now }})
		if code != 0 {
			t.Fatalf("%v: %s", args, errb.String())
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	probe := &scanner{f: f, covered: map[string]int{}, pdfDir: dir}
	for _, c := range []struct {
		what string
		data []byte
		want string // a marker the output must hold
	}{
		{"full agenda PDF (agenda, for members)", run("agenda", "--meeting", id), m.Items[0].Title},
		{"full vergaderbundel (bundle, for members)", run("bundle", "--meeting", id, "--no-convert"), m.Items[0].Title},
		{"agenda CSV (agenda-export, the secretariat's working file)", run("agenda-export", "--meeting", id), m.Items[0].Proposal},
	} {
		want := strings.Fields(c.want)[0]
		found := probe.find(t, c.data)
		if !found[want] {
			t.Errorf("control %s: marker %s not found; the scanner would miss a leak (found %d markers)", c.what, want, len(found))
		}
		sc.covered["control (must hold markers): "+c.what]++
	}
	// The agenda CSV is a working file for the secretariat (it reads back
	// with agenda-import): it holds every item, so it must say which are
	// confidential.
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(run("agenda-export", "--meeting", id), []byte("\ufeff"))))
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows[1:] {
		if len(row) < 5 || row[4] != "ja" {
			t.Errorf("agenda CSV row %d does not say vertrouwelijk=ja: %q", i+2, row)
		}
	}
}

// find returns the markers in an output, as the scanner would see them.
func (sc *scanner) find(t *testing.T, data []byte) map[string]bool {
	t.Helper()
	texts := []string{string(data)}
	if bytes.HasPrefix(data, []byte("%PDF-")) {
		texts = append(texts, pdfText(t, sc.pdfDir, data))
	}
	found := map[string]bool{}
	for _, s := range texts {
		for _, hit := range markerRE.FindAllString(s, -1) {
			found[strings.ToUpper(hit)] = true
		}
	}
	return found
}

// loadDataset reads the fixture's dataset as the CLI does.
func loadDataset(t *testing.T, f *fixture) *domain.Dataset {
	t.Helper()
	s, err := store.Open(context.Background(), f.db, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ds, err := s.Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// hasFile reports whether a stuk of m has a stored file.
func hasFile(m domain.Meeting) bool {
	for _, it := range m.Items {
		for _, d := range it.Documents {
			if d.StoredName != "" {
				return true
			}
		}
	}
	return false
}

// upcoming returns the first n coming meetings with an agenda and stukken.
func upcoming(f *fixture, n int) []domain.Meeting {
	var out []domain.Meeting
	for _, m := range f.meetings {
		if len(out) < n && !m.IsCancelled() && m.Start.After(now) && len(m.Items) > 3 && hasFile(m) {
			out = append(out, m)
		}
	}
	return out
}

// cancelled returns a coming cancelled meeting with an agenda, if any.
func cancelled(f *fixture) *domain.Meeting {
	for _, m := range f.meetings {
		if m.IsCancelled() && m.Start.After(now) && len(m.Items) > 0 {
			return &m
		}
	}
	return nil
}
