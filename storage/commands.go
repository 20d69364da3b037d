package storage

import (
	"context"
	"errors"
	"hash/fnv"
	"sync"
	"time"

	"github.com/cttechplus/ctbot"
)

// commandMemory is how long recorded commands are remembered for the "same
// command twice" check; Record's WriteOptions.Dedupe may ask for less (2
// minutes in ctbot), never more.
const commandMemory = 3 * time.Minute

// command is a recorded command: the hash of who typed what, its entry and
// when. Texts are not kept: a match is checked against the entry.
type command struct {
	key int64
	id  int64
	at  time.Time
}

// commands remembers the commands recorded in the last minutes: the "same
// command twice" check reads memory, not the database. It is loaded from
// the entries when the database opens, so the database stays the truth
// across a restart; the writer adds each recording once committed and
// drops retracted ones.
type commands struct {
	mu    sync.Mutex
	byKey map[int64][]int64 // entry IDs by commandKey
	queue []command         // in the order recorded, to forget the old
}

// commandKey hashes who typed what.
func commandKey(user, source string) int64 {
	h := fnv.New64a()
	h.Write([]byte(user))
	h.Write([]byte{0})
	h.Write([]byte(source))
	return int64(h.Sum64() >> 1)
}

// load reads the commands recorded since now-commandMemory and in force.
func (c *commands) load(ctx context.Context, db *DB) error {
	rows, err := db.read.QueryContext(ctx, `SELECT id, user_id, source, created_at FROM entries INDEXED BY entries_created
		WHERE created_at >= ? AND retracted = 0 AND source <> '' ORDER BY created_at, id`, formatTime(db.now().Add(-commandMemory)))
	if err != nil {
		return err
	}
	defer rows.Close()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byKey, c.queue = map[int64][]int64{}, nil
	for rows.Next() {
		var id int64
		var user, source, at string
		if err := rows.Scan(&id, &user, &source, &at); err != nil {
			return err
		}
		t, err := parseTime(at)
		if err != nil {
			return err
		}
		c.add(command{key: commandKey(user, source), id: id, at: t})
	}
	return rows.Err()
}

func (c *commands) add(cmd command) {
	c.byKey[cmd.key] = append(c.byKey[cmd.key], cmd.id)
	c.queue = append(c.queue, cmd)
}

// candidates are the entries recorded for the same command by the same
// person in the last minutes, newest first; hashes may collide, so each
// is checked against its entry.
func (c *commands) candidates(user, source string) []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids := c.byKey[commandKey(user, source)]
	out := make([]int64, 0, len(ids))
	for i := len(ids) - 1; i >= 0; i-- {
		out = append(out, ids[i])
	}
	return out
}

// earlierCommand is the entry of candidate ids (and, newest first, those recorded
// in the transaction so far) that is the same command from the same
// person, recorded at or after since and not retracted, or nil.
func earlierCommand(ctx context.Context, q querier, ids []int64, user, source string, since time.Time) (*ctbot.Entry, error) {
	for _, id := range ids {
		e, err := entryByID(ctx, q, id)
		if errors.Is(err, ctbot.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if !e.Retracted && e.UserID == user && e.Source == source && !e.CreatedAt.Before(since) {
			return e, nil
		}
	}
	return nil, nil
}

// apply keeps the memory current with committed changes: recordings are
// remembered, retracted entries forgotten, what is older than
// commandMemory dropped.
func (c *commands) apply(cs []liveChange, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, ch := range cs {
		switch {
		case ch.before == nil && ch.after != nil && ch.after.Source != "":
			c.add(command{key: commandKey(ch.after.UserID, ch.after.Source), id: ch.after.ID, at: ch.after.CreatedAt})
		case ch.before != nil && ch.after == nil:
			c.forget(commandKey(ch.before.UserID, ch.before.Source), ch.before.ID)
		}
	}
	n := 0
	for n < len(c.queue) && now.Sub(c.queue[n].at) >= commandMemory {
		c.forget(c.queue[n].key, c.queue[n].id)
		n++
	}
	if n > 0 {
		c.queue = append(c.queue[:0], c.queue[n:]...)
	}
}

func (c *commands) forget(key, id int64) {
	ids := c.byKey[key]
	for i, x := range ids {
		if x == id {
			ids = append(ids[:i], ids[i+1:]...)
			break
		}
	}
	if len(ids) == 0 {
		delete(c.byKey, key)
	} else {
		c.byKey[key] = ids
	}
}
