package storage_test

import (
	"context"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

func TestLanguagesAreSetOncePerActionAndLogged(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T10:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	keys := func(k string) ctbot.WriteOptions { return ctbot.WriteOptions{Keys: []string{k}} }
	if old, err := db.SetLanguage(ctx, "U1", "fr", keys("a")); err != nil || old != "" {
		t.Fatalf("first: old %q, %v", old, err)
	}
	if _, err := db.SetLanguage(ctx, "U1", "ru", keys("a")); ctbot.CodeOf(err) != ctbot.EDuplicate {
		t.Errorf("replayed: %v", err)
	}
	if _, err := db.SetLanguage(ctx, "U1", "fr", keys("b")); ctbot.CodeOf(err) != ctbot.EUnchanged {
		t.Errorf("the same language again: %v", err)
	}
	if old, err := db.SetLanguage(ctx, "U1", "ar", keys("c")); err != nil || old != "fr" {
		t.Errorf("second: old %q, %v", old, err)
	}
	langs, err := db.Languages(ctx)
	if err != nil || len(langs) != 1 || langs["U1"] != "ar" {
		t.Errorf("languages = %v, %v", langs, err)
	}
	var n int
	if err := db.QueryRowForTest(ctx, `SELECT COUNT(*) FROM settings_log WHERE user = 'U1'`, &n); err != nil || n != 2 {
		t.Errorf("settings log rows = %d, %v", n, err)
	}
	if err := db.ExecForTest(ctx, `DELETE FROM settings_log`); err == nil {
		t.Error("the settings log could be deleted")
	}
}
