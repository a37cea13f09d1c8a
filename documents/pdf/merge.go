package pdf

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Merging existing PDFs (the stukken of a meeting) is done with pdfcpu
// (github.com/pdfcpu/pdfcpu): fpdf lays out new documents but cannot read
// one. pdfcpu is pure Go like fpdf, maintained, Apache-licensed, and
// merges, stamps, bookmarks and annotates at the level of PDF objects
// without re-rendering a page, so a stuk keeps its own fonts, images and
// text exactly as its author made it. Its types stay inside this file and
// stamp.go: the rest of the code speaks of Sources, Stamps and Bookmarks.

func init() {
	// pdfcpu otherwise creates a configuration folder (with fonts and
	// certificates) in the user's configuration directory on first use.
	// We need none of it, and a library call must not write there.
	api.DisableConfigDir()
}

// Errors that Open returns for a file that cannot go into a bundle; the
// caller tells the user which stuk it was.
var (
	ErrNotPDF    = errors.New("pdf: geen PDF-bestand")
	ErrDamaged   = errors.New("pdf: beschadigd of onleesbaar PDF-bestand")
	ErrEncrypted = errors.New("pdf: beveiligd met een wachtwoord")
)

// mmPerPt converts PDF points (1/72 inch) to millimetres.
const mmPerPt = 25.4 / 72

// PageSize is the size of a page as a reader sees it (after the page's
// rotation), in millimetres.
type PageSize struct{ W, H float64 }

// Landscape reports whether the page is wider than it is high.
func (s PageSize) Landscape() bool { return s.W > s.H }

// Source is a PDF read and checked for merging. A Source is consumed by
// Merge: its objects move into the merged document.
type Source struct {
	ctx       *model.Context
	size      int // bytes of the file read
	sizes     []PageSize
	bookmarks []Bookmark
	used      bool
}

// IsPDF reports whether data starts like a PDF file. Readers accept up to
// 1024 bytes of junk before the header (ISO 32000-1 §7.5.2, Annex H.3),
// and so do we; the extension of a file name proves nothing.
func IsPDF(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(head, []byte("%PDF-"))
}

// newConfig returns the pdfcpu configuration for reading stukken: relaxed
// validation, because real-world PDFs (scans, exports from old word
// processors) bend the standard in ways every reader tolerates, and no
// optimisation pass, which costs time and changes nothing a reader sees.
func newConfig() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Cmd = model.MERGECREATE
	conf.CreateBookmarks = false
	conf.Optimize = false
	conf.OptimizeBeforeWriting = false
	conf.WriteObjectStream = true
	conf.WriteXRefStream = true
	return conf
}

// openLimit bounds the reading of one file. Fuzzing found inputs on which
// pdfcpu stalls; a stuk that takes this long to read is treated as damaged
// rather than hanging the bundle. (The stalled reading goes on in the
// background until it ends; Go cannot stop it.)
var openLimit = 30 * time.Second

// Open reads data as a PDF for merging. A file that is not a PDF gives
// ErrNotPDF, one that cannot be read (or not within a reasonable time)
// ErrDamaged, one that needs a password to open ErrEncrypted. A PDF that is
// only protected against editing (an owner password, no user password)
// opens as any other.
func Open(ctx context.Context, data []byte) (*Source, error) {
	if !IsPDF(data) {
		return nil, ErrNotPDF
	}
	type result struct {
		src *Source
		err error
	}
	done := make(chan result, 1)
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		src, err := open(rctx, data)
		done <- result{src, err}
	}()
	select {
	case r := <-done:
		return r.src, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(openLimit):
		return nil, fmt.Errorf("%w: lezen duurt langer dan %v", ErrDamaged, openLimit)
	}
}

func open(ctx context.Context, data []byte) (src *Source, err error) {
	defer func() {
		// pdfcpu reports most defects as errors, but a badly broken
		// file can still make it index out of range; a stuk must never
		// take the application down.
		if r := recover(); r != nil {
			src, err = nil, fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	conf := newConfig()
	// pdfcpu refuses encrypted files outright when told it is merging.
	// Read as for validation instead: a file with only an owner password
	// (protected against editing, as document systems often export) then
	// decrypts with the empty user password, and one that needs a
	// password to open still fails below.
	conf.Cmd = model.VALIDATE
	pc, err := pdfcpu.ReadWithContext(ctx, bytes.NewReader(data), conf)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if isPasswordError(err) {
			return nil, fmt.Errorf("%w: %v", ErrEncrypted, err)
		}
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if pc.Encrypt != nil {
		// The objects are decrypted in memory now; the merged bundle is
		// written without encryption, so the stuk's encryption
		// dictionary and key must not travel with it.
		_ = pc.FreeObject(int(pc.Encrypt.ObjectNumber))
		pc.Encrypt, pc.EncKey, pc.E = nil, nil, nil
	}
	if err := api.ValidateContext(pc); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if err := pc.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if pc.PageCount == 0 {
		return nil, fmt.Errorf("%w: geen pagina's", ErrDamaged)
	}
	pbs, err := pc.PageBoundaries(nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if err := checkContents(ctx, pc); err != nil {
		return nil, err
	}
	// pdfcpu has copied every object and stream out of the file while
	// reading, but keeps the reader, and with it the whole file, for as
	// long as the context lives: until the bundle is written. Scanned
	// stukken of 100 MB would be held twice.
	pc.Read.RS = nil
	src = &Source{ctx: pc, size: len(data), sizes: make([]PageSize, len(pbs))}
	for i, pb := range pbs {
		// The visible region is the crop box (the media box when there is
		// none); a page rotated a quarter turn shows its height as width.
		r := pb.CropBox()
		if r == nil {
			return nil, fmt.Errorf("%w: pagina %d heeft geen afmetingen", ErrDamaged, i+1)
		}
		w, h := r.Width()*mmPerPt, r.Height()*mmPerPt
		if pb.Rot%180 != 0 {
			w, h = h, w
		}
		src.sizes[i] = PageSize{W: w, H: h}
	}
	// The stuk's own bookmarks (chapters of a report) are kept so that the
	// bundle can show them under the stuk; a broken outline is no reason
	// to refuse the file.
	if bms, err := pdfcpu.Bookmarks(pc); err == nil {
		src.bookmarks = convertBookmarks(bms, 0)
	}
	return src, nil
}

// checkContents decodes the content streams of every page. pdfcpu reads
// and validates a file whose page content is corrupt (a broken Flate
// stream: a download cut off, a bad scan driver), skipping it when it only
// shows the page, but stamping decodes the page and fails, which would fail
// the whole bundle for one stuk. Found by FuzzOpen; the decoding is done
// on a copy, so the file is merged as it is.
func checkContents(ctx context.Context, pc *model.Context) error {
	for i := 1; i <= pc.PageCount; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, _, _, err := pc.PageDict(i, false)
		if err != nil || d == nil {
			return fmt.Errorf("%w: pagina %d: %v", ErrDamaged, i, err)
		}
		o, found := d.Find("Contents")
		if !found || o == nil {
			continue // an empty page
		}
		if o, err = pc.Dereference(o); err != nil {
			return fmt.Errorf("%w: pagina %d: %v", ErrDamaged, i, err)
		}
		var streams types.Array
		switch o := o.(type) {
		case nil:
			continue
		case types.StreamDict:
			streams = types.Array{o}
		case types.Array:
			streams = o
		default:
			return fmt.Errorf("%w: pagina %d: inhoud van het type %T", ErrDamaged, i, o)
		}
		for _, so := range streams {
			if so == nil {
				continue
			}
			sd, _, err := pc.DereferenceStreamDict(so)
			if err != nil {
				return fmt.Errorf("%w: pagina %d: %v", ErrDamaged, i, err)
			}
			if sd == nil {
				continue
			}
			c := *sd
			c.Content = nil
			if err := c.Decode(); err != nil {
				return fmt.Errorf("%w: pagina %d: de inhoud is onleesbaar: %v", ErrDamaged, i, err)
			}
		}
	}
	return nil
}

func isPasswordError(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "password") || strings.Contains(s, "encrypt")
}

// Pages returns the number of pages.
func (s *Source) Pages() int { return len(s.sizes) }

// Sizes returns the size of every page, as shown.
func (s *Source) Sizes() []PageSize { return s.sizes }

// Bookmarks returns the source's own bookmarks, with page numbers counted
// from its first page (1).
func (s *Source) Bookmarks() []Bookmark { return s.bookmarks }

// convertBookmarks turns pdfcpu's bookmarks into ours, to at most four
// levels below the stuk (deeper levels help nobody in a meeting bundle).
func convertBookmarks(in []pdfcpu.Bookmark, depth int) []Bookmark {
	if depth >= 4 || len(in) == 0 {
		return nil
	}
	out := make([]Bookmark, 0, len(in))
	for _, b := range in {
		if b.PageFrom < 1 {
			continue
		}
		out = append(out, Bookmark{Title: b.Title, Page: b.PageFrom, Kids: convertBookmarks(b.Kids, depth+1)})
	}
	return out
}

// Stamp is the text in the bottom margin of one page of a merged
// document: Left at the left edge, Right at the right edge.
type Stamp struct{ Left, Right string }

// IsZero reports whether the stamp has no text.
func (s Stamp) IsZero() bool {
	return strings.TrimSpace(s.Left) == "" && strings.TrimSpace(s.Right) == ""
}

// Bookmark is an entry of the document outline (the bookmarks panel):
// a title that opens Page (1-based), with entries below it.
type Bookmark struct {
	Title string
	Page  int
	Kids  []Bookmark
}

// PageLink is a clickable area on page Page of a merged document that
// opens page Target at the height TargetY (millimetres from the top;
// 0: the top of the page). X, Y, W, H are millimetres from the top-left
// corner of the page.
type PageLink struct {
	Page       int
	X, Y, W, H float64
	Target     int
	TargetY    float64
}

// MergeInput is what Merge makes one PDF of.
type MergeInput struct {
	// Sources are the documents in order; each is consumed.
	Sources []*Source
	// Stamps holds the margin text per page of the merged document
	// (index 0 is page 1); a zero Stamp, or a page beyond the slice,
	// stays as it is.
	Stamps []Stamp
	// Bookmarks is the outline of the merged document. Siblings must be
	// in page order and children must not come before their parent;
	// entries that break this are dropped rather than failing the
	// document.
	Bookmarks []Bookmark
	// Links are jumps between pages of the merged document.
	Links []PageLink
	// Meta is the document information; Created is required, as for
	// Render.
	Meta Meta
	// Out, when not nil, receives the merged PDF instead of
	// Result.PDF. A bundle of scanned stukken runs to a hundred MB;
	// writing it straight to its file keeps it out of memory.
	Out io.Writer
}

// Merge makes one PDF of in.Sources: their pages in order, each page
// stamped with its Stamp, with the outline, links and metadata of in.
// progress, when not nil, is called with the steps done and the steps in
// all; Merge stops early when ctx is cancelled.
func Merge(ctx context.Context, in MergeInput, progress func(done, total int)) (res Result, err error) {
	if len(in.Sources) == 0 {
		return Result{}, errors.New("pdf: niets om samen te voegen")
	}
	if in.Meta.Created.IsZero() {
		return Result{}, errors.New("pdf: Meta.Created ontbreekt")
	}
	for i, s := range in.Sources {
		if s == nil || s.used {
			return Result{}, fmt.Errorf("pdf: bron %d ontbreekt of is al samengevoegd", i+1)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: samenvoegen: %v", ErrDamaged, r)
		}
	}()
	// Steps: every source after the first, the stamps, the outline and
	// links, writing.
	total := len(in.Sources) - 1 + 3
	done := 0
	step := func() {
		done++
		if progress != nil {
			progress(done, total)
		}
	}
	dest := in.Sources[0].ctx
	dest.Configuration = newConfig()
	var sizes []PageSize
	sizes = append(sizes, in.Sources[0].sizes...)
	in.Sources[0].used = true
	for i, s := range in.Sources[1:] {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		if err := pdfcpu.MergeXRefTables("", s.ctx, dest, false, false); err != nil {
			return Result{}, fmt.Errorf("pdf: bron %d samenvoegen: %w", i+2, err)
		}
		s.used = true
		sizes = append(sizes, s.sizes...)
		step()
	}
	if err := dest.EnsurePageCount(); err != nil {
		return Result{}, err
	}
	if dest.PageCount != len(sizes) {
		return Result{}, fmt.Errorf("pdf: %d pagina's na samenvoegen, %d verwacht", dest.PageCount, len(sizes))
	}

	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if err := applyStamps(dest, sizes, in.Stamps); err != nil {
		return Result{}, err
	}
	step()

	if bms := toPdfcpuBookmarks(in.Bookmarks, 1, len(sizes)); len(bms) > 0 {
		if err := pdfcpu.AddBookmarks(dest, bms, true); err != nil {
			return Result{}, fmt.Errorf("pdf: bladwijzers: %w", err)
		}
	}
	if err := addLinks(dest, sizes, in.Links); err != nil {
		return Result{}, err
	}
	if err := setMeta(dest, in.Meta, len(in.Bookmarks) > 0); err != nil {
		return Result{}, err
	}
	step()

	if in.Out != nil {
		w := bufio.NewWriterSize(in.Out, 1<<20)
		if err := api.WriteContext(dest, w); err != nil {
			return Result{}, fmt.Errorf("pdf: schrijven: %w", err)
		}
		if err := w.Flush(); err != nil {
			return Result{}, fmt.Errorf("pdf: schrijven: %w", err)
		}
		step()
		return Result{Pages: len(sizes)}, nil
	}
	// The bundle is about as large as its sources together. Growing the
	// buffer by doubling would hold the old and the new copy at once: a
	// 90 MB bundle of scans would briefly need 64 + 128 MB.
	var buf bytes.Buffer
	want := 1 << 20
	for _, s := range in.Sources {
		want += s.size + s.size/16
	}
	buf.Grow(want)
	if err := api.WriteContext(dest, &buf); err != nil {
		return Result{}, fmt.Errorf("pdf: schrijven: %w", err)
	}
	step()
	return Result{PDF: buf.Bytes(), Pages: len(sizes)}, nil
}

// toPdfcpuBookmarks converts the outline, dropping entries whose pages lie
// outside the document or break pdfcpu's order rules (siblings ascending,
// the first child not before its parent). from is the lowest page the
// first entry may open.
func toPdfcpuBookmarks(in []Bookmark, from, pages int) []pdfcpu.Bookmark {
	var out []pdfcpu.Bookmark
	last := from
	for _, b := range in {
		if b.Page < last || b.Page > pages || strings.TrimSpace(b.Title) == "" {
			continue
		}
		last = b.Page
		out = append(out, pdfcpu.Bookmark{
			Title:    outlineTitle(b.Title),
			PageFrom: b.Page,
			Kids:     toPdfcpuBookmarks(b.Kids, b.Page, pages),
		})
	}
	return out
}

// outlineTitle keeps a bookmark to one readable line.
func outlineTitle(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		s = string(r[:119]) + "…"
	}
	return s
}

// addLinks adds the jumps as link annotations. PDF measures from the
// bottom-left corner in points; the layout from the top-left in mm.
func addLinks(dest *model.Context, sizes []PageSize, links []PageLink) error {
	for _, l := range links {
		if l.Page < 1 || l.Page > len(sizes) || l.Target < 1 || l.Target > len(sizes) {
			continue
		}
		h := sizes[l.Page-1].H
		rect := types.NewRectangle(l.X/mmPerPt, (h-l.Y-l.H)/mmPerPt, (l.X+l.W)/mmPerPt, (h-l.Y)/mmPerPt)
		dst := &model.Destination{Typ: model.DestFit, PageNr: l.Target}
		if l.TargetY > 0 {
			top := (sizes[l.Target-1].H - l.TargetY) / mmPerPt
			dst = &model.Destination{Typ: model.DestXYZ, PageNr: l.Target, Top: int(top + 6)}
		}
		ann := model.NewLinkAnnotation(*rect, 0, "", "", "", model.AnnNoZoom+model.AnnNoRotate, nil,
			dst, "", nil, false, 0, model.BSSolid)
		if _, _, err := pdfcpu.AddAnnotationToPage(dest, l.Page, ann, false); err != nil {
			return fmt.Errorf("pdf: koppeling op pagina %d: %w", l.Page, err)
		}
	}
	return nil
}

// setMeta writes the document information and makes readers open the
// bookmarks panel and show the title instead of the file name.
func setMeta(dest *model.Context, m Meta, outline bool) error {
	cl, err := metricsForMeta()
	if err != nil {
		return err
	}
	info := types.NewDict()
	put := func(key, value string) {
		if value = cl(value); value != "" {
			s, err := types.EscapedUTF16String(value)
			if err == nil {
				info.Insert(key, types.StringLiteral(*s))
			}
		}
	}
	put("Title", m.Title)
	put("Author", m.Author)
	put("Subject", m.Subject)
	put("Keywords", m.Keywords)
	put("Creator", m.Creator)
	ir, err := dest.IndRefForNewObject(info)
	if err != nil {
		return err
	}
	if dest.Info != nil {
		_ = dest.FreeObject(int(dest.Info.ObjectNumber))
	}
	dest.Info = ir
	root, err := dest.Catalog()
	if err != nil {
		return err
	}
	if m.Lang != "" {
		root.Update("Lang", types.StringLiteral(m.Lang))
	}
	if outline {
		root.Update("PageMode", types.Name("UseOutlines"))
	}
	root.Update("ViewerPreferences", types.Dict(map[string]types.Object{"DisplayDocTitle": types.Boolean(true)}))
	// The first source's XMP metadata describes the agenda, not the
	// bundle; readers prefer XMP over the information dictionary.
	root.Delete("Metadata")
	return nil
}

// metricsForMeta returns the text cleaner, so that metadata holds no
// control characters, as in rendered documents.
func metricsForMeta() (func(string) string, error) {
	m, err := loadMetrics()
	if err != nil {
		return nil, err
	}
	return m.clean, nil
}
