package bot

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
)

// A call tied to a trigger is tried once: a retry would come after the
// trigger expired, and a slash command waits for its form before it is
// acknowledged (3 × 500 used to ack at 3.7 s, a 429 with Retry-After 5 at
// 5 s).
func TestFormTriggerIsTriedOnce(t *testing.T) {
	for _, fail := range []struct {
		status     int
		retryAfter string
	}{{http.StatusInternalServerError, ""}, {http.StatusTooManyRequests, "5"}} {
		h := newHarness(t)
		for range 3 {
			h.slack.Fail("views.open", fail.status, fail.retryAfter)
		}
		mustContain(t, ackOf(t, h.slash("USTAFF", "log")).Text, "I could not open the form")
		if n, ok := len(h.slack.Calls("views.open (failed)")), len(h.slack.Calls("views.open")); n != 1 || ok != 0 {
			t.Errorf("%d: views.open tried %d times, %d answered", fail.status, n, ok)
		}
	}
}

// A views.open Slack does not answer is given up when the trigger's budget
// is spent, and the slash command acknowledged with what to do instead.
func TestFormTriggerHasABudget(t *testing.T) {
	h := newHarness(t)
	h.slack.Hold("views.open")
	resps := make(chan *http.Response, 1)
	go func() { resps <- h.slash("USTAFF", "log") }()
	h.slack.WaitFor("views.open", 1)
	if !h.clock.WaitTimers(2) { // the ack budget's and the trigger's
		t.Fatal("no trigger budget set")
	}
	h.clock.Advance(triggerBudget)
	mustContain(t, ackOf(t, <-resps).Text, "I could not open the form", "no answer within 2.5s")
}

// The shortcut's calls before its form opens (the permalink) are tried
// once too, and a form that cannot open is said through response_url.
func TestShortcutCallsAreTriedOnce(t *testing.T) {
	h := newHarness(t)
	for range 3 {
		h.slack.Fail("chat.getPermalink", http.StatusInternalServerError, "")
		h.slack.Fail("views.open", http.StatusInternalServerError, "")
	}
	h.interact(map[string]any{"type": "message_action", "callback_id": "ct_record", "user": map[string]any{"id": "USTAFF"},
		"trigger_id": "trig.s", "response_url": h.slack.ResponseURL("shortcut"), "channel": map[string]any{"id": "C9"},
		"message_ts": "1.2", "message": map[string]any{"ts": "1.2", "text": "Kenya news"}})
	mustContain(t, h.slack.WaitFor("respond/shortcut", 1)[0].Raw(), "I could not open the form")
	h.settle()
	if p, v := len(h.slack.Calls("chat.getPermalink (failed)")), len(h.slack.Calls("views.open (failed)")); p != 1 || v != 1 {
		t.Errorf("permalink tried %d times, views.open %d", p, v)
	}
}

// gatedRecords holds every write until its gate opens (the write lock held
// by a long import); then it fails with err, if set.
type gatedRecords struct {
	commands.Store
	gate chan struct{}
	err  error
}

func (s *gatedRecords) Record(ctx context.Context, e *ctbot.Entry, o ctbot.WriteOptions) (*ctbot.Entry, error) {
	select {
	case <-s.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if s.err != nil {
		return nil, s.err
	}
	return s.Store.Record(ctx, e, o)
}

// A form submission whose write outlasts the ack budget closes the form at
// once (Slack waits 3 s); the outcome follows as the confirmation would,
// a failure too. Errors found in time still show next to their field.
func TestSlowFormSubmissionClosesAndTellsTheOutcome(t *testing.T) {
	store := &gatedRecords{gate: make(chan struct{})}
	h := newHarness(t, func(_ *Options, co *commands.Options) { store.Store = co.Store; co.Store = store })
	resp := h.pastBudget(func() *http.Response {
		return h.interact(h.submission("USTAFF", "log", map[string]string{"country": "KE", "note": "met the unit"}))
	})
	if b := body(t, resp); resp.StatusCode != http.StatusOK || b != "" {
		t.Fatalf("the form was answered %d %q, not closed", resp.StatusCode, b)
	}
	if n := len(h.slack.Calls("chat.postEphemeral")); n != 0 {
		t.Fatalf("%d confirmations before the entry was written", n)
	}
	close(store.gate)
	mustContain(t, h.slack.WaitFor("chat.postEphemeral", 1)[0].Form.Get("text"), "Recorded #1")
	if es := h.entries(); len(es) != 1 || es[0].Note != "met the unit" {
		t.Errorf("entries = %+v", es)
	}

	// A write that fails after the form closed is told, not lost.
	store.gate, store.err = make(chan struct{}), errors.New("disk full")
	h.pastBudget(func() *http.Response {
		return h.interact(h.submission("USTAFF", "log", map[string]string{"country": "GH", "note": "second"}))
	})
	close(store.gate)
	mustContain(t, h.slack.WaitFor("chat.postEphemeral", 2)[1].Form.Get("text"), "Something went wrong", "nothing was recorded")

	// An error found fast keeps the form open, next to its field.
	b := body(t, h.interact(h.submission("USTAFF", "training", map[string]string{"country": "KE", "date": "2026-11-20", "title": "OSINT", "trained": "5", "women": "6"})))
	mustContain(t, b, `"response_action":"errors"`, `"women":`)
}
