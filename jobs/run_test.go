package jobs

import (
	"context"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/wait"
)

// TestRunWakesOnTheClock: Run ticks at start, then at each scheduled
// instant and at least every five minutes (retrying a failed run), all on
// the runner's clock: nothing runs before its time, whatever the machine.
func TestRunWakesOnTheClock(t *testing.T) {
	h := newHarness(t, "2026-11-30T06:58:00Z") // Monday 07:58 in Brussels; the digest is at 08:00
	h.at("2026-11-27T10:00:00Z", "UFOCALKE", "log kenya met the unit")
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { defer close(stopped); h.runner.Run(ctx) }()
	digest := func() ctbot.RunStatus {
		run, err := h.db.Run(context.Background(), JobDigest, "2026-11-30T08:00")
		if err != nil {
			return ""
		}
		return run.Status
	}
	step := h.step

	h.poster.failAfter(0)
	step(mustTime("2026-11-30T07:00:00Z"), "the digest")
	wait.For(t, "the digest run, failed", func() bool { return digest() == ctbot.RunFailed })
	if n := len(h.digestsPosted()); n != 0 {
		t.Fatalf("%d digests posted by a failing poster", n)
	}
	step(mustTime("2026-11-30T07:05:00Z"), "the retry")
	wait.For(t, "the digest posted on the retry", func() bool { return digest() == ctbot.RunPosted })
	if n := len(h.digestsPosted()); n != 1 {
		t.Errorf("%d digests posted, want 1", n)
	}
	cancel()
	select {
	case <-stopped:
	case <-time.After(wait.Deadline):
		t.Fatal("Run did not stop when cancelled")
	}
}

// step checks that the runner waits until at, and moves the clock there.
func (h *harness) step(at time.Time, what string) {
	h.t.Helper()
	if !h.clock.WaitTimers(1) {
		h.t.Fatalf("the runner does not wait for %s", what)
	}
	if next, _ := h.clock.Next(); !next.Equal(at) {
		h.t.Fatalf("the runner wakes at %v for %s, want %v", next, what, at)
	}
	h.clock.Set(at)
}
