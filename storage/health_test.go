package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

func healthText(errs []error) string { return fmt.Sprint(errors.Join(errs...)) }

// TestHealthFull: with no room for one more page (max_page_count stands
// in for a full disk), the health probe fails as a real write would, and
// the database does not grow.
func TestHealthFull(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t, clock.Real{})
	if errs := db.Health(ctx); len(errs) != 0 {
		t.Fatalf("a new database: %v", errs)
	}
	for _, q := range []string{"VACUUM", "PRAGMA max_page_count = 1"} { // no free page left; no new one
		if err := db.ExecForTest(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := os.Stat(db.Path())
	got := healthText(db.Health(ctx))
	if !strings.Contains(got, "cannot write: the database or its disk is full") {
		t.Errorf("health with the database full: %q", got)
	}
	if _, err := db.Record(ctx, &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Note: strings.Repeat("x", 8000), UserID: "U1"}, ctbot.WriteOptions{}); err == nil {
		t.Error("a write that needs new pages succeeded: the probe's condition is not a full database")
	}
	after, _ := os.Stat(db.Path())
	if after.Size() != before.Size() {
		t.Errorf("the probe changed the database's size: %d -> %d", before.Size(), after.Size())
	}
}

// TestHealthReadOnlyFileNamed: a database file ctbot cannot write is
// named, by its mode, also when the test runs as root.
func TestHealthReadOnlyFileNamed(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t, clock.Real{})
	for _, suffix := range []string{"-shm", "", "-wal"} {
		p := db.Path() + suffix
		if err := os.Chmod(p, 0o400); err != nil {
			t.Fatal(err)
		}
		got := healthText(db.Health(ctx))
		want := p + " is read-only (mode 0400)"
		if !strings.Contains(got, want) || strings.Count(got, "read-only") != 1 {
			t.Errorf("%s made read-only: health %q, want exactly %q", suffix, got, want)
		}
		if err := os.Chmod(p, 0o600); err != nil {
			t.Fatal(err)
		}
		if errs := db.Health(ctx); len(errs) != 0 {
			t.Errorf("%s writable again: %v", suffix, errs)
		}
	}
}

// TestHealthLocked: another connection holds the write lock; the probe
// says the database is locked.
func TestHealthLocked(t *testing.T) {
	db := storagetest.MustOpenDB(t, clock.Real{})
	other, err := sql.Open("sqlite3", "file:"+url.PathEscape(db.Path())+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	got := healthText(db.Health(ctx))
	if !strings.Contains(got, "locked") {
		t.Errorf("health with another connection holding the lock: %q", got)
	}
	if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if errs := db.Health(context.Background()); len(errs) != 0 {
		t.Errorf("after the lock is released: %v", errs)
	}
}

// TestHealthClosedOrGone: a closed database, and one whose file was
// deleted under ctbot, are reported.
func TestHealthClosedOrGone(t *testing.T) {
	db := storagetest.MustOpenDB(t, clock.Real{})
	if err := os.Rename(db.Path(), db.Path()+".moved"); err != nil {
		t.Fatal(err)
	}
	got := healthText(db.Health(context.Background()))
	if !strings.Contains(got, db.Path()+" does not exist") {
		t.Errorf("health with the file moved away: %q", got)
	}
	if err := os.Rename(db.Path()+".moved", db.Path()); err != nil {
		t.Fatal(err)
	}
	db2 := storagetest.MustOpenDB(t, clock.Real{})
	db2.Close()
	if got := healthText(db2.Health(context.Background())); !strings.Contains(got, "the database is closed") {
		t.Errorf("health of a closed database: %q", got)
	}
}
