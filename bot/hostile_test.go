package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/slackcheck"
	"github.com/cttechplus/ctbot/reply"
)

// hostile is text that Slack would read as markup, a ping, a mention, a
// link or formatting if it were not escaped and neutralised.
const hostile = `& < > <!channel> <@U1> <https://x|y> &amp; &lt; ` + slackcheck.SaidLine

// hostileConfig is the default configuration with hostile text in every
// name and title a person configures.
func hostileConfig(t *testing.T) *config.Config {
	t.Helper()
	src := string(ctbot.DefaultConfig)
	src = strings.Replace(src, `name = "CT TECH+"`, `name = "CT R&D <Pilot> `+tomlEscape(hostile)+`"`, 1)
	src = strings.Replace(src, `name = "Kenya"`, `name = "Kenya `+tomlEscape(hostile)+`"`, 1)
	src = strings.Replace(src, `name = "Ghana"`, `name = "<!here> Ghana"`, 1)
	for _, title := range []string{"National CT strategies", "UN Special Rapporteur", "Share of women", "CT investigators", "International CT", "Public-private"} {
		src = strings.Replace(src, `title = "`+title, `title = "`+tomlEscape(hostile)+` `+title, 1)
	}
	cfg, err := config.Parse("hostile.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func tomlEscape(s string) string { return strings.ReplaceAll(s, `"`, `\"`) }

// rendered is one thing ctbot would send to Slack, by name.
type rendered struct {
	name string
	json []byte
}

// TestHostileTextIsEscapedEverywhere renders every reply kind, every form
// variant with its errors, the App Home and the digest from data holding
// hostile text in every free-text field and configured name, and fails on
// any &, < or > in mrkdwn or a text fallback that is not an escape or a
// token ctbot made itself.
func TestHostileTextIsEscapedEverywhere(t *testing.T) {
	cfg := hostileConfig(t)
	h := newHarness(t, func(o *Options, co *commands.Options) {
		co.Framework = cfg.Framework
	})
	ctx := context.Background()
	var out []rendered
	add := func(name string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, rendered{name, b})
	}
	addReply := func(name string, r commands.Reply) {
		for i, m := range messages(r) {
			add(fmt.Sprintf("%s #%d", name, i), m)
		}
	}
	run := func(user, text string) commands.Reply {
		h.seq++
		r := h.core.Handle(ctx, commands.Request{UserID: user, Text: text, Source: commands.FromSlash, Keys: []string{fmt.Sprint("k", h.seq)}})
		addReply(user+" "+text, r)
		return r
	}
	q := `"` + hostile + `"`
	// Recording, with hostile text in every free-text field.
	for _, text := range []string{
		"log KE " + hostile,
		"log programme " + hostile,
		"kickoff KE planned 2026-12-20 " + hostile,
		"kickoff GH held 2026-03-04 " + hostile,
		"workshop KE planned 2026-12-10 " + q,
		"workshop KE held 2026-11-10 " + q + " participants=30 women=12",
		"training KE 2026-11-20 " + q + " trained=25 women=9 new=20 online",
		"training KE 2026-11-21 " + q + " trained=3 women=1 again",
		"indicator unsr-recs KE +1 " + hostile,
		"indicator women-policy KE 4/15 " + hostile,
		"indicator strategies KE validated " + hostile,
		"indicator intl-investigation programme 1 " + hostile,
		"log KE " + hostile, // a repeat: the duplicate reply
		"log GH " + slackcheck.Said + "\n" + hostile,
	} {
		if r := run("USTAFF", text); r.Failed {
			t.Fatalf("%q: %s", text, r.Text())
		}
	}
	run("USTAFF", "retract 1 "+hostile)
	run("USTAFF", "retract 14 "+slackcheck.Said)
	run("USTAFF", "undo")
	run("USTAFF", "undo 2")
	// Reading.
	for _, text := range []string{"help", "status", "status KE", "status GH", "status investigators-trained", "status women-policy",
		"status strategies", "history", "history KE 2", "digest", "new training"} {
		run("UMGR", text)
	}
	for _, cmd := range h.core.Commands() {
		run("UMGR", "help "+cmd.Name)
	}
	// Errors that quote what was typed.
	for _, text := range []string{
		"retract " + hostile + " x", "help " + hostile, "log " + hostile + " x", "training KE " + hostile,
		"training KE 2026-11-20 " + q + " trained=5 " + "<x>=1", "training KE 2026-11-20 " + q + " trained=" + hostile,
		"status " + hostile, "indicator strategies KE " + hostile, "indicator " + hostile + " KE 1",
		"kickoff KE " + hostile, "workshop KE held 2026-11-10 \"" + hostile, "undo " + hostile, "history " + hostile,
		"new " + hostile, "digest " + hostile, "indicator women-policy KE " + hostile, "log KE " + strings.Repeat(hostile, 200),
	} {
		if r := run("USTAFF", text); !r.Failed {
			t.Errorf("%q did not fail", text)
		}
	}
	// Words that are no command are tried as a question: answered or not,
	// what they quote is escaped.
	run("USTAFF", hostile)
	run("UOUT", "status")
	run("UOUT", "log KE "+hostile)
	run("USTAFF2", "retract 3 "+hostile)
	for _, q := range []string{"how is " + hostile + " KE doing?", "which countries are behind?", "what's coming up?", hostile, "help"} {
		addReply("ask "+q, h.core.Ask(ctx, commands.Request{UserID: "UMGR", Text: "<@UBOT> " + q, Source: commands.FromMention}))
	}
	h.bot.gate.id = Identity{TeamID: "T1"}
	addReply("refusal", *h.bot.refusal(ctx, origin{UserID: "UX", TeamID: "T0THER"}))
	h.bot.gate.id = Identity{}
	// Buttons: undo and paging.
	addReply("undo button", h.core.Undo(ctx, commands.Request{UserID: "USTAFF", Keys: []string{"undo-btn"}}, 4))
	// The digest, as posted.
	d, err := h.core.Digest(ctx, h.clock.Now().Add(72*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for i, part := range Split(d.Doc) {
		text, bs := Render(part)
		add(fmt.Sprintf("digest #%d", i), message{Text: text, Blocks: bs})
	}
	// The App Home, for a reader and for someone with no role.
	for _, user := range []string{"USTAFF", "UOUT"} {
		r, err := h.core.Home(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		add("home "+user, slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: viewBlocks(r.Doc, "more")}})
	}
	// Every form variant, filled with hostile text, and its errors.
	for _, kind := range commands.FormKinds {
		add("form "+kind, h.bot.entryForm("USTAFF", kind, formMeta{Channel: "C1"}, formValues{Kind: kind, Country: "KE", Title: hostile, Note: hostile, Date: "2026-11-20"}))
		for _, values := range []map[string]string{
			{"country": "KE", "note": hostile, "title": hostile, "date": "2026-11-20", "status": "held", "trained": "5", "women": "9"},
			{"country": "KE"},
		} {
			if b := body(t, h.interact(h.submission("USTAFF", kind, values))); b != "" {
				add("form errors "+kind, json.RawMessage(b))
			}
		}
	}
	// A table in a message.
	addReply("table", commands.Reply{Doc: reply.Doc{reply.Table{Columns: []reply.Column{{Title: reply.Plain(hostile)}},
		Rows: [][]reply.Inline{{reply.Plain(hostile)}}}}})

	escaped := 0
	for _, r := range out {
		problems, err := slackcheck.Problems(r.json)
		if err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", r.name, p)
		}
		texts, _ := slackcheck.Texts(r.json)
		for _, text := range texts {
			escaped += strings.Count(text, `&lt;!channel&gt;`)
		}
	}
	if escaped < 100 {
		t.Errorf("the hostile text reached the output only %d times; the test does not test much", escaped)
	}
	t.Logf("%d messages, views and forms checked; the hostile text was escaped %d times", len(out), escaped)
}
