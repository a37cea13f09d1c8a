package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

func TestRetain(t *testing.T) {
	day := func(s string) autoBackup {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return autoBackup{name: "op-" + s + ".zip", day: d}
	}
	tests := []struct {
		name string
		days []string // newest first
		keep int
		want []string
	}{
		{"fewer than keep", []string{"2027-03-11", "2027-03-10"}, 5, []string{"2027-03-10", "2027-03-11"}},
		{"keep the newest, and the first of the month", []string{"2027-03-11", "2027-03-10", "2027-03-09", "2027-03-08", "2027-03-01"}, 2,
			[]string{"2027-03-01", "2027-03-10", "2027-03-11"}},
		{"first of each of three months", []string{
			"2027-06-02", "2027-06-01", "2027-05-20", "2027-05-03", "2027-04-15", "2027-04-02", "2027-03-30", "2027-03-01"}, 1,
			[]string{"2027-04-02", "2027-05-03", "2027-06-01", "2027-06-02"}},
		{"long pause keeps old backups", []string{"2027-09-01", "2026-01-05", "2025-12-01", "2025-11-30"}, 2,
			[]string{"2025-12-01", "2026-01-05", "2027-09-01"}},
		{"a year boundary is a month boundary", []string{"2028-01-02", "2027-12-31", "2027-12-30"}, 1,
			[]string{"2027-12-30", "2028-01-02"}},
		{"none", nil, 3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var bs []autoBackup
			for _, d := range tt.days {
				bs = append(bs, day(d))
			}
			var got []string
			for name := range retain(bs, tt.keep) {
				got = append(got, strings.TrimSuffix(strings.TrimPrefix(name, "op-"), ".zip"))
			}
			sort.Strings(got)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("kept %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAutoBackup(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "overlegplanner.db")
	s := storeAt(t, path)
	fillWithStukken(t, s)
	dir := BackupDir(path)
	ams := domain.Amsterdam()
	at := func(d int) time.Time { return time.Date(2027, 1, d, 8, 30, 0, 0, ams) }

	// Things rotation must never touch: a manual backup and a safety copy,
	// and a stale temporary file of an interrupted backup that it removes.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	manual := filepath.Join(dir, "overlegplanner-voor-de-verhuizing.zip")
	safety := filepath.Join(dir, "overlegplanner-voor-terugzetten-20261231-120000.db")
	stale := filepath.Join(dir, ".overlegplanner-2026-12-30.zip.123.tmp")
	for _, p := range []string{manual, safety, stale} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := at(1).Add(-48 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}

	res, err := s.AutoBackup(ctx, "", at(1), 3)
	if err != nil || !res.Made || res.Path != filepath.Join(dir, "overlegplanner-2027-01-01.zip") {
		t.Fatalf("first backup: %+v %v", res, err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Error("a stale temporary file survived")
	}
	// Later the same day, after a change: still one backup that day.
	change := func(n int) {
		t.Helper()
		m := domain.Municipality{Name: "Gemeente " + string(rune('A'+n)), CBSCode: "GM09" + string(rune('0'+n/10)) + string(rune('0'+n%10)),
			CollegeDays: []time.Weekday{time.Tuesday}, Region: domain.RegionZuid}
		if err := s.SaveMunicipality(ctx, &m); err != nil {
			t.Fatal(err)
		}
	}
	change(0)
	if res, err := s.AutoBackup(ctx, "", at(1).Add(8*time.Hour), 3); err != nil || res.Made || res.Path != filepath.Join(dir, "overlegplanner-2027-01-01.zip") {
		t.Errorf("second call on the same day: %+v %v", res, err)
	}
	// The next day: the change gets its backup.
	if res, err := s.AutoBackup(ctx, "", at(2), 3); err != nil || !res.Made {
		t.Errorf("day 2 after a change: %+v %v", res, err)
	}
	// A day without changes makes no new copy; the newest stays current.
	if res, err := s.AutoBackup(ctx, "", at(3), 3); err != nil || res.Made || res.Path != filepath.Join(dir, "overlegplanner-2027-01-02.zip") {
		t.Errorf("day 3 without changes: %+v %v", res, err)
	}
	// A week of daily changes: keep 3, plus the first of January.
	for d := 4; d <= 10; d++ {
		change(d)
		if _, err := s.AutoBackup(ctx, "", at(d), 3); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{
		"overlegplanner-2027-01-01.zip", "overlegplanner-2027-01-08.zip", "overlegplanner-2027-01-09.zip", "overlegplanner-2027-01-10.zip",
		"overlegplanner-voor-de-verhuizing.zip", "overlegplanner-voor-terugzetten-20261231-120000.db",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("backup folder:\n got %v\nwant %v", got, want)
	}
	// Each kept backup restores.
	if err := Restore(ctx, filepath.Join(dir, "overlegplanner-2027-01-09.zip"), filepath.Join(t.TempDir(), "x.db")); err != nil {
		t.Error(err)
	}
}

func TestAutoBackupKeepsIncompleteBackups(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "overlegplanner.db")
	s := storeAt(t, path)
	fillWithStukken(t, s)
	docs, _ := s.Documents(ctx)
	if err := os.Remove(s.Blobs().Path(docs[0].StoredName)); err != nil {
		t.Fatal(err)
	}
	res, err := s.AutoBackup(ctx, t.TempDir(), time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC), 0)
	if !errors.Is(err, ErrIncompleteBackup) || !res.Made {
		t.Fatalf("%+v %v", res, err)
	}
	if _, err := os.Stat(res.Path); err != nil {
		t.Error(err)
	}
}
