package storage_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/internal/wait"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// holding returns the files of paths whose raw bytes hold any of texts.
func holding(t *testing.T, texts []string, paths ...string) []string {
	t.Helper()
	var out []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range texts {
			if bytes.Contains(data, []byte(s)) {
				out = append(out, filepath.Base(p)+" holds "+s)
			}
		}
	}
	return out
}

// recordLog records an update of Kenya with note, typed as a command.
func recordLog(tb testing.TB, db *storage.DB, note string) *ctbot.Entry {
	tb.Helper()
	e := &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Date: ctbot.MustParseDate("2026-10-05"), UserID: "U1", Note: note, Source: "log kenya " + note}
	if _, err := db.Record(context.Background(), e, ctbot.WriteOptions{}); err != nil {
		tb.Fatal(err)
	}
	return e
}

// lastRedaction is the latest redaction in entry id's audit trail.
func lastRedaction(t *testing.T, db *storage.DB, id int64) ctbot.AuditRecord {
	t.Helper()
	trail, err := db.Audit(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(trail) - 1; i >= 0; i-- {
		if trail[i].Action == "redact" {
			return trail[i]
		}
	}
	t.Fatalf("#%d has no redaction: %+v", id, trail)
	return ctbot.AuditRecord{}
}

// TestRedactionPurgesTheLogOnceReadersLetGo: a reader holds the
// write-ahead log when an entry is redacted. The redaction is done at
// once and says its purge is pending (the old pages are still in the
// files); a write made meanwhile is not held up; once the reader lets go,
// the purger truncates the log and records the purge, and neither the
// database, its log nor a backup taken then holds a byte of the text.
func TestRedactionPurgesTheLogOnceReadersLetGo(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-10-05T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	path := db.Path()
	files := []string{path, path + "-wal", path + "-shm"}
	secrets := []string{"Jane Roe", "700 123 456", "jane.roe@example.org", "minutes of the meeting"}
	long := strings.Repeat("minutes of the meeting ", 120) // overflow pages (note and command: 5.6 kB)
	e := &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Date: ctbot.MustParseDate("2026-10-05"), UserID: "U1",
		Note: "call Jane Roe on +254 700 123 456 " + long, Source: "log kenya call Jane Roe on +254 700 123 456 " + long,
		Evidence: "Sheet signed by Jane Roe", Link: "https://example.org/jane.roe@example.org"}
	if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	// The text reaches the database file itself, not only the log.
	if err := db.ExecForTest(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	if len(holding(t, secrets, path)) == 0 {
		t.Fatal("setup: the database file does not hold the text")
	}

	// A reader (another process, a backup, an export) holds a snapshot.
	release := storagetest.HoldReader(t, path)

	clock.Advance(time.Hour)
	if _, err := db.Redact(ctx, e.ID, "UCOORD", "personal data", true, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if r := lastRedaction(t, db, e.ID); !r.PurgePending || !r.PurgedAt.IsZero() {
		t.Fatalf("while a reader holds the log the purge must be pending: %+v", r)
	}
	if len(holding(t, secrets, files...)) == 0 {
		t.Fatal("setup: the old pages should still be in the files while the reader holds them")
	}
	// The purger keeps trying in the background, and a write made while
	// it waits on the reader is not held up by it: it completes while the
	// reader still holds the log.
	tried := db.PurgeAttemptsForTest()
	for range 2 {
		if !clock.WaitTimers(1) {
			t.Fatal("the purger does not wait to try again")
		}
		clock.Advance(time.Second)
	}
	wait.For(t, "the purger to try again", func() bool { return db.PurgeAttemptsForTest() >= tried+2 })
	other := &ctbot.Entry{Kind: ctbot.KindLog, Country: "GH", Date: ctbot.MustParseDate("2026-10-05"), UserID: "U2", Note: "met the unit", Source: "log ghana met the unit"}
	if _, err := db.Record(ctx, other, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if r := lastRedaction(t, db, e.ID); !r.PurgePending {
		t.Fatalf("purged while the reader still holds the log: %+v", r)
	}

	// The reader lets go: the purger finishes on its own.
	release()
	storagetest.AwaitPurge(t, clock, "the purge", func() bool { return !lastRedaction(t, db, e.ID).PurgePending })
	if r := lastRedaction(t, db, e.ID); r.PurgedAt.IsZero() {
		t.Errorf("purged, but when? %+v", r)
	}
	if got := holding(t, secrets, files...); len(got) > 0 {
		t.Errorf("after the purge: %v", got)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if got := holding(t, secrets, backup); len(got) > 0 {
		t.Errorf("a backup taken after the purge: %v", got)
	}
	if got, err := db.Entry(ctx, other.ID); err != nil || got.Note != "met the unit" {
		t.Errorf("the write made meanwhile: %+v, %v", got, err)
	}
}

// TestRedactionPurgesAtOnceWithoutReaders: with nobody reading, the
// redaction's own attempt purges the log before it returns.
func TestRedactionPurgesAtOnceWithoutReaders(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-10-05T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	e := recordLog(t, db, "call Jane Roe")
	if _, err := db.Redact(ctx, e.ID, "UCOORD", "a name", true, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if r := lastRedaction(t, db, e.ID); r.PurgePending || r.PurgedAt.Before(clock.Now()) {
		t.Errorf("not purged at once: %+v", r)
	}
	path := db.Path()
	if got := holding(t, []string{"Jane Roe"}, path, path+"-wal"); len(got) > 0 {
		t.Errorf("%v", got)
	}
}

// TestSharingTextFindsEveryCopy: the entries holding a text are found in
// any free text (a note, a title, the command typed, an earlier version,
// a reason in the audit), letter case aside; the entries excepted are
// not named, and a text with LIKE's wildcards is taken literally.
func TestSharingTextFindsEveryCopy(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-10-05T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	rec := func(e *ctbot.Entry) int64 {
		t.Helper()
		e.Country, e.Date, e.UserID = "KE", ctbot.MustParseDate("2026-10-05"), "U1"
		if e.Kind == "" {
			e.Kind = ctbot.KindLog
		}
		if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	origin := rec(&ctbot.Entry{Note: "call Jane Roe on +254 700 123 456", Source: "log kenya call Jane Roe on +254 700 123 456"})
	inNote := rec(&ctbot.Entry{Note: "JANE ROE's number is +254 700 123 456"})
	inTitle := rec(&ctbot.Entry{Kind: ctbot.KindWorkshop, Status: ctbot.StatusHeld, Title: "Benchmark with jane roe"})
	amended := rec(&ctbot.Entry{Note: "Jane Roe said so"})
	after := *mustEntry(t, db, amended)
	after.Note = "the unit said so"
	if _, err := db.Amend(ctx, amended, &after, "U1", "", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	reason := rec(&ctbot.Entry{Note: "met the unit"})
	if _, err := db.Retract(ctx, reason, "U1", "duplicate, ask jane roe", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	wild := rec(&ctbot.Entry{Note: "100% of 5_000"})
	rec(&ctbot.Entry{Note: "met the police academy"})

	got, err := db.SharingText(ctx, []string{"Jane Roe"}, []int64{origin}, 10)
	if want := []int64{inNote, inTitle, amended, reason}; err != nil || !slices.Equal(got, want) {
		t.Errorf("sharing Jane Roe = %v, %v; want %v", got, err, want)
	}
	if got, _ := db.SharingText(ctx, []string{"Jane Roe"}, []int64{origin}, 2); len(got) != 2 {
		t.Errorf("limit 2: %v", got)
	}
	if got, _ := db.SharingText(ctx, []string{"0% of 5_"}, nil, 10); !slices.Equal(got, []int64{wild}) {
		t.Errorf("a literal %%: %v", got)
	}
	if got, _ := db.SharingText(ctx, []string{"%", "_"}, []int64{wild}, 10); len(got) != 0 {
		t.Errorf("wildcards matched: %v", got)
	}
	if got, _ := db.SharingText(ctx, []string{"", storage.Redacted}, nil, 10); len(got) != 0 {
		t.Errorf("no text matched: %v", got)
	}
}

func mustEntry(t *testing.T, db *storage.DB, id int64) *ctbot.Entry {
	t.Helper()
	e, err := db.Entry(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
