package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/commands"
)

// Limits of one message. Slack documents 50 blocks; chat.postMessage fails
// with msg_blocks_too_long at roughly 12-13k characters of blocks, so each
// message stays well below that.
const (
	maxMessageBlocks = 50
	maxMessageChars  = 11000
	maxFollowUps     = 5 // response_url accepts up to 5 messages
)

// message is a Slack message as a slash command ack, a response_url post or
// the fields of chat.postMessage.
type message struct {
	ResponseType    string        `json:"response_type,omitempty"`
	Text            string        `json:"text"`
	Blocks          []slack.Block `json:"blocks,omitempty"`
	ReplaceOriginal bool          `json:"replace_original,omitempty"`
}

// undoActionID is the action of the Undo button on recorded entries.
const undoActionID = "ct_undo"

// messages renders a reply as one or more messages within Block Kit limits:
// long replies are split, never cut, and every message has a plain-text
// fallback. A recorded entry gets an Undo button on the last message.
func messages(r commands.Reply) []message {
	blocks := r.Blocks()
	var out []message
	var cur []slack.Block
	chars := 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, message{Blocks: cur, Text: fallback(cur)})
		}
		cur, chars = nil, 0
	}
	for _, blk := range blocks {
		n := blockChars(blk)
		if len(cur) >= maxMessageBlocks-1 || (chars+n > maxMessageChars && len(cur) > 0) {
			flush()
		}
		cur = append(cur, blk)
		chars += n
	}
	flush()
	if len(out) == 0 {
		out = []message{{Text: commands.Plain(r.Text())}}
	}
	if r.EntryID != 0 && !r.Failed {
		last := &out[len(out)-1]
		last.Blocks = append(last.Blocks, undoButton(r.EntryID))
	}
	rt := slack.ResponseTypeEphemeral
	if r.Public {
		rt = slack.ResponseTypeInChannel
	}
	for i := range out {
		out[i].ResponseType = rt
	}
	return out
}

func undoButton(id int64) slack.Block {
	btn := slack.NewButtonBlockElement(undoActionID, strconv.FormatInt(id, 10),
		slack.NewTextBlockObject(slack.PlainTextType, "Undo", false, false))
	btn.Confirm = slack.NewConfirmationBlockObject(
		slack.NewTextBlockObject(slack.PlainTextType, "Undo this entry?", false, false),
		slack.NewTextBlockObject(slack.MarkdownType, fmt.Sprintf("#%d will be retracted. It stays in the audit trail.", id), false, false),
		slack.NewTextBlockObject(slack.PlainTextType, "Undo", false, false),
		slack.NewTextBlockObject(slack.PlainTextType, "Keep it", false, false))
	return slack.NewActionBlock("ct_undo_"+strconv.FormatInt(id, 10), btn)
}

// blockChars estimates a block's share of Slack's total-size limit.
func blockChars(b slack.Block) int {
	raw, err := json.Marshal(b)
	if err != nil {
		return maxMessageChars
	}
	return len(raw)
}

// fallback is the plain text of blocks, for notifications and clients that
// cannot show blocks.
func fallback(blocks []slack.Block) string {
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
	return commands.Truncate(strings.Join(parts, "\n"), 3000)
}

// msgOptions turns a message into chat.postMessage options.
func msgOptions(m message, threadTS string) []slack.MsgOption {
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...)}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	return opts
}

// postThread posts a reply as messages into a thread of channel.
func (b *Bot) postThread(ctx context.Context, channel, threadTS string, r commands.Reply) error {
	for _, m := range messages(r) {
		if _, _, err := b.api.PostMessageContext(ctx, channel, msgOptions(m, threadTS)...); err != nil {
			return fmt.Errorf("bot: post to %s: %w", channel, err)
		}
	}
	return nil
}

// respond posts messages to a response_url, retrying 429 and 5xx a few times.
func (b *Bot) respond(ctx context.Context, url string, ms []message) error {
	for i, m := range ms {
		if i >= maxFollowUps {
			return fmt.Errorf("bot: response_url: %d messages, Slack takes %d", len(ms), maxFollowUps)
		}
		if err := b.postJSON(ctx, url, m); err != nil {
			return err
		}
	}
	return nil
}

func (b *Bot) postJSON(ctx context.Context, url string, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("bot: response_url: %w", err)
	}
	wait := 500 * time.Millisecond
	for attempt := 1; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return fmt.Errorf("bot: response_url: %w", err)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := b.http.Do(req)
		status := 0
		if err == nil {
			status = resp.StatusCode
			if s := resp.Header.Get("Retry-After"); s != "" {
				if sec, perr := strconv.Atoi(s); perr == nil && sec > 0 {
					wait = time.Duration(sec) * time.Second
				}
			}
			resp.Body.Close()
			if status < 300 {
				return nil
			}
		}
		retryable := err != nil || status == http.StatusTooManyRequests || status >= 500
		if !retryable || attempt == 3 {
			if err == nil {
				err = fmt.Errorf("status %d", status)
			}
			return fmt.Errorf("bot: response_url (attempt %d): %w", attempt, err)
		}
		select {
		case <-time.After(min(wait, 10*time.Second)):
		case <-ctx.Done():
			return ctx.Err()
		}
		wait *= 2
	}
}

// unescapeSlack turns Slack's escaping of &, < and > in message and command
// text back into the characters typed.
func unescapeSlack(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(s)
}
