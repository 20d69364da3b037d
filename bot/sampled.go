package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/cttechplus/ctbot/internal/clock"
)

// SampleEvery is how often, at most, a kind of error is logged.
const SampleEvery = time.Minute

// SampledHandler wraps a log handler so that an episode (a full disk, Slack
// out of reach, a flood of forged requests) cannot fill the log: records
// at or above its level make at most one line per kind (level and message)
// per minute. The first passes at once; the others of the minute are
// counted, and the latest of them is written when the minute is over, with
// count (how many records the line stands for) and since (the time of the
// line before).
type SampledHandler struct {
	slog.Handler
	s *sampler
}

// sampler is the state a SampledHandler shares with those derived from it
// (WithAttrs, WithGroup), so that a kind is sampled across all of them.
type sampler struct {
	clock clock.Clock
	level slog.Level
	mu    sync.Mutex
	kinds map[string]*kind
}

// kind is one kind of record: when its latest line was written, and what
// has been held back since.
type kind struct {
	last    time.Time
	pending int
	rec     slog.Record  // the latest held back
	h       slog.Handler // the handler it came to
	timer   clock.Timer  // writes it when the minute is over
}

// NewSampledHandler samples the records of h at or above level on clock c.
func NewSampledHandler(h slog.Handler, c clock.Clock, level slog.Level) SampledHandler {
	return SampledHandler{Handler: h, s: &sampler{clock: clock.Or(c), level: level, kinds: map[string]*kind{}}}
}

// Handle writes r, or holds it back when a record of its kind was written
// less than a minute ago.
func (h SampledHandler) Handle(ctx context.Context, r slog.Record) error {
	s := h.s
	if r.Level < s.level {
		return h.Handler.Handle(ctx, r)
	}
	key := r.Level.String() + " " + r.Message
	now := s.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.kinds[key]
	if k == nil {
		k = &kind{}
		s.kinds[key] = k
	}
	if !k.last.IsZero() && now.Sub(k.last) < SampleEvery {
		k.pending++
		k.rec, k.h = r.Clone(), h.Handler
		if k.timer == nil {
			k.timer = s.clock.AfterFunc(k.last.Add(SampleEvery).Sub(now), func() { s.flush(key) })
		}
		return nil
	}
	if k.timer != nil {
		k.timer.Stop()
	}
	return s.write(ctx, k, h.Handler, r, k.pending+1, now)
}

// flush writes the latest record of a kind held back, if any.
func (s *sampler) flush(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	// A timer stopped too late finds nothing held, or a minute not over.
	if k := s.kinds[key]; k != nil && k.pending > 0 && now.Sub(k.last) >= SampleEvery {
		_ = s.write(context.Background(), k, k.h, k.rec, k.pending, now)
	}
}

// write writes r for count records of kind k; s.mu is held.
func (s *sampler) write(ctx context.Context, k *kind, h slog.Handler, r slog.Record, count int, now time.Time) error {
	if count > 1 {
		r = r.Clone()
		r.AddAttrs(slog.Int("count", count), slog.Time("since", k.last))
	}
	k.last, k.pending, k.timer, k.rec, k.h = now, 0, nil, slog.Record{}, nil
	return h.Handle(ctx, r)
}

// WithAttrs keeps sampling with the attributes added.
func (h SampledHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return SampledHandler{h.Handler.WithAttrs(as), h.s}
}

// WithGroup keeps sampling inside the group.
func (h SampledHandler) WithGroup(name string) slog.Handler {
	return SampledHandler{h.Handler.WithGroup(name), h.s}
}
