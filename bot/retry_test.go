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

	"github.com/cttechplus/ctbot/metrics"
)

// A Retry-After is honoured in full when the call has the time (it used to
// be cut to 30 s and retried early), and given up at once, logged and
// counted, when it has not; a call tied to a trigger is never retried.
func TestRetryAfterIsHonouredOrGivenUp(t *testing.T) {
	var logs bytes.Buffer
	m := metrics.New()
	cfg := RetryConfig(m, slog.New(slog.NewTextHandler(&logs, nil)))
	resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"60"}}}
	ask := func(ctx context.Context) (bool, time.Duration) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://slack.com/api/chat.postMessage", strings.NewReader("x"))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("x")), nil }
		for _, h := range cfg.Handlers {
			if retry, wait := h.ShouldRetry(&slack.RetryState{MaxRetries: maxRetries}, req, resp, nil); retry {
				return retry, wait
			}
		}
		return false, 0
	}
	if retry, wait := ask(context.Background()); !retry || wait < 60*time.Second {
		t.Errorf("with time to spare: retry %v after %v, want after 60 s", retry, wait)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if retry, wait := ask(ctx); retry {
		t.Errorf("with 30 s left: retry after %v", wait)
	}
	mustContain(t, logs.String(), "not retried", "method=chat.postMessage", "wait=1m0s", "left=")
	if retry, _ := ask(oneTry(context.Background())); retry {
		t.Error("a call tied to a trigger is retried")
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	mustContain(t, rec.Body.String(), `ctbot_slack_retries_total{reason="rate_limited"} 1`, `ctbot_slack_retries_total{reason="rate_limited_given_up"} 1`)
}
