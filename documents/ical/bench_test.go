package ical

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

// bigDataset returns the fixture grown to n meetings as a busy region has
// them: bodies of the Walcheren partnership meeting weekly from 2026 on
// (at most 250 meetings, five years, per body, so times stay in the range
// real plans have), each with the November agenda of seven items, one of
// them confidential, and per meeting the fixture's eight deadlines.
func bigDataset(n int) (*domain.Dataset, []domain.Deadline) {
	ds := fixture()
	tmpl := ds.Meetings[0]
	tmplDeadlines := fixtureDeadlines()[:8]
	ds.Meetings = ds.Meetings[:0]
	var dls []domain.Deadline
	const perBody = 250
	for i := 0; i < n; i++ {
		bodyID := int64(bodyPHO)
		if k := i / perBody; k > 0 {
			bodyID = int64(100 + k)
			if i%perBody == 0 {
				b := ds.Bodies[0]
				b.ID, b.Name = bodyID, fmt.Sprintf("PHO Walcheren %d", k)
				ds.Bodies = append(ds.Bodies, b)
			}
		}
		week := i % perBody
		m := tmpl
		m.ID = int64(1000 + i)
		m.BodyID = bodyID
		m.UID = fmt.Sprintf("bench-%d@overlegplanner", i)
		m.Start = tmpl.Start.AddDate(0, 0, 7*week-300)
		m.End = tmpl.End.AddDate(0, 0, 7*week-300)
		m.PreparedByMeetingID = 0
		ds.Meetings = append(ds.Meetings, m)
		for _, d := range tmplDeadlines {
			d.MeetingID = m.ID
			d.Due = d.Due.AddDays(7*week - 300)
			dls = append(dls, d)
		}
	}
	return ds, dls
}

// BenchmarkFeed10000 measures the performance target: a feed of 10,000
// events in under 100 ms. The feed is a gemeente's, whose partnership has
// forty bodies meeting weekly for five years; every event is a meeting
// with a full public agenda in its description.
func BenchmarkFeed10000(b *testing.B) {
	in := bigFeedInput()
	b.ReportAllocs()
	var size int
	for b.Loop() {
		out, err := Feed(in)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size)/1e6, "MB/feed")
}

// BenchmarkFeedDeadlines10000 measures a gemeente feed of 10,000 events
// of which most are deadlines: 2,000 meetings and their 8,000 deadlines.
func BenchmarkFeedDeadlines10000(b *testing.B) {
	ds, dls := bigDataset(2000)
	ix := domain.NewIndex(ds)
	in := FeedInput{Scope: Scope{ScopeMunicipality, gemMiddelburg}, Index: ix, Meetings: ds.Meetings, Deadlines: dls,
		Audiences: []domain.Audience{domain.AudienceAmbtenaren, domain.AudienceCollege, domain.AudienceSecretariaat, domain.AudienceLeden},
		Settings:  ds.Settings, Now: fixedNow, Lang: "nl"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Feed(in); err != nil {
			b.Fatal(err)
		}
	}
}

func bigFeedInput() FeedInput {
	ds, _ := bigDataset(10000)
	ix := domain.NewIndex(ds)
	return FeedInput{Scope: Scope{ScopeMunicipality, gemMiddelburg}, Index: ix, Meetings: ds.Meetings, Settings: ds.Settings, Now: fixedNow, Lang: "nl"}
}

// TestFeed10000Target checks the target, a 10,000-event feed in
// under 100 ms, on the best of five runs. The strict limit applies when
// OVERLEGPLANNER_PERF=1 (a quiet machine with at least two cores: the
// feed is rendered on every core); otherwise the test only guards against
// a gross regression (four times the target), because `go test ./...`
// runs other packages' tests on the same cores and a wall-clock limit
// would fail at random. The benchmark gives the figure to report.
func TestFeed10000Target(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	in := bigFeedInput()
	best := time.Hour
	for range 5 {
		start := time.Now()
		out, err := Feed(in)
		if err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d < best {
			best = d
		}
		if n := countEvents(out); n != 10000 {
			t.Fatalf("%d events, want 10000", n)
		}
	}
	limit := 4 * 100 * time.Millisecond
	if os.Getenv("OVERLEGPLANNER_PERF") == "1" {
		limit = 100 * time.Millisecond
	}
	t.Logf("10,000-event feed: %v on %d cores (limit %v)", best, runtime.GOMAXPROCS(0), limit)
	if best > limit && !raceEnabled {
		t.Errorf("10,000-event feed took %v, limit %v", best, limit)
	}
}

func countEvents(b []byte) int {
	n := 0
	for i := 0; i+len("BEGIN:VEVENT") <= len(b); i++ {
		if b[i] == 'B' && string(b[i:i+len("BEGIN:VEVENT")]) == "BEGIN:VEVENT" {
			n++
		}
	}
	return n
}

// BenchmarkWriteFeed10000 measures the streaming variant, which never
// holds the whole feed: what an HTTP handler or the CLI writing a file
// pays.
func BenchmarkWriteFeed10000(b *testing.B) {
	in := bigFeedInput()
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteFeed(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteFeedEqualsFeed checks that streaming writes exactly what Feed
// returns, for a feed of many chunks rendered in parallel.
func TestWriteFeedEqualsFeed(t *testing.T) {
	ds, dls := bigDataset(3 * chunkEvents)
	in := FeedInput{Scope: Scope{ScopeMunicipality, gemVeere}, Index: domain.NewIndex(ds), Meetings: ds.Meetings,
		Deadlines: dls, Settings: ds.Settings, Now: fixedNow, Lang: "nl"}
	want, err := Feed(in)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteFeed(&buf, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatal("WriteFeed differs from Feed")
	}
	// The parallel rendering keeps the order: the same feed rendered on
	// one core is identical.
	prev := runtime.GOMAXPROCS(1)
	one, err := Feed(in)
	runtime.GOMAXPROCS(prev)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one, want) {
		t.Fatal("the feed depends on the number of cores")
	}
	if n := countEvents(want); n < 3*chunkEvents {
		t.Fatalf("only %d events", n)
	}
}

// failingWriter fails after n writes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n == 0 {
		return 0, io.ErrShortWrite
	}
	w.n--
	return len(p), nil
}

// TestWriteFeedStopsOnWriteError checks that a failing writer stops the
// workers and its error comes back (an HTTP client that went away).
func TestWriteFeedStopsOnWriteError(t *testing.T) {
	ds, _ := bigDataset(20 * chunkEvents)
	in := FeedInput{Scope: Scope{ScopeMunicipality, gemMiddelburg}, Index: domain.NewIndex(ds), Meetings: ds.Meetings, Settings: ds.Settings, Now: fixedNow}
	before := runtime.NumGoroutine()
	for _, n := range []int{0, 1, 3, 12} {
		if err := WriteFeed(&failingWriter{n: n}, in); err != io.ErrShortWrite {
			t.Errorf("after %d writes: error %v, want %v", n, err, io.ErrShortWrite)
		}
	}
	// Every worker has stopped (they may take a moment to be counted out).
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left running, %d before", n, before)
	}
}
