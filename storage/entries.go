package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

const entryColumns = `id, kind, country, date, status, title, note, series, indicator, op, value, denom, stage,
	participants, women, trained, new_count, online, user_id, source, created_at,
	retracted, retracted_at, retracted_by, retract_reason`

// Record stores e as a new entry and audits it. It sets e.ID, e.CreatedAt and,
// for a new event, e.Series. When one of o.Keys was seen before, or the same
// user recorded the same source text within o.Dedupe (and has not retracted
// it), nothing is stored and the earlier entry is returned: an action
// delivered twice, or a user retrying after a timeout, records once.
func (db *DB) Record(ctx context.Context, e *ctbot.Entry, o ctbot.WriteOptions) (earlier *ctbot.Entry, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		if id, seen, err := seenAction(ctx, tx, o.Keys); err != nil || seen {
			if err == nil {
				earlier, err = scanEntry(tx.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE id = ?`, id))
			}
			return err
		}
		hash := sourceHash(e.Source)
		if o.Dedupe > 0 && e.Source != "" {
			prev, err := scanEntry(tx.queryRow(ctx, sqlDedupe, e.UserID, hash, formatTime(tx.now.Add(-o.Dedupe)), e.Source))
			if err == nil {
				earlier = prev
				return nil
			}
			if !errors.Is(err, ctbot.ErrNotFound) {
				return err
			}
		}
		e.CreatedAt = tx.now
		if err := insert(ctx, tx, e, hash, ""); err != nil {
			return err
		}
		return rememberAction(ctx, tx, o.Keys, e.ID)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: record %s entry: %w", e.Kind, err)
	}
	return earlier, nil
}

// insert stores e (its CreatedAt set), its rollups and its audit row.
func insert(ctx context.Context, tx *Tx, e *ctbot.Entry, hash int64, reason string) error {
	res, err := tx.exec(ctx, sqlInsertEntry, e.Kind, e.Country, e.Date.String(), e.Status, e.Title, e.Note, e.Series,
		e.Indicator, e.Op, e.Value, e.Denom, e.Stage, e.Participants, e.Women, e.Trained, e.New, e.Online,
		e.UserID, e.Source, hash, formatTime(e.CreatedAt))
	if err != nil {
		return err
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if err := setSeries(ctx, tx, e); err != nil {
		return err
	}
	if err := rollupInsert(ctx, tx, e); err != nil {
		return err
	}
	return audit(ctx, tx, e.ID, "insert", e.UserID, nil, e, reason)
}

// sourceHash is the 63-bit FNV-1a hash of a command text, for finding
// repeats quickly.
func sourceHash(s string) int64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return int64(h.Sum64() >> 1)
}

// setSeries makes a new kick-off or workshop that updates no earlier one
// the first entry of its own series.
func setSeries(ctx context.Context, tx *Tx, e *ctbot.Entry) error {
	if e.Series != 0 || (e.Kind != ctbot.KindKickoff && e.Kind != ctbot.KindWorkshop) {
		return nil
	}
	e.Series = e.ID
	_, err := tx.exec(ctx, sqlSetSeries, e.ID)
	return err
}

// Retract marks entry id as retracted by actor for reason and audits it.
// A retraction whose action key was seen before returns ErrDuplicateAction.
func (db *DB) Retract(ctx context.Context, id int64, actor, reason string, o ctbot.WriteOptions) (*ctbot.Entry, error) {
	var after *ctbot.Entry
	err := db.inTx(ctx, func(tx *Tx) error {
		if _, seen, err := seenAction(ctx, tx, o.Keys); err != nil || seen {
			if err == nil {
				err = ctbot.ErrDuplicateAction
			}
			return err
		}
		if err := rememberAction(ctx, tx, o.Keys, id); err != nil {
			return err
		}
		before, err := scanEntry(tx.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE id = ?`, id))
		if err != nil {
			return err
		}
		if before.Retracted {
			return ctbot.ErrAlreadyRetracted
		}
		if err := rollupRetract(ctx, tx, before); err != nil {
			return err
		}
		a := *before
		a.Retracted, a.RetractedAt, a.RetractedBy, a.RetractReason = true, tx.now, actor, reason
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET retracted = 1, retracted_at = ?, retracted_by = ?, retract_reason = ?
			WHERE id = ?`, formatTime(tx.now), actor, reason, id); err != nil {
			return err
		}
		after = &a
		return audit(ctx, tx, id, "retract", actor, before, after, reason)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: retract #%d: %w", id, err)
	}
	return after, nil
}

// Entry returns entry id, retracted or not.
func (db *DB) Entry(ctx context.Context, id int64) (*ctbot.Entry, error) {
	e, err := scanEntry(db.read.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("storage: entry #%d: %w", id, err)
	}
	return e, nil
}

// LatestByUser returns user's most recent entry that is not retracted and
// was recorded at or after since.
func (db *DB) LatestByUser(ctx context.Context, user string, since time.Time) (*ctbot.Entry, error) {
	e, err := scanEntry(db.read.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries
		WHERE user_id = ? AND created_at >= ? AND retracted = 0 ORDER BY id DESC LIMIT 1`, user, formatTime(since)))
	if err != nil {
		return nil, fmt.Errorf("storage: latest entry of %s: %w", user, err)
	}
	return e, nil
}

// History returns entries newest first, retracted ones included unless
// f.Active is set.
func (db *DB) History(ctx context.Context, f ctbot.EntryFilter) ([]*ctbot.Entry, error) {
	where, args := historyWhere(f)
	q := `SELECT ` + entryColumns + ` FROM entries` + where
	limit := f.Limit
	if limit <= 0 {
		limit = 20
	}
	q += " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"
	args = append(args, limit, max(f.Offset, 0))
	es, err := db.queryEntries(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: history: %w", err)
	}
	return es, nil
}

// CountHistory counts the entries History pages through (Limit and Offset
// aside).
func (db *DB) CountHistory(ctx context.Context, f ctbot.EntryFilter) (int, error) {
	where, args := historyWhere(f)
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM entries`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: count history: %w", err)
	}
	return n, nil
}

// historyWhere is the WHERE clause of a history filter, with its arguments.
func historyWhere(f ctbot.EntryFilter) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, arg any) { where = append(where, cond); args = append(args, arg) }
	if f.Country != "" {
		add("country = ?", f.Country)
	}
	if f.User != "" {
		add("user_id = ?", f.User)
	}
	if f.Kind != "" {
		add("kind = ?", f.Kind)
	}
	if !f.Since.IsZero() {
		add("created_at >= ?", formatTime(f.Since))
	}
	if !f.Until.IsZero() {
		add("created_at <= ?", formatTime(f.Until))
	}
	if f.Active {
		where = append(where, "retracted = 0")
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// OpenWorkshops returns the latest entry of each workshop series in
// country whose latest state is planned or postponed, by date.
func (db *DB) OpenWorkshops(ctx context.Context, country string) ([]*ctbot.Entry, error) {
	es, err := db.queryEntries(ctx, `SELECT `+entryColumns+` FROM entries e INDEXED BY entries_open
		WHERE kind = 'workshop' AND status IN ('planned', 'postponed') AND retracted = 0 AND country = ?
		AND NOT EXISTS (SELECT 1 FROM entries n INDEXED BY entries_workshop_series WHERE n.kind = 'workshop' AND n.series = e.series
			AND n.id > e.id AND n.retracted = 0)
		ORDER BY date, id`, country)
	if err != nil {
		return nil, fmt.Errorf("storage: open workshops in %s: %w", country, err)
	}
	return es, nil
}

// LatestKickoff returns the latest active kick-off entry of country, or ErrNotFound.
func (db *DB) LatestKickoff(ctx context.Context, country string) (*ctbot.Entry, error) {
	e, err := scanEntry(db.read.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries
		WHERE kind = 'kickoff' AND country = ? AND retracted = 0 ORDER BY created_at DESC, id DESC LIMIT 1`, country))
	if err != nil {
		return nil, fmt.Errorf("storage: latest kick-off in %s: %w", country, err)
	}
	return e, nil
}

func (db *DB) queryEntries(ctx context.Context, q string, args ...any) ([]*ctbot.Entry, error) {
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ctbot.Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

type scanner interface{ Scan(dest ...any) error }

// scanEntry reads one row of entryColumns; sql.ErrNoRows becomes ctbot.ErrNotFound.
func scanEntry(s scanner) (*ctbot.Entry, error) {
	var e ctbot.Entry
	var date, created, retractedAt string
	err := s.Scan(&e.ID, &e.Kind, &e.Country, &date, &e.Status, &e.Title, &e.Note, &e.Series, &e.Indicator, &e.Op,
		&e.Value, &e.Denom, &e.Stage, &e.Participants, &e.Women, &e.Trained, &e.New, &e.Online, &e.UserID, &e.Source,
		&created, &e.Retracted, &retractedAt, &e.RetractedBy, &e.RetractReason)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ctbot.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if e.Date, err = parseDate(date); err != nil {
		return nil, err
	}
	if e.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if e.RetractedAt, err = parseTime(retractedAt); err != nil {
		return nil, err
	}
	return &e, nil
}
