package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// The statements every write runs, prepared once on the writer connection.
const (
	sqlInsertEntry = `INSERT INTO entries (id, kind, country, date, status, title, note, series,
		indicator, op, value, denom, stage, participants, women, women_reported, trained, new_count, online, user_id, source,
		created_at, known_from, evidence, link, verified_by, verified_at, after_close, course, topic, level, scores, seq, date_to, new_women)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlSetSeries      = `UPDATE entries SET series = id WHERE id = ?`
	sqlChangeSeq      = `SELECT n FROM change_seq WHERE id = 1`
	sqlSaveChangeSeq  = `UPDATE change_seq SET n = ? WHERE id = 1`
	sqlInsertAudit    = `INSERT INTO audit (entry_id, action, actor, at, changes, reason, after_close) VALUES (?, ?, ?, ?, ?, ?, ?)`
	sqlForgetActions  = `DELETE FROM action_keys WHERE at < ?`
	sqlRememberAction = `INSERT OR IGNORE INTO action_keys (key, entry_id, at) VALUES (?, ?, ?)`
)

// stmts are the prepared write statements, by SQL text.
type stmts map[string]*sql.Stmt

// prepare prepares the write statements on the writer connection.
func (db *DB) prepare(ctx context.Context) error {
	db.stmts = stmts{}
	for _, q := range []string{sqlInsertEntry, sqlSetSeries, sqlInsertAudit, sqlForgetActions, sqlRememberAction, sqlChangeSeq, sqlSaveChangeSeq} {
		s, err := db.write.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("storage: prepare: %w", err)
		}
		db.stmts[q] = s
	}
	return nil
}

// stmt returns the transaction's handle on statement q, prepared on the
// writer connection once: the common ones at open, the rest between
// transactions after their first use (up to maxWriteStmts); nil when it
// is not prepared yet (the caller then runs the text).
func (t *Tx) stmt(ctx context.Context, q string) *sql.Stmt {
	t.db.wmu.Lock()
	s, known := t.db.stmts[q]
	if !known && t.db.stmts != nil && len(t.db.stmts) < maxWriteStmts {
		t.db.stmts[q] = nil // wanted: prepared once the transaction ends
	}
	t.db.wmu.Unlock()
	if s == nil || s == unpreparable {
		return nil
	}
	return t.Tx.StmtContext(ctx, s)
}

// unpreparable marks a statement that failed to prepare: it runs as text.
var unpreparable = new(sql.Stmt)

// prepareWanted prepares the statements writes asked for; it runs between
// transactions, as the writer has a single connection.
func (db *DB) prepareWanted(ctx context.Context) {
	db.wmu.Lock()
	defer db.wmu.Unlock()
	for q, s := range db.stmts {
		if s != nil {
			continue
		}
		s, err := db.write.PrepareContext(ctx, q)
		if err != nil {
			s = unpreparable
		}
		db.stmts[q] = s
	}
}

// maxWriteStmts bounds the statements kept prepared on the writer.
const maxWriteStmts = 256

// ExecContext runs q in the transaction as a prepared statement.
func (t *Tx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if s := t.stmt(ctx, q); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, q, args...)
}

// QueryContext runs q in the transaction as a prepared statement.
func (t *Tx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if s := t.stmt(ctx, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, q, args...)
}

// QueryRowContext runs q in the transaction as a prepared statement.
func (t *Tx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if s := t.stmt(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, q, args...)
}
