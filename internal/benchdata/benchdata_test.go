package benchdata_test

import (
	"context"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/benchdata"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// The generated history keeps the framework's rules: storage, which checks
// every imported entry on the day it was recorded, takes all of it.
func TestFillKeepsTheDomainRules(t *testing.T) {
	fw := config.Default().Framework
	until := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	db := storagetest.MustOpenDB(t, fakeclock.New(until))
	db.SetFramework(fw)
	const n = 5000
	if err := benchdata.Fill(context.Background(), db, fw, n, until); err != nil {
		t.Fatal(err)
	}
	got, err := db.CountHistory(context.Background(), ctbot.EntryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got != n {
		t.Errorf("%d entries stored, want %d", got, n)
	}
}
