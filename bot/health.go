package bot

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Operator endpoints, on the Slack listener and the metrics listener.
const (
	PathLive   = "/livez"   // 200 while the process answers
	PathHealth = "/healthz" // 200 when ctbot can write and reach Slack
)

// HealthChecker reports what keeps the database from being written, one
// error per problem; none when it can be.
type HealthChecker interface {
	Health(ctx context.Context) []error
}

// healthTimeout bounds a health check.
const healthTimeout = 3 * time.Second

// webAPIProbeEvery is how often, at most, /healthz asks Slack (auth.test)
// whether ctbot can use the Web API, when it does not know or the latest
// call failed.
const webAPIProbeEvery = 30 * time.Second

// healthState is what /healthz knows of the connection to Slack.
type healthState struct {
	mu        sync.Mutex
	socket    bool      // Socket Mode runs
	connected bool      // Socket Mode is connected
	since     time.Time // when Socket Mode was last connected or lost
	lastErr   string    // why the last Socket Mode connection failed
	probing   bool      // an auth.test probe is under way
	probedAt  time.Time
}

// HealthHandler serves /livez (200 while the process answers) and
// /healthz: 200 "ok" when ctbot can write its database and is connected
// to Slack, otherwise 503 with one line per problem.
func (b *Bot) HealthHandler(db HealthChecker) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if r.URL.Path == PathLive {
			_, _ = io.WriteString(w, "ok\n")
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
		defer cancel()
		problems := b.problems(ctx, db)
		if len(problems) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, strings.Join(problems, "\n")+"\n")
			return
		}
		_, _ = io.WriteString(w, "ok\n")
	})
}

// problems are what keeps ctbot from working, one line each.
func (b *Bot) problems(ctx context.Context, db HealthChecker) []string {
	var out []string
	if db == nil {
		out = append(out, "database: none configured")
	} else {
		for _, err := range db.Health(ctx) {
			out = append(out, "database: "+oneLine(err.Error()))
		}
	}
	if p := b.slackProblem(); p != "" {
		out = append(out, "Slack: "+oneLine(p))
	}
	return out
}

// slackProblem says why ctbot cannot reach Slack: in Socket Mode, the
// socket is not connected; otherwise the latest Web API call failed. When
// the latest call failed, or none was made, an auth.test is sent in the
// background (at most every 30 s) so that the answer recovers without
// other traffic.
func (b *Bot) slackProblem() string {
	s := &b.health
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.socket {
		if s.connected {
			return ""
		}
		msg := "Socket Mode is not connected (since " + s.since.UTC().Format(time.RFC3339) + ")"
		if s.lastErr != "" {
			msg += ": " + s.lastErr
		}
		return msg
	}
	if b.metrics == nil {
		return "" // the Web API's outcomes are noted by the metrics transport
	}
	call, known := b.metrics.LastSlackCall()
	if (!known || call.Failure != "") && !s.probing && b.now().Sub(s.probedAt) >= webAPIProbeEvery {
		s.probing, s.probedAt = true, b.now()
		b.goBackground("Web API health probe", func(ctx context.Context) {
			_, _ = b.api.AuthTestContext(ctx) // its outcome is noted by the metrics transport
			s.mu.Lock()
			s.probing = false
			s.mu.Unlock()
		})
	}
	if !known || call.Failure == "" {
		return ""
	}
	return fmt.Sprintf("the latest Web API call (%s at %s) failed: %s", call.Method, call.At.UTC().Format(time.RFC3339), call.Failure)
}

// socketStarted, socketConnected and socketLost keep the state of Socket Mode.
func (b *Bot) socketStarted() {
	b.health.mu.Lock()
	defer b.health.mu.Unlock()
	b.health.socket, b.health.connected, b.health.since = true, false, b.now()
	b.metrics.SocketConnected(false)
}

func (b *Bot) socketConnected() {
	b.health.mu.Lock()
	defer b.health.mu.Unlock()
	b.health.connected, b.health.since, b.health.lastErr = true, b.now(), ""
	b.metrics.SocketConnected(true)
}

// socketLost notes that the socket is not connected; why, if known.
func (b *Bot) socketLost(why string) {
	b.health.mu.Lock()
	defer b.health.mu.Unlock()
	if b.health.connected {
		b.health.connected, b.health.since = false, b.now()
	}
	b.metrics.SocketConnected(false)
	if why != "" {
		b.health.lastErr = why
	}
}

// oneLine keeps a problem on one line of the answer.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
