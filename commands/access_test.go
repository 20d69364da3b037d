package commands_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/reply"
)

func TestWhoMayRecord(t *testing.T) {
	tests := []struct {
		user, text string
		allowed    bool
	}{
		{staff, "log kenya x", true},
		{coordinator, "log ghana x", true},
		{focalKE, "log kenya x", true},
		{focalKE, "log ghana x", false},
		{focalKE, "log programme x", false},
		{manager, "log kenya x", false},
		{outsider, "log kenya x", false},
		{outsider, `training kenya 2026-11-20 "OSINT" trained=5`, false},
		{outsider, "indicator intl-investigation programme 1", false},
	}
	for _, tt := range tests {
		h := newHarness(t)
		r := h.as(tt.user, tt.text)
		stored := len(h.entries())
		if tt.allowed && (r.Failed || stored != 1) {
			t.Errorf("%s %q: refused: %s", tt.user, tt.text, r.Text())
		}
		if !tt.allowed {
			if !r.Failed || stored != 0 {
				t.Errorf("%s %q: allowed (%d stored)", tt.user, tt.text, stored)
			}
			wantText(t, r, "You are not allowed to record")
		}
	}
}

func TestWhoMayRead(t *testing.T) {
	h := newHarness(t)
	for _, user := range []string{coordinator, manager, staff, focalKE} {
		for _, text := range []string{"status", "status kenya", "history"} {
			if r := h.as(user, text); r.Failed {
				t.Errorf("%s %q refused: %s", user, text, r.Text())
			}
		}
	}
	for _, text := range []string{"status", "status ghana", "history"} {
		r := h.as(outsider, text)
		if !r.Failed {
			t.Errorf("outsider %q allowed", text)
		}
		wantText(t, r, "You are not allowed to read")
	}
	// Help is for everyone.
	if r := h.as(outsider, "help"); r.Failed {
		t.Errorf("help refused: %s", r.Text())
	}
}

func TestOpenAccessWhenStaffIsEmpty(t *testing.T) {
	cfg := config.Default()
	h := newHarness(t)
	h.core = commands.New(commands.Options{Framework: cfg.Framework, Store: h.db, Figures: h.figs, Now: h.clock.Now})
	for _, text := range []string{"log kenya x", "status", "history"} {
		if r := h.as("UANYONE", text); r.Failed {
			t.Errorf("%q refused with open access: %s", text, r.Text())
		}
	}
}

// TestUndo: `undo` names the latest entry and retracts nothing; `undo ID`
// retracts the caller's own entry of the last 24 hours, whichever it is.
func TestUndo(t *testing.T) {
	h := newHarness(t)
	first := h.ok("log kenya first")
	second := h.ok("log kenya second")
	theirs := h.as(staff2, "log ghana someone else's")
	r := h.ok("undo")
	wantText(t, r, fmt.Sprintf("Your latest entry is #%d", second.EntryID), "second", fmt.Sprintf("undo %d", second.EntryID))
	if btns := r.Doc.Buttons(); len(btns) != 1 || btns[0].Intent != reply.IntentUndo || btns[0].Arg != fmt.Sprint(second.EntryID) {
		t.Errorf("undo offers %+v", btns)
	}
	for _, e := range h.entries() {
		if e.Retracted {
			t.Fatalf("bare undo retracted #%d", e.ID)
		}
	}
	wantText(t, h.ok(fmt.Sprintf("undo %d", first.EntryID)), fmt.Sprintf("Retracted #%d", first.EntryID))
	wantText(t, h.ok(fmt.Sprintf("undo #%d", second.EntryID)), fmt.Sprintf("Retracted #%d", second.EntryID))
	r = h.as(staff, fmt.Sprintf("undo %d", second.EntryID))
	if !r.Failed {
		t.Fatalf("second undo of the same entry succeeded: %s", r.Text())
	}
	wantText(t, r, "already retracted", "Nothing was changed")
	r = h.as(staff, fmt.Sprintf("undo %d", theirs.EntryID))
	wantText(t, r, "is not an entry you can retract")
	if h.entries()[0].Retracted {
		t.Error("someone else's entry was undone")
	}
	trail, _ := h.db.Audit(context.Background(), second.EntryID)
	if len(trail) != 2 || trail[1].Action != "retract" || trail[1].Actor != staff || trail[1].Reason != "undone by its author" {
		t.Errorf("audit = %+v", trail)
	}
}

func TestUndoOnlyWithin24Hours(t *testing.T) {
	h := newHarness(t)
	old := h.ok("log kenya old news")
	h.advance(24*time.Hour + time.Minute)
	r := h.as(staff, "undo")
	if !r.Failed || h.last().Retracted {
		t.Fatalf("undo after 24 h: %s", r.Text())
	}
	wantText(t, r, "no entry from the last 24 hours", "retract <id> <reason>")
	r = h.as(staff, fmt.Sprintf("undo %d", old.EntryID))
	wantText(t, r, "more than 24 hours ago", fmt.Sprintf("retract %d <reason>", old.EntryID))
}

func TestUndoButtonRules(t *testing.T) {
	h := newHarness(t)
	first := h.ok("log kenya first")
	second := h.ok("log kenya second")
	undo := func(user string, id int64) commands.Reply {
		return h.core.Undo(context.Background(), commands.Request{UserID: user, Keys: []string{fmt.Sprintf("trigger:%s-%d", user, id)}}, id)
	}
	if r := undo(staff2, second.EntryID); !r.Failed {
		t.Errorf("undo of someone else's entry: %s", r.Text())
	}
	wantText(t, undo(staff, first.EntryID), fmt.Sprintf("Retracted #%d", first.EntryID))
	r := undo(staff, second.EntryID)
	wantText(t, r, fmt.Sprintf("Retracted #%d", second.EntryID))
	if r := h.core.Undo(context.Background(), commands.Request{UserID: staff, Keys: []string{"trigger:again"}}, second.EntryID); !r.Failed {
		t.Errorf("second undo of the same entry: %s", r.Text())
	}
}

func TestRetract(t *testing.T) {
	h := newHarness(t)
	mine := h.ok("log kenya mine")
	theirs := h.as(staff2, "log ghana theirs")
	r := h.as(staff, fmt.Sprintf("retract %d not mine", theirs.EntryID))
	if !r.Failed {
		t.Fatalf("staff retracted another's entry: %s", r.Text())
	}
	wantText(t, r, fmt.Sprintf("#%d is not an entry you can retract", theirs.EntryID))
	// Staff learn nothing of entries they cannot retract: a missing entry
	// gets the same words; a coordinator learns it does not exist.
	wantText(t, h.as(staff, "retract 999 not mine"), "#999 is not an entry you can retract")
	wantText(t, h.as(coordinator, "retract 999 gone"), "There is no entry #999")
	if strings.Contains(r.Text(), staff2) {
		t.Errorf("refusal names the author: %s", r.Text())
	}
	if e, _ := h.db.Entry(context.Background(), theirs.EntryID); e.Retracted {
		t.Fatal("entry retracted despite refusal")
	}
	wantText(t, h.ok(fmt.Sprintf("retract #%d typo in the note", mine.EntryID)), fmt.Sprintf("Retracted #%d", mine.EntryID))
	r = h.as(coordinator, fmt.Sprintf("retract %d duplicate of an earlier entry", theirs.EntryID))
	if r.Failed {
		t.Fatalf("coordinator refused: %s", r.Text())
	}
	trail, _ := h.db.Audit(context.Background(), theirs.EntryID)
	if len(trail) != 2 || trail[1].Actor != coordinator || trail[1].Reason != "duplicate of an earlier entry" {
		t.Errorf("audit = %+v", trail)
	}
	r = h.as(coordinator, fmt.Sprintf("retract %d again", theirs.EntryID))
	if !r.Failed {
		t.Errorf("second retract succeeded")
	}
	wantText(t, r, "already retracted")
	// History shows retracted entries struck through with the reason.
	r = h.ok("history")
	wantText(t, r, "retracted by @UCOORD: duplicate of an earlier entry")
	struck := false
	for _, b := range r.Doc {
		if l, ok := b.(reply.List); ok {
			for _, it := range l.Items {
				for _, sp := range it {
					struck = struck || sp.Style&reply.Strike != 0 && sp.Text == fmt.Sprint(theirs.EntryID)
				}
			}
		}
	}
	if !struck {
		t.Error("the retracted entry is not struck through")
	}
}

// failingStore fails or panics on every call.
// failingFigures fail as the store does.
type failingFigures struct{ commands.Figures }

func (failingFigures) Current(context.Context) (*ctbot.Snapshot, error) {
	return nil, errors.New("disk I/O error")
}

type failingStore struct {
	commands.Store
	panics bool
}

// Grants and Languages read nothing, so the failure met is the write's.
func (f failingStore) Grants(context.Context) ([]ctbot.Grant, error)        { return nil, nil }
func (f failingStore) Languages(context.Context) (map[string]string, error) { return nil, nil }

func (f failingStore) Record(context.Context, *ctbot.Entry, ctbot.WriteOptions) (*ctbot.Entry, error) {
	if f.panics {
		panic("boom")
	}
	return nil, errors.New("storage: record: disk I/O error")
}

func TestFailuresNeverReachTheUserRaw(t *testing.T) {
	cfg := config.Default()
	for _, panics := range []bool{false, true} {
		var logs strings.Builder
		core := commands.New(commands.Options{Framework: cfg.Framework, Store: failingStore{panics: panics}, Figures: failingFigures{}, Log: newTestLogger(&logs)})
		r := core.Handle(context.Background(), commands.Request{UserID: staff, Text: "log kenya x"})
		if !r.Failed {
			t.Fatalf("panics=%v: not failed", panics)
		}
		text := r.Text()
		if strings.Contains(text, "disk I/O") || strings.Contains(text, "boom") {
			t.Errorf("internal error leaked: %s", text)
		}
		wantText(t, r, "Something went wrong on our side and nothing was recorded", "reference ")
		ref := text[strings.Index(text, "reference ")+len("reference "):][:8]
		if !strings.Contains(logs.String(), ref) {
			t.Errorf("log lacks reference %s: %s", ref, logs.String())
		}
	}
}
