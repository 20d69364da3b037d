package storage

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/clock"
)

// The purger's retry delays: from the first to the longest, doubling.
const (
	purgeFirstRetry = 10 * time.Millisecond
	purgeLongest    = time.Second
)

// purger removes the old copies of redacted text from the write-ahead
// log. A redaction overwrites the text in the database's pages (with
// secure_delete on, freed space is zeroed too), but the pages as they
// were linger in the log, and in the database file itself while a reader
// still reads an older snapshot, until a checkpoint copies the new pages
// into the file and truncates the log. That needs every reader to let go.
//
// The purger never waits for one: it runs on a connection of its own with
// no busy timeout, so a checkpoint that finds a reader or a writer gives
// up at once (holding up no write), and it tries again, sooner after a
// redaction, at most a second apart, until a truncating checkpoint
// succeeds; then it records the redactions pending before it as purged.
type purger struct {
	db       *DB
	conn     *sql.DB
	ctx      context.Context
	cancel   context.CancelFunc
	wake     chan struct{}
	done     chan struct{}
	attempts atomic.Int64 // checkpoints tried, for tests
}

// newPurger starts the purger of db, which retries the purges pending
// (also those left by an earlier run) until none is; nil if its connection
// cannot be opened (the purges then stay pending, and are said to be).
func newPurger(db *DB) *purger {
	conn, err := sql.Open("sqlite3", "file:"+url.PathEscape(db.path)+"?_busy_timeout=0")
	if err != nil {
		db.logf("storage: purger: %v", err)
		return nil
	}
	conn.SetMaxOpenConns(1)
	conn.SetConnMaxIdleTime(0)
	ctx, cancel := context.WithCancel(context.Background())
	p := &purger{db: db, conn: conn, ctx: ctx, cancel: cancel, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go p.run()
	return p
}

// stop ends the purger; purges still pending are tried again at the next
// start.
func (p *purger) stop() error {
	p.cancel()
	<-p.done
	return p.conn.Close()
}

// poke makes the purger try again now.
func (p *purger) poke() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *purger) run() {
	defer close(p.done)
	delay := purgeFirstRetry
	for {
		purged, err := p.once(p.ctx)
		if p.ctx.Err() != nil {
			return
		}
		if err != nil {
			p.db.logf("storage: purging redacted text from the write-ahead log: %v", err)
		}
		var retry <-chan time.Time // nil: nothing pending, wait for a redaction
		stop := func() bool { return false }
		if err != nil || !purged {
			var timer clock.Timer
			timer, retry = p.db.clock.NewTimer(delay)
			stop, delay = timer.Stop, min(2*delay, purgeLongest)
		}
		select {
		case <-p.wake:
			delay = purgeFirstRetry
		case <-retry:
		case <-p.ctx.Done():
			stop()
			return
		}
		stop()
	}
}

// once purges if a purge is pending: it reports whether none is left.
func (p *purger) once(ctx context.Context) (bool, error) {
	var last int64
	err := p.db.reads().QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM purges WHERE purged_at = ''`).Scan(&last)
	if err != nil || last == 0 {
		return err == nil, err
	}
	done, err := p.checkpoint(ctx)
	if err != nil || !done {
		return false, err
	}
	err = p.db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE purges SET purged_at = ? WHERE purged_at = '' AND id <= ?`, formatTime(tx.now), last)
		return err
	})
	if errors.Is(err, ErrClosed) {
		return false, nil // tried again at the next start
	}
	return err == nil, err
}

// checkpoint copies what it can of the log into the database without
// waiting (PASSIVE), then truncates the log if nobody reads or writes it
// (TRUNCATE without a busy timeout: it gives up at once otherwise). done
// reports whether the log was truncated.
func (p *purger) checkpoint(ctx context.Context) (done bool, err error) {
	p.attempts.Add(1)
	var busy, logged, copied int
	for _, mode := range []string{"PASSIVE", "TRUNCATE"} {
		if err := p.conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(`+mode+`)`).Scan(&busy, &logged, &copied); err != nil {
			if isBusy(err) {
				return false, nil
			}
			return false, err
		}
	}
	return busy == 0, nil
}

// purgeNow tries to purge at once, after a redaction, and leaves it to the
// background if readers hold the log. It never fails the redaction: the
// purge stays pending, and is said to be.
func (db *DB) purgeNow(ctx context.Context) {
	p := db.writer.purger
	if p == nil {
		return
	}
	if done, err := p.once(ctx); err != nil || !done {
		p.poke()
	}
}

// isBusy reports whether err is SQLite's "database is busy" or "locked".
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// purgeStates fills in, for the redactions among the audit rows rs of
// entry id, whether the text they removed is purged from the log yet.
func purgeStates(ctx context.Context, q querier, id int64, rs []ctbot.AuditRecord) error {
	rows, err := q.QueryContext(ctx, `SELECT p.audit_id, p.purged_at FROM purges p JOIN audit a ON a.id = p.audit_id WHERE a.entry_id = ?`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var auditID int64
		var at string
		if err := rows.Scan(&auditID, &at); err != nil {
			return err
		}
		t, err := parseTime(at)
		if err != nil {
			return err
		}
		for i := range rs {
			if rs[i].ID == auditID {
				rs[i].PurgedAt, rs[i].PurgePending = t, t.IsZero()
			}
		}
	}
	return rows.Err()
}
