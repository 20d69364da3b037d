package commands

import (
	"context"
	"errors"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// cleanEntry makes e's free text as ctbot keeps it (ctbot.CleanText:
// trimmed, directional controls balanced) and checks every text of e as
// storage will (ctbot.Entry.CheckText), whichever way it came: typed,
// from a form, a message or a reminder, or amended.
func cleanEntry(e *ctbot.Entry) error {
	for _, s := range []*string{&e.Note, &e.Title, &e.Evidence, &e.Link} {
		*s = ctbot.CleanText(*s)
	}
	return e.CheckText()
}

// cleanReason is a reason (or a verification's note) as kept, or the
// error that says why it is not taken.
func cleanReason(s string) (string, error) {
	s = ctbot.CleanText(s)
	return s, ctbot.ReasonText.Check(s)
}

// Problem says in user's language what err, refusing an input, says
// (the same words as a command's answer), for a form to show by the
// field at fault; nil when err is nil or no refusal.
func (c *Core) Problem(ctx context.Context, user string, err error) reply.Inline {
	var e *ctbot.Error
	if !errors.As(err, &e) || e.Message == "" {
		return nil
	}
	return c.say(ctx, c.Loc(user), e)
}

// reason is the rest of the command as a reason the command requires:
// checked, and refused when missing.
func (c *call) reason() (string, error) {
	reason, err := cleanReason(c.args.rest())
	if err == nil && reason == "" {
		err = badField("reason", "err.reason_missing")
	}
	return reason, err
}
