package ctbot_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/history"
)

// TestBookKeptCurrentEqualsReplay: a Book every change is applied to, one
// at a time (recordings, backfills, amendments that move entries between
// dates, states and series' latest, retractions, redactions), has the
// same figures, week and newest entries as a Book made anew from the
// entries in force, after random histories of thousands of changes.
func TestBookKeptCurrentEqualsReplay(t *testing.T) {
	fw := config.Default().Framework
	for seed := range uint64(6) {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			m := history.New(fw, seed)
			now := time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC)
			windowFrom := now.Add(30 * 24 * time.Hour)
			live := fw.NewBook(ctbot.Date{}, windowFrom)
			for i := range 2500 {
				now = now.Add(time.Duration(10+m.Rng.IntN(300)) * time.Minute)
				live.Apply(m.Step(now))
				if i%50 == 0 || i > 2450 {
					check(t, fw, m, live, now, windowFrom)
				}
			}
		})
	}
}

func check(t *testing.T, fw *ctbot.Framework, m *history.Model, live *ctbot.Book, now, windowFrom time.Time) {
	t.Helper()
	inForce := m.InForce(now)
	history.Compare(t, now, live.Snapshot(), fw.Fold(inForce, ctbot.Date{}))
	history.Compare(t, now, live.Snapshot(), specFold(fw, inForce))
	for _, kind := range []ctbot.Kind{ctbot.KindWorkshop, ctbot.KindKickoff} {
		for _, c := range history.Countries {
			if got, want := history.EntryKeys(live.Series(kind, c)), history.EntryKeys(specSeries(inForce, kind, c)); !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s series of %s: got %v, want %v", now, kind, c, got, want)
			}
		}
	}
	if now.Before(windowFrom.Add(7 * 24 * time.Hour)) {
		return
	}
	since := now.Add(-7 * 24 * time.Hour)
	from, to := ctbot.DateOf(since), ctbot.DateOf(now).AddDays(-1)
	got, ok := live.Week(since, now, from, to)
	if want := specWeek(inForce, since, now, from, to); !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("%s week:\n got %+v\nwant %+v", now, got, want)
	}
	if want := fw.Week(inForce, since, now, from, to); !reflect.DeepEqual(got, want) {
		t.Errorf("%s week replayed:\n got %+v\nwant %+v", now, got, want)
	}
	for _, kind := range []ctbot.Kind{ctbot.KindLog, ctbot.KindTraining} {
		got, _ := live.Newest(kind, since, now, 5)
		if want := specNewest(inForce, kind, since, now, 5); !reflect.DeepEqual(got, want) {
			t.Errorf("%s newest %s: got %v, want %v", now, kind, got, want)
		}
	}
}
