package bot

import (
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
)

func TestRecordAMessageFromItsShortcut(t *testing.T) {
	h := newHarness(t)
	const ts = "1700000000.000042"
	text := "Workshop with the police in Côte d’Ivoire went well &amp; 25 came; <https://example.org/r|the report> by <@U0AUTHOR>"
	h.interact(map[string]any{"type": "message_action", "callback_id": "ct_record", "user": map[string]any{"id": "USTAFF"},
		"trigger_id": "trig.shortcut", "response_url": h.slack.ResponseURL("shortcut"), "channel": map[string]any{"id": "C9"},
		"message_ts": ts, "message": map[string]any{"ts": ts, "text": text}})
	open := h.slack.WaitFor("views.open", 1)[0]
	raw := open.Raw()
	permalink := "https://example.slack.com/archives/C9/p1700000000000042"
	mustContain(t, raw, `"trigger_id":"trig.shortcut"`,
		`"initial_value":"Workshop with the police in Côte d’Ivoire went well \u0026 25 came; the report (https://example.org/r) by @U0AUTHOR"`,
		`"initial_option":{"text":{"emoji":false,"text":"Côte d'Ivoire","type":"plain_text"},"value":"CI"}`,
		`"initial_value":"`+permalink+`"`, `"initial_value":"Slack message"`, `\"message\":\"`+ts+`\"`, `\"channel\":\"C9\"`)
	if strings.Contains(raw, `\"thread\"`) {
		t.Error("a message in no thread is answered in a thread of its own, which Slack does not show")
	}
	if c := h.slack.Calls("chat.getPermalink"); len(c) != 1 || c[0].Form.Get("channel") != "C9" || c[0].Form.Get("message_ts") != ts {
		t.Fatalf("permalink asked %v", c)
	}

	h.interact(h.submissionOf("USTAFF", "log", formMeta{Channel: "C9", Message: ts}, map[string]string{"country": "CI",
		"note": "Workshop with the police went well", "source": "Slack message", "link": permalink}))
	h.settle()
	es := h.entries()
	if len(es) != 1 || es[0].Kind != ctbot.KindLog || es[0].Country != "CI" || es[0].Link != permalink || es[0].Evidence != "Slack message" {
		t.Fatalf("entries %+v", es)
	}
	eph := h.slack.WaitFor("chat.postEphemeral", 1)[0]
	if eph.Form.Get("channel") != "C9" || eph.Form.Has("thread_ts") || eph.Form.Get("user") != "USTAFF" {
		t.Errorf("confirmation to %s thread %q for %s", eph.Form.Get("channel"), eph.Form.Get("thread_ts"), eph.Form.Get("user"))
	}
	mustContain(t, eph.Form.Get("text"), "Recorded #1 from this message")
	mustContain(t, eph.Form.Get("blocks"), "ct_undo")
	if len(h.slack.Calls("chat.postMessage")) != 0 || strings.Contains(eph.Form.Get("text"), "Recorded #1:") {
		t.Error("the confirmation was not only the private one beside the message")
	}
}

// A reply in a thread is answered in its thread, and its own permalink kept.
func TestRecordAReplyInAThread(t *testing.T) {
	h := newHarness(t)
	h.interact(map[string]any{"type": "message_action", "callback_id": "ct_record", "user": map[string]any{"id": "USTAFF"},
		"trigger_id": "trig.reply", "channel": map[string]any{"id": "C9"}, "message_ts": "1700000000.000050",
		"message": map[string]any{"ts": "1700000000.000050", "thread_ts": "1700000000.000042", "text": "Kenya: done"}})
	raw := h.slack.WaitFor("views.open", 1)[0].Raw()
	mustContain(t, raw, `\"thread\":\"1700000000.000042\"`, `"initial_value":"https://example.slack.com/archives/C9/p1700000000000050"`,
		`"initial_option":{"text":{"emoji":false,"text":"Kenya","type":"plain_text"},"value":"KE"}`)
	h.interact(h.submissionOf("USTAFF", "log", formMeta{Channel: "C9", Message: "1700000000.000050", Thread: "1700000000.000042"},
		map[string]string{"country": "KE", "note": "Kenya: done"}))
	eph := h.slack.WaitFor("chat.postEphemeral", 1)[0]
	if eph.Form.Get("thread_ts") != "1700000000.000042" {
		t.Errorf("confirmation in thread %q", eph.Form.Get("thread_ts"))
	}
	mustContain(t, eph.Form.Get("text"), "Recorded #1 from this message")
}

func TestShortcutFromAnotherWorkspaceOpensNothing(t *testing.T) {
	h := newHarness(t, func(o *Options, _ *commands.Options) { o.Identity = Identity{TeamID: "T1"} })
	h.interact(map[string]any{"type": "message_action", "callback_id": "ct_record", "user": map[string]any{"id": "UEXT", "team_id": "T2"},
		"team": map[string]any{"id": "T2"}, "trigger_id": "trig.ext", "response_url": h.slack.ResponseURL("ext"),
		"channel": map[string]any{"id": "C9"}, "message_ts": "1.2", "message": map[string]any{"ts": "1.2", "text": "Kenya news"}})
	h.settle()
	mustContain(t, h.slack.WaitFor("respond/ext", 1)[0].Raw(), "workspace")
	if n := len(h.slack.Calls("views.open")); n != 0 {
		t.Errorf("%d forms opened for another workspace", n)
	}
}
