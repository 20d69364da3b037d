package storage

import (
	"context"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// dated is the condition on an entry's value date for from..to (a zero
// date leaves that end open), on alias, and its arguments.
func dated(alias string, from, to ctbot.Date) (string, []any) {
	cond, args := "1 = 1", []any{}
	if !from.IsZero() {
		cond += " AND " + alias + ".date >= ?"
		args = append(args, from.String())
	}
	if !to.IsZero() {
		cond += " AND " + alias + ".date <= ?"
		args = append(args, to.String())
	}
	return cond, args
}

// EachEntry calls fn with every entry dated from..to (a zero date leaves
// that end open) in its current version, retracted ones included, in ID
// order: what an export reads, row by row.
func (db *DB) EachEntry(ctx context.Context, from, to ctbot.Date, fn func(*ctbot.Entry) error) error {
	cond, args := dated("e", from, to)
	rows, err := db.reads().QueryContext(ctx, `SELECT `+entryColumns+` FROM entries e WHERE `+cond+` ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("storage: entries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return fmt.Errorf("storage: entries: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachAudit calls fn with every row of the audit trail of the entries
// dated from..to (as EachEntry), oldest first.
func (db *DB) EachAudit(ctx context.Context, from, to ctbot.Date, fn func(ctbot.AuditRecord) error) error {
	cond, args := dated("e", from, to)
	rows, err := db.reads().QueryContext(ctx, `SELECT a.id, a.entry_id, a.action, a.actor, a.at, a.changes, a.reason, a.after_close
		FROM audit a JOIN entries e ON e.id = a.entry_id WHERE `+cond+` ORDER BY a.id`, args...)
	if err != nil {
		return fmt.Errorf("storage: audit: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanAudit(rows)
		if err != nil {
			return fmt.Errorf("storage: audit: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
