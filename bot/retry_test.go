package bot

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/metrics"
)

// A Retry-After is honoured in full, on ctbot's clock, when the call has
// the time (it used to be cut to 30 s and retried early), and given up at
// once, logged and counted, when it has not; a call tied to a trigger is
// never retried, and a call cancelled while it waits is not retried.
func TestRetryAfterIsHonouredOrGivenUp(t *testing.T) {
	var logs bytes.Buffer
	m := metrics.New()
	clock := fakeclock.At("2026-11-27T09:00:00Z")
	cfg := RetryConfig(clock, m, slog.New(slog.NewTextHandler(&logs, nil)))
	resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"60"}}}
	ask := func(ctx context.Context) <-chan bool {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://slack.com/api/chat.postMessage", strings.NewReader("x"))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("x")), nil }
		answer := make(chan bool, 1)
		go func() {
			for _, h := range cfg.Handlers {
				if retry, wait := h.ShouldRetry(&slack.RetryState{MaxRetries: maxRetries}, req, resp, nil); retry {
					if wait != 0 {
						t.Errorf("slack-go is left to wait %v on its own timer", wait)
					}
					answer <- true
					return
				}
			}
			answer <- false
		}()
		return answer
	}
	answered := func(answer <-chan bool) bool {
		select {
		case <-answer:
			return true
		default:
			return false
		}
	}
	retried := ask(context.Background())
	if !clock.WaitTimers(1) {
		t.Fatal("no wait before the retry")
	}
	next, _ := clock.Next()
	if wait := next.Sub(clock.Now()); wait < 60*time.Second || wait > 60*time.Second+retryAfterJitter || answered(retried) {
		t.Errorf("waits %v before the retry; Slack asked for 60 s", wait)
	}
	clock.Set(next)
	if !<-retried {
		t.Error("with time to spare: not retried")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if <-ask(ctx) {
		t.Error("with 30 s left: retried")
	}
	mustContain(t, logs.String(), "not retried", "method=chat.postMessage", "wait=1m0s", "left=")
	if <-ask(oneTry(context.Background())) {
		t.Error("a call tied to a trigger is retried")
	}
	ctx, cancel = context.WithCancel(context.Background())
	waiting := ask(ctx)
	if !clock.WaitTimers(1) {
		t.Fatal("no wait before the retry")
	}
	cancel()
	if <-waiting {
		t.Error("a call cancelled while it waited is retried")
	}
	if n := clock.Timers(); n != 0 {
		t.Errorf("%d timers left", n)
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	mustContain(t, rec.Body.String(), `ctbot_slack_retries_total{reason="rate_limited"} 1`, `ctbot_slack_retries_total{reason="rate_limited_given_up"} 1`)
}
