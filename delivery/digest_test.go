package delivery

import (
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/planning"
)

func digestInput(ds *domain.Dataset) DigestInput {
	return DigestInput{Planner: planning.NewPlanner(ds), Meetings: []domain.Meeting{*meeting(ds, mPHO)},
		Today: date.MustParse("2026-11-02"), Days: 10, Lang: "nl", Now: fixedNow}
}

func TestDigests(t *testing.T) {
	ds := fixture()
	in := digestInput(ds)
	p, err := PlanDigests(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := in.Planner.Calendar().AddWorkdays(in.Today, 10); p.Until != want {
		t.Errorf("until %s, want %s", p.Until, want)
	}
	got := map[string]Digest{}
	for _, d := range p.Digests {
		got[d.Email] = d
	}
	// Eva (Middelburg) and Dirk (Veere) write stukken and sit in the AO;
	// Frank (Vlissingen) sits in the AO but has no address.
	if len(got) != 2 || got["e.jansen@middelburg.nl"].Municipality != "Middelburg" || got["d.ijzerman@veere.nl"].Municipality != "Veere" {
		t.Fatalf("digests for %v", p.Digests)
	}
	for _, d := range p.Digests {
		if d.Action != ActionDigest || len(d.Entries) == 0 {
			t.Errorf("%s: %s with %d entries", d.Email, d.Action, len(d.Entries))
		}
		var last date.Date
		for _, e := range d.Entries {
			dl := e.Deadline
			if dl.Due < p.Today || dl.Due > p.Until || dl.Due < last {
				t.Errorf("%s: %s due %s, outside %s–%s or out of order", d.Email, dl.Name, dl.Due, p.Today, p.Until)
			}
			last = dl.Due
			if dl.Audience != domain.AudienceAmbtenaren && dl.Audience != domain.AudienceCollege {
				t.Errorf("%s: %s is for %s", d.Email, dl.Name, dl.Audience)
			}
			if dl.MunicipalityID != 0 && dl.MunicipalityID != d.MunicipalityID {
				t.Errorf("%s of %s gets a deadline of gemeente %d", d.Email, d.Municipality, dl.MunicipalityID)
			}
		}
	}

	// Only one gemeente.
	in.Municipalities = []int64{gemVeere}
	if p2, err := PlanDigests(in); err != nil || len(p2.Digests) != 1 || p2.Digests[0].Municipality != "Veere" {
		t.Errorf("Veere only: %v %v", p2, err)
	}
	in.Municipalities = nil

	// Sent today: not again today, but again tomorrow.
	msgs, err := p.Messages()
	if err != nil {
		t.Fatal(err)
	}
	var log []domain.SendRecord
	for _, m := range msgs {
		if m.Calendar != nil || len(m.Attachments) > 0 || len(m.To) != 1 {
			t.Errorf("a digest is a plain personal message: %+v", m.To)
		}
		for _, r := range m.Records {
			r.At, r.Result, r.Channel = fixedNow, domain.ResultSent, domain.ChannelSMTP
			log = append(log, r)
		}
	}
	in.Log = log
	again, _ := PlanDigests(in)
	if n := len(again.Pending()); n != 0 {
		t.Errorf("%d digests again the same day", n)
	}
	in.Now = fixedNow.Add(24 * time.Hour)
	if tomorrow, _ := PlanDigests(in); len(tomorrow.Pending()) != 2 {
		t.Errorf("%d digests the next day, want 2", len(tomorrow.Pending()))
	}
}

func TestDigestBody(t *testing.T) {
	ds := fixture()
	p, err := PlanDigests(digestInput(ds))
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := p.Messages()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.To[0].Email != "e.jansen@middelburg.nl" {
			continue
		}
		if !strings.HasPrefix(m.Subject, "Deadlines Middelburg tot en met ") {
			t.Errorf("subject %q", m.Subject)
		}
		data, err := m.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		pm := parseMail(t, data)
		if pm.Structure != "multipart/mixed[multipart/alternative[text/plain,text/html]]" {
			t.Errorf("digest structure %s", pm.Structure)
		}
		checkGolden(t, "digest", "Subject: "+m.Subject+"\n\n"+m.Text+"\n----\n"+m.HTML)
		return
	}
	t.Fatal("no digest for Eva")
}

func TestDigestErrors(t *testing.T) {
	if _, err := PlanDigests(DigestInput{}); err == nil {
		t.Error("no planner accepted")
	}
	if _, err := PlanDigests(DigestInput{Planner: planning.NewPlanner(fixture())}); err == nil {
		t.Error("no date accepted")
	}
}

// TestDigestReason checks that the preview counts deadlines in the
// singular and the plural, in both languages.
func TestDigestReason(t *testing.T) {
	for _, c := range []struct {
		n    int
		lang i18n.Lang
		want string
	}{
		{1, i18n.Dutch, "1 deadline"},
		{2, i18n.Dutch, "2 deadlines"},
		{1, i18n.English, "1 deadline"},
		{12, i18n.English, "12 deadlines"},
	} {
		if got := digestReason(c.n).In(c.lang); got != c.want {
			t.Errorf("%d in %s: %q, want %q", c.n, c.lang, got, c.want)
		}
	}
}
