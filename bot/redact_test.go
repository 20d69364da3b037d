package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

// TestLogsNeverCarryTokensOrResponseURLs: whatever is logged — a message,
// an attribute, an error quoting a URL, a group — comes out redacted.
func TestLogsNeverCarryTokensOrResponseURLs(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(RedactingHandler{Handler: slog.NewJSONHandler(&buf, nil)})
	url := "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN"
	err := fmt.Errorf("Post %q: dial tcp: i/o timeout", url)
	log.With("token", "xoxb-1234-5678-abcdefghijkl").Error("response_url failed "+url, "err", err,
		slog.Group("req", "url", url), "app", "xapp-1-A1-123-abcdef")
	out := buf.String()
	for _, secret := range []string{"hooks.slack.com", "96rGlfmibIGlgcZRskXaIFfN", "xoxb-1234", "xapp-1-A1"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log carries %q:\n%s", secret, out)
		}
	}
	if strings.Count(out, "[redacted]") < 5 {
		t.Errorf("not every secret was replaced:\n%s", out)
	}
}

// TestResponseURLFailuresAreLoggedWithoutTheURL goes through the real
// follow-up path: a response_url that fails is logged, the URL is not.
func TestResponseURLFailuresAreLoggedWithoutTheURL(t *testing.T) {
	h := newHarness(t)
	h.slack.Fail("respond/secret-url", http.StatusInternalServerError, "")
	h.slack.Fail("respond/secret-url", http.StatusInternalServerError, "")
	h.slack.Fail("respond/secret-url", http.StatusInternalServerError, "")
	err := h.respondPastRetries(h.slack.ResponseURL("secret-url"))
	if err == nil {
		t.Fatal("no error")
	}
	if strings.Contains(err.Error(), "secret-url") {
		t.Errorf("the error quotes the response URL: %v", err)
	}
	// A connection error quotes the URL it failed on: it is dropped.
	err = h.respondPastRetries("http://127.0.0.1:1/respond/T1/2/very-secret")
	if err == nil || strings.Contains(err.Error(), "very-secret") {
		t.Errorf("connection error: %v", err)
	}
	e := redactURLError(errors.New(`Post "https://hooks.slack.com/actions/T1/2/abc": EOF`))
	if strings.Contains(e.Error(), "hooks.slack.com") {
		t.Errorf("%v", e)
	}
}

// respondPastRetries posts to a response_url that fails every time, moving
// the clock past the waits before the retries, and returns the error.
func (h *harness) respondPastRetries(url string) error {
	h.t.Helper()
	errs := make(chan error, 1)
	go func() { errs <- h.bot.respond(context.Background(), url, []message{{Text: "x"}}) }()
	h.waited("the first retry", respondFirstWait, respondFirstWait)
	h.waited("the second retry", 2*respondFirstWait, 2*respondFirstWait)
	return <-errs
}
