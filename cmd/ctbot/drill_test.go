package main

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/internal/fakeslack"
	"github.com/cttechplus/ctbot/internal/wait"
)

// TestRestoreDrill is README's restore drill, end to end: `ctbot serve`
// with [backup] makes a scheduled backup when it starts (entries #1-#3),
// more entries are recorded while it serves (#4, #5), it stops, `ctbot
// jobs` shows the backup run, `ctbot restore` puts the copy back, and the
// next entry's ID is above every ID given before.
func TestRestoreDrill(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ctbot.db")
	backups := filepath.Join(dir, "backups")
	if err := os.Mkdir(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "log kenya one\nlog kenya two\nlog kenya three\n", "console", "-db", db); code != 0 {
		t.Fatal(errOut)
	}
	fake := fakeslack.New(t)
	cfg := httpConfig(t, fake.APIURL())
	src, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte(strings.Replace(string(src), `dir = ""`, `dir = "`+backups+`"`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	s := serve(t, cfg, db, map[string]string{"SLACK_BOT_TOKEN": "xoxb-drill-test-token-1", "SLACK_SIGNING_SECRET": e2eSecret})
	var copies []string
	wait.For(t, "the backup ctbot serve makes when it starts", func() bool {
		copies, _ = filepath.Glob(filepath.Join(backups, "ctbot-*.db"))
		return len(copies) == 1
	})
	for i, text := range []string{"log kenya four", "log kenya five"} {
		form := url.Values{"command": {"/ct"}, "text": {text}, "user_id": {"U0STAFF"}, "channel_id": {"C1"}, "team_id": {fakeslack.Team},
			"api_app_id": {fakeslack.App}, "response_url": {fake.ResponseURL("drill")}, "trigger_id": {"t" + text}}
		code, body := signedPost(t, s.addr, "/slack/commands", "application/x-www-form-urlencoded", form.Encode(), e2eSecret)
		if want := "Recorded #" + strconv.Itoa(4+i); code != http.StatusOK || !strings.Contains(body, want) {
			t.Fatalf("%s: %d %s, want %s", text, code, body, want)
		}
	}
	s.stop(t)

	code, out, errOut := run(t, "", "jobs", "-config", cfg, "-db", db)
	name := filepath.Base(copies[0])
	if code != 0 || !strings.Contains(out, "backup to "+backups+", keeping 7 daily and 4 weekly copies") ||
		!regexp.MustCompile(`backup +\S+ +posted +attempts 1 +`+regexp.QuoteMeta(filepath.Join(backups, name))+`: \d+ bytes, schema version \d+, entries up to #3, integrity ok`).MatchString(out) {
		t.Fatalf("jobs: exit %d, %s %s", code, out, errOut)
	}
	code, out, errOut = run(t, "", "restore", "-config", cfg, "-db", db, copies[0])
	if code != 0 || !strings.Contains(out, "entries up to #3") {
		t.Fatalf("restore: exit %d, %s %s", code, out, errOut)
	}
	_, out, _ = run(t, "log kenya after the restore\nhistory\n", "console", "-config", cfg, "-db", db)
	id := regexp.MustCompile(`Recorded #(\d+)`).FindStringSubmatch(out)
	if id == nil {
		t.Fatalf("console after the restore:\n%s", out)
	}
	if n, _ := strconv.Atoi(id[1]); n <= 5 {
		t.Errorf("the first entry after the restore is #%d: IDs up to #5 were given before", n)
	}
	if strings.Contains(out, "four") || !strings.Contains(out, "three") {
		t.Errorf("the restored database is not the copy:\n%s", out)
	}
}

// TestCheckConfigRefusesBackupDir: check-config names the [backup] key and
// its line for a directory that does not exist and for a bad cron.
func TestCheckConfigRefusesBackupDir(t *testing.T) {
	src := strings.Replace(string(mustRead(t, "../../config.example.toml")), "dir = \"\"\nschedule = \"30 2 * * *\"", "dir = \"/nonexistent/backups\"\nschedule = \"nightly\"", 1)
	path := filepath.Join(t.TempDir(), "c.toml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	line := strings.Count(src[:strings.Index(src, `dir = "/nonexistent`)], "\n") + 1
	code, _, errOut := run(t, "", "check-config", "-config", path)
	for _, want := range []string{"line " + strconv.Itoa(line) + `: backup.dir: "/nonexistent/backups" does not exist`,
		"line " + strconv.Itoa(line+1) + `: backup.schedule: "nightly" is not a cron schedule`} {
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("check-config: exit %d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
}
