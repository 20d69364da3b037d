package storage

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// ActionMemory is how long action keys are remembered.
const ActionMemory = 24 * time.Hour

// oncePerAction runs fn in a write transaction once per user action: keys
// seen before return ErrDuplicateAction, and are remembered after fn.
func (db *DB) oncePerAction(ctx context.Context, o ctbot.WriteOptions, fn func(tx *Tx) error) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if err := refuseSeen(ctx, tx, o); err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		return rememberAction(ctx, tx, o.Keys, 0)
	})
}

// refuseSeen is an Error of code EDuplicate when any of o's keys was seen: a
// change delivered again is not carried out again. A change not seen must
// still have the authority it rests on (stillHeld).
func refuseSeen(ctx context.Context, tx *Tx, o ctbot.WriteOptions) error {
	_, seen, err := actionOf(ctx, tx, o.Keys)
	switch {
	case err != nil:
		return err
	case seen:
		return &ctbot.Error{Code: ctbot.EDuplicate}
	}
	return stillHeld(ctx, tx, o.Authority)
}

// stillHeld refuses (err.authority_lost) a change when, for one of reqs, none of the
// grants it names is held any more: the role a change rested on was
// removed between the permission check and the write.
func stillHeld(ctx context.Context, tx *Tx, reqs []ctbot.Authority) error {
	for _, r := range reqs {
		held := false
		for _, g := range r.AnyOf {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM roles WHERE user = ? AND role = ? AND country = ?`,
				g.User, g.Role, g.Country).Scan(&n); err != nil {
				return err
			}
			if held = n > 0; held {
				break
			}
		}
		if !held {
			return ctbot.Refused("", "err.authority_lost")
		}
	}
	return nil
}

// actionOf returns the entry recorded for any of keys, and whether one was
// seen at all, in one query.
func actionOf(ctx context.Context, q querier, keys []string) (entryID int64, seen bool, err error) {
	if len(keys) == 0 {
		return 0, false, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	err = q.QueryRowContext(ctx, `SELECT entry_id FROM action_keys WHERE key IN (?`+strings.Repeat(", ?", len(keys)-1)+`) LIMIT 1`, args...).Scan(&entryID)
	switch {
	case err == nil:
		return entryID, true, nil
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, nil
	}
	return 0, false, err
}

// rememberAction records keys for entryID and forgets keys older than
// ActionMemory.
func rememberAction(ctx context.Context, tx *Tx, keys []string, entryID int64) error {
	if len(keys) == 0 {
		return nil
	}
	if !tx.forgot { // once a transaction
		if _, err := tx.ExecContext(ctx, sqlForgetActions, formatTime(tx.now.Add(-ActionMemory))); err != nil {
			return err
		}
		tx.forgot = true
	}
	args := make([]any, 0, 3*len(keys))
	for _, k := range keys {
		args = append(args, k, entryID, formatTime(tx.now))
	}
	if _, err := tx.ExecContext(ctx, sqlRememberAction+strings.Repeat(", (?, ?, ?)", len(keys)-1), args...); err != nil {
		return err
	}
	for _, k := range keys {
		tx.keys = append(tx.keys, keyAt{hash: keyHash(k), at: tx.now.UnixNano()})
	}
	return nil
}
