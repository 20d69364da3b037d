package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/fakeslack"
	"github.com/cttechplus/ctbot/internal/iati"
)

// digestConfig writes a configuration with 60 countries (a digest of
// several messages), a digest channel and the fake Slack.
func digestConfig(t *testing.T, apiURL string) string {
	t.Helper()
	src := string(ctbot.DefaultConfig)
	src = strings.Replace(src, `api_url = ""`, `api_url = "`+apiURL+`"`, 1)
	src = strings.Replace(src, `channel = ""`, `channel = "C0DIGEST"`, 1)
	var extra strings.Builder
	for _, code := range testlandCodes(t) {
		fmt.Fprintf(&extra, "\n[[country]]\ncode = \"%s\"\nname = \"Testland %s with a long name to fill the digest\"\n", code, code)
	}
	src = strings.Replace(src, "# Result indicators", extra.String()+"\n# Result indicators", 1)
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// testlandCodes are 78 ISO 3166-1 codes (check-config refuses others) of
// states that are no partner of the built-in programme.
func testlandCodes(t *testing.T) []string {
	t.Helper()
	countries, err := iati.Get(iati.Country)
	if err != nil {
		t.Fatal(err)
	}
	partners := config.Default().Framework
	var out []string
	for _, c := range countries.Codes {
		if !c.Withdrawn && partners.LookupCountry(c.Code) == nil && len(out) < 78 {
			out = append(out, c.Code)
		}
	}
	return out
}

// runChild runs ctbot as a separate process to its end and returns how it ended.
func runChild(t *testing.T, env []string, args ...string) (*os.ProcessState, string) {
	t.Helper()
	cmd := startChild(t, env, args...)
	_ = cmd.Wait()
	logs, _ := os.ReadFile(cmd.Stdout.(*os.File).Name())
	return cmd.ProcessState, string(logs)
}

// TestDigestPostsOnceWhenKilledAtTheWorstMoment kills `ctbot digest
// -post` (SIGKILL, and SIGTERM) between a Slack post and its record, in
// the middle of the thread, and before the run is finished; a second
// process then finishes the digest. Every message is in Slack once.
func TestDigestPostsOnceWhenKilledAtTheWorstMoment(t *testing.T) {
	for _, fault := range []string{"jobs.after-post:0:KILL", "jobs.after-post:1:KILL", "jobs.mid-thread:0:KILL",
		"jobs.before-finish:0:KILL", "jobs.after-post:0:TERM"} {
		t.Run(fault, func(t *testing.T) {
			fake := fakeslack.New(t)
			cfg := digestConfig(t, fake.APIURL())
			db := filepath.Join(t.TempDir(), "digest.db")
			// Three indicators behind in 78 countries: a digest of several messages.
			seed := "log kenya a week of news\n"
			for _, code := range testlandCodes(t) {
				seed += "log " + code + " news from Testland " + code + "\n" +
					"training " + code + " 2026-11-20 \"OSINT\" trained=1\n" +
					"indicator unsr-recs " + code + " +1\n" +
					"indicator women-policy " + code + " 1/10\n"
			}
			if code, _, errOut := run(t, seed, "console", "-config", cfg, "-db", db); code != 0 {
				t.Fatal(errOut)
			}
			env := []string{"SLACK_BOT_TOKEN=xoxb-fault-test-0000"}
			args := []string{"digest", "-config", cfg, "-db", db, "-post", "-at", "2026-11-30T08:00"}
			state, logs := runChild(t, append(env, faultEnv+"="+fault), args...)
			if state.Success() {
				t.Fatalf("the planted fault did not stop ctbot:\n%s", logs)
			}
			state, logs = runChild(t, env, args...)
			if !state.Success() || !strings.Contains(logs, "digest 2026-11-30T08:00: posted") {
				t.Fatalf("the second process did not finish the digest:\n%s", logs)
			}
			keys := map[string]int{}
			for _, c := range fake.Calls("chat.postMessage") {
				keys[c.Form.Get("metadata")]++
			}
			if len(keys) < 3 {
				t.Fatalf("only %d messages: the digest should need a thread", len(keys))
			}
			for k, n := range keys {
				if n != 1 {
					t.Errorf("%s posted %d times", k, n)
				}
			}
			if n := len(fake.Calls("files.completeUploadExternal")); n != 1 {
				t.Errorf("%d charts uploaded", n)
			}
		})
	}
}
