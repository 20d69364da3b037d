package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/slack-go/slack/slackevents"
)

func mention(user, text, ts string) map[string]any {
	return map[string]any{"type": "app_mention", "user": user, "text": text, "channel": "C1", "ts": ts, "event_ts": ts}
}

func dm(user, text, ts string) map[string]any {
	return map[string]any{"type": "message", "channel_type": "im", "user": user, "text": text, "channel": "D1", "ts": ts, "event_ts": ts}
}

func TestMentionIsAnsweredInItsThread(t *testing.T) {
	h := newHarness(t)
	h.slash("USTAFF", `training kenya 2026-11-20 "OSINT" trained=25 new=20`)
	resp := h.event("Ev1", mention("UMGR", "<@UBOT> how is Kenya doing?", "1700000001.000100"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	post := h.slack.WaitFor("chat.postMessage", 1)[0]
	if post.Form.Get("channel") != "C1" || post.Form.Get("thread_ts") != "1700000001.000100" {
		t.Errorf("posted to %s thread %s", post.Form.Get("channel"), post.Form.Get("thread_ts"))
	}
	mustContain(t, post.Form.Get("text"), "Kenya — status on")
	mustContain(t, post.Form.Get("blocks"), "Investigators trained", "20 of 40")
	// A mention inside a thread is answered in that thread.
	h.event("Ev2", map[string]any{"type": "app_mention", "user": "UMGR", "text": "<@UBOT> what's coming up?", "channel": "C1",
		"ts": "1700000002.000200", "thread_ts": "1700000001.000100"})
	post = h.slack.WaitFor("chat.postMessage", 2)[1]
	if post.Form.Get("thread_ts") != "1700000001.000100" {
		t.Errorf("thread reply went to %s", post.Form.Get("thread_ts"))
	}
	mustContain(t, post.Form.Get("text"), "Coming up")
}

func TestDirectMessagesAreAnsweredAndCanRecord(t *testing.T) {
	h := newHarness(t)
	h.event("Ev1", dm("UMGR", "which countries are behind?", "1.000001"))
	post := h.slack.WaitFor("chat.postMessage", 1)[0]
	if post.Form.Get("channel") != "D1" || post.Form.Get("thread_ts") != "1.000001" {
		t.Errorf("DM answer went to %s / %s", post.Form.Get("channel"), post.Form.Get("thread_ts"))
	}
	mustContain(t, post.Form.Get("text"), "Behind — the whole programme")
	h.event("Ev2", dm("USTAFF", "log kenya met the prosecutors", "1.000002"))
	post = h.slack.WaitFor("chat.postMessage", 2)[1]
	mustContain(t, post.Form.Get("text"), "Recorded #1")
	mustContain(t, post.Form.Get("blocks"), "ct_undo")
	// Outsiders get a plain refusal, not the data.
	h.event("Ev3", dm("UOUT", "how is Kenya doing?", "1.000003"))
	post = h.slack.WaitFor("chat.postMessage", 3)[2]
	mustContain(t, post.Form.Get("text"), "not allowed to read")
}

func TestBotAndSystemMessagesAreIgnored(t *testing.T) {
	h := newHarness(t)
	ignored := []map[string]any{
		{"type": "message", "channel_type": "im", "user": "UBOT", "text": "status", "channel": "D1", "ts": "1.1"},
		{"type": "message", "channel_type": "im", "bot_id": "BOTHER", "user": "UOTHERBOT", "text": "status", "channel": "D1", "ts": "1.2"},
		{"type": "message", "channel_type": "im", "subtype": "message_changed", "channel": "D1", "ts": "1.3"},
		{"type": "message", "channel_type": "channel", "user": "UMGR", "text": "status", "channel": "C1", "ts": "1.4"},
		{"type": "app_mention", "bot_id": "BOTHER", "user": "UOTHERBOT", "text": "<@UBOT> status", "channel": "C1", "ts": "1.5"},
		{"type": "reaction_added", "user": "UMGR", "reaction": "+1", "item": map[string]any{"type": "message", "channel": "C1", "ts": "1.0"}},
	}
	for i, ev := range ignored {
		if resp := h.event("EvIgnored"+string(rune('A'+i)), ev); resp.StatusCode != http.StatusOK {
			t.Errorf("event %d: status %d; every delivery must be acknowledged", i, resp.StatusCode)
		}
	}
	// An unknown event type is acknowledged too.
	if resp := h.event("EvUnknown", map[string]any{"type": "something_new_from_slack", "user": "U1"}); resp.StatusCode != http.StatusOK {
		t.Errorf("unknown event: %d", resp.StatusCode)
	}
	h.settle()
	if n := len(h.slack.Calls("chat.postMessage")); n != 0 {
		t.Errorf("bot answered %d ignored messages", n)
	}
}

func TestRetriedEventsAreHandledOnceAlsoAcrossARestart(t *testing.T) {
	h := newHarness(t)
	ev := mention("UMGR", "<@UBOT> status", "1.5")
	h.event("EvSame", ev)
	h.event("EvSame", ev, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")
	h.event("EvSame", ev, "X-Slack-Retry-Num", "2", "X-Slack-Retry-Reason", "http_timeout")
	h.settle()
	if n := len(h.slack.Calls("chat.postMessage")); n != 1 {
		t.Fatalf("%d answers to one event delivered three times", n)
	}
	// A new bot on the same database (a restart) still knows the event.
	restarted := New(Options{Core: h.core, API: h.bot.api, Events: h.db, BotUserID: "UBOT", Clock: h.clock})
	restarted.Event(parseEvent(t, "EvSame", ev))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := restarted.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(h.slack.Calls("chat.postMessage")); n != 1 {
		t.Errorf("answered again after a restart: %d answers", n)
	}
	// A different event ID is a new question.
	h.event("EvOther", ev)
	h.slack.WaitFor("chat.postMessage", 2)
}

func TestAppHomeIsPublished(t *testing.T) {
	h := newHarness(t)
	h.slash("USTAFF", "log kenya met the unit")
	h.event("EvHome", map[string]any{"type": "app_home_opened", "user": "USTAFF", "channel": "D1", "tab": "home"})
	call := h.slack.WaitFor("views.publish", 1)[0]
	if call.JSON["user_id"] != "USTAFF" {
		t.Errorf("published for %v", call.JSON["user_id"])
	}
	view, _ := call.JSON["view"].(map[string]any)
	blocks, _ := view["blocks"].([]any)
	if view["type"] != "home" || len(blocks) == 0 || len(blocks) > 100 {
		t.Fatalf("view type %v with %d blocks", view["type"], len(blocks))
	}
	raw := call.Raw()
	mustContain(t, raw, "CT TECH+ at a glance", "investigators-trained", "░", "no data", "Your recent entries", "met the unit", "Quiet for 21 days")
	// The messages tab does not trigger a publish.
	h.event("EvHome2", map[string]any{"type": "app_home_opened", "user": "USTAFF", "channel": "D1", "tab": "messages"})
	h.settle()
	if n := len(h.slack.Calls("views.publish")); n != 1 {
		t.Errorf("%d publishes", n)
	}
}

// TestWebAPIHonoursRetryAfterAndRetries5xx: a 429 is retried after its
// Retry-After, a 5xx after a backoff, both on the bot's clock; four
// failures in a row give up.
func TestWebAPIHonoursRetryAfterAndRetries5xx(t *testing.T) {
	h := newHarness(t)
	h.slack.Fail("chat.postMessage", http.StatusTooManyRequests, "1")
	h.slack.Fail("chat.postMessage", http.StatusServiceUnavailable, "")
	h.event("Ev429", mention("UMGR", "<@UBOT> status", "1.7"))
	h.waited("the Retry-After of the 429", time.Second, time.Second+retryAfterJitter)
	h.waited("the backoff after the 503", retryBackoffMin, retryBackoffMin+retryBackoffJitter)
	h.slack.WaitFor("chat.postMessage", 1)
	if failed := len(h.slack.Calls("chat.postMessage (failed)")); failed != 2 {
		t.Errorf("%d failed attempts, want 2", failed)
	}
	// Retries are bounded: four failures in a row give up.
	for range 4 {
		h.slack.Fail("chat.postMessage", http.StatusInternalServerError, "")
	}
	h.event("Ev5xx", mention("UMGR", "<@UBOT> status", "1.8"))
	for i := range maxRetries {
		backoff := retryBackoffMin << i
		h.waited(fmt.Sprintf("backoff %d", i+1), backoff, backoff+retryBackoffJitter)
	}
	h.settle()
	if n := len(h.slack.Calls("chat.postMessage")); n != 1 {
		t.Errorf("%d successful posts, want 1 (the second gave up)", n)
	}
	if failed := len(h.slack.Calls("chat.postMessage (failed)")); failed != 6 {
		t.Errorf("%d failed attempts in all, want 2 + 4", failed)
	}
}

func parseEvent(t *testing.T, id string, inner map[string]any) slackevents.EventsAPIEvent {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"type": "event_callback", "event_id": id, "event": inner})
	ev, err := slackevents.ParseEvent(b, slackevents.OptionNoVerifyToken())
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// TestMentionAnswersOnlyFiguresInTheChannel: in a channel (which may be
// shared with another organisation) a mention is answered in its thread
// only with figures; history (entries' text), roles, audit trails and the
// confirmation of a change go to the asker alone, as an ephemeral message
// (in the thread only when the mention was in one), never posted.
func TestMentionAnswersOnlyFiguresInTheChannel(t *testing.T) {
	h := newHarness(t)
	h.slash("USTAFF", `log kenya met the unit, call +254 700 000000`)
	private := []struct{ user, text, want string }{
		{"UCOORD", "<@UBOT> history kenya", "+254 700 000000"},
		{"UCOORD", "<@UBOT> access list", "UCOORD"},
		{"USTAFF", `<@UBOT> amend 1 note="met the unit" reason="remove phone"`, "Amended #1"},
		{"USTAFF", "<@UBOT> log kenya second meeting", "Recorded #2"},
	}
	for i, p := range private {
		ts := "1700000010.00000" + string(rune('0'+i))
		h.event("EvP"+string(rune('0'+i)), mention(p.user, p.text, ts))
		eph := h.slack.WaitFor("chat.postEphemeral", i+1)[i]
		if eph.Form.Get("channel") != "C1" || eph.Form.Get("user") != p.user || eph.Form.Get("thread_ts") != "" {
			t.Errorf("%q: ephemeral to %s/%s thread %q", p.text, eph.Form.Get("channel"), eph.Form.Get("user"), eph.Form.Get("thread_ts"))
		}
		mustContain(t, readable(eph.Form.Get("text")+eph.Form.Get("blocks")), p.want)
	}
	// In a thread, the private answer stays in that thread.
	h.event("EvT", map[string]any{"type": "app_mention", "user": "UCOORD", "text": "<@UBOT> history", "channel": "C1",
		"ts": "1700000020.000200", "thread_ts": "1700000001.000100"})
	if eph := h.slack.WaitFor("chat.postEphemeral", len(private)+1)[len(private)]; eph.Form.Get("thread_ts") != "1700000001.000100" {
		t.Errorf("private answer in a thread went to thread %q", eph.Form.Get("thread_ts"))
	}
	// Figures stay in the thread.
	h.event("EvS", mention("UMGR", "<@UBOT> status kenya", "1700000030.000300"))
	post := h.slack.WaitFor("chat.postMessage", 1)[0]
	if post.Form.Get("channel") != "C1" || post.Form.Get("thread_ts") != "1700000030.000300" {
		t.Errorf("status went to %s thread %s", post.Form.Get("channel"), post.Form.Get("thread_ts"))
	}
	h.settle()
	for _, c := range h.slack.Calls("chat.postMessage") {
		if c.Form.Get("channel") == "C1" && c.Form.Get("thread_ts") != "1700000030.000300" {
			t.Errorf("posted in the channel: %s", c.Form.Get("text"))
		}
	}
}
