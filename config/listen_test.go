package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

// TestListenDefaults: Socket Mode opens no Slack listener, /metrics and
// health stay on the loopback, and http mode must say where to listen.
func TestListenDefaults(t *testing.T) {
	c := Default()
	if c.Slack.Mode != "socket" || c.Slack.Listen != "" || c.Metrics.Listen != "127.0.0.1:9464" {
		t.Errorf("defaults: mode %q, slack.listen %q, metrics.listen %q; want socket, none, 127.0.0.1:9464", c.Slack.Mode, c.Slack.Listen, c.Metrics.Listen)
	}
	http := strings.Replace(string(ctbot.DefaultConfig), `mode = "socket"`, `mode = "http"`, 1)
	c, err := Parse("http.toml", []byte(http))
	var ce *Error
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), `slack.listen: is empty; http mode needs the address of Slack's request URLs, such as "127.0.0.1:3000" behind a reverse proxy on this host`) {
		t.Errorf("http mode without listen: %v, %v", c, err)
	}
	src := strings.Replace(http, `listen = ""`, `listen = "127.0.0.1:3000"`, 1)
	if c, err := Parse("http.toml", []byte(src)); err != nil || c.Slack.Listen != "127.0.0.1:3000" {
		t.Errorf("http mode: %v", err)
	}
}
