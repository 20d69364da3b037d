package storage

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// ActionMemory is how long action keys are remembered.
const ActionMemory = 24 * time.Hour

// seenAction returns the entry recorded for any of keys, and whether one
// was seen at all.
func seenAction(ctx context.Context, tx *Tx, keys []string) (entryID int64, seen bool, err error) {
	for _, k := range keys {
		err := tx.queryRow(ctx, sqlSeenAction, k).Scan(&entryID)
		switch {
		case err == nil:
			return entryID, true, nil
		case !errors.Is(err, sql.ErrNoRows):
			return 0, false, err
		}
	}
	return 0, false, nil
}

// rememberAction records keys for entryID and forgets keys older than
// ActionMemory.
func rememberAction(ctx context.Context, tx *Tx, keys []string, entryID int64) error {
	if len(keys) == 0 {
		return nil
	}
	if _, err := tx.exec(ctx, sqlForgetActions, formatTime(tx.now.Add(-ActionMemory))); err != nil {
		return err
	}
	for _, k := range keys {
		if _, err := tx.exec(ctx, sqlRememberAction, k, entryID, formatTime(tx.now)); err != nil {
			return err
		}
		tx.keys = append(tx.keys, keyAt{hash: keyHash(k), id: entryID, at: tx.now.UnixNano()})
	}
	return nil
}
