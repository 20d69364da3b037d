package commands_test

import (
	"context"
	"testing"

	"github.com/cttechplus/ctbot/commands"
)

// TestOnlyFiguresAreShareable: only replies that hold the programme's
// figures may be shown where they were asked; every other reply, refusals
// included, is for the asker alone.
func TestOnlyFiguresAreShareable(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT basics" trained=10 women=4`)
	ask := func(text string) commands.Reply {
		return h.core.Ask(context.Background(), commands.Request{UserID: coordinator, Text: "<@UBOT> " + text, Source: commands.FromMention, Keys: []string{"ev:" + text}})
	}
	for _, tt := range []struct {
		r         commands.Reply
		shareable bool
	}{
		{h.as(coordinator, "status"), true},
		{h.as(coordinator, "status kenya"), true},
		{h.as(coordinator, "status kenya ghana"), true},
		{ask("how is Kenya doing?"), true},
		{ask("which countries are behind?"), true},
		{ask("how many women were trained in Kenya?"), true},
		{h.as(coordinator, "history kenya"), false},
		{h.as(coordinator, "audit 1"), false},
		{h.as(coordinator, "access list"), false},
		{h.as(coordinator, "whoami"), false},
		{h.as(coordinator, "digest"), false},
		{h.as(staff, "log kenya met the unit"), false},
		{h.as(staff, "amend 1 women=5"), false},
		{h.as(outsider, "status"), false},
		{ask("history kenya"), false},
		{ask("access list"), false},
		{ask("what about the weather?"), false},
	} {
		if tt.r.Shareable != tt.shareable {
			t.Errorf("%s (%s): shareable = %v:\n%s", tt.r.Command, tt.r.Outcome, tt.r.Shareable, tt.r.Text())
		}
	}
}

// TestPerPersonLimits: changes and heavy reads from Slack are limited per
// person, with a clear "try again in N s" that changes nothing; the
// injected clock refills them; others and the console are not slowed.
func TestPerPersonLimits(t *testing.T) {
	h := newHarness(t)
	slack := func(user, text string) commands.Reply {
		return h.core.Handle(context.Background(), commands.Request{UserID: user, Text: text, Source: commands.FromSlash})
	}
	langs := []string{"fr", "en"}
	for i := range commands.WriteLimit.Burst {
		if r := slack(staff, "lang "+langs[i%2]); r.Failed {
			t.Fatalf("change %d refused: %s", i+1, r.Text())
		}
	}
	r := slack(staff, "lang fr")
	if !r.Failed || r.Outcome != "limited" {
		t.Fatalf("change over the limit: %s (%s)", r.Text(), r.Outcome)
	}
	wantText(t, r, "Slow down", "Try again in 3 s", "Nothing was changed")
	if l := h.core.Language(staff); l != "en" {
		t.Errorf("a refused change changed the language to %s", l)
	}
	if r := slack(staff2, "lang fr"); r.Failed {
		t.Errorf("another person was slowed down: %s", r.Text())
	}
	if r := h.as(staff, "log kenya from the console"); r.Failed {
		t.Errorf("the console was slowed down: %s", r.Text())
	}
	h.clock.Advance(commands.WriteLimit.Every)
	if r := slack(staff, "lang fr"); r.Failed {
		t.Errorf("after waiting: %s", r.Text())
	}
	// Heavy reads have their own, smaller, limit; light ones none.
	for i := range commands.HeavyLimit.Burst {
		if r := slack(coordinator, "history"); r.Failed {
			t.Fatalf("history %d refused: %s", i+1, r.Text())
		}
	}
	r = slack(coordinator, "history kenya")
	wantText(t, r, "Try again in 12 s")
	if r := slack(coordinator, "status"); r.Failed {
		t.Errorf("status slowed down: %s", r.Text())
	}
}
