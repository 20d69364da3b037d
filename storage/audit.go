package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// audit appends a row to the audit trail.
func audit(ctx context.Context, tx *Tx, id int64, action, actor string, before, after *ctbot.Entry, reason string) error {
	var old []byte
	if before != nil {
		b, err := json.Marshal(before)
		if err != nil {
			return err
		}
		old = b
	}
	nb, err := json.Marshal(after)
	if err != nil {
		return err
	}
	at := tx.now
	if action == "insert" {
		at = after.CreatedAt // an import keeps its original time
	}
	_, err = tx.exec(ctx, sqlInsertAudit, id, action, actor, formatTime(at), string(old), string(nb), reason)
	return err
}

// Audit returns the audit trail of entry id, oldest first.
func (db *DB) Audit(ctx context.Context, id int64) ([]ctbot.AuditRecord, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, entry_id, action, actor, at, old, new, reason FROM audit
		WHERE entry_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("storage: audit of #%d: %w", id, err)
	}
	defer rows.Close()
	var out []ctbot.AuditRecord
	for rows.Next() {
		var r ctbot.AuditRecord
		var at string
		if err := rows.Scan(&r.ID, &r.EntryID, &r.Action, &r.Actor, &at, &r.Old, &r.New, &r.Reason); err != nil {
			return nil, fmt.Errorf("storage: audit of #%d: %w", id, err)
		}
		if r.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("storage: audit of #%d: %w", id, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
