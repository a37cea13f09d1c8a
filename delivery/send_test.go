package delivery

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// fakeTransport accepts or refuses messages by their first recipient.
type fakeTransport struct {
	refuse map[string]error // first recipient → error
	got    []*Message
}

func (f *fakeTransport) Channel() domain.SendChannel { return domain.ChannelSMTP }
func (f *fakeTransport) Close() error                { return nil }
func (f *fakeTransport) Deliver(_ context.Context, m *Message, data []byte) error {
	if len(data) == 0 {
		return errors.New("no data")
	}
	if err := f.refuse[m.To[0].Email]; err != nil {
		return err
	}
	f.got = append(f.got, m)
	return nil
}

func TestSendRecordsEachMessage(t *testing.T) {
	ds := fixture()
	p := planFor(t, ds, mPHO, nil)
	refused := i18n.Errorf(errors.New("550 no such user"), "delivery.err.smtp.refused", "smtp.test", 550, "no such user")
	tr := &fakeTransport{refuse: map[string]error{"b.pietersen@vlissingen.nl": refused}}
	log := &memLog{}
	var progress []int
	rep, err := Send(context.Background(), p, tr, SendOptions{Recorder: log, Now: func() time.Time { return fixedNow },
		Progress: func(done, total int) { progress = append(progress, done*10+total) }})
	if err == nil || !strings.Contains(i18n.UserMessage(err), "1 van de 4") {
		t.Errorf("one refused of four: %v", err)
	}
	if rep.Delivered != 3 || rep.Failed != 1 || rep.Skipped != 0 || len(tr.got) != 3 {
		t.Errorf("report %+v, %d delivered", rep, len(tr.got))
	}
	if len(log.rows) != 4 {
		t.Fatalf("%d log rows, want 4", len(log.rows))
	}
	for _, r := range log.rows {
		want := domain.ResultSent
		if r.Email == "b.pietersen@vlissingen.nl" {
			want = domain.ResultFailed
			if !strings.Contains(r.Error, "550") {
				t.Errorf("failure reason %q", r.Error)
			}
		}
		if r.Result != want || r.Channel != domain.ChannelSMTP || !r.At.Equal(fixedNow) || r.MessageID == "" || r.Kind != domain.SendRequest {
			t.Errorf("row %+v", r)
		}
	}
	if len(progress) != 4 || progress[3] != 44 {
		t.Errorf("progress %v", progress)
	}
	// The refused one is tried again next time, nobody else.
	again := planFor(t, ds, mPHO, log.rows)
	if pend := again.Pending(); len(pend) != 1 || pend[0].Email != "b.pietersen@vlissingen.nl" {
		t.Errorf("after a partial send: %q", actions(again))
	}
}

// TestSendStopsAtAFatalError: with a wrong password nothing can be sent;
// every message is recorded as failed with the reason, none as sent.
func TestSendStopsAtAFatalError(t *testing.T) {
	ds := fixture()
	p := planFor(t, ds, mPHO, nil)
	wrong := fatal(i18n.Errorf(errors.New("535 authentication failed"), "delivery.err.smtp.auth", "secretariaat", "smtp.test"))
	tr := &fakeTransport{refuse: map[string]error{}}
	msgs, _ := p.Messages()
	tr.refuse[msgs[0].To[0].Email] = wrong
	log := &memLog{}
	rep, err := Send(context.Background(), p, tr, SendOptions{Recorder: log})
	if !errors.Is(err, ErrFatal) || !strings.Contains(i18n.UserMessage(err), "wachtwoord") {
		t.Errorf("fatal error %v", err)
	}
	if rep.Delivered != 0 || rep.Failed != 1 || rep.Skipped != 3 || len(tr.got) != 0 {
		t.Errorf("report %+v", rep)
	}
	for _, r := range log.rows {
		if r.Result != domain.ResultFailed || !strings.Contains(r.Error, "wachtwoord") {
			t.Errorf("row %+v", r)
		}
	}
	if n := len(planFor(t, ds, mPHO, log.rows).Pending()); n != 4 {
		t.Errorf("after a failed send %d pending, want all 4", n)
	}
}

// TestSendCancelled: a cancelled context stops before the next message.
func TestSendCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	log := &memLog{}
	tr := &fakeTransport{}
	rep, err := Send(ctx, planFor(t, fixture(), mPHO, nil), tr, SendOptions{Recorder: log})
	if err == nil || len(tr.got) != 0 || rep.Delivered != 0 {
		t.Errorf("cancelled send: %v, %+v", err, rep)
	}
}

// failingLog refuses to record.
type failingLog struct{}

func (failingLog) RecordSends(context.Context, []domain.SendRecord) error {
	return errors.New("disk full")
}

// TestSendStopsWhenTheLogFails: a message that went out but could not be
// recorded stops the batch, so the log never silently misses a message.
func TestSendStopsWhenTheLogFails(t *testing.T) {
	tr := &fakeTransport{}
	rep, err := Send(context.Background(), planFor(t, fixture(), mPHO, nil), tr, SendOptions{Recorder: failingLog{}})
	if err == nil || !strings.Contains(i18n.UserMessage(err), "verzendlogboek") || len(tr.got) != 1 || len(rep.Outcomes) != 1 {
		t.Errorf("log failure: %v, %d sent", err, len(tr.got))
	}
}

func TestEMLDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "uit")
	tr := &EMLDir{Dir: dir}
	log := &memLog{}
	ds := fixture()
	if _, err := Send(context.Background(), planFor(t, ds, mPHO, nil), tr, SendOptions{Recorder: log}); err != nil {
		t.Fatal(err)
	}
	// The same again (a resend) does not overwrite the first files.
	if _, err := Send(context.Background(), planFor(t, ds, mPHO, nil), tr, SendOptions{}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 8 || len(tr.Written) != 8 {
		t.Fatalf("%d files (%d reported), want 8", len(entries), len(tr.Written))
	}
	name := filepath.Base(tr.Written[0])
	if !strings.HasPrefix(name, "2026-11-02 Uitnodiging- PHO Jeugd Walcheren, ma 23-11-2026 14-00 ") || !strings.HasSuffix(name, ".eml") {
		t.Errorf("file name %q", name)
	}
	data, err := os.ReadFile(tr.Written[0])
	if err != nil {
		t.Fatal(err)
	}
	pm := parseMail(t, data)
	if pm.Header.Get("X-Unsent") != "1" || pm.Structure != iMIPStructure {
		t.Errorf("not a draft Outlook opens: X-Unsent %q, %s", pm.Header.Get("X-Unsent"), pm.Structure)
	}
	for _, r := range log.rows {
		if r.Result != domain.ResultWritten || r.Channel != domain.ChannelEML {
			t.Errorf("row %+v", r)
		}
	}
	// Written counts as delivered: nothing is pending afterwards.
	if n := len(planFor(t, ds, mPHO, log.rows).Pending()); n != 0 {
		t.Errorf("%d pending after writing .eml files", n)
	}
}
