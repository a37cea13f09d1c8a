package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

// Benchmarks on a database the size of two busy years of a secretariat:
// 1,000 meetings with 8 agenda items and 16 stukken each (16,000 document
// records) sharing 400 stored files of 128 KiB (50 MiB), so that the
// figures say what a user waits for at start-up, for a check and for a
// backup.
const (
	benchMeetings = 1000
	benchItems    = 8
	benchDocs     = 2
	benchFiles    = 400
	benchFileSize = 128 << 10
)

// benchStore builds the benchmark database in a fresh folder and returns
// its path and total size (database and stored files).
func benchStore(b *testing.B) (string, int64) {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "overlegplanner.db")
	s, err := Open(ctx, path, Options{Create: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ds := fixture()
	ds.Meetings[0].Items[1].Documents[0].StoredName = "" // the fixture's file is not real
	if err := s.Import(ctx, ds); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	type file struct{ name, sum string }
	files := make([]file, benchFiles)
	buf := make([]byte, benchFileSize)
	var total int64
	for i := range files {
		for j := range buf {
			buf[j] = byte(rng.Uint32())
		}
		name, sum, size, err := s.Blobs().Put(bytes.NewReader(buf), fmt.Sprintf("stuk-%d.pdf", i))
		if err != nil {
			b.Fatal(err)
		}
		files[i] = file{name, sum}
		total += size
	}
	start := time.Date(2026, 1, 5, 14, 0, 0, 0, domain.Amsterdam())
	err = s.tx(ctx, func(tx *sql.Tx) error {
		n := 0
		for i := 0; i < benchMeetings; i++ {
			at := start.Add(time.Duration(i) * 17 * time.Hour)
			m := domain.Meeting{BodyID: int64(1 + i%2), Start: at, End: at.Add(2 * time.Hour), Status: domain.StatusGepland,
				UID: NewUID(), Location: "Stadhuis Middelburg", Note: "vergadering"}
			if err := insertMeeting(ctx, tx, &m); err != nil {
				return err
			}
			for j := 1; j <= benchItems; j++ {
				it := domain.AgendaItem{MeetingID: m.ID, Position: j, Title: fmt.Sprintf("Agendapunt %d", j), Kind: domain.ItemBesluitvorming,
					PortefeuillehouderID: 1, StellerID: 2, Proposal: "Instemmen met het voorstel zoals dat in de stukken is beschreven."}
				if err := insertItem(ctx, tx, &it); err != nil {
					return err
				}
				for k := 0; k < benchDocs; k++ {
					f := files[n%len(files)]
					n++
					d := domain.Document{ItemID: it.ID, Title: fmt.Sprintf("Stuk %d", n), FileName: "stuk.pdf", SHA256: f.sum, Size: benchFileSize, StoredName: f.name}
					if err := saveDocument(ctx, tx, &d, true); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, total + fi.Size()
}

// BenchmarkOpen is the start-up cost: header, writability, version and
// quick_check of an existing database.
func BenchmarkOpen(b *testing.B) {
	path, _ := benchStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkCheck is `overlegplanner check`: integrity_check, foreign keys
// and the hash of every stored file.
func BenchmarkCheck(b *testing.B) {
	path, size := benchStore(b)
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		r, err := s.Check(ctx)
		if err != nil || !r.OK() {
			b.Fatal(r, err)
		}
	}
}

// BenchmarkBackup writes, syncs and verifies a full backup archive.
func BenchmarkBackup(b *testing.B) {
	path, size := benchStore(b)
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	dst := filepath.Join(b.TempDir(), "backup.zip")
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		if err := s.Backup(ctx, dst); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if fi, err := os.Stat(dst); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "archive-MiB")
	}
}

// BenchmarkRestore validates an archive and restores it over an existing
// database whose stored files are all present (the everyday case).
func BenchmarkRestore(b *testing.B) {
	path, size := benchStore(b)
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	archive := filepath.Join(b.TempDir(), "backup.zip")
	if err := s.Backup(ctx, archive); err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		res, err := RestoreWith(ctx, archive, path, RestoreOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.Remove(res.SafetyCopy)
		b.StartTimer()
	}
}

// BenchmarkAutoBackupUnchanged is what the app pays at every start on a
// day without changes: a snapshot compared with the newest backup, no new
// archive.
func BenchmarkAutoBackupUnchanged(b *testing.B) {
	path, _ := benchStore(b)
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	day := time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)
	if _, err := s.AutoBackup(ctx, "", day, 0); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		day = day.AddDate(0, 0, 1)
		res, err := s.AutoBackup(ctx, "", day, 0)
		if err != nil || res.Made {
			b.Fatal(res, err)
		}
	}
}
