package pdf

import (
	"bytes"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Stamping: every page of a stuk in a bundle carries a line in its bottom
// margin ("Agendapunt 3 — stuk 2 — pagina 4 van 12", the meeting and its
// date), so that a printed page that comes loose still says where it
// belongs. The page itself is neither scaled nor rotated.
//
// The stamps are laid out by fpdf, in Lato like every other document, as
// one PDF with one page per stamped page and of exactly that page's size;
// pdfcpu then lays page i of that PDF over page i of the bundle (its
// "multi-stamp"), as a form XObject on top of the page's content. Lato is
// embedded once, as a subset of the characters the stamps use, however
// many pages there are.

// Geometry of the stamp, in millimetres.
const (
	stampSize     = 7.0  // points
	stampSide     = 10.0 // from the left and right edges
	stampBaseline = 6.0  // from the bottom edge; most printers print from 4-5 mm
	stampPad      = 0.9  // around the text, on the backing
	stampMinWidth = 40.0 // narrower pages get no stamp
)

// stampBacking is the opacity of the white box behind the stamp: the
// stamp stays legible over a stuk that prints to the edge, while what lies
// below remains faintly visible.
const stampBacking = 0.85

// renderStamps lays out the stamps of pages first..last (1-based, both
// inclusive) of a document with page sizes sizes.
func renderStamps(sizes []PageSize, stamps []Stamp, first, last int) ([]byte, error) {
	m, err := loadMetrics()
	if err != nil {
		return nil, err
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCellMargin(0)
	f.SetCatalogSort(true)
	st := Style{Size: stampSize, Color: Ink}
	fc := st.face()
	f.AddUTF8FontFromBytes(fc.family(), "", *faceInfo[fc].data)
	var used [numFaces]bool
	used[fc] = true
	for p := first; p <= last; p++ {
		sz := sizes[p-1]
		f.AddPageFormat("P", fpdf.SizeType{Wd: sz.W, Ht: sz.H})
		var s Stamp
		if p-1 < len(stamps) {
			s = stamps[p-1]
		}
		if s.IsZero() || sz.W < stampMinWidth {
			continue
		}
		avail := sz.W - 2*stampSide
		left := m.clean(s.Left)
		right := m.clean(s.Right)
		// The right part (where in the bundle) matters most; the left
		// part (which meeting) gives way when the page is narrow.
		right = m.truncate(fc, st.Size, right, avail*0.62)
		rw := m.widthOf(fc, st.Size, right)
		left = m.truncate(fc, st.Size, left, avail-rw-6)
		lw := m.widthOf(fc, st.Size, left)
		base := sz.H - stampBaseline
		capH := st.Size * ptToMM * 0.75
		f.SetFont(fc.family(), "", st.Size)
		for _, part := range []struct {
			x, w float64
			text string
		}{{stampSide, lw, left}, {sz.W - stampSide - rw, rw, right}} {
			if part.text == "" {
				continue
			}
			f.SetAlpha(stampBacking, "Normal")
			f.SetFillColor(255, 255, 255)
			f.Rect(part.x-stampPad, base-capH-stampPad, part.w+2*stampPad, capH+2*stampPad+st.Size*ptToMM*0.25, "F")
			f.SetAlpha(1, "Normal")
			f.SetTextColor(int(Grey.R), int(Grey.G), int(Grey.B))
			f.Text(part.x, base, part.text)
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: stempels: %w", err)
	}
	return tagSubsets(buf.Bytes(), used), nil
}

// applyStamps lays the stamps over the pages of dest.
func applyStamps(dest *model.Context, sizes []PageSize, stamps []Stamp) error {
	first, last := 0, 0
	for i, s := range stamps {
		if i >= len(sizes) || s.IsZero() {
			continue
		}
		if first == 0 {
			first = i + 1
		}
		last = i + 1
	}
	if first == 0 {
		return nil
	}
	data, err := renderStamps(sizes, stamps, first, last)
	if err != nil {
		return err
	}
	wm := model.DefaultWatermarkConfig()
	wm.Mode = model.WMPDF
	wm.PDF = bytes.NewReader(data)
	wm.OnTop = true // a stamp, above the page's content
	wm.PdfPageNrSrc = 0
	wm.PdfMultiStartPageNrSrc = 1
	wm.PdfMultiStartPageNrDest = first
	wm.Pos = types.BottomLeft
	wm.Scale, wm.ScaleAbs = 1, true
	wm.Diagonal, wm.Rotation = model.NoDiagonal, 0
	wm.Opacity = 1
	wm.InpUnit = types.POINTS
	pages := types.IntSet{}
	for i := first; i <= last; i++ {
		if !stamps[i-1].IsZero() && sizes[i-1].W >= stampMinWidth {
			pages[i] = true
		}
	}
	if len(pages) == 0 {
		return nil // AddWatermarks would take an empty set as "every page"
	}
	if err := pdfcpu.AddWatermarks(dest, pages, wm); err != nil {
		return fmt.Errorf("pdf: stempels aanbrengen: %w", err)
	}
	return nil
}
