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
	h.refusedWith(staff, "indicator unsr-recs kenya +1 on=2024-12-31 too early", "Tue 31 Dec 2024 is outside the programme (Wed 1 Jan 2025 to Thu 31 Dec 2026)")
	h.refusedWith(staff, "log kenya on=2027-01-04 too late", "Mon 4 Jan 2027 is outside the programme")
	h.refusedWith(staff, "indicator unsr-recs kenya +1 on=2026-11-28 tomorrow's", "Sat 28 Nov 2026 is in the future")
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
	wantText(t, h.ok("status kenya"), "Investigators trained — 48 (43 from trainings, +5 adjusted) of 40")
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
	h.refusedWith(staff, fmt.Sprintf("amend %d women=11", id), "already has these values. Nothing was changed.")
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
		fmt.Sprintf("This looks like #%d (Kenya, Fri 20 Nov 2026, OSINT basics, 25 trained)", first.EntryID), "add `again`")
	if r := h.ok(`training kenya 2026-11-20 "OSINT basics" trained=12 again`); r.EntryID == first.EntryID {
		t.Error("again did not record a second session")
	}
	// A day before is still the same training; four days before, or
	// another course, is not.
	h.refusedWith(staff, `training kenya 2026-11-19 "OSINT basics" trained=12`, fmt.Sprintf("This looks like #%d", first.EntryID))
	h.ok(`training kenya 2026-11-16 "OSINT basics" trained=12`)
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
	wantText(t, h.ok("status kenya"), "2 trainings (50 trained; 40% women where reported, not reported for 1 of 2; 50 new")
	h.ok(`training ghana 2026-11-20 "OSINT" trained=20`)
	wantText(t, h.ok("status ghana"), "1 training (20 trained; women not reported; 20 new, women among them not reported)")
	h.ok("training ghana 2026-11-21 \"OSINT\" trained=20 women=0 again")
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

// TestAmendmentsAreCheckedLikeNewEntries: an amendment cannot put an entry
// where a new one would be refused.
func TestAmendmentsAreCheckedLikeNewEntries(t *testing.T) {
	h := newHarness(t)
	prog := h.as(coordinator, "indicator intl-investigation programme 1 on=2026-10-01 concluded").EntryID
	h.refusedWith(coordinator, fmt.Sprintf("amend %d country=kenya", prog), "programme-wide")
	ke := h.ok("indicator unsr-recs kenya 1 x").EntryID
	h.refusedWith(staff, fmt.Sprintf("amend %d country=programme", ke), "is recorded per country")
	h.ok(`training kenya 2026-11-20 "OSINT" trained=10`)
	adj := h.ok("indicator investigators-trained kenya +3 list on file").EntryID
	h.refusedWith(staff, fmt.Sprintf("amend %d country=programme", adj), "is recorded per country")
	// A correction of trained carries new along when new was all of them.
	tr := h.ok(`training ghana 2026-11-20 "OSINT" trained=25`).EntryID
	wantText(t, h.ok(fmt.Sprintf("amend %d trained=30", tr)), "trained 25 → 30", "new 25 → 30")
	h.ok(fmt.Sprintf("amend %d trained=20", tr))
	if e := h.last(); e.New != 20 {
		t.Errorf("new %d after trained=20, want 20", e.New)
	}
	part := h.ok(`training ghana 2026-11-21 "OSINT" trained=25 new=10 again`).EntryID
	h.ok(fmt.Sprintf("amend %d trained=30", part))
	if e := h.last(); e.New != 10 {
		t.Errorf("new %d after trained=30, want the 10 given", e.New)
	}
}

// TestIndicatorRulesLookAtTheWholeLedger: a backdated entry is checked by
// what the ledger gives with it, not only up to its date.
func TestIndicatorRulesLookAtTheWholeLedger(t *testing.T) {
	h := newHarness(t)
	h.ok("indicator strategies kenya validated on=2026-10-01")
	h.refusedWith(staff, "indicator strategies kenya adopted on=2026-09-01", "would go back from adopted to validated: add a note")
	wantText(t, h.ok("indicator strategies kenya adopted on=2026-09-01 gazetted, then annulled by the court"), "goes back from adopted to validated")
	// A set dated before an add: the add lands on it.
	h.ok("indicator unsr-recs ghana +1 on=2026-11-01 a")
	h.refusedWith(staff, "indicator unsr-recs ghana 4 on=2026-10-01 b", "This makes `unsr-recs` 5, more than twice its target of 2")
	id := h.ok("indicator unsr-recs ghana 4 on=2026-10-01 confirm b").EntryID
	// Once confirmed, a change that does not raise it needs no confirm again.
	h.ok(fmt.Sprintf("amend %d note=\"b, checked\"", id))
	h.ok(fmt.Sprintf("amend %d value=3", id))
	// A fed indicator cannot be adjusted below 0.
	h.ok(`training nigeria 2026-11-20 "OSINT" trained=10`)
	h.refusedWith(staff, "indicator investigators-trained nigeria -25 duplicates removed", "would make `investigators-trained` -15 for Nigeria", "cannot be below 0")
	wantText(t, h.ok("indicator investigators-trained nigeria -10 all ten had attended before"), "Now 0: 10 from trainings, -10 adjusted.")
	// A training confirmed once is not asked again for a change elsewhere.
	big := h.ok(`training kenya 2026-11-20 "OSINT" trained=250 confirm`).EntryID
	h.ok(fmt.Sprintf("amend %d women=101", big))
	h.refusedWith(staff, fmt.Sprintf("amend %d trained=260", big), "more than 200")
}

// TestWorkshopsAreOnlyUpdatedByWhatFollowsThem: a plan never reopens a held
// workshop; a workshop held again months later is another one.
func TestWorkshopsAreOnlyUpdatedByWhatFollowsThem(t *testing.T) {
	h := newHarness(t)
	h.ok(`workshop ghana held 2026-03-10 "Validation" participants=30 women=12`)
	if r := h.ok(`workshop ghana planned 2026-12-10 "Validation"`); strings.Contains(r.Text(), "updates") {
		t.Errorf("a plan updated a held workshop: %s", r.Text())
	}
	h.ok(`workshop ghana cancelled 2026-03-10`) // no open workshop that day: a new, cancelled one
	h.ok(`workshop ghana held 2026-11-20 "Validation" participants=20 women=8`)
	if w := h.snapshot().Workshops["GH"]; w.Held != 2 || w.Participants != 50 {
		t.Errorf("Ghana workshops %+v, want 2 held with 50 participants", w)
	}
}

// TestSmallSharesAreLeftOutOfTotalsAndGaps: the other states' shares and
// the programme's would give a small one away.
func TestSmallSharesAreLeftOutOfTotalsAndGaps(t *testing.T) {
	h := newHarness(t)
	for _, c := range []string{"kenya", "nigeria", "iraq", "philippines", "uzbekistan"} {
		h.ok("indicator women-policy " + c + " 1/10")
	}
	h.ok("indicator women-policy ghana 0/4")
	status := h.ok("status women-policy").Text()
	wantText(t, h.ok("status women-policy"), "10% (5/50) from 5 of 9 states", "0 of 9 states at their target", "1 state left out")
	if strings.Contains(status, "/54") {
		t.Errorf("Ghana's 4 people are in the programme share:\n%s", status)
	}
	digest := h.ok("digest").Text()
	if strings.Contains(digest, "Ghana fewer") || strings.Contains(digest, "Ghana 0") {
		t.Errorf("the digest rates Ghana's small share:\n%s", digest)
	}
}

// TestDigestWeeksMeetAcrossDST: each digest starts where the one before
// ended, at the same wall-clock time, when the clocks change between them.
func TestDigestWeeksMeetAcrossDST(t *testing.T) {
	h := newHarness(t)
	brussels, _ := time.LoadLocation("Europe/Brussels")
	for _, tc := range []struct {
		digest, entry string
		counted       bool
	}{
		// Clocks go back on Sun 25 Oct 2026: 19 Oct 08:30 CEST is after the
		// digest of 19 Oct 08:00, so the one of 26 Oct counts it.
		{"2026-10-26T08:00", "2026-10-19T08:30", true},
		// Clocks go forward on Sun 29 Mar 2026: 23 Mar 07:30 CET was in the
		// digest of 23 Mar 08:00, so the one of 30 Mar does not count it.
		{"2026-03-30T08:00", "2026-03-23T07:30", false},
	} {
		at, _ := time.ParseInLocation("2006-01-02T15:04", tc.digest, brussels)
		recorded, _ := time.ParseInLocation("2006-01-02T15:04", tc.entry, brussels)
		h.clock.Set(recorded)
		h.ok("log kenya entry " + tc.entry)
		r, err := h.core.Digest(t.Context(), at)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(r.Text(), "entry "+tc.entry); got != tc.counted {
			t.Errorf("digest of %s counts the entry of %s: %v, want %v\n%s", tc.digest, tc.entry, got, tc.counted, r.Text())
		}
		wantText(t, r, "to "+at.Format("Mon 2 Jan")+" 08:00", "from "+at.AddDate(0, 0, -7).Format("Mon 2 Jan")+" 08:00")
	}
}
