package bot

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestVerifyWithSlacksPublishedVector(t *testing.T) {
	vectorBody := []byte("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
	const sig = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
	header := http.Header{}
	header.Set("X-Slack-Request-Timestamp", "1531420618")
	header.Set("X-Slack-Signature", sig)
	at := time.Unix(1531420618, 0)

	if got := Sign(testSecret, "1531420618", vectorBody); got != sig {
		t.Fatalf("Sign = %s, want Slack's %s", got, sig)
	}
	tests := []struct {
		name   string
		header http.Header
		body   []byte
		now    time.Time
		want   error
	}{
		{"valid", header, vectorBody, at.Add(time.Minute), nil},
		{"valid at the edge of the window", header, vectorBody, at.Add(5 * time.Minute), nil},
		{"stale", header, vectorBody, at.Add(5*time.Minute + time.Second), ErrStaleRequest},
		{"from the future", header, vectorBody, at.Add(-6 * time.Minute), ErrStaleRequest},
		{"tampered body", header, append([]byte(nil), append(vectorBody, '1')...), at, ErrBadSignature},
		{"no headers", http.Header{}, vectorBody, at, ErrMissingSignature},
		{"wrong secret", func() http.Header {
			h := http.Header{}
			h.Set("X-Slack-Request-Timestamp", "1531420618")
			h.Set("X-Slack-Signature", Sign("another secret", "1531420618", vectorBody))
			return h
		}(), vectorBody, at, ErrBadSignature},
		{"replayed with a new timestamp", func() http.Header {
			h := header.Clone()
			h.Set("X-Slack-Request-Timestamp", "1531420900")
			return h
		}(), vectorBody, at, ErrBadSignature},
	}
	for _, tt := range tests {
		if err := Verify(tt.header, tt.body, testSecret, tt.now); !errors.Is(err, tt.want) {
			t.Errorf("%s: Verify = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestRefusedRequestsRecordAndPostNothing(t *testing.T) {
	h := newHarness(t)
	form := url.Values{"command": {"/ct"}, "text": {"log kenya should not be stored"}, "user_id": {"USTAFF"}, "channel_id": {"C1"},
		"response_url": {h.slack.ResponseURL("x")}}.Encode()
	now := strconv.FormatInt(h.clock.Now().Unix(), 10)
	stale := strconv.FormatInt(h.clock.Now().Add(-6*time.Minute).Unix(), 10)
	tests := []struct {
		name        string
		method      string
		contentType string
		body        string
		headers     []string
		status      int
	}{
		{"unsigned", http.MethodPost, "application/x-www-form-urlencoded", form, []string{"X-Nothing", "x"}, http.StatusUnauthorized},
		{"bad signature", http.MethodPost, "application/x-www-form-urlencoded", form,
			[]string{"X-Slack-Request-Timestamp", now, "X-Slack-Signature", "v0=" + strings.Repeat("0", 64)}, http.StatusUnauthorized},
		{"stale", http.MethodPost, "application/x-www-form-urlencoded", form,
			[]string{"X-Slack-Request-Timestamp", stale, "X-Slack-Signature", Sign(testSecret, stale, []byte(form))}, http.StatusUnauthorized},
		{"tampered", http.MethodPost, "application/x-www-form-urlencoded", form + "x",
			[]string{"X-Slack-Request-Timestamp", now, "X-Slack-Signature", Sign(testSecret, now, []byte(form))}, http.StatusUnauthorized},
		{"wrong content type", http.MethodPost, "application/json", form, nil, http.StatusUnsupportedMediaType},
		{"too large", http.MethodPost, "application/x-www-form-urlencoded", form + "&pad=" + strings.Repeat("a", MaxCommandBody), nil, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		resp := h.post(PathCommands, tt.contentType, tt.body, tt.headers...)
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.status)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, h.srv.URL+PathCommands, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Errorf("GET: status %d Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	h.settle()
	if n := len(h.entries()); n != 0 {
		t.Errorf("%d entries stored from refused requests", n)
	}
	if calls := h.slack.Calls(""); len(calls) != 0 {
		t.Errorf("refused requests reached Slack: %v", calls)
	}
}

func TestRefusedEventsAndInteractions(t *testing.T) {
	h := newHarness(t)
	// A signed mention as the control: it is answered.
	if resp := h.event("Ev1", map[string]any{"type": "app_mention", "user": "UMGR", "text": "<@UBOT> status", "channel": "C1", "ts": "1.1"}); resp.StatusCode != http.StatusOK {
		t.Fatalf("signed mention: %d", resp.StatusCode)
	}
	resp := h.post(PathEvents, "application/json", `{"type":"event_callback","event_id":"Ev2","event":{"type":"app_mention","user":"UMGR","text":"status","channel":"C1","ts":"1.2"}}`,
		"X-Slack-Request-Timestamp", strconv.FormatInt(h.clock.Now().Unix(), 10), "X-Slack-Signature", "v0=00")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("unsigned event: %d", resp.StatusCode)
	}
	resp = h.post(PathInteractions, "application/x-www-form-urlencoded", "payload=%7B%7D",
		"X-Slack-Request-Timestamp", strconv.FormatInt(h.clock.Now().Unix(), 10), "X-Slack-Signature", "v0=00")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("unsigned interaction: %d", resp.StatusCode)
	}
	h.settle()
	if n := len(h.slack.Calls("chat.postMessage")); n != 1 {
		t.Errorf("%d posts; only the signed mention should be answered", n)
	}
}

func TestHealthz(t *testing.T) {
	h := newHarness(t)
	resp, err := http.Get(h.srv.URL + PathHealth)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || body(t, resp) != "ok\n" {
		t.Errorf("healthz: %d", resp.StatusCode)
	}
	h.db.Close()
	resp, err = http.Get(h.srv.URL + PathHealth)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("healthz with the database closed: %d", resp.StatusCode)
	}
}

func TestURLVerification(t *testing.T) {
	h := newHarness(t)
	resp := h.post(PathEvents, "application/json", `{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`)
	if resp.StatusCode != http.StatusOK || body(t, resp) != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("challenge not echoed: %d", resp.StatusCode)
	}
}
