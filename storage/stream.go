package storage

import (
	"context"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// EachEntry calls fn with every entry in its current version, retracted
// ones included, in ID order: what an export of all data reads.
func (db *DB) EachEntry(ctx context.Context, fn func(*ctbot.Entry) error) error {
	rows, err := db.reads().QueryContext(ctx, `SELECT `+entryColumns+` FROM entries ORDER BY id`)
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

// EachAudit calls fn with every row of the audit trail, oldest first.
func (db *DB) EachAudit(ctx context.Context, fn func(ctbot.AuditRecord) error) error {
	rows, err := db.reads().QueryContext(ctx, `SELECT id, entry_id, action, actor, at, changes, reason, after_close FROM audit ORDER BY id`)
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
