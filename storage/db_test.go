package storage

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cttechplus/ctbot/internal/fakeclock"
)

func TestPragmasOnEveryPooledConnection(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "p.db"), time.Now)
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
	db, err := open(path, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	if applied, err := db.migrate(ctx, v1); err != nil || len(applied) != 1 {
		t.Fatalf("v1: applied %v, err %v", applied, err)
	}
	if _, err := db.write.Exec(`INSERT INTO t (a) VALUES ('kept')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = open(path, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	applied, err := db.migrate(ctx, v2)
	if err != nil || len(applied) != 1 || applied[0] != "0002_b.sql" {
		t.Fatalf("v2: applied %v, err %v", applied, err)
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
	if applied, err := db.migrate(ctx, v2); err != nil || len(applied) != 0 {
		t.Errorf("second run applied %v, err %v; want nothing", applied, err)
	}
}

func TestNewerDatabaseIsRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := open(path, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.migrate(ctx, v2); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = open(path, time.Now)
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
	db, err := Open(ctx, filepath.Join(t.TempDir(), "e.db"), time.Now)
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
	db, err := open(filepath.Join(t.TempDir(), "12.db"), time.Now)
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
	if applied, err := db.migrate(ctx, migrationFiles); err != nil || len(applied) != len(ms)-12 {
		t.Fatalf("applied %v, err %v", applied, err)
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
