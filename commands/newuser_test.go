package commands_test

import (
	"strings"
	"testing"
)

// What a new user meets first: the slips found trying ctbot as one.

func TestDatesWrittenAnotherWayAreShownTheRightForm(t *testing.T) {
	h := newHarness(t)
	h.refusedWith(staff, `training kenya 20/11/2026 "OSINT" trained=10`,
		"“20/11/2026” is a date written another way: ctbot reads dates as YYYY-MM-DD. Write it as `2026-11-20`.", "Usage:")
	h.refusedWith(staff, `workshop kenya held 05.06.2026 "Benchmark" participants=20`, "Write it as `2026-06-05` or `2026-05-06`.")
	h.refusedWith(staff, `training kenya 2026/11/20 "OSINT" trained=10`, "Write it as `2026-11-20`.")
	h.refusedWith(staff, `training kenya 31/02/2026 "OSINT" trained=10`, "“31/02/2026” is not a valid date")
	h.refusedWith(staff, "indicator unsr-recs kenya +1 on=28/11/2026 x", "Write it as `2026-11-28`.")
}

func TestAQuestionToTheSlashCommandIsAnswered(t *testing.T) {
	h := newHarness(t)
	h.ok(`training ghana 2026-11-02 "OSINT" trained=40 women=10`)
	wantText(t, h.ok("how is kenya doing?"), "Kenya — status on Fri 27 Nov 2026")
	wantText(t, h.ok("which countries are behind?"), "Investigators trained")
	// Words that are no command are tried as a question before "not a
	// command"; a word that is neither is no command.
	wantText(t, h.ok("hwo kenya"), "Kenya — status on")
	if r := h.as(staff, "hwo"); !r.Failed || !strings.Contains(r.Text(), "is not a command") {
		t.Errorf("a word that is no command nor question is not refused as no command:\n%s", r.Text())
	}
}

func TestHowManyIsAnsweredWithTheNumber(t *testing.T) {
	h := newHarness(t)
	h.ok(`training ghana 2026-11-02 "OSINT" trained=40 women=10`)
	h.ok(`training ghana 2026-11-09 "Darknet" trained=12`)
	h.ok(`training kenya 2026-11-09 "Darknet" trained=3 women=1`)
	r := h.ok("how many women were trained in Ghana?")
	wantText(t, r, "Women among trainees — Ghana", "women among those trained: 25% (10/40), not reported for 1 of 2 trainings", "Details: `/ct status gh`")
	if strings.Contains(r.Text(), "status on") {
		t.Errorf("the answer is a status dump:\n%s", r.Text())
	}
	// Fewer than five people behind a count of women: not shown.
	wantText(t, h.ok("how many women were trained in Kenya?"), "fewer than 5 people")
	wantText(t, h.ok("how many people were trained?"), "Trainings — the whole programme, to date (Fri 27 Nov 2026): 3 trainings (55 trained")
	wantText(t, h.ok("how many workshops were held in Kenya?"), "Workshops — Kenya, to date (Fri 27 Nov 2026): no workshop held yet")
	wantText(t, h.ok("how many states adopted a strategy?"), "Strategies adopted — 0 of 5 states adopted")
}

func TestNothingComingUpSaysWhatIsNext(t *testing.T) {
	h := newHarness(t)
	wantText(t, h.ok("what's coming up?"), "in the next 14 days: events: 0", "Nothing is planned after that; plan one with `/ct workshop")
	h.ok(`workshop nigeria planned 2026-12-28 "LEA readiness"`)
	wantText(t, h.ok("what's coming up?"), "in the next 14 days: events: 0", "Next after that: Nigeria — workshop “LEA readiness” planned for Mon 28 Dec 2026 — in 31 days.")
}

func TestCountriesInTheSameStateShareALine(t *testing.T) {
	h := newHarness(t)
	h.ok("log kenya met the unit")
	text := h.ok("status").Text()
	want := "Ghana, Iraq, Nigeria, Philippines, Tajikistan, Uzbekistan, Côte d'Ivoire, Malaysia — kick-off not scheduled · last entry: none yet"
	if !strings.Contains(text, want) {
		t.Errorf("status lacks %q:\n%s", want, text)
	}
	if !strings.Contains(text, "Kenya — kick-off not scheduled · last entry: Fri 27 Nov 2026") {
		t.Errorf("Kenya's own line is missing:\n%s", text)
	}
}

func TestStatusNamesIndicatorsByTitleAndListsTheirCodes(t *testing.T) {
	h := newHarness(t)
	text := h.ok("status").Text()
	for _, want := range []string{"⚪ Investigators trained — 0 of 360", "(indicators: `strategies`, `unsr-recs`"} {
		if !strings.Contains(text, want) {
			t.Errorf("status lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "⚪ investigators-trained —") {
		t.Errorf("status names an indicator by its code:\n%s", text)
	}
}

func TestEmptyHistorySaysHowToStart(t *testing.T) {
	h := newHarness(t)
	wantText(t, h.ok("history"), "No entries yet. Record the first with `/ct new`")
	wantText(t, h.ok("history kenya"), "No entries yet for Kenya.")
	h.ok("log kenya met the unit")
	for _, cmd := range []string{"history 3 kenya", "history kenya 3"} {
		wantText(t, h.ok(cmd), "Entries 1–1 of 1 — Kenya")
	}
}
