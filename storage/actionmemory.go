package storage

import (
	"context"
	"hash/fnv"
	"sync"
	"time"
)

// maxKeysInMemory bounds the action keys kept in memory (about 35 bytes
// each); beyond it the oldest are dropped and looked up in the database.
const maxKeysInMemory = 1 << 16

// keyAt is an action key remembered: its hash and when (Unix nanoseconds).
type keyAt struct {
	hash uint64
	at   int64
}

// actionMemory holds the action keys remembered in the last ActionMemory,
// as hashes, so that the check before a write ("was this delivery seen?")
// costs no query when the answer is no. It is loaded when the database
// opens and kept current by the writer after each commit. A key another
// process remembered is not in it: the writer's own check, in the database
// inside the write, stays the truth.
type actionMemory struct {
	mu    sync.Mutex
	seen  map[uint64]struct{}
	queue []keyAt   // in the order remembered, to forget the old
	head  int       // queue[head:] are remembered
	from  time.Time // every key remembered since from is held
}

func keyHash(k string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(k))
	return h.Sum64()
}

// load reads the keys remembered since now-ActionMemory, the newest
// maxKeysInMemory of them.
func (m *actionMemory) load(ctx context.Context, db *DB) error {
	now := db.now()
	rows, err := db.reads().QueryContext(ctx, `SELECT key, at FROM (SELECT key, at FROM action_keys
		WHERE at >= ? ORDER BY at DESC LIMIT ?) ORDER BY at`, formatTime(now.Add(-ActionMemory)), maxKeysInMemory+1)
	if err != nil {
		return err
	}
	defer rows.Close()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.seen, m.queue, m.head, m.from = map[uint64]struct{}{}, nil, 0, now.Add(-ActionMemory)
	for rows.Next() {
		var k, at string
		if err := rows.Scan(&k, &at); err != nil {
			return err
		}
		t, err := parseTime(at)
		if err != nil {
			return err
		}
		m.add(keyAt{hash: keyHash(k), at: t.UnixNano()})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	m.trim(now)
	return nil
}

func (m *actionMemory) add(k keyAt) {
	if _, ok := m.seen[k.hash]; ok {
		return // remembered once, as in the database
	}
	m.seen[k.hash] = struct{}{}
	m.queue = append(m.queue, k)
}

// trim forgets keys older than ActionMemory, and the oldest beyond
// maxKeysInMemory (memory then holds only those since the next one).
func (m *actionMemory) trim(now time.Time) {
	oldest := now.Add(-ActionMemory).UnixNano()
	for ; m.head < len(m.queue) && (m.queue[m.head].at < oldest || len(m.queue)-m.head > maxKeysInMemory); m.head++ {
		if k := m.queue[m.head]; k.at >= oldest {
			m.from = time.Unix(0, k.at+1)
		}
		delete(m.seen, m.queue[m.head].hash)
	}
	if m.head > 1024 && m.head > len(m.queue)/2 {
		m.queue, m.head = append([]keyAt(nil), m.queue[m.head:]...), 0
	}
}

// apply adds the keys of committed writes.
func (m *actionMemory) apply(keys []keyAt, now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen == nil {
		return
	}
	for _, k := range keys {
		m.add(k)
	}
	m.trim(now)
}

// unseen reports whether key k was surely not remembered in the last
// ActionMemory: memory reaches back that far and does not hold it. When
// not, ask the database (a hash in memory may also be another key's).
func (m *actionMemory) unseen(k string, now time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen == nil {
		return false
	}
	if _, ok := m.seen[keyHash(k)]; ok {
		return false
	}
	return !m.from.After(now.Add(-ActionMemory))
}
