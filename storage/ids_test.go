package storage_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
)

// record records a log entry and returns its ID.
func record(t *testing.T, db *storage.DB, note string) int64 {
	t.Helper()
	e := &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Note: note, UserID: "U1"}
	if _, err := db.Record(context.Background(), e, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	return e.ID
}

func mustOpen(t *testing.T, path string, c *fakeclock.Clock) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), path, c)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// TestEntryIDsAreNeverReusedAfterARestore records entries 1 to 5, backs up
// after 3, and puts the backup back by copying the file (as an operator
// rolling back would): the next entry takes an ID above 5, and the ones
// after it follow.
func TestEntryIDsAreNeverReusedAfterARestore(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:00:00Z")
	dir := t.TempDir()
	path := filepath.Join(dir, "ctbot.db")
	db := mustOpen(t, path, clock)
	for i := range 5 {
		record(t, db, "before")
		if i == 2 {
			if err := db.Backup(ctx, filepath.Join(dir, "at3.db")); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	b, err := os.ReadFile(filepath.Join(dir, "at3.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}

	db = mustOpen(t, path, clock)
	defer db.Close()
	if n, _ := db.CountHistory(ctx, ctbot.EntryFilter{}); n != 3 {
		t.Fatalf("the restored database holds %d entries, want 3", n)
	}
	first := record(t, db, "after the restore")
	if first <= 5 {
		t.Fatalf("the first entry after the restore is #%d: an ID given before (up to #5) is given again", first)
	}
	if next := record(t, db, "and another"); next != first+1 {
		t.Errorf("the next entry is #%d, want #%d", next, first+1)
	}
	if st, err := os.Stat(path + ".ids"); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the mark file: %v %v, want mode 0600", st, err)
	}
}

// TestEntryIDsStayConsecutiveAcrossCleanRestarts: a database closed and
// opened again (no restore) continues at the next ID.
func TestEntryIDsStayConsecutiveAcrossCleanRestarts(t *testing.T) {
	clock := fakeclock.At("2026-11-27T09:00:00Z")
	path := filepath.Join(t.TempDir(), "ctbot.db")
	for want := int64(1); want <= 3; want++ {
		db := mustOpen(t, path, clock)
		if got := record(t, db, "one"); got != want {
			t.Errorf("after %d restarts the entry is #%d, want #%d", want-1, got, want)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path + ".ids")
	if err != nil || !strings.Contains(string(b), "clean 3 ") {
		t.Errorf("mark file %q, %v: want a clean close at entry 3", b, err)
	}
}
