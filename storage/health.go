package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// minFreeDisk is the room on the database's disk below which it counts as full.
const minFreeDisk = 1 << 20

// errProbeTimeout: the write probe did not finish in the health check's time.
var errProbeTimeout = errors.New("no write could start in time: the database is locked or busy")

// Health reports what keeps ctbot from writing its database, one error
// per problem, none when it can write: a file of the database (itself,
// its -wal or -shm) that ctbot cannot write, named; a full disk; and a
// real write that fails (the database locked by another process, full,
// closed). The write is rolled back: the database does not grow.
func (db *DB) Health(ctx context.Context) []error {
	var problems []error
	if _, err := os.Stat(db.path); errors.Is(err, fs.ErrNotExist) {
		problems = append(problems, fmt.Errorf("%s does not exist: was it moved or deleted while ctbot runs?", db.path))
	}
	for _, p := range []string{db.path, db.path + "-wal", db.path + "-shm"} {
		if err := fileProblem(p); err != nil {
			problems = append(problems, err)
		}
	}
	if free, err := freeDisk(db.path); err == nil && free < minFreeDisk {
		problems = append(problems, fmt.Errorf("the disk of %s is full: %d bytes free", db.path, free))
	}
	if err := db.probeWrite(ctx); err != nil {
		problems = append(problems, err)
	}
	return problems
}

// fileProblem says why ctbot cannot write the file at path, if it exists.
// A file without its owner's write permission is named even when ctbot
// runs as root (root could write it; SQLite, run as anyone else, could not).
func fileProblem(path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if perm := st.Mode().Perm(); perm&0o200 == 0 {
		return fmt.Errorf("%s is read-only (mode %04o): make it writable by its owner (chmod u+w)", path, perm)
	}
	if err := canWrite(path); err != nil {
		return fmt.Errorf("ctbot cannot write %s: %v", path, err)
	}
	return nil
}

// probeWrite writes through the writer, as every write does, a row large
// enough to take a new page, and rolls it back; the (empty) transaction
// is then committed like any other.
func (db *DB) probeWrite(ctx context.Context) error {
	done := make(chan error, 1)
	go func() {
		done <- db.inTx(ctx, func(tx *Tx) error {
			if _, err := tx.ExecContext(ctx, `SAVEPOINT health_probe`); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO slack_events (event_id, received_at)
				VALUES ('health probe ' || hex(zeroblob((SELECT page_size FROM pragma_page_size))), '')`)
			if _, rerr := tx.ExecContext(context.Background(), `ROLLBACK TO health_probe`); rerr != nil {
				err = errors.Join(err, rerr)
			}
			if _, rerr := tx.ExecContext(context.Background(), `RELEASE health_probe`); rerr != nil {
				err = errors.Join(err, rerr)
			}
			return err
		})
	}()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		err = errProbeTimeout
	}
	if err == nil {
		return nil
	}
	// SQLite's own words for its result codes (sqlite3_errstr).
	msg := err.Error()
	switch {
	case errors.Is(err, errProbeTimeout):
		return err
	case errors.Is(err, ErrClosed):
		return errors.New("cannot write: the database is closed")
	case strings.Contains(msg, "database or disk is full"):
		return fmt.Errorf("cannot write: the database or its disk is full (%v)", err)
	case strings.Contains(msg, "is locked"):
		return fmt.Errorf("cannot write: the database is locked by another connection (%v)", err)
	case strings.Contains(msg, "readonly database"):
		return fmt.Errorf("cannot write: the database is read-only (%v)", err)
	}
	return fmt.Errorf("cannot write: %w", err)
}
