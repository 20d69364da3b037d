package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack/socketmode"
)

// Backoff of connecting again after Slack disabled the Socket Mode link.
const (
	linkBackoffMin = 30 * time.Second
	linkBackoffMax = 10 * time.Minute
)

// RunSocketMode connects to Slack over Socket Mode (the API client must
// carry the app-level token) and handles requests until ctx is cancelled.
// When Slack disables the link (a link_disabled disconnect: Socket Mode
// turned off in the app's settings), ctbot says so once, counts it, and
// connects again after a backoff (30 s, doubling up to 10 min) rather
// than at once and forever; SocketState shows it meanwhile.
func (b *Bot) RunSocketMode(ctx context.Context) error {
	b.socketStarted()
	defer b.socketLost("stopped")
	for {
		runCtx, stop := context.WithCancel(ctx)
		watch := &linkWatch{b: b, stop: stop}
		client := socketmode.New(b.api, socketmode.OptionDebug(true), socketmode.OptionLog(watch))
		err := b.socketHandler(ctx, client).RunEventLoopContext(runCtx)
		stop()
		switch {
		case ctx.Err() != nil:
			return nil // stopped on purpose
		case !watch.disabled.Load():
			return fmt.Errorf("bot: socket mode: %w", err)
		}
		wait := b.link.disabled(b.now())
		b.socketLost("Slack disabled the Socket Mode link (link_disabled)")
		b.log.Error("Slack disabled the Socket Mode link: Socket Mode is off in the app's settings, and ctbot receives nothing until it is on again",
			"reason", "link_disabled", "retry_in", wait)
		passed, stopTimer := b.after(wait)
		select {
		case <-passed:
		case <-ctx.Done():
			stopTimer()
			return nil
		}
	}
}

// SocketState is what Slack last said of the Socket Mode link, for health
// checks.
type SocketState struct {
	// Disabled is set from a link_disabled disconnect (Socket Mode turned
	// off in the app's settings) until Slack greets a connection again.
	Disabled bool
	// Reason is the reason Slack gave for its last disconnect, at Since.
	Reason string
	Since  time.Time
	// Retry is when ctbot connects again, while Disabled.
	Retry time.Time
}

// SocketState returns the state of the Socket Mode link; the zero state
// until Slack first disconnects.
func (b *Bot) SocketState() SocketState {
	b.link.mu.Lock()
	defer b.link.mu.Unlock()
	return b.link.st
}

// socketLink is the state of the Socket Mode link and its backoff.
type socketLink struct {
	mu   sync.Mutex
	st   SocketState
	wait time.Duration // the backoff after the last link_disabled
	last time.Time     // when that was
}

// disconnected records a disconnect Slack asked for.
func (l *socketLink) disconnected(reason string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.st.Reason, l.st.Since = reason, now
}

// disabled records a link_disabled at now and returns how long to wait
// before connecting again: twice the wait before, from linkBackoffMin up
// to linkBackoffMax, from the start again after a long while without one.
func (l *socketLink) disabled(now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.wait == 0 || now.Sub(l.last) > 2*linkBackoffMax {
		l.wait = linkBackoffMin
	} else {
		l.wait = min(2*l.wait, linkBackoffMax)
	}
	l.last = now
	l.st = SocketState{Disabled: true, Reason: "link_disabled", Since: now, Retry: now.Add(l.wait)}
	return l.wait
}

// hello records that Slack greeted a connection at now: the link works
// (a greeting of before the backoff, handled late, says nothing).
func (l *socketLink) hello(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.st.Disabled && now.Before(l.st.Retry) {
		return
	}
	l.st.Disabled, l.st.Retry = false, time.Time{}
}

// linkWatch reads slack-go's Socket Mode debug log for the disconnect
// messages Slack sends, which slack-go acts on (by connecting again at
// once) without telling its user. Every disconnect is counted; a
// link_disabled stops the client (stop) so that RunSocketMode backs off.
// Nothing of the log is written anywhere.
type linkWatch struct {
	b        *Bot
	stop     context.CancelFunc
	disabled atomic.Bool
}

// receivedLog starts slack-go's debug line of each message Slack sends.
const receivedLog = "Received WebSocket message: "

// Output is slack-go's logger.
func (w *linkWatch) Output(_ int, line string) error {
	_, msg, ok := strings.Cut(line, receivedLog)
	if !ok || !strings.Contains(msg, `"disconnect"`) {
		return nil
	}
	var m struct{ Type, Reason string }
	if json.Unmarshal([]byte(strings.TrimSpace(msg)), &m) != nil || m.Type != "disconnect" {
		return nil
	}
	w.b.metrics.SocketDisconnect(m.Reason)
	if m.Reason == "link_disabled" {
		w.disabled.Store(true)
		w.stop()
		return nil
	}
	w.b.link.disconnected(m.Reason, w.b.now())
	w.b.log.Info("Slack asked ctbot to connect again (Socket Mode)", "reason", m.Reason)
	return nil
}
