package commands

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"math"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// UserError is bad input: message ID and arguments say what was wrong. With
// Usage set, the reply adds the command's usage and an example.
type UserError struct {
	ID    string
	Args  []any
	Usage bool
	Field string // the input at fault ("country", "date", "trained", ...), if known
}

func (e *UserError) Error() string { return "bad input: " + e.ID }

// badInput is a UserError that shows the usage.
func badInput(id string, args ...any) error { return &UserError{ID: id, Args: args, Usage: true} }

// badField is a UserError about one input field that shows the usage.
func badField(field, id string, args ...any) error {
	return &UserError{ID: id, Args: args, Usage: true, Field: field}
}

// refused is a UserError without the usage: the input was well formed but
// cannot be done (an entry already retracted, an ID that does not exist).
func refused(id string, args ...any) error { return &UserError{ID: id, Args: args} }

// ForbiddenError says plainly that the user may not do something.
type ForbiddenError struct {
	ID   string
	Args []any
}

func (e *ForbiddenError) Error() string { return "forbidden: " + e.ID }

func forbidden(id string, args ...any) error { return &ForbiddenError{ID: id, Args: args} }

// errorReply maps any error a command returns to the message the user
// sees. It is the one place where errors become words.
func (c *Core) errorReply(ctx context.Context, l *locale.Loc, cmd *Command, err error) Reply {
	var ue *UserError
	var fe *ForbiddenError
	if errors.Is(err, ctbot.ErrAuthorityLost) {
		err = refused("err.authority_lost")
	}
	if te := (*ctbot.TextError)(nil); errors.As(err, &te) {
		err = textError(te) // from the core's checks, or storage's
	}
	switch {
	case errors.As(err, &ue):
		msg := l.T(ue.ID, ue.Args...)
		text := l.T("err.bad_input", "Msg", msg)
		if cmd != nil && cmd.Effect != "" {
			text = text.Append(reply.Plain(" "), l.T(cmd.Effect))
		}
		r := Reply{Failed: true, Outcome: "bad_input", Field: ue.Field, Problem: msg, Doc: reply.Doc{reply.Para{Text: text}}}
		if ue.Usage && cmd != nil {
			r.Doc = append(r.Doc, reply.Para{Text: c.usageText(l, cmd)})
		}
		return r
	case errors.As(err, &fe):
		msg := l.T(fe.ID, fe.Args...)
		return Reply{Failed: true, Outcome: "forbidden", Problem: msg, Doc: reply.Doc{reply.Para{Text: l.T("err.forbidden", "Msg", msg)}}}
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
