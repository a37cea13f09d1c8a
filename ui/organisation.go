package ui

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// organisationScreen is the Organisatie screen: the four kinds of
// master data a secretariat keeps (gemeenten, samenwerkingsverbanden,
// overleggen, mensen), each as a sub-tab with a list and a form. The
// panes are kept so that tests (and links from other panes) can reach
// them.
type organisationScreen struct {
	sh             *Shell
	tabs           *container.AppTabs
	municipalities *entityPane[domain.Municipality]
	partnerships   *entityPane[domain.Partnership]
	bodies         *entityPane[domain.Body]
	people         *entityPane[domain.Person]
}

// buildOrganisation is the Organisatie screen's build function for the
// shell.
func buildOrganisation(sh *Shell) fyne.CanvasObject {
	o := newOrganisationScreen(sh)
	o.showPart(os.Getenv("OVERLEGPLANNER_ORGANISATIE"))
	return o.tabs
}

// showPart opens a sub-tab by name: gemeenten, samenwerkingsverbanden,
// overleggen, mensen, or keten (the chain editor of the first PHO). The
// environment names it for scripts/screenshots, as OVERLEGPLANNER_SCREEN
// names the screen.
func (o *organisationScreen) showPart(part string) {
	switch part {
	case "gemeenten":
		o.tabs.SelectIndex(0)
	case "samenwerkingsverbanden":
		o.tabs.SelectIndex(1)
	case "overleggen":
		o.tabs.SelectIndex(2)
	case "mensen":
		o.tabs.SelectIndex(3)
	case "keten":
		o.tabs.SelectIndex(2)
		ds, _ := o.sh.State.Data()
		for _, b := range ds.Bodies {
			if b.Kind == domain.BodyPHO {
				o.bodies.selectByID(b.ID)
				break
			}
		}
		o.bodies.form.(*bodyForm).tabs.SelectIndex(3)
	}
}

func newOrganisationScreen(sh *Shell) *organisationScreen {
	o := &organisationScreen{sh: sh}
	o.municipalities = newMunicipalityPane(sh)
	o.municipalities.extra = []fyne.CanvasObject{newCSVImportButton(sh, csvImportMunicipalities)}
	o.partnerships = newPartnershipPane(sh)
	o.bodies = newBodyPane(sh)
	o.people = newPersonPane(sh)
	o.people.extra = []fyne.CanvasObject{newCSVImportButton(sh, csvImportPeople)}
	o.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(i18n.T("ui.organisation.tab.municipalities"), theme.HomeIcon(), o.municipalities.build()),
		container.NewTabItemWithIcon(i18n.T("ui.organisation.tab.partnerships"), theme.GridIcon(), o.partnerships.build()),
		container.NewTabItemWithIcon(i18n.T("ui.organisation.tab.bodies"), theme.ListIcon(), o.bodies.build()),
		container.NewTabItemWithIcon(i18n.T("ui.organisation.tab.people"), theme.AccountIcon(), o.people.build()),
	)
	// Every pane follows the snapshot: a gemeente added here appears in
	// the partnership's member choice, a person imported from CSV in the
	// body's member rows, and an edit elsewhere (a meeting screen that
	// renames nothing, a restore) reaches the lists too.
	sh.State.Subscribe(func() {
		o.municipalities.reload()
		o.partnerships.reload()
		o.bodies.reload()
		o.people.reload()
	})
	return o
}
