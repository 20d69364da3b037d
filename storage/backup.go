package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the database to path while it is in
// use (VACUUM INTO reads one snapshot; writers are not blocked), then
// checks the copy. path must not exist yet; it is created readable by its
// owner only. The copy is written to a temporary file beside path and
// renamed to path only once it is complete, checked and on disk: a
// backup that fails (a full disk) leaves nothing behind.
func (db *DB) Backup(ctx context.Context, path string) (err error) {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("storage: backup: %s already exists; choose a new file", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("storage: backup: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*") // 0600
	if err != nil {
		return fmt.Errorf("storage: backup: %w", err)
	}
	tmpPath := tmp.Name()
	tmp.Close() // VACUUM INTO fills an empty file
	defer func() {
		if err != nil {
			os.Remove(tmpPath)
		}
	}()
	if err := db.vacuumInto(ctx, tmpPath); err != nil {
		return fmt.Errorf("storage: backup to %s: %w", path, err)
	}
	if err := checkCopy(ctx, tmpPath); err != nil {
		return fmt.Errorf("storage: backup %s: %w", path, err)
	}
	if err := syncFile(tmpPath); err != nil {
		return fmt.Errorf("storage: backup %s: %w", path, err)
	}
	// A link, unlike a rename, never replaces a file made since the check above.
	if err := os.Link(tmpPath, path); errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("storage: backup: %s already exists; choose a new file", path)
	} else if err != nil {
		if err := os.Rename(tmpPath, path); err != nil { // a file system without links
			return fmt.Errorf("storage: backup %s: %w", path, err)
		}
	}
	os.Remove(tmpPath)
	if err := syncFile(filepath.Dir(path)); err != nil { // the new name on disk too
		return fmt.Errorf("storage: backup %s is written, but its directory could not be flushed to disk: %w", path, err)
	}
	return nil
}

func (db *DB) vacuumInto(ctx context.Context, path string) error {
	conn, err := sql.Open("sqlite3", "file:"+url.PathEscape(db.path)+"?_busy_timeout=5000")
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, path)
	return err
}

// checkCopy runs SQLite's integrity check on the copy at path.
func checkCopy(ctx context.Context, path string) error {
	copyDB, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	defer copyDB.Close()
	var check string
	if err := copyDB.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		return fmt.Errorf("the copy failed its integrity check: %q %v", check, err)
	}
	return nil
}

// syncFile flushes the file (or directory) at path to disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	return errors.Join(err, f.Close())
}

// CheckCopy checks the copy at path as `ctbot restore` would (integrity, a
// ctbot schema this ctbot knows, not a database in use) and returns its
// schema version and last entry ID.
func (db *DB) CheckCopy(ctx context.Context, path string) (version int, last int64, err error) {
	return checkRestoreCopy(ctx, path)
}
