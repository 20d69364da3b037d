package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// Entry returns entry id, retracted or not.
func (db *DB) Entry(ctx context.Context, id int64) (*ctbot.Entry, error) {
	e, err := entryByID(ctx, db.reads(), id)
	if err != nil {
		return nil, fmt.Errorf("storage: entry #%d: %w", id, err)
	}
	return e, nil
}

func entryByID(ctx context.Context, q querier, id int64) (*ctbot.Entry, error) {
	e, err := scanEntry(q.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE id = ?`, id))
	if errors.Is(err, ctbot.ErrNotFound) {
		return nil, &ctbot.Error{Code: ctbot.ENotFound, Message: "err.no_entry", Args: []any{"ID", ctbot.IDArg(id)}}
	}
	return e, err
}

// LatestByUser returns user's most recent entry that is not retracted and
// was recorded at or after since.
func (db *DB) LatestByUser(ctx context.Context, user string, since time.Time) (*ctbot.Entry, error) {
	e, err := scanEntry(db.reads().QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries
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
	if err := db.reads().QueryRowContext(ctx, `SELECT COUNT(*) FROM entries`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: count history: %w", err)
	}
	return n, nil
}

// historyWhere is the WHERE clause of a history filter, with its arguments.
func historyWhere(f ctbot.EntryFilter) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, arg ...any) { where = append(where, cond); args = append(args, arg...) }
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
	switch {
	case !f.ActiveAt.IsZero():
		add("(retracted = 0 OR retracted_at > ?)", formatTime(f.ActiveAt))
	case f.Active:
		add("retracted = 0")
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// Ledger returns the entries of an indicator for one country ("" for the
// programme) that are not retracted, in value order.
func (db *DB) Ledger(ctx context.Context, indicator, country string) ([]*ctbot.Entry, error) {
	es, err := db.queryEntries(ctx, `SELECT `+entryColumns+` FROM entries INDEXED BY entries_ledger
		WHERE kind = 'indicator' AND indicator = ? AND country = ? AND retracted = 0 ORDER BY date, id`, indicator, country)
	if err != nil {
		return nil, fmt.Errorf("storage: ledger of %s in %q: %w", indicator, country, err)
	}
	return es, nil
}

// TrainingsNear returns the trainings not retracted in country held on
// a day from from to to (a training of several days: on any of its days),
// by ID.
func (db *DB) TrainingsNear(ctx context.Context, country string, from, to ctbot.Date) ([]*ctbot.Entry, error) {
	es, err := db.queryEntries(ctx, `SELECT `+entryColumns+` FROM entries INDEXED BY entries_training_near
		WHERE kind = 'training' AND country = ? AND (CASE date_to WHEN '' THEN date ELSE date_to END) >= ? AND date <= ?
		AND retracted = 0`, country, from.String(), to.String())
	if err != nil {
		return nil, fmt.Errorf("storage: trainings in %s from %s to %s: %w", country, from, to, err)
	}
	// Sorted here: an ORDER BY makes SQLite's step three times slower.
	slices.SortFunc(es, func(a, b *ctbot.Entry) int { return cmp.Compare(a.ID, b.ID) })
	return es, nil
}

func (db *DB) queryEntries(ctx context.Context, q string, args ...any) ([]*ctbot.Entry, error) {
	return queryEntries(ctx, db.reads(), q, args...)
}

func queryEntries(ctx context.Context, qr querier, q string, args ...any) ([]*ctbot.Entry, error) {
	rows, err := qr.QueryContext(ctx, q, args...)
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
	var date, created, knownFrom, retractedAt, verifiedAt, scores, dateTo string
	var women int
	var womenReported bool
	var newWomen sql.NullInt64
	err := s.Scan(&e.ID, &e.Kind, &e.Country, &date, &e.Status, &e.Title, &e.Note, &e.Series, &e.Indicator, &e.Op,
		&e.Value, &e.Denom, &e.Stage, &e.Participants, &women, &womenReported, &e.Trained, &e.New, &e.Online, &e.UserID, &e.Source,
		&created, &e.Version, &knownFrom, &e.Retracted, &retractedAt, &e.RetractedBy, &e.RetractReason,
		&e.Evidence, &e.Link, &e.VerifiedBy, &verifiedAt, &e.AfterClose, &e.Redacted, &e.Course, &e.Topic, &e.Level, &scores,
		&dateTo, &newWomen)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ctbot.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if womenReported {
		e.Women = ctbot.Int(women)
	}
	e.NewWomen = intOf(newWomen)
	if e.Scores, err = parseScores(scores); err != nil {
		return nil, err
	}
	if e.Date, err = parseDate(date); err != nil {
		return nil, err
	}
	if e.DateTo, err = parseDate(dateTo); err != nil {
		return nil, err
	}
	if e.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if e.KnownFrom, err = parseTime(knownFrom); err != nil {
		return nil, err
	}
	if knownFrom == "" {
		e.KnownFrom = e.CreatedAt // the first version is known from its recording
	}
	if e.RetractedAt, err = parseTime(retractedAt); err != nil {
		return nil, err
	}
	if e.VerifiedAt, err = parseTime(verifiedAt); err != nil {
		return nil, err
	}
	return &e, nil
}

// nullInt stores an optional count: NULL for nil (not reported).
func nullInt(p *int) sql.NullInt64 {
	if p == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: int64(*p), Valid: true}
}

// intOf reads an optional count: nil for NULL.
func intOf(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	return ctbot.Int(int(n.Int64))
}

// formatScores stores a readiness assessment's scores as JSON ("" for none).
func formatScores(scores map[string]int) string {
	if len(scores) == 0 {
		return ""
	}
	b, _ := json.Marshal(scores) // a map of strings to ints always marshals
	return string(b)
}

func parseScores(s string) (map[string]int, error) {
	if s == "" {
		return nil, nil
	}
	var scores map[string]int
	if err := json.Unmarshal([]byte(s), &scores); err != nil {
		return nil, fmt.Errorf("scores %q: %w", s, err)
	}
	return scores, nil
}
