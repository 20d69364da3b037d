package storage_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestWriteErrorsCounted: a write that fails in SQLite (the database
// full) is counted; one refused for its input is not.
func TestWriteErrorsCounted(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t, clock.Real{})
	if _, err := db.Record(ctx, &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Note: "fine", UserID: "U1"}, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Retract(ctx, 999, "U1", "no such entry", ctbot.WriteOptions{}); err == nil {
		t.Fatal("retracting an entry that does not exist succeeded")
	}
	if n := db.WriteErrors(); n != 0 {
		t.Fatalf("write errors after a good write and a refused one: %d, want 0", n)
	}
	for _, q := range []string{"VACUUM", "PRAGMA max_page_count = 1"} {
		if err := db.ExecForTest(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	for i := 0; i < 20 && err == nil; i++ { // the first may fit in a page left
		_, err = db.Record(ctx, &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Note: strings.Repeat("x", 2900), UserID: "U1"}, ctbot.WriteOptions{})
	}
	if err == nil || !strings.Contains(err.Error(), "full") {
		t.Fatalf("writes into a full database: %v", err)
	}
	if n := db.WriteErrors(); n != 1 {
		t.Errorf("write errors after a write into a full database: %d, want 1", n)
	}
}
