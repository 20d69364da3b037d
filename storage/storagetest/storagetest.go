// Package storagetest opens throw-away databases for tests.
package storagetest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/storage"
)

// MustOpenDB opens a migrated database in a temporary directory, closed when
// the test ends. now is the database's clock.
func MustOpenDB(tb testing.TB, now func() time.Time) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(tb.TempDir(), "ctbot.db"), now)
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
func MustOpenPath(tb testing.TB, path string, now func() time.Time) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), path, now)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
