package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeslack"
	"github.com/cttechplus/ctbot/internal/wait"
)

// get returns the status and body of a GET.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitStatus waits until url answers status and returns the body.
func waitStatus(t *testing.T, url string, status int) string {
	t.Helper()
	var code int
	var body string
	if !wait.Until(func() bool { code, body = get(t, url); return code == status }) {
		t.Fatalf("%s still answers %d %q; want %d", url, code, body, status)
	}
	return body
}

// TestServeSocketModeHealth: in Socket Mode, /livez and /healthz are
// served on the metrics listener (and on slack.listen, without the
// request URLs); /healthz says when the socket is lost.
func TestServeSocketModeHealth(t *testing.T) {
	fake := fakeslack.New(t)
	src := string(ctbot.DefaultConfig)
	for old, repl := range map[string]string{`listen = ""`: `listen = "127.0.0.1:0"`, `api_url = ""`: `api_url = "` + fake.APIURL() + `"`,
		`listen = "127.0.0.1:9464"`: `listen = "127.0.0.1:0"`} {
		src = strings.Replace(src, old, repl, 1)
	}
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-e2e-test-token-1", "SLACK_APP_TOKEN": "xapp-1-e2e-test-token"}
	s := serve(t, cfg, filepath.Join(t.TempDir(), "ctbot.db"), env)

	for _, addr := range []string{s.metricsAddr, s.addr} {
		if body := waitStatus(t, "http://"+addr+"/healthz", http.StatusOK); body != "ok\n" {
			t.Errorf("%s/healthz: %q", addr, body)
		}
		if code, _ := get(t, "http://"+addr+"/livez"); code != http.StatusOK {
			t.Errorf("%s/livez: %d", addr, code)
		}
	}
	if code, _ := get(t, "http://"+s.addr+"/slack/commands"); code != http.StatusNotFound {
		t.Errorf("request URLs in Socket Mode: %d", code)
	}
	for range 200 {
		fake.Fail("apps.connections.open", http.StatusInternalServerError, "")
	}
	fake.DropSocket()
	body := waitStatus(t, "http://"+s.metricsAddr+"/healthz", http.StatusServiceUnavailable)
	if !strings.HasPrefix(body, "Slack: Socket Mode is not connected (since ") {
		t.Errorf("socket lost: %q", body)
	}
	if code, _ := get(t, "http://"+s.metricsAddr+"/livez"); code != http.StatusOK {
		t.Errorf("/livez with the socket lost: %d", code)
	}
	s.stop(t)
}
