package commands

import (
	"encoding/json"
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
	// Command is the command that ran ("" if none was recognised) and
	// Outcome how it ended: ok, duplicate, bad_input, forbidden, busy or
	// error. Transports count them.
	Command string
	Outcome string
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

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Esc escapes user text for mrkdwn: &, < and > are control characters there.
func Esc(s string) string { return escaper.Replace(s) }

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

// Limits of one message. Slack documents 50 blocks; chat.postMessage fails
// with msg_blocks_too_long at roughly 12-13k characters of blocks, so each
// message stays well below that. One block is kept free for a button row.
const (
	MaxMessageBlocks = 50
	MaxMessageChars  = 11000
)

// Message is one Slack message of a reply.
type Message struct {
	Text   string // plain-text fallback for notifications and old clients
	Blocks []slack.Block
}

// Messages renders the reply as one or more messages within Block Kit
// limits: long replies are split between blocks, never cut, and every
// message has a plain-text fallback.
func (r Reply) Messages() []Message {
	var out []Message
	var cur []slack.Block
	chars := 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, Message{Blocks: cur, Text: Fallback(cur)})
		}
		cur, chars = nil, 0
	}
	for _, blk := range r.Blocks() {
		n := BlockChars(blk)
		if len(cur) >= MaxMessageBlocks-1 || (chars+n > MaxMessageChars && len(cur) > 0) {
			flush()
		}
		cur = append(cur, blk)
		chars += n
	}
	flush()
	if len(out) == 0 {
		out = []Message{{Text: Plain(r.Text())}}
	}
	return out
}

// BlockChars is a block's size as sent, its share of Slack's total-size limit.
func BlockChars(b slack.Block) int {
	raw, err := json.Marshal(b)
	if err != nil {
		return MaxMessageChars
	}
	return len(raw)
}

// Fallback is the plain text of blocks.
func Fallback(blocks []slack.Block) string {
	var parts []string
	for _, b := range blocks {
		switch b := b.(type) {
		case *slack.HeaderBlock:
			parts = append(parts, b.Text.Text)
		case *slack.SectionBlock:
			if b.Text != nil {
				parts = append(parts, b.Text.Text)
			}
		case *slack.ContextBlock:
			for _, e := range b.ContextElements.Elements {
				if t, ok := e.(*slack.TextBlockObject); ok {
					parts = append(parts, t.Text)
				}
			}
		}
	}
	return Truncate(strings.Join(parts, "\n"), 3000)
}
