package storage_test

import (
	"context"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
)

func TestSnoozeIsKeptAcrossARestartAndOncePerAction(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:00:00Z")
	path := t.TempDir() + "/s.db"
	db, err := storage.Open(ctx, path, clock)
	if err != nil {
		t.Fatal(err)
	}
	keys := ctbot.WriteOptions{Keys: []string{"trigger:1"}}
	if err := db.Snooze(ctx, 7, ctbot.MustParseDate("2026-12-04"), "U1", keys); err != nil {
		t.Fatal(err)
	}
	if err := db.Snooze(ctx, 7, ctbot.MustParseDate("2026-12-11"), "U1", keys); ctbot.CodeOf(err) != ctbot.EDuplicate {
		t.Fatalf("replayed action: err = %v, want ErrDuplicateAction", err)
	}
	if err := db.Snooze(ctx, 9, ctbot.MustParseDate("2026-12-01"), "U2", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = storage.Open(ctx, path, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Snooze(ctx, 9, ctbot.MustParseDate("2026-12-08"), "U2", ctbot.WriteOptions{Keys: []string{"trigger:2"}}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Snoozes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[7].String() != "2026-12-04" || got[9].String() != "2026-12-08" {
		t.Errorf("snoozes = %v, want #7 on 2026-12-04 (the replay ignored) and #9 on its latest day 2026-12-08", got)
	}
}
