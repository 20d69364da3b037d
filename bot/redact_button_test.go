package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/commands"
)

// redactTooButton is the value of the button that redacts the other
// entries holding the same text (a danger button that asks first), in a
// message of blocks given as JSON; "" if there is none.
func redactTooButton(t *testing.T, raw string) string {
	t.Helper()
	var m struct {
		Blocks []struct {
			Elements []struct {
				ActionID string         `json:"action_id"`
				Style    string         `json:"style"`
				Value    string         `json:"value"`
				Confirm  map[string]any `json:"confirm"`
			} `json:"elements"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatal(err)
	}
	for _, b := range m.Blocks {
		for _, e := range b.Elements {
			if e.ActionID == "ct_run" && e.Style == "danger" && e.Confirm != nil && strings.HasPrefix(e.Value, "redact ") {
				return e.Value
			}
		}
	}
	return ""
}

// TestRedactTooButtonRunsTheCommandOncePerClick: the reply to a redaction
// offers a button (danger, with a confirmation) that redacts the other
// entries holding the same text; clicking it runs that command as the
// person who clicks, through the core, and a click Slack delivers twice
// redacts once.
func TestRedactTooButtonRunsTheCommandOncePerClick(t *testing.T) {
	h := newHarness(t)
	var ids []int64
	for _, text := range []string{"log kenya call Jane Roe on +254 700 123 456", "log kenya Jane Roe's number: +254 700 123 456"} {
		h.seq++
		r := h.core.Handle(context.Background(), commands.Request{UserID: "USTAFF", Text: text})
		if r.Failed {
			t.Fatal(r.Text())
		}
		ids = append(ids, r.EntryID)
	}
	resp := h.slash("UCOORD", fmt.Sprintf("redact %d a phone number", ids[0]))
	h.settle()
	msgs := []string{body(t, resp)}
	for _, c := range h.slack.Calls("respond/slash") { // if it took longer than the acknowledgement
		raw, _ := json.Marshal(c.JSON)
		msgs = append(msgs, string(raw))
	}
	button := ""
	for _, raw := range msgs {
		if button == "" && strings.HasPrefix(raw, "{") {
			button = redactTooButton(t, raw)
		}
	}
	if want := fmt.Sprintf("redact %d same text as #%d", ids[1], ids[0]); button != want {
		t.Fatalf("the button runs %q, want %q:\n%s", button, want, msgs)
	}
	click := map[string]any{"type": "block_actions", "user": map[string]any{"id": "UCOORD"}, "trigger_id": "trig.redact-too",
		"response_url": h.slack.ResponseURL("click"), "actions": []map[string]any{{"action_id": "ct_run", "block_id": "ct_actions_9", "value": button, "type": "button"}}}
	for range 2 { // Slack delivers the click twice
		h.interact(click)
		h.settle()
	}
	redactions := 0
	trail, err := h.db.Audit(context.Background(), ids[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range trail {
		if r.Action == "redact" {
			redactions++
			if r.Actor != "UCOORD" {
				t.Errorf("redacted as %s", r.Actor)
			}
		}
	}
	if redactions != 1 {
		t.Errorf("%d redactions of #%d for one click", redactions, ids[1])
	}
	replies := h.slack.Calls("respond/click")
	if len(replies) == 0 {
		t.Fatal("the click was not answered")
	}
	raw, _ := json.Marshal(replies[0].JSON)
	mustContain(t, string(raw), fmt.Sprintf("Redacted #%d", ids[1]))
}
