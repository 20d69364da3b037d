package commands_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/commands"
)

func (h *harness) prompts(user string) []commands.Prompt {
	h.t.Helper()
	return h.core.Prompts(context.Background(), user)
}

func messagesOf(ps []commands.Prompt) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Message)
	}
	return out
}

func wantPrompts(t *testing.T, what string, got []commands.Prompt, want ...string) {
	t.Helper()
	if g := messagesOf(got); strings.Join(g, "|") != strings.Join(want, "|") {
		t.Errorf("%s: prompts %q, want %q", what, g, want)
	}
	for _, p := range got {
		if p.Title == "" || p.Message == "" {
			t.Errorf("%s: empty title or message in %+v", what, p)
		}
	}
}

// TestPromptsFollowTheFigures: the questions suggested in the assistant
// pane come from the figures: the state most behind (a focal point's own),
// what is coming up only when something is planned within the lookahead,
// which states are behind only when one is, the people still to train
// while the target is not reached, what changed when something was
// recorded this week; four at most, in the asker's language, none for
// someone who may not read.
func TestPromptsFollowTheFigures(t *testing.T) {
	h := newHarness(t)
	more := "How many more investigators do we need to train?"
	wantPrompts(t, "nothing recorded", h.prompts(manager), more)

	// Planned beyond the 14 days ahead: nothing is coming up yet.
	h.ok(`workshop ghana planned 2026-12-20 "Readiness"`)
	wantPrompts(t, "planned in 23 days", h.prompts(manager), more, "What changed this week?")

	h.ok(`training kenya 2026-11-20 "OSINT" trained=25 women=9 new=20`)
	h.ok(`workshop iraq planned 2026-12-03 "Readiness"`)
	wantPrompts(t, "Kenya behind, Iraq planned in 6 days", h.prompts(manager),
		"How is Kenya doing?", "What is coming up in the next 14 days?", "Which states are behind?", more)

	// Ghana falls further behind than Kenya: it is the one suggested.
	h.ok(`training ghana 2026-11-18 "OSINT" trained=6 new=5`)
	wantPrompts(t, "Ghana furthest behind", h.prompts(manager),
		"How is Ghana doing?", "What is coming up in the next 14 days?", "Which states are behind?", more)
	// A focal point is offered their own state.
	if got := h.prompts(focalKE); len(got) == 0 || got[0].Message != "How is Kenya doing?" {
		t.Errorf("focal point of Kenya offered %q", messagesOf(got))
	}
	if got := h.prompts(outsider); got != nil {
		t.Errorf("someone who may not read is offered %q", messagesOf(got))
	}

	// In the asker's language.
	h.as(manager, "lang fr")
	fr := h.prompts(manager)
	wantPrompts(t, "in French", fr, "Ghana\u00a0: où en est-on\u202f?", "Qu'est-ce qui est prévu dans les 14 prochains jours\u202f?",
		"Quels États sont en retard\u202f?", "Combien d'enquêteurs reste-t-il à former\u202f?")
	if fr[1].Title != "À venir dans les 14 prochains jours" {
		t.Errorf("French title %q", fr[1].Title)
	}
}

// TestEveryPromptIsAQuestionAnswered: each suggested question, in each
// language, is answered by Ask with the figures it is about, never "not
// understood".
func TestEveryPromptIsAQuestionAnswered(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT" trained=25 women=9 new=20`)
	h.ok(`workshop ghana planned 2026-12-03 "Readiness"`)
	for _, lang := range []string{"en", "fr", "ru", "ar"} {
		h.as(manager, "lang "+lang)
		l := h.core.Loc(manager)
		ps := h.prompts(manager)
		if len(ps) != 4 {
			t.Fatalf("%s: %d prompts: %q", lang, len(ps), messagesOf(ps))
		}
		kenya, ghana := h.fw.Country("KE").NameIn(lang), h.fw.Country("GH").NameIn(lang)
		// What each answer must name: the state asked about, the state of
		// the workshop coming up, the state behind. (How many more are
		// needed is answered today with the trainings summary, the defect
		// issue 20 fixes: once Ask reads "more", its answer names the
		// indicator and what is left to reach its target.)
		want := []string{kenya, ghana, kenya, ""}
		for i, p := range ps {
			r := h.core.Ask(context.Background(), commands.Request{UserID: manager, Text: p.Message, Source: commands.FromDM})
			text := r.Text()
			if r.Failed || strings.Contains(text, l.S("ask.not_understood")) || strings.Contains(text, l.S("ask.can_ask")) {
				t.Errorf("%s: %q not answered:\n%s", lang, p.Message, text)
				continue
			}
			if !strings.Contains(text, want[i]) {
				t.Errorf("%s: the answer to %q does not name %q:\n%s", lang, p.Message, want[i], text)
			}
		}
	}
}
