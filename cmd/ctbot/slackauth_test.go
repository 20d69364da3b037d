package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/internal/wait"
)

// TestServeSlackUnreachable: when nothing answers at Slack's address,
// serve says the network failed, not that Slack refused the token.
func TestServeSlackUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	cfg := httpConfig(t, "http://"+addr+"/api/")
	env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-1234567890ab", "SLACK_SIGNING_SECRET": "s"}
	var stderr bytes.Buffer
	c := fakeclock.At("2026-11-27T09:00:00Z")
	app := &App{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(k string) string { return env[k] }, Clock: c}
	done := make(chan int, 1)
	go func() {
		done <- app.Run(context.Background(), []string{"serve", "-config", cfg, "-db", t.TempDir() + "/x.db"})
	}()
	var code int
	finished := wait.Until(func() bool {
		select {
		case code = <-done:
			return true
		default:
			if c.Timers() > 0 { // a retry's backoff: move past it
				c.Advance(10 * time.Second)
			}
			return false
		}
	})
	if !finished {
		t.Fatal("serve did not give up")
	}
	got := stderr.String()
	if code != 1 || !strings.Contains(got, "cannot reach Slack at http://"+addr+"/api/: the network failed") || strings.Contains(got, "Slack refused") {
		t.Errorf("exit %d, stderr %q; want 1 and that the network failed", code, got)
	}
}
