// Package fault marks the points where a crash matters most, so tests can
// stop the process there (kill it, or send it SIGTERM) and prove that
// nothing is lost or done twice. In production no hook is set and a point
// costs one atomic load.
package fault

import "sync/atomic"

var hook atomic.Pointer[func(point string)]

// Set installs f to run at every point (nil removes it). Tests only.
func Set(f func(point string)) {
	if f == nil {
		hook.Store(nil)
		return
	}
	hook.Store(&f)
}

// Point marks the named point.
func Point(name string) {
	if f := hook.Load(); f != nil {
		(*f)(name)
	}
}

// Points where jobs can be stopped.
const (
	AfterPost    = "jobs.after-post"    // Slack accepted a message; it is not recorded yet
	MidThread    = "jobs.mid-thread"    // the first two messages of a thread are out and recorded
	BeforeFinish = "jobs.before-finish" // everything is out and recorded; the run is not finished
)

// Points where a write can fail.
const (
	AfterChange = "storage.after-change" // a change of an entry is numbered; the write is not done
)
