package bot

import (
	"context"
	"maps"
	"testing"

	"github.com/cttechplus/ctbot"
)

// Slack's escaped forms read as the person saw them when they wrote.
func TestUnescapeSlackReadsAsTyped(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		mentions map[string]string
	}{
		{"met <@U123|kofi> see <https://x.org|x.org> in <#C1|general>", "met @kofi see https://x.org in #general", map[string]string{"@kofi": "U123"}},
		{"by <@U0AUTHOR> in <#C2>", "by @U0AUTHOR in #C2", map[string]string{"@U0AUTHOR": "U0AUTHOR"}},
		{"<https://example.org/r|the report> and <https://x.org/a?b=1&amp;c=2>", "the report (https://example.org/r) and https://x.org/a?b=1&c=2", nil},
		{"mail <mailto:a@b.org|a@b.org>, <http://x.org/|x.org>", "mail a@b.org, http://x.org/", nil},
		{"<!here> <!subteam^S1|@press> <!date^1392734382^{date}|Feb 18>", "@here @press Feb 18", nil},
		{"R&amp;D &lt;team&gt; &amp;lt;", "R&D <team> &lt;", nil},
		{"<@U1|Two Words> and <@U2|kofi> <@U3|kofi>", "@U1 and @kofi @U3", map[string]string{"@U1": "U1", "@kofi": "U2", "@U3": "U3"}},
		{"label <https://x.org|a &amp;lt; b>", "label a &lt; b (https://x.org)", nil},
	} {
		got, mentions := unescapeSlack(tt.in)
		if got != tt.want || !maps.Equal(mentions, tt.mentions) {
			t.Errorf("unescapeSlack(%q) = %q, %v; want %q, %v", tt.in, got, mentions, tt.want, tt.mentions)
		}
	}
}

// With should_escape, a slash command carries mentions, channels and links
// as markup: a note keeps them as the person saw them, and access add
// reads the person's ID from the mention (README: /ct access add @Kofi
// focal Ghana).
func TestSlashCommandReadsEscapedText(t *testing.T) {
	h := newHarness(t)
	mustContain(t, ackOf(t, h.slash("USTAFF", "log kenya met <@U123|kofi> see <https://x.org|x.org> in <#C1|general> &amp; co")).Text, "Recorded #1")
	if n := h.entries()[0].Note; n != "met @kofi see https://x.org in #general & co" {
		t.Errorf("note = %q", n)
	}
	mustContain(t, readable(ackOf(t, h.slash("UCOORD", "access add <@UKOFI|kofi> focal Ghana")).Text), "<@UKOFI> is now focal point for Ghana")
	gs, err := h.db.Grants(context.Background())
	if err != nil || len(gs) != 1 || gs[0].User != "UKOFI" || gs[0].Role != ctbot.RoleFocal || gs[0].Country != "GH" {
		t.Errorf("grants = %+v, %v", gs, err)
	}
	// A name typed without picking the person is still refused.
	mustContain(t, ackOf(t, h.slash("UCOORD", "access add @kofi staff")).Text, "not a Slack mention")
}

// A mention or DM drops the mention of ctbot it starts with and keeps the
// people it names after, as they read.
func TestMentionsAndDMsReadEscapedText(t *testing.T) {
	h := newHarness(t)
	h.event("EvDM", dm("USTAFF", "log kenya met <@U0PRESS> and <https://x.org/a|the minutes>", "1700000003.000100"))
	h.settle()
	if es := h.entries(); len(es) != 1 || es[0].Note != "met @U0PRESS and the minutes (https://x.org/a)" {
		t.Fatalf("entries = %+v", es)
	}
	h.event("EvMention", mention("UCOORD", "<@UBOT> access add <@UNEW> staff", "1700000004.000100"))
	h.settle()
	if gs, _ := h.db.Grants(context.Background()); len(gs) != 1 || gs[0].User != "UNEW" || gs[0].Role != ctbot.RoleStaff {
		t.Errorf("grants = %+v", gs)
	}
}
