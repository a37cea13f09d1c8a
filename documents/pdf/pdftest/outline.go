package pdftest

import (
	"encoding/json"
	"testing"
)

// Outline is a bookmark as qpdf reads it back from a file: its title, the
// page it opens (1-based; 0 when qpdf cannot tell) and the bookmarks below
// it.
type Outline struct {
	Title string    `json:"title"`
	Page  int       `json:"destpageposfrom1"`
	Kids  []Outline `json:"kids"`
}

// Outlines returns the bookmark tree of pdf as `qpdf --json` reports it:
// an independent reading of what a reader's bookmarks panel shows.
func Outlines(t testing.TB, pdf []byte) []Outline {
	t.Helper()
	out := run(t, "qpdf", "--json", "--json-key=outlines", write(t, pdf))
	var doc struct {
		Outlines []Outline `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	return doc.Outlines
}

// Link is a link annotation as qpdf reads it: the page it is on and the
// page it opens (both 1-based).
type Link struct {
	Page   int
	Target int
}

// Links returns the internal links of pdf (link annotations with a
// destination page), in page order, read with `qpdf --json`.
func Links(t testing.TB, pdf []byte) []Link {
	t.Helper()
	out := run(t, "qpdf", "--json", "--json-key=pages", "--json-key=qpdf", write(t, pdf))
	var doc struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	if len(doc.QPDF) < 2 {
		t.Fatalf("qpdf --json: no objects")
	}
	var raw map[string]struct {
		Value  any `json:"value"`
		Stream *struct {
			Dict map[string]any `json:"dict"`
		} `json:"stream"`
	}
	if err := json.Unmarshal(doc.QPDF[1], &raw); err != nil {
		t.Fatalf("qpdf --json objects: %v", err)
	}
	objects := map[string]map[string]any{}
	for k, o := range raw {
		if d, ok := o.Value.(map[string]any); ok {
			objects[k] = d
		} else if o.Stream != nil {
			objects[k] = o.Stream.Dict
		}
	}
	arrays := map[string][]any{}
	for k, o := range raw {
		if a, ok := o.Value.([]any); ok {
			arrays[k] = a
		}
	}
	pageOf := map[string]int{}
	for i, p := range doc.Pages {
		pageOf[p.Object] = i + 1
	}
	var links []Link
	for i, p := range doc.Pages {
		page := objects["obj:"+p.Object]
		annots, _ := page["/Annots"].([]any)
		if ref, ok := page["/Annots"].(string); ok {
			annots = arrays["obj:"+ref]
		}
		for _, a := range annots {
			ref, _ := a.(string)
			ann := objects["obj:"+ref]
			if ann["/Subtype"] != "/Link" {
				continue
			}
			dest, _ := ann["/Dest"].([]any)
			if ref, ok := ann["/Dest"].(string); ok {
				dest = arrays["obj:"+ref]
			}
			if len(dest) == 0 {
				if action, ok := ann["/A"].(map[string]any); ok {
					dest, _ = action["/D"].([]any)
				}
			}
			if len(dest) == 0 {
				continue
			}
			target, _ := dest[0].(string)
			links = append(links, Link{Page: i + 1, Target: pageOf[target]})
		}
	}
	return links
}
