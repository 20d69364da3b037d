package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/internal/fakeslack"
)

func runAt(t *testing.T, now string, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut strings.Builder
	app := &App{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] },
		Clock: fakeclock.At(now)}
	code := app.Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

func TestDigestCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	runAt(t, "2026-11-24T09:00:00Z", nil, `training kenya today "OSINT" trained=20 women=8`+"\nlog kenya Met the cybercrime unit\n", "console", "-db", db)
	runAt(t, "2026-11-30T09:00:00Z", nil, "log kenya After the digest\n", "console", "-db", db)

	code, out, errOut := runAt(t, "2026-12-01T12:00:00Z", nil, "", "digest", "-db", db, "-at", "2026-11-30T08:00")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"CT TECH+ weekly digest — week 48", "Mon 23 Nov – Sun 29 Nov 2026", "2 entries recorded this week by 1 person, covering 1 country",
		"Kenya — 1 training (20 trained; 40% women; 20 new, 8 women among them)", "Met the cybercrime unit"} {
		if !strings.Contains(out, want) {
			t.Errorf("digest lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "After the digest") || strings.Contains(out, "<@") || strings.Contains(out, ":red_circle:") {
		t.Errorf("digest counts a later entry or is not plain text:\n%s", out)
	}
	// RFC 3339 works too; a bad instant is refused.
	if code, out, _ := runAt(t, "2026-12-01T12:00:00Z", nil, "", "digest", "-db", db, "-at", "2026-11-30T07:00:00Z"); code != 0 || !strings.Contains(out, "week 48") {
		t.Errorf("RFC 3339 -at: %d", code)
	}
	if code, _, errOut := runAt(t, "2026-12-01T12:00:00Z", nil, "", "digest", "-db", db, "-at", "next monday"); code != 1 || !strings.Contains(errOut, "YYYY-MM-DDTHH:MM") {
		t.Errorf("bad -at: %d %s", code, errOut)
	}
}

func TestDigestPostIsRecordedAndNotRepeated(t *testing.T) {
	fake := fakeslack.New(t)
	src := strings.Replace(string(mustRead(t, "../../config.example.toml")), `channel = ""`, `channel = "C0DIGEST"`, 1)
	src = strings.Replace(src, `api_url = ""`, `api_url = "`+fake.APIURL()+`"`, 1)
	cfg := filepath.Join(t.TempDir(), "c.toml")
	os.WriteFile(cfg, []byte(src), 0o600)
	db := filepath.Join(t.TempDir(), "p.db")
	if code, _, errOut := runAt(t, "2026-11-30T07:10:00Z", nil, "", "migrate", "-db", db); code != 0 {
		t.Fatal(errOut)
	}
	env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-digest-post-test"}
	for i := range 2 {
		code, out, errOut := runAt(t, "2026-11-30T07:10:00Z", env, "", "digest", "-config", cfg, "-db", db, "-at", "2026-11-30T08:00", "-post")
		if code != 0 || !strings.Contains(out, "digest 2026-11-30T08:00: posted") {
			t.Fatalf("post %d: exit %d, %s %s", i, code, out, errOut)
		}
	}
	heads := 0
	for _, c := range fake.Calls("chat.postMessage") {
		if c.Form.Get("channel") == "C0DIGEST" && c.Form.Get("thread_ts") == "" {
			heads++
		}
	}
	if heads != 1 {
		t.Errorf("digest posted %d times by two -post runs", heads)
	}
	if len(fake.Calls("files.completeUploadExternal")) != 1 || len(fake.Calls("upload")) != 1 {
		t.Errorf("chart not uploaded once: %d", len(fake.Calls("upload")))
	}
	// `ctbot jobs` shows the schedules and this run.
	code, out, _ := runAt(t, "2026-11-30T07:10:00Z", nil, "", "jobs", "-config", cfg, "-db", db)
	for _, want := range []string{"Schedules (Europe/Brussels)", `digest  "0 8 * * MON"`, "next: Mon 7 Dec 2026 08:00 CET; Mon 14 Dec 2026 08:00 CET; Mon 21 Dec 2026 08:00 CET",
		`daily   "0 9 * * *"`, "next: Mon 30 Nov 2026 09:00 CET", "digest   2026-11-30T08:00", "posted",
		"per state (\"0 9 * * *\" local time, working days)", "KE Kenya", "weekend SAT SUN",
		"next: Mon 30 Nov 2026 09:00 CET; Tue 1 Dec 2026 09:00 CET; Wed 2 Dec 2026 09:00 CET"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("jobs output lacks %q:\n%s", want, out)
		}
	}
}

// TestDigestDMsCarryTheChart: each coordinator's DM gets the chart in the
// digest's thread, with alt text that gives the figures, as a PNG.
func TestDigestDMsCarryTheChart(t *testing.T) {
	fake := fakeslack.New(t)
	src := strings.Replace(string(mustRead(t, "../../config.example.toml")), `dm_coordinators = false`, `dm_coordinators = true`, 1)
	src = strings.Replace(src, `coordinators = []`, `coordinators = ["UCOORD", "UCOORD2"]`, 1)
	src = strings.Replace(src, `api_url = ""`, `api_url = "`+fake.APIURL()+`"`, 1)
	cfg := filepath.Join(t.TempDir(), "c.toml")
	os.WriteFile(cfg, []byte(src), 0o600)
	db := filepath.Join(t.TempDir(), "p.db")
	runAt(t, "2026-11-24T09:00:00Z", nil, `training kenya today "OSINT" trained=20 women=8 new=20`+"\n", "console", "-db", db, "-config", cfg)
	env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-digest-dm-test"}
	if code, out, errOut := runAt(t, "2026-11-30T07:10:00Z", env, "", "digest", "-config", cfg, "-db", db, "-at", "2026-11-30T08:00", "-post"); code != 0 {
		t.Fatalf("exit %d, %s %s", code, out, errOut)
	}
	done := fake.Calls("files.completeUploadExternal")
	if len(done) != 2 {
		t.Fatalf("%d charts completed, want one per coordinator", len(done))
	}
	for i, dm := range []string{"DUCOORD", "DUCOORD2"} {
		if got := done[i].Form.Get("channel_id"); got != dm || done[i].Form.Get("thread_ts") == "" {
			t.Errorf("chart %d went to %q (thread %q), want %s in the digest's thread", i, got, done[i].Form.Get("thread_ts"), dm)
		}
	}
	for _, c := range fake.Calls("files.getUploadURLExternal") {
		for _, want := range []string{"investigators-trained: Kenya 20 of 40, expected 38 by now, at risk", "Women among the people trained: Kenya 40%"} {
			if !strings.Contains(c.Form.Get("alt_txt"), want) {
				t.Errorf("alt text lacks %q:\n%s", want, c.Form.Get("alt_txt"))
			}
		}
	}
	for _, c := range fake.Calls("upload") {
		img, err := png.Decode(bytes.NewReader(c.File))
		if err != nil {
			t.Fatalf("uploaded chart: %v", err)
		}
		if img.Bounds().Dx() != 900 {
			t.Errorf("chart %d px wide", img.Bounds().Dx())
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
