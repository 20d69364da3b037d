package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// withSeq scans a row of entryColumns followed by more columns.
type withSeq struct {
	rows  *sql.Rows
	extra []any
}

func (w withSeq) Scan(dest ...any) error { return w.rows.Scan(append(dest, w.extra...)...) }

// EntriesAtClose returns every entry in force when close ev was committed,
// in the version then in force, by ID: what the report of a closed period
// is made of. What came after the close in the order of commits is left
// out whatever the clock said when it was written. A close logged before
// ctbot kept that order is placed by time (EntriesKnownAt).
func (db *DB) EntriesAtClose(ctx context.Context, ev ctbot.PeriodEvent) ([]*ctbot.Entry, error) {
	if !ev.Ordered {
		return db.EntriesKnownAt(ctx, ev.At)
	}
	es, err := entriesAtSeq(ctx, db, ev.Seq)
	if err != nil {
		return nil, fmt.Errorf("storage: entries at the close of %s: %w", ev.Period, err)
	}
	return es, nil
}

// entriesAtSeq is every entry in force after change number seq. A row
// with no number (NULL) predates the numbering, so every numbered change.
func entriesAtSeq(ctx context.Context, db *DB, seq int64) ([]*ctbot.Entry, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+entryColumns+`, seq IS NULL OR seq <= ?1 FROM entries
		WHERE NOT (retracted = 1 AND (retracted_seq IS NULL OR retracted_seq <= ?1)) ORDER BY id`, seq)
	if err != nil {
		return nil, err
	}
	var es []*ctbot.Entry
	var later []bool // the current version came after seq
	for rows.Next() {
		var known bool
		e, err := scanEntry(withSeq{rows, []any{&known}})
		if err != nil {
			rows.Close()
			return nil, err
		}
		es, later = append(es, notRetracted(e)), append(later, !known)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	out := es[:0]
	for i, e := range es {
		if later[i] {
			// The latest earlier version made by then; none: recorded after.
			v, err := earlierVersion(ctx, tx, e, `(seq IS NULL OR seq <= ?) ORDER BY version DESC LIMIT 1`, seq)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return nil, err
			}
			e = v
		}
		out = append(out, e)
	}
	return out, nil
}
