package storagetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/internal/history"
)

// Writer is what a history is written to: a store, or one of several
// handles to it (processes writing to the same file).
type Writer interface {
	Record(ctx context.Context, e *ctbot.Entry, o ctbot.WriteOptions) (*ctbot.Entry, error)
	Amend(ctx context.Context, id int64, after *ctbot.Entry, actor, reason string, o ctbot.WriteOptions) (*ctbot.Entry, error)
	Retract(ctx context.Context, id int64, actor, reason string, o ctbot.WriteOptions) (*ctbot.Entry, error)
}

// Check is called at an instant with the entry versions in force then
// (in the history's own record, not the store's).
type Check func(t *testing.T, at time.Time, inForce []*ctbot.Entry)

// Drive writes random histories (records with backfilled value dates, sets
// and adds out of order, amendments, retractions, over days and at all
// hours), one per seed, to the writers (each change to one picked at
// random), on the clock each open gives. check is called as it goes (at
// every other change, the instant now) and, at the end, at many past
// instants.
func Drive(t *testing.T, open func(t *testing.T, c clock.Clock) []Writer, check Check) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			clock := fakeclock.At("2026-05-01T06:00:00Z")
			ws := open(t, clock)
			m := history.New(config.Default().Framework, seed)
			pick := rand.New(rand.NewPCG(seed, 11))
			var checkpoints []time.Time
			var lastChange time.Time
			for i := range 300 {
				if step(t, ws[pick.IntN(len(ws))], m, clock.Now()) {
					lastChange = clock.Now()
				}
				// The figures of now, which a store may keep in memory and
				// bring up to date with each change, are checked as they go.
				if i%2 == 0 {
					check(t, clock.Now(), m.InForce(clock.Now()))
				}
				if i%25 == 0 {
					checkpoints = append(checkpoints, clock.Now(), clock.Now().Add(-time.Microsecond), lastChange.Add(-time.Microsecond))
				}
				clock.Advance(time.Duration(10+m.Rng.IntN(400)) * time.Minute)
			}
			checkpoints = append(checkpoints, clock.Now(), clock.Now().Add(72*time.Hour))
			for _, at := range checkpoints {
				check(t, at, m.InForce(at))
			}
		})
	}
}

// step writes the next change of history m to w at instant now, and
// reports whether anything changed.
func step(t *testing.T, w Writer, m *history.Model, now time.Time) bool {
	ctx := context.Background()
	op, cur := m.Next()
	switch {
	case op == history.Record:
		e := m.Entry(ctbot.DateOf(now))
		if _, err := w.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		m.Recorded(e)
	case op == history.Amend && cur != nil:
		after := m.Amendment(cur)
		if _, err := w.Amend(ctx, cur.ID, after, "U2", "test", ctbot.WriteOptions{}); err != nil {
			if ctbot.CodeOf(err) == ctbot.EUnchanged {
				return false
			}
			t.Fatal(err)
		}
		m.Amended(cur, after, now)
	case op == history.Retract && cur != nil:
		if _, err := w.Retract(ctx, cur.ID, "U2", "test", ctbot.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		m.Retracted(cur, now)
	default:
		return false
	}
	return true
}

// Log is what the storage conformance suite asks of a store: the entries
// in force at an instant, whole or streamed.
type Log interface {
	Writer
	EntriesKnownAt(ctx context.Context, t time.Time) ([]*ctbot.Entry, error)
	EachKnownAt(ctx context.Context, t time.Time, kinds []ctbot.Kind, through ctbot.Date, fn func(*ctbot.Entry) error) error
	EachKnownIn(ctx context.Context, t time.Time, r ctbot.Range, fn func(*ctbot.Entry) error) error
}

// Run proves a store keeps its log: at every instant of random histories,
// the entries it says were in force then (and streams in value order, of
// some kinds and up to a day; and of a range, in any order or narrow, as
// the range allows) are those the history says.
func Run(t *testing.T, open func(t *testing.T, c clock.Clock) Log) {
	var store Log
	rng := rand.New(rand.NewPCG(1, 2))
	Drive(t, func(t *testing.T, c clock.Clock) []Writer {
		store = open(t, c)
		return []Writer{store}
	}, func(t *testing.T, at time.Time, inForce []*ctbot.Entry) {
		t.Helper()
		known, err := store.EntriesKnownAt(context.Background(), at)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := versionKeys(known), versionKeys(inForce); !reflect.DeepEqual(got, want) {
			t.Errorf("entries known at %s:\n got %v\nwant %v", at.Format(time.RFC3339Nano), got, want)
		}
		checkStream(t, store, rng, at, inForce)
		checkRange(t, store, rng, at, inForce)
	})
}

// checkRange compares the entries a store streams as known at an instant,
// of a random range read in any order or not, narrow or whole, with those
// in force then in the range: each one once, in value order unless the
// range is unordered, with (at least) the ID and fields it names.
func checkRange(t *testing.T, store Log, rng *rand.Rand, at time.Time, inForce []*ctbot.Entry) {
	t.Helper()
	r := ctbot.Range{Unordered: rng.IntN(2) == 0, Narrow: rng.IntN(2) == 0, Fields: ctbot.Fields(rng.Uint32())}
	if rng.IntN(2) == 0 {
		r.Kinds = []ctbot.Kind{ctbot.KindTraining, ctbot.KindLog}
	}
	if rng.IntN(2) == 0 {
		r.States = []string{"KE", ""}
	}
	if rng.IntN(2) == 0 {
		r.Since = at.Add(-time.Duration(rng.IntN(10*24)) * time.Hour)
	}
	fields := ^ctbot.Fields(0)
	if r.Narrow {
		fields = r.Fields
	}
	var got, want []string
	err := store.EachKnownIn(context.Background(), at, r, func(e *ctbot.Entry) error {
		got = append(got, fmt.Sprintf("%+v", *history.Narrowed(e, fields)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	inForce = slices.Clone(inForce)
	ctbot.ValueOrder(inForce)
	for _, e := range inForce {
		if r.Holds(e) {
			want = append(want, fmt.Sprintf("%+v", *history.Narrowed(e, fields)))
		}
	}
	if r.Unordered {
		sort.Strings(got)
		sort.Strings(want)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries known at %s in %+v:\n got %v\nwant %v", at.Format(time.RFC3339Nano), r, got, want)
	}
}

// checkStream compares the entries a store streams as known at an instant,
// of some kinds and up to a day, with those in force then, in value order.
func checkStream(t *testing.T, store Log, rng *rand.Rand, at time.Time, inForce []*ctbot.Entry) {
	t.Helper()
	kinds := [][]ctbot.Kind{nil, {ctbot.KindIndicator, ctbot.KindTraining}, {ctbot.KindWorkshop}}[rng.IntN(3)]
	through := ctbot.Date{}
	if rng.IntN(2) == 0 {
		through = ctbot.DateOf(at).AddDays(rng.IntN(20) - 10)
	}
	var got, want []*ctbot.Entry
	err := store.EachKnownAt(context.Background(), at, kinds, through, func(e *ctbot.Entry) error { got = append(got, e); return nil })
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range inForce {
		if (kinds == nil || slices.Contains(kinds, e.Kind)) && (through.IsZero() || !e.Date.After(through)) {
			want = append(want, e)
		}
	}
	ctbot.ValueOrder(want)
	if g, w := orderedKeys(got), orderedKeys(want); !reflect.DeepEqual(g, w) {
		t.Errorf("entries known at %s, %v through %s, in value order:\n got %v\nwant %v", at.Format(time.RFC3339Nano), kinds, through, g, w)
	}
}

// orderedKeys describes entry versions in the order given.
func orderedKeys(es []*ctbot.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = fmt.Sprintf("#%d v%d %s %s", e.ID, e.Version, e.Kind, e.Date)
	}
	return out
}

// versionKeys describes entry versions by what the figures read of them.
func versionKeys(es []*ctbot.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		newWomen := -1
		if e.NewWomen != nil {
			newWomen = *e.NewWomen
		}
		out[i] = fmt.Sprintf("#%d v%d %s %s %s..%s %s %d/%d %s %d %d %d %v %d", e.ID, e.Version, e.Kind, e.Country, e.Date, e.DateTo, e.Status,
			e.Value, e.Denom, e.Stage, e.Trained, e.New, e.Participants, e.WomenOr(-1), newWomen)
	}
	sort.Strings(out)
	return out
}
