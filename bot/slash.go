package bot

import (
	"context"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/commands"
)

// Slash handles a slash command and returns the acknowledgement to send
// (nil for an empty 200). The reply rides on the acknowledgement when it is
// ready within the ack budget; otherwise the acknowledgement says so at once
// and the reply follows through response_url. Replies longer than one
// message continue through response_url too.
func (b *Bot) Slash(ctx context.Context, sc slack.SlashCommand) *message {
	req := commands.Request{UserID: sc.UserID, ChannelID: sc.ChannelID, Text: unescapeSlack(sc.Text), Source: commands.FromSlash}
	done := make(chan commands.Reply, 1)
	// The command runs on the bot's context, not the request's: an ack sent
	// early must not cancel work the user is waiting for.
	b.goBackground("slash command", func(ctx context.Context) {
		done <- b.handle(ctx, req)
	})
	timer := time.NewTimer(b.ackBudget)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.Modal != "" {
			return b.openForm(ctx, sc, r.Modal)
		}
		ms := messages(r)
		if len(ms) > 1 {
			rest := ms[1:]
			b.goBackground("slash follow-up", func(ctx context.Context) {
				if err := b.respond(ctx, sc.ResponseURL, rest); err != nil {
					b.log.Error("slash command follow-up failed", "err", err)
				}
			})
		}
		return &ms[0]
	case <-timer.C:
		b.log.Warn("slash command slower than the ack budget; answering through response_url", "budget", b.ackBudget)
		b.goBackground("slow slash command", func(ctx context.Context) {
			r := <-done
			ms := messages(r)
			ms[0].ReplaceOriginal = true
			if err := b.respond(ctx, sc.ResponseURL, ms); err != nil {
				b.log.Error("slash command follow-up failed", "err", err)
			}
		})
		return &message{ResponseType: slack.ResponseTypeEphemeral, Text: ":hourglass_flowing_sand: Working on it…"}
	}
}

// openForm opens the entry form; when Slack refuses, the user is told how to
// type the command instead.
func (b *Bot) openForm(ctx context.Context, sc slack.SlashCommand, kind string) *message {
	view := entryForm(b.core.Framework(), kind, sc.ChannelID, formValues{})
	if _, err := b.api.OpenViewContext(ctx, sc.TriggerID, view); err != nil {
		b.log.Error("views.open failed", "err", err)
		return &message{ResponseType: slack.ResponseTypeEphemeral,
			Text: ":warning: I could not open the form (" + err.Error() + "). Type the command with its details instead; `" + sc.Command + " help " + kind + "` shows how."}
	}
	return nil
}
