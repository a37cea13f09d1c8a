package agendacsv

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/overlegplanner/overlegplanner/domain"
)

// FuzzParse feeds Parse arbitrary files. It must never panic; it either
// returns items or an *Error (never both); every item it returns is valid
// for the store, with a title and a known kind, and people only from the
// list; and what it returns writes and reads back to the same items.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"titel;soort;portefeuillehouder;steller;vertrouwelijk;voorstel\r\nOpening;;;;;\r\nRegiovisie;ter besluitvorming;Joëlle de Backer;b.wisse@goes.nl;ja;\"1. a\r\n2. b\"\r\n",
		"Title,Kind\nAOB,any other business\n",
		"titel\t soort\nMededelingen\t\n",
		"titel;voorstel\n'=1+1;'@x\n",
		"titel\n\"open quote\n",
		"\xef\xbb\xbftitel;soort\n;\n;;;\n",
		"titel;titel\nA;B\n",
		"caf\xe9;x\n",
		"titel;portefeuillehouder\nA;Jan Jansen <j.jansen@sluis.nl>\nB;Jan Jansen\n",
		"\xff\xfet\x00i\x00t\x00e\x00l\x00\r\x00\n\x00A\x00\r\x00\n\x00",
		"\xfe\xff\x00t\x00i\x00t\x00e\x00l",
		"PK\x03\x04\x14\x00",
		"%PDF-1.7\n\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := Parse(bytes.NewReader(data), people)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) || len(ce.Problems) == 0 || items != nil {
				t.Fatalf("err = %v (%T), items %d", err, err, len(items))
			}
			_ = err.Error()
			return
		}
		ids := map[int64]bool{0: true}
		for _, p := range people {
			ids[p.ID] = true
		}
		for _, it := range items {
			if err := it.Validate(); err != nil {
				t.Fatalf("invalid item %+v: %v", it, err)
			}
			if !utf8.ValidString(it.Title) || !utf8.ValidString(it.Proposal) || it.Title != strings.TrimSpace(it.Title) {
				t.Fatalf("text not clean: %q / %q", it.Title, it.Proposal)
			}
			if !ids[it.PortefeuillehouderID] || !ids[it.StellerID] {
				t.Fatalf("unknown person in %+v", it)
			}
		}
		var buf bytes.Buffer
		if err := Write(&buf, items, people); err != nil {
			t.Fatal(err)
		}
		again, err := Parse(&buf, people)
		if err != nil {
			t.Fatalf("written file does not read back: %v\n%q", err, buf.String())
		}
		if len(again) != len(items) {
			t.Fatalf("%d items read back, want %d", len(again), len(items))
		}
		for i := range items {
			a, b := items[i], again[i]
			a.Proposal, b.Proposal = strings.TrimSpace(a.Proposal), strings.TrimSpace(b.Proposal)
			if a.Title != b.Title || a.Kind != b.Kind || a.PortefeuillehouderID != b.PortefeuillehouderID ||
				a.StellerID != b.StellerID || a.Confidential != b.Confidential || a.Proposal != b.Proposal {
				t.Fatalf("round trip changed item %d:\n%+v\n%+v", i, a, b)
			}
		}
		_ = domain.ItemKinds
	})
}
