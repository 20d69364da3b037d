// Package fakeclock is a clock for tests (a clock.Clock): it stands still
// until the test moves it, and its timers fire only then, so no test
// depends on how fast the machine is.
package fakeclock

import (
	"slices"
	"sync"
	"time"

	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/wait"
)

// Clock is a clock that only moves when told to. It is safe for concurrent use.
type Clock struct {
	mu      sync.Mutex
	t       time.Time
	pending map[*timer]bool
}

var _ clock.Clock = (*Clock)(nil)

// New returns a clock stopped at t.
func New(t time.Time) *Clock { return &Clock{t: t, pending: map[*timer]bool{}} }

// At returns a clock stopped at the RFC 3339 instant s; it panics on a bad instant.
func At(s string) *Clock {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return New(t)
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Since is how far the clock has moved since t.
func (c *Clock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

// Set moves the clock to t, firing the timers due by then, earliest first.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
	var due []*timer
	for tm := range c.pending {
		if !tm.at.After(t) {
			due = append(due, tm)
			delete(c.pending, tm)
		}
	}
	slices.SortFunc(due, func(a, b *timer) int { return a.at.Compare(b.at) })
	for _, tm := range due {
		tm.fire(t)
	}
}

// Advance moves the clock forward by d, firing the timers due by then.
func (c *Clock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

// NewTimer returns a timer that sends the clock's time on its channel once
// the clock has moved d past now (at once for d <= 0).
func (c *Clock) NewTimer(d time.Duration) (clock.Timer, <-chan time.Time) {
	tm := &timer{c: c, ch: make(chan time.Time, 1)}
	tm.Reset(d)
	return tm, tm.ch
}

// AfterFunc calls f in its own goroutine once the clock has moved d past
// now (at once for d <= 0).
func (c *Clock) AfterFunc(d time.Duration, f func()) clock.Timer {
	tm := &timer{c: c, f: f}
	tm.Reset(d)
	return tm
}

// Timers is how many timers wait to fire.
func (c *Clock) Timers() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pending)
}

// Next is when the earliest timer waiting to fire is due; false if none waits.
func (c *Clock) Next() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var next time.Time
	for tm := range c.pending {
		if next.IsZero() || tm.at.Before(next) {
			next = tm.at
		}
	}
	return next, !next.IsZero()
}

// WaitTimers waits (in real time, up to wait.Deadline) until at least n
// timers wait to fire, and reports whether they do: a test waits for the
// timer it means to fire to be set before it moves the clock.
func (c *Clock) WaitTimers(n int) bool { return wait.Until(func() bool { return c.Timers() >= n }) }

// timer is a timer of a Clock: it calls f, or sends on ch, when it fires.
type timer struct {
	c  *Clock
	at time.Time
	f  func()
	ch chan time.Time
}

// fire runs the timer at now; c.mu is held.
func (tm *timer) fire(now time.Time) {
	if tm.f != nil {
		go tm.f()
		return
	}
	select {
	case tm.ch <- now:
	default:
	}
}

// Stop stops the timer and reports whether it was pending; a time it
// sent and was not received is dropped, as with time.Timer since Go 1.23.
func (tm *timer) Stop() bool {
	tm.c.mu.Lock()
	defer tm.c.mu.Unlock()
	return tm.stop()
}

func (tm *timer) stop() bool {
	pending := tm.c.pending[tm]
	delete(tm.c.pending, tm)
	if tm.ch != nil {
		select {
		case <-tm.ch:
		default:
		}
	}
	return pending
}

// Reset arms the timer to fire once the clock has moved d past now (at
// once for d <= 0), and reports whether it was pending.
func (tm *timer) Reset(d time.Duration) bool {
	tm.c.mu.Lock()
	defer tm.c.mu.Unlock()
	pending := tm.stop()
	tm.at = tm.c.t.Add(d)
	if d <= 0 {
		tm.fire(tm.c.t)
	} else {
		tm.c.pending[tm] = true
	}
	return pending
}
