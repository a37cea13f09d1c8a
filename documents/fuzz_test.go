package documents

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/documents/pdf"
	"github.com/overlegplanner/overlegplanner/domain"
)

// FuzzAgenda renders an agenda whose every typed text comes from the
// fuzzer: titles, proposals, document names, the location, the online
// link, a person's name and function. Whatever a secretary types or
// pastes — odd Unicode, words longer than a line, empty strings, control
// characters, text of several pages — must render without panic and, in
// strict mode, without any text outside its box or below the margin.
func FuzzAgenda(f *testing.F) {
	f.Add("Regionale inkoop jeugdhulp", "1. instemmen\n2. € 48,6 mln", "Voorstel.pdf", "Provinciehuis", "https://meet.example.nl/x", "Joëlle de Backer")
	f.Add("", "", "", "", "", "")
	f.Add(strings.Repeat("Donaudampfschifffahrtsgesellschaftskapitän", 8), strings.Repeat("x", 1500), strings.Repeat("_", 300), strings.Repeat("L", 400), "javascript:alert(1)", strings.Repeat("W", 200))
	f.Add("\x00\x01\x1b[31m\u202eevil\u202c", "\r\n\r\n\t\t- a\n  - b\n\n\n1)", "\xff\xfe\xfd", "\u200b\u00ad\ufeff", "http://\u0000", "\u0301\u0301\u0301")
	f.Add("😀👍🏽 日本語 العربية עברית", "Ω≈ç√∫ ﬁ ① Ａ", "ĳsselmonde", "Súdwest-Fryslân", "mailto:a@b.nl", "Ngô Bảo Châu")
	f.Add(strings.Repeat("een twee drie ", 150), strings.Repeat("regel\n", 120), "a", "b", "c", "d")
	f.Fuzz(func(t *testing.T, title, proposal, docName, loc, url, person string) {
		in := agendaInput(false)
		in.Index.People[205].Name = person
		in.Index.People[205].Function = proposal
		in.Index.Bodies[bodyPHO].Name = title
		m := &in.Meeting
		m.Location, m.OnlineURL = loc, url
		m.Items[0].Title = title
		m.Items[3].Title = title + " " + docName
		m.Items[3].Proposal = proposal
		m.Items[3].Documents[0].Title = docName
		m.Items[3].Documents[1].Title = ""
		m.Items[3].Documents[1].FileName = docName
		m.Items[5].Title = proposal
		for _, public := range []bool{false, true} {
			in.Public = public
			r, err := Agenda(in)
			if errors.Is(err, pdf.ErrLayout) {
				t.Fatalf("layout broke: %v", err)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(r.PDF, []byte("%PDF-1.")) || !bytes.HasSuffix(bytes.TrimSpace(r.PDF), []byte("%%EOF")) || r.Pages < 1 {
				t.Fatalf("not a complete PDF (%d bytes, %d pages)", len(r.PDF), r.Pages)
			}
			if strings.ContainsAny(r.Name, "/\\:*?\"<>|\x00") {
				t.Fatalf("file name %q", r.Name)
			}
		}
	})
}

// FuzzFileName: any title gives a name that every file system accepts.
func FuzzFileName(f *testing.F) {
	for _, s := range []string{"Agenda PHO", "", "CON", "a/b\\c", "...", strings.Repeat("é", 300), "\xff", " . "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		name := FileName(title, 0, "pdf")
		base := strings.TrimSuffix(name, ".pdf")
		switch {
		case !strings.HasSuffix(name, ".pdf") || base == "":
			t.Fatalf("%q: no base name", name)
		case len(base) > maxFileNameBytes+1: // +1 for a "_" before a reserved name
			t.Fatalf("%q: %d bytes", name, len(base))
		case strings.ContainsAny(base, "/\\:*?\"<>|") || strings.ContainsFunc(base, func(r rune) bool { return r < 0x20 || r == 0x7f }):
			t.Fatalf("%q: forbidden character", name)
		case strings.HasPrefix(base, ".") || strings.HasSuffix(base, ".") || strings.HasSuffix(base, " ") || strings.HasPrefix(base, " "):
			t.Fatalf("%q: leading or trailing dot or space", name)
		case reservedOnWindows(base):
			t.Fatalf("%q: reserved on Windows", name)
		}
		if !isValidUTF8(name) {
			t.Fatalf("%q: invalid UTF-8", name)
		}
	})
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// FuzzDeadlineCSV: a typed deadline name or reason never breaks the CSV
// (the record count and column count stay right) and never starts a
// field with a formula character.
func FuzzDeadlineCSV(f *testing.F) {
	f.Add("Stukken aanleveren", "krap")
	f.Add("=1+1", "-2")
	f.Add("a;b\"c\r\nd", "@SUM(A1)")
	f.Add("", "\x00")
	f.Fuzz(func(t *testing.T, name, reason string) {
		in := overviewInput(ScopeMunicipality, 13)
		in.Deadlines = []domain.Deadline{{MeetingID: meetingNext, RuleKey: "x", Name: name, Kind: domain.KindOther,
			Audience: domain.AudienceAmbtenaren, Due: nextMeeting().Date(), Status: domain.DeadlineKrap, Reason: reason}}
		var buf bytes.Buffer
		if err := DeadlineCSV(&buf, in); err != nil {
			t.Fatal(err)
		}
		recs, err := readCSV(buf.Bytes())
		if err != nil {
			t.Fatalf("unreadable CSV: %v", err)
		}
		if len(recs) != 2 || len(recs[1]) != len(recs[0]) {
			t.Fatalf("records %q", recs)
		}
		for _, f := range []string{recs[1][1], recs[1][12]} {
			if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
				t.Fatalf("field %q starts with a formula character", f)
			}
		}
	})
}
