package storage

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
)

// TestCommandMemory drives the recent-commands memory through repeats,
// retractions and expiry, and checks the candidates after each step.
func TestCommandMemory(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	rec := func(id int64, user, src string, at time.Time) liveChange {
		return liveChange{after: &ctbot.Entry{ID: id, UserID: user, Source: src, CreatedAt: at}}
	}
	retract := func(id int64, user, src string) liveChange {
		return liveChange{before: &ctbot.Entry{ID: id, UserID: user, Source: src}}
	}
	var c commands
	c.newest, c.older = map[int64]int64{}, map[int64][]int64{}
	steps := []struct {
		name    string
		changes []liveChange
		now     time.Time
		user    string
		want    []int64
	}{
		{"recorded", []liveChange{rec(1, "U1", "log kenya a", t0)}, t0, "U1", []int64{1}},
		{"other user", nil, t0, "U2", nil},
		{"repeated, newest first", []liveChange{rec(2, "U1", "log kenya a", t0.Add(time.Minute)), rec(3, "U1", "log kenya a", t0.Add(2*time.Minute))},
			t0.Add(2 * time.Minute), "U1", []int64{3, 2, 1}},
		{"middle retracted", []liveChange{retract(2, "U1", "log kenya a")}, t0.Add(2 * time.Minute), "U1", []int64{3, 1}},
		{"newest retracted", []liveChange{retract(3, "U1", "log kenya a")}, t0.Add(2 * time.Minute), "U1", []int64{1}},
		{"first expired", nil, t0.Add(commandMemory), "U1", nil},
		{"recorded again", []liveChange{rec(4, "U1", "log kenya a", t0.Add(4*time.Minute))}, t0.Add(4 * time.Minute), "U1", []int64{4}},
		{"expired", nil, t0.Add(4*time.Minute + commandMemory), "U1", nil},
	}
	for _, s := range steps {
		c.apply(s.changes, s.now)
		if got := c.candidates(s.user, "log kenya a"); !reflect.DeepEqual(got, s.want) && !(len(got) == 0 && len(s.want) == 0) {
			t.Errorf("%s: candidates %v, want %v", s.name, got, s.want)
		}
	}
	if len(c.newest) != 0 || len(c.older) != 0 {
		t.Errorf("memory not empty after expiry: %v %v", c.newest, c.older)
	}
}

// TestActionMemory checks that a key remembered is never "unseen", an
// unknown one is while memory covers ActionMemory, and that once the
// oldest keys were dropped for room the database is asked.
func TestActionMemory(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	m := actionMemory{seen: map[uint64]struct{}{}, from: t0.Add(-ActionMemory)}
	m.apply([]keyAt{{hash: keyHash("body:a"), at: t0.UnixNano()}}, t0)
	if m.unseen("body:a", t0) {
		t.Error("a remembered key is called unseen")
	}
	if !m.unseen("body:b", t0) {
		t.Error("a key never remembered is not called unseen")
	}
	later := t0.Add(ActionMemory + time.Second)
	m.apply(nil, later)
	if !m.unseen("body:a", later) {
		t.Error("a key older than ActionMemory is still remembered")
	}
	keys := make([]keyAt, maxKeysInMemory+1)
	for i := range keys {
		keys[i] = keyAt{hash: uint64(i + 1), at: later.UnixNano()}
	}
	m.apply(keys, later)
	if len(m.seen) != maxKeysInMemory {
		t.Errorf("%d keys in memory, want at most %d", len(m.seen), maxKeysInMemory)
	}
	if m.unseen("body:c", later) {
		t.Error("after dropping keys for room, a key is called unseen without asking the database")
	}
}

// TestRecentKeepsIDOrder adds entries out of order, sorts, inserts an
// older one in the middle, amends and removes: the arrays stay sorted by
// ID and the week's counts equal ctbot.Week over the same entries.
func TestRecentKeepsIDOrder(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	d := ctbot.DateOf(t0)
	tr := func(id int64, country string, trained int, women *int) *ctbot.Entry {
		return &ctbot.Entry{ID: id, Kind: ctbot.KindTraining, Country: country, Date: d, UserID: "U1", CreatedAt: t0.Add(time.Duration(id) * time.Minute),
			Trained: trained, New: trained / 2, Women: women, Online: id%2 == 0}
	}
	log := &ctbot.Entry{ID: 4, Kind: ctbot.KindLog, Country: "GH", Date: d, UserID: "U2", CreatedAt: t0.Add(4 * time.Minute)}
	ws := &ctbot.Entry{ID: 6, Kind: ctbot.KindWorkshop, Country: "KE", Date: d, Series: 6, Status: ctbot.StatusHeld, Participants: 12, UserID: "U1", CreatedAt: t0.Add(6 * time.Minute)}
	in := map[int64]*ctbot.Entry{}
	r := newRecent()
	for _, e := range []*ctbot.Entry{tr(5, "KE", 10, ctbot.Int(4)), tr(1, "GH", 8, nil), log, tr(3, "KE", 6, ctbot.Int(1))} {
		r.add(e)
		in[e.ID] = e
	}
	r.sort()
	for _, e := range []*ctbot.Entry{tr(2, "NG", 20, ctbot.Int(9)), ws, tr(9, "KE", 3, nil), tr(3, "GH", 7, ctbot.Int(2))} {
		r.set(e)
		in[e.ID] = e
	}
	r.remove(5)
	delete(in, 5)
	if !slices.IsSorted(r.id) || len(r.id) != 7 {
		t.Fatalf("ids %v: want 7, ascending", r.id)
	}
	var es []*ctbot.Entry
	for _, e := range in {
		es = append(es, e)
	}
	since, until := t0.Add(-time.Hour), t0.Add(time.Hour)
	if got, want := r.week(since, until, d, d), ctbot.Week(es, since, until, d, d); !reflect.DeepEqual(got, want) {
		t.Errorf("week:\n got %+v\nwant %+v", got, want)
	}
	kept := r.keep(func(at int64, kind uint8, day int32) bool { return at >= t0.Add(3*time.Minute).UnixNano() })
	if !reflect.DeepEqual(kept.id, []int64{3, 4, 6, 9}) {
		t.Errorf("kept %v, want [3 4 6 9]", kept.id)
	}
}
