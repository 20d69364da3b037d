package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
)

// run runs ctbot in-process with the given standard input.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	app := &App{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut,
		Getenv: func(string) string { return "" }, Now: fakeclock.At("2026-11-27T09:00:00Z").Now}
	code = app.Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

func TestConsolePipedSession(t *testing.T) {
	db := filepath.Join(t.TempDir(), "console.db")
	session := strings.Join([]string{
		"/ct log kenya Met the cybercrime unit",
		`training kenya 2026-11-20 "OSINT basics" trained=25 women=9 new=20 online`,
		"",
		"# comments are skipped",
		"status kenya",
		"training kenyaa 2026-11-20 \"x\" trained=3",
		"undo",
		"undo 2",
		"history",
	}, "\n")
	code, out, errOut := run(t, session, "console", "-db", db, "-user", "U0CONSOLE")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	for _, want := range []string{
		"> /ct log kenya Met the cybercrime unit\n✅ Recorded #1: Kenya — update: “Met the cybercrime unit”",
		"> /ct training kenya",
		"Recorded #2",
		"Kenya — status on Fri 27 Nov 2026",
		"🟠 Investigators trained — 20 of 40",
		"⚠️ I don't know the country “kenyaa”. Did you mean `Kenya`? Nothing was recorded.",
		"Your latest entry is #2",
		"🗑️ Retracted #2",
		"@U0CONSOLE",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "comments are skipped") {
		t.Errorf("comment line was run")
	}
	// The database persists between sessions.
	_, out, _ = run(t, "history\n", "console", "-db", db)
	if !strings.Contains(out, "#1") || !strings.Contains(out, "#2") {
		t.Errorf("second session does not see the entries:\n%s", out)
	}
}

func TestCheckConfig(t *testing.T) {
	code, out, _ := run(t, "", "check-config")
	if code != 0 || !strings.Contains(out, "is valid: CT TECH+") || !strings.Contains(out, "9 countries, 6 indicators") {
		t.Errorf("built-in config: exit %d, %s", code, out)
	}
	bad := strings.Replace(string(ctbot.DefaultConfig), `measure = "percent"`, `measure = "ratio"`, 1)
	path := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "", "check-config", "-config", path)
	if code != 1 || !strings.Contains(errOut, "bad.toml") || !strings.Contains(errOut, "indicator[2].measure") || !strings.Contains(errOut, "line ") {
		t.Errorf("bad config: exit %d, stderr %s", code, errOut)
	}
	// Other commands refuse to start on it too.
	if code, _, _ := run(t, "status\n", "console", "-config", path, "-db", filepath.Join(t.TempDir(), "x.db")); code != 1 {
		t.Errorf("console started on a bad config: exit %d", code)
	}
}

func TestMigrateAndVersionAndUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	code, out, _ := run(t, "", "migrate", "-db", db)
	if code != 0 || !strings.Contains(out, "applied 0001_entries.sql") {
		t.Errorf("migrate: exit %d, %s", code, out)
	}
	code, out, _ = run(t, "", "migrate", "-db", db)
	if code != 0 || !strings.Contains(out, "is up to date") {
		t.Errorf("second migrate: exit %d, %s", code, out)
	}
	if code, out, _ := run(t, "", "version"); code != 0 || !strings.HasPrefix(out, "ctbot ") {
		t.Errorf("version: %d %s", code, out)
	}
	if code, _, errOut := run(t, "", "frobnicate"); code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown: %d %s", code, errOut)
	}
	if code, out, _ := run(t, "", "-h"); code != 0 || !strings.Contains(out, "console") || !strings.Contains(out, "check-config") {
		t.Errorf("-h: %d %s", code, out)
	}
	if code, _, errOut := run(t, "", "console", "-h"); code != 0 || !strings.Contains(errOut, "-user") || !strings.Contains(errOut, "-config") {
		t.Errorf("console -h: %d %s", code, errOut)
	}
}

func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	run(t, "log kenya to be backed up\n", "console", "-db", db)
	out := filepath.Join(dir, "copy.db")
	code, stdout, stderr := run(t, "", "backup", "-db", db, out)
	if code != 0 || !strings.Contains(stdout, "integrity ok") {
		t.Fatalf("backup: %d %s %s", code, stdout, stderr)
	}
	_, hist, _ := run(t, "history\n", "console", "-db", out)
	if !strings.Contains(hist, "to be backed up") {
		t.Errorf("the copy lacks the entry:\n%s", hist)
	}
	if code, _, stderr := run(t, "", "backup", "-db", db, out); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("backup over a file: %d %s", code, stderr)
	}
	if code, _, _ := run(t, "", "backup", "-db", db); code != 2 {
		t.Errorf("backup without a file: %d", code)
	}
}
