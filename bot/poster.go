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
// the Web API; it implements jobs.Poster. With a Gate, it opens direct
// messages only with people ctbot admits.
type SlackPoster struct {
	API  *slack.Client
	Gate *Gate
}

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

// Find returns the messages of channel (or of thread threadTS in it)
// since the given instant that Post tagged, by key, and the files
// uploaded there, as "file:" + name.
func (p SlackPoster) Find(ctx context.Context, channel, threadTS string, since time.Time) (map[string]string, error) {
	oldest := fmt.Sprintf("%d.000000", since.Add(-time.Minute).Unix())
	found := map[string]string{}
	cursor := ""
	for range 50 { // at most 50 pages of 200 messages
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
			return nil, fmt.Errorf("slack: history of %s: %w", channel, err)
		}
		for _, m := range msgs {
			if key, ok := m.Metadata.EventPayload["key"].(string); ok && m.Metadata.EventType == deliveryEvent {
				found[key] = m.Timestamp
			}
			for _, f := range m.Files {
				found["file:"+f.Name] = m.Timestamp
			}
		}
		if !more || cursor == "" {
			break
		}
	}
	return found, nil
}

// Update replaces the message ts of channel with d (no buttons, unless d has some).
func (p SlackPoster) Update(ctx context.Context, channel, ts string, d reply.Doc) error {
	text, bs := Render(d)
	if _, _, _, err := p.API.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(bs...)); err != nil {
		return fmt.Errorf("slack: chat.update of %s in %s: %w", ts, channel, err)
	}
	return nil
}

// OpenDM returns the direct-message channel with user.
func (p SlackPoster) OpenDM(ctx context.Context, user string) (string, error) {
	if p.Gate != nil {
		if err := p.Gate.AdmitsUser(ctx, user); err != nil {
			return "", fmt.Errorf("slack: no direct message to %s: %w", user, err)
		}
	}
	ch, _, _, err := p.API.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return "", fmt.Errorf("slack: conversations.open with %s: %w", user, err)
	}
	return ch.ID, nil
}

// Upload uploads an image into channel (and thread), with its alt text
// (cut to reply.AltMax characters, or Slack would refuse the upload).
func (p SlackPoster) Upload(ctx context.Context, channel, threadTS string, img reply.Image) error {
	if r := []rune(img.Alt); len(r) > reply.AltMax {
		img.Alt = string(r[:reply.AltMax-1]) + "…"
	}
	_, err := p.API.UploadFileContext(ctx, slack.UploadFileParameters{
		Channel: channel, ThreadTimestamp: threadTS, Filename: img.Filename, Title: img.Title, AltTxt: img.Alt,
		Reader: bytes.NewReader(img.PNG), FileSize: len(img.PNG),
	})
	if err != nil {
		return fmt.Errorf("slack: file upload to %s: %w", channel, err)
	}
	return nil
}
