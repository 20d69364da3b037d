package storage

import (
	"context"
	"errors"
	"hash/fnv"
	"slices"
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
	at  int64 // Unix nanoseconds
}

// commands remembers the commands recorded in the last minutes: the "same
// command twice" check reads memory, not the database. It is loaded from
// the entries when the database opens, so the database stays the truth
// across a restart; the writer adds each recording once committed and
// drops retracted ones.
type commands struct {
	mu     sync.Mutex
	newest map[int64]int64   // the newest entry ID by commandKey
	older  map[int64][]int64 // earlier ones, oldest first: a command repeated within the memory
	queue  []command         // in the order recorded, to forget the old
	head   int               // queue[head:] are remembered
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
	rows, err := db.reads().QueryContext(ctx, `SELECT id, user_id, source, created_at FROM entries INDEXED BY entries_created
		WHERE created_at >= ? AND retracted = 0 AND source <> '' ORDER BY created_at, id`, formatTime(db.now().Add(-commandMemory)))
	if err != nil {
		return err
	}
	defer rows.Close()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.newest, c.older, c.queue, c.head = map[int64]int64{}, map[int64][]int64{}, nil, 0
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
		c.add(command{key: commandKey(user, source), id: id, at: t.UnixNano()})
	}
	return rows.Err()
}

func (c *commands) add(cmd command) {
	if cur, ok := c.newest[cmd.key]; ok {
		c.older[cmd.key] = append(c.older[cmd.key], cur)
	}
	c.newest[cmd.key] = cmd.id
	c.queue = append(c.queue, cmd)
}

// candidates are the entries recorded for the same command by the same
// person in the last minutes, newest first; hashes may collide, so each
// is checked against its entry.
func (c *commands) candidates(user, source string) []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := commandKey(user, source)
	id, ok := c.newest[key]
	if !ok {
		return nil
	}
	older := c.older[key]
	out := make([]int64, 0, 1+len(older))
	out = append(out, id)
	for i := len(older) - 1; i >= 0; i-- {
		out = append(out, older[i])
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
func (c *commands) apply(cs []ctbot.EntryChange, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, ch := range cs {
		switch {
		case ch.Before == nil && ch.After != nil && ch.After.Source != "":
			c.add(command{key: commandKey(ch.After.UserID, ch.After.Source), id: ch.After.ID, at: ch.After.CreatedAt.UnixNano()})
		case ch.Before != nil && ch.After == nil:
			c.forget(commandKey(ch.Before.UserID, ch.Before.Source), ch.Before.ID)
		}
	}
	for ; c.head < len(c.queue) && now.UnixNano()-c.queue[c.head].at >= int64(commandMemory); c.head++ {
		c.forget(c.queue[c.head].key, c.queue[c.head].id)
	}
	if c.head > 1024 && c.head > len(c.queue)/2 {
		c.queue, c.head = append([]command(nil), c.queue[c.head:]...), 0
	}
}

// forget drops entry id of command key.
func (c *commands) forget(key, id int64) {
	older := c.older[key]
	if c.newest[key] == id {
		if len(older) == 0 {
			delete(c.newest, key)
			return
		}
		c.newest[key], older = older[len(older)-1], older[:len(older)-1]
	} else if i := slices.Index(older, id); i >= 0 {
		older = slices.Delete(older, i, i+1)
	}
	if len(older) == 0 {
		delete(c.older, key)
	} else {
		c.older[key] = older
	}
}
