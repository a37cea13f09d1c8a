package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/overlegplanner/overlegplanner/documents/agendacsv"
	"github.com/overlegplanner/overlegplanner/domain"
)

// agendaCSVHeader is the header Write gives in Dutch.
const agendaCSVHeader = "titel;soort;portefeuillehouder;steller;vertrouwelijk;voorstel\r\n"

// writeAgendaCSV writes data to a file called name in a fresh folder.
func writeAgendaCSV(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// nextOfBody returns the first planned meeting of m's body after m, with
// its agenda.
func nextOfBody(t *testing.T, st *State, m domain.Meeting) domain.Meeting {
	t.Helper()
	var best *domain.Meeting
	for _, o := range storedMeetings(t, st) {
		if o.BodyID == m.BodyID && o.Start.After(m.Start) && !o.IsCancelled() && (best == nil || o.Start.Before(best.Start)) {
			o := o
			best = &o
		}
	}
	if best == nil {
		t.Fatal("no later meeting of the same body in the demo")
	}
	full, err := st.Store.Meeting(context.Background(), best.ID)
	if err != nil {
		t.Fatal(err)
	}
	return full
}

// hasExactText reports whether a text under o is exactly s.
func hasExactText(o fyne.CanvasObject, s string) bool {
	for _, x := range texts(o) {
		if x == s {
			return true
		}
	}
	return false
}

// sameAgendaItem is the rule of store.PlanImport, for finding an item
// again after an import: same kind, title up to case and spacing.
func sameAgendaItem(a, b domain.AgendaItem) bool {
	return a.Kind == b.Kind && strings.EqualFold(strings.Join(strings.Fields(a.Title), " "), strings.Join(strings.Fields(b.Title), " "))
}

// openJeugdAgenda shows the PHO Jeugd Zeeland of 14 January 2027, the
// demo's meeting with real stukken, and returns its agenda editor.
func openJeugdAgenda(t *testing.T) (*meetingsScreen, *agendaEditor, domain.Meeting) {
	t.Helper()
	s, _ := newTestMeetings(t)
	st := s.sh.State
	_, ix := st.Data()
	for _, m := range storedMeetings(t, st) {
		if b := ix.Bodies[m.BodyID]; b != nil && b.Name == "PHO Jeugd Zeeland" && m.Date().String() == "2027-01-14" {
			s.open(m.ID)
			return s, s.detail.agenda, storedMeetingT(t, st, m.ID)
		}
	}
	t.Fatal("no PHO Jeugd Zeeland on 14-01-2027 in the demo")
	return nil, nil, domain.Meeting{}
}

// TestAgendaCSVExportImportRoundTrip saves the next PHO's agenda as the
// menu's export does, and imports that file into the body's following
// meeting: every item arrives with its kind, people, confidentiality and
// proposal; the items that meeting already had are listed as skipped.
func TestAgendaCSVExportImportRoundTrip(t *testing.T) {
	s, a, pho := openJeugdAgenda(t)
	sh, st, w := s.sh, s.sh.State, s.sh.Window
	ctx := context.Background()
	// Make sure the file has every field to carry: a confidential item
	// with both people and a proposal that needs quoting.
	var src domain.AgendaItem
	for _, it := range pho.Items {
		if it.Kind.NeedsDecision() && src.ID == 0 {
			src = it
		}
	}
	ds, _ := st.Data()
	for _, p := range ds.People {
		if p.Role == domain.PersonBestuurder && src.PortefeuillehouderID == 0 {
			src.PortefeuillehouderID = p.ID
		}
		if p.Role == domain.PersonAmbtenaar && src.StellerID == 0 {
			src.StellerID = p.ID
		}
	}
	src.Confidential = true
	src.Proposal = "1. Instemmen; met \"de\" visie.\n2. =Voorleggen aan de raden."
	if err := st.Store.SaveItem(ctx, &src); err != nil {
		t.Fatal(err)
	}
	a.reloadAndSelect(0)
	pho = storedMeetingT(t, st, pho.ID)

	// Export: what the save dialog's Opslaan does with the rendered job.
	job := agendaCSVExport(st, a.meeting)
	if job.Ext != ".csv" || !strings.Contains(job.Label, "vertrouwelijk") {
		t.Errorf("job %q %q: the label does not warn about the confidential items", job.Label, job.Ext)
	}
	res, err := job.Render(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Name != "2027-01-14 Agenda PHO Jeugd Zeeland.csv" {
		t.Errorf("suggested name %q", res.Name)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, res.Name)
	wc, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	exporter{sh}.written(wc, res)
	if data, err := os.ReadFile(path); err != nil || !bytes.Equal(data, res.Data) {
		t.Fatalf("file %d bytes, want %d (%v)", len(data), len(res.Data), err)
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !hasText(top, "Bestand openen") || !hasText(top, "Map openen") {
		t.Fatal("no dialog offering to open the file")
	}
	if recent := recentExports(); len(recent) == 0 || recent[0] != path {
		t.Errorf("not under Laatst opgeslagen: %v", recent)
	}
	test.Tap(findButton(w.Canvas(), "Sluiten"))

	// Import into the following meeting of the same body.
	next := nextOfBody(t, st, pho)
	s.open(next.ID)
	if a.meeting.ID != next.ID {
		t.Fatalf("the editor shows meeting %d, want %d", a.meeting.ID, next.ID)
	}
	d := a.importCSVFile(path)
	if d == nil {
		t.Fatal("no preview")
	}
	top := w.Canvas().Overlays().Top()
	if len(d.plan.items) != len(pho.Items) {
		t.Fatalf("the preview reads %d rows, the agenda has %d", len(d.plan.items), len(pho.Items))
	}
	if len(d.plan.skips) == 0 || !hasText(top, "Staat er al (punt ") || !hasText(top, "en worden overgeslagen") {
		t.Errorf("the rows the agenda already has are not shown as skipped: %q", texts(top))
	}
	if !hasText(top, src.Title) || !hasExactText(top, "Toevoegen") || !hasText(top, "vertrouwelijk: de openbare agenda en de uitnodiging tonen") {
		t.Errorf("the preview lacks the rows to add: %q", texts(top))
	}
	if got := storedItems(t, st, next.ID); len(got) != len(next.Items) {
		t.Fatal("the preview stored something")
	}
	if d.apply.Disabled() {
		t.Fatal("Importeren disabled on a good file")
	}
	test.Tap(d.apply)

	after := storedItems(t, st, next.ID)
	if len(after) != len(next.Items)+d.plan.fresh {
		t.Fatalf("%d items after the import, want %d + %d", len(after), len(next.Items), d.plan.fresh)
	}
	checked := 0
	for i, want := range pho.Items {
		var got *domain.AgendaItem
		for j := range after {
			if sameAgendaItem(after[j], want) {
				got = &after[j]
			}
		}
		if got == nil {
			t.Errorf("%q (%s) is not on the agenda after the import", want.Title, want.Kind)
			continue
		}
		if _, skipped := d.plan.skips[i]; skipped {
			continue // the meeting's own item stays as it was
		}
		checked++
		if got.Title != want.Title || got.PortefeuillehouderID != want.PortefeuillehouderID || got.StellerID != want.StellerID ||
			got.Confidential != want.Confidential || got.Proposal != want.Proposal {
			t.Errorf("imported %+v\nfrom %+v", *got, want)
		}
	}
	if checked == 0 {
		t.Fatal("nothing was imported to compare")
	}
	// The first imported item is selected, and the message counts them.
	if sel := a.selected(); sel == nil || !sameAgendaItem(*sel, pho.Items[firstFresh(d.plan)]) {
		t.Errorf("selected %+v", sel)
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !hasText(top, "toegevoegd aan de agenda van PHO Jeugd Zeeland, do ") {
		t.Errorf("no message about the import: %q", texts(top))
	}
}

// firstFresh is the index of the first row a plan adds.
func firstFresh(p *agendaCSVPlan) int {
	for i := range p.items {
		if _, skip := p.skips[i]; !skip {
			return i
		}
	}
	return -1
}

func storedMeetingT(t *testing.T, st *State, id int64) domain.Meeting {
	t.Helper()
	m, err := st.Store.Meeting(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestAgendaCSVBadRowsAreAllListed reads a file with two wrong rows (one
// of them wrong twice): every problem is listed with its line and column,
// Importeren cannot be pressed, and the agenda stays as it was.
func TestAgendaCSVBadRowsAreAllListed(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st, w := s.sh.State, s.sh.Window
	path := writeAgendaCSV(t, "agenda.csv", []byte(agendaCSVHeader+
		"Regionale inkoop jeugdhulp;ter besluitvorming;;;nee;\r\n"+
		";ter besluitvorming;;;nee;Instemmen\r\n"+
		"Jaarverslag;hamerstuk;;;ja;\r\n"+
		"Woonzorgvisie;ter beslissing;;;misschien;\r\n"))
	d := a.importCSVFile(path)
	if d == nil {
		t.Fatal("no dialog")
	}
	top := w.Canvas().Overlays().Top()
	lines := map[int]bool{}
	for _, p := range d.plan.problems {
		lines[p.Line] = true
	}
	if len(d.plan.problems) != 3 || !lines[3] || !lines[5] || len(lines) != 2 {
		t.Fatalf("problems %+v", d.plan.problems)
	}
	for _, want := range []string{"Het bestand is niet ingelezen; er is niets aan de agenda toegevoegd (3 fouten)",
		"de titel ontbreekt", "‘ter beslissing’ is geen soort agendapunt", "‘misschien’ is geen ja of nee",
		"Regel", "Kolom", "titel", "soort", "vertrouwelijk"} {
		if !hasText(top, want) {
			t.Errorf("the dialog lacks %q: %q", want, texts(top))
		}
	}
	for _, line := range []string{"3", "5"} {
		if !hasExactText(top, line) {
			t.Errorf("line %s not shown: %q", line, texts(top))
		}
	}
	if !d.apply.Disabled() || d.cancel.Text != "Sluiten" {
		t.Errorf("Importeren enabled (%v) or the way out is %q", !d.apply.Disabled(), d.cancel.Text)
	}
	test.Tap(d.apply)
	d.importAll()
	if got := storedItems(t, st, pho.ID); len(got) != len(pho.Items) {
		t.Errorf("%d items stored from a wrong file", len(got)-len(pho.Items))
	}

	// Corrected in the spreadsheet and read again: the dialog now shows
	// what it adds.
	if err := os.WriteFile(path, []byte(agendaCSVHeader+"Regionale inkoop jeugdhulp;ter besluitvorming;;;nee;\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	test.Tap(d.reread)
	if !d.plan.ok() || d.plan.fresh != 1 || d.apply.Disabled() || !hasText(top, "1 agendapunt wordt toegevoegd") {
		t.Errorf("after reading again: %+v, %q", d.plan, texts(top))
	}
}

// TestAgendaCSVImportTwiceAddsNothingTwice imports a file, then the same
// file again: the second preview shows every row as already there, with
// the item it repeats, and offers nothing to import.
func TestAgendaCSVImportTwiceAddsNothingTwice(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st, w := s.sh.State, s.sh.Window
	opening := pho.Items[0]
	if opening.Kind != domain.ItemOpening {
		t.Fatalf("first item %+v", opening)
	}
	path := writeAgendaCSV(t, "agenda.csv", []byte(agendaCSVHeader+
		strings.ToUpper(opening.Title)+";opening;;;nee;\r\n"+
		"Regionale inkoop jeugdhulp;ter besluitvorming;;;nee;Instemmen met de aanpak.\r\n"+
		"Monitor jeugdzorg;informatie;;;;\r\n"+
		"regionale  inkoop jeugdhulp;besluitvorming;;;;\r\n"))
	d := a.importCSVFile(path)
	top := w.Canvas().Overlays().Top()
	if d.plan.fresh != 2 || len(d.plan.skips) != 2 {
		t.Fatalf("plan: %d to add, %d skipped", d.plan.fresh, len(d.plan.skips))
	}
	for _, want := range []string{"Staat er al (punt 1)", "Dubbel (zie nr. 2)", "2 agendapunten worden toegevoegd", "2 regels staan al op de agenda"} {
		if !hasText(top, want) {
			t.Errorf("the preview lacks %q: %q", want, texts(top))
		}
	}
	test.Tap(d.apply)
	once := storedItems(t, st, pho.ID)
	if len(once) != len(pho.Items)+2 {
		t.Fatalf("%d items after the first import, want %d", len(once), len(pho.Items)+2)
	}
	if top := w.Canvas().Overlays().Top(); !hasText(top, "2 agendapunten toegevoegd") || !hasText(top, "2 regels overgeslagen") {
		t.Errorf("message %q", texts(top))
	}

	d = a.importCSVFile(path)
	top = w.Canvas().Overlays().Top()
	if d.plan.fresh != 0 || len(d.plan.skips) != 4 || !d.apply.Disabled() {
		t.Fatalf("second preview: %d to add, %d skipped, Importeren enabled %v", d.plan.fresh, len(d.plan.skips), !d.apply.Disabled())
	}
	if !hasText(top, "Alle punten uit dit bestand staan al op de agenda") || hasExactText(top, "Toevoegen") {
		t.Errorf("second preview %q", texts(top))
	}
	for i, it := range once {
		if it.Title == "Regionale inkoop jeugdhulp" && !hasText(top, "Staat er al (punt "+itoa(i+1)+")") {
			t.Errorf("the skipped row does not name item %d", i+1)
		}
	}
	d.importAll()
	// The store skips them as well, even when asked directly.
	added, err := st.Store.ImportItems(context.Background(), pho.ID, d.plan.items)
	if err != nil || len(added) != 0 {
		t.Errorf("second import added %d (%v)", len(added), err)
	}
	if got := storedItems(t, st, pho.ID); len(got) != len(once) {
		t.Errorf("%d items after the second import, want %d", len(got), len(once))
	}
}

func itoa(n int) string { return strings.TrimSuffix(itoaDot(n), ".") }

// TestAgendaCSVFilesThatAreNoAgenda: a missing, empty, oversized or
// binary file, a workbook, and a header without rows each get a Dutch
// message and store nothing; Excel's other encodings read as the text
// they hold.
func TestAgendaCSVFilesThatAreNoAgenda(t *testing.T) {
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(
		"titel\tsoort\tvertrouwelijk\r\nJeugdhulp op de eilanden — één loket\tinformatie\tja\r\nRondvraag\t\t\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes([]byte("titel;soort\r\nZorgcoördinatie Noord-Beveland;bespreking\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	big := append([]byte(agendaCSVHeader), bytes.Repeat([]byte("Punt;informatie;;;;\r\n"), agendacsv.MaxBytes/20+1)...)
	tests := []struct {
		name  string
		data  []byte // nil: the file does not exist
		want  string
		error bool     // shown as an error dialog, without preview
		read  []string // titles read, for a file that is fine
	}{
		{name: "missing", data: nil, want: "kan niet worden gelezen", error: true},
		{name: "empty", data: []byte{}, want: "het bestand is leeg"},
		{name: "blank lines", data: []byte("\r\n \r\n"), want: "het bestand is leeg"},
		{name: "too large", data: big, want: "groter dan 2 MB"},
		{name: "workbook", data: []byte("PK\x03\x04\x14\x00\x06\x00[Content_Types].xml"), want: "Excel-werkmap"},
		{name: "old workbook", data: []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0}, want: "Excel-werkmap"},
		{name: "binary", data: []byte("%PDF-1.7\n\x00\x01\x02"), want: "geen tekstbestand"},
		{name: "header only", data: []byte(agendaCSVHeader), want: "geen agendapunten"},
		{name: "no header", data: []byte("Opening;opening\r\nRondvraag;rondvraag\r\n"), want: "kolomnamen"},
		{name: "utf-16 unicode text", data: utf16, read: []string{"Jeugdhulp op de eilanden — één loket", "Rondvraag"}},
		{name: "windows-1252", data: cp1252, read: []string{"Zorgcoördinatie Noord-Beveland"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, a, pho := openPHOAgenda(t)
			st, w := s.sh.State, s.sh.Window
			path := filepath.Join(t.TempDir(), "agenda.csv")
			if tt.data != nil {
				path = writeAgendaCSV(t, "agenda.csv", tt.data)
			}
			d := a.importCSVFile(path)
			top := w.Canvas().Overlays().Top()
			switch {
			case tt.error:
				if d != nil || top == nil || !hasText(top, tt.want) {
					t.Errorf("preview %v, message %q", d != nil, texts(top))
				}
			case tt.read != nil:
				if d == nil || !d.plan.ok() || len(d.plan.items) != len(tt.read) {
					t.Fatalf("not read: %+v", d.plan)
				}
				for i, title := range tt.read {
					if d.plan.items[i].Title != title {
						t.Errorf("row %d: %q, want %q", i+1, d.plan.items[i].Title, title)
					}
				}
			default:
				if d == nil || d.plan.ok() || !d.apply.Disabled() || !hasText(top, tt.want) || !hasText(top, "er is niets aan de agenda toegevoegd") {
					t.Errorf("message %q", texts(top))
				}
			}
			if got := storedItems(t, st, pho.ID); len(got) != len(pho.Items) {
				t.Errorf("%d items stored", len(got)-len(pho.Items))
			}
		})
	}
}

// TestAgendaCSVInTheMoreMenu: the "⋯" menu offers both; without a meeting
// the menu cannot be opened and the actions do nothing; a cancelled
// meeting takes an import as it takes the other agenda actions, with a
// warning in the preview.
func TestAgendaCSVInTheMoreMenu(t *testing.T) {
	s, a, pho := openPHOAgenda(t)
	st, w := s.sh.State, s.sh.Window
	menu := map[string]*fyne.MenuItem{}
	for _, it := range a.moreMenu().Items {
		menu[it.Label] = it
	}
	imp, exp := menu["Agendapunten importeren uit CSV…"], menu["Agenda exporteren als CSV…"]
	if imp == nil || exp == nil || menu["Vaste punten toevoegen"] == nil {
		t.Fatalf("menu %v", menu)
	}
	if a.more.Disabled() {
		t.Fatal("⋯ disabled on a meeting")
	}
	// The menu's import opens the file dialog, which starts in the
	// folder of the last save.
	imp.Action()
	if w.Canvas().Overlays().Top() == nil {
		t.Error("the import entry opens no file dialog")
	}
	w.Canvas().Overlays().Top().Hide()
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}

	path := writeAgendaCSV(t, "agenda.csv", []byte(agendaCSVHeader+"Regionale inkoop jeugdhulp;besluitvorming;;;;\r\n"))
	a.setMeeting(domain.Meeting{})
	if !a.more.Disabled() || !a.add.Disabled() {
		t.Error("⋯ or Agendapunt enabled without a meeting")
	}
	if d := a.importCSVFile(path); d != nil || w.Canvas().Overlays().Top() != nil {
		t.Error("an import without a meeting")
	}
	a.exportCSV()
	a.importCSV()
	if w.Canvas().Overlays().Top() != nil {
		t.Error("a dialog without a meeting")
	}

	pho.Status = domain.StatusGeannuleerd
	if err := st.Store.SaveMeeting(context.Background(), &pho); err != nil {
		t.Fatal(err)
	}
	a.reloadAndSelect(0)
	s.open(pho.ID)
	if a.more.Disabled() || a.add.Disabled() {
		t.Fatal("agenda actions disabled on a cancelled meeting")
	}
	d := a.importCSVFile(path)
	if d == nil || !hasText(w.Canvas().Overlays().Top(), "Deze vergadering is geannuleerd") {
		t.Fatal("no warning about the cancelled meeting")
	}
	test.Tap(d.apply)
	if got := storedItems(t, st, pho.ID); len(got) != len(pho.Items)+1 {
		t.Errorf("%d items, want %d", len(got), len(pho.Items)+1)
	}
}

// TestAgendaCSVDialogShot photographs the preview of a good file (rows to
// add and rows skipped) and of a wrong one, when OVERLEGPLANNER_UI_SHOTS
// is set; FYNE_THEME=light photographs them in the light theme.
func TestAgendaCSVDialogShot(t *testing.T) {
	if os.Getenv("OVERLEGPLANNER_UI_SHOTS") == "" {
		t.Skip("OVERLEGPLANNER_UI_SHOTS not set")
	}
	s, a, pho := openJeugdAgenda(t)
	test.ApplyTheme(t, theme.DefaultTheme())
	if os.Getenv("FYNE_THEME") == "light" {
		test.ApplyTheme(t, theme.LightTheme())
	}
	w := s.sh.Window
	res, err := agendaCSVExport(s.sh.State, pho).Render(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	good := writeAgendaCSV(t, res.Name, append(res.Data, []byte(
		"Regionale inkoop jeugdhulp 2027–2030: gunning van de percelen Zorg in natura en Verblijf;ter besluitvorming;;;ja;\r\n")...))
	next := nextOfBody(t, s.sh.State, pho)
	s.open(next.ID)
	d := a.importCSVFile(good)
	publishShot(t, w, "agendacsv-preview")
	d.dlg.Hide()

	bad := writeAgendaCSV(t, "agenda PHO.csv", []byte(agendaCSVHeader+
		"Regionale inkoop jeugdhulp;ter besluitvorming;Onbekende Wethouder;;nee;\r\n"+
		";ter besluitvorming;;;nee;Instemmen\r\n"+
		"Jaarverslag;hamerstuk;;;ja;\r\n"+
		"Woonzorgvisie;ter beslissing;;;misschien;\r\n"+
		"Monitor;informatie;;;;;te veel\r\n"))
	a.importCSVFile(bad)
	publishShot(t, w, "agendacsv-errors")
}
