package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
)

// Backup writes a consistent copy of the database to path while it is in
// use (VACUUM INTO reads one snapshot; writers are not blocked), then
// checks the copy. path must not exist yet; it is created readable by its
// owner only.
func (db *DB) Backup(ctx context.Context, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("storage: backup: %s already exists; choose a new file", path)
	}
	if err != nil {
		return fmt.Errorf("storage: backup: %w", err)
	}
	f.Close() // VACUUM INTO fills an empty file
	conn, err := sql.Open("sqlite3", "file:"+url.PathEscape(db.path)+"?_busy_timeout=5000")
	if err != nil {
		return fmt.Errorf("storage: backup: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("storage: backup to %s: %w", path, err)
	}
	copyDB, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("storage: backup: check: %w", err)
	}
	defer copyDB.Close()
	var check string
	if err := copyDB.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		return fmt.Errorf("storage: backup %s failed its integrity check: %q %v", path, check, err)
	}
	return nil
}
