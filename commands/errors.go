package commands

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"math"
	"slices"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// badInput is input not as the command takes it: the reply adds the
// usage.
func badInput(id string, args ...any) error {
	return &ctbot.Error{Code: ctbot.EInvalid, Message: id, Args: args}
}

// badField is badInput about one input field.
func badField(field, id string, args ...any) error { return ctbot.Invalid(field, id, args...) }

// refused is input well formed that cannot be done (an entry already
// retracted, an ID that does not exist): the reply says why, without the
// usage.
func refused(id string, args ...any) error { return ctbot.Refused("", id, args...) }

// forbidden says plainly that the user may not do something.
func forbidden(id string, args ...any) error {
	return &ctbot.Error{Code: ctbot.EForbidden, Message: id, Args: args}
}

// errorReply maps any error a command returns to the message the user
// sees. It is the one place where errors become words: a *ctbot.Error,
// from the command core, the domain's checks or storage, says what it
// says (see say); anything else is a failure of ctbot's, logged with a
// reference for the user to quote.
func (c *Core) errorReply(ctx context.Context, l *locale.Loc, cmd *Command, err error) Reply {
	var e *ctbot.Error
	switch {
	case errors.As(err, &e) && e.Message != "" && e.Code == ctbot.EForbidden:
		msg := c.say(ctx, l, e)
		return Reply{Failed: true, Outcome: "forbidden", Problem: msg, Doc: reply.Doc{reply.Para{Text: l.T("err.forbidden", "Msg", msg)}}}
	case errors.As(err, &e) && e.Message != "":
		msg := c.say(ctx, l, e)
		text := l.T("err.bad_input", "Msg", msg)
		if cmd != nil && cmd.Effect != "" {
			text = text.Append(reply.Plain(" "), l.T(cmd.Effect))
		}
		r := Reply{Failed: true, Outcome: "bad_input", Field: e.Field, Problem: msg, Doc: reply.Doc{reply.Para{Text: text}}}
		if e.Code == ctbot.EInvalid && cmd != nil {
			r.Doc = append(r.Doc, reply.Para{Text: c.usageText(l, cmd)})
		}
		return r
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		c.log.WarnContext(ctx, "command timed out", "err", err)
		msg := l.T("err.busy")
		return Reply{Failed: true, Outcome: "busy", Problem: msg, Doc: reply.Doc{reply.Para{Text: msg}}}
	default:
		ref := newRef()
		c.log.ErrorContext(ctx, "command failed", "ref", ref, "err", err)
		msg := l.T("err.internal", "Ref", ref)
		return Reply{Failed: true, Outcome: "error", Problem: msg, Doc: reply.Doc{reply.Para{Text: msg}}}
	}
}

// say is what e says in l's language: its message, its arguments
// written for the reader (a state by its name, a person mentioned, a word
// of the catalogue, the readiness scale), Cmd the slash command and, for
// a closed period, whom to ask.
func (c *Core) say(ctx context.Context, l *locale.Loc, e *ctbot.Error) reply.Inline {
	args := c.readerArgs(l, e.Args)
	if !slices.Contains(args, any("Cmd")) {
		args = append(args, "Cmd", c.command)
	}
	if e.Code == ctbot.EClosed {
		var asks []reply.Inline
		for _, u := range c.accessNow(ctx).AllCoordinators() {
			asks = append(asks, reply.User(u))
		}
		args = append(args, "Coordinators", reply.Join(l.T("list.sep"), asks...))
	}
	return l.T(e.Message, args...)
}

// readerArgs are args, a message's, with the domain's argument types
// written for the reader.
func (c *Core) readerArgs(l *locale.Loc, args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case ctbot.State:
			out[i] = stateName{c.fw, string(a)}
		case ctbot.Mention:
			out[i] = reply.User(string(a))
		case ctbot.Msg:
			out[i] = ctbot.M(a.ID, c.readerArgs(l, a.Args)...)
		case readerList:
			out[i] = a.list(l)
		case ctbot.Words:
			out[i] = codeWords(a)
		case *ctbot.Readiness:
			out[i] = scaleWords{a}
		default:
			out[i] = a
		}
	}
	return out
}

// slowDown is the answer to a request over its person's limit: how long
// to wait, and that nothing was done.
func (c *Core) slowDown(l *locale.Loc, cmd *Command, wait time.Duration) Reply {
	secs := int(math.Ceil(wait.Seconds()))
	text := l.T("err.slow_down", "N", secs)
	if cmd.Effect != "" {
		text = text.Append(reply.Plain(" "), l.T(cmd.Effect))
	}
	return Reply{Failed: true, Outcome: "limited", Problem: l.T("err.slow_down", "N", secs), Doc: reply.Doc{reply.Para{Text: text}}}
}

// newRef is a short random reference that ties a user's report to a log line.
func newRef() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// discardLogger is used when no logger is configured.
var discardLogger = slog.New(slog.DiscardHandler)
