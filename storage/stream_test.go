package storage_test

import (
	"context"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestExportReadsTheEntriesOfItsDates: the entries dated in a range, in
// ID order, retracted ones too, and the audit rows of those only.
func TestExportReadsTheEntriesOfItsDates(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:30:00Z")
	db := storagetest.MustOpenDB(t, clock)
	var ids []int64
	for _, date := range []string{"2026-06-30", "2026-07-01", "2026-09-30", "2026-10-01"} {
		e := training("U1", "KE", date, 10, 4, 10)
		if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	for _, id := range ids {
		if _, err := db.Retract(ctx, id, "U1", "duplicate", ctbot.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	from, to := ctbot.MustParseDate("2026-07-01"), ctbot.MustParseDate("2026-09-30")
	var got []int64
	if err := db.EachEntry(ctx, from, to, func(e *ctbot.Entry) error { got = append(got, e.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != ids[1] || got[1] != ids[2] {
		t.Errorf("entries %v, want %v", got, ids[1:3])
	}
	var audited []int64
	if err := db.EachAudit(ctx, from, to, func(r ctbot.AuditRecord) error { audited = append(audited, r.EntryID); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(audited) != 2 || audited[0] != ids[1] || audited[1] != ids[2] {
		t.Errorf("audit rows of %v, want %v", audited, ids[1:3])
	}
	var all int
	if err := db.EachEntry(ctx, ctbot.Date{}, ctbot.Date{}, func(*ctbot.Entry) error { all++; return nil }); err != nil || all != 4 {
		t.Errorf("every entry: %d, %v", all, err)
	}
}
