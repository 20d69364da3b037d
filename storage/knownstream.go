package storage

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// EachKnownAt calls fn with every entry in force at instant t, in the
// version then in force, in value order (ctbot.ValueOrder: value date,
// then ID): those of kinds (every kind when none is given) dated up to
// through (no limit when zero). An entry retracted after t comes as it was
// then, not retracted. It reads as it goes, in one read transaction, so
// that a report of a large history never holds it.
func (db *DB) EachKnownAt(ctx context.Context, t time.Time, kinds []ctbot.Kind, through ctbot.Date, fn func(*ctbot.Entry) error) error {
	if err := db.eachKnownAt(ctx, t, kinds, through, fn); err != nil {
		return fmt.Errorf("storage: entries known at %s: %w", formatTime(t), err)
	}
	return nil
}

func (db *DB) eachKnownAt(ctx context.Context, t time.Time, kinds []ctbot.Kind, through ctbot.Date, fn func(*ctbot.Entry) error) error {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	k, err := newKnown(ctx, tx, db.upTo(t))
	if err != nil {
		return err
	}
	where, args := []string{k.current("e")}, k.args()
	if len(kinds) > 0 {
		where = append(where, "e.kind IN (?"+strings.Repeat(", ?", len(kinds)-1)+")")
		for _, kind := range kinds {
			args = append(args, string(kind))
		}
	}
	if !through.IsZero() {
		where = append(where, "e.date <= ?")
		args = append(args, through.String())
	}
	// The few entries amended since t come from their versions then, merged in.
	dirty := k.dirtyOf(func(e *ctbot.Entry) bool {
		return (len(kinds) == 0 || slices.Contains(kinds, e.Kind)) && (through.IsZero() || !e.Date.After(through))
	})
	ctbot.ValueOrder(dirty)
	rows, err := tx.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries e WHERE `+strings.Join(where, " AND ")+` ORDER BY e.date, e.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return err
		}
		for len(dirty) > 0 && valueBefore(dirty[0], e) {
			if err := fn(asThen(dirty[0])); err != nil {
				return err
			}
			dirty = dirty[1:]
		}
		if err := fn(asThen(e)); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range dirty {
		if err := fn(asThen(e)); err != nil {
			return err
		}
	}
	return nil
}

// valueBefore reports whether a comes before b in value order.
func valueBefore(a, b *ctbot.Entry) bool {
	if a.Date != b.Date {
		return a.Date.Before(b.Date)
	}
	return a.ID < b.ID
}

// asThen is an entry in force at an instant as it was then: one retracted
// since was not retracted yet.
func asThen(e *ctbot.Entry) *ctbot.Entry {
	if !e.Retracted {
		return e
	}
	v := *e
	v.Retracted, v.RetractedAt, v.RetractedBy, v.RetractReason = false, time.Time{}, "", ""
	return &v
}

// EntriesKnownAt returns every entry in force at instant t, in the version
// then in force, oldest first: what a report as known at t is made of.
// Entries retracted after t are in it, as they were then.
func (db *DB) EntriesKnownAt(ctx context.Context, t time.Time) ([]*ctbot.Entry, error) {
	var es []*ctbot.Entry
	if err := db.EachKnownAt(ctx, t, nil, ctbot.Date{}, func(e *ctbot.Entry) error { es = append(es, e); return nil }); err != nil {
		return nil, err
	}
	slices.SortFunc(es, func(a, b *ctbot.Entry) int { return cmp.Compare(a.ID, b.ID) })
	return es, nil
}
