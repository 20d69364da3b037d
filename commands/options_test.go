package commands_test

import (
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
)

// TestOptionsAnywhere: every command reads its key=value options wherever
// they stand, in every language's words for them, and keeps its free text
// otherwise as typed; a word that looks like an option but is none of the
// command's stays in the text.
func TestOptionsAnywhere(t *testing.T) {
	tests := []struct {
		text string
		want func(e *ctbot.Entry) bool
	}{
		// log: on= at the end, in the middle, in French, Russian and Arabic.
		{"log kenya Met the unit on=2026-11-20", func(e *ctbot.Entry) bool { return e.Note == "Met the unit" && e.Date.String() == "2026-11-20" }},
		{"log kenya Met on=2026-11-20 the unit", func(e *ctbot.Entry) bool { return e.Note == "Met the unit" && e.Date.String() == "2026-11-20" }},
		{"log kenya Réunion avec l'unité le=2026-11-19", func(e *ctbot.Entry) bool {
			return e.Note == "Réunion avec l'unité" && e.Date.String() == "2026-11-19"
		}},
		{"log kenya Встреча дата=2026-11-18", func(e *ctbot.Entry) bool { return e.Note == "Встреча" && e.Date.String() == "2026-11-18" }},
		{"log kenya اجتماع مع الوحدة بتاريخ=2026-11-17", func(e *ctbot.Entry) bool {
			return e.Note == "اجتماع مع الوحدة" && e.Date.String() == "2026-11-17"
		}},
		{"log kenya ratio=5 of 9 agreed, reason: budget", func(e *ctbot.Entry) bool {
			return e.Note == "ratio=5 of 9 agreed, reason: budget" && e.Date.String() == "2026-11-27"
		}},
		{"log kenya Sent the minutes source=\"MoJ letter\" to the unit", func(e *ctbot.Entry) bool {
			return e.Note == "Sent the minutes to the unit" && e.Evidence == "MoJ letter"
		}},
		// indicator: on= after the note, and in the note; confirm stays
		// a word in the note.
		{"indicator unsr-recs kenya +1 data retention on=2026-11-16", func(e *ctbot.Entry) bool {
			return e.Note == "data retention" && e.Date.String() == "2026-11-16" && e.Value == 1
		}},
		{"indicator unsr-recs kenya +1 please confirm le=2026-11-15 with the MoJ", func(e *ctbot.Entry) bool {
			return e.Note == "please confirm with the MoJ" && e.Date.String() == "2026-11-15"
		}},
		// readiness: the scores and on= among the note.
		{"readiness nigeria policy=2 after the workshop legal=1 institutional=3 on=2026-11-14", func(e *ctbot.Entry) bool {
			return e.Note == "after the workshop" && e.Date.String() == "2026-11-14" && e.Scores["legal"] == 1 && e.Scores["institutional"] == 3
		}},
		// kickoff: evidence after the note.
		{"kickoff ghana planned 2026-12-10 venue to be confirmed link=https://example.org/plan", func(e *ctbot.Entry) bool {
			return e.Note == "venue to be confirmed" && e.Link == "https://example.org/plan"
		}},
		// a title keeps the quote marks of another kind it holds: a
		// guillemet's phrase closes at the other guillemet, a double
		// quote's at any double quote.
		{`workshop ghana held 2026-11-21 "Atelier «LEA»" participants=12`, func(e *ctbot.Entry) bool { return e.Title == "Atelier «LEA»" }},
		{`workshop ghana held 2026-11-22 «the “5 eyes” unit» participants=12`, func(e *ctbot.Entry) bool { return e.Title == "the “5 eyes” unit" }},
		{`training ghana 2026-11-20 “OSINT basics" trained=9`, func(e *ctbot.Entry) bool { return e.Title == "OSINT basics" }},
		{`log kenya Met «LEA» source="Minutes «final»"`, func(e *ctbot.Entry) bool { return e.Note == "Met «LEA»" && e.Evidence == "Minutes «final»" }},
		// workshop and training: options after the title.
		{`workshop ghana held 2026-11-20 "Legal drafting" women=4 participants=12`, func(e *ctbot.Entry) bool {
			return e.Title == "Legal drafting" && e.Participants == 12 && *e.Women == 4
		}},
		{`training ghana 2026-11-20 trained=9 "Financial investigations" femmes=3`, func(e *ctbot.Entry) bool {
			return e.Title == "Financial investigations" && e.Trained == 9 && *e.Women == 3
		}},
	}
	h := newHarness(t)
	for _, tt := range tests {
		h.advance(3 * time.Minute)
		if r := h.as(coordinator, tt.text); r.Failed {
			t.Errorf("%q refused: %s", tt.text, r.Text())
			continue
		}
		if e := h.last(); !tt.want(e) {
			t.Errorf("%q stored note %q, title %q, date %s, %+v", tt.text, e.Note, e.Title, e.Date, *e)
		}
	}
	// amend reads its options anywhere too, and an option given twice is
	// refused wherever it stands.
	h.as(coordinator, "amend "+commands.ID(h.last().ID)+" trained=10 reason=\"typo\" women=2")
	if e := h.last(); e.Trained != 10 || *e.Women != 2 {
		t.Errorf("amend: %+v", *e)
	}
	h.refusedWith(coordinator, "log kenya on=2026-11-20 met on=2026-11-21", "on=")
}
