package bot

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/cttechplus/ctbot/commands"
)

// Interaction handles buttons, form changes and form submissions. It
// returns the body to acknowledge with: nil for an empty 200, or a
// view_submission response (errors shown next to fields).
func (b *Bot) Interaction(ctx context.Context, ic slack.InteractionCallback) *slack.ViewSubmissionResponse {
	switch ic.Type {
	case slack.InteractionTypeBlockActions:
		for _, a := range ic.ActionCallback.BlockActions {
			switch a.ActionID {
			case undoActionID:
				b.undo(ic, a.Value)
			case kindField:
				b.switchForm(ic, a.SelectedOption.Value)
			}
		}
	case slack.InteractionTypeViewSubmission:
		if ic.View.CallbackID == formCallbackID {
			return b.submitForm(ctx, ic)
		}
	}
	return nil
}

// undo handles the Undo button with the same rules as `/ct undo`. Success
// replaces the message that carried the button; a refusal goes privately
// to whoever clicked, leaving the message as it was.
func (b *Bot) undo(ic slack.InteractionCallback, value string) {
	id, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		b.log.Warn("undo button with a bad value", "value", value)
		return
	}
	user, url := ic.User.ID, ic.ResponseURL
	b.goBackground("undo", func(ctx context.Context) {
		r := b.core.Undo(ctx, user, id)
		b.metrics.Command(r.Command, r.Outcome)
		ms := messages(r)
		if !r.Failed {
			ms[0].ReplaceOriginal = true
		}
		if err := b.respond(ctx, url, ms); err != nil {
			b.log.Error("undo answer failed", "err", err)
		}
	})
}

// switchForm rebuilds the open form for another entry type, keeping what
// was filled in.
func (b *Bot) switchForm(ic slack.InteractionCallback, kind string) {
	var meta formMeta
	_ = json.Unmarshal([]byte(ic.View.PrivateMetadata), &meta)
	view := entryForm(b.core.Framework(), kind, meta.Channel, readForm(ic.View))
	viewID, hash := ic.View.ID, ic.View.Hash
	b.goBackground("switch form", func(ctx context.Context) {
		if _, err := b.api.UpdateViewContext(ctx, view, "", hash, viewID); err != nil {
			b.log.Error("views.update failed", "err", err)
		}
	})
}

// Event handles an Events API callback after it has been acknowledged:
// each event ID once (Slack retries unacknowledged deliveries, also after
// a restart), never the bot's own or other bots' messages.
func (b *Bot) Event(ev slackevents.EventsAPIEvent) {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok || ev.Type != slackevents.CallbackEvent {
		return
	}
	eventID := cb.EventID
	b.goBackground("event", func(ctx context.Context) {
		if eventID != "" {
			first, err := b.events.FirstDelivery(ctx, eventID)
			if err != nil {
				b.log.Error("cannot record event ID; handling it anyway", "err", err)
			} else if !first {
				b.log.Debug("repeated event ignored", "event_id", eventID)
				b.metrics.Event("duplicate")
				return
			}
		}
		b.metrics.Event("handled")
		b.handleInner(ctx, ev.InnerEvent)
	})
}

func (b *Bot) handleInner(ctx context.Context, inner slackevents.EventsAPIInnerEvent) {
	switch ev := inner.Data.(type) {
	case *slackevents.AppMentionEvent:
		if ev.BotID != "" || ev.User == "" || ev.User == b.botUserID {
			return
		}
		b.answer(ctx, ev.User, ev.Channel, threadOf(ev.ThreadTimeStamp, ev.TimeStamp), ev.Text, commands.FromMention)
	case *slackevents.MessageEvent:
		if ev.ChannelType != "im" || ev.BotID != "" || ev.SubType != "" || ev.User == "" || ev.User == b.botUserID {
			return
		}
		b.answer(ctx, ev.User, ev.Channel, threadOf(ev.ThreadTimeStamp, ev.TimeStamp), ev.Text, commands.FromDM)
	case *slackevents.AppHomeOpenedEvent:
		if ev.Tab == "home" {
			if err := b.PublishHome(ctx, ev.User); err != nil {
				b.log.Error("App Home not published", "err", err)
			}
		}
	}
}

func threadOf(threadTS, ts string) string {
	if threadTS != "" {
		return threadTS
	}
	return ts
}

// answer replies to a mention or DM in its thread.
func (b *Bot) answer(ctx context.Context, user, channel, thread, text string, src commands.Source) {
	r := b.core.Ask(ctx, commands.Request{UserID: user, ChannelID: channel, Text: unescapeSlack(text), Source: src})
	b.metrics.Command(r.Command, r.Outcome)
	if err := b.postThread(ctx, channel, thread, r); err != nil {
		b.log.Error("answer not posted", "err", err)
	}
}

// maxViewBlocks is Slack's limit for a Home tab or modal.
const maxViewBlocks = 100

// PublishHome publishes the App Home tab for user.
func (b *Bot) PublishHome(ctx context.Context, user string) error {
	r, err := b.core.Home(ctx, user)
	if err != nil {
		return err
	}
	blocks := r.Blocks()
	if len(blocks) > maxViewBlocks {
		// The Home tab cannot scroll past 100 blocks: keep the first 99 and
		// point to the full answer.
		blocks = append(blocks[:maxViewBlocks-1], slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType,
			"More than fits here: use `/ct status` for the full picture.", false, false)))
	}
	_, err = b.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user,
		View: slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}})
	if err != nil {
		return err
	}
	return nil
}
