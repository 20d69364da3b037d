package commands_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/commands"
)

var (
	codeSpanRE = regexp.MustCompile("`[^`]*`")
	mentionRE  = regexp.MustCompile(`<[@#!][^>]*>|@U[A-Z0-9]+`)
	latinRE    = regexp.MustCompile(`\p{Latin}{3,}`)
	isoDateRE  = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)
)

// prose is a reply's text without its code spans, mentions and the
// indicator codes people type (shown in headings and report tables).
func prose(r commands.Reply) string {
	text := mentionRE.ReplaceAllString(codeSpanRE.ReplaceAllString(r.Text(), ""), "")
	for _, code := range []string{"strategies", "unsr-recs", "women-policy", "investigators-trained", "intl-investigation", "ppp-mechanisms"} {
		text = regexp.MustCompile(`(^|[^\pL-])`+code+`($|[^\pL-])`).ReplaceAllString(text, "$1$2")
	}
	return text
}

// configWordsHarness has a catalogue training, stages, readiness scores
// and a state without data, the words that come from configuration.
func configWordsHarness(t *testing.T) *harness {
	h := newHarness(t)
	h.ok("training kenya 2026-11-20 course=dva-basic trained=25 women=10")
	h.ok("indicator strategies kenya adopted")
	h.ok("indicator strategies ghana drafting")
	h.ok("indicator ppp-mechanisms kenya agreed")
	h.ok("readiness kenya policy=2 legal=1 institutional=3")
	return h
}

// configReplies are the replies that show words from configuration.
var configReplies = []string{"status", "status kenya", "status strategies", "status ppp-mechanisms", "status readiness",
	"status osint", "history", "report 2026-Q4"}

// TestConfigWordsTranslated: in French, Russian and Arabic no word of the
// configuration (course titles, stages, pillars, topics, state names in
// report rows, the time zone) is shown in English: in Russian and Arabic
// no Latin word at all outside code spans and proper names.
func TestConfigWordsTranslated(t *testing.T) {
	h := configWordsHarness(t)
	english := []string{"Darknet and virtual assets", "drafting", "adopted", "designed", "agreed", "policy", "legal", "institutional",
		"osint", "darknet", "Europe/Brussels"}
	// Proper names, and the option names the catalogues still teach in
	// English (source=, link=: the catalogue's work, not configuration's).
	allowed := map[string]bool{"TECH": true, "ctbot": true, "OSINT": true, "source": true, "link": true}
	for _, lang := range []string{"fr", "ru", "ar"} {
		h.ok("lang " + lang)
		for _, cmd := range configReplies {
			text := prose(h.ok(cmd))
			for _, w := range english {
				if regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(w) + `\b`).MatchString(text) {
					t.Errorf("%s %q shows %q:\n%s", lang, cmd, w, text)
				}
			}
			if lang == "fr" {
				continue
			}
			for _, w := range latinRE.FindAllString(text, -1) {
				if !allowed[w] {
					t.Errorf("%s %q shows the Latin word %q:\n%s", lang, cmd, w, text)
				}
			}
		}
	}
}

// TestTranslatedInputsAccepted: pillars, stages, topics and course titles
// are typed in the reader's language, and stored as their codes; the
// codes still work.
func TestTranslatedInputsAccepted(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct{ text, pillar string }{
		{"readiness kenya politique=2 juridique=1 institutionnel=3", "policy"},
		{"readiness ghana политический=2 правовой=1 институциональный=3", "policy"},
		{"readiness iraq السياسات=2 القانوني=1 المؤسسي=3", "policy"},
		{"readiness tajikistan policy=2 legal=1 institutional=3", "policy"},
	} {
		h.ok(c.text)
		if e := h.last(); e.Scores[c.pillar] != 2 || e.Scores["legal"] != 1 || e.Scores["institutional"] != 3 || len(e.Scores) != 3 {
			t.Errorf("%q recorded %v", c.text, e.Scores)
		}
	}
	for _, c := range []struct{ text, stage string }{
		{"indicator strategies kenya adopté", "adopted"},
		{`indicator strategies ghana "en cours de rédaction"`, "drafting"},
		{"indicator strategies iraq утверждено", "validated"},
		{"indicator strategies tajikistan مُعتمَد", "adopted"},
		{"indicator ppp-mechanisms kenya designed", "designed"},
	} {
		h.ok(c.text)
		if e := h.last(); e.Stage != c.stage {
			t.Errorf("%q recorded stage %q, want %q", c.text, e.Stage, c.stage)
		}
	}
	for _, c := range []struct{ text, topic string }{
		{`training kenya 2026-11-02 "Atelier OSINT" topic="actifs virtuels" trained=5`, "virtual-assets"},
		{`training kenya 2026-11-05 "Курс" topic=даркнет trained=5`, "darknet"},
		{`training kenya 2026-11-09 "Course" topic=osint trained=5`, "osint"},
	} {
		h.ok(c.text)
		if e := h.last(); e.Topic != c.topic {
			t.Errorf("%q recorded topic %q, want %q", c.text, e.Topic, c.topic)
		}
	}
	h.ok(`training kenya 2026-11-12 course="Web clandestin et actifs virtuels (de base)" trained=5`)
	if e := h.last(); e.Course != "dva-basic" || e.Topic != "darknet" {
		t.Errorf("a course by its French title recorded course %q topic %q", e.Course, e.Topic)
	}
	h.ok("lang fr")
	wantText(t, h.ok("status actifs virtuels"), "actifs virtuels")
	wantText(t, h.ok("status osint"), "renseignement d'origine sources ouvertes")
}

// TestSuggestionsInReadersLanguage: a state mistyped is suggested by its
// name in the reader's language.
func TestSuggestionsInReadersLanguage(t *testing.T) {
	h := newHarness(t)
	for lang, want := range map[string]string{"fr": "`Kenya`", "ru": "`Кения`", "ar": "`كينيا`"} {
		h.ok("lang " + lang)
		for _, cmd := range []string{"log kenyaa note", "log kenyz note"} {
			r := h.as(staff, cmd)
			if !r.Failed || !strings.Contains(r.Text(), want) {
				t.Errorf("%s %q: want a suggestion of %s:\n%s", lang, cmd, want, r.Text())
			}
		}
	}
	h.ok("lang ru")
	if r := h.as(staff, "log кенииия note"); !strings.Contains(r.Text(), "`Кения`") {
		t.Errorf("ru: a Russian name mistyped is not suggested:\n%s", r.Text())
	}
}

// TestNoISODateInProse: the timeline and the errors about dates write
// dates the local way, not 2026-01-01.
func TestNoISODateInProse(t *testing.T) {
	h := newHarness(t)
	for _, lang := range []string{"fr", "ru", "ar"} {
		h.ok("lang " + lang)
		for _, cmd := range []string{"status", "log kenya on=2030-01-05 note", "training kenya 2026-11-30 course=dva-basic trained=5",
			"indicator strategies kenya adopted on=2026-12-01", "report 2031-Q1"} {
			if text := prose(h.as(staff, cmd)); isoDateRE.MatchString(text) {
				t.Errorf("%s %q writes an ISO date in prose:\n%s", lang, cmd, text)
			}
		}
	}
}

// TestListSeparatorPerLanguage: lists are joined the way the language
// joins them (Arabic "،"), in replies and in errors.
func TestListSeparatorPerLanguage(t *testing.T) {
	h := newHarness(t)
	h.ok("lang ar")
	for _, cmd := range []string{"training kenya 2026-11-20 zzzzzzzz=1", "new zzzz", "readiness kenya policy=1 legal=1 institutional=1 zzzzzzzz=1"} {
		text := prose(h.as(staff, cmd))
		if !strings.Contains(text, "، ") || regexp.MustCompile(`\pL, \pL`).MatchString(text) {
			t.Errorf("ar %q: a list not joined with «، »:\n%s", cmd, text)
		}
	}
}
