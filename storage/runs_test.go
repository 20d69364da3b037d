package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

func TestRunClaimsAndLeases(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-30T07:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	at := clock.Now()
	const lease = 10 * time.Minute

	if ok, err := claimed(db.ClaimRun(ctx, "digest", "2026-11-30T08:00", at, "A", lease, nil)); !ok || err != nil {
		t.Fatalf("first claim = %v, %v", ok, err)
	}
	if ok, _ := claimed(db.ClaimRun(ctx, "digest", "2026-11-30T08:00", at, "B", lease, nil)); ok {
		t.Fatal("B claimed a run A holds")
	}
	if err := db.RecordDelivery(ctx, "digest", "2026-11-30T08:00", ctbot.Delivery{Target: "channel#0", Channel: "C1", TS: "1.1"}); err != nil {
		t.Fatal(err)
	}
	// A's lease expires (A crashed): B takes over and sees what A delivered.
	clock.Advance(lease + time.Second)
	if ok, _ := claimed(db.ClaimRun(ctx, "digest", "2026-11-30T08:00", at, "B", lease, nil)); !ok {
		t.Fatal("B could not take over an expired lease")
	}
	ds, _ := db.Deliveries(ctx, "digest", "2026-11-30T08:00")
	if ds["channel#0"].TS != "1.1" {
		t.Errorf("deliveries = %v", ds)
	}
	if err := db.FinishRun(ctx, "digest", "2026-11-30T08:00", "A", ctbot.RunPosted, ""); err == nil {
		t.Error("A finished a run it no longer holds")
	}
	if err := db.FinishRun(ctx, "digest", "2026-11-30T08:00", "B", ctbot.RunPosted, "3 messages"); err != nil {
		t.Fatal(err)
	}
	r, err := db.Run(ctx, "digest", "2026-11-30T08:00")
	if err != nil || r.Status != ctbot.RunPosted || r.Attempts != 2 || r.MessageTS != "1.1" || r.Detail != "3 messages" || !r.ScheduledAt.Equal(at) {
		t.Fatalf("run = %+v, %v", r, err)
	}
	for _, owner := range []string{"A", "B", "C"} {
		if ok, _ := claimed(db.ClaimRun(ctx, "digest", "2026-11-30T08:00", at, owner, lease, nil)); ok {
			t.Errorf("%s claimed a posted run", owner)
		}
	}
}

func TestFailedRunsAreRetriedAndSkippedRunsAreNot(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-30T07:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	at := clock.Now()
	claimed(db.ClaimRun(ctx, "digest", "p1", at, "A", time.Minute, nil))
	if err := db.FinishRun(ctx, "digest", "p1", "A", ctbot.RunFailed, "slack: 500"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := claimed(db.ClaimRun(ctx, "digest", "p1", at, "A", time.Minute, nil)); !ok {
		t.Error("a failed run was not claimable for a retry")
	}
	if ins, _ := db.SkipRun(ctx, "digest", "p1", at, "late"); ins {
		t.Error("skip overwrote an existing run")
	}
	if ins, err := db.SkipRun(ctx, "digest", "p2", at, "missed while down"); !ins || err != nil {
		t.Fatalf("skip = %v, %v", ins, err)
	}
	if ok, _ := claimed(db.ClaimRun(ctx, "digest", "p2", at, "A", time.Minute, nil)); ok {
		t.Error("a skipped run was claimed")
	}
	runs, _ := db.RecentRuns(ctx, 10)
	if len(runs) != 2 {
		t.Errorf("recent runs = %d", len(runs))
	}
	if _, err := db.Run(ctx, "digest", "nope"); !errors.Is(err, ctbot.ErrNotFound) {
		t.Errorf("missing run: %v", err)
	}
}

func TestOnlyOneOfManyProcessesClaimsARun(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/shared.db"
	clock := fakeclock.At("2026-11-30T07:00:00Z")
	dbs := make([]interface {
		ClaimRun(context.Context, string, string, time.Time, string, time.Duration, func(string) bool) (*ctbot.JobRun, error)
	}, 4)
	for i := range dbs {
		db := storagetest.MustOpenPath(t, path, clock)
		dbs[i] = db
	}
	wins := make(chan bool, 4*25)
	for i, db := range dbs {
		for range 25 {
			go func() {
				ok, err := claimed(db.ClaimRun(ctx, "digest", "same", clock.Now(), string(rune('A'+i)), time.Minute, nil))
				if err != nil {
					t.Error(err)
				}
				wins <- ok
			}()
		}
	}
	n := 0
	for range 100 {
		if <-wins {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d claims won; want exactly 1", n)
	}
}

// claimed reports whether ClaimRun claimed the run.
func claimed(r *ctbot.JobRun, err error) (bool, error) { return r != nil, err }

// TestADeadOwnersRunIsTakenOverAtOnce: a run held under an unexpired lease
// by a process known to be dead is claimed without waiting; the first
// start is kept, so the new attempt knows since when to look for posts.
func TestADeadOwnersRunIsTakenOverAtOnce(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-30T07:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	first, err := db.ClaimRun(ctx, "digest", "p", clock.Now(), "host-1-a", time.Hour, nil)
	if err != nil || first == nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	if ok, _ := claimed(db.ClaimRun(ctx, "digest", "p", clock.Now(), "host-2-b", time.Hour, func(string) bool { return false })); ok {
		t.Fatal("claimed from a live owner")
	}
	r, err := db.ClaimRun(ctx, "digest", "p", clock.Now(), "host-2-b", time.Hour, func(o string) bool { return o == "host-1-a" })
	if err != nil || r == nil {
		t.Fatalf("not taken over from a dead owner: %v", err)
	}
	// Each write has an instant of its own: the refused claim took the
	// clock's, this one the next microsecond.
	if r.Attempts != 2 || !r.FirstStartedAt.Equal(first.StartedAt) || r.StartedAt.Before(clock.Now()) || r.StartedAt.Sub(clock.Now()) > time.Millisecond {
		t.Errorf("run = %+v", r)
	}
}
