package bot

import (
	"context"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// Slash handles a slash command and returns the acknowledgement to send
// (nil for an empty 200). keys identify the user action (trigger ID, and
// the signed body or envelope), so a redelivery or replay writes nothing
// twice. The reply rides on the acknowledgement when it is ready within
// the ack budget; otherwise the acknowledgement says so at once and the
// reply follows through response_url. Replies longer than one message
// continue through response_url, and past its five messages by DM.
func (b *Bot) Slash(ctx context.Context, sc slack.SlashCommand, keys []string) *message {
	received := b.now()
	text, mentions := unescapeSlack(sc.Text)
	req := commands.Request{UserID: sc.UserID, ChannelID: sc.ChannelID, Text: text, Mentions: mentions, Source: commands.FromSlash, Keys: keys}
	o := origin{UserID: sc.UserID, TeamID: sc.TeamID, EnterpriseID: sc.EnterpriseID, AppID: sc.APIAppID}
	done := make(chan commands.Reply, 1)
	// The command runs on the bot's context, not the request's: an ack sent
	// early must not cancel work the user is waiting for.
	b.goBackground("slash command", func(ctx context.Context) {
		done <- b.handle(ctx, o, req)
	})
	budget, stop := b.after(b.ackBudget)
	defer stop()
	select {
	case r := <-done:
		if r.Form != nil {
			return b.openForm(ctx, sc, received, r.Form)
		}
		ms := b.capped(sc.UserID, messages(r))
		if len(ms) > 1 {
			rest := ms[1:]
			b.goBackground("slash follow-up", func(ctx context.Context) {
				if err := b.deliver(ctx, sc.UserID, sc.ResponseURL, rest, false); err != nil {
					b.log.Error("slash command follow-up failed", "err", err)
				}
			})
		}
		return &ms[0]
	case <-budget:
		b.log.Warn("slash command slower than the ack budget; answering through response_url", "budget", b.ackBudget)
		b.goBackground("slow slash command", func(ctx context.Context) {
			r := <-done
			if r.Form != nil { // the trigger has expired by now
				l := b.core.Loc(sc.UserID)
				r = commands.Reply{Doc: reply.Doc{reply.Para{Text: l.T("form.too_slow", "Cmd", sc.Command, "Kind", r.Form.Kind)}}}
			}
			if err := b.deliver(ctx, sc.UserID, sc.ResponseURL, messages(r), true); err != nil {
				b.log.Error("slash command follow-up failed", "err", err)
			}
		})
		l := b.core.Loc(sc.UserID)
		return &message{ResponseType: slack.ResponseTypeEphemeral, Text: escape(l.S("delivery.working"))}
	}
}

// openForm opens the entry form, within the trigger's budget: the
// acknowledgement waits for it. When Slack refuses, or does not answer in
// time, the user is told how to type the command instead.
func (b *Bot) openForm(ctx context.Context, sc slack.SlashCommand, received time.Time, f *commands.Form) *message {
	view := b.entryForm(sc.UserID, f.Kind, formMeta{Channel: sc.ChannelID}, formValues{})
	if err := b.openView(ctx, sc.TriggerID, received, view); err != nil {
		b.log.Error("views.open failed", "err", err)
		l := b.core.Loc(sc.UserID)
		return &message{ResponseType: slack.ResponseTypeEphemeral, Text: mrkdwn(l.T("form.failed", "Cmd", sc.Command, "Kind", f.Kind, "Err", err.Error()))}
	}
	return nil
}
