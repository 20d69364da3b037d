package bot

import (
	"context"
	"strings"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// recordCallbackID is the message shortcut "Record as CT update".
const recordCallbackID = "ct_record"

// recordMessage opens the entry form for a message (the shortcut): an
// update filled with its text, the country it mentions and its permalink
// as evidence. After submission the person is told beside the message (in
// its thread, if it is in one), and only they see it.
func (b *Bot) recordMessage(o origin, ic slack.InteractionCallback) {
	received := b.now()
	user, trigger, url := ic.User.ID, ic.TriggerID, ic.ResponseURL
	channel, ts := ic.Channel.ID, ic.MessageTs
	if ts == "" {
		ts = ic.Message.Timestamp
	}
	// A reply in a thread (or a message with replies) is answered in its
	// thread; a message with none is answered beside it.
	thread := ic.Message.ThreadTimestamp
	text, _ := unescapeSlack(ic.Message.Text)
	// The message as a note ctbot stores: controls out, cut to the cap.
	text = ctbot.FitText(ctbot.NoteText, strings.ReplaceAll(text, "\r", ""))
	b.goBackground("record a message", func(ctx context.Context) {
		// Everything before the form opens spends the trigger's time.
		tctx, cancel := b.triggerCtx(ctx, received)
		defer cancel()
		if rr := b.refusal(tctx, o); rr != nil {
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
		link, err := b.api.GetPermalinkContext(tctx, &slack.PermalinkParameters{Channel: channel, Ts: ts})
		if err != nil {
			b.log.Warn("no permalink for a recorded message; the form opens without it", "err", err)
		}
		v.Link = link
		view := b.entryForm(user, "log", formMeta{Channel: channel, Message: ts, Thread: thread}, v)
		if err := b.openView(tctx, trigger, received, view); err != nil {
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
