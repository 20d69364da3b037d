package bot

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// interactionOrigin is who an interaction comes from.
func interactionOrigin(ic slack.InteractionCallback) origin {
	ent := ic.Enterprise.ID
	if ent == "" {
		ent = ic.Team.EnterpriseID
	}
	return origin{UserID: ic.User.ID, UserTeam: ic.User.TeamID, TeamID: ic.Team.ID, EnterpriseID: ent, AppID: ic.APIAppID}
}

// Interaction handles buttons, form changes, form submissions and
// type-ahead suggestions. keys identify the user action (trigger ID,
// signed body or envelope), so a button delivered twice acts once. It
// returns the body to acknowledge with: nil for an empty 200, a
// view_submission response (errors shown next to fields), or the options
// of a type-ahead.
func (b *Bot) Interaction(ctx context.Context, ic slack.InteractionCallback, keys []string) any {
	o := interactionOrigin(ic)
	switch ic.Type {
	case slack.InteractionTypeBlockActions:
		for _, a := range ic.ActionCallback.BlockActions {
			if a.ActionID == kindField {
				b.switchForm(ic, a.SelectedOption.Value)
				continue
			}
			b.action(o, ic, a, keys)
		}
	case slack.InteractionTypeViewSubmission:
		if ic.View.CallbackID == formCallbackID {
			if resp := b.submitForm(ctx, o, ic, keys); resp != nil {
				return resp
			}
		}
	case slack.InteractionTypeBlockSuggestion:
		if ic.ActionID == countryField && b.admit(ctx, o) == nil {
			kind := readForm(ic.View).Kind
			opts := countryOptions(b.core.Loc(ic.User.ID), b.core.Framework(), kind, ic.Value)
			return &slack.OptionsResponse{Options: opts[:min(len(opts), maxStaticOptions)]}
		}
		return &slack.OptionsResponse{Options: []*slack.OptionBlockObject{}}
	}
	return nil
}

// action carries out a button by its intent, after the acknowledgement,
// and answers through the interaction's response_url.
func (b *Bot) action(o origin, ic slack.InteractionCallback, a *slack.BlockAction, keys []string) {
	intent := intentOf(a.ActionID)
	if intent == "" {
		return
	}
	user, url, value := ic.User.ID, ic.ResponseURL, a.Value
	req := commands.Request{UserID: user, ChannelID: ic.Channel.ID, Source: commands.FromButton, Keys: keys}
	b.goBackground("button "+string(intent), func(ctx context.Context) {
		var r commands.Reply
		replace := false
		switch intent {
		case reply.IntentUndo:
			id, err := strconv.ParseInt(value, 10, 64)
			if err != nil {
				b.log.Warn("undo button with a bad value", "value", value)
				return
			}
			if rr := b.refusal(ctx, o); rr != nil {
				r = *rr
			} else {
				r = b.core.Undo(ctx, req, id)
				b.metrics.Command(r.Command, r.Outcome)
			}
			replace = !r.Failed
		case reply.IntentRun:
			req.Text = value
			r = b.handle(ctx, o, req)
			replace = !r.Failed
		default:
			return
		}
		if err := b.deliver(ctx, user, url, messages(r), replace); err != nil {
			b.log.Error("button answer failed", "intent", intent, "err", err)
		}
	})
}

// switchForm rebuilds the open form for another entry type, keeping what
// was filled in.
func (b *Bot) switchForm(ic slack.InteractionCallback, kind string) {
	var meta formMeta
	_ = json.Unmarshal([]byte(ic.View.PrivateMetadata), &meta)
	view := b.entryForm(ic.User.ID, kind, meta.Channel, readForm(ic.View))
	viewID, hash := ic.View.ID, ic.View.Hash
	b.goBackground("switch form", func(ctx context.Context) {
		if _, err := b.api.UpdateViewContext(ctx, view, "", hash, viewID); err != nil {
			b.log.Error("views.update failed", "err", err)
		}
	})
}
