package bot

import (
	"net/http"
	"time"

	"github.com/slack-go/slack"
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
// with exponential backoff.
func RetryConfig() slack.RetryConfig {
	cfg := slack.RetryConfig{
		MaxRetries:         maxRetries,
		RetryAfterDuration: 5 * time.Second, // when a 429 has no Retry-After
		RetryAfterJitter:   250 * time.Millisecond,
		BackoffInitial:     retryBackoffMin,
		BackoffMax:         retryBackoffMax,
		BackoffJitter:      100 * time.Millisecond,
	}
	cfg.Handlers = []slack.RetryHandler{
		slack.NewConnectionErrorRetryHandler(),
		capped{slack.NewRateLimitErrorRetryHandler(cfg)},
		slack.NewServerErrorRetryHandler(cfg),
	}
	return cfg
}

// capped bounds a handler's wait.
type capped struct{ slack.RetryHandler }

func (c capped) ShouldRetry(s *slack.RetryState, req *http.Request, resp *http.Response, err error) (bool, time.Duration) {
	retry, wait := c.RetryHandler.ShouldRetry(s, req, resp, err)
	return retry, min(wait, maxRetryAfter)
}
