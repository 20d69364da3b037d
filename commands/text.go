package commands

import (
	"errors"
	"fmt"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
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

// textFieldNames are the [field] messages that name a text field where
// they differ from the field's own name.
var textFieldNames = map[string]string{"source": "evidence"}

// textError says what is wrong with a text: which field, what, where, and
// the limit and length of one too long. It is shown by the field at
// fault, without the usage: the command was well formed.
func textError(te *ctbot.TextError) *UserError {
	name := te.Field
	if n, ok := textFieldNames[name]; ok {
		name = n
	}
	field := locale.M("field." + name)
	ue := &UserError{Field: te.Field}
	switch te.Problem {
	case ctbot.TextTooLong:
		ue.ID, ue.Args = "err.text_long", []any{"Field", field, "Len", te.Len, "Max", te.Max}
	case ctbot.TextNotUTF8:
		ue.ID, ue.Args = "err.text_utf8", []any{"Field", field, "At", te.At}
	case ctbot.TextLineBreak:
		ue.ID, ue.Args = "err.text_line", []any{"Field", field, "At", te.At}
	default:
		ue.ID, ue.Args = "err.text_char", []any{"Field", field, "Char", fmt.Sprintf("%U", te.Char), "At", te.At}
	}
	return ue
}

// TextProblem says in user's language what is wrong with s as the text
// of field f (the same check and words as for a command), for a form to
// show by that field; nil when f takes it.
func (c *Core) TextProblem(user string, f ctbot.TextField, s string) reply.Inline {
	var te *ctbot.TextError
	if err := f.Check(ctbot.CleanText(s)); errors.As(err, &te) {
		ue := textError(te)
		return c.Loc(user).T(ue.ID, ue.Args...)
	}
	return nil
}
