package leaktest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/cli"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/store"
)

// TestChangedStukIsReported is the check of issue 6 part 6, second half:
// a stored stuk whose file was changed after it was received (one byte
// flipped, the size the same; or cut short) is refused by every path that
// opens or exports it — Blobs.Read (the app's "open", which copies
// through it), the vergaderbundel (bundle, also --public) — and reported
// by check, each naming the stuk; no output file is written.
func TestChangedStukIsReported(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "demo.db")
	env := func(out, errb *bytes.Buffer) cli.Env {
		return cli.Env{Stdout: out, Stderr: errb, Now: func() time.Time { return now }}
	}
	var out, errb bytes.Buffer
	if code := cli.Run(ctx, []string{"demo", "--db", db}, env(&out, &errb)); code != 0 {
		t.Fatalf("demo: %s", errb.String())
	}
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var meeting domain.Meeting
	var doc domain.Document
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.StoredName != "" && !d.Confidential && strings.HasSuffix(strings.ToLower(d.FileName), ".pdf") {
			doc = d
			break
		}
	}
	if doc.ID == 0 {
		t.Fatal("the demo has no public stuk with a PDF file")
	}
	ms, err := s.Meetings(ctx, store.MeetingFilter{WithCancelled: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range ms {
		m, err := s.Meeting(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range m.Items {
			for _, d := range it.Documents {
				if d.ID == doc.ID {
					meeting = m
				}
			}
		}
	}
	blobs := s.Blobs()
	s.Close()
	if meeting.ID == 0 {
		t.Fatal("the stuk's meeting was not found")
	}
	path := blobs.Path(doc.StoredName)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(orig)
	flipped[len(flipped)/2] ^= 0x20
	for _, tamper := range []struct {
		name string
		data []byte
	}{
		{"one byte changed", flipped},
		{"cut short", orig[:len(orig)/2]},
	} {
		t.Run(tamper.name, func(t *testing.T) {
			if err := os.WriteFile(path, tamper.data, 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.WriteFile(path, orig, 0o644)
			if _, err := blobs.Read(doc.StoredName, doc.SHA256, doc.Title); !errors.Is(err, store.ErrHashMismatch) {
				t.Errorf("Blobs.Read: %v, want ErrHashMismatch", err)
			}
			if err := blobs.Verify(doc.StoredName, doc.SHA256, doc.Title); !errors.Is(err, store.ErrHashMismatch) {
				t.Errorf("Blobs.Verify: %v, want ErrHashMismatch", err)
			}
			id := strconv.FormatInt(meeting.ID, 10)
			for _, args := range [][]string{
				{"bundle", "--meeting", id, "--no-convert"},
				{"bundle", "--meeting", id, "--no-convert", "--public"},
			} {
				file := filepath.Join(t.TempDir(), "bundel.pdf")
				var out, errb bytes.Buffer
				full := append(append([]string{args[0], "--db", db}, args[1:]...), "--out", file)
				code := cli.Run(ctx, full, env(&out, &errb))
				if code != cli.ExitError || !strings.Contains(errb.String(), doc.Title) || !strings.Contains(errb.String(), "gewijzigd of beschadigd") {
					t.Errorf("%v: exit %d, stderr %q; want exit 1 naming ‘%s’", args, code, errb.String(), doc.Title)
				}
				if _, err := os.Stat(file); err == nil {
					t.Errorf("%v wrote %s from a changed stuk", args, file)
				}
			}
			var out, errb bytes.Buffer
			code := cli.Run(ctx, []string{"check", "--db", db}, env(&out, &errb))
			if report := out.String() + errb.String(); code != cli.ExitError || !strings.Contains(report, "‘"+doc.Title+"’") ||
				!strings.Contains(report, "gewijzigd of beschadigd") {
				t.Errorf("check: exit %d, does not name ‘%s’:\n%s%s", code, doc.Title, out.String(), errb.String())
			}
		})
	}
	// And with the file restored, the bundle is made again.
	var o, e bytes.Buffer
	if code := cli.Run(ctx, []string{"bundle", "--db", db, "--meeting", strconv.FormatInt(meeting.ID, 10), "--no-convert",
		"--out", filepath.Join(t.TempDir(), "ok.pdf")}, env(&o, &e)); code != 0 {
		t.Errorf("bundle after restoring the file: %d %s", code, e.String())
	}
}
