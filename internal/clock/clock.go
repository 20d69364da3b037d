// Package clock is ctbot's one clock: the time of day, and the timers of
// budgets, retries, backoffs and schedules. Production code takes a Clock
// (Real by default); tests pass an internal/fakeclock, which moves and
// fires its timers only when told to. Modelled on tailscale's tstime.Clock.
//
// Deadlines of contexts are not on it: they bound real input and output,
// and the network stack reads them against the real clock.
package clock

import "time"

// Clock tells the time and runs timers on it.
type Clock interface {
	// Now is the clock's time.
	Now() time.Time
	// Since is how long the clock has moved since t.
	Since(t time.Time) time.Duration
	// NewTimer returns a timer that sends the clock's time on its channel
	// once the clock has moved d, like time.NewTimer.
	NewTimer(d time.Duration) (Timer, <-chan time.Time)
	// AfterFunc calls f in its own goroutine once the clock has moved d,
	// like time.AfterFunc.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a timer of a Clock.
type Timer interface {
	// Stop stops the timer; it reports whether the timer was still pending.
	Stop() bool
	// Reset arms the timer again to fire d from now; it reports whether
	// the timer was still pending.
	Reset(d time.Duration) bool
}

// Real is the system's clock.
type Real struct{}

// Now is time.Now.
func (Real) Now() time.Time { return time.Now() }

// Since is time.Since.
func (Real) Since(t time.Time) time.Duration { return time.Since(t) }

// NewTimer is time.NewTimer.
func (Real) NewTimer(d time.Duration) (Timer, <-chan time.Time) {
	t := time.NewTimer(d)
	return t, t.C
}

// AfterFunc is time.AfterFunc.
func (Real) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// Or is c, or the real clock if c is nil.
func Or(c Clock) Clock {
	if c == nil {
		return Real{}
	}
	return c
}
