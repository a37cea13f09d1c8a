package ical

import (
	"strconv"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// resolveLang returns l, or the active language when l is empty.
func resolveLang(l i18n.Lang) i18n.Lang {
	if l == "" {
		return i18n.Current()
	}
	return l
}

// longDate formats d as "maandag 23 november 2026" in lang. i18n.LongDate
// renders in the active language only; an invite is rendered in the
// language its caller asks for.
func longDate(lang i18n.Lang, d date.Date) string {
	y, m, dd := d.Civil()
	return i18n.In(lang, "weekday."+strconv.Itoa(int(d.Weekday()))) + " " + strconv.Itoa(dd) + " " +
		i18n.In(lang, "month."+strconv.Itoa(int(m))) + " " + strconv.Itoa(y)
}

// clock formats the Amsterdam wall-clock time of t as "14:00".
func clock(t time.Time) string { return i18n.Clock(t.In(domain.Amsterdam())) }

// location returns where m takes place: its own location, else the body's
// default, else its online link (so that a video meeting still shows
// something clickable in the LOCATION field, as Teams and Meet invites do).
func location(m *domain.Meeting, b *domain.Body) string {
	switch {
	case strings.TrimSpace(m.Location) != "":
		return m.Location
	case strings.TrimSpace(b.Location) != "":
		return b.Location
	}
	return m.OnlineURL
}

// describer writes the plain-text DESCRIPTION of a meeting. It is plain
// text on purpose: Google and Apple show DESCRIPTION as text, and Outlook
// shows it as the body when no X-ALT-DESC is given.
//
// The labels are looked up once per output rather than per meeting, and
// the text is escaped as it is written (textWriter): a feed describes
// thousands of meetings.
type describer struct {
	ix     *domain.Index
	lang   i18n.Lang
	labels map[string]string          // catalogue key → text
	people map[int64]string           // portefeuillehouder → "Naam (Gemeente)"
	kinds  map[domain.ItemKind]string // item kind → "ter besluitvorming"
}

func newDescriber(ix *domain.Index, lang i18n.Lang) *describer {
	d := &describer{ix: ix, lang: lang, labels: map[string]string{}, people: map[int64]string{}, kinds: map[domain.ItemKind]string{}}
	for _, key := range []string{"location", "online", "agenda", "noagenda", "portefeuillehouder", "proposal", "documents", "cancelled"} {
		d.labels[key] = i18n.In(lang, "ical.desc."+key)
	}
	for _, k := range domain.ItemKinds() {
		d.kinds[k] = i18n.In(lang, "domain.itemkind."+string(k))
	}
	return d
}

// header writes who meets, when and where: what a reader needs first,
// also in a cancellation.
func (d *describer) header(w *textWriter, m *domain.Meeting, body *domain.Body) {
	w.text(body.Name)
	if p := d.ix.Partnerships[body.PartnershipID]; p != nil && p.Name != "" {
		w.text(" · ")
		w.text(p.Name)
	}
	w.newline()
	w.text(i18n.In(d.lang, "ical.desc.when", longDate(d.lang, m.Date()), clock(m.Start), clock(m.End)))
	w.newline()
	if loc := location(m, body); loc != "" && loc != m.OnlineURL {
		d.labelLine(w, "", "location", summaryText(loc))
	}
	if m.OnlineURL != "" {
		d.labelLine(w, "", "online", summaryText(m.OnlineURL))
	}
}

// labelLine writes "indent<label>: <value>" and a line break; a value of
// several lines has its further lines indented too.
func (d *describer) labelLine(w *textWriter, indent, label, value string) {
	w.text(indent)
	w.text(d.labels[label])
	w.text(": ")
	for i := 0; ; i++ {
		l, rest, more := strings.Cut(value, "\n")
		if i > 0 {
			w.text(indent)
		}
		w.text(strings.TrimRight(l, " \t"))
		w.newline()
		if !more {
			return
		}
		value = rest
	}
}

// meeting returns the description of an invite or feed event, escaped as
// a TEXT value: the header and the public agenda. pub must already be
// filtered by documents.PublicMeeting.
func (d *describer) meeting(pub *domain.Meeting, body *domain.Body) string {
	var w textWriter
	w.grow(256 + 160*len(pub.Items))
	d.header(&w, pub, body)
	w.newline()
	w.text(d.labels["agenda"])
	w.newline()
	if len(pub.Items) == 0 {
		w.text(d.labels["noagenda"])
		return w.String()
	}
	const indent = "   "
	for i := range pub.Items {
		it := &pub.Items[i]
		n := it.Position
		if n <= 0 {
			n = i + 1
		}
		w.text(strconv.Itoa(n))
		w.text(". ")
		w.text(summaryText(it.Title))
		if showsKind(it.Kind) {
			w.text(" (")
			w.text(d.kinds[it.Kind])
			w.text(")")
		}
		w.newline()
		if it.Confidential {
			continue
		}
		if who := d.portefeuillehouder(it.PortefeuillehouderID); who != "" {
			d.labelLine(&w, indent, "portefeuillehouder", who)
		}
		if p := strings.TrimSpace(cleanText(it.Proposal)); p != "" {
			d.labelLine(&w, indent, "proposal", p)
		}
		if len(it.Documents) > 0 {
			w.text(indent)
			w.text(d.labels["documents"])
			w.text(": ")
			for j, doc := range it.Documents {
				if j > 0 {
					w.text("; ")
				}
				t := doc.Title
				if strings.TrimSpace(t) == "" {
					t = doc.FileName
				}
				w.text(summaryText(t))
			}
			w.newline()
		}
	}
	return w.String()
}

// cancelled returns the description of a cancellation, escaped as a TEXT
// value.
func (d *describer) cancelled(m *domain.Meeting, body *domain.Body) string {
	var w textWriter
	w.text(d.labels["cancelled"])
	w.newline()
	w.newline()
	d.header(&w, m, body)
	return w.String()
}

// portefeuillehouder returns "Naam (Gemeente)" for person id, or "".
func (d *describer) portefeuillehouder(id int64) string {
	if s, ok := d.people[id]; ok {
		return s
	}
	var s string
	if p := d.ix.People[id]; p != nil {
		s = summaryText(p.Name)
		if g := d.ix.MunicipalityName(p.MunicipalityID); g != "" {
			s += " (" + summaryText(g) + ")"
		}
	}
	d.people[id] = s
	return s
}

// showsKind reports whether the agenda shows an item's kind after its
// title: for opening, rondvraag and the like the title says it already.
func showsKind(k domain.ItemKind) bool {
	switch k {
	case domain.ItemBesluitvorming, domain.ItemBespreking, domain.ItemInformatie, domain.ItemHamerstuk:
		return true
	}
	return false
}
