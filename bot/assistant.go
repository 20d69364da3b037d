package bot

import (
	"context"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// Slack's assistant pane (the app's split view, "Agents & AI Apps"): when
// someone opens it (assistant_thread_started), ctbot greets them in their
// language and suggests questions drawn from the figures; what they write
// in the thread arrives as a direct message in a thread (message.im) and
// is answered there as any direct message is (answer), with a status
// while ctbot works on it. Moving around Slack with the pane open
// (assistant_thread_context_changed) changes nothing: answers do not
// depend on the channel in view.

// assistantStarted greets the user of the assistant thread t and sets its
// suggested prompts; someone ctbot does not admit gets the refusal alone.
func (b *Bot) assistantStarted(ctx context.Context, o origin, t slackevents.AssistantThread) {
	if t.UserID == "" || t.UserID == b.botUserID || t.ChannelID == "" || t.ThreadTimeStamp == "" {
		return
	}
	o.UserID = t.UserID
	if r := b.refusal(ctx, o); r != nil {
		b.metrics.Command(r.Command, r.Outcome)
		b.confirm(ctx, t.ChannelID, t.ThreadTimeStamp, o.UserID, *r)
		return
	}
	l := b.core.Loc(o.UserID)
	greeting := commands.Reply{Doc: reply.Doc{reply.Para{Text: l.T("assistant.greeting", "Name", b.core.Framework().Name)}}}
	if err := b.postMessages(ctx, t.ChannelID, t.ThreadTimeStamp, messages(greeting)); err != nil {
		b.log.Error("assistant greeting not posted", "err", err)
	}
	prompts := b.core.Prompts(ctx, o.UserID)
	if len(prompts) == 0 {
		return
	}
	p := slack.AssistantThreadsSetSuggestedPromptsParameters{Title: l.S("assistant.prompts_title"), ChannelID: t.ChannelID, ThreadTS: t.ThreadTimeStamp}
	for _, pr := range prompts {
		p.AddPrompt(promptText(pr.Title), promptText(pr.Message))
	}
	if err := b.api.SetAssistantThreadsSuggestedPromptsContext(ctx, p); err != nil {
		b.log.Error("assistant.threads.setSuggestedPrompts failed", "err", err)
	}
}

// angles are replaced in a suggested prompt by their look-alikes.
var angles = strings.NewReplacer("<", "‹", ">", "›")

// promptText is s made literal for a suggested prompt, whose message Slack
// posts as if the person had typed it: no < or > that could make a
// mention, a ping or a link, no character that would format (names in the
// configuration are free text).
func promptText(s string) string { return neutral(angles.Replace(s), false, false) }

// setStatus shows status after ctbot's name in an assistant thread ("" to
// clear it; Slack clears it when ctbot answers). A thread of a direct
// message that is not an assistant thread refuses it: that is no fault.
func (b *Bot) setStatus(ctx context.Context, channel, thread, status string) {
	err := b.api.SetAssistantThreadsStatusContext(ctx, slack.AssistantThreadsSetStatusParameters{ChannelID: channel, ThreadTS: thread, Status: status})
	if err != nil {
		b.log.Debug("assistant.threads.setStatus failed", "err", err)
	}
}
