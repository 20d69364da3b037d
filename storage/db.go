// Package storage keeps ctbot's entries, audit trail and bookkeeping in
// SQLite (github.com/mattn/go-sqlite3).
//
// One connection writes (every write transaction is BEGIN IMMEDIATE, so a
// check-then-insert cannot race); a pool of query-only connections reads.
// WAL lets readers run while the writer commits, and synchronous=FULL makes
// an acknowledged entry survive power loss.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/fault"
)

// timeFormat is how instants are stored: UTC, fixed width, so that text
// order is time order.
const timeFormat = "2006-01-02T15:04:05.000000Z"

// DB is an open ctbot database.
type DB struct {
	path   string
	write  *sql.DB
	read   *sql.DB
	now    func() time.Time
	stmts  stmts        // prepared on the writer once migrated
	wmu    sync.Mutex   // guards stmts
	writer *writer      // groups writes once migrated; nil before
	watch  Watcher      // told of every committed change
	cmds   commands     // the commands of the last minutes, in memory
	keys   actionMemory // the action keys remembered, in memory
	rstmts readStmts    // statements prepared for reads
	log    *slog.Logger
	// migrated is what Open migrated.
	migrated Migration
	// fw is the framework every entry written is checked against (see
	// SetFramework); nil checks the text alone.
	fw  atomic.Pointer[ctbot.Framework]
	ids ids // the high-water mark of entry IDs, beside the database
	// clock is where every stored time comes from (now is its Now), and
	// what times the purger.
	clock clock.Clock
}

// Migrated is what Open did to the schema.
func (db *DB) Migrated() Migration { return db.migrated }

// SetLogger sets where the database reports what it recovers from (by
// default nowhere).
func (db *DB) SetLogger(l *slog.Logger) { db.log = l }

func (db *DB) logf(format string, args ...any) { db.log.Warn(fmt.Sprintf(format, args...)) }

// SetFramework sets the results framework every entry is checked against
// when it is written (ctbot.Framework.Check), by Record, Amend and Import
// alike, so that no way in stores an entry the domain refuses; ctbot sets
// it as it opens the database. Without one (tests of storage alone) only
// the text of entries is checked.
func (db *DB) SetFramework(fw *ctbot.Framework) { db.fw.Store(fw) }

// location is the programme's time zone (UTC without a framework).
func (db *DB) location() *time.Location {
	if fw := db.fw.Load(); fw != nil {
		return fw.Location
	}
	return time.UTC
}

// endOfTime is "after every change": the figures of now.
var endOfTime = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// Open opens (creating if needed) the database at path and applies pending
// migrations (see Migrate), for `ctbot serve` and `ctbot migrate`. Every
// stored time comes from clock c, which also times the database's
// background work.
func Open(ctx context.Context, path string, c clock.Clock) (*DB, error) {
	return openDB(ctx, path, c, true)
}

// OpenAsIs opens the database at path without changing its schema, for
// every command but `serve` and `migrate`: a database whose schema is not
// this ctbot's is refused with a *SchemaError.
func OpenAsIs(ctx context.Context, path string, c clock.Clock) (*DB, error) {
	return openDB(ctx, path, c, false)
}

func openDB(ctx context.Context, path string, c clock.Clock, migrate bool) (*DB, error) {
	db, err := open(path, c)
	if err != nil {
		return nil, err
	}
	if migrate {
		db.migrated, err = db.Migrate(ctx)
	} else {
		err = db.checkSchema(ctx)
	}
	if err == nil {
		err = db.openIDs(ctx)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	if err := db.prepare(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.keys.load(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("storage: open: %w", err)
	}
	if err := db.cmds.load(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("storage: open: %w", err)
	}
	db.startWriter()
	return db, nil
}

// checkSchema refuses a database whose schema is older or newer than this
// ctbot's.
func (db *DB) checkSchema(ctx context.Context) error {
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		return fmt.Errorf("storage: open: %w", err)
	}
	st, err := db.schemaState(ctx, ms)
	if err != nil {
		return err
	}
	if len(st.pending(ms)) > 0 {
		return &SchemaError{Path: db.path, Version: st.version, Want: len(ms)}
	}
	return nil
}

// open opens the connection pools without migrating.
func open(path string, c clock.Clock) (*DB, error) {
	if path == "" {
		return nil, errors.New("storage: open: empty database path")
	}
	if err := createPrivate(path); err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "5000")
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "FULL")
	// Freed space is zeroed, free-list pages too, so that redacted text
	// does not linger in the file.
	q.Set("_secure_delete", "on")
	dsn := func(extra string) string { return "file:" + url.PathEscape(path) + "?" + q.Encode() + extra }

	write, err := sql.Open("sqlite3", dsn("&_txlock=immediate"))
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	if err := write.Ping(); err != nil {
		write.Close()
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	// Readers answer little (the figures of now are in memory): a small
	// page cache each keeps the process small; the file stays in the OS cache.
	read, err := sql.Open("sqlite3", dsn("&_query_only=1&_cache_size=-512"))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	read.SetMaxOpenConns(max(4, runtime.NumCPU()*2))
	read.SetMaxIdleConns(max(4, runtime.NumCPU()*2))
	c = clock.Or(c)
	db := &DB{path: path, write: write, read: read, clock: c, now: c.Now, log: slog.New(slog.DiscardHandler)}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error {
	if db.writer != nil {
		db.writer.stop()
	}
	errs := []error{db.closeIDs(), db.rstmts.close()}
	for _, s := range db.stmts {
		if s != nil && s != unpreparable {
			errs = append(errs, s.Close())
		}
	}
	db.stmts = nil
	return errors.Join(append(errs, db.read.Close(), db.write.Close())...)
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Ping checks that the database answers a query.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.reads().QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("storage: ping: %w", err)
	}
	return nil
}

// Tx is a write transaction that carries the instant it runs at, and the
// changes of entries it makes, for the figures kept in memory.
type Tx struct {
	*sql.Tx
	db      *DB
	now     time.Time
	changes []ctbot.EntryChange
	keys    []keyAt // action keys remembered, for memory once committed
	seq     int64   // the last change number given; saved by saveSeq
	seqFrom int64   // change_seq when the transaction read it; -1 before
	forgot  bool    // old action keys were deleted in this transaction
}

// noteChange numbers a change of an entry (change_seq, read once per
// transaction and saved before it commits) and keeps it, to be handed to
// the watcher once committed. after is copied: a watcher never shares an
// entry with a caller.
func (tx *Tx) noteChange(ctx context.Context, before, after *ctbot.Entry) error {
	if _, err := tx.lastSeq(ctx); err != nil {
		return err
	}
	tx.seq++
	if after != nil {
		cp := *after
		after = &cp
	}
	tx.changes = append(tx.changes, ctbot.EntryChange{Before: before, After: after, Seq: tx.seq, At: tx.now})
	fault.Point(fault.AfterChange)
	return nil
}

// lastSeq is the number of the last change to the entries, committed or
// made in this transaction: what is committed after it comes after it.
func (tx *Tx) lastSeq(ctx context.Context) (int64, error) {
	if tx.seqFrom < 0 {
		if err := tx.QueryRowContext(ctx, sqlChangeSeq).Scan(&tx.seq); err != nil {
			return 0, err
		}
		tx.seqFrom = tx.seq
	}
	return tx.seq, nil
}

// nextSeq is the number the next change noted will have.
func (tx *Tx) nextSeq(ctx context.Context) (int64, error) {
	n, err := tx.lastSeq(ctx)
	return n + 1, err
}

// saveSeq writes the last change number given back to change_seq.
func (tx *Tx) saveSeq(ctx context.Context) error {
	if tx.seqFrom < 0 || tx.seq == tx.seqFrom {
		return nil
	}
	_, err := tx.ExecContext(ctx, sqlSaveChangeSeq, tx.seq)
	return err
}

// begin starts a write transaction (BEGIN IMMEDIATE).
func (db *DB) begin(ctx context.Context) (*Tx, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &Tx{Tx: tx, db: db, now: db.now().UTC(), seqFrom: -1}, nil
}

// inTx runs fn in a write transaction and commits it when fn succeeds:
// through the group-committing writer once the database is open, directly
// before (migrations).
func (db *DB) inTx(ctx context.Context, fn func(*Tx) error) error {
	if db.writer != nil {
		return db.writer.submit(ctx, fn)
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, ignoreDone(tx.Rollback()))
	}
	if err := tx.saveSeq(ctx); err != nil {
		return errors.Join(err, ignoreDone(tx.Rollback()))
	}
	return tx.Commit()
}

func ignoreDone(err error) error {
	if errors.Is(err, sql.ErrTxDone) {
		return nil
	}
	return err
}

// upTo is the instant a read "as known at t" reads up to: t, or, when t is
// the clock's now, t or the latest write, whichever is later. Writes get
// instants of their own, a microsecond apart when the clock has not moved
// (see writer.instant), so a write just made (by this process, or by
// another whose clock is a little ahead) may carry an instant a little
// after the clock's now; a read as of now must see it.
func (db *DB) upTo(ctx context.Context, q querier, t time.Time) (time.Time, error) {
	if !t.Equal(db.now()) {
		return t, nil
	}
	last, err := lastChange(ctx, q)
	if err != nil {
		return t, err
	}
	if db.writer != nil && db.writer.latest().After(last) {
		last = db.writer.latest()
	}
	if last.After(t) {
		return last, nil
	}
	return t, nil
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

// parseTime reads a time formatted by formatTime: in timeFormat, UTC, or
// "" for the zero time.
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, ok := parseTimeFast(s); ok {
		return t, nil
	}
	return time.Parse(timeFormat, s)
}

// parseTimeFast reads s in timeFormat as time.Parse would, several times
// faster (reads stream thousands of rows); ok is false when s is not in
// it, or not a time (time.Parse says why).
func parseTimeFast(s string) (t time.Time, ok bool) {
	if len(s) != len(timeFormat) {
		return time.Time{}, false
	}
	var n [7]int // year, month, day, hour, minute, second, microsecond
	at := 0
	for i := range len(s) {
		c := s[i]
		if timeFormat[i] >= '0' && timeFormat[i] <= '9' {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			n[at] = n[at]*10 + int(c-'0')
			continue
		}
		if c != timeFormat[i] {
			return time.Time{}, false
		}
		at++
	}
	t = time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], n[6]*1000, time.UTC)
	// time.Date normalises what is out of range (a 31 April); Parse refuses it.
	if t.Year() != n[0] || int(t.Month()) != n[1] || t.Day() != n[2] || t.Hour() != n[3] || t.Minute() != n[4] || t.Second() != n[5] {
		return time.Time{}, false
	}
	return t, true
}

func parseDate(s string) (ctbot.Date, error) {
	if s == "" {
		return ctbot.Date{}, nil
	}
	return ctbot.ParseDate(s)
}

// createPrivate creates path, if it does not exist, readable and writable
// by its owner only. SQLite gives the -wal and -shm files the database
// file's own mode, so they are private too.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// OpenNoMigrate opens the database without reading or changing its
// schema, for `ctbot backup`, which copies a database of any schema.
func OpenNoMigrate(path string, c clock.Clock) (*DB, error) { return open(path, c) }

// querier runs queries: a transaction or a connection pool.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
