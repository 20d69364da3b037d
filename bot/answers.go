package bot

import (
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// eventAnswerValue is what a reminder's button or date picker says: the
// button's value, or the picker's Arg (in its action ID) with "/" and the
// date chosen. "" when there is nothing to act on.
func eventAnswerValue(a *slack.BlockAction) string {
	if a.Type != slack.ActionType("datepicker") {
		return a.Value
	}
	_, arg, _ := strings.Cut(a.ActionID, "/")
	if arg == "" || a.SelectedDate == "" {
		return ""
	}
	return arg + "/" + a.SelectedDate
}

// answerEvent carries out a reminder's answer through the command core.
// Held opens the form, filled in, bound to the event and the reminder;
// anything recorded updates the reminder to say what and by whom.
func (b *Bot) answerEvent(ctx context.Context, ic slack.InteractionCallback, received time.Time, req commands.Request, value string) commands.Reply {
	channel, ts := reminderOf(ic)
	req.SettleLanguage = b.reminderLanguage(channel)
	r := b.core.AnswerEvent(ctx, req, value)
	b.metrics.Command(r.Command, r.Outcome)
	if f := r.Form; f != nil {
		view := b.entryForm(req.UserID, f.Kind, formMeta{Channel: channel, Series: f.Series, TS: ts}, formValuesOf(f))
		if err := b.openView(ctx, ic.TriggerID, received, view); err != nil {
			b.log.Error("views.open failed", "err", err)
			l := b.core.Loc(req.UserID)
			return commands.Reply{Doc: reply.Doc{reply.Para{Text: l.T("form.failed", "Cmd", b.core.Command(), "Kind", f.Kind, "Err", err.Error())}}}
		}
		return r
	}
	b.settle(ctx, channel, ts, r)
	return r
}

// reminderOf is the channel and ts of the message a button was clicked in.
func reminderOf(ic slack.InteractionCallback) (channel, ts string) {
	channel, ts = ic.Container.ChannelID, ic.Container.MessageTs
	if channel == "" {
		channel = ic.Channel.ID
	}
	if ts == "" {
		ts = ic.Message.Timestamp
	}
	return channel, ts
}

// settle updates the reminder a reply answered to say what was recorded
// and by whom, without its buttons.
func (b *Bot) settle(ctx context.Context, channel, ts string, r commands.Reply) {
	if r.Settled == nil || channel == "" || ts == "" {
		return
	}
	if err := (b.poster()).Update(ctx, channel, ts, r.Settled); err != nil {
		b.log.Error("reminder not updated after its answer", "err", err)
	}
}

// reminderLanguage is the language of a reminder in channel: a channel's
// is the digest's; a direct message's, "" (its reader's, who answers it).
func (b *Bot) reminderLanguage(channel string) string {
	if channel == "" || strings.HasPrefix(channel, "D") {
		return ""
	}
	return b.core.DigestLanguage()
}
