package commands_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/commands"
)

func (h *harness) ask(user, text string) commands.Reply {
	h.t.Helper()
	return h.core.Ask(context.Background(), commands.Request{UserID: user, Text: text, Source: commands.FromMention})
}

func TestAskFindsCountriesAndIndicatorsAnywhere(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT" trained=25 women=9 new=20`)
	h.ok(`workshop ghana planned 2026-12-03 "Readiness"`)
	tests := []struct {
		question string
		want     []string
		not      []string
	}{
		{"<@UBOT> how is Kenya doing?", []string{"Kenya — status on"}, []string{"Ghana — status"}},
		{"how's the Ivory Coast getting on", []string{"Côte d'Ivoire — status on"}, nil},
		{"what about KE and Ghana?", []string{"Kenya, Ghana — Fri 27 Nov 2026", "Investigators trained          🟠 20/40          ⚪ no data"}, nil},
		{"any news on my country", []string{"What was recorded — the whole programme", "I could not apply: “my country”"}, []string{"Malaysia"}},
		{"status of investigators trained", []string{"Investigators trained — as of Fri 27 Nov 2026", "🟠 Kenya — 20 of 40"}, nil},
		{"how many women in policy design?", []string{"Women in policy design —"}, nil},
		{"where are the national strategies?", []string{"Strategies adopted — as of Fri 27 Nov 2026"}, nil},
		{"UNSR recommendations?", []string{"UN rapporteur recommendations — as of Fri 27 Nov 2026"}, nil},
		{"which countries are behind?", []string{"Behind — the whole programme", "• Kenya: Investigators trained 20/40 (at risk)", "Indicators behind, worst first", "↳ behind: Kenya 20/40, expected 38 by now",
			"↳ no data: Ghana, Iraq", "No data or not rated yet: Strategies adopted (no data), UN rapporteur recommendations (no data), Women in policy design (no data), Public-private mechanisms (no data)", "Quiet for 21 days or more", "Iraq (no entries yet)"}, []string{"Ghana 0/40"}},
		{"what's coming up?", []string{"Coming up", "Ghana — workshop “Readiness” planned for Thu 3 Dec 2026 — in 6 days"}, nil},
		{"overall status please", []string{"CT TECH+ — status on"}, nil},
		{"help", []string{"Commands you can use", "`/ct how is Kenya doing?`"}, nil},
		{"tell me a joke", []string{"I did not understand that question.", "You can ask, for example"}, nil},
	}
	for _, tt := range tests {
		r := h.ask(manager, tt.question)
		if r.Failed {
			t.Errorf("%q failed: %s", tt.question, r.Text())
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(r.Text(), w) {
				t.Errorf("%q: answer lacks %q:\n%s", tt.question, w, r.Text())
			}
		}
		for _, w := range tt.not {
			if strings.Contains(r.Text(), w) {
				t.Errorf("%q: answer has %q", tt.question, w)
			}
		}
	}
}

func TestAskRunsCommandsAndAppliesAccessRules(t *testing.T) {
	h := newHarness(t)
	r := h.ask(staff, "log kenya met the unit")
	if r.Failed || r.EntryID == 0 {
		t.Fatalf("command in a DM: %s", r.Text())
	}
	if n := len(h.entries()); n != 1 {
		t.Errorf("%d entries", n)
	}
	r = h.ask(outsider, "how is Kenya doing?")
	if !r.Failed || !strings.Contains(r.Text(), "not allowed to read") {
		t.Errorf("outsider got an answer: %s", r.Text())
	}
	if r := h.ask(outsider, "help"); r.Failed {
		t.Errorf("help refused to outsider")
	}
	if r := h.ask(outsider, "log kenya sneaky"); !r.Failed || len(h.entries()) != 1 {
		t.Errorf("outsider recorded through a DM")
	}
}
