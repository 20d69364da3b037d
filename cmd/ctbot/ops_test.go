package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeslack"
	"github.com/cttechplus/ctbot/internal/wait"
)

// socketConfig writes the default configuration in Socket Mode pointed at
// the fake Slack, with metrics.listen as given.
func socketConfig(t *testing.T, apiURL, metricsListen string) string {
	t.Helper()
	src := string(ctbot.DefaultConfig)
	for old, repl := range map[string]string{`listen = ""`: `listen = "127.0.0.1:0"`, `api_url = ""`: `api_url = "` + apiURL + `"`,
		`listen = "127.0.0.1:9464"`: `listen = "` + metricsListen + `"`} {
		src = strings.Replace(src, old, repl, 1)
	}
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// health runs `ctbot health` with args and returns its exit code and output.
func health(args ...string) (int, string) {
	var out bytes.Buffer
	app := &App{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
	code := app.Run(context.Background(), append([]string{"health"}, args...))
	return code, out.String()
}

// TestHealthCommandAndOperatorMetrics: `ctbot health` exits 0 while the
// serving ctbot works, 1 with the reason when its socket is lost and when
// it does not answer; the serving ctbot's metrics say the socket is up,
// the database's size and its build.
func TestHealthCommandAndOperatorMetrics(t *testing.T) {
	fake := fakeslack.New(t)
	env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-e2e-test-token-1", "SLACK_APP_TOKEN": "xapp-1-e2e-test-token"}
	s := serve(t, socketConfig(t, fake.APIURL(), "127.0.0.1:0"), filepath.Join(t.TempDir(), "ctbot.db"), env)
	// The command reads the address from the configuration, as a
	// container's HEALTHCHECK does.
	cfg := socketConfig(t, fake.APIURL(), s.metricsAddr)
	var code int
	var out string
	if !wait.Until(func() bool { code, out = health("-config", cfg); return code == 0 }) {
		t.Fatalf("health of a working ctbot: exit %d: %s", code, out)
	}
	if out != "ok\n" {
		t.Errorf("health of a working ctbot says %q", out)
	}
	_, text := get(t, "http://"+s.metricsAddr+"/metrics")
	for _, want := range []string{"ctbot_slack_socket_connected 1\n", "ctbot_write_errors_total 0\n", "ctbot_database_size_bytes ", "ctbot_build_info{", "ctbot_slack_last_success_timestamp_seconds "} {
		if !strings.Contains(text, want) {
			t.Errorf("serve's metrics lack %q", want)
		}
	}
	if strings.Contains(text, "ctbot_slack_last_success_timestamp_seconds 0\n") {
		t.Error("auth.test succeeded, but the time of the last successful Web API call is 0")
	}

	for range 200 {
		fake.Fail("apps.connections.open", http.StatusInternalServerError, "")
	}
	fake.DropSocket()
	if !wait.Until(func() bool { code, out = health("-addr", s.metricsAddr); return code == 1 }) {
		t.Fatalf("health with the socket lost: exit %d: %s", code, out)
	}
	if !strings.Contains(out, "ctbot health: unhealthy (503 Service Unavailable") || !strings.Contains(out, "Slack: Socket Mode is not connected") {
		t.Errorf("health with the socket lost says %q", out)
	}
	_, text = get(t, "http://"+s.metricsAddr+"/metrics")
	if !strings.Contains(text, "ctbot_slack_socket_connected 0\n") {
		t.Error("the socket is lost, but its metric says it is up")
	}
	s.stop(t)

	code, out = health("-addr", s.metricsAddr)
	if code != 1 || !strings.Contains(out, "ctbot does not answer at http://"+s.metricsAddr+"/healthz") {
		t.Errorf("health with ctbot stopped: exit %d: %q", code, out)
	}
}

// TestHealthURL: a listen address without a host, or on every interface,
// is asked on loopback; a bad one says what is wanted.
func TestHealthURL(t *testing.T) {
	for addr, want := range map[string]string{":9464": "http://127.0.0.1:9464/healthz", "0.0.0.0:9464": "http://127.0.0.1:9464/healthz",
		"[::]:9464": "http://[::1]:9464/healthz", "10.0.0.5:80": "http://10.0.0.5:80/healthz"} {
		if got, err := healthURL(addr); err != nil || got != want {
			t.Errorf("healthURL(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
	if _, err := healthURL("9464"); err == nil || !strings.Contains(err.Error(), "want HOST:PORT") {
		t.Errorf("healthURL(9464): %v", err)
	}
	if code, out := health("-config", socketConfig(t, "http://127.0.0.1:1/api/", "")); code != 1 || !strings.Contains(out, "metrics.listen is empty") {
		t.Errorf("health without metrics.listen: exit %d: %q", code, out)
	}
}

// TestSecondServeIsLogged: a second serve on the same database warns at
// start, naming the first.
func TestSecondServeIsLogged(t *testing.T) {
	fake := fakeslack.New(t)
	env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-e2e-test-token-1", "SLACK_APP_TOKEN": "xapp-1-e2e-test-token"}
	cfg := socketConfig(t, fake.APIURL(), "127.0.0.1:0")
	db := filepath.Join(t.TempDir(), "ctbot.db")
	first := serve(t, cfg, db, env)
	second := serve(t, cfg, db, env)
	second.stop(t)
	first.stop(t)
	if strings.Contains(first.stderr.String(), "another ctbot serves") {
		t.Errorf("the first serve warns of another:\n%s", first.stderr)
	}
	log := second.stderr.String()
	if !strings.Contains(log, "another ctbot serves this database") || !strings.Contains(log, "other=\"pid ") {
		t.Errorf("the second serve does not warn of the first:\n%s", log)
	}
}
