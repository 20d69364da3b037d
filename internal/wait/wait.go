// Package wait is how tests wait for what other goroutines or processes
// do: a condition checked often, with a generous deadline (a busy machine
// is slow), never a fixed sleep. Time that code waits on is the injected
// clock's (internal/fakeclock), moved by the test.
package wait

import (
	"testing"
	"time"
)

// Deadline is how long a test waits for a condition before it fails.
const Deadline = 90 * time.Second

// Until reports whether cond became true within Deadline.
func Until(cond func() bool) bool {
	deadline := time.Now().Add(Deadline)
	for pause := time.Millisecond; !cond(); pause = min(2*pause, 20*time.Millisecond) {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(pause)
	}
	return true
}

// For waits until cond is true, and fails tb, saying what it waited for,
// if it is not within Deadline.
func For(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	if !Until(cond) {
		tb.Fatalf("waited %v for %s", Deadline, what)
	}
}
