package bot

import (
	"net/http"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/metrics"
)

// Bounds of Web API retries.
const (
	maxRetries      = 3
	maxRetryAfter   = 30 * time.Second // a longer Retry-After is waited only this long per attempt
	retryBackoffMin = 500 * time.Millisecond
	retryBackoffMax = 8 * time.Second
)

// RetryConfig is how ctbot's Web API calls retry: up to three times, on 429
// after Retry-After (at most 30 s), and on 5xx and dropped connections
// with exponential backoff. Retries are counted in m (which may be nil).
func RetryConfig(m *metrics.Metrics) slack.RetryConfig {
	cfg := slack.RetryConfig{
		MaxRetries:         maxRetries,
		RetryAfterDuration: 5 * time.Second, // when a 429 has no Retry-After
		RetryAfterJitter:   250 * time.Millisecond,
		BackoffInitial:     retryBackoffMin,
		BackoffMax:         retryBackoffMax,
		BackoffJitter:      100 * time.Millisecond,
	}
	cfg.Handlers = []slack.RetryHandler{
		counted{slack.NewConnectionErrorRetryHandler(), "connection", m},
		counted{slack.NewRateLimitErrorRetryHandler(cfg), "rate_limited", m},
		counted{slack.NewServerErrorRetryHandler(cfg), "server_error", m},
	}
	return cfg
}

// counted bounds a handler's wait (a long Retry-After included) and counts
// the retries it asks for.
type counted struct {
	slack.RetryHandler
	reason string
	m      *metrics.Metrics
}

func (c counted) ShouldRetry(s *slack.RetryState, req *http.Request, resp *http.Response, err error) (bool, time.Duration) {
	retry, wait := c.RetryHandler.ShouldRetry(s, req, resp, err)
	if retry {
		c.m.Retry(c.reason)
	}
	return retry, min(wait, maxRetryAfter)
}

// NewClient builds the Web API client: GovSlack or a test server via
// apiURL, the app-level token for Socket Mode, bounded retries, and the
// Slack calls counted in m.
func NewClient(apiURL string, s Secrets, m *metrics.Metrics) *slack.Client {
	// The HTTP client first: the retry option wraps whatever client is set.
	opts := []slack.Option{slack.OptionHTTPClient(&http.Client{Timeout: 30 * time.Second, Transport: m.Transport(nil)}),
		slack.OptionRetryConfig(RetryConfig(m))}
	if apiURL != "" {
		opts = append(opts, slack.OptionAPIURL(apiURL))
	}
	if s.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(s.AppToken))
	}
	return slack.New(s.BotToken, opts...)
}
