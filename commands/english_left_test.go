package commands_test

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// catalogueTexts reads a catalogue as message ID (plural forms as
// "id.one") → text.
func catalogueTexts(t *testing.T, lang string) map[string]string {
	t.Helper()
	data, err := os.ReadFile("../locale/catalog/" + lang + ".toml")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			switch v := v.(type) {
			case map[string]any:
				walk(prefix+k+".", v)
			case string:
				out[prefix+k] = v
			}
		}
	}
	walk("", raw)
	return out
}

var (
	fragmentSplit = regexp.MustCompile("\\{\\{[^}]*\\}\\}|`[^`]*`|[*_~“”\"()\\[\\]:;.,!?—–…•]|\\n")
	englishWord   = regexp.MustCompile(`^[A-Za-z'’-]+$`)
)

// englishFragments are the runs of three or more English words of the
// messages that another language translates: if one shows in a reply in
// that language, a sentence was left in English.
func englishFragments(t *testing.T, lang string) map[string]string {
	en, tr := catalogueTexts(t, "en"), catalogueTexts(t, lang)
	// The configuration's titles are data, shown as written.
	var data []string
	fw := config.Default().Framework
	for _, c := range fw.Courses {
		data = append(data, c.Title)
	}
	out := map[string]string{}
	for id, text := range en {
		if strings.HasPrefix(id, "input.") || strings.HasPrefix(id, "askwords.") || strings.HasPrefix(id, "country_name.") || tr[id] == text {
			continue
		}
		for _, frag := range fragmentSplit.Split(text, -1) {
			words := strings.Fields(frag)
			english := len(words) >= 3
			for _, w := range words {
				english = english && englishWord.MatchString(w)
			}
			f := strings.Join(words, " ")
			if english && !slices.ContainsFunc(data, func(d string) bool { return strings.Contains(d, f) }) {
				out[f] = id
			}
		}
	}
	return out
}

// hostileTitle is data a person might type, markup and mentions included.
const hostileTitle = `"<!channel> *Kenya* _OSINT_ ~x~ & <https://evil.example|click>"`

// replyScript is a reply of every kind: recordings, refusals with usage,
// status in each form, history, help, questions and corrections.
var replyScript = []string{
	`training kenya 2026-11-20 ` + hostileTitle + ` trained=25 women=9 new=20 online`,
	`training ghana 2026-11-18 course=dva-basic trained=14 women=6`,
	`workshop nigeria held 2026-11-20 ` + hostileTitle + ` participants=30 women=12 policy=2 legal=1 institutional=3`,
	`workshop nigeria planned 2026-12-10 "Next"`,
	`kickoff uzbekistan planned 2026-12-01`,
	`readiness nigeria policy=3 legal=1 institutional=3 after <!here>`,
	`indicator women-policy ghana 4/15`,
	`indicator strategies kenya adopted`,
	`indicator unsr-recs kenya +1 on=2026-10-14 data retention`,
	`log kenya ` + hostileTitle,
	`status`, `status kenya`, `status nigeria`, `status investigators-trained`, `status women-policy`, `status strategies`,
	`status readiness`, `status kenya ghana nigeria`, `status osint`, `status darknet`,
	`history`, `history kenya 3`, `digest`, `help`, `help training`, `help readiness`, `help status`, `whoami`, `lang`,
	`amend 1 women=10 reason="from the sheet"`, `audit 1`, `undo`, `retract 99 wrong`,
	`training kenya 20/11/2026 "X" trained=5`, `training narnia 2026-11-20 "X" trained=5`, `training kenya 2026-11-20 "X"`,
	`frobnicate`, `status narnia`, `readiness kenya polcy=2`, `training kenya 2026-11-20 course=dva-basik trained=5`,
	`period`, `report`,
}

// TestNoEnglishLeftInATranslatedReply renders every kind of reply in
// French, Russian and Arabic from hostile data and fails on an English
// sentence left in one.
func TestNoEnglishLeftInATranslatedReply(t *testing.T) {
	for _, lang := range locale.Default().Languages() {
		if lang == locale.Source {
			continue
		}
		t.Run(lang, func(t *testing.T) {
			fragments := englishFragments(t, lang)
			if len(fragments) < 100 {
				t.Fatalf("only %d English fragments to look for", len(fragments))
			}
			h := newHarness(t)
			for _, user := range []string{coordinator, staff} {
				if r := h.core.Handle(context.Background(), commands.Request{UserID: user, Text: "lang " + lang}); r.Failed {
					t.Fatal(r.Text())
				}
			}
			questions := []string{"how is kenya doing?", "how many women were trained in Kenya?", "what's coming up?", "which countries are behind?"}
			var replies []commands.Reply
			for _, text := range replyScript {
				replies = append(replies, h.as(coordinator, text))
			}
			for _, q := range questions {
				replies = append(replies, h.ask(coordinator, q))
			}
			// The App Home, the digest in the reader's language, a
			// reminder's buttons and the form an entry is edited in.
			home, err := h.core.Home(context.Background(), coordinator)
			if err != nil {
				t.Fatal(err)
			}
			digest, err := h.core.DigestIn(context.Background(), h.clock.Now(), lang)
			if err != nil {
				t.Fatal(err)
			}
			l := h.core.Loc(coordinator)
			event := commands.EventActions(l, h.last())
			var labels []reply.Inline
			for _, b := range event.Buttons {
				labels = append(labels, reply.Plain(b.Label))
			}
			replies = append(replies, home, digest, commands.Reply{Doc: reply.Doc{reply.Para{Text: reply.Join(reply.Plain(" | "), labels...)}}},
				h.core.Edit(context.Background(), commands.Request{UserID: coordinator}, 1))
			for i, r := range replies {
				text := r.Text()
				for frag, id := range fragments {
					if strings.Contains(text, frag) {
						t.Errorf("reply %d: English %q (from %s) left in:\n%s", i, frag, id, text)
					}
				}
			}
		})
	}
}
