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
// read of what a query of some states, kinds and days needs, in any order
// when r is Unordered, and of a narrow range only the fields it names
// (those amended since t come whole).
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
	// The few entries amended since t come from their versions then, whole,
	// merged in.
	dirty := k.dirtyOf(r.Holds)
	ctbot.ValueOrder(dirty)
	columns, scan, order := entryColumns, scanEntry, ` ORDER BY e.date, e.id`
	if r.Narrow {
		fields := r.Fields
		if !r.Unordered {
			fields |= ctbot.FieldDate // to merge in value order
		}
		columns, scan = narrowRead(fields)
	}
	if r.Unordered {
		order = ""
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+columns+` FROM entries e`+rangeIndex(r)+` WHERE `+strings.Join(where, " AND ")+order, args...)
	if err != nil {
		return err
	}
	return inValueOrder(rows, scan, dirty, fn)
}

// narrowRow is a row of a narrow read, as scanned.
type narrowRow struct {
	e             ctbot.Entry
	date, created string
}

// narrowColumns are the columns of each field a narrow read fills, and
// where a row's go.
var narrowColumns = []struct {
	field   ctbot.Fields
	columns string
	dest    func(r *narrowRow) []any
}{
	{ctbot.FieldKind, "kind", func(r *narrowRow) []any { return []any{&r.e.Kind} }},
	{ctbot.FieldCountry, "country", func(r *narrowRow) []any { return []any{&r.e.Country} }},
	{ctbot.FieldDate, "date", func(r *narrowRow) []any { return []any{&r.date} }},
	{ctbot.FieldIndicator, "indicator", func(r *narrowRow) []any { return []any{&r.e.Indicator} }},
	{ctbot.FieldTopic, "topic", func(r *narrowRow) []any { return []any{&r.e.Topic} }},
	{ctbot.FieldLevel, "level", func(r *narrowRow) []any { return []any{&r.e.Level} }},
	{ctbot.FieldCourse, "course", func(r *narrowRow) []any { return []any{&r.e.Course} }},
	{ctbot.FieldOnline, "online", func(r *narrowRow) []any { return []any{&r.e.Online} }},
	{ctbot.FieldUserID, "user_id", func(r *narrowRow) []any { return []any{&r.e.UserID} }},
	{ctbot.FieldCreatedAt, "created_at", func(r *narrowRow) []any { return []any{&r.created} }},
	{ctbot.FieldEvidence, "evidence, link", func(r *narrowRow) []any { return []any{&r.e.Evidence, &r.e.Link} }},
	{ctbot.FieldVerifiedBy, "verified_by", func(r *narrowRow) []any { return []any{&r.e.VerifiedBy} }},
}

// narrowRead is the columns of a narrow read of fields, and how to scan
// a row of them: into the same entry each time, as a narrow range allows
// (a read of thousands of rows would otherwise make as many entries).
func narrowRead(fields ctbot.Fields) (columns string, scan func(scanner) (*ctbot.Entry, error)) {
	var r narrowRow
	cols, dest := []string{"id"}, []any{&r.e.ID}
	for _, c := range narrowColumns {
		if fields&c.field != 0 {
			cols, dest = append(cols, c.columns), append(dest, c.dest(&r)...)
		}
	}
	return strings.Join(cols, ", "), func(s scanner) (*ctbot.Entry, error) {
		if err := s.Scan(dest...); err != nil {
			return nil, err
		}
		e := &r.e
		var err error
		if e.Date, err = parseDate(r.date); err != nil {
			return nil, err
		}
		if e.CreatedAt, err = parseTime(r.created); err != nil {
			return nil, err
		}
		return e, nil
	}
}

// inValueOrder calls fn with the entries of rows, each read by scan, and
// those of dirty (in value order), each as it was then (not retracted
// yet), and closes rows: merged in value order when rows are read so,
// and every one once when not.
func inValueOrder(rows *sql.Rows, scan func(scanner) (*ctbot.Entry, error), dirty []*ctbot.Entry, fn func(*ctbot.Entry) error) error {
	defer rows.Close()
	for rows.Next() {
		e, err := scan(rows)
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
