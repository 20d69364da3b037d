package bot

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/internal/fakeslack"
	"github.com/cttechplus/ctbot/internal/slackcheck"
)

func threadStarted(user, channel, thread string) map[string]any {
	return map[string]any{"type": "assistant_thread_started", "event_ts": "1.000001", "assistant_thread": map[string]any{
		"user_id": user, "channel_id": channel, "thread_ts": thread,
		"context": map[string]any{"channel_id": "C1", "team_id": "T1"}}}
}

// inThread is a message user writes in the assistant thread of channel.
func inThread(user, text, channel, thread, ts string) map[string]any {
	return map[string]any{"type": "message", "channel_type": "im", "user": user, "text": text, "channel": channel,
		"thread_ts": thread, "ts": ts, "event_ts": ts}
}

// eventFrom sends a signed event_callback for workspace team.
func (h *harness) eventFrom(team, id string, inner map[string]any) *http.Response {
	h.t.Helper()
	b, _ := json.Marshal(map[string]any{"type": "event_callback", "team_id": team, "api_app_id": "A1", "event_id": id,
		"event_time": h.clock.Now().Unix(), "event": inner})
	return h.post(PathEvents, "application/json", string(b))
}

func promptMessages(c fakeslack.Call) []string {
	var out []string
	for _, p := range c.Prompts() {
		out = append(out, p.Message)
	}
	return out
}

// TestAssistantPaneGreetsAndSuggestsFromTheFigures: opening the assistant
// pane gets a greeting in the thread and suggested prompts drawn from the
// figures, both in the user's language; the same event delivered again
// gets nothing more; moving around Slack with the pane open changes
// nothing.
func TestAssistantPaneGreetsAndSuggestsFromTheFigures(t *testing.T) {
	h := newHarness(t)
	h.slash("USTAFF", `training kenya 2026-11-20 "OSINT" trained=25 new=20`)
	h.slash("UMGR", "lang fr")
	ev := threadStarted("UMGR", "D1", "1700000100.000100")
	if resp := h.event("EvStart", ev); resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	call := h.slack.WaitFor("assistant.threads.setSuggestedPrompts", 1)[0]
	if call.Form.Get("channel_id") != "D1" || call.Form.Get("thread_ts") != "1700000100.000100" {
		t.Errorf("prompts set on %s thread %s", call.Form.Get("channel_id"), call.Form.Get("thread_ts"))
	}
	if call.Form.Get("title") != "Essayez de demander" {
		t.Errorf("prompts title %q", call.Form.Get("title"))
	}
	got := promptMessages(call)
	if !slices.Contains(got, "Kenya\u00a0: où en est-on\u202f?") || !slices.Contains(got, "Quels États sont en retard\u202f?") {
		t.Errorf("prompts %q lack the state behind or the states behind, in French", got)
	}
	for _, p := range got {
		if p == "Qu'est-ce qui est prévu dans les 14 prochains jours\u202f?" {
			t.Errorf("a prompt about what is coming up, with nothing planned")
		}
	}
	greeting := h.slack.WaitFor("chat.postMessage", 1)[0]
	if greeting.Form.Get("channel") != "D1" || greeting.Form.Get("thread_ts") != "1700000100.000100" {
		t.Errorf("greeting posted to %s thread %s", greeting.Form.Get("channel"), greeting.Form.Get("thread_ts"))
	}
	mustContain(t, greeting.Form.Get("text"), "Bonjour", "CT TECH+")

	// Delivered again: handled once.
	h.event("EvStart", ev, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")
	h.event("EvCtx", map[string]any{"type": "assistant_thread_context_changed", "event_ts": "1.000002",
		"assistant_thread": map[string]any{"user_id": "UMGR", "channel_id": "D1", "thread_ts": "1700000100.000100",
			"context": map[string]any{"channel_id": "C2", "team_id": "T1"}}})
	h.settle()
	if n, m := len(h.slack.Calls("assistant.threads.setSuggestedPrompts")), len(h.slack.Calls("chat.postMessage")); n != 1 || m != 1 {
		t.Errorf("%d prompt settings and %d messages, want 1 and 1", n, m)
	}
}

// TestAssistantThreadIsAnsweredAsADirectMessage: a question written in the
// assistant thread gets one answer, in that thread, the same as the same
// question by direct message, with a status while ctbot works; a retry
// of the same event gets no second answer.
func TestAssistantThreadIsAnsweredAsADirectMessage(t *testing.T) {
	h := newHarness(t)
	h.slash("USTAFF", `training kenya 2026-11-20 "OSINT" trained=25 new=20`)
	ev := inThread("UMGR", "How is Kenya doing?", "D1", "1700000100.000100", "1700000100.000200")
	h.event("EvAsk", ev)
	h.event("EvAsk", ev, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")
	answer := h.slack.WaitFor("chat.postMessage", 1)[0]
	if answer.Form.Get("channel") != "D1" || answer.Form.Get("thread_ts") != "1700000100.000100" {
		t.Errorf("answer posted to %s thread %s", answer.Form.Get("channel"), answer.Form.Get("thread_ts"))
	}
	mustContain(t, answer.Form.Get("text"), "Kenya — status on")
	h.settle()
	if n := len(h.slack.Calls("chat.postMessage")); n != 1 {
		t.Fatalf("%d answers to one question delivered twice", n)
	}
	// The status came first, in the thread.
	all := h.slack.Calls("")
	status := slices.IndexFunc(all, func(c fakeslack.Call) bool { return c.Method == "assistant.threads.setStatus" })
	post := slices.IndexFunc(all, func(c fakeslack.Call) bool { return c.Method == "chat.postMessage" })
	if status < 0 || status > post {
		t.Fatalf("status call at %d, answer at %d", status, post)
	}
	if s := all[status].Form; s.Get("channel_id") != "D1" || s.Get("thread_ts") != "1700000100.000100" || s.Get("status") != "is looking at the figures…" {
		t.Errorf("status %v", s)
	}

	// The same question by direct message: the same answer.
	h.event("EvDM", dm("UMGR", "How is Kenya doing?", "1700000200.000100"))
	byDM := h.slack.WaitFor("chat.postMessage", 2)[1]
	if byDM.Form.Get("text") != answer.Form.Get("text") || byDM.Form.Get("blocks") != answer.Form.Get("blocks") {
		t.Errorf("the assistant pane answered\n%s\nand a direct message\n%s", answer.Form.Get("blocks"), byDM.Form.Get("blocks"))
	}
}

// TestAssistantRefusesAnotherWorkspace: the assistant pane opened, or a
// question written in it, from outside the workspace gets the refusal,
// privately, and no prompt, status or figures.
func TestAssistantRefusesAnotherWorkspace(t *testing.T) {
	h := gatedHarness(t)
	h.slash("USTAFF", `training kenya 2026-11-20 "OSINT" trained=25 new=20`)
	h.eventFrom("T9", "EvOut1", threadStarted("UMGR", "D1", "1700000100.000100"))
	h.eventFrom("T9", "EvOut2", inThread("UMGR", "How is Kenya doing?", "D1", "1700000100.000100", "1700000100.000200"))
	// A person of another organisation, in this workspace.
	h.event("EvOut3", threadStarted("UOTHERORG", "D2", "1700000300.000100"))
	refusals := h.slack.WaitFor("chat.postEphemeral", 3)
	h.settle()
	for _, r := range refusals {
		mustContain(t, r.Form.Get("text"), "serves its own workspace only")
	}
	for _, m := range []string{"chat.postMessage", "assistant.threads.setSuggestedPrompts", "assistant.threads.setStatus"} {
		if n := len(h.slack.Calls(m)); n != 0 {
			t.Errorf("%d %s calls for requests from outside", n, m)
		}
	}
}

// TestAssistantPaneEscapesNames: names in the configuration reach the
// greeting and the suggested prompts (whose message Slack posts as the
// person's own) unable to ping, mention, link or format.
func TestAssistantPaneEscapesNames(t *testing.T) {
	cfg := hostileConfig(t)
	h := newHarness(t, func(o *Options, co *commands.Options) { co.Framework = cfg.Framework })
	h.slash("USTAFF", `training KE 2026-11-20 "OSINT" trained=25 new=20`)
	h.event("EvStart", threadStarted("UMGR", "D1", "1700000100.000100"))
	call := h.slack.WaitFor("assistant.threads.setSuggestedPrompts", 1)[0]
	ps := call.Prompts()
	if len(ps) == 0 || !strings.Contains(ps[0].Message, "Kenya") || !strings.Contains(ps[0].Message, "zqbold") {
		t.Fatalf("no prompt about Kenya, by its configured name: %+v", ps)
	}
	for _, p := range ps {
		for _, s := range []string{p.Title, p.Message} {
			if strings.ContainsAny(s, "<>") || len(slackcheck.Formatting(s)) > 0 {
				t.Errorf("prompt text %q could ping, link or format", s)
			}
		}
	}
	greeting := h.slack.WaitFor("chat.postMessage", 1)[0]
	doc, _ := json.Marshal(map[string]any{"text": greeting.Form.Get("text"), "blocks": json.RawMessage(greeting.Form.Get("blocks"))})
	if problems, err := slackcheck.Problems(doc); err != nil || len(problems) > 0 {
		t.Errorf("greeting: %v %v", problems, err)
	}
	mustContain(t, greeting.Form.Get("text"), "CT R&amp;D &lt;Pilot&gt;")
}

// TestAssistantPaneOverSocketMode: the assistant events arrive over Socket
// Mode as over HTTP: acknowledged, then handled once.
func TestAssistantPaneOverSocketMode(t *testing.T) {
	h := newHarness(t)
	stop := h.runSocketMode()
	defer stop()
	started := map[string]any{"type": "event_callback", "event_id": "EvSock1", "event": threadStarted("UMGR", "D1", "3.1")}
	asked := map[string]any{"type": "event_callback", "event_id": "EvSock2", "event": inThread("UMGR", "which states are behind?", "D1", "3.1", "3.2")}
	for i, ev := range []map[string]any{started, asked, asked} {
		env := "envA" + string(rune('0'+i))
		h.slack.SendSocket(map[string]any{"envelope_id": env, "type": "events_api", "payload": ev})
		if a := h.slack.NextAck(); a["envelope_id"] != env {
			t.Fatalf("ack for %v", a["envelope_id"])
		}
	}
	h.slack.WaitFor("assistant.threads.setSuggestedPrompts", 1)
	posts := h.slack.WaitFor("chat.postMessage", 2)
	h.settle()
	if n := len(h.slack.Calls("chat.postMessage")); n != 2 {
		t.Fatalf("%d messages, want the greeting and one answer", n)
	}
	// The greeting and the answer are handled side by side: either may come first.
	i := slices.IndexFunc(posts, func(c fakeslack.Call) bool {
		return strings.Contains(c.Form.Get("text"), "Behind — the whole programme")
	})
	if i < 0 || posts[i].Form.Get("thread_ts") != "3.1" || posts[1-i].Form.Get("thread_ts") != "3.1" {
		t.Errorf("greeting and answer not both in the thread: %q, %q", posts[0].Form.Get("text"), posts[1].Form.Get("text"))
	}
}
