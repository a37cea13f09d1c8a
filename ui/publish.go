package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/delivery"
	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// showPublishDialog opens the "Publiceren naar de agendaserver" dialog:
// the user chooses which calendars (one per body, one per gemeente, as
// `overlegplanner publish` makes them), sees per calendar what a publish
// would change (a dry run against the server: "2 nieuw, 1 gewijzigd, 0
// verwijderd"), publishes with a progress bar and reads the result per
// calendar. The password comes from the keyring (or
// OVERLEGPLANNER_CALDAV_PASSWORD), as in the send dialog. The screens call
// it from their "Publiceren" button.
func showPublishDialog(sh *Shell) {
	d, err := newPublishDialog(sh)
	if err != nil {
		ShowError(sh.Window, err)
		return
	}
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("ui.publish.title"), d.content(), sh.Window)
	d.dlg.Resize(fyne.NewSize(1140, 700))
	d.dlg.SetOnClosed(d.cancelRun)
	d.dlg.Show()
	// The preview only reads the server, and is what the user opened the
	// dialog to see: start it at once.
	d.run(true)
}

// publishOutcome is what a preview or a publish did to one calendar.
type publishOutcome struct {
	scope  ical.Scope
	name   string
	report *delivery.CalendarReport // nil when the calendar was not reached
	err    error                    // why it failed
	tried  bool                     // false: not tried after a fatal error
}

// publishChangeLine is one event in the list of what changes.
type publishChangeLine struct {
	calendar string
	// when is the meeting's date and time ("do 17-12-2026 14:00"), for
	// a meeting still in the data; "" for a deadline or a deleted
	// meeting, whose summary has to say enough.
	when   string
	change delivery.EventChange
}

// publishDialog is one open publish dialog.
type publishDialog struct {
	sh       *Shell
	settings domain.CalDAVSettings

	// scopes lists every calendar the user can choose, in the order of
	// the check boxes; labels maps a check box's label to its scope.
	scopes []ical.Scope
	titles map[ical.Scope]string
	labels map[string]ical.Scope

	// outcomes is the last run's result per calendar; preview says
	// whether that run was a dry run for the current selection (and so
	// whether "Publiceren" is meaningful).
	outcomes []publishOutcome
	preview  bool
	changes  []publishChangeLine
	busy     bool
	cancel   context.CancelFunc

	// finished is called when a run has ended and the dialog shows its
	// result (tests wait for it).
	finished func(dry bool, err error)

	heading, status           *widget.Label
	bodies, gemeenten         *widget.CheckGroup
	rows                      *fyne.Container
	changeList                *widget.List
	changeHead                *widget.Label
	progress                  *widget.ProgressBar
	previewBtn, publishBtn    *widget.Button
	closeBtn                  *widget.Button
	allBodies, noBodies       *widget.Button
	allGemeenten, noGemeenten *widget.Button
	dlg                       dialog.Dialog
}

// errPublishNoServer is the cause when no calendar server is set up.
var errPublishNoServer = errors.New("ui: geen agendaserver ingesteld")

// errPublishNoneChosen is the cause when no calendar is ticked.
var errPublishNoneChosen = errors.New("ui: geen agenda gekozen")

// newPublishDialog builds the dialog for the stored calendar server
// settings, with every calendar ticked (what `publish` does without
// --body).
func newPublishDialog(sh *Shell) (*publishDialog, error) {
	ds, ix := sh.State.Data()
	s := ds.Settings.CalDAV
	if strings.TrimSpace(s.URL) == "" {
		return nil, i18n.Errorf(errPublishNoServer, "ui.publish.err.noserver")
	}
	if err := delivery.ValidateCalDAV(s); err != nil {
		return nil, err
	}
	d := &publishDialog{sh: sh, settings: s, titles: map[ical.Scope]string{}, labels: map[string]ical.Scope{}}
	var bodyLabels, gemLabels []string
	for _, sc := range delivery.DefaultScopes(ds) {
		title, err := ical.FeedTitle(ix, sc, "")
		if err != nil {
			return nil, err
		}
		label := publishScopeLabel(ix, sc)
		if _, dup := d.labels[label]; dup {
			// Two bodies with the same name: the id tells them apart.
			label = fmt.Sprintf("%s (%d)", label, sc.ID)
		}
		d.scopes = append(d.scopes, sc)
		d.titles[sc] = title
		d.labels[label] = sc
		if sc.Kind == ical.ScopeBody {
			bodyLabels = append(bodyLabels, label)
		} else {
			gemLabels = append(gemLabels, label)
		}
	}
	d.heading = widget.NewLabelWithStyle(publishHeading(s), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.heading.Wrapping = fyne.TextWrapWord
	d.status = widget.NewLabel("")
	d.status.Wrapping = fyne.TextWrapWord
	d.bodies = widget.NewCheckGroup(bodyLabels, func([]string) { d.selectionChanged() })
	d.bodies.SetSelected(bodyLabels)
	d.gemeenten = widget.NewCheckGroup(gemLabels, func([]string) { d.selectionChanged() })
	d.gemeenten.SetSelected(gemLabels)
	d.allBodies = widget.NewButton(i18n.T("ui.publish.all"), func() { d.bodies.SetSelected(bodyLabels) })
	d.noBodies = widget.NewButton(i18n.T("ui.publish.none"), func() { d.bodies.SetSelected(nil) })
	d.allGemeenten = widget.NewButton(i18n.T("ui.publish.all"), func() { d.gemeenten.SetSelected(gemLabels) })
	d.noGemeenten = widget.NewButton(i18n.T("ui.publish.none"), func() { d.gemeenten.SetSelected(nil) })
	d.rows = container.NewVBox()
	d.changeHead = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.changeList = widget.NewList(func() int { return len(d.changes) },
		func() fyne.CanvasObject {
			return publishGridRow(publishChangeWeights, false, "", "", "", "")
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := d.changes[i]
			cells := o.(*fyne.Container).Objects
			cells[0].(*widget.Label).SetText(i18n.T("ui.publish.action." + string(c.change.Action)))
			cells[1].(*widget.Label).SetText(c.when)
			cells[2].(*widget.Label).SetText(c.change.Summary)
			cells[3].(*widget.Label).SetText(c.calendar)
		})
	d.progress = widget.NewProgressBar()
	d.progress.Hide()
	d.previewBtn = widget.NewButton(i18n.T("ui.publish.preview"), func() { d.run(true) })
	d.publishBtn = widget.NewButton(i18n.T("ui.publish.publish"), func() { d.run(false) })
	d.publishBtn.Importance = widget.HighImportance
	d.closeBtn = widget.NewButton(i18n.T("ui.publish.close"), func() {
		if d.dlg != nil {
			d.dlg.Hide() // SetOnClosed stops a run
		} else {
			d.cancelRun()
		}
	})
	d.selectionChanged()
	return d, nil
}

// publishScopeLabel is a calendar's check box: the body's or gemeente's
// own name (the group says which kind).
func publishScopeLabel(ix *domain.Index, sc ical.Scope) string {
	switch sc.Kind {
	case ical.ScopeBody:
		if b := ix.Bodies[sc.ID]; b != nil {
			return b.Name
		}
	case ical.ScopeMunicipality:
		if g := ix.Municipalities[sc.ID]; g != nil {
			return g.Name
		}
	}
	return fmt.Sprintf("%s %d", sc.Kind, sc.ID)
}

// publishHeading names the server and the account, so that the user
// sees where the calendars go before anything happens.
func publishHeading(s domain.CalDAVSettings) string {
	if strings.TrimSpace(s.User) == "" {
		return i18n.T("ui.publish.heading.anonymous", s.URL)
	}
	return i18n.T("ui.publish.heading", s.URL, s.User)
}

// content lays the dialog out: the calendars to choose on the left, the
// result per calendar and the list of changes on the right, progress and
// buttons at the bottom.
func (d *publishDialog) content() fyne.CanvasObject {
	group := func(title string, all, none *widget.Button, cg *widget.CheckGroup) fyne.CanvasObject {
		head := container.NewHBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			layout.NewSpacer(), all, none)
		return container.NewVBox(head, cg)
	}
	choose := container.NewVScroll(container.NewVBox(
		group(i18n.T("ui.publish.bodies"), d.allBodies, d.noBodies, d.bodies),
		widget.NewSeparator(),
		group(i18n.T("ui.publish.gemeenten"), d.allGemeenten, d.noGemeenten, d.gemeenten)))
	choose.SetMinSize(fyne.NewSize(290, 420))
	table := container.NewVScroll(container.NewVBox(publishGridRow(publishCalendarWeights, true,
		i18n.T("ui.publish.col.calendar"), i18n.T("ui.publish.col.changes"), i18n.T("ui.publish.col.unchanged"),
		i18n.T("ui.publish.col.result")), d.rows))
	table.SetMinSize(fyne.NewSize(760, 220))
	changes := container.NewBorder(d.changeHead, nil, nil, nil, d.changeList)
	right := container.NewVSplit(table, changes)
	right.SetOffset(0.55)
	bottom := container.NewVBox(d.progress, d.status,
		container.NewHBox(layout.NewSpacer(), d.closeBtn, d.previewBtn, d.publishBtn))
	return container.NewBorder(d.heading, bottom, choose, nil, right)
}

// publishCalendarWeights share a row of the calendar table: the name,
// the changes, the unchanged count, the result (a server's refusal
// needs the room).
var publishCalendarWeights = []float32{2.0, 3.0, 1.3, 2.1}

// publishChangeWeights share a row of the list of changes: what, when,
// the event, its calendar.
var publishChangeWeights = []float32{1.1, 1.9, 3.6, 2.4}

// publishGridRow is one line of a table whose columns follow weights,
// long texts cut off with an ellipsis.
func publishGridRow(weights []float32, header bool, cells ...string) *fyne.Container {
	objs := make([]fyne.CanvasObject, len(cells))
	for i, c := range cells {
		l := widget.NewLabel(c)
		l.Truncation = fyne.TextTruncateEllipsis
		l.TextStyle.Bold = header
		objs[i] = l
	}
	return container.New(publishGrid{weights: weights}, objs...)
}

// publishGrid lays a row's cells out side by side by weights, so that
// the rows of a table line up like a grid with unequal columns.
type publishGrid struct{ weights []float32 }

// MinSize is as high as the highest cell and leaves every column a
// little room.
func (g publishGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(len(objs))*60, h)
}

// Layout gives each cell its share of the width.
func (g publishGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for i := range objs {
		total += g.weights[i%len(g.weights)]
	}
	var x float32
	for i, o := range objs {
		w := size.Width * g.weights[i%len(g.weights)] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// selected returns the ticked calendars, in the order of the boxes.
func (d *publishDialog) selected() []ical.Scope {
	on := map[ical.Scope]bool{}
	for _, cg := range []*widget.CheckGroup{d.bodies, d.gemeenten} {
		if cg == nil {
			continue
		}
		for _, l := range cg.Selected {
			on[d.labels[l]] = true
		}
	}
	var out []ical.Scope
	for _, sc := range d.scopes {
		if on[sc] {
			out = append(out, sc)
		}
	}
	return out
}

// selectionChanged forgets a preview made for another selection: the
// table then lists the ticked calendars without counts until the next
// preview, and "Publiceren" waits for it.
func (d *publishDialog) selectionChanged() {
	if d.rows == nil || d.busy {
		return // still building, or a run is on its way
	}
	d.preview = false
	d.outcomes = nil
	for _, sc := range d.selected() {
		d.outcomes = append(d.outcomes, publishOutcome{scope: sc, name: d.titles[sc]})
	}
	d.changes = nil
	d.fill()
	if len(d.outcomes) == 0 {
		d.status.SetText(i18n.T("ui.publish.err.nonechosen"))
	} else {
		d.status.SetText(i18n.T("ui.publish.stale"))
	}
	d.refreshControls()
}

// fill shows the outcomes in the table and the changes in the list.
func (d *publishDialog) fill() {
	objs := make([]fyne.CanvasObject, 0, len(d.outcomes))
	for _, o := range d.outcomes {
		changes, unchanged := "…", ""
		if o.report != nil {
			changes = publishCounts(o.report)
			unchanged = fmt.Sprint(o.report.Unchanged)
		}
		objs = append(objs, publishGridRow(publishCalendarWeights, false, o.name, changes, unchanged, d.resultText(o)))
	}
	d.rows.Objects = objs
	d.rows.Refresh()
	d.changeHead.SetText(i18n.T("ui.publish.changes", len(d.changes)))
	if len(d.changes) == 0 {
		d.changeHead.SetText(i18n.T("ui.publish.changes.none"))
	}
	d.changeList.Refresh()
}

// publishCalendars counts calendars: "1 agenda", "3 agenda's".
func publishCalendars(n int) string {
	return i18n.N("ui.publish.calendars", n)
}

// publishCounts says what changes in one calendar: "2 nieuw, 1
// gewijzigd, 0 verwijderd".
func publishCounts(cr *delivery.CalendarReport) string {
	n := map[delivery.EventAction]int{}
	for _, c := range cr.Changes {
		n[c.Action]++
	}
	return i18n.T("ui.publish.counts", n[delivery.EventCreate], n[delivery.EventUpdate], n[delivery.EventDelete])
}

// resultText is the last column: for a preview whether the calendar
// still has to be made, after a publish what happened to it.
func (d *publishDialog) resultText(o publishOutcome) string {
	switch {
	case o.err != nil:
		return i18n.T("ui.publish.out.failed", i18n.UserMessage(o.err))
	case o.report == nil && o.tried:
		return ""
	case o.report == nil && d.outcomesRan():
		return i18n.T("ui.publish.out.skipped")
	case o.report == nil:
		return ""
	case d.preview && o.report.Created:
		return i18n.T("ui.publish.out.willcreate")
	case d.preview && len(o.report.Changes) == 0:
		return i18n.T("ui.publish.out.current")
	case d.preview:
		return i18n.T("ui.publish.out.willchange")
	case o.report.Created:
		return i18n.T("ui.publish.out.created")
	case len(o.report.Changes) == 0:
		return i18n.T("ui.publish.out.current")
	default:
		return i18n.T("ui.publish.out.published")
	}
}

// outcomesRan reports whether the outcomes come from a run (some
// calendar was tried), so that an untried one reads "niet geprobeerd"
// rather than blank.
func (d *publishDialog) outcomesRan() bool {
	for _, o := range d.outcomes {
		if o.tried {
			return true
		}
	}
	return false
}

// refreshControls enables what can be used now: nothing but "Sluiten"
// while a run is on its way, "Publiceren" only after a preview of the
// current selection that found something to change.
func (d *publishDialog) refreshControls() {
	if d.publishBtn == nil {
		return // still building
	}
	for _, w := range []fyne.Disableable{d.bodies, d.gemeenten, d.allBodies, d.noBodies, d.allGemeenten, d.noGemeenten} {
		if d.busy {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	if d.busy || len(d.selected()) == 0 {
		d.previewBtn.Disable()
	} else {
		d.previewBtn.Enable()
	}
	n, create := d.pendingChanges()
	d.publishBtn.SetText(i18n.T("ui.publish.publish.n", n))
	if d.busy || !d.preview || n == 0 && !create {
		d.publishBtn.Disable()
	} else {
		d.publishBtn.Enable()
	}
}

// pendingChanges counts the events the last preview would change, and
// says whether a calendar is still to be made (an empty body still gets
// its calendar, so that subscribers find it).
func (d *publishDialog) pendingChanges() (events int, create bool) {
	for _, o := range d.outcomes {
		if o.report == nil {
			continue
		}
		events += len(o.report.Changes)
		create = create || o.report.Created
	}
	return events, create
}

// publishAnyCreated reports whether a calendar is (or would be) made.
func publishAnyCreated(outcomes []publishOutcome) bool {
	for _, o := range outcomes {
		if o.report != nil && o.report.Created {
			return true
		}
	}
	return false
}

// cancelRun stops a run in progress, when the dialog closes: publishing
// is idempotent, so the next run finishes what this one left.
func (d *publishDialog) cancelRun() {
	if d.cancel != nil {
		d.cancel()
	}
}

// run previews (dry) or publishes the ticked calendars in the
// background, one calendar at a time so that the progress bar moves and
// each calendar gets its own result. A server that cannot be reached
// (wrong address, password, certificate) stops the run: every further
// calendar would fail the same way, and repeated wrong passwords can lock
// the account.
func (d *publishDialog) run(dry bool) {
	if d.busy {
		return
	}
	scopes := d.selected()
	if len(scopes) == 0 {
		d.status.SetText(i18n.T("ui.publish.err.nonechosen"))
		return
	}
	pw, err := sendPasswords().Lookup(delivery.CalDAVAccount(d.settings))
	if err != nil {
		d.status.SetText(i18n.UserMessage(err))
		if d.finished != nil {
			d.finished(dry, err)
		}
		return
	}
	outcomes := make([]publishOutcome, len(scopes))
	for i, sc := range scopes {
		outcomes[i] = publishOutcome{scope: sc, name: d.titles[sc]}
	}
	d.busy, d.preview, d.outcomes, d.changes = true, false, outcomes, nil
	d.fill()
	d.progress.SetValue(0)
	d.progress.Show()
	if dry {
		d.status.SetText(i18n.T("ui.publish.busy.preview"))
	} else {
		d.status.SetText(i18n.T("ui.publish.busy.publish"))
	}
	d.refreshControls()
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	st := d.sh.State
	base := delivery.PublishInput{Planner: st.Planner(), Config: delivery.CalDAVConfig{Settings: d.settings, Password: pw},
		DryRun: dry, Now: st.Now()}
	go func() {
		defer cancel()
		var fatal error
		for i := range outcomes {
			if fatal != nil {
				break
			}
			in := base
			in.Scopes = []ical.Scope{outcomes[i].scope}
			rep, err := delivery.Publish(ctx, in)
			outcomes[i].tried = true
			if len(rep.Calendars) > 0 {
				cr := rep.Calendars[0]
				outcomes[i].report = &cr
				outcomes[i].name = cr.Name
			}
			if err != nil {
				outcomes[i].err = err
				if errors.Is(err, delivery.ErrUnreachable) || ctx.Err() != nil {
					fatal = err
				}
			}
			done := float64(i+1) / float64(len(outcomes))
			fyne.Do(func() { d.progress.SetValue(done) })
		}
		fyne.Do(func() { d.finish(dry, outcomes, fatal) })
	}()
}

// finish shows what a run did: the table, the changes, and a closing
// line with the totals or the reason it stopped.
func (d *publishDialog) finish(dry bool, outcomes []publishOutcome, fatal error) {
	d.busy = false
	d.cancel = nil
	d.progress.Hide()
	d.outcomes = outcomes
	d.preview = dry && fatal == nil
	d.changes = nil
	var created, updated, deleted, failed int
	var firstErr error
	_, ix := d.sh.State.Data()
	when := map[string]string{}
	for _, m := range ix.Meetings {
		when[m.UID] = i18n.ShortDate(m.Date()) + " " + i18n.Clock(m.Start.In(domain.Amsterdam()))
	}
	for _, o := range outcomes {
		if o.err != nil {
			failed++
			if firstErr == nil {
				firstErr = o.err
			}
		}
		if o.report == nil {
			continue
		}
		for _, c := range o.report.Changes {
			d.changes = append(d.changes, publishChangeLine{calendar: o.report.Name, when: when[c.UID], change: c})
			switch c.Action {
			case delivery.EventCreate:
				created++
			case delivery.EventUpdate:
				updated++
			case delivery.EventDelete:
				deleted++
			}
		}
	}
	// Deletions first: they are what the user most wants to check.
	order := map[delivery.EventAction]int{delivery.EventDelete: 0, delivery.EventUpdate: 1, delivery.EventCreate: 2}
	sort.SliceStable(d.changes, func(i, j int) bool {
		return order[d.changes[i].change.Action] < order[d.changes[j].change.Action]
	})
	d.fill()
	var err error
	switch {
	case fatal != nil:
		err = fatal
		d.status.SetText(i18n.UserMessage(fatal))
	case failed > 0:
		err = firstErr
		d.status.SetText(i18n.T("ui.publish.failed", failed, publishCalendars(len(outcomes)), i18n.UserMessage(firstErr)))
	case dry && created+updated+deleted == 0 && !publishAnyCreated(outcomes):
		d.status.SetText(i18n.T("ui.publish.current", publishCalendars(len(outcomes))))
	case dry:
		d.status.SetText(i18n.T("ui.publish.previewed", publishCalendars(len(outcomes)), created, updated, deleted))
	default:
		d.status.SetText(i18n.T("ui.publish.done", publishCalendars(len(outcomes)), created, updated, deleted))
	}
	d.refreshControls()
	if d.finished != nil {
		d.finished(dry, err)
	}
}
