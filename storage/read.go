package storage

import (
	"context"
	"database/sql"
	"sync"
)

// maxReadStmts bounds the statements kept prepared for reads; queries
// made of changing texts (lists of IDs) beyond it run unprepared.
const maxReadStmts = 256

// readStmts are the statements prepared on the read pool, by SQL text; the
// pool prepares each on a connection when first used there.
type readStmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func (r *readStmts) get(ctx context.Context, db *sql.DB, q string) *sql.Stmt {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.m[q]; ok {
		return s
	}
	if len(r.m) >= maxReadStmts {
		return nil
	}
	s, err := db.PrepareContext(ctx, q)
	if err != nil {
		return nil // the query reports its own error when run
	}
	if r.m == nil {
		r.m = map[string]*sql.Stmt{}
	}
	r.m[q] = s
	return s
}

func (r *readStmts) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var first error
	for _, s := range r.m {
		if err := s.Close(); err != nil && first == nil {
			first = err
		}
	}
	r.m = nil
	return first
}

// readTx is a read-only transaction whose queries run as prepared
// statements, prepared once per text.
type readTx struct {
	*sql.Tx
	db *DB
}

// beginRead starts a read-only transaction: every query in it sees one
// state of the database.
func (db *DB) beginRead(ctx context.Context) (*readTx, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	return &readTx{Tx: tx, db: db}, nil
}

// QueryContext runs q as a prepared statement in the transaction.
func (r *readTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if s := r.db.rstmts.get(ctx, r.db.read, q); s != nil {
		return r.Tx.StmtContext(ctx, s).QueryContext(ctx, args...)
	}
	return r.Tx.QueryContext(ctx, q, args...)
}

// QueryRowContext runs q as a prepared statement in the transaction.
func (r *readTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if s := r.db.rstmts.get(ctx, r.db.read, q); s != nil {
		return r.Tx.StmtContext(ctx, s).QueryRowContext(ctx, args...)
	}
	return r.Tx.QueryRowContext(ctx, q, args...)
}

// reads runs queries on the read pool as prepared statements.
func (db *DB) reads() querier { return pooled{db} }

type pooled struct{ db *DB }

func (p pooled) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if s := p.db.rstmts.get(ctx, p.db.read, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return p.db.read.QueryContext(ctx, q, args...)
}

func (p pooled) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if s := p.db.rstmts.get(ctx, p.db.read, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return p.db.read.QueryRowContext(ctx, q, args...)
}
