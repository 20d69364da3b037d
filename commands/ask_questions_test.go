package commands_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/storage"
)

// askDir holds the test set of questions: its framework, the scenario
// played after the golden one, the figures worked out by hand and the
// questions.
const askDir = "testdata/ask"

// askQuestion is one question of the test set.
type askQuestion struct {
	ID       string `toml:"id"`
	Lang     string `toml:"lang"`
	Category string `toml:"category"`
	// Asker is "manager" (the default), "focal" (a focal point of one
	// state), "outsider" (no role: refused) or "staff".
	Asker string `toml:"asker"`
	Text  string `toml:"text"`
	// Must are facts a correct answer holds; MustNot what it must not
	// (a wrong figure a plausible mistake gives, a name).
	Must    []string `toml:"must"`
	MustNot []string `toml:"must_not"`
	// Private: the answer shows people, so it goes to the asker alone.
	Private bool `toml:"private"`
}

// askCategories are the categories of issue 20, each covered in every
// language.
var askCategories = []string{"overall", "state", "compare", "indicator", "target", "women", "trainings",
	"window", "changed", "events", "behind", "readiness", "who", "evidence", "event"}

// askLanguages are the languages of the set; each asker writes in one.
var askLanguages = []string{"en", "fr", "ru", "ar"}

// askers are the users asking, by role and language: the managers and
// focal points write in the language the scenario set for them (focal
// points: Ghana in English, Kenya in French, Tajikistan in Russian, Iraq
// in Arabic); the outsider has no role; staff may record.
var askers = map[string]map[string]string{
	"manager":  {"en": "UMGR", "fr": "UMGRFR", "ru": "UMGRRU", "ar": "UMGRAR"},
	"focal":    {"en": "UFPGH", "fr": "UFPKE", "ru": "UFPTJ", "ar": "UFPIQ"},
	"outsider": {"en": "UOUT"},
	"staff":    {"en": "USTAFF"},
}

// loadAskSet reads a set of questions from testdata/ask (questions.toml,
// or heldout.toml), the asker defaulting to a manager.
func loadAskSet(t *testing.T, file string) []askQuestion {
	t.Helper()
	var set struct {
		Question []askQuestion `toml:"question"`
	}
	md, err := toml.DecodeFile(filepath.Join(askDir, file), &set)
	if err != nil {
		t.Fatal(err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		t.Fatalf("%s: unknown keys %v", file, und)
	}
	for i := range set.Question {
		if set.Question[i].Asker == "" {
			set.Question[i].Asker = "manager"
		}
	}
	return set.Question
}

// checkAskSet checks every question of a set: a unique ID, an asker who
// writes in its language, a known category, a text and facts to check. It
// returns how many questions each language has and which language and
// category pairs are covered ("fr women").
func checkAskSet(t *testing.T, qs []askQuestion) (perLang map[string]int, covered map[string]bool) {
	t.Helper()
	ids := map[string]bool{}
	perLang, covered = map[string]int{}, map[string]bool{}
	for _, q := range qs {
		if ids[q.ID] || q.ID == "" {
			t.Errorf("question id %q empty or used twice", q.ID)
		}
		ids[q.ID] = true
		if askers[q.Asker][q.Lang] == "" {
			t.Errorf("%s: no %s asker writes in %q", q.ID, q.Asker, q.Lang)
		}
		if !slices.Contains(askCategories, q.Category) {
			t.Errorf("%s: unknown category %q", q.ID, q.Category)
		}
		if strings.TrimSpace(q.Text) == "" || len(q.Must) == 0 {
			t.Errorf("%s: a question needs a text and facts it must hold", q.ID)
		}
		perLang[q.Lang]++
		covered[q.Lang+" "+q.Category] = true
	}
	return perLang, covered
}

// TestAskQuestionSet checks the test set itself: at least 220 questions,
// about half in English and at least 30 in each other language, every
// category in every language, unique IDs, known askers, and facts to check.
func TestAskQuestionSet(t *testing.T) {
	qs := loadAskSet(t, "questions.toml")
	if len(qs) < 220 {
		t.Errorf("%d questions, want at least 220", len(qs))
	}
	perLang, covered := checkAskSet(t, qs)
	if en := perLang["en"]; en*100 < len(qs)*45 || en*100 > len(qs)*55 {
		t.Errorf("%d of %d questions in English, want about half", en, len(qs))
	}
	for _, lang := range askLanguages[1:] {
		if perLang[lang] < 30 {
			t.Errorf("%d questions in %s, want at least 30", perLang[lang], lang)
		}
	}
	for _, lang := range askLanguages {
		for _, c := range askCategories {
			if !covered[lang+" "+c] {
				t.Errorf("no question of category %s in %s", c, lang)
			}
		}
	}
}

// askOutcome is how one question was answered.
type askOutcome struct {
	q       askQuestion
	reasons []string
	wrong   []string // must_not figures the answer holds
	answer  string
}

// TestAskQuestions plays the golden scenario and testdata/ask's, then asks
// every question of testdata/ask/questions.toml on Fri 27 Nov 2026 10:00
// Brussels as a mention, and the same text by `/ct` and by direct message.
// A question passes when the three answers are the same, the answer holds
// every fact it must and none it must not, did not fail, is not "not
// understood", shows no usage line, stays with the asker where it shows
// people, and nothing was recorded. The test fails below 95% or on any
// wrong figure; the score per language and category is logged and written
// to $ASK_SCORE (else a temporary file).
func TestAskQuestions(t *testing.T) {
	outcomes := askAll(t, loadAskSet(t, "questions.toml"))
	pass, wrong := logAskScore(t, "ASK_SCORE", outcomes)
	if pass*100 < len(outcomes)*95 {
		t.Errorf("%d of %d questions answered correctly (%.1f%%), want at least 95%%", pass, len(outcomes), 100*float64(pass)/float64(len(outcomes)))
	}
	if wrong > 0 {
		t.Errorf("%d answers with a wrong figure", wrong)
	}
}

// askAll plays the golden scenario and testdata/ask's, then asks every
// question of qs on Fri 27 Nov 2026 10:00 Brussels.
func askAll(t *testing.T, qs []askQuestion) []askOutcome {
	t.Helper()
	cfg, err := config.Load(filepath.Join(askDir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	core, clock, db, _ := playScenarios(t, cfg, filepath.Join(goldenDir, "scenario.txt"), filepath.Join(askDir, "scenario-extra.txt"))
	clock.Set(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	var outcomes []askOutcome
	for _, q := range qs {
		outcomes = append(outcomes, askOne(t, core, db, q))
	}
	return outcomes
}

// logAskScore logs the score of outcomes and writes it to the file named
// by the environment variable env, else to a temporary file; it returns
// how many passed and how many gave a wrong figure.
func logAskScore(t *testing.T, env string, outcomes []askOutcome) (pass, wrong int) {
	t.Helper()
	report, pass, wrong := askScore(outcomes)
	t.Log("\n" + report)
	path := os.Getenv(env)
	if path == "" {
		path = filepath.Join(t.TempDir(), "ask-score.txt")
	}
	if err := os.WriteFile(path, []byte(report), 0o644); err != nil {
		t.Error(err)
	}
	return pass, wrong
}

// askOne asks q as a mention, by `/ct` and by direct message, and judges
// the answer.
func askOne(t *testing.T, core *commands.Core, db *storage.DB, q askQuestion) askOutcome {
	t.Helper()
	ctx := context.Background()
	user := askers[q.Asker][q.Lang]
	l := locale.Default().For(q.Lang)
	entries, seq := count(t, db), changeSeq(t, db)
	mention := core.Ask(ctx, commands.Request{UserID: user, ChannelID: "CASK", Text: "<@UCTBOT> " + q.Text, Source: commands.FromMention})
	slash := core.Handle(ctx, commands.Request{UserID: user, ChannelID: "CASK", Text: q.Text, Source: commands.FromSlash})
	dm := core.Ask(ctx, commands.Request{UserID: user, Text: q.Text, Source: commands.FromDM})
	o := askOutcome{q: q, answer: mention.Text()}
	fail := func(format string, args ...any) { o.reasons = append(o.reasons, fmt.Sprintf(format, args...)) }
	if count(t, db) != entries || changeSeq(t, db) != seq {
		fail("RECORDED something")
	}
	if q.Asker == "outsider" {
		if !mention.Failed || mention.Outcome != "forbidden" {
			fail("an outsider got an answer (outcome %q)", mention.Outcome)
		}
	} else if mention.Failed || mention.Outcome == "bad_input" {
		fail("failed (outcome %q)", mention.Outcome)
	}
	if slash.Text() != mention.Text() {
		fail("/ct answers otherwise")
	}
	if dm.Text() != mention.Text() {
		fail("a DM answers otherwise")
	}
	text := normaliseAnswer(o.answer, q.Lang)
	if strings.Contains(text, normaliseAnswer(l.S("ask.not_understood"), q.Lang)) {
		fail("not understood")
	}
	if usage, _, _ := strings.Cut(l.S("help.usage_example", "Usage", "x", "Example", "x"), "`"); strings.Contains(text, normaliseAnswer(usage, q.Lang)) {
		fail("shows a usage line")
	}
	if q.Private && mention.Shareable {
		fail("shows people but may be posted in the channel")
	}
	for _, f := range q.Must {
		if !hasFact(text, f, q.Lang) {
			fail("lacks %q", f)
		}
	}
	for _, f := range q.MustNot {
		if hasFact(text, f, q.Lang) {
			if isFigure(f) {
				o.wrong = append(o.wrong, f)
				fail("WRONG FIGURE %q", f)
			} else {
				fail("has %q", f)
			}
		}
	}
	return o
}

func changeSeq(t *testing.T, db *storage.DB) int64 {
	t.Helper()
	n, err := db.ChangeSeq(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// askScore writes the score per language and per category, then every
// failing question with its reasons and answer; it returns how many
// passed and how many gave a wrong figure.
func askScore(outcomes []askOutcome) (report string, pass, wrong int) {
	type tally struct{ pass, total, wrong int }
	byLang, byCat := map[string]*tally{}, map[string]*tally{}
	for _, k := range askLanguages {
		byLang[k] = &tally{}
	}
	for _, k := range askCategories {
		byCat[k] = &tally{}
	}
	var failing strings.Builder
	for _, o := range outcomes {
		for _, t := range []*tally{byLang[o.q.Lang], byCat[o.q.Category]} {
			if t == nil {
				continue
			}
			t.total++
			if len(o.reasons) == 0 {
				t.pass++
			}
			if len(o.wrong) > 0 {
				t.wrong++
			}
		}
		if len(o.reasons) == 0 {
			pass++
			continue
		}
		if len(o.wrong) > 0 {
			wrong++
		}
		fmt.Fprintf(&failing, "✗ %s [%s/%s, %s] %s\n    %s\n    answer: %s\n", o.q.ID, o.q.Lang, o.q.Category, o.q.Asker, o.q.Text,
			strings.Join(o.reasons, "; "), strings.ReplaceAll(strings.TrimSpace(o.answer), "\n", "\n            "))
	}
	var b strings.Builder
	row := func(name string, t *tally) {
		pct := 0.0
		if t.total > 0 {
			pct = 100 * float64(t.pass) / float64(t.total)
		}
		fmt.Fprintf(&b, "%-10s %4d/%-4d %6.1f%%  wrong figures: %d\n", name, t.pass, t.total, pct, t.wrong)
	}
	b.WriteString("Score per language\n")
	for _, k := range askLanguages {
		row(k, byLang[k])
	}
	b.WriteString("\nScore per category\n")
	for _, k := range askCategories {
		row(k, byCat[k])
	}
	b.WriteString("\n")
	row("overall", &tally{pass: pass, total: len(outcomes), wrong: wrong})
	if failing.Len() > 0 {
		b.WriteString("\nFailing questions\n" + failing.String())
	}
	return b.String(), pass, wrong
}

// TestAskScorerCatchesRecordingsAndWrongFigures proves the judge of one
// question: a message that records something fails however right its
// words, and a must_not figure in the answer is a wrong figure.
func TestAskScorerCatchesRecordingsAndWrongFigures(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT" trained=25 women=9 new=20`)
	o := askOne(t, h.core, h.db, askQuestion{ID: "x-1", Lang: "en", Asker: "staff", Text: "log kenya met the unit", Must: []string{"Kenya"}})
	if !slices.Contains(o.reasons, "RECORDED something") {
		t.Errorf("a recording passed as an answer: %v\n%s", o.reasons, o.answer)
	}
	o = askOne(t, h.core, h.db, askQuestion{ID: "x-2", Lang: "en", Asker: "manager", Text: "how is Kenya doing?", Must: []string{"Kenya"}, MustNot: []string{"25", "Ghana"}})
	if !slices.Equal(o.wrong, []string{"25"}) || len(o.reasons) == 0 {
		t.Errorf("wrong figures %v, reasons %v; want 25 as a wrong figure:\n%s", o.wrong, o.reasons, o.answer)
	}
	if slices.ContainsFunc(o.reasons, func(r string) bool { return strings.Contains(r, "Ghana") }) {
		t.Errorf("a name the answer does not hold counted: %v", o.reasons)
	}
}
