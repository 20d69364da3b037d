package storage_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/storage"
)

// TestFilesArePrivate: the database, its WAL and shared-memory files and
// every backup are readable by their owner only, even with a permissive
// umask.
func TestFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	path := filepath.Join(dir, "ctbot.db")
	db, err := storage.Open(context.Background(), path, clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Record(context.Background(), &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Note: "x", UserID: "U1"}, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := db.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", backup} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if mode := st.Mode().Perm(); mode != 0o600 {
			t.Errorf("%s has mode %o, want 600", filepath.Base(p), mode)
		}
	}
}
