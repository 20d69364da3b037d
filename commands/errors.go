package commands

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"strings"
)

// UserError is bad input: the message says what was wrong. With Usage set,
// the reply adds the command's usage and an example.
type UserError struct {
	Msg   string
	Usage bool
	Field string // the input at fault ("country", "date", "trained", ...), if known
}

func (e *UserError) Error() string { return e.Msg }

// badInput returns a UserError that shows the usage.
func badInput(msg string) error { return &UserError{Msg: msg, Usage: true} }

// badField returns a UserError about one input field that shows the usage.
func badField(field, msg string) error { return &UserError{Msg: msg, Usage: true, Field: field} }

// ForbiddenError says plainly that the user may not do something.
type ForbiddenError struct{ Msg string }

func (e *ForbiddenError) Error() string { return e.Msg }

// errorReply maps any error a command returns to the message the user sees.
// It is the one place where errors become words.
func (c *Core) errorReply(ctx context.Context, cmd *Command, err error) Reply {
	var ue *UserError
	var fe *ForbiddenError
	switch {
	case errors.As(err, &ue):
		text := ":warning: " + sentence(ue.Msg)
		if cmd != nil && cmd.Writes {
			text += " Nothing was recorded."
		}
		r := Reply{Failed: true, Outcome: "bad_input", Field: ue.Field, Problem: sentence(ue.Msg), Sections: []Section{{Text: text}}}
		if ue.Usage && cmd != nil {
			r.Sections = append(r.Sections, Section{Text: c.usageText(cmd)})
		}
		return r
	case errors.As(err, &fe):
		return Reply{Failed: true, Outcome: "forbidden", Problem: fe.Msg, Sections: []Section{{Text: ":no_entry: " + fe.Msg}}}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		c.log.WarnContext(ctx, "command timed out", "err", err)
		msg := "ctbot is busy and gave up on this request; nothing was recorded. Please try again in a minute."
		return Reply{Failed: true, Outcome: "busy", Problem: msg, Sections: []Section{{Text: ":hourglass: " + msg}}}
	default:
		ref := newRef()
		c.log.ErrorContext(ctx, "command failed", "ref", ref, "err", err)
		msg := "Something went wrong on our side and nothing was recorded. Please try again; if it keeps failing, tell a coordinator the reference " + ref + "."
		return Reply{Failed: true, Outcome: "error", Problem: msg, Sections: []Section{{Text: ":x: " + msg}}}
	}
}

// sentence capitalises msg and ends it with a full stop unless it has one.
func sentence(msg string) string {
	if msg == "" {
		return msg
	}
	if msg[0] >= 'a' && msg[0] <= 'z' {
		msg = string(msg[0]-'a'+'A') + msg[1:]
	}
	if !strings.ContainsAny(msg[len(msg)-1:], ".?!") {
		msg += "."
	}
	return msg
}

// newRef is a short random reference that ties a user's report to a log line.
func newRef() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// discardLogger is used when no logger is configured.
var discardLogger = slog.New(slog.DiscardHandler)
