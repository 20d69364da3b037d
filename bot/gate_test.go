package bot

import (
	"context"
	"testing"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
)

// gatedHarness serves workspace T1, with the core giving roles only to
// people the bot's gate admits.
func gatedHarness(t *testing.T) *harness {
	t.Helper()
	var h *harness
	h = newHarness(t, func(o *Options, co *commands.Options) {
		o.Identity = Identity{TeamID: "T1"}
		co.Admits = func(ctx context.Context, user string) error { return h.bot.Gate().AdmitsUser(ctx, user) }
	})
	h.slack.SetUserTeam("UOTHERORG", "T9")
	h.slack.SetUserKind("UAPPBOT", "bot")
	h.slack.SetUserKind("UGONE", "deleted")
	return h
}

// TestGrantsOnlyToPeopleCtbotAdmits: a role is never given to someone
// ctbot would refuse: a user of another organisation, a bot, a
// deactivated account, ctbot itself.
func TestGrantsOnlyToPeopleCtbotAdmits(t *testing.T) {
	h := gatedHarness(t)
	for _, user := range []string{"UOTHERORG", "UAPPBOT", "UGONE", "UBOT"} {
		ack := ackOf(t, h.slash("UCOORD", "access add <@"+user+"> coordinator"))
		mustContain(t, ack.Text, "cannot be given a role")
	}
	gs, err := h.db.Grants(context.Background())
	if err != nil || len(gs) != 0 {
		t.Fatalf("grants = %+v, %v", gs, err)
	}
	mustContain(t, ackOf(t, h.slash("UCOORD", "access add <@UNEW> manager")).Text, "is now manager")
}

// TestNoDirectMessageToSomeoneNotAdmitted: the poster of scheduled
// messages and the bot's own DMs open no conversation with someone the
// gate refuses, and say why.
func TestNoDirectMessageToSomeoneNotAdmitted(t *testing.T) {
	h := gatedHarness(t)
	p := SlackPoster{API: slack.New("xoxb-test-token-0000", slack.OptionAPIURL(h.slack.APIURL())), Gate: h.bot.Gate()}
	for _, user := range []string{"UOTHERORG", "UAPPBOT", "UGONE", "UBOT"} {
		if _, err := p.OpenDM(context.Background(), user); ctbot.CodeOf(err) != ctbot.ENotAdmitted {
			t.Errorf("OpenDM(%s) = %v, want ErrNotAdmitted", user, err)
		}
	}
	if n := len(h.slack.Calls("conversations.open")); n != 0 {
		t.Errorf("%d conversations opened with people not admitted", n)
	}
	if _, err := p.OpenDM(context.Background(), "UCOORD"); err != nil {
		t.Errorf("OpenDM with a person of the workspace: %v", err)
	}
}
