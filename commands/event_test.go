package commands_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// answer clicks a reminder button as user, with the action key key.
func (h *harness) answer(user, value, key string) commands.Reply {
	h.t.Helper()
	return h.core.AnswerEvent(context.Background(), commands.Request{UserID: user, Source: commands.FromButton, Keys: []string{key}}, value)
}

// buttonArgs are the Args of the reminder buttons of event e, by answer.
func buttonArgs(h *harness, e *ctbot.Entry) map[string]string {
	out := map[string]string{}
	for _, b := range commands.EventActions(h.core.Loc(""), e).Buttons {
		if b.Intent != reply.IntentEventAnswer {
			h.t.Fatalf("button %q has intent %s", b.Label, b.Intent)
		}
		out[b.Arg[strings.LastIndex(b.Arg, "/")+1:]] = b.Arg
	}
	return out
}

func TestReminderButtonsRecordThroughTheCommands(t *testing.T) {
	h := newHarness(t)
	h.ok(`workshop KE planned 2026-12-01 "LEA readiness"`)
	ws := h.last()
	h.ok(`workshop KE planned 2026-12-03 "Platforms"`)
	args := buttonArgs(h, ws)
	if len(args) != 4 || args["postponed"] != fmt.Sprintf("%d/2026-12-01/postponed", ws.ID) {
		t.Fatalf("button args %v", args)
	}

	// Postponed: the date picked is appended; it records a new version of
	// exactly this series (not the other open workshop), as the clicker.
	r := h.answer(focalKE, args["postponed"]+"/2026-12-15", "trigger:1")
	if r.Failed {
		t.Fatalf("postponed: %s", r.Text())
	}
	e := h.last()
	if e.Series != ws.ID || e.Status != ctbot.StatusPostponed || e.Date.String() != "2026-12-15" || e.UserID != focalKE || e.Title != "LEA readiness" {
		t.Fatalf("recorded %+v", e)
	}
	settled := reply.Text(r.Settled)
	for _, want := range []string{"postponed to", "15 Dec 2026", fmt.Sprintf("#%d", e.ID), "@" + focalKE} {
		if !strings.Contains(settled, want) {
			t.Errorf("settled message lacks %q: %s", want, settled)
		}
	}
	if trail := h.audit(e.ID); len(trail) == 0 || trail[0].Actor != focalKE {
		t.Errorf("audit %+v, want the clicker as actor", trail)
	}

	// The same click delivered again: nothing new, the same settled message.
	n := len(h.entries())
	again := h.answer(focalKE, args["postponed"]+"/2026-12-15", "trigger:1")
	if again.Outcome != "duplicate" || len(h.entries()) != n || reply.Text(again.Settled) != settled {
		t.Fatalf("replay: outcome %s, %d entries (was %d), settled %q", again.Outcome, len(h.entries()), n, reply.Text(again.Settled))
	}

	// A later click on the old reminder is refused: the event has moved.
	stale := h.answer(focalKE, args["cancelled"], "trigger:2")
	if !stale.Failed || !strings.Contains(stale.Text(), "out of date") || len(h.entries()) != n || reply.Text(stale.Settled) != settled {
		t.Fatalf("stale reminder: %s; settled %q, want it to say what was recorded: %q", stale.Text(), reply.Text(stale.Settled), settled)
	}
}

func TestReminderButtonsRefuseForgeryAndOutsiders(t *testing.T) {
	h := newHarness(t)
	h.ok(`kickoff KE planned 2026-12-01`)
	ko := h.last()
	h.ok(`log KE a note`)
	note := h.last()
	args := buttonArgs(h, ko)
	n := len(h.entries())
	for _, tt := range []struct{ user, value, want string }{
		{outsider, args["cancelled"], "not allowed to record entries for Kenya"},
		{outsider, args["held"], "not allowed to record entries for Kenya"},
		{outsider, args["snooze"], "not allowed to record entries for Kenya"},
		{staff, fmt.Sprintf("%d/2026-12-01/cancelled", note.ID), "does not name an event"},
		{staff, "999/2026-12-01/cancelled", "does not name an event"},
		{staff, fmt.Sprintf("%d/2026-12-01/held/2026-12-09", ko.ID), "does not name an event"},
		{staff, fmt.Sprintf("%d/2026-12-01/done", ko.ID), "does not name an event"},
		{staff, fmt.Sprintf("%d/2026-12-01/postponed", ko.ID), "Choose the new date"},
		{staff, "KE/2026-12-01/cancelled", "does not name an event"},
	} {
		r := h.answer(tt.user, tt.value, "k-"+tt.value+tt.user)
		if !r.Failed || !strings.Contains(r.Text(), tt.want) || r.Settled != nil || r.Form != nil {
			t.Errorf("%s %q: failed=%v form=%v %s", tt.user, tt.value, r.Failed, r.Form, r.Text())
		}
	}
	if len(h.entries()) != n {
		t.Fatal("a refused answer recorded something")
	}
	snoozes, _ := h.db.Snoozes(context.Background())
	if len(snoozes) != 0 {
		t.Fatalf("a refused answer stored a snooze: %v", snoozes)
	}

	// Held opens the form, filled in from storage, for this series.
	r := h.answer(focalKE, args["held"], "k-held")
	if r.Failed || r.Form == nil || r.Form.Kind != "kickoff" || r.Form.Series != ko.ID ||
		r.Form.Values["country"] != "KE" || r.Form.Values["date"] != "2026-12-01" || r.Form.Values["status"] != "held" {
		t.Fatalf("held: %+v %s", r.Form, r.Text())
	}
	// Cancelled records, once; afterwards the event is answered.
	if r := h.answer(focalKE, args["cancelled"], "k-c"); r.Failed || h.last().Status != ctbot.StatusCancelled {
		t.Fatalf("cancelled: %s", r.Text())
	}
	if r := h.answer(staff, args["snooze"], "k-s"); !r.Failed || !strings.Contains(r.Text(), "answered already") ||
		!strings.Contains(reply.Text(r.Settled), "cancelled") || !strings.Contains(reply.Text(r.Settled), "@"+focalKE) {
		t.Fatalf("snooze after cancel: %s; settled %q", r.Text(), reply.Text(r.Settled))
	}
}

func TestRemindMeNextWeekIsStoredOnce(t *testing.T) {
	h := newHarness(t)
	h.ok(`workshop KE planned 2026-12-01`)
	ws := h.last()
	args := buttonArgs(h, ws)
	n := len(h.entries())
	for range 2 { // the same click, delivered twice
		r := h.answer(focalKE, args["snooze"], "trigger:9")
		if r.Failed || !strings.Contains(reply.Text(r.Settled), "reminded again on Fri 4 Dec 2026") {
			t.Fatalf("snooze: %s / %s", r.Text(), reply.Text(r.Settled))
		}
	}
	got, err := h.db.Snoozes(context.Background())
	if err != nil || len(got) != 1 || got[ws.ID].String() != "2026-12-04" || len(h.entries()) != n {
		t.Fatalf("snoozes %v, %v; entries %d (was %d)", got, err, len(h.entries()), n)
	}
}

// A form submitted from a reminder's Held button continues that series,
// even with another title typed, and says so for the reminder.
func TestHeldFormContinuesTheRemindedSeries(t *testing.T) {
	h := newHarness(t)
	h.ok(`workshop KE planned 2026-11-28`)
	ws := h.last()
	h.ok(`workshop KE planned 2026-11-29`)
	h.advance(72 * time.Hour)
	r := h.core.Handle(context.Background(), commands.Request{UserID: focalKE, Source: commands.FromModal, Series: ws.ID,
		Text: `workshop KE held 2026-11-29 "Renamed" participants=30 women=12`})
	if r.Failed {
		t.Fatal(r.Text())
	}
	e := h.last()
	if e.Series != ws.ID || e.Status != ctbot.StatusHeld || e.Participants != 30 || !strings.Contains(reply.Text(r.Settled), "@"+focalKE) {
		t.Fatalf("recorded %+v; settled %q", e, reply.Text(r.Settled))
	}
	// A form from a reminder switched to another entry type records that
	// entry, and does not claim to answer the reminder.
	r = h.core.Handle(context.Background(), commands.Request{UserID: focalKE, Source: commands.FromModal, Series: ws.ID,
		Text: `log KE the workshop went well`})
	if r.Failed || r.Settled != nil {
		t.Fatalf("log from a reminder's form: %s; settled %q", r.Text(), reply.Text(r.Settled))
	}
}

// A reminder is rewritten, once answered, in its own language: a channel's
// in the digest's, whoever answers it; a direct message's in its reader's.
func TestAnAnsweredReminderKeepsItsLanguage(t *testing.T) {
	h := newHarness(t)
	h.ok(`workshop KE planned 2026-12-01 "LEA readiness"`)
	ws := h.last()
	h.ok(`workshop KE planned 2026-12-03 "Platforms"`)
	ws2 := h.last()
	h.as(focalKE, "lang ru")
	r := h.core.AnswerEvent(context.Background(), commands.Request{UserID: focalKE, Source: commands.FromButton, Keys: []string{"k1"},
		SettleLanguage: "en"}, buttonArgs(h, ws)["cancelled"])
	if s := reply.Text(r.Settled); !strings.Contains(s, "cancelled") || !strings.Contains(s, "Kenya") {
		t.Errorf("the channel's reminder now reads: %s", s)
	}
	r = h.answer(focalKE, buttonArgs(h, ws2)["cancelled"], "k2")
	if s := reply.Text(r.Settled); !strings.Contains(s, "Кения") {
		t.Errorf("the Russian reader's own reminder now reads: %s", s)
	}
}
