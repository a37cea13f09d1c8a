package documents

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
	"github.com/overlegplanner/overlegplanner/domain"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./documents -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./documents -update and review the diff)", name)
	}
}

// documentCase is one document of the golden tests.
type documentCase struct {
	name      string // golden file base name
	render    func() (Rendered, error)
	bytes     bool     // also compare the PDF byte for byte
	landscape bool     // pages are A4 landscape
	file      string   // the suggested file name
	pages     int      // expected page count
	title     string   // expected PDF title
	author    string   // expected PDF author
	want      []string // text that must appear exactly (pdftotext -layout)
	absent    []string // text that must not appear
}

func decisionInput(public bool) DecisionListInput {
	in := agendaInput(false)
	m := in.Meeting
	m.Status = domain.StatusGehouden
	m.Items[3].Decision = "Het PHO Jeugd besluit:\n1. in te stemmen met de inkoopstrategie ‘Samen Sterk’;\n2. het budgetplafond vast te stellen op € 48,6 miljoen per jaar."
	m.Items[3].Motivation = "De gezamenlijke inkoop houdt de specialistische jeugdhulp betaalbaar en beschikbaar voor alle dertien gemeenten."
	m.Items[4].Decision = "Conform voorstel als hamerstuk vastgesteld."
	m.Items[5].Decision = "Ingestemd met een eenmalige bijdrage van € 1,2 miljoen."
	m.Items[5].Motivation = "Zonder afspraak dreigt een juridische procedure."
	m.Items[6].Decision = "Het PHO vraagt de aanbieders om vóór de zomer een gezamenlijk plan."
	return DecisionListInput{Meeting: m, Index: in.Index, Draft: !public, Public: public, Now: now, strict: true}
}

func yearPlanInput(body, partnership int64) YearPlanInput {
	ds, dls := yearFixture()
	return YearPlanInput{Year: 2027, BodyID: body, PartnershipID: partnership, Deadlines: dls, Index: domain.NewIndex(ds), Now: now, strict: true}
}

func overviewInput(kind ScopeKind, id int64) DeadlineOverviewInput {
	ds, dls := yearFixture()
	return DeadlineOverviewInput{Kind: kind, ID: id, From: date.MustParse("2027-03-01"), To: date.MustParse("2027-06-30"),
		Deadlines: dls, Index: domain.NewIndex(ds), Now: now, strict: true}
}

func documentCases() []documentCase {
	return []documentCase{
		{
			name: "agenda", render: func() (Rendered, error) { return Agenda(agendaInput(false)) }, bytes: true,
			file: "2027-03-18 Agenda PHO Jeugd Zeeland.pdf", pages: 3,
			title: "Agenda PHO Jeugd Zeeland, 18 maart 2027", author: "Esther Kodde",
			want: []string{
				"Samenwerkingsverband Jeugd Zeeland", "PHO Jeugd Zeeland", "donderdag 18 maart 2027", "14:00 – 16:30 uur",
				"Provinciehuis, Statenzaal, Abdij 6, Middelburg", "https://meet.example.nl/pho-jeugd-2027-03",
				"Voorzitter                   Joëlle de Backer", "(voorzitter)", "vervangen door Daan", "afgemeld",
				"(gemandateerd)", "Kapelle                  geen vertegenwoordiger in",
				"Regionale inkoop specialistische jeugdhulp 2028–2031", "ter besluitvorming", "hamerstuk", "ter bespreking", "ter informatie",
				"inkoopstrategie ‘Samen Sterk’", "€ 48,6 miljoen", "vóór 1 mei 2027",
				"Financiële analyse per gemeente (vertrouwelijk)", "Advies cliëntenraad (volgt)",
				"vertrouwelijk · ter besluitvorming", "Frictiekosten afbouw residentiële zorg",
				"Ambtelijk advies bij het college aanleveren (per gemeente)", "wo 07-04 t/m do 08-04-2027",
				"donderdag 22 april 2027, 14:00 – 16:00 uur",
				"pagina 1 van 3", "pagina 3 van 3",
			},
			absent: []string{"Zaal pas vanaf", "ziek"},
		},
		{
			name: "agenda-public", render: func() (Rendered, error) { return Agenda(agendaInput(true)) }, bytes: true,
			file: "2027-03-18 Agenda PHO Jeugd Zeeland (openbaar).pdf", pages: 3,
			title: "Agenda PHO Jeugd Zeeland, 18 maart 2027", author: "Esther Kodde",
			want: []string{"Openbare versie.", "Vertrouwelijk agendapunt", "Vertrouwelijk stuk", "Regionale inkoop specialistische jeugdhulp 2028–2031",
				"openbare versie", "pagina 2 van 3"},
			absent: []string{"Frictiekosten", "Onderhandelingsresultaat", "Financiële analyse", "analyse.xlsx", "akkoord: Middelburg",
				"akkoord met kanttekeningen", "€ 1,2 miljoen", "vertrouwelijk ·"},
		},
		{
			name: "jaarplanning", render: func() (Rendered, error) { return YearPlan(yearPlanInput(bodyPHO, 0)) }, bytes: true, landscape: true,
			file: "Vergaderschema 2027 PHO Jeugd Zeeland.pdf", pages: 2,
			title: "Vergaderschema 2027 PHO Jeugd Zeeland", author: "Esther Kodde",
			want: []string{"Vergaderschema 2027", "januari 2027", "do 21-01-2027", "14:00–16:00", "Gemeentehuis Terneuzen, Raadszaal",
				"geannuleerd", "15:30–17:00", "Agendapunten", "Ambtelijk", "Verzending", "do 25-02-2027",
				"Definitieve stukken aanleveren (ma 01-03-2027): krap – 1 werkdag na het AO, drempel is 3",
				"(ook online)", "Vaste locatie: Provinciehuis, Abdij 6, Middelburg", "pagina 2 van 2"},
			absent: []string{"AO Jeugd Zeeland"},
		},
		{
			name: "jaarplanning-samenwerkingsverband", render: func() (Rendered, error) { return YearPlan(yearPlanInput(0, partnershipJeugd)) },
			landscape: true, file: "Vergaderschema 2027 Samenwerkingsverband Jeugd Zeeland.pdf", pages: 2,
			title: "Vergaderschema 2027 Samenwerkingsverband Jeugd Zeeland", author: "Samenwerkingsverband Jeugd Zeeland",
			want: []string{"Overleg", "AO Jeugd Zeeland", "PHO Jeugd Zeeland", "Stadskantoor Goes", "PHO Jeugd Zeeland: Verzending agenda en stukken aan de leden (ma 10-05-2027): onhaalbaar"},
		},
		{
			name: "besluitenlijst", render: func() (Rendered, error) { return DecisionList(decisionInput(false)) }, bytes: true,
			file: "2027-03-18 Besluitenlijst PHO Jeugd Zeeland.pdf", pages: 2,
			title: "Besluitenlijst PHO Jeugd Zeeland, 18 maart 2027", author: "Esther Kodde",
			want: []string{"Besluitenlijst", "Concept. Deze besluitenlijst is nog niet vastgesteld.", "Concept-besluitenlijst PHO Jeugd Zeeland, 18 maart 2027",
				"Daan Tazelaar (Borsele, namens Anouk Brouwer)", "Ingrid Hoefnagels (Hulst)", "Lotte Sinke (adviseur)",
				"Besluit", "Motivering", "het budgetplafond vast te stellen op € 48,6 miljoen per jaar.",
				"Conform voorstel als hamerstuk vastgesteld.",
				"– Concept-bestek aan de colleges sturen met verzoek om zienswijze (Esther", "Kodde, vóór 25 maart 2027)",
				"Actielijst", "afgerond", "do 25-03-2027"},
		},
		{
			name: "besluitenlijst-openbaar", render: func() (Rendered, error) { return DecisionList(decisionInput(true)) },
			file: "2027-03-18 Besluitenlijst PHO Jeugd Zeeland (openbaar).pdf", pages: 2,
			title: "Besluitenlijst PHO Jeugd Zeeland, 18 maart 2027", author: "Esther Kodde",
			want:   []string{"Openbare versie.", "Vertrouwelijk agendapunt", "Conform voorstel als hamerstuk vastgesteld."},
			absent: []string{"Frictiekosten", "€ 1,2 miljoen", "juridische procedure", "Vaststellingsovereenkomst", "Concept."},
		},
		{
			name: "deadlines", render: func() (Rendered, error) { return DeadlineOverview(overviewInput(ScopeMunicipality, 13)) }, bytes: true,
			landscape: true, file: "2027-03-01 Deadlines Gemeente Vlissingen.pdf", pages: 2,
			title: "Deadlines Gemeente Vlissingen", author: "Overlegplanner",
			want: []string{"Gemeente Vlissingen · 1 maart 2027 t/m 30 juni 2027", "maart 2027", "ma 01-03-2027", "Definitieve stukken aanleveren",
				"1 werkdag", "5 werkdagen", "college van B&W", "Collegevergadering (rugdekking)", "Let op"},
			absent: []string{"do 18-02-2027", "Verzending agenda", "Ambtelijk advies bij het college aanleveren – "},
		},
		{
			name: "deadlines-persoon", render: func() (Rendered, error) {
				in := overviewInput(ScopePerson, secretaryID)
				in.From, in.To = date.MustParse("2027-04-01"), date.MustParse("2027-05-31")
				return DeadlineOverview(in)
			},
			landscape: true, file: "2027-04-01 Deadlines Esther Kodde.pdf", pages: 1,
			title: "Deadlines Esther Kodde", author: "Overlegplanner",
			want:   []string{"Esther Kodde · 1 april 2027 t/m 31 mei 2027", "Verzending agenda en stukken aan de leden", "Concept-besluitenlijst naar de leden", "onhaalbaar"},
			absent: []string{"Ambtelijk advies"},
		},
	}
}

// TestDocuments renders every kind of document and checks it with
// independent tools: qpdf for structure, pdftotext for the text a reader
// sees (against a golden file), pdffonts for the embedded subset fonts,
// pdfinfo for the metadata and page size.
func TestDocuments(t *testing.T) {
	for _, tc := range documentCases() {
		t.Run(tc.name, func(t *testing.T) {
			r, err := tc.render()
			if err != nil {
				t.Fatal(err)
			}
			again, err := tc.render()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(r.PDF, again.PDF) {
				t.Fatal("two renders of the same input differ")
			}
			if r.Name != tc.file {
				t.Errorf("Name = %q, want %q", r.Name, tc.file)
			}
			if r.Pages != tc.pages {
				t.Errorf("Pages = %d, want %d", r.Pages, tc.pages)
			}
			if tc.bytes {
				golden(t, tc.name+".pdf", r.PDF)
			}
			pdftest.Check(t, r.PDF)
			text := pdftest.Text(t, r.PDF)
			golden(t, tc.name+".txt", []byte(text))
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(text, a) {
					t.Errorf("text contains %q", a)
				}
			}
			checkFonts(t, r.PDF)
			info := pdftest.Info(t, r.PDF)
			wantInfo := map[string]string{
				"Title": tc.title, "Author": tc.author, "Creator": "Overlegplanner",
				"CreationDate": "2027-03-08T09:15:00Z", "ModDate": "2027-03-08T09:15:00Z",
			}
			for k, v := range wantInfo {
				if info[k] != v {
					t.Errorf("pdfinfo %s = %q, want %q", k, info[k], v)
				}
			}
			if info["Subject"] == "" {
				t.Error("pdfinfo: no Subject")
			}
			size := "595.28 x 841.89 pts (A4)"
			if tc.landscape {
				size = "841.89 x 595.28 pts (A4)"
			}
			if info["Page size"] != size {
				t.Errorf("page size %q, want %q", info["Page size"], size)
			}
		})
	}
}

// checkFonts requires every font to be an embedded, subset Lato with a
// ToUnicode map, so that the text prints everywhere and can be searched
// and copied.
func checkFonts(t *testing.T, pdf []byte) {
	t.Helper()
	fonts := pdftest.Fonts(t, pdf)
	if len(fonts) == 0 {
		t.Fatal("pdffonts lists no fonts")
	}
	for _, f := range fonts {
		if !f.Embedded || !f.Subset || !f.Unicode || !strings.Contains(f.Name, "+Lato-") {
			t.Errorf("font %+v: want an embedded Lato subset with ToUnicode", f)
		}
	}
}
