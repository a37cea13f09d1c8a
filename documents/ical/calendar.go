package ical

import (
	"bytes"
	"fmt"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
)

// Method is the iTIP method of a calendar object (RFC 5546 §1.4).
type Method string

// The methods this package writes.
const (
	MethodRequest Method = "REQUEST" // an invitation or an update of one
	MethodCancel  Method = "CANCEL"  // the meeting no longer takes place
	MethodPublish Method = "PUBLISH" // a feed to subscribe to; no replies expected
)

// ProductID is the PRODID of every calendar we write (RFC 5545 §3.7.3).
const ProductID = "-//Overlegplanner//Overlegplanner//NL"

// ContentType returns the MIME type for a calendar object with method m,
// for a mail part or an HTTP response: "text/calendar; charset=utf-8;
// method=REQUEST". RFC 6047 requires the method parameter to match the
// METHOD property, and Outlook only treats a text/calendar part as a
// meeting request (rather than an attachment) when it is REQUEST, CANCEL,
// REPLY or COUNTER.
func ContentType(m Method) string {
	return "text/calendar; charset=utf-8; method=" + string(m)
}

// newCalendar starts a VCALENDAR with the properties every client needs:
// VERSION and PRODID (required), CALSCALE (Outlook and Google assume it,
// Apple writes it), METHOD, and the Europe/Amsterdam VTIMEZONE that every
// local time refers to.
func newCalendar(m Method) *goical.Calendar {
	cal := goical.NewCalendar()
	setRaw(cal.Component, goical.PropVersion, "2.0")
	setRaw(cal.Component, goical.PropProductID, ProductID)
	setRaw(cal.Component, goical.PropCalendarScale, "GREGORIAN")
	setRaw(cal.Component, goical.PropMethod, string(m))
	cal.Children = append(cal.Children, amsterdamTimezone())
	return cal
}

// encode writes cal with go-ical and folds its lines: the envelope
// (properties and VTIMEZONE, the first child) and then each event.
func encode(cal *goical.Calendar) ([]byte, error) {
	events := cal.Children[1:]
	cal.Children = cal.Children[:1]
	var e eventEncoder
	out, err := e.envelope(nil, cal)
	if err != nil {
		return nil, err
	}
	for _, ev := range events {
		if out, err = e.append(out, ev); err != nil {
			return nil, err
		}
	}
	return append(out, calendarEnd...), nil
}

// eventEncoder encodes components one at a time through go-ical's
// encoder and appends them folded, so that a feed can be written in parts
// (see feedWriter) without ever holding all its components, or a second,
// unfolded copy of its text, in memory. Its buffer is reused.
type eventEncoder struct {
	buf bytes.Buffer
	enc *goical.Encoder
}

var calendarEnd = []byte("END:VCALENDAR\r\n")

// envelope appends cal, which holds the VTIMEZONE and no events, without
// its END:VCALENDAR line: the events follow, and calendarEnd closes it.
func (e *eventEncoder) envelope(out []byte, cal *goical.Calendar) ([]byte, error) {
	if err := e.encode(cal.Component); err != nil {
		return nil, err
	}
	return appendFoldedLines(out, bytes.TrimSuffix(e.buf.Bytes(), calendarEnd)), nil
}

// append appends one event, folded.
func (e *eventEncoder) append(out []byte, ev *goical.Component) ([]byte, error) {
	if err := e.encode(ev); err != nil {
		return nil, err
	}
	return appendFoldedLines(out, e.buf.Bytes()), nil
}

func (e *eventEncoder) encode(c *goical.Component) error {
	if e.enc == nil {
		e.enc = goical.NewEncoder(&e.buf)
	}
	e.buf.Reset()
	// go-ical encodes any component given as the root of a Calendar, and
	// checks it by its own name (VEVENT, VCALENDAR).
	if err := e.enc.Encode(&goical.Calendar{Component: c}); err != nil {
		return fmt.Errorf("ical: %w", err)
	}
	return nil
}

// newEvent returns an empty VEVENT with room for its usual properties.
func newEvent() *goical.Component {
	return &goical.Component{Name: goical.CompEvent, Props: make(goical.Props, 20)}
}

// scratchEvent returns r's reusable VEVENT, emptied. A feed encodes each
// event as soon as it is built, so one component (and its map, the
// largest allocation per event) serves them all; an event from
// scratchEvent is only valid until the next call.
func (r *renderer) scratchEvent() *goical.Component {
	if r.scratch == nil {
		r.scratch = newEvent()
	}
	clear(r.scratch.Props)
	r.scratch.Children = r.scratch.Children[:0]
	return r.scratch
}

// newProp returns a property whose value is already in iCalendar form.
// Params stays nil until a parameter is set (see setParam): most
// properties have none, and a feed has a hundred thousand properties.
func newProp(name, value string) *goical.Prop {
	return &goical.Prop{Name: name, Value: value}
}

// setParam sets parameter name of p.
func setParam(p *goical.Prop, name, value string) {
	if p.Params == nil {
		p.Params = goical.Params{}
	}
	p.Params.Set(name, value)
}

// setRaw sets property name to a value already in iCalendar form.
func setRaw(c *goical.Component, name, value string) {
	c.Props[name] = []goical.Prop{{Name: name, Value: value}}
}

// setText sets a TEXT property, escaped; an empty text leaves it out.
func setText(c *goical.Component, name, text string) {
	if text == "" {
		return
	}
	setRaw(c, name, escapeText(text))
}

// setLocal sets a DATE-TIME property as Amsterdam wall-clock time with
// TZID=Europe/Amsterdam (RFC 5545 §3.3.5 form 3). Outlook shows a floating
// or UTC time in the reader's zone, which is right only with the TZID.
func setLocal(c *goical.Component, name string, t time.Time) {
	c.Props[name] = []goical.Prop{{Name: name, Value: localDateTime(t), Params: tzidParams}}
}

// tzidParams is shared by every local time: go-ical only reads it.
var tzidParams = goical.Params{goical.ParamTimezoneID: {TZID}}

// localDateTime formats t as Amsterdam wall-clock time, "20261123T140000".
// It does what t.Format does for this one layout, several times faster,
// which matters for a feed of ten thousand events.
func localDateTime(t time.Time) string {
	t = t.In(domain.Amsterdam())
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	b := make([]byte, 0, 15)
	b = appendDigits(b, y, 4)
	b = appendDigits(b, int(mo), 2)
	b = appendDigits(b, d, 2)
	b = append(b, 'T')
	b = appendDigits(b, h, 2)
	b = appendDigits(b, mi, 2)
	b = appendDigits(b, s, 2)
	return string(b)
}

// appendDigits appends n with at least width digits, zero-padded.
func appendDigits(b []byte, n, width int) []byte {
	var tmp [20]byte
	i := len(tmp)
	for n >= 10 || width > 1 {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
		width--
	}
	i--
	tmp[i] = byte('0' + n)
	return append(b, tmp[i:]...)
}

// dateParams is shared by every DATE value: go-ical only reads it.
var dateParams = goical.Params{goical.ParamValue: {string(goical.ValueDate)}}

// setDate sets a DATE property (VALUE=DATE), for all-day events.
func setDate(c *goical.Component, name string, d date.Date) {
	y, m, dd := d.Civil()
	v := appendDigits(appendDigits(appendDigits(make([]byte, 0, 8), y, 4), int(m), 2), dd, 2)
	c.Props[name] = []goical.Prop{{Name: name, Value: string(v), Params: dateParams}}
}
