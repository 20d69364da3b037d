package storage_test

import (
	"testing"

	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestSQLiteStoreConforms runs the SQLite store through the conformance
// suite: its running sums and indexed lookups must give exactly what the
// rules give, at any instant.
func TestSQLiteStoreConforms(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, c clock.Clock) storagetest.Store {
		return storagetest.MustOpenDB(t, c)
	})
}
