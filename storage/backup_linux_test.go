package storage_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestFailedBackupLeavesNothing: a backup that fails midway (the file
// size limit stands in for a full disk: SQLite's writes fail past 32 KiB)
// leaves no file behind, and the retry succeeds.
func TestFailedBackupLeavesNothing(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t, clock.Real{})
	for i := range 300 {
		e := &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Note: strings.Repeat("call with the cybercrime unit ", 5) + string(rune('a'+i%26)), UserID: "U1"}
		if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.db")

	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	limited := old
	limited.Cur = 32 << 10
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &limited); err != nil {
		t.Fatal(err)
	}
	err := db.Backup(ctx, path)
	if rerr := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); rerr != nil {
		t.Fatal(rerr)
	}
	if err == nil {
		t.Fatal("the backup succeeded past the file size limit; the test proves nothing")
	}
	t.Logf("failed as expected: %v", err)
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("a failed backup left %v", left)
	}
	if err := db.Backup(ctx, path); err != nil {
		t.Fatalf("retry: %v", err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() <= 32<<10 || st.Mode().Perm() != 0o600 {
		t.Errorf("the retried backup: %d bytes, mode %o", st.Size(), st.Mode().Perm())
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("after the retry the directory holds %v; want the backup alone", left)
	}
}
