package storage_test

import (
	"testing"

	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestSQLiteStoreConforms runs the SQLite store through the conformance
// suite: the entries in force at any instant, whole and streamed.
func TestSQLiteStoreConforms(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, c clock.Clock) storagetest.Log {
		return storagetest.MustOpenDB(t, c)
	})
}
