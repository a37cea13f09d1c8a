package ical

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
)

// FuzzInvite feeds user-typed values (a body name, a meeting location, an
// agenda item's title and proposal, a person's name, an online link)
// through a whole invitation: whatever a user types, the output must be a
// calendar go-ical reads back, with folded UTF-8 lines, and the texts must
// come back as typed (after the cleaning of control characters).
func FuzzInvite(f *testing.F) {
	f.Add("PHO Jeugd Walcheren", "Stadhuis, Raadzaal; ingang Markt", "Inkoop 2027", "1. Akkoord\r\n2. Rugdekking", `Cor "Kees"`, "https://teams.example.nl/x")
	f.Add("", "", "", "", "", "")
	f.Add("\\", ",;", "\x00\x1f", "\xff", "\"\"", "https://a b")
	f.Add(strings.Repeat("é", 80), strings.Repeat("€", 40), strings.Repeat("🙂", 30), strings.Repeat("x\n", 50), strings.Repeat("Ĳ", 60), "http://"+strings.Repeat("a", 200))
	f.Fuzz(func(t *testing.T, bodyName, loc, title, proposal, person, link string) {
		ds := fixture()
		ds.Bodies[0].Name = bodyName
		ds.People[0].Name = person
		m := &ds.Meetings[0]
		m.Location, m.OnlineURL = loc, link
		m.Items[3].Title, m.Items[3].Proposal = title, proposal
		in := inviteInput(ds)
		out, err := Invite(in)
		if err != nil {
			t.Fatalf("Invite: %v", err)
		}
		for i, l := range bytes.Split(bytes.TrimSuffix(out, crlf), crlf) {
			if len(l) > maxLineOctets || !utf8.Valid(l) || bytes.ContainsAny(l, "\r\n") {
				t.Fatalf("line %d is not a folded UTF-8 content line: %q", i+1, l)
			}
		}
		cal, err := goical.NewDecoder(bytes.NewReader(out)).Decode()
		if err != nil {
			t.Fatalf("go-ical cannot read the invite: %v\n%s", err, out)
		}
		ev := cal.Events()[0]
		if got, _ := ev.Props.Text("SUMMARY"); got != summaryText(bodyName) {
			t.Errorf("SUMMARY %q, want %q", got, summaryText(bodyName))
		}
		if loc := summaryText(loc); loc != "" {
			if got, _ := ev.Props.Text("LOCATION"); got != loc {
				t.Errorf("LOCATION %q, want %q", got, loc)
			}
		}
		desc, err := ev.Props.Text("DESCRIPTION")
		if err != nil {
			t.Fatalf("DESCRIPTION: %v", err)
		}
		if !strings.Contains(desc, summaryText(title)) {
			t.Errorf("DESCRIPTION lacks the title %q", summaryText(title))
		}
		for _, a := range ev.Props.Values("ATTENDEE") {
			if a.Value == "mailto:a.dewit@middelburg.nl" && a.Params.Get("CN") != paramText(person) {
				t.Errorf("CN %q, want %q", a.Params.Get("CN"), paramText(person))
			}
		}
		if u := ev.Props.Get("URL"); u != nil && u.Value != strings.TrimSpace(link) {
			t.Errorf("URL %q from %q", u.Value, link)
		}
	})
}

// FuzzOnlineURL checks the link a user types for an online meeting: it
// becomes the URL property only when it is an http(s) URL that needs no
// escaping, and then unchanged.
func FuzzOnlineURL(f *testing.F) {
	for _, s := range []string{"https://teams.example.nl/l/x?y=1", "http://x", "https://", "ftp://x", " https://a.nl ", "https://a b", "https://a\"b", "javascript:alert(1)", "https:///pad", "https://é.nl"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u := onlineURL(s)
		if u == "" {
			return
		}
		if u != strings.TrimSpace(s) {
			t.Fatalf("onlineURL(%q) = %q changed the link", s, u)
		}
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			t.Fatalf("onlineURL(%q) = %q is not http(s)", s, u)
		}
		for _, c := range []byte(u) {
			if c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
				t.Fatalf("onlineURL(%q) = %q holds %q", s, u, c)
			}
		}
	})
}
