// Package storagetest opens throw-away databases for tests.
package storagetest

import (
	"compress/gzip"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/figures"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/internal/wait"
	"github.com/cttechplus/ctbot/storage"
)

// MustOpenDB opens a migrated database in a temporary directory, closed when
// the test ends, on clock c.
func MustOpenDB(tb testing.TB, c clock.Clock) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(tb.TempDir(), "ctbot.db"), c)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close db: %v", err)
		}
	})
	return db
}

// MustOpenPath opens (or shares) the database at path, as a second process would.
func MustOpenPath(tb testing.TB, path string, c clock.Clock) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), path, c)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// HoldReader starts a read transaction on the database at path, as another
// process (a backup, an export, a shell) would, and keeps its snapshot
// until release is called (or the test ends): the write-ahead log cannot
// be checkpointed past it meanwhile.
func HoldReader(tb testing.TB, path string) (release func()) {
	tb.Helper()
	ctx := context.Background()
	reader, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		tb.Fatal(err)
	}
	held, err := reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		reader.Close()
		tb.Fatal(err)
	}
	var n int
	if err := held.QueryRowContext(ctx, `SELECT COUNT(*) FROM entries`).Scan(&n); err != nil {
		held.Rollback()
		reader.Close()
		tb.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			if err := held.Rollback(); err != nil {
				tb.Error(err)
			}
			reader.Close()
		})
	}
	tb.Cleanup(release)
	return release
}

// AwaitPurge waits until cond holds, moving clock past the purger's next
// try whenever it waits for one (it tries again at most a second apart
// while a purge is pending).
func AwaitPurge(tb testing.TB, clock *fakeclock.Clock, what string, cond func() bool) {
	tb.Helper()
	wait.For(tb, what, func() bool {
		if clock.Timers() > 0 {
			clock.Advance(time.Minute)
		}
		return cond()
	})
}

// LoadDump writes the database a gzipped SQL dump (`sqlite3 X.db .dump`)
// holds into a new file at path, as the ctbot that made it left it.
func LoadDump(tb testing.TB, dump, path string) {
	tb.Helper()
	f, err := os.Open(dump)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatal(err)
	}
	conn, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(string(text)); err != nil {
		tb.Fatalf("loading %s: %v", dump, err)
	}
}

// Figures are the figures of fw over db, watching it (as ctbot serve has
// them).
func Figures(db *storage.DB, fw *ctbot.Framework, now func() time.Time) *figures.Figures {
	f := figures.New(fw, db, now)
	db.Watch(f)
	return f
}

// Current is the snapshot of now of the figures of the default framework
// over db, read anew.
func Current(tb testing.TB, db *storage.DB) *ctbot.Snapshot {
	tb.Helper()
	s, err := figures.New(config.Default().Framework, db, time.Now).Current(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
