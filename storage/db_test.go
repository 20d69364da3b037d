package storage

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/fakeclock"
)

func TestPragmasOnEveryPooledConnection(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "p.db"), clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Hold several read connections at once so the pool opens new ones.
	for i := range 4 {
		conn, err := db.read.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		checks := map[string]string{"journal_mode": "wal", "busy_timeout": "5000", "foreign_keys": "1", "synchronous": "2", "query_only": "1"}
		for pragma, want := range checks {
			var got string
			if err := conn.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("read conn %d: PRAGMA %s = %s, want %s", i, pragma, got, want)
			}
		}
	}
	for pragma, want := range map[string]string{"journal_mode": "wal", "busy_timeout": "5000", "foreign_keys": "1", "synchronous": "2", "query_only": "0"} {
		var got string
		if err := db.write.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("write conn: PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
}

var (
	v1 = fstest.MapFS{"migrations/0001_t.sql": {Data: []byte(`CREATE TABLE t (a TEXT);`)}}
	v2 = fstest.MapFS{
		"migrations/0001_t.sql": v1["migrations/0001_t.sql"],
		"migrations/0002_b.sql": {Data: []byte(`ALTER TABLE t ADD COLUMN b INTEGER NOT NULL DEFAULT 7;`)},
	}
)

func TestMigrateUpgradesAnOlderDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	clock := fakeclock.At("2026-03-01T10:00:00Z")
	db, err := open(path, clock)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := db.migrate(ctx, v1); err != nil || len(res.Applied) != 1 {
		t.Fatalf("v1: applied %v, err %v", res.Applied, err)
	}
	if _, err := db.write.Exec(`INSERT INTO t (a) VALUES ('kept')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = open(path, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.migrate(ctx, v2)
	if err != nil || len(res.Applied) != 1 || res.Applied[0] != "0002_b.sql" {
		t.Fatalf("v2: applied %v, err %v", res.Applied, err)
	}
	var a string
	var b int
	if err := db.read.QueryRow(`SELECT a, b FROM t`).Scan(&a, &b); err != nil || a != "kept" || b != 7 {
		t.Errorf("row after migration = %q, %d, %v", a, b, err)
	}
	if v, _ := db.SchemaVersion(ctx); v != 2 {
		t.Errorf("schema version = %d, want 2", v)
	}
	var at string
	if err := db.read.QueryRow(`SELECT applied_at FROM schema_migrations WHERE version = 2`).Scan(&at); err != nil || at != "2026-03-01T10:00:00.000000Z" {
		t.Errorf("applied_at = %q, %v", at, err)
	}
	if res, err := db.migrate(ctx, v2); err != nil || len(res.Applied) != 0 || res.Copy != "" {
		t.Errorf("second run applied %v (copy %q), err %v; want nothing", res.Applied, res.Copy, err)
	}
}

func TestNewerDatabaseIsRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := open(path, clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.migrate(ctx, v2); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = open(path, clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.migrate(ctx, v1)
	if err == nil || !strings.Contains(err.Error(), "newer ctbot") || !strings.Contains(err.Error(), "version 2") {
		t.Fatalf("err = %v, want a refusal naming the newer version", err)
	}
}

func TestOpenAppliesEmbeddedMigrations(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "e.db"), clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := db.SchemaVersion(ctx); v != ms[len(ms)-1].version || v == 0 {
		t.Errorf("schema version = %d, want %d", v, ms[len(ms)-1].version)
	}
	if err := db.Ping(ctx); err != nil {
		t.Error(err)
	}
}

func TestBadMigrationNamesAreRefused(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"gap":    {"migrations/0001_a.sql": {Data: []byte("SELECT 1;")}, "migrations/0003_c.sql": {Data: []byte("SELECT 1;")}},
		"no num": {"migrations/abc.sql": {Data: []byte("SELECT 1;")}},
		"zero":   {"migrations/0000_a.sql": {Data: []byte("SELECT 1;")}},
	} {
		if _, err := loadMigrations(fsys); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestReadinessKindOnAnUpgradedDatabase upgrades a database of schema 12
// holding an entry: the edited CHECK constraint takes readiness entries
// on the very connection that migrated, still refuses unknown kinds, and
// the file stays sound.
func TestReadinessKindOnAnUpgradedDatabase(t *testing.T) {
	ctx := context.Background()
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	db, err := open(filepath.Join(t.TempDir(), "12.db"), clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Schema 12 as an older ctbot left it (this one's code reads schema 13).
	if _, err := db.write.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:12] {
		if _, err := db.write.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if _, err := db.write.Exec(`INSERT INTO schema_migrations VALUES (?, ?, '')`, m.version, m.name); err != nil {
			t.Fatal(err)
		}
	}
	insert := `INSERT INTO entries (kind, country, date, user_id, created_at) VALUES (?, 'KE', '2026-11-20', 'U1', '2026-11-20T10:00:00.000000Z')`
	if _, err := db.write.Exec(insert, "training"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.Exec(insert, "readiness"); err == nil {
		t.Fatal("schema 12 took a readiness entry")
	}
	if res, err := db.migrate(ctx, migrationFiles); err != nil || len(res.Applied) != len(ms)-12 {
		t.Fatalf("applied %v, err %v", res.Applied, err)
	}
	if _, err := db.write.Exec(insert, "readiness"); err != nil {
		t.Errorf("a readiness entry after the upgrade: %v", err)
	}
	if _, err := db.write.Exec(insert, "bogus"); err == nil || !strings.Contains(err.Error(), "CHECK") {
		t.Errorf("an unknown kind after the upgrade: err %v, want the CHECK constraint", err)
	}
	var n int
	var check string
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM entries`).Scan(&n); err != nil || n != 2 {
		t.Errorf("entries = %d, %v; want the training and the assessment", n, err)
	}
	if err := db.read.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
}

// TestMigrateIsAllOrNothing upgrades a database through two migrations of
// which the second fails: the first is rolled back too, the error says so
// and names the copy taken before, which holds the database as it was.
func TestMigrateIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "all.db")
	clock := fakeclock.At("2026-03-01T10:00:00Z")
	db, err := open(path, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.migrate(ctx, v1); err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.Exec(`INSERT INTO t (a) VALUES ('kept')`); err != nil {
		t.Fatal(err)
	}
	v3 := fstest.MapFS{
		"migrations/0001_t.sql": v1["migrations/0001_t.sql"],
		"migrations/0002_b.sql": v2["migrations/0002_b.sql"],
		"migrations/0003_c.sql": {Data: []byte(`CREATE TABLE c (x TEXT); INSERT INTO nowhere VALUES (1);`)},
	}
	res, err := db.migrate(ctx, v3)
	wantCopy := path + ".pre-1-20260301T100000Z.bak"
	if err == nil || !strings.Contains(err.Error(), "0003_c.sql") || !strings.Contains(err.Error(), "nothing was changed") ||
		!strings.Contains(err.Error(), "schema version 1") || !strings.Contains(err.Error(), wantCopy) {
		t.Fatalf("err = %v; want the failing migration, nothing changed, version 1 and the copy %s", err, wantCopy)
	}
	if res.Copy != wantCopy || len(res.Applied) != 0 {
		t.Errorf("result %+v", res)
	}
	if v, _ := db.SchemaVersion(ctx); v != 1 {
		t.Errorf("schema version %d after a failed migration, want 1", v)
	}
	var n int
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM pragma_table_info('t') WHERE name = 'b'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("column b (migration 2) is there: %d %v", n, err)
	}
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'c'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("table c (migration 3) is there: %d %v", n, err)
	}
	c, err := open(wantCopy, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var a string
	if err := c.read.QueryRow(`SELECT a FROM t`).Scan(&a); err != nil || a != "kept" {
		t.Errorf("the copy holds %q, %v", a, err)
	}
}

// TestEditedMigrationIsRefused: a database that applied a migration whose
// text differs from this ctbot's is refused, unchanged.
func TestEditedMigrationIsRefused(t *testing.T) {
	ctx := context.Background()
	db, err := open(filepath.Join(t.TempDir(), "edited.db"), clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.migrate(ctx, v2); err != nil {
		t.Fatal(err)
	}
	edited := fstest.MapFS{
		"migrations/0001_t.sql": v1["migrations/0001_t.sql"],
		"migrations/0002_b.sql": {Data: []byte(`ALTER TABLE t ADD COLUMN b INTEGER NOT NULL DEFAULT 8;`)},
		"migrations/0003_c.sql": {Data: []byte(`CREATE TABLE c (x TEXT);`)},
	}
	_, err = db.migrate(ctx, edited)
	if err == nil || !strings.Contains(err.Error(), "0002_b.sql") || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("err = %v, want a refusal naming 0002_b.sql and its checksum", err)
	}
	if v, _ := db.SchemaVersion(ctx); v != 2 {
		t.Errorf("schema version %d, want 2", v)
	}
}
