package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/storage"
)

// TestRestoreNeverReusesEntryIDs records entries 1 to 5 with a backup
// after 3, restores the backup, and records again: the new entry's ID is
// above 5 (no ID shown before names another entry), the database replaced
// is kept, and restore said what it did.
func TestRestoreNeverReusesEntryIDs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ctbot.db")
	backup := filepath.Join(dir, "at3.db")
	if code, _, errOut := run(t, "log kenya one\nlog kenya two\nlog kenya three\n", "console", "-db", db); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := run(t, "", "backup", "-db", db, backup); code != 0 {
		t.Fatal(errOut)
	}
	_, out, _ := run(t, "log kenya four\nlog kenya five\n", "console", "-db", db)
	if !strings.Contains(out, "Recorded #5") {
		t.Fatalf("console:\n%s", out)
	}

	code, out, errOut := run(t, "", "restore", "-db", db, backup)
	aside := db + ".before-restore-20261127T090000Z"
	if code != 0 || !strings.Contains(out, "restored "+db+" from "+backup+" (schema version "+strconv.Itoa(storage.LatestSchema())+", entries up to #3)") ||
		!strings.Contains(out, "the database it replaced is at "+aside) {
		t.Fatalf("restore: exit %d, %s %s", code, out, errOut)
	}
	next := regexp.MustCompile(`numbered from #(\d+),`).FindStringSubmatch(out)
	if next == nil {
		t.Fatalf("restore does not say where IDs continue:\n%s", out)
	}
	if st, err := os.Stat(db); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("restored database: %v %v, want mode 0600", st, err)
	}
	_, hist, _ := run(t, "history\n", "console", "-db", aside)
	if !strings.Contains(hist, "five") {
		t.Errorf("the database set aside lacks the entries after the backup:\n%s", hist)
	}

	_, out, _ = run(t, "log kenya after the restore\nhistory\n", "console", "-db", db)
	id := regexp.MustCompile(`Recorded #(\d+)`).FindStringSubmatch(out)
	if id == nil {
		t.Fatalf("console after the restore:\n%s", out)
	}
	if n, _ := strconv.Atoi(id[1]); n <= 5 || id[1] != next[1] {
		t.Errorf("the first entry after the restore is #%s (restore said #%s): IDs up to #5 were shown before", id[1], next[1])
	}
	if strings.Contains(out, "four") {
		t.Errorf("the restored database holds entries after the backup:\n%s", out)
	}
}

// TestRestoreRefusals: restore refuses while ctbot has the database open,
// a file that is not a ctbot database, and the database itself; each
// leaves the database as it was.
func TestRestoreRefusals(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ctbot.db")
	backup := filepath.Join(dir, "copy.db")
	run(t, "log kenya one\n", "console", "-db", db)
	run(t, "", "backup", "-db", db, backup)
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("not a database"), 0o600)

	open, err := storage.OpenAsIs(context.Background(), db, clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "", "restore", "-db", db, backup)
	open.Close()
	if code != 1 || !strings.Contains(errOut, "a ctbot process has "+db+" open") {
		t.Errorf("restore while open: exit %d, %s", code, errOut)
	}
	for _, tt := range []struct{ file, want string }{
		{notDB, "is not a sound SQLite database"},
		{db, "is the database itself"},
		{filepath.Join(dir, "missing.db"), "no such file"},
	} {
		code, _, errOut := run(t, "", "restore", "-db", db, tt.file)
		if code != 1 || !strings.Contains(errOut, tt.want) {
			t.Errorf("restore %s: exit %d, %s; want %q", tt.file, code, errOut, tt.want)
		}
	}
	if code, _, _ := run(t, "", "restore", "-db", db); code != 2 {
		t.Errorf("restore without a file: exit %d, want 2", code)
	}
	if files, _ := filepath.Glob(db + ".before-restore-*"); len(files) > 0 {
		t.Errorf("a refused restore moved the database: %v", files)
	}
	_, hist, _ := run(t, "history\n", "console", "-db", db)
	if !strings.Contains(hist, "one") {
		t.Errorf("the database changed:\n%s", hist)
	}
}

// TestRestoreOverADamagedDatabase: the database to replace cannot be read
// (what a restore is often for): it is set aside all the same, and new
// entries are numbered past the mark of the IDs given before.
func TestRestoreOverADamagedDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ctbot.db")
	backup := filepath.Join(dir, "copy.db")
	run(t, "log kenya one\n", "console", "-db", db)
	run(t, "", "backup", "-db", db, backup)
	run(t, "log kenya two\nlog kenya three\n", "console", "-db", db)
	if err := os.WriteFile(db, []byte(strings.Repeat("not a database ", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "", "restore", "-db", db, backup)
	if code != 0 || !strings.Contains(out, "warning: reading the last entry ID of "+db) || !strings.Contains(out, "the database it replaced is at") {
		t.Fatalf("restore: exit %d, %s %s", code, out, errOut)
	}
	_, out, _ = run(t, "log kenya after\n", "console", "-db", db)
	id := regexp.MustCompile(`Recorded #(\d+)`).FindStringSubmatch(out)
	if id == nil {
		t.Fatalf("console after the restore:\n%s", out)
	}
	if n, _ := strconv.Atoi(id[1]); n <= 3 {
		t.Errorf("the first entry after the restore is #%d: IDs up to #3 were given before", n)
	}
}
