package ctbot_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/history"
)

// TestQueryEqualsBruteForce: for random queries (filters on every field,
// random value and recording windows, figures and groupings) over random
// histories at random instants, evaluating the entries in force (in any
// order) gives what plain loops over them give, figure for figure and
// group for group, and says the same figures are not applicable. Given
// only the entries its read plan bounds (and their workshops' series), a
// tally gives the same.
func TestQueryEqualsBruteForce(t *testing.T) {
	fw := config.Default().Framework
	var seen coverage
	for seed := range uint64(5) {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			m, start, end, changes := randomHistory(fw, seed)
			rng := rand.New(rand.NewPCG(seed, 11))
			for range 40 {
				at := start.Add(time.Duration(rng.Int64N(int64(end.Sub(start)) + int64(time.Hour))))
				inForce := m.InForce(at)
				for range 50 {
					q := history.Query(rng, fw, changes)
					want := bruteForce(fw, q, inForce)
					shuffled := slices.Clone(inForce)
					rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
					got := fw.Evaluate(q, slices.Values(shuffled))
					compareResult(t, fmt.Sprintf("at %s, %+v", at.Format(time.RFC3339), q), got, want)
					planned := fw.Evaluate(q, slices.Values(readPlan(fw, q, inForce)))
					compareResult(t, fmt.Sprintf("read plan at %s, %+v", at.Format(time.RFC3339), q), planned, want)
					seen.note(got)
					if t.Failed() {
						t.FailNow()
					}
				}
			}
		})
	}
	t.Logf("%d queries: %+v", seen.queries, seen)
	for name, n := range map[string]int{"trainings counted": seen.trainings, "women reported": seen.women,
		"workshops held": seen.workshops, "values": seen.values, "assessments": seen.assessments,
		"entries": seen.entries, "several groups": seen.grouped, "not applicable": seen.unapplied} {
		if n < seen.queries/50 {
			t.Errorf("only %d of %d queries had %s: the test says little", n, seen.queries, name)
		}
	}
}

// randomHistory is a random history of 1200 changes, from start to end,
// and the instants of its changes.
func randomHistory(fw *ctbot.Framework, seed uint64) (m *history.Model, start, end time.Time, changes []time.Time) {
	m = history.New(fw, seed)
	start = time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC)
	end = start
	for range 1200 {
		end = end.Add(time.Duration(10+m.Rng.IntN(300)) * time.Minute)
		m.Step(end)
		changes = append(changes, end)
	}
	return m, start, end, changes
}

// coverage counts the queries that found each kind of figure.
type coverage struct {
	queries, trainings, women, workshops, values, assessments, entries, grouped, unapplied int
}

func (c *coverage) note(r *ctbot.Result) {
	c.queries++
	for n, ok := range map[*int]bool{&c.trainings: r.Total.Trainings.Count > 0, &c.women: r.Total.Trainings.Reported > 0,
		&c.workshops: r.Total.Workshops.Held > 0, &c.values: len(r.Total.Values) > 0, &c.assessments: len(r.Total.Assessments) > 0,
		&c.entries: r.Total.Entries > 0, &c.grouped: len(r.Groups) > 1, &c.unapplied: len(r.Unapplied) > 0} {
		if ok {
			*n++
		}
	}
}

// readPlan are the entries of es a store reads for q by its read plan:
// those of the kinds, states, value dates and recording window it
// bounds, and every entry of the series of the workshops among them.
func readPlan(fw *ctbot.Framework, q ctbot.Query, es []*ctbot.Entry) []*ctbot.Entry {
	t := fw.NewTally(q)
	r, reads := t.Range()
	series := map[int64]bool{}
	var out []*ctbot.Entry
	for _, e := range es {
		if reads && r.Holds(e) {
			out = append(out, e)
			if e.Kind == ctbot.KindWorkshop && t.Series() {
				series[e.Series] = true
			}
		}
	}
	for _, e := range es {
		if e.Kind == ctbot.KindWorkshop && series[e.Series] && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// compareResult fails t unless got has want's groups, in order, with
// their total, and says the same figures are not applicable.
func compareResult(t *testing.T, what string, got *ctbot.Result, want expected) {
	t.Helper()
	if !reflect.DeepEqual(got.Unapplied, want.unapplied) {
		t.Errorf("%s: not applicable\n got %v\nwant %v", what, got.Unapplied, want.unapplied)
	}
	groups := map[ctbot.Key]ctbot.Figures{}
	var total ctbot.Figures
	for i, g := range got.Groups {
		groups[g.Key] = g.Figures
		if i > 0 && !keyBefore(got.Groups[i-1].Key, g.Key) {
			t.Errorf("%s: group %+v after %+v", what, g.Key, got.Groups[i-1].Key)
		}
		total = sum(total, g.Figures)
	}
	if !reflect.DeepEqual(groups, want.groups) {
		t.Errorf("%s: groups\n got %+v\nwant %+v", what, groups, want.groups)
	}
	if !reflect.DeepEqual(got.Total, total) {
		t.Errorf("%s: total %+v, groups add up to %+v", what, got.Total, total)
	}
}

// keyBefore orders keys by state, period, topic, level and person.
func keyBefore(a, b ctbot.Key) bool {
	x := []string{a.State, a.Period.Start.String(), a.Topic, a.Level, a.Person}
	y := []string{b.State, b.Period.Start.String(), b.Topic, b.Level, b.Person}
	return slices.Compare(x, y) < 0
}

// sum is two groups' figures together.
func sum(a, b ctbot.Figures) ctbot.Figures {
	a.Trainings.Merge(b.Trainings, 1)
	a.Workshops.Add(b.Workshops, 1)
	a.Entries += b.Entries
	for k, v := range b.Values {
		if a.Values == nil {
			a.Values = map[ctbot.IndicatorKey]ctbot.IndicatorValue{}
		}
		a.Values[k] = v
	}
	for k, v := range b.Assessments {
		if a.Assessments == nil {
			a.Assessments = map[string]ctbot.ReadinessProfile{}
		}
		a.Assessments[k] = v
	}
	return a
}
