package bot

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/internal/fakeslack"
	"github.com/cttechplus/ctbot/internal/wait"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

type harness struct {
	t     *testing.T
	slack *fakeslack.Server
	db    *storage.DB
	clock *fakeclock.Clock
	core  *commands.Core
	bot   *Bot
	srv   *httptest.Server
	seq   int // numbers trigger IDs: each user action has its own
}

type harnessOption func(*Options, *commands.Options)

// newHarness serves the bot over HTTP on the default framework, with a fake
// Slack and the clock at 2026-11-27 10:00 Brussels.
func newHarness(t *testing.T, opts ...harnessOption) *harness {
	t.Helper()
	h := &harness{t: t, slack: fakeslack.New(t), clock: fakeclock.At("2026-11-27T09:00:00Z")}
	h.db = storagetest.MustOpenDB(t, h.clock)
	cfg := config.Default()
	co := commands.Options{Framework: cfg.Framework, Store: h.db, Figures: storagetest.Figures(h.db, cfg.Framework, h.clock.Now), Now: h.clock.Now,
		Access: ctbot.Access{Coordinators: []string{"UCOORD"}, Managers: []string{"UMGR"}, Staff: []string{"USTAFF", "USTAFF2"}}}
	api := slack.New("xoxb-test-token-0000", slack.OptionAPIURL(h.slack.APIURL()), slack.OptionRetryConfig(RetryConfig(h.clock, nil, nil)))
	bo := Options{API: api, Events: h.db, BotUserID: "UBOT", Clock: h.clock}
	for _, o := range opts {
		o(&bo, &co)
	}
	h.db.SetFramework(co.Framework)
	h.core = commands.New(co)
	bo.Core = h.core
	h.bot = New(bo)
	h.srv = httptest.NewServer(h.bot.HTTPHandler(HTTPOptions{SigningSecret: testSecret, DB: h.db}))
	t.Cleanup(func() {
		h.srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := h.bot.Close(ctx); err != nil {
			t.Error(err)
		}
	})
	return h
}

// post sends a request signed now, unless headers are given.
func (h *harness) post(path, contentType, body string, headers ...string) *http.Response {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.srv.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if len(headers) == 0 {
		ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
		headers = []string{"X-Slack-Request-Timestamp", ts, "X-Slack-Signature", Sign(testSecret, ts, []byte(body))}
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// slash sends a signed slash command from user.
func (h *harness) slash(user, text string) *http.Response {
	h.t.Helper()
	return h.slashFrom(user, "T1", "A1", text)
}

// slashFrom sends a signed slash command from user, for workspace team and app.
func (h *harness) slashFrom(user, team, app, text string) *http.Response {
	h.t.Helper()
	h.seq++
	form := url.Values{"command": {"/ct"}, "text": {text}, "user_id": {user}, "channel_id": {"C1"}, "team_id": {team}, "api_app_id": {app},
		"response_url": {h.slack.ResponseURL("slash")}, "trigger_id": {"trig." + strconv.Itoa(h.seq)}}
	return h.post(PathCommands, "application/x-www-form-urlencoded", form.Encode())
}

// event sends a signed event_callback with the given inner event.
func (h *harness) event(id string, inner map[string]any, headers ...string) *http.Response {
	h.t.Helper()
	b, _ := json.Marshal(map[string]any{"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": id,
		"event_time": h.clock.Now().Unix(), "event": inner})
	if len(headers) > 0 {
		ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
		headers = append(headers, "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", Sign(testSecret, ts, b))
	}
	return h.post(PathEvents, "application/json", string(b), headers...)
}

// interact sends a signed interactivity payload.
func (h *harness) interact(payload any) *http.Response {
	h.t.Helper()
	b, err := json.Marshal(payload)
	if err != nil {
		h.t.Fatal(err)
	}
	return h.post(PathInteractions, "application/x-www-form-urlencoded", url.Values{"payload": {string(b)}}.Encode())
}

func (h *harness) entries() []*ctbot.Entry {
	h.t.Helper()
	es, err := h.db.History(context.Background(), ctbot.EntryFilter{Limit: 100})
	if err != nil {
		h.t.Fatal(err)
	}
	return es
}

// settle waits for the bot's background work to finish.
func (h *harness) settle() {
	h.t.Helper()
	done := make(chan struct{})
	go func() { h.bot.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(wait.Deadline):
		h.t.Fatal("background work did not finish")
	}
}

// waited checks that the bot waits (a budget, the wait before a retry)
// from lo to hi on its clock, and moves the clock to the end of the wait.
func (h *harness) waited(what string, lo, hi time.Duration) {
	h.t.Helper()
	if !h.clock.WaitTimers(1) {
		h.t.Fatalf("no wait for %s", what)
	}
	next, _ := h.clock.Next()
	if d := next.Sub(h.clock.Now()); d < lo || d > hi {
		h.t.Fatalf("waits %v for %s, want %v to %v", d, what, lo, hi)
	}
	h.clock.Set(next)
}

func mustContain(t *testing.T, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Errorf("%s\n--- lacks %q", s, p)
		}
	}
}
