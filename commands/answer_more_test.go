package commands_test

import (
	"strings"
	"testing"
)

// "Top 2" lists the first two places only (ties kept); a ranking by an
// indicator names it.
func TestRankingKeepsTheTopAsked(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT" trained=25 women=9 new=25`)
	h.ok(`training ghana 2026-11-20 "OSINT" trained=12 women=3 new=12`)
	h.ok(`training nigeria 2026-11-20 "OSINT" trained=5 women=2 new=5`)
	text := h.ask(manager, "top 2 states by people trained").Text()
	if !strings.Contains(text, "Kenya") || !strings.Contains(text, "Ghana") || strings.Contains(text, "Nigeria") {
		t.Errorf("top 2 is not Kenya and Ghana alone:\n%s", text)
	}
	text = h.ask(manager, "rank states by investigators trained").Text()
	if !strings.Contains(text, "Investigators trained") || !strings.Contains(text, "Nigeria") {
		t.Errorf("a ranking by an indicator:\n%s", text)
	}
}

// When a state last reported is said as a plural message: "1 day ago",
// never "1 days ago".
func TestLastReportSaysDaysAgo(t *testing.T) {
	h := newHarness(t)
	h.ok(`log ghana on=2026-11-26 met the unit`)
	text := h.ask(manager, "when did ghana last report?").Text()
	if !strings.Contains(text, "(1 day ago)") && !strings.Contains(text, "(today)") || strings.Contains(text, "1 days") {
		t.Errorf("last report:\n%s", text)
	}
}

// A month still to come this year, asked about what is coming, is this
// year's ("what's happening in December" in November); a month asked
// about what was done is the last one past.
func TestAMonthAheadIsTheComingOne(t *testing.T) {
	h := newHarness(t)
	h.ok(`workshop ghana planned 2026-12-03 "Readiness"`)
	if text := h.ask(manager, "what's happening in december").Text(); !strings.Contains(text, "1–31 Dec 2026") || !strings.Contains(text, "Ghana") {
		t.Errorf("what's happening in december:\n%s", text)
	}
	if text := h.ask(manager, "trainings in december").Text(); !strings.Contains(text, "1–31 Dec 2025") {
		t.Errorf("trainings in december:\n%s", text)
	}
}

// "Countries with zero data?" names the states with no data alone; asked
// with "behind", both.
func TestNoDataAloneNamesTheStatesWithout(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT" trained=25 women=9 new=20`)
	for _, q := range []string{"countries with zero data?", "pays sans données ?", "страны без данных?", "الدول بلا بيانات؟"} {
		text := h.ask(manager, q).Text()
		if !strings.Contains(text, "Ghana") && !strings.Contains(text, "غانا") && !strings.Contains(text, "Гана") || strings.Contains(text, "Kenya") || strings.Contains(text, "Кения") || strings.Contains(text, "كينيا:") {
			t.Errorf("%q:\n%s", q, text)
		}
	}
	if text := h.ask(manager, "which states are behind or have no data?").Text(); !strings.Contains(text, "Kenya") || !strings.Contains(text, "Ghana") {
		t.Errorf("behind or no data:\n%s", text)
	}
}
