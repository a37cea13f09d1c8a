package documents

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"sync"
	"testing"
)

// scanFile returns a stuk as a scanner writes it: every page one
// greyscale JPEG of an A4 sheet at 150 dpi (about 120 KB, as municipal
// scanners deliver signed letters and annexes), in a PDF written by hand
// so that nothing of ours — fonts, fpdf's structure — is in it. Such
// stukken are what makes real bundles heavy: their pages are image data
// that pdfcpu holds in memory, not a few KB of text.
func scanFile(t testing.TB, pages int) []byte {
	t.Helper()
	scanOnce.Do(func() { scanJPEGs = scanImages(t) })
	jpegs := scanJPEGs
	var b bytes.Buffer
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offsets), body)
		if stream != nil {
			b.WriteString("\nstream\n")
			b.Write(stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	kids := ""
	for p := range pages {
		kids += fmt.Sprintf("%d 0 R ", 3+3*p)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", pages, kids), nil)
	for p := range pages {
		n := 3 + 3*p
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", n+2, n+1), nil)
		content := []byte("q 595.28 0 0 841.89 0 0 cm /Im0 Do Q")
		obj(fmt.Sprintf("<< /Length %d >>", len(content)), content)
		img := jpegs[p%len(jpegs)]
		obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width 1240 /Height 1754 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", len(img)), img)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// The sheets are encoded once per test binary: JPEG encoding is slow, and
// each page still gets its own copy of the data in the PDF, as scanned
// pages have.
var (
	scanOnce  sync.Once
	scanJPEGs [][]byte
)

// scanImages encodes four different scanned sheets: lines of "text" as
// dark dashes on paper-grey with sensor noise, which JPEG cannot squeeze
// to nothing.
func scanImages(t testing.TB) [][]byte {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 8))
	var out [][]byte
	for range 4 {
		img := image.NewGray(image.Rect(0, 0, 1240, 1754))
		for y := range 1754 {
			line := y > 150 && y < 1600 && y%28 < 14
			for x := range 1240 {
				v := 238 + r.IntN(6)
				if line && x > 120 && x < 1120 && (x/37+y/28)%5 != 0 {
					v = 50 + r.IntN(30)
				}
				img.Pix[y*img.Stride+x] = uint8(v)
			}
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 60}); err != nil {
			t.Fatal(err)
		}
		out = append(out, buf.Bytes())
	}
	return out
}
