package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

// backupConfig is the example configuration with its [backup] keys set.
func backupConfig(dir, schedule, keepDaily, keepWeekly string) string {
	src := string(ctbot.DefaultConfig)
	src = strings.Replace(src, "dir = \"\"\nschedule = \"30 2 * * *\"", "dir = \""+dir+"\"\nschedule = \""+schedule+"\"", 1)
	src = strings.Replace(src, "keep_daily = 7\nkeep_weekly = 4", "keep_daily = "+keepDaily+"\nkeep_weekly = "+keepWeekly, 1)
	return src
}

// TestBackupKeys: the example's [backup] parses to its documented defaults
// and a good directory is taken.
func TestBackupKeys(t *testing.T) {
	if b := Default().Backup; b != (Backup{Schedule: "30 2 * * *", KeepDaily: 7, KeepWeekly: 4}) {
		t.Errorf("default [backup] = %+v", b)
	}
	dir := t.TempDir()
	c, err := Parse("b.toml", []byte(backupConfig(dir, "0 */6 * * *", "3", "0")))
	if err != nil {
		t.Fatal(err)
	}
	if b := c.Backup; b != (Backup{Dir: dir, Schedule: "0 */6 * * *", KeepDaily: 3, KeepWeekly: 0}) {
		t.Errorf("[backup] = %+v", b)
	}
}

// TestBackupValidation: a bad cron, a missing directory, a file, counts out
// of range or keeping nothing are each refused with key and line.
func TestBackupValidation(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing")
	for _, tt := range []struct {
		name, src, key, want string
	}{
		{"bad cron", backupConfig(dir, "every night", "7", "4"), "schedule", `"every night" is not a cron schedule`},
		{"missing dir", backupConfig(missing, "30 2 * * *", "7", "4"), "dir", `"` + missing + `" does not exist; create it`},
		{"a file", backupConfig(file, "30 2 * * *", "7", "4"), "dir", `"` + file + `" is not a directory`},
		{"negative", backupConfig(dir, "30 2 * * *", "-1", "4"), "keep_daily", "-1 is out of range"},
		{"nothing kept", backupConfig(dir, "30 2 * * *", "0", "0"), "keep_daily", "both 0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assertProblem(t, tt.src, "backup."+tt.key, tt.want)
		})
	}
}

// assertProblem parses src and wants a problem of key, on its line, saying want.
func assertProblem(t *testing.T, src, key, want string) {
	t.Helper()
	_, err := Parse("b.toml", []byte(src))
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("accepted, or not a config error: %v", err)
	}
	field := key[strings.LastIndex(key, ".")+1:]
	at := strings.Index(src, "[backup]")
	line := lineOf(t, src, "[backup]") + lineOf(t, src[at:], "\n"+field+" = ")
	for _, p := range ce.Problems {
		if p.Key == key && strings.Contains(p.Msg, want) && p.Line == line {
			return
		}
	}
	t.Errorf("no problem %q on %s line %d in:\n%v", want, key, line, err)
}
