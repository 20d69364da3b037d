package jobs

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/metrics"
)

// TestFirstStartLogsOneSkipSummary: a first start misses a run of every
// schedule; the log says so in one line with how many, not one warning
// per run.
func TestFirstStartLogsOneSkipSummary(t *testing.T) {
	h := newHarness(t, "2026-12-01T08:00:00Z")
	var buf bytes.Buffer
	r, err := New(Options{Core: h.core, Store: h.db, Figures: h.core.Figures(), Poster: h.poster, Config: h.cfg, Clock: h.clock, Owner: "process-A",
		Log: slog.New(slog.NewTextHandler(&buf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	runs, err := h.db.RecentRuns(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	missed := 0
	for _, run := range runs {
		if run.Status == ctbot.RunSkipped && strings.HasPrefix(run.Detail, "missed") {
			missed++
		}
	}
	if missed < 3 {
		t.Fatalf("%d runs recorded as missed at a first start; the test wants several", missed)
	}
	log := buf.String()
	if n := strings.Count(log, "skipped"); n != 1 {
		t.Errorf("%d log lines about skipped runs for %d runs, want 1:\n%s", n, missed, log)
	}
	for _, want := range []string{"scheduled runs skipped", fmt.Sprintf("runs=%d", missed), "digest:1", "catch_up_hours=24"} {
		if !strings.Contains(log, want) {
			t.Errorf("the summary lacks %s:\n%s", want, log)
		}
	}
	buf.Reset()
	if err := r.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "skipped") {
		t.Errorf("the next tick logs skips again:\n%s", buf.String())
	}
}

// TestLastSuccessSurvivesRestart: the time of the latest successful run of
// each job is in the metrics when it finishes, and again after a restart,
// read from the record.
func TestLastSuccessSurvivesRestart(t *testing.T) {
	h := newHarness(t, mondayDigest)
	h.seed()
	m := metrics.New()
	r, err := New(Options{Core: h.core, Store: h.db, Figures: h.core.Figures(), Poster: h.poster, Config: h.cfg, Clock: h.clock, Owner: "process-A", Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Tick(t.Context()); err != nil {
		t.Fatal(err)
	}
	want := float64(h.clock.Now().Unix()) // the run finished now (to the microsecond, as recorded)
	if got := lastSuccess(t, m, JobDigest); got < want || got > want+1 {
		t.Fatalf("after the digest posted, its last success is %f, want %f", got, want)
	}
	restarted := metrics.New()
	r2, err := New(Options{Core: h.core, Store: h.db, Figures: h.core.Figures(), Poster: h.poster, Config: h.cfg, Clock: h.clock, Owner: "process-B", Metrics: restarted})
	if err != nil {
		t.Fatal(err)
	}
	r2.noteSuccesses(t.Context())
	if got := lastSuccess(t, restarted, JobDigest); got < want || got > want+1 {
		t.Errorf("after a restart, the digest's last success is %f, want %f", got, want)
	}
}

// lastSuccess is the time of job's latest successful run in m's metrics, 0 if none.
func lastSuccess(t *testing.T, m *metrics.Metrics, job string) float64 {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	prefix := `ctbot_job_last_success_timestamp_seconds{job="` + job + `"} `
	for _, l := range strings.Split(rec.Body.String(), "\n") {
		if v, ok := strings.CutPrefix(l, prefix); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
	}
	return 0
}
