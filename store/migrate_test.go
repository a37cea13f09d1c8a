package store

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// openAtVersion creates a database at schema version k, as version k of
// the program left it, without upgrading it further.
func openAtVersion(t *testing.T, path string, k int) *Store {
	t.Helper()
	db, err := sql.Open("sqlite3", fileURI(path, "_foreign_keys=1&_busy_timeout=10000&_txlock=immediate"))
	if err != nil {
		t.Fatal(err)
	}
	s := &Store{db: db, path: path, now: time.Now}
	if err := s.migrateTo(context.Background(), k); err != nil {
		t.Fatal(err)
	}
	return s
}

// rowCounts returns the number of rows of every table.
func rowCounts(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	names, err := scanAll(rows, err, func(r *sql.Rows) (string, error) {
		var n string
		return n, r.Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, n := range names {
		var c int
		if err := db.QueryRow(`SELECT count(*) FROM "` + n + `"`).Scan(&c); err != nil {
			t.Fatal(err)
		}
		out[n] = c
	}
	return out
}

// TestMigrateFromEveryVersion builds a database at every earlier schema
// version, fills it with the data that version wrote
// (testdata/migrate/fill_NNNN.sql), upgrades it with Open and proves the
// data intact: no table lost a row, every reference holds, the file is
// intact, the pre-upgrade copy is the old database, and everything the
// app reads is what testdata/migrate/from_NNNN.golden.json says.
//
// A new migration needs no change here, only a fill file for the version
// it upgrades from; the test fails until that file exists.
func TestMigrateFromEveryVersion(t *testing.T) {
	if len(migrations) < 2 {
		t.Skip("only one schema version")
	}
	for k := 1; k < len(migrations); k++ {
		t.Run(fmt.Sprintf("v%d", k), func(t *testing.T) {
			ctx := context.Background()
			fill, err := os.ReadFile(filepath.Join("testdata", "migrate", fmt.Sprintf("fill_%04d.sql", k)))
			if err != nil {
				t.Fatalf("no data for schema version %d: add testdata/migrate/fill_%04d.sql with what version %[1]d writes (%v)", k, k, err)
			}
			path := filepath.Join(t.TempDir(), "overlegplanner.db")
			old := openAtVersion(t, path, k)
			if _, err := old.db.Exec("BEGIN; PRAGMA defer_foreign_keys=ON; " + string(fill) + "; COMMIT;"); err != nil {
				t.Fatalf("fill_%04d.sql: %v", k, err)
			}
			before := rowCounts(t, old.db)
			if err := old.Close(); err != nil {
				t.Fatal(err)
			}

			s, err := Open(ctx, path, Options{})
			if err != nil {
				t.Fatalf("upgrade from v%d: %v", k, err)
			}
			defer s.Close()
			if v, _ := s.SchemaVersion(ctx); v != LatestSchemaVersion() {
				t.Errorf("schema version %d after upgrade, want %d", v, LatestSchemaVersion())
			}
			if p, err := s.Integrity(ctx); err != nil || len(p) > 0 {
				t.Errorf("integrity: %v %v", p, err)
			}
			if fk, err := s.foreignKeyCheck(ctx); err != nil || len(fk) > 0 {
				t.Errorf("foreign keys: %v %v", fk, err)
			}
			after := rowCounts(t, s.db)
			for table, n := range before {
				if after[table] != n {
					t.Errorf("table %s: %d rows before the upgrade, %d after", table, n, after[table])
				}
			}

			// The copy made before the upgrade is the old database.
			bak := fmt.Sprintf("%s.v%d.bak", path, k)
			bdb, err := sql.Open("sqlite3", fileURI(bak, "mode=ro&immutable=1"))
			if err != nil {
				t.Fatal(err)
			}
			defer bdb.Close()
			var bv int
			if err := bdb.QueryRow("PRAGMA user_version").Scan(&bv); err != nil || bv != k {
				t.Errorf("pre-upgrade copy at version %d (%v), want %d", bv, err, k)
			}
			if got := rowCounts(t, bdb); !reflect.DeepEqual(got, before) {
				t.Errorf("pre-upgrade copy holds %v, want %v", got, before)
			}

			golden := filepath.Join("testdata", "migrate", fmt.Sprintf("from_%04d.golden.json", k))
			got := snapshotOf(t, s) + "\n"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./store -run TestMigrateFromEveryVersion -update and review the file)", err)
			}
			if got != string(want) {
				t.Errorf("data after upgrade from v%d differs from %s:\n%s", k, golden, firstDiff(got, string(want)))
			}
		})
	}
}

// firstDiff shows where two texts part.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, gl, wl)
		}
	}
	return ""
}

// TestEveryForeignKeyIsIndexed keeps deletes of parent rows from scanning
// child tables: every foreign-key column must lead some index.
func TestEveryForeignKeyIsIndexed(t *testing.T) {
	s := newStore(t)
	rows, err := s.db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
	tables, err := scanAll(rows, err, func(r *sql.Rows) (string, error) {
		var n string
		return n, r.Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		// The first column of every index (primary keys of WITHOUT ROWID
		// tables and composite primary keys are indexes too).
		leading := map[string]bool{}
		rows, err := s.db.Query(`SELECT il.name FROM pragma_index_list(?) AS l, pragma_index_info(l.name) AS il WHERE il.seqno = 0`, table)
		cols, err := scanAll(rows, err, func(r *sql.Rows) (string, error) {
			var n string
			return n, r.Scan(&n)
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cols {
			leading[c] = true
		}
		rows, err = s.db.Query(`SELECT "from", "table" FROM pragma_foreign_key_list(?)`, table)
		fks, err := scanAll(rows, err, func(r *sql.Rows) ([2]string, error) {
			var fk [2]string
			return fk, r.Scan(&fk[0], &fk[1])
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, fk := range fks {
			if !leading[fk[0]] {
				t.Errorf("%s.%s refers to %s but no index starts with it", table, fk[0], fk[1])
			}
		}
	}
}

// withMigrations runs fn with extra migration steps appended, as if a
// newer version of the program were running.
func withMigrations(t *testing.T, extra ...string) {
	t.Helper()
	saved := migrations
	migrations = append(append([]string(nil), saved...), extra...)
	t.Cleanup(func() { migrations = saved })
}

// TestUpgradeIsAllOrNothing: when a later step fails, the earlier steps of
// the same upgrade are undone too, and the data is untouched.
func TestUpgradeIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "overlegplanner.db")
	s := storeAt(t, path)
	fillWithStukken(t, s)
	want := snapshotOf(t, s)
	s.Close()
	latest := LatestSchemaVersion()

	withMigrations(t, "CREATE TABLE stap_een (x TEXT);", "CREATE TABLE stap_twee (")
	_, err := Open(ctx, path, Options{})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("schemaversie %d", latest+2)) || !strings.Contains(err.Error(), "niets gewijzigd") {
		t.Fatalf("a broken upgrade: %v", err)
	}
	migrations = migrations[:latest]
	s = storeAt(t, path)
	if v, _ := s.SchemaVersion(ctx); v != latest {
		t.Errorf("version %d after a failed upgrade, want %d", v, latest)
	}
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'stap_een'").Scan(&n); err != nil || n != 0 {
		t.Errorf("the first step of the failed upgrade stayed (%d, %v)", n, err)
	}
	if got := snapshotOf(t, s); got != want {
		t.Error("data changed by a failed upgrade")
	}
}

// TestUpgradeThatRebuildsATable runs the step SQLite prescribes for
// changes ALTER TABLE cannot make: create a new table, copy, drop the old
// one, rename. With foreign keys on during the upgrade, the drop would
// delete every body membership and attendance of every person (ON DELETE
// CASCADE) and clear every portefeuillehouder (SET NULL).
func TestUpgradeThatRebuildsATable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "overlegplanner.db")
	s := storeAt(t, path)
	fillWithStukken(t, s)
	want := snapshotOf(t, s)
	before := rowCounts(t, s.db)
	s.Close()

	withMigrations(t, `
CREATE TABLE person_new (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    municipality_id INTEGER REFERENCES municipality(id) ON DELETE SET NULL,
    role            TEXT NOT NULL,
    function        TEXT NOT NULL DEFAULT '',
    initials        TEXT NOT NULL DEFAULT ''
);
INSERT INTO person_new (id, name, email, phone, municipality_id, role, function)
    SELECT id, name, email, phone, municipality_id, role, function FROM person;
DROP TABLE person;
ALTER TABLE person_new RENAME TO person;
CREATE INDEX person_municipality ON person(municipality_id);
`)
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after := rowCounts(t, s.db)
	for table, n := range before {
		if after[table] != n {
			t.Errorf("table %s: %d rows before, %d after the rebuild", table, n, after[table])
		}
	}
	if got := snapshotOf(t, s); got != want {
		t.Errorf("data changed by the rebuild:\n%s", firstDiff(got, want))
	}
	var fk int
	if err := s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys are off after the upgrade (%d, %v)", fk, err)
	}
	// Foreign keys are enforced again on the rebuilt table.
	if _, err := s.db.Exec("INSERT INTO body_member (body_id, person_id, role) VALUES (1, 999, 'lid')"); err == nil || !isConstraint(err) {
		t.Errorf("a dangling reference was accepted after the upgrade: %v", err)
	}
}

// TestUpgradeThatBreaksReferencesIsRefused: a step that leaves rows
// pointing at nothing is rolled back.
func TestUpgradeThatBreaksReferencesIsRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "overlegplanner.db")
	s := storeAt(t, path)
	fillWithStukken(t, s)
	s.Close()
	withMigrations(t, "DELETE FROM person WHERE id = 1;")
	if _, err := Open(ctx, path, Options{}); err == nil || !strings.Contains(err.Error(), "verwijzingen") {
		t.Fatalf("upgrade that broke references: %v", err)
	}
	migrations = migrations[:len(migrations)-1]
	s = storeAt(t, path)
	if _, err := s.db.Exec("SELECT 1 FROM person WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM person WHERE id = 1").Scan(&n); err != nil || n != 1 {
		t.Errorf("the person deleted by the refused step is gone (%d, %v)", n, err)
	}
}

// TestTwoInstancesUpgradeOnce opens an old database from two stores at
// once: one upgrades, the other finds it done, neither fails.
func TestTwoInstancesUpgradeOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "overlegplanner.db")
	old := openAtVersion(t, path, LatestSchemaVersion())
	old.Close()
	withMigrations(t, "CREATE TABLE nieuw (x TEXT);")
	errs := make(chan error, 2)
	for i := 0; i < 2; i++ {
		go func() {
			s, err := Open(ctx, path, Options{})
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	for i := 0; i < 2; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	s := storeAt(t, path)
	if v, _ := s.SchemaVersion(ctx); v != LatestSchemaVersion() {
		t.Errorf("version %d, want %d", v, LatestSchemaVersion())
	}
}
