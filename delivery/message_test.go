package delivery

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/planning"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// messagesOf renders p and parses every message, keyed by its first
// recipient.
func messagesOf(t *testing.T, p *Plan) (map[string]*parsedMail, []*Message) {
	t.Helper()
	msgs, err := p.Messages()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*parsedMail{}
	for i, m := range msgs {
		m.MessageID = "test-" + string(rune('a'+i)) + "@jeugdwalcheren.nl"
		data, err := m.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		out[m.To[0].Email] = parseMail(t, data)
	}
	return out, msgs
}

const iMIPStructure = "multipart/mixed[multipart/alternative[text/plain,text/html,text/calendar],application/ics,application/pdf]"

func TestInvitationMessage(t *testing.T) {
	ds := fixture()
	p := planFor(t, ds, mPHO, nil)
	mails, msgs := messagesOf(t, p)
	if len(msgs) != 4 {
		t.Fatalf("%d messages, want one per recipient (4)", len(msgs))
	}
	ix := domain.NewIndex(ds)
	inv, err := ical.Invite(ical.InviteInput{Meeting: *meeting(ds, mPHO), Index: ix, Settings: ds.Settings, Now: fixedNow, Lang: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	pdfs := map[bool][]byte{}
	for _, public := range []bool{false, true} {
		r, err := documents.Agenda(documents.AgendaInput{Meeting: *meeting(ds, mPHO), Index: ix, Public: public,
			Organiser: ds.Settings.OrganiserName, Now: fixedNow, NextMeeting: meeting(ds, mPHOJan),
			NextDeadlines: mustDeadlines(t, ds, mPHOJan)})
		if err != nil {
			t.Fatal(err)
		}
		pdfs[public] = r.PDF
	}
	for _, tt := range []struct {
		to     string
		public bool
	}{{"a.dewit@middelburg.nl", false}, {"g.zeeuw@ggdzeeland.nl", true}} {
		m := mails[tt.to]
		if m == nil {
			t.Fatalf("no message to %s", tt.to)
		}
		if m.Structure != iMIPStructure {
			t.Errorf("%s: structure %s", tt.to, m.Structure)
		}
		if got := m.Subject; got != "Uitnodiging: PHO Jeugd Walcheren, ma 23-11-2026 14:00" {
			t.Errorf("subject %q", got)
		}
		to, _ := m.Header.AddressList("To")
		if len(to) != 1 || to[0].Address != tt.to {
			t.Errorf("To %v", to)
		}
		from, _ := m.Header.AddressList("From")
		reply, _ := m.Header.AddressList("Reply-To")
		if len(from) != 1 || from[0].Address != "secretariaat@jeugdwalcheren.nl" || len(reply) != 0 {
			t.Errorf("From %v, Reply-To %v: the secretary organises and sends", from, reply)
		}
		cal := m.part("text/calendar")
		if cal.Params["method"] != "REQUEST" || !strings.EqualFold(cal.Params["charset"], "utf-8") {
			t.Errorf("calendar part parameters %v", cal.Params)
		}
		if _, ok := cal.Header["Content-Disposition"]; ok {
			t.Error("the calendar part has a Content-Disposition: Outlook may show it as a file")
		}
		if !bytes.Equal(cal.Body, inv) {
			t.Error("the calendar part is not the invitation byte for byte")
		}
		if ics := m.part("application/ics"); ics == nil || !bytes.Equal(ics.Body, inv) || ics.Filename != "invite.ics" {
			t.Error("the invite.ics attachment is not the invitation")
		}
		pdf := m.part("application/pdf")
		if !bytes.Equal(pdf.Body, pdfs[tt.public]) {
			t.Errorf("%s: the PDF is not the %v agenda", tt.to, map[bool]string{false: "full", true: "public"}[tt.public])
		}
		wantName := map[bool]string{false: "2026-11-23 Agenda PHO Jeugd Walcheren.pdf", true: "2026-11-23 Agenda PHO Jeugd Walcheren (openbaar).pdf"}[tt.public]
		if pdf.Filename != wantName || pdf.Params["name"] != pdf.Filename {
			t.Errorf("PDF named %q / %q", pdf.Filename, pdf.Params["name"])
		}
		if strings.Contains(strings.ToUpper(m.text()), secret) {
			t.Errorf("%s: confidential content in the mail", tt.to)
		}
		text := string(m.part("text/plain").Body)
		for _, want := range []string{"U bent uitgenodigd voor PHO Jeugd Walcheren.", "Wanneer: maandag 23 november 2026, 14:00–16:00 uur",
			"Waar: Stadhuis Middelburg, Raadzaal", "2. Vertrouwelijk agendapunt (ter besluitvorming)",
			"3. Inkoop jeugdhulp 2027 <perceel 2> & regio (ter besluitvorming)", "   Portefeuillehouder: Anna de Wit (Middelburg)"} {
			if !strings.Contains(text, want) {
				t.Errorf("text lacks %q:\n%s", want, text)
			}
		}
		html := string(m.part("text/html").Body)
		if !strings.Contains(html, "Inkoop jeugdhulp 2027 &lt;perceel 2&gt; &amp; regio") ||
			!strings.Contains(html, `<a href="https://teams.example.nl/l/meetup-join/abc">`) {
			t.Errorf("HTML not escaped or without link:\n%s", html)
		}
	}
}

func mustDeadlines(t *testing.T, ds *domain.Dataset, id int64) []domain.Deadline {
	t.Helper()
	d, err := planning.NewPlanner(ds).Deadlines(id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCancelAndWithdrawMessages(t *testing.T) {
	ds := fixture()
	log := delivered(t, planFor(t, ds, mPHO, nil), fixedNow)
	ds.Partnerships[0].Members[2].Until = date.MustParse("2026-11-01") // Veere leaves
	mails, _ := messagesOf(t, planFor(t, ds, mPHO, log))
	if len(mails) != 1 {
		t.Fatalf("%d messages after Veere left, want 1", len(mails))
	}
	w := mails["c.vandamme@veere.nl"]
	if w.Structure != "multipart/mixed[multipart/alternative[text/plain,text/html,text/calendar],application/ics]" {
		t.Errorf("withdrawal structure %s", w.Structure)
	}
	cal := decodeCal(t, w.part("text/calendar").Body)
	ev := cal.Events()[0]
	if cal.Props.Get("METHOD").Value != "CANCEL" || ev.Props.Get("STATUS") != nil ||
		len(ev.Props.Values("ATTENDEE")) != 1 || ev.Props.Get("ATTENDEE").Value != "mailto:c.vandamme@veere.nl" {
		t.Errorf("withdrawal calendar: method %s, props %v", cal.Props.Get("METHOD").Value, ev.Props)
	}
	if w.part("text/calendar").Params["method"] != "CANCEL" || w.part("application/ics").Filename != "cancel.ics" {
		t.Error("the withdrawal is not marked as a cancellation")
	}
	if !strings.Contains(string(w.part("text/plain").Body), "Veere is geen lid meer van Jeugd Walcheren") {
		t.Errorf("the withdrawal does not say why:\n%s", w.part("text/plain").Body)
	}

	m := meeting(ds, mPHO)
	m.Status, m.Sequence = domain.StatusGeannuleerd, 1
	mails, _ = messagesOf(t, planFor(t, ds, mPHO, log))
	if len(mails) != 4 {
		t.Fatalf("%d cancellations, want 4 (everyone who was invited, Cor too)", len(mails))
	}
	for to, c := range mails {
		cal := decodeCal(t, c.part("text/calendar").Body)
		ev := cal.Events()[0]
		if cal.Props.Get("METHOD").Value != "CANCEL" || ev.Props.Get("STATUS").Value != "CANCELLED" || ev.Props.Get("SEQUENCE").Value != "1" {
			t.Errorf("%s: not a cancellation with sequence 1", to)
		}
		if c.part("application/pdf") != nil {
			t.Errorf("%s: a cancellation carries an agenda", to)
		}
		if c.Subject != "Geannuleerd: PHO Jeugd Walcheren, ma 23-11-2026 14:00" {
			t.Errorf("subject %q", c.Subject)
		}
	}
}

func decodeCal(t *testing.T, b []byte) *goical.Calendar {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

// TestTogether: one message per group of recipients who get the same.
func TestTogether(t *testing.T) {
	ds := fixture()
	p := planFor(t, ds, mPHO, nil, func(in *PlanInput) { in.Mode = Together })
	msgs, err := p.Messages()
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, m := range msgs {
		sizes = append(sizes, len(m.To))
		if len(m.Records) != len(m.To) {
			t.Errorf("%d log rows for %d recipients", len(m.Records), len(m.To))
		}
		_, to := m.Envelope()
		if len(to) != len(m.To) {
			t.Errorf("envelope %v", to)
		}
	}
	if len(sizes) != 2 || sizes[0] != 3 || sizes[1] != 1 {
		t.Errorf("groups of %v, want the members together (3) and the adviser apart (1)", sizes)
	}
}

// TestHeaderInjection: a name or subject with a line break cannot add a
// header (a Bcc to someone else).
func TestHeaderInjection(t *testing.T) {
	m := &Message{From: Address{Name: "Secretariaat\r\nBcc: spion@example.org", Email: "s@example.nl"},
		To:      []Address{{Name: "Anna\nBcc: spion@example.org", Email: "a@example.nl"}},
		Subject: "Agenda\r\nBcc: spion@example.org", Date: fixedNow, MessageID: "x@example.nl", Text: "hoi", HTML: "<p>hoi</p>"}
	data, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pm := parseMail(t, data)
	if len(pm.Header["Bcc"]) > 0 {
		t.Errorf("header injected: %v", pm.Header["Bcc"])
	}
	if pm.Subject != "Agenda Bcc: spion@example.org" {
		t.Errorf("subject %q", pm.Subject)
	}
}

// TestGoldenBodies keeps the texts that people read under review:
// testdata/golden/<name>.txt holds the subject, the plain text and the
// HTML of each kind of message (go test ./delivery -update rewrites them).
func TestGoldenBodies(t *testing.T) {
	ds := fixture()
	first := planFor(t, ds, mPHO, nil)
	log := delivered(t, first, fixedNow)
	moved := fixture()
	mm := meeting(moved, mPHO)
	mm.Start, mm.End, mm.Sequence = mm.Start.Add(time.Hour), mm.End.Add(time.Hour), 1
	left := fixture()
	left.Partnerships[0].Members[2].Until = date.MustParse("2026-11-01")
	cancelled := fixture()
	mc := meeting(cancelled, mPHO)
	mc.Status, mc.Sequence = domain.StatusGeannuleerd, 1
	cases := []struct {
		name string
		p    *Plan
		to   string
	}{
		{"invite", first, "a.dewit@middelburg.nl"},
		{"invite-adviser", first, "g.zeeuw@ggdzeeland.nl"},
		{"update", planFor(t, moved, mPHO, log), "a.dewit@middelburg.nl"},
		{"withdraw", planFor(t, left, mPHO, log), "c.vandamme@veere.nl"},
		{"cancel", planFor(t, cancelled, mPHO, log), "a.dewit@middelburg.nl"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			msgs, err := c.p.Messages()
			if err != nil {
				t.Fatal(err)
			}
			var m *Message
			for _, x := range msgs {
				if x.To[0].Email == c.to {
					m = x
				}
			}
			if m == nil {
				t.Fatalf("no message to %s", c.to)
			}
			checkGolden(t, c.name, "Subject: "+m.Subject+"\n\n"+m.Text+"\n----\n"+m.HTML)
		})
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".txt")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./delivery -run %s -update)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n%s", name, path, firstDiff(got, string(want)))
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconvItoa(i+1) + ":\n got " + gl + "\nwant " + wl
		}
	}
	return ""
}

func strconvItoa(n int) string { return itoa(n) }
