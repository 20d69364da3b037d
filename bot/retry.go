package bot

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/metrics"
)

// Bounds of Web API retries.
const (
	maxRetries         = 3
	retryBackoffMin    = 500 * time.Millisecond
	retryBackoffMax    = 8 * time.Second
	retryBackoffJitter = 100 * time.Millisecond // at most, added to a backoff
	retryAfterJitter   = 250 * time.Millisecond // at most, added to a Retry-After
)

// RetryConfig is how ctbot's Web API calls retry: up to three times, on 429
// after Retry-After, and on 5xx and dropped connections with exponential
// backoff, waiting on clock c. A wait longer than the time the call has
// left (its context's deadline) is not waited: the call gives up at once,
// with a log line. A call tied to a trigger is tried once (oneTry).
// Retries and give-ups are counted in m (which may be nil).
func RetryConfig(c clock.Clock, m *metrics.Metrics, log *slog.Logger) slack.RetryConfig {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg := slack.RetryConfig{
		MaxRetries:         maxRetries,
		RetryAfterDuration: 5 * time.Second, // when a 429 has no Retry-After
		RetryAfterJitter:   retryAfterJitter,
		BackoffInitial:     retryBackoffMin,
		BackoffMax:         retryBackoffMax,
		BackoffJitter:      retryBackoffJitter,
	}
	c = clock.Or(c)
	cfg.Handlers = []slack.RetryHandler{
		counted{slack.NewConnectionErrorRetryHandler(), "connection", c, m, log},
		counted{slack.NewRateLimitErrorRetryHandler(cfg), "rate_limited", c, m, log},
		counted{slack.NewServerErrorRetryHandler(cfg), "server_error", c, m, log},
	}
	return cfg
}

type oneTryKey struct{}

// oneTry marks ctx: a Web API call made with it is tried once.
func oneTry(ctx context.Context) context.Context { return context.WithValue(ctx, oneTryKey{}, true) }

// counted keeps a handler's retries within the caller's time, counts
// them, and waits before each on its clock: slack-go, which would wait on
// a timer of its own, is told to wait no more.
type counted struct {
	slack.RetryHandler
	reason string
	clock  clock.Clock
	m      *metrics.Metrics
	log    *slog.Logger
}

func (c counted) ShouldRetry(s *slack.RetryState, req *http.Request, resp *http.Response, err error) (bool, time.Duration) {
	ctx := req.Context()
	if ctx.Value(oneTryKey{}) != nil {
		return false, 0
	}
	retry, wait := c.RetryHandler.ShouldRetry(s, req, resp, err)
	if !retry {
		return false, 0
	}
	// A context's deadline is on the real clock, as the network's are.
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
		c.log.Warn("Slack asked to wait longer than the call has left; not retried", "method", strings.TrimPrefix(req.URL.Path, "/api/"),
			"reason", c.reason, "wait", wait.Round(time.Second), "left", time.Until(deadline).Round(time.Second))
		c.m.Retry(c.reason + "_given_up")
		return false, 0
	}
	timer, waited := c.clock.NewTimer(wait)
	select {
	case <-waited:
		c.m.Retry(c.reason)
		return true, 0
	case <-ctx.Done():
		timer.Stop()
		return false, 0 // the caller gave up meanwhile: it gets Slack's answer
	}
}

// NewClient builds the Web API client: GovSlack or a test server via
// apiURL, the app-level token for Socket Mode, bounded retries waited on
// clock c (logged to log when given up), and the Slack calls counted in m.
func NewClient(apiURL string, s Secrets, c clock.Clock, m *metrics.Metrics, log *slog.Logger) *slack.Client {
	// The HTTP client first: the retry option wraps whatever client is set.
	opts := []slack.Option{slack.OptionHTTPClient(&http.Client{Timeout: 30 * time.Second, Transport: m.Transport(nil)}),
		slack.OptionRetryConfig(RetryConfig(c, m, log))}
	if apiURL != "" {
		opts = append(opts, slack.OptionAPIURL(apiURL))
	}
	if s.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(s.AppToken))
	}
	return slack.New(s.BotToken, opts...)
}
