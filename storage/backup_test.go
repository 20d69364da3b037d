package storage_test

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/wait"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestBackupWhileWriting takes a backup while entries are being recorded:
// the copy is consistent (integrity ok, every entry with its audit row)
// and opens as a ctbot database.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t, clock.Real{})
	for range 50 {
		if _, err := db.Record(ctx, training("U1", "KE", "2026-11-20", 10, 2, 10), ctbot.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			e := training("U2", "GH", "2026-11-20", 5, 1, 5)
			if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
				t.Error(err)
				return
			}
			written.Add(1)
		}
	}()
	wait.For(t, "writes under way", func() bool { return written.Load() >= 5 })
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	if err := db.Backup(ctx, path); err == nil {
		t.Error("backup over an existing file was allowed")
	}
	restored, err := storage.Open(ctx, path, clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	es, _ := restored.History(ctx, ctbot.EntryFilter{Limit: 100000})
	if len(es) < 50 {
		t.Fatalf("backup has %d entries, want at least the 50 before it started", len(es))
	}
	for _, e := range es {
		if trail, _ := restored.Audit(ctx, e.ID); len(trail) != 1 {
			t.Fatalf("#%d has %d audit rows in the backup", e.ID, len(trail))
		}
	}
	s := storagetest.Current(t, restored)
	if got := s.Trainings["KE"].Count + s.Trainings["GH"].Count; got != len(es) {
		t.Errorf("backup rollups count %d trainings, entries %d", got, len(es))
	}
	t.Logf("backup taken while %d more entries were written; it holds %d", written.Load(), len(es))
}
