package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/bot"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/fakeslack"
	"github.com/cttechplus/ctbot/internal/wait"
	"github.com/cttechplus/ctbot/storage"
)

const e2eSecret = "e2e-signing-secret-0123456789abcdef"

// httpConfig writes a copy of the default configuration in HTTP mode
// pointed at the fake Slack.
func httpConfig(t *testing.T, apiURL string) string {
	t.Helper()
	src := string(ctbot.DefaultConfig)
	src = strings.Replace(src, `mode = "socket"`, `mode = "http"`, 1)
	src = strings.Replace(src, `listen = ""`, `listen = "127.0.0.1:0"`, 1)
	src = strings.Replace(src, `api_url = ""`, `api_url = "`+apiURL+`"`, 1)
	src = strings.Replace(src, `listen = "127.0.0.1:9464"`, `listen = "127.0.0.1:0"`, 1)
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

type served struct {
	addr        string
	metricsAddr string
	cancel      context.CancelFunc
	done        chan int
	stderr      *bytes.Buffer
}

func serve(t *testing.T, cfgPath, dbPath string, env map[string]string) *served {
	t.Helper()
	s := &served{done: make(chan int, 1), stderr: &bytes.Buffer{}}
	listening := make(chan string, 1)
	metrics := make(chan string, 1)
	app := &App{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: s.stderr, Getenv: func(k string) string { return env[k] },
		OnListen: func(what, addr string) {
			if what == "slack" {
				listening <- addr
			} else {
				metrics <- addr
			}
		}}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go func() { s.done <- app.Run(ctx, []string{"serve", "-config", cfgPath, "-db", dbPath}) }()
	select {
	case s.addr = <-listening:
		select {
		case s.metricsAddr = <-metrics:
		case <-time.After(wait.Deadline):
			t.Fatal("serve did not serve /metrics")
		}
	case code := <-s.done:
		t.Fatalf("serve exited with %d: %s", code, s.stderr)
	case <-time.After(wait.Deadline):
		t.Fatal("serve did not start listening")
	}
	return s
}

// stop cancels serve's context (SIGTERM) and waits for it to exit 0.
func (s *served) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	select {
	case code := <-s.done:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, s.stderr)
		}
	case <-time.After(wait.Deadline):
		t.Fatal("serve did not stop")
	}
}

func signedPost(t *testing.T, addr, path, contentType, body, secret string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", bot.Sign(secret, ts, []byte(body)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeHTTPModeEndToEnd(t *testing.T) {
	fake := fakeslack.New(t)
	cfg := httpConfig(t, fake.APIURL())
	dbPath := filepath.Join(t.TempDir(), "ctbot.db")
	env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-e2e-test-token-1", "SLACK_SIGNING_SECRET": e2eSecret}
	s := serve(t, cfg, dbPath, env)

	slash := func(user, text string) (int, string) {
		form := url.Values{"command": {"/ct"}, "text": {text}, "user_id": {user}, "channel_id": {"C1"}, "team_id": {fakeslack.Team},
			"api_app_id": {fakeslack.App}, "response_url": {fake.ResponseURL("e2e")}, "trigger_id": {"t" + text}}
		return signedPost(t, s.addr, "/slack/commands", "application/x-www-form-urlencoded", form.Encode(), e2eSecret)
	}
	code, body := slash("U0STAFF", `training kenya 2026-11-20 "OSINT basics" trained=25 women=9`)
	if code != http.StatusOK || !strings.Contains(body, "Recorded #1") {
		t.Fatalf("slash: %d %s", code, body)
	}
	code, body = slash("U0MGR", "status kenya")
	if code != http.StatusOK || !strings.Contains(body, "Kenya — status on") {
		t.Fatalf("status: %d %s", code, body)
	}
	// A person of another organisation in a shared channel is refused, and
	// so is a request for another workspace or app.
	fake.SetUserTeam("U0EXTERNAL", "T0OTHERORG")
	code, body = slash("U0EXTERNAL", "log kenya from outside")
	if code != http.StatusOK || !strings.Contains(body, "serves its own workspace only") {
		t.Errorf("external user: %d %s", code, body)
	}
	for _, f := range []url.Values{
		{"team_id": {"T0OTHER"}, "api_app_id": {fakeslack.App}},
		{"team_id": {fakeslack.Team}, "api_app_id": {"A0OTHER"}},
	} {
		f.Set("command", "/ct")
		f.Set("text", "log kenya elsewhere")
		f.Set("user_id", "U0STAFF")
		if _, body := signedPost(t, s.addr, "/slack/commands", "application/x-www-form-urlencoded", f.Encode(), e2eSecret); !strings.Contains(body, "serves its own workspace only") {
			t.Errorf("request for %v: %s", f, body)
		}
	}
	// Slack's certificate check gets an empty 200 and is not a command.
	if code, body := signedPost(t, s.addr, "/slack/commands", "application/x-www-form-urlencoded", "ssl_check=1&token=x", "unsigned"); code != http.StatusOK || body != "" {
		t.Errorf("ssl_check: %d %q", code, body)
	}
	// A request signed with another secret is refused and records nothing.
	form := url.Values{"command": {"/ct"}, "text": {"log kenya forged"}, "user_id": {"U0STAFF"}}.Encode()
	if code, _ := signedPost(t, s.addr, "/slack/commands", "application/x-www-form-urlencoded", form, "not-the-secret"); code != http.StatusUnauthorized {
		t.Errorf("forged request: %d", code)
	}
	// A mention is answered through the Web API of the fake.
	ev, _ := json.Marshal(map[string]any{"type": "event_callback", "event_id": "EvE2E", "team_id": fakeslack.Team, "api_app_id": fakeslack.App, "event": map[string]any{
		"type": "app_mention", "user": "U0MGR", "text": "<@UBOT> which countries are behind?", "channel": "C9", "ts": "5.5"}})
	if code, _ := signedPost(t, s.addr, "/slack/events", "application/json", string(ev), e2eSecret); code != http.StatusOK {
		t.Errorf("event: %d", code)
	}
	post := fake.WaitFor("chat.postMessage", 1)[0]
	if post.Form.Get("channel") != "C9" || !strings.Contains(post.Form.Get("text"), "behind") || post.Token != "xoxb-e2e-test-token-1" {
		t.Errorf("mention answer: %s %q token %q", post.Form.Get("channel"), post.Form.Get("text"), post.Token)
	}
	resp, err := http.Get("http://" + s.addr + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	// Health is served on the metrics listener too.
	for _, path := range []string{"/healthz", "/livez"} {
		if code, body := get(t, "http://"+s.metricsAddr+path); code != http.StatusOK || body != "ok\n" {
			t.Errorf("%s on the metrics listener: %d %q", path, code, body)
		}
	}
	// /metrics is not on the public Slack listener, but on its own address.
	if resp, err := http.Get("http://" + s.addr + "/metrics"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics on the Slack listener: %v %v", resp, err)
	}
	resp, err = http.Get("http://" + s.metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metricsText, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`ctbot_commands_total{command="training",outcome="ok"} 1`, `ctbot_ack_seconds_count{kind="command"} 5`,
		`ctbot_slack_requests_total{method="auth.test",status="2xx"} 1`} {
		if !strings.Contains(string(metricsText), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	// SIGTERM (a cancelled context): stop, finish, close the database, exit 0.
	s.stop(t)
	logs := s.stderr.String()
	for _, want := range []string{"authenticated with Slack", "shutting down", "stopped", "refused requests with a missing, stale or wrong signature"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	for _, secret := range env {
		if strings.Contains(logs, secret) {
			t.Errorf("the log contains a secret")
		}
	}
	db, err := storage.Open(context.Background(), dbPath, clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	es, _ := db.History(context.Background(), ctbot.EntryFilter{})
	if len(es) != 1 || es[0].Trained != 25 { // nothing from the refused requests
		t.Errorf("entries after shutdown: %+v", es)
	}
}

func TestServeRefusesBadCredentials(t *testing.T) {
	fake := fakeslack.New(t)
	cfg := httpConfig(t, fake.APIURL())
	db := filepath.Join(t.TempDir(), "x.db")
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN is not set"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-1234567890ab"}, "SLACK_SIGNING_SECRET is not set"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-invalid-token-for-tests", "SLACK_SIGNING_SECRET": "s"}, "auth.test: Slack refused SLACK_BOT_TOKEN (invalid_auth)"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		app := &App{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(k string) string { return tt.env[k] }}
		code := app.Run(context.Background(), []string{"serve", "-config", cfg, "-db", db})
		if code != 1 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr.String(), tt.want)
		}
	}
}
