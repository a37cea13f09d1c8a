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
type describer struct {
	ix   *domain.Index
	lang i18n.Lang
}

// header writes who meets, when and where: what a reader needs first,
// also in a cancellation.
func (d describer) header(b *strings.Builder, m *domain.Meeting, body *domain.Body) {
	b.WriteString(body.Name)
	if p := d.ix.Partnerships[body.PartnershipID]; p != nil && p.Name != "" {
		b.WriteString(" · ")
		b.WriteString(p.Name)
	}
	b.WriteByte('\n')
	b.WriteString(i18n.In(d.lang, "ical.desc.when", longDate(d.lang, m.Date()), clock(m.Start), clock(m.End)))
	b.WriteByte('\n')
	if loc := location(m, body); loc != "" && loc != m.OnlineURL {
		b.WriteString(i18n.In(d.lang, "ical.desc.location", loc))
		b.WriteByte('\n')
	}
	if m.OnlineURL != "" {
		b.WriteString(i18n.In(d.lang, "ical.desc.online", m.OnlineURL))
		b.WriteByte('\n')
	}
}

// meeting returns the description of an invite or feed event: the header
// and the public agenda. pub must already be filtered by publicMeeting.
func (d describer) meeting(pub *domain.Meeting, body *domain.Body) string {
	var b strings.Builder
	d.header(&b, pub, body)
	b.WriteByte('\n')
	b.WriteString(i18n.In(d.lang, "ical.desc.agenda"))
	b.WriteByte('\n')
	if len(pub.Items) == 0 {
		b.WriteString(i18n.In(d.lang, "ical.desc.noagenda"))
		return b.String()
	}
	for i, it := range pub.Items {
		n := it.Position
		if n <= 0 {
			n = i + 1
		}
		b.WriteString(strconv.Itoa(n))
		b.WriteString(". ")
		b.WriteString(summaryText(it.Title))
		if showsKind(it.Kind) {
			b.WriteString(" (")
			b.WriteString(i18n.In(d.lang, "domain.itemkind."+string(it.Kind)))
			b.WriteByte(')')
		}
		b.WriteByte('\n')
		if it.Confidential {
			continue
		}
		if who := d.portefeuillehouder(it.PortefeuillehouderID); who != "" {
			indentLine(&b, i18n.In(d.lang, "ical.desc.portefeuillehouder", who))
		}
		if p := strings.TrimSpace(it.Proposal); p != "" {
			indentLine(&b, i18n.In(d.lang, "ical.desc.proposal", p))
		}
		if len(it.Documents) > 0 {
			titles := make([]string, 0, len(it.Documents))
			for _, doc := range it.Documents {
				t := doc.Title
				if strings.TrimSpace(t) == "" {
					t = doc.FileName
				}
				titles = append(titles, summaryText(t))
			}
			indentLine(&b, i18n.In(d.lang, "ical.desc.documents", strings.Join(titles, "; ")))
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// cancelled returns the description of a cancellation.
func (d describer) cancelled(m *domain.Meeting, body *domain.Body) string {
	var b strings.Builder
	b.WriteString(i18n.In(d.lang, "ical.desc.cancelled"))
	b.WriteString("\n\n")
	d.header(&b, m, body)
	return strings.TrimSuffix(b.String(), "\n")
}

// portefeuillehouder returns "Naam (Gemeente)" for person id, or "".
func (d describer) portefeuillehouder(id int64) string {
	p := d.ix.People[id]
	if p == nil {
		return ""
	}
	if g := d.ix.MunicipalityName(p.MunicipalityID); g != "" {
		return p.Name + " (" + g + ")"
	}
	return p.Name
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

// indentLine writes s indented under an agenda item; a multi-line proposal
// keeps its line breaks, each indented.
func indentLine(b *strings.Builder, s string) {
	for _, l := range strings.Split(cleanText(s), "\n") {
		b.WriteString("   ")
		b.WriteString(strings.TrimRight(l, " \t"))
		b.WriteByte('\n')
	}
}
