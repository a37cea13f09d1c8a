package agendacsv

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

var people = []domain.Person{
	{ID: 1, Name: "Joëlle de Backer", Email: "j.debacker@middelburg.nl", Role: domain.PersonBestuurder},
	{ID: 2, Name: "Bram Wisse", Email: "b.wisse@goes.nl", Role: domain.PersonAmbtenaar},
	{ID: 3, Name: "Jan Jansen", Email: "jan.jansen@veere.nl", Role: domain.PersonAmbtenaar},
	{ID: 4, Name: "Jan  Jansen", Email: "j.jansen@sluis.nl", Role: domain.PersonBestuurder},
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []domain.AgendaItem
	}{
		{"dutch excel", "\ufefftitel;soort;portefeuillehouder;steller;vertrouwelijk;voorstel\r\n" +
			"Opening;;;;;\r\n" +
			"Regiovisie jeugd;ter besluitvorming;Joëlle de Backer;b.wisse@goes.nl;nee;\"1. Instemmen.\r\n2. Voorleggen aan de raden.\"\r\n" +
			";;;;;\r\n" +
			"Gunning perceel 2;besluitvorming;;Jan Jansen <jan.jansen@veere.nl>;ja;\r\n" +
			"'=Kosten;hamerstuk;;;;'-ontwerp\r\n",
			[]domain.AgendaItem{
				{Title: "Opening", Kind: domain.ItemOpening},
				{Title: "Regiovisie jeugd", Kind: domain.ItemBesluitvorming, PortefeuillehouderID: 1, StellerID: 2, Proposal: "1. Instemmen.\n2. Voorleggen aan de raden."},
				{Title: "Gunning perceel 2", Kind: domain.ItemBesluitvorming, StellerID: 3, Confidential: true},
				{Title: "=Kosten", Kind: domain.ItemHamerstuk, Proposal: "-ontwerp"},
			}},
		{"english, commas, reordered, fewer columns", "Kind,Title,Confidential\nfor information,Quarterly report,no\nany other business,AOB,\n",
			[]domain.AgendaItem{{Title: "Quarterly report", Kind: domain.ItemInformatie}, {Title: "AOB", Kind: domain.ItemRondvraag}}},
		{"tabs and kinds from titles", "Titel\tSoort\nMededelingen\t\nBesluitenlijst 11 februari\t\nOpeningstijden loket\t\nSluiting.\t\n",
			[]domain.AgendaItem{{Title: "Mededelingen", Kind: domain.ItemMededelingen}, {Title: "Besluitenlijst 11 februari", Kind: domain.ItemVerslag},
				{Title: "Openingstijden loket", Kind: domain.ItemBespreking}, {Title: "Sluiting.", Kind: domain.ItemSluiting}}},
		{"windows-1252", string(cp1252("titel;portefeuillehouder\nCaf\u00e9-overleg \u2013 vervolg;Jo\u00eblle de Backer\n")),
			[]domain.AgendaItem{{Title: "Café-overleg – vervolg", Kind: domain.ItemBespreking, PortefeuillehouderID: 1}}},
		{"trailing separators", "titel;soort;\nA;informatie;\n", []domain.AgendaItem{{Title: "A", Kind: domain.ItemInformatie}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tc.in), people)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d items %+v, want %d", len(got), got, len(tc.want))
			}
			for i := range got {
				g, w := got[i], tc.want[i]
				if g.Title != w.Title || g.Kind != w.Kind || g.PortefeuillehouderID != w.PortefeuillehouderID || g.StellerID != w.StellerID ||
					g.Confidential != w.Confidential || g.Proposal != w.Proposal {
					t.Errorf("item %d = %+v\nwant %+v", i, g, w)
				}
			}
		})
	}
}

func cp1252(s string) []byte {
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

// TestParseErrors checks that every bad row is reported with its line and
// column, and that nothing comes back when one is wrong.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // problems as rendered in Dutch
	}{
		{"bad rows", "titel;soort;portefeuillehouder;steller;vertrouwelijk\n" +
			"Goed punt;informatie;;;\n" +
			";informatie;;;\n" +
			"Punt;ter beslissing;Onbekende Persoon;;misschien\n" +
			"Punt 4;;Jan Jansen;;\n" +
			"Punt 5;;;;;te veel\n",
			[]string{
				"regel 3, kolom ‘titel’: de titel ontbreekt",
				"regel 4, kolom ‘soort’: ‘ter beslissing’ is geen soort agendapunt",
				"regel 4, kolom ‘portefeuillehouder’: niemand met de naam of het e-mailadres ‘Onbekende Persoon’",
				"regel 4, kolom ‘vertrouwelijk’: ‘misschien’ is geen ja of nee",
				"regel 5, kolom ‘portefeuillehouder’: 2 personen heten ‘Jan Jansen’; vul het e-mailadres in",
				"regel 6: de regel heeft 6 velden, de kop 5",
			}},
		{"line numbers count quoted line breaks", "titel;voorstel\n\"A\";\"een\ntwee\ndrie\"\n;x\n",
			[]string{"regel 5, kolom ‘titel’: de titel ontbreekt"}},
		{"unknown and duplicate columns", "titel;datum;Titel\nA;1;B\n",
			[]string{"regel 1, kolom ‘datum’: onbekende kolom", "regel 1, kolom ‘Titel’: deze kolom staat er twee keer in"}},
		{"no header", "Opening;opening\nSluiting;sluiting\n", []string{"regel 1: de eerste regel moet de kolomnamen bevatten"}},
		{"no title column", "soort\nopening\n", []string{"regel 1: de eerste regel moet de kolomnamen bevatten"}},
		{"empty", "\ufeff \r\n", []string{"het bestand is leeg"}},
		{"header only", "titel;soort\r\n", []string{"het bestand bevat kolomnamen maar geen agendapunten"}},
		{"excel workbook", "PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", []string{"dit is een Excel-werkmap, geen CSV-bestand"}},
		{"old excel workbook", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", []string{"dit is een Excel-werkmap, geen CSV-bestand"}},
		{"pdf", "%PDF-1.7\n\x00\x01binary", []string{"dit is geen tekstbestand (CSV)"}},
		{"utf-16 that is not text", "\xff\xfe\x00\x00\x00\x00", []string{"dit is geen tekstbestand (CSV)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tc.in), people)
			if got != nil {
				t.Errorf("items returned despite errors: %+v", got)
			}
			var ce *Error
			if !errors.As(err, &ce) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if !strings.HasPrefix(err.Error(), "het bestand is niet geïmporteerd") {
				t.Errorf("message starts %q", err.Error())
			}
			if len(ce.Problems) != len(tc.want) {
				t.Errorf("%d problems, want %d:\n%v", len(ce.Problems), len(tc.want), err)
			}
			for i, w := range tc.want {
				if i < len(ce.Problems) && !strings.HasPrefix(ce.Problems[i].String(), w) {
					t.Errorf("problem %d = %q\nwant prefix %q", i, ce.Problems[i].String(), w)
				}
			}
		})
	}
}

// TestParseUTF16 reads Excel's "Unicode text": UTF-16 with a byte order
// mark, tab-separated, in both byte orders.
func TestParseUTF16(t *testing.T) {
	text := "titel\tsoort\tvertrouwelijk\r\nJeugdhulp op de eilanden — één loket\tbespreking\tja\r\nRondvraag\t\t\r\n"
	for _, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		data, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		got, err := Parse(bytes.NewReader(data), people)
		if err != nil {
			t.Fatalf("byte order %v: %v", order, err)
		}
		want := []domain.AgendaItem{
			{Title: "Jeugdhulp op de eilanden — één loket", Kind: domain.ItemBespreking, Confidential: true},
			{Title: "Rondvraag", Kind: domain.ItemRondvraag},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("byte order %v:\n got %+v\nwant %+v", order, got, want)
		}
	}
}

func TestParseLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("titel;soort\n")
	for range MaxItems + 1 {
		b.WriteString("Punt;nonsens\n")
	}
	_, err := Parse(strings.NewReader(b.String()), nil)
	var ce *Error
	if !errors.As(err, &ce) || len(ce.Problems) != maxReport || ce.More == 0 {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "en nog") {
		t.Error("the count of problems not listed is missing")
	}
	big := strings.NewReader("titel\n" + strings.Repeat("x", MaxBytes))
	if _, err := Parse(big, nil); !errors.As(err, &ce) || !strings.Contains(err.Error(), "groter dan 2 MB") {
		t.Errorf("large file: %v", err)
	}
}

// TestRoundTrip writes an agenda and reads it back in both languages.
func TestRoundTrip(t *testing.T) {
	items := []domain.AgendaItem{
		{Title: "Opening en vaststellen agenda", Kind: domain.ItemOpening},
		{Title: "Regiovisie; concept", Kind: domain.ItemBesluitvorming, PortefeuillehouderID: 1, StellerID: 3, Confidential: true,
			Proposal: "1. Instemmen met \"de visie\".\n2. Voorleggen."},
		{Title: "- streepje vooraan", Kind: domain.ItemHamerstuk, PortefeuillehouderID: 4, Proposal: "=SOM(A1)"},
		{Title: "Rondvraag", Kind: domain.ItemRondvraag},
	}
	for _, lang := range i18n.Languages() {
		t.Run(string(lang), func(t *testing.T) {
			i18n.SetLanguage(lang)
			defer i18n.SetLanguage(i18n.Dutch)
			var buf bytes.Buffer
			if err := Write(&buf, items, people); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if !strings.HasPrefix(out, "\ufeff") || !strings.Contains(out, "\r\n") || strings.Contains(out, ";=") || strings.Contains(out, ";-") {
				t.Errorf("not in Excel form or not neutralised:\n%s", out)
			}
			if !strings.Contains(out, "j.jansen@sluis.nl") {
				t.Errorf("an ambiguous name is not written as its address:\n%s", out)
			}
			got, err := Parse(&buf, people)
			if err != nil {
				t.Fatal(err)
			}
			for i := range items {
				g, w := got[i], items[i]
				if g.Title != w.Title || g.Kind != w.Kind || g.PortefeuillehouderID != w.PortefeuillehouderID || g.StellerID != w.StellerID ||
					g.Confidential != w.Confidential || g.Proposal != w.Proposal {
					t.Errorf("item %d = %+v\nwant %+v", i, g, w)
				}
			}
		})
	}
}

func TestParseKind(t *testing.T) {
	tests := []struct {
		in, title string
		want      domain.ItemKind
		ok        bool
	}{
		{"besluitvorming", "", domain.ItemBesluitvorming, true},
		{"Ter  Besluitvorming", "", domain.ItemBesluitvorming, true},
		{"for decision", "", domain.ItemBesluitvorming, true},
		{"decision", "", domain.ItemBesluitvorming, true},
		{"informatie", "", domain.ItemInformatie, true},
		{"formality (hamerstuk)", "", domain.ItemHamerstuk, true},
		{"verslag vorige vergadering", "", domain.ItemVerslag, true},
		{"", "Rondvraag", domain.ItemRondvraag, true},
		{"", "Jeugdzorg", domain.ItemBespreking, true},
		{"besluit", "", "", false},
	}
	for _, tc := range tests {
		got, ok := ParseKind(tc.in, tc.title)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseKind(%q, %q) = %q, %v", tc.in, tc.title, got, ok)
		}
	}
}
