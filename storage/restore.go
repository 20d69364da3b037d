package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// Restored is what Restore did.
type Restored struct {
	Version int    // the schema version of the copy restored
	Last    int64  // its last entry ID
	Aside   string // where the database it replaced went, "" if there was none
	NextID  int64  // the ID the next entry will take
	// Unread says why the last entry ID of the database replaced could not
	// be read (a damaged database): IDs then continue past the mark alone.
	Unread error
}

// Restore replaces the database at path with the copy at from. It checks
// the copy (integrity, a ctbot schema not newer than this ctbot's), moves
// the database and its -wal and -shm files aside to
// <path>.before-restore-<time>, copies from in (mode 0600), and moves the
// entry ID mark past every ID the mark or the database set aside knew:
// an ID shown before the restore never names another entry. It refuses
// while a ctbot process has the database open.
func Restore(ctx context.Context, path, from string, now time.Time) (Restored, error) {
	var res Restored
	if st, err := os.Stat(path); err == nil {
		if fst, err := os.Stat(from); err == nil && os.SameFile(st, fst) {
			return res, fmt.Errorf("%s is the database itself: name a copy of it", from)
		}
	}
	version, last, err := checkRestoreCopy(ctx, from)
	if err != nil {
		return res, err
	}
	res.Version, res.Last = version, last
	f, err := openIDFile(path)
	if err != nil {
		return res, fmt.Errorf("entry ID mark: %w", err)
	}
	defer f.Close()
	ok, err := tryLockExclusive(f)
	if !ok && !errors.Is(err, errors.ErrUnsupported) {
		return res, fmt.Errorf("a ctbot process has %s open (ctbot serve, console, or another command): stop it, then restore (%v)", path, err)
	}
	mark, err := readIDRecord(f)
	if err != nil {
		return res, fmt.Errorf("%s: %w", idsPath(path), err)
	}
	replaced, exists, err := lastEntryOf(ctx, path)
	res.Unread = err
	if exists {
		res.Aside = fmt.Sprintf("%s.before-restore-%s", path, now.UTC().Format("20060102T150405Z"))
		if err := moveAside(path, res.Aside); err != nil {
			return res, err
		}
	}
	if err := copyPrivate(from, path); err != nil {
		if res.Aside != "" {
			err = errors.Join(err, moveAside(res.Aside, path))
		}
		return res, fmt.Errorf("copying %s to %s: %w; the database was put back", from, path, err)
	}
	res.NextID = max(mark.mark, replaced+1, last+1)
	if err := writeIDRecord(f, idRecord{mark: res.NextID}); err != nil {
		return res, fmt.Errorf("restored, but the entry ID mark %s could not be written (%w): do not start ctbot before it is", idsPath(path), err)
	}
	return res, nil
}

// checkRestoreCopy checks that from is a sound ctbot database this ctbot
// can open, and returns its schema version and last entry ID.
func checkRestoreCopy(ctx context.Context, from string) (version int, last int64, err error) {
	if _, err := os.Stat(from); err != nil {
		return 0, 0, err
	}
	if st, err := os.Stat(from + "-wal"); err == nil && st.Size() > 0 {
		return 0, 0, fmt.Errorf("%s has a write-ahead log (%s-wal): it is a database in use, not a copy; take one with `ctbot backup`", from, from)
	}
	conn, err := sql.Open("sqlite3", "file:"+url.PathEscape(from)+"?mode=ro&immutable=1")
	if err != nil {
		return 0, 0, err
	}
	defer conn.Close()
	var check string
	if err := conn.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		return 0, 0, fmt.Errorf("%s is not a sound SQLite database: integrity check %q %v", from, check, err)
	}
	if err := conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return 0, 0, fmt.Errorf("%s is not a ctbot database (%v)", from, err)
	}
	if latest := LatestSchema(); version > latest {
		return 0, 0, fmt.Errorf("%s has schema version %d but this ctbot knows only up to %d: restore it with the ctbot that wrote it", from, version, latest)
	}
	if err := conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM entries`).Scan(&last); err != nil {
		return 0, 0, fmt.Errorf("%s is not a ctbot database (%v)", from, err)
	}
	return version, last, nil
}

// lastEntryOf is the last entry ID of the database at path (its WAL
// included), and whether there is a database there.
func lastEntryOf(ctx context.Context, path string) (last int64, exists bool, err error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return 0, false, nil
	}
	conn, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?_busy_timeout=5000")
	if err != nil {
		return 0, true, err
	}
	defer conn.Close()
	var tables int64
	err = conn.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'entries'`).Scan(&tables)
	if err == nil && tables > 0 {
		err = conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM entries`).Scan(&last)
	}
	if err != nil {
		return 0, true, fmt.Errorf("reading the last entry ID of %s: %w", path, err)
	}
	return last, true, nil
}

// moveAside renames a database and its -wal and -shm files.
func moveAside(from, to string) error {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if _, err := os.Stat(to + suffix); err == nil {
			return fmt.Errorf("%s already exists", to+suffix)
		}
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		err := os.Rename(from+suffix, to+suffix)
		if err != nil && !(suffix != "" && errors.Is(err, os.ErrNotExist)) {
			return fmt.Errorf("moving %s aside: %w", from+suffix, err)
		}
	}
	return nil
}

// copyPrivate copies a file to a new one, mode 0600, synced to disk.
func copyPrivate(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(to)
		return err
	}
	dir, err := os.Open(filepath.Dir(to))
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}
