package jobs

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/internal/syncbuf"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/wait"
	"github.com/cttechplus/ctbot/metrics"
)

// backups sets [backup] with a directory of the test's.
func backups(dir string, daily, weekly int) func(*config.Config) {
	return func(c *config.Config) {
		c.Backup = config.Backup{Dir: dir, Schedule: "30 2 * * *", KeepDaily: daily, KeepWeekly: weekly}
	}
}

// backupFiles lists dir's files.
func backupFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// TestScheduledBackupsKeepDailyAndWeekly drives three weeks of nightly
// backups (02:30 in Brussels) on the fake clock: each night makes one
// verified copy, 0600, once however many ticks and processes; the keep
// rules leave the newest copy of each of the last 3 days and of each of
// the last 2 weeks (Monday to Sunday), and never touch other files.
func TestScheduledBackupsKeepDailyAndWeekly(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, "2026-11-01T01:00:00Z", backups(dir, 3, 2)) // Sunday 02:00 in Brussels
	h.at("2026-10-30T10:00:00Z", "UFOCALKE", "log kenya met the unit")
	for _, f := range []string{"notes.txt", "ctbot-manual.db", "ctbot-20200101-0000.db.tmp-123"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("mine"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	other := h.newRunner(h.db, "process-B")
	// A new database: the night before is within the catch-up window.
	h.tick()
	if run := h.run(JobBackup, "2026-10-31T02:30"); run.Status != ctbot.RunPosted || !strings.Contains(run.Detail, "integrity ok") {
		t.Fatalf("first backup: %+v", run)
	}
	for d := 1; d <= 22; d++ {
		h.clock.Set(time.Date(2026, 11, d, 1, 45, 0, 0, time.UTC)) // 02:45 in Brussels
		h.tick()
		_ = other.Tick(context.Background())
		h.tick()
		period := time.Date(2026, 11, d, 2, 30, 0, 0, time.UTC).Format("2006-01-02T15:04")
		run := h.run(JobBackup, period)
		name := "ctbot-202611" + period[8:10] + "-0230.db"
		if run.Status != ctbot.RunPosted || run.Attempts != 1 || !strings.Contains(run.Detail, filepath.Join(dir, name)+": ") ||
			!strings.Contains(run.Detail, "entries up to #1, integrity ok") {
			t.Fatalf("backup of %s: %+v", period, run)
		}
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("copy %s: %v %v, want mode 0600", name, st, err)
		}
	}
	// Days: 22, 21, 20 November; weeks: 16-22 November (the 22nd) and
	// 9-15 November (the 15th).
	want := []string{"ctbot-20200101-0000.db.tmp-123", "ctbot-20261115-0230.db", "ctbot-20261120-0230.db", "ctbot-20261121-0230.db",
		"ctbot-20261122-0230.db", "ctbot-manual.db", "notes.txt"}
	if got := backupFiles(t, dir); !slices.Equal(got, want) {
		t.Errorf("backup directory:\n got %v\nwant %v", got, want)
	}
}

// TestKeptBackups: the keep rules on copies several a day, across a week's
// end: the newest of a day counts for the day and for its week.
func TestKeptBackups(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Brussels")
	var copies []backupCopy
	for _, s := range []string{"20261123-1800", "20261123-0600", "20261122-2300", "20261122-0100", "20261121-1200", "20261115-0900", "20261109-0000", "20261108-2359"} {
		at, _ := time.ParseInLocation(backupLayout, s, loc)
		copies = append(copies, backupCopy{name: s, at: at})
	}
	for _, tt := range []struct {
		daily, weekly int
		want          []string
	}{
		{2, 0, []string{"20261122-2300", "20261123-1800"}},
		{0, 3, []string{"20261115-0900", "20261122-2300", "20261123-1800"}}, // the 9th is the Monday of the 15th's week
		{1, 4, []string{"20261108-2359", "20261115-0900", "20261122-2300", "20261123-1800"}},
		{10, 10, []string{"20261108-2359", "20261109-0000", "20261115-0900", "20261121-1200", "20261122-2300", "20261123-1800"}},
	} {
		var got []string
		for name := range keptBackups(copies, tt.daily, tt.weekly) {
			got = append(got, name)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("keep_daily %d, keep_weekly %d: %v, want %v", tt.daily, tt.weekly, got, tt.want)
		}
	}
}

// TestFailedBackupAlerts: a backup that fails (its directory gone) is
// logged at ERROR once, counted in ctbot_job_runs_total{job="backup",
// outcome="failed"}, recorded as failed, leaves no file and is retried
// five minutes later on the runner's clock; the retry's success sets the
// job's last-success time, which a restarted ctbot reads back.
func TestFailedBackupAlerts(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "backups")
	h := newHarness(t, "2026-11-25T01:29:00Z", backups(dir, 7, 4)) // Wednesday 02:29 in Brussels
	h.at("2026-11-20T10:00:00Z", "UFOCALKE", "log kenya met the unit")
	// The night before was backed up already.
	if _, err := h.db.SkipRun(context.Background(), JobBackup, "2026-11-24T02:30", mustTime("2026-11-24T01:30:00Z"), "test"); err != nil {
		t.Fatal(err)
	}
	m := metrics.New()
	logs := &syncbuf.Buffer{}
	r, err := New(Options{Core: h.core, Store: h.db, Figures: h.core.Figures(), Poster: h.poster, Config: h.cfg, Clock: h.clock,
		Owner: "m", Metrics: m, Log: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { defer close(stopped); r.Run(ctx) }()
	defer func() { cancel(); <-stopped }()
	status := func() ctbot.RunStatus {
		run, err := h.db.Run(context.Background(), JobBackup, "2026-11-25T02:30")
		if err != nil {
			return ""
		}
		return run.Status
	}
	step := h.step
	step(mustTime("2026-11-25T01:30:00Z"), "the backup")
	wait.For(t, "the backup run, failed", func() bool { return status() == ctbot.RunFailed })
	if !h.clock.WaitTimers(1) { // the tick is over, its errors logged
		t.Fatal("the runner does not wait after the failure")
	}
	if n := strings.Count(logs.String(), "level=ERROR"); n != 1 || !strings.Contains(logs.String(), "job=backup") {
		t.Errorf("%d ERROR lines for one failed backup, want 1:\n%s", n, logs)
	}
	scrape := func() string {
		srv := httptest.NewServer(m.Handler())
		defer srv.Close()
		resp, err := srv.Client().Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	const failed, lastOK = `ctbot_job_runs_total{job="backup",outcome="failed"} 1` + "\n", `ctbot_job_last_success_timestamp_seconds{job="backup"} `
	if out := scrape(); !strings.Contains(out, failed) || strings.Contains(out, lastOK) {
		t.Errorf("metrics after a failure:\n%s", grepLines(out, `job="backup"`))
	}

	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	step(mustTime("2026-11-25T01:35:00Z"), "the retry")
	wait.For(t, "the backup made on the retry", func() bool { return status() == ctbot.RunPosted })
	if _, err := os.Stat(filepath.Join(dir, "ctbot-20261125-0230.db")); err != nil {
		t.Fatal(err)
	}
	run, err := h.db.Run(context.Background(), JobBackup, "2026-11-25T02:30")
	if err != nil {
		t.Fatal(err)
	}
	out := scrape()
	if want := lastOK + formatFloat(run.FinishedAt); !strings.Contains(out, want) || !strings.Contains(out, failed) {
		t.Errorf("metrics after the retry, want %s:\n%s", want, grepLines(out, `job="backup"`))
	}
	if n := strings.Count(logs.String(), "level=ERROR"); n != 1 {
		t.Errorf("%d ERROR lines, want still 1:\n%s", n, logs)
	}

	// A restarted ctbot knows when the last copy was made.
	m2 := metrics.New()
	r2, err := New(Options{Core: h.core, Store: h.db, Config: h.cfg, Clock: h.clock, Metrics: m2})
	if err != nil {
		t.Fatal(err)
	}
	r2.noteSuccesses(context.Background())
	m = m2
	if out := scrape(); !strings.Contains(out, lastOK+formatFloat(run.FinishedAt)) {
		t.Errorf("metrics after a restart:\n%s", grepLines(out, `job="backup"`))
	}
}

// formatFloat is t in seconds as Prometheus's text format writes it.
func formatFloat(t time.Time) string {
	return strconv.FormatFloat(float64(t.Unix()), 'g', -1, 64) + "\n"
}

// grepLines is the lines of s that hold word.
func grepLines(s, word string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
