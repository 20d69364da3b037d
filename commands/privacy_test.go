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
