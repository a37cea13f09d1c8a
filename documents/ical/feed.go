package ical

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// ScopeKind says whose calendar a feed is.
type ScopeKind string

// The kinds of feed.
const (
	ScopeBody         ScopeKind = "gremium"  // the meetings of one body
	ScopeMunicipality ScopeKind = "gemeente" // what one gemeente's people meet for and deliver
	ScopePerson       ScopeKind = "persoon"  // one person's meetings and deadlines
)

// Scope names the body, gemeente or person a feed is for.
type Scope struct {
	Kind ScopeKind
	ID   int64
}

// DefaultRefresh is how often a subscribed client should fetch a feed
// again when FeedInput.Refresh is zero. Apple and Outlook honour the hint
// (Google polls on its own schedule, roughly daily); an hour keeps a moved
// meeting from being missed on the day without hammering the server.
const DefaultRefresh = time.Hour

// FeedInput is what a published feed is made from.
type FeedInput struct {
	Scope Scope
	// Index resolves bodies, partnerships, gemeenten and people.
	Index *domain.Index
	// Meetings are the candidates (typically those of a date range);
	// Feed keeps the ones the scope covers. nil means every meeting in
	// Index.
	Meetings []domain.Meeting
	// Deadlines are the computed deadlines of (some of) those meetings;
	// Feed keeps the ones the scope covers and Audiences selects.
	Deadlines []domain.Deadline
	// Audiences selects which deadlines appear; nil means
	// DefaultAudiences, an empty non-nil slice means none.
	Audiences []domain.Audience
	// Settings give the organiser when a body has no secretary.
	Settings domain.Settings
	// Now is written as DTSTAMP; the zero time means time.Now().
	Now time.Time
	// Lang is the language of the texts; "" means the active language.
	Lang i18n.Lang
	// Refresh is the suggested polling interval; zero means DefaultRefresh.
	Refresh time.Duration
}

// DefaultAudiences returns the deadline audiences a feed for s shows by
// default. A body's feed is its meeting schedule and shows no deadlines. A
// gemeente's feed is what its ambtenaren subscribe to: their deadlines
// and their college's. A person sees the deadlines addressed to their
// role: an ambtenaar those of ambtenaren and college, a secretaris those
// of the secretariaat, a bestuurder those of the leden.
func DefaultAudiences(ix *domain.Index, s Scope) []domain.Audience {
	switch s.Kind {
	case ScopeMunicipality:
		return []domain.Audience{domain.AudienceAmbtenaren, domain.AudienceCollege}
	case ScopePerson:
		if ix == nil || ix.People[s.ID] == nil {
			return nil
		}
		switch ix.People[s.ID].Role {
		case domain.PersonAmbtenaar:
			return []domain.Audience{domain.AudienceAmbtenaren, domain.AudienceCollege}
		case domain.PersonSecretaris:
			return []domain.Audience{domain.AudienceSecretariaat}
		case domain.PersonBestuurder:
			return []domain.Audience{domain.AudienceLeden}
		}
	}
	return []domain.Audience{}
}

// FeedTitle returns the calendar name of a feed for s in lang ("" for the
// active language): the body's name, "Regionale overleggen Vlissingen" or
// "Overleggen Jan de Vries". It is also a good base for a file name.
func FeedTitle(ix *domain.Index, s Scope, lang i18n.Lang) (string, error) {
	t, _, err := feedTitles(ix, s, resolveLang(lang))
	return t, err
}

func feedTitles(ix *domain.Index, s Scope, lang i18n.Lang) (title, calDesc string, err error) {
	if ix == nil {
		return "", "", i18n.Errorf(ErrIncomplete, "ical.error.noindex")
	}
	switch s.Kind {
	case ScopeBody:
		if b := ix.Bodies[s.ID]; b != nil {
			return i18n.In(lang, "ical.feed.body", b.Name), i18n.In(lang, "ical.feed.body.desc", b.Name), nil
		}
	case ScopeMunicipality:
		if g := ix.Municipalities[s.ID]; g != nil {
			return i18n.In(lang, "ical.feed.municipality", g.Name), i18n.In(lang, "ical.feed.municipality.desc", g.Name), nil
		}
	case ScopePerson:
		if p := ix.People[s.ID]; p != nil {
			return i18n.In(lang, "ical.feed.person", p.Name), i18n.In(lang, "ical.feed.person.desc", p.Name), nil
		}
	}
	return "", "", i18n.Errorf(ErrIncomplete, "ical.error.scope", string(s.Kind), s.ID)
}

// Feed returns a METHOD:PUBLISH calendar for in.Scope, to publish at a URL
// that calendar apps subscribe to:
//
//   - ScopeBody: every meeting of the body;
//   - ScopeMunicipality: every meeting of a body whose partnership has the
//     gemeente as a member on the meeting's date;
//   - ScopePerson: every meeting the person attends (their own seat, or as
//     a substitute; not the ones they sent apologies or a substitute
//     for), and every meeting of a body they are the secretary of.
//
// Deadlines of the selected audiences follow as all-day events
// (DTSTART;VALUE=DATE with DTEND the next day, which Outlook requires,
// and marked free so they do not block the agenda). For a gemeente they
// are its own per-gemeente deadlines and the common ones of its
// partnerships; for a person those of the bodies they hold a seat in or
// whose meetings those bodies prepare (the PHO of an AO member), for
// their own gemeente. A deadline's UID is derived from the meeting's UID,
// the rule key and the gemeente, so that a refreshed feed moves the event
// instead of adding a second one.
//
// A cancelled meeting stays in the feed with STATUS:CANCELLED and
// "Geannuleerd:" before its title, because a subscribed Outlook shows
// cancelled events as ordinary ones; its deadlines are dropped. Events
// carry no attendees and no alarm (RFC 5546 §3.2.1; subscribers choose
// their own reminders). Events are ordered by start, then UID, so the
// output is reproducible.
func Feed(in FeedInput) ([]byte, error) {
	// writeFeed grows the buffer to the feed's estimated size after the
	// first chunk, so the text is copied into it once.
	var buf bytes.Buffer
	if err := writeFeed(in, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFeed writes the feed that Feed returns to w, part by part as it is
// rendered, so that a large feed is never held in memory whole (an HTTP
// handler or a file). Input errors are found before anything is written;
// after that only w's own errors and go-ical's can stop it halfway.
func WriteFeed(w io.Writer, in FeedInput) error {
	return writeFeed(in, w)
}

// writeFeed selects the feed's events, then renders them in chunks and
// writes the text to w in order.
func writeFeed(in FeedInput, w io.Writer) error {
	f, events, err := selectFeed(in)
	if err != nil {
		return err
	}
	var enc eventEncoder
	head, err := enc.envelope(nil, f.envelope(in))
	if err != nil {
		return err
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	if err := f.renderAll(events, w); err != nil {
		return err
	}
	_, err = w.Write(calendarEnd)
	return err
}

// selectFeed checks in, resolves the scope and returns the events of the
// feed in order. Every meeting an event refers to is checked here, so that
// rendering cannot fail on input.
func selectFeed(in FeedInput) (*feed, []event, error) {
	if in.Index == nil {
		return nil, nil, i18n.Errorf(ErrIncomplete, "ical.error.noindex")
	}
	r := newRendererFor(in.Index, in.Settings, in.Now, in.Lang)
	title, desc, err := feedTitles(in.Index, in.Scope, r.lang)
	if err != nil {
		return nil, nil, err
	}
	f := &feed{renderer: r, scope: in.Scope, title: title, calDesc: desc, byID: map[int64]*domain.Meeting{}}
	if in.Meetings != nil {
		for i := range in.Meetings {
			f.meetings = append(f.meetings, &in.Meetings[i])
		}
	} else {
		for _, m := range in.Index.Meetings {
			f.meetings = append(f.meetings, m)
		}
	}
	for _, m := range f.meetings {
		f.byID[m.ID] = m
	}
	audiences := in.Audiences
	if audiences == nil {
		audiences = DefaultAudiences(in.Index, in.Scope)
	}
	f.audiences = map[domain.Audience]bool{}
	for _, a := range audiences {
		f.audiences[a] = true
	}

	// Most candidates of a typical call are in the feed; the deadlines,
	// fewer and more selective, grow it from there.
	events := make([]event, 0, len(f.meetings))
	for _, m := range f.meetings {
		if !f.coversMeeting(m) {
			continue
		}
		if _, err := f.checkMeeting(m); err != nil {
			return nil, nil, err
		}
		events = append(events, event{start: m.Start, uid: m.UID, meeting: m})
	}
	if len(f.audiences) > 0 {
		for i := range in.Deadlines {
			d := &in.Deadlines[i]
			m := f.byID[d.MeetingID]
			if m == nil {
				m = in.Index.Meetings[d.MeetingID]
			}
			if m == nil {
				return nil, nil, i18n.Errorf(ErrIncomplete, "ical.error.deadlinemeeting", d.Name, d.MeetingID)
			}
			if !f.coversDeadline(d, m) {
				continue
			}
			if _, err := f.checkMeeting(m); err != nil {
				return nil, nil, err
			}
			uid := deadlineUID(m.UID, d.RuleKey, municipalityKey(d.MunicipalityID, in.Index.Municipalities[d.MunicipalityID]))
			events = append(events, event{start: d.Due.In(domain.Amsterdam()), uid: uid, meeting: m, deadline: d})
		}
	}
	sort.Slice(events, func(i, j int) bool {
		if !events[i].start.Equal(events[j].start) {
			return events[i].start.Before(events[j].start)
		}
		return events[i].uid < events[j].uid
	})
	f.refresh = in.Refresh
	return f, events, nil
}

// envelope returns the VCALENDAR of the feed without its events: the
// calendar properties that subscribing clients read and the VTIMEZONE.
func (f *feed) envelope(in FeedInput) *goical.Calendar {
	cal := newCalendar(MethodPublish)
	setText(cal.Component, "X-WR-CALNAME", summaryText(f.title))
	setText(cal.Component, goical.PropName, summaryText(f.title))
	setText(cal.Component, "X-WR-CALDESC", f.calDesc)
	setRaw(cal.Component, "X-WR-TIMEZONE", TZID)
	refresh := f.refresh
	if refresh <= 0 {
		refresh = DefaultRefresh
	}
	ri := newProp(goical.PropRefreshInterval, formatDuration(refresh))
	setParam(ri, goical.ParamValue, string(goical.ValueDuration)) // required by RFC 7986 §5.7
	cal.Props.Set(ri)
	setRaw(cal.Component, "X-PUBLISHED-TTL", formatDuration(refresh))
	if c := f.color(); c != "" {
		setRaw(cal.Component, "X-APPLE-CALENDAR-COLOR", c)
	}
	return cal
}

// chunkEvents is how many events one rendering job holds: large enough to
// make the hand-over cheap, small enough to spread a feed over the cores.
const chunkEvents = 256

// renderAll renders events in chunks and writes them to w in order. A
// feed of more than one chunk is rendered by one worker per core (each
// with its own renderer, whose caches are not shared); at most two chunks
// per worker wait to be written, so memory stays bounded when w is slow.
// When w can Grow (a bytes.Buffer, for Feed), it is grown once to the
// size the first chunk predicts.
func (f *feed) renderAll(events []event, w io.Writer) error {
	n := (len(events) + chunkEvents - 1) / chunkEvents
	chunk := func(i int) []event { return events[i*chunkEvents : min(len(events), (i+1)*chunkEvents)] }
	write := func(i int, out []byte) error {
		if g, ok := w.(interface{ Grow(int) }); ok && i == 0 && n > 1 {
			rest := len(events) - len(chunk(0))
			g.Grow(len(out) + chunkSizeHint(out)*rest/len(chunk(0)) + len(calendarEnd))
		}
		_, err := w.Write(out)
		return err
	}
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		// w does not keep what it is given (io.Writer), so one buffer
		// serves every chunk.
		var enc eventEncoder
		var out []byte
		for i := 0; i < n; i++ {
			var err error
			if out, err = f.renderChunk(&enc, out[:0], chunk(i)); err != nil {
				return err
			}
			if err := write(i, out); err != nil {
				return err
			}
		}
		return nil
	}

	type result struct {
		out []byte
		err error
	}
	results := make([]chan result, n)
	for i := range results {
		results[i] = make(chan result, 1)
	}
	jobs := make(chan int)
	quit := make(chan struct{})
	window := make(chan struct{}, 2*workers)
	var wg sync.WaitGroup
	wg.Add(workers + 1)
	go func() { // hands out chunks, no further ahead than the window
		defer wg.Done()
		defer close(jobs)
		for i := 0; i < n; i++ {
			select {
			case window <- struct{}{}:
			case <-quit:
				return
			}
			select {
			case jobs <- i:
			case <-quit:
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			defer wg.Done()
			wf := f.forWorker()
			var enc eventEncoder
			hint := 0
			for i := range jobs {
				out, err := wf.renderChunk(&enc, make([]byte, 0, hint), chunk(i))
				hint = chunkSizeHint(out)
				results[i] <- result{out, err}
			}
		}()
	}
	var err error
	for i := 0; i < n && err == nil; i++ {
		r := <-results[i]
		<-window
		err = r.err
		if err == nil {
			err = write(i, r.out)
		}
	}
	close(quit)
	wg.Wait()
	return err
}

// chunkSizeHint guesses the size of the next chunk from the last one:
// chunks of one feed are alike, and a buffer grown by append from empty
// would be copied a dozen times per chunk.
func chunkSizeHint(last []byte) int { return len(last) + len(last)/8 }

// forWorker returns a copy of f with a renderer of its own.
func (f *feed) forWorker() *feed {
	wf := *f
	wf.renderer = newRendererFor(f.ix, f.settings, f.now, f.lang)
	return &wf
}

// renderChunk renders and encodes evs, appending them to dst.
func (f *feed) renderChunk(enc *eventEncoder, dst []byte, evs []event) ([]byte, error) {
	for _, e := range evs {
		var ev *goical.Component
		var err error
		if e.deadline != nil {
			ev, err = f.deadlineEvent(e.deadline, e.meeting, e.uid)
		} else {
			ev, err = f.meetingEvent(e.meeting)
		}
		if err == nil {
			dst, err = enc.append(dst, ev)
		}
		if err != nil {
			return nil, err
		}
	}
	return dst, nil
}

// event is a selected meeting or deadline with its sort key.
type event struct {
	start    time.Time
	uid      string
	meeting  *domain.Meeting
	deadline *domain.Deadline // nil for the meeting itself
}

// feed holds the selection state of one Feed call.
type feed struct {
	*renderer
	scope          Scope
	title, calDesc string
	refresh        time.Duration
	meetings       []*domain.Meeting
	byID           map[int64]*domain.Meeting
	audiences      map[domain.Audience]bool
}

// coversMeeting reports whether meeting m belongs in the feed.
func (f *feed) coversMeeting(m *domain.Meeting) bool {
	b := f.ix.Bodies[m.BodyID]
	if b == nil {
		return false
	}
	switch f.scope.Kind {
	case ScopeBody:
		return m.BodyID == f.scope.ID
	case ScopeMunicipality:
		p := f.ix.Partnerships[b.PartnershipID]
		return p != nil && p.IsMemberOn(f.scope.ID, m.Date())
	case ScopePerson:
		if b.SecretaryID == f.scope.ID {
			return true
		}
		for _, s := range f.ix.MeetingSeats(m) {
			if s.Attends() && s.Attendee().ID == f.scope.ID {
				return true
			}
		}
	}
	return false
}

// coversDeadline reports whether deadline d of meeting m belongs in the
// feed.
func (f *feed) coversDeadline(d *domain.Deadline, m *domain.Meeting) bool {
	if !f.audiences[d.Audience] || m.IsCancelled() || d.Due.IsZero() {
		return false
	}
	// The meeting itself, and a preparatory meeting that exists as a real
	// AO meeting, are events of their own, not deadlines.
	if d.Kind == domain.KindMeeting || (d.Kind == domain.KindVooroverleg && m.PreparedByMeetingID != 0) {
		return false
	}
	b := f.ix.Bodies[m.BodyID]
	if b == nil {
		return false
	}
	switch f.scope.Kind {
	case ScopeBody:
		return m.BodyID == f.scope.ID
	case ScopeMunicipality:
		if d.MunicipalityID != 0 {
			return d.MunicipalityID == f.scope.ID
		}
		p := f.ix.Partnerships[b.PartnershipID]
		return p != nil && p.IsMemberOn(f.scope.ID, m.Date())
	case ScopePerson:
		per := f.ix.People[f.scope.ID]
		if per == nil {
			return false
		}
		if d.MunicipalityID != 0 && per.MunicipalityID != 0 && d.MunicipalityID != per.MunicipalityID {
			return false
		}
		if b.SecretaryID == per.ID || hasSeat(b, per.ID, m.Date()) {
			return true
		}
		prep := f.ix.Bodies[b.PreparedByID]
		return prep != nil && hasSeat(prep, per.ID, m.Date())
	}
	return false
}

// hasSeat reports whether person id holds a seat in b on d.
func hasSeat(b *domain.Body, id int64, d date.Date) bool {
	for _, s := range b.Members {
		if s.PersonID == id && s.ActiveOn(d) {
			return true
		}
	}
	return false
}

// meetingEvent returns the feed VEVENT of meeting m, in f's scratch event
// (valid until the next event).
func (f *feed) meetingEvent(m *domain.Meeting) (*goical.Component, error) {
	body, err := f.checkMeeting(m)
	if err != nil {
		return nil, err
	}
	org, _ := f.organiser(body, false)
	pub := documents.PublicMeeting(*m, f.lang)
	ev := f.renderer.meetingEvent(&pub, body, m.Sequence, org)
	if m.IsCancelled() {
		setRaw(ev, goical.PropStatus, "CANCELLED")
		setRaw(ev, goical.PropTransparency, "TRANSPARENT") // no longer blocks the time
		setText(ev, goical.PropSummary, i18n.In(f.lang, "ical.summary.cancelled", summaryText(body.Name)))
		setRaw(ev, goical.PropDescription, f.desc.cancelled(&pub, body))
	} else {
		setRaw(ev, goical.PropStatus, "CONFIRMED")
		setRaw(ev, goical.PropDescription, f.desc.meeting(&pub, body))
	}
	return ev, nil
}

// deadlineEvent returns the all-day VEVENT of deadline d with UID uid, in
// f's scratch event (valid until the next event).
func (f *feed) deadlineEvent(d *domain.Deadline, m *domain.Meeting, uid string) (*goical.Component, error) {
	body, err := f.checkMeeting(m)
	if err != nil {
		return nil, err
	}
	gem := f.ix.Municipalities[d.MunicipalityID]
	ev := f.scratchEvent()
	setRaw(ev, goical.PropUID, uid)
	// The deadline moves with its meeting, so it follows its sequence.
	setRaw(ev, goical.PropSequence, strconv.Itoa(m.Sequence))
	setRaw(ev, goical.PropDateTimeStamp, f.stamp)
	setDate(ev, goical.PropDateTimeStart, d.Due)
	setDate(ev, goical.PropDateTimeEnd, d.Due.AddDays(1))
	name := summaryText(d.Name)
	if gem != nil {
		setText(ev, goical.PropSummary, i18n.In(f.lang, "ical.deadline.summary.municipality", name, summaryText(body.Name), gem.Name))
	} else {
		setText(ev, goical.PropSummary, i18n.In(f.lang, "ical.deadline.summary", name, summaryText(body.Name)))
	}
	setText(ev, goical.PropDescription, f.deadlineDescription(d, m, body, gem))
	setRaw(ev, goical.PropStatus, "CONFIRMED")
	// A deadline is a reminder, not an appointment: it must not make the
	// whole day look busy to colleagues planning a meeting.
	setRaw(ev, goical.PropTransparency, "TRANSPARENT")
	setRaw(ev, "X-MICROSOFT-CDO-BUSYSTATUS", "FREE")
	setRaw(ev, "X-MICROSOFT-CDO-ALLDAYEVENT", "TRUE")
	setText(ev, goical.PropRelatedTo, m.UID)
	if org, _ := f.organiser(body, false); org.email != "" {
		p := newProp(goical.PropOrganizer, "mailto:"+org.email)
		if cn := paramText(org.name); cn != "" {
			setParam(p, goical.ParamCommonName, cn)
		}
		ev.Props.Set(p)
	}
	return ev, nil
}

func (f *feed) deadlineDescription(d *domain.Deadline, m *domain.Meeting, body *domain.Body, gem *domain.Municipality) string {
	lines := []string{
		i18n.In(f.lang, "ical.deadline.for", summaryText(body.Name), longDate(f.lang, m.Date())),
		i18n.In(f.lang, "ical.deadline.audience", i18n.In(f.lang, "domain.audience."+string(d.Audience))),
	}
	if gem != nil {
		lines = append(lines, i18n.In(f.lang, "ical.deadline.municipality", gem.Name))
	}
	if d.Status != "" && d.Status != domain.DeadlineOK {
		st := i18n.In(f.lang, "domain.deadlinestatus."+string(d.Status))
		if r := strings.TrimSpace(d.Reason); r != "" {
			st += " — " + r
		}
		lines = append(lines, i18n.In(f.lang, "ical.deadline.status", st))
	}
	if d.Status != "" {
		lines = append(lines, i18n.In(f.lang, "ical.deadline.slack", d.Slack))
	}
	return strings.Join(lines, "\n")
}

// municipalityKey identifies gemeente id in a deadline UID: the CBS code,
// which is national and survives an export and import into another
// database, else the database ID; "" for a deadline of every gemeente.
func municipalityKey(id int64, g *domain.Municipality) string {
	switch {
	case id == 0:
		return ""
	case g != nil && g.CBSCode != "":
		return g.CBSCode
	}
	return "id:" + strconv.FormatInt(id, 10)
}

// deadlineUID derives a deadline's UID from what identifies it: the
// meeting, the rule and the gemeente. Hashing keeps the UID short and
// free of the characters a user may type in a rule key.
func deadlineUID(meetingUID, ruleKey, municipality string) string {
	h := sha256.Sum256([]byte(meetingUID + "\x00" + ruleKey + "\x00" + municipality))
	return "deadline-" + hex.EncodeToString(h[:16]) + "@overlegplanner"
}

var hexColor = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// color returns the partnership colour of a body feed for Apple Calendar,
// which otherwise picks one at random; "" for other feeds.
func (f *feed) color() string {
	if f.scope.Kind != ScopeBody {
		return ""
	}
	b := f.ix.Bodies[f.scope.ID]
	if b == nil {
		return ""
	}
	if p := f.ix.Partnerships[b.PartnershipID]; p != nil && hexColor.MatchString(p.Color) {
		return strings.ToUpper(p.Color)
	}
	return ""
}
