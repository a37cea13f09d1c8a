package store

import (
	"bufio"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

var (
	restoreKillRounds = flag.Int("restorekill.rounds", 20, "rounds of TestKillDuringRestore")
	restoreKillBudget = flag.Duration("restorekill.budget", 8*time.Second, "time budget of TestKillDuringRestore")
)

// restoreChildEnv makes the test binary a restoring child process
// (TestRestoreChild), with RESTORE_ARCHIVE and RESTORE_DB naming what to
// restore where. It is separate from OVERLEGPLANNER_TEST_CHILD so that
// this test keeps to its own file.
const restoreChildEnv = "OVERLEGPLANNER_TEST_RESTORE_CHILD"

// TestRestoreChild is the child side of TestKillDuringRestore: it reports
// "ready", restores, and reports "done".
func TestRestoreChild(t *testing.T) {
	if os.Getenv(restoreChildEnv) == "" {
		t.Skip("only runs as a child process of TestKillDuringRestore")
	}
	report("ready")
	if err := Restore(context.Background(), os.Getenv("RESTORE_ARCHIVE"), os.Getenv("RESTORE_DB")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	report("done")
	os.Exit(0)
}

// startRestoreChild starts a child that restores archive over db.
func startRestoreChild(t *testing.T, archive, db string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestRestoreChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), restoreChildEnv+"=1", "RESTORE_ARCHIVE="+archive, "RESTORE_DB="+db)
	cmd.Stderr = &prefixWriter{t: t}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan string, 16), eof: make(chan struct{})}
	go func() {
		defer close(c.eof)
		defer close(c.lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
	}()
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			_ = c.cmd.Process.Kill()
			_ = c.wait()
		}
	})
	return c
}

// TestKillDuringRestore kills a process that is restoring a backup, at a
// random moment of the restore, round after round. After every kill the
// installation must be usable: the database opens, is intact, and holds
// either the data from before the restore or the data of the backup, never
// a mix; every stuk that database refers to is present with its hash; and
// a restore that reported success left the backup's data. Restore promises
// this by changing things in an order (stukken first, the database last,
// in one rename) that never leaves a reference to a missing file.
func TestKillDuringRestore(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes; not in -short")
	}
	ctx := context.Background()

	// The backup: the fixture, forty extra meetings and stukken,
	// so that the restore takes long enough to be cut at every step.
	src := storeAt(t, filepath.Join(t.TempDir(), "bron.db"))
	fillWithStukken(t, src)
	start := time.Date(2028, 1, 6, 14, 0, 0, 0, domain.Amsterdam())
	buf := make([]byte, 32<<10)
	rng := rand.New(rand.NewPCG(7, 11))
	err := src.tx(ctx, func(tx *sql.Tx) error {
		for n := 1; n <= 40; n++ {
			for i := range buf {
				buf[i] = byte(rng.Uint32())
			}
			name, sum, size, err := src.Blobs().Put(strings.NewReader(string(buf)), "stuk.pdf")
			if err != nil {
				return err
			}
			at := start.AddDate(0, 0, 3*n)
			m := domain.Meeting{BodyID: 1, Start: at, End: at.Add(time.Hour), Status: domain.StatusGepland, UID: NewUID(), Note: fmt.Sprintf("herstel-%d", n)}
			if err := insertMeeting(ctx, tx, &m); err != nil {
				return err
			}
			it := domain.AgendaItem{MeetingID: m.ID, Position: 1, Title: fmt.Sprintf("punt %d", n), Kind: domain.ItemBesluitvorming}
			if err := insertItem(ctx, tx, &it); err != nil {
				return err
			}
			d := domain.Document{ItemID: it.ID, Title: fmt.Sprintf("stuk %d", n), StoredName: name, SHA256: sum, Size: size}
			if err := saveDocument(ctx, tx, &d, true); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	backupData := snapshotOf(t, src)
	archive := filepath.Join(t.TempDir(), "backup.zip")
	if err := src.Backup(ctx, archive); err != nil {
		t.Fatal(err)
	}
	src.Close()

	// The installation restored over: other data, with a stuk of its own
	// and writes still in the write-ahead log (the app was killed, not
	// closed), so that the restore must fold the log in before it copies.
	template := filepath.Join(t.TempDir(), "sjabloon")
	tplDB := filepath.Join(template, "overlegplanner.db")
	cur, err := Open(ctx, tplDB, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	ds := fixture()
	ds.Meetings[0].Items[1].Documents[0].StoredName = "" // the fixture's file is not real
	if err := cur.Import(ctx, ds); err != nil {
		t.Fatal(err)
	}
	name, sum, size, err := cur.Blobs().Put(strings.NewReader("%PDF-1.7 eigen stuk"), "eigen.pdf")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := cur.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	d.ID, d.Title, d.StoredName, d.SHA256, d.Size = 0, "Eigen stuk", name, sum, size
	if err := cur.SaveDocument(ctx, &d); err != nil {
		t.Fatal(err)
	}
	// Copy the files while the store is open: the copy is what a crashed
	// app leaves, a database with its -wal.
	if _, err := cur.db.Exec("PRAGMA wal_checkpoint(PASSIVE)"); err != nil {
		t.Fatal(err)
	}
	if err := cur.SaveMunicipality(ctx, &domain.Municipality{Name: "Goes", CBSCode: "GM0664", CollegeDays: []time.Weekday{time.Tuesday}, Region: domain.RegionZuid}); err != nil {
		t.Fatal(err)
	}
	ownData := snapshotOf(t, cur)
	frozen := t.TempDir()
	copyTree(t, template, frozen)
	cur.db.Close() // not Close: no checkpoint, the template keeps its log

	// How long a restore takes here, to spread the kills over it.
	timing := filepath.Join(t.TempDir(), "meting")
	copyTree(t, frozen, timing)
	began := time.Now()
	if err := Restore(ctx, archive, filepath.Join(timing, "overlegplanner.db")); err != nil {
		t.Fatal(err)
	}
	took := time.Since(began)

	seed := uint64(time.Now().UnixNano())
	t.Logf("restore takes %v; seed %d", took.Round(time.Millisecond), seed)
	krng := rand.New(rand.NewPCG(seed, seed>>3))
	budget := time.Now()
	rounds, old, restored, finished := 0, 0, 0, 0
	// At least minRounds whatever the budget (a slow, busy CI machine makes
	// each round slower, not less needed), then rounds while the budget
	// lasts.
	const minRounds = 5
	for r := 0; r < *restoreKillRounds && (r < minRounds || time.Since(budget) < *restoreKillBudget); r++ {
		home := filepath.Join(t.TempDir(), fmt.Sprintf("ronde-%02d", r))
		copyTree(t, frozen, home)
		db := filepath.Join(home, "overlegplanner.db")
		c := startRestoreChild(t, archive, db)
		c.waitFor(t, "ready", 20*time.Second)
		// Up to 1.2× the restore time: most kills land inside it, some
		// after it finished.
		time.Sleep(time.Duration(krng.Int64N(int64(took)*6/5 + 1)))
		c.kill(t)
		done := false
		for _, l := range c.rest() {
			done = done || l == "done"
		}

		s, err := Open(ctx, db, Options{})
		if err != nil {
			t.Fatalf("round %d (seed %d): the database does not open after a killed restore: %v", r, seed, err)
		}
		if p, err := s.Integrity(ctx); err != nil || len(p) > 0 {
			t.Fatalf("round %d: integrity %v %v", r, p, err)
		}
		got := snapshotOf(t, s)
		switch got {
		case backupData:
			restored++
		case ownData:
			old++
			if done {
				t.Errorf("round %d: the restore reported success, but the old data is there", r)
			}
		default:
			t.Fatalf("round %d (seed %d): the database holds neither the old data nor the backup:\n%s", r, seed, firstDiff(got, backupData))
		}
		if done {
			finished++
		}
		rep, err := s.Check(ctx)
		if err != nil || !rep.OK() {
			t.Fatalf("round %d (seed %d): check after a killed restore: %+v %v", r, seed, rep, err)
		}
		s.Close()
		rounds++
	}
	t.Logf("%d rounds: %d kept the old data, %d had the backup (%d reported done)", rounds, old, restored, finished)
}

// copyTree copies the files under src into dst (created), keeping the
// relative paths.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		// Not copyFile: its fsync per file would make the rounds slow,
		// and these copies need not survive a power cut.
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
