package commands_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// README's examples of what can be asked are questions ctbot answers, in
// the language they are written in: never "not understood", never a
// refusal, never anything recorded.
func TestReadmeQuestionsAreAnswered(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "### What you can ask")
	section, _, _ = strings.Cut(section, "\n## ")
	langs := map[string]string{"English": "en", "French": "fr", "Russian": "ru", "Arabic": "ar"}
	quoted := regexp.MustCompile(`"([^"]+)"|«\s*([^»]+?)\s*»`)
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT" trained=25 women=9 new=20`)
	h.ok(`workshop ghana planned 2026-12-03 "Readiness"`)
	before := len(h.entries())
	asked := 0
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 {
			continue
		}
		lang, ok := langs[strings.TrimSpace(cells[1])]
		if !ok {
			continue
		}
		h.as(manager, "lang "+lang)
		for _, m := range quoted.FindAllStringSubmatch(cells[2], -1) {
			q := m[1] + m[2]
			asked++
			r := h.ask(manager, q)
			notUnderstood := h.core.Catalog().For(lang).S("ask.not_understood")
			if r.Failed || strings.Contains(r.Text(), notUnderstood) {
				t.Errorf("%s %q is not answered:\n%s", lang, q, r.Text())
			}
		}
	}
	if asked < 12 {
		t.Errorf("%d examples found in README's table, want 3 in each of 4 languages", asked)
	}
	if n := len(h.entries()); n != before {
		t.Errorf("asking recorded %d entries", n-before)
	}
}

// The questions help suggests, in every language, are answered.
func TestHelpQuestionsAreAnswered(t *testing.T) {
	h := newHarness(t)
	code := regexp.MustCompile("`/ct ([^`]+)`")
	for _, lang := range []string{"en", "fr", "ru", "ar"} {
		h.as(manager, "lang "+lang)
		l := h.core.Catalog().For(lang)
		qs := code.FindAllStringSubmatch(l.S("help.questions", "Cmd", "/ct"), -1)
		if len(qs) < 3 {
			t.Fatalf("%s: help suggests %d questions", lang, len(qs))
		}
		for _, q := range qs {
			r := h.as(manager, q[1])
			if r.Failed || r.Command != "ask" || strings.Contains(r.Text(), l.S("ask.not_understood")) {
				t.Errorf("%s %q is not answered as a question (%s):\n%s", lang, q[1], r.Command, r.Text())
			}
		}
	}
}
