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

// TestActionMemory checks that a key is found once remembered, known
// unseen while memory covers ActionMemory, and asked of the database once
// the oldest keys were dropped for room.
func TestActionMemory(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	m := actionMemory{ids: map[uint64]int64{}, from: t0.Add(-ActionMemory)}
	m.apply([]keyAt{{hash: keyHash("body:a"), id: 7, at: t0.UnixNano()}}, t0)
	if id, found, known := m.lookup("body:a", t0); !found || !known || id != 7 {
		t.Errorf("remembered key: id %d found %v known %v", id, found, known)
	}
	if _, found, known := m.lookup("body:b", t0); found || !known {
		t.Errorf("unseen key: found %v known %v; want not found, known", found, known)
	}
	later := t0.Add(ActionMemory + time.Second)
	m.apply(nil, later)
	if _, found, known := m.lookup("body:a", later); found || !known {
		t.Errorf("expired key: found %v known %v; want forgotten and known", found, known)
	}
	keys := make([]keyAt, maxKeysInMemory+1)
	for i := range keys {
		keys[i] = keyAt{hash: uint64(i + 1), id: int64(i + 1), at: later.UnixNano()}
	}
	m.apply(keys, later)
	if len(m.ids) != maxKeysInMemory {
		t.Errorf("%d keys in memory, want at most %d", len(m.ids), maxKeysInMemory)
	}
	if _, found, known := m.lookup("body:c", later); found || known {
		t.Errorf("after dropping keys for room: found %v known %v; want the database asked", found, known)
	}
}
