package jobs

import (
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/slackcheck"
)

// TestScheduledMessagesEscapeHostileText posts reminders, an overdue
// question, nudges and the digest about a country and events whose names
// hold markup, and checks every message as Slack would get it.
func TestScheduledMessagesEscapeHostileText(t *testing.T) {
	const hostile = `& < > <!channel> <@U1> <https://x|y> ` + slackcheck.SaidLine
	h := newHarness(t, "2026-11-27T08:00:00Z", func(c *config.Config) {
		c.Framework.Name = "CT R&D <Pilot>"
		c.Framework.Country("KE").Name = "Kenya " + hostile
		c.Framework.Country("GH").FocalPoints = []string{"UFOCALGH"}
	})
	h.at("2026-11-27T08:00:00Z", "USTAFF", `workshop KE planned 2026-12-04 "`+hostile+`"`)
	h.at("2026-11-27T08:00:00Z", "USTAFF", `kickoff KE planned 2026-12-01 `+hostile)
	h.at("2026-11-27T08:00:00Z", "USTAFF", `log KE `+hostile)
	h.days("2026-11-27", "2026-12-07") // reminders, the overdue questions, nudges and a digest
	h.poster.mu.Lock()
	posts := append([]post(nil), h.poster.posts...)
	h.poster.mu.Unlock()
	if len(posts) < 6 {
		t.Fatalf("only %d posts", len(posts))
	}
	escaped := 0
	for _, p := range posts {
		for _, doc := range []string{p.Blocks, `{"text":` + quoteJSON(p.Text) + `}`} {
			problems, err := slackcheck.Problems([]byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range problems {
				t.Errorf("post to %s: %s", p.Channel, pr)
			}
			texts, _ := slackcheck.Texts([]byte(doc))
			for _, text := range texts {
				escaped += strings.Count(text, "&lt;!channel&gt;")
			}
		}
	}
	if escaped < len(posts) {
		t.Errorf("the hostile text reached %d places in %d posts", escaped, len(posts))
	}
}
