package storage

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cttechplus/ctbot"
)

// EntriesAtClose returns every entry in force when close ev was committed,
// in the version then in force, by ID (EachAtClose, collected).
func (db *DB) EntriesAtClose(ctx context.Context, ev ctbot.PeriodEvent) ([]*ctbot.Entry, error) {
	var es []*ctbot.Entry
	if err := db.EachAtClose(ctx, ev, nil, ctbot.Date{}, func(e *ctbot.Entry) error { es = append(es, e); return nil }); err != nil {
		return nil, err
	}
	slices.SortFunc(es, func(a, b *ctbot.Entry) int { return cmp.Compare(a.ID, b.ID) })
	return es, nil
}

// EachAtClose calls fn with every entry in force when close ev was
// committed, in the version then in force, in value order, as EachKnownAt
// does for an instant: what the report of a closed period is made of,
// read as it goes. What came after the close in the order of commits is
// left out, whatever the clock said; a close logged before ctbot kept that
// order is placed by time.
func (db *DB) EachAtClose(ctx context.Context, ev ctbot.PeriodEvent, kinds []ctbot.Kind, through ctbot.Date, fn func(*ctbot.Entry) error) error {
	if !ev.Ordered {
		return db.EachKnownAt(ctx, ev.At, kinds, through, fn)
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return fmt.Errorf("storage: entries at the close of %s: %w", ev.Period, err)
	}
	defer tx.Rollback()
	if err := eachAtSeq(ctx, tx, ev.Seq, kinds, through, fn); err != nil {
		return fmt.Errorf("storage: entries at the close of %s: %w", ev.Period, err)
	}
	return nil
}

// eachAtSeq streams every entry in force after change number seq (a row
// with no number predates the numbering, so every numbered change), in
// value order, read in tx. The few entries changed since come from their
// version then, merged in.
func eachAtSeq(ctx context.Context, tx querier, seq int64, kinds []ctbot.Kind, through ctbot.Date, fn func(*ctbot.Entry) error) error {
	keep := func(e *ctbot.Entry) bool {
		return (len(kinds) == 0 || slices.Contains(kinds, e.Kind)) && (through.IsZero() || !e.Date.After(through))
	}
	notRetractedThen := `NOT (retracted = 1 AND (retracted_seq IS NULL OR retracted_seq <= ?1))`
	// The entries whose current version came after the close: their
	// version then, if they had one.
	rows, err := tx.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE seq > ?1 AND `+notRetractedThen, seq)
	if err != nil {
		return err
	}
	var later []*ctbot.Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			rows.Close()
			return err
		}
		later = append(later, e)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	var dirty []*ctbot.Entry
	for _, e := range later {
		v, err := earlierVersion(ctx, tx, e, `(seq IS NULL OR seq <= ?) ORDER BY version DESC LIMIT 1`, seq)
		if errors.Is(err, sql.ErrNoRows) {
			continue // recorded after the close
		}
		if err != nil {
			return err
		}
		if v = notRetracted(v); keep(v) {
			dirty = append(dirty, v)
		}
	}
	ctbot.ValueOrder(dirty)
	where, args := []string{"(seq IS NULL OR seq <= ?1)", notRetractedThen}, []any{seq}
	if len(kinds) > 0 {
		where = append(where, "kind IN (?"+strings.Repeat(", ?", len(kinds)-1)+")")
		for _, k := range kinds {
			args = append(args, string(k))
		}
	}
	if !through.IsZero() {
		where = append(where, "date <= ?")
		args = append(args, through.String())
	}
	rows, err = tx.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE `+strings.Join(where, " AND ")+` ORDER BY date, id`, args...)
	if err != nil {
		return err
	}
	return inValueOrder(rows, scanEntry, dirty, fn)
}
