package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// refusedWith reports whether err is a refusal of code with message.
func refusedWith(err error, code ctbot.ErrorCode, message string) bool {
	var e *ctbot.Error
	return errors.As(err, &e) && e.Code == code && e.Message == message
}

// Storage checks every entry it writes against the framework's rules,
// whichever way it is written (Record, Amend, Import): an entry the
// domain refuses is never stored, and the refusal is the domain's error,
// naming the field.
func TestEveryWriteChecksTheDomainRules(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:30:00Z") // Fri 27 Nov 2026 in Brussels
	db := storagetest.MustOpenDB(t, clock)
	db.SetFramework(config.Default().Framework)
	good := training("U1", "KE", "2026-11-20", 25, 9, 20)
	if _, err := db.Record(ctx, good, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	kickoff := func(status ctbot.Status, date string) *ctbot.Entry {
		return &ctbot.Entry{Kind: ctbot.KindKickoff, Country: "GH", Status: status, Date: ctbot.MustParseDate(date), UserID: "U1"}
	}
	bad := []struct {
		name    string
		e       *ctbot.Entry
		field   string
		message string
	}{
		{"women over trained", training("U1", "KE", "2026-11-21", 10, 12, 10), "women", "err.women_over"},
		{"new over trained", training("U1", "KE", "2026-11-21", 10, 2, 11), "new", "err.new_over"},
		{"a training ahead", training("U1", "KE", "2026-11-28", 10, 2, 10), "date", "err.training_future"},
		{"a date outside the programme", training("U1", "KE", "2020-01-06", 10, 2, 10), "date", "err.date_outside"},
		{"a held kick-off ahead", kickoff(ctbot.StatusHeld, "2026-12-01"), "date", "err.held_future"},
		{"a planned kick-off past", kickoff(ctbot.StatusPlanned, "2026-11-01"), "date", "err.open_past"},
		{"a country not of the framework", &ctbot.Entry{Kind: ctbot.KindLog, Country: "ZZ", Date: ctbot.MustParseDate("2026-11-27"), Note: "n", UserID: "U1"}, "country", "err.unknown_country"},
		{"an update without text", &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Date: ctbot.MustParseDate("2026-11-27"), UserID: "U1"}, "note", "err.note_missing"},
		{"a stage the indicator has not", &ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "strategies", Country: "KE", Op: ctbot.OpStage, Stage: "signed",
			Date: ctbot.MustParseDate("2026-11-27"), UserID: "U1"}, "value", "err.not_stage"},
		{"a score off the scale", &ctbot.Entry{Kind: ctbot.KindReadiness, Country: "KE", Date: ctbot.MustParseDate("2026-11-27"), UserID: "U1",
			Scores: map[string]int{"policy": 9, "legal": 1, "institutional": 1}}, "policy", "err.score_over"},
	}
	for _, b := range bad {
		_, err := db.Record(ctx, b.e, ctbot.WriteOptions{})
		var e *ctbot.Error
		if !errors.As(err, &e) || e.Message != b.message || e.Field != b.field {
			t.Errorf("Record %s: %v, want %s on %s", b.name, err, b.message, b.field)
		}
		if err := db.Import(ctx, []*ctbot.Entry{b.e}); !refusedWith(err, ctbot.EInvalid, b.message) {
			t.Errorf("Import %s: %v, want %s", b.name, err, b.message)
		}
	}
	after := *good
	after.Women = ctbot.Int(26)
	if _, err := db.Amend(ctx, good.ID, &after, "U1", "", ctbot.WriteOptions{}); !refusedWith(err, ctbot.EInvalid, "err.women_over") {
		t.Errorf("Amend to women over trained: %v", err)
	}
	after = *good
	after.Date = ctbot.MustParseDate("2026-11-30")
	if _, err := db.Amend(ctx, good.ID, &after, "U1", "", ctbot.WriteOptions{}); !refusedWith(err, ctbot.EInvalid, "err.training_future") {
		t.Errorf("Amend into the future: %v", err)
	}
	es, err := db.History(ctx, ctbot.EntryFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Version != 1 || *es[0].Women != 9 {
		t.Errorf("after refused writes: %d entries, first %+v", len(es), es[0])
	}
}

// Import checks each entry on the day it was recorded: a plan was ahead
// then, a training behind, whatever today is.
func TestImportChecksEntriesOnTheDayTheyWereRecorded(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-11-27T09:30:00Z")
	db := storagetest.MustOpenDB(t, clock)
	db.SetFramework(config.Default().Framework)
	recorded := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	plan := &ctbot.Entry{Kind: ctbot.KindWorkshop, Country: "KE", Status: ctbot.StatusPlanned, Date: ctbot.MustParseDate("2026-06-20"),
		Title: "LEA readiness", UserID: "U1", CreatedAt: recorded}
	ahead := training("U1", "KE", "2026-06-02", 5, 1, 5)
	ahead.CreatedAt = recorded
	if err := db.Import(ctx, []*ctbot.Entry{plan}); err != nil {
		t.Errorf("a plan ahead of the day it was recorded: %v", err)
	}
	if err := db.Import(ctx, []*ctbot.Entry{ahead}); !refusedWith(err, ctbot.EInvalid, "err.training_future") {
		t.Errorf("a training ahead of the day it was recorded: %v", err)
	}
}
