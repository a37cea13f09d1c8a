package icsimport

import (
	"bytes"
	"errors"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	rrule "github.com/teambition/rrule-go"
)

// Limits that keep a wrong file (a whole mailbox, a binary, a daily rule
// from the year 1900) from taking memory or giving a list nobody can check.
const (
	MaxBytes    = 8 << 20 // 8 MB: a year of a busy calendar is well under 1 MB
	MaxMeetings = 2000    // meetings in one import
	maxPerRule  = 160     // occurrences of one series within its year: three a week
	maxText     = 1000    // characters kept of a SUMMARY or LOCATION
	maxUID      = 500     // characters of a UID
)

// Options say what the file is imported into.
type Options struct {
	// BodyID is the body (gremium) every meeting is given.
	BodyID int64
	// From is the first day of the year within which series (RRULE) are
	// expanded: occurrences in [From, From + 1 year) are imported. The
	// zero date means each series' own first day. Single events are
	// imported whatever their date.
	From date.Date
	// DefaultDuration is the length of an event that has neither DTEND
	// nor DURATION (the body's usual duration); zero refuses such events.
	DefaultDuration time.Duration
}

// Event is one meeting found in the file.
type Event struct {
	// Meeting has BodyID, Start and End (in Amsterdam), Location,
	// OnlineURL, Status, UID, Sequence and Note (the SUMMARY) set; ID is
	// zero.
	Meeting domain.Meeting
	// Line is the line of the event's BEGIN:VEVENT (for an occurrence of
	// a series: of the series).
	Line int
	// Summary is the event's SUMMARY as written.
	Summary string
	// Series is the UID of the series an occurrence belongs to; "" for a
	// single event.
	Series string

	endLine int    // the line of DTEND or DURATION, where a wrong length is reported
	endProp string // its property
}

// Result is what a file gives.
type Result struct {
	// Events are the meetings, by start time.
	Events []Event
	// Notices are things that did not stop the import but that the user
	// should know (a series without occurrences in its year).
	Notices []Problem
}

// vevent is a VEVENT after its properties have been read.
type vevent struct {
	line        int
	uid         string
	uidLine     int
	start, end  time.Time
	summary     string
	location    string
	online      string
	status      domain.MeetingStatus
	sequence    int
	rule        *rrule.RRule
	rdates      []time.Time
	exdates     []stamp
	recurrence  *time.Time // RECURRENCE-ID: the original start this event replaces
	recurLine   int
	durationSrc int    // the line of DTEND or DURATION, for a too-long meeting
	durationPrp string // which of the two (or DTSTART, with the default duration)
}

func (e *vevent) recurring() bool { return e.rule != nil || len(e.rdates) > 0 }

// Parse reads an iCalendar file into meetings of opt.BodyID. When anything
// is wrong the error is an *i18n.Error (its cause an *Error) that lists
// every problem by line and property, and no event is returned.
func Parse(r io.Reader, opt Options) (*Result, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, i18n.Errorf(err, "icsimport.read")
	}
	c := &collector{}
	if len(data) > MaxBytes {
		c.add(0, "", "icsimport.toolarge", MaxBytes>>20)
		return nil, c.err()
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		c.add(0, "", "icsimport.empty")
		return nil, c.err()
	}
	raw := unfold(data, c)
	// A file that does not start as a calendar is something else (a CSV,
	// a PDF, a vCard): one clear problem rather than one a line.
	if len(raw) == 0 || !bytes.EqualFold(bytes.TrimSpace(raw[0].text), []byte("BEGIN:VCALENDAR")) {
		first := 1
		if len(raw) > 0 {
			first = raw[0].line
		}
		c.problems, c.more = nil, 0
		c.add(first, "", "icsimport.notcalendar")
		return nil, c.err()
	}
	lines := make([]*contentLine, 0, len(raw))
	for _, n := range raw {
		if l := parseLine(n, c); l != nil {
			lines = append(lines, l)
		}
	}
	top := buildTree(lines, c)
	if c.failed() {
		// A line that cannot be read, or a block that is not closed,
		// makes whatever follows from it (a missing start, an event cut
		// in two) a consequence, not a problem of its own.
		return nil, c.err()
	}
	p := &parser{opt: opt, c: c, zones: newZoneTable()}
	for _, comp := range top {
		if comp.name != "VCALENDAR" {
			c.add(comp.line, "BEGIN:"+comp.name, "icsimport.tree.toplevel", comp.name)
			continue
		}
		p.calendar(comp)
	}
	if c.failed() {
		return nil, c.err()
	}
	res := p.expand()
	if c.failed() {
		return nil, c.err()
	}
	if len(res.Events) == 0 {
		c.add(0, "", "icsimport.none")
		c.problems = append(c.problems, res.Notices...)
		return nil, c.err()
	}
	return res, nil
}

// parser interprets the components of one file.
type parser struct {
	opt    Options
	c      *collector
	zones  *zoneTable
	events []*vevent
}

// calendar reads one VCALENDAR.
func (p *parser) calendar(cal *component) {
	if v := cal.get("VERSION"); v != nil && strings.TrimSpace(v.value) != "2.0" {
		p.c.add(v.line, "VERSION", "icsimport.version", shown(v.value))
		return
	}
	cancel := false
	if m := cal.get("METHOD"); m != nil {
		cancel = strings.EqualFold(strings.TrimSpace(m.value), "CANCEL")
	}
	for _, child := range cal.children {
		if child.name == "VEVENT" {
			if e := p.event(child, cancel); e != nil {
				p.events = append(p.events, e)
			}
		}
	}
}

// once are the properties a VEVENT may have at most once (RFC 5545
// §3.6.1, and RRULE, which SHOULD NOT occur twice and which we read once).
var once = []string{"UID", "DTSTART", "DTEND", "DURATION", "SUMMARY", "LOCATION", "STATUS", "SEQUENCE", "RECURRENCE-ID", "RRULE"}

// event reads one VEVENT, reporting every problem; nil when it has any.
func (p *parser) event(comp *component, cancel bool) *vevent {
	before := len(p.c.problems) + p.c.more
	e := &vevent{line: comp.line, status: domain.StatusGepland}
	for _, name := range once {
		if all := comp.all(name); len(all) > 1 {
			p.c.add(all[1].line, name, "icsimport.event.twice", all[0].line)
		}
	}
	if u := comp.get("UID"); u == nil || strings.TrimSpace(u.value) == "" {
		p.c.add(comp.line, "UID", "icsimport.event.nouid")
	} else {
		e.uid, e.uidLine = strings.TrimSpace(u.value), u.line
		if utf8.RuneCountInString(e.uid) > maxUID {
			p.c.add(u.line, "UID", "icsimport.event.longuid", maxUID)
		}
	}
	ds := comp.get("DTSTART")
	if ds == nil {
		p.c.add(comp.line, "DTSTART", "icsimport.event.nostart")
		return nil
	}
	start, err := parseStamp(ds, p.zones)
	if err != nil {
		p.c.addMsg(ds.line, "DTSTART", err.msg)
		return nil
	}
	if start.allDay {
		p.c.add(ds.line, "DTSTART", "icsimport.event.allday")
		return nil
	}
	e.start = start.t
	de, du := comp.get("DTEND"), comp.get("DURATION")
	switch {
	case de != nil && du != nil:
		p.c.add(du.line, "DURATION", "icsimport.event.endandduration", de.line)
	case de != nil:
		end, err := parseStamp(de, p.zones)
		switch {
		case err != nil:
			p.c.addMsg(de.line, "DTEND", err.msg)
		case end.allDay:
			p.c.add(de.line, "DTEND", "icsimport.event.allday")
		case !end.t.After(start.t):
			p.c.add(de.line, "DTEND", "icsimport.event.endbeforestart", clockText(end.t), clockText(start.t))
		default:
			e.end, e.durationSrc, e.durationPrp = end.t, de.line, "DTEND"
		}
	case du != nil:
		d, err := parseDuration(du.value)
		switch {
		case err != nil:
			p.c.addMsg(du.line, "DURATION", err.msg)
		case d <= 0:
			p.c.add(du.line, "DURATION", "icsimport.event.notpositive", shown(du.value))
		default:
			e.end, e.durationSrc, e.durationPrp = start.t.Add(d), du.line, "DURATION"
		}
	case p.opt.DefaultDuration > 0:
		e.end, e.durationSrc, e.durationPrp = start.t.Add(p.opt.DefaultDuration), ds.line, "DTSTART"
	default:
		p.c.add(comp.line, "DTEND", "icsimport.event.noend")
	}
	if s := comp.get("SUMMARY"); s != nil {
		e.summary = clip(strings.TrimSpace(unescapeText(s.value)))
	}
	if l := comp.get("LOCATION"); l != nil {
		e.location = clip(strings.TrimSpace(unescapeText(l.value)))
		if isWebLink(e.location) {
			e.online, e.location = e.location, ""
		}
	}
	if e.online == "" {
		for _, name := range []string{"X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-GOOGLE-CONFERENCE"} {
			if x := comp.get(name); x != nil && isWebLink(strings.TrimSpace(x.value)) {
				e.online = strings.TrimSpace(x.value)
				break
			}
		}
	}
	if st := comp.get("STATUS"); st != nil {
		switch strings.ToUpper(strings.TrimSpace(st.value)) {
		case "CANCELLED":
			e.status = domain.StatusGeannuleerd
		case "TENTATIVE", "CONFIRMED":
		default:
			p.c.add(st.line, "STATUS", "icsimport.event.status", shown(st.value))
		}
	}
	if cancel {
		e.status = domain.StatusGeannuleerd
	}
	if sq := comp.get("SEQUENCE"); sq != nil {
		n, ok := digits(strings.TrimSpace(sq.value))
		if !ok || len(strings.TrimSpace(sq.value)) > 6 {
			p.c.add(sq.line, "SEQUENCE", "icsimport.event.sequence", shown(sq.value))
		}
		e.sequence = n
	}
	if rid := comp.get("RECURRENCE-ID"); rid != nil {
		if strings.EqualFold(rid.param("RANGE"), "THISANDFUTURE") {
			p.c.add(rid.line, "RECURRENCE-ID", "icsimport.event.range")
		} else if s, err := parseStamp(rid, p.zones); err != nil {
			p.c.addMsg(rid.line, "RECURRENCE-ID", err.msg)
		} else {
			t := s.t
			e.recurrence, e.recurLine = &t, rid.line
		}
	}
	if rr := comp.get("RRULE"); rr != nil {
		if e.recurrence != nil {
			p.c.add(rr.line, "RRULE", "icsimport.event.ruleoverride")
		} else if r, err := parseRule(rr.value, e.start); err != nil {
			p.c.addMsg(rr.line, "RRULE", err.msg)
		} else {
			e.rule = r
		}
	}
	for _, rd := range comp.all("RDATE") {
		if strings.EqualFold(rd.param("VALUE"), "PERIOD") {
			p.c.add(rd.line, "RDATE", "icsimport.event.period")
			continue
		}
		for _, v := range strings.Split(rd.value, ",") {
			s, err := parseStampValue(strings.TrimSpace(v), rd.param("VALUE"), rd.param("TZID"), p.zones)
			switch {
			case err != nil:
				p.c.addMsg(rd.line, "RDATE", err.msg)
			case s.allDay:
				p.c.add(rd.line, "RDATE", "icsimport.event.allday")
			default:
				e.rdates = append(e.rdates, s.t)
			}
		}
	}
	for _, ex := range comp.all("EXDATE") {
		for _, v := range strings.Split(ex.value, ",") {
			s, err := parseStampValue(strings.TrimSpace(v), ex.param("VALUE"), ex.param("TZID"), p.zones)
			if err != nil {
				p.c.addMsg(ex.line, "EXDATE", err.msg)
				continue
			}
			e.exdates = append(e.exdates, s)
		}
	}
	if len(p.c.problems)+p.c.more > before {
		return nil
	}
	return e
}

// expand turns the events into meetings: series are expanded within
// their year, overrides replace the occurrences they name, and every UID
// must be unique.
func (p *parser) expand() *Result {
	res := &Result{}
	masters := map[string]*vevent{}
	type key struct {
		uid string
		at  int64
	}
	overrides := map[key]*vevent{}
	var order []*vevent
	for _, e := range p.events {
		if e.recurrence != nil {
			k := key{e.uid, e.recurrence.Unix()}
			if o := overrides[k]; o != nil {
				p.c.add(e.recurLine, "RECURRENCE-ID", "icsimport.event.duplicateoverride", shown(e.uid), o.line)
				continue
			}
			overrides[k] = e
			continue
		}
		if m := masters[e.uid]; m != nil {
			p.c.add(e.uidLine, "UID", "icsimport.event.duplicateuid", shown(e.uid), m.uidLine)
			continue
		}
		masters[e.uid] = e
		order = append(order, e)
	}
	used := map[key]bool{}
	add := func(e *vevent, start, end time.Time, uid, series string) {
		ams := domain.Amsterdam()
		m := domain.Meeting{
			BodyID: p.opt.BodyID, Start: start.In(ams), End: end.In(ams), Location: e.location, OnlineURL: e.online,
			Status: e.status, UID: uid, Sequence: e.sequence, Note: e.summary,
		}
		res.Events = append(res.Events, Event{Meeting: m, Line: e.line, Summary: e.summary, Series: series, endLine: e.durationSrc, endProp: e.durationPrp})
	}
	for _, e := range order {
		if !e.recurring() {
			k := key{e.uid, e.start.Unix()}
			if o := overrides[k]; o != nil {
				used[k] = true
				add(o, o.start, o.end, e.uid, "")
				continue
			}
			add(e, e.start, e.end, e.uid, "")
			continue
		}
		from, to := p.window(e.start)
		starts := p.occurrences(e, from, to)
		if len(starts) > maxPerRule {
			p.c.add(e.line, "RRULE", "icsimport.event.toomany", len(starts), maxPerRule)
			continue
		}
		if len(starts) == 0 {
			res.Notices = append(res.Notices, Problem{Line: e.line, Property: "RRULE",
				Msg: i18n.M("icsimport.notice.nooccurrence", e.summary, date.Of(from.In(domain.Amsterdam())).String(),
					date.Of(to.In(domain.Amsterdam())).AddDays(-1).String())})
		}
		dur := e.end.Sub(e.start)
		for _, s := range starts {
			k := key{e.uid, s.Unix()}
			uid := occurrenceUID(e.uid, s)
			if o := overrides[k]; o != nil {
				used[k] = true
				add(o, o.start, o.end, uid, e.uid)
				continue
			}
			add(e, s, s.Add(dur), uid, e.uid)
		}
	}
	// Overrides of occurrences that are not in the file's series (the
	// series itself was not exported, or lies outside the year): a
	// meeting of their own when it falls in the year.
	var rest []*vevent
	for k, o := range overrides {
		if !used[k] {
			rest = append(rest, o)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].line < rest[j].line })
	for _, o := range rest {
		from, to := p.window(*o.recurrence)
		in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
		if masters[o.uid] != nil && !masters[o.uid].recurring() {
			// An override of a single event that names another start.
			p.c.add(o.recurLine, "RECURRENCE-ID", "icsimport.event.nooccurrence", masters[o.uid].line)
			continue
		}
		if masters[o.uid] == nil || in(*o.recurrence) || in(o.start) {
			add(o, o.start, o.end, occurrenceUID(o.uid, *o.recurrence), o.uid)
		}
	}
	if len(res.Events) > MaxMeetings {
		p.c.add(0, "", "icsimport.toomany", len(res.Events), MaxMeetings)
		return res
	}
	p.validate(res)
	sort.SliceStable(res.Events, func(i, j int) bool {
		a, b := res.Events[i].Meeting, res.Events[j].Meeting
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		return a.UID < b.UID
	})
	return res
}

// window returns the year within which a series that starts at start is
// expanded.
func (p *parser) window(start time.Time) (time.Time, time.Time) {
	ams := domain.Amsterdam()
	from := p.opt.From
	if from.IsZero() {
		from = domain.DateOf(start)
	}
	f := from.In(ams)
	return f, f.AddDate(1, 0, 0)
}

// occurrences returns the starts of series e in [from, to): DTSTART (which
// always counts, RFC 5545 §3.8.5.3), the rule's dates and the RDATEs,
// without the EXDATEs, in time order and without repeats.
func (p *parser) occurrences(e *vevent, from, to time.Time) []time.Time {
	var all []time.Time
	if e.rule != nil {
		all = expand(e.rule, from, to)
	}
	all = append(all, e.start)
	all = append(all, e.rdates...)
	sort.Slice(all, func(i, j int) bool { return all[i].Before(all[j]) })
	var out []time.Time
	for i, t := range all {
		if t.Before(from) || !t.Before(to) || (i > 0 && t.Equal(all[i-1])) || excluded(e, t) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// excluded reports whether an EXDATE removes the occurrence at t: the
// same instant, or for a date value the same day in the series' zone.
func excluded(e *vevent, t time.Time) bool {
	for _, x := range e.exdates {
		if x.allDay {
			y, m, d := t.In(e.start.Location()).Date()
			xy, xm, xd := x.t.Date()
			if y == xy && m == xm && d == xd {
				return true
			}
			continue
		}
		if x.t.Equal(t) {
			return true
		}
	}
	return false
}

// occurrenceUID is the UID of one occurrence of a series: stable across
// imports of the same file, and distinct from the series' own UID, which
// belongs to the series as a whole in the attendees' calendars.
func occurrenceUID(series string, start time.Time) string {
	return series + "/" + start.UTC().Format("20060102T150405Z")
}

// validate checks every meeting as the store will, reporting a problem at
// the event's line, and that every UID is unique.
func (p *parser) validate(res *Result) {
	seen := map[string]int{}
	for _, ev := range res.Events {
		if line, dup := seen[ev.Meeting.UID]; dup {
			p.c.add(ev.Line, "UID", "icsimport.event.duplicateuid", shown(ev.Meeting.UID), line)
			continue
		}
		seen[ev.Meeting.UID] = ev.Line
		m := ev.Meeting
		if m.BodyID == 0 {
			m.BodyID = -1 // the caller's choice; a missing body is not the file's fault
		}
		if err := m.Validate(); err != nil {
			// The only rule a parsed event can still break is the length
			// of a meeting, so the problem is where the end is given.
			line, prop := ev.endLine, ev.endProp
			if line == 0 {
				line, prop = ev.Line, "VEVENT"
			}
			day := domain.DateOf(m.Start).String()
			var ie *i18n.Error
			if errors.As(err, &ie) {
				p.c.addMsg(line, prop, i18n.M("icsimport.event.invalid", day, ie.Msg))
			} else {
				p.c.add(line, prop, "icsimport.event.invalid", day, err.Error())
			}
		}
	}
}

// clip shortens text to maxText characters.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxText {
		return s
	}
	return string([]rune(s)[:maxText])
}

// isWebLink reports whether s is one absolute http(s) link, such as the
// Teams or Meet link many invitations carry as their location.
func isWebLink(s string) bool {
	if strings.ContainsAny(s, " \t\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// clockText is the Amsterdam date and time of t for a message.
func clockText(t time.Time) string {
	a := t.In(domain.Amsterdam())
	return a.Format("2006-01-02") + " " + i18n.Clock(a)
}
