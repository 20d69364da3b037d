package bot

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/internal/syncbuf"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/internal/wait"
	"github.com/cttechplus/ctbot/metrics"
)

func TestSocketMode(t *testing.T) {
	h := newHarness(t)
	stop := h.runSocketMode()

	// A slash command: the reply rides on the ack.
	h.slack.SendSocket(map[string]any{"envelope_id": "env1", "type": "slash_commands", "accepts_response_payload": true,
		"payload": map[string]any{"command": "/ct", "text": "log kenya met the cybercrime unit", "user_id": "USTAFF", "channel_id": "C1",
			"response_url": h.slack.ResponseURL("socket"), "trigger_id": "t1"}})
	ack := h.slack.NextAck()
	if ack["envelope_id"] != "env1" {
		t.Fatalf("ack for %v", ack["envelope_id"])
	}
	raw, _ := json.Marshal(ack["payload"])
	mustContain(t, string(raw), "Recorded #1", "ct_undo")
	if len(h.entries()) != 1 {
		t.Fatal("slash command over the socket not recorded")
	}

	// An event: acknowledged, then answered; its retry is not answered again.
	ev := map[string]any{"type": "event_callback", "event_id": "EvS1", "event": mention("UMGR", "<@UBOT> how is Kenya doing?", "2.1")}
	h.slack.SendSocket(map[string]any{"envelope_id": "env2", "type": "events_api", "payload": ev})
	if a := h.slack.NextAck(); a["envelope_id"] != "env2" {
		t.Fatalf("ack for %v", a["envelope_id"])
	}
	post := h.slack.WaitFor("chat.postMessage", 1)[0]
	mustContain(t, post.Form.Get("text"), "Kenya — status on")
	h.slack.SendSocket(map[string]any{"envelope_id": "env3", "type": "events_api", "payload": ev, "retry_attempt": 1, "retry_reason": "timeout"})
	h.slack.NextAck()

	// A form submission with an error: the errors ride on the ack.
	sub := h.submission("USTAFF", "training", map[string]string{"country": "KE", "date": "2026-11-20", "title": "OSINT", "trained": "5", "women": "6"})
	h.slack.SendSocket(map[string]any{"envelope_id": "env4", "type": "interactive", "payload": sub})
	ack = h.slack.NextAck()
	raw, _ = json.Marshal(ack["payload"])
	mustContain(t, string(raw), `"response_action":"errors"`, `"women":"women=6 is more than trained=5.`)

	h.settle()
	if n := len(h.slack.Calls("chat.postMessage")); n != 1 {
		t.Errorf("%d answers; the retried event must not be answered twice", n)
	}
	if calls := h.slack.Calls("apps.connections.open"); len(calls) == 0 || !strings.HasPrefix(calls[0].Token, "xapp-") {
		t.Errorf("socket opened without the app-level token")
	}
	stop()
}

// runSocketMode runs the bot in Socket Mode against the fake Slack; stop
// cancels it and checks that it stops, without an error.
func (h *harness) runSocketMode() (stop func()) {
	h.bot.api = slack.New("xoxb-test-token-0000", slack.OptionAPIURL(h.slack.APIURL()), slack.OptionAppLevelToken("xapp-1-test-0000"))
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- h.bot.RunSocketMode(ctx) }()
	return func() {
		h.t.Helper()
		cancel()
		select {
		case err := <-stopped:
			if err != nil {
				h.t.Errorf("RunSocketMode after cancel: %v", err)
			}
		case <-time.After(wait.Deadline):
			h.t.Error("RunSocketMode did not stop on cancel")
		}
	}
}

// When Slack disables the Socket Mode link (Socket Mode turned off in the
// app's settings), ctbot says so once, counts it, shows it in SocketState
// and connects again only after a backoff (slack-go would at once, forever).
func TestSocketModeLinkDisabledBacksOff(t *testing.T) {
	m := metrics.New()
	logs := &syncbuf.Buffer{}
	h := newHarness(t, func(o *Options, _ *commands.Options) { o.Metrics = m; o.Log = slog.New(slog.NewTextHandler(logs, nil)) })
	h.bot.api = slack.New("xoxb-test-token-0000", slack.OptionAPIURL(h.slack.APIURL()), slack.OptionAppLevelToken("xapp-1-test-0000"))
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- h.bot.RunSocketMode(ctx) }()
	defer func() {
		cancel()
		if err := <-stopped; err != nil {
			t.Errorf("RunSocketMode: %v", err)
		}
	}()
	h.slack.SendSocket(map[string]any{"type": "disconnect", "reason": "link_disabled", "debug_info": map[string]any{"host": "wss-test"}})
	if !h.clock.WaitTimers(1) {
		t.Fatal("no backoff after link_disabled")
	}
	if st := h.bot.SocketState(); !st.Disabled || st.Reason != "link_disabled" || st.Retry.Sub(st.Since) != linkBackoffMin {
		t.Errorf("state %+v", st)
	}
	if n := len(h.slack.Calls("apps.connections.open")); n != 1 {
		t.Errorf("%d connections before the backoff passed", n)
	}
	h.clock.Advance(linkBackoffMin)
	h.slack.WaitFor("apps.connections.open", 2)
	wait.For(t, "the link enabled once Slack greeted the new connection", func() bool { return !h.bot.SocketState().Disabled })
	if n := strings.Count(logs.String(), "link_disabled"); n != 1 {
		t.Errorf("link_disabled logged %d times:\n%s", n, logs.String())
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	mustContain(t, rec.Body.String(), `ctbot_socket_disconnects_total{reason="link_disabled"} 1`)
}
