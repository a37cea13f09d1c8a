package delivery

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/documents"
	"github.com/overlegplanner/overlegplanner/documents/ical"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
)

// ErrInput is the cause of errors about what Plan and PlanDigests were
// given (no planner, a meeting without a UID).
var ErrInput = errors.New("delivery: onvolledige invoer")

// Action is what one person gets from a send.
type Action string

// The actions of a plan.
const (
	ActionNone     Action = "none"     // nothing: they hold the current version, or cannot be reached
	ActionInvite   Action = "invite"   // a first invitation (REQUEST)
	ActionUpdate   Action = "update"   // the invitation with a higher SEQUENCE (REQUEST)
	ActionAgenda   Action = "agenda"   // the same SEQUENCE with a new agenda (REQUEST)
	ActionCancel   Action = "cancel"   // the meeting is cancelled (CANCEL, STATUS:CANCELLED)
	ActionWithdraw Action = "withdraw" // no longer invited, the meeting goes on (CANCEL for them only)
)

// Label returns the action in the active language, for a preview.
func (a Action) Label() string { return i18n.T("delivery.action." + string(a)) }

// kind is the send-log kind of a message with action a.
func (a Action) kind() domain.SendKind {
	switch a {
	case ActionCancel:
		return domain.SendCancel
	case ActionWithdraw:
		return domain.SendWithdraw
	}
	return domain.SendRequest
}

// Mode says how the messages of a plan are addressed.
type Mode string

// The modes. One message per recipient is the default: nobody sees the
// others' addresses, and a refused address fails only its own message.
// Together sends one message per kind of message to everyone who gets it,
// as a secretariat writing by hand would.
const (
	PerRecipient Mode = "per-recipient"
	Together     Mode = "together"
)

// Variant is which agenda a recipient gets attached.
type Variant string

// The agenda variants. Members, their substitutes and the secretariat
// get the full agenda; advisers (often from outside the gemeenten: the
// GGD, the province) the public one, without confidential content.
// Cancellations carry no agenda.
const (
	VariantNone   Variant = ""
	VariantFull   Variant = "full"
	VariantPublic Variant = "public"
)

// PlanInput is what a meeting's plan is made from.
type PlanInput struct {
	// Planner is the dataset as the planning engine sees it: the index,
	// the settings, and the next meeting's deadlines for the agenda.
	Planner *planning.Planner
	// Meeting is the meeting with its agenda (store.Meeting), in its
	// current state: the store has raised its Sequence after a change.
	Meeting domain.Meeting
	// Log is the send log of the meeting's UID (store.SendLog), oldest
	// first.
	Log []domain.SendRecord
	// Mode is PerRecipient (the default) or Together.
	Mode Mode
	// Resend sends the current version again to every attendee who holds
	// it (a lost mail, a reminder): the same SEQUENCE, a new DTSTAMP.
	Resend bool
	// Lang is the language of the messages; "" means the active one.
	Lang i18n.Lang
	// Now is the time the messages are made: their Date, DTSTAMP and the
	// PDF's creation date. Zero means time.Now().
	Now time.Time
}

// Recipient is one person in a plan: who, what they get and why.
type Recipient struct {
	Name     string
	Email    string // "" for a seat without a usable address
	PersonID int64  // 0 when the person is no longer in the data
	Action   Action
	// Held is the SEQUENCE of the invitation the person holds, -1 when
	// they hold none; Sequence is the one the message carries.
	Held, Sequence int
	// Variant is the agenda attached to their message.
	Variant Variant
	// Reason says why, for the preview: "nieuw in het overleg", "heeft
	// versie 1, nu versie 2".
	Reason i18n.Message

	attendee ical.Attendee // their ATTENDEE line, for a withdrawal
}

// Pending reports whether the recipient gets a message.
func (r Recipient) Pending() bool { return r.Action != ActionNone }

// Plan is what sending a meeting's invitation now would do, per person.
// It is the preview the user confirms, and a Batch for Send.
type Plan struct {
	MeetingID int64
	UID       string
	Sequence  int  // the meeting's current SEQUENCE
	Cancelled bool // the meeting is cancelled: only cancellations go out
	// Title names the meeting: "PHO Jeugd Zeeland, do 18-03-2027 14:00".
	Title string
	Mode  Mode
	// Recipients lists every attendee and everyone who holds an
	// invitation, in the order of the meeting's seats; those without an
	// action are listed too, so that a preview shows the whole table.
	Recipients []Recipient

	in   PlanInput
	body *domain.Body
	lang i18n.Lang
}

// Pending returns the recipients who get a message.
func (p *Plan) Pending() []Recipient {
	var out []Recipient
	for _, r := range p.Recipients {
		if r.Pending() {
			out = append(out, r)
		}
	}
	return out
}

// Count returns how many recipients get action a.
func (p *Plan) Count(a Action) int {
	n := 0
	for _, r := range p.Recipients {
		if r.Action == a {
			n++
		}
	}
	return n
}

// held is what one address holds of the meeting, from the send log.
type held struct {
	email    string
	name     string
	personID int64
	seq      int    // sequence of the invitation held; -1 none
	hash     string // agenda hash of that invitation
	kind     domain.SendKind
	lastSeq  int  // sequence of the last delivered message of any kind
	invited  bool // ever delivered an invitation
	received bool // anything delivered at all
}

// holdings reads the log: per address (ignoring case), what its last
// delivered message left in the recipient's calendar. Failed attempts
// change nothing: the person does not have what failed to arrive.
func holdings(log []domain.SendRecord, uid string) (map[string]*held, []string) {
	out := map[string]*held{}
	var order []string
	for _, r := range log {
		if r.UID != uid || !r.Result.Delivered() || r.Kind == domain.SendDigest {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(r.Email))
		h := out[key]
		if h == nil {
			h = &held{email: r.Email, seq: -1}
			out[key] = h
			order = append(order, key)
		}
		h.name, h.personID, h.kind, h.lastSeq, h.received = r.Name, r.PersonID, r.Kind, r.Sequence, true
		if r.Kind == domain.SendRequest {
			h.seq, h.hash, h.invited = r.Sequence, r.ContentHash, true
		} else {
			h.seq, h.hash = -1, ""
		}
	}
	return out, order
}

// PlanMeeting works out, for in.Meeting, who gets what (see the package
// documentation). It only reads: nothing is sent or stored.
func PlanMeeting(in PlanInput) (*Plan, error) {
	if in.Planner == nil {
		return nil, i18n.Errorf(ErrInput, "delivery.err.noplanner")
	}
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	if in.Mode == "" {
		in.Mode = PerRecipient
	}
	lang := in.Lang
	if lang == "" {
		lang = i18n.Current()
	}
	ix := in.Planner.Index()
	m := &in.Meeting
	body := ix.Bodies[m.BodyID]
	if body == nil || strings.TrimSpace(m.UID) == "" {
		return nil, i18n.Errorf(ErrInput, "delivery.err.meeting", m.ID)
	}
	p := &Plan{MeetingID: m.ID, UID: m.UID, Sequence: m.Sequence, Cancelled: m.IsCancelled(), Mode: in.Mode,
		Title: meetingTitle(lang, body, m), in: in, body: body, lang: lang}
	inv := p.inviteInput()
	attendees, err := ical.Attendees(inv)
	if err != nil {
		return nil, err
	}
	holds, order := holdings(in.Log, m.UID)
	people := seatPeople(ix, m)
	current := map[string]bool{}
	currentPerson := map[int64]string{}
	for _, a := range attendees {
		key := strings.ToLower(a.Email)
		current[key] = true
		if id := people[key]; id != 0 {
			currentPerson[id] = a.Email
		}
	}
	hashes := map[Variant]string{}
	for _, a := range attendees {
		key := strings.ToLower(a.Email)
		r := Recipient{Name: a.Name, Email: a.Email, PersonID: people[key], Held: -1, Sequence: m.Sequence, attendee: a}
		h := holds[key]
		if h != nil {
			r.Held = h.seq
		}
		if p.Cancelled {
			p.cancelFor(&r, h)
		} else {
			r.Variant = variantOf(a)
			if _, ok := hashes[r.Variant]; !ok {
				hashes[r.Variant] = agendaHash(m, r.Variant, lang)
			}
			p.requestFor(&r, h, hashes[r.Variant])
		}
		p.Recipients = append(p.Recipients, r)
	}
	// Everyone who holds an invitation but is no longer an attendee.
	for _, key := range order {
		h := holds[key]
		if current[key] || !h.received {
			continue
		}
		r := Recipient{Name: h.name, Email: h.email, PersonID: h.personID, Held: h.seq, Sequence: m.Sequence,
			attendee: ical.Attendee{Name: h.name, Email: h.email}}
		switch {
		case p.Cancelled:
			p.cancelFor(&r, h)
		case h.seq < 0:
			continue // cancelled or withdrawn before: nothing left to take away
		case h.personID != 0 && currentPerson[h.personID] != "":
			// The same person at a new address: the new address is
			// invited; the old one is left alone (it may bounce, and it
			// is often the same mailbox under another name).
			r.Action, r.Reason = ActionNone, i18n.M("delivery.reason.moved", currentPerson[h.personID])
		default:
			r.Action, r.Reason = ActionWithdraw, p.whyGone(h)
		}
		p.Recipients = append(p.Recipients, r)
	}
	p.Recipients = append(p.Recipients, unreachable(ix, m, current)...)
	return p, nil
}

// requestFor decides for an attendee of a meeting that goes ahead.
func (p *Plan) requestFor(r *Recipient, h *held, hash string) {
	seq := p.Sequence
	switch {
	case h == nil || h.seq < 0:
		r.Action = ActionInvite
		r.Reason = i18n.M("delivery.reason.new")
		if h != nil && h.invited {
			r.Reason = i18n.M("delivery.reason.again")
		}
	case h.seq < seq:
		r.Action, r.Reason = ActionUpdate, i18n.M("delivery.reason.update", h.seq, seq)
	case p.in.Resend:
		r.Action, r.Reason = ActionAgenda, i18n.M("delivery.reason.resend")
	case h.hash != "" && h.hash != hash:
		r.Action, r.Reason = ActionAgenda, i18n.M("delivery.reason.agenda")
	default:
		r.Action, r.Reason = ActionNone, i18n.M("delivery.reason.current", h.seq)
	}
}

// cancelFor decides for someone of a cancelled meeting: a cancellation
// to whoever received its invitation and has not had the cancellation.
func (p *Plan) cancelFor(r *Recipient, h *held) {
	switch {
	case h == nil || !h.invited:
		r.Action, r.Reason = ActionNone, i18n.M("delivery.reason.never")
	case h.kind == domain.SendWithdraw:
		r.Action, r.Reason = ActionNone, i18n.M("delivery.reason.withdrawn")
	case h.kind == domain.SendCancel && h.lastSeq >= p.Sequence && !p.in.Resend:
		r.Action, r.Reason = ActionNone, i18n.M("delivery.reason.cancelled")
	default:
		r.Action, r.Reason = ActionCancel, i18n.M("delivery.reason.cancel")
	}
}

// whyGone explains why someone who holds an invitation is no longer an
// attendee: their gemeente left the partnership, their seat ended, or
// (a substitute no longer needed, a person removed) they are simply no
// longer on the list.
func (p *Plan) whyGone(h *held) i18n.Message {
	ix := p.in.Planner.Index()
	m := &p.in.Meeting
	d := m.Date()
	per := ix.People[h.personID]
	if per == nil {
		return i18n.M("delivery.reason.gone")
	}
	part := ix.Partnerships[p.body.PartnershipID]
	for _, bm := range p.body.Members {
		if bm.PersonID != per.ID {
			continue
		}
		if bm.ActiveOn(d) && part != nil && per.MunicipalityID != 0 && !part.IsMemberOn(per.MunicipalityID, d) {
			return i18n.M("delivery.reason.municipality", ix.MunicipalityName(per.MunicipalityID), part.Name)
		}
		if !bm.ActiveOn(d) {
			return i18n.M("delivery.reason.seat", p.body.Name)
		}
	}
	return i18n.M("delivery.reason.gone")
}

// unreachable lists the seats that cannot be invited: no usable address.
func unreachable(ix *domain.Index, m *domain.Meeting, current map[string]bool) []Recipient {
	var out []Recipient
	seen := map[int64]bool{}
	for _, s := range ix.MeetingSeats(m) {
		for _, per := range []*domain.Person{s.Person, s.Substitute} {
			if per == nil || seen[per.ID] || current[strings.ToLower(per.Email)] {
				continue
			}
			seen[per.ID] = true
			if validAddress(per.Email) {
				continue // the organiser, whom the invitation names as such
			}
			out = append(out, Recipient{Name: per.Name, Email: per.Email, PersonID: per.ID, Action: ActionNone, Held: -1,
				Sequence: m.Sequence, Reason: i18n.M("delivery.reason.noemail")})
		}
	}
	return out
}

// validAddress reports whether s can be a recipient.
func validAddress(s string) bool {
	return s != "" && domain.ValidateEmail(s) == nil && !strings.ContainsAny(s, " \"<>\\;,:")
}

// seatPeople maps the lower-cased address of every person at the meeting
// (members and substitutes) to their ID.
func seatPeople(ix *domain.Index, m *domain.Meeting) map[string]int64 {
	out := map[string]int64{}
	for _, s := range ix.MeetingSeats(m) {
		for _, per := range []*domain.Person{s.Person, s.Substitute} {
			if per != nil && per.Email != "" {
				out[strings.ToLower(per.Email)] = per.ID
			}
		}
	}
	return out
}

// variantOf returns the agenda an attendee gets: the public one for an
// optional participant (an adviser, or an adviser's substitute), the full
// one for everyone who sits in the body's closed circle.
func variantOf(a ical.Attendee) Variant {
	if a.Role == "OPT-PARTICIPANT" {
		return VariantPublic
	}
	return VariantFull
}

// agendaHash identifies the agenda a recipient of variant v reads: the
// items with what the agenda shows of them. It changes when an item,
// proposal or stuk changes, not when someone sends apologies, so that an
// apology does not make the whole body receive the agenda again.
func agendaHash(m *domain.Meeting, v Variant, lang i18n.Lang) string {
	items := m.Items
	if v != VariantFull {
		items = documents.PublicMeeting(*m, lang).Items
	}
	type doc struct {
		Title, File string
		Version     int
		SHA         string
		In          bool
	}
	type item struct {
		N                int
		Title, Kind, Pro string
		PH               int64
		Docs             []doc
	}
	list := make([]item, 0, len(items))
	for _, it := range items {
		x := item{N: it.Position, Title: it.Title, Kind: string(it.Kind), Pro: it.Proposal, PH: it.PortefeuillehouderID}
		for _, d := range it.Documents {
			x.Docs = append(x.Docs, doc{Title: d.Title, File: d.FileName, Version: d.Version, SHA: d.SHA256, In: !d.ReceivedAt.IsZero()})
		}
		list = append(list, x)
	}
	b, _ := json.Marshal(list) // plain values: cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// inviteInput is the meeting as documents/ical renders it.
func (p *Plan) inviteInput() ical.InviteInput {
	ds := p.in.Planner.Dataset()
	return ical.InviteInput{Meeting: p.in.Meeting, Index: p.in.Planner.Index(), Settings: ds.Settings, Now: p.in.Now, Lang: p.lang}
}
