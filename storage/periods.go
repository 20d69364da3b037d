package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// guardClosed checks a write touching the value dates given against the
// closed periods: without o.AfterClose it fails with an Error of code
// EClosed; with it, it reports whether the write is one made after a
// close.
func (db *DB) guardClosed(ctx context.Context, tx *Tx, o ctbot.WriteOptions, dates ...ctbot.Date) (afterClose bool, err error) {
	for _, d := range dates {
		if d.IsZero() {
			continue
		}
		var period, actor, at string
		err := tx.QueryRowContext(ctx, `SELECT period, actor, at FROM period_log p
			WHERE action = 'close' AND start <= ? AND end >= ?
			AND id = (SELECT MAX(id) FROM period_log q WHERE q.period = p.period) LIMIT 1`, d.String(), d.String()).Scan(&period, &actor, &at)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			continue
		case err != nil:
			return false, err
		case !o.AfterClose:
			t, _ := parseTime(at)
			return false, ctbot.ClosedPeriod(ctbot.PeriodEvent{Period: period, Actor: actor, At: t}, d, db.location())
		}
		afterClose = true
	}
	return afterClose, nil
}

// PeriodLog returns every close and reopen of a reporting period, oldest
// first.
func (db *DB) PeriodLog(ctx context.Context) ([]ctbot.PeriodEvent, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT id, period, start, end, action, actor, at, reason, seq, audit_id FROM period_log ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("storage: period log: %w", err)
	}
	defer rows.Close()
	var out []ctbot.PeriodEvent
	for rows.Next() {
		var e ctbot.PeriodEvent
		var start, end, at string
		var seq, auditID sql.NullInt64
		if err := rows.Scan(&e.ID, &e.Period, &start, &end, &e.Action, &e.Actor, &at, &e.Reason, &seq, &auditID); err != nil {
			return nil, fmt.Errorf("storage: period log: %w", err)
		}
		e.Seq, e.AuditID, e.Ordered = seq.Int64, auditID.Int64, seq.Valid
		if e.Start, err = parseDate(start); err == nil {
			if e.End, err = parseDate(end); err == nil {
				e.At, err = parseTime(at)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("storage: period log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// LogPeriod closes or reopens period p (action ctbot.PeriodClose or
// ctbot.PeriodReopen) as actor, and returns the event. A close keeps, in
// the same transaction, what keep (if set) makes of the entries in force
// at it, and the latest framework version logged. Closing a closed
// period, or reopening an open one, is refused; a write whose action key
// was seen is an Error of code EDuplicate.
func (db *DB) LogPeriod(ctx context.Context, p ctbot.Period, action, actor, reason string, keep ctbot.KeepClose, o ctbot.WriteOptions) (ctbot.PeriodEvent, error) {
	e := ctbot.PeriodEvent{Period: p.Name(), Start: p.Start, End: p.End, Action: action, Actor: actor, Reason: reason}
	err := db.oncePerAction(ctx, o, func(tx *Tx) error {
		var last string
		err := tx.QueryRowContext(ctx, `SELECT action FROM period_log WHERE period = ? ORDER BY id DESC LIMIT 1`, e.Period).Scan(&last)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		switch {
		case last == action && action == ctbot.PeriodClose:
			return ctbot.Refused("", "err.period_already_closed", "Period", e.Period)
		case last == action || last == "" && action == ctbot.PeriodReopen:
			return ctbot.Refused("", "err.period_not_closed", "Period", e.Period)
		}
		e.At, e.Ordered = tx.now, true
		if e.Seq, err = tx.lastSeq(ctx); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM audit`).Scan(&e.AuditID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO period_log (period, start, end, action, actor, at, reason, seq, audit_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Period, e.Start.String(), e.End.String(), action, actor, formatTime(e.At), reason, e.Seq, e.AuditID)
		if err == nil {
			e.ID, err = res.LastInsertId()
		}
		if err != nil || action != ctbot.PeriodClose || keep == nil {
			return err
		}
		return keepReport(ctx, tx, e, keep)
	})
	if err != nil {
		return e, fmt.Errorf("storage: %s %s: %w", action, e.Period, err)
	}
	return e, nil
}

// AfterCloseChanges returns the audit rows of changes made in a closed
// period (marked after_close) to entries dated from..to, in any version,
// oldest first.
func (db *DB) AfterCloseChanges(ctx context.Context, from, to ctbot.Date) ([]ctbot.AuditRecord, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT id, entry_id, action, actor, at, changes, reason, after_close FROM audit
		WHERE after_close = 1 AND entry_id IN (SELECT id FROM entries WHERE date BETWEEN ?1 AND ?2
			UNION SELECT entry_id FROM entry_versions WHERE date BETWEEN ?1 AND ?2)
		ORDER BY id`, from.String(), to.String())
	if err != nil {
		return nil, fmt.Errorf("storage: changes after close: %w", err)
	}
	defer rows.Close()
	var out []ctbot.AuditRecord
	for rows.Next() {
		r, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: changes after close: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
