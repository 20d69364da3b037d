package storage

import (
	"reflect"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
)

// TestCommandMemory drives the recent-commands memory through repeats,
// retractions and expiry, and checks the candidates after each step.
func TestCommandMemory(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	rec := func(id int64, user, src string, at time.Time) ctbot.EntryChange {
		return ctbot.EntryChange{After: &ctbot.Entry{ID: id, UserID: user, Source: src, CreatedAt: at}}
	}
	retract := func(id int64, user, src string) ctbot.EntryChange {
		return ctbot.EntryChange{Before: &ctbot.Entry{ID: id, UserID: user, Source: src}}
	}
	var c commands
	c.newest, c.older = map[int64]int64{}, map[int64][]int64{}
	steps := []struct {
		name    string
		changes []ctbot.EntryChange
		now     time.Time
		user    string
		want    []int64
	}{
		{"recorded", []ctbot.EntryChange{rec(1, "U1", "log kenya a", t0)}, t0, "U1", []int64{1}},
		{"other user", nil, t0, "U2", nil},
		{"repeated, newest first", []ctbot.EntryChange{rec(2, "U1", "log kenya a", t0.Add(time.Minute)), rec(3, "U1", "log kenya a", t0.Add(2*time.Minute))},
			t0.Add(2 * time.Minute), "U1", []int64{3, 2, 1}},
		{"middle retracted", []ctbot.EntryChange{retract(2, "U1", "log kenya a")}, t0.Add(2 * time.Minute), "U1", []int64{3, 1}},
		{"newest retracted", []ctbot.EntryChange{retract(3, "U1", "log kenya a")}, t0.Add(2 * time.Minute), "U1", []int64{1}},
		{"first expired", nil, t0.Add(commandMemory), "U1", nil},
		{"recorded again", []ctbot.EntryChange{rec(4, "U1", "log kenya a", t0.Add(4*time.Minute))}, t0.Add(4 * time.Minute), "U1", []int64{4}},
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
