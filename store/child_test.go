package store

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

// Tests that need a second process (a writer to kill, a lock holder that
// dies) run this test binary again as a child: TestChildProcess does the
// child's work when OVERLEGPLANNER_TEST_CHILD names a role, and is skipped
// otherwise. The child reports progress as lines on stdout; a line is
// written with one write(2) after the step it reports has finished, so a
// line the parent reads is a step that happened, even if the child is
// killed right after.

const childEnv = "OVERLEGPLANNER_TEST_CHILD"

// child is a running child process and the lines it reports.
type child struct {
	cmd   *exec.Cmd
	lines chan string   // every line of stdout; closed at its end
	eof   chan struct{} // closed once stdout is read to the end
}

// startChild runs role in a child process with extra environment
// variables.
func startChild(t *testing.T, role string, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+role)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = &prefixWriter{t: t}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan string, 1<<16), eof: make(chan struct{})}
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

// waitFor waits for a line starting with prefix and returns it.
func (c *child) waitFor(t *testing.T, prefix string, timeout time.Duration) string {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case line, ok := <-c.lines:
			if !ok {
				t.Fatalf("child ended before reporting %q", prefix)
			}
			if strings.HasPrefix(line, prefix) {
				return line
			}
		case <-deadline:
			t.Fatalf("child did not report %q within %v", prefix, timeout)
		}
	}
}

// kill ends the child with SIGKILL (TerminateProcess on Windows): no
// deferred function, no atexit, no flush runs.
func (c *child) kill(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = c.wait()
}

// wait waits for the child to end. Its stdout is read to the end first:
// Wait closes the pipe, and lines still in it would be lost — lines that
// report commits which did happen.
func (c *child) wait() error {
	<-c.eof
	return c.cmd.Wait()
}

// rest returns every line still to be read, after the child has ended.
func (c *child) rest() []string {
	var out []string
	for line := range c.lines {
		out = append(out, line)
	}
	return out
}

// prefixWriter passes a child's stderr to the test log.
type prefixWriter struct{ t *testing.T }

func (w *prefixWriter) Write(b []byte) (int, error) {
	w.t.Logf("child: %s", strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// TestChildProcess is the child side; see startChild.
func TestChildProcess(t *testing.T) {
	role := os.Getenv(childEnv)
	if role == "" {
		t.Skip("only runs as a child process of another test")
	}
	var err error
	switch role {
	case "lock":
		err = childLock(os.Getenv("DB"))
	case "writer":
		n, _ := strconv.Atoi(os.Getenv("COUNT"))
		pause, _ := time.ParseDuration(os.Getenv("PAUSE"))
		err = childWriter(os.Getenv("DB"), os.Getenv("TAG"), n, pause)
	default:
		err = fmt.Errorf("unknown role %q", role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(0)
}

// childLock takes the instance lock, reports it and waits to be killed.
func childLock(db string) error {
	release, err := AcquireLock(db)
	if err != nil {
		return err
	}
	defer release()
	report("locked %d", os.Getpid())
	time.Sleep(time.Minute)
	return nil
}

// batchSize is the number of meetings written in batch n: varied, so that
// a kill lands in small and in larger transactions.
func batchSize(n int) int { return n%7*3 + 1 }

// childWriter writes count batches (0: until killed) of meetings of body 1,
// each batch in one transaction, noted "<tag>-<n>", and reports "commit n"
// after each commit, then waits pause, as a person between two saves
// would: a writer that never pauses starves the others (SQLite's busy
// handler sleeps and retries; it does not queue). A small autocheckpoint
// makes kills land in checkpoints too, not only in appends to the log.
func childWriter(db, tag string, count int, pause time.Duration) error {
	ctx := context.Background()
	s, err := Open(ctx, db, Options{})
	if err != nil {
		return err
	}
	if _, err := s.db.Exec("PRAGMA wal_autocheckpoint=20"); err != nil {
		return err
	}
	start := time.Date(2029, 1, 1, 10, 0, 0, 0, domain.Amsterdam())
	for n := 1; count == 0 || n <= count; n++ {
		ms := make([]domain.Meeting, batchSize(n))
		for i := range ms {
			at := start.Add(time.Duration(n*40+i) * time.Hour)
			ms[i] = domain.Meeting{BodyID: 1, Start: at, End: at.Add(time.Hour), Note: fmt.Sprintf("%s-%d", tag, n),
				Location: strings.Repeat("zaal ", 40)}
		}
		if err := s.SaveMeetings(ctx, ms); err != nil {
			return fmt.Errorf("batch %d: %w", n, err)
		}
		report("commit %d", n)
		time.Sleep(pause)
	}
	return s.Close()
}

// report writes one line to stdout in one write.
func report(format string, args ...any) {
	_, _ = io.WriteString(os.Stdout, fmt.Sprintf(format, args...)+"\n")
}
