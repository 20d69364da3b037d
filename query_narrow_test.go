package ctbot_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/history"
)

// TestNarrowReadPlan: for random queries over random histories at random
// instants, a tally given what its read plan lets a store give (in any
// order when Unordered; when Narrow, only each entry's ID and Fields, in
// one Entry filled anew each time) gives what it gives over the whole
// entries in value order. Queries that can give entries alone read
// narrow, and only those that give values or assessments in value order.
func TestNarrowReadPlan(t *testing.T) {
	fw := config.Default().Framework
	narrow, unordered, queries := 0, 0, 0
	for seed := range uint64(3) {
		m, start, end, changes := randomHistory(fw, seed)
		rng := rand.New(rand.NewPCG(seed, 12))
		for range 30 {
			at := start.Add(time.Duration(rng.Int64N(int64(end.Sub(start)) + int64(time.Hour))))
			inForce := m.InForce(at)
			ctbot.ValueOrder(inForce)
			for range 40 {
				q := history.Query(rng, fw, changes)
				if rng.IntN(2) == 0 {
					q.Figures = []ctbot.Figure{ctbot.Entries}
				}
				want := fw.Evaluate(q, slices.Values(inForce))
				tally := fw.NewTally(q)
				r, _ := tally.Range()
				asks := func(f ctbot.Figure) bool { return slices.Contains(q.Figures, f) && want.Applies(f) }
				if values := asks(ctbot.Values) || asks(ctbot.Assessments); r.Unordered == values {
					t.Fatalf("query %+v: unordered %v", q, r.Unordered)
				}
				if entriesAlone := !slices.ContainsFunc(q.Figures, func(f ctbot.Figure) bool { return f != ctbot.Entries && asks(f) }); r.Narrow != entriesAlone {
					t.Fatalf("query %+v: narrow %v", q, r.Narrow)
				}
				given := slices.Clone(readPlan(fw, q, inForce))
				if r.Unordered {
					unordered++
					rng.Shuffle(len(given), func(i, j int) { given[i], given[j] = given[j], given[i] })
				}
				var one ctbot.Entry
				for _, e := range given {
					if r.Narrow {
						one = *history.Narrowed(e, r.Fields)
						e = &one
					}
					tally.Add(e)
				}
				if r.Narrow {
					narrow++
				}
				queries++
				if got := tally.Result(); !reflect.DeepEqual(got, want) {
					t.Fatalf("at %s, query %+v (read %+v):\n got %+v\nwant %+v", at.Format(time.RFC3339), q, r, got, want)
				}
			}
		}
	}
	if narrow < queries/3 || unordered < queries/2 {
		t.Errorf("of %d queries, %d read narrow and %d unordered: the test says little", queries, narrow, unordered)
	}
	t.Logf("%d queries, %d narrow, %d unordered", queries, narrow, unordered)
}
