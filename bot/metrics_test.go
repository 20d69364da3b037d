package bot

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/metrics"
)

func TestMetrics(t *testing.T) {
	m := metrics.New()
	h := newHarness(t, func(o *Options, _ *commands.Options) {
		o.Metrics = m
	})
	h.bot.api = NewClient(h.slack.APIURL(), Secrets{BotToken: "xoxb-test-token-0000"}, h.clock, m, nil)
	h.slash("USTAFF", "log kenya one")
	h.slash("USTAFF", "log kenya one") // a repeat
	h.slash("USTAFF", "log narnia x")  // bad input
	h.slash("UOUT", "log kenya x")     // forbidden
	h.slack.Fail("chat.postMessage", http.StatusTooManyRequests, "1")
	h.event("EvM", mention("UMGR", "<@UBOT> status", "9.1"))
	h.event("EvM", mention("UMGR", "<@UBOT> status", "9.1"))
	h.waited("the Retry-After", time.Second, time.Second+retryAfterJitter)
	h.settle()

	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	text := body(t, resp)
	for _, want := range []string{
		`ctbot_commands_total{command="log",outcome="ok"} 1`,
		`ctbot_commands_total{command="log",outcome="duplicate"} 1`,
		`ctbot_commands_total{command="log",outcome="bad_input"} 1`,
		`ctbot_commands_total{command="log",outcome="forbidden"} 1`,
		`ctbot_commands_total{command="status",outcome="ok"} 1`,
		`ctbot_ack_seconds_count{kind="command"} 4`,
		`ctbot_ack_seconds_count{kind="event"} 2`,
		`ctbot_events_total{outcome="handled"} 1`,
		`ctbot_events_total{outcome="duplicate"} 1`,
		`ctbot_slack_requests_total{method="chat.postMessage",status="429"} 1`,
		`ctbot_slack_requests_total{method="chat.postMessage",status="2xx"} 1`,
		`ctbot_slack_retries_total{reason="rate_limited"} 1`,
		`ctbot_slack_api_errors_total{method="chat.postMessage"} 1`,
		"process_resident_memory_bytes",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(text, "xoxb-") {
		t.Error("metrics expose a token")
	}
	// Answers of 200 with "ok": false count as errors too.
	if _, err := NewClient(h.slack.APIURL(), Secrets{BotToken: "xoxb-invalid-token-for-tests"}, h.clock, m, nil).AuthTest(); err == nil {
		t.Fatal("auth.test with a bad token succeeded")
	}
	resp, _ = http.Get(srv.URL)
	if text := body(t, resp); !strings.Contains(text, `ctbot_slack_api_errors_total{method="auth.test"} 1`) {
		t.Error("ok=false not counted")
	}
}
