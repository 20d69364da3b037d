// Package fakeslack is a fake Slack Web API, response_url endpoint and
// Socket Mode server for tests, so no test ever calls the real Slack.
// Point a client at it with slack.OptionAPIURL(s.APIURL()).
package fakeslack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/cttechplus/ctbot/internal/wait"
)

// Call is one request the fake received.
type Call struct {
	Method string         // Web API method ("chat.postMessage") or "respond/<name>"
	Form   url.Values     // form-encoded parameters
	JSON   map[string]any // JSON body, if any
	Token  string         // bearer token used
	File   []byte         // upload: the file sent (multipart field "file")
}

// Raw returns the call's whole body as text (form values and JSON).
func (c Call) Raw() string {
	b, _ := json.Marshal(c.JSON)
	return c.Form.Encode() + string(b)
}

// Prompt is a suggested prompt of assistant.threads.setSuggestedPrompts.
type Prompt struct {
	Title   string `json:"title"`
	Message string `json:"message"`
}

// Prompts are the suggested prompts an assistant.threads.setSuggestedPrompts
// call set (its form field "prompts", a JSON list).
func (c Call) Prompts() []Prompt {
	var ps []Prompt
	_ = json.Unmarshal([]byte(c.Form.Get("prompts")), &ps)
	return ps
}

type failure struct {
	status     int
	retryAfter string
}

// Server is the fake. It is safe for concurrent use.
type Server struct {
	*httptest.Server
	t *testing.T

	mu       sync.Mutex
	calls    []Call
	failures map[string][]failure
	holds    map[string][]chan struct{}
	ts       int
	teams    map[string]string // user ID -> team (users.info); default Team
	kinds    map[string]string // user ID -> "bot" or "deleted" (users.info)
	posted   []map[string]any  // messages posted, as conversations.history returns them

	// Socket Mode
	envelopes chan []byte
	acks      chan map[string]any
	sockets   []*websocket.Conn
}

// New starts a fake Slack, closed when the test ends.
func New(t *testing.T) *Server {
	s := &Server{t: t, failures: map[string][]failure{}, envelopes: make(chan []byte, 16), acks: make(chan map[string]any, 16)}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", s.api)
	mux.HandleFunc("/respond/", s.respond)
	mux.HandleFunc("/upload/", s.upload)
	mux.HandleFunc("/socket", s.socket)
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// Team is the workspace the fake belongs to (auth.test), and App its app.
const (
	Team = "T1"
	App  = "A1"
)

// SetUserTeam makes users.info say user belongs to team (another
// organisation, for Slack Connect tests).
func (s *Server) SetUserTeam(user, team string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.teams == nil {
		s.teams = map[string]string{}
	}
	s.teams[user] = team
}

// SetUserKind makes users.info say user is a "bot" or "deleted"
// (deactivated). ctbot's own user UBOT is a bot.
func (s *Server) SetUserKind(user, kind string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.kinds == nil {
		s.kinds = map[string]string{}
	}
	s.kinds[user] = kind
}

// APIURL is the value for slack.OptionAPIURL.
func (s *Server) APIURL() string { return s.URL + "/api/" }

// ResponseURL is a response_url that records what is posted to it.
func (s *Server) ResponseURL(name string) string { return s.URL + "/respond/" + name }

// Fail makes the next calls of method fail with status, in order; a
// retryAfter (seconds) is sent as the Retry-After header.
func (s *Server) Fail(method string, status int, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = append(s.failures[method], failure{status, retryAfter})
}

// Hold makes the next call of method wait for its answer until release
// is called (or the caller gives up), like a Slack that does not answer.
// The call is recorded when it arrives.
func (s *Server) Hold(method string) (release func()) {
	ch := make(chan struct{})
	s.mu.Lock()
	if s.holds == nil {
		s.holds = map[string][]chan struct{}{}
	}
	s.holds[method] = append(s.holds[method], ch)
	s.mu.Unlock()
	var once sync.Once
	release = func() { once.Do(func() { close(ch) }) }
	s.t.Cleanup(release)
	return release
}

// held waits out a Hold on method, if one is set.
func (s *Server) held(method string, r *http.Request) {
	s.mu.Lock()
	var ch chan struct{}
	if hs := s.holds[method]; len(hs) > 0 {
		ch, s.holds[method] = hs[0], hs[1:]
	}
	s.mu.Unlock()
	if ch != nil {
		select {
		case <-ch:
		case <-r.Context().Done():
		}
	}
}

// Calls returns the calls received for method ("" for all).
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// WaitFor waits until method has received at least n calls and returns them.
func (s *Server) WaitFor(method string, n int) []Call {
	s.t.Helper()
	var cs []Call
	if !wait.Until(func() bool { cs = s.Calls(method); return len(cs) >= n }) {
		s.t.Fatalf("fakeslack: waited %v for %d %s calls, got %d", wait.Deadline, n, method, len(s.Calls(method)))
	}
	return cs
}

func (s *Server) record(c Call) (fail failure, failing bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if fs := s.failures[c.Method]; len(fs) > 0 {
		s.failures[c.Method] = fs[1:]
		c.Method = c.Method + " (failed)"
		s.calls = append(s.calls, c)
		return fs[0], true
	}
	s.calls = append(s.calls, c)
	s.ts++
	return failure{}, false
}

func readCall(method string, r *http.Request) Call {
	c := Call{Method: method, Form: url.Values{}, Token: strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")}
	body, _ := io.ReadAll(r.Body)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		_ = json.Unmarshal(body, &c.JSON)
	} else {
		c.Form, _ = url.ParseQuery(string(body))
		for k, vs := range r.URL.Query() { // GET methods (chat.getPermalink) take the query
			c.Form[k] = append(c.Form[k], vs...)
		}
		if c.Token == "" {
			c.Token = c.Form.Get("token")
		}
	}
	return c
}

func (s *Server) api(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	c := readCall(method, r)
	f, failing := s.record(c)
	s.held(method, r)
	if failing {
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		w.WriteHeader(f.status)
		return
	}
	s.mu.Lock()
	s.ts++
	ts := fmt.Sprintf("1700000000.%06d", s.ts)
	s.mu.Unlock()
	var resp any
	switch method {
	case "auth.test":
		if c.Token == "xoxb-invalid-token-for-tests" {
			resp = map[string]any{"ok": false, "error": "invalid_auth"}
		} else {
			resp = map[string]any{"ok": true, "user_id": "UBOT", "bot_id": "BBOT", "team": "Test team", "team_id": Team}
		}
	case "bots.info":
		resp = map[string]any{"ok": true, "bot": map[string]any{"id": c.Form.Get("bot"), "app_id": App, "user_id": "UBOT"}}
	case "users.info":
		s.mu.Lock()
		user := c.Form.Get("user")
		team, ok := s.teams[user]
		kind := s.kinds[user]
		s.mu.Unlock()
		if !ok {
			team = Team
		}
		resp = map[string]any{"ok": true, "user": map[string]any{"id": user, "team_id": team,
			"is_bot": kind == "bot" || user == "UBOT", "deleted": kind == "deleted"}}
	case "chat.postMessage":
		resp = map[string]any{"ok": true, "channel": c.Form.Get("channel"), "ts": ts}
		msg := map[string]any{"type": "message", "ts": ts, "text": c.Form.Get("text"), "channel": c.Form.Get("channel"), "thread_ts": c.Form.Get("thread_ts")}
		if md := c.Form.Get("metadata"); md != "" {
			var m map[string]any
			_ = json.Unmarshal([]byte(md), &m)
			msg["metadata"] = m
		}
		s.mu.Lock()
		s.posted = append(s.posted, msg)
		s.mu.Unlock()
	case "conversations.history", "conversations.replies":
		resp = map[string]any{"ok": true, "messages": s.history(c.Form.Get("channel"), c.Form.Get("ts"), method == "conversations.replies"), "has_more": false}
	case "chat.update":
		resp = map[string]any{"ok": true, "channel": c.Form.Get("channel"), "ts": c.Form.Get("ts"), "text": c.Form.Get("text")}
	case "chat.getPermalink":
		resp = map[string]any{"ok": true, "channel": c.Form.Get("channel"),
			"permalink": "https://example.slack.com/archives/" + c.Form.Get("channel") + "/p" + strings.ReplaceAll(c.Form.Get("message_ts"), ".", "")}
	case "chat.postEphemeral":
		resp = map[string]any{"ok": true, "message_ts": ts}
	case "conversations.open":
		resp = map[string]any{"ok": true, "channel": map[string]any{"id": "D" + strings.ReplaceAll(c.Form.Get("users"), ",", "")}}
	case "views.open", "views.publish", "views.update":
		resp = map[string]any{"ok": true, "view": map[string]any{"id": "V1"}}
	case "apps.connections.open":
		resp = map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(s.URL, "http") + "/socket"}
	case "assistant.threads.setSuggestedPrompts", "assistant.threads.setStatus":
		// Both need the assistant thread; prompts must be a JSON list.
		var prompts []Prompt
		switch {
		case c.Form.Get("channel_id") == "" || c.Form.Get("thread_ts") == "":
			resp = map[string]any{"ok": false, "error": "invalid_arguments"}
		case method == "assistant.threads.setSuggestedPrompts" && json.Unmarshal([]byte(c.Form.Get("prompts")), &prompts) != nil:
			resp = map[string]any{"ok": false, "error": "invalid_arguments"}
		default:
			resp = map[string]any{"ok": true}
		}
	case "files.getUploadURLExternal":
		resp = map[string]any{"ok": true, "upload_url": s.URL + "/upload/F1", "file_id": "F1"}
	case "files.completeUploadExternal":
		resp = map[string]any{"ok": true, "files": []map[string]any{{"id": "F1", "title": "chart"}}}
	default:
		resp = map[string]any{"ok": false, "error": "unknown_method"}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

// history is what the fake's channel holds: all its messages, or one
// thread's, newest first, as Slack lists them.
func (s *Server) history(channel, thread string, replies bool) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for i := len(s.posted) - 1; i >= 0; i-- {
		m := s.posted[i]
		if m["channel"] != channel {
			continue
		}
		if replies && m["thread_ts"] != thread && m["ts"] != thread {
			continue
		}
		out = append(out, m)
	}
	return out
}

func (s *Server) respond(w http.ResponseWriter, r *http.Request) {
	c := readCall(strings.TrimPrefix(r.URL.Path, "/"), r)
	if f, failing := s.record(c); failing {
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		w.WriteHeader(f.status)
		return
	}
	_, _ = io.WriteString(w, "ok")
}

func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	n := int64(len(body))
	s.record(Call{Method: "upload", Form: url.Values{"bytes": {strconv.FormatInt(n, 10)}}, File: uploaded(r.Header.Get("Content-Type"), body)})
	_, _ = io.WriteString(w, "OK - "+strconv.FormatInt(n, 10))
}

// uploaded is the file of a multipart upload body, or nil.
func uploaded(contentType string, body []byte) []byte {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil || params["boundary"] == "" {
		return nil
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil
		}
		if part.FormName() == "file" {
			b, _ := io.ReadAll(part)
			return b
		}
	}
}

// SendSocket queues a Socket Mode envelope for the connected client.
func (s *Server) SendSocket(envelope any) {
	b, err := json.Marshal(envelope)
	if err != nil {
		s.t.Fatal(err)
	}
	s.envelopes <- b
}

// NextAck returns the next acknowledgement the client sent over the socket.
func (s *Server) NextAck() map[string]any {
	s.t.Helper()
	select {
	case a := <-s.acks:
		return a
	case <-time.After(wait.Deadline):
		s.t.Fatalf("fakeslack: no socket mode ack within %v", wait.Deadline)
		return nil
	}
}

// DropSocket closes the Socket Mode connections, as a network failure
// would; the client reconnects through apps.connections.open (make it
// fail with Fail to keep it disconnected).
func (s *Server) DropSocket() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.sockets {
		_ = c.Close()
	}
	s.sockets = nil
}

func (s *Server) socket(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	s.mu.Lock()
	s.sockets = append(s.sockets, conn)
	s.mu.Unlock()
	_ = conn.WriteJSON(map[string]any{"type": "hello", "num_connections": 1})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			_, data, err := conn.ReadMessage()
			if err != nil {
				return
			}
			var m map[string]any
			if json.Unmarshal(data, &m) == nil && m["envelope_id"] != nil {
				s.acks <- m
			}
		}
	}()
	for {
		select {
		case e := <-s.envelopes:
			if err := conn.WriteMessage(websocket.TextMessage, e); err != nil {
				return
			}
		case <-done:
			return
		case <-r.Context().Done():
			return
		}
	}
}
