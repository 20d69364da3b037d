package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// reminder records an event planned in Kenya and returns it with the
// reminder's buttons as Slack gets them.
func (h *harness) reminder(cmd string) (*ctbot.Entry, string) {
	h.t.Helper()
	if r := h.core.Handle(context.Background(), commands.Request{UserID: "USTAFF", Text: cmd}); r.Failed {
		h.t.Fatal(r.Text())
	}
	e := h.entries()[0]
	_, blocks := Render(reply.Doc{reply.Para{Text: reply.Plain("Reminder")}, commands.EventActions(h.core.Loc(""), e)})
	raw, err := json.Marshal(blocks)
	if err != nil {
		h.t.Fatal(err)
	}
	return e, string(raw)
}

// clickReminder clicks a reminder's button (or picks a date, if date is
// set) in message 1700000000.000001 of DM D1, as user, with trigger ID trigger.
func (h *harness) clickReminder(user, trigger, value, date string) {
	h.t.Helper()
	// Buttons after the first carry their place in their action ID, as rendered.
	id := map[string]string{"held": "ct_event", "cancelled": "ct_event/2", "snooze": "ct_event/3"}[value[strings.LastIndex(value, "/")+1:]]
	action := map[string]any{"action_id": id, "block_id": "ct_actions_1", "value": value, "type": "button"}
	if date != "" {
		action = map[string]any{"action_id": "ct_event/" + value, "block_id": "ct_actions_1", "selected_date": date, "type": "datepicker"}
	}
	h.interact(map[string]any{"type": "block_actions", "user": map[string]any{"id": user}, "trigger_id": trigger,
		"response_url": h.slack.ResponseURL("event-" + user),
		"container":    map[string]any{"type": "message", "channel_id": "D1", "message_ts": "1700000000.000001"},
		"channel":      map[string]any{"id": "D1"}, "message": map[string]any{"ts": "1700000000.000001"},
		"actions": []map[string]any{action}})
	h.settle()
}

func TestReminderCarriesItsButtons(t *testing.T) {
	h := newHarness(t)
	e, raw := h.reminder(`workshop KE planned 2026-12-01 "LEA readiness"`)
	arg := fmt.Sprintf("%d/2026-12-01/", e.ID)
	mustContain(t, raw, `"text":"Held","emoji":false},"action_id":"ct_event","value":"`+arg+`held","style":"primary"`,
		`{"type":"datepicker","action_id":"ct_event/`+arg+`postponed","placeholder":{"type":"plain_text","text":"Postponed…"`,
		`"action_id":"ct_event/2","value":"`+arg+`cancelled","confirm":{"title":{"type":"plain_text","text":"Record as cancelled?"`,
		`"text":"Remind me next week","emoji":false},"action_id":"ct_event/3","value":"`+arg+`snooze"`)
	for _, id := range []string{"ct_event/" + arg + "postponed", "ct_event/3"} {
		if intentOf(id) != reply.IntentEventAnswer {
			t.Errorf("action ID %s is not read back as an answer", id)
		}
	}
	// Slack refuses a block whose elements share an action ID.
	var blocks []struct {
		Elements []struct {
			ActionID string `json:"action_id"`
		} `json:"elements"`
	}
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		seen := map[string]bool{}
		for _, el := range b.Elements {
			if seen[el.ActionID] {
				t.Errorf("action ID %s twice in one block", el.ActionID)
			}
			seen[el.ActionID] = true
		}
	}
}

func TestPostponedFromAReminderUpdatesItOnce(t *testing.T) {
	h := newHarness(t)
	e, _ := h.reminder(`workshop KE planned 2026-12-01`)
	for range 3 { // one pick, delivered three times
		h.clickReminder("USTAFF2", "trig.pick", fmt.Sprintf("%d/2026-12-01/postponed", e.ID), "2026-12-15")
	}
	es := h.entries()
	if len(es) != 2 || es[0].Status != ctbot.StatusPostponed || es[0].Series != e.ID || es[0].UserID != "USTAFF2" {
		t.Fatalf("entries %d, latest %+v", len(es), es[0])
	}
	updates := h.slack.WaitFor("chat.update", 3)
	for _, u := range updates {
		if u.Form.Get("channel") != "D1" || u.Form.Get("ts") != "1700000000.000001" {
			t.Errorf("updated %s/%s, not the reminder", u.Form.Get("channel"), u.Form.Get("ts"))
		}
		mustContain(t, u.Form.Get("blocks"), "postponed to", "15 Dec 2026", "#2", "\\u003c@USTAFF2\\u003e")
		if strings.Contains(u.Form.Get("blocks"), `"actions"`) || strings.Contains(u.Form.Get("blocks"), "ct_event") {
			t.Errorf("the answered reminder still has buttons: %s", u.Form.Get("blocks"))
		}
	}
	answers := h.slack.WaitFor("respond/event-USTAFF2", 3)
	mustContain(t, answers[0].Raw(), "Recorded #2")
	mustContain(t, answers[2].Raw(), "Already recorded as #2")
	if answers[0].JSON["replace_original"] == true {
		t.Error("the answer replaced the reminder through response_url; it is updated by chat.update")
	}
	// Another copy of the reminder, clicked later, is refused and then
	// says what was recorded.
	h.clickReminder("USTAFF", "trig.late", fmt.Sprintf("%d/2026-12-01/cancelled", e.ID), "")
	mustContain(t, h.slack.WaitFor("respond/event-USTAFF", 1)[0].Raw(), "out of date")
	late := h.slack.WaitFor("chat.update", 4)[3]
	mustContain(t, late.Form.Get("blocks"), "postponed to", "#2", "USTAFF2")
	if n := len(h.entries()); n != 2 {
		t.Errorf("%d entries after a late click, want 2", n)
	}
}

func TestReminderButtonRefusedWithoutPermission(t *testing.T) {
	h := newHarness(t)
	e, _ := h.reminder(`kickoff KE planned 2026-12-01`)
	h.clickReminder("UOUT", "trig.out", fmt.Sprintf("%d/2026-12-01/cancelled", e.ID), "")
	h.clickReminder("UOUT", "trig.out2", fmt.Sprintf("%d/2026-12-01/held", e.ID), "")
	mustContain(t, h.slack.WaitFor("respond/event-UOUT", 2)[1].Raw(), "not allowed to record entries for Kenya")
	if n := len(h.entries()); n != 1 {
		t.Errorf("%d entries after refused clicks", n)
	}
	if n := len(h.slack.Calls("chat.update")) + len(h.slack.Calls("views.open")); n != 0 {
		t.Errorf("%d updates or forms after refused clicks", n)
	}
}

func TestHeldFromAReminderOpensTheFormAndUpdatesTheReminder(t *testing.T) {
	h := newHarness(t)
	e, _ := h.reminder(`workshop KE planned 2026-11-28 "Platforms"`)
	h.core.Handle(context.Background(), commands.Request{UserID: "USTAFF", Text: `workshop KE planned 2026-11-29`})
	h.clock.Advance(72 * time.Hour)
	h.clickReminder("USTAFF2", "trig.held", fmt.Sprintf("%d/2026-11-28/held", e.ID), "")
	open := h.slack.WaitFor("views.open", 1)[0]
	raw := open.Raw()
	mustContain(t, raw, `trig.held`, `\"series\":`+fmt.Sprint(e.ID), `\"ts\":\"1700000000.000001\"`, `"initial_date":"2026-11-28"`,
		`"initial_value":"Platforms"`, `"block_id":"participants"`, `"initial_option":{"text":{"emoji":false,"text":"Kenya","type":"plain_text"},"value":"KE"}`,
		`"initial_option":{"text":{"emoji":false,"text":"Held","type":"plain_text"},"value":"held"}`)
	if len(h.slack.Calls("chat.update")) != 0 {
		t.Fatal("the reminder was updated before anything was recorded")
	}
	meta := formMeta{Channel: "D1", Series: e.ID, TS: "1700000000.000001"}
	h.interact(h.submissionOf("USTAFF2", "workshop", meta, map[string]string{"country": "KE", "status": "held", "date": "2026-11-29",
		"title": "Platforms", "participants": "30", "women": "12"}))
	h.settle()
	got := h.entries()[0]
	if got.Series != e.ID || got.Status != ctbot.StatusHeld || got.Participants != 30 || got.UserID != "USTAFF2" {
		t.Fatalf("recorded %+v", got)
	}
	u := h.slack.WaitFor("chat.update", 1)[0]
	mustContain(t, u.Form.Get("blocks"), "held on", "#3", "USTAFF2")
}

func TestRemindMeNextWeekFromAReminder(t *testing.T) {
	h := newHarness(t)
	e, _ := h.reminder(`kickoff KE planned 2026-12-01`)
	for range 2 { // one click, delivered twice
		h.clickReminder("USTAFF", "trig.snooze", fmt.Sprintf("%d/2026-12-01/snooze", e.ID), "")
	}
	got, err := h.db.Snoozes(context.Background())
	if err != nil || len(got) != 1 || got[e.ID].String() != "2026-12-04" {
		t.Fatalf("snoozes %v, %v", got, err)
	}
	for _, u := range h.slack.WaitFor("chat.update", 2) {
		mustContain(t, u.Form.Get("blocks"), "asked to be reminded again on Fri 4 Dec 2026", "\\u003c@USTAFF\\u003e")
	}
	mustContain(t, h.slack.WaitFor("respond/event-USTAFF", 1)[0].Raw(), "ctbot will ask again on Fri 4 Dec 2026")
	if n := len(h.entries()); n != 1 {
		t.Errorf("%d entries after a snooze, want 1", n)
	}
}
