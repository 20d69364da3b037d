package jobs

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
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
