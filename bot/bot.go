// Package bot puts ctbot's command core on Slack: slash commands, mentions
// and direct messages, the entry form, buttons and the App Home, over
// Socket Mode or signed HTTP requests. It holds the one Block Kit renderer
// of the core's transport-neutral replies (render.go, split.go): escaping,
// Block Kit limits, splitting into messages, text fallbacks.
//
// Bot holds the transport-independent handling; http.go and socket.go only
// receive, verify and acknowledge.
package bot

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/metrics"
	"github.com/cttechplus/ctbot/reply"
)

// EventLog remembers Slack event IDs so a retried delivery is handled once.
type EventLog interface {
	FirstDelivery(ctx context.Context, eventID string) (bool, error)
}

// Options configure a Bot.
type Options struct {
	Core      *commands.Core
	API       *slack.Client
	Events    EventLog
	BotUserID string // the bot's own user ID, from auth.test
	// Identity is the workspace and app ctbot serves; requests from
	// elsewhere are refused. The zero Identity checks nothing (tests).
	Identity Identity
	// Gate is the workspace boundary; default one of API, Identity and
	// BotUserID. Share it with the poster of scheduled messages.
	Gate *Gate
	Log  *slog.Logger
	// Clock tells the time and runs the bot's timers (budgets, retries,
	// backoffs); default the real clock.
	Clock clock.Clock
	// AckBudget is how long a slash command may take before it is
	// acknowledged at once and answered through its response_url, and a
	// form submission before the form closes and its outcome follows as a
	// message. Default 2 s, inside Slack's 3 s.
	AckBudget time.Duration
	// HTTPClient posts to response_url; default a client with a 10 s timeout.
	HTTPClient *http.Client
	// Metrics counts commands, acknowledgements and events; nil for none.
	Metrics *metrics.Metrics
}

// Bot handles what Slack sends. It is safe for concurrent use.
type Bot struct {
	core      *commands.Core
	api       *slack.Client
	events    EventLog
	botUserID string
	gate      *Gate
	log       *slog.Logger
	clock     clock.Clock
	now       func() time.Time // clock.Now
	ackBudget time.Duration
	http      *http.Client
	metrics   *metrics.Metrics
	health    healthState // what /healthz knows of the connection to Slack

	// link is what Slack last said of the Socket Mode link.
	link socketLink

	// background work that outlives a request: follow-ups, event answers.
	wg     sync.WaitGroup
	ctx    context.Context // cancelled only when Close gives up waiting
	cancel context.CancelFunc
}

// workTimeout bounds any one piece of background work.
const workTimeout = 30 * time.Second

// New returns a Bot.
func New(o Options) *Bot {
	c := clock.Or(o.Clock)
	b := &Bot{core: o.Core, api: o.API, events: o.Events, botUserID: o.BotUserID, gate: o.Gate, log: o.Log, clock: c, now: c.Now,
		ackBudget: o.AckBudget, http: o.HTTPClient, metrics: o.Metrics}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if b.ackBudget <= 0 {
		b.ackBudget = 2 * time.Second
	}
	if b.gate == nil {
		b.gate = NewGate(o.API, o.Identity, o.BotUserID, b.now)
	}
	if b.http == nil {
		b.http = &http.Client{Timeout: 10 * time.Second}
	}
	b.ctx, b.cancel = context.WithCancel(context.Background())
	return b
}

// goBackground runs fn after the request that started it has been
// acknowledged; Close waits for it.
func (b *Bot) goBackground(what string, fn func(ctx context.Context)) {
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		defer func() {
			if p := recover(); p != nil {
				b.log.Error("background work panicked", "what", what, "panic", p)
			}
		}()
		ctx, cancel := context.WithTimeout(b.ctx, workTimeout)
		defer cancel()
		fn(ctx)
	}()
}

// Close waits for background work in flight to finish, or until ctx is
// done, in which case the work is cancelled.
func (b *Bot) Close(ctx context.Context) error {
	done := make(chan struct{})
	go func() { b.wg.Wait(); close(done) }()
	select {
	case <-done:
		b.cancel()
		return nil
	case <-ctx.Done():
		b.cancel()
		<-done
		return errors.New("bot: shutdown: background work cancelled before it finished")
	}
}

// handle runs a command through the core, if the request's origin is
// admitted, and counts it.
func (b *Bot) handle(ctx context.Context, o origin, req commands.Request) commands.Reply {
	return b.run(ctx, o, req.UserID, func(ctx context.Context) commands.Reply { return b.core.Handle(ctx, req) })
}

// run runs a request of user through the core (fn), if its origin is
// admitted, counts it, and sends the file it makes, if any.
func (b *Bot) run(ctx context.Context, o origin, user string, fn func(context.Context) commands.Reply) commands.Reply {
	r := b.refusal(ctx, o)
	if r == nil {
		rr := fn(ctx)
		r = &rr
	}
	b.metrics.Command(r.Command, r.Outcome)
	if f := r.File; f != nil {
		b.goBackground("file by DM", func(ctx context.Context) { b.sendFile(ctx, user, f) })
	}
	return *r
}

// fileTimeout bounds making and sending a file: an export of a large
// history may wait its turn and take minutes.
const fileTimeout = 15 * time.Minute

// sendFile makes a file (an export) and sends it to user alone, by direct
// message, from where it was made (never all in memory); if it cannot be
// made or Slack refuses it, the user is told.
func (b *Bot) sendFile(_ context.Context, user string, f *reply.File) {
	ctx, cancel := context.WithTimeout(b.ctx, fileTimeout)
	defer cancel()
	r, size, err := f.Open(ctx)
	if err == nil {
		defer r.Close()
		var dm string
		if dm, err = b.poster().OpenDM(ctx, user); err == nil {
			_, err = b.api.UploadFileContext(ctx, slack.UploadFileParameters{Channel: dm, Filename: f.Name, Title: f.Title,
				Reader: r, FileSize: int(size)})
		}
	}
	if err == nil {
		return
	}
	b.log.Error("file by DM failed", "file", f.Name, "err", err)
	l := b.core.Loc(user)
	if err := b.postDM(ctx, user, messages(commands.Reply{Doc: reply.Doc{reply.Para{Text: l.T("export.failed", "File", f.Name)}}})); err != nil {
		b.log.Error("DM about a failed file failed", "err", err)
	}
}

// poster posts and opens direct messages through the boundary.
func (b *Bot) poster() SlackPoster { return SlackPoster{API: b.api, Gate: b.gate} }

// Gate is the workspace boundary the bot admits requests by.
func (b *Bot) Gate() *Gate { return b.gate }

// refusal is the answer to a request from outside the workspace boundary,
// or nil when the request is admitted. Nothing is stored for a refused request.
func (b *Bot) refusal(ctx context.Context, o origin) *commands.Reply {
	err := b.gate.admit(ctx, o)
	if err == nil {
		return nil
	}
	b.log.Warn("request from outside the workspace refused", "user", o.UserID, "team", o.TeamID, "reason", err.Error())
	l := b.core.Loc(o.UserID)
	msg := l.T("err.other_workspace")
	return &commands.Reply{Failed: true, Command: "refused", Outcome: "forbidden", Problem: msg,
		Doc: reply.Doc{reply.Para{Text: l.T("err.forbidden", "Msg", msg)}}}
}
