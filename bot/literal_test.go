package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// People's words never format in Slack: their markers become look-alikes
// (a _ inside a word stays, Slack reads none there), a > that would start
// a quote too; ctbot's own styles are its markers, untouched, and in code
// only the backtick changes.
func TestPeoplesTextNeverFormats(t *testing.T) {
	said := "*x* _y_ ~z~ `c` snake_case https://x.org/a_b\n> quoted\n  >> nested a > b"
	for _, tt := range []struct {
		in   reply.Inline
		want string
	}{
		{reply.Plain(said), "∗x∗ ˍyˍ ∼z∼ ˋcˋ snake_case https://x.org/a_b\n› quoted\n  ›&gt; nested a &gt; b"},
		{reply.Styled("Note", reply.Bold).Append(reply.Plain(": *x*")), "*Note*: ∗x∗"},
		{reply.Plain("a\n").Append(reply.Plain("> b")), "a\n› b"},
		{reply.Styled("Title", reply.Italic).Append(reply.Plain(" > b")), "_Title_ &gt; b"},
		{reply.Styled("log KE *x* `y`", reply.Code), "`log KE *x* ˋyˋ`"},
		{reply.Styled("*x*", reply.Bold), "*∗x∗*"},
		{reply.Link("https://x.org", "*the* report"), "<https://x.org|∗the∗ report>"},
	} {
		if got := mrkdwn(tt.in); got != tt.want {
			t.Errorf("mrkdwn(%q) = %q, want %q", tt.in.String(), got, tt.want)
		}
	}
	// The fallback too, with ctbot's code kept as code.
	text := fallback(reply.Doc{reply.Para{Text: reply.Plain("*x*\n> q ").Append(reply.Styled("status KE", reply.Code))}})
	if text != "∗x∗\n› q `status KE`" {
		t.Errorf("fallback = %q", text)
	}
}

// Every mrkdwn object is verbatim: Slack makes no link of a URL or
// #channel a person wrote (ctbot's own links and mentions are tokens).
func TestMrkdwnIsVerbatim(t *testing.T) {
	ms := messages(commands.Reply{Doc: reply.Doc{
		reply.Para{Text: reply.Plain("see https://x.org in #general")},
		reply.Note{Text: reply.Plain("small")},
		reply.Fields{Items: []reply.Field{{Label: reply.Plain("L"), Value: reply.Plain("v")}}},
		reply.List{Items: []reply.Inline{reply.Plain("i")}},
	}})
	raw, _ := json.Marshal(ms[0])
	if n, v := strings.Count(string(raw), `"type":"mrkdwn"`), strings.Count(string(raw), `"verbatim":true`); n != 4 || v != n {
		t.Errorf("%d mrkdwn objects, %d verbatim: %s", n, v, raw)
	}
}

// A right-to-left line starts with direction marks (RLM, isolates) before
// the words; a person's ">" after them still cannot start a quote, in
// mrkdwn and in the plain text fallback, in one span or the next.
func TestMarkedLineCannotQuote(t *testing.T) {
	for _, in := range []reply.Inline{
		reply.Plain("\u200f\u2068> q\u2069"),
		reply.Plain("a\n\u200f\u2066\u2068> q\u2069\u2069"),
		reply.Plain("a\n").Append(reply.Plain("\u200f\u2068"), reply.Plain("> q")),
	} {
		if got := mrkdwn(in); strings.Contains(got, "&gt;") || !strings.Contains(got, "› q") {
			t.Errorf("mrkdwn(%+q) = %+q, a quote", in.String(), got)
		}
		if got := fallback(reply.Doc{reply.Para{Text: in}}); strings.Contains(got, "&gt;") || !strings.Contains(got, "› q") {
			t.Errorf("fallback(%+q) = %+q, a quote", in.String(), got)
		}
	}
}
