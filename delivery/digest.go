package delivery

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
)

// DefaultDigestDays is how many working days ahead a digest looks when
// DigestInput.Days is zero: two weeks, long enough to prepare a stuk and
// have it through a college meeting.
const DefaultDigestDays = 10

// ActionDigest is the action of a digest that goes out.
const ActionDigest Action = "digest"

// DigestInput is what the deadline digests are made from.
type DigestInput struct {
	// Planner computes the deadlines and who they concern.
	Planner *planning.Planner
	// Meetings are meetings with their agenda (store.Meeting) that
	// replace the Planner's headers when finding who is concerned: the
	// steller of an item is only known from the agenda. Optional.
	Meetings []domain.Meeting
	// Today is the first day of the digest.
	Today date.Date
	// Days is how many working days ahead to look; 0 means
	// DefaultDigestDays.
	Days int
	// Municipalities limits the digests to these gemeenten; nil means
	// every gemeente.
	Municipalities []int64
	// Log is the send log of digests (store.SendLog with Kind digest);
	// a digest already delivered today with the same content is not sent
	// again, so running the job twice sends nothing twice.
	Log []domain.SendRecord
	// Lang is the language of the messages; "" means the active one.
	Lang i18n.Lang
	// Now is the Date of the messages; zero means time.Now().
	Now time.Time
}

// DigestEntry is one deadline in a digest.
type DigestEntry struct {
	Deadline     domain.Deadline
	Meeting      *domain.Meeting
	Body         string // the body's name
	Municipality string // the gemeente of a per-gemeente deadline, else ""
}

// Digest is one ambtenaar's reminder: what is due for their gemeente in
// the coming working days.
type Digest struct {
	Name, Email    string
	PersonID       int64
	MunicipalityID int64
	Municipality   string
	Entries        []DigestEntry // by due date, then meeting
	// Action is ActionDigest, or ActionNone when the same digest was
	// already delivered today.
	Action Action
	Reason i18n.Message
	// UID is the send-log key of this gemeente's digests; Hash
	// identifies the content.
	UID, Hash string
}

// DigestPlan is the digests of one day.
type DigestPlan struct {
	Today, Until date.Date // the period: Until is Days working days after Today
	Days         int
	Digests      []Digest // by gemeente, then name

	in   DigestInput
	lang i18n.Lang
}

// PlanDigests works out the digests of in.Today: for every deadline of
// the ambtenaren or the college due from Today to Days working days
// later, the ambtenaren of each gemeente it concerns
// (planning.Planner.Concerned: the stellers of the meeting's items and the
// gemeente's members of the preparing AO) each get it in their digest.
func PlanDigests(in DigestInput) (*DigestPlan, error) {
	if in.Planner == nil {
		return nil, i18n.Errorf(ErrInput, "delivery.err.noplanner")
	}
	if in.Today.IsZero() {
		return nil, i18n.Errorf(ErrInput, "delivery.err.nodate")
	}
	if in.Days <= 0 {
		in.Days = DefaultDigestDays
	}
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	lang := in.Lang
	if lang == "" {
		lang = i18n.Current()
	}
	p := &DigestPlan{Today: in.Today, Days: in.Days, in: in, lang: lang}
	p.Until = in.Planner.Calendar().AddWorkdays(in.Today, in.Days)
	ix := in.Planner.Index()
	full := map[int64]*domain.Meeting{}
	for i := range in.Meetings {
		full[in.Meetings[i].ID] = &in.Meetings[i]
	}
	only := map[int64]bool{}
	for _, id := range in.Municipalities {
		only[id] = true
	}
	type key struct{ person, mun int64 }
	digests := map[key]*Digest{}
	for _, d := range in.Planner.AllDeadlines(in.Today, p.Until) {
		if d.Audience != domain.AudienceAmbtenaren && d.Audience != domain.AudienceCollege {
			continue
		}
		m := full[d.MeetingID]
		if m == nil {
			m = ix.Meetings[d.MeetingID]
		}
		if m == nil || ix.Bodies[m.BodyID] == nil {
			continue
		}
		body := ix.Bodies[m.BodyID]
		var muns []*domain.Municipality
		if d.MunicipalityID != 0 {
			muns = []*domain.Municipality{ix.Municipalities[d.MunicipalityID]}
		} else {
			muns = ix.MemberMunicipalities(body, m.Date())
		}
		for _, g := range muns {
			if g == nil || (len(only) > 0 && !only[g.ID]) {
				continue
			}
			entry := DigestEntry{Deadline: d, Meeting: m, Body: body.Name}
			if d.MunicipalityID != 0 {
				entry.Municipality = g.Name
			}
			for _, id := range in.Planner.Concerned(m, domain.AudienceAmbtenaren, g.ID) {
				per := ix.People[id]
				if per == nil || !validAddress(per.Email) {
					continue
				}
				k := key{per.ID, g.ID}
				dg := digests[k]
				if dg == nil {
					dg = &Digest{Name: per.Name, Email: per.Email, PersonID: per.ID, MunicipalityID: g.ID, Municipality: g.Name,
						UID: digestUID(g)}
					digests[k] = dg
				}
				dg.Entries = append(dg.Entries, entry)
			}
		}
	}
	for _, dg := range digests {
		dg.Hash = digestHash(dg.Entries)
		dg.Action, dg.Reason = ActionDigest, digestReason(len(dg.Entries))
		if sentToday(in.Log, dg, domain.DateOf(in.Now)) {
			dg.Action, dg.Reason = ActionNone, i18n.M("delivery.reason.digestsent")
		}
		p.Digests = append(p.Digests, *dg)
	}
	sort.Slice(p.Digests, func(i, j int) bool {
		a, b := p.Digests[i], p.Digests[j]
		if a.Municipality != b.Municipality {
			return a.Municipality < b.Municipality
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Email < b.Email
	})
	return p, nil
}

// digestReason says how many deadlines a digest lists: "1 deadline",
// "3 deadlines". A digest is only made for a deadline, so n is at least 1.
func digestReason(n int) i18n.Message {
	if n == 1 {
		return i18n.M("delivery.reason.digest.one", n)
	}
	return i18n.M("delivery.reason.digest.other", n)
}

// digestUID is the send-log key of a gemeente's digests.
func digestUID(g *domain.Municipality) string {
	if g.CBSCode != "" {
		return "digest:" + g.CBSCode
	}
	return fmt.Sprintf("digest:%d", g.ID)
}

// digestHash identifies what a digest lists.
func digestHash(es []DigestEntry) string {
	h := sha256.New()
	for _, e := range es {
		d := e.Deadline
		fmt.Fprintf(h, "%d|%s|%d|%s|%s|%s\n", d.MeetingID, d.RuleKey, d.MunicipalityID, d.Due, d.Status, d.Name)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// sentToday reports whether the same digest was delivered to the same
// address on day.
func sentToday(log []domain.SendRecord, dg *Digest, day date.Date) bool {
	for _, r := range log {
		if r.Kind == domain.SendDigest && r.UID == dg.UID && strings.EqualFold(r.Email, dg.Email) &&
			r.Result.Delivered() && r.ContentHash == dg.Hash && domain.DateOf(r.At) == day {
			return true
		}
	}
	return false
}

// Pending returns the digests that go out.
func (p *DigestPlan) Pending() []Digest {
	var out []Digest
	for _, d := range p.Digests {
		if d.Action != ActionNone {
			out = append(out, d)
		}
	}
	return out
}

// Messages renders one message per digest that goes out.
func (p *DigestPlan) Messages() ([]*Message, error) {
	ds := p.in.Planner.Dataset()
	from := Address{Name: ds.Settings.OrganiserName, Email: ds.Settings.OrganiserEmail}
	if ds.Settings.SMTP.From != "" {
		from.Email = ds.Settings.SMTP.From
	}
	var replyTo []Address
	if ds.Settings.OrganiserEmail != "" && !strings.EqualFold(ds.Settings.OrganiserEmail, from.Email) {
		replyTo = []Address{{Name: ds.Settings.OrganiserName, Email: ds.Settings.OrganiserEmail}}
	}
	var out []*Message
	for _, dg := range p.Pending() {
		msg := &Message{From: from, ReplyTo: replyTo, Date: p.in.Now, To: []Address{{Name: dg.Name, Email: dg.Email}},
			Subject: i18n.In(p.lang, "delivery.subject.digest", dg.Municipality, dayMonth(p.lang, p.Until))}
		msg.Text, msg.HTML = p.body(dg, from)
		msg.Records = []domain.SendRecord{{UID: dg.UID, Kind: domain.SendDigest, Email: dg.Email, Name: dg.Name,
			PersonID: dg.PersonID, ContentHash: dg.Hash}}
		out = append(out, msg)
	}
	return out, nil
}

// body writes a digest: the deadlines grouped by due date, each with its
// meeting and, when it is krap or onhaalbaar, the reason.
func (p *DigestPlan) body(dg Digest, from Address) (string, string) {
	lang := p.lang
	var w bodyWriter
	w.para(i18n.In(lang, "delivery.digest.lead", dg.Municipality, p.Days, longDate(lang, p.Until)))
	var day date.Date
	for _, e := range dg.Entries {
		d := e.Deadline
		if d.Due != day {
			day = d.Due
			w.heading(longDate(lang, day))
		}
		title := d.Name
		if e.Municipality != "" {
			title = e.Municipality + ": " + title
		}
		var details [][2]string
		details = append(details, [2]string{i18n.In(lang, "delivery.digest.meeting"),
			e.Body + ", " + shortDate(lang, e.Meeting.Date()) + " " + clockOf(e.Meeting.Start)})
		if d.Status != domain.DeadlineOK && d.Status != "" {
			details = append(details, [2]string{i18n.In(lang, "delivery.digest.status."+string(d.Status)), d.Reason})
		}
		w.bullet(title, details)
	}
	w.footer(i18n.In(lang, "delivery.digest.footer", from.Name, from.Email))
	return w.text(), w.html(lang)
}

// clockOf is the Amsterdam wall-clock time of t.
func clockOf(t time.Time) string { return i18n.Clock(t.In(domain.Amsterdam())) }
