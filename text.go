package ctbot

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// TextField is a free-text field people write, and what it may hold.
// Every way text reaches storage (slash and console commands, mentions,
// forms, the message shortcut, reminder answers, amendments, imports)
// passes the same Check, so the same text is kept or refused whichever
// way it came.
type TextField struct {
	Name  string // as commands, forms and errors name it: note, title, source, ...
	Max   int    // the most characters (runes) it holds
	Lines bool   // it may hold line breaks and tabs
}

// The free-text fields and their caps, in characters. The form's inputs
// take their max_length from here, so text typed after the slash command
// always fits the Edit form.
var (
	// NoteText is an update's or a kick-off's note: 3000 is the most
	// Slack's plain_text_input takes (its max_length ceiling).
	NoteText = TextField{Name: "note", Max: 3000, Lines: true}
	// TitleText is a workshop's or training's title.
	TitleText = TextField{Name: "title", Max: 200}
	// SourceText is the means of verification (Entry.Evidence, typed as
	// source=).
	SourceText = TextField{Name: "source", Max: 300}
	// LinkText is a link to the evidence.
	LinkText = TextField{Name: "link", Max: 2000}
	// ReasonText is why a change was made (an amendment's, a retraction's,
	// a redaction's or a reopening's reason, a verification's note): 500,
	// a few sentences, as it is shown on every line of an audit trail.
	ReasonText = TextField{Name: "reason", Max: 500, Lines: true}
)

// textFieldNames are the [field] messages that name a text field where
// they differ from the field's own name.
var textFieldNames = map[string]string{"source": "evidence"}

// textError is the refusal of the text of field: message (one of the
// err.text_* messages) with args, after the field's name.
func textError(field, message string, args ...any) *Error {
	name := field
	if n, ok := textFieldNames[name]; ok {
		name = n
	}
	return Refused(field, message, append([]any{"Field", M("field." + name)}, args...)...)
}

// badChar is the refusal of character r at position at (in characters
// from 1) of field.
func badChar(field string, r rune, at int) *Error {
	return textError(field, "err.text_char", "Char", fmt.Sprintf("%U", r), "At", at)
}

// Check refuses (an *Error naming the field) s longer than f holds or
// with a character never stored (see CheckChars), and is nil when f
// takes it.
func (f TextField) Check(s string) error {
	if n := utf8.RuneCountInString(s); n > f.Max {
		return textError(f.Name, "err.text_long", "Len", n, "Max", f.Max)
	}
	return CheckChars(f.Name, s, f.Lines)
}

// CheckChars refuses (an *Error naming field) the first character of s
// that is never stored: bytes that are not UTF-8 (lone surrogates included), C0
// controls but for tab and line feed (those only where lines is set), DEL,
// C1 controls (U+0080–U+009F), the line and paragraph separators
// U+2028/2029, noncharacters, and a directional control that is not
// balanced (a close with nothing open, an open never closed in its line).
func CheckChars(field string, s string, lines bool) error {
	if !needsLook(s) {
		return nil
	}
	var open bidiStack
	var at int
	for i, r := range s {
		at++
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return textError(field, "err.text_utf8", "At", at)
		case r == '\n' || r == '\t':
			if !lines {
				return textError(field, "err.text_line", "At", at)
			}
		case refused(r):
			return badChar(field, r, at)
		}
		switch bidiKind(r) {
		case bidiSeparator:
			if len(open) > 0 {
				return open.unclosed(field)
			}
		case bidiOpen:
			open = append(open, bidiMark{r, at})
		case bidiClose:
			n := open.closeAt(r)
			if n < 0 {
				return badChar(field, r, at)
			}
			open = open[:n]
		}
	}
	if len(open) > 0 {
		return open.unclosed(field)
	}
	return nil
}

// needsLook reports whether s may hold something CheckChars refuses or
// CleanText changes: a byte below space, DEL, or a non-ASCII byte (most
// text has none, and is taken without a closer look).
func needsLook(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return true
		}
	}
	return false
}

// refused reports whether r is a character never stored, tab and line
// feed aside.
func refused(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f: // C0, DEL, C1
		return true
	case r == 0x2028 || r == 0x2029: // line and paragraph separators
		return true
	case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe: // noncharacters
		return true
	}
	return false
}

// CleanText is s as ctbot keeps people's text: spaces around it trimmed,
// CR LF and the line and paragraph separators U+2028/2029 as line feeds,
// and directional controls balanced (see BalanceBidi). What CheckChars
// refuses otherwise stays, to be refused with where it is.
func CleanText(s string) string {
	s = strings.TrimSpace(s)
	if !needsLook(s) || !utf8.ValidString(s) {
		return s // bytes that are not UTF-8 are refused where they are
	}
	s = strings.NewReplacer("\r\n", "\n", "\u2028", "\n", "\u2029", "\n").Replace(s)
	return BalanceBidi(s)
}

// FitText is s made storable in f, for text ctbot fills a form with (a
// message's text): cleaned, the characters never stored left out, and cut
// to f.Max characters.
func FitText(f TextField, s string) string {
	s = CleanText(strings.ToValidUTF8(s, ""))
	s = strings.Map(func(r rune) rune {
		if (r == '\n' || r == '\t') && !f.Lines {
			return ' '
		}
		if r != '\n' && r != '\t' && refused(r) {
			return -1
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > f.Max {
		s = string([]rune(s)[:f.Max])
	}
	return BalanceBidi(strings.TrimSpace(s)) // cutting may leave a control open
}

// Printable is s safe to print on a terminal: every character CheckChars
// refuses (controls such as ESC, which rewrite a terminal), tab and line
// feed aside, shown as U+FFFD, and directional controls balanced. It is
// for text read back from storage, which may predate the checks.
func Printable(s string) string {
	if !needsLook(s) {
		return s
	}
	s = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && refused(r) {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return BalanceBidi(s)
}

// CheckText refuses (an *Error naming the field) the first text of e its
// field does not take: the free text people write (note, title, source, link, a
// retraction's reason) by its field's cap and characters; the codes, user
// IDs and the command text as given, by their characters.
func (e *Entry) CheckText() error {
	for _, t := range []struct {
		f TextField
		s string
	}{{NoteText, e.Note}, {TitleText, e.Title}, {SourceText, e.Evidence}, {LinkText, e.Link}, {ReasonText, e.RetractReason}} {
		if err := t.f.Check(t.s); err != nil {
			return err
		}
	}
	for _, t := range [][2]string{{"country", e.Country}, {"indicator", e.Indicator}, {"stage", e.Stage}, {"course", e.Course},
		{"topic", e.Topic}, {"level", e.Level}, {"user", e.UserID}, {"verified", e.VerifiedBy}, {"retracted", e.RetractedBy}} {
		if err := CheckChars(t[0], t[1], false); err != nil {
			return err
		}
	}
	return CheckChars("command", e.Source, true)
}
