package documents

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/documents/pdf"
	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// secretWord is written on every page of the fixture's confidential
// stukken; the public bundle must not contain it anywhere.
const secretWord = "Geheimhoudingsplicht"

// memFiles is a FileSource over a map, checking hashes as the store does.
type memFiles map[string][]byte

var errNoFile = errors.New("geen bestand")

func (f memFiles) Read(name, sum, title string) ([]byte, error) {
	b, ok := f[name]
	if !ok {
		return nil, i18n.Errorf(errNoFile, "bundle.error.nofiles")
	}
	return b, nil
}

// stukFile renders a stand-in stuk: pages pages saying word, in the given
// orientation.
func stukFile(t testing.TB, word string, pages int, o pdf.Orientation) []byte {
	t.Helper()
	res, err := pdf.Render(pdf.Options{Orientation: o, Meta: pdf.Meta{Title: word, Created: now},
		FooterLeft: word, PageLabel: func(p, n int) string { return fmt.Sprintf("blad %d/%d", p, n) }}, func(d *pdf.Doc) {
		for p := 1; p <= pages; p++ {
			if p > 1 {
				d.KeepTogether(d.Remaining() + 1)
			}
			d.Anchor(fmt.Sprintf("p%d", p))
			d.Heading(2, fmt.Sprintf("%s, blad %d", word, p))
			d.Paragraph(pdf.Body, strings.Repeat(word+" en nog wat tekst. ", 30))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != pages {
		t.Fatalf("%s: %d pages, want %d", word, res.Pages, pages)
	}
	return res.PDF
}

// bundleFixture returns the fixture's agenda as a bundle input, with a
// file for every received stuk: PDFs of 1 to 4 pages (one landscape), the
// confidential ones full of secretWord, and the financial analysis as a
// spreadsheet.
func bundleFixture(t testing.TB, public bool) (BundleInput, memFiles) {
	t.Helper()
	ain := agendaInput(public)
	files := memFiles{}
	m := ain.Meeting
	m.Items = append([]domain.AgendaItem(nil), m.Items...)
	for i := range m.Items {
		it := &m.Items[i]
		it.Documents = append([]domain.Document(nil), it.Documents...)
		for j := range it.Documents {
			d := &it.Documents[j]
			if d.ReceivedAt.IsZero() {
				continue
			}
			word := fmt.Sprintf("Stuk%d", d.ID)
			if d.Confidential || it.Confidential {
				word = secretWord
			}
			var data []byte
			if strings.HasSuffix(d.FileName, ".pdf") {
				o := pdf.Portrait
				if d.ID == 42 {
					o = pdf.Landscape
				}
				data = stukFile(t, word, int(d.ID%4)+1, o)
			} else {
				data = []byte("PK\x03\x04 spreadsheet " + word)
			}
			sum := sha256.Sum256(data)
			d.SHA256 = hex.EncodeToString(sum[:])
			d.StoredName = d.SHA256 + filepath.Ext(d.FileName)
			d.Size = int64(len(data))
			files[d.StoredName] = data
		}
	}
	return BundleInput{Meeting: m, Index: ain.Index, NextMeeting: ain.NextMeeting, NextDeadlines: ain.NextDeadlines,
		Public: public, Files: files, Now: now, strict: true}, files
}

// fakeConverter converts spreadsheets by printing their bytes on a page.
type fakeConverter struct{ t testing.TB }

func (c fakeConverter) Converts(ext string) bool { return ext == ".xlsx" }

func (c fakeConverter) ToPDF(_ context.Context, name string, data []byte) ([]byte, error) {
	return stukFile(c.t, "Omgezet "+name, 1, pdf.Landscape), nil
}

// failingConverter fails every conversion.
type failingConverter struct{}

func (failingConverter) Converts(string) bool { return true }
func (failingConverter) ToPDF(context.Context, string, []byte) ([]byte, error) {
	return nil, errors.New("soffice stopte met code 1")
}

func TestBundle(t *testing.T) {
	tests := []struct {
		name      string
		public    bool
		convert   Converter
		included  []string // stuk numbers in the bundle, in order
		omitted   map[string]OmitReason
		want      []string // text somewhere in the bundle
		wantNot   []string
		converted string
	}{
		{name: "complete", included: []string{"3.1", "4.1", "4.2", "5.1", "6.1", "8.1"},
			omitted: map[string]OmitReason{"4.3": OmitFormat, "4.4": OmitPending},
			want: []string{"Inhoud van de bundel", "Agendapunt 4 — stuk 2 — pagina 1 van 3", "Agendapunt 6 — stuk 1 — pagina 2 van 2 — vertrouwelijk",
				"niet opgenomen in de bundel (formaat .xlsx)", secretWord, "Deze bundel bevat vertrouwelijke stukken"}},
		{name: "public", public: true, included: []string{"3.1", "4.1", "4.2", "5.1", "8.1"},
			omitted: map[string]OmitReason{"4.3": OmitConfidential, "4.4": OmitPending},
			want:    []string{"Openbare bundel: vertrouwelijke agendapunten en stukken zijn niet opgenomen", "niet opgenomen in de openbare bundel", "openbare versie"},
			wantNot: []string{secretWord, "Frictiekosten", "Onderhandelingsresultaat", "Financiële analyse", "Agendapunt 6"}},
		{name: "converted", convert: fakeConverter{t}, included: []string{"3.1", "4.1", "4.2", "4.3", "5.1", "6.1", "8.1"},
			omitted: map[string]OmitReason{"4.4": OmitPending}, want: []string{"Omgezet analyse.xlsx", "Agendapunt 4 — stuk 3 — pagina 1 van 1"},
			converted: "4.3"},
		{name: "conversion fails", convert: failingConverter{}, included: []string{"3.1", "4.1", "4.2", "5.1", "6.1", "8.1"},
			omitted: map[string]OmitReason{"4.3": OmitConvert, "4.4": OmitPending}, want: []string{"omzetten van .xlsx naar PDF is mislukt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, _ := bundleFixture(t, tc.public)
			in.Convert = tc.convert
			var last, total int
			res, err := Bundle(context.Background(), in, func(d, n int) {
				if d < last || (total != 0 && n != total) {
					t.Errorf("progress went from %d/%d to %d/%d", last, total, d, n)
				}
				last, total = d, n
			})
			if err != nil {
				t.Fatal(err)
			}
			if last != total || total == 0 {
				t.Errorf("progress ended at %d/%d", last, total)
			}
			var got []string
			pages := res.AgendaPages
			for _, s := range res.Stukken {
				num := fmt.Sprintf("%d.%d", s.Item, s.Stuk)
				if s.Included() {
					got = append(got, num)
					if s.FirstPage != pages+1 {
						t.Errorf("stuk %s starts on page %d, want %d", num, s.FirstPage, pages+1)
					}
					pages += s.Pages
					if s.Converted != (num == tc.converted) {
						t.Errorf("stuk %s converted = %v", num, s.Converted)
					}
				} else if tc.omitted[num] != s.Reason || s.Explanation == "" {
					t.Errorf("stuk %s left out for %q (%q), want %q", num, s.Reason, s.Explanation, tc.omitted[num])
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.included, " ") {
				t.Errorf("included %v, want %v", got, tc.included)
			}
			if res.Pages != pages {
				t.Errorf("pages = %d, want the agenda (%d) plus every included stuk = %d", res.Pages, res.AgendaPages, pages)
			}
			wantName := "2027-03-18 Vergaderbundel PHO Jeugd Zeeland.pdf"
			if tc.public {
				wantName = "2027-03-18 Vergaderbundel PHO Jeugd Zeeland (openbaar).pdf"
			}
			if res.Name != wantName {
				t.Errorf("name = %q", res.Name)
			}

			pdftest.Check(t, res.PDF)
			info := pdftest.Info(t, res.PDF)
			if info["Pages"] != fmt.Sprint(res.Pages) || !strings.HasPrefix(info["Title"], "Vergaderbundel PHO Jeugd Zeeland, 18 maart 2027") {
				t.Errorf("pdfinfo: pages %q, title %q", info["Pages"], info["Title"])
			}
			text := pdftest.Text(t, res.PDF)
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range tc.want {
				if !strings.Contains(flat, w) {
					t.Errorf("bundle lacks %q", w)
				}
			}
			meta := strings.Join([]string{info["Title"], info["Subject"], info["Keywords"], res.Name}, " ")
			for _, w := range tc.wantNot {
				if strings.Contains(flat, w) || strings.Contains(meta, w) {
					t.Errorf("bundle contains %q", w)
				}
			}
			checkOutline(t, res)
			checkLinks(t, res)
			if dir := os.Getenv("OVERLEGPLANNER_KEEP"); dir != "" {
				os.WriteFile(filepath.Join(dir, "bundle-"+strings.ReplaceAll(tc.name, " ", "-")+".pdf"), res.PDF, 0o644)
			}
		})
	}
}

// checkOutline reads the bookmarks back with qpdf: the agenda, every
// agenda item in order with its included stukken below it, each opening
// the stuk's first page, and the contents that close the agenda.
func checkOutline(t *testing.T, res BundleResult) {
	t.Helper()
	outl := pdftest.Outlines(t, res.PDF)
	if len(outl) < 2 || outl[0].Title != "Agenda" || outl[0].Page != 1 || outl[len(outl)-1].Title != "Inhoud van de bundel" ||
		outl[len(outl)-1].Page != res.AgendaPages {
		t.Fatalf("outline %+v does not start with the agenda and end with the contents", outl)
	}
	items := outl[1 : len(outl)-1]
	if len(items) != 10 {
		t.Fatalf("%d agenda items in the outline, want 10", len(items))
	}
	for n, it := range items {
		if !strings.HasPrefix(it.Title, fmt.Sprintf("%d. ", n+1)) || it.Page < 1 || it.Page > res.AgendaPages {
			t.Errorf("item bookmark %+v", it)
		}
		var kids []pdftest.Outline
		for _, s := range res.Stukken {
			if s.Item == n+1 && s.Included() {
				kids = append(kids, pdftest.Outline{Title: fmt.Sprintf("%d.%d %s", s.Item, s.Stuk, s.Title), Page: s.FirstPage})
			}
		}
		if len(kids) != len(it.Kids) {
			t.Errorf("item %d has %d stuk bookmarks, want %d", n+1, len(it.Kids), len(kids))
			continue
		}
		for k := range kids {
			if it.Kids[k].Title != kids[k].Title || it.Kids[k].Page != kids[k].Page {
				t.Errorf("stuk bookmark %q → %d, want %q → %d", it.Kids[k].Title, it.Kids[k].Page, kids[k].Title, kids[k].Page)
			}
		}
	}
}

// checkLinks reads the links of the agenda back with qpdf: every included
// stuk is the target of a link in the agenda (its attachment line and its
// line in the contents), and every link stays inside the bundle.
func checkLinks(t *testing.T, res BundleResult) {
	t.Helper()
	targets := map[int]int{}
	for _, l := range pdftest.Links(t, res.PDF) {
		if l.Page > res.AgendaPages || l.Target < 1 || l.Target > res.Pages {
			t.Errorf("link %+v outside the agenda or the bundle", l)
		}
		targets[l.Target]++
	}
	for _, s := range res.Stukken {
		if s.Included() && targets[s.FirstPage] < 2 {
			t.Errorf("stuk %d.%d (page %d) has %d links to it, want the attachment and the contents", s.Item, s.Stuk, s.FirstPage, targets[s.FirstPage])
		}
	}
}

func TestBundleStopsOnChangedStuk(t *testing.T) {
	tests := []struct {
		name    string
		damage  func(memFiles, string)
		wantErr error
		wantMsg string
	}{
		{"changed content", func(f memFiles, k string) { f[k] = append([]byte{}, append(f[k], ' ')...) }, ErrStukChanged,
			"stuk 4.2 ‘Concept-bestek specialistische jeugdhulp’ is na ontvangst gewijzigd of beschadigd"},
		{"missing file", func(f memFiles, k string) { delete(f, k) }, errNoFile,
			"stuk 4.2 ‘Concept-bestek specialistische jeugdhulp’ kon niet worden gelezen"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, files := bundleFixture(t, false)
			tc.damage(files, in.Meeting.Items[3].Documents[1].StoredName)
			var out bytes.Buffer
			in.Out = &out
			_, err := Bundle(context.Background(), in, nil)
			if out.Len() != 0 {
				t.Errorf("%d bytes written before the changed stuk stopped the bundle", out.Len())
			}
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if msg := i18n.UserMessage(err); !strings.HasPrefix(msg, tc.wantMsg) {
				t.Errorf("message = %q", msg)
			}
		})
	}
}

// TestBundleToWriter checks that a bundle written to BundleInput.Out is
// the bundle returned in memory.
func TestBundleToWriter(t *testing.T) {
	in, _ := bundleFixture(t, false)
	mem, err := Bundle(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	in.Out = &out
	streamed, err := Bundle(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if streamed.PDF != nil || streamed.Pages != mem.Pages || streamed.AgendaPages != mem.AgendaPages || len(streamed.Stukken) != len(mem.Stukken) {
		t.Errorf("streamed result %d pages (agenda %d), %d stukken, PDF %d bytes; in memory %d (%d), %d",
			streamed.Pages, streamed.AgendaPages, len(streamed.Stukken), len(streamed.PDF), mem.Pages, mem.AgendaPages, len(mem.Stukken))
	}
	// pdfcpu numbers the merged objects in map order, so two bundles of
	// the same input differ in their bytes; what a reader sees must not.
	pdftest.Check(t, out.Bytes())
	if a, b := pdftest.Text(t, out.Bytes()), pdftest.Text(t, mem.PDF); a != b {
		t.Errorf("written bundle's text differs from the one in memory:\n%s\n---\n%s", a, b)
	}
	if a, b := fmt.Sprint(pdftest.Outlines(t, out.Bytes())), fmt.Sprint(pdftest.Outlines(t, mem.PDF)); a != b {
		t.Errorf("bookmarks differ:\n%s\n%s", a, b)
	}
}

func TestBundleUnreadablePDFs(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want OmitReason
	}{
		{"cut short", stukFile(t, "Kapot", 2, pdf.Portrait)[:900], OmitDamaged},
		{"not a pdf despite its name", []byte("<html>Foutpagina</html>"), OmitFormat},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, files := bundleFixture(t, false)
			d := &in.Meeting.Items[7].Documents[0]
			sum := sha256.Sum256(tc.data)
			d.SHA256 = hex.EncodeToString(sum[:])
			files[d.StoredName] = tc.data
			res, err := Bundle(context.Background(), in, nil)
			if err != nil {
				t.Fatal(err)
			}
			s := res.Stukken[len(res.Stukken)-1]
			if s.Item != 8 || s.Reason != tc.want {
				t.Errorf("stuk %d.%d: reason %q, want %q", s.Item, s.Stuk, s.Reason, tc.want)
			}
			pdftest.Check(t, res.PDF)
		})
	}
}

func TestBundleInputErrors(t *testing.T) {
	in, _ := bundleFixture(t, false)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name   string
		ctx    context.Context
		change func(*BundleInput)
		want   error
	}{
		{"no files", context.Background(), func(in *BundleInput) { in.Files = nil }, ErrIncomplete},
		{"no now", context.Background(), func(in *BundleInput) { in.Now = time.Time{} }, ErrIncomplete},
		{"no index", context.Background(), func(in *BundleInput) { in.Index = nil }, ErrIncomplete},
		{"cancelled", cancelled, func(*BundleInput) {}, context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := in
			tc.change(&x)
			_, err := Bundle(tc.ctx, x, nil)
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

// reportingFiles is a FileSource that, as the store does, checks the hash
// itself and reports a changed file with its own error.
type reportingFiles struct {
	memFiles
	changed string
}

func (f reportingFiles) Read(name, sum, title string) ([]byte, error) {
	if name == f.changed {
		return nil, i18n.Errorf(domain.ErrFileChanged, "bundle.error.nofiles")
	}
	return f.memFiles.Read(name, sum, title)
}

// TestBundleChangedFileReportedBySource checks that a changed file found
// by the FileSource (the store) gets the bundle's own message, with the
// stuk's number and what to do, not a generic read error.
func TestBundleChangedFileReportedBySource(t *testing.T) {
	in, files := bundleFixture(t, false)
	in.Files = reportingFiles{files, in.Meeting.Items[3].Documents[1].StoredName}
	_, err := Bundle(context.Background(), in, nil)
	if !errors.Is(err, ErrStukChanged) {
		t.Fatalf("err = %v, want ErrStukChanged", err)
	}
	want := "stuk 4.2 ‘Concept-bestek specialistische jeugdhulp’ is na ontvangst gewijzigd of beschadigd"
	if msg := i18n.UserMessage(err); !strings.HasPrefix(msg, want) || !strings.Contains(msg, "back-up") {
		t.Errorf("message = %q", msg)
	}
}
