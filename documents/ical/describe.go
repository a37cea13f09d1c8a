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
// The labels are looked up once per output rather than per meeting: a
// feed describes thousands of meetings.
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
func (d *describer) header(b *strings.Builder, m *domain.Meeting, body *domain.Body) {
	b.WriteString(body.Name)
	if p := d.ix.Partnerships[body.PartnershipID]; p != nil && p.Name != "" {
		b.WriteString(" · ")
		b.WriteString(p.Name)
	}
	b.WriteByte('\n')
	b.WriteString(i18n.In(d.lang, "ical.desc.when", longDate(d.lang, m.Date()), clock(m.Start), clock(m.End)))
	b.WriteByte('\n')
	if loc := location(m, body); loc != "" && loc != m.OnlineURL {
		d.labelLine(b, "", "location", summaryText(loc))
	}
	if m.OnlineURL != "" {
		d.labelLine(b, "", "online", summaryText(m.OnlineURL))
	}
}

// labelLine writes "indent<label>: <value>" and a line break; a value of
// several lines has its further lines indented too.
func (d *describer) labelLine(b *strings.Builder, indent, label, value string) {
	b.WriteString(indent)
	b.WriteString(d.labels[label])
	b.WriteString(": ")
	if !strings.Contains(value, "\n") {
		b.WriteString(strings.TrimRight(value, " \t"))
		b.WriteByte('\n')
		return
	}
	for i, l := range strings.Split(value, "\n") {
		if i > 0 {
			b.WriteString(indent)
		}
		b.WriteString(strings.TrimRight(l, " \t"))
		b.WriteByte('\n')
	}
}

// meeting returns the description of an invite or feed event: the header
// and the public agenda. pub must already be filtered by documents.PublicMeeting.
func (d *describer) meeting(pub *domain.Meeting, body *domain.Body) string {
	var b strings.Builder
	b.Grow(256 + 160*len(pub.Items))
	d.header(&b, pub, body)
	b.WriteByte('\n')
	b.WriteString(d.labels["agenda"])
	b.WriteByte('\n')
	if len(pub.Items) == 0 {
		b.WriteString(d.labels["noagenda"])
		return b.String()
	}
	const indent = "   "
	for i := range pub.Items {
		it := &pub.Items[i]
		n := it.Position
		if n <= 0 {
			n = i + 1
		}
		b.WriteString(strconv.Itoa(n))
		b.WriteString(". ")
		b.WriteString(summaryText(it.Title))
		if showsKind(it.Kind) {
			b.WriteString(" (")
			b.WriteString(d.kinds[it.Kind])
			b.WriteByte(')')
		}
		b.WriteByte('\n')
		if it.Confidential {
			continue
		}
		if who := d.portefeuillehouder(it.PortefeuillehouderID); who != "" {
			d.labelLine(&b, indent, "portefeuillehouder", who)
		}
		if p := strings.TrimSpace(cleanText(it.Proposal)); p != "" {
			d.labelLine(&b, indent, "proposal", p)
		}
		if len(it.Documents) > 0 {
			b.WriteString(indent)
			b.WriteString(d.labels["documents"])
			b.WriteString(": ")
			for j, doc := range it.Documents {
				if j > 0 {
					b.WriteString("; ")
				}
				t := doc.Title
				if strings.TrimSpace(t) == "" {
					t = doc.FileName
				}
				b.WriteString(summaryText(t))
			}
			b.WriteByte('\n')
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// cancelled returns the description of a cancellation.
func (d *describer) cancelled(m *domain.Meeting, body *domain.Body) string {
	var b strings.Builder
	b.WriteString(d.labels["cancelled"])
	b.WriteString("\n\n")
	d.header(&b, m, body)
	return strings.TrimSuffix(b.String(), "\n")
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
