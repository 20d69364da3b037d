package main

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// oldDatabase writes a database of schema 13, as ctbot 08a47c8 left it,
// holding ten entries (storage/testdata/releases).
func oldDatabase(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "old.db")
	storagetest.LoadDump(t, "../../storage/testdata/releases/13-08a47c8.sql.gz", path)
	return path
}

// schemaVersion reads a database's schema version without ctbot.
func schemaVersion(t *testing.T, path string) int {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var v int
	if err := conn.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestOnlyMigrateAndServeUpgrade: on a database of an older schema (the
// old ctbot still serving it), `backup` copies it as it is, `report`,
// `export`, `jobs`, `digest` and `console` refuse it naming the file, its
// version, this ctbot's and `ctbot migrate`, and none changes it; then
// `migrate` upgrades it, keeping a copy first.
func TestOnlyMigrateAndServeUpgrade(t *testing.T) {
	dir := t.TempDir()
	db := oldDatabase(t, dir)
	latest := storage.LatestSchema()

	copyPath := filepath.Join(dir, "pre-upgrade.db")
	code, out, errOut := run(t, "", "backup", "-db", db, copyPath)
	if code != 0 || !strings.Contains(out, "(schema version 13)") {
		t.Fatalf("backup: exit %d, %s %s", code, out, errOut)
	}
	if v := schemaVersion(t, copyPath); v != 13 {
		t.Errorf("the backup is at schema %d, want 13: the one to roll back to", v)
	}
	want := fmt.Sprintf("database %s has schema version 13, older than the %d of this ctbot (%s); only `ctbot migrate` and `ctbot serve` upgrade a database: stop the ctbot serving it, then run `ctbot migrate -db %s`",
		db, latest, ctbot.Version, db)
	for _, args := range [][]string{
		{"report", "-db", db, "-period", "2026-Q4"},
		{"export", "-db", db, "-o", filepath.Join(dir, "all.xlsx")},
		{"jobs", "-db", db},
		{"digest", "-db", db},
		{"console", "-db", db},
	} {
		code, out, errOut := run(t, "status\n", args...)
		if code != 1 || out != "" || !strings.Contains(errOut, "ctbot "+args[0]+": "+want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and %q", args, code, out, errOut, want)
		}
	}
	if v := schemaVersion(t, db); v != 13 {
		t.Fatalf("the database is at schema %d after commands that must not change it, want 13", v)
	}
	if files, _ := filepath.Glob(db + ".pre-*"); len(files) > 0 {
		t.Errorf("copies taken by commands that do not migrate: %v", files)
	}

	code, out, errOut = run(t, "", "migrate", "-db", db)
	if code != 0 || !strings.Contains(out, "copied it first, as it was (schema version 13), to "+db+".pre-13-20261127T090000Z.bak") ||
		!strings.Contains(out, fmt.Sprintf("schema version %d.", latest)) {
		t.Fatalf("migrate: exit %d, %s %s", code, out, errOut)
	}
	if v := schemaVersion(t, db+".pre-13-20261127T090000Z.bak"); v != 13 {
		t.Errorf("migrate's copy is at schema %d, want 13", v)
	}
	code, out, errOut = run(t, "history\n", "console", "-db", db)
	if code != 0 || !strings.Contains(out, "Digital evidence") {
		t.Errorf("console after migrate: exit %d, %s %s", code, out, errOut)
	}
}
