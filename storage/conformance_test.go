package storage_test

import (
	"testing"
	"time"

	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestSQLiteStoreConforms runs the SQLite store through the conformance
// suite: the entries in force at any instant, whole and streamed.
func TestSQLiteStoreConforms(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, now func() time.Time) storagetest.Log {
		return storagetest.MustOpenDB(t, now)
	})
}
