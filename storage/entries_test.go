package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

func training(user, country, date string, trained, women, newCount int) *ctbot.Entry {
	return &ctbot.Entry{Kind: ctbot.KindTraining, Country: country, Date: ctbot.MustParseDate(date), Title: "OSINT",
		Trained: trained, Women: ctbot.Int(women), New: newCount, UserID: user, Source: "training " + country + " " + date}
}

func TestRecordStoresAndAudits(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:30:00Z")
	db := storagetest.MustOpenDB(t, clock)
	e := training("U1", "KE", "2026-11-20", 25, 9, 20)
	e.Online = true
	if earlier, err := db.Record(ctx, e, ctbot.WriteOptions{Dedupe: 2 * time.Minute}); err != nil || earlier != nil {
		t.Fatalf("Record = %v, %v", earlier, err)
	}
	if e.ID != 1 || !e.CreatedAt.Equal(clock.Now()) {
		t.Errorf("ID %d created %v", e.ID, e.CreatedAt)
	}
	got, err := db.Entry(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Trained != 25 || *got.Women != 9 || got.New != 20 || !got.Online || got.Date.String() != "2026-11-20" ||
		got.UserID != "U1" || got.Title != "OSINT" || !got.CreatedAt.Equal(clock.Now()) {
		t.Errorf("stored entry = %+v", got)
	}
	trail, err := db.Audit(ctx, e.ID)
	if err != nil || len(trail) != 1 {
		t.Fatalf("audit = %v, %v", trail, err)
	}
	a := trail[0]
	if a.Action != "insert" || a.Actor != "U1" || len(a.Changes) != 0 || !a.At.Equal(clock.Now()) {
		t.Errorf("audit row = %+v", a)
	}
}

func TestRecordDeduplicatesRetriesWithinTheWindow(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:30:00Z")
	db := storagetest.MustOpenDB(t, clock)
	first := training("U1", "KE", "2026-11-20", 25, 9, 20)
	if _, err := db.Record(ctx, first, ctbot.WriteOptions{Dedupe: 2 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(90 * time.Second)
	again := training("U1", "KE", "2026-11-20", 25, 9, 20)
	earlier, err := db.Record(ctx, again, ctbot.WriteOptions{Dedupe: 2 * time.Minute})
	if err != nil || earlier == nil || earlier.ID != first.ID || again.ID != 0 {
		t.Fatalf("retry within 2 min: earlier %v, new ID %d, err %v", earlier, again.ID, err)
	}
	other := training("U2", "KE", "2026-11-20", 25, 9, 20)
	if earlier, _ := db.Record(ctx, other, ctbot.WriteOptions{Dedupe: 2 * time.Minute}); earlier != nil || other.ID == 0 {
		t.Errorf("another user's same text was deduplicated")
	}
	clock.Advance(31 * time.Second) // 2 min 1 s after the first
	late := training("U1", "KE", "2026-11-20", 25, 9, 20)
	if earlier, _ := db.Record(ctx, late, ctbot.WriteOptions{Dedupe: 2 * time.Minute}); earlier != nil || late.ID == 0 {
		t.Errorf("same text after the window was deduplicated")
	}
	n, _ := db.History(ctx, ctbot.EntryFilter{Limit: 50})
	if len(n) != 3 {
		t.Errorf("entries = %d, want 3", len(n))
	}
}

func TestRetractKeepsTheEntryAndAuditsOldAndNew(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:30:00Z")
	db := storagetest.MustOpenDB(t, clock)
	e := training("U1", "KE", "2026-11-20", 25, 9, 20)
	if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	after, err := db.Retract(ctx, e.ID, "UCOORD", "wrong country", ctbot.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !after.Retracted || after.RetractedBy != "UCOORD" || after.RetractReason != "wrong country" || !after.RetractedAt.Equal(clock.Now()) {
		t.Errorf("after = %+v", after)
	}
	got, _ := db.Entry(ctx, e.ID)
	if !got.Retracted || got.Trained != 25 {
		t.Errorf("stored = %+v", got)
	}
	trail, _ := db.Audit(ctx, e.ID)
	if len(trail) != 2 || trail[1].Action != "retract" || trail[1].Actor != "UCOORD" || trail[1].Reason != "wrong country" {
		t.Fatalf("audit = %+v", trail)
	}
	if c := trail[1].Changes; len(c) != 1 || c[0] != (ctbot.Change{Field: "retracted", Old: "false", New: "true"}) {
		t.Errorf("audit changes = %+v", c)
	}
	if _, err := db.Retract(ctx, e.ID, "UCOORD", "again", ctbot.WriteOptions{}); !refusedWith(err, ctbot.ERefused, "err.already_retracted") {
		t.Errorf("second retract err = %v", err)
	}
	if _, err := db.Retract(ctx, 999, "UCOORD", "x", ctbot.WriteOptions{}); !errors.Is(err, ctbot.ErrNotFound) {
		t.Errorf("retract missing err = %v", err)
	}
	// A retracted entry no longer counts as a duplicate: the user may record it again.
	again := training("U1", "KE", "2026-11-20", 25, 9, 20)
	if earlier, err := db.Record(ctx, again, ctbot.WriteOptions{Dedupe: 24 * time.Hour}); earlier != nil || err != nil {
		t.Errorf("re-recording a retracted entry: earlier %v, err %v", earlier, err)
	}
}

func TestEntriesAndAuditCannotBeDeletedOrRewritten(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t, clock.Real{})
	e := training("U1", "KE", "2026-11-20", 25, 9, 20)
	if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Retract(ctx, e.ID, "U1", "wrong", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DELETE FROM entries WHERE id = 1`,
		`DELETE FROM audit`,
		`UPDATE audit SET actor = 'someone else'`,
	} {
		if err := db.ExecForTest(ctx, q); err == nil {
			t.Errorf("%s succeeded", q)
		}
	}
}

func TestLatestByUserAndHistory(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:30:00Z")
	db := storagetest.MustOpenDB(t, clock)
	for i, c := range []string{"KE", "GH", "KE"} {
		e := &ctbot.Entry{Kind: ctbot.KindLog, Country: c, Date: ctbot.MustParseDate("2026-11-27"), Note: "n", UserID: "U1", Source: string(rune('a' + i))}
		if _, err := db.Record(ctx, e, ctbot.WriteOptions{Dedupe: time.Minute}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
	}
	last, err := db.LatestByUser(ctx, "U1", clock.Now().Add(-time.Hour))
	if err != nil || last.ID != 3 {
		t.Fatalf("latest = %v, %v", last, err)
	}
	if _, err := db.LatestByUser(ctx, "U1", clock.Now()); !errors.Is(err, ctbot.ErrNotFound) {
		t.Errorf("latest since now: err = %v", err)
	}
	if _, err := db.LatestByUser(ctx, "U2", time.Time{}); !errors.Is(err, ctbot.ErrNotFound) {
		t.Errorf("latest of other user: err = %v", err)
	}
	ke, _ := db.History(ctx, ctbot.EntryFilter{Country: "KE"})
	if len(ke) != 2 || ke[0].ID != 3 || ke[1].ID != 1 {
		t.Errorf("Kenya history = %v", ke)
	}
	one, _ := db.History(ctx, ctbot.EntryFilter{Limit: 1})
	if len(one) != 1 || one[0].ID != 3 {
		t.Errorf("limit 1 = %v", one)
	}
}
