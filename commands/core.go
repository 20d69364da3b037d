// Package commands is ctbot's command core: it parses what people type after
// the slash command, checks who may do it, records entries through a Store
// and renders the replies. It knows nothing of Slack transports or SQL, so
// the console, slash commands, mentions, DMs and modals all share it.
package commands

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cttechplus/ctbot"
)

// Store is what the core needs from storage.
type Store interface {
	Record(ctx context.Context, e *ctbot.Entry, dedupe time.Duration) (earlier *ctbot.Entry, err error)
	Retract(ctx context.Context, id int64, actor, reason string) (*ctbot.Entry, error)
	Entry(ctx context.Context, id int64) (*ctbot.Entry, error)
	LatestByUser(ctx context.Context, user string, since time.Time) (*ctbot.Entry, error)
	History(ctx context.Context, f ctbot.EntryFilter) ([]*ctbot.Entry, error)
	OpenWorkshops(ctx context.Context, country string) ([]*ctbot.Entry, error)
	LatestKickoff(ctx context.Context, country string) (*ctbot.Entry, error)
	Snapshot(ctx context.Context, fw *ctbot.Framework, asOf time.Time) (*ctbot.Snapshot, error)
	WeekActivity(ctx context.Context, since, until time.Time, from, to ctbot.Date) (*ctbot.WeekActivity, error)
}

// Source is where a request came from.
type Source int

// Request sources.
const (
	FromConsole Source = iota
	FromSlash
	FromMention
	FromDM
	FromModal
)

// Request is one command, however it arrived.
type Request struct {
	UserID    string
	ChannelID string
	Text      string // what follows the slash command, e.g. "status kenya"
	Source    Source
}

// Options configure a Core.
type Options struct {
	Framework *ctbot.Framework
	Access    ctbot.Access
	Store     Store
	Now       func() time.Time
	Log       *slog.Logger
	Command   string // the slash command, default "/ct"
	// LookaheadDays is how far ahead "upcoming" looks (default 14).
	LookaheadDays int
	// QuietAfterDays is when a country counts as quiet (default 21).
	QuietAfterDays int
}

// Core runs commands. It is safe for concurrent use.
type Core struct {
	fw        *ctbot.Framework
	access    ctbot.Access
	store     Store
	now       func() time.Time
	log       *slog.Logger
	command   string
	lookahead int
	quiet     int
	commands  []*Command
}

// Limits on input.
const (
	// MaxInput is the longest command text accepted.
	MaxInput = 4000
	// DedupeWindow is how long the same text from the same user counts as a retry.
	DedupeWindow = 2 * time.Minute
	// UndoWindow is how long after recording a user may undo an entry.
	UndoWindow = 24 * time.Hour
)

// New returns a Core.
func New(o Options) *Core {
	c := &Core{fw: o.Framework, access: o.Access, store: o.Store, now: o.Now, log: o.Log,
		command: o.Command, lookahead: o.LookaheadDays, quiet: o.QuietAfterDays}
	if c.now == nil {
		c.now = time.Now
	}
	if c.log == nil {
		c.log = discardLogger
	}
	if c.command == "" {
		c.command = "/ct"
	}
	if c.lookahead <= 0 {
		c.lookahead = 14
	}
	if c.quiet <= 0 {
		c.quiet = 21
	}
	c.commands = definitions()
	return c
}

// Framework is the results framework the core works with.
func (c *Core) Framework() *ctbot.Framework { return c.fw }

// Handle runs one request and always returns a reply; a panic in a command
// is logged and answered with an error message, never passed on.
func (c *Core) Handle(ctx context.Context, req Request) (reply Reply) {
	var cmd *Command
	defer func() {
		if p := recover(); p != nil {
			reply = c.errorReply(ctx, cmd, fmt.Errorf("panic: %v\n%s", p, debug.Stack()))
		}
		if reply.Command == "" {
			reply.Command = "unknown"
			if cmd != nil {
				reply.Command = cmd.Name
			}
		}
		if reply.Outcome == "" {
			reply.Outcome = "ok"
		}
	}()
	text := strings.TrimSpace(req.Text)
	if err := checkInput(text); err != nil {
		return c.errorReply(ctx, nil, err)
	}
	name, rest, _ := strings.Cut(text, " ")
	if name == "" {
		name = "help"
	}
	cmd = c.lookup(name)
	if cmd == nil {
		return c.errorReply(ctx, nil, c.unknownCommand(name))
	}
	if cmd.Form != "" && strings.TrimSpace(rest) == "" && req.Source == FromSlash {
		return Reply{Modal: cmd.Form, Sections: []Section{{Text: fmt.Sprintf("Opening the %s form…", cmd.Form)}}}
	}
	call := &call{req: req, cmd: cmd, now: c.now()}
	call.today = c.fw.Today(call.now)
	call.source = text
	call.args = &args{raw: rest, toks: tokenize(rest)}
	reply, err := cmd.run(ctx, c, call)
	if err != nil {
		return c.errorReply(ctx, cmd, err)
	}
	return reply
}

// checkInput refuses text that cannot be a command: too long, not UTF-8,
// or holding control characters.
func checkInput(text string) error {
	switch {
	case len(text) > MaxInput:
		return &UserError{Msg: fmt.Sprintf("the command is %d characters long; the limit is %d. Shorten the note or split it into several entries", len(text), MaxInput)}
	case !utf8.ValidString(text):
		return &UserError{Msg: "the command contains bytes that are not valid UTF-8 text"}
	case strings.ContainsFunc(text, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r == 0x7f }):
		return &UserError{Msg: "the command contains control characters; type it as plain text"}
	}
	return nil
}

func (c *Core) lookup(name string) *Command {
	name = strings.ToLower(name)
	for _, cmd := range c.commands {
		if cmd.Name == name || contains(cmd.Aliases, name) {
			return cmd
		}
	}
	return nil
}

func (c *Core) unknownCommand(name string) error {
	var names []string
	for _, cmd := range c.commands {
		names = append(names, cmd.Name)
	}
	msg := fmt.Sprintf("`%s %s` is not a command", c.command, Esc(name))
	if sug := ctbot.Suggest(name, names); len(sug) > 0 {
		msg += "; did you mean " + orList(sug) + "?"
	}
	msg += fmt.Sprintf(" Type `%s help` for the list", c.command)
	return &UserError{Msg: msg}
}

// call is one command being run.
type call struct {
	req    Request
	cmd    *Command
	args   *args
	now    time.Time
	today  ctbot.Date
	source string // the whole command text, for de-duplication
}

// user is the caller's Slack user ID.
func (c *call) user() string { return c.req.UserID }

// noMoreArgs refuses words the command did not expect.
func (c *call) noMoreArgs() error {
	if t, ok := c.args.peek(); ok {
		return badInput(fmt.Sprintf("I did not expect %q here", Truncate(c.args.raw[t.start:], 40)))
	}
	return nil
}
