package ui

import (
	"context"
	"net/url"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// meetingForm creates a meeting or edits (and moves) one. Beside the fields
// it shows what the meeting would be: for a new one its deadlines and
// conflicts, for an existing one what the change does — deadlines that
// move and for whom, new conflicts, and who must receive the updated
// invite with which sequence — computed by the Planner as the user types.
type meetingForm struct {
	s    *meetingsScreen
	orig *domain.Meeting // nil for a new meeting

	bodyIDs  []int64
	body     *widget.Select
	date     *components.DateEntry
	start    *formEntry
	end      *formEntry
	location *formEntry
	online   *formEntry
	prepIDs  []int64
	prep     *widget.Select
	// prepID is the preparing meeting chosen (by the user, or the one the
	// meeting had); prepChosen says a choice was made, "(geen)" included.
	// It outlives the options: typing a date offers other meetings, and
	// while the date is half typed none at all, which must not lose it.
	prepID     int64
	prepChosen bool
	statuses   []domain.MeetingStatus
	status     *widget.Select
	note       *formEntry

	errLabel *widget.Label
	preview  *fyne.Container
	// previewScroll holds the preview; it is refreshed with it, so that
	// it scrolls as far as the new text reaches.
	previewScroll *container.Scroll
	previewTitle  *widget.Label
	fd            *formDialog
	filling       bool // set while fields are filled from code
	// focusDate puts the cursor in the date when the form opens.
	focusDate bool

	// saved is the meeting as stored by the last successful save.
	saved *domain.Meeting
}

// newMeetingForm builds the form for orig (nil: a new meeting); focusDate
// puts the cursor in the date field, for "Verplaatsen".
func newMeetingForm(s *meetingsScreen, orig *domain.Meeting, focusDate bool) *meetingForm {
	f := &meetingForm{s: s, orig: orig}
	ds, ix := s.sh.State.Data()
	save := func() { f.fd.saveBtn.OnTapped() }

	bodies := append([]domain.Body(nil), ds.Bodies...)
	sort.SliceStable(bodies, func(i, j int) bool { return bodies[i].Name < bodies[j].Name })
	var bodyNames []string
	for _, b := range bodies {
		name := b.Name
		if p := ix.Partnerships[b.PartnershipID]; p != nil {
			name += " (" + p.ShortName + ")"
		}
		bodyNames = append(bodyNames, name)
		f.bodyIDs = append(f.bodyIDs, b.ID)
	}
	f.body = widget.NewSelect(bodyNames, func(string) {
		if !f.filling {
			f.bodyChosen()
		}
	})
	f.body.PlaceHolder = i18n.T("ui.meeting.form.choosebody")
	f.date = components.NewDateEntry(i18n.T("ui.meeting.field.date"))
	f.date.Today = s.sh.State.Today
	f.date.DayNote = func(d date.Date) string {
		if off, ok := s.sh.State.Planner().Calendar().Why(d); ok && off.Kind != planning.OffWeekend {
			return off.Label()
		}
		return ""
	}
	f.date.OnSubmitted = func(string) { save() }
	f.start = newFormEntry(save)
	f.start.SetPlaceHolder("14:00")
	f.end = newFormEntry(save)
	f.end.SetPlaceHolder("16:00")
	f.location = newFormEntry(save)
	f.online = newFormEntry(save)
	f.online.SetPlaceHolder("https://")
	f.prep = widget.NewSelect(nil, func(string) {
		if !f.filling {
			f.prepID, f.prepChosen = 0, true
			if i := f.prep.SelectedIndex(); i > 0 && i-1 < len(f.prepIDs) {
				f.prepID = f.prepIDs[i-1]
			}
		}
		f.changed()
	})
	f.statuses = domain.MeetingStatuses()
	var statusNames []string
	for _, st := range f.statuses {
		statusNames = append(statusNames, st.Label())
	}
	f.status = widget.NewSelect(statusNames, func(string) { f.changed() })
	f.note = newFormMultiLine(save, 3)

	for _, e := range []*widget.Entry{&f.start.Entry, &f.end.Entry, &f.location.Entry, &f.online.Entry, &f.note.Entry} {
		e.OnChanged = func(string) { f.changed() }
	}
	typedDate := f.date.OnChanged
	f.date.OnChanged = func(text string) {
		if typedDate != nil {
			typedDate(text)
		}
		if !f.filling {
			f.fillPrep()
		}
		f.changed()
	}

	f.errLabel = widget.NewLabel("")
	f.errLabel.Wrapping = fyne.TextWrapWord
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Hide()
	f.preview = components.NewWrapBox()

	times := container.NewGridWithColumns(2, f.start, f.end)
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("ui.meeting.field.body"), f.body),
		widget.NewFormItem(i18n.T("ui.meeting.form.date"), f.date),
		widget.NewFormItem(i18n.T("ui.meeting.field.time"), times),
		widget.NewFormItem(i18n.T("ui.meeting.field.location"), f.location),
		widget.NewFormItem(i18n.T("ui.meeting.field.online"), f.online),
		widget.NewFormItem(i18n.T("ui.meeting.field.prep"), f.prep),
	}
	if orig != nil {
		items = append(items, widget.NewFormItem(i18n.T("ui.meeting.field.status"), f.status))
	}
	items = append(items, widget.NewFormItem(i18n.T("ui.meeting.field.note"), f.note))
	form := widget.NewForm(items...)

	previewKey := "ui.meeting.preview.title"
	if orig == nil {
		previewKey = "ui.meeting.preview.newtitle"
	}
	f.previewTitle = widget.NewLabelWithStyle(i18n.T(previewKey), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.previewTitle.SizeName = theme.SizeNameSubHeadingText
	f.previewScroll = container.NewVScroll(f.preview)
	right := container.NewBorder(f.previewTitle, nil, nil, nil, f.previewScroll)
	split := container.NewHSplit(container.NewBorder(nil, f.errLabel, nil, nil, container.NewVScroll(form)), right)
	split.Offset = 0.5

	title, saveText := i18n.T("ui.meeting.form.new"), i18n.T("ui.meeting.form.create")
	switch {
	case orig != nil && orig.IsCancelled():
		title, saveText = i18n.T("ui.meeting.form.restore"), i18n.T("ui.meeting.form.save")
	case orig != nil && focusDate:
		title, saveText = i18n.T("ui.meeting.form.move"), i18n.T("ui.meeting.form.savemove")
	case orig != nil:
		title, saveText = i18n.T("ui.meeting.form.edit"), i18n.T("ui.meeting.form.save")
	}
	f.fd = newFormDialog(s.sh.Window, title, saveText, split, f.save)
	f.fd.dlg.Resize(fyne.NewSize(980, 640))

	if orig != nil {
		f.fillFrom(*orig)
		if orig.IsCancelled() {
			f.status.SetSelected(domain.StatusGepland.Label())
		}
	}
	f.focusDate = focusDate
	f.changed()
	return f
}

// show opens the dialog.
func (f *meetingForm) show() {
	f.s.lastForm = f
	f.fd.dlg.Show()
	if c := f.s.sh.Window.Canvas(); c != nil {
		if f.focusDate || f.orig == nil && f.body.Selected != "" {
			c.Focus(f.date)
		} else if f.orig != nil {
			c.Focus(f.location)
		}
	}
}

// fillFrom shows the fields of m.
func (f *meetingForm) fillFrom(m domain.Meeting) {
	f.filling = true
	defer func() { f.filling = false }()
	ams := domain.Amsterdam()
	for i, id := range f.bodyIDs {
		if id == m.BodyID {
			f.body.SetSelectedIndex(i)
		}
	}
	f.body.Disable() // a meeting does not change body: its chain, members and UID belong to it
	f.date.SetDate(m.Date())
	f.start.SetText(i18n.Clock(m.Start.In(ams)))
	f.end.SetText(i18n.Clock(m.End.In(ams)))
	f.location.SetText(m.Location)
	f.online.SetText(m.OnlineURL)
	f.status.SetSelected(m.Status.Label())
	f.note.SetText(m.Note)
	f.prepID, f.prepChosen = m.PreparedByMeetingID, true
	f.fillPrep()
}

// selectBody chooses body id and fills in its defaults.
func (f *meetingForm) selectBody(id int64) {
	for i, b := range f.bodyIDs {
		if b == id {
			f.body.SetSelectedIndex(i) // runs bodyChosen
		}
	}
}

// bodyChosen fills a new meeting from the body's defaults: the next date
// of its rhythm that has no meeting yet, its time, duration and room, and
// the meeting of its preparing body (the AO) before that date.
func (f *meetingForm) bodyChosen() {
	b := f.chosenBody()
	if b == nil || f.orig != nil {
		f.changed()
		return
	}
	f.filling = true
	f.prepID, f.prepChosen = 0, false // another body, other AO meetings
	if d := nextFreeDate(f.s.sh.State, b); !d.IsZero() {
		f.date.SetDate(d)
	}
	f.start.SetText(domain.FormatClock(b.StartMinute))
	f.end.SetText(domain.FormatClock(min(b.StartMinute+b.Duration, 24*60-1)))
	f.location.SetText(b.Location)
	f.filling = false
	f.fillPrep()
	f.changed()
}

func (f *meetingForm) chosenBody() *domain.Body {
	i := f.body.SelectedIndex()
	if i < 0 || i >= len(f.bodyIDs) {
		return nil
	}
	_, ix := f.s.sh.State.Data()
	return ix.Bodies[f.bodyIDs[i]]
}

// nextFreeDate is the first date of b's rhythm after today on which b has
// no meeting yet and that the Planner's calendar does not rule out (a
// holiday, a closed day, the partnership's recess), looking two years
// ahead; zero when b has no rhythm.
func nextFreeDate(st *State, b *domain.Body) date.Date {
	if b.Rhythm.Kind == domain.RhythmNone {
		return 0
	}
	ds, _ := st.Data()
	taken := map[date.Date]bool{}
	for _, m := range ds.Meetings {
		if m.BodyID == b.ID {
			taken[m.Date()] = true
		}
	}
	today := st.Today()
	cal := st.Planner().Calendar()
	for y := today.Year(); y <= today.Year()+2; y++ {
		for _, d := range planning.RhythmDates(b.Rhythm, y) {
			if !d.After(today) || taken[d] || !cal.IsWorkingDay(d) {
				continue
			}
			if _, inRecess := cal.Recess(d, b.PartnershipID); inRecess {
				continue
			}
			return d
		}
	}
	return 0
}

// fillPrep offers the meetings of the body's preparing body (the AO) in the
// eight weeks before the date, latest first, and selects the latest when
// nothing was chosen yet.
func (f *meetingForm) fillPrep() {
	b := f.chosenBody()
	prevID := f.prepID
	f.prepIDs = nil
	opts := []string{i18n.T("ui.meeting.form.noprep")}
	d, err := f.date.Date()
	if b != nil && b.PreparedByID != 0 && err == nil && !d.IsZero() {
		ds, ix := f.s.sh.State.Data()
		name := ""
		if pb := ix.Bodies[b.PreparedByID]; pb != nil {
			name = pb.Name
		}
		for i := len(ds.Meetings) - 1; i >= 0; i-- {
			m := &ds.Meetings[i]
			md := m.Date()
			if m.BodyID != b.PreparedByID || m.IsCancelled() || md.After(d) || d.Sub(md) > 56 {
				continue
			}
			if md == d && f.orig == nil {
				continue // an AO on the day itself prepares nothing
			}
			f.prepIDs = append(f.prepIDs, m.ID)
			opts = append(opts, name+", "+i18n.ShortDate(md))
		}
	}
	sel := 0
	for i, id := range f.prepIDs {
		if id == prevID {
			sel = i + 1
		}
	}
	if sel == 0 && !f.prepChosen && len(f.prepIDs) > 0 {
		sel = 1 // the latest AO before the date
	}
	f.prep.Options = opts
	filling := f.filling
	f.filling = true
	f.prep.SetSelectedIndex(sel)
	f.filling = filling
}

// meeting builds the meeting the form describes and validates it; the
// error names the field in Dutch.
func (f *meetingForm) meeting() (domain.Meeting, error) {
	var m domain.Meeting
	if f.orig != nil {
		m = *f.orig
	} else {
		m.Status = domain.StatusGepland
	}
	if b := f.chosenBody(); b != nil {
		m.BodyID = b.ID
	}
	if m.BodyID == 0 {
		return m, i18n.Errorf(domain.ErrInvalid, "domain.invalid.required", i18n.T("domain.field.body"))
	}
	start, end, err := parseMeetingTimes(f.date.Text, f.start.Text, f.end.Text)
	if err != nil {
		return m, err
	}
	m.Start, m.End = start, end
	m.Location = strings.TrimSpace(f.location.Text)
	online, err := parseOnlineURL(f.online.Text)
	if err != nil {
		return m, err
	}
	m.OnlineURL = online
	m.PreparedByMeetingID = 0
	if i := f.prep.SelectedIndex(); i > 0 && i-1 < len(f.prepIDs) {
		m.PreparedByMeetingID = f.prepIDs[i-1]
	}
	if f.orig != nil {
		if i := f.status.SelectedIndex(); i >= 0 {
			m.Status = f.statuses[i]
		}
	}
	m.Note = strings.TrimSpace(f.note.Text)
	return m, m.Validate()
}

// parseMeetingTimes reads a typed date and start and end times into the
// instants of a meeting in Amsterdam. Every problem is an *i18n.Error that
// names the field: a date that does not exist, a time that is not HH:MM,
// an end that is not after the start.
func parseMeetingTimes(day, start, end string) (time.Time, time.Time, error) {
	fieldDate := i18n.T("ui.meeting.field.date")
	if strings.TrimSpace(day) == "" {
		return time.Time{}, time.Time{}, i18n.Errorf(domain.ErrInvalid, "domain.invalid.required", fieldDate)
	}
	d, err := domain.ParseDate(fieldDate, day)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	from, err := domain.ParseClock(i18n.T("ui.meeting.field.start"), start)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	to, err := domain.ParseClock(i18n.T("ui.meeting.field.end"), end)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	if to <= from {
		return time.Time{}, time.Time{}, i18n.Errorf(domain.ErrInvalid, "domain.invalid.endbeforestart")
	}
	ams := domain.Amsterdam()
	s, e := d.At(from/60, from%60, ams), d.At(to/60, to%60, ams)
	// On the last Sunday of March the clock jumps from 02:00 to 03:00: a
	// time in between does not exist, and Go moves it an hour on, which
	// could put the start after the end.
	for _, c := range []struct {
		t       time.Time
		minutes int
	}{{s, from}, {e, to}} {
		if c.t.Hour()*60+c.t.Minute() != c.minutes {
			return time.Time{}, time.Time{}, i18n.Errorf(domain.ErrInvalid, "ui.meeting.err.dstgap",
				domain.FormatClock(c.minutes), i18n.ShortDate(d))
		}
	}
	if !e.After(s) {
		return time.Time{}, time.Time{}, i18n.Errorf(domain.ErrInvalid, "domain.invalid.endbeforestart")
	}
	return s, e, nil
}

// parseOnlineURL accepts an empty field or an http(s) address with a host,
// the only kind a calendar app turns into a link.
func parseOnlineURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(s, " \t\r\n") {
		return "", i18n.Errorf(domain.ErrInvalid, "ui.meeting.err.url", s)
	}
	return s, nil
}

// changed validates as the user types and recomputes the preview.
func (f *meetingForm) changed() {
	if f.filling || f.preview == nil {
		return
	}
	m, err := f.meeting()
	if err != nil {
		f.showError(err)
		f.setPreview([]fyne.CanvasObject{previewNote(i18n.T("ui.meeting.preview.invalid"))})
		return
	}
	f.showError(nil)
	f.setPreview(f.previewOf(m))
}

// setPreview shows objs as the preview, from its top.
func (f *meetingForm) setPreview(objs []fyne.CanvasObject) {
	f.preview.Objects = objs
	f.preview.Refresh()
	f.previewScroll.Refresh()
	f.previewScroll.ScrollToTop()
}

func (f *meetingForm) showError(err error) {
	if err == nil {
		f.errLabel.SetText("")
		f.errLabel.Hide()
		return
	}
	f.errLabel.SetText(i18n.UserMessage(err))
	f.errLabel.Show()
}

// previewOf describes what saving m would do.
func (f *meetingForm) previewOf(m domain.Meeting) []fyne.CanvasObject {
	st := f.s.sh.State
	p := st.Planner()
	ds, ix := st.Data()
	var out []fyne.CanvasObject
	if f.orig == nil {
		r, err := p.ChainFor(&m)
		if err != nil {
			return []fyne.CanvasObject{previewNote(i18n.UserMessage(err))}
		}
		out = append(out, previewHeading(i18n.T("ui.meeting.preview.deadlines")))
		for _, s := range r.Steps {
			if s.MunicipalityID != 0 || s.Kind == domain.KindMeeting {
				continue // the per-gemeente steps are on the deadlines tab once saved
			}
			out = append(out, previewLine(i18n.T("ui.meeting.preview.step", i18n.ShortDate(s.Due), s.Name), chainStatusImportance(s.Status)))
		}
		problems := 0
		for _, s := range r.Steps {
			if s.Status != domain.DeadlineOK {
				problems++
			}
		}
		if problems > 0 {
			out = append(out, previewLine(i18n.T("ui.meeting.preview.problems", problems), widget.WarningImportance))
		}
		conflicts := p.ConflictsFor(&m, nil)
		if len(conflicts) > 0 {
			out = append(out, previewHeading(i18n.T("ui.meeting.preview.conflicts")))
			for _, c := range conflicts {
				out = append(out, previewLine(planning.Render(c.Message, i18n.Current()), widget.WarningImportance))
			}
		} else {
			out = append(out, previewLine(i18n.T("ui.meeting.preview.noconflicts"), widget.SuccessImportance))
		}
		if b := ix.Bodies[m.BodyID]; b != nil && len(b.StandingItems) > 0 {
			out = append(out, previewNote(i18n.T("ui.meeting.preview.standing", len(b.StandingItems))))
		}
		return out
	}
	rep, err := p.Reschedule(*f.orig, m)
	if err != nil {
		return []fyne.CanvasObject{previewNote(i18n.UserMessage(err))}
	}
	return describeChange(rep, *f.orig, m, ds, ix)
}

// describeChange renders a change report: the move itself, the deadlines
// that change and for whom, the new conflicts, and the invite that must go
// out again (with the old and new sequence and its recipients).
func describeChange(rep planning.ChangeReport, before, after domain.Meeting, ds *domain.Dataset, ix *domain.Index) []fyne.CanvasObject {
	ams := domain.Amsterdam()
	var out []fyne.CanvasObject
	switch {
	case rep.Cancelled:
		out = append(out, previewLine(i18n.T("ui.meeting.preview.cancelled"), widget.DangerImportance))
	case rep.Moved:
		out = append(out, previewLine(i18n.T("ui.meeting.preview.moved",
			i18n.ShortDate(domain.DateOf(rep.OldStart)), i18n.Clock(rep.OldStart.In(ams)),
			i18n.ShortDate(domain.DateOf(rep.NewStart)), i18n.Clock(rep.NewStart.In(ams))), widget.HighImportance))
	}
	if len(rep.Changes) == 0 && !rep.NeedsNewSequence && len(rep.Conflicts) == 0 {
		return append(out, previewNote(i18n.T("ui.meeting.preview.nochange")))
	}
	if len(rep.Changes) > 0 {
		out = append(out, previewHeading(i18n.T("ui.meeting.preview.changes", len(rep.Changes))))
		for _, ch := range rep.Changes {
			text := planning.Render(ch.Message, i18n.Current())
			if names := meetingPersonNames(ix, ch.Notify, 4); names != "" {
				text += " " + i18n.T("ui.meeting.preview.for", names)
			}
			imp := widget.MediumImportance
			if ch.NewStatus == domain.DeadlineKrap || ch.NewStatus == domain.DeadlineOnhaalbaar {
				imp = chainStatusImportance(ch.NewStatus)
			}
			out = append(out, previewLine(text, imp))
		}
	}
	if len(rep.Conflicts) > 0 {
		out = append(out, previewHeading(i18n.T("ui.meeting.preview.newconflicts")))
		for _, c := range rep.Conflicts {
			out = append(out, previewLine(planning.Render(c.Message, i18n.Current()), widget.WarningImportance))
		}
	}
	if rep.NeedsNewSequence {
		out = append(out, previewHeading(i18n.T("ui.meeting.preview.invite")))
		recipients := inviteRecipients(after, ds, ix)
		key := "ui.meeting.preview.sequence"
		if rep.Cancelled {
			key = "ui.meeting.preview.cancelsequence"
		}
		out = append(out, previewLine(i18n.T(key, before.Sequence, before.Sequence+1, len(recipients)), widget.HighImportance))
		if len(recipients) > 0 {
			out = append(out, previewNote(strings.Join(recipients, ", ")))
		}
	}
	if others := notifyBeyondInvite(rep, after, ds, ix); len(others) > 0 {
		out = append(out, previewHeading(i18n.T("ui.meeting.preview.inform")))
		out = append(out, previewNote(strings.Join(others, ", ")))
	}
	return out
}

// inviteRecipients are the names of whom the invite (or cancellation) of m
// goes to, as the ical package writes its attendees.
func inviteRecipients(m domain.Meeting, ds *domain.Dataset, ix *domain.Index) []string {
	as, err := ical.Attendees(ical.InviteInput{Meeting: m, Index: ix, Settings: ds.Settings})
	if err != nil {
		return nil
	}
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

// notifyBeyondInvite are the people the report says to inform who do not
// get the invite: ambtenaren and secretaries whose deadlines moved.
func notifyBeyondInvite(rep planning.ChangeReport, m domain.Meeting, ds *domain.Dataset, ix *domain.Index) []string {
	invited := map[string]bool{}
	if rep.NeedsNewSequence {
		for _, n := range inviteRecipients(m, ds, ix) {
			invited[n] = true
		}
	}
	var out []string
	for _, id := range rep.Notify {
		if n := ix.PersonName(id); n != "" && !invited[n] {
			out = append(out, n)
		}
	}
	return out
}

// meetingPersonNames lists up to max names, then "en N anderen".
func meetingPersonNames(ix *domain.Index, ids []int64, limit int) string {
	var names []string
	for _, id := range ids {
		if n := ix.PersonName(id); n != "" {
			names = append(names, n)
		}
	}
	if len(names) > limit {
		return strings.Join(names[:limit], ", ") + " " + i18n.T("ui.meeting.preview.andothers", len(names)-limit)
	}
	return strings.Join(names, ", ")
}

func previewHeading(text string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func previewLine(text string, imp widget.Importance) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	return l
}

func previewNote(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// save stores the meeting; it reports whether the dialog may close.
func (f *meetingForm) save() bool {
	m, err := f.meeting()
	if err != nil {
		f.showError(err)
		return false
	}
	st := f.s.sh.State
	ctx := context.Background()
	ds, ix := st.Data()
	var rep planning.ChangeReport
	if f.orig != nil {
		rep, err = st.Planner().Reschedule(*f.orig, m)
		if err != nil {
			f.showError(err)
			return false
		}
	}
	if err := st.Store.SaveMeeting(ctx, &m); err != nil {
		f.showError(err)
		return false
	}
	// A new meeting's agenda starts from the body's standing items: the
	// store adds them in the same transaction as the meeting.
	f.saved = &m
	if err := st.Reload(ctx); err != nil {
		ShowError(f.s.sh.Window, err)
	}
	f.s.open(m.ID)
	if f.orig != nil && rep.NeedsNewSequence {
		f.fd.then = func() { showReissue(f.s.sh, m, ds, ix) }
	}
	return true
}

// showReissue tells, after a change of time, place or status, that the
// invite must go out again with the new sequence and to whom, and offers
// to save it.
func showReissue(sh *Shell, m domain.Meeting, ds *domain.Dataset, ix *domain.Index) {
	names := inviteRecipients(m, ds, ix)
	key, button := "ui.meeting.reissue.text", "ui.meeting.reissue.save"
	if m.IsCancelled() {
		key, button = "ui.meeting.reissue.canceltext", "ui.meeting.reissue.savecancel"
	}
	text := widget.NewLabel(i18n.T(key, m.Sequence, len(names)))
	text.Wrapping = fyne.TextWrapWord
	list := widget.NewLabel(strings.Join(names, ", "))
	list.Wrapping = fyne.TextWrapWord
	list.SizeName = theme.SizeNameCaptionText
	var d *dialog.CustomDialog
	saveBtn := widget.NewButtonWithIcon(i18n.T(button), theme.DocumentSaveIcon(), func() {
		d.Hide()
		exporter{sh}.save(inviteExport(sh.State, m.ID))
	})
	// Sending by mail is the usual way; the .ics file is for those who
	// send from their own mail program.
	sendBtn := widget.NewButtonWithIcon(i18n.T("ui.meeting.send"), theme.MailSendIcon(), func() {
		d.Hide()
		showSendDialog(sh, m.ID)
	})
	sendBtn.Importance = widget.HighImportance
	d = dialog.NewCustom(i18n.T("ui.meeting.reissue.title"), i18n.T("ui.meeting.reissue.later"),
		container.NewVBox(text, list, container.NewHBox(sendBtn, saveBtn)), sh.Window)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// confirmCancel asks before cancelling the shown meeting, with what the
// cancellation does: the deadlines that lapse and who receives the
// cancellation. An optional reason goes into the meeting's note.
func (d *meetingDetail) confirmCancel() *cancelForm {
	if d.meeting.ID == 0 || d.meeting.IsCancelled() {
		return nil
	}
	c := &cancelForm{d: d, before: d.meeting}
	st := d.s.sh.State
	ds, ix := st.Data()
	after := c.before
	after.Status = domain.StatusGeannuleerd
	rep, err := st.Planner().Reschedule(c.before, after)
	if err != nil {
		ShowError(d.s.sh.Window, err)
		return nil
	}
	c.reason = newFormEntry(nil)
	c.reason.SetPlaceHolder(i18n.T("ui.meeting.cancel.reasonhint"))
	body := ""
	if b := ix.Bodies[c.before.BodyID]; b != nil {
		body = b.Name
	}
	question := widget.NewLabel(i18n.T("ui.meeting.cancel.question", body, i18n.LongDate(c.before.Date())))
	question.Wrapping = fyne.TextWrapWord
	effects := components.NewWrapBox(describeChange(rep, c.before, after, ds, ix)...)
	content := container.NewBorder(container.NewVBox(question,
		widget.NewForm(widget.NewFormItem(i18n.T("ui.meeting.cancel.reason"), c.reason))), nil, nil, nil,
		container.NewVScroll(effects))
	c.fd = newFormDialog(d.s.sh.Window, i18n.T("ui.meeting.cancel.title"), i18n.T("ui.meeting.cancel.confirm"), content, c.save)
	c.fd.saveBtn.Importance = widget.DangerImportance
	// "Annuleren" beside "Vergadering annuleren" would read as the same
	// thing; the way out says what it does.
	c.fd.cancelBtn.SetText(i18n.T("ui.meeting.cancel.back"))
	c.reason.onSave = func() { c.fd.saveBtn.OnTapped() }
	c.fd.dlg.Resize(fyne.NewSize(700, 520))
	c.fd.dlg.Show()
	d.lastCancel = c
	return c
}

// cancelForm is the confirmation of a cancellation.
type cancelForm struct {
	d      *meetingDetail
	before domain.Meeting
	reason *formEntry
	fd     *formDialog
}

func (c *cancelForm) save() bool {
	st := c.d.s.sh.State
	ds, ix := st.Data()
	m := c.before
	m.Status = domain.StatusGeannuleerd
	if r := strings.TrimSpace(c.reason.Text); r != "" {
		note := i18n.T("ui.meeting.cancel.note", r)
		if m.Note != "" {
			note = m.Note + "\n" + note
		}
		m.Note = note
	}
	ctx := context.Background()
	if err := st.Store.SaveMeeting(ctx, &m); err != nil {
		ShowError(c.d.s.sh.Window, err)
		return false
	}
	if err := st.Reload(ctx); err != nil {
		ShowError(c.d.s.sh.Window, err)
	}
	c.d.s.open(m.ID)
	c.fd.then = func() { showReissue(c.d.s.sh, m, ds, ix) }
	return true
}
