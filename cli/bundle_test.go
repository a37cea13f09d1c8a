package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/documents/pdf/pdftest"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/store"
)

// demoWithFiles returns a fresh copy of the demo database with its folder
// of stukken (demoCopy copies both).
func demoWithFiles(t *testing.T) string { return demoCopy(t) }

// copyStukken copies the folder of stored stukken src to dst.
func copyStukken(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// bundleMeeting finds a demo meeting with a confidential item whose stukken
// are in, and returns it in full.
func bundleMeeting(t *testing.T, db string) domain.Meeting {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ms, err := s.Meetings(ctx, store.MeetingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range ms {
		m, err := s.Meeting(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range m.Items {
			if it.Confidential && len(it.Documents) > 0 && it.Documents[0].StoredName != "" {
				return m
			}
		}
	}
	t.Fatal("no demo meeting with a confidential item and its stukken")
	return domain.Meeting{}
}

// TestBundleFromTheCLI makes the complete and the public bundle of a demo
// meeting and checks them with qpdf and poppler, as issue 8 asks: a clean
// qpdf --check, the agenda plus every included stuk as pages, a bookmark
// for every agenda item, and no confidential word in the public text.
func TestBundleFromTheCLI(t *testing.T) {
	db := demoWithFiles(t)
	m := bundleMeeting(t, db)
	dir := t.TempDir()
	id := fmt.Sprint(m.ID)
	var secret []string
	for _, it := range m.Items {
		if it.Confidential {
			secret = append(secret, it.Title)
			for _, d := range it.Documents {
				secret = append(secret, d.Title)
			}
		}
	}
	for _, public := range []bool{false, true} {
		out := filepath.Join(dir, fmt.Sprintf("bundel-%v.pdf", public))
		args := []string{"bundle", "--db", db, "--meeting", id, "--out", out, "--no-convert"}
		if public {
			args = append(args, "--public")
		}
		code, stdout, stderr := run(t, args...)
		if code != 0 {
			t.Fatalf("bundle: %d %s", code, stderr)
		}
		var pages, agenda, stukken int
		if _, err := fmt.Sscanf(stdout[strings.Index(stdout, "(")+1:], "%d pagina’s: agenda %d, %d stuk", &pages, &agenda, &stukken); err != nil {
			t.Fatalf("stdout %q: %v", stdout, err)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, data)
		if got := pdftest.Info(t, data)["Pages"]; got != fmt.Sprint(pages) {
			t.Errorf("pdfinfo: %s pages, CLI said %d", got, pages)
		}
		outl := pdftest.Outlines(t, data)
		items, kids := 0, 0
		for _, o := range outl {
			if strings.HasPrefix(o.Title, fmt.Sprintf("%d. ", items+1)) {
				items++
				kids += len(o.Kids)
			}
		}
		if items != len(m.Items) {
			t.Errorf("%d agenda items in the bookmarks, want %d", items, len(m.Items))
		}
		if kids != stukken {
			t.Errorf("%d stuk bookmarks, %d stukken included", kids, stukken)
		}
		// Every included stuk is a bookmark on its first page: the pages
		// add up to the agenda plus the stukken.
		last := agenda
		for _, o := range outl {
			for _, k := range o.Kids {
				if k.Page <= last {
					t.Errorf("stuk %q starts on page %d, after page %d", k.Title, k.Page, last)
				}
				last = k.Page
			}
		}
		text := strings.Join(strings.Fields(pdftest.Text(t, data)), " ")
		if public {
			for _, w := range secret {
				if strings.Contains(text, w) {
					t.Errorf("public bundle contains %q", w)
				}
			}
			if !strings.Contains(text, "Openbare bundel") {
				t.Error("the public bundle does not say it is public")
			}
		} else if !strings.Contains(text, "vertrouwelijk") {
			t.Error("the complete bundle marks nothing confidential")
		}
	}
}

func TestBundleStopsOnChangedFile(t *testing.T) {
	db := demoWithFiles(t)
	m := bundleMeeting(t, db)
	var doc domain.Document
	for _, it := range m.Items {
		for _, d := range it.Documents {
			if d.StoredName != "" && strings.HasSuffix(d.StoredName, ".pdf") {
				doc = d
			}
		}
	}
	p := filepath.Join(store.BlobDir(db), doc.StoredName)
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, append(b, "%% gewijzigd\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "b.pdf")
	code, _, stderr := run(t, "bundle", "--db", db, "--meeting", fmt.Sprint(m.ID), "--out", out)
	if code != ExitError || !strings.Contains(stderr, doc.Title) || !strings.Contains(stderr, "gewijzigd of beschadigd") ||
		!strings.Contains(stderr, "De bundel is niet gemaakt") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a bundle was written")
	}
}

func TestAgendaCSVAndCarryOver(t *testing.T) {
	db := demoWithFiles(t)
	m := bundleMeeting(t, db)
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A later meeting of the same body, far enough ahead to have only its
	// standing items.
	ms, _ := s.Meetings(ctx, store.MeetingFilter{BodyID: m.BodyID})
	target := ms[len(ms)-1]
	before, _ := s.Meeting(ctx, target.ID)
	s.Close()
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "agenda.csv")

	code, stdout, stderr := run(t, "agenda-export", "--db", db, "--meeting", fmt.Sprint(m.ID), "--out", csvPath)
	if code != 0 || !strings.Contains(stdout, fmt.Sprintf("(%d agendapunten)", len(m.Items))) {
		t.Fatalf("export: %d %s %s", code, stdout, stderr)
	}
	bad := filepath.Join(dir, "fout.csv")
	os.WriteFile(bad, []byte("titel;soort\nGoed;informatie\n;informatie\nPunt;nonsens\n"), 0o644)
	tests := []struct {
		name     string
		args     []string
		code     int
		want     string
		addItems int
	}{
		{"bad rows", []string{"agenda-import", "--meeting", fmt.Sprint(target.ID), "--in", bad}, ExitError,
			"regel 3, kolom ‘titel’: de titel ontbreekt", 0},
		{"dry run", []string{"agenda-import", "--meeting", fmt.Sprint(target.ID), "--in", csvPath, "--dry-run"}, 0, "er is niets toegevoegd", 0},
		{"import", []string{"agenda-import", "--meeting", fmt.Sprint(target.ID), "--in", csvPath}, 0, "stonden er al op", len(m.Items) - len(before.Items)},
		{"import again", []string{"agenda-import", "--meeting", fmt.Sprint(target.ID), "--in", csvPath}, 0, "0 agendapunten toegevoegd", 0},
		{"missing --in", []string{"agenda-import", "--meeting", fmt.Sprint(target.ID)}, ExitUsage, "--in ontbreekt", 0},
	}
	count := len(before.Items)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, append(tc.args, "--db", db)...)
			if code != tc.code || !strings.Contains(stdout+stderr, tc.want) {
				t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
			}
			s, _ := store.Open(ctx, db, store.Options{})
			after, _ := s.Meeting(ctx, target.ID)
			s.Close()
			if len(after.Items) != count+tc.addItems {
				t.Errorf("%d items, want %d", len(after.Items), count+tc.addItems)
			}
			count = len(after.Items)
		})
	}

	// carry-over: the open items of a meeting whose decisions are still
	// to be taken go to the last meeting of its body.
	s, _ = store.Open(ctx, db, store.Options{})
	all, _ := s.Meetings(ctx, store.MeetingFilter{})
	var src domain.Meeting
	open := 0
	for _, h := range all {
		full, _ := s.Meeting(ctx, h.ID)
		open = 0
		for _, it := range full.Items {
			if store.IsOpen(full, it) {
				open++
			}
		}
		if open > 0 {
			src = full
			break
		}
	}
	if open == 0 {
		t.Fatal("no demo meeting has open items to carry over")
	}
	same, _ := s.Meetings(ctx, store.MeetingFilter{BodyID: src.BodyID})
	s.Close()
	dst := same[len(same)-1]
	for _, want := range []int{open, 0} { // the second time there is nothing left to copy
		code, stdout, stderr := run(t, "carry-over", "--db", db, "--meeting", fmt.Sprint(dst.ID), "--from", fmt.Sprint(src.ID))
		if code != 0 || !strings.Contains(stdout, fmt.Sprintf("%d open punten overgenomen uit vergadering %d", want, src.ID)) {
			t.Fatalf("carry-over: %d %s %s", code, stdout, stderr)
		}
	}
	// Without --from the previous meeting of the body is used.
	code, stdout, stderr = run(t, "carry-over", "--db", db, "--meeting", fmt.Sprint(dst.ID))
	if code != 0 || !strings.Contains(stdout, "open punten overgenomen uit vergadering") {
		t.Fatalf("carry-over from the previous meeting: %d %s %s", code, stdout, stderr)
	}
}
