package bot

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// Limits of Block Kit. Messages stay below Slack's documented 50 blocks
// (one is kept free for buttons a transport adds) and well below the
// ~12k characters at which chat.postMessage fails with msg_blocks_too_long.
const (
	maxSectionText   = 3000
	maxHeaderText    = 150
	maxContextText   = 2000
	maxFieldText     = 2000
	maxFields        = 10
	maxMessageBlocks = 49
	maxMessageChars  = 11000
	maxViewBlocks    = 100
	maxFallback      = 3000
	maxButtonLabel   = 75
	maxButtonValue   = 2000
	maxActionID      = 255
	maxTableRows     = 100
	maxTableChars    = 9000 // a table block as sent: Slack refuses one of about 10,000 characters
	maxTableCols     = 20
)

// escaper escapes the three characters mrkdwn reads as control characters.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escape makes s literal in mrkdwn.
func escape(s string) string { return escaper.Replace(s) }

// mrkdwn renders structured text as Slack mrkdwn: every span's text is
// escaped and its formatting characters neutralised; styles become markers
// around runs of the same style (spaces and line breaks kept outside them,
// or Slack ignores the markers); user mentions and links ctbot made are
// the only tokens.
func mrkdwn(t reply.Inline) string {
	var b strings.Builder
	for i := 0; i < len(t); {
		s := t[i]
		switch s.Kind {
		case reply.KindUser:
			b.WriteString("<@" + s.Ref + ">")
			i++
			continue
		case reply.KindLink:
			b.WriteString("<" + escape(s.Ref) + "|" + escape(neutral(strings.ReplaceAll(s.Text, "|", "¦"), false, false)) + ">")
			i++
			continue
		}
		// A run of text spans of one style.
		var run strings.Builder
		j := i
		for ; j < len(t) && t[j].Kind == reply.KindText && t[j].Style == s.Style; j++ {
			run.WriteString(t[j].Text)
		}
		writeStyled(&b, run.String(), s.Style)
		i = j
	}
	return b.String()
}

// writeStyled writes text in style st, line by line, with the markers
// hugging the words.
func writeStyled(b *strings.Builder, text string, st reply.Style) {
	if st == 0 {
		lineStart := b.Len() == 0 || strings.HasSuffix(b.String(), "\n")
		b.WriteString(escape(neutral(text, false, lineStart)))
		return
	}
	// A styled line starts with its marker: no > of it starts a line.
	text = neutral(text, st&reply.Code != 0, false)
	open, close := markers(st)
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		core := strings.TrimFunc(line, unicode.IsSpace)
		if core == "" {
			b.WriteString(escape(line))
			continue
		}
		lead := line[:strings.Index(line, core)]
		trail := line[len(lead)+len(core):]
		b.WriteString(escape(lead) + open + escape(core) + close + escape(trail))
	}
}

func markers(st reply.Style) (open, close string) {
	for _, m := range []struct {
		s reply.Style
		c string
	}{{reply.Bold, "*"}, {reply.Italic, "_"}, {reply.Strike, "~"}, {reply.Code, "`"}} {
		if st&m.s != 0 {
			open += m.c
			close = m.c + close
		}
	}
	return open, close
}

// plainText is text for plain_text objects (headers, buttons, labels):
// Slack shows them as written, so they are not escaped, only shortened.
func plainText(s string, limit int) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, truncate(s, limit), false, false)
}

// mrkdwnText is a mrkdwn text object, verbatim: Slack makes no links of
// URLs or #channels in it (people's words are shown as written); the
// links and mentions ctbot writes as tokens stay.
func mrkdwnText(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, true)
}

// truncate shortens plain text, where Slack would cut anyway.
var truncate = commands.Truncate

// listText is a list as mrkdwn: its title, then an item a line.
func listText(l reply.List) reply.Inline {
	var lines []reply.Inline
	if !l.Title.Empty() {
		lines = append(lines, l.Title)
	}
	for _, it := range l.Items {
		lines = append(lines, reply.Plain("• ").Append(it))
	}
	return reply.Lines(lines...)
}

// blocks renders one document block as Block Kit blocks; n numbers action
// blocks so their IDs are unique in a message.
func blocks(b reply.Block, n int) []slack.Block {
	switch b := b.(type) {
	case reply.Heading:
		return []slack.Block{slack.NewHeaderBlock(plainText(reply.PlainText(b.Text), maxHeaderText))}
	case reply.Para:
		return []slack.Block{slack.NewSectionBlock(mrkdwnText(mrkdwn(b.Text)), nil, nil)}
	case reply.List:
		return []slack.Block{slack.NewSectionBlock(mrkdwnText(mrkdwn(listText(b))), nil, nil)}
	case reply.Note:
		return []slack.Block{slack.NewContextBlock("", mrkdwnText(mrkdwn(b.Text)))}
	case reply.Divider:
		return []slack.Block{slack.NewDividerBlock()}
	case reply.Fields:
		var out []slack.Block
		for i := 0; i < len(b.Items); i += maxFields {
			var fs []*slack.TextBlockObject
			for _, f := range b.Items[i:min(i+maxFields, len(b.Items))] {
				fs = append(fs, mrkdwnText(mrkdwn(reply.Lines(f.Label.With(reply.Bold), f.Value))))
			}
			out = append(out, slack.NewSectionBlock(nil, fs, nil))
		}
		return out
	case reply.Table:
		return []slack.Block{tableBlock(b)}
	case reply.Actions:
		var els []slack.BlockElement
		seen := map[string]bool{}
		for i, btn := range b.Buttons {
			el := button(btn)
			// Slack refuses a block whose elements share an action ID:
			// a repeat gets "/" and its place (intentOf reads past it).
			if be, ok := el.(*slack.ButtonBlockElement); ok && seen[be.ActionID] {
				be.ActionID += "/" + strconv.Itoa(i)
			}
			seen[actionID(el)] = true
			els = append(els, el)
		}
		return []slack.Block{slack.NewActionBlock("ct_actions_"+strconv.Itoa(n), els...)}
	}
	return nil // images are uploaded, not rendered
}

// tableBlock renders a table as Slack's table block: raw text cells, which
// Slack shows as written.
func tableBlock(t reply.Table) slack.Block {
	tb := slack.NewTableBlock("")
	var head []slack.TableCell
	for _, c := range t.Columns {
		head = append(head, slack.NewTableRawTextCell(reply.PlainText(c.Title)))
	}
	tb.AddRow(head...)
	for _, r := range t.Rows {
		var cells []slack.TableCell
		for i := range t.Columns {
			text := ""
			if i < len(r) {
				text = reply.PlainText(r[i])
			}
			cells = append(cells, slack.NewTableRawTextCell(text))
		}
		tb.AddRow(cells...)
	}
	for _, c := range t.Columns {
		align := slack.ColumnAlignmentLeft
		if c.Numeric {
			align = slack.ColumnAlignmentRight
		}
		tb.ColumnSettings = append(tb.ColumnSettings, slack.ColumnSetting{Align: align, IsWrapped: true})
	}
	return tb
}

// blockChars is a block's size as sent, its share of Slack's total-size limit.
func blockChars(b slack.Block) int {
	raw, err := json.Marshal(b)
	if err != nil {
		return maxMessageChars
	}
	return len(raw)
}
