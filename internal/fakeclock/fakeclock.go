// Package fakeclock is a settable clock for tests: components take a
// func() time.Time, and tests pass Clock.Now; components that run timers
// take Clock.AfterFunc, which fire only when the test moves the clock.
package fakeclock

import (
	"sync"
	"time"
)

// Clock is a clock that only moves when told to. It is safe for concurrent use.
type Clock struct {
	mu     sync.Mutex
	t      time.Time
	timers map[*timer]bool
}

type timer struct {
	at time.Time
	f  func()
}

// New returns a clock stopped at t.
func New(t time.Time) *Clock { return &Clock{t: t} }

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

// Set moves the clock to t, firing the timers due by then.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	var due []func()
	for tm := range c.timers {
		if !tm.at.After(t) {
			due = append(due, tm.f)
			delete(c.timers, tm)
		}
	}
	c.mu.Unlock()
	for _, f := range due {
		go f()
	}
}

// Advance moves the clock forward by d, firing the timers due by then.
func (c *Clock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

// AfterFunc calls f in its own goroutine once the clock has moved d past
// now (at once for d <= 0), like time.AfterFunc. stop cancels it and
// reports whether it did so before it fired.
func (c *Clock) AfterFunc(d time.Duration, f func()) (stop func() bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d <= 0 {
		go f()
		return func() bool { return false }
	}
	tm := &timer{at: c.t.Add(d), f: f}
	if c.timers == nil {
		c.timers = map[*timer]bool{}
	}
	c.timers[tm] = true
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		pending := c.timers[tm]
		delete(c.timers, tm)
		return pending
	}
}

// Timers is how many timers wait to fire: a test waits for the one it
// means to fire to be set before it moves the clock.
func (c *Clock) Timers() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}

// WaitTimers waits (in real time, up to 10 s) until at least n timers
// wait to fire, and reports whether they do.
func (c *Clock) WaitTimers(n int) bool {
	deadline := time.Now().Add(10 * time.Second)
	for c.Timers() < n {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return true
}
