package bot

import (
	"context"
	"regexp"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// recordCallbackID is the message shortcut "Record as CT update".
const recordCallbackID = "ct_record"

// slackMarkupRE is a link, mention or channel in message text: <url|label>,
// <@U123>, <#C123|name>.
var slackMarkupRE = regexp.MustCompile(`<([^<>|]*)(?:\|([^<>]*))?>`)

// messageText is a message's text as read: links by their label,
// mentions and channels by their ID or name, &, < and > unescaped.
func messageText(s string) string {
	s = slackMarkupRE.ReplaceAllStringFunc(s, func(m string) string {
		parts := slackMarkupRE.FindStringSubmatch(m)
		if parts[2] != "" {
			return parts[2]
		}
		return parts[1]
	})
	return unescapeSlack(s)
}

// recordMessage opens the entry form for a message (the shortcut): an
// update filled with its text, the country it mentions and its permalink
// as evidence. After submission the person is told in the message's
// thread, and only they see it.
func (b *Bot) recordMessage(o origin, ic slack.InteractionCallback) {
	user, trigger, url := ic.User.ID, ic.TriggerID, ic.ResponseURL
	channel, ts := ic.Channel.ID, ic.MessageTs
	if ts == "" {
		ts = ic.Message.Timestamp
	}
	thread := ts // a reply in a thread is answered in that thread
	if ic.Message.ThreadTimestamp != "" {
		thread = ic.Message.ThreadTimestamp
	}
	// The message as a note ctbot stores: controls out, cut to the cap.
	text := ctbot.FitText(ctbot.NoteText, messageText(ic.Message.Text))
	b.goBackground("record a message", func(ctx context.Context) {
		if rr := b.refusal(ctx, o); rr != nil {
			if err := b.deliver(ctx, user, url, messages(*rr), false); err != nil {
				b.log.Error("refusal of a shortcut not delivered", "err", err)
			}
			return
		}
		l := b.core.Loc(user)
		v := formValues{Note: text, Source: l.S("shortcut.source")}
		if c := b.core.Framework().MentionedCountry(text); c != nil {
			v.Country = c.Code
		}
		link, err := b.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: channel, Ts: ts})
		if err != nil {
			b.log.Warn("no permalink for a recorded message; the form opens without it", "err", err)
		}
		v.Link = link
		view := b.entryForm(user, "log", formMeta{Channel: channel, Thread: thread}, v)
		if _, err := b.api.OpenViewContext(ctx, trigger, view); err != nil {
			b.log.Error("views.open failed", "err", err)
			msg := l.T("form.failed", "Cmd", b.core.Command(), "Kind", "log", "Err", err.Error())
			if err := b.deliver(ctx, user, url, messages(commands.Reply{Doc: reply.Doc{reply.Para{Text: msg}}}), false); err != nil {
				b.log.Error("shortcut failure not delivered", "err", err)
			}
		}
	})
}

// fromMessage is the confirmation of an entry recorded from a message:
// "Recorded #57 from this message", then the rest of the reply (checks,
// Undo and Edit). A refusal or a duplicate is said as it is.
func fromMessage(l *locale.Loc, r commands.Reply) commands.Reply {
	if r.Failed || r.Outcome == "duplicate" || r.EntryID == 0 || len(r.Doc) == 0 {
		return r
	}
	r.Doc = append(reply.Doc{reply.Para{Text: l.T("shortcut.recorded", "ID", commands.ID(r.EntryID))}}, r.Doc[1:]...)
	return r
}
