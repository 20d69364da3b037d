// Package benchdata fills a database with a large, realistic history for
// benchmarks and load tests: n entries spread over the programme's two
// years and nine countries.
package benchdata

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/storage"
)

// batch is how many entries go into one import transaction.
const batch = 20000

// Fill adds n entries to db, created evenly over the programme's timeline
// (up to until), with a fixed seed so every run builds the same data.
// The mix: 55% free-text logs, 25% trainings, 8% workshops, 10% indicator
// updates, 2% kick-offs. Every entry keeps the framework's rules on the
// day it was recorded (ctbot.Framework.Check), as Import checks them.
func Fill(ctx context.Context, db *storage.DB, fw *ctbot.Framework, n int, until time.Time) error {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	start := fw.Start.Midnight(fw.Location)
	span := until.Sub(start)
	users := make([]string, 40)
	for i := range users {
		users[i] = fmt.Sprintf("U%07d", i+1)
	}
	// Each country's kick-off is one series, as the command core keeps it.
	kickoffs := map[string]*ctbot.Entry{}
	var first []*ctbot.Entry
	for _, c := range fw.Countries {
		e := &ctbot.Entry{Kind: ctbot.KindKickoff, Country: c.Code, Status: ctbot.StatusPlanned, Date: fw.Start.AddDays(30),
			UserID: users[0], CreatedAt: start.UTC(), Source: "bench kickoff " + c.Code}
		kickoffs[c.Code] = e
		first = append(first, e)
	}
	if err := db.Import(ctx, first); err != nil {
		return err
	}
	es := make([]*ctbot.Entry, 0, batch)
	for i := range n - len(first) {
		at := start.Add(time.Duration(float64(span) * float64(i) / float64(n))).UTC()
		c := fw.Countries[rng.IntN(len(fw.Countries))]
		day := ctbot.DateOf(at.In(fw.Location))
		e := &ctbot.Entry{Country: c.Code, Date: day, UserID: users[rng.IntN(len(users))], CreatedAt: at}
		switch p := rng.IntN(100); {
		case p < 55:
			e.Kind, e.Note = ctbot.KindLog, fmt.Sprintf("Call with the %s cybercrime unit about item %d of the work plan", c.Name, i)
		case p < 80:
			trained := 5 + rng.IntN(30)
			e.Kind, e.Title, e.Trained, e.Women = ctbot.KindTraining, "Darknet and virtual assets", trained, ctbot.Int(rng.IntN(trained/2+1))
			e.New, e.Online, e.Date = trained-rng.IntN(trained/3+1), rng.IntN(2) == 0, inside(fw, day.AddDays(-rng.IntN(5)))
		case p < 88:
			participants := 10 + rng.IntN(40)
			e.Kind, e.Title, e.Status, e.Participants, e.Women = ctbot.KindWorkshop, fmt.Sprintf("Benchmark %d", i), ctbot.StatusHeld, participants, ctbot.Int(rng.IntN(participants/2+1))
			e.Date = inside(fw, day.AddDays(-rng.IntN(3)))
			if ahead := day.AddDays(7 + rng.IntN(60)); until.Sub(at) < 60*24*time.Hour && rng.IntN(10) == 0 && !ahead.After(fw.End) { // a few recent ones still planned, ahead
				e.Status, e.Participants, e.Women, e.Date = ctbot.StatusPlanned, 0, nil, ahead
			}
		case p < 98:
			indicator(rng, fw, e)
		default:
			e.Kind, e.Status = ctbot.KindKickoff, []ctbot.Status{ctbot.StatusPlanned, ctbot.StatusPostponed, ctbot.StatusHeld}[rng.IntN(3)]
			e.Date, e.Series = day, kickoffs[c.Code].Series
			if ahead := day.AddDays(10); e.Status != ctbot.StatusHeld && !ahead.After(fw.End) {
				e.Date = ahead
			} else {
				e.Status = ctbot.StatusHeld
			}
		}
		e.Source = fmt.Sprintf("bench %d", i)
		es = append(es, e)
		if len(es) == batch || i == n-len(first)-1 {
			if err := db.Import(ctx, es); err != nil {
				return err
			}
			es = es[:0]
		}
	}
	return nil
}

// inside is d, or the programme's first day when d is before it.
func inside(fw *ctbot.Framework, d ctbot.Date) ctbot.Date {
	if d.Before(fw.Start) {
		return fw.Start
	}
	return d
}

// indicator makes e a value of a random indicator, for e's country if
// the indicator applies there (its first state otherwise).
func indicator(rng *rand.Rand, fw *ctbot.Framework, e *ctbot.Entry) {
	ind := fw.Indicators[rng.IntN(len(fw.Indicators))]
	e.Kind, e.Indicator = ctbot.KindIndicator, ind.Code
	if !ind.AppliesTo(e.Country) {
		e.Country = fw.Applicable(ind)[0].Code
	}
	switch {
	case ind.Measure == ctbot.MeasureMilestone:
		e.Op, e.Stage = ctbot.OpStage, ind.Stages[rng.IntN(len(ind.Stages))]
	case ind.Scope == ctbot.ScopeProgramme:
		e.Country, e.Op, e.Value = "", ctbot.OpSet, int64(rng.IntN(2))
	case ind.Measure == ctbot.MeasurePercent:
		den := 5 + rng.IntN(20)
		e.Op, e.Value, e.Denom = ctbot.OpSet, int64(rng.IntN(den/2+1)), int64(den)
	case ind.Source == ctbot.SourceTrainings:
		e.Op, e.Value, e.Note = ctbot.OpAdd, int64(rng.IntN(3)), "trained by a partner, list on file"
	default:
		e.Op, e.Value = ctbot.OpAdd, 1
		if rng.IntN(5) == 0 {
			e.Op, e.Value = ctbot.OpSet, int64(rng.IntN(3))
		}
	}
}
