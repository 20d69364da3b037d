package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

// TestAStartLogsTheFrameworkAndReportsKeepTheirs: the console logs the
// results framework of its configuration when it starts; started again
// with another (the end extended, a target raised), it logs the change,
// which `period` lists; `ctbot report` of the period closed before gives
// the same CSV and names the change as after its close.
func TestAStartLogsTheFrameworkAndReportsKeepTheirs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	session := "training kenya 2026-09-20 \"OSINT\" trained=45\nperiod close 2026-Q3 approved\n"
	if code, _, errOut := run(t, session, "console", "-db", db); code != 0 {
		t.Fatalf("console: %s", errOut)
	}
	csvPath := func(name string) string { return filepath.Join(dir, name) }
	if code, _, errOut := run(t, "", "report", "-db", db, "-period", "2026-Q3", "-format", "csv", "-o", csvPath("before.csv")); code != 0 {
		t.Fatalf("report: %s", errOut)
	}
	cfg := filepath.Join(dir, "config.toml")
	src := strings.NewReplacer("end = 2026-12-31", "end = 2027-06-30", "target = 40\nsource", "target = 50\nsource").Replace(string(ctbot.DefaultConfig))
	if err := os.WriteFile(cfg, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "period\n", "console", "-config", cfg, "-db", db)
	if code != 0 || !strings.Contains(out, "framework changed on Fri 27 Nov 2026: end 2026-12-31 → 2027-06-30; investigators-trained: target 40 → 50") ||
		!strings.Contains(errOut, "the results framework of the configuration changed") {
		t.Fatalf("console with another framework: %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "", "report", "-config", cfg, "-db", db, "-period", "2026-Q3", "-format", "csv", "-o", csvPath("after.csv")); code != 0 {
		t.Fatalf("report: %s", errOut)
	}
	before, _ := os.ReadFile(csvPath("before.csv"))
	after, _ := os.ReadFile(csvPath("after.csv"))
	if len(before) == 0 || string(before) != string(after) {
		t.Errorf("the closed period's CSV moved:\n%s\n---\n%s", before, after)
	}
	code, out, errOut = run(t, "", "report", "-config", cfg, "-db", db, "-period", "2026-Q3")
	if code != 0 || !strings.Contains(out, "Changes to the results framework after the close of 2026-Q3") || !strings.Contains(out, "40 (45 uncapped)") {
		t.Errorf("text report: %d\n%s\n%s", code, out, errOut)
	}
}
