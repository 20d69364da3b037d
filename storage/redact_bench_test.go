package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// BenchmarkRecordWhilePurgePending records entries while a reader holds
// the write-ahead log and a redaction's purge waits for it (the purger
// retrying all along), against the same without a purge pending: the
// purge never holds up a write.
func BenchmarkRecordWhilePurgePending(b *testing.B) {
	for _, pending := range []bool{false, true} {
		b.Run(fmt.Sprintf("pending=%v", pending), func(b *testing.B) {
			ctx := context.Background()
			clock := fakeclock.At("2026-10-05T09:00:00Z")
			db := storagetest.MustOpenDB(b, clock)
			e := recordLog(b, db, "call Jane Roe")
			storagetest.HoldReader(b, db.Path())
			if pending {
				if _, err := db.Redact(ctx, e.ID, "UCOORD", "a name", false, ctbot.WriteOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			i, slowest := 0, time.Duration(0)
			for b.Loop() {
				i++
				x := &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Date: ctbot.MustParseDate("2026-10-05"), UserID: "U2",
					Note: fmt.Sprint("update ", i), Source: fmt.Sprint("log kenya update ", i)}
				start := time.Now()
				if _, err := db.Record(ctx, x, ctbot.WriteOptions{}); err != nil {
					b.Fatal(err)
				}
				slowest = max(slowest, time.Since(start))
			}
			b.ReportMetric(float64(slowest)/float64(time.Millisecond), "slowest-ms")
			b.ReportMetric(float64(db.PurgeAttemptsForTest()), "purge-attempts")
		})
	}
}
