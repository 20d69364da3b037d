package ctbot_test

import (
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
)

func entry(id int64, date string, op ctbot.Op, value int64) *ctbot.Entry {
	return &ctbot.Entry{ID: id, Kind: ctbot.KindIndicator, Indicator: "recs", Country: "KE", Date: ctbot.MustParseDate(date), Op: op, Value: value}
}

// TestReplayAppliesValuesInValueDateOrder: a set on day d replaces what is
// dated up to d; adds after it add, whatever order they were recorded in.
func TestReplayAppliesValuesInValueDateOrder(t *testing.T) {
	fw := testFramework(t)
	recs := fw.Indicator("recs")
	for _, c := range []struct {
		name string
		es   []*ctbot.Entry
		want int64
	}{
		{"adds", []*ctbot.Entry{entry(1, "2026-01-01", ctbot.OpAdd, 1), entry(2, "2026-02-01", ctbot.OpAdd, 2)}, 3},
		{"a set replaces what is dated before it", []*ctbot.Entry{entry(1, "2026-01-01", ctbot.OpAdd, 1), entry(2, "2026-02-01", ctbot.OpSet, 5)}, 5},
		{"an add dated after a set adds to it", []*ctbot.Entry{entry(1, "2026-02-01", ctbot.OpSet, 5), entry(2, "2026-03-01", ctbot.OpAdd, 1)}, 6},
		{"a backfilled add before the set is replaced by it", []*ctbot.Entry{entry(1, "2026-02-01", ctbot.OpSet, 5), entry(2, "2026-01-15", ctbot.OpAdd, 3)}, 5},
		{"a backfilled set replaces the adds dated before it, not after", []*ctbot.Entry{
			entry(1, "2026-01-10", ctbot.OpAdd, 1), entry(2, "2026-03-01", ctbot.OpAdd, 2), entry(3, "2026-02-01", ctbot.OpSet, 4)}, 6},
		{"same day: in recording order", []*ctbot.Entry{entry(2, "2026-02-01", ctbot.OpAdd, 1), entry(1, "2026-02-01", ctbot.OpSet, 4)}, 5},
	} {
		if got := ctbot.Replay(recs, c.es); got.Value != c.want {
			t.Errorf("%s: %d, want %d", c.name, got.Value, c.want)
		}
	}
	// An indicator fed by trainings counts only its adjustments; sets do not.
	fed := fw.Indicator("trained")
	v := ctbot.Replay(fed, []*ctbot.Entry{entry(1, "2026-01-01", ctbot.OpSet, 30), entry(2, "2026-01-02", ctbot.OpAdd, 5), entry(3, "2026-01-03", ctbot.OpAdd, -2)})
	if v.Adjusted != 3 || v.Value != 3 || v.Entries != 2 {
		t.Errorf("fed: %+v, want adjustments 3 from 2 entries", v)
	}
}

// TestKnownAtPicksTheVersionInForce: an entry amended and then retracted
// is seen as it was at each instant.
func TestKnownAtPicksTheVersionInForce(t *testing.T) {
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	v1 := &ctbot.Entry{ID: 1, Version: 1, Trained: 10, CreatedAt: t0, KnownFrom: t0, Retracted: true, RetractedAt: t0.Add(48 * time.Hour)}
	v2 := &ctbot.Entry{ID: 1, Version: 2, Trained: 12, CreatedAt: t0, KnownFrom: t0.Add(24 * time.Hour), Retracted: true, RetractedAt: t0.Add(48 * time.Hour)}
	all := []*ctbot.Entry{v1, v2}
	for _, c := range []struct {
		at   time.Duration
		want int // trained, or -1 for none
	}{{-time.Hour, -1}, {time.Hour, 10}, {25 * time.Hour, 12}, {49 * time.Hour, -1}} {
		got := ctbot.KnownAt(all, t0.Add(c.at))
		switch {
		case c.want < 0 && len(got) != 0, c.want >= 0 && (len(got) != 1 || got[0].Trained != c.want):
			t.Errorf("at +%v: %v, want trained %d", c.at, got, c.want)
		}
	}
}

// TestWomenShareIsHiddenUnderFivePeople: a share of fewer than five people
// could identify them; it is computed over the reporting trainings only.
func TestWomenShareIsHiddenUnderFivePeople(t *testing.T) {
	for _, c := range []struct {
		t    ctbot.TrainingTotals
		pct  float64
		show bool
	}{
		{ctbot.TrainingTotals{Trained: 4, Women: 2, Reported: 4}, 0, false},
		{ctbot.TrainingTotals{Trained: 30, Women: 11, Reported: 30}, 100 * 11.0 / 30, true},
		{ctbot.TrainingTotals{Trained: 50, Women: 5, Reported: 20, Unreported: 1}, 25, true},
		{ctbot.TrainingTotals{Trained: 20, Unreported: 2}, 0, false},
	} {
		if pct, ok := c.t.WomenShare(); pct != c.pct || ok != c.show {
			t.Errorf("%+v: WomenShare() = %v, %v; want %v, %v", c.t, pct, ok, c.pct, c.show)
		}
	}
}
