package main

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/bot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/internal/fakeslack"
	"github.com/cttechplus/ctbot/internal/wait"
)

// TestSIGHUPReloadsAccess sends SIGHUP to a serving ctbot (a process of
// its own): it keeps serving, with the staff list of the configuration as
// edited; a configuration with a mistake changes nothing.
func TestSIGHUPReloadsAccess(t *testing.T) {
	fake := fakeslack.New(t)
	dir := t.TempDir()
	addr := freePort(t)
	base := string(ctbot.DefaultConfig)
	for old, new := range map[string]string{`mode = "socket"`: `mode = "http"`, `listen = ""`: `listen = "` + addr + `"`,
		`api_url = ""`: `api_url = "` + fake.APIURL() + `"`, `listen = "127.0.0.1:9464"`: `listen = ""`} {
		base = strings.Replace(base, old, new, 1)
	}
	cfg := filepath.Join(dir, "config.toml")
	writeConfig := func(staff string) {
		t.Helper()
		if err := os.WriteFile(cfg, []byte(strings.Replace(base, "staff = []", "staff = "+staff, 1)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	writeConfig(`["U0STAFF"]`)
	const secret = "sighup-test-signing-secret-00000"
	child := startChild(t, []string{"SLACK_BOT_TOKEN=xoxb-sighup-test-0000", "SLACK_SIGNING_SECRET=" + secret}, "serve", "-config", cfg, "-db", filepath.Join(dir, "ctbot.db"))
	waitHealthy(t, addr, child)
	logs := func() string { b, _ := os.ReadFile(child.Stdout.(*os.File).Name()); return string(b) }
	logAs := func(user, text string) string {
		t.Helper()
		form := url.Values{"command": {"/ct"}, "text": {text}, "user_id": {user}, "channel_id": {"C1"}, "team_id": {fakeslack.Team},
			"trigger_id": {"t." + user + text}, "response_url": {fake.ResponseURL("hup")}}.Encode()
		_, body := signedPost(t, addr, bot.PathCommands, "application/x-www-form-urlencoded", form, secret)
		return body
	}
	hangup := func(want string) {
		t.Helper()
		if err := child.Process.Signal(syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
		if !wait.Until(func() bool { return strings.Count(logs(), want) == 1 }) {
			t.Fatalf("no %q in the log after SIGHUP:\n%s", want, logs())
		}
	}

	if body := logAs("U0NEW", "log kenya before the reload"); !strings.Contains(body, "You are not allowed to record entries for Kenya") {
		t.Fatalf("U0NEW, not staff yet: %s", body)
	}
	writeConfig(`["U0STAFF", "U0NEW"]`)
	hangup("SIGHUP: reloaded [access] from the configuration")
	if body := logAs("U0NEW", "log kenya after the reload"); !strings.Contains(body, "Recorded #1") {
		t.Errorf("U0NEW, staff since the reload: %s", body)
	}
	// A mistake in the file: the access in force stays, and the log says why.
	writeConfig(`["U0STAFF", "not-a-user"]`)
	hangup("SIGHUP: configuration not reloaded; ctbot goes on with the one it has")
	if body := logAs("U0NEW", "log kenya after a bad reload"); !strings.Contains(body, "Recorded #2") {
		t.Errorf("U0NEW after a bad reload: %s", body)
	}
	if !strings.Contains(logs(), `not-a-user\" is not a Slack user ID`) && !strings.Contains(logs(), `"not-a-user" is not a Slack user ID`) {
		t.Errorf("the log does not say what was wrong:\n%s", logs())
	}
	if err := child.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := child.Wait(); err != nil {
		t.Errorf("ctbot after SIGHUP, then SIGTERM: %v\n%s", err, logs())
	}
}

// TestSIGHUPWithBuiltInConfiguration: with no configuration file there is
// nothing to reload, and the log says so.
func TestSIGHUPWithBuiltInConfiguration(t *testing.T) {
	var out strings.Builder
	e := &env{cfg: config.Default()}
	e.log = newLogger(&out, e.cfg.Log, fakeclock.At("2026-11-27T09:00:00Z"))
	core := commands.New(commands.Options{Framework: e.cfg.Framework, Access: e.cfg.Access})
	hup := make(chan os.Signal, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); reloadOnHangup(ctx, hup, e, core) }()
	hup <- syscall.SIGHUP
	hup <- syscall.SIGHUP // taken once the first is handled
	cancel()
	<-done
	if got := strings.Count(out.String(), "SIGHUP: nothing to reload (ctbot runs on its built-in configuration); restart to apply configuration changes"); got < 1 {
		t.Errorf("log: %s", out.String())
	}
}
