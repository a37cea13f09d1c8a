package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/domain"
)

// orgButtonIn returns the button with text in the dialog on top of w.
func orgButtonIn(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog shown")
	}
	var found *widget.Button
	walkVisible(top, func(o fyne.CanvasObject) bool {
		b, ok := o.(*widget.Button)
		if ok && found == nil && b.Text == text {
			found = b
		}
		return !ok && found == nil
	})
	if found == nil {
		t.Fatalf("dialog without a button %q", text)
	}
	return found
}

func writeCSV(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "lijst.csv")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCSVImportOfPeople(t *testing.T) {
	sh, w := newTestShell(t)
	st := sh.State
	before := len(storedDataset(t, st).People)
	path := writeCSV(t, "\ufeffnaam;e-mail;gemeente;rol;functie\n"+
		"Fatima el Amrani;f.elamrani@vlissingen.nl;Vlissingen;ambtenaar;beleidsadviseur jeugd\n"+
		"Pieter de Visser;p.devisser@goes.nl;Goes;ambtenaar;\n")
	csvImportFile(sh, csvImportPeople, path)
	top := w.Canvas().Overlays().Top()
	if top == nil || !hasText(top, "2 toevoegen, 0 wijzigen, 0 ongewijzigd") {
		t.Fatalf("no preview: %q", texts(top))
	}
	if n := len(storedDataset(t, st).People); n != before {
		t.Fatal("the preview stored something")
	}
	test.Tap(orgButtonIn(t, w, "Importeren"))
	ds := storedDataset(t, st)
	if len(ds.People) != before+2 {
		t.Fatalf("%d people, want %d", len(ds.People), before+2)
	}
	ix := domain.NewIndex(ds)
	found := 0
	for _, p := range ds.People {
		if p.Email == "f.elamrani@vlissingen.nl" && ix.MunicipalityName(p.MunicipalityID) == "Vlissingen" && p.Function == "beleidsadviseur jeugd" {
			found++
		}
		if p.Email == "p.devisser@goes.nl" && ix.MunicipalityName(p.MunicipalityID) == "Goes" {
			found++
		}
	}
	if found != 2 {
		t.Errorf("imported people not as in the file")
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !hasText(top, "2 toegevoegd") {
		t.Errorf("no confirmation")
	}
	// The snapshot follows: the Mensen list shows them.
	data, _ := st.Data()
	if len(data.People) != before+2 {
		t.Error("snapshot not reloaded")
	}
}

func TestCSVImportOfABrokenFileNamesTheLine(t *testing.T) {
	sh, w := newTestShell(t)
	st := sh.State
	before := storedDataset(t, st)
	path := writeCSV(t, "naam;e-mail;gemeente;rol;functie\n"+
		"Fatima el Amrani;f.elamrani@vlissingen.nl;Vlissingen;ambtenaar;\n"+
		"Pieter de Visser;p.devisser@goes.nl;Goes;ambtenaar;\n"+
		"Kees Jansen;kees.jansen@@veere;Veere;ambtenaar;\n")
	csvImportFile(sh, csvImportPeople, path)
	top := w.Canvas().Overlays().Top()
	if top == nil || !hasText(top, "regel 4, kolom ‘e-mail’") || !hasText(top, "er is niets veranderd") {
		t.Fatalf("problems not shown by line: %q", texts(top))
	}
	if after := storedDataset(t, st); len(after.People) != len(before.People) {
		t.Errorf("%d people stored from a broken file", len(after.People)-len(before.People))
	}
}

func TestCSVImportOfMunicipalitiesUpdatesByCBSCode(t *testing.T) {
	sh, w := newTestShell(t)
	st := sh.State
	path := writeCSV(t, "naam,cbs-code,inwoners,collegedag,aanlevertermijn,regio\n"+
		"Goes,GM0664,39000,dinsdag,5,zuid\n"+
		"Moerdijk,GM1709,37000,di,4,zuid\n")
	csvImportFile(sh, csvImportMunicipalities, path)
	top := w.Canvas().Overlays().Top()
	if top == nil || !hasText(top, "1 toevoegen, 1 wijzigen") {
		t.Fatalf("preview: %q", texts(top))
	}
	test.Tap(orgButtonIn(t, w, "Importeren"))
	var goes, moerdijk *domain.Municipality
	ds := storedDataset(t, st)
	for i, m := range ds.Municipalities {
		switch m.CBSCode {
		case "GM0664":
			goes = &ds.Municipalities[i]
		case "GM1709":
			moerdijk = &ds.Municipalities[i]
		}
	}
	if goes == nil || goes.Inhabitants != 39000 || goes.CollegeLeadDays != 5 || moerdijk == nil || !strings.EqualFold(moerdijk.Name, "Moerdijk") {
		t.Errorf("Goes %+v, Moerdijk %+v", goes, moerdijk)
	}
}

// TestCSVImportButtonAsksInDutch checks that the button opens a file
// dialog in Dutch, titled after what is imported (Fyne's own would say
// "Open" and "Cancel").
func TestCSVImportButtonAsksInDutch(t *testing.T) {
	sh, w := newTestShell(t)
	w.SetContent(newCSVImportButton(sh, csvImportMunicipalities))
	test.Tap(findButton(w.Canvas(), "Importeren uit CSV…"))
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no file dialog")
	}
	for _, want := range []string{"Gemeenten importeren", "Inlezen", "Annuleren"} {
		if !hasText(top, want) {
			t.Errorf("file dialog lacks %q: %q", want, texts(top))
		}
	}
}
