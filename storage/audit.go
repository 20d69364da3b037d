package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// Audit returns the audit trail of entry id, oldest first. Its recording
// comes first: the stored row when there is one (a reason, a recording
// after a close), else as the entry itself says (who, when).
func (db *DB) Audit(ctx context.Context, id int64) ([]ctbot.AuditRecord, error) {
	e, err := entryByID(ctx, db.reads(), id)
	if err != nil {
		return nil, fmt.Errorf("storage: audit of #%d: %w", id, err)
	}
	rows, err := db.reads().QueryContext(ctx, `SELECT id, entry_id, action, actor, at, changes, reason, after_close FROM audit
		WHERE entry_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("storage: audit of #%d: %w", id, err)
	}
	defer rows.Close()
	var out []ctbot.AuditRecord
	for rows.Next() {
		r, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: audit of #%d: %w", id, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: audit of #%d: %w", id, err)
	}
	if err := purgeStates(ctx, db.reads(), id, out); err != nil {
		return nil, fmt.Errorf("storage: audit of #%d: %w", id, err)
	}
	if len(out) == 0 || out[0].Action != "insert" {
		out = append([]ctbot.AuditRecord{{EntryID: id, Action: "insert", Actor: e.UserID, At: e.CreatedAt}}, out...)
	}
	return out, nil
}

// scanAudit reads a row of audit columns id, entry_id, action, actor, at,
// changes, reason, after_close.
func scanAudit(s scanner) (ctbot.AuditRecord, error) {
	var r ctbot.AuditRecord
	var at, changes string
	if err := s.Scan(&r.ID, &r.EntryID, &r.Action, &r.Actor, &at, &changes, &r.Reason, &r.AfterClose); err != nil {
		return r, err
	}
	var err error
	if r.At, err = parseTime(at); err != nil {
		return r, err
	}
	if changes != "" {
		err = json.Unmarshal([]byte(changes), &r.Changes)
	}
	return r, err
}
