package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cttechplus/ctbot/reply"
)

// neutral makes literal text (people's words: a span's text is never
// markup) read as written in mrkdwn, which has no escape for its
// formatting characters. * and ~ become their look-alikes ∗ and ∼, _ its
// look-alike ˍ unless it joins two letters or digits (snake_case, a path;
// Slack formats no marker inside a word), a backtick ˋ, and > at the start
// of a line (a quote; lineStart says s starts one) ›. In code (code set)
// only the backtick, which would end the code, changes. ctbot's own
// formatting comes from styles (markers) and is never touched.
func neutral(s string, code, lineStart bool) string {
	if !strings.ContainsAny(s, "*_~`>") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := rune(0)
	for i, r := range s {
		out := r
		switch {
		case r == '`':
			out = 'ˋ'
		case code:
		case r == '*':
			out = '∗'
		case r == '~':
			out = '∼'
		case r == '_':
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if !isWordRune(prev) || !isWordRune(next) {
				out = 'ˍ'
			}
		case r == '>' && lineStart:
			out = '›'
		}
		b.WriteRune(out)
		if r == '\n' {
			lineStart = true
		} else if !lineBlank(r) {
			lineStart = false
		}
		prev = r
	}
	return b.String()
}

// lineBlank reports whether r leaves a line's start where it is: a space,
// a tab, or the direction marks a right-to-left line starts with (RLM and
// the isolates), so a ">" after them still cannot quote.
func lineBlank(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u200f' || (r >= '\u2066' && r <= '\u2069')
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// literalInline is t with every span's text neutralised; t starts a line.
func literalInline(t reply.Inline) reply.Inline {
	out := make(reply.Inline, len(t))
	lineStart := true
	for i, s := range t {
		if s.Kind != reply.KindUser {
			s.Text = neutral(s.Text, s.Kind == reply.KindText && s.Style&reply.Code != 0, lineStart)
		}
		if text := strings.TrimRightFunc(s.Text, lineBlank); text != "" {
			lineStart = strings.HasSuffix(text, "\n")
		}
		out[i] = s
	}
	return out
}

func literalInlines(ts []reply.Inline) []reply.Inline {
	out := make([]reply.Inline, len(ts))
	for i, t := range ts {
		out[i] = literalInline(t)
	}
	return out
}

// literalDoc is d with the text of every span neutralised, for the plain
// text fallback: its styles are ctbot's and stay.
func literalDoc(d reply.Doc) reply.Doc {
	out := make(reply.Doc, len(d))
	for i, b := range d {
		switch b := b.(type) {
		case reply.Heading:
			out[i] = reply.Heading{Text: literalInline(b.Text)}
		case reply.Para:
			out[i] = reply.Para{Text: literalInline(b.Text)}
		case reply.Note:
			out[i] = reply.Note{Text: literalInline(b.Text)}
		case reply.List:
			out[i] = reply.List{Title: literalInline(b.Title), Items: literalInlines(b.Items)}
		case reply.Fields:
			fs := make([]reply.Field, len(b.Items))
			for j, f := range b.Items {
				fs[j] = reply.Field{Label: literalInline(f.Label), Value: literalInline(f.Value)}
			}
			out[i] = reply.Fields{Items: fs}
		case reply.Table:
			cols := make([]reply.Column, len(b.Columns))
			for j, c := range b.Columns {
				cols[j] = reply.Column{Title: literalInline(c.Title), Numeric: c.Numeric}
			}
			rows := make([][]reply.Inline, len(b.Rows))
			for j, r := range b.Rows {
				rows[j] = literalInlines(r)
			}
			out[i] = reply.Table{Columns: cols, Rows: rows}
		default:
			out[i] = b
		}
	}
	return out
}
