package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// The statements every write runs, prepared once on the writer connection.
const (
	sqlDedupe = `SELECT ` + entryColumns + ` FROM entries
		WHERE user_id = ? AND source_hash = ? AND created_at >= ? AND source = ? AND retracted = 0
		ORDER BY id DESC LIMIT 1`
	sqlInsertEntry = `INSERT INTO entries (kind, country, date, status, title, note, series,
		indicator, op, value, denom, stage, participants, women, trained, new_count, online, user_id, source, source_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlSetSeries    = `UPDATE entries SET series = id WHERE id = ?`
	sqlPrevWorkshop = `SELECT status, participants, women FROM entries INDEXED BY entries_workshop_series
		WHERE kind = 'workshop' AND series = ? AND id < ? AND retracted = 0 ORDER BY id DESC LIMIT 1`
	sqlSetDelta    = `UPDATE entries SET d_held = ?, d_participants = ?, d_women = ? WHERE id = ?`
	sqlUpsertDaily = `INSERT INTO daily (country, day, t_count, t_online, t_trained, t_women, t_new, w_held, w_participants, w_women)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (country, day) DO UPDATE SET t_count = t_count + excluded.t_count, t_online = t_online + excluded.t_online,
			t_trained = t_trained + excluded.t_trained, t_women = t_women + excluded.t_women, t_new = t_new + excluded.t_new,
			w_held = w_held + excluded.w_held, w_participants = w_participants + excluded.w_participants, w_women = w_women + excluded.w_women`
	sqlUpsertAdds = `INSERT INTO daily_adds (indicator, country, day, value, denom) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (indicator, country, day) DO UPDATE SET value = value + excluded.value, denom = denom + excluded.denom`
	sqlInsertAudit    = `INSERT INTO audit (entry_id, action, actor, at, old, new, reason) VALUES (?, ?, ?, ?, ?, ?, ?)`
	sqlSeenAction     = `SELECT entry_id FROM action_keys WHERE key = ?`
	sqlForgetActions  = `DELETE FROM action_keys WHERE at < ?`
	sqlRememberAction = `INSERT OR IGNORE INTO action_keys (key, entry_id, at) VALUES (?, ?, ?)`
)

// stmts are the prepared write statements, by SQL text.
type stmts map[string]*sql.Stmt

// prepare prepares the write statements on the writer connection.
func (db *DB) prepare(ctx context.Context) error {
	db.stmts = stmts{}
	for _, q := range []string{sqlDedupe, sqlInsertEntry, sqlSetSeries, sqlPrevWorkshop, sqlSetDelta, sqlUpsertDaily, sqlUpsertAdds, sqlInsertAudit,
		sqlSeenAction, sqlForgetActions, sqlRememberAction} {
		s, err := db.write.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("storage: prepare: %w", err)
		}
		db.stmts[q] = s
	}
	return nil
}

// stmt returns the transaction's handle on prepared statement q, or nil if
// it was not prepared (the caller then runs the text).
func (t *Tx) stmt(ctx context.Context, q string) *sql.Stmt {
	if s := t.db.stmts[q]; s != nil {
		return t.StmtContext(ctx, s)
	}
	return nil
}

// exec runs write statement q, prepared if it can be.
func (t *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if s := t.stmt(ctx, q); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return t.ExecContext(ctx, q, args...)
}

// queryRow runs query q, prepared if it can be.
func (t *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if s := t.stmt(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.QueryRowContext(ctx, q, args...)
}
