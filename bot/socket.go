package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// socketHandler handles the requests of a Socket Mode client until ctx is
// cancelled. Every envelope with an ID is acknowledged, also those
// slack-go cannot parse (so Slack does not redeliver them); slash commands
// carry their reply in the acknowledgement when it is ready in time.
func (b *Bot) socketHandler(ctx context.Context, client *socketmode.Client) *socketmode.SocketmodeHandler {
	h := socketmode.NewSocketmodeHandler(client)
	h.Handle(socketmode.EventTypeSlashCommand, func(evt *socketmode.Event, c *socketmode.Client) {
		sc, ok := evt.Data.(slack.SlashCommand)
		if !ok || evt.Request == nil {
			b.ack(c, evt)
			return
		}
		start := b.now()
		defer func() { b.metrics.Ack("command", b.clock.Since(start)) }()
		ack := b.Slash(ctx, sc, envelopeKeys(evt.Request.EnvelopeID, sc.TriggerID))
		if ack == nil {
			b.ack(c, evt)
			return
		}
		if err := c.Ack(*evt.Request, ack); err != nil {
			// Too large for a Socket Mode ack (20 KB): acknowledge empty
			// and send the reply through response_url instead.
			b.log.Warn("slash ack too large; answering through response_url", "err", err)
			b.ack(c, evt)
			msg := *ack
			b.goBackground("socket follow-up", func(ctx context.Context) {
				if err := b.respond(ctx, sc.ResponseURL, []message{msg}); err != nil {
					b.log.Error("socket follow-up failed", "err", err)
				}
			})
		}
	})
	h.Handle(socketmode.EventTypeEventsAPI, func(evt *socketmode.Event, c *socketmode.Client) {
		b.ack(c, evt)
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok {
			return
		}
		if evt.Request.RetryAttempt > 0 {
			b.log.Info("event redelivered by Slack", "retry", evt.Request.RetryAttempt, "reason", evt.Request.RetryReason)
		}
		b.Event(ev)
	})
	h.Handle(socketmode.EventTypeInteractive, func(evt *socketmode.Event, c *socketmode.Client) {
		ic, ok := evt.Data.(slack.InteractionCallback)
		if !ok || evt.Request == nil {
			b.ack(c, evt)
			return
		}
		if resp := b.Interaction(ctx, ic, envelopeKeys(evt.Request.EnvelopeID, ic.TriggerID)); !isNil(resp) {
			if err := c.Ack(*evt.Request, resp); err != nil {
				b.log.Error("interaction ack failed", "err", err)
			}
			return
		}
		b.ack(c, evt)
	})
	// Envelopes slack-go cannot parse (an event type it does not know)
	// still carry their envelope ID: acknowledge them.
	h.Handle(socketmode.EventTypeErrorBadMessage, func(evt *socketmode.Event, c *socketmode.Client) {
		bad, ok := evt.Data.(*socketmode.ErrorBadMessage)
		if !ok {
			return
		}
		var req socketmode.Request
		if err := json.Unmarshal(bad.Message, &req); err != nil || req.EnvelopeID == "" {
			b.log.Debug("unparsable Socket Mode message without an envelope ID", "err", bad.Cause)
			return
		}
		b.log.Debug("acknowledged an envelope slack-go cannot parse", "type", req.Type, "envelope_id", req.EnvelopeID, "err", bad.Cause)
		if err := c.AckCtx(ctx, req.EnvelopeID, nil); err != nil {
			b.log.Error("socket mode ack failed", "err", err)
		}
	})
	// The connection's state, for /healthz: every (re)connection starts
	// with "connecting".
	h.Handle(socketmode.EventTypeConnecting, func(*socketmode.Event, *socketmode.Client) {
		b.socketLost("")
		b.log.Info("connecting to Slack (Socket Mode)")
	})
	h.Handle(socketmode.EventTypeConnected, func(*socketmode.Event, *socketmode.Client) {
		b.socketConnected()
		b.log.Info("connected to Slack (Socket Mode)")
	})
	h.Handle(socketmode.EventTypeHello, func(*socketmode.Event, *socketmode.Client) { b.link.hello(b.now()) })
	h.Handle(socketmode.EventTypeConnectionError, func(evt *socketmode.Event, _ *socketmode.Client) {
		if ce, ok := evt.Data.(*slack.ConnectionErrorEvent); ok && errors.Is(ce.ErrorObj, context.Canceled) {
			return // stopped on purpose (a link Slack disabled, or shutdown)
		}
		b.socketLost(fmt.Sprint(evt.Data))
		b.log.Warn("Socket Mode connection error; retrying", "err", fmt.Sprint(evt.Data))
	})
	h.Handle(socketmode.EventTypeInvalidAuth, func(*socketmode.Event, *socketmode.Client) {
		b.socketLost("Slack refused the app-level token (SLACK_APP_TOKEN)")
		b.log.Error("Slack refused the app-level token (SLACK_APP_TOKEN)")
	})
	h.HandleDefault(func(evt *socketmode.Event, c *socketmode.Client) { b.ack(c, evt) })
	return h
}

// envelopeKeys are the action keys of a Socket Mode request.
func envelopeKeys(envelopeID, triggerID string) []string {
	var keys []string
	if envelopeID != "" {
		keys = append(keys, "envelope:"+envelopeID)
	}
	if triggerID != "" {
		keys = append(keys, "trigger:"+triggerID)
	}
	return keys
}

// ack acknowledges a request with no payload (events that are not requests
// need none).
func (b *Bot) ack(c *socketmode.Client, evt *socketmode.Event) {
	if evt.Request == nil || evt.Request.EnvelopeID == "" {
		return
	}
	if err := c.Ack(*evt.Request); err != nil {
		b.log.Error("socket mode ack failed", "err", err)
	}
}
