package commands_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// lifeHarness drives the command core through a programme's life: the
// fake clock moves, and a change of configuration (an extension, a state
// withdrawn, a next phase) gives a new core and new figures over the same
// database, as ctbot restarted with the new configuration would.
type lifeHarness struct {
	t     *testing.T
	clock *fakeclock.Clock
	db    *storage.DB
	core  *commands.Core
	cfg   *config.Config
	src   string
	// closed are the closed reports rendered at their close (text, CSV,
	// workbook cells, IATI), by period and state.
	closed map[string][4]string
}

// programmeEnding30Nov is the built-in configuration with the programme
// ending on 30 November 2026 and a coordinator.
func programmeEnding30Nov() string {
	src := strings.Replace(string(ctbot.DefaultConfig), "end = 2026-12-31", "end = 2026-11-30", 1)
	return strings.Replace(src, "coordinators = []", `coordinators = ["UCOORD"]`, 1)
}

func newLifeHarness(t *testing.T, at, src string) *lifeHarness {
	t.Helper()
	h := &lifeHarness{t: t, clock: fakeclock.At(at)}
	h.db = storagetest.MustOpenDB(t, h.clock)
	h.configure(src)
	return h
}

// configure runs ctbot on configuration src from now on.
func (h *lifeHarness) configure(src string) {
	h.t.Helper()
	cfg, err := config.Parse("life.toml", []byte(src))
	if err != nil {
		h.t.Fatal(err)
	}
	h.cfg, h.src = cfg, src
	h.db.SetFramework(cfg.Framework)
	figs := storagetest.Figures(h.db, cfg.Framework, h.clock.Now)
	h.core = commands.New(commands.Options{Framework: cfg.Framework, Store: h.db, Figures: figs, Now: h.clock.Now, Access: cfg.Access})
	if _, _, err := h.core.NoteFramework(context.Background(), "life.toml"); err != nil { // as ctbot does when it starts
		h.t.Fatal(err)
	}
}

// close closes each period of the current phase up to name's, and keeps
// the report of name as rendered at the close, of every state and of
// Kenya.
func (h *lifeHarness) close(name string) {
	h.t.Helper()
	for _, p := range h.cfg.Framework.Current(h.cfg.Framework.Today(h.clock.Now())).Periods() {
		if r := h.as("UCOORD", "period close "+p.Name()+" approved"); r.Failed && !strings.Contains(r.Text(), "already closed") {
			h.t.Fatalf("close %s: %s", p.Name(), r.Text())
		}
		if p.Name() == name {
			break
		}
	}
	if h.closed == nil {
		h.closed = map[string][4]string{}
	}
	for _, key := range []string{name, name + " kenya"} {
		h.closed[key] = h.render(key)
	}
}

// render is the report named by key ("2026-Q3 kenya") every way ctbot
// writes it, its text without the notices of what changed after the close.
func (h *lifeHarness) render(key string) [4]string {
	h.t.Helper()
	name, country, _ := strings.Cut(key, " ")
	p, err := ctbot.ParsePeriod(ctbot.Quarter, name)
	if err != nil {
		h.t.Fatal(err)
	}
	code := ""
	if country != "" {
		code = h.cfg.Framework.LookupCountry(country).Code
	}
	text, csv, xlsx, iati := renderReport(h.t, h.core, h.cfg.Framework.PhaseOf(p).Cut(p), code, withoutNotices(h.ok("report "+key)))
	return [4]string{text, csv, xlsx, iati}
}

// unmoved checks that every closed report is, byte for byte, as at its
// close.
func (h *lifeHarness) unmoved() {
	h.t.Helper()
	for key, was := range h.closed {
		now := h.render(key)
		for i, form := range []string{"text", "CSV", "workbook", "IATI"} {
			if now[i] != was[i] {
				h.t.Errorf("%s: the closed report %s moved (%s):\n--- at the close\n%s\n--- now\n%s", h.clock.Now().Format(time.DateOnly), key, form, was[i], now[i])
			}
		}
	}
}

// edit changes the configuration: old, which must be in it, becomes new.
func (h *lifeHarness) edit(old, new string) {
	h.t.Helper()
	if !strings.Contains(h.src, old) {
		h.t.Fatalf("the configuration has no %q", old)
	}
	h.configure(strings.Replace(h.src, old, new, 1))
}

func (h *lifeHarness) at(instant string) {
	h.t.Helper()
	at, err := time.Parse(time.RFC3339, instant)
	if err != nil {
		h.t.Fatal(err)
	}
	h.clock.Set(at)
}

func (h *lifeHarness) as(user, text string) commands.Reply {
	return h.core.Handle(context.Background(), commands.Request{UserID: user, Text: text, Source: commands.FromConsole})
}

// ok runs text and returns its answer, which must be no refusal and hold
// each of want.
func (h *lifeHarness) ok(text string, want ...string) string {
	h.t.Helper()
	r := h.as("UCOORD", text)
	if r.Failed {
		h.t.Fatalf("%s: %q refused:\n%s", h.clock.Now().Format(time.DateOnly), text, r.Text())
	}
	h.has(text, r.Text(), want...)
	return r.Text()
}

// refused runs text, which must be refused saying each of want.
func (h *lifeHarness) refused(text string, want ...string) {
	h.t.Helper()
	r := h.as("UCOORD", text)
	if !r.Failed {
		h.t.Fatalf("%s: %q not refused:\n%s", h.clock.Now().Format(time.DateOnly), text, r.Text())
	}
	h.has(text, r.Text(), want...)
}

// digest is the weekly digest due now, and whether it says anything.
func (h *lifeHarness) digest(want ...string) (string, bool) {
	h.t.Helper()
	r, err := h.core.Digest(context.Background(), h.clock.Now())
	if err != nil {
		h.t.Fatal(err)
	}
	h.has("the digest", r.Text(), want...)
	return r.Text(), r.Outcome != commands.DigestStopped
}

func (h *lifeHarness) has(what, text string, want ...string) {
	h.t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			h.t.Errorf("%s: %s lacks %q:\n%s", h.clock.Now().Format(time.DateOnly), what, w, text)
		}
	}
}

func (h *lifeHarness) lacks(what, text string, unwanted ...string) {
	h.t.Helper()
	for _, w := range unwanted {
		if strings.Contains(text, w) {
			h.t.Errorf("%s: %s says %q:\n%s", h.clock.Now().Format(time.DateOnly), what, w, text)
		}
	}
}

// quiet are the states the nudges would go to today.
func (h *lifeHarness) quiet() []string {
	h.t.Helper()
	s, err := h.core.Figures().Current(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	countries, _ := h.core.NewView(h.core.Loc(""), s, h.cfg.Framework.Today(h.clock.Now())).Quiet()
	var out []string
	for _, c := range countries {
		out = append(out, c.Code)
	}
	return out
}

// TestAProgrammesLife runs CT TECH+ past its end, extends it, withdraws a
// state and adds a second phase, checking at each step what status,
// ratings, reminders, reports and the digest say. Each step is a subtest
// that leaves the harness where the next one starts.
func TestAProgrammesLife(t *testing.T) {
	h := newLifeHarness(t, "2026-11-20T09:00:00Z", programmeEnding30Nov())
	step := func(name string, fn func()) {
		if !t.Run(name, func(*testing.T) { fn() }) {
			t.FailNow()
		}
	}
	step("running", func() {
		h.ok(`training kenya 2026-10-05 "OSINT" trained=25 women=10 new=25`)
		h.ok(`training kenya 2026-11-18 "Darknet" trained=20 women=8 new=18`)
		h.ok(`training ghana 2026-09-10 "OSINT" trained=20 women=8 new=20`)
		h.ok("indicator strategies kenya validated on=2026-09-15")
		h.ok("indicator strategies ghana adopted on=2026-09-20")
		h.ok("status", "Day 689 of 699 of CT TECH+")
		h.ok("status investigators-trained", "pace")
		q3 := h.ok("report 2026-Q3", "Kenya             adopted  validated  🔵 in progress") // short of the last stage, before it is due
		h.lacks("report 2026-Q3", q3, "on track")
		h.ok("report 2026-Q4", "2026-Q4 (Thu 1 Oct 2026 – Mon 30 Nov 2026)")
		if q := h.quiet(); len(q) != 7 {
			t.Errorf("quiet before the end: %v", q)
		}
		h.close("2026-Q3")
	})
	step("past the end", func() {
		h.at("2026-12-07T09:00:00Z")
		status := h.ok("status", "CT TECH+ ended on Mon 30 Nov 2026 (699 days from Wed 1 Jan 2025): ratings are final.")
		h.lacks("status", status, "Day ", "Quiet", "quiet for")
		inds := h.ok("status investigators-trained", "Kenya — 43 of 40: achieved (due Mon 30 Nov 2026)", "Ghana — 20 of 40: partly achieved, 50% of the way to the target (due Mon 30 Nov 2026)")
		h.lacks("status investigators-trained", inds, "pace", "at risk", "off track", "on track")
		if q := h.quiet(); len(q) != 0 {
			t.Errorf("quiet after the end: %v", q)
		}
		h.refused("log kenya met the cybercrime unit", "outside the programme")
		h.ok(`training kenya 2026-11-25 "AI basics" trained=12 women=5 new=0`) // late, and every one trained before
		h.ok("period", "2026-Q4", "Mon 30 Nov 2026")
		final := h.ok("report final", "final report", "Wed 1 Jan 2025 – Mon 30 Nov 2026", "not achieved", "partly achieved")
		h.lacks("report final", final, "on track", "at risk")
		h.ok("report 2026", "2026 (Thu 1 Jan 2026 – Mon 30 Nov 2026)")
		h.ok("report 2026-H2 kenya", "2026-H2", "Kenya")
		h.at("2026-12-14T07:00:00Z")
		h.digest("CT TECH+ ended on Mon 30 Nov 2026", "the digest goes on", "2026-Q4 is open", "Reported this week about earlier dates",
			"Wed 25 Nov 2026: Kenya — training “AI basics” on Wed 25 Nov 2026")
		h.unmoved()
		// The last period, cut at the end, closed; an entry in it after its close.
		h.close("2026-Q4")
		h.ok(`training nigeria 2026-11-26 "AI advanced" trained=9 women=3 new=9 reason="sheet found"`)
		h.unmoved()
	})
	step("extended", func() {
		h.at("2026-12-14T10:00:00Z")
		h.edit("[[indicator]]\ncode = \"strategies\"", "[[programme.extension]]\nfrom = 2026-11-15\nend = 2027-03-31\n\n[[indicator]]\ncode = \"strategies\"")
		h.edit("source = \"trainings\"\n", "source = \"trainings\"\n\n[[indicator.revision]]\nfrom = 2026-11-15\ntarget = 60\n")
		h.ok("status", "Day 713 of 820 of CT TECH+", "Its end was moved from Mon 30 Nov 2026.")
		h.ok("status investigators-trained", "Kenya — 43 of 60", "of 540 across 9 states")
		// Before the revision, the targets then in force: Kenya's due by
		// 30 Sep was 40 × 637/698 = 36.5 (with the revised ones, 46.7).
		q3, err := h.core.Logframe(context.Background(), ctbot.PeriodOf(ctbot.Quarter, ctbot.MustParseDate("2026-09-30")), "KE")
		if err != nil {
			t.Fatal(err)
		}
		if ke := q3.Rows[3].States[0]; q3.Rows[3].Progress.Indicator.Code != "investigators-trained" || ke.Expected < 36.50 || ke.Expected > 36.51 {
			t.Errorf("Kenya's investigators-trained due by 30 Sep: %v, want 36.5 (of the target then, 40)", ke.Expected)
		}
		h.ok("report 2026-Q3 kenya", "`investigators-trained`           37")
		h.ok("log kenya met the cybercrime unit") // the programme runs again
		h.ok("report 2026-Q4", "Thu 1 Oct 2026 – Mon 30 Nov 2026", "framework changed on Mon 14 Dec 2026: end 2026-11-30 → 2027-03-31; planned end none → 2026-11-30; extensions none → 2026-11-15: 2027-03-31", "investigators-trained: target revisions none → 2026-11-15: 60")
		h.unmoved()
	})
	step("a state withdraws", func() {
		h.at("2027-01-20T09:00:00Z")
		h.edit("name = \"Malaysia\"\n", "name = \"Malaysia\"\nwithdrawn = 2027-01-15\n")
		status := h.ok("status", "Withdrawn: Malaysia (from Fri 15 Jan 2027)")
		h.lacks("status", status, "Malaysia —")
		h.ok("status investigators-trained", "of 480 across 8 states")
		h.ok("status malaysia", "Withdrawn from the programme on Fri 15 Jan 2027")
		h.refused("log malaysia met the unit", "Malaysia withdrew from the programme on Fri 15 Jan 2027")
		for _, c := range h.quiet() {
			if c == "MY" {
				t.Error("Malaysia is nudged after it withdrew")
			}
		}
		h.at("2027-01-25T07:00:00Z")
		d, _ := h.digest()
		h.lacks("the digest", d, "Malaysia")
		h.unmoved()
	})
	step("past the extended end", func() {
		h.at("2027-04-06T09:00:00Z")
		h.ok("status", "CT TECH+ ended on Wed 31 Mar 2027")
		h.refused("period close 2027-Q2", "outside the programme")
		h.ok("period close 2027-Q1 figures approved", "closed 2027-Q1 (Fri 1 Jan 2027 – Wed 31 Mar 2027)")
		h.closed["2027-Q1"], h.closed["2027-Q1 kenya"] = h.render("2027-Q1"), h.render("2027-Q1 kenya")
		// IATI's agreed targets are those in force at each period's end:
		// 9 states × 40 by 2026-Q3, 8 × 60 (revised; Malaysia withdrawn) by
		// 2027-Q1.
		h.has("the IATI file of 2027-Q1", h.closed["2027-Q1"][3], `<target value="360"></target>`, `<target value="480"></target>`)
		h.at("2027-04-12T06:00:00Z")
		if _, says := h.digest("this is the last weekly digest"); !says {
			t.Error("the digest did not say it stops")
		}
		h.at("2027-04-19T06:00:00Z")
		if d, says := h.digest("has stopped"); says {
			t.Errorf("the digest goes on with nothing to report:\n%s", d)
		}
		h.at("2027-04-20T09:00:00Z")
		h.ok(`log kenya the final steering committee met on=2027-03-20 reason="minutes came late"`)
		h.at("2027-04-26T06:00:00Z")
		h.digest("Reported this week about earlier dates", "Sat 20 Mar 2027: Kenya — update: “the final steering committee met”")
		h.close("2027-Q1")
		h.unmoved()
	})
	step("a second phase", func() {
		h.at("2027-05-10T08:00:00Z")
		h.configure(h.src + `
[[phase]]
name = "CT TECH+ phase 2"
start = 2027-05-01
end = 2028-12-31

[[phase.indicator]]
code = "investigators-trained"
from_previous = true
target = 80

[[phase.indicator]]
code = "strategies"
from_previous = true
target = 7
`)
		h.ok("status", "Day 10 of 611 of CT TECH+ phase 2")
		h.ok("status kenya", "Investigators trained — 43 of 80") // its value at the first phase's end
		h.ok(`training kenya 2027-05-05 "OSINT advanced" trained=10 women=4 new=10`)
		h.ok("status investigators-trained", "Kenya — 53 of 80")
		h.ok("status strategies", "1 of 7 states adopted") // Ghana's, carried on
		h.ok("how are the investigators trained doing?", "Kenya — 53 of 80")
		h.ok("status investigators-trained phase=1", "CT TECH+ ended on Wed 31 Mar 2027", "Kenya — 43 of 60: partly achieved")
		h.refused("indicator unsr-recs kenya +1", "the indicators are investigators-trained, strategies")
		h.refused("log kenya a meeting on=2027-04-15", "falls between two phases")
		h.ok("report final phase=1", "Logframe of CT TECH+ — final report")
		h.ok("report 2027-Q2", "CT TECH+ phase 2 — 2027-Q2", "Sat 1 May 2027 – Wed 30 Jun 2027")
		h.ok("digest", "CT TECH+ phase 2 weekly digest")
		h.refused("status phase=3", "is not a phase of the programme: 1 (CT TECH+), 2 (CT TECH+ phase 2)")
		h.unmoved()
	})
}

// TestDigestListsWhatWasReportedLate: entries recorded in the week about
// earlier days are listed with their dates, earliest first, the first 20
// of them and how many more; those about the week's own days are not.
func TestDigestListsWhatWasReportedLate(t *testing.T) {
	h := newHarness(t) // on Fri 27 Nov 2026; the digest of Mon 30 Nov covers 23–29 Nov
	h.ok(`training kenya 2026-11-25 "OSINT" trained=10 new=10`)
	h.ok(`indicator unsr-recs nigeria 1 on=2026-07-01 acted on`)
	for i := range 21 {
		h.ok(fmt.Sprintf(`training ghana 2026-10-%02d "Darknet %d" trained=5 new=5`, i+1, i))
	}
	r, err := h.core.Digest(context.Background(), time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	text := r.Text()
	wantText(t, r, "23 entries recorded this week (22 of them about earlier dates)", "Reported this week about earlier dates",
		"• Wed 1 Jul 2026: Nigeria — `unsr-recs` set to 1 — “acted on”", "• Thu 1 Oct 2026: Ghana — training “Darknet 0”",
		"• Mon 19 Oct 2026: Ghana — training “Darknet 18”", "…and 2 more: `/ct history`")
	if strings.Contains(text, "Darknet 19") || strings.Contains(text, "training “OSINT”") {
		t.Errorf("the list goes beyond 20, or lists what is about the week's days:\n%s", text)
	}
}
