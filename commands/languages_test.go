package commands_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/commands"
)

// TestEachPersonReadsTheirLanguage: /ct lang sets it (once per action,
// kept in the store); a focal point reads their state's language until
// they choose; others the programme's.
func TestEachPersonReadsTheirLanguage(t *testing.T) {
	h := newHarness(t)
	wantText(t, h.ok("lang"), "I write to you in English.", "`fr` français", "`ru` русский", "`ar` العربية")
	h.refusedWith(staff, "lang xx", "“xx” is not a language I write in")
	r := h.core.Handle(context.Background(), commands.Request{UserID: staff, Text: "lang fr", Keys: []string{"k1"}})
	wantText(t, r, "je vous écris en français")
	again := h.core.Handle(context.Background(), commands.Request{UserID: staff, Text: "lang fr", Keys: []string{"k1"}})
	if again.Outcome != "duplicate" {
		t.Errorf("a replayed /ct lang: outcome %q", again.Outcome)
	}
	wantText(t, h.ok("status kenya"), "Kenya — situation au ven. 27 nov. 2026", "Enquêteurs formés")
	wantText(t, h.as(manager, "status kenya"), "Kenya — status on Fri 27 Nov 2026")
	if langs, err := h.db.Languages(context.Background()); err != nil || langs[staff] != "fr" {
		t.Errorf("stored languages = %v, %v", langs, err)
	}
	// A new core on the same store (a restart) still knows.
	h2 := commands.New(commands.Options{Framework: h.fw, Store: h.db, Figures: h.figs, Now: h.clock.Now})
	if got := h2.Language(staff); got != "fr" {
		t.Errorf("after a restart %s reads %q", staff, got)
	}

	// Côte d'Ivoire's language is French in the built-in configuration:
	// its focal points read French until they choose.
	h.fw.Country("CI").FocalPoints = []string{"UFOCALCI"}
	if got := h2.Language("UFOCALCI"); got != "fr" {
		t.Errorf("Côte d'Ivoire's focal point reads %q", got)
	}
	if got := h2.Language("USOMEONE"); got != "en" {
		t.Errorf("someone with no language reads %q", got)
	}
}

// TestKeywordsInEveryLanguage: commands, options, statuses, dates and
// states typed in French, Russian or Arabic record what the English would.
func TestKeywordsInEveryLanguage(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct{ text, country, date string }{
		{`formation kenya aujourd'hui "Course 1" formés=12 femmes=3 nouveaux=10 distanciel`, "KE", "2026-11-27"},
		{`тренинг Кения вчера "Course 2" обучено=12 женщин=3 впервые=10 онлайн`, "KE", "2026-11-26"},
		{`تدريب كينيا اليوم "Course 3" متدربين=12 نساء=3 جدد=10 افتراضي`, "KE", "2026-11-27"},
		{`formation Tadjikistan hier "Course 4" formés=12 femmes=3 nouveaux=10 distanciel`, "TJ", "2026-11-26"},
		{`training Таджикистан 2026-11-20 "Course 5" trained=12 women=3 new=10 online`, "TJ", "2026-11-20"},
		{`training العراق 2026-11-20 "Course 6" trained=12 women=3 new=10 online`, "IQ", "2026-11-20"},
	} {
		r := h.ok(tc.text)
		e := h.last()
		if e.Country != tc.country || e.Date.String() != tc.date || e.Trained != 12 || e.Women == nil || *e.Women != 3 || e.New != 10 || !e.Online {
			t.Errorf("%s: recorded %s %s trained %d new %d online %v:\n%s", tc.text, e.Country, e.Date, e.Trained, e.New, e.Online, r.Text())
		}
	}
	h.ok(`atelier ghana prévu 2026-12-10 "Préparation"`)
	if e := h.last(); e.Status != "planned" {
		t.Errorf("atelier … prévu recorded status %q", e.Status)
	}
	h.ok(`семинар Гана проведено 2026-11-20 "Оценка" участников=20`)
	if e := h.last(); e.Status != "held" || e.Participants != 20 || e.Country != "GH" {
		t.Errorf("семинар … проведено recorded %s %q %d", e.Country, e.Status, e.Participants)
	}
	// The keywords of one language are not taken for another's words.
	h.refusedWith(staff, `formation kenya aujourd'hui "OSINT" femmes=3`, "trained=N is missing")
}

// TestQuestionsInEveryLanguage: a question in French, Russian or Arabic,
// by mention or to /ct, is answered about what it names.
func TestQuestionsInEveryLanguage(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT" trained=25 women=9`)
	for _, tc := range []struct{ q, want string }{
		{"comment va le Kenya ?", "Kenya — status on"},
		{"как дела в Таджикистане?", "Tajikistan — status on"},
		{"ما وضع كينيا؟", "Kenya — status on"},
		{"combien de femmes ont été formées au Kenya ?", "36% (9/25)"},
		{"сколько женщин обучено в Кении?", "36% (9/25)"},
		{"quels pays sont en retard ?", "behind"},
	} {
		wantText(t, h.ask(manager, tc.q), tc.want)
		wantText(t, h.as(manager, tc.q), tc.want)
	}
	if text := h.ask(manager, "comment va le Kenya ?").Text(); strings.Contains(text, "Ghana — status") {
		t.Errorf("a question about Kenya answered about Ghana too:\n%s", text)
	}
}

// A focal point granted in Slack reads their state's language too.
func TestAFocalPointGrantedInSlackReadsTheirStatesLanguage(t *testing.T) {
	h := newHarness(t)
	if r := h.as(coordinator, "access add UGRANTED focal iraq"); r.Failed {
		t.Fatal(r.Text())
	}
	wantText(t, h.as("UGRANTED", "status iraq"), "العراق")
	if got := h.core.Language("UGRANTED"); got != "ar" {
		t.Errorf("Iraq's focal point granted in Slack reads %q", got)
	}
}

// A mistyped command is refused as one, not answered as a question,
// whatever words of a question it holds.
func TestTyposStayUnknownCommands(t *testing.T) {
	h := newHarness(t)
	for _, text := range []string{"wrokshop kenya planned 2026-12-01 Next steps", "statuss kenya", "reports", "trainig kenya today trained=5 late start"} {
		if r := h.as(staff, text); r.Command != "unknown" || !r.Failed {
			t.Errorf("%q answered as %s, not refused as an unknown command:\n%.120s", text, r.Command, r.Text())
		}
	}
	// A question ending with a question mark, though it starts with a
	// command word, is a question.
	wantText(t, h.ask(manager, "Formation des enquêteurs au Kenya ?"), "Trainings — Kenya")
}

// Arabic input: the invisible marks of direction (an Arabic keyboard's, or
// ctbot's own isolates copied back) and Arabic-Indic digits are read.
func TestArabicInputIsRead(t *testing.T) {
	h := newHarness(t)
	for _, text := range []string{
		"training kenya 2026-11-21 course=\u2068dva-basic\u2069 trained=5",
		"status \u2068Kenya\u2069",
		"status \u200fكينيا",
		"تدريب العراق ٢٠٢٦-١١-٢٠ \"OSINT\" متدربين=١٢",
	} {
		if r := h.as(coordinator, text); r.Failed {
			t.Errorf("%q refused:\n%.160s", text, r.Text())
		}
	}
	if e := h.last(); e.Trained != 12 || e.Date.String() != "2026-11-20" || e.Country != "IQ" {
		t.Errorf("Arabic digits read as trained %d on %s in %s", e.Trained, e.Date, e.Country)
	}
}

// An indicator is found by its title in any language.
func TestIndicatorQuestionsInEveryLanguage(t *testing.T) {
	h := newHarness(t)
	for _, q := range []string{"où en sont les stratégies adoptées ?", "как с принятыми стратегиями?", "ما وضع الاستراتيجيات المعتمدة؟", "how are the strategies adopted?"} {
		if r := h.ask(manager, q); !strings.Contains(r.Text(), "Strategies adopted —") {
			t.Errorf("%q not answered about the indicator:\n%.160s", q, r.Text())
		}
	}
}
