package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/overlegplanner/overlegplanner/i18n"
)

// Screen keys, used to navigate ("clickable to the thing it is about").
const (
	ScreenOverview     = "overzicht"
	ScreenCalendar     = "kalender"
	ScreenMeetings     = "vergaderingen"
	ScreenYearPlan     = "jaarplanning"
	ScreenOrganisation = "organisatie"
	ScreenExport       = "uitvoer"
	ScreenSettings     = "instellingen"
)

// screen is one entry of the navigation.
type screen struct {
	key   string
	title string // i18n key
	icon  fyne.Resource
	build func(sh *Shell) fyne.CanvasObject
}

// Shell is the main window's frame: the navigation and the current screen.
type Shell struct {
	State  *State
	Window fyne.Window

	tabs    *container.AppTabs
	screens []screen
	// meetingOpener opens a meeting on the meetings screen; set by that screen.
	meetingOpener func(id int64)
}

// NewShell builds the frame with every screen.
func NewShell(st *State, w fyne.Window) *Shell {
	sh := &Shell{State: st, Window: w}
	sh.screens = []screen{
		{ScreenOverview, "ui.overview.title", theme.HomeIcon(), buildOverview},
		{ScreenCalendar, "ui.calendar.title", theme.CalendarIcon(), buildCalendar},
		{ScreenMeetings, "ui.nav.meetings", theme.ListIcon(), buildMeetings},
		{ScreenYearPlan, "ui.yearplan.title", theme.GridIcon(), buildYearPlan},
		{ScreenOrganisation, "ui.organisation.nav", theme.StorageIcon(), buildOrganisation},
		{ScreenExport, "ui.export.nav", theme.DocumentSaveIcon(), buildExport},
		{ScreenSettings, "ui.settings.nav", theme.SettingsIcon(), buildSettings},
	}
	return sh
}

// Content builds the window content: every screen, anew.
func (sh *Shell) Content() fyne.CanvasObject {
	sh.State.dropListeners()
	var items []*container.TabItem
	for _, s := range sh.screens {
		items = append(items, container.NewTabItemWithIcon(i18n.T(s.title), s.icon, s.build(sh)))
	}
	sh.tabs = container.NewAppTabs(items...)
	sh.tabs.SetTabLocation(container.TabLocationLeading)
	sh.addShortcuts()
	return sh.tabs
}

// Show switches to the screen with key.
func (sh *Shell) Show(key string) {
	for i, s := range sh.screens {
		if s.key == key {
			sh.tabs.SelectIndex(i)
		}
	}
}

// OpenMeeting shows meeting id on the meetings screen.
func (sh *Shell) OpenMeeting(id int64) {
	sh.Show(ScreenMeetings)
	if sh.meetingOpener != nil {
		sh.meetingOpener(id)
	}
}
