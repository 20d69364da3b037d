package bot

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/reply"
)

// deliveryEvent is the metadata event type of the messages jobs post;
// its payload's "key" names the run and part, so that a message posted by
// a process that died before recording it can be found again.
const deliveryEvent = "ctbot_delivery"

// SlackPoster posts scheduled messages (digests, reminders, nudges) through
// the Web API; it implements jobs.Poster.
type SlackPoster struct{ API *slack.Client }

// Split divides d into parts that each fit one message.
func (p SlackPoster) Split(d reply.Doc) []reply.Doc { return Split(d) }

// Post posts d as one message to channel, into thread threadTS if set,
// tagged with key in its metadata, and returns its ts.
func (p SlackPoster) Post(ctx context.Context, channel, threadTS string, d reply.Doc, key string) (string, error) {
	text, bs := Render(d)
	opts := []slack.MsgOption{slack.MsgOptionText(text, false), slack.MsgOptionBlocks(bs...)}
	if key != "" {
		opts = append(opts, slack.MsgOptionMetadata(slack.SlackMetadata{EventType: deliveryEvent, EventPayload: map[string]any{"key": key}}))
	}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	_, ts, err := p.API.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		return "", fmt.Errorf("slack: chat.postMessage to %s: %w", channel, err)
	}
	return ts, nil
}

// Find looks for a message tagged key posted into channel (or into thread
// threadTS) since the given instant, and returns its ts if there is one.
func (p SlackPoster) Find(ctx context.Context, channel, threadTS string, since time.Time, key string) (string, bool, error) {
	oldest := fmt.Sprintf("%d.000000", since.Add(-time.Minute).Unix())
	cursor := ""
	for range 20 { // at most 20 pages of 200 messages
		var msgs []slack.Message
		var more bool
		var err error
		if threadTS != "" {
			msgs, more, cursor, err = p.API.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
				ChannelID: channel, Timestamp: threadTS, Oldest: oldest, Cursor: cursor, Limit: 200, IncludeAllMetadata: true})
		} else {
			var resp *slack.GetConversationHistoryResponse
			resp, err = p.API.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
				ChannelID: channel, Oldest: oldest, Cursor: cursor, Limit: 200, IncludeAllMetadata: true})
			if resp != nil {
				msgs, more, cursor = resp.Messages, resp.HasMore, resp.ResponseMetaData.NextCursor
			}
		}
		if err != nil {
			return "", false, fmt.Errorf("slack: find %s in %s: %w", key, channel, err)
		}
		for _, m := range msgs {
			if m.Metadata.EventType == deliveryEvent && m.Metadata.EventPayload["key"] == key {
				return m.Timestamp, true, nil
			}
		}
		if !more || cursor == "" {
			break
		}
	}
	return "", false, nil
}

// OpenDM returns the direct-message channel with user.
func (p SlackPoster) OpenDM(ctx context.Context, user string) (string, error) {
	ch, _, _, err := p.API.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return "", fmt.Errorf("slack: conversations.open with %s: %w", user, err)
	}
	return ch.ID, nil
}

// Upload uploads an image into channel (and thread), with its alt text.
func (p SlackPoster) Upload(ctx context.Context, channel, threadTS string, img reply.Image) error {
	_, err := p.API.UploadFileContext(ctx, slack.UploadFileParameters{
		Channel: channel, ThreadTimestamp: threadTS, Filename: img.Filename, Title: img.Title, AltTxt: img.Alt,
		Reader: bytes.NewReader(img.PNG), FileSize: len(img.PNG),
	})
	if err != nil {
		return fmt.Errorf("slack: file upload to %s: %w", channel, err)
	}
	return nil
}
