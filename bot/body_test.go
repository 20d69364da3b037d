package bot

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cttechplus/ctbot/internal/wait"
)

// countingBody is a request body of size bytes that counts how many the
// server reads; past gate it waits for release.
type countingBody struct {
	size, gate int64
	read       atomic.Int64
	release    chan struct{}
}

func (b *countingBody) Read(p []byte) (int, error) {
	n := b.read.Load()
	if n >= b.size {
		return 0, io.EOF
	}
	if b.release != nil && n >= b.gate {
		<-b.release
		b.release = nil
	}
	limit := b.size
	if b.release != nil {
		limit = b.gate
	}
	m := min(int64(len(p)), limit-n)
	for i := range p[:m] {
		p[i] = 'a'
	}
	b.read.Add(m)
	return int(m), nil
}

func (b *countingBody) Close() error { return nil }

// TestUnsignedBodyIsNotRead: a request whose signature headers are
// missing, malformed or stale is refused without its body being read (a
// slash command's first bytes at most, to let Slack's unsigned
// certificate check through); one with a fresh, well-formed but wrong
// signature is read, to check it, and refused.
func TestUnsignedBodyIsNotRead(t *testing.T) {
	h := newHarness(t)
	handler := h.bot.HTTPHandler(HTTPOptions{SigningSecret: testSecret})
	now := h.clock.Now().Unix()
	fresh, stale, future := strconv.FormatInt(now, 10), strconv.FormatInt(now-301, 10), strconv.FormatInt(now+301, 10)
	wellFormed := "v0=" + strings.Repeat("0a", 32)
	headers := map[string][]string{
		"none":                   nil,
		"no timestamp":           {"X-Slack-Signature", wellFormed},
		"no signature":           {"X-Slack-Request-Timestamp", fresh},
		"short signature":        {"X-Slack-Request-Timestamp", fresh, "X-Slack-Signature", "v0=00"},
		"signature not hex":      {"X-Slack-Request-Timestamp", fresh, "X-Slack-Signature", "v0=" + strings.Repeat("zz", 32)},
		"not v0":                 {"X-Slack-Request-Timestamp", fresh, "X-Slack-Signature", "v1=" + strings.Repeat("0a", 32)},
		"timestamp not a number": {"X-Slack-Request-Timestamp", "1e9", "X-Slack-Signature", wellFormed},
		"stale":                  {"X-Slack-Request-Timestamp", stale, "X-Slack-Signature", wellFormed},
		"from the future":        {"X-Slack-Request-Timestamp", future, "X-Slack-Signature", wellFormed},
	}
	routes := []struct{ path, contentType string }{
		{PathCommands, "application/x-www-form-urlencoded"},
		{PathEvents, "application/json"},
		{PathInteractions, "application/x-www-form-urlencoded"},
	}
	send := func(path, contentType string, length int64, hs []string) (int, int64) {
		b := &countingBody{size: MaxViewBody}
		r := httptest.NewRequest(http.MethodPost, path, b)
		r.ContentLength = length
		r.Header.Set("Content-Type", contentType)
		for i := 0; i+1 < len(hs); i += 2 {
			r.Header.Set(hs[i], hs[i+1])
		}
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, r)
		return w.Code, b.read.Load()
	}
	for name, hs := range headers {
		for _, rt := range routes {
			for _, length := range []int64{-1, MaxViewBody} { // chunked, and with its length
				code, read := send(rt.path, rt.contentType, length, hs)
				allowed := int64(0)
				if rt.path == PathCommands && length < 0 {
					allowed = maxSSLCheck + 1
				}
				if code == http.StatusOK || code/100 != 4 || read > allowed {
					t.Errorf("%s to %s (length %d): status %d, %d bytes read; want refused with at most %d read", name, rt.path, length, code, read, allowed)
				}
			}
		}
	}
	for _, rt := range routes[1:] {
		code, read := send(rt.path, rt.contentType, MaxViewBody, []string{"X-Slack-Request-Timestamp", fresh, "X-Slack-Signature", wellFormed})
		if code != http.StatusUnauthorized || read != MaxViewBody {
			t.Errorf("fresh but wrong signature to %s: status %d, %d bytes read; want 401 after reading it all", rt.path, code, read)
		}
	}
}

// TestLargeBodiesAreReadFewAtATime: bodies above the command limit are
// read only while a slot is free; the others wait without being read,
// and go on when a slot is given back.
func TestLargeBodiesAreReadFewAtATime(t *testing.T) {
	h := newHarness(t)
	tr := newHTTPTransport(h.bot, HTTPOptions{SigningSecret: testSecret, LargeBodies: 2})
	handler := tr.handler()
	ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
	const size = 1 << 20
	var bodies []*countingBody
	var wg sync.WaitGroup
	codes := make([]int, 3)
	for i := range 3 {
		b := &countingBody{size: size, gate: size / 2, release: make(chan struct{})}
		bodies = append(bodies, b)
		r := httptest.NewRequest(http.MethodPost, PathEvents, b)
		r.ContentLength = size
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-Slack-Request-Timestamp", ts)
		r.Header.Set("X-Slack-Signature", "v0="+strings.Repeat("0a", 32))
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := httptest.NewRecorder()
			handler.ServeHTTP(w, r)
			codes[i] = w.Code
		}()
	}
	reading := func() (n int, idle *countingBody) {
		for _, b := range bodies {
			if b.read.Load() > 0 {
				n++
			} else {
				idle = b
			}
		}
		return n, idle
	}
	wait.For(t, "two bodies read and one waiting", func() bool { n, _ := reading(); return n == 2 && tr.bodies.waiting.Load() == 1 })
	_, idle := reading()
	for _, b := range bodies {
		if b != idle {
			close(b.release) // the first two finish; the third gets a slot
		}
	}
	wait.For(t, "the third body read", func() bool { return idle.read.Load() > 0 })
	close(idle.release)
	wg.Wait()
	for i, code := range codes {
		if code != http.StatusUnauthorized {
			t.Errorf("request %d: status %d, want 401", i, code)
		}
	}
}

// TestLargeBodyWaitsItsTurnOnTheClock: a large body that finds no slot
// free waits for one up to largeBodyWait on the bot's clock, then is
// answered 503 with a Retry-After, unread.
func TestLargeBodyWaitsItsTurnOnTheClock(t *testing.T) {
	h := newHarness(t)
	handler := newHTTPTransport(h.bot, HTTPOptions{SigningSecret: testSecret, LargeBodies: 1}).handler()
	ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
	const size = 1 << 20
	send := func(b *countingBody) <-chan *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, PathEvents, b)
		r.ContentLength = size
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-Slack-Request-Timestamp", ts)
		r.Header.Set("X-Slack-Signature", "v0="+strings.Repeat("0a", 32))
		done := make(chan *httptest.ResponseRecorder, 1)
		go func() {
			w := httptest.NewRecorder()
			handler.ServeHTTP(w, r)
			done <- w
		}()
		return done
	}
	first := &countingBody{size: size, gate: size / 2, release: make(chan struct{})}
	firstDone := send(first)
	wait.For(t, "the first body read", func() bool { return first.read.Load() > 0 })
	second := &countingBody{size: size}
	secondDone := send(second)
	if !h.clock.WaitTimers(1) {
		t.Fatal("the second body does not wait for its turn")
	}
	if next, _ := h.clock.Next(); !next.Equal(h.clock.Now().Add(largeBodyWait)) || len(secondDone) != 0 {
		t.Fatalf("the second body waits until %v, want %v from now", next, largeBodyWait)
	}
	h.clock.Advance(largeBodyWait)
	w := <-secondDone
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") != "1" || second.read.Load() != 0 {
		t.Errorf("after the wait: %d, Retry-After %q, %d bytes read; want 503, 1, none", w.Code, w.Header().Get("Retry-After"), second.read.Load())
	}
	close(first.release)
	if w := <-firstDone; w.Code != http.StatusUnauthorized {
		t.Errorf("the first body: %d, want 401", w.Code)
	}
}

// TestLargeSignedBody: a signed body above the command limit is read
// whole and handled, with its length given or not (chunked); one above
// the view limit is 413.
func TestLargeSignedBody(t *testing.T) {
	h := newHarness(t)
	ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
	send := func(payload string, chunked bool) (int, string) {
		var src io.Reader = strings.NewReader(payload)
		if chunked {
			src = io.MultiReader(src) // no length known
		}
		req, _ := http.NewRequest(http.MethodPost, h.srv.URL+PathEvents, src)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", Sign(testSecret, ts, []byte(payload)))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		return resp.StatusCode, body(t, resp)
	}
	for i, size := range []int{200 << 10, MaxViewBody - 100} {
		for _, chunked := range []bool{false, true} {
			challenge := "challenge-" + strconv.Itoa(i)
			payload := `{"type":"url_verification","challenge":"` + challenge + `","pad":"` + strings.Repeat("a", size) + `"}`
			if code, text := send(payload, chunked); code != http.StatusOK || text != challenge {
				t.Errorf("%d bytes (chunked %v): %d %.40q", len(payload), chunked, code, text)
			}
		}
	}
	for _, chunked := range []bool{false, true} {
		if code, _ := send(`{"pad":"`+strings.Repeat("a", MaxViewBody)+`"}`, chunked); code != http.StatusRequestEntityTooLarge {
			t.Errorf("above the view limit (chunked %v): %d", chunked, code)
		}
	}
}
