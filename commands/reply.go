package commands

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// Reply is the answer to a request, independent of the transport: the
// console prints Text, Slack posts Blocks with Text as the fallback.
type Reply struct {
	Sections []Section
	// EntryID is the entry the request recorded, if any; Slack adds an Undo
	// button to such replies.
	EntryID int64
	// Failed is set when the request was refused or went wrong; nothing
	// was recorded. Problem is the one-sentence reason and Field the input
	// at fault, if known (forms show it next to that field).
	Failed  bool
	Problem string
	Field   string
	// Public asks transports to show the reply to the whole channel.
	Public bool
	// Modal asks the transport to open the entry form (slash commands with
	// no arguments); Kind preselects the entry type.
	Modal string
}

// Section is one block of a reply. Text is Slack mrkdwn (user text escaped).
type Section struct {
	Header  string // plain text, shown large; optional
	Text    string
	Context string // small print under the text; optional
	Divider bool   // a line before the section
}

// Text renders the reply as readable plain text.
func (r Reply) Text() string {
	var parts []string
	for _, s := range r.Sections {
		var lines []string
		for _, l := range []string{s.Header, Plain(s.Text), Plain(s.Context)} {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			parts = append(parts, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(parts, "\n\n")
}

var mentionRE = regexp.MustCompile(`<@([UW][A-Z0-9]+)(?:\|[^>]*)?>`)
var linkRE = regexp.MustCompile(`<(https?://[^|>]+)\|([^>]+)>`)

// emoji maps the Slack emoji codes replies use to the characters a terminal shows.
var emoji = strings.NewReplacer(
	":red_circle:", "🔴", ":large_orange_circle:", "🟠", ":large_green_circle:", "🟢", ":rocket:", "🚀",
	":white_check_mark:", "✅", ":white_circle:", "⚪", ":warning:", "⚠️", ":no_entry:", "⛔", ":x:", "❌",
	":hourglass:", "⌛", ":wastebasket:", "🗑️", ":repeat:", "🔁", ":calendar:", "📅", ":mega:", "📣",
)

// Plain turns mrkdwn into plain text: user mentions become @U123, links
// their label, emoji codes their characters, entities their characters.
// Bold and italic marks stay; they read well enough.
func Plain(mrkdwn string) string {
	s := mentionRE.ReplaceAllString(mrkdwn, "@$1")
	s = linkRE.ReplaceAllString(s, "$2 ($1)")
	return html.UnescapeString(emoji.Replace(s))
}

// Esc escapes user text for mrkdwn: &, < and > are control characters there.
func Esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// Limits of Block Kit.
const (
	MaxSectionText = 3000
	MaxHeaderText  = 150
	MaxContextText = 2000
)

// Blocks renders the reply as Block Kit blocks. Long texts are split into
// several sections at line breaks, never cut.
func (r Reply) Blocks() []slack.Block {
	var out []slack.Block
	for i, s := range r.Sections {
		if s.Divider && i > 0 {
			out = append(out, slack.NewDividerBlock())
		}
		if s.Header != "" {
			out = append(out, slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, Truncate(s.Header, MaxHeaderText), true, false)))
		}
		for _, chunk := range SplitText(s.Text, MaxSectionText) {
			out = append(out, slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, chunk, false, false), nil, nil))
		}
		for _, chunk := range SplitText(s.Context, MaxContextText) {
			out = append(out, slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, chunk, false, false)))
		}
	}
	return out
}

// SplitText splits s into pieces of at most limit bytes, at line breaks
// where possible, then at spaces, and only inside a word as a last resort
// (never inside a UTF-8 character).
func SplitText(s string, limit int) []string {
	var out []string
	s = strings.TrimRight(s, "\n")
	for len(s) > limit {
		cut := strings.LastIndex(s[:limit], "\n")
		if cut <= 0 {
			cut = strings.LastIndex(s[:limit], " ")
		}
		if cut <= 0 {
			cut = limit
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
		}
		out = append(out, s[:cut])
		s = strings.TrimLeft(s[cut:], "\n ")
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// Truncate shortens s to at most n bytes with an ellipsis, on a rune boundary.
// It is for headers and previews only; message bodies are split, not cut.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
