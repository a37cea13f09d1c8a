package store

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
)

// storeAt opens (creating) a store at path and closes it when the test
// ends.
func storeAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// stukContent is the content of the stored files of fillWithStukken.
var stukContent = map[string]string{
	"Beleidskader":         "%PDF-1.7\n% beleidskader re-integratie 2028\n",
	"Raadsinformatiebrief": "%PDF-1.7\n% raadsinformatiebrief, vertrouwelijk\n",
}

// fillWithStukken imports the fixture into s with real stored files for
// both of its documents, as the app does: the file first, then the record.
func fillWithStukken(t *testing.T, s *Store) *domain.Dataset {
	t.Helper()
	ds := fixture()
	docs := ds.Meetings[0].Items[1].Documents
	for i := range docs {
		name, sum, size, err := s.Blobs().Put(strings.NewReader(stukContent[docs[i].Title]), docs[i].Title+".pdf")
		if err != nil {
			t.Fatal(err)
		}
		docs[i].StoredName, docs[i].SHA256, docs[i].Size = name, sum, size
	}
	if err := s.Import(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	return ds
}

// snapshotOf returns everything a user would see of a store: the dataset
// and every meeting in full, as JSON, so that two stores compare in one
// readable diff.
func snapshotOf(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	ds, err := s.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range ds.Meetings {
		full, err := s.Meeting(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		ds.Meetings[i] = full
	}
	b, err := json.MarshalIndent(ds, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// treeOf returns every file under dir (relative path → SHA-256), to prove
// that something was left exactly as it was.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(b)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}

// zipEntry is one file of an archive being rebuilt by a test.
type zipEntry struct {
	name string
	data []byte
}

func readZip(t *testing.T, path string) []zipEntry { return readZipF(t, path) }

// readZipF reads every entry of a zip file (for tests and fuzz setup).
func readZipF(t testing.TB, path string) []zipEntry {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out []zipEntry
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, zipEntry{f.Name, b})
	}
	return out
}

func writeZip(t *testing.T, path string, entries []zipEntry) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sumOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
