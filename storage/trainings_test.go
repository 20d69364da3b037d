package storage_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestTrainingDaysAndWomenAmongNewAreKept: a training's last day and the
// women among its new people are stored, amended, kept in the version an
// amendment replaces (as known before it), and never rewritten there.
func TestTrainingDaysAndWomenAmongNewAreKept(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:30:00Z")
	db := storagetest.MustOpenDB(t, clock)
	e := training("U1", "KE", "2026-11-20", 25, 9, 20)
	e.DateTo, e.NewWomen = ctbot.MustParseDate("2026-11-22"), ctbot.Int(7)
	if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Entry(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.DateTo.String() != "2026-11-22" || got.NewWomen == nil || *got.NewWomen != 7 {
		t.Fatalf("stored: last day %q, women among new %v", got.DateTo, got.NewWomen)
	}
	recorded := clock.Now()
	clock.Advance(time.Hour)
	after := *got
	after.DateTo, after.NewWomen = ctbot.Date{}, nil
	if _, err := db.Amend(ctx, e.ID, &after, "U1", "one day, women not known", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if now, _ := db.Entry(ctx, e.ID); !now.DateTo.IsZero() || now.NewWomen != nil {
		t.Errorf("amended: last day %q, women among new %v; want neither", now.DateTo, now.NewWomen)
	}
	then, err := db.EntriesKnownAt(ctx, recorded)
	if err != nil || len(then) != 1 {
		t.Fatalf("as known when recorded: %v, %v", then, err)
	}
	if v := then[0]; v.DateTo.String() != "2026-11-22" || v.NewWomen == nil || *v.NewWomen != 7 {
		t.Errorf("the version replaced: last day %q, women among new %v", v.DateTo, v.NewWomen)
	}
	trail, _ := db.Audit(ctx, e.ID)
	if last := trail[len(trail)-1]; !slices.Contains(last.Changes, ctbot.Change{Field: "date_to", Old: "2026-11-22"}) ||
		!slices.Contains(last.Changes, ctbot.Change{Field: "new_women", Old: "7"}) {
		t.Errorf("the amendment's changes: %+v", last.Changes)
	}
	for _, q := range []string{`UPDATE entry_versions SET date_to = ''`, `UPDATE entry_versions SET new_women = 3`} {
		if err := db.ExecForTest(ctx, q); err == nil {
			t.Errorf("%s succeeded", q)
		}
	}
}

// TestTrainingsNear reads a state's trainings held on a day of a window:
// one that started before it and ends in it too, none retracted, none of
// another state or outside it.
func TestTrainingsNear(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t, fakeclock.At("2026-11-27T09:30:00Z"))
	record := func(country, first, last string) *ctbot.Entry {
		t.Helper()
		e := training("U1", country, first, 20, 5, 20)
		e.Source += " " + last
		if last != "" {
			e.DateTo = ctbot.MustParseDate(last)
		}
		if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		return e
	}
	spanning := record("KE", "2026-11-10", "2026-11-15")
	record("KE", "2026-11-05", "2026-11-14") // ends the day before the window
	inside := record("KE", "2026-11-20", "")
	record("KE", "2026-11-26", "") // the day after
	record("GH", "2026-11-20", "")
	retracted := record("KE", "2026-11-19", "")
	if _, err := db.Retract(ctx, retracted.ID, "U1", "wrong", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	last := record("KE", "2026-11-24", "2026-11-27")
	es, err := db.TrainingsNear(ctx, "KE", ctbot.MustParseDate("2026-11-15"), ctbot.MustParseDate("2026-11-25"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	if want := []int64{spanning.ID, inside.ID, last.ID}; !slices.Equal(ids, want) {
		t.Errorf("trainings near: %v, want %v", ids, want)
	}
}

// BenchmarkTrainingsNear reads the trainings near a new one among 200,000
// trainings of 9 states over two years (a million entries' worth): one
// of this week, and one backdated a year, whose window the index reaches
// through every later training of its state.
func BenchmarkTrainingsNear(b *testing.B) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	db := storagetest.MustOpenDB(b, fakeclock.New(now))
	states := []string{"GH", "IQ", "KE", "NG", "PH", "TJ", "UZ", "CI", "MY"}
	start := ctbot.MustParseDate("2025-01-01")
	var batch []*ctbot.Entry
	for i := range 200_000 {
		e := training("U1", states[i%len(states)], start.AddDays(i%696).String(), 20, 5, 15)
		if i%5 == 0 {
			e.DateTo = e.Date.AddDays(2)
		}
		e.CreatedAt = now
		if batch = append(batch, e); len(batch) == 10_000 {
			if err := db.Import(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = nil
		}
	}
	for _, c := range []struct {
		name string
		day  ctbot.Date
	}{{"this-week", ctbot.MustParseDate("2026-11-24")}, {"a-year-back", ctbot.MustParseDate("2025-11-24")}} {
		b.Run(c.name, func(b *testing.B) {
			e := &ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: c.day}
			from, to := e.NearWindow()
			n := 0
			for b.Loop() {
				es, err := db.TrainingsNear(ctx, "KE", from, to)
				if err != nil || len(es) == 0 {
					b.Fatal(len(es), err)
				}
				n = len(es)
			}
			b.ReportMetric(float64(n), "trainings/op")
		})
	}
}
