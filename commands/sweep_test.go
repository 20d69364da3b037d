package commands_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/commands"
)

// TestBadInputSweep sends every command every kind of hostile text: the
// reply is clear (a reason when refused), nothing panics, and whatever is
// stored is stored exactly as typed.
func TestBadInputSweep(t *testing.T) {
	payloads := map[string]string{
		"empty":      "",
		"huge":       strings.Repeat("a", 100*1024),
		"binary":     "\x00\x01\xfe\xff\x7f",
		"rtl-emoji":  "\u202e تدريب 🙂 👩🏽‍💻 عربي \u202c",
		"sql":        "Robert'); DROP TABLE entries;-- OR 1=1",
		"unbalanced": `the 5" screen and “half`,
		"mrkdwn":     "<!channel> bold _it_ <@U123> &amp;",
	}
	h := newHarness(t)
	forms := []string{"%s", "kenya %s", `kenya 2026-11-20 "%s" trained=5`, `kenya held 2026-11-20 "%s" participants=5`,
		"unsr-recs kenya +1 %s", "kenya planned tomorrow %s", "%s kenya"}
	for _, cmd := range h.core.Commands() {
		for name, p := range payloads {
			for _, form := range forms {
				text := cmd.Name + " " + strings.Replace(form, "%s", p, 1)
				before := len(h.entries())
				r := h.as(staff, text)
				switch {
				case r.Outcome == "error" || r.Outcome == "":
					t.Fatalf("%s/%s %q: outcome %q: %s", cmd.Name, name, commands.Truncate(text, 60), r.Outcome, commands.Truncate(r.Text(), 200))
				case r.Failed && r.Problem.Empty():
					t.Fatalf("%s/%s: refused without a reason", cmd.Name, name)
				case len(r.Text()) == 0:
					t.Fatalf("%s/%s: empty reply", cmd.Name, name)
				}
				after := h.entries()
				if len(after) == before {
					continue
				}
				e := after[0]
				if r.Failed || r.EntryID != e.ID {
					t.Fatalf("%s/%s: stored #%d but replied %q", cmd.Name, name, e.ID, r.Text())
				}
				// Stored text is exactly what was typed (outer spaces aside);
				// in titles, quote marks are delimiters.
				want := strings.TrimSpace(p)
				got := e.Note + e.Title
				if strings.ContainsAny(want, "\"“”") && e.Note == "" {
					got, want = e.Title, strings.Map(func(r rune) rune {
						if strings.ContainsRune("\"“”", r) {
							return -1
						}
						return r
					}, want)
				}
				if want != "" && !strings.Contains(got, want) {
					t.Fatalf("%s/%s: stored %q, typed %q", cmd.Name, name, got, want)
				}
				if !strings.HasPrefix(e.Source, string(e.Kind)+" {") {
					t.Fatalf("%s/%s: source %q, not the input rendered", cmd.Name, name, e.Source)
				}
			}
		}
	}
	// Spot checks of what must be stored (past the repeat window).
	h.advance(3 * time.Minute)
	for _, text := range []string{"log kenya \u202e تدريب 🙂 👩🏽‍💻 عربي \u202c", "log kenya Robert'); DROP TABLE entries;-- OR 1=1", `log kenya the 5" screen and “half`} {
		r := h.as(staff, text)
		if r.Failed {
			t.Fatalf("%q refused: %s", text, r.Text())
		}
		if e := h.last(); e.Note != strings.TrimPrefix(text, "log kenya ") {
			t.Errorf("note = %q", e.Note)
		}
	}
	if r := h.as(staff, "log kenya "+strings.Repeat("x", 100*1024)); !r.Failed || !strings.Contains(r.Problem.String(), "the limit is 8,000") {
		t.Errorf("100 KB accepted or unclear: %s", commands.Truncate(r.Text(), 100))
	}
}
