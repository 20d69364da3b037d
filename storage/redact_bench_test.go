package storage_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/benchdata"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// benchEnd is the end of the generated history.
var benchEnd = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// generated returns a database of n generated entries, built once in
// $TMPDIR/ctbot-bench (as the commands benchmarks do) and reused.
func generated(b *testing.B, n int) *storage.DB {
	b.Helper()
	path := filepath.Join(os.TempDir(), "ctbot-bench", fmt.Sprintf("entries-%d.db", n))
	if _, err := os.Stat(path); err != nil {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		tmp := path + ".building"
		os.Remove(tmp)
		db, err := storage.Open(context.Background(), tmp, time.Now)
		if err != nil {
			b.Fatal(err)
		}
		if err := benchdata.Fill(context.Background(), db, config.Default().Framework, n, benchEnd); err != nil {
			b.Fatal(err)
		}
		db.Close()
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
	}
	db, err := storage.Open(context.Background(), path, fakeclock.New(benchEnd).Now)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkSharingText is the search a redaction makes for the other
// entries holding its texts (a note, the command typed, a phone number):
// it reads every free text of the history.
func BenchmarkSharingText(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			db := generated(b, n)
			texts := []string{"call Jane Roe on +254 700 123 456", "log kenya call Jane Roe on +254 700 123 456", "+254 700 123 456"}
			for b.Loop() {
				if _, err := db.SharingText(context.Background(), texts, []int64{1}, 21); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRecordWhilePurgePending records entries while a reader holds
// the write-ahead log and a redaction's purge waits for it (the purger
// retrying all along), against the same without a purge pending: the
// purge never holds up a write.
func BenchmarkRecordWhilePurgePending(b *testing.B) {
	for _, pending := range []bool{false, true} {
		b.Run(fmt.Sprintf("pending=%v", pending), func(b *testing.B) {
			ctx := context.Background()
			clock := fakeclock.At("2026-10-05T09:00:00Z")
			db := storagetest.MustOpenDB(b, clock.Now)
			e := &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Date: ctbot.MustParseDate("2026-10-05"), UserID: "U1",
				Note: "call Jane Roe", Source: "log kenya call Jane Roe"}
			if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
				b.Fatal(err)
			}
			reader, err := sql.Open("sqlite3", "file:"+db.Path())
			if err != nil {
				b.Fatal(err)
			}
			defer reader.Close()
			held, err := reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer held.Rollback()
			var n int
			if err := held.QueryRowContext(ctx, `SELECT COUNT(*) FROM entries`).Scan(&n); err != nil {
				b.Fatal(err)
			}
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
