package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
)

// Watcher is told of every change of the entries this process commits,
// in commit order, before the writes' callers hear of them: what keeps
// figures in memory current (storage decides nothing about what a change
// means). Begin says a batch with changes up to number seq is being
// committed, then Committed hands them over, or Abandoned says the batch
// failed. A change made by another process is not told: ChangeSeq says
// there was one.
type Watcher interface {
	Begin(seq int64)
	Committed(changes []ctbot.EntryChange)
	Abandoned()
}

// Watch makes w the database's watcher (nil for none). Set it before the
// first write.
func (db *DB) Watch(w Watcher) { db.watch = w }

// ChangeSeq is the number of the last change of the entries committed to
// the database, by any process.
func (db *DB) ChangeSeq(ctx context.Context) (int64, error) {
	var n int64
	if err := db.reads().QueryRowContext(ctx, sqlChangeSeq).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: change sequence: %w", err)
	}
	return n, nil
}

// EachInForce calls fn with every entry in force now (its current
// version, not retracted), by ID, and returns the number of the last
// change and the instant of the latest change they make up (a recording,
// an amendment or a retraction), read in the same transaction: what the
// figures of now are built from.
func (db *DB) EachInForce(ctx context.Context, fn func(*ctbot.Entry) error) (seq int64, last time.Time, err error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("storage: entries in force: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, sqlChangeSeq).Scan(&seq); err != nil {
		return 0, time.Time{}, fmt.Errorf("storage: entries in force: %w", err)
	}
	if last, err = lastChange(ctx, tx); err != nil {
		return 0, time.Time{}, fmt.Errorf("storage: entries in force: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE retracted = 0 ORDER BY id`)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("storage: entries in force: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return 0, time.Time{}, err
		}
		if err := fn(e); err != nil {
			return 0, time.Time{}, err
		}
	}
	return seq, last, rows.Err()
}

// LastChange is the instant of the latest change of the entries (a
// recording, an amendment or a retraction), by any process; zero when
// there is none.
func (db *DB) LastChange(ctx context.Context) (time.Time, error) {
	t, err := lastChange(ctx, db.reads())
	if err != nil {
		return time.Time{}, fmt.Errorf("storage: last change: %w", err)
	}
	return t, nil
}

func lastChange(ctx context.Context, q querier) (time.Time, error) {
	var latest sql.NullString
	if err := q.QueryRowContext(ctx, `SELECT MAX(t) FROM (
		SELECT MAX(created_at) AS t FROM entries INDEXED BY entries_created
		UNION ALL SELECT MAX(known_from) FROM entries INDEXED BY entries_known_from WHERE version > 1
		UNION ALL SELECT MAX(retracted_at) FROM entries INDEXED BY entries_retracted_at WHERE retracted = 1)`).Scan(&latest); err != nil || !latest.Valid {
		return time.Time{}, err
	}
	return parseTime(latest.String)
}

// EntriesAsOf returns entries ids as they were in force at instant t, in
// the order given, leaving out those not in force then.
func (db *DB) EntriesAsOf(ctx context.Context, ids []int64, t time.Time) ([]*ctbot.Entry, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("storage: entries as of %s: %w", formatTime(t), err)
	}
	defer tx.Rollback()
	var out []*ctbot.Entry
	for _, id := range ids {
		e, err := versionAt(ctx, tx, id, t)
		if err != nil {
			return nil, fmt.Errorf("storage: entries as of %s: %w", formatTime(t), err)
		}
		if e != nil {
			out = append(out, notRetracted(e))
		}
	}
	return out, nil
}
