// Package figures keeps the figures of now in memory and computes those of
// any earlier instant, from the log of entries storage keeps. The rules of
// what an entry contributes are the root package's (ctbot.Book); this
// package only decides which entries to give a Book, and when.
//
// The figures of now are a Book every change committed by this process is
// applied to, in commit order, before the writer answers its callers (the
// store's Watcher); a change committed by another process writing to the
// same file is noticed by its change number and the Book built again.
// The past is replayed: the entries in force at the instant, streamed
// from the store into a new Book, the last few kept as checkpoints.
package figures

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/cttechplus/ctbot"
)

// Store is what the figures read of the log.
type Store interface {
	// EachInForce streams the entries in force now, with the number of
	// the last change and the instant of the latest, read together.
	EachInForce(ctx context.Context, fn func(*ctbot.Entry) error) (seq int64, last time.Time, err error)
	// EachKnownAt streams the entries in force at t, as they were then.
	EachKnownAt(ctx context.Context, t time.Time, kinds []ctbot.Kind, through ctbot.Date, fn func(*ctbot.Entry) error) error
	// ChangeSeq is the number of the last change committed, by anyone.
	ChangeSeq(ctx context.Context) (int64, error)
	// EntriesAsOf reads entries by ID as they were at t.
	EntriesAsOf(ctx context.Context, ids []int64, t time.Time) ([]*ctbot.Entry, error)
	// EachKnownIn streams the entries in force at t in a range (an
	// indexed read of some kinds, states and days), as the range allows
	// (ctbot.Range: in value order or not, whole or narrow).
	EachKnownIn(ctx context.Context, t time.Time, r ctbot.Range, fn func(*ctbot.Entry) error) error
}

// Window is how far back the figures of now keep what was recorded: a
// digest's week and a day or two to catch up a late one.
const Window = 9 * 24 * time.Hour

// checkpoints is how many replayed instants are kept.
const checkpoints = 4

// Figures answers for the figures of a framework, now and at any instant.
// It is safe for concurrent use.
type Figures struct {
	fw    *ctbot.Framework
	store Store
	now   func() time.Time

	mu       sync.Mutex
	applied  *sync.Cond // signalled when the writer has applied a batch
	book     *ctbot.Book
	phase    *ctbot.Framework // the phase the Book of now counts: the one in force now
	snap     *ctbot.Snapshot  // handed to readers; nil when changes came since
	seq      int64            // the last change in the Book
	last     time.Time        // the instant of the latest change in it
	inflight int64            // the last change of a batch being committed, 0 for none
	builds   int
	past     []*replayed // the latest first
}

// replayed is a Book of the entries in force at an instant, in a phase.
type replayed struct {
	at    time.Time
	phase *ctbot.Framework
	book  *ctbot.Book
	snap  *ctbot.Snapshot
}

// New returns the figures of fw over store; now is the clock. Make it the
// store's watcher (storage.DB.Watch) so that it sees this process's changes.
func New(fw *ctbot.Framework, store Store, now func() time.Time) *Figures {
	f := &Figures{fw: fw, store: store, now: now}
	f.applied = sync.NewCond(&f.mu)
	return f
}

// Begin notes that a batch with changes up to number seq is being
// committed by this process: readers wait for it rather than rebuild.
func (f *Figures) Begin(seq int64) {
	f.mu.Lock()
	f.inflight = seq
	f.mu.Unlock()
}

// Committed applies the changes of a batch this process committed.
func (f *Figures) Committed(changes []ctbot.EntryChange) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.inflight = 0
	defer f.applied.Broadcast()
	if f.book == nil || len(changes) == 0 || changes[0].Seq != f.seq+1 {
		f.book = nil // not built, or a change missed: built again when read
		return
	}
	for _, c := range changes {
		f.book.Apply(c.Before, c.After)
		f.seq, f.last = c.Seq, c.At
	}
	f.snap = nil
	if from := f.now().Add(-Window); from.Sub(f.book.WindowFrom()) > 24*time.Hour {
		f.book.Forget(from)
	}
}

// Abandoned notes that the batch being committed failed.
func (f *Figures) Abandoned() {
	f.mu.Lock()
	f.inflight = 0
	f.applied.Broadcast()
	f.mu.Unlock()
}

// current makes the Book of now current and returns it. The caller holds
// f.mu.
func (f *Figures) current(ctx context.Context) (*ctbot.Book, error) {
	seq, err := f.store.ChangeSeq(ctx)
	if err != nil {
		return nil, err
	}
	for f.book != nil && seq > f.seq && f.inflight >= seq {
		f.applied.Wait() // this process's writer is applying them
	}
	if f.book != nil && seq <= f.seq && f.phase == f.phaseAt(f.now()) {
		return f.book, nil
	}
	return f.build(ctx)
}

// phaseAt is the phase in force at instant at: the one whose figures are
// those of then.
func (f *Figures) phaseAt(at time.Time) *ctbot.Framework { return f.fw.Current(f.fw.Today(at)) }

// build makes the Book of now, of the phase in force now, from the
// entries in force. The caller holds f.mu.
func (f *Figures) build(ctx context.Context) (*ctbot.Book, error) {
	now := f.now()
	phase := f.phaseAt(now)
	b := phase.NewBook(ctbot.Date{}, now.Add(-Window))
	seq, last, err := f.store.EachInForce(ctx, func(e *ctbot.Entry) error { b.Apply(nil, e); return nil })
	if err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	f.book, f.phase, f.seq, f.last, f.snap, f.past = b, phase, seq, last, nil, nil
	f.builds++
	return b, nil
}

// Builds counts the times the figures of now were built from the store.
func (f *Figures) Builds() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.builds
}

// Current is the snapshot of now: every change committed.
func (f *Figures) Current(ctx context.Context) (*ctbot.Snapshot, error) {
	return f.PhaseSnapshot(ctx, f.phaseAt(f.now()), endOfTime)
}

// endOfTime is after every change.
var endOfTime = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// Snapshot is the snapshot of the phase in force at instant at, as known
// then: of now when nothing changed after it, else replayed.
func (f *Figures) Snapshot(ctx context.Context, at time.Time) (*ctbot.Snapshot, error) {
	return f.PhaseSnapshot(ctx, f.phaseAt(at), at)
}

// PhaseSnapshot is the snapshot of phase as known at instant at (of an
// earlier phase, its figures then).
func (f *Figures) PhaseSnapshot(ctx context.Context, phase *ctbot.Framework, at time.Time) (*ctbot.Snapshot, error) {
	var snap *ctbot.Snapshot
	ok, err := f.withNow(ctx, at, func(b *ctbot.Book) bool {
		if f.phase != phase {
			return false
		}
		if f.snap == nil {
			f.snap = b.Snapshot()
		}
		snap = f.snap
		return true
	})
	if err != nil || ok {
		return snap, err
	}
	r, err := f.replay(ctx, phase, at)
	if err != nil {
		return nil, err
	}
	return r.snap, nil
}

// withNow runs fn, under the lock, with the Book of now if it answers for
// instant at: nothing changed after at (now itself counts as now), and fn
// finds what it needs in it (it returns false when not).
func (f *Figures) withNow(ctx context.Context, at time.Time, fn func(b *ctbot.Book) bool) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, err := f.current(ctx)
	if err != nil {
		return false, err
	}
	if at.Before(f.last) && !at.Equal(f.now()) {
		return false, nil
	}
	return fn(b), nil
}

// withBuilt is withNow when the Book of now is built already: a process
// that never needed it (a report from the command line) does not build it
// for a query.
func (f *Figures) withBuilt(ctx context.Context, at time.Time, fn func(b *ctbot.Book) bool) (bool, error) {
	f.mu.Lock()
	built := f.book != nil
	f.mu.Unlock()
	if !built {
		return false, nil
	}
	return f.withNow(ctx, at, fn)
}

// replay is the Book of phase of the entries in force at instant at, with
// the week before it, read from the store, or the checkpoint kept of it.
func (f *Figures) replay(ctx context.Context, phase *ctbot.Framework, at time.Time) (*replayed, error) {
	f.mu.Lock()
	for _, r := range f.past {
		if r.at.Equal(at) && r.phase == phase {
			f.mu.Unlock()
			return r, nil
		}
	}
	f.mu.Unlock()
	b := phase.NewBook(ctbot.Date{}, at.Add(-Window))
	if err := f.store.EachKnownAt(ctx, at, nil, ctbot.Date{}, func(e *ctbot.Entry) error { b.Apply(nil, e); return nil }); err != nil {
		return nil, fmt.Errorf("figures: as of %s: %w", at.Format(time.RFC3339), err)
	}
	r := &replayed{at: at, phase: phase, book: b, snap: b.Snapshot()}
	f.mu.Lock()
	f.past = append([]*replayed{r}, f.past[:min(len(f.past), checkpoints-1)]...)
	f.mu.Unlock()
	return r, nil
}

// WeekActivity is what was recorded in (since, until] and the trainings
// and workshops held from day from to day to, as known at until.
func (f *Figures) WeekActivity(ctx context.Context, since, until time.Time, from, to ctbot.Date) (*ctbot.WeekActivity, error) {
	var w *ctbot.WeekActivity
	found := false
	now, err := f.withNow(ctx, until, func(b *ctbot.Book) bool { w, found = b.Week(since, until, from, to); return true })
	if err != nil || found {
		return w, err
	}
	if !now {
		r, err := f.replay(ctx, f.phaseAt(until), until)
		if err != nil {
			return nil, err
		}
		if w, found = r.book.Week(since, until, from, to); found {
			return w, nil
		}
	}
	b, err := f.since(ctx, since, until, nil)
	if err != nil {
		return nil, err
	}
	w, _ = b.Week(since, until, from, to)
	return w, nil
}

// since is a Book of the entries in force at until whose window starts at
// since: for a week further back than any window kept.
func (f *Figures) since(ctx context.Context, since, until time.Time, kinds []ctbot.Kind) (*ctbot.Book, error) {
	b := f.phaseAt(until).NewBook(ctbot.Date{}, since)
	if err := f.store.EachKnownAt(ctx, until, kinds, ctbot.Date{}, func(e *ctbot.Entry) error { b.Apply(nil, e); return nil }); err != nil {
		return nil, fmt.Errorf("figures: to %s: %w", until.Format(time.RFC3339), err)
	}
	return b, nil
}

// EntriesAt returns the entries of kind recorded in (since, until] and in
// force at until, as they were then, newest first, at most limit.
func (f *Figures) EntriesAt(ctx context.Context, kind ctbot.Kind, since, until time.Time, limit int) ([]*ctbot.Entry, error) {
	return f.recorded(ctx, since, until, []ctbot.Kind{kind}, func(b *ctbot.Book) ([]int64, bool) { return b.Newest(kind, since, until, limit) })
}

// EntriesBefore returns the entries recorded in (since, until] about a
// day before day before, in force at until, as they were then, by value
// date, at most limit: what was reported late.
func (f *Figures) EntriesBefore(ctx context.Context, before ctbot.Date, since, until time.Time, limit int) ([]*ctbot.Entry, error) {
	return f.recorded(ctx, since, until, nil, func(b *ctbot.Book) ([]int64, bool) { return b.Earlier(before, since, until, limit) })
}

// recorded reads the entries recorded in (since, until] that pick finds
// in a Book whose window reaches back to since (of now, replayed at until,
// or one of kinds read for the purpose), as they were at until.
func (f *Figures) recorded(ctx context.Context, since, until time.Time, kinds []ctbot.Kind, pick func(b *ctbot.Book) ([]int64, bool)) ([]*ctbot.Entry, error) {
	var ids []int64
	found := false
	now, err := f.withNow(ctx, until, func(b *ctbot.Book) bool { ids, found = pick(b); return true })
	if err != nil {
		return nil, err
	}
	if !found && !now {
		r, err := f.replay(ctx, f.phaseAt(until), until)
		if err != nil {
			return nil, err
		}
		ids, found = pick(r.book)
	}
	if !found {
		b, err := f.since(ctx, since, until, kinds)
		if err != nil {
			return nil, err
		}
		ids, _ = pick(b)
	}
	return f.store.EntriesAsOf(ctx, ids, until)
}

// Series is the latest entry of each series of kind (kick-off or
// workshop) whose latest entry is about country, now, newest first.
func (f *Figures) Series(ctx context.Context, kind ctbot.Kind, country string) ([]*ctbot.Entry, error) {
	var out []*ctbot.Entry
	_, err := f.withNow(ctx, endOfTime, func(b *ctbot.Book) bool { out = b.Series(kind, country); return true })
	return out, err
}

// Query is the figures of any subset of the entries as known at instant
// at (ctbot.Query): read from the log, only the range the query needs, and
// the other entries of the workshop series met there (their latest entry
// decides).
func (f *Figures) Query(ctx context.Context, q ctbot.Query, at time.Time) (*ctbot.Result, error) {
	t := f.phaseAt(at).NewTally(q)
	counted, err := f.withBuilt(ctx, at, t.FromBook)
	if err != nil {
		return nil, fmt.Errorf("figures: query as of %s: %w", at.Format(time.RFC3339), err)
	}
	if counted {
		return t.Result(), nil
	}
	r, reads := t.Range()
	if !reads {
		return t.Result(), nil
	}
	seen, series := map[int64]bool{}, map[int64]bool{}
	err = f.store.EachKnownIn(ctx, at, r, func(e *ctbot.Entry) error {
		t.Add(e)
		if e.Kind == ctbot.KindWorkshop && t.Series() {
			seen[e.ID], series[e.Series] = true, true
		}
		return nil
	})
	if err == nil && len(series) > 0 {
		ids := slices.Sorted(maps.Keys(series))
		err = f.store.EachKnownIn(ctx, at, ctbot.Range{Kinds: []ctbot.Kind{ctbot.KindWorkshop}, Series: ids}, func(e *ctbot.Entry) error {
			if !seen[e.ID] {
				t.Add(e)
			}
			return nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("figures: query as of %s: %w", at.Format(time.RFC3339), err)
	}
	return t.Result(), nil
}
