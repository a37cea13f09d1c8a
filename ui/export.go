package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/ui/components"
)

// exportJob is one document to produce: what it is (for the progress and
// the result), the extension of its file, and how to render it. Render
// runs in a goroutine: it works from the snapshot taken when the job was
// made and from the store, never from widgets.
type exportJob struct {
	Label string
	Ext   string // ".pdf", ".ics", ".csv"
	// Render makes the document. A job with Steps calls progress (which
	// may be nil) with the steps done and the steps in all; others
	// ignore it.
	Render func(ctx context.Context, progress func(done, total int)) (exportResult, error)
	// Steps says Render reports its progress, so that the dialog shows a
	// bar that fills (the vergaderbundel) instead of one that runs to
	// and fro.
	Steps bool
	// Busy and Hint, when set, are the progress dialog's title instead
	// of the general one, and a line under the bar.
	Busy, Hint string
}

// exportRun is an export being made: its progress dialog and how to stop
// it.
type exportRun struct {
	// bar is the filling bar of a job with Steps; nil otherwise.
	bar    *widget.ProgressBar
	dlg    *dialog.CustomDialog
	cancel context.CancelFunc
	// done is closed when the work has ended and its outcome (the save
	// dialog, an error, or nothing after Stop) is shown.
	done chan struct{}
}

// exportStarted, when set, is told of every export started, so that a
// test can follow its progress bar and wait for its end without walking
// widgets that the work is updating.
var exportStarted func(*exportRun)

// exportAsk shows the save dialog for a rendered document. Tests replace
// it to save with a writer of their own instead of driving Fyne's file
// dialog.
var exportAsk = exporter.ask

// exportResult is a rendered document with its suggested file name.
type exportResult struct {
	Name string
	Data []byte
	// File, when set, holds the document instead of Data: a temporary
	// file for what is too large to keep in memory (a vergaderbundel of
	// scans runs to a hundred MB). Writing the result to its place, or
	// abandoning it, removes the file (see place and discard).
	File  string
	Pages int // 0 for files that are not PDF
	// Invite holds, for an invitation or cancellation, who it must be
	// sent to and with which sequence.
	Invite *inviteInfo
	// Bundle holds, for a vergaderbundel, what is in it and which
	// stukken are missing (ui/bundle.go).
	Bundle *bundleInfo
}

// inviteInfo says who must receive an .ics invite or cancellation.
type inviteInfo struct {
	Cancel     bool
	Sequence   int
	Recipients []ical.Attendee
}

// exportSnapshot is what every job reads: one consistent snapshot of the
// data with its planner, and the clock.
type exportSnapshot struct {
	st  *State
	ds  *domain.Dataset
	ix  *domain.Index
	now time.Time
}

func exportSnapshotOf(st *State) exportSnapshot {
	ds, ix := st.Data()
	return exportSnapshot{st: st, ds: ds, ix: ix, now: st.Now()}
}

// fullMeeting loads meeting id with its agenda from the store.
func (x exportSnapshot) fullMeeting(ctx context.Context, id int64) (domain.Meeting, error) {
	m, err := x.st.Store.Meeting(ctx, id)
	if err != nil {
		return m, i18n.Errorf(err, "ui.export.err.nomeeting", id)
	}
	return m, nil
}

// meetingLabel names meeting id for the progress dialog: "PHO Jeugd
// Zeeland, do 14-01-2027".
func (x exportSnapshot) meetingLabel(id int64) string {
	m := x.ix.Meetings[id]
	if m == nil {
		return ""
	}
	name := ""
	if b := x.ix.Bodies[m.BodyID]; b != nil {
		name = b.Name
	}
	return name + ", " + i18n.ShortDate(m.Date())
}

// agendaExport is the agenda of meeting id as PDF; public leaves out the
// content of confidential items (documents.PublicMeeting).
func agendaExport(st *State, id int64, public bool) exportJob {
	x := exportSnapshotOf(st)
	key := "ui.export.agenda.full.label"
	if public {
		key = "ui.export.agenda.public.label"
	}
	return exportJob{Label: i18n.T(key, x.meetingLabel(id)), Ext: ".pdf", Render: func(ctx context.Context, _ func(int, int)) (exportResult, error) {
		m, err := x.fullMeeting(ctx, id)
		if err != nil {
			return exportResult{}, err
		}
		in := documents.AgendaInput{Meeting: m, Index: x.ix, Public: public, Organiser: x.ds.Settings.OrganiserName, Now: x.now}
		if in.NextMeeting, in.NextDeadlines, err = x.st.Planner().NextMeeting(&m); err != nil {
			return exportResult{}, err
		}
		r, err := documents.Agenda(in)
		if err != nil {
			return exportResult{}, err
		}
		name := r.Name
		if public {
			name = strings.TrimSuffix(name, ".pdf") + " " + i18n.T("ui.export.publicsuffix") + ".pdf"
		}
		return exportResult{Name: name, Data: r.PDF, Pages: r.Pages}, nil
	}}
}

// decisionListExport is the besluitenlijst of meeting id; draft marks it
// as a concept, as it goes out in the days after the meeting.
func decisionListExport(st *State, id int64, draft bool) exportJob {
	x := exportSnapshotOf(st)
	key := "ui.export.decisions.final.label"
	if draft {
		key = "ui.export.decisions.draft.label"
	}
	return exportJob{Label: i18n.T(key, x.meetingLabel(id)), Ext: ".pdf", Render: func(ctx context.Context, _ func(int, int)) (exportResult, error) {
		m, err := x.fullMeeting(ctx, id)
		if err != nil {
			return exportResult{}, err
		}
		r, err := documents.DecisionList(documents.DecisionListInput{Meeting: m, Index: x.ix, Draft: draft,
			Organiser: x.ds.Settings.OrganiserName, Now: x.now})
		if err != nil {
			return exportResult{}, err
		}
		name := r.Name
		if draft {
			// The concept goes out days before the final list; saving
			// the final one must not overwrite it.
			name = strings.TrimSuffix(name, ".pdf") + " " + i18n.T("ui.export.draftsuffix") + ".pdf"
		}
		return exportResult{Name: name, Data: r.PDF, Pages: r.Pages}, nil
	}}
}

// inviteExport is the .ics invitation of meeting id with its current
// sequence, or its cancellation when the meeting is cancelled.
func inviteExport(st *State, id int64) exportJob {
	x := exportSnapshotOf(st)
	cancelled := false
	if m := x.ix.Meetings[id]; m != nil {
		cancelled = m.IsCancelled()
	}
	key := "ui.export.invite.label"
	if cancelled {
		key = "ui.export.cancel.label"
	}
	return exportJob{Label: i18n.T(key, x.meetingLabel(id)), Ext: ".ics", Render: func(ctx context.Context, _ func(int, int)) (exportResult, error) {
		m, err := x.fullMeeting(ctx, id)
		if err != nil {
			return exportResult{}, err
		}
		in := ical.InviteInput{Meeting: m, Index: x.ix, Settings: x.ds.Settings, Now: x.now}
		var data []byte
		if m.IsCancelled() {
			data, err = ical.Cancel(in)
		} else {
			data, err = ical.Invite(in)
		}
		if err != nil {
			return exportResult{}, err
		}
		att, err := ical.Attendees(in)
		if err != nil {
			return exportResult{}, err
		}
		name := ""
		if b := x.ix.Bodies[m.BodyID]; b != nil {
			name = b.Name
		}
		info := &inviteInfo{Cancel: m.IsCancelled(), Sequence: m.Sequence, Recipients: att}
		if info.Cancel {
			name = i18n.T("ui.export.cancelprefix", name)
		}
		return exportResult{Name: ical.Filename(name, m.Date()), Data: data, Invite: info}, nil
	}}
}

func feedScopeBody(id int64) ical.Scope { return ical.Scope{Kind: ical.ScopeBody, ID: id} }

// feedExport is the published calendar (METHOD:PUBLISH) of a body,
// gemeente or person, with their deadlines.
func feedExport(st *State, scope ical.Scope) exportJob {
	x := exportSnapshotOf(st)
	title, err := ical.FeedTitle(x.ix, scope, "")
	if err != nil {
		return exportJob{Label: title, Ext: ".ics", Render: func(context.Context, func(int, int)) (exportResult, error) { return exportResult{}, err }}
	}
	return exportJob{Label: i18n.T("ui.export.feed.label", title), Ext: ".ics", Render: func(ctx context.Context, _ func(int, int)) (exportResult, error) {
		var buf bytes.Buffer
		err := ical.WriteFeed(&buf, ical.FeedInput{Scope: scope, Index: x.ix, Deadlines: x.st.Planner().AllDeadlines(0, 0),
			Settings: x.ds.Settings, Now: x.now})
		if err != nil {
			return exportResult{}, err
		}
		return exportResult{Name: ical.Filename(title, 0), Data: buf.Bytes()}, nil
	}}
}

// yearPlanExport is the vergaderschema of year for one body, one
// partnership or (both 0) everything.
func yearPlanExport(st *State, year int, bodyID, partnershipID int64) exportJob {
	x := exportSnapshotOf(st)
	scope := i18n.T("ui.export.scope.all")
	if b := x.ix.Bodies[bodyID]; b != nil {
		scope = b.Name
	} else if p := x.ix.Partnerships[partnershipID]; p != nil {
		scope = p.Name
	}
	return exportJob{Label: i18n.T("ui.export.yearplan.label", year, scope), Ext: ".pdf", Render: func(ctx context.Context, _ func(int, int)) (exportResult, error) {
		// Deadlines of a year's first meetings fall in the autumn before.
		deadlines := x.st.Planner().AllDeadlines(date.New(year-1, time.July, 1), date.New(year, time.December, 31))
		r, err := documents.YearPlan(documents.YearPlanInput{Year: year, BodyID: bodyID, PartnershipID: partnershipID,
			Deadlines: deadlines, Index: x.ix, Organiser: x.ds.Settings.OrganiserName, Now: x.now})
		if err != nil {
			return exportResult{}, err
		}
		return exportResult{Name: r.Name, Data: r.PDF, Pages: r.Pages}, nil
	}}
}

// deadlineExport is the deadline overview of a gemeente or person in
// [from, to], as PDF or as CSV for a spreadsheet.
func deadlineExport(st *State, kind documents.ScopeKind, id int64, from, to date.Date, csv bool) exportJob {
	x := exportSnapshotOf(st)
	who := ""
	if kind == documents.ScopeMunicipality {
		who = x.ix.MunicipalityName(id)
	} else {
		who = x.ix.PersonName(id)
	}
	ext := ".pdf"
	if csv {
		ext = ".csv"
	}
	return exportJob{Label: i18n.T("ui.export.deadlines.label", who), Ext: ext, Render: func(ctx context.Context, _ func(int, int)) (exportResult, error) {
		if !from.IsZero() && !to.IsZero() && to.Before(from) {
			return exportResult{}, i18n.Errorf(domain.ErrInvalid, "domain.invalid.period", from.String(), to.String())
		}
		in := documents.DeadlineOverviewInput{Kind: kind, ID: id, From: from, To: to,
			Deadlines: x.st.Planner().AllDeadlines(from, to), Index: x.ix, Organiser: x.ds.Settings.OrganiserName, Now: x.now}
		if csv {
			var buf bytes.Buffer
			if err := documents.DeadlineCSV(&buf, in); err != nil {
				return exportResult{}, err
			}
			return exportResult{Name: documents.DeadlineCSVName(in), Data: buf.Bytes()}, nil
		}
		r, err := documents.DeadlineOverview(in)
		if err != nil {
			return exportResult{}, err
		}
		return exportResult{Name: r.Name, Data: r.PDF, Pages: r.Pages}, nil
	}}
}

// exportTo renders job and writes it into dir under its suggested name.
// It is what the buttons do after the save dialog, without the dialog.
func exportTo(ctx context.Context, job exportJob, dir string) (string, exportResult, error) {
	res, err := job.Render(ctx, nil)
	if err != nil {
		return "", res, err
	}
	path := filepath.Join(dir, safeFileName(res.Name))
	return path, res, res.place(path)
}

// place writes the document to path atomically and removes its temporary
// file, if it has one.
func (r exportResult) place(path string) error {
	defer r.discard()
	return writeAtomic(path, r.copyTo)
}

// copyTo writes the document to w (a location that is not a local file).
func (r exportResult) copyTo(w io.Writer) error {
	if r.File == "" {
		_, err := w.Write(r.Data)
		return err
	}
	f, err := os.Open(r.File)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// discard removes the temporary file of a document that is placed or not
// wanted (the save dialog was cancelled).
func (r exportResult) discard() {
	if r.File != "" {
		os.Remove(r.File)
	}
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder and a rename, so that a mail client or a calendar that polls the
// file never sees half of it, and a failure leaves an existing file as it
// was.
func writeFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomic is writeFileAtomic for content that write produces.
func writeAtomic(path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return i18n.Errorf(err, "ui.export.err.write", path)
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return i18n.Errorf(err, "ui.export.err.write", path)
	}
	return nil
}

// Preference keys: the folder of the last file saved or attached (the next
// dialog opens there), and the last files saved.
const (
	prefLastDir = "ui.export.lastdir"
	prefRecent  = "ui.export.recent"
	recentMax   = 8
)

// exportLastDir returns the folder of the last save or attachment, if it exists.
func exportLastDir() fyne.ListableURI {
	dir := fyne.CurrentApp().Preferences().String(prefLastDir)
	if dir == "" {
		return nil
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

// exportRememberDir keeps the folder of u for the next dialog.
func exportRememberDir(u fyne.URI) {
	if u.Scheme() == "file" {
		fyne.CurrentApp().Preferences().SetString(prefLastDir, filepath.Dir(u.Path()))
	}
}

// recentExports returns the files saved last, newest first, that still exist.
func recentExports() []string {
	var out []string
	for _, p := range fyne.CurrentApp().Preferences().StringList(prefRecent) {
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

func addRecentExport(path string) {
	list := []string{path}
	for _, p := range fyne.CurrentApp().Preferences().StringList(prefRecent) {
		if p != path && len(list) < recentMax {
			list = append(list, p)
		}
	}
	fyne.CurrentApp().Preferences().SetStringList(prefRecent, list)
}

// openInSystem opens a file or folder with the program the system uses.
func openInSystem(path string) error {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = fyne.CurrentApp().OpenURL(u)
	}
	if err != nil {
		return i18n.Errorf(err, "ui.stukken.err.open", path)
	}
	return nil
}

// exporter runs export jobs in the window: render in the background with a
// progress dialog, ask where to save with the suggested name, write, and
// offer to open the file.
type exporter struct{ sh *Shell }

// save runs job in the background with a progress dialog and a Stop
// button that cancels it, then shows the save dialog, or the error in
// Dutch. Rendering comes first so that the save dialog can offer the
// document's own name ("2027-01-14 Agenda PHO Jeugd Zeeland.pdf"), and
// nothing is written before the user has chosen where.
func (x exporter) save(job exportJob) *exportRun {
	w := x.sh.Window
	ctx, cancel := context.WithCancel(context.Background())
	r := &exportRun{cancel: cancel, done: make(chan struct{})}
	label := widget.NewLabel(job.Label)
	label.Wrapping = fyne.TextWrapWord
	var progress func(done, total int)
	var bar fyne.CanvasObject
	var spinner *widget.ProgressBarInfinite
	if job.Steps {
		r.bar = widget.NewProgressBar()
		bar = r.bar
		// A bundle reports every step (merging has one per page); the
		// bar moves per whole percent so that the window is not flooded
		// with redraws.
		last := -1
		progress = func(done, total int) {
			if total <= 0 {
				return
			}
			v := float64(done) / float64(total)
			if pct := int(v * 100); pct != last {
				last = pct
				fyne.Do(func() { r.bar.SetValue(v) })
			}
		}
	} else {
		spinner = widget.NewProgressBarInfinite()
		bar = spinner
	}
	content := container.NewVBox(label, bar)
	if job.Hint != "" {
		hint := widget.NewLabel(job.Hint)
		hint.Wrapping = fyne.TextWrapWord
		hint.SizeName = theme.SizeNameCaptionText
		content.Add(hint)
	}
	title := job.Busy
	if title == "" {
		title = i18n.T("ui.export.busy")
	}
	r.dlg = dialog.NewCustom(title, i18n.T("ui.export.stop"), content, w)
	r.dlg.SetOnClosed(cancel)
	r.dlg.Resize(fyne.NewSize(480, 0))
	r.dlg.Show()
	if exportStarted != nil {
		exportStarted(r)
	}
	go func() {
		res, err := job.Render(ctx, progress)
		fyne.Do(func() {
			stopped := ctx.Err() != nil
			r.dlg.Hide()
			if spinner != nil {
				spinner.Stop()
			}
			cancel()
			switch {
			case stopped:
				res.discard()
			case err != nil:
				ShowError(w, err)
			default:
				exportAsk(x, job, res)
			}
			close(r.done)
		})
	}()
	return r
}

// ask shows the save dialog for a rendered document.
func (x exporter) ask(job exportJob, res exportResult) {
	w := x.sh.Window
	fd := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			res.discard()
			ShowError(w, err)
			return
		}
		if wc == nil {
			res.discard()
			return // cancelled
		}
		x.written(wc, res)
	}, w)
	fd.SetFileName(res.Name)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{job.Ext}))
	fd.SetTitleText(i18n.T("ui.export.dialog.title", job.Label))
	fd.SetConfirmText(i18n.T("ui.export.dialog.confirm"))
	fd.SetDismissText(i18n.T("ui.meeting.form.cancel"))
	if loc := exportLastDir(); loc != nil {
		fd.SetLocation(loc)
	}
	showFileDialog(w, fd)
}

// written writes a rendered document to the file the save dialog chose,
// remembers its folder and lists it under "Laatst opgeslagen", then offers
// to open it. It is what the dialog's Opslaan does; tests call it with a
// writer of their own instead of driving the dialog.
func (x exporter) written(wc fyne.URIWriteCloser, res exportResult) {
	u := wc.URI()
	var err error
	if u.Scheme() == "file" {
		// The dialog created the file empty; it is replaced in one
		// rename so that it is never half-written.
		wc.Close()
		err = res.place(u.Path())
	} else {
		err = res.copyTo(wc)
		res.discard()
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			err = i18n.Errorf(err, "ui.export.err.write", u.String())
		}
	}
	if err != nil {
		ShowError(x.sh.Window, err)
		return
	}
	exportRememberDir(u)
	path := u.String()
	if u.Scheme() == "file" {
		path = u.Path()
		addRecentExport(path)
	}
	x.done(path, res)
}

// showFileDialog shows fd at a size that shows a useful part of a folder
// (Fyne's own default fits two files). Fyne's dialog has no window before
// Show, and a system dialog (the Flatpak portal) never has one: resizing
// either panics, so the size is set only when Show put Fyne's dialog over
// the window.
func showFileDialog(w fyne.Window, fd *dialog.FileDialog) {
	before := w.Canvas().Overlays().Top()
	fd.Show()
	if top := w.Canvas().Overlays().Top(); top != nil && top != before {
		fd.Resize(fyne.NewSize(900, 600))
	}
}

// openLocalFile asks for one file on this computer (exts filters by
// extension; none for any file) and calls chosen with its path. The dialog
// has Dutch texts, opens in the folder used last and remembers the new
// one; a location that is not a local file (a portal URI) is refused in
// Dutch instead of passed on as a path that does not exist.
func openLocalFile(w fyne.Window, title, confirm string, exts []string, chosen func(path string)) {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ShowError(w, err)
			return
		}
		if r == nil {
			return // cancelled
		}
		u := r.URI()
		r.Close()
		if u.Scheme() != "file" {
			ShowError(w, i18n.Errorf(nil, "ui.stukken.err.notlocal", u.String()))
			return
		}
		exportRememberDir(u)
		chosen(u.Path())
	}, w)
	if len(exts) > 0 {
		fd.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	fd.SetTitleText(title)
	fd.SetConfirmText(confirm)
	fd.SetDismissText(i18n.T("ui.meeting.form.cancel"))
	if loc := exportLastDir(); loc != nil {
		fd.SetLocation(loc)
	}
	showFileDialog(w, fd)
}

// done tells where the file went and offers to open it (or its folder);
// for an invite it lists who it must be sent to.
func (x exporter) done(path string, res exportResult) {
	w := x.sh.Window
	text := i18n.T("ui.export.saved", path)
	if res.Pages > 0 {
		text = i18n.T("ui.export.saved.pages", path, res.Pages)
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{msg}
	var d *dialog.CustomDialog
	openFile := widget.NewButtonWithIcon(i18n.T("ui.export.openfile"), theme.FileIcon(), func() {
		d.Hide()
		if err := openInSystem(path); err != nil {
			ShowError(w, err)
		}
	})
	openFile.Importance = widget.HighImportance
	openDir := widget.NewButtonWithIcon(i18n.T("ui.export.opendir"), theme.FolderOpenIcon(), func() {
		if err := openInSystem(filepath.Dir(path)); err != nil {
			ShowError(w, err)
		}
	})
	buttons := container.NewHBox(openFile, openDir)
	if res.Bundle != nil {
		objs = append(objs, bundleSummary(res.Bundle)...)
	}
	if inv := res.Invite; inv != nil {
		key := "ui.export.invite.send"
		if inv.Cancel {
			key = "ui.export.cancel.send"
		}
		head := widget.NewLabel(i18n.T(key, inv.Sequence, len(inv.Recipients)))
		head.Wrapping = fyne.TextWrapWord
		names := make([]string, 0, len(inv.Recipients))
		for _, a := range inv.Recipients {
			names = append(names, a.Name)
		}
		list := widget.NewLabel(strings.Join(names, ", "))
		list.Wrapping = fyne.TextWrapWord
		list.SizeName = theme.SizeNameCaptionText
		objs = append(objs, head, list)
		buttons.Add(widget.NewButtonWithIcon(i18n.T("ui.export.copyaddresses"), theme.ContentCopyIcon(), func() {
			fyne.CurrentApp().Clipboard().SetContent(mailAddresses(inv.Recipients))
		}))
	}
	objs = append(objs, buttons)
	d = dialog.NewCustom(i18n.T("ui.export.done"), i18n.T("ui.export.close"), container.NewVBox(objs...), w)
	d.Resize(fyne.NewSize(600, 0))
	d.Show()
}

// mailAddresses writes recipients as an address line that Outlook,
// Thunderbird and webmail accept in the To field.
func mailAddresses(as []ical.Attendee) string {
	parts := make([]string, 0, len(as))
	for _, a := range as {
		name := strings.NewReplacer(`"`, "", "\\", "").Replace(a.Name)
		parts = append(parts, fmt.Sprintf("\"%s\" <%s>", name, a.Email))
	}
	return strings.Join(parts, "; ")
}

// exportScreen is the Uitvoer screen: every document the app makes, each
// with the choices it needs, and the files saved last.
type exportScreen struct {
	sh *Shell

	meetingIDs []int64
	meeting    *widget.Select
	meetingFor *widget.Label

	years     []int
	year      *widget.Select
	planIDs   []yearPlanScope
	planScope *widget.Select

	deadlineKind  *widget.Select
	deadlineIDs   []int64
	deadlineWho   *widget.Select
	deadlineFrom  *components.DateEntry
	deadlineTo    *components.DateEntry
	deadlineError *widget.Label

	feedKind  *widget.Select
	feedIDs   []int64
	feedWho   *widget.Select
	recentBox *fyne.Container

	// digest mails the ambtenaren what is due (delivery's digests);
	// publish puts meetings and deadlines on the CalDAV server.
	digest, publish *widget.Button

	root fyne.CanvasObject
}

// yearPlanScope is one choice of the year plan's scope.
type yearPlanScope struct{ body, partnership int64 }

// buildExport builds the Uitvoer screen.
func buildExport(sh *Shell) fyne.CanvasObject { return newExportScreen(sh).root }

func newExportScreen(sh *Shell) *exportScreen {
	e := &exportScreen{sh: sh}
	x := exporter{sh}
	st := sh.State

	// One meeting.
	e.meeting = widget.NewSelect(nil, func(string) { e.describeMeeting() })
	e.meetingFor = widget.NewLabel("")
	e.meetingFor.Wrapping = fyne.TextWrapWord
	e.meetingFor.SizeName = theme.SizeNameCaptionText
	withMeeting := func(job func(id int64) exportJob) func() {
		return func() {
			if id := e.meetingID(); id != 0 {
				x.save(job(id))
			}
		}
	}
	meetingCard := widget.NewCard(i18n.T("ui.export.meeting.title"), i18n.T("ui.export.meeting.sub"), container.NewVBox(
		e.meeting,
		container.NewGridWithColumns(2,
			exportButton(i18n.T("ui.export.agenda.full"), theme.DocumentPrintIcon(), withMeeting(func(id int64) exportJob { return agendaExport(st, id, false) })),
			exportButton(i18n.T("ui.export.agenda.public"), theme.VisibilityIcon(), withMeeting(func(id int64) exportJob { return agendaExport(st, id, true) })),
			exportButton(i18n.T("ui.export.decisions.draft"), theme.DocumentIcon(), withMeeting(func(id int64) exportJob { return decisionListExport(st, id, true) })),
			exportButton(i18n.T("ui.export.decisions.final"), theme.DocumentIcon(), withMeeting(func(id int64) exportJob { return decisionListExport(st, id, false) })),
			exportButton(i18n.T("ui.export.invite"), theme.MailSendIcon(), withMeeting(func(id int64) exportJob { return inviteExport(st, id) })),
			exportButton(i18n.T("ui.bundle.menu"), theme.FileIcon(), func() { e.bundle() }),
		),
		e.meetingFor))

	// The year plan.
	e.year = widget.NewSelect(nil, nil)
	e.planScope = widget.NewSelect(nil, nil)
	yearCard := widget.NewCard(i18n.T("ui.export.yearplan.title"), i18n.T("ui.export.yearplan.sub"), container.NewVBox(
		widget.NewForm(widget.NewFormItem(i18n.T("ui.export.field.year"), e.year), widget.NewFormItem(i18n.T("ui.export.field.scope"), e.planScope)),
		exportButton(i18n.T("ui.export.yearplan.button"), theme.CalendarIcon(), func() {
			y, scope := e.yearPlanChoice()
			x.save(yearPlanExport(st, y, scope.body, scope.partnership))
		})))

	// Deadline overviews.
	e.deadlineKind = widget.NewSelect([]string{i18n.T("ui.export.kind.municipality"), i18n.T("ui.export.kind.person")}, func(string) { e.fillDeadlineWho() })
	e.deadlineWho = widget.NewSelect(nil, nil)
	e.deadlineFrom = components.NewDateEntry(i18n.T("ui.export.field.from"))
	e.deadlineTo = components.NewDateEntry(i18n.T("ui.export.field.to"))
	e.deadlineFrom.Today, e.deadlineTo.Today = st.Today, st.Today
	e.deadlineError = widget.NewLabel("")
	e.deadlineError.Importance = widget.DangerImportance
	e.deadlineError.Wrapping = fyne.TextWrapWord
	e.deadlineError.Hide()
	deadlines := func(csv bool) func() {
		return func() {
			job, err := e.deadlineJob(csv)
			if err != nil {
				e.deadlineError.SetText(i18n.UserMessage(err))
				e.deadlineError.Show()
				return
			}
			e.deadlineError.Hide()
			x.save(job)
		}
	}
	e.digest = exportButton(i18n.T("ui.export.digest"), theme.MailSendIcon(), func() { showDigestDialog(sh) })
	e.publish = exportButton(i18n.T("ui.export.publish"), theme.UploadIcon(), func() { showPublishDialog(sh) })
	deadlineCard := widget.NewCard(i18n.T("ui.export.deadlines.title"), i18n.T("ui.export.deadlines.sub"), container.NewVBox(
		widget.NewForm(
			widget.NewFormItem(i18n.T("ui.export.field.for"), container.NewGridWithColumns(2, e.deadlineKind, e.deadlineWho)),
			widget.NewFormItem(i18n.T("ui.export.field.period"), container.NewGridWithColumns(2, e.deadlineFrom, e.deadlineTo))),
		container.NewGridWithColumns(2,
			exportButton(i18n.T("ui.export.deadlines.pdf"), theme.DocumentPrintIcon(), deadlines(false)),
			exportButton(i18n.T("ui.export.deadlines.csv"), theme.GridIcon(), deadlines(true))),
		e.digest,
		e.deadlineError))

	// Feeds.
	e.feedKind = widget.NewSelect([]string{i18n.T("ui.export.kind.body"), i18n.T("ui.export.kind.municipality"), i18n.T("ui.export.kind.person")},
		func(string) { e.fillFeedWho() })
	e.feedWho = widget.NewSelect(nil, nil)
	feedHint := widget.NewLabel(i18n.T("ui.export.feed.hint"))
	feedHint.Wrapping = fyne.TextWrapWord
	feedHint.SizeName = theme.SizeNameCaptionText
	feedCard := widget.NewCard(i18n.T("ui.export.feed.title"), i18n.T("ui.export.feed.sub"), container.NewVBox(
		widget.NewForm(widget.NewFormItem(i18n.T("ui.export.field.for"), container.NewGridWithColumns(2, e.feedKind, e.feedWho))),
		exportButton(i18n.T("ui.export.feed.button"), theme.CalendarIcon(), func() {
			if scope, ok := e.feedScope(); ok {
				x.save(feedExport(st, scope))
			}
		}),
		feedHint,
		e.publish))

	// The files saved last.
	e.recentBox = container.NewVBox()
	recentCard := widget.NewCard(i18n.T("ui.export.recent.title"), "", e.recentBox)

	grid := container.NewGridWithColumns(2, meetingCard, yearCard, deadlineCard, feedCard)
	title := widget.NewLabelWithStyle(i18n.T("ui.export.nav"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	e.root = container.NewBorder(title, nil, nil, nil, container.NewVScroll(container.NewVBox(grid, recentCard)))

	e.fill()
	st.Subscribe(e.fill)
	fyne.CurrentApp().Preferences().AddChangeListener(func() { fyne.Do(e.fillRecent) })
	return e
}

func exportButton(text string, icon fyne.Resource, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(text, icon, tapped)
	b.Alignment = widget.ButtonAlignLeading
	return b
}

// fill fills every choice from the snapshot, keeping the current choices.
func (e *exportScreen) fill() {
	ds, ix := e.sh.State.Data()
	today := e.sh.State.Today()

	// Meetings: from six weeks back (their besluitenlijst is still being
	// made) to every planned one, by date.
	prev := e.meetingID()
	e.meetingIDs = nil
	var opts []string
	sel := -1
	ms := make([]*domain.Meeting, 0, len(ds.Meetings))
	for i := range ds.Meetings {
		if m := &ds.Meetings[i]; !m.Date().Before(today.AddDays(-42)) {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start.Before(ms[j].Start) })
	for _, m := range ms {
		name := ""
		if b := ix.Bodies[m.BodyID]; b != nil {
			name = b.Name
		}
		label := i18n.ShortDate(m.Date()) + " · " + name
		if m.IsCancelled() {
			label += " (" + m.Status.Label() + ")"
		}
		opts = append(opts, label)
		e.meetingIDs = append(e.meetingIDs, m.ID)
		if m.ID == prev || (prev == 0 && sel < 0 && !m.Date().Before(today)) {
			sel = len(opts) - 1
		}
	}
	e.meeting.Options = opts
	if sel >= 0 {
		e.meeting.SetSelectedIndex(sel)
	} else {
		e.meeting.ClearSelected()
	}
	e.meeting.Refresh()

	// Years: last year to two years ahead, this year by default (next
	// year from October, when the year plan is made).
	y0 := today.Year()
	if e.years == nil {
		def := y0
		if today.Month() >= time.October {
			def = y0 + 1
		}
		e.years = []int{y0 - 1, y0, y0 + 1, y0 + 2}
		var yopts []string
		for _, y := range e.years {
			yopts = append(yopts, strconv.Itoa(y))
		}
		e.year.Options = yopts
		e.year.SetSelected(strconv.Itoa(def))
	}
	prevScope := e.planScope.SelectedIndex()
	e.planIDs = []yearPlanScope{{}}
	sopts := []string{i18n.T("ui.export.scope.all")}
	for _, p := range ds.Partnerships {
		e.planIDs = append(e.planIDs, yearPlanScope{partnership: p.ID})
		sopts = append(sopts, i18n.T("ui.export.scope.partnership", p.Name))
	}
	for _, b := range ds.Bodies {
		e.planIDs = append(e.planIDs, yearPlanScope{body: b.ID})
		sopts = append(sopts, b.Name)
	}
	e.planScope.Options = sopts
	e.planScope.SetSelectedIndex(max(0, min(prevScope, len(sopts)-1)))

	if e.deadlineKind.SelectedIndex() < 0 {
		e.deadlineKind.SetSelectedIndex(0) // fills the names
		e.deadlineFrom.SetDate(today)
		e.deadlineTo.SetDate(today.AddDays(91))
	} else {
		e.fillDeadlineWho()
	}
	if e.feedKind.SelectedIndex() < 0 {
		e.feedKind.SetSelectedIndex(0)
	} else {
		e.fillFeedWho()
	}
	e.fillRecent()
}

func (e *exportScreen) meetingID() int64 {
	if i := e.meeting.SelectedIndex(); i >= 0 && i < len(e.meetingIDs) {
		return e.meetingIDs[i]
	}
	return 0
}

// describeMeeting says, under the buttons, what the chosen meeting's
// outputs hold: the invite's sequence and recipients, confidential items.
func (e *exportScreen) describeMeeting() {
	id := e.meetingID()
	ds, ix := e.sh.State.Data()
	m := ix.Meetings[id]
	if m == nil {
		e.meetingFor.SetText("")
		return
	}
	n := len(inviteRecipients(*m, ds, ix))
	key := "ui.export.meeting.invite"
	if m.IsCancelled() {
		key = "ui.export.meeting.cancelled"
	}
	e.meetingFor.SetText(i18n.T(key, m.Sequence, n))
}

func (e *exportScreen) yearPlanChoice() (int, yearPlanScope) {
	y := e.sh.State.Today().Year()
	if i := e.year.SelectedIndex(); i >= 0 && i < len(e.years) {
		y = e.years[i]
	}
	var scope yearPlanScope
	if i := e.planScope.SelectedIndex(); i >= 0 && i < len(e.planIDs) {
		scope = e.planIDs[i]
	}
	return y, scope
}

// fillPeople fills sel with the gemeenten (kind 0) or people (kind 1) and
// returns their IDs, keeping the selected one.
func (e *exportScreen) fillWho(sel *widget.Select, ids []int64, kind string) []int64 {
	ds, ix := e.sh.State.Data()
	prev := int64(0)
	if i := sel.SelectedIndex(); i >= 0 && i < len(ids) {
		prev = ids[i]
	}
	ids = ids[:0]
	var opts []string
	switch kind {
	case "body":
		for _, b := range ds.Bodies {
			ids, opts = append(ids, b.ID), append(opts, b.Name)
		}
	case "municipality":
		for _, m := range ds.Municipalities {
			ids, opts = append(ids, m.ID), append(opts, m.Name)
		}
	default:
		for _, p := range ds.People {
			label := p.Name
			if mun := ix.MunicipalityName(p.MunicipalityID); mun != "" {
				label += " (" + mun + ")"
			}
			ids, opts = append(ids, p.ID), append(opts, label)
		}
	}
	sel.Options = opts
	idx := 0
	for i, id := range ids {
		if id == prev {
			idx = i
		}
	}
	if len(opts) > 0 {
		sel.SetSelectedIndex(idx)
	} else {
		sel.ClearSelected()
	}
	return ids
}

func (e *exportScreen) fillDeadlineWho() {
	kind := "municipality"
	if e.deadlineKind.SelectedIndex() == 1 {
		kind = "person"
	}
	e.deadlineIDs = e.fillWho(e.deadlineWho, e.deadlineIDs, kind)
}

func (e *exportScreen) fillFeedWho() {
	kind := [...]string{"body", "municipality", "person"}[max(0, e.feedKind.SelectedIndex())]
	e.feedIDs = e.fillWho(e.feedWho, e.feedIDs, kind)
}

// deadlineJob reads the deadline choices; a typed period is validated.
func (e *exportScreen) deadlineJob(csv bool) (exportJob, error) {
	i := e.deadlineWho.SelectedIndex()
	if i < 0 || i >= len(e.deadlineIDs) {
		return exportJob{}, i18n.Errorf(domain.ErrInvalid, "domain.invalid.required", i18n.T("ui.export.field.for"))
	}
	from, err := e.deadlineFrom.Date()
	if err != nil {
		return exportJob{}, err
	}
	to, err := e.deadlineTo.Date()
	if err != nil {
		return exportJob{}, err
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return exportJob{}, i18n.Errorf(domain.ErrInvalid, "domain.invalid.period", from.String(), to.String())
	}
	kind := documents.ScopeMunicipality
	if e.deadlineKind.SelectedIndex() == 1 {
		kind = documents.ScopePerson
	}
	return deadlineExport(e.sh.State, kind, e.deadlineIDs[i], from, to, csv), nil
}

func (e *exportScreen) feedScope() (ical.Scope, bool) {
	i := e.feedWho.SelectedIndex()
	if i < 0 || i >= len(e.feedIDs) {
		return ical.Scope{}, false
	}
	kind := [...]ical.ScopeKind{ical.ScopeBody, ical.ScopeMunicipality, ical.ScopePerson}[max(0, e.feedKind.SelectedIndex())]
	return ical.Scope{Kind: kind, ID: e.feedIDs[i]}, true
}

// fillRecent lists the files saved last with buttons to open them.
func (e *exportScreen) fillRecent() {
	e.recentBox.Objects = nil
	recent := recentExports()
	if len(recent) == 0 {
		l := widget.NewLabel(i18n.T("ui.export.recent.none"))
		l.Importance = widget.LowImportance
		e.recentBox.Add(l)
	}
	for _, p := range recent {
		path := p
		name := widget.NewLabel(filepath.Base(path))
		name.Truncation = fyne.TextTruncateEllipsis
		dir := widget.NewLabel(filepath.Dir(path))
		dir.SizeName = theme.SizeNameCaptionText
		dir.Truncation = fyne.TextTruncateEllipsis
		open := widget.NewButtonWithIcon(i18n.T("ui.export.openfile"), theme.FileIcon(), func() {
			if err := openInSystem(path); err != nil {
				ShowError(e.sh.Window, err)
			}
		})
		e.recentBox.Add(container.NewBorder(nil, nil, nil, open, container.NewGridWithColumns(2, name, dir)))
	}
	e.recentBox.Refresh()
}
