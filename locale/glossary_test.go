package locale

import (
	"regexp"
	"strings"
	"testing"
)

// wording is every text of lang's messages by ID (plural forms joined),
// without the input words (the old forms stay accepted as typed), the
// question words and the suggested prompts (which quote people).
func wording(t *testing.T, lang string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for id, forms := range messages(t, lang) {
		if strings.HasPrefix(id, "input.") || strings.HasPrefix(id, "askwords.") || strings.HasPrefix(id, "prompts.") {
			continue
		}
		out[id] = strings.Join(mapValues(forms), "\n")
	}
	return out
}

// glossaryRule is a wording a language's messages must not use, or a term
// they must use somewhere (locale/glossary.md).
type glossaryRule struct {
	lang      string
	forbidden *regexp.Regexp
	except    string // an ID prefix where the word means something else
	required  string
}

var glossaryRules = []glossaryRule{
	{lang: "fr", forbidden: regexp.MustCompile(`\bIrak\b`)},
	{lang: "fr", forbidden: regexp.MustCompile(`élémentaire`)},
	{lang: "fr", forbidden: regexp.MustCompile(`[Nn]on noté`)},
	{lang: "fr", forbidden: regexp.MustCompile(`[Nn]otations?\b`)},
	{lang: "fr", forbidden: regexp.MustCompile(`source de vérification`)},
	{lang: "fr", forbidden: regexp.MustCompile(`\btenue?s? le\b`)},
	{lang: "fr", forbidden: regexp.MustCompile(`\d formés\b`)},
	{lang: "ru", forbidden: regexp.MustCompile(`[Лл]огическ\S+ матриц`)},
	{lang: "ru", forbidden: regexp.MustCompile(`(^|[^\p{L}])[Цц]ел(ь|и|ью|ей|ям)[^\p{L}]`), except: "level."},
	{lang: "ru", forbidden: regexp.MustCompile(`[Пп]оказател`), except: "ask."},
	{lang: "ru", forbidden: regexp.MustCompile(`[Пп]одтверждени`)},
	{lang: "ru", forbidden: regexp.MustCompile(`под угрозой|"по плану"|без оценки`)},
	{lang: "ru", forbidden: regexp.MustCompile(`[Сс]тартов\S+ мероприяти`)},
	{lang: "ru", forbidden: regexp.MustCompile(`«Главная»`)},
	{lang: "ru", forbidden: regexp.MustCompile(`(проведено|запланировано на|перенесено на) \{\{\.Date`)},
	{lang: "fr", required: "Iraq"},
	{lang: "fr", required: "de base"},
	{lang: "fr", required: "non évalué"},
	{lang: "fr", required: "Appréciation"},
	{lang: "fr", required: "Moyen de vérification"},
	{lang: "fr", required: "organisé le"},
	{lang: "fr", required: "réunion de lancement"},
	{lang: "fr", required: "cadre logique"},
	{lang: "ru", required: "огическая рамка"},
	{lang: "ru", required: "целевое значение"},
	{lang: "ru", required: "по графику"},
	{lang: "ru", required: "риск отставания"},
	{lang: "ru", required: "с отставанием"},
	{lang: "ru", required: "не оценивается"},
	{lang: "ru", required: "индикатор"},
	{lang: "ru", required: "Средство проверки"},
	{lang: "ru", required: "подтверждающий документ"},
	{lang: "ru", required: "стартовое совещание"},
	{lang: "ru", required: "дата проведения"},
	{lang: "ru", required: "*Home*"},
}

// TestGlossaryTerms: the messages use the programme's terms
// (locale/glossary.md) and none of the wordings they replaced.
func TestGlossaryTerms(t *testing.T) {
	texts := map[string]map[string]string{}
	for _, r := range glossaryRules {
		if texts[r.lang] == nil {
			texts[r.lang] = wording(t, r.lang)
		}
		found := false
		for id, s := range texts[r.lang] {
			if r.forbidden != nil && (r.except == "" || !strings.HasPrefix(id, r.except)) && r.forbidden.MatchString(s) {
				t.Errorf("%s: %s says %q, which the glossary replaces: %q", r.lang, id, r.forbidden.FindString(s), s)
			}
			found = found || r.required != "" && strings.Contains(s, r.required)
		}
		if r.required != "" && !found {
			t.Errorf("%s: no message uses the glossary's %q", r.lang, r.required)
		}
	}
}

var (
	codeOrURL = regexp.MustCompile("`[^`]*`|https?://\\S*")
	// frSpaceBefore is a high punctuation mark with no non-breaking space
	// before it (an ordinary space, or a letter or closing mark right
	// before a colon).
	frSpaceBefore = regexp.MustCompile(`( [:;!?%])|([\p{L}*_)»][:;!?])`)
	frGuillemets  = regexp.MustCompile(`«[^\x{00a0}\x{202f}]|[^\x{00a0}\x{202f}]»`)
)

// TestFrenchNonBreakingSpaces: French puts a non-breaking space before
// : ; ! ? % and inside « », so a line never breaks before a colon or
// opens a quote alone (code and links aside).
func TestFrenchNonBreakingSpaces(t *testing.T) {
	for id, s := range wording(t, "fr") {
		prose := codeOrURL.ReplaceAllString(s, "`…`")
		if m := frSpaceBefore.FindString(prose); m != "" {
			t.Errorf("fr: %s has %q without a non-breaking space: %q", id, m, s)
		}
		if m := frGuillemets.FindString(prose); m != "" {
			t.Errorf("fr: %s has guillemets %q without a non-breaking space inside: %q", id, m, s)
		}
	}
}

var englishWords = regexp.MustCompile(`\b(YYYY-MM-DD|today|yesterday|tomorrow|planned|held|postponed|cancelled)\b`)

// TestNoEnglishTaught: French and Russian help and errors teach the date
// and status words of their language ("aujourd'hui", "проведено"), in
// prose and in the usage and examples they show; English ones stay
// accepted but are not taught.
func TestNoEnglishTaught(t *testing.T) {
	for _, lang := range []string{"fr", "ru"} {
		for id, s := range wording(t, lang) {
			if !strings.HasSuffix(id, ".args") && !strings.HasSuffix(id, ".examples") {
				s = codeOrURL.ReplaceAllString(s, "`…`")
			}
			if m := englishWords.FindString(s); m != "" {
				t.Errorf("%s: %s teaches %q: %q", lang, id, m, s)
			}
		}
	}
}
