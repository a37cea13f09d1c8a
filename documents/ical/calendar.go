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

// encode writes cal with go-ical and folds its lines.
func encode(cal *goical.Calendar) ([]byte, error) {
	var buf bytes.Buffer
	if err := goical.NewEncoder(&buf).Encode(cal); err != nil {
		return nil, fmt.Errorf("ical: %w", err)
	}
	return fold(buf.Bytes()), nil
}

// newProp returns a property whose value is already in iCalendar form.
func newProp(name, value string) *goical.Prop {
	return &goical.Prop{Name: name, Params: goical.Params{}, Value: value}
}

// setRaw sets property name to a value already in iCalendar form.
func setRaw(c *goical.Component, name, value string) {
	c.Props.Set(newProp(name, value))
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
	p := newProp(name, t.In(domain.Amsterdam()).Format("20060102T150405"))
	p.Params.Set(goical.PropTimezoneID, TZID)
	c.Props.Set(p)
}

// setUTC sets a DATE-TIME property in UTC ("Z"), as DTSTAMP must be.
func setUTC(c *goical.Component, name string, t time.Time) {
	setRaw(c, name, t.UTC().Format("20060102T150405Z"))
}

// setDate sets a DATE property (VALUE=DATE), for all-day events.
func setDate(c *goical.Component, name string, d date.Date) {
	y, m, dd := d.Civil()
	p := newProp(name, fmt.Sprintf("%04d%02d%02d", y, int(m), dd))
	p.Params.Set(goical.ParamValue, string(goical.ValueDate))
	c.Props.Set(p)
}
