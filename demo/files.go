package demo

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"

	"github.com/overlegplanner/overlegplanner/documents/pdf"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/store"
)

// WriteFiles gives every received stuk of the demo region a real file, so
// that a new user can open stukken and make a vergaderbundel at once: a
// few pages of Dutch text in the house style — a voorstel with its
// beslispunten, a report with a table per gemeente, a letter, a notitie —
// written from the agenda item the stuk belongs to. Aanbiedingsbrieven
// arrive as Word files, as they do in practice, to show how a bundle
// treats a stuk that is not a PDF. The files are stored through the
// store's Blobs and the records get their hash, stored name and size, in
// one transaction. Call it once, after Import.
func WriteFiles(ctx context.Context, s *store.Store) error {
	ds, err := s.Dataset(ctx)
	if err != nil {
		return err
	}
	ix := domain.NewIndex(ds)
	var jobs []fileJob
	for _, h := range ds.Meetings {
		m, err := s.Meeting(ctx, h.ID)
		if err != nil {
			return err
		}
		for i, it := range m.Items {
			for _, d := range it.Documents {
				if d.ReceivedAt.IsZero() || d.StoredName != "" {
					continue
				}
				if classify(d.Title) == kindBrief {
					d.FileName = strings.TrimSuffix(d.FileName, ".pdf") + ".docx"
				}
				jobs = append(jobs, fileJob{doc: d, item: it, number: i + 1, meeting: m})
			}
		}
	}
	// Rendering is most of the work; two workers use the two cores a
	// secretariat's laptop has at least.
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				jobs[k].data, errs[k] = jobs[k].render(ix)
			}
		}()
	}
	for k := range jobs {
		next <- k
	}
	close(next)
	wg.Wait()
	blobs := s.Blobs()
	docs := make([]domain.Document, 0, len(jobs))
	for k := range jobs {
		if errs[k] != nil {
			return fmt.Errorf("demostuk %q: %w", jobs[k].doc.Title, errs[k])
		}
		d := jobs[k].doc
		name, sum, size, err := blobs.Put(bytes.NewReader(jobs[k].data), d.FileName)
		if err != nil {
			return err
		}
		d.StoredName, d.SHA256, d.Size = name, sum, size
		docs = append(docs, d)
	}
	return s.SaveDocuments(ctx, docs)
}

// fileJob is one stuk to write.
type fileJob struct {
	doc     domain.Document
	item    domain.AgendaItem
	number  int // the item's number on the agenda
	meeting domain.Meeting
	data    []byte
}

// kind of stuk, guessed from its title the way a reader would.
type stukKind int

const (
	kindNotitie stukKind = iota
	kindVoorstel
	kindRapport
	kindBrief
)

func classify(title string) stukKind {
	t := strings.ToLower(title)
	switch {
	case strings.HasPrefix(t, "voorstel"):
		return kindVoorstel
	case strings.Contains(t, "brief"):
		return kindBrief
	}
	for _, w := range []string{"rapport", "monitor", "begroting", "jaarstukken", "prognose", "analyse", "onderzoek", "overzicht", "evaluatie", "profiel", "programma", "plan", "visie"} {
		if strings.Contains(t, w) {
			return kindRapport
		}
	}
	return kindNotitie
}

// render writes the stuk's file: a PDF, or for a letter a Word file (the
// record's file name says which).
func (j *fileJob) render(ix *domain.Index) ([]byte, error) {
	kind := classify(j.doc.Title)
	if kind == kindBrief && strings.HasSuffix(strings.ToLower(j.doc.FileName), ".docx") {
		return j.docx(ix)
	}
	body := ix.Bodies[j.meeting.BodyID]
	p := ix.Partnerships[body.PartnershipID]
	day := j.meeting.Date()
	opt := pdf.Options{
		Meta: pdf.Meta{Title: j.doc.Title, Subject: j.item.Title, Author: ix.PersonName(j.item.StellerID), Creator: "Overlegplanner (demo)",
			Lang: "nl-NL", Created: j.doc.ReceivedAt},
		HeaderLeft:  p.Name,
		HeaderRight: body.Name,
		FooterLeft:  j.doc.Title,
		PageLabel:   func(n, total int) string { return fmt.Sprintf("pagina %d van %d", n, total) },
	}
	if c, ok := pdf.ParseColor(p.Color); ok {
		opt.Accent = c
	}
	if j.doc.Confidential || j.item.Confidential {
		opt.HeaderRight = "Vertrouwelijk — " + body.Name
	}
	res, err := pdf.Render(opt, func(d *pdf.Doc) {
		d.Heading(1, j.doc.Title)
		d.Paragraph(pdf.Label.Sized(12), j.item.Title)
		d.Space(3)
		fields := []pdf.Field{
			{Label: "Vergadering", Value: body.Name + ", " + i18n.LongDate(day)},
			{Label: "Agendapunt", Value: fmt.Sprintf("%d — %s", j.number, j.item.Kind.Label())},
		}
		if s := ix.PersonName(j.item.PortefeuillehouderID); s != "" {
			fields = append(fields, pdf.Field{Label: "Portefeuillehouder", Value: s})
		}
		if s := ix.PersonName(j.item.StellerID); s != "" {
			fields = append(fields, pdf.Field{Label: "Steller", Value: s})
		}
		d.Fields(38, fields)
		if j.doc.Confidential || j.item.Confidential {
			d.Space(2)
			d.Banner(pdf.Strong.With(pdf.Alert), pdf.Tint, "Vertrouwelijk. Dit stuk is alleen bestemd voor de leden van het overleg en valt onder de geheimhouding van artikel 25 van de Gemeentewet.")
		}
		switch kind {
		case kindVoorstel:
			j.voorstel(d)
		case kindRapport:
			j.rapport(d, ix, body)
		case kindBrief:
			j.brief(d, p.Name)
		default:
			j.notitie(d)
		}
	})
	return res.PDF, err
}

// seed gives each stuk its own, stable variation (figures, length).
func (j *fileJob) seed() uint32 {
	h := fnv.New32a()
	h.Write([]byte(j.doc.Title + "|" + j.item.Title))
	return h.Sum32()
}

func (j *fileJob) voorstel(d *pdf.Doc) {
	d.Heading(2, "Beslispunten")
	prop := strings.TrimSpace(j.item.Proposal)
	if prop == "" {
		prop = "Instemmen met het voorstel."
	}
	d.Paragraph(pdf.Body, prop)
	d.Heading(2, "Inleiding")
	d.Paragraph(pdf.Body, "Dit voorstel gaat over "+lowerFirst(j.item.Title)+". Het is voorbereid in het ambtelijk vooroverleg, waarin alle deelnemende gemeenten vertegenwoordigd waren. De opmerkingen uit dat overleg zijn verwerkt.")
	d.Heading(2, "Beoogd effect")
	d.Paragraph(pdf.Body, "Met dit besluit zorgen de gemeenten voor één lijn in de regio: inwoners krijgen dezelfde dienstverlening, ongeacht de gemeente waarin zij wonen, en de uitvoering wordt eenvoudiger en beter te sturen.")
	d.Heading(2, "Argumenten")
	d.Paragraph(pdf.Body, "1. Samen optrekken verlaagt de kosten per gemeente; de gezamenlijke aanpak voorkomt dat elke gemeente afzonderlijk dezelfde analyse maakt.\n2. De afspraken sluiten aan bij de landelijke kaders en bij de regionale visie die de raden eerder hebben vastgesteld.\n3. De gevolgen voor de eigen organisaties zijn in beeld gebracht en passen binnen de bestaande formatie.")
	d.Heading(2, "Kanttekeningen")
	d.Paragraph(pdf.Body, "De financiële gevolgen voor de jaren na de begrotingsperiode zijn nog onzeker. Het voorstel bevat daarom een evaluatiemoment na twee jaar, waarop het overleg de afspraken kan bijstellen.")
	d.Heading(2, "Financiën")
	d.Paragraph(pdf.Body, fmt.Sprintf("De kosten bedragen naar verwachting € %d.000 per jaar en worden verdeeld naar rato van het aantal inwoners. De bijdragen zijn opgenomen in de ontwerpbegrotingen van de gemeenten.", 150+j.seed()%700))
	d.Heading(2, "Communicatie en vervolg")
	d.Paragraph(pdf.Body, "Na besluitvorming informeren de portefeuillehouders hun colleges en raden. Het secretariaat stelt een raadsinformatiebrief op die elke gemeente kan gebruiken. Over een half jaar volgt een voortgangsrapportage.")
}

func (j *fileJob) rapport(d *pdf.Doc, ix *domain.Index, body *domain.Body) {
	d.Heading(2, "Samenvatting")
	d.Paragraph(pdf.Body, "Deze rapportage geeft de stand van zaken bij "+lowerFirst(j.item.Title)+". De cijfers lopen tot en met het laatste afgesloten kwartaal; de toelichting beschrijft de belangrijkste ontwikkelingen per gemeente.")
	d.Heading(2, "Cijfers per gemeente")
	t := pdf.Table{Columns: []pdf.Column{
		{Header: "Gemeente", Weight: 4},
		{Header: "Inwoners", Weight: 2.2, Align: pdf.Right},
		{Header: "Cliënten", Weight: 2, Align: pdf.Right},
		{Header: "Per 1.000 inw.", Weight: 2.4, Align: pdf.Right},
		{Header: "Kosten (× € 1.000)", Weight: 3, Align: pdf.Right},
	}, Zebra: true}
	seed := j.seed()
	for k, g := range ix.MemberMunicipalities(body, j.meeting.Date()) {
		inh := g.Inhabitants
		if inh == 0 {
			inh = 20000
		}
		per := 8 + int((seed>>uint(k%16))%9)
		clients := inh * per / 1000
		t.Rows = append(t.Rows, pdf.Row{Cells: []pdf.Cell{
			pdf.T(g.Name), pdf.T(thousands(inh)), pdf.T(thousands(clients)), pdf.T(fmt.Sprint(per)), pdf.T(thousands(clients * (9 + k%4))),
		}})
	}
	d.Table(t)
	d.Heading(2, "Toelichting")
	notes := []string{
		"In vergelijking met dezelfde periode vorig jaar is het aantal cliënten licht gestegen. De stijging zit vooral in de lichtere vormen van ondersteuning, waar de wijkteams eerder en vaker inzetten.",
		"De gemiddelde kosten per cliënt dalen daardoor, terwijl de totale uitgaven binnen de raming blijven. De uitputting van het budget ligt na drie kwartalen op 74 procent.",
		"Enkele gemeenten zien een afwijkend beeld. De oorzaken — een grote instroom na de sluiting van een voorziening en een inhaalslag in de herindicaties — worden in het ambtelijk overleg besproken en komen terug in de volgende rapportage.",
		"De wachttijden zijn gedaald tot gemiddeld vijf weken. De norm van vier weken wordt nog niet overal gehaald; de aanbieders hebben extra capaciteit toegezegd voor het eerste kwartaal.",
	}
	for k := range 2 + int(seed%3) {
		d.Paragraph(pdf.Body, fmt.Sprintf("%d. %s", k+1, notes[(k+int(seed))%len(notes)]))
		d.Space(2)
	}
	d.Heading(2, "Conclusie")
	d.Paragraph(pdf.Body, "De ontwikkelingen liggen op koers. Het overleg wordt gevraagd kennis te nemen van de rapportage en de portefeuillehouders te vragen de cijfers met hun colleges te delen.")
}

func (j *fileJob) brief(d *pdf.Doc, from string) {
	d.Space(4)
	d.Paragraph(pdf.Body, "Aan de gemeenteraden van de deelnemende gemeenten")
	d.Space(4)
	d.Paragraph(pdf.Body, "Geachte raadsleden,")
	d.Space(2)
	d.Paragraph(pdf.Body, "Hierbij bieden wij u de stukken aan over "+lowerFirst(j.item.Title)+". Wij vragen u uw zienswijze binnen twaalf weken aan ons kenbaar te maken, zodat het bestuur deze kan betrekken bij de besluitvorming.")
	d.Space(2)
	d.Paragraph(pdf.Body, "Voor vragen kunt u terecht bij het regionale secretariaat.")
	d.Space(4)
	d.Paragraph(pdf.Body, "Met vriendelijke groet,\n\n"+from)
}

func (j *fileJob) notitie(d *pdf.Doc) {
	d.Heading(2, "Aanleiding")
	d.Paragraph(pdf.Body, "Deze notitie is opgesteld ter voorbereiding op de bespreking van "+lowerFirst(j.item.Title)+". Zij schetst de achtergrond, de keuzes die voorliggen en de gevolgen daarvan voor de gemeenten.")
	d.Heading(2, "Keuzes")
	d.Paragraph(pdf.Body, "- Doorgaan op de huidige weg, met beperkte aanpassingen.\n- Een gezamenlijke aanpak voor alle gemeenten, met één regionaal uitvoeringsplan.\n- Een aanpak per subregio, afgestemd op de verschillen tussen stedelijke en landelijke gemeenten.")
	d.Heading(2, "Advies")
	d.Paragraph(pdf.Body, "Het ambtelijk overleg adviseert de tweede optie: zij sluit het best aan bij de bestaande samenwerking en geeft de gemeenten de meeste zekerheid over de kosten.")
	if strings.TrimSpace(j.item.Proposal) != "" {
		d.Heading(2, "Gevraagd")
		d.Paragraph(pdf.Body, j.item.Proposal)
	}
}

// docx writes a letter as a minimal Word document (Office Open XML): what
// a gemeente's document system delivers for an aanbiedingsbrief.
func (j *fileJob) docx(ix *domain.Index) ([]byte, error) {
	body := ix.Bodies[j.meeting.BodyID]
	p := ix.Partnerships[body.PartnershipID]
	paras := []string{p.Name, "Aan de gemeenteraden van de deelnemende gemeenten", j.doc.Title,
		"Geachte raadsleden,",
		"Hierbij bieden wij u de stukken aan over " + lowerFirst(j.item.Title) + ". Wij vragen u uw zienswijze binnen twaalf weken aan ons kenbaar te maken.",
		"Met vriendelijke groet,", p.Name}
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, s := range paras {
		// An empty paragraph after each keeps the letter's blocks apart
		// without a style sheet.
		doc.WriteString("<w:p><w:r><w:t xml:space=\"preserve\">" + xmlEscape(s) + "</w:t></w:r></w:p><w:p/>")
	}
	doc.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`)
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, f := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", doc.String()},
	} {
		w, err := z.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: j.doc.ReceivedAt})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	// Keep names and abbreviations ("PHO", "Participatiewet") as written.
	if len(r) > 1 && r[1] >= 'a' && r[1] <= 'z' && r[0] >= 'A' && r[0] <= 'Z' {
		r[0] += 'a' - 'A'
	}
	return string(r)
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}
