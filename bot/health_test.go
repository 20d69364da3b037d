package bot

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/internal/wait"
	"github.com/cttechplus/ctbot/metrics"
)

// getHealth returns the status and body of path on the harness.
func (h *harness) getHealth(path string) (int, string) {
	h.t.Helper()
	resp, err := http.Get(h.srv.URL + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	return resp.StatusCode, body(h.t, resp)
}

// waitHealth waits until /healthz answers status, and returns its body.
func (h *harness) waitHealth(status int) string {
	h.t.Helper()
	var code int
	var text string
	if !wait.Until(func() bool { code, text = h.getHealth(PathHealth); return code == status }) {
		h.t.Fatalf("/healthz still answers %d %q; want %d", code, text, status)
	}
	return text
}

// TestHealthzNamesTheFileThatBlocksWrites: a -shm file left read-only
// makes /healthz 503 with a line naming it, and /livez stays 200.
func TestHealthzNamesTheFileThatBlocksWrites(t *testing.T) {
	h := newHarness(t)
	if code, text := h.getHealth(PathHealth); code != http.StatusOK || text != "ok\n" {
		t.Fatalf("healthy: %d %q", code, text)
	}
	shm := h.db.Path() + "-shm"
	if err := os.Chmod(shm, 0o400); err != nil {
		t.Fatal(err)
	}
	code, text := h.getHealth(PathHealth)
	if want := "database: " + shm + " is read-only (mode 0400)"; code != http.StatusServiceUnavailable || !strings.HasPrefix(text, want) {
		t.Errorf("-shm read-only: %d %q, want 503 and %q", code, text, want)
	}
	if code, text := h.getHealth(PathLive); code != http.StatusOK || text != "ok\n" {
		t.Errorf("/livez: %d %q", code, text)
	}
	if err := os.Chmod(shm, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, text := h.getHealth(PathHealth); code != http.StatusOK {
		t.Errorf("after the fix: %d %q", code, text)
	}
}

// TestHealthzSocketMode: /healthz is 503 until Socket Mode connects, 200
// while it is connected, and 503 again once the socket is lost and cannot
// be opened again.
func TestHealthzSocketMode(t *testing.T) {
	h := newHarness(t)
	stop := h.runSocketMode()
	h.waitHealth(http.StatusOK)

	for range 200 {
		h.slack.Fail("apps.connections.open", http.StatusInternalServerError, "")
	}
	h.slack.DropSocket()
	text := h.waitHealth(http.StatusServiceUnavailable)
	if !strings.HasPrefix(text, "Slack: Socket Mode is not connected (since 2026-11-27T09:00:00Z)") || strings.Count(text, "\n") != 1 {
		t.Errorf("socket lost: %q", text)
	}
	stop()
}

// TestHealthzWebAPI: in HTTP mode /healthz asks Slack (auth.test) when it
// knows nothing of the Web API, and says so when Slack refuses the token.
func TestHealthzWebAPI(t *testing.T) {
	m := metrics.New()
	h := newHarness(t, func(o *Options, _ *commands.Options) { o.Metrics = m })
	h.bot.api = NewClient(h.slack.APIURL(), Secrets{BotToken: "xoxb-invalid-token-for-tests"}, h.clock, m, nil)
	text := h.waitHealth(http.StatusServiceUnavailable)
	if want := "Slack: the latest Web API call (auth.test at "; !strings.HasPrefix(text, want) ||
		!strings.HasSuffix(text, ") failed: Slack refused the token: invalid_auth\n") {
		t.Errorf("token refused: %q", text)
	}
	if n := len(h.slack.Calls("auth.test")); n != 1 {
		t.Errorf("%d auth.test calls; one every 30 s at most", n)
	}
	h.clock.Advance(webAPIProbeEvery)
	h.getHealth(PathHealth)
	h.slack.WaitFor("auth.test", 2)
}
