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

// maxFollowUps is how many messages a response_url accepts.
const maxFollowUps = 5

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

// messages renders a reply as one or more messages within Block Kit
// limits (see commands.Reply.Messages); a recorded entry gets an Undo
// button on the last one.
func messages(r commands.Reply) []message {
	rt := slack.ResponseTypeEphemeral
	if r.Public {
		rt = slack.ResponseTypeInChannel
	}
	var out []message
	for _, m := range r.Messages() {
		out = append(out, message{ResponseType: rt, Text: m.Text, Blocks: m.Blocks})
	}
	if r.EntryID != 0 && !r.Failed {
		last := &out[len(out)-1]
		last.Blocks = append(last.Blocks, undoButton(r.EntryID))
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

// postThread posts a reply as messages into a thread of channel (a new
// conversation when threadTS is empty).
func (b *Bot) postThread(ctx context.Context, channel, threadTS string, r commands.Reply) error {
	p := SlackPoster{API: b.api}
	for _, m := range messages(r) {
		if _, err := p.Post(ctx, channel, threadTS, commands.Message{Text: m.Text, Blocks: m.Blocks}); err != nil {
			return fmt.Errorf("bot: %w", err)
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
