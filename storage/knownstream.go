package storage

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// rangeIndex names the index a read of range r goes through where the
// planner, without statistics, would pick a worse one: a kind's rows by
// value date.
func rangeIndex(r ctbot.Range) string {
	if len(r.Kinds) != 1 || r.From.IsZero() && r.To.IsZero() || len(r.Series) > 0 {
		return ""
	}
	switch r.Kinds[0] {
	case ctbot.KindTraining:
		return " INDEXED BY entries_training"
	case ctbot.KindWorkshop:
		return " INDEXED BY entries_workshop_date"
	}
	return ""
}

// kindRE is what a kind is made of.
var kindRE = regexp.MustCompile(`^[a-z]+$`)

// rangeWhere is range r as SQL conditions on alias, with their arguments.
func rangeWhere(r ctbot.Range, alias string) (conds []string, args []any) {
	in := func(col string, n int) string { return alias + "." + col + " IN (?" + strings.Repeat(", ?", n-1) + ")" }
	if len(r.Kinds) > 0 {
		// Kinds are written into the text, so that the partial indexes
		// of one kind (a kind's rows by date) can serve the read.
		var lits []string
		for _, k := range r.Kinds {
			if !kindRE.MatchString(string(k)) {
				lits = []string{"''"} // not a kind: nothing is of it
				break
			}
			lits = append(lits, "'"+string(k)+"'")
		}
		if len(lits) == 1 {
			conds = append(conds, alias+".kind = "+lits[0])
		} else {
			conds = append(conds, alias+".kind IN ("+strings.Join(lits, ", ")+")")
		}
	}
	if len(r.States) > 0 {
		conds = append(conds, in("country", len(r.States)))
		for _, c := range r.States {
			args = append(args, c)
		}
	}
	if len(r.Series) > 0 {
		conds = append(conds, in("series", len(r.Series)))
		for _, id := range r.Series {
			args = append(args, id)
		}
	}
	for _, c := range []struct {
		cond string
		set  bool
		arg  any
	}{{".date >= ?", !r.From.IsZero(), r.From.String()}, {".date <= ?", !r.To.IsZero(), r.To.String()},
		{".created_at > ?", !r.Since.IsZero(), formatTime(r.Since)}, {".created_at <= ?", !r.Until.IsZero(), formatTime(r.Until)}} {
		if c.set {
			conds, args = append(conds, alias+c.cond), append(args, c.arg)
		}
	}
	return conds, args
}

// EachKnownAt calls fn with every entry in force at instant t, in the
// version then in force, in value order (ctbot.ValueOrder: value date,
// then ID): those of kinds (every kind when none is given) dated up to
// through (no limit when zero). An entry retracted after t comes as it was
// then, not retracted. It reads as it goes, in one read transaction, so
// that a report of a large history never holds it.
func (db *DB) EachKnownAt(ctx context.Context, t time.Time, kinds []ctbot.Kind, through ctbot.Date, fn func(*ctbot.Entry) error) error {
	return db.EachKnownIn(ctx, t, ctbot.Range{Kinds: kinds, To: through}, fn)
}

// EachKnownIn is EachKnownAt of the entries in range r: an indexed range
// read of what a query of some states, kinds and days needs.
func (db *DB) EachKnownIn(ctx context.Context, t time.Time, r ctbot.Range, fn func(*ctbot.Entry) error) error {
	if err := db.eachKnownIn(ctx, t, r, fn); err != nil {
		return fmt.Errorf("storage: entries known at %s: %w", formatTime(t), err)
	}
	return nil
}

func (db *DB) eachKnownIn(ctx context.Context, t time.Time, r ctbot.Range, fn func(*ctbot.Entry) error) error {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	upTo, err := db.upTo(ctx, tx, t)
	if err != nil {
		return err
	}
	k, err := newKnown(ctx, tx, upTo)
	if err != nil {
		return err
	}
	where, args := rangeWhere(r, "e")
	where, args = append([]string{k.current("e")}, where...), append(k.args(), args...)
	// The few entries amended since t come from their versions then, merged in.
	dirty := k.dirtyOf(r.Holds)
	ctbot.ValueOrder(dirty)
	rows, err := tx.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries e`+rangeIndex(r)+` WHERE `+strings.Join(where, " AND ")+` ORDER BY e.date, e.id`, args...)
	if err != nil {
		return err
	}
	return inValueOrder(rows, dirty, fn)
}

// inValueOrder calls fn with the entries of rows (read in value order) and
// those of dirty (sorted so) merged in value order, each as it was then
// (not retracted yet), and closes rows.
func inValueOrder(rows *sql.Rows, dirty []*ctbot.Entry, fn func(*ctbot.Entry) error) error {
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return err
		}
		for len(dirty) > 0 && valueBefore(dirty[0], e) {
			if err := fn(notRetracted(dirty[0])); err != nil {
				return err
			}
			dirty = dirty[1:]
		}
		if err := fn(notRetracted(e)); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range dirty {
		if err := fn(notRetracted(e)); err != nil {
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
