package store

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	killRounds = flag.Int("kill.rounds", 20, "rounds of TestKillDuringWrites")
	killBudget = flag.Duration("kill.budget", 15*time.Second, "time budget of TestKillDuringWrites; rounds stop when it is spent")
	killSeed   = flag.Uint64("kill.seed", 0, "seed of the kill moments (0: from the clock; the seed is logged)")
)

// crashDB makes a database with the fixture, ready for writer children.
func crashDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "overlegplanner.db")
	s, err := Open(context.Background(), path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Import(context.Background(), fixture()); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// committed parses the "commit n" lines of a writer.
func committed(t *testing.T, lines []string) []int {
	t.Helper()
	var out []int
	for _, l := range lines {
		if rest, ok := strings.CutPrefix(l, "commit "); ok {
			n, err := strconv.Atoi(rest)
			if err != nil {
				t.Fatalf("bad line %q", l)
			}
			out = append(out, n)
		}
	}
	return out
}

// verifyWrites opens the database as the app would after a crash and
// proves: it opens, PRAGMA integrity_check and foreign_key_check are clean,
// every batch reported committed is there whole, and any other batch of
// tag is either whole or absent (only the one in flight at the kill may
// be there without its report).
func verifyWrites(t *testing.T, path, tag string, reported []int) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("%s: open after the kill: %v", tag, err)
	}
	defer s.Close()
	if problems, err := s.Integrity(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("%s: integrity_check: %v %v", tag, problems, err)
	}
	if fk, err := s.foreignKeyCheck(ctx); err != nil || len(fk) > 0 {
		t.Fatalf("%s: foreign_key_check: %v %v", tag, fk, err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT note, count(*) FROM meeting WHERE note LIKE ? GROUP BY note", tag+"-%")
	if err != nil {
		t.Fatal(err)
	}
	found := map[int]int{}
	for rows.Next() {
		var note string
		var n int
		if err := rows.Scan(&note, &n); err != nil {
			t.Fatal(err)
		}
		b, err := strconv.Atoi(strings.TrimPrefix(note, tag+"-"))
		if err != nil {
			t.Fatalf("note %q", note)
		}
		found[b] = n
	}
	rows.Close()
	last := 0
	for _, n := range reported {
		if found[n] != batchSize(n) {
			t.Errorf("%s: batch %d was committed but has %d of %d meetings", tag, n, found[n], batchSize(n))
		}
		last = max(last, n)
	}
	for n, c := range found {
		if c != batchSize(n) {
			t.Errorf("%s: batch %d is partly there: %d of %d meetings", tag, n, c, batchSize(n))
		}
		if n > last+1 {
			t.Errorf("%s: batch %d is there, but only %d were written", tag, n, last+1)
		}
	}
}

// TestKillDuringWrites kills a writing process with SIGKILL at a random
// moment, round after round on the same file, and after every kill proves
// that the database opens, is intact and holds every commit the writer
// reported. CI runs it as is: a fixed number of rounds within a time
// budget.
func TestKillDuringWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes; not in -short")
	}
	seed := *killSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (rerun with -kill.seed=%[1]d)", seed)
	rng := rand.New(rand.NewPCG(seed, seed>>1))
	path := crashDB(t)
	began := time.Now()
	rounds, total := 0, 0
	for r := 0; r < *killRounds && time.Since(began) < *killBudget; r++ {
		tag := fmt.Sprintf("r%02d", r)
		c := startChild(t, "writer", "DB="+path, "TAG="+tag)
		first := c.waitFor(t, "commit ", 20*time.Second)
		time.Sleep(time.Duration(rng.IntN(40_000)) * time.Microsecond)
		c.kill(t)
		got := committed(t, append([]string{first}, c.rest()...))
		verifyWrites(t, path, tag, got)
		if t.Failed() {
			t.Fatalf("round %d failed (seed %d)", r, seed)
		}
		rounds++
		total += len(got)
	}
	if rounds < 5 {
		t.Fatalf("only %d rounds in %v: too slow to mean anything", rounds, *killBudget)
	}
	t.Logf("%d rounds, %d commits verified, %v", rounds, total, time.Since(began).Round(time.Millisecond))
}

// TestConcurrentWriters runs two processes writing to the same file at the
// same time, and a third that is killed while they write: no corruption,
// no lost commit, no partial batch.
func TestConcurrentWriters(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes; not in -short")
	}
	path := crashDB(t)
	const count = 100
	a := startChild(t, "writer", "DB="+path, "TAG=A", fmt.Sprintf("COUNT=%d", count), "PAUSE=1ms")
	b := startChild(t, "writer", "DB="+path, "TAG=B", fmt.Sprintf("COUNT=%d", count), "PAUSE=1ms")
	k := startChild(t, "writer", "DB="+path, "TAG=K")
	k.waitFor(t, "commit ", 20*time.Second)
	a.waitFor(t, "commit 10", 20*time.Second)
	k.kill(t)
	killed := committed(t, k.rest())
	for _, c := range []*child{a, b} {
		if err := c.wait(); err != nil {
			t.Fatalf("writer: %v", err)
		}
	}
	for tag, lines := range map[string][]string{"A": a.rest(), "B": b.rest()} {
		got := committed(t, lines)
		if tag == "A" {
			got = append(got, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) // read by waitFor
		}
		sort.Ints(got)
		if len(got) != count || got[0] != 1 || got[count-1] != count {
			t.Errorf("writer %s reported %d commits", tag, len(got))
		}
		verifyWrites(t, path, tag, got)
	}
	verifyWrites(t, path, "K", append(killed, 1))

	// The writers really ran at the same time: their rows interleave.
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var minA, maxA, minB, maxB int64
	if err := s.db.QueryRow(`SELECT
		(SELECT min(id) FROM meeting WHERE note LIKE 'A-%'), (SELECT max(id) FROM meeting WHERE note LIKE 'A-%'),
		(SELECT min(id) FROM meeting WHERE note LIKE 'B-%'), (SELECT max(id) FROM meeting WHERE note LIKE 'B-%')`).Scan(&minA, &maxA, &minB, &maxB); err != nil {
		t.Fatal(err)
	}
	if minB > maxA || minA > maxB {
		t.Errorf("the writers did not overlap (A %d–%d, B %d–%d)", minA, maxA, minB, maxB)
	}
}
