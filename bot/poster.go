package bot

import (
	"bytes"
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/commands"
)

// SlackPoster posts scheduled messages (digests, reminders, nudges) through
// the Web API; it implements jobs.Poster.
type SlackPoster struct{ API *slack.Client }

// Post posts m to channel, into thread threadTS if set, and returns its ts.
func (p SlackPoster) Post(ctx context.Context, channel, threadTS string, m commands.Message) (string, error) {
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...)}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	_, ts, err := p.API.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		return "", fmt.Errorf("slack: chat.postMessage to %s: %w", channel, err)
	}
	return ts, nil
}

// OpenDM returns the direct-message channel with user.
func (p SlackPoster) OpenDM(ctx context.Context, user string) (string, error) {
	ch, _, _, err := p.API.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return "", fmt.Errorf("slack: conversations.open with %s: %w", user, err)
	}
	return ch.ID, nil
}

// Upload uploads data as a file into channel (and thread).
func (p SlackPoster) Upload(ctx context.Context, channel, threadTS, filename, title string, data []byte) error {
	_, err := p.API.UploadFileContext(ctx, slack.UploadFileParameters{
		Channel: channel, ThreadTimestamp: threadTS, Filename: filename, Title: title,
		Reader: bytes.NewReader(data), FileSize: len(data),
	})
	if err != nil {
		return fmt.Errorf("slack: file upload to %s: %w", channel, err)
	}
	return nil
}
