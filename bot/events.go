package bot

import (
	"context"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// Event handles an Events API callback after it has been acknowledged:
// each event ID once (Slack retries unacknowledged deliveries, also after
// a restart), never the bot's own or other bots' messages, never a user
// from outside the workspace boundary.
func (b *Bot) Event(ev slackevents.EventsAPIEvent) {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok || ev.Type != slackevents.CallbackEvent {
		return
	}
	eventID := cb.EventID
	// The installation the event is for: in a shared channel the outer
	// team is the channel owner's, so the authorization says which is ours.
	o := origin{TeamID: cb.TeamID, EnterpriseID: cb.EnterpriseID, AppID: cb.APIAppID}
	if len(cb.Authorizations) > 0 {
		o.TeamID, o.EnterpriseID = cb.Authorizations[0].TeamID, cb.Authorizations[0].EnterpriseID
	}
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
		b.handleInner(ctx, o, eventID, ev.InnerEvent)
	})
}

func (b *Bot) handleInner(ctx context.Context, o origin, eventID string, inner slackevents.EventsAPIInnerEvent) {
	keys := []string{"event:" + eventID}
	switch ev := inner.Data.(type) {
	case *slackevents.AppMentionEvent:
		if ev.BotID != "" || ev.User == "" || ev.User == b.botUserID {
			return
		}
		o.UserID, o.UserTeam = ev.User, ev.UserTeam
		b.answer(ctx, o, ev.Channel, ev.ThreadTimeStamp, ev.TimeStamp, ev.Text, commands.FromMention, keys)
	case *slackevents.MessageEvent:
		if ev.ChannelType != "im" || ev.BotID != "" || ev.SubType != "" || ev.User == "" || ev.User == b.botUserID {
			return
		}
		o.UserID, o.UserTeam = ev.User, ev.UserTeam
		b.answer(ctx, o, ev.Channel, ev.ThreadTimeStamp, ev.TimeStamp, ev.Text, commands.FromDM, keys)
	case *slackevents.AssistantThreadStartedEvent:
		b.assistantStarted(ctx, o, ev.AssistantThread)
	case *slackevents.AssistantThreadContextChangedEvent:
		// Acknowledged; answers do not depend on the channel in view.
	case *slackevents.AppHomeOpenedEvent:
		if ev.Tab == "home" {
			o.UserID = ev.User
			if err := b.PublishHome(ctx, o); err != nil {
				b.log.Error("App Home not published", "err", err)
			}
		}
	}
}

// answer replies to a mention or DM in its thread. In a channel, only an
// answer of figures is posted there; anything else (entries' text, people,
// roles, audit, a change confirmed) and a refusal of a user from outside
// the workspace go to the asker alone.
//
// thread is the thread the message is in ("" for none) and ts the
// message's own: a public answer starts a thread under it, a private one
// goes into the thread only if there is one (Slack shows an ephemeral
// message under a message without a thread to nobody).
func (b *Bot) answer(ctx context.Context, o origin, channel, thread, ts, text string, src commands.Source, keys []string) {
	if r := b.refusal(ctx, o); r != nil {
		b.metrics.Command(r.Command, r.Outcome)
		b.confirm(ctx, channel, thread, o.UserID, *r)
		return
	}
	// A direct message in a thread is one in the assistant pane, or a
	// reply under an earlier answer: ctbot shows it is working.
	working := src == commands.FromDM && thread != ""
	if working {
		b.setStatus(ctx, channel, thread, b.core.Loc(o.UserID).S("assistant.status"))
	}
	text, mentions := unescapeSlack(text)
	r := b.core.Ask(ctx, commands.Request{UserID: o.UserID, ChannelID: channel, Text: text, Mentions: mentions, Source: src, Keys: keys})
	b.metrics.Command(r.Command, r.Outcome)
	if src == commands.FromMention && !r.Shareable {
		// In a channel (perhaps shared with another organisation) only
		// figures are answered in the thread; the rest goes to the asker.
		b.confirm(ctx, channel, thread, o.UserID, r)
		return
	}
	if thread == "" {
		thread = ts
	}
	if err := b.postMessages(ctx, channel, thread, b.capped(o.UserID, messages(r))); err != nil {
		b.log.Error("answer not posted", "err", err)
		if working {
			b.setStatus(ctx, channel, thread, "")
		}
	}
}

// PublishHome publishes the App Home tab for the user of o.
func (b *Bot) PublishHome(ctx context.Context, o origin) error {
	var doc reply.Doc
	if r := b.refusal(ctx, o); r != nil {
		doc = r.Doc
	} else {
		r, err := b.core.Home(ctx, o.UserID)
		if err != nil {
			return err
		}
		doc = r.Doc
	}
	l := b.core.Loc(o.UserID)
	_, err := b.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: o.UserID,
		View: slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: viewBlocks(doc, l.S("home.more", "Cmd", b.core.Command()))}}})
	return err
}
