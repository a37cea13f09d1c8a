package ical

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	goical "github.com/emersion/go-ical"
)

// withdrawal is the CANCEL for Cor van Damme of Veere, whose gemeente
// left the partnership, as the delivery package sends it.
func withdrawal(t testing.TB) (InviteInput, []Attendee, []byte) {
	t.Helper()
	in := inviteInput(fixture())
	in.Meeting.Sequence = 3
	removed := []Attendee{{Name: `Cor "Kees" van Damme`, Email: "c.vandamme@veere.nl"}}
	return in, removed, must(t)(Withdraw(in, removed, "U staat niet meer op de lijst; Veere is geen lid meer."))
}

func TestWithdraw(t *testing.T) {
	in, _, b := withdrawal(t)
	cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if got := cal.Props.Get(goical.PropMethod).Value; got != "CANCEL" {
		t.Errorf("METHOD %s", got)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	ev := evs[0]
	tests := []struct{ prop, want string }{
		{goical.PropUID, in.Meeting.UID},
		{goical.PropSequence, "3"}, // the current one: removing someone raises nothing
		{goical.PropStatus, ""},    // STATUS:CANCELLED would cancel the meeting for all
		{goical.PropTransparency, "TRANSPARENT"},
	}
	for _, tt := range tests {
		got := ""
		if p := ev.Props.Get(tt.prop); p != nil {
			got = p.Value
		}
		if got != tt.want {
			t.Errorf("%s = %q, want %q", tt.prop, got, tt.want)
		}
	}
	atts := ev.Props.Values(goical.PropAttendee)
	if len(atts) != 1 || atts[0].Value != "mailto:c.vandamme@veere.nl" || atts[0].Params.Get(goical.ParamRSVP) != "FALSE" {
		t.Errorf("attendees %+v, want only the removed person without RSVP", atts)
	}
	desc := unescapeText(ev.Props.Get(goical.PropDescription).Value)
	if !strings.HasPrefix(desc, "U staat niet meer op de lijst; Veere is geen lid meer.\n\nPHO Jeugd Walcheren") {
		t.Errorf("description %q", desc)
	}
	if strings.Contains(strings.ToUpper(unescapeText(string(unfold(b)))), secret) {
		t.Error("a withdrawal leaks confidential content")
	}
}

func TestWithdrawRefusesNobody(t *testing.T) {
	in := inviteInput(fixture())
	for _, removed := range [][]Attendee{nil, {{Name: "Zonder adres"}}, {{Email: "geen adres"}}} {
		if _, err := Withdraw(in, removed, "x"); !errors.Is(err, ErrIncomplete) {
			t.Errorf("%+v: %v, want ErrIncomplete", removed, err)
		}
	}
}

// TestWithdrawPeers has ical.js and python3-icalendar read the
// withdrawal: a CANCEL without STATUS, with only the removed attendee.
func TestWithdrawPeers(t *testing.T) {
	ps := peers(t)
	in, _, b := withdrawal(t)
	file := filepath.Join(t.TempDir(), "withdraw.ics")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	want := wantInvite(in.Index, in.Meeting, MethodCancel, 3, fixedNow)
	ev := &want.Events[0]
	ev.Status = ""
	ev.Attendees = []peerAttendee{{Address: "mailto:c.vandamme@veere.nl", CN: paramText(`Cor "Kees" van Damme`),
		Role: roleNonParticipant, PartStat: partNeedsAction, RSVP: "FALSE"}}
	var w textWriter
	w.text("U staat niet meer op de lijst; Veere is geen lid meer.")
	w.newline()
	w.newline()
	newDescriber(in.Index, "nl").header(&w, &in.Meeting, in.Index.Bodies[in.Meeting.BodyID])
	ev.Description = unescapeText(w.String())
	for _, p := range ps {
		t.Run(p.name, func(t *testing.T) {
			got := runPeer(t, p, file)
			for i := range got.Events {
				got.Events[i].StartViaVTZ, got.Events[i].EndViaVTZ = "", ""
			}
			compareCalendars(t, got, want)
		})
	}
}
