package bot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/fakeclock"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadSecrets(t *testing.T) {
	good := map[string]string{EnvBotToken: "xoxb-1234567890-abcdef", EnvAppToken: "xapp-1-A1-123456-abcdef", EnvSigningSecret: "8f742231b10e8888abcd99yyyzzz85a5"}
	tests := []struct {
		name string
		mode string
		env  map[string]string
		want string // "" for success; otherwise in the error
	}{
		{"socket ok", "socket", good, ""},
		{"http ok", "http", good, ""},
		{"no bot token", "socket", map[string]string{EnvAppToken: good[EnvAppToken]}, "SLACK_BOT_TOKEN is not set"},
		{"user token as bot token", "http", map[string]string{EnvBotToken: "xoxp-1234567890-secret", EnvSigningSecret: "s"}, "SLACK_BOT_TOKEN should start with xoxb- but starts with xoxp-"},
		{"app token in place of bot token", "socket", map[string]string{EnvBotToken: good[EnvAppToken], EnvAppToken: good[EnvAppToken]}, "should start with xoxb- but starts with xapp-"},
		{"no app token", "socket", map[string]string{EnvBotToken: good[EnvBotToken]}, "SLACK_APP_TOKEN is not set"},
		{"bot token as app token", "socket", map[string]string{EnvBotToken: good[EnvBotToken], EnvAppToken: good[EnvBotToken]}, "SLACK_APP_TOKEN should start with xapp-"},
		{"no signing secret", "http", map[string]string{EnvBotToken: good[EnvBotToken]}, "SLACK_SIGNING_SECRET is not set"},
		{"truncated token", "http", map[string]string{EnvBotToken: "xoxb-12", EnvSigningSecret: "s"}, "too short"},
	}
	for _, tt := range tests {
		_, err := LoadSecrets(env(tt.env), config.Slack{Mode: tt.mode})
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
		if err != nil {
			for _, v := range tt.env {
				if len(v) > 8 && strings.Contains(err.Error(), v) {
					t.Errorf("%s: the error shows a secret", tt.name)
				}
			}
		}
	}
}

func TestSecretsFromFilesAndRedaction(t *testing.T) {
	dir := t.TempDir()
	bot, secret := filepath.Join(dir, "bot"), filepath.Join(dir, "secret")
	os.WriteFile(bot, []byte("xoxb-from-a-file-123456\n"), 0o600)
	os.WriteFile(secret, []byte("abcdef0123456789\n"), 0o600)
	s, err := LoadSecrets(env(nil), config.Slack{Mode: "http", BotTokenFile: bot, SigningSecretFile: secret})
	if err != nil || s.BotToken != "xoxb-from-a-file-123456" || s.SigningSecret != "abcdef0123456789" {
		t.Fatalf("from files: %v, %v", s.BotToken, err)
	}
	// The environment wins over the file.
	s, _ = LoadSecrets(env(map[string]string{EnvBotToken: "xoxb-from-the-environment"}), config.Slack{Mode: "http", BotTokenFile: bot, SigningSecretFile: secret})
	if s.BotToken != "xoxb-from-the-environment" {
		t.Errorf("environment did not win: %s", s.BotToken)
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmt.Sprintf(format, s); strings.Contains(out, "xoxb") || strings.Contains(out, "abcdef") {
			t.Errorf("%s prints a secret: %s", format, out)
		}
	}
	if _, err := LoadSecrets(env(nil), config.Slack{Mode: "http", BotTokenFile: filepath.Join(dir, "missing")}); err == nil || !strings.Contains(err.Error(), "SLACK_BOT_TOKEN is not set and its file cannot be read") {
		t.Errorf("missing file: %v", err)
	}
}

func TestCloseWaitsForWorkInFlight(t *testing.T) {
	clock := fakeclock.At("2026-11-27T09:00:00Z")
	b := New(Options{Clock: clock})
	var finished atomic.Bool
	b.goBackground("slow", func(ctx context.Context) {
		_, done := clock.NewTimer(time.Minute) // work that takes a minute
		<-done
		finished.Store(true)
	})
	type closed struct {
		err      error
		finished bool
	}
	closing := make(chan closed, 1)
	go func() { err := b.Close(context.Background()); closing <- closed{err, finished.Load()} }()
	if !clock.WaitTimers(1) {
		t.Fatal("the work did not start")
	}
	clock.Advance(time.Minute)
	if c := <-closing; c.err != nil || !c.finished {
		t.Fatalf("Close returned %v before the work finished (%v)", c.err, c.finished)
	}
	// When the grace period runs out, work is cancelled and Close says so.
	b = New(Options{})
	b.goBackground("stuck", func(ctx context.Context) { <-ctx.Done() })
	over, cancel := context.WithCancel(context.Background())
	cancel()
	if err := b.Close(over); err == nil {
		t.Error("Close reported success while cancelling work")
	}
	// A panic in background work is contained.
	b = New(Options{})
	b.goBackground("panics", func(context.Context) { panic("boom") })
	if err := b.Close(context.Background()); err != nil {
		t.Error(err)
	}
}
