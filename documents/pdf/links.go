package pdf

import "strings"

// A document that becomes the first part of a bundle (the agenda in front
// of the stukken) points into pages it does not have itself: its table of
// contents jumps to stuk 3.1 on page 17 of the bundle, and the bundle's
// bookmark for agenda item 5 opens the agenda page that describes it. fpdf
// can only link to its own pages, so the layout records these places by
// name instead, and Merge turns them into link annotations and bookmarks
// once the page numbers of the whole bundle are known.

// Anchor is a named place in a rendered document: the page (1-based) and
// the distance of the top of the line from the top edge, in millimetres.
type Anchor struct {
	Page int
	Y    float64
}

// Link is a clickable area of a rendered document that jumps to the place
// named Target (see TargetLink). X, Y, W, H are in millimetres from the
// top-left corner of the page, as everywhere in this package.
type Link struct {
	Page       int
	X, Y, W, H float64
	Target     string
}

// targetScheme marks a link to a named place rather than a web address.
// A user-typed address never reaches the layout with this scheme: the
// callers link only http, https and mailto addresses they have checked.
const targetScheme = "target:"

// TargetLink returns the link text (for Field.Link, Cell.Link,
// ListItem.Link) that makes text jump to the place called name in the
// bundle the document ends up in, instead of opening a web address.
func TargetLink(name string) string { return targetScheme + name }

// Anchor names the place where the next line of text will be drawn, so
// that the name stays on the page that line lands on even when a page
// break comes first.
func (d *Doc) Anchor(name string) {
	if name != "" {
		d.pending = append(d.pending, name)
	}
}

// placeAnchors gives the pending anchors the current page and cursor; it
// runs when the next line is drawn.
func (d *Doc) placeAnchors() {
	if len(d.pending) == 0 {
		return
	}
	if d.anchors == nil {
		d.anchors = map[string]Anchor{}
	}
	for _, name := range d.pending {
		if _, dup := d.anchors[name]; !dup {
			d.anchors[name] = Anchor{Page: d.page, Y: d.y}
		}
	}
	d.pending = d.pending[:0]
}

// internalLink records a link to a named place and reports whether url was
// one; web addresses are left to fpdf.
func (d *Doc) internalLink(x, y, w, h float64, url string) bool {
	name, ok := strings.CutPrefix(url, targetScheme)
	if !ok {
		return false
	}
	if name != "" && w > 0 && h > 0 {
		d.links = append(d.links, Link{Page: d.page, X: x, Y: y, W: w, H: h, Target: name})
	}
	return true
}
