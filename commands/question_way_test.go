package commands_test

import (
	"context"
	"testing"

	"github.com/cttechplus/ctbot/commands"
)

// One way in: `/ct` followed by words that are no command's syntax is
// asked as a question, and a question never runs a recording command,
// even when it starts with one's name.
func TestSlashAsksWhatIsNoCommandSyntax(t *testing.T) {
	h := newHarness(t)
	for _, text := range []string{
		"kenya vs nigeria",
		"compare GH, IQ and TJ",
		"readiness scores?",
		"readiness scores",
		"readiness kenya?",
		"training in kenya last month?",
		"training kenya?",
		"kickoff kenya held?",
		"workshops in Iraq this quarter",
		"log of trainings last week?",
		"UNSR recommendations acted upon in Nigeria",
		"how's kenya getting on",
		"indicator of women in policy",
		"indicateur des femmes dans les politiques",
	} {
		r := h.as(coordinator, text)
		if r.Command != "ask" {
			t.Errorf("%q ran %s, not asked: %s", text, r.Command, r.Text())
		}
	}
	if es := h.entries(); len(es) != 0 {
		t.Errorf("questions recorded %d entries: %+v", len(es), es[0])
	}
}

// A mention or a DM reads a question that starts with a recording
// command's name as a question too, and records nothing.
func TestMentionAsksWhatIsNoCommandSyntax(t *testing.T) {
	h := newHarness(t)
	for _, text := range []string{"<@UBOT> readiness scores?", "readiness scores", "training kenya?", "log?"} {
		r := h.core.Ask(context.Background(), commands.Request{UserID: coordinator, Text: text, Source: commands.FromDM})
		if r.Command != "ask" {
			t.Errorf("%q ran %s, not asked: %s", text, r.Command, r.Text())
		}
	}
	if es := h.entries(); len(es) != 0 {
		t.Errorf("questions recorded %d entries", len(es))
	}
}

// Words that are a command's syntax still run it, and what is neither a
// command's syntax nor a question is refused as before.
func TestCommandSyntaxStillRuns(t *testing.T) {
	h := newHarness(t)
	for text, cmd := range map[string]string{
		"log kenya Met the cybercrime unit?":               "log",
		"readiness kenya policy=2 legal=1 institutional=3": "readiness",
		"kickoff ghana planned 2026-12-10":                 "kickoff",
	} {
		if r := h.as(coordinator, text); r.Command != cmd || r.Failed {
			t.Errorf("%q: %s, failed %v: %s", text, r.Command, r.Failed, r.Text())
		}
	}
	if n := len(h.entries()); n != 3 {
		t.Errorf("%d entries recorded, want 3", n)
	}
	for text, cmd := range map[string]string{
		"frobnicate":                   "unknown",
		"retract foo":                  "retract",
		"training kenya":               "training",
		"access give staff":            "access",
		"indicator unsr-recs kenyaa 2": "indicator",
		"indicator women in kenya 5":   "indicator",
		"statuss kenya":                "unknown",
	} {
		if r := h.as(coordinator, text); r.Command != cmd || !r.Failed {
			t.Errorf("%q: %s, failed %v: %s", text, r.Command, r.Failed, r.Text())
		}
	}
	if n := len(h.entries()); n != 3 {
		t.Errorf("%d entries recorded, want 3", n)
	}
}
