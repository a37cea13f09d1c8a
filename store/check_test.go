package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCheckOfAHealthyStore(t *testing.T) {
	s := storeAt(t, filepath.Join(t.TempDir(), "overlegplanner.db"))
	fillWithStukken(t, s)
	r, err := s.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || len(r.Problems()) != 0 || len(r.Warnings()) != 0 || r.Files != 2 || r.SchemaVersion != LatestSchemaVersion() {
		t.Errorf("healthy store: %+v", r)
	}
}

// TestCheckFindsInjectedProblems damages a store in each way Check must
// notice and compares the whole report.
func TestCheckFindsInjectedProblems(t *testing.T) {
	ctx := context.Background()
	s := storeAt(t, filepath.Join(t.TempDir(), "overlegplanner.db"))
	fillWithStukken(t, s)
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b := s.Blobs()
	// An orphan: a file no stuk refers to.
	orphan, _, _, err := b.Put(strings.NewReader("los bestand"), "los.pdf")
	if err != nil {
		t.Fatal(err)
	}
	// A hash mismatch: the first stuk's file changed on disk.
	if err := os.WriteFile(b.Path(docs[0].StoredName), []byte("%PDF-1.7 gewijzigd"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A missing file: the second stuk's file is gone.
	if err := os.Remove(b.Path(docs[1].StoredName)); err != nil {
		t.Fatal(err)
	}
	// A foreign-key violation: an action item of a meeting that does not
	// exist, written the way another tool would, with foreign keys off.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"PRAGMA foreign_keys=OFF",
		"INSERT INTO action_item (id, meeting_id, description) VALUES (77, 999, 'verweesd actiepunt')",
		"PRAGMA foreign_keys=ON",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	conn.Close()

	r, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := Report{
		SchemaVersion: LatestSchemaVersion(),
		ForeignKeys:   []ForeignKeyViolation{{Table: "action_item", RowID: 77, Parent: "meeting"}},
		Missing:       []StukProblem{{DocumentID: docs[1].ID, Title: docs[1].Title, StoredName: docs[1].StoredName}},
		Damaged:       []StukProblem{{DocumentID: docs[0].ID, Title: docs[0].Title, StoredName: docs[0].StoredName}},
		Orphans:       []string{orphan},
		Files:         2,
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("report\n got %+v\nwant %+v", r, want)
	}
	if r.OK() {
		t.Error("a damaged store is OK")
	}
	var msgs []string
	for _, m := range r.Problems() {
		msgs = append(msgs, m.String())
	}
	wantMsgs := []string{
		"rij 77 in tabel action_item verwijst naar iets in tabel meeting dat niet bestaat",
		"het bestand van stuk ‘Raadsinformatiebrief’ (nr. 2, " + docs[1].StoredName + ") ontbreekt",
		"het bestand van stuk ‘Beleidskader’ (nr. 1, " + docs[0].StoredName + ") is gewijzigd of beschadigd: de inhoud komt niet overeen met wat is ontvangen",
	}
	if !reflect.DeepEqual(msgs, wantMsgs) {
		t.Errorf("messages\n got %q\nwant %q", msgs, wantMsgs)
	}
	if w := r.Warnings(); len(w) != 1 || !strings.Contains(w[0].String(), orphan) {
		t.Errorf("warnings %v", w)
	}
}

// TestCheckReportsWhatQuickCheckMisses damages the file below SQLite's
// own checks: an index whose entries no longer match its table. Open's
// quick_check does not compare index content, so the database opens; the
// full integrity check in Check must report it.
func TestCheckReportsWhatQuickCheckMisses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "overlegplanner.db")
	s := storeAt(t, path)
	fillWithStukken(t, s)
	s.Close()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"PRAGMA writable_schema=ON",
		"UPDATE sqlite_master SET sql = 'CREATE INDEX meeting_start ON meeting(end_utc)' WHERE name = 'meeting_start'",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s2, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	r, err := s2.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || len(r.Integrity) == 0 || !strings.Contains(r.Integrity[0], "meeting_start") {
		t.Errorf("inconsistent index not reported: %+v", r)
	}
	if p := r.Problems(); len(p) == 0 || !strings.HasPrefix(p[0].String(), "de database is beschadigd: ") {
		t.Errorf("problems %v", p)
	}
}
