package commands

import (
	"math"
	"sync"
	"time"
)

// Limit is how fast one person may go in one class of commands: Burst at
// once, then one more every Every.
type Limit struct {
	Burst int
	Every time.Duration
}

// Per-person limits on what costs the most: changes (every one is kept for
// good, audited) and heavy reads (long answers, whole-programme files).
var (
	WriteLimit = Limit{Burst: 20, Every: 3 * time.Second}
	HeavyLimit = Limit{Burst: 5, Every: 12 * time.Second}
)

// heavy are the commands whose answers are long or costly to make.
var heavy = map[string]bool{"history": true, "report": true, "export": true, "digest": true}

// limitOf is the limit cmd's requests count against, if any.
func limitOf(cmd *Command) (string, Limit, bool) {
	switch {
	case cmd.Writes():
		return "write", WriteLimit, true
	case heavy[cmd.Name]:
		return "heavy", HeavyLimit, true
	}
	return "", Limit{}, false
}

// limiter keeps a token bucket per person and class, on the core's clock.
// A bucket full again is forgotten (looked for once a minute), so it holds
// only the people of the last minutes.
type limiter struct {
	mu      sync.Mutex
	buckets map[string]*bucket
	pruned  time.Time // when full buckets were last forgotten
}

type bucket struct {
	tokens float64
	at     time.Time
	full   time.Time // when it is full again
}

// take spends one token of user's bucket of class, or says how long until
// one is there.
func (lm *limiter) take(user, class string, l Limit, now time.Time) (wait time.Duration, ok bool) {
	lm.mu.Lock()
	defer lm.mu.Unlock()
	if lm.buckets == nil {
		lm.buckets = map[string]*bucket{}
	}
	if now.Sub(lm.pruned) >= time.Minute { // now and then: a pass over every bucket
		for k, b := range lm.buckets {
			if !now.Before(b.full) {
				delete(lm.buckets, k)
			}
		}
		lm.pruned = now
	}
	key := class + "\x00" + user
	b := lm.buckets[key]
	if b == nil {
		b = &bucket{tokens: float64(l.Burst), at: now}
		lm.buckets[key] = b
	}
	if now.After(b.at) {
		b.tokens = min(float64(l.Burst), b.tokens+float64(now.Sub(b.at))/float64(l.Every))
		b.at = now
	}
	if b.tokens < 1 {
		return time.Duration(math.Ceil((1 - b.tokens) * float64(l.Every))), false
	}
	b.tokens--
	b.full = now.Add(time.Duration((float64(l.Burst) - b.tokens) * float64(l.Every)))
	return 0, true
}
