package commands_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/reply"
)

func TestStatusAtAFixedDate(t *testing.T) {
	// 2026-11-27 is day 696 of 730: 695/729 of the timeline has passed, so
	// 40 per state is expected at 38.1 and 5 states at 4.77.
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT" trained=25 women=9 new=20 online`)
	h.ok(`training ghana 2026-11-02 "OSINT" trained=40 women=10`)
	h.ok(`training nigeria 2026-10-02 "Darknet" trained=45 women=20 new=41`)
	h.ok(`training iraq 2026-10-05 "Darknet" trained=40 women=8`)
	h.ok(`indicator women-policy ghana 4/15`)
	h.ok(`indicator women-policy kenya 1/5`)
	h.ok(`indicator strategies philippines validated`)
	h.ok(`indicator strategies kenya adopted`)
	h.ok(`indicator unsr-recs kenya 2`)
	h.ok(`kickoff ghana held 2026-03-04`)
	h.ok(`kickoff uzbekistan planned 2026-12-01`)
	h.ok(`workshop nigeria planned 2026-12-10 "LEA readiness"`)
	h.ok(`workshop malaysia held 2026-11-10 "Benchmark" participants=30 women=12`)

	overview := h.ok("status")
	wantText(t, overview,
		"CT TECH+ — status on Fri 27 Nov 2026",
		"Day 696 of 730",
		// 5 × 695/729 = 4.77 expected; 1 / 4.77 = 0.21.
		"🔴 Strategies adopted — 1 of 5 states adopted, expected 4.8 by now: off track (pace 0.21); no data from 7 of 9 states",
		// 9 × 2 × 695/729 = 17.2 expected; 2 / 17.2 = 0.12.
		"🔴 UN rapporteur recommendations — 2 of 18 across 9 states, expected 17 by now: off track (pace 0.12); 1 of 9 states at their target; no data from 8 of 9 states",
		// Percent by sums: (4+1)/(15+5) = 25%, not the mean of 26.7% and
		// 20%; only 2 of 9 states report, so it is not rated.
		"➖ Women in policy design — 25% (5/20) from 2 of 9 states, against 20%: not rated, 2 of 9 states reporting; 2 of 9 states at their target; no data from 7 of 9 states",
		// 20 + 40 + 40 (41, capped) + 40 new = 140 of 360, expected 343.2; 140/343.2 = 0.41.
		"🔴 Investigators trained — 140 of 360 across 9 states (141 counting what states did beyond their target), expected 343 by now: off track (pace 0.41); 3 of 9 states at their target; no data from 5 of 9 states",
		// Everyone new: the women among the new people are the 10 women.
		"Ghana — kick-off held on Wed 4 Mar 2026 · 1 training (40 trained; 25% women; 40 new, 10 women among them)",
		"Malaysia — kick-off not scheduled · 1 workshop held (30 participants; 40% women)",
		"Tajikistan, Côte d'Ivoire — kick-off not scheduled · last entry: none yet",
		"Coming up in the next 14 days",
		"Uzbekistan — kick-off planned for Tue 1 Dec 2026 — in 4 days",
		"Nigeria — workshop “LEA readiness” planned for Thu 10 Dec 2026 — in 13 days",
	)

	country := h.ok("status Kenya")
	wantText(t, country,
		"Kenya — status on Fri 27 Nov 2026",
		"Trainings: 1 training (25 trained; 36% women; 20 new, women among them not reported; 1 online)",
		"✅ Strategies adopted — adopted",
		"✅ UN rapporteur recommendations — 2 of 2, expected 1.9 by now: achieved",
		"🟠 Investigators trained — 20 of 40, expected 38 by now: at risk (pace 0.52)",
		"✅ Women in policy design — 20% (1/5) against 20%: achieved",
		"⚪ Public-private mechanisms — no stage recorded",
	)
	if strings.Contains(country.Text(), "intl-investigation") {
		t.Errorf("country view shows a programme-wide indicator:\n%s", country.Text())
	}

	ind := h.ok("status investigators trained")
	wantText(t, ind,
		"investigators-trained — CT investigators trained",
		"3 of 9 states at their target",
		"✅ Ghana — 40 of 40, expected 38 by now: achieved",
		"🟠 Kenya — 20 of 40",
		"⚪ Tajikistan — nothing recorded; target 40: no data",
		"Fed by trainings",
	)
	milestone := h.ok("status strategies")
	wantText(t, milestone, "✅ Kenya — adopted", "🟠 Philippines — validated (stage 2 of 3: drafting → validated → adopted)", "⚪ Ghana — no stage recorded")
}

func TestStatusFlagsOverdueAndQuiet(t *testing.T) {
	h := newHarness(t)
	h.ok(`kickoff uzbekistan planned 2026-12-01`)
	h.ok(`log kenya still active`)
	h.clock.Set(h.clock.Now().AddDate(0, 0, 30)) // 2026-12-27
	h.ok(`log ghana fresh`)
	r := h.ok("status")
	wantText(t, r,
		"Uzbekistan — kick-off overdue (planned for Tue 1 Dec 2026)",
		"Overdue",
		"Kenya — kick-off not scheduled · last entry: Fri 27 Nov 2026 (quiet for 30 days)",
	)
	if strings.Contains(r.Text(), "Ghana* — kick-off not scheduled · last entry: Sun 27 Dec 2026 (*quiet") {
		t.Errorf("Ghana flagged quiet")
	}
}

func TestStatusNotYetDueAtTheStart(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC))
	r := h.ok("status")
	// Counts and milestones are not yet due; a share is compared with its
	// target from the start, and has no data yet.
	if got := strings.Count(r.Text(), "not yet due"); got != 5 {
		t.Errorf("%d indicators not yet due, want 5:\n%s", got, r.Text())
	}
	wantText(t, r, "Day 1 of 730", "⚪ Women in policy design — no data yet against 20%: no data")
}

func TestDatesFollowTheProgrammeTimeZoneAcrossDST(t *testing.T) {
	h := newHarness(t)
	// 23:30 UTC on 28 March 2026 is 00:30 on 29 March in Brussels (CET),
	// half an hour before clocks go forward.
	h.clock.Set(time.Date(2026, 3, 28, 23, 30, 0, 0, time.UTC))
	h.ok("log kenya late night")
	if d := h.last().Date.String(); d != "2026-03-29" {
		t.Errorf("log date = %s, want 2026-03-29 (Brussels)", d)
	}
	h.ok(`training kenya yesterday "OSINT" trained=5`)
	if d := h.last().Date.String(); d != "2026-03-28" {
		t.Errorf("yesterday = %s, want 2026-03-28", d)
	}
	// 22:30 UTC on 24 October 2026 is 00:30 on 25 October (CEST), the day clocks go back.
	h.clock.Set(time.Date(2026, 10, 24, 22, 30, 0, 0, time.UTC))
	h.ok("log ghana autumn")
	if d := h.last().Date.String(); d != "2026-10-25" {
		t.Errorf("log date = %s, want 2026-10-25", d)
	}
}

func TestHelpIsGeneratedFromTheCommands(t *testing.T) {
	h := newHarness(t)
	l := h.core.Loc(outsider)
	r := h.as(outsider, "help")
	for _, cmd := range h.core.Commands() {
		wantText(t, r, "`/ct "+cmd.Name, l.S("help."+cmd.Name+".summary"))
	}
	for _, cmd := range h.core.Commands() {
		r := h.as(outsider, "help "+cmd.Name)
		wantText(t, r, l.S("help."+cmd.Name+".summary"), "Examples:")
		for _, ex := range strings.Split(l.S("help."+cmd.Name+".examples"), "\n") {
			wantText(t, r, "`/ct "+ex+"`")
		}
	}
	if r := h.as(outsider, ""); !strings.Contains(r.Text(), "ctbot — CT TECH+") {
		t.Errorf("empty command does not show help: %s", r.Text())
	}
}

func TestHistory(t *testing.T) {
	h := newHarness(t)
	for _, text := range []string{"log kenya one", "log ghana two", "log kenya three"} {
		h.ok(text)
		h.advance(time.Hour)
	}
	r := h.ok("history kenya 1")
	wantText(t, r, "Entries 1–1 of 2 — Kenya", "`#3` Kenya — update: “three” — @USTAFF, 1 hour ago")
	if strings.Contains(r.Text(), "one") {
		t.Errorf("limit ignored:\n%s", r.Text())
	}
	wantText(t, h.ok("history"), "#1", "#2", "#3")
	wantText(t, h.ok("history tajikistan"), "No entries yet for Tajikistan")
}

func TestUserTextIsLiteral(t *testing.T) {
	h := newHarness(t)
	r := h.ok(`log kenya <!channel> & <@U999> said hi`)
	// The note is one literal span: no transport can read it as markup.
	para := r.Doc[0].(reply.Para)
	found := false
	for _, sp := range para.Text {
		if sp.Kind != reply.KindText {
			t.Errorf("user text became a %v span: %+v", sp.Kind, sp)
		}
		found = found || sp.Text == `<!channel> & <@U999> said hi`
	}
	if !found {
		t.Errorf("the note is not one literal span: %+v", para.Text)
	}
	if h.last().Note != `<!channel> & <@U999> said hi` {
		t.Errorf("stored note = %q, want it exactly as typed", h.last().Note)
	}
	wantText(t, r, "<!channel> & <@U999> said hi") // the console shows it as typed
}

func TestDigestPreview(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-24 "OSINT" trained=20 women=8`)
	r := h.as(manager, "digest")
	if r.Failed || r.Public {
		t.Fatalf("digest preview failed or public: %s", r.Text())
	}
	wantText(t, r, "CT TECH+ weekly digest — week 47", "1 entry recorded this week by 1 person, covering 1 country", "Kick-offs")
	if r := h.as(outsider, "digest"); !r.Failed {
		t.Error("outsider got the digest preview")
	}
}

func TestStatusOfAStatePointsPastItsLongList(t *testing.T) {
	h := newHarness(t)
	for i := range 20 + 3 { // an answer lists 20 events
		h.ok(fmt.Sprintf(`workshop kenya planned 2026-12-%02d "Session %d"`, 1+i%10, i))
	}
	country := h.ok("status kenya").Text()
	if want := "…and 3 more: `/ct history ke`"; !strings.Contains(country, want) {
		t.Errorf("status kenya does not end its list with %q:\n%s", want, country)
	}
	if strings.Contains(country, "status <country>") {
		t.Errorf("status kenya points to itself for the rest:\n%s", country)
	}
	overview := h.ok("status").Text()
	if want := "more: see `/ct status <country>`"; !strings.Contains(overview, want) {
		t.Errorf("the overview's long list does not point to a state's status (%q):\n%s", want, overview)
	}
}
