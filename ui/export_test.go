package ui

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/internal/testpeer"
)

// confidentialMeeting returns an upcoming meeting with a confidential
// item, and that item's title.
func confidentialMeeting(t *testing.T, st *State) (domain.Meeting, string) {
	t.Helper()
	ds, _ := st.Data()
	for _, hdr := range ds.Meetings {
		if hdr.Date().Before(st.Today()) || hdr.IsCancelled() {
			continue
		}
		m, err := st.Store.Meeting(context.Background(), hdr.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range m.Items {
			if it.Confidential {
				return m, it.Title
			}
		}
	}
	t.Fatal("no upcoming meeting with a confidential item in the demo")
	return domain.Meeting{}, ""
}

// pdfText extracts the text of a PDF with poppler's pdftotext, an
// independent reader of what we wrote.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	bin := testpeer.Command(t, "pdftotext")
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	// Layout mode may break a long title over two columns' worth of
	// spaces; compare with single spaces.
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestExportAgendaFullPublicAndInvite(t *testing.T) {
	st := newTestState(t)
	test.NewTempApp(t)
	m, secret := confidentialMeeting(t, st)
	dir := t.TempDir()
	ctx := context.Background()

	full, res, err := exportTo(ctx, agendaExport(st, m.ID, false), dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages < 1 || !strings.HasSuffix(full, ".pdf") || !strings.HasPrefix(filepath.Base(full), m.Date().String()) {
		t.Errorf("agenda %s, %d pages", full, res.Pages)
	}
	public, _, err := exportTo(ctx, agendaExport(st, m.ID, true), dir)
	if err != nil {
		t.Fatal(err)
	}
	if public == full {
		t.Fatal("the public agenda overwrote the full one")
	}
	invite, ires, err := exportTo(ctx, inviteExport(st, m.ID), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{full, public, invite} {
		if info, err := os.Stat(p); err != nil || info.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
	}
	fullText, publicText := pdfText(t, full), pdfText(t, public)
	if !strings.Contains(fullText, secret) {
		t.Errorf("the full agenda lacks the confidential item %q", secret)
	}
	if strings.Contains(publicText, secret) {
		t.Errorf("the public agenda shows the confidential item %q", secret)
	}
	if !strings.Contains(publicText, "Vertrouwelijk agendapunt") {
		t.Error("the public agenda does not mark the confidential item")
	}
	ics, _ := os.ReadFile(invite)
	for _, want := range []string{"METHOD:REQUEST", "UID:" + m.UID, "SEQUENCE:0", "ATTENDEE"} {
		if !bytes.Contains(ics, []byte(want)) {
			t.Errorf("invite lacks %q", want)
		}
	}
	if bytes.Contains(ics, []byte(secret)) {
		t.Error("the invite shows the confidential item")
	}
	if ires.Invite == nil || len(ires.Invite.Recipients) == 0 || ires.Invite.Cancel {
		t.Errorf("invite recipients %+v", ires.Invite)
	}
}

func TestExportAfterCancellationIsACancel(t *testing.T) {
	st := newTestState(t)
	test.NewTempApp(t)
	m, _ := confidentialMeeting(t, st)
	m.Status = domain.StatusGeannuleerd
	if err := st.Store.SaveMeeting(context.Background(), &m); err != nil {
		t.Fatal(err)
	}
	if err := st.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	path, res, err := exportTo(context.Background(), inviteExport(st, m.ID), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ics, _ := os.ReadFile(path)
	if !bytes.Contains(ics, []byte("METHOD:CANCEL")) || !bytes.Contains(ics, []byte("SEQUENCE:1")) || !res.Invite.Cancel {
		t.Errorf("cancellation:\n%s", ics)
	}
	if !strings.HasPrefix(filepath.Base(path), m.Date().String()+" Annulering ") {
		t.Errorf("name %q", filepath.Base(path))
	}
}

func TestEveryExportWrites(t *testing.T) {
	st := newTestState(t)
	test.NewTempApp(t)
	ds, ix := st.Data()
	var held domain.Meeting
	for _, m := range ds.Meetings {
		if m.Status == domain.StatusGehouden {
			held = m
		}
	}
	var body, mun, person int64 = ds.Bodies[0].ID, ds.Municipalities[0].ID, 0
	for _, p := range ds.People {
		if p.Role == domain.PersonAmbtenaar {
			person = p.ID
			break
		}
	}
	today := st.Today()
	tests := []struct {
		name string
		job  exportJob
		want string // in the file
	}{
		{"draft decision list", decisionListExport(st, held.ID, true), "%PDF"},
		{"decision list", decisionListExport(st, held.ID, false), "%PDF"},
		{"year plan of a body", yearPlanExport(st, today.Year()+1, body, 0), "%PDF"},
		{"year plan of a partnership", yearPlanExport(st, today.Year()+1, 0, ix.Bodies[body].PartnershipID), "%PDF"},
		{"year plan of all", yearPlanExport(st, today.Year()+1, 0, 0), "%PDF"},
		{"deadlines of a gemeente, PDF", deadlineExport(st, documents.ScopeMunicipality, mun, today, today.AddDays(90), false), "%PDF"},
		{"deadlines of a person, CSV", deadlineExport(st, documents.ScopePerson, person, today, today.AddDays(90), true), "\ufeff"},
		{"feed of a body", feedExport(st, ical.Scope{Kind: ical.ScopeBody, ID: body}), "METHOD:PUBLISH"},
		{"feed of a gemeente", feedExport(st, ical.Scope{Kind: ical.ScopeMunicipality, ID: mun}), "METHOD:PUBLISH"},
		{"feed of a person", feedExport(st, ical.Scope{Kind: ical.ScopePerson, ID: person}), "METHOD:PUBLISH"},
	}
	dir := t.TempDir()
	seen := map[string]bool{}
	for _, tt := range tests {
		path, _, err := exportTo(context.Background(), tt.job, dir)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		data, _ := os.ReadFile(path)
		if !bytes.HasPrefix(data, []byte(tt.want)) && !bytes.Contains(data[:min(len(data), 400)], []byte(tt.want)) {
			t.Errorf("%s: %s does not hold %q", tt.name, path, tt.want)
		}
		if filepath.Ext(path) != tt.job.Ext {
			t.Errorf("%s: %s is not %s", tt.name, path, tt.job.Ext)
		}
		if seen[path] {
			t.Errorf("%s: %s written twice", tt.name, path)
		}
		seen[path] = true
	}
	// A period that ends before it starts is refused in Dutch.
	_, _, err := exportTo(context.Background(), deadlineExport(st, documents.ScopeMunicipality, mun, today, today.AddDays(-1), false), dir)
	if err == nil || !strings.Contains(err.Error(), "het einde ligt vóór het begin") {
		t.Errorf("reversed period: %v", err)
	}
}

func TestWriteFileAtomicKeepsTheOldFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "agenda.pdf")
	if err := writeFileAtomic(p, []byte("eerste")); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(p, []byte("tweede")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "tweede" {
		t.Errorf("content %q", b)
	}
	err := writeFileAtomic(filepath.Join(dir, "bestaat-niet", "x.pdf"), []byte("x"))
	if err == nil || !strings.Contains(err.Error(), "kan niet worden opgeslagen") {
		t.Errorf("missing folder: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestExportScreenOffersEveryChoice(t *testing.T) {
	sh, w := newTestShell(t)
	e := newExportScreen(sh)
	w.SetContent(e.root)
	ds, _ := sh.State.Data()
	if e.meetingID() == 0 || len(e.meeting.Options) < 20 {
		t.Fatalf("meeting choice: %d options", len(e.meeting.Options))
	}
	if !hasText(e.root, "volgnummer") {
		t.Error("the invite's sequence is not shown")
	}
	if y, _ := e.yearPlanChoice(); y != 2027 {
		t.Errorf("year plan year %d in November 2026", y)
	}
	if len(e.planScope.Options) != 1+len(ds.Partnerships)+len(ds.Bodies) {
		t.Errorf("%d scopes", len(e.planScope.Options))
	}
	e.deadlineKind.SetSelectedIndex(1)
	if len(e.deadlineWho.Options) != len(ds.People) {
		t.Errorf("%d people offered", len(e.deadlineWho.Options))
	}
	// A typed period that ends before it starts is refused before any
	// work is done, in Dutch.
	typeInto(e.deadlineFrom, "2027-03-01")
	typeInto(e.deadlineTo, "2027-02-01")
	test.Tap(findButton(w.Canvas(), "Overzicht (PDF)"))
	if !e.deadlineError.Visible() || !strings.Contains(e.deadlineError.Text, "het einde ligt vóór het begin") {
		t.Errorf("period error %q", e.deadlineError.Text)
	}
	typeInto(e.deadlineTo, "31-02-2027")
	if _, err := e.deadlineJob(false); err == nil || !strings.Contains(err.Error(), "geen geldige datum") {
		t.Errorf("impossible date: %v", err)
	}
	e.feedKind.SetSelectedIndex(2)
	if scope, ok := e.feedScope(); !ok || scope.Kind != ical.ScopePerson {
		t.Errorf("feed scope %+v", scope)
	}
	// A saved file shows up under "Laatst opgeslagen".
	p := filepath.Join(t.TempDir(), "2027-01-14 Agenda.pdf")
	os.WriteFile(p, []byte("%PDF"), 0o644)
	addRecentExport(p)
	e.fillRecent()
	if !hasText(e.recentBox, "2027-01-14 Agenda.pdf") {
		t.Errorf("recent files %q", texts(e.recentBox))
	}
}

// TestExportButtonRendersThenAsksWhereToSave drives the real flow up to
// the save dialog: progress while rendering, then the dialog with the
// document's own name.
func TestExportButtonRendersThenAsksWhereToSave(t *testing.T) {
	sh, w := newTestShell(t)
	e := newExportScreen(sh)
	w.SetContent(e.root)
	test.Tap(findButton(w.Canvas(), "Agenda (volledig)"))
	waitForSaveDialog(t, w, "Agenda ")
}

// waitForSaveDialog waits until an export has rendered and asks where to
// save (the title names the document), then closes the dialogs.
func waitForSaveDialog(t *testing.T, w fyne.Window, title string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if top := w.Canvas().Overlays().Top(); top != nil && hasText(top, title) && hasText(top, "Opslaan") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no save dialog after rendering")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // the render goroutine returns after showing the dialog
	for o := w.Canvas().Overlays().Top(); o != nil; o = w.Canvas().Overlays().Top() {
		w.Canvas().Overlays().Remove(o)
	}
}

func TestMailAddresses(t *testing.T) {
	got := mailAddresses([]ical.Attendee{{Name: `Jan "JJ" de Vries`, Email: "jan@goes.nl"}, {Name: "Piet", Email: "piet@veere.nl"}})
	if got != `"Jan JJ de Vries" <jan@goes.nl>; "Piet" <piet@veere.nl>` {
		t.Errorf("%q", got)
	}
}

// TestSavingAnExportOffersToOpenIt runs what the save dialog's Opslaan
// does with the file the user chose: the file holds the document, its
// folder is remembered, it is listed as saved last, and a dialog offers
// "Bestand openen" (for an invite, with whom to send it to).
func TestSavingAnExportOffersToOpenIt(t *testing.T) {
	sh, w := newTestShell(t)
	st := sh.State
	m, _ := confidentialMeeting(t, st)
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		job  exportJob
		want []string // in the dialog
	}{
		{"agenda", agendaExport(st, m.ID, false), []string{"pagina’s", "Bestand openen", "Map openen"}},
		{"invite", inviteExport(st, m.ID), []string{"volgnummer 0", "E-mailadressen kopiëren", "Bestand openen"}},
	} {
		res, err := tt.job.Render(context.Background(), nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		path := filepath.Join(dir, res.Name)
		wc, err := storage.Writer(storage.NewFileURI(path))
		if err != nil {
			t.Fatal(err)
		}
		exporter{sh}.written(wc, res)
		if data, err := os.ReadFile(path); err != nil || !bytes.Equal(data, res.Data) {
			t.Errorf("%s: file %d bytes, want %d (%v)", tt.name, len(data), len(res.Data), err)
		}
		top := w.Canvas().Overlays().Top()
		if top == nil || !hasText(top, path) {
			t.Fatalf("%s: no message naming %s", tt.name, path)
		}
		for _, want := range tt.want {
			if !hasText(top, want) {
				t.Errorf("%s: the dialog lacks %q: %q", tt.name, want, texts(top))
			}
		}
		if recent := recentExports(); len(recent) == 0 || recent[0] != path {
			t.Errorf("%s: recent %v", tt.name, recent)
		}
		if exportLastDir() == nil || exportLastDir().Path() != dir {
			t.Errorf("%s: folder not remembered", tt.name)
		}
		test.Tap(findButton(w.Canvas(), "Bestand openen"))
		if w.Canvas().Overlays().Top() != nil {
			t.Errorf("%s: the dialog stays after opening the file", tt.name)
		}
	}
	// An invite's addresses go to the clipboard in the form mail
	// programs accept.
	res, _ := inviteExport(st, m.ID).Render(context.Background(), nil)
	wc, _ := storage.Writer(storage.NewFileURI(filepath.Join(dir, "x.ics")))
	exporter{sh}.written(wc, res)
	test.Tap(findButton(w.Canvas(), "E-mailadressen kopiëren"))
	if got := fyne.CurrentApp().Clipboard().Content(); !strings.Contains(got, "<"+res.Invite.Recipients[0].Email+">") {
		t.Errorf("clipboard %q", got)
	}
}

// TestExportResultInAFile checks a document held in a temporary file (the
// vergaderbundel): saving copies it to its place and removes the
// temporary file; a writer that is not a file gets the same bytes; an
// abandoned document leaves nothing behind.
func TestExportResultInAFile(t *testing.T) {
	dir := t.TempDir()
	content := bytes.Repeat([]byte("%PDF-1.7 bundel "), 100000)
	temp := func() exportResult {
		f, err := os.CreateTemp(dir, "bundel-*.pdf")
		if err != nil {
			t.Fatal(err)
		}
		f.Write(content)
		f.Close()
		return exportResult{Name: "bundel.pdf", File: f.Name()}
	}
	gone := func(r exportResult) {
		t.Helper()
		if _, err := os.Stat(r.File); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("temporary file %s still there (%v)", r.File, err)
		}
	}

	r := temp()
	dest := filepath.Join(dir, "out", "Vergaderbundel.pdf")
	os.MkdirAll(filepath.Dir(dest), 0o755)
	if err := r.place(dest); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(dest); err != nil || !bytes.Equal(got, content) {
		t.Errorf("placed file %d bytes, want %d (%v)", len(got), len(content), err)
	}
	gone(r)

	r = temp()
	var buf bytes.Buffer
	if err := r.copyTo(&buf); err != nil || !bytes.Equal(buf.Bytes(), content) {
		t.Errorf("copyTo: %d bytes, want %d (%v)", buf.Len(), len(content), err)
	}
	r.discard()
	gone(r)

	r = temp()
	if err := r.place(filepath.Join(dir, "no such folder", "x.pdf")); err == nil {
		t.Error("placing into a missing folder succeeded")
	} else if msg := i18n.UserMessage(err); !strings.Contains(msg, "x.pdf") {
		t.Errorf("message %q does not name the file", msg)
	}
	gone(r)
}
