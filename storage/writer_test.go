package storage_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/fault"
	"github.com/cttechplus/ctbot/internal/history"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestGroupCommitIsolatesFailures sends many writes at once, some invalid:
// the valid ones are all stored with their audit rows, the invalid ones
// leave no trace, and each caller hears its own outcome.
func TestGroupCommitIsolatesFailures(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t, clock.Real{})
	const n = 200
	errs := make([]error, n)
	entries := make([]*ctbot.Entry, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := training("U1", "KE", "2026-11-20", 10, 2, 10)
			e.Source = ""
			if i%5 == 0 {
				e.Women = ctbot.Int(-1) // refused by the CHECK constraint
			}
			entries[i] = e
			_, errs[i] = db.Record(ctx, e, ctbot.WriteOptions{})
		}()
	}
	wg.Wait()
	stored := 0
	for i, err := range errs {
		if (i%5 == 0) != (err != nil) {
			t.Fatalf("write %d: err = %v", i, err)
		}
		if err == nil {
			stored++
			if got, err := db.Entry(ctx, entries[i].ID); err != nil || got.Trained != 10 {
				t.Errorf("write %d (#%d) not stored: %v", i, entries[i].ID, err)
			}
			if trail, _ := db.Audit(ctx, entries[i].ID); len(trail) != 1 {
				t.Errorf("write %d has %d audit rows", i, len(trail))
			}
		}
	}
	all, _ := db.History(ctx, ctbot.EntryFilter{Limit: 1000})
	if len(all) != stored || stored != n-n/5 {
		t.Errorf("%d entries stored, %d writes succeeded, want %d", len(all), stored, n-n/5)
	}
	s := storagetest.Current(t, db)
	if tr := s.Trainings["KE"]; tr.Count != stored || tr.Trained != 10*stored {
		t.Errorf("rollups = %+v after %d trainings; failed writes leaked into them", tr, stored)
	}
}

func TestWritesAfterCloseAreRefused(t *testing.T) {
	db, err := storage.Open(context.Background(), t.TempDir()+"/c.db", clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := db.Record(context.Background(), training("U1", "KE", "2026-11-20", 1, 0, 1), ctbot.WriteOptions{}); !errors.Is(err, storage.ErrClosed) {
		t.Errorf("write after close: %v", err)
	}
}

// TestFailedWritesKeepMemoryInStep fails every third write after its change
// was numbered, while many are written at once: the writes that committed
// are in the figures of now, the failed ones nowhere, and the change
// numbers stay without a gap, so memory is kept current, never rebuilt.
func TestFailedWritesKeepMemoryInStep(t *testing.T) {
	ctx := context.Background()
	fw := config.Default().Framework
	db := storagetest.MustOpenDB(t, clock.Real{})
	figs := storagetest.Figures(db, fw, time.Now)
	if _, err := figs.Current(ctx); err != nil { // built once
		t.Fatal(err)
	}
	var calls atomic.Int64
	fault.Set(func(point string) {
		if point == fault.AfterChange && calls.Add(1)%3 == 0 {
			panic("injected failure")
		}
	})
	defer fault.Set(nil)
	const n = 150
	var wg sync.WaitGroup
	var failed atomic.Int64
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := training("U1", "KE", "2026-11-20", 10, 2, 10)
			e.Source = ""
			if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
				failed.Add(1)
			}
		}()
	}
	wg.Wait()
	fault.Set(nil)
	if f := failed.Load(); f < n/4 || f > n/2 {
		t.Fatalf("%d of %d writes failed; the fault was meant to fail a third", f, n)
	}
	got, err := figs.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var inForce []*ctbot.Entry
	if _, _, err := db.EachInForce(ctx, func(e *ctbot.Entry) error { inForce = append(inForce, e); return nil }); err != nil {
		t.Fatal(err)
	}
	history.Compare(t, time.Now(), got, fw.Fold(inForce, ctbot.Date{}))
	if stored := n - int(failed.Load()); got.Trainings["KE"].Count != stored {
		t.Errorf("%d trainings in memory, %d stored", got.Trainings["KE"].Count, stored)
	}
	if b := figs.Builds(); b != 1 {
		t.Errorf("memory built %d times; a failed write must not leave a gap in the change numbers", b)
	}
}
