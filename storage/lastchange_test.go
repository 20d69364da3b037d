package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestLastChangeIsTheLatestRecordingAmendmentOrRetraction: what an IATI
// file gives as its last update.
func TestLastChangeIsTheLatestRecordingAmendmentOrRetraction(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:30:00Z")
	db := storagetest.MustOpenDB(t, clock)
	if last, err := db.LastChange(ctx); err != nil || !last.IsZero() {
		t.Fatalf("no entries: %v, %v; want zero", last, err)
	}
	e := training("U1", "KE", "2026-11-20", 25, 9, 20)
	if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	recorded := clock.Now()
	clock.Advance(time.Hour)
	if last, _ := db.LastChange(ctx); !last.Equal(recorded) {
		t.Errorf("after a recording: %v, want %v", last, recorded)
	}
	if _, err := db.Retract(ctx, e.ID, "UCOORD", "wrong country", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if last, _ := db.LastChange(ctx); !last.Equal(clock.Now()) {
		t.Errorf("after a retraction: %v, want %v", last, clock.Now())
	}
}
