package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/documents/pdf"
	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
	"github.com/overlegplanner/overlegplanner/domain"
)

// stukPlan is what the bundle fixture gives one stuk of the meeting.
type stukPlan struct {
	pages   int    // a readable PDF of this many pages
	damaged bool   // a file that starts like a PDF but is none
	ext     string // a file of another format (".docx")
	pending bool   // not received: no file at all
}

// bundleFixture is the next PHO Jeugd Zeeland with a file for each stuk
// as its plan says.
type bundleFixture struct {
	meeting domain.Meeting
	plans   map[int64]stukPlan // by document ID
	// secret are the titles of the confidential item and its stukken,
	// which the public bundle must not show.
	secret []string
}

// bundlePlans are given to the meeting's stukken in agenda order: the two
// stukken of its confidential item (2 and 1 pages), a damaged PDF, a PDF
// of 3 pages, a Word file, and one not yet received.
var bundlePlans = []stukPlan{{pages: 2}, {pages: 1}, {damaged: true}, {pages: 3}, {ext: ".docx"}, {pending: true}}

// stukPDF renders a PDF of pages pages, each headed with title, so that
// the stuk's own text shows in the bundle.
func stukPDF(t *testing.T, title string, pages int) []byte {
	t.Helper()
	res, err := pdf.Render(pdf.Options{Meta: pdf.Meta{Title: title, Created: testNow}}, func(d *pdf.Doc) {
		for p := 1; p <= pages; p++ {
			if p > 1 {
				d.KeepTogether(d.Remaining() + 1) // a new page
			}
			d.Heading(2, fmt.Sprintf("%s, blad %d", title, p))
			d.Paragraph(pdf.Body, strings.Repeat("Tekst van het stuk. ", 20))
		}
	})
	if err != nil || res.Pages != pages {
		t.Fatalf("stuk %q: %d pages, %v", title, res.Pages, err)
	}
	return res.PDF
}

// newBundleFixture stores the files of the next PHO Jeugd Zeeland's
// stukken (the demo database of the tests has the records, not the files)
// through the store's Blobs, as attaching them in the app does.
func newBundleFixture(t *testing.T, st *State) bundleFixture {
	t.Helper()
	ctx := context.Background()
	ds, ix := st.Data()
	var m domain.Meeting
	for _, h := range ds.Meetings {
		if b := ix.Bodies[h.BodyID]; b != nil && b.Name == "PHO Jeugd Zeeland" && !h.Date().Before(st.Today()) && !h.IsCancelled() {
			full, err := st.Store.Meeting(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			m = full
			break
		}
	}
	if m.ID == 0 {
		t.Fatal("no upcoming PHO Jeugd Zeeland in the demo")
	}
	f := bundleFixture{meeting: m, plans: map[int64]stukPlan{}}
	var docs []domain.Document
	for _, it := range m.Items {
		if it.Confidential {
			f.secret = append(f.secret, it.Title)
		}
		for _, d := range it.Documents {
			if len(docs) == len(bundlePlans) {
				t.Fatalf("more stukken than plans in %s", m.Date())
			}
			p := bundlePlans[len(docs)]
			if it.Confidential || d.Confidential {
				f.secret = append(f.secret, d.Title)
			}
			var data []byte
			switch {
			case p.pending:
				d.ReceivedAt, d.StoredName, d.SHA256, d.Size = time.Time{}, "", "", 0
			case p.damaged:
				data = []byte("%PDF-1.7\nditisgeenpdf\n%%EOF\n")
			case p.ext != "":
				d.FileName = strings.TrimSuffix(d.FileName, ".pdf") + p.ext
				data = []byte("PK\x03\x04 een Word-bestand")
			default:
				data = stukPDF(t, d.Title, p.pages)
			}
			if data != nil {
				name, sum, size, err := st.Store.Blobs().Put(bytes.NewReader(data), d.FileName)
				if err != nil {
					t.Fatal(err)
				}
				d.StoredName, d.SHA256, d.Size, d.ReceivedAt = name, sum, size, testNow.Add(-time.Hour)
			}
			f.plans[d.ID] = p
			docs = append(docs, d)
		}
	}
	if len(docs) != len(bundlePlans) || len(f.secret) < 3 {
		t.Fatalf("%d stukken, %d confidential titles: the demo's PHO Jeugd Zeeland changed", len(docs), len(f.secret))
	}
	if err := st.Store.SaveDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := st.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	m, err := st.Store.Meeting(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.meeting = m
	return f
}

// doc returns the fixture's stuk with the first plan that matches.
func (f bundleFixture) doc(t *testing.T, match func(stukPlan) bool) domain.Document {
	t.Helper()
	for _, it := range f.meeting.Items {
		for _, d := range it.Documents {
			if match(f.plans[d.ID]) {
				return d
			}
		}
	}
	t.Fatal("no such stuk in the fixture")
	return domain.Document{}
}

// converterFunc is a Converter for .docx made of a function.
type converterFunc func(ctx context.Context) ([]byte, error)

func (c converterFunc) Converts(ext string) bool { return ext == ".docx" }
func (c converterFunc) ToPDF(ctx context.Context, _ string, _ []byte) ([]byte, error) {
	return c(ctx)
}

// withConverter makes the bundle dialog find conv (nil: no LibreOffice)
// for the rest of the test.
func withConverter(t *testing.T, conv documents.Converter) {
	t.Helper()
	old := bundleConverter
	bundleConverter = func() documents.Converter { return conv }
	t.Cleanup(func() { bundleConverter = old })
}

// bundleSaved is a finished bundle as it reached the save dialog.
type bundleSaved struct {
	job exportJob
	res exportResult
}

// catchBundleSave replaces the save dialog: the finished bundle is sent
// on the returned channel, so that the test saves it as the dialog's
// Opslaan would.
func catchBundleSave(t *testing.T) chan bundleSaved {
	t.Helper()
	ch := make(chan bundleSaved, 4)
	old := exportAsk
	exportAsk = func(_ exporter, job exportJob, res exportResult) { ch <- bundleSaved{job, res} }
	t.Cleanup(func() { exportAsk = old })
	return ch
}

// findWidget returns the first visible object of type T under o.
func findWidget[T fyne.CanvasObject](o fyne.CanvasObject) (T, bool) {
	var found T
	ok := false
	walkVisible(o, func(o fyne.CanvasObject) bool {
		if x, is := o.(T); is && !ok {
			found, ok = x, true
		}
		return !ok
	})
	return found, ok
}

// tapMenuItem taps the entry labelled label of the pop-up menu on top of
// the canvas, as a click on it does.
func tapMenuItem(t *testing.T, c fyne.Canvas, label string) {
	t.Helper()
	var hit fyne.Tappable
	var labels []string
	var walk func(o fyne.CanvasObject, tap fyne.Tappable)
	walk = func(o fyne.CanvasObject, tap fyne.Tappable) {
		if hit != nil || o == nil || !o.Visible() {
			return
		}
		if tp, ok := o.(fyne.Tappable); ok {
			tap = tp // the innermost tappable holding the text is the item
		}
		switch x := o.(type) {
		case *canvas.Text:
			labels = append(labels, x.Text)
			if x.Text == label {
				hit = tap
			}
			return
		case *fyne.Container:
			for _, k := range x.Objects {
				walk(k, tap)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, k := range test.WidgetRenderer(w).Objects() {
				walk(k, tap)
			}
		}
	}
	menu, ok := findWidget[*widget.PopUpMenu](c.Overlays().Top())
	if !ok {
		t.Fatal("no menu open")
	}
	walk(menu, nil)
	if hit == nil {
		t.Fatalf("the menu has no %q: %q", label, labels)
	}
	test.Tap(hit)
}

// openBundleDialog opens the meeting on the Vergaderingen screen and
// chooses "Vergaderbundel…" in its "Meer uitvoer" menu.
func openBundleDialog(t *testing.T, s *meetingsScreen, id int64) fyne.CanvasObject {
	t.Helper()
	s.open(id)
	c := s.sh.Window.Canvas()
	test.Tap(s.detail.more)
	tapMenuItem(t, c, "Vergaderbundel…")
	top := c.Overlays().Top()
	if top == nil || !hasText(top, "Bundel maken") {
		t.Fatal("no bundle dialog after the menu entry")
	}
	return top
}

// startBundle chooses the variant in the open bundle dialog and taps
// "Bundel maken"; it returns the bundle being made. Its widgets are read
// only while the work waits (in a converter) or after it is done: the
// test driver runs fyne.Do on the working goroutine.
func startBundle(t *testing.T, c fyne.Canvas, variant string) *exportRun {
	t.Helper()
	radio, ok := findWidget[*widget.RadioGroup](c.Overlays().Top())
	if !ok {
		t.Fatal("no choice between the complete and the public bundle")
	}
	radio.SetSelected(variant)
	var run *exportRun
	exportStarted = func(r *exportRun) { run = r }
	defer func() { exportStarted = nil }()
	test.Tap(findButton(c, "Bundel maken"))
	if run == nil {
		t.Fatal("Bundel maken started no bundle")
	}
	return run
}

// finish waits for the bundle to end and its outcome to be shown.
func (r *exportRun) finish(t *testing.T) {
	t.Helper()
	select {
	case <-r.done:
	case <-time.After(60 * time.Second):
		t.Fatal("the bundle never ended")
	}
}

// receive waits for run to end and returns what it gave the save dialog.
func receive(t *testing.T, run *exportRun, ch chan bundleSaved) bundleSaved {
	t.Helper()
	run.finish(t)
	select {
	case s := <-ch:
		return s
	default:
		t.Fatal("the bundle never reached the save dialog")
	}
	return bundleSaved{}
}

// TestBundleFromTheMeetingMenu makes the complete and the public bundle
// from the meeting screen, with and without LibreOffice, saves each as the
// save dialog does, and reads the file back with poppler: its pages are
// the agenda's plus those of the stukken that went in, the public one has
// no confidential title, and the done dialog names every stuk left out
// for a reason the secretary must act on.
func TestBundleFromTheMeetingMenu(t *testing.T) {
	s, w := newTestMeetings(t)
	st := s.sh.State
	f := newBundleFixture(t, st)
	saved := catchBundleSave(t)
	dir := t.TempDir()
	c := w.Canvas()
	converted := stukPDF(t, "Omgezet Word-bestand", 2)
	tests := []struct {
		name      string
		public    bool
		conv      documents.Converter
		lo        string // the LibreOffice line of the dialog
		stukPages int    // pages of the included stukken
		included  int
		problems  []string // what the done dialog must say
		counts    []string
	}{
		{"complete without LibreOffice", false, nil, "LibreOffice is niet gevonden: Word- en Excel-stukken worden op de agenda vermeld, niet opgenomen.",
			2 + 1 + 3, 3, []string{"beschadigd", "Een .docx-bestand, en LibreOffice is niet gevonden"},
			[]string{"de agenda en 3 stukken", "1 stuk is nog niet ontvangen"}},
		{"public without LibreOffice", true, nil, "LibreOffice is niet gevonden",
			3, 1, []string{"beschadigd", "Een .docx-bestand, en LibreOffice is niet gevonden"},
			[]string{"de agenda en 1 stuk.", "1 stuk is nog niet ontvangen", "2 vertrouwelijke stukken zijn weggelaten"}},
		{"complete with LibreOffice", false, converterFunc(func(context.Context) ([]byte, error) { return converted, nil }),
			"Word- en Excel-stukken worden omgezet naar PDF", 2 + 1 + 3 + 2, 4, []string{"beschadigd"},
			[]string{"de agenda en 4 stukken", "1 stuk is omgezet naar PDF"}},
	}
	var names []string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			withConverter(t, tt.conv)
			dlg := openBundleDialog(t, s, f.meeting.ID)
			for _, want := range []string{"PHO Jeugd Zeeland", "Openbaar: zonder vertrouwelijke agendapunten en stukken", tt.lo,
				"Stukken: 5 ontvangen, 1 nog niet"} {
				if !hasText(dlg, want) {
					t.Errorf("the dialog lacks %q: %q", want, texts(dlg))
				}
			}
			variant := "Volledig"
			if tt.public {
				variant = "Openbaar"
			}
			run := startBundle(t, c, variant)
			got := receive(t, run, saved)
			if run.bar.Value != 1 {
				t.Errorf("the progress bar ends at %v", run.bar.Value)
			}
			if c.Overlays().Top() != nil {
				t.Error("the progress dialog stays after the bundle is made")
			}
			b := got.res.Bundle
			if b == nil || b.Included != tt.included || b.Public != tt.public {
				t.Fatalf("bundle %+v", b)
			}
			if !strings.Contains(got.job.Label, "ergaderbundel PHO Jeugd Zeeland") || got.job.Ext != ".pdf" {
				t.Errorf("job %q %q", got.job.Label, got.job.Ext)
			}

			// What the save dialog's Opslaan does.
			path := filepath.Join(dir, got.res.Name)
			wc, err := storage.Writer(storage.NewFileURI(path))
			if err != nil {
				t.Fatal(err)
			}
			if got.res.File == "" || got.res.Data != nil {
				t.Fatalf("the bundle is held in memory (%d bytes), not in a temporary file", len(got.res.Data))
			}
			exporter{s.sh}.written(wc, got.res)
			if _, err := os.Stat(got.res.File); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("temporary file %s left behind after saving (%v)", got.res.File, err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			pdftest.Check(t, data)
			pages, _ := strconv.Atoi(pdftest.Info(t, data)["Pages"])
			if want := b.AgendaPages + tt.stukPages; pages != want || got.res.Pages != want || b.AgendaPages < 1 {
				t.Errorf("%d pages (result %d), want agenda %d + stukken %d", pages, got.res.Pages, b.AgendaPages, tt.stukPages)
			}
			text := strings.Join(strings.Fields(pdftest.Text(t, data)), " ")
			for _, secret := range f.secret {
				if strings.Contains(text, secret) == tt.public {
					t.Errorf("public %v: %q in the text: %v", tt.public, secret, !tt.public)
				}
			}
			if recent := recentExports(); len(recent) == 0 || recent[0] != path {
				t.Errorf("not under Laatst opgeslagen: %v", recent)
			}
			names = append(names, got.res.Name)

			// The done dialog: the file, the counts, and each stuk to
			// act on by number and title.
			done := c.Overlays().Top()
			if done == nil || !hasText(done, path) || findButton(c, "Bestand openen") == nil || findButton(c, "Map openen") == nil {
				t.Fatalf("done dialog %q", texts(done))
			}
			for _, want := range append(tt.counts, tt.problems...) {
				if !hasText(done, want) {
					t.Errorf("the done dialog lacks %q: %q", want, texts(done))
				}
			}
			if len(b.Problems) != len(tt.problems) {
				t.Errorf("%d problems, want %d: %+v", len(b.Problems), len(tt.problems), b.Problems)
			}
			for _, p := range b.Problems {
				if plan := f.plans[p.DocumentID]; !plan.damaged && plan.ext == "" {
					t.Errorf("stuk %q (%+v) listed as a problem: %s", p.Title, plan, p.Reason)
				}
				if !hasText(done, fmt.Sprintf("%d.%d", p.Item, p.Stuk)) || !hasText(done, p.Title) {
					t.Errorf("the done dialog does not name stuk %d.%d %q", p.Item, p.Stuk, p.Title)
				}
			}
			if hasText(done, f.doc(t, func(p stukPlan) bool { return p.pending }).Title) {
				t.Error("the stuk not yet received is listed as a problem")
			}
			test.Tap(findButton(c, "Sluiten"))
		})
	}
	if len(names) == 2 && names[0] == names[1] {
		t.Errorf("the public bundle would overwrite the complete one: %q", names[0])
	}
}

// TestBundleFromTheExportScreen starts the bundle from the Uitvoer
// screen's meeting section and gets Fyne's own save dialog, titled after
// the bundle.
func TestBundleFromTheExportScreen(t *testing.T) {
	sh, w := newTestShell(t)
	f := newBundleFixture(t, sh.State)
	withConverter(t, nil)
	e := newExportScreen(sh)
	w.SetContent(e.root)
	for i, id := range e.meetingIDs {
		if id == f.meeting.ID {
			e.meeting.SetSelectedIndex(i)
		}
	}
	test.Tap(findButton(w.Canvas(), "Vergaderbundel…"))
	top := w.Canvas().Overlays().Top()
	if top == nil || !hasText(top, "PHO Jeugd Zeeland") {
		t.Fatal("no bundle dialog for the chosen meeting")
	}
	startBundle(t, w.Canvas(), "Openbaar").finish(t)
	top = w.Canvas().Overlays().Top()
	if top == nil || !hasText(top, "Openbare vergaderbundel PHO Jeugd Zeeland") || !hasText(top, "Opslaan") {
		t.Errorf("no save dialog for the bundle: %q", texts(top))
	}
}

// TestBundleStopsOnAChangedStuk flips one byte of a stored stuk: the
// bundle is not made, the error names the stuk in Dutch, and nothing is
// saved.
func TestBundleStopsOnAChangedStuk(t *testing.T) {
	s, w := newTestMeetings(t)
	st := s.sh.State
	f := newBundleFixture(t, st)
	withConverter(t, nil)
	saved := catchBundleSave(t)
	doc := f.doc(t, func(p stukPlan) bool { return p.pages == 3 })
	p := st.Store.Blobs().Path(doc.StoredName)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0x01
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	openBundleDialog(t, s, f.meeting.ID)
	startBundle(t, w.Canvas(), "Volledig").finish(t)
	top := w.Canvas().Overlays().Top()
	for _, want := range []string{"De bundel is niet gemaakt", "‘" + doc.Title + "’", "gewijzigd of beschadigd"} {
		if !hasText(top, want) {
			t.Errorf("the error lacks %q: %q", want, texts(top))
		}
	}
	select {
	case <-saved:
		t.Error("a changed stuk still gave a bundle to save")
	default:
	}
	if r := recentExports(); len(r) != 0 {
		t.Errorf("files saved: %v", r)
	}
}

// TestBundleStopButton stops a bundle while a Word file is being
// converted: the work ends, no error is shown and nothing is saved. On
// the way it checks that the bar moves with the bundle's steps.
func TestBundleStopButton(t *testing.T) {
	s, w := newTestMeetings(t)
	f := newBundleFixture(t, s.sh.State)
	saved := catchBundleSave(t)
	entered, left := make(chan struct{}), make(chan struct{})
	withConverter(t, converterFunc(func(ctx context.Context) ([]byte, error) {
		close(entered)
		defer close(left)
		<-ctx.Done()
		return nil, ctx.Err()
	}))
	c := w.Canvas()
	openBundleDialog(t, s, f.meeting.ID)
	run := startBundle(t, c, "Volledig")
	<-entered
	// Three PDFs and the damaged one are read before the Word file.
	if v := run.bar.Value; v <= 0 || v >= 1 {
		t.Errorf("the bar stands at %v while the fifth stuk is converted", v)
	}
	if top := c.Overlays().Top(); !hasText(top, "Vergaderbundel PHO Jeugd Zeeland") || !hasText(top, "Vergaderbundel maken…") {
		t.Errorf("the progress dialog does not name the meeting: %q", texts(top))
	}
	test.Tap(findButton(c, "Stoppen"))
	select {
	case <-left:
	case <-time.After(10 * time.Second):
		t.Fatal("Stoppen did not stop the conversion")
	}
	run.finish(t)
	if top := c.Overlays().Top(); top != nil {
		t.Errorf("a dialog after stopping: %q", texts(top))
	}
	select {
	case <-saved:
		t.Error("a stopped bundle reached the save dialog")
	default:
	}
}

// TestBundleAdvice names what to do for every reason a received stuk can
// be left out.
func TestBundleAdvice(t *testing.T) {
	newTestState(t) // Dutch
	tests := []struct {
		s    documents.BundledStuk
		lo   bool
		want string
	}{
		{documents.BundledStuk{Reason: documents.OmitDamaged}, false, "beschadigd"},
		{documents.BundledStuk{Reason: documents.OmitEncrypted}, false, "wachtwoord"},
		{documents.BundledStuk{Reason: documents.OmitNoFile}, false, "geen bestand opgeslagen"},
		{documents.BundledStuk{Reason: documents.OmitConvert, Format: ".xlsx"}, true, "Omzetten van het .xlsx-bestand naar PDF is mislukt"},
		{documents.BundledStuk{Reason: documents.OmitFormat, Format: ".docx"}, false, "Installeer LibreOffice"},
		{documents.BundledStuk{Reason: documents.OmitFormat, Format: ".zip"}, true, "Een .zip-bestand kan niet in de bundel"},
		{documents.BundledStuk{Reason: documents.OmitFormat, Format: "?"}, true, "geen herkenbaar formaat"},
		{documents.BundledStuk{Reason: "iets nieuws", Explanation: "de uitleg van de bundel"}, true, "de uitleg van de bundel"},
	}
	for _, tt := range tests {
		if got := bundleAdvice(tt.s, tt.lo); !strings.Contains(got, tt.want) {
			t.Errorf("%s %s: %q, want %q", tt.s.Reason, tt.s.Format, got, tt.want)
		}
	}
}

// TestBundleDialogShot photographs the options dialog, the progress
// dialog half-way and the done dialog with stukken to act on, when
// OVERLEGPLANNER_UI_SHOTS is set.
func TestBundleDialogShot(t *testing.T) {
	if os.Getenv("OVERLEGPLANNER_UI_SHOTS") == "" {
		t.Skip("OVERLEGPLANNER_UI_SHOTS not set")
	}
	s, w := newTestMeetings(t)
	test.ApplyTheme(t, theme.DefaultTheme())
	f := newBundleFixture(t, s.sh.State)
	c := w.Canvas()

	withConverter(t, nil)
	openBundleDialog(t, s, f.meeting.ID)
	publishShot(t, w, "bundle-options")
	test.Tap(findButton(c, "Annuleren"))

	entered, release := make(chan struct{}), make(chan struct{})
	withConverter(t, converterFunc(func(ctx context.Context) ([]byte, error) {
		close(entered)
		select {
		case <-release:
		case <-ctx.Done():
		}
		return nil, errors.New("LibreOffice gaf een fout")
	}))
	saved := catchBundleSave(t)
	openBundleDialog(t, s, f.meeting.ID)
	run := startBundle(t, c, "Volledig")
	<-entered
	publishShot(t, w, "bundle-progress")
	close(release)
	got := receive(t, run, saved)
	wc, err := storage.Writer(storage.NewFileURI(filepath.Join(t.TempDir(), got.res.Name)))
	if err != nil {
		t.Fatal(err)
	}
	exporter{s.sh}.written(wc, got.res)
	publishShot(t, w, "bundle-done")
}
