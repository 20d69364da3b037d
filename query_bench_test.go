package ctbot_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
)

// BenchmarkQueryTrainings evaluates one state's trainings on one topic in
// one month over 1M synthetic entries given as a slice: all of them
// matching (what a store reading by index gives), or of every kind,
// state, topic and month (about 1 in 200 matching); ungrouped, and by
// state, month and person. ns/entry is the cost of each entry given.
// The slice repeats 65,536 distinct entries (a million would take half a
// gigabyte).
func BenchmarkQueryTrainings(b *testing.B) {
	fw := config.Default().Framework
	march := ctbot.Filter{States: []string{"KE"}, Topics: []string{"osint"}, From: ctbot.MustParseDate("2026-03-01"),
		To: ctbot.MustParseDate("2026-03-31")}
	for _, mixed := range []bool{false, true} {
		es := syntheticEntries(1_000_000, 1<<16, mixed)
		for _, by := range []ctbot.GroupBy{{}, {State: true, Period: ctbot.Month, Person: true}} {
			q := ctbot.Query{Filter: march, Figures: []ctbot.Figure{ctbot.Trainings}, GroupBy: by}
			b.Run(fmt.Sprintf("mixed=%v/grouped=%v", mixed, by.State), func(b *testing.B) {
				var r *ctbot.Result
				for b.Loop() {
					r = fw.Evaluate(q, slices.Values(es))
				}
				if r.Total.Trainings.Count == 0 {
					b.Fatal("nothing matched")
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(es)), "ns/entry")
			})
		}
	}
}

// syntheticEntries are n entries made of distinct ones: trainings in
// Kenya on OSINT in March 2026, or with mixed, entries of every kind,
// state, topic and month of 2026.
func syntheticEntries(n, distinct int, mixed bool) []*ctbot.Entry {
	rng := rand.New(rand.NewPCG(1, 2))
	base := make([]*ctbot.Entry, distinct)
	kinds := []ctbot.Kind{ctbot.KindTraining, ctbot.KindTraining, ctbot.KindTraining, ctbot.KindLog, ctbot.KindIndicator,
		ctbot.KindWorkshop}
	states := []string{"KE", "GH", "NG", "IQ", "PH"}
	users := make([]string, 20)
	for i := range users {
		users[i] = fmt.Sprint("U", i)
	}
	for i := range base {
		e := &ctbot.Entry{ID: int64(i + 1), Kind: ctbot.KindTraining, Country: "KE", Topic: "osint", Level: "basic",
			Date: ctbot.Date{Year: 2026, Month: time.March, Day: 1 + rng.IntN(31)}, Trained: 5 + rng.IntN(30),
			UserID: users[rng.IntN(len(users))], CreatedAt: time.Date(2026, 4, 1, 0, 0, i, 0, time.UTC)}
		e.New = rng.IntN(e.Trained + 1)
		if rng.IntN(3) > 0 {
			e.Women = ctbot.Int(rng.IntN(e.Trained + 1))
		}
		if mixed {
			e.Kind, e.Country = kinds[rng.IntN(len(kinds))], states[rng.IntN(len(states))]
			e.Topic = ctbot.DefaultTopics[rng.IntN(len(ctbot.DefaultTopics))]
			e.Date.Month = time.Month(1 + rng.IntN(12))
			e.Date.Day = 1 + rng.IntN(28)
		}
		base[i] = e
	}
	out := make([]*ctbot.Entry, n)
	for i := range out {
		out[i] = base[i%distinct]
	}
	return out
}
