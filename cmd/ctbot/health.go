package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/cttechplus/ctbot/bot"
)

// healthWait bounds `ctbot health`: a container's or systemd's check must
// not hang.
const healthWait = 10 * time.Second

// runHealth asks the ctbot serving on this machine (its /healthz on the
// metrics listener of the configuration, or -addr) whether it works: exit
// 0 when it does, 1 with the reasons on standard error when it does not.
func runHealth(ctx context.Context, a *App, e *env, fs *flag.FlagSet, args []string) error {
	if err := noArgs(fs, args); err != nil {
		return err
	}
	addr := e.healthAddr
	if addr == "" {
		if err := a.loadConfig(e); err != nil {
			return err
		}
		if addr = e.cfg.Metrics.Listen; addr == "" {
			return fmt.Errorf("metrics.listen is empty in %s, so ctbot serves no /healthz there; set it (e.g. 127.0.0.1:9464) or give -addr", e.cfg.Source)
		}
	}
	u, err := healthURL(addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, healthWait)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if ue := (*url.Error)(nil); errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("ctbot does not answer at %s (%v): is it running, with this metrics.listen?", u, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	reasons := strings.TrimSpace(string(body))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("unhealthy (%s at %s):\n%s", resp.Status, u, reasons)
	}
	fmt.Fprintln(a.Stdout, reasons)
	return nil
}

// healthURL is the /healthz of a listen address: a host left out, or one
// that listens everywhere, is asked on loopback.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("address %q: %v; want HOST:PORT, e.g. 127.0.0.1:9464", addr, err)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + bot.PathHealth, nil
}
