package storage

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"
)

// maxBatch bounds how many writes share one transaction.
const maxBatch = 64

// ErrClosed is returned for writes after Close.
var ErrClosed = errors.New("storage: database closed")

// writer runs every write on the one writer connection and groups the
// writes that arrive together into one transaction (group commit): each
// runs in a savepoint of its own, so one failing write rolls back alone,
// and each caller is answered only after the commit that makes its write
// durable. Under load this spends one fsync on many writes.
type writer struct {
	db     *DB
	reqs   chan *writeReq
	mu     sync.RWMutex // held for reading while sending; Close takes it to close reqs
	closed bool
	done   chan struct{}
	last   atomic.Pointer[time.Time] // the instant of the latest write: each write has its own
	purger *purger                   // purges redacted text from the log; its writes come here
	errs   atomic.Uint64             // writes that failed in SQLite (see WriteErrors)
}

type writeReq struct {
	ctx  context.Context
	fn   func(*Tx) error
	done chan error
}

func (db *DB) startWriter() {
	w := &writer{db: db, reqs: make(chan *writeReq, 2*maxBatch), done: make(chan struct{})}
	db.writer = w
	go w.run()
	w.purger = newPurger(db)
}

// submit queues fn and waits for its outcome.
func (w *writer) submit(ctx context.Context, fn func(*Tx) error) error {
	r := &writeReq{ctx: ctx, fn: fn, done: make(chan error, 1)}
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return ErrClosed
	}
	w.reqs <- r
	w.mu.RUnlock()
	return <-r.done
}

// stop ends the purger, whose writes come here, then finishes the queued
// writes and ends the writer.
func (w *writer) stop() {
	if w.purger != nil {
		if err := w.purger.stop(); err != nil {
			w.db.logf("storage: purger: %v", err)
		}
	}
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.reqs)
	}
	w.mu.Unlock()
	<-w.done
}

func (w *writer) run() {
	defer close(w.done)
	for r := range w.reqs {
		batch := []*writeReq{r}
	drain:
		for len(batch) < maxBatch {
			select {
			case next, ok := <-w.reqs:
				if !ok {
					break drain
				}
				batch = append(batch, next)
			default:
				break drain
			}
		}
		w.commit(batch)
	}
}

func (w *writer) commit(batch []*writeReq) {
	results := make([]error, len(batch))
	tx, err := w.db.begin(context.Background())
	if err != nil {
		for _, r := range batch {
			if failedInSQLite(err) {
				w.errs.Add(1)
			}
			r.done <- err
		}
		return
	}
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			results[i] = err // given up before it ran: not run at all
			continue
		}
		results[i] = w.one(tx, r)
	}
	err = tx.saveSeq(context.Background())
	if n := len(tx.changes); n > 0 && err == nil && w.db.watch != nil {
		w.db.watch.Begin(tx.changes[n-1].Seq)
	}
	if err == nil {
		err = tx.Commit()
	} else {
		err = errors.Join(err, ignoreDone(tx.Rollback()))
	}
	if err != nil {
		if len(tx.changes) > 0 && w.db.watch != nil {
			w.db.watch.Abandoned()
		}
		for i := range results {
			if results[i] == nil {
				results[i] = fmt.Errorf("commit: %w", err)
			}
		}
	} else {
		// Before the callers hear of their writes: a reply that follows
		// one is built on memory that holds it.
		now := w.db.now()
		w.db.keys.apply(tx.keys, now)
		if len(tx.changes) > 0 {
			w.db.cmds.apply(tx.changes, now)
			if w.db.watch != nil {
				w.db.watch.Committed(tx.changes)
			}
		}
	}
	for i, r := range batch {
		if failedInSQLite(results[i]) {
			w.errs.Add(1)
		}
		r.done <- results[i]
	}
	w.db.prepareWanted(context.Background())
}

// WriteErrors is how many writes failed in SQLite since the database was
// opened: a full disk, read-only files, a lock held too long, I/O errors;
// not the writes refused for their input (a *ctbot.Error).
func (db *DB) WriteErrors() uint64 {
	if db.writer == nil {
		return 0
	}
	return db.writer.errs.Load()
}

// failedInSQLite says whether err is SQLite's, other than a constraint
// (which is a refusal of the input, not a failure of the database).
func failedInSQLite(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code != sqlite3.ErrConstraint
}

// one runs a write in a savepoint and rolls it back alone if it fails.
func (w *writer) one(tx *Tx, r *writeReq) (err error) {
	if _, err := tx.ExecContext(r.ctx, "SAVEPOINT write"); err != nil {
		return err
	}
	mark, keys, seq, seqFrom, forgot := len(tx.changes), len(tx.keys), tx.seq, tx.seqFrom, tx.forgot
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in a write: %v", p)
		}
		if err != nil {
			// Rolled back: never happened.
			tx.changes, tx.keys, tx.seq, tx.seqFrom, tx.forgot = tx.changes[:mark], tx.keys[:keys], seq, seqFrom, forgot
			if _, rerr := tx.ExecContext(context.Background(), "ROLLBACK TO write"); rerr != nil {
				err = errors.Join(err, rerr)
			}
		}
		if _, rerr := tx.ExecContext(context.Background(), "RELEASE write"); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}()
	tx.now = w.instant()
	return r.fn(tx)
}

// instant is the time of the next write: the clock, or a microsecond after
// the last write when the clock has not moved past it, so that the writes
// of one batch are ordered in time as they are in the log and "as known
// at" an instant never takes in a write that came after it. A clock set
// back by more than a second (an operator, a test) is followed.
func (w *writer) instant() time.Time {
	now := w.db.now().UTC().Truncate(time.Microsecond)
	if last := w.latest(); !now.After(last) && last.Sub(now) < time.Second {
		now = last.Add(time.Microsecond)
	}
	w.last.Store(&now)
	return now
}

// latest is the instant of the latest write (zero before the first).
func (w *writer) latest() time.Time {
	if p := w.last.Load(); p != nil {
		return *p
	}
	return time.Time{}
}
