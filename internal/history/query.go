package history

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/cttechplus/ctbot"
)

// Query is a random query: it sets each field of a filter, and each grouping, with a
// chance of 3, 15 or 40 in 100, to random values: recording windows
// bounded by the instants of changes, half the time, or between them.
func Query(rng *rand.Rand, fw *ctbot.Framework, changes []time.Time) ctbot.Query {
	p := []int{3, 15, 40}[rng.IntN(3)]
	on := func() bool { return rng.IntN(100) < p }
	want := func() ctbot.Want { return ctbot.Want(1 + rng.IntN(2)) }
	var courses []string
	for _, c := range fw.Courses {
		courses = append(courses, c.Code)
	}
	day := func() ctbot.Date { return ctbot.DateOf(changes[0]).AddDays(rng.IntN(240) - 50) }
	instant := func() time.Time {
		return changes[rng.IntN(len(changes))].Add(time.Duration(rng.IntN(2)) * time.Duration(rng.Int64N(int64(time.Hour))))
	}
	var f ctbot.Filter
	for _, set := range []func(){
		func() { f.States = pick(rng, []string{"KE", "GH", "NG", "", "IQ"}) },
		func() { f.Kinds = pick(rng, kinds) },
		func() {
			f.Indicators = pick(rng, append(slices.Clone(Indicators), "strategies", "ppp-mechanisms"))
		},
		func() { f.Topics = pick(rng, append(slices.Clone(fw.Topics), "")) },
		func() { f.Levels = pick(rng, append(slices.Clone(ctbot.CourseLevels), "")) },
		func() { f.Courses = pick(rng, append(courses, "")) },
		func() { f.Online = want() },
		func() { f.From = day() },
		func() { f.To = day() },
		func() { f.Since = instant() },
		func() { f.Until = instant() },
		func() { f.By = pick(rng, []string{"U0", "U1", "U2"}) },
		func() { f.Verified = want() },
		func() { f.Evidence = want() },
	} {
		if on() {
			set()
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && rng.IntN(2) == 0 {
		f.To = f.From.AddDays(rng.IntN(120)) // a window more often than not holding something
	}
	q := ctbot.Query{Filter: f, Figures: pick(rng, figures)}
	q.GroupBy = ctbot.GroupBy{State: on(), Topic: on(), Level: on(), Person: on(), Recorded: rng.IntN(2) == 0}
	if on() {
		q.GroupBy.Period = []ctbot.PeriodKind{ctbot.Month, ctbot.Quarter, ctbot.Year, "week"}[rng.IntN(4)]
	}
	return q
}

var (
	kinds = []ctbot.Kind{ctbot.KindLog, ctbot.KindKickoff, ctbot.KindWorkshop, ctbot.KindTraining, ctbot.KindIndicator,
		ctbot.KindReadiness}
	figures = []ctbot.Figure{ctbot.Trainings, ctbot.Workshops, ctbot.Values, ctbot.Assessments, ctbot.Entries}
)

// pick is a random non-empty subset of from, in random order.
func pick[T any](rng *rand.Rand, from []T) []T {
	var out []T
	for len(out) == 0 {
		for _, i := range rng.Perm(len(from)) {
			if rng.IntN(2) == 0 {
				out = append(out, from[i])
			}
		}
	}
	return out
}
