package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

func TestFirstDelivery(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:00:00Z")
	path := t.TempDir() + "/e.db"
	db, err := storage.Open(ctx, path, clock)
	if err != nil {
		t.Fatal(err)
	}
	if first, err := db.FirstDelivery(ctx, "Ev1"); !first || err != nil {
		t.Fatalf("first delivery = %v, %v", first, err)
	}
	if first, _ := db.FirstDelivery(ctx, "Ev1"); first {
		t.Error("retry counted as first")
	}
	if first, _ := db.FirstDelivery(ctx, "Ev2"); !first {
		t.Error("another event counted as a retry")
	}
	db.Close()
	// Across a restart the ID is still known.
	db, err = storage.Open(ctx, path, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if first, _ := db.FirstDelivery(ctx, "Ev1"); first {
		t.Error("retry after restart counted as first")
	}
	// After a day it is forgotten.
	clock.Advance(storage.EventMemory + time.Minute)
	if first, _ := db.FirstDelivery(ctx, "Ev1"); !first {
		t.Error("event remembered for more than a day")
	}
}

func TestFirstDeliveryIsAtomicUnderConcurrency(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t, clock.Real{})
	firsts := make(chan bool, 20)
	for range 20 {
		go func() {
			first, err := db.FirstDelivery(ctx, "EvSame")
			if err != nil {
				t.Error(err)
			}
			firsts <- first
		}()
	}
	n := 0
	for range 20 {
		if <-firsts {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d deliveries counted as first, want 1", n)
	}
}
