package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestWritesRefuseBadText: every way into storage checks text as the
// commands do; what it refuses is not written, whoever calls.
func TestWritesRefuseBadText(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:30:00Z")
	db := storagetest.MustOpenDB(t, clock)
	good := training("U1", "KE", "2026-11-20", 25, 9, 20)
	if _, err := db.Record(ctx, good, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	refused := func(what string, err error, field string) {
		t.Helper()
		var te *ctbot.Error
		if !errors.As(err, &te) || te.Field != field || !strings.HasPrefix(te.Message, "err.text_") {
			t.Errorf("%s: err = %v, want a text error on %s", what, err, field)
		}
	}

	esc := training("U1", "KE", "2026-11-21", 5, 1, 5)
	esc.Note = "ok\x1b]0;owned\x07"
	_, err := db.Record(ctx, esc, ctbot.WriteOptions{})
	refused("Record with ESC", err, "note")
	huge := training("U1", "KE", "2026-11-21", 5, 1, 5)
	huge.Note = strings.Repeat("a", 1<<20)
	_, err = db.Record(ctx, huge, ctbot.WriteOptions{})
	refused("Record of 1 MB", err, "note")
	_, err = db.Record(ctx, training("U1", "KE", "2026-11-22", 5, 1, 5), ctbot.WriteOptions{Reason: "late\x00", AfterClose: true})
	refused("Record with a NUL reason", err, "reason")

	after := *good
	after.Title = "OSINT\u0085"
	_, err = db.Amend(ctx, good.ID, &after, "U1", "typo", ctbot.WriteOptions{})
	refused("Amend with C1", err, "title")
	after = *good
	after.Trained = 26
	_, err = db.Amend(ctx, good.ID, &after, "U1", strings.Repeat("r", 501), ctbot.WriteOptions{})
	refused("Amend with a long reason", err, "reason")
	_, err = db.Retract(ctx, good.ID, "U1", "bad\u202e", ctbot.WriteOptions{})
	refused("Retract with an open override", err, "reason")
	_, err = db.Verify(ctx, good.ID, "U1", "\x1b[2J", ctbot.WriteOptions{})
	refused("Verify with ESC", err, "reason")

	imported := training("U1", "KE", "2026-11-23", 5, 1, 5)
	bad := training("U1", "KE", "2026-11-24", 5, 1, 5)
	bad.Evidence = strings.Repeat("s", 301)
	err = db.Import(ctx, []*ctbot.Entry{imported, bad})
	refused("Import", err, "source")

	es, err := db.History(ctx, ctbot.EntryFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].ID != good.ID || es[0].Version != 1 || es[0].Retracted || es[0].Verified() {
		t.Errorf("after refused writes: %d entries, first %+v", len(es), es[0])
	}
}
