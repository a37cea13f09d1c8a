package delivery

import (
	"html"
	"net/url"
	"strconv"
	"strings"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// Batch is what Send delivers: a meeting's Plan or a DigestPlan. Messages
// renders the messages of everyone with an action.
type Batch interface {
	Messages() ([]*Message, error)
}

var (
	_ Batch = (*Plan)(nil)
	_ Batch = (*DigestPlan)(nil)
)

// Messages renders the plan's messages: one per pending recipient, or in
// Together mode one per group of recipients who get the same message
// (the same action, agenda variant and, for a withdrawal, reason). The
// agenda PDFs are rendered once per variant.
func (p *Plan) Messages() ([]*Message, error) {
	ix := p.in.Planner.Index()
	m := &p.in.Meeting
	inv := p.inviteInput()
	from, replyTo := sender(ix, p.in.Planner.Dataset().Settings, p.body)
	var groups [][]Recipient
	index := map[string]int{}
	for _, r := range p.Recipients {
		if !r.Pending() {
			continue
		}
		key := r.Email
		if p.Mode == Together {
			key = string(r.Action) + "/" + string(r.Variant) + "/" + r.Reason.In(p.lang)
		}
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], r)
	}
	var (
		request, cancel []byte
		pdfs            = map[Variant]documents.Rendered{}
		err             error
	)
	out := make([]*Message, 0, len(groups))
	for _, g := range groups {
		r0 := g[0]
		msg := &Message{From: from, ReplyTo: replyTo, Date: p.in.Now, Subject: p.subject(r0.Action)}
		for _, r := range g {
			msg.To = append(msg.To, Address{Name: r.Name, Email: r.Email})
		}
		switch r0.Action {
		case ActionInvite, ActionUpdate, ActionAgenda:
			if request == nil {
				if request, err = ical.Invite(inv); err != nil {
					return nil, err
				}
			}
			msg.Calendar, msg.Method = request, ical.MethodRequest
			pdf, ok := pdfs[r0.Variant]
			if !ok {
				if pdf, err = p.agendaPDF(r0.Variant); err != nil {
					return nil, err
				}
				pdfs[r0.Variant] = pdf
			}
			msg.Attachments = []Attachment{{Name: pdf.Name, ContentType: "application/pdf", Data: pdf.PDF}}
		case ActionCancel:
			if cancel == nil {
				if cancel, err = ical.Cancel(inv); err != nil {
					return nil, err
				}
			}
			msg.Calendar, msg.Method = cancel, ical.MethodCancel
		case ActionWithdraw:
			var who []ical.Attendee
			for _, r := range g {
				who = append(who, r.attendee)
			}
			note := i18n.In(p.lang, "delivery.mail.withdraw.note", r0.Reason.In(p.lang))
			if msg.Calendar, err = ical.Withdraw(inv, who, note); err != nil {
				return nil, err
			}
			msg.Method = ical.MethodCancel
		}
		msg.Text, msg.HTML = p.mailBody(r0, m)
		for _, r := range g {
			msg.Records = append(msg.Records, domain.SendRecord{UID: p.UID, MeetingID: p.MeetingID, Kind: r.Action.kind(),
				Email: r.Email, Name: r.Name, PersonID: r.PersonID, Sequence: p.sequenceOf(r.Action),
				ContentHash: p.hashOf(r)})
		}
		out = append(out, msg)
	}
	return out, nil
}

// sequenceOf is the SEQUENCE a message with action a carries, as
// documents/ical writes it.
func (p *Plan) sequenceOf(a Action) int {
	if a == ActionCancel && !p.Cancelled {
		return p.Sequence + 1
	}
	return p.Sequence
}

// hashOf is the agenda hash the log keeps for r's message.
func (p *Plan) hashOf(r Recipient) string {
	if r.Variant == VariantNone {
		return ""
	}
	return agendaHash(&p.in.Meeting, r.Variant, p.lang)
}

// agendaPDF renders the agenda of variant v, with the next meeting's
// deadlines at its end as the agenda command prints it.
func (p *Plan) agendaPDF(v Variant) (documents.Rendered, error) {
	ds := p.in.Planner.Dataset()
	in := documents.AgendaInput{Meeting: p.in.Meeting, Index: p.in.Planner.Index(), Public: v == VariantPublic,
		Organiser: ds.Settings.OrganiserName, Now: p.in.Now}
	var err error
	if in.NextMeeting, in.NextDeadlines, err = p.in.Planner.NextMeeting(&p.in.Meeting); err != nil {
		return documents.Rendered{}, err
	}
	return documents.Agenda(in)
}

// sender returns the From and Reply-To of a body's messages: the
// configured sender address (the server may only accept that one), named
// after the organiser, with replies to the organiser when that is someone
// else (the body's secretary, who must see the answers).
func sender(ix *domain.Index, s domain.Settings, body *domain.Body) (Address, []Address) {
	org := Address{Name: s.OrganiserName, Email: s.OrganiserEmail}
	if sec := ix.People[body.SecretaryID]; sec != nil && validAddress(sec.Email) {
		org = Address{Name: sec.Name, Email: sec.Email}
	}
	from := org
	if s.SMTP.From != "" {
		from = Address{Name: s.OrganiserName, Email: s.SMTP.From}
		if from.Name == "" {
			from.Name = org.Name
		}
	}
	if org.Email != "" && !strings.EqualFold(org.Email, from.Email) {
		return from, []Address{org}
	}
	return from, nil
}

// subject returns the subject of a message with action a.
func (p *Plan) subject(a Action) string {
	return i18n.In(p.lang, "delivery.subject."+string(a), p.Title)
}

// meetingTitle is "PHO Jeugd Zeeland, do 18-03-2027 14:00".
func meetingTitle(lang i18n.Lang, body *domain.Body, m *domain.Meeting) string {
	start := m.Start.In(domain.Amsterdam())
	return body.Name + ", " + shortDate(lang, domain.DateOf(start)) + " " + i18n.Clock(start)
}

// body2 writes the text and HTML of a meeting message for r: what it is
// about, when and where, and the public agenda. The agenda is always the
// public one, whatever the attachment: a mail is forwarded in one click.
func (p *Plan) mailBody(r Recipient, m *domain.Meeting) (string, string) {
	ix := p.in.Planner.Index()
	lang := p.lang
	var w bodyWriter
	name := p.body.Name
	switch r.Action {
	case ActionInvite:
		w.para(i18n.In(lang, "delivery.mail.invite", name))
	case ActionUpdate:
		w.para(i18n.In(lang, "delivery.mail.update", name, r.Sequence))
	case ActionAgenda:
		w.para(i18n.In(lang, "delivery.mail.agenda", name))
	case ActionCancel:
		w.para(i18n.In(lang, "delivery.mail.cancel", name))
	case ActionWithdraw:
		w.para(i18n.In(lang, "delivery.mail.withdraw", name, r.Reason.In(lang)))
	}
	start, end := m.Start.In(domain.Amsterdam()), m.End.In(domain.Amsterdam())
	w.field(i18n.In(lang, "delivery.mail.when"), i18n.In(lang, "delivery.mail.time", longDate(lang, domain.DateOf(start)), i18n.Clock(start), i18n.Clock(end)), "")
	if loc := strings.TrimSpace(m.Location); loc != "" {
		w.field(i18n.In(lang, "delivery.mail.where"), loc, "")
	} else if loc := strings.TrimSpace(p.body.Location); loc != "" {
		w.field(i18n.In(lang, "delivery.mail.where"), loc, "")
	}
	if u := strings.TrimSpace(m.OnlineURL); u != "" {
		w.field(i18n.In(lang, "delivery.mail.online"), u, safeLink(u))
	}
	if part := ix.Partnerships[p.body.PartnershipID]; part != nil {
		w.field(i18n.In(lang, "delivery.mail.partnership"), part.Name, "")
	}
	if r.Action != ActionCancel && r.Action != ActionWithdraw {
		pub := documents.PublicMeeting(*m, lang)
		w.heading(i18n.In(lang, "delivery.mail.agendaheading"))
		if len(pub.Items) == 0 {
			w.para(i18n.In(lang, "delivery.mail.noagenda"))
		}
		for i, it := range pub.Items {
			n := it.Position
			if n <= 0 {
				n = i + 1
			}
			var details [][2]string
			if !it.Confidential {
				if ph := personWithMunicipality(ix, it.PortefeuillehouderID); ph != "" {
					details = append(details, [2]string{i18n.In(lang, "delivery.mail.portefeuillehouder"), ph})
				}
				if prop := strings.TrimSpace(it.Proposal); prop != "" {
					details = append(details, [2]string{i18n.In(lang, "delivery.mail.proposal"), prop})
				}
				var docs []string
				for _, d := range it.Documents {
					t := strings.TrimSpace(d.Title)
					if t == "" {
						t = d.FileName
					}
					docs = append(docs, t)
				}
				if len(docs) > 0 {
					details = append(details, [2]string{i18n.In(lang, "delivery.mail.documents"), strings.Join(docs, "; ")})
				}
			}
			kind := ""
			if showsKind(it.Kind) {
				kind = i18n.In(lang, "domain.itemkind."+string(it.Kind))
			}
			w.item(n, it.Title, kind, details)
		}
		if r.Variant == VariantPublic {
			w.para(i18n.In(lang, "delivery.mail.attached.public"))
		} else {
			w.para(i18n.In(lang, "delivery.mail.attached.full"))
		}
	}
	ds := p.in.Planner.Dataset()
	org, _ := sender(ix, ds.Settings, p.body)
	w.footer(i18n.In(lang, "delivery.mail.footer", org.Name, org.Email))
	return w.text(), w.html(lang)
}

// showsKind reports whether an item's kind follows its title: for an
// opening or a rondvraag the title says it already.
func showsKind(k domain.ItemKind) bool {
	switch k {
	case domain.ItemBesluitvorming, domain.ItemBespreking, domain.ItemInformatie, domain.ItemHamerstuk:
		return true
	}
	return false
}

// personWithMunicipality is "Anna de Wit (Middelburg)", or "".
func personWithMunicipality(ix *domain.Index, id int64) string {
	per := ix.People[id]
	if per == nil {
		return ""
	}
	if g := ix.MunicipalityName(per.MunicipalityID); g != "" {
		return per.Name + " (" + g + ")"
	}
	return per.Name
}

// safeLink returns u when it is an http(s) URL that can be a link, else
// "" (the text is shown without a link).
func safeLink(u string) string {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" {
		return ""
	}
	return pu.String()
}

// longDate is "donderdag 18 maart 2027" in lang (i18n.LongDate renders in
// the active language only).
func longDate(lang i18n.Lang, d date.Date) string {
	y, m, dd := d.Civil()
	return i18n.In(lang, "weekday."+strconv.Itoa(int(d.Weekday()))) + " " + strconv.Itoa(dd) + " " +
		i18n.In(lang, "month."+strconv.Itoa(int(m))) + " " + strconv.Itoa(y)
}

// shortDate is "do 18-03-2027" in lang.
func shortDate(lang i18n.Lang, d date.Date) string {
	y, m, dd := d.Civil()
	return i18n.In(lang, "weekday.short."+strconv.Itoa(int(d.Weekday()))) + " " + pad2(dd) + "-" + pad2(int(m)) + "-" + strconv.Itoa(y)
}

// dayMonth is "di 9 maart" in lang, for lists within a few weeks.
func dayMonth(lang i18n.Lang, d date.Date) string {
	_, m, dd := d.Civil()
	return i18n.In(lang, "weekday.short."+strconv.Itoa(int(d.Weekday()))) + " " + strconv.Itoa(dd) + " " +
		i18n.In(lang, "month."+strconv.Itoa(int(m)))
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// bodyWriter writes a mail body twice, as plain text and as HTML, from
// the same calls, so that the two can never say different things.
type bodyWriter struct {
	t, h strings.Builder
}

// blank starts a new block in the text: one empty line after the last.
func (w *bodyWriter) blank() {
	t := w.t.String()
	if t != "" && !strings.HasSuffix(t, "\n\n") {
		w.t.WriteString("\n")
	}
}

// para writes a paragraph.
func (w *bodyWriter) para(s string) {
	w.blank()
	w.t.WriteString(s)
	w.t.WriteString("\n\n")
	w.h.WriteString("<p>")
	w.h.WriteString(htmlLines(s))
	w.h.WriteString("</p>\n")
}

// heading writes a heading.
func (w *bodyWriter) heading(s string) {
	w.blank()
	w.t.WriteString(s)
	w.t.WriteString("\n")
	w.h.WriteString("<h3 style=\"margin:1em 0 0.3em 0\">")
	w.h.WriteString(html.EscapeString(s))
	w.h.WriteString("</h3>\n")
}

// field writes "Label: value", the value linked to link when given.
func (w *bodyWriter) field(label, value, link string) {
	w.t.WriteString(label)
	w.t.WriteString(": ")
	w.t.WriteString(oneLineText(value))
	w.t.WriteString("\n")
	w.h.WriteString("<div><b>")
	w.h.WriteString(html.EscapeString(label))
	w.h.WriteString(":</b> ")
	if link != "" {
		w.h.WriteString(`<a href="`)
		w.h.WriteString(html.EscapeString(link))
		w.h.WriteString(`">`)
		w.h.WriteString(html.EscapeString(value))
		w.h.WriteString("</a>")
	} else {
		w.h.WriteString(htmlLines(oneLineText(value)))
	}
	w.h.WriteString("</div>\n")
}

// bullet writes a list entry with its details.
func (w *bodyWriter) bullet(title string, details [][2]string) {
	w.entry("• ", title, "", details)
}

// item writes one agenda item with its details.
func (w *bodyWriter) item(n int, title, kind string, details [][2]string) {
	w.entry(strconv.Itoa(n)+". ", title, kind, details)
}

// entry writes a numbered or bulleted entry with its details.
func (w *bodyWriter) entry(num, title, kind string, details [][2]string) {
	w.t.WriteString(num)
	w.t.WriteString(oneLineText(title))
	if kind != "" {
		w.t.WriteString(" (" + kind + ")")
	}
	w.t.WriteString("\n")
	w.h.WriteString("<div style=\"margin-top:0.4em\"><b>")
	w.h.WriteString(html.EscapeString(num + oneLineText(title)))
	w.h.WriteString("</b>")
	if kind != "" {
		w.h.WriteString(" <i>(" + html.EscapeString(kind) + ")</i>")
	}
	for _, d := range details {
		w.t.WriteString("   " + d[0] + ": ")
		w.t.WriteString(strings.ReplaceAll(cleanText(d[1]), "\n", "\n   "))
		w.t.WriteString("\n")
		w.h.WriteString("<div style=\"margin-left:1.5em\">")
		w.h.WriteString(html.EscapeString(d[0]))
		w.h.WriteString(": ")
		w.h.WriteString(htmlLines(cleanText(d[1])))
		w.h.WriteString("</div>")
	}
	w.h.WriteString("</div>\n")
}

// footer ends the message.
func (w *bodyWriter) footer(s string) {
	t := strings.TrimRight(w.t.String(), "\n")
	w.t.Reset()
	w.t.WriteString(t)
	w.t.WriteString("\n\n-- \n")
	w.t.WriteString(s)
	w.t.WriteString("\n")
	w.h.WriteString("<hr><p style=\"color:#666;font-size:small\">")
	w.h.WriteString(htmlLines(s))
	w.h.WriteString("</p>\n")
}

// text returns the plain-text body.
func (w *bodyWriter) text() string {
	if w.t.Len() == 0 {
		return "\n"
	}
	return strings.TrimRight(w.t.String(), "\n") + "\n"
}

// html returns the HTML body as a complete document.
func (w *bodyWriter) html(lang i18n.Lang) string {
	return "<!DOCTYPE html>\n<html lang=\"" + string(lang) + "\"><head><meta charset=\"utf-8\"></head>\n" +
		"<body style=\"font-family:sans-serif\">\n" + w.h.String() + "</body></html>\n"
}

// htmlLines escapes s and keeps its line breaks.
func htmlLines(s string) string {
	return strings.ReplaceAll(html.EscapeString(cleanText(s)), "\n", "<br>")
}

// cleanText removes control characters other than newline and tab, and
// carriage returns, from text typed by users.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, s)
}

// oneLineText makes s one line: a title or place with a line break.
func oneLineText(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}
