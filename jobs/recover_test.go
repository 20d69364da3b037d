package jobs

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fault"
)

// died is what the fault hook panics with: the process "dies" there.
type died struct{}

// dieAt makes the process "die" the nth time (from 0) point is reached.
func dieAt(point string, nth int) {
	seen := 0
	fault.Set(func(p string) {
		if p == point {
			if seen == nth {
				panic(died{})
			}
			seen++
		}
	})
}

// postDigestDying posts the digest of at and recovers from a planted death.
func (h *harness) postDigestDying(at time.Time) (diedThere bool) {
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(died); !ok {
				panic(p)
			}
			diedThere = true
		}
	}()
	_, _ = h.runner.PostDigest(context.Background(), at)
	return false
}

// checkOnce fails unless every delivery key was posted exactly once and
// the replies are in the first message's thread.
func checkOnce(t *testing.T, h *harness) {
	t.Helper()
	h.poster.mu.Lock()
	defer h.poster.mu.Unlock()
	seen := map[string]int{}
	first := ""
	for _, p := range h.poster.posts {
		seen[p.Key]++
		if p.Key == JobDigest+"/2026-11-30T08:00/channel#0" {
			first = p.TS
		}
	}
	for key, n := range seen {
		if n != 1 {
			t.Errorf("%s posted %d times", key, n)
		}
	}
	for _, p := range h.poster.posts {
		if p.Channel == digestChannel && p.Key != JobDigest+"/2026-11-30T08:00/channel#0" && p.ThreadTS != first {
			t.Errorf("%s is in thread %q, not the digest's %q", p.Key, p.ThreadTS, first)
		}
	}
	if len(h.poster.uploads) != 1 {
		t.Errorf("%d charts uploaded", len(h.poster.uploads))
	}
}

// TestADigestIsPostedOnceWhateverMomentTheProcessDies kills the posting
// process right after Slack accepted a message (the first, then the
// second) and mid-thread, and before the run is finished; another process then finishes the digest: every
// message once, in one thread, and the run posted.
func TestADigestIsPostedOnceWhateverMomentTheProcessDies(t *testing.T) {
	at := mustTime("2026-11-30T07:00:00Z")
	for _, c := range []struct {
		point string
		nth   int
	}{{fault.AfterPost, 0}, {fault.AfterPost, 1}, {fault.MidThread, 0}, {fault.BeforeFinish, 0}} {
		t.Run(c.point, func(t *testing.T) {
			h := newHarness(t, "2026-11-30T07:00:00Z", manyCountries(60))
			h.seedMany(60)
			dieAt(c.point, c.nth)
			if !h.postDigestDying(at) {
				t.Fatal("the planted death did not happen")
			}
			fault.Set(nil)
			// The dead process held the run under a lease; another takes
			// it up once the lease is over and finishes it.
			h.clock.Advance(11 * time.Minute)
			other := h.newRunner(h.db, "process-B")
			run, err := other.PostDigest(context.Background(), at)
			if err != nil || run.Status != ctbot.RunPosted || run.Attempts != 2 {
				t.Fatalf("second attempt: %+v, %v", run, err)
			}
			checkOnce(t, h)
			if c.point == fault.AfterPost && h.poster.finds == 0 {
				t.Error("the second attempt did not look for what the first had posted")
			}
		})
	}
}

// TestSIGTERMStillRecordsWhatSlackAccepted cancels the context (as SIGTERM
// does) right after Slack accepted the first message: the delivery and
// the run's outcome are recorded anyway, and the next attempt continues
// where it stopped, posting nothing twice.
func TestSIGTERMStillRecordsWhatSlackAccepted(t *testing.T) {
	h := newHarness(t, "2026-11-30T07:00:00Z", manyCountries(60))
	h.seedMany(60)
	at := mustTime("2026-11-30T07:00:00Z")
	ctx, cancel := context.WithCancel(context.Background())
	fault.Set(func(p string) {
		if p == fault.AfterPost {
			cancel()
		}
	})
	defer fault.Set(nil)
	run, err := h.runner.PostDigest(ctx, at)
	if !errors.Is(err, context.Canceled) || run == nil || run.Status != ctbot.RunFailed {
		t.Fatalf("interrupted run: %+v, %v", run, err)
	}
	ds, _ := h.db.Deliveries(context.Background(), JobDigest, "2026-11-30T08:00")
	if len(ds) != 1 {
		t.Fatalf("%d deliveries recorded after SIGTERM, want the 1 Slack accepted", len(ds))
	}
	fault.Set(nil)
	run, err = h.runner.PostDigest(context.Background(), at)
	if err != nil || run.Status != ctbot.RunPosted {
		t.Fatalf("retry: %+v, %v", run, err)
	}
	checkOnce(t, h)
}
