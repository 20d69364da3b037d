package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// maxFollowUps is how many messages a response_url accepts.
const maxFollowUps = 5

// maxAnswerMessages is the most one answer sends, wherever it goes: a
// longer one is cut, saying so (answers that can be long, such as history,
// page themselves well within it).
const maxAnswerMessages = 8

// capped is ms cut to maxAnswerMessages, the last saying how many more
// were not sent and what to ask instead, in user's language.
func (b *Bot) capped(user string, ms []message) []message {
	if len(ms) <= maxAnswerMessages {
		return ms
	}
	b.log.Warn("answer cut", "messages", len(ms), "sent", maxAnswerMessages)
	note := b.core.Loc(user).T("delivery.cut", "N", len(ms)-maxAnswerMessages+1)
	out := append([]message(nil), ms[:maxAnswerMessages-1]...)
	return append(out, message{ResponseType: ms[0].ResponseType, Text: fallback(reply.Doc{reply.Para{Text: note}}),
		Blocks: []slack.Block{slack.NewContextBlock("", mrkdwnText(mrkdwn(note)))}})
}

// message is a Slack message as a slash command ack, a response_url post or
// the fields of chat.postMessage.
type message struct {
	ResponseType    string        `json:"response_type,omitempty"`
	Text            string        `json:"text"`
	Blocks          []slack.Block `json:"blocks,omitempty"`
	ReplaceOriginal bool          `json:"replace_original,omitempty"`
	// rawBlocks is Blocks as JSON, when it was made to measure them.
	rawBlocks json.RawMessage
}

// MarshalJSON encodes m, its blocks from rawBlocks when it has them.
func (m message) MarshalJSON() ([]byte, error) {
	type plain message
	if m.rawBlocks == nil {
		return json.Marshal(plain(m))
	}
	return m.appendJSON(nil)
}

// appendJSON appends m as JSON with its rawBlocks as they are (made by
// json.Marshal, so valid and compact): no second pass over the blocks.
func (m message) appendJSON(b []byte) ([]byte, error) {
	str := func(s string) error {
		raw, err := json.Marshal(s)
		b = append(b, raw...)
		return err
	}
	b = append(b, '{')
	if m.ResponseType != "" {
		b = append(b, `"response_type":`...)
		if err := str(m.ResponseType); err != nil {
			return nil, err
		}
		b = append(b, ',')
	}
	b = append(b, `"text":`...)
	if err := str(m.Text); err != nil {
		return nil, err
	}
	if len(m.rawBlocks) > 0 {
		b = append(append(b, `,"blocks":`...), m.rawBlocks...)
	}
	if m.ReplaceOriginal {
		b = append(b, `,"replace_original":true`...)
	}
	return append(b, '}'), nil
}

// messages renders a reply as one or more messages within Block Kit limits.
func messages(r commands.Reply) []message {
	rt := slack.ResponseTypeEphemeral
	if r.Public {
		rt = slack.ResponseTypeInChannel
	}
	var out []message
	for _, p := range split(r.Doc) {
		if p.blocks != nil {
			out = append(out, message{ResponseType: rt, Text: fallback(p.doc), Blocks: p.blocks, rawBlocks: p.raw})
			continue
		}
		text, bs := Render(p.doc)
		out = append(out, message{ResponseType: rt, Text: text, Blocks: bs})
	}
	if len(out) == 0 {
		out = []message{{ResponseType: rt, Text: " "}}
	}
	return out
}

// Action IDs of buttons, by intent.
var actionIDs = map[reply.Intent]string{
	reply.IntentUndo: "ct_undo", reply.IntentEdit: "ct_edit", reply.IntentRun: "ct_run", reply.IntentOpenForm: "ct_form",
	reply.IntentAskAccess: "ct_ask_access", reply.IntentEventAnswer: "ct_event",
}

// intentOf is the intent of a button's action ID ("" for none of ctbot's).
// A date picker's action ID carries its Arg after a "/".
func intentOf(actionID string) reply.Intent {
	actionID, _, _ = strings.Cut(actionID, "/")
	for in, id := range actionIDs {
		if id == actionID {
			return in
		}
	}
	return ""
}

// actionID is the action ID of a button or date picker.
func actionID(el slack.BlockElement) string {
	switch el := el.(type) {
	case *slack.ButtonBlockElement:
		return el.ActionID
	case *slack.DatePickerBlockElement:
		return el.ActionID
	}
	return ""
}

func button(b reply.Button) slack.BlockElement {
	if b.PickDate {
		// A date picker has no value: its Arg travels in its action ID.
		dp := slack.NewDatePickerBlockElement(truncate(actionIDs[b.Intent]+"/"+b.Arg, maxActionID))
		dp.Placeholder = plainText(b.Label, maxButtonLabel)
		return dp
	}
	el := slack.NewButtonBlockElement(actionIDs[b.Intent], truncate(b.Arg, maxButtonValue), plainText(b.Label, maxButtonLabel))
	switch {
	case b.Primary:
		el.Style = slack.StylePrimary
	case b.Danger:
		el.Style = slack.StyleDanger
	}
	if c := b.Confirm; c != nil {
		el.Confirm = slack.NewConfirmationBlockObject(plainText(c.Title, 100), plainText(c.Text, 300), plainText(c.Yes, 30), plainText(c.No, 30))
	}
	return el
}

// deliver sends a reply through a response_url: the first message
// replacing the original if asked, at most five in all. A reply longer
// than that (up to maxAnswerMessages) continues by direct message (chat.postMessage has no such
// limit), and the last response_url message says where the rest went, or
// what could not be delivered. Nothing is dropped silently.
func (b *Bot) deliver(ctx context.Context, user, url string, ms []message, replace bool) error {
	ms = b.capped(user, ms)
	if url == "" { // a button in the App Home has no response_url
		return b.postDM(ctx, user, ms)
	}
	if len(ms) > 0 {
		ms[0].ReplaceOriginal = replace
	}
	if len(ms) <= maxFollowUps {
		return b.respond(ctx, url, ms)
	}
	head, rest := ms[:maxFollowUps-1], ms[maxFollowUps-1:]
	if err := b.respond(ctx, url, head); err != nil {
		return err
	}
	l := b.core.Loc(user)
	note := l.T("delivery.continued", "N", len(rest))
	if err := b.postDM(ctx, user, rest); err != nil {
		b.log.Error("rest of a long answer not delivered by DM", "err", err, "messages", len(rest))
		note = l.T("delivery.failed", "N", len(rest))
	}
	return b.respond(ctx, url, []message{{ResponseType: ms[0].ResponseType, Text: fallback(reply.Doc{reply.Para{Text: note}}),
		Blocks: []slack.Block{slack.NewContextBlock("", mrkdwnText(mrkdwn(note)))}}})
}

// postDM posts messages to user's direct messages, the rest threaded under
// the first.
func (b *Bot) postDM(ctx context.Context, user string, ms []message) error {
	dm, err := b.poster().OpenDM(ctx, user)
	if err != nil {
		return err
	}
	return b.postMessages(ctx, dm, "", ms)
}

// postMessages posts messages into channel, into thread threadTS (or a
// thread under the first message when threadTS is empty).
func (b *Bot) postMessages(ctx context.Context, channel, threadTS string, ms []message) error {
	for _, m := range ms {
		opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...)}
		if threadTS != "" {
			opts = append(opts, slack.MsgOptionTS(threadTS))
		}
		_, ts, err := b.api.PostMessageContext(ctx, channel, opts...)
		if err != nil {
			return fmt.Errorf("bot: chat.postMessage: %w", err)
		}
		if threadTS == "" {
			threadTS = ts
		}
	}
	return nil
}

// respondFirstWait is the wait before a response_url is tried again, but
// for a Retry-After; it doubles after each try.
const respondFirstWait = 500 * time.Millisecond

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
	wait := respondFirstWait
	for attempt := 1; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return fmt.Errorf("bot: response_url: %w", redactURLError(err))
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
			return fmt.Errorf("bot: response_url (attempt %d): %w", attempt, redactURLError(err))
		}
		timer, waited := b.clock.NewTimer(min(wait, 10*time.Second))
		select {
		case <-waited:
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		}
		wait *= 2
	}
}

// redactURLError drops the URL from an HTTP client error: a response_url
// is a credential for half an hour and must not reach the logs.
func redactURLError(err error) error {
	if err == nil {
		return nil
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = fmt.Errorf("%s [url redacted]: %w", ue.Op, ue.Err)
	}
	return errors.New(RedactSecrets(err.Error()))
}
