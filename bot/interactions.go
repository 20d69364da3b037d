package bot

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

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
	case slack.InteractionTypeMessageAction:
		if ic.CallbackID == recordCallbackID {
			b.recordMessage(o, ic)
		}
	case slack.InteractionTypeViewSubmission:
		if ic.View.CallbackID == formCallbackID || ic.View.CallbackID == editCallbackID {
			if resp := b.submitForm(ctx, o, ic, keys); resp != nil {
				return resp
			}
		}
	case slack.InteractionTypeBlockSuggestion:
		opts := []*slack.OptionBlockObject{}
		if ic.ActionID == countryField && b.gate.admit(ctx, o) == nil {
			kind := readForm(ic.View).Kind
			opts = append(opts, countryOptions(b.core.Loc(ic.User.ID), b.core.Framework(), kind, ic.Value)...)
		}
		return &optionsResponse{Options: opts[:min(len(opts), maxStaticOptions)]}
	}
	return nil
}

// optionsResponse answers a type-ahead. Unlike slack.OptionsResponse it
// keeps an empty list: Slack wants {"options":[]} when nothing matches.
type optionsResponse struct {
	Options []*slack.OptionBlockObject `json:"options"`
}

// action carries out a button by its intent, after the acknowledgement,
// and answers through the interaction's response_url.
func (b *Bot) action(o origin, ic slack.InteractionCallback, a *slack.BlockAction, keys []string) {
	intent := intentOf(a.ActionID)
	if intent == "" {
		return
	}
	user, url, value, received := ic.User.ID, ic.ResponseURL, a.Value, b.now()
	req := commands.Request{UserID: user, ChannelID: ic.Channel.ID, Source: commands.FromButton, Keys: keys}
	b.goBackground("button "+string(intent), func(ctx context.Context) {
		var r commands.Reply
		replace := false
		if intent != reply.IntentRun { // handle checks it for a command
			if rr := b.refusal(ctx, o); rr != nil {
				if err := b.deliver(ctx, user, url, messages(*rr), false); err != nil {
					b.log.Error("button refusal not delivered", "intent", intent, "err", err)
				}
				return
			}
		}
		switch intent {
		case reply.IntentUndo, reply.IntentEdit:
			id, err := strconv.ParseInt(value, 10, 64)
			if err != nil {
				b.log.Warn("button with a bad entry ID", "intent", intent, "value", value)
				return
			}
			switch {
			case intent == reply.IntentEdit:
				r = b.core.Edit(ctx, req, id)
				b.metrics.Command(r.Command, r.Outcome)
				if f := r.Form; f != nil {
					if b.openEdit(ctx, user, ic.TriggerID, received, ic.Channel.ID, f) {
						return
					}
					l := b.core.Loc(user)
					r = commands.Reply{Doc: reply.Doc{reply.Para{Text: l.T("form.edit_failed", "ID", value, "Cmd", b.core.Command())}}}
				}
			default:
				r = b.core.Undo(ctx, req, id)
				b.metrics.Command(r.Command, r.Outcome)
				replace = !r.Failed
			}
		case reply.IntentEventAnswer:
			if value = eventAnswerValue(a); value == "" {
				return
			}
			if r = b.answerEvent(ctx, ic, received, req, value); r.Form != nil {
				return
			}
		case reply.IntentRun:
			req.Text = value
			r = b.handle(ctx, o, req)
			replace = !r.Failed
		case reply.IntentOpenForm:
			kind, country, _ := strings.Cut(value, " ")
			if !contains(commands.FormKinds, kind) {
				kind = "log"
			}
			view := b.entryForm(user, kind, formMeta{Channel: ic.Channel.ID}, formValues{Country: country})
			err := b.openView(ctx, ic.TriggerID, received, view)
			if err == nil {
				return
			}
			b.log.Error("views.open failed", "err", err)
			l := b.core.Loc(user)
			r = commands.Reply{Doc: reply.Doc{reply.Para{Text: l.T("form.too_slow", "Cmd", b.core.Command(), "Kind", kind)}}}
		case reply.IntentAskAccess:
			// Whoever clicks asks for themselves: the button's value is not read.
			r = b.core.RequestAccess(ctx, req)
			b.metrics.Command(r.Command, r.Outcome)
			for _, n := range r.Notices {
				if err := b.postDM(ctx, n.User, messages(commands.Reply{Doc: n.Doc})); err != nil {
					b.log.Error("access request not delivered to a coordinator", "coordinator", n.User, "err", err)
				}
			}
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
	// A form a reminder opened answers it only as the entry it was opened
	// for: switched to another type, it records an entry of its own.
	meta.Series, meta.TS = 0, ""
	view := b.entryForm(ic.User.ID, kind, meta, readForm(ic.View))
	viewID, hash := ic.View.ID, ic.View.Hash
	b.goBackground("switch form", func(ctx context.Context) {
		if _, err := b.api.UpdateViewContext(ctx, view, "", hash, viewID); err != nil {
			b.log.Error("views.update failed", "err", err)
		}
	})
}

// openEdit opens the form of an entry, filled in, to amend it. When Slack
// refuses, the user is told how to amend it by command.
func (b *Bot) openEdit(ctx context.Context, user, trigger string, received time.Time, channel string, f *commands.Form) bool {
	view := b.entryForm(user, f.Kind, formMeta{Channel: channel, Entry: f.Entry}, formValuesOf(f))
	if err := b.openView(ctx, trigger, received, view); err != nil {
		b.log.Error("views.open failed", "err", err)
		return false
	}
	return true
}
