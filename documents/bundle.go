package documents

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/documents/pdf"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// The vergaderbundel: one PDF per meeting with the agenda in front and
// every stuk behind it in agenda order, as members print it or read it on
// a tablet. Each stuk is preceded by nothing but a bookmark; the agenda
// carries a linked table of contents; every page of a stuk is stamped in
// its margin with "Agendapunt N — stuk M — pagina X van Y" and the
// meeting, so that a loose page still says where it belongs.

// FileSource reads the stored file of a stuk after checking it against the
// hash recorded when it was received. *store.Blobs is one.
type FileSource interface {
	Read(storedName, sha256, title string) ([]byte, error)
}

// Converter turns office files (.docx, .odt, ...) into PDF, so that they
// can go into a bundle; LibreOffice is one (package documents/convert).
// It is optional: without it such stukken are listed, not included.
type Converter interface {
	// Converts reports whether files with extension ext (".docx") can be
	// converted.
	Converts(ext string) bool
	// ToPDF converts one file; name is its original file name.
	ToPDF(ctx context.Context, name string, data []byte) ([]byte, error)
}

// ErrStukChanged is the cause of the error that stops a bundle when a
// stuk's file no longer has the content that was received, whether the
// bundle or the FileSource (the store) found it.
var ErrStukChanged = domain.ErrFileChanged

// BundleInput is what a vergaderbundel is made from: the agenda's input
// and where the stukken are.
type BundleInput struct {
	// Meeting is the meeting with its Items and their Documents.
	Meeting domain.Meeting
	// Index, NextMeeting, NextDeadlines and Organiser are as for Agenda.
	Index         *domain.Index
	NextMeeting   *domain.Meeting
	NextDeadlines []domain.Deadline
	Organiser     string
	// Public makes the public bundle: confidential items and documents
	// are left out (see PublicMeeting), and the agenda says so.
	Public bool
	// Files reads the stukken; required.
	Files FileSource
	// Convert, when not nil, converts stukken that are not PDF.
	Convert Converter
	// Now is the creation date written into the PDF; required.
	Now time.Time
	// Out, when not nil, receives the bundle instead of
	// BundleResult.PDF, so that a bundle of scans (a hundred MB is not
	// rare) goes to its file without a second copy in memory. On an
	// error Out may hold part of a PDF: write to a temporary file.
	Out io.Writer

	strict bool // tests: layout defects are errors
}

// OmitReason says why a stuk is not in a bundle.
type OmitReason string

// The reasons a stuk is left out. The bundle's agenda and table of
// contents say which applies; none of them stops the bundle.
const (
	OmitPending      OmitReason = "pending"      // not received yet
	OmitNoFile       OmitReason = "nofile"       // received, but no file stored
	OmitConfidential OmitReason = "confidential" // the public bundle
	OmitFormat       OmitReason = "format"       // not a PDF, and no converter for it
	OmitConvert      OmitReason = "convert"      // the converter failed
	OmitDamaged      OmitReason = "damaged"      // a PDF that cannot be read
	OmitEncrypted    OmitReason = "encrypted"    // a PDF that needs a password
)

// BundledStuk is a stuk as it ended up in a bundle: agenda item Item
// (1-based, as numbered on the agenda), stuk Stuk of that item (1-based,
// as on the agenda: 3.2 is Item 3, Stuk 2). An included stuk has its first
// page and page count in the bundle; a left-out one has a Reason.
type BundledStuk struct {
	Item, Stuk  int
	Title       string
	DocumentID  int64
	FirstPage   int
	Pages       int
	Reason      OmitReason
	Format      string // the extension of a left-out file (".docx")
	Converted   bool   // converted to PDF by the Converter
	Explanation string // Reason in the user's language; "" when included
}

// Included reports whether the stuk is in the bundle.
func (s BundledStuk) Included() bool { return s.Reason == "" }

// BundleResult is a finished bundle. Its PDF is nil when the bundle was
// written to BundleInput.Out.
type BundleResult struct {
	Rendered
	// AgendaPages is the number of pages of the agenda in front.
	AgendaPages int
	// Stukken lists every stuk of the agenda in order, included or not.
	Stukken []BundledStuk
}

// Omitted returns the stukken that were left out.
func (r BundleResult) Omitted() []BundledStuk {
	var out []BundledStuk
	for _, s := range r.Stukken {
		if !s.Included() {
			out = append(out, s)
		}
	}
	return out
}

// Bundle makes the vergaderbundel of in.Meeting. progress, when not nil,
// is called with the steps done and the steps in all, from the goroutine
// that called Bundle; a cancelled ctx stops the work.
//
// A stuk whose file has changed since it was received stops the bundle
// with an error that names it (cause ErrStukChanged, or the FileSource's
// own error): a bundle must never silently hold other content than was
// delivered. Stukken that cannot be included for other reasons (not yet
// received, not a PDF, confidential in the public bundle) are listed on
// the agenda and in the table of contents with the reason, and returned in
// BundleResult.Stukken.
func Bundle(ctx context.Context, in BundleInput, progress func(done, total int)) (BundleResult, error) {
	if in.Now.IsZero() {
		return BundleResult{}, i18n.Errorf(ErrIncomplete, "documents.error.nonow")
	}
	if in.Files == nil {
		return BundleResult{}, i18n.Errorf(ErrIncomplete, "bundle.error.nofiles")
	}
	m := in.Meeting
	if in.Public {
		m = PublicMeeting(m, "")
	}
	if _, err := newMeetingContext(in.Index, &m); err != nil {
		return BundleResult{}, err
	}
	pl := &bundlePlan{public: in.Public, byKey: map[[2]int]int{}}
	files := 0
	for i, it := range m.Items {
		pl.items = append(pl.items, it.Title)
		for j, doc := range it.Documents {
			pl.byKey[[2]int{i + 1, j + 1}] = len(pl.stukken)
			s := bundleStuk{BundledStuk: BundledStuk{Item: i + 1, Stuk: j + 1, Title: stukTitle(doc), DocumentID: doc.ID}, doc: doc,
				confidential: doc.Confidential || it.Confidential}
			switch {
			case in.Public && doc.Confidential:
				s.Reason = OmitConfidential
			case doc.Pending():
				s.Reason = OmitPending
			case doc.StoredName == "":
				s.Reason = OmitNoFile
			default:
				files++
			}
			pl.stukken = append(pl.stukken, s)
		}
	}

	// Steps: reading each file, the agenda, merging (one per file and
	// three more); see report below.
	total := 2*files + 4
	done := 0
	report := func(n int) {
		done = min(n, total)
		if progress != nil {
			progress(done, total)
		}
	}
	report(0)

	for k := range pl.stukken {
		s := &pl.stukken[k]
		if s.Reason != "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return BundleResult{}, err
		}
		if err := s.load(ctx, in.Files, in.Convert); err != nil {
			return BundleResult{}, err
		}
		report(done + 1)
	}

	var sources []*pdf.Source
	for k := range pl.stukken {
		if s := &pl.stukken[k]; s.Included() {
			sources = append(sources, s.src)
		}
	}
	front, err := pl.renderAgenda(in, m)
	if err != nil {
		return BundleResult{}, err
	}
	report(done + 1)
	frontSrc, err := pdf.Open(ctx, front.PDF)
	if err != nil {
		return BundleResult{}, fmt.Errorf("bundel: agenda: %w", err)
	}

	mi := pl.mergeInput(in, m, frontSrc, sources, front)
	mi.Out = in.Out
	merged, err := pdf.Merge(ctx, mi, func(d, t int) {
		// Merging has t steps of its own; it gets the last files+3 of
		// ours.
		report(files + 1 + d*(files+3)/t)
	})
	if err != nil {
		if ctx.Err() != nil {
			return BundleResult{}, ctx.Err()
		}
		return BundleResult{}, i18n.Errorf(err, "bundle.error.merge")
	}
	report(total)

	res := BundleResult{AgendaPages: pl.agendaPages}
	res.Name = FileName(pl.name, m.Date(), "pdf")
	res.PDF, res.Pages = merged.PDF, merged.Pages
	for _, s := range pl.stukken {
		b := s.BundledStuk
		if !b.Included() {
			b.Explanation = s.explain()
		}
		res.Stukken = append(res.Stukken, b)
	}
	return res, nil
}

// stukTitle is how a stuk is named on the agenda: its title, else its
// file name.
func stukTitle(doc domain.Document) string {
	if t := strings.TrimSpace(doc.Title); t != "" {
		return t
	}
	return strings.TrimSpace(doc.FileName)
}

// bundleStuk is a stuk on its way into the bundle.
type bundleStuk struct {
	BundledStuk
	doc          domain.Document
	confidential bool
	src          *pdf.Source
}

// number is the stuk's number as on the agenda ("3.2").
func (s *bundleStuk) number() string { return fmt.Sprintf("%d.%d", s.Item, s.Stuk) }

// load reads, checks and opens the stuk's file, converting it when it is
// not a PDF and a converter can. Only a file that cannot be read or has
// changed is an error; everything else leaves the stuk out with a reason.
func (s *bundleStuk) load(ctx context.Context, files FileSource, conv Converter) error {
	data, err := files.Read(s.doc.StoredName, s.doc.SHA256, s.Title)
	switch {
	case errors.Is(err, ErrStukChanged):
		return i18n.Errorf(err, "bundle.error.changed", s.number(), s.Title)
	case err != nil:
		return i18n.Errorf(err, "bundle.error.read", s.number(), s.Title, i18n.UserMessage(err))
	}
	// The FileSource checks the hash too; checking here as well keeps the
	// promise whatever the source is.
	sum := sha256.Sum256(data)
	if !strings.EqualFold(hex.EncodeToString(sum[:]), s.doc.SHA256) {
		return i18n.Errorf(ErrStukChanged, "bundle.error.changed", s.number(), s.Title)
	}
	if !pdf.IsPDF(data) {
		s.Format = fileFormat(s.doc.FileName, s.doc.StoredName)
		if conv == nil || !conv.Converts(s.Format) {
			s.Reason = OmitFormat
			return nil
		}
		out, err := conv.ToPDF(ctx, s.doc.FileName, data)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			s.Reason = OmitConvert
			return nil
		}
		data, s.Converted = out, true
	}
	src, err := pdf.Open(ctx, data)
	switch {
	case err == nil:
		s.src, s.Pages = src, src.Pages()
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, pdf.ErrEncrypted):
		s.Reason = OmitEncrypted
	default:
		s.Reason = OmitDamaged
	}
	return nil
}

// fileFormat returns the lower-case extension of the stuk's file (".docx"),
// from its original name, else its stored name.
func fileFormat(names ...string) string {
	for _, n := range names {
		if ext := strings.ToLower(filepath.Ext(strings.TrimSpace(n))); ext != "" && len(ext) <= 10 {
			return ext
		}
	}
	return "?"
}

// explain renders the reason the stuk is left out.
func (s *bundleStuk) explain() string {
	switch s.Reason {
	case OmitFormat:
		return i18n.T("bundle.omit.format", s.Format)
	case OmitConvert:
		return i18n.T("bundle.omit.convert", s.Format)
	case "":
		return ""
	}
	return i18n.T("bundle.omit." + string(s.Reason))
}

// bundlePlan is what is known about the bundle while its agenda is laid
// out: where each stuk begins, and why some are missing.
type bundlePlan struct {
	public      bool
	stukken     []bundleStuk
	byKey       map[[2]int]int // (item, stuk) → index in stukken
	agendaPages int
	anchors     map[string]pdf.Anchor // of the previous layout pass
	items       []string              // the titles of the agenda items, as shown
	name        string                // the file name's title
	meta        pdf.Meta
}

// Anchor names in the agenda; a stuk's name is resolved to its first page
// in the bundle rather than a place in the agenda.
func itemAnchor(n int) string    { return fmt.Sprintf("item-%d", n) }
func stukAnchor(n, j int) string { return fmt.Sprintf("stuk-%d-%d", n, j) }
func isStukAnchor(s string) bool { return strings.HasPrefix(s, "stuk-") }
func contentsAnchor() string     { return "contents" }
func (pl *bundlePlan) entry(n, j int) *bundleStuk {
	if pl == nil {
		return nil
	}
	k, ok := pl.byKey[[2]int{n, j}]
	if !ok {
		return nil
	}
	return &pl.stukken[k]
}

// annotate links the attachments of agenda item n to their stuk in the
// bundle and adds why a stuk is left out. On a plain agenda (pl nil) it
// returns items as they are.
func (pl *bundlePlan) annotate(n int, items []pdf.ListItem) []pdf.ListItem {
	if pl == nil {
		return items
	}
	for j := range items {
		s := pl.entry(n, j+1)
		switch {
		case s == nil, s.Reason == OmitPending: // the agenda says "(volgt)" already
		case s.Included():
			items[j].Link = pdf.TargetLink(stukAnchor(n, j+1))
		default:
			items[j].Text += " — " + s.explain()
			items[j].Style = &pdf.Note
		}
	}
	return items
}

// assignPages numbers the bundle's pages: the agenda first, then the
// included stukken in order.
func (pl *bundlePlan) assignPages(agendaPages int) {
	pl.agendaPages = agendaPages
	next := agendaPages + 1
	for k := range pl.stukken {
		s := &pl.stukken[k]
		if s.Included() {
			s.FirstPage = next
			next += s.Pages
		}
	}
}

// renderAgenda lays out the agenda with the table of contents. The page
// numbers in the contents depend on the agenda's own length, which the
// numbers do not change (they sit in a fixed column), so a second pass
// with the first pass's length and anchors is final; a third guards
// against the unforeseen.
func (pl *bundlePlan) renderAgenda(in BundleInput, m domain.Meeting) (pdf.Result, error) {
	ain := AgendaInput{Meeting: m, Index: in.Index, NextMeeting: in.NextMeeting, NextDeadlines: in.NextDeadlines,
		Public: in.Public, Organiser: in.Organiser, Now: in.Now, strict: in.strict}
	a, p, _, err := prepareAgenda(ain)
	if err != nil {
		return pdf.Result{}, err
	}
	a.bundle = pl
	body := a.body.Name
	medium := i18n.MediumDate(m.Date())
	pl.name = i18n.T("bundle.name", body)
	p.title = i18n.T("bundle.title", body, medium)
	if in.Public {
		pl.name = i18n.T("bundle.name.public", body)
		p.title = i18n.T("bundle.title.public", body, medium)
	}
	p.keywords = append(p.keywords, i18n.T("bundle.keyword"))
	pl.meta = p.options().Meta
	pages := 1
	var res pdf.Result
	for range 3 {
		pl.assignPages(pages)
		res, err = pdf.Render(p.options(), func(d *pdf.Doc) {
			a.build(d)
			pl.contents(d)
		})
		if err != nil {
			return pdf.Result{}, err
		}
		stable := res.Pages == pages && anchorsEqual(res.Anchors, pl.anchors)
		pages, pl.anchors = res.Pages, res.Anchors
		if stable {
			break
		}
	}
	pl.assignPages(res.Pages)
	return res, nil
}

func anchorsEqual(a, b map[string]pdf.Anchor) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k].Page != v.Page {
			return false
		}
	}
	return true
}

// contents prints the table of contents on a page of its own: every
// agenda item with its page on the agenda, and below it its stukken with
// their pages in the bundle, or why they are not there. Every line links
// to what it names.
func (pl *bundlePlan) contents(d *pdf.Doc) {
	d.KeepTogether(d.Remaining() + 1) // a new page, unless this one is empty
	d.Anchor(contentsAnchor())
	d.Heading(2, i18n.T("bundle.contents"))
	confidential := false
	for _, s := range pl.stukken {
		confidential = confidential || (s.confidential && s.Included())
	}
	switch {
	case pl.public:
		d.Banner(pdf.Strong.Sized(9.5), pdf.Tint, i18n.T("bundle.contents.public"))
	case confidential:
		d.Banner(pdf.Strong.With(pdf.Alert).Sized(9.5), pdf.Tint, i18n.T("bundle.contents.confidential"))
	}
	d.Paragraph(pdf.Note, i18n.T("bundle.contents.intro"))
	d.Space(2)
	t := pdf.Table{Columns: []pdf.Column{
		{Header: i18n.T("bundle.col.number"), Weight: 1.4},
		{Header: i18n.T("bundle.col.title"), Weight: 11},
		{Header: i18n.T("bundle.col.pages"), Weight: 2.2, Align: pdf.Right},
	}}
	for n := 1; n <= len(pl.items); n++ {
		anchor, ok := pl.anchors[itemAnchor(n)]
		link := pdf.TargetLink(itemAnchor(n))
		page := ""
		if ok {
			page = fmt.Sprint(anchor.Page)
		}
		t.Rows = append(t.Rows, pdf.Row{Cells: []pdf.Cell{
			{Text: fmt.Sprintf("%d.", n), Bold: true},
			{Text: pl.itemTitle(n), Bold: true, Link: link},
			{Text: page, Link: link, Muted: true},
		}})
		for j := 1; pl.entry(n, j) != nil; j++ {
			s := pl.entry(n, j)
			title := s.Title
			if s.confidential && !pl.public {
				title += " (" + i18n.T("documents.document.confidential") + ")"
			}
			if !s.Included() {
				t.Rows = append(t.Rows, pdf.Row{Cells: []pdf.Cell{
					{Text: s.number(), Muted: true},
					{Text: title + " — " + s.explain(), Muted: true, Italic: true},
					{},
				}})
				continue
			}
			pages := fmt.Sprint(s.FirstPage)
			if s.Pages > 1 {
				pages = i18n.T("bundle.pages.range", s.FirstPage, s.FirstPage+s.Pages-1)
			}
			sl := pdf.TargetLink(stukAnchor(n, j))
			t.Rows = append(t.Rows, pdf.Row{Cells: []pdf.Cell{
				{Text: s.number()}, {Text: title, Link: sl}, {Text: pages, Link: sl},
			}})
		}
	}
	d.Table(t)
}

// itemTitle returns the title of agenda item n as the agenda shows it.
func (pl *bundlePlan) itemTitle(n int) string {
	if t := strings.TrimSpace(pl.items[n-1]); t != "" {
		return t
	}
	return i18n.T("documents.item.untitled")
}

// mergeInput assembles the bundle from the rendered agenda (front) and the
// stukken: the stamps, the outline and the links of the contents.
func (pl *bundlePlan) mergeInput(in BundleInput, m domain.Meeting, frontSrc *pdf.Source, sources []*pdf.Source, front pdf.Result) pdf.MergeInput {
	body := in.Index.Bodies[m.BodyID].Name
	medium := i18n.MediumDate(m.Date())
	left := i18n.T("bundle.stamp.meeting", body, medium)
	if pl.public {
		left = i18n.T("bundle.stamp.meeting.public", body, medium)
	}
	total := pl.agendaPages
	for _, s := range pl.stukken {
		total += s.Pages
	}
	stamps := make([]pdf.Stamp, total)
	for _, s := range pl.stukken {
		if !s.Included() {
			continue
		}
		for x := 1; x <= s.Pages; x++ {
			right := i18n.T("bundle.stamp.page", s.Item, s.Stuk, x, s.Pages)
			if s.confidential && !pl.public {
				right = i18n.T("bundle.stamp.confidential", right)
			}
			stamps[s.FirstPage+x-2] = pdf.Stamp{Left: left, Right: right}
		}
	}

	// The outline follows the document: readers (and pdfcpu) want
	// siblings in page order, so the contents, which close the agenda,
	// come after the items whose descriptions precede them.
	outline := []pdf.Bookmark{{Title: i18n.T("bundle.bookmark.agenda"), Page: 1}}
	for n := 1; n <= len(pl.items); n++ {
		item := pdf.Bookmark{Title: fmt.Sprintf("%d. %s", n, pl.itemTitle(n)), Page: pl.anchors[itemAnchor(n)].Page}
		for j := 1; pl.entry(n, j) != nil; j++ {
			s := pl.entry(n, j)
			if !s.Included() {
				continue
			}
			bm := pdf.Bookmark{Title: s.number() + " " + s.Title, Page: s.FirstPage}
			bm.Kids = shiftBookmarks(s.src.Bookmarks(), s.FirstPage-1)
			item.Kids = append(item.Kids, bm)
		}
		outline = append(outline, item)
	}
	if a, ok := pl.anchors[contentsAnchor()]; ok {
		outline = append(outline, pdf.Bookmark{Title: i18n.T("bundle.contents"), Page: a.Page})
	}

	var links []pdf.PageLink
	for _, l := range front.Links {
		pk := pdf.PageLink{Page: l.Page, X: l.X, Y: l.Y, W: l.W, H: l.H}
		var n, j int
		if isStukAnchor(l.Target) {
			if _, err := fmt.Sscanf(l.Target, "stuk-%d-%d", &n, &j); err == nil {
				if s := pl.entry(n, j); s != nil && s.Included() {
					pk.Target = s.FirstPage
				}
			}
		} else if a, ok := front.Anchors[l.Target]; ok {
			pk.Target, pk.TargetY = a.Page, a.Y
		}
		if pk.Target > 0 {
			links = append(links, pk)
		}
	}
	return pdf.MergeInput{
		Sources:   append([]*pdf.Source{frontSrc}, sources...),
		Stamps:    stamps,
		Bookmarks: outline,
		Links:     links,
		Meta:      pl.meta,
	}
}

// shiftBookmarks moves a stuk's own bookmarks to its pages in the bundle.
func shiftBookmarks(in []pdf.Bookmark, by int) []pdf.Bookmark {
	if len(in) == 0 {
		return nil
	}
	out := make([]pdf.Bookmark, len(in))
	for i, b := range in {
		out[i] = pdf.Bookmark{Title: b.Title, Page: b.Page + by, Kids: shiftBookmarks(b.Kids, by)}
	}
	return out
}
