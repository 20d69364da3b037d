// Package slackcheck inspects what ctbot sends to Slack, for tests: it
// finds every mrkdwn text (and top-level text fallback) in a message or
// view and reports any &, < or > that is not an escape or a token ctbot
// made itself (a user mention, or a link to an http(s) URL).
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

// Texts returns every mrkdwn text in a JSON document (blocks, a view, a
// message) and, for a message, its top-level text; plain_text objects and
// table cells are shown as written and are left out.
func Texts(doc []byte) ([]string, error) {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, err
	}
	var out []string
	var walk func(v any, top bool)
	walk = func(v any, top bool) {
		switch v := v.(type) {
		case map[string]any:
			if v["type"] == "mrkdwn" {
				if s, ok := v["text"].(string); ok {
					out = append(out, s)
				}
			}
			if top {
				if s, ok := v["text"].(string); ok {
					out = append(out, s)
				}
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

// Problems returns every stray control character in a JSON document.
func Problems(doc []byte) ([]string, error) {
	texts, err := Texts(doc)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range texts {
		out = append(out, Mrkdwn(t)...)
	}
	return out, nil
}
