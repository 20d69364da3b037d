package commands_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
)

// refusedWith runs text as user, and fails unless it is refused with
// every part given and stores nothing.
func (h *harness) refusedWith(user, text string, parts ...string) {
	h.t.Helper()
	before := count(h.t, h.db)
	r := h.as(user, text)
	if !r.Failed {
		h.t.Errorf("%q was accepted:\n%s", text, r.Text())
		return
	}
	wantText(h.t, r, parts...)
	if count(h.t, h.db) != before {
		h.t.Errorf("%q was refused but stored something", text)
	}
}

func TestValueDatesAreInsideTheProgrammeAndNotInTheFuture(t *testing.T) {
	h := newHarness(t)
	h.refusedWith(staff, "indicator unsr-recs kenya +1 on=2024-12-31 too early", "2024-12-31 is outside the programme (2025-01-01 to 2026-12-31)")
	h.refusedWith(staff, "log kenya on=2027-01-04 too late", "2027-01-04 is outside the programme")
	h.refusedWith(staff, "indicator unsr-recs kenya +1 on=2026-11-28 tomorrow's", "2026-11-28 is in the future")
	h.refusedWith(staff, "indicator unsr-recs kenya +1 on=28/11/2026 x", "on=")
	r := h.ok("indicator unsr-recs kenya +1 on=2026-10-14 recommendation on data retention")
	wantText(t, r, "on Wed 14 Oct 2026")
	if e := h.last(); e.Date.String() != "2026-10-14" || e.Note != "recommendation on data retention" {
		t.Errorf("stored date %s, note %q", e.Date, e.Note)
	}
	h.ok("indicator unsr-recs ghana 1 with the ministry")
	if e := h.last(); e.Date.String() != "2026-11-27" {
		t.Errorf("default value date %s, want today", e.Date)
	}
}

func TestSetsAndAddsApplyInValueDateOrder(t *testing.T) {
	h := newHarness(t)
	h.ok("indicator unsr-recs kenya +1 on=2026-09-01 a")
	h.ok("indicator unsr-recs kenya 1 on=2026-06-01 b")  // before the add: 1 + 1
	h.ok("indicator unsr-recs kenya +1 on=2026-03-01 c") // before the set: replaced
	value := func() int64 {
		return h.snapshot().Indicators[ctbot.IndicatorKey{Indicator: "unsr-recs", Country: "KE"}].Value
	}
	if v := value(); v != 2 {
		t.Fatalf("value %d, want 2 (set 1 on 1 Jun, +1 on 1 Sep; the add of 1 Mar is replaced)", v)
	}
	set := h.entries()[1]
	h.ok(fmt.Sprintf("retract %d wrong", set.ID))
	if v := value(); v != 2 {
		t.Errorf("after retracting the set: %d, want the two adds = 2", v)
	}
	h.ok(fmt.Sprintf("amend %d value=+3", h.entries()[0].ID)) // the add of 1 Mar
	if v := value(); v != 4 {
		t.Errorf("after amending +1 to +3: %d, want 4", v)
	}
}

func TestIndicatorsFedByTrainingsAreAdjustedNotSet(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT" trained=50 women=20 new=43`)
	h.refusedWith(staff, "indicator investigators-trained kenya 30", "is counted from the trainings recorded", "cannot be set", "+N or -N and a note")
	h.refusedWith(staff, "indicator investigators-trained kenya +5", "needs a note saying why")
	wantText(t, h.ok("indicator investigators-trained kenya +5 trained by the partner agency, list on file"),
		"Now 48: 43 from trainings, +5 adjusted.")
	wantText(t, h.ok("status kenya"), "investigators-trained — 48 (43 from trainings, +5 adjusted) of 40")
	wantText(t, h.ok("indicator investigators-trained kenya -2 two had attended before"), "Now 46: 43 from trainings, +3 adjusted.")
}

func TestAStageGoingBackNeedsANoteAndIsFlagged(t *testing.T) {
	h := newHarness(t)
	h.ok("indicator strategies kenya validated on=2026-10-01")
	h.refusedWith(staff, "indicator strategies kenya drafting", "would go back from validated to drafting: add a note")
	wantText(t, h.ok("indicator strategies kenya drafting parliament sent it back"), "⚠️ The stage goes back from validated to drafting.")
	wantText(t, h.ok("status strategies"), "Kenya — drafting", "went back from validated")
	// Forward again: no flag.
	h.ok("indicator strategies kenya adopted")
	if strings.Contains(h.ok("status strategies").Text(), "went back") {
		t.Error("a stage that went forward again is still flagged")
	}
}

func TestAmend(t *testing.T) {
	h := newHarness(t)
	tr := h.ok(`training kenya 2026-11-20 "OSINT" trained=25 new=20`)
	id := tr.EntryID
	r := h.ok(fmt.Sprintf(`amend %d women=11 reason="counted from the attendance sheet"`, id))
	wantText(t, r, fmt.Sprintf("✏️ Amended #%d: women not reported → 11 — counted from the attendance sheet", id))
	if e := h.last(); e.Women == nil || *e.Women != 11 || e.Version != 2 {
		t.Fatalf("after amend: women %v, version %d", e.Women, e.Version)
	}
	// Several fields at once, each shown old → new.
	wantText(t, h.ok(fmt.Sprintf(`amend %d date=2026-11-19 trained=26 title="OSINT basics"`, id)),
		"date 2026-11-20 → 2026-11-19", "trained 25 → 26", "OSINT → OSINT basics")
	// The amended entry is checked like a new one, and a refusal changes nothing.
	h.refusedWith(staff, fmt.Sprintf("amend %d women=30", id), "women=30 is more than trained=26")
	h.refusedWith(staff, fmt.Sprintf("amend %d date=2027-02-01", id), "outside the programme")
	h.refusedWith(staff, fmt.Sprintf("amend %d participants=3", id), "participants= is not a field of an entry of this kind")
	h.refusedWith(staff, fmt.Sprintf("amend %d colour=red", id), "colour")
	h.refusedWith(staff, fmt.Sprintf("amend %d", id), "Say what to change as key=value")
	h.refusedWith(staff, fmt.Sprintf("amend %d women=11", id), "already has these values; nothing was changed")
	// Someone else's entry and no entry at all get the same words.
	h.refusedWith(staff2, fmt.Sprintf("amend %d women=12", id), fmt.Sprintf("#%d is not an entry you can amend", id))
	h.refusedWith(staff2, "amend 999 women=12", "#999 is not an entry you can amend")
	// The author has 7 days; a coordinator any time.
	h.advance(8 * 24 * time.Hour)
	h.refusedWith(staff, fmt.Sprintf("amend %d women=12", id), "more than 7 days ago; ask a coordinator")
	wantText(t, h.as(coordinator, fmt.Sprintf("amend %d women=12 reason=late", id)), "women 11 → 12 — late")
	// Women back to not reported.
	wantText(t, h.as(coordinator, fmt.Sprintf("amend %d women=none", id)), "women 12 → not reported")
	if e := h.last(); e.Women != nil {
		t.Errorf("women=none stored %d", *e.Women)
	}
	// A retracted entry is not amended.
	h.as(coordinator, fmt.Sprintf("retract %d duplicate", id))
	h.refusedWith(coordinator, fmt.Sprintf("amend %d women=3", id), "is retracted and cannot be amended")
}

func TestAuditShowsTheWholeHistory(t *testing.T) {
	h := newHarness(t)
	id := h.ok(`workshop nigeria held 2026-11-10 "Validation" participants=30 women=12`).EntryID
	h.advance(time.Hour)
	h.ok(fmt.Sprintf(`amend %d participants=32 reason="two late sign-ins"`, id))
	h.advance(time.Hour)
	h.as(coordinator, fmt.Sprintf("retract %d recorded twice", id))
	r := h.as(manager, fmt.Sprintf("audit %d", id))
	if r.Failed {
		t.Fatal(r.Text())
	}
	text := r.Text()
	wantText(t, r, fmt.Sprintf("History of #%d", id),
		"Fri 27 Nov 2026 10:00: recorded by @USTAFF",
		"Fri 27 Nov 2026 11:00: amended by @USTAFF: participants 30 → 32 — two late sign-ins",
		"Fri 27 Nov 2026 12:00: retracted by @UCOORD: recorded twice")
	if i, j := strings.Index(text, "recorded by"), strings.Index(text, "retracted by"); i < 0 || j < i {
		t.Errorf("history out of order:\n%s", text)
	}
	h.refusedWith(outsider, fmt.Sprintf("audit %d", id), "")
}

func TestRecordingTheSameThingTwice(t *testing.T) {
	h := newHarness(t)
	first := h.ok(`training kenya 2026-11-20 "OSINT basics" trained=25 women=9`)
	h.advance(5 * time.Minute)
	h.refusedWith(staff, `training kenya 2026-11-20 "osint basics" trained=12`,
		fmt.Sprintf("This looks like #%d (same country, date and course)", first.EntryID), "add `again`")
	if r := h.ok(`training kenya 2026-11-20 "OSINT basics" trained=12 again`); r.EntryID == first.EntryID {
		t.Error("again did not record a second session")
	}
	// Another day or another course is not a duplicate.
	h.ok(`training kenya 2026-11-19 "OSINT basics" trained=12`)
	h.ok(`training kenya 2026-11-20 "Darknet" trained=12`)
	// A workshop held twice: the second updates the first and says so.
	held := h.ok(`workshop ghana held 2026-11-10 "Validation" participants=30 women=12`)
	h.advance(5 * time.Minute)
	r := h.ok(`workshop ghana held 2026-11-10 "Validation" participants=31 women=12`)
	wantText(t, r, fmt.Sprintf("updates #%d, which was already recorded as held", held.EntryID), "not a second workshop")
	if w := h.snapshot().Workshops["GH"]; w.Held != 1 || w.Participants != 31 {
		t.Errorf("workshops in Ghana: %+v", w)
	}
}

func TestImplausibleValuesNeedConfirm(t *testing.T) {
	h := newHarness(t)
	h.refusedWith(staff, `training kenya 2026-11-20 "OSINT" trained=250`, "250 trained in one training is more than 200", "add `confirm`")
	h.ok(`training kenya 2026-11-20 "OSINT" trained=250 confirm`)
	h.refusedWith(staff, "indicator unsr-recs kenya 5", "more than twice its target of 2", "add `confirm`")
	h.ok("indicator unsr-recs kenya 4") // twice the target is plausible
	h.ok("indicator unsr-recs ghana 5 confirm")
}

func TestWomenNotReportedIsUnknownNotZero(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT" trained=20 women=8`)
	h.ok(`training kenya 2026-11-21 "Darknet" trained=30`)
	if e := h.last(); e.Women != nil {
		t.Fatalf("women omitted stored as %d", *e.Women)
	}
	// 8 of the 20 that report, not 8 of 50.
	wantText(t, h.ok("status kenya"), "2 trainings (50 trained, 50 new; 40% women where reported, not reported for 1 of 2)")
	h.ok(`training ghana 2026-11-20 "OSINT" trained=20`)
	wantText(t, h.ok("status ghana"), "1 training (20 trained, 20 new; women not reported)")
	h.ok("training ghana 2026-11-21 \"OSINT\" trained=20 women=0")
	if e := h.last(); e.Women == nil || *e.Women != 0 {
		t.Error("women=0 is a reported zero")
	}
}

func TestSmallSharesAreNotShownAnywhere(t *testing.T) {
	h := newHarness(t)
	h.ok("indicator women-policy kenya 1/4")
	h.ok("indicator women-policy ghana 3/12")
	h.ok(`workshop nigeria held 2026-11-10 "Validation" participants=3 women=1`)
	for _, text := range []string{"status kenya", "status women-policy", "status nigeria"} {
		r := h.ok(text)
		for _, leak := range []string{"(1/4)", "33.3%", "(1/3)"} {
			if strings.Contains(r.Text(), leak) {
				t.Errorf("%s shows %s:\n%s", text, leak, r.Text())
			}
		}
	}
	wantText(t, h.ok("status women-policy"), "Kenya — 4 people reported: too few to show the share or rate it", "Ghana — 25% (3/12)")
	home, err := h.core.Home(t.Context(), manager)
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"(1/4)", "(1/3)"} {
		if strings.Contains(home.Text(), leak) {
			t.Errorf("App Home shows %s", leak)
		}
	}
}
