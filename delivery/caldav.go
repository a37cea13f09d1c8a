package delivery

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
	"github.com/emersion/go-webdav/caldav"

	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
)

// HashProp is the property in which every event Overlegplanner publishes
// carries the hash of its content. It tells our events from others in a
// shared calendar (only ours are ever updated or deleted), and whether
// the server's copy is current: servers rewrite what they store, so the
// bytes cannot be compared, but they keep unknown X- properties.
const HashProp = "X-OVERLEGPLANNER-HASH"

// CalDAVConfig is how to reach the calendar server.
type CalDAVConfig struct {
	Settings domain.CalDAVSettings
	// Password is the login's password (Passwords.Lookup); never written
	// anywhere.
	Password string
	// HTTPClient makes the requests; nil means one with Timeout and the
	// system's trusted certificates.
	HTTPClient *http.Client
	// Timeout bounds each request; zero means DefaultTimeout.
	Timeout time.Duration
}

func (c CalDAVConfig) server() serverError {
	host := ""
	if u, err := url.Parse(strings.TrimSpace(c.Settings.URL)); err == nil {
		host = u.Host
	}
	return serverError{host: host, user: c.Settings.User, what: "caldav"}
}

func (c CalDAVConfig) secrets() []string {
	if c.Password == "" {
		return nil
	}
	return []string{c.Password, c.Settings.User + ":" + c.Password}
}

// EventAction is what Publish does to one event on the server.
type EventAction string

// The event actions.
const (
	EventCreate EventAction = "create"
	EventUpdate EventAction = "update"
	EventDelete EventAction = "delete"
)

// EventChange is one event that Publish changed (or, in a dry run, would
// change).
type EventChange struct {
	Action  EventAction
	UID     string
	Summary string
}

// CalendarReport is what Publish did to one calendar.
type CalendarReport struct {
	Scope ical.Scope
	Name  string // the calendar's display name
	Path  string // its path on the server
	// Created says the calendar did not exist and was (or would be) made.
	Created   bool
	Changes   []EventChange
	Unchanged int
}

// PublishReport is what Publish did.
type PublishReport struct {
	Home      string // the calendar home on the server
	DryRun    bool
	Calendars []CalendarReport
}

// Count returns how many events got action a, over all calendars.
func (r PublishReport) Count(a EventAction) int {
	n := 0
	for _, c := range r.Calendars {
		for _, ch := range c.Changes {
			if ch.Action == a {
				n++
			}
		}
	}
	return n
}

// Unchanged returns how many events were already current.
func (r PublishReport) Unchanged() int {
	n := 0
	for _, c := range r.Calendars {
		n += c.Unchanged
	}
	return n
}

// PublishInput is what Publish publishes, and where.
type PublishInput struct {
	Planner *planning.Planner
	// Scopes are the calendars: one per body (its meetings) or gemeente
	// (the meetings of its partnerships and the deadlines of its
	// ambtenaren and college). nil means DefaultScopes.
	Scopes []ical.Scope
	Config CalDAVConfig
	// DryRun reads the server and reports what would change, changing
	// nothing.
	DryRun bool
	// Now is the DTSTAMP of what is written; zero means time.Now().
	Now time.Time
	// Lang is the language of the events; "" means the active one.
	Lang i18n.Lang
}

// DefaultScopes returns a calendar for every body and for every gemeente
// that is (or was) a member of a partnership.
func DefaultScopes(ds *domain.Dataset) []ical.Scope {
	var out []ical.Scope
	for _, b := range ds.Bodies {
		out = append(out, ical.Scope{Kind: ical.ScopeBody, ID: b.ID})
	}
	member := map[int64]bool{}
	for _, p := range ds.Partnerships {
		for _, m := range p.Members {
			member[m.MunicipalityID] = true
		}
	}
	for _, g := range ds.Municipalities {
		if member[g.ID] {
			out = append(out, ical.Scope{Kind: ical.ScopeMunicipality, ID: g.ID})
		}
	}
	return out
}

// Publish makes the calendars of in.Scopes on the CalDAV server equal to
// the data: for each scope a calendar collection under the user's
// calendar home (created with MKCALENDAR when missing) holding one object
// per event of the scope's feed (documents/ical.Feed), without METHOD
// (RFC 4791 §4.1) and without ORGANIZER, so that a server with scheduling
// (RFC 6638) treats them as plain events and never sends invitations of
// its own: mail is delivery's job.
//
// It is idempotent: an event is written only when its content hash
// differs from the copy on the server (created with If-None-Match,
// replaced with If-Match on the server's ETag, so that an edit made on the
// server meanwhile is not overwritten unseen), and a second Publish with
// no change in the data makes no request that changes anything. Events of
// ours that are no longer in the feed (a deleted meeting, the deadlines
// of a cancelled one) are deleted; events that others put in the calendar
// are left alone.
//
// A cancelled meeting stays, with STATUS:CANCELLED and "Geannuleerd:" in
// its title, as in the feeds: people consult a shared calendar rather
// than receive it, and a meeting that silently disappears looks like an
// error or goes unnoticed, while a struck-through one tells everyone who
// had planned around it. Deleting it is what a mail CANCEL does in each
// attendee's own calendar.
func Publish(ctx context.Context, in PublishInput) (PublishReport, error) {
	rep := PublishReport{DryRun: in.DryRun}
	if in.Planner == nil {
		return rep, i18n.Errorf(ErrInput, "delivery.err.noplanner")
	}
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	lang := in.Lang
	if lang == "" {
		lang = i18n.Current()
	}
	ds := in.Planner.Dataset()
	ix := in.Planner.Index()
	scopes := in.Scopes
	if scopes == nil {
		scopes = DefaultScopes(ds)
	}
	s, err := newDAVSession(in.Config)
	if err != nil {
		return rep, err
	}
	home, err := s.findHome(ctx)
	if err != nil {
		return rep, err
	}
	rep.Home = home
	existing, err := s.client.FindCalendars(ctx, home)
	if err != nil {
		return rep, s.classify(err)
	}
	have := map[string]bool{}
	for _, c := range existing {
		have[strings.TrimSuffix(c.Path, "/")] = true
	}
	deadlines := in.Planner.AllDeadlines(0, 0)
	for _, sc := range scopes {
		title, err := ical.FeedTitle(ix, sc, lang)
		if err != nil {
			return rep, err
		}
		feed, err := ical.Feed(ical.FeedInput{Scope: sc, Index: ix, Deadlines: deadlines, Settings: ds.Settings, Now: in.Now, Lang: lang})
		if err != nil {
			return rep, err
		}
		objs, err := calendarObjects(feed)
		if err != nil {
			return rep, err
		}
		cr := CalendarReport{Scope: sc, Name: title, Path: path.Join(home, scopeSlug(ix, sc)) + "/"}
		if !have[strings.TrimSuffix(cr.Path, "/")] {
			cr.Created = true
			if !in.DryRun {
				if err := s.mkcalendar(ctx, cr.Path, title, i18n.In(lang, "delivery.caldav.description"), scopeColor(ix, sc)); err != nil {
					return rep, err
				}
			}
		}
		if err := s.sync(ctx, &cr, objs, in.DryRun); err != nil {
			rep.Calendars = append(rep.Calendars, cr)
			return rep, err
		}
		rep.Calendars = append(rep.Calendars, cr)
	}
	return rep, nil
}

// TestCalDAV finds the user's calendar home on the server as Publish
// would, and counts the calendars in it, changing nothing.
func TestCalDAV(ctx context.Context, cfg CalDAVConfig) (ConnectionInfo, error) {
	s, err := newDAVSession(cfg)
	if err != nil {
		return ConnectionInfo{}, err
	}
	home, err := s.findHome(ctx)
	if err != nil {
		return ConnectionInfo{}, err
	}
	cals, err := s.client.FindCalendars(ctx, home)
	if err != nil {
		return ConnectionInfo{}, s.classify(err)
	}
	u := *s.base
	u.Path = home
	info := ConnectionInfo{Server: u.String(), User: cfg.Settings.User, Calendars: len(cals)}
	if u.Scheme == "https" {
		info.TLS = "HTTPS"
	}
	return info, nil
}

// object is one calendar object resource to publish.
type object struct {
	uid, summary, hash string
	data               []byte
}

// calendarObjects splits a feed into one calendar object per event: the
// VTIMEZONE and the event, with the content hash, without ORGANIZER.
func calendarObjects(feed []byte) ([]object, error) {
	cal, err := goical.NewDecoder(bytes.NewReader(feed)).Decode()
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	var tz *goical.Component
	for _, c := range cal.Children {
		if c.Name == goical.CompTimezone {
			tz = c
		}
	}
	var out []object
	var buf bytes.Buffer
	enc := goical.NewEncoder(&buf)
	for _, ev := range cal.Events() {
		ev.Props.Del(goical.PropOrganizer)
		stamp := ev.Props.Get(goical.PropDateTimeStamp)
		// The hash leaves out DTSTAMP, which is the time of writing.
		ev.Props.Set(&goical.Prop{Name: goical.PropDateTimeStamp, Value: "19700101T000000Z"})
		buf.Reset()
		if err := enc.Encode(&goical.Calendar{Component: ev.Component}); err != nil {
			return nil, fmt.Errorf("feed: %w", err)
		}
		sum := sha256.Sum256(buf.Bytes())
		hash := hex.EncodeToString(sum[:16])
		if stamp != nil {
			ev.Props.Set(stamp)
		}
		ev.Props.Set(&goical.Prop{Name: HashProp, Value: hash})
		obj := goical.NewCalendar()
		obj.Props.Set(&goical.Prop{Name: goical.PropVersion, Value: "2.0"})
		obj.Props.Set(&goical.Prop{Name: goical.PropProductID, Value: ical.ProductID})
		obj.Props.Set(&goical.Prop{Name: goical.PropCalendarScale, Value: "GREGORIAN"})
		if tz != nil {
			obj.Children = append(obj.Children, tz)
		}
		obj.Children = append(obj.Children, ev.Component)
		buf.Reset()
		if err := enc.Encode(obj); err != nil {
			return nil, fmt.Errorf("feed: %w", err)
		}
		uid, _ := ev.Props.Text(goical.PropUID)
		summary, _ := ev.Props.Text(goical.PropSummary)
		out = append(out, object{uid: uid, summary: summary, hash: hash, data: fold(buf.Bytes())})
	}
	return out, nil
}

// fold folds lines longer than 75 octets (RFC 5545 §3.1), never inside a
// UTF-8 character; go-ical writes them unfolded.
func fold(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/40)
	for len(b) > 0 {
		i := bytes.Index(b, []byte("\r\n"))
		line := b
		if i >= 0 {
			line, b = b[:i], b[i+2:]
		} else {
			b = nil
		}
		limit := 75
		for len(line) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			out = append(out, line[:cut]...)
			out = append(out, "\r\n "...)
			line = line[cut:]
			limit = 74 // the leading space counts
		}
		out = append(out, line...)
		out = append(out, "\r\n"...)
	}
	return out
}

// scopeSlug is the name of a scope's calendar collection: stable (IDs,
// and the CBS code of a gemeente, which survives a new database) and
// plain ASCII.
func scopeSlug(ix *domain.Index, sc ical.Scope) string {
	switch sc.Kind {
	case ical.ScopeMunicipality:
		if g := ix.Municipalities[sc.ID]; g != nil && g.CBSCode != "" {
			return "overlegplanner-gemeente-" + strings.ToLower(g.CBSCode)
		}
		return "overlegplanner-gemeente-" + strconv.FormatInt(sc.ID, 10)
	case ical.ScopePerson:
		return "overlegplanner-persoon-" + strconv.FormatInt(sc.ID, 10)
	}
	return "overlegplanner-gremium-" + strconv.FormatInt(sc.ID, 10)
}

// scopeColor is the partnership's colour for a body's calendar.
func scopeColor(ix *domain.Index, sc ical.Scope) string {
	if sc.Kind != ical.ScopeBody {
		return ""
	}
	if b := ix.Bodies[sc.ID]; b != nil {
		if p := ix.Partnerships[b.PartnershipID]; p != nil {
			return p.Color
		}
	}
	return ""
}

// objectName is the resource name of the event with uid: the UID itself
// when it is plain, else its hash (a UID from imported data may hold
// characters that servers treat differently in paths).
func objectName(uid string) string {
	plain := uid != "" && len(uid) <= 120
	for i := 0; plain && i < len(uid); i++ {
		c := uid[i]
		plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '@'
	}
	if plain && uid[0] != '.' {
		return uid + ".ics"
	}
	sum := sha256.Sum256([]byte(uid))
	return hex.EncodeToString(sum[:16]) + ".ics"
}

// davSession is one conversation with the calendar server.
type davSession struct {
	cfg    CalDAVConfig
	base   *url.URL
	http   *statusClient
	client *caldav.Client
}

func newDAVSession(cfg CalDAVConfig) (*davSession, error) {
	if err := ValidateCalDAV(cfg.Settings); err != nil {
		return nil, err
	}
	base, _ := url.Parse(strings.TrimSpace(cfg.Settings.URL)) // ValidateCalDAV parsed it
	hc := cfg.HTTPClient
	if hc == nil {
		timeout := cfg.Timeout
		if timeout <= 0 {
			timeout = DefaultTimeout
		}
		hc = &http.Client{Timeout: timeout}
	}
	sc := &statusClient{c: hc, user: cfg.Settings.User, password: cfg.Password}
	client, err := caldav.NewClient(sc, base.String())
	if err != nil {
		return nil, i18n.Errorf(ErrSettings, "delivery.settings.badurl", redactURL(cfg.Settings.URL))
	}
	return &davSession{cfg: cfg, base: base, http: sc, client: client}, nil
}

func (s *davSession) classify(err error) error {
	return classify(err, s.cfg.server(), s.cfg.secrets()...)
}

// findHome returns the path of the user's calendar home: through the
// current-user-principal and its calendar-home-set (RFC 5397, RFC 4791
// §6.2.1), or the URL itself for a server that answers neither (the URL
// is then taken to be the home).
func (s *davSession) findHome(ctx context.Context) (string, error) {
	principal, err := s.client.FindCurrentUserPrincipal(ctx)
	if err != nil {
		if notSupported(err) {
			return ensureSlash(s.base.Path), nil
		}
		return "", s.classify(err)
	}
	home, err := s.client.FindCalendarHomeSet(ctx, principal)
	if err != nil {
		if notSupported(err) {
			return ensureSlash(principal), nil
		}
		return "", s.classify(err)
	}
	if home == "" {
		return ensureSlash(principal), nil
	}
	return ensureSlash(home), nil
}

// notSupported reports whether err says the server does not know what we
// asked (rather than that we may not ask it).
func notSupported(err error) bool {
	var se *httpStatusError
	if errors.As(err, &se) {
		return se.Code == http.StatusNotFound || se.Code == http.StatusMethodNotAllowed || se.Code == http.StatusNotImplemented
	}
	return strings.Contains(err.Error(), "missing") || strings.Contains(err.Error(), "not found")
}

func ensureSlash(p string) string {
	if p == "" {
		return "/"
	}
	if !strings.HasSuffix(p, "/") {
		return p + "/"
	}
	return p
}

// existingObject is one object found in a calendar.
type existingObject struct {
	path, etag, hash, summary string
}

// sync makes the calendar at cr.Path hold exactly objs among our events.
func (s *davSession) sync(ctx context.Context, cr *CalendarReport, objs []object, dry bool) error {
	have := map[string]existingObject{}
	if !cr.Created {
		found, err := s.client.QueryCalendar(ctx, cr.Path, &caldav.CalendarQuery{
			CompRequest: caldav.CalendarCompRequest{Name: goical.CompCalendar, AllProps: true, AllComps: true},
			CompFilter:  caldav.CompFilter{Name: goical.CompCalendar, Comps: []caldav.CompFilter{{Name: goical.CompEvent}}},
		})
		if err != nil {
			return s.classify(err)
		}
		for _, co := range found {
			if co.Data == nil {
				continue
			}
			for _, ev := range co.Data.Events() {
				uid, _ := ev.Props.Text(goical.PropUID)
				hp := ev.Props.Get(HashProp)
				if uid == "" || hp == nil {
					continue // not ours: left alone
				}
				summary, _ := ev.Props.Text(goical.PropSummary)
				have[uid] = existingObject{path: co.Path, etag: co.ETag, hash: hp.Value, summary: summary}
			}
		}
	}
	want := map[string]bool{}
	for _, o := range objs {
		want[o.uid] = true
		old, ok := have[o.uid]
		switch {
		case ok && old.hash == o.hash:
			cr.Unchanged++
			continue
		case ok:
			cr.Changes = append(cr.Changes, EventChange{Action: EventUpdate, UID: o.uid, Summary: o.summary})
			if !dry {
				if err := s.put(ctx, old.path, o.data, old.etag, false); err != nil {
					return err
				}
			}
		default:
			cr.Changes = append(cr.Changes, EventChange{Action: EventCreate, UID: o.uid, Summary: o.summary})
			if !dry {
				if err := s.put(ctx, cr.Path+objectName(o.uid), o.data, "", true); err != nil {
					return err
				}
			}
		}
	}
	var gone []string
	for uid := range have {
		if !want[uid] {
			gone = append(gone, uid)
		}
	}
	sort.Strings(gone)
	for _, uid := range gone {
		old := have[uid]
		cr.Changes = append(cr.Changes, EventChange{Action: EventDelete, UID: uid, Summary: old.summary})
		if !dry {
			if err := s.delete(ctx, old.path, old.etag); err != nil {
				return err
			}
		}
	}
	return nil
}

// url returns the absolute URL of a path on the server.
func (s *davSession) url(p string) string {
	u := *s.base
	u.Path, u.RawPath, u.RawQuery, u.Fragment = p, "", "", ""
	return u.String()
}

// put writes one calendar object: create only if none exists there, or
// replace only the version we read (etag).
func (s *davSession) put(ctx context.Context, p string, data []byte, etag string, create bool) error {
	h := http.Header{"Content-Type": {"text/calendar; charset=utf-8"}}
	switch {
	case create:
		h.Set("If-None-Match", "*")
	case etag != "":
		h.Set("If-Match", strconv.Quote(etag))
	}
	return s.do(ctx, http.MethodPut, p, h, data)
}

// delete removes one calendar object, if it is still the version we read.
func (s *davSession) delete(ctx context.Context, p, etag string) error {
	h := http.Header{}
	if etag != "" {
		h.Set("If-Match", strconv.Quote(etag))
	}
	err := s.do(ctx, http.MethodDelete, p, h, nil)
	var se *httpStatusError
	if errors.As(err, &se) && se.Code == http.StatusNotFound {
		return nil // already gone
	}
	return err
}

// mkcalendar creates a calendar collection for events (RFC 4791 §5.3.1)
// with a display name, a description and, when given, the colour Apple
// Calendar and Thunderbird show.
func (s *davSession) mkcalendar(ctx context.Context, p, name, desc, color string) error {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/"><D:set><D:prop>`)
	b.WriteString("<D:displayname>" + xmlText(name) + "</D:displayname>")
	b.WriteString("<C:calendar-description>" + xmlText(desc) + "</C:calendar-description>")
	b.WriteString(`<C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>`)
	if color != "" {
		b.WriteString("<A:calendar-color>" + xmlText(color) + "</A:calendar-color>")
	}
	b.WriteString("</D:prop></D:set></C:mkcalendar>")
	h := http.Header{"Content-Type": {"application/xml; charset=utf-8"}}
	err := s.do(ctx, "MKCALENDAR", p, h, []byte(b.String()))
	var se *httpStatusError
	if errors.As(err, &se) && se.Code == http.StatusMethodNotAllowed {
		return nil // it exists after all (RFC 4791: 405 for an existing resource)
	}
	return err
}

// xmlText escapes s as XML character data.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

// do sends one request and classifies a failure.
func (s *davSession) do(ctx context.Context, method, p string, h http.Header, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, method, s.url(p), bytes.NewReader(body))
	if err != nil {
		return s.classify(err)
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return s.classify(err)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	return nil
}

// statusClient adds Basic authentication to every request and turns an
// error status into an *httpStatusError, so that a 401 can be told from a
// 404 whatever go-webdav makes of it.
type statusClient struct {
	c              *http.Client
	user, password string
}

func (c *statusClient) Do(req *http.Request) (*http.Response, error) {
	if c.user != "" {
		req.SetBasicAuth(c.user, c.password)
	}
	resp, err := c.c.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 400 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		resp.Body.Close()
		return nil, &httpStatusError{Code: resp.StatusCode, Method: req.Method, Path: req.URL.Path}
	}
	return resp, nil
}

// httpStatusError is an error status of the calendar server.
type httpStatusError struct {
	Code         int
	Method, Path string
}

func (e *httpStatusError) Error() string {
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.Path, e.Code, http.StatusText(e.Code))
}
