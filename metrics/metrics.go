// Package metrics exposes ctbot's Prometheus metrics at GET /metrics:
// commands by kind and outcome, acknowledgement latency, Slack Web API
// calls, errors and retries, events, and scheduled runs by outcome.
package metrics

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds ctbot's collectors in a registry of their own. A nil
// *Metrics records nothing, so components work without it.
type Metrics struct {
	reg       *prometheus.Registry
	commands  *prometheus.CounterVec
	ack       *prometheus.HistogramVec
	slackReqs *prometheus.CounterVec
	slackErrs *prometheus.CounterVec
	retries   *prometheus.CounterVec
	events    *prometheus.CounterVec
	runs      *prometheus.CounterVec
	socket    *prometheus.CounterVec
	ops       opsMetrics // what an operator alerts on (ops.go)

	mu       sync.Mutex
	lastCall SlackCall // the latest Slack Web API call, for /healthz
}

// SlackCall is the outcome of a Slack Web API call.
type SlackCall struct {
	Method  string
	At      time.Time
	Failure string // why Slack could not be used: no answer, a server error, the token refused; "" when it could
}

// New returns Metrics with the Go runtime and process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		commands: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ctbot_commands_total",
			Help: "Commands handled, by command and outcome (ok, duplicate, bad_input, forbidden, error)."}, []string{"command", "outcome"}),
		ack: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "ctbot_ack_seconds",
			Help:    "Time from receiving a Slack request to acknowledging it, by kind (command, event, interaction).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2, 3, 5}}, []string{"kind"}),
		slackReqs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ctbot_slack_requests_total",
			Help: "Slack Web API requests, by method and HTTP status (or \"error\" when none came back)."}, []string{"method", "status"}),
		slackErrs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ctbot_slack_api_errors_total",
			Help: "Slack Web API calls that failed: an HTTP error, no answer, or ok=false, by method."}, []string{"method"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ctbot_slack_retries_total",
			Help: "Slack Web API retries, by reason (rate_limited, server_error, connection); reason_given_up when the wait was longer than the call had left."}, []string{"reason"}),
		events: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ctbot_events_total",
			Help: "Events API deliveries, by outcome (handled, duplicate)."}, []string{"outcome"}),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ctbot_job_runs_total",
			Help: "Scheduled runs, by job and outcome (posted, failed, skipped)."}, []string{"job", "outcome"}),
		socket: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ctbot_socket_disconnects_total",
			Help: "Socket Mode disconnects Slack asked for, by reason (warning, refresh_requested, link_disabled, ...)."}, []string{"reason"}),
	}
	m.reg.MustRegister(m.commands, m.ack, m.slackReqs, m.slackErrs, m.retries, m.events, m.runs, m.socket,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.registerOps()
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Command counts a command handled.
func (m *Metrics) Command(command, outcome string) {
	if m != nil {
		m.commands.WithLabelValues(command, outcome).Inc()
	}
}

// Ack observes how long a request took to acknowledge.
func (m *Metrics) Ack(kind string, d time.Duration) {
	if m != nil {
		m.ack.WithLabelValues(kind).Observe(d.Seconds())
	}
}

// Event counts an Events API delivery.
func (m *Metrics) Event(outcome string) {
	if m != nil {
		m.events.WithLabelValues(outcome).Inc()
	}
}

// Run counts a scheduled run's outcome.
func (m *Metrics) Run(job, outcome string) {
	if m != nil {
		m.runs.WithLabelValues(job, outcome).Inc()
	}
}

// Retry counts a Slack Web API retry.
func (m *Metrics) Retry(reason string) {
	if m != nil {
		m.retries.WithLabelValues(reason).Inc()
	}
}

// LastSlackCall is the outcome of the latest Slack Web API call; false
// before the first (or for a nil Metrics).
func (m *Metrics) LastSlackCall() (SlackCall, bool) {
	if m == nil {
		return SlackCall{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lastCall, !m.lastCall.At.IsZero()
}

func (m *Metrics) noteCall(method, failure string) {
	m.mu.Lock()
	m.lastCall = SlackCall{Method: method, At: time.Now(), Failure: failure}
	m.mu.Unlock()
}

// noteSuccess records a Web API call Slack answered with "ok": true.
func (m *Metrics) noteSuccess() {
	m.ops.slackOK.SetToCurrentTime()
}

// tokenErrors are the Web API errors that say ctbot's token no longer works.
var tokenErrors = map[string]bool{"invalid_auth": true, "not_authed": true, "account_inactive": true,
	"token_revoked": true, "token_expired": true}

// SocketDisconnect counts a Socket Mode disconnect Slack asked for.
func (m *Metrics) SocketDisconnect(reason string) {
	if m != nil {
		m.socket.WithLabelValues(reason).Inc()
	}
}

// Transport wraps an HTTP transport to count Slack Web API requests and
// their errors, including answers of 200 with "ok": false.
func (m *Metrics) Transport(next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	if m == nil {
		return next
	}
	return roundTripper{m: m, next: next}
}

type roundTripper struct {
	m    *Metrics
	next http.RoundTripper
}

func (t roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	method := req.URL.Path[strings.LastIndex(req.URL.Path, "/")+1:]
	if !strings.Contains(method, ".") {
		method = "other" // e.g. a file upload URL
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		t.m.slackReqs.WithLabelValues(method, "error").Inc()
		t.m.slackErrs.WithLabelValues(method).Inc()
		if ue := (*url.Error)(nil); errors.As(err, &ue) {
			err = ue.Err // without the URL
		}
		t.m.noteCall(method, "no answer: "+err.Error())
		return resp, err
	}
	t.m.slackReqs.WithLabelValues(method, statusClass(resp.StatusCode)).Inc()
	if resp.StatusCode >= 400 {
		t.m.slackErrs.WithLabelValues(method).Inc()
		failure := ""
		if resp.StatusCode >= 500 {
			failure = "HTTP " + resp.Status
		}
		t.m.noteCall(method, failure)
		return resp, nil
	}
	failure, ok := "", true
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		body, rerr := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		var answer struct {
			OK    *bool  `json:"ok"`
			Error string `json:"error"`
		}
		if rerr == nil && json.Unmarshal(body, &answer) == nil && answer.OK != nil && !*answer.OK {
			ok = false
			t.m.slackErrs.WithLabelValues(method).Inc()
			if tokenErrors[answer.Error] {
				failure = "Slack refused the token: " + answer.Error
			}
		}
	}
	t.m.noteCall(method, failure)
	if ok {
		t.m.noteSuccess()
	}
	return resp, nil
}

func statusClass(code int) string {
	switch {
	case code == http.StatusTooManyRequests:
		return "429"
	case code >= 500:
		return "5xx"
	case code >= 400:
		return "4xx"
	}
	return "2xx"
}
