// Package slackcheck inspects what ctbot sends to Slack, for tests: it
// finds every mrkdwn text (and top-level text fallback) in a message or
// view and reports any &, < or > that is not an escape or a token ctbot
// made itself (a user mention, or a link to an http(s) URL); and, where
// people's text holds Said, any character of it that would format, and
// any mrkdwn object holding it that Slack would not show verbatim.
package slackcheck

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// tokenRE is what ctbot itself writes between < and >.
var tokenRE = regexp.MustCompile(`^<(@[UWB][A-Z0-9]{2,20}|https?://[^\s<>|]+\|[^<>|]*)>$`)

// Mrkdwn returns the problems of one mrkdwn text: each stray control
// character with some context.
func Mrkdwn(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&':
			if !strings.HasPrefix(s[i:], "&amp;") && !strings.HasPrefix(s[i:], "&lt;") && !strings.HasPrefix(s[i:], "&gt;") {
				out = append(out, fmt.Sprintf("stray & in %q", around(s, i)))
			}
		case '<':
			j := strings.IndexByte(s[i:], '>')
			if j < 0 || !tokenRE.MatchString(s[i:i+j+1]) {
				out = append(out, fmt.Sprintf("stray < in %q", around(s, i)))
				continue
			}
			i += j
		case '>':
			out = append(out, fmt.Sprintf("stray > in %q", around(s, i)))
		}
	}
	return out
}

func around(s string, i int) string { return s[max(0, i-30):min(len(s), i+30)] }

// text is one text of a document: a mrkdwn object's, or a message's
// top-level text (object false).
type text struct {
	s                string
	object, verbatim bool
}

// texts returns every mrkdwn text in a JSON document (blocks, a view, a
// message) and, for a message, its top-level text; plain_text objects and
// table cells are shown as written and are left out.
func texts(doc []byte) ([]text, error) {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, err
	}
	var out []text
	var walk func(v any, top bool)
	walk = func(v any, top bool) {
		switch v := v.(type) {
		case map[string]any:
			s, ok := v["text"].(string)
			if ok && v["type"] == "mrkdwn" {
				out = append(out, text{s: s, object: true, verbatim: v["verbatim"] == true})
			} else if ok && top {
				out = append(out, text{s: s})
			}
			for _, x := range v {
				walk(x, false)
			}
		case []any:
			for _, x := range v {
				walk(x, false)
			}
		}
	}
	walk(v, true)
	return out, nil
}

// Texts returns every mrkdwn text in a JSON document (blocks, a view, a
// message) and, for a message, its top-level text.
func Texts(doc []byte) ([]string, error) {
	ts, err := texts(doc)
	var out []string
	for _, t := range ts {
		out = append(out, t.s)
	}
	return out, err
}

// Said is text a person might type with every character Slack's mrkdwn
// formats (bold, italic, strike, code, and a quote on its second line),
// each around a word no message of ctbot's holds, and a URL and a
// channel. Put it in people's text (notes, titles, names, reasons); the
// first line alone (SaidLine) where a line break is not taken.
const Said = SaidLine + "\n> zqquote"

// SaidLine is the first line of Said.
const SaidLine = "*zqbold* _zqital_ ~zqstrike~ `zqcode` https://example.org/a_b #general"

// saidMarks are the words of Said and the character around each that
// must not reach Slack as it is.
var saidMarks = []struct{ word, mark string }{{"zqbold", "*"}, {"zqital", "_"}, {"zqstrike", "~"}, {"zqcode", "`"}}

// codeSpanRE is a code span ctbot wrote (within it nothing formats).
var codeSpanRE = regexp.MustCompile("`[^`\n]*`")

// Formatting returns the characters of Said in one mrkdwn text that
// Slack would read as formatting: a marker next to its word (outside
// ctbot's code spans) or a quote starting its line.
func Formatting(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, "zqquote") && strings.HasPrefix(strings.TrimLeft(line, " \t"), "&gt;") {
			out = append(out, fmt.Sprintf("people's > starts a quote in %q", line))
		}
	}
	for _, m := range saidMarks {
		text := s
		if m.mark != "`" {
			text = codeSpanRE.ReplaceAllString(s, "")
		}
		if strings.Contains(text, m.mark+m.word) || strings.Contains(text, m.word+m.mark) {
			i := strings.Index(text, m.word)
			out = append(out, fmt.Sprintf("people's %s formats in %q", m.mark, around(text, i)))
		}
	}
	return out
}

// Problems returns every stray control character in a JSON document, every
// character of Said in it that would format, and every mrkdwn object that
// holds Said without verbatim (Slack would make links of its URL and
// channel).
func Problems(doc []byte) ([]string, error) {
	ts, err := texts(doc)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range ts {
		out = append(out, Mrkdwn(t.s)...)
		out = append(out, Formatting(t.s)...)
		if t.object && !t.verbatim && saysSaid(t.s) {
			out = append(out, fmt.Sprintf("people's text in a mrkdwn object without verbatim: %q", around(t.s, strings.Index(t.s, "zq"))))
		}
	}
	return out, nil
}

// saysSaid reports whether s holds a word of Said.
func saysSaid(s string) bool {
	for _, w := range []string{"zqbold", "zqital", "zqstrike", "zqcode", "zqquote"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
