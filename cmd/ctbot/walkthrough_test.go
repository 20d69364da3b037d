package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOperationsWalkthrough follows README's operations section on a
// fresh machine, as an operator would type it: validate the configuration
// (with scheduled backups), create the schema, record, back up, see the
// schedules, upgrade (migrate again: nothing to do), roll back by
// restoring the backup, read the version, and ask for health with nothing
// serving. Each step's exit code and its words are checked.
func TestOperationsWalkthrough(t *testing.T) {
	dir := t.TempDir()
	db, backups := filepath.Join(dir, "ctbot.db"), filepath.Join(dir, "backups")
	if err := os.Mkdir(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(mustRead(t, "../../config.example.toml")), "dir = \"\"\nschedule", "dir = \""+backups+"\"\nschedule", 1)
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	step := func(name, stdin string, wantCode int, want string, args ...string) string {
		t.Helper()
		code, out, errOut := run(t, stdin, args...)
		if code != wantCode || !strings.Contains(out+errOut, want) {
			t.Fatalf("%s (%s): exit %d, want %d and %q:\n%s%s", name, strings.Join(args, " "), code, wantCode, want, out, errOut)
		}
		return out + errOut
	}
	step("install: check the configuration", "", 0, "", "check-config", "-config", cfg)
	step("install: create the schema", "", 0, "", "migrate", "-config", cfg, "-db", db)
	step("use", "log kenya met the unit\nlog ghana met the ministry\n", 0, "Recorded #2", "console", "-config", cfg, "-db", db)
	copyPath := filepath.Join(backups, "manual.db")
	step("backup", "", 0, "integrity ok", "backup", "-config", cfg, "-db", db, copyPath)
	step("the schedules", "", 0, "backup", "jobs", "-config", cfg, "-db", db)
	step("upgrade: migrate again", "", 0, "", "migrate", "-config", cfg, "-db", db)
	step("more use", "log kenya again\n", 0, "Recorded #3", "console", "-config", cfg, "-db", db)
	step("roll back: restore", "", 0, "entries up to #2", "restore", "-config", cfg, "-db", db, copyPath)
	if out := step("after the restore", "log kenya after\n", 0, "Recorded #", "console", "-config", cfg, "-db", db); strings.Contains(out, "Recorded #3") {
		t.Errorf("entry #3 was given again after the restore:\n%s", out)
	}
	if _, err := os.Stat(db + ".before-restore-20261127T090000Z"); err != nil {
		t.Errorf("the database replaced is not kept: %v", err)
	}
	step("version", "", 0, "ctbot ", "version")
	step("monitoring: nothing serving", "", 1, "", "health", "-config", cfg, "-addr", "127.0.0.1:1")
}
