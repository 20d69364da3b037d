package fakeclock

import (
	"testing"
	"time"
)

// Timers fire when the clock is moved past them, earliest first, and not
// before; a stopped timer never fires, a reset one at its new time.
func TestTimersFireWhenTheClockMoves(t *testing.T) {
	c := At("2026-11-27T09:00:00Z")
	start := c.Now()
	late, lateC := c.NewTimer(2 * time.Second)
	_, earlyC := c.NewTimer(time.Second)
	called := make(chan time.Time, 1)
	c.AfterFunc(1500*time.Millisecond, func() { called <- c.Now() })
	stopped, stoppedC := c.NewTimer(time.Second)
	if !stopped.Stop() || stopped.Stop() {
		t.Error("Stop reports pending wrongly")
	}
	if n := c.Timers(); n != 3 {
		t.Fatalf("%d timers pending, want 3", n)
	}
	if next, ok := c.Next(); !ok || !next.Equal(start.Add(time.Second)) {
		t.Errorf("next timer due at %v, %v", next, ok)
	}
	c.Advance(999 * time.Millisecond)
	select {
	case <-earlyC:
		t.Fatal("a timer fired before its time")
	default:
	}
	c.Advance(time.Millisecond)
	if at := <-earlyC; !at.Equal(start.Add(time.Second)) {
		t.Errorf("fired with %v", at)
	}
	if !late.Reset(3 * time.Second) {
		t.Error("Reset of a pending timer reports it was not")
	}
	c.Advance(3 * time.Second)
	if at := <-called; !at.Equal(start.Add(4 * time.Second)) {
		t.Errorf("AfterFunc ran at %v", at)
	}
	if at := <-lateC; !at.Equal(start.Add(4 * time.Second)) {
		t.Errorf("reset timer fired with %v", at)
	}
	select {
	case <-stoppedC:
		t.Error("a stopped timer fired")
	default:
	}
	if n := c.Timers(); n != 0 {
		t.Errorf("%d timers left", n)
	}
	if _, ok := c.Next(); ok {
		t.Error("a next timer with none pending")
	}
	// d <= 0 fires at once, as the time package's timers do.
	if _, now := c.NewTimer(0); !(<-now).Equal(c.Now()) {
		t.Error("a zero timer did not fire at once")
	}
}

// WaitTimers waits for timers other goroutines set.
func TestWaitTimers(t *testing.T) {
	c := At("2026-11-27T09:00:00Z")
	go c.AfterFunc(time.Minute, func() {})
	if !c.WaitTimers(1) {
		t.Fatal("the timer set by another goroutine was not seen")
	}
}
