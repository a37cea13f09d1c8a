package pdf

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var created = time.Date(2027, 3, 4, 9, 30, 0, 0, time.FixedZone("CET", 3600))

func sampleOptions() Options {
	return Options{
		Meta: Meta{
			Title: "Proefdocument – ‘opmaak’", Subject: "Test van de opmaak", Author: "Secretariaat Jeugd Zeeland",
			Creator: "Overlegplanner", Lang: "nl-NL", Created: created,
		},
		Accent:      Color{0x2a, 0x6f, 0x3b},
		HeaderLeft:  "Samenwerkingsverband Jeugd Zeeland",
		HeaderRight: "PHO Jeugd Zeeland",
		FooterLeft:  "Proefdocument, 4 maart 2027",
		PageLabel:   func(p, n int) string { return fmt.Sprintf("pagina %d van %d", p, n) },
		Strict:      true,
	}
}

// sampleBuild uses every primitive once, with the characters Dutch needs.
func sampleBuild(rows int) func(d *Doc) {
	return func(d *Doc) {
		d.Heading(1, "Agenda")
		d.Paragraph(Label.Sized(12), "PHO Jeugd Zeeland")
		d.Space(3)
		d.Fields(30, []Field{
			{Label: "Datum", Value: "donderdag 18 maart 2027"},
			{Label: "Tijd", Value: "10:00 – 12:30 uur"},
			{Label: "Online", Value: "https://meet.example.nl/jeugd", Link: "https://meet.example.nl/jeugd"},
			{Label: "Leeg", Value: ""},
		})
		d.Banner(Strong, Tint, "Openbare versie: vertrouwelijke agendapunten zijn weggelaten.")
		d.Heading(2, "Geëerbiedigde café-eigenaren")
		d.Paragraph(Body, "Het overleg besluit:\n1. in te stemmen met € 412.000 voor ‘Samen Sterk’ – een “pilot” in Sluis, Terneuzen en Hulst, waarbij de regel zo lang wordt dat hij moet afbreken onder de tekst.\n2. Geen bezwaar.\n\n\n\nNa drie lege regels één witregel.")
		d.Labeled("3.", Strong, 9, func() {
			d.TitleLine("Ontwerpbegroting 2028 Orionis Walcheren met een titel die over meer dan één regel loopt", Strong, "ter besluitvorming", Label)
			d.Fields(34, []Field{{Label: "Portefeuillehouder", Value: "J. de Vries (Middelburg)"}})
			d.List(Body, 8, []ListItem{{Marker: "3.1", Text: "Voorstel ontwerpbegroting 2028"}, {Marker: "3.2", Text: "Bijlage_met_een_heel_lange_bestandsnaam_zonder_spaties_die_niet_op_een_regel_past_en_dus_moet_breken.pdf", Style: &Note}})
		})
		d.HRule()
		tab := Table{Columns: []Column{{Header: "Nr", Weight: 1, Align: Right}, {Header: "Datum", Weight: 3}, {Header: "Omschrijving", Weight: 8}}, Zebra: true}
		for i := 1; i <= rows; i++ {
			if i%10 == 1 {
				tab.Rows = append(tab.Rows, Row{Group: fmt.Sprintf("Groep %d", i/10+1)})
			}
			tab.Rows = append(tab.Rows, Row{Cells: []Cell{T(fmt.Sprint(i)), {Text: "do 18-03-2027", Muted: true}, {Text: strings.Repeat("tekst ", i%7+1), Alert: i%5 == 0}}})
		}
		d.Table(tab)
		d.Paragraph(Note, "Einde.")
	}
}

func TestRenderSample(t *testing.T) {
	res, err := Render(sampleOptions(), sampleBuild(60))
	if err != nil {
		t.Fatal(err)
	}
	again, err := Render(sampleOptions(), sampleBuild(60))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.PDF, again.PDF) {
		t.Fatal("two renders of the same document differ")
	}
	if res.Pages < 2 {
		t.Fatalf("expected several pages, got %d", res.Pages)
	}
	golden(t, "sample.pdf", res.PDF)
	pdftest.Check(t, res.PDF)
	txt := pdftest.Text(t, res.PDF)
	golden(t, "sample.txt", []byte(txt))
	for _, want := range []string{"Geëerbiedigde café-eigenaren", "€ 412.000", "‘Samen Sterk’ – een “pilot”", fmt.Sprintf("pagina 1 van %d", res.Pages), fmt.Sprintf("pagina %d van %d", res.Pages, res.Pages)} {
		if !strings.Contains(txt, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

func TestStrictReportsOverflow(t *testing.T) {
	o := sampleOptions()
	// A column narrower than one letter cannot hold its text.
	_, err := Render(o, func(d *Doc) {
		d.Table(Table{Columns: []Column{{Header: "A", Weight: 0.001}, {Header: "B", Weight: 1000}}, Rows: []Row{{Cells: []Cell{T("WWW"), T("x")}}}})
	})
	if !errors.Is(err, ErrLayout) {
		t.Fatalf("err = %v, want ErrLayout", err)
	}
	o.Strict = false
	if _, err := Render(o, func(d *Doc) {
		d.Table(Table{Columns: []Column{{Header: "A", Weight: 0.001}, {Header: "B", Weight: 1000}}, Rows: []Row{{Cells: []Cell{T("WWW"), T("x")}}}})
	}); err != nil {
		t.Fatalf("non-strict render failed: %v", err)
	}
}

func TestRenderNeedsCreationDate(t *testing.T) {
	o := sampleOptions()
	o.Meta.Created = time.Time{}
	if _, err := Render(o, func(*Doc) {}); err == nil {
		t.Fatal("render without creation date succeeded")
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update and review the diff)", name)
	}
}
