package delivery

import (
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
)

// actions summarises a plan as "email action held→seq variant".
func actions(p *Plan) []string {
	var out []string
	for _, r := range p.Recipients {
		e := r.Email
		if e == "" {
			e = r.Name
		}
		s := e + " " + string(r.Action)
		if r.Pending() {
			s += " " + itoa(r.Held) + "→" + itoa(r.Sequence)
		}
		if r.Variant != VariantNone {
			s += " " + string(r.Variant)
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func itoa(n int) string {
	if n < 0 {
		return "-"
	}
	return strconv.Itoa(n)
}

func TestFirstPlan(t *testing.T) {
	ds := fixture()
	p := planFor(t, ds, mPHO, nil)
	got := actions(p)
	wantAll := []string{
		"a.dewit@middelburg.nl invite -→0 full",
		"b.pietersen@vlissingen.nl invite -→0 full",
		"c.vandamme@veere.nl invite -→0 full",
		"g.zeeuw@ggdzeeland.nl invite -→0 public",
	}
	if !reflect.DeepEqual(got, wantAll) {
		t.Errorf("first plan:\n got %q\nwant %q", got, wantAll)
	}
	if p.Sequence != 0 || p.Cancelled || p.UID != "pho-2026-11-23@overlegplanner" {
		t.Errorf("plan header %+v", p)
	}
	if p.Title != "PHO Jeugd Walcheren, ma 23-11-2026 14:00" {
		t.Errorf("title %q", p.Title)
	}
	// The secretary organises: she is ORGANIZER, not a recipient.
	for _, r := range p.Recipients {
		if r.PersonID == pSaskia {
			t.Error("the organiser is a recipient")
		}
	}
}

// TestNoAddress: a seat without a usable address is listed, with the
// reason, and gets nothing.
func TestNoAddress(t *testing.T) {
	ds := fixture()
	ds.People[pBram-1].Email = "bram at vlissingen"
	p := planFor(t, ds, mPHO, nil)
	var found bool
	for _, r := range p.Recipients {
		if r.PersonID == pBram {
			found = true
			if r.Action != ActionNone || r.Reason.Key != "delivery.reason.noemail" {
				t.Errorf("Bram without address: %+v", r)
			}
		}
	}
	if !found {
		t.Error("a seat without address is not listed")
	}
}

// TestPlanAfterChanges is the heart of delivery: after a first send,
// each change reaches exactly the people it concerns.
func TestPlanAfterChanges(t *testing.T) {
	tests := []struct {
		name   string
		change func(ds *domain.Dataset, m *domain.Meeting)
		want   []string
	}{
		{"nothing changed", func(ds *domain.Dataset, m *domain.Meeting) {}, []string{
			"a.dewit@middelburg.nl none full", "b.pietersen@vlissingen.nl none full",
			"c.vandamme@veere.nl none full", "g.zeeuw@ggdzeeland.nl none public"}},
		{"moved: the store raised the sequence", func(ds *domain.Dataset, m *domain.Meeting) {
			m.Start, m.End, m.Sequence = m.Start.Add(time.Hour), m.End.Add(time.Hour), 1
		}, []string{
			"a.dewit@middelburg.nl update 0→1 full", "b.pietersen@vlissingen.nl update 0→1 full",
			"c.vandamme@veere.nl update 0→1 full", "g.zeeuw@ggdzeeland.nl update 0→1 public"}},
		{"a new member joins the body", func(ds *domain.Dataset, m *domain.Meeting) {
			ds.Bodies[0].Members = append(ds.Bodies[0].Members, domain.BodyMember{PersonID: pIna, Role: domain.RoleLid})
		}, []string{
			"a.dewit@middelburg.nl none full", "b.pietersen@vlissingen.nl none full",
			"c.vandamme@veere.nl none full", "g.zeeuw@ggdzeeland.nl none public",
			"i.vos@vlissingen.nl invite -→0 full"}},
		{"a member's seat ends", func(ds *domain.Dataset, m *domain.Meeting) {
			ds.Bodies[0].Members[1].Until = date.MustParse("2026-11-01")
		}, []string{
			"a.dewit@middelburg.nl none full", "b.pietersen@vlissingen.nl withdraw 0→0",
			"c.vandamme@veere.nl none full", "g.zeeuw@ggdzeeland.nl none public"}},
		{"the gemeente leaves the partnership", func(ds *domain.Dataset, m *domain.Meeting) {
			ds.Partnerships[0].Members[2].Until = date.MustParse("2026-11-01")
		}, []string{
			"a.dewit@middelburg.nl none full", "b.pietersen@vlissingen.nl none full",
			"c.vandamme@veere.nl withdraw 0→0", "g.zeeuw@ggdzeeland.nl none public"}},
		{"a member sends a substitute", func(ds *domain.Dataset, m *domain.Meeting) {
			m.Attendance = []domain.Attendance{{PersonID: pBram, Status: domain.AttendanceVervangen, SubstituteID: pIna}}
		}, []string{
			"a.dewit@middelburg.nl none full", "b.pietersen@vlissingen.nl none full",
			"c.vandamme@veere.nl none full", "g.zeeuw@ggdzeeland.nl none public",
			"i.vos@vlissingen.nl invite -→0 full"}},
		{"a member sends apologies: nobody needs a message", func(ds *domain.Dataset, m *domain.Meeting) {
			m.Attendance = []domain.Attendance{{PersonID: pCor, Status: domain.AttendanceAfgemeld, Note: "ziek"}}
		}, []string{
			"a.dewit@middelburg.nl none full", "b.pietersen@vlissingen.nl none full",
			"c.vandamme@veere.nl none full", "g.zeeuw@ggdzeeland.nl none public"}},
		{"a public item is added: everyone gets the new agenda", func(ds *domain.Dataset, m *domain.Meeting) {
			m.Items = append(m.Items, domain.AgendaItem{ID: 9, Position: 5, Title: "Sluiting", Kind: domain.ItemSluiting})
		}, []string{
			"a.dewit@middelburg.nl agenda 0→0 full", "b.pietersen@vlissingen.nl agenda 0→0 full",
			"c.vandamme@veere.nl agenda 0→0 full", "g.zeeuw@ggdzeeland.nl agenda 0→0 public"}},
		{"a confidential proposal changes: only the full agenda's readers", func(ds *domain.Dataset, m *domain.Meeting) {
			m.Items[1].Proposal = "Niet in te stemmen met " + secret
		}, []string{
			"a.dewit@middelburg.nl agenda 0→0 full", "b.pietersen@vlissingen.nl agenda 0→0 full",
			"c.vandamme@veere.nl agenda 0→0 full", "g.zeeuw@ggdzeeland.nl none public"}},
		{"an address changes", func(ds *domain.Dataset, m *domain.Meeting) {
			ds.People[pAnna-1].Email = "anna.dewit@middelburg.nl"
		}, []string{
			"a.dewit@middelburg.nl none", "anna.dewit@middelburg.nl invite -→0 full",
			"b.pietersen@vlissingen.nl none full", "c.vandamme@veere.nl none full", "g.zeeuw@ggdzeeland.nl none public"}},
		{"cancelled: the store raised the sequence", func(ds *domain.Dataset, m *domain.Meeting) {
			m.Status, m.Sequence = domain.StatusGeannuleerd, 1
			ds.Bodies[0].Members = append(ds.Bodies[0].Members, domain.BodyMember{PersonID: pIna, Role: domain.RoleLid})
		}, []string{
			"a.dewit@middelburg.nl cancel 0→1", "b.pietersen@vlissingen.nl cancel 0→1",
			"c.vandamme@veere.nl cancel 0→1", "g.zeeuw@ggdzeeland.nl cancel 0→1",
			"i.vos@vlissingen.nl none"}}, // never invited: nothing to cancel
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := fixture()
			log := delivered(t, planFor(t, ds, mPHO, nil), fixedNow)
			m := meeting(ds, mPHO)
			tt.change(ds, m)
			p := planFor(t, ds, mPHO, log)
			if got := actions(p); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
			// Sending the plan and planning again: nothing left to do.
			log = append(log, delivered(t, p, fixedNow.Add(time.Hour))...)
			again := planFor(t, ds, mPHO, log)
			if n := len(again.Pending()); n != 0 {
				t.Errorf("after sending the plan, %d still pending: %q", n, actions(again))
			}
		})
	}
}

// TestReasons: the preview says why, in the user's language.
func TestReasons(t *testing.T) {
	ds := fixture()
	log := delivered(t, planFor(t, ds, mPHO, nil), fixedNow)
	ds.Partnerships[0].Members[2].Until = date.MustParse("2026-11-01")
	ds.Bodies[0].Members[1].Until = date.MustParse("2026-11-01")
	m := meeting(ds, mPHO)
	m.Start, m.End, m.Sequence = m.Start.Add(time.Hour), m.End.Add(time.Hour), 1
	p := planFor(t, ds, mPHO, log)
	want := map[string]string{
		"a.dewit@middelburg.nl":     "heeft versie 0, nu versie 1",
		"b.pietersen@vlissingen.nl": "zit niet meer in PHO Jeugd Walcheren",
		"c.vandamme@veere.nl":       "Veere is geen lid meer van Jeugd Walcheren",
	}
	for _, r := range p.Recipients {
		if w, ok := want[r.Email]; ok {
			if got := r.Reason.In(i18n.Dutch); got != w {
				t.Errorf("%s: reason %q, want %q", r.Email, got, w)
			}
		}
	}
	if got := p.Recipients[0].Action.Label(); got == "" || strings.HasPrefix(got, "delivery.") {
		t.Errorf("action label %q", got)
	}
}

// TestFailedIsNotDelivered: a failed attempt leaves the person without
// the message, so the next plan tries again.
func TestFailedIsNotDelivered(t *testing.T) {
	ds := fixture()
	log := delivered(t, planFor(t, ds, mPHO, nil), fixedNow)
	for i := range log {
		if log[i].Email == "c.vandamme@veere.nl" {
			log[i].Result, log[i].Error = domain.ResultFailed, "de server weigert het adres"
		}
	}
	p := planFor(t, ds, mPHO, log)
	for _, r := range p.Recipients {
		want := ActionNone
		if r.Email == "c.vandamme@veere.nl" {
			want = ActionInvite
		}
		if r.Action != want {
			t.Errorf("%s: %s, want %s", r.Email, r.Action, want)
		}
	}
}

// TestResend sends the current version to everyone who holds it.
func TestResend(t *testing.T) {
	ds := fixture()
	log := delivered(t, planFor(t, ds, mPHO, nil), fixedNow)
	p := planFor(t, ds, mPHO, log, func(in *PlanInput) { in.Resend = true })
	if n := p.Count(ActionAgenda); n != 4 {
		t.Errorf("resend: %d agenda messages, want 4: %q", n, actions(p))
	}
}

// TestWithdrawnThenBack: someone withdrawn and added again gets a new
// invitation, and a later cancellation only reaches those who hold one.
func TestWithdrawnThenBack(t *testing.T) {
	ds := fixture()
	log := delivered(t, planFor(t, ds, mPHO, nil), fixedNow)
	ds.Bodies[0].Members[1].Until = date.MustParse("2026-11-01")
	log = append(log, delivered(t, planFor(t, ds, mPHO, log), fixedNow.Add(time.Hour))...)
	ds.Bodies[0].Members[1].Until = 0
	p := planFor(t, ds, mPHO, log)
	for _, r := range p.Recipients {
		if r.Email == "b.pietersen@vlissingen.nl" && (r.Action != ActionInvite || r.Reason.Key != "delivery.reason.again") {
			t.Errorf("back on the list: %+v", r)
		}
	}
	// Withdrawn again, then the meeting is cancelled: no cancellation for
	// someone whose calendar no longer has it.
	ds.Bodies[0].Members[1].Until = date.MustParse("2026-11-01")
	log = append(log, delivered(t, planFor(t, ds, mPHO, log), fixedNow.Add(2*time.Hour))...)
	m := meeting(ds, mPHO)
	m.Status, m.Sequence = domain.StatusGeannuleerd, 1
	p = planFor(t, ds, mPHO, log)
	for _, r := range p.Recipients {
		if r.Email == "b.pietersen@vlissingen.nl" && r.Action != ActionNone {
			t.Errorf("withdrawn, then cancelled: %+v", r)
		}
	}
	if n := p.Count(ActionCancel); n != 3 {
		t.Errorf("%d cancellations, want 3: %q", n, actions(p))
	}
}

// TestMembershipOnTheMeetingDate: for the January meeting Veere is no
// longer a member, so Cor is not invited at all.
func TestMembershipOnTheMeetingDate(t *testing.T) {
	p := planFor(t, fixture(), mPHOJan, nil)
	for _, r := range p.Recipients {
		if r.PersonID == pCor {
			t.Errorf("Cor of Veere is invited after Veere left: %+v", r)
		}
	}
	if n := len(p.Pending()); n != 3 {
		t.Errorf("%d invitations, want 3: %q", n, actions(p))
	}
}

func TestPlanErrors(t *testing.T) {
	if _, err := PlanMeeting(PlanInput{}); err == nil {
		t.Error("no planner accepted")
	}
	ds := fixture()
	meeting(ds, mPHO).UID = ""
	in := PlanInput{Planner: planning.NewPlanner(ds), Meeting: *meeting(ds, mPHO)}
	if _, err := PlanMeeting(in); err == nil || !strings.Contains(i18n.UserMessage(err), "UID") {
		t.Errorf("meeting without UID: %v", err)
	}
}
