package commands_test

import (
	"fmt"
	"testing"

	"github.com/cttechplus/ctbot"
)

// TestTrainingOverSeveralDays: first..last days, counted once on the
// first; the reply, history and status say the days; the women among the
// new people are kept and shown.
func TestTrainingOverSeveralDays(t *testing.T) {
	h := newHarness(t) // Fri 27 Nov 2026
	r := h.ok(`training kenya 2026-11-20..2026-11-22 course=osint-basic trained=25 women=9 new=20 new_women=7`)
	wantText(t, r, "on 20–22 Nov 2026: 25 trained (36% women), 20 new (35% women)")
	e := h.last()
	if e.Date.String() != "2026-11-20" || e.DateTo.String() != "2026-11-22" || e.NewWomen == nil || *e.NewWomen != 7 {
		t.Fatalf("stored days %s..%s, women among new %v", e.Date, e.DateTo, e.NewWomen)
	}
	if tt := h.snapshot().Trainings["KE"]; tt.Count != 1 || tt.New != 20 || tt.NewWomen != 7 || tt.NewReported != 20 || tt.NewUnreported != 0 {
		t.Errorf("Kenya's trainings: %+v; want one training, 7 women among its 20 new", tt)
	}
	wantText(t, h.ok("history kenya"), "20–22 Nov 2026")
	wantText(t, h.ok("status kenya"), "1 training (25 trained; 36% women; 20 new, 7 women among them)",
		"Women among new", "osint  basic          1        25          20  36% women  7",
		"Investigators trained — 20 of 40, expected 38 by now: at risk (pace 0.52); 20 new people trained, 7 women among them")

	// A range over two months, a year; one day written as a range; words.
	h.ok(`training ghana 2026-10-30..2026-11-02 "Darknet" trained=10`)
	wantText(t, h.ok("history ghana"), "30 Oct – 2 Nov 2026")
	h.ok(`training ghana 2026-11-10..2026-11-10 "Crypto" trained=10`)
	if e := h.last(); !e.DateTo.IsZero() {
		t.Errorf("one day written as a range stored as %s..%s", e.Date, e.DateTo)
	}
	h.ok(`training nigeria yesterday..today "OSINT" trained=10`)
	if e := h.last(); e.Date.String() != "2026-11-26" || e.DateTo.String() != "2026-11-27" {
		t.Errorf("yesterday..today stored as %s..%s", e.Date, e.DateTo)
	}

	// Days that do not make a training: nothing is recorded.
	h.refusedWith(staff, `training iraq 2026-11-22..2026-11-20 "OSINT" trained=5`,
		"The training's last day Fri 20 Nov 2026 is not after its first day Sun 22 Nov 2026", "2026-11-20..2026-11-22")
	h.refusedWith(staff, `training iraq 2026-11-26..2026-11-28 "OSINT" trained=5`, "The training date Sat 28 Nov 2026 is in the future")
	h.refusedWith(staff, `training iraq 2026-11-20..2026-11-31 "OSINT" trained=5`, "“2026-11-31” is not a valid date")
	h.refusedWith(staff, `training iraq 2026-11-20.. "OSINT" trained=5`, "“” is not a valid date")
}

// TestWomenAmongNewPeopleAreChecked: no more than the new people, nor
// than the women; typed in any language's word for the option; unknown
// when left out, and said so.
func TestWomenAmongNewPeopleAreChecked(t *testing.T) {
	h := newHarness(t)
	h.refusedWith(staff, `training kenya 2026-11-20 "OSINT" trained=25 new=20 new_women=21`, "new_women=21 is more than new=20")
	h.refusedWith(staff, `training kenya 2026-11-20 "OSINT" trained=25 women=5 new=20 new_women=6`, "new_women=6 is more than women=5")
	h.refusedWith(staff, `training kenya 2026-11-20 "OSINT" trained=25 new_women=-1`, "new_women=")
	for i, c := range []struct{ option, want string }{{"nouvelles_femmes=4", "4"}, {"женщин_впервые=3", "3"}, {"نساء_جدد=2", "2"}} {
		h.ok(fmt.Sprintf(`training ghana 2026-%02d-01 "OSINT" trained=10 %s`, 6+i, c.option))
		if e := h.last(); e.NewWomen == nil || fmt.Sprint(*e.NewWomen) != c.want {
			t.Errorf("%s: women among new %v", c.option, e.NewWomen)
		}
	}
	h.ok(`training nigeria 2026-11-20 "OSINT" trained=25 women=9 new=20`)
	if e := h.last(); e.NewWomen != nil {
		t.Errorf("left out, stored as %d", *e.NewWomen)
	}
	wantText(t, h.ok("status nigeria"), "20 new, women among them not reported")
	h.ok(`training nigeria 2026-10-20 "Darknet" trained=10 women=4 new=10`)
	wantText(t, h.ok("status nigeria"),
		"30 new, 4 women among the 10 where reported; 1 of 2 trainings did not report women among new people")
	// Fewer than 5 people are not shown.
	h.ok(`training iraq 2026-11-20 "OSINT" trained=3 women=1`)
	wantText(t, h.ok("status iraq"), "3 new, sex split of them not shown under 5")
}

// TestTwoDayTrainingEnteredByStartAndByEndDate: the second entry asks
// whether it is the first; the first given its days, still; again
// records another session.
func TestTwoDayTrainingEnteredByStartAndByEndDate(t *testing.T) {
	h := newHarness(t)
	first := h.ok(`training kenya 2026-11-20 "OSINT basics" trained=25`).EntryID
	h.refusedWith(staff, `training kenya 2026-11-21 "OSINT basics" trained=25`,
		fmt.Sprintf("This looks like #%d (Kenya, Fri 20 Nov 2026, OSINT basics, 25 trained)", first),
		fmt.Sprintf("`/ct amend %d key=value`", first), "add `again` if this is another session")
	wantText(t, h.ok(fmt.Sprintf("amend %d date=2026-11-20..2026-11-21", first)), "last day (none) → 2026-11-21", "on 20–21 Nov 2026")
	h.refusedWith(staff, `training kenya 2026-11-21 "OSINT basics" trained=25`,
		fmt.Sprintf("This looks like #%d (Kenya, 20–21 Nov 2026, OSINT basics, 25 trained)", first))
	// Entered the other way round: by its days, then by its first day.
	h.ok(`training ghana 2026-11-12..2026-11-13 "OSINT basics" trained=25`)
	h.refusedWith(staff, `training ghana 2026-11-12 "OSINT basics" trained=25`, "This looks like")
	if r := h.ok(`training kenya 2026-11-21 "OSINT basics" trained=12 again`); r.EntryID == first {
		t.Error("again did not record another session")
	}
	if n := h.snapshot().Trainings["KE"].Count; n != 2 {
		t.Errorf("%d trainings in Kenya, want 2", n)
	}
	// Four days after its last day is another training.
	h.ok(`training kenya 2026-11-25 "OSINT basics" trained=12`)
}

// TestCourseByCodeAndByTitle: the catalogue's course named by its code
// and by its title, or the same topic and level, is the same training.
func TestCourseByCodeAndByTitle(t *testing.T) {
	h := newHarness(t)
	byCode := h.ok(`training ghana 2026-11-18 course=osint-basic trained=14`).EntryID
	brief := fmt.Sprintf("This looks like #%d (Ghana, Wed 18 Nov 2026, Open-source intelligence (basic), 14 trained)", byCode)
	h.refusedWith(staff, `training ghana 2026-11-18 "Open-source intelligence (basic)" trained=14`, brief)
	h.refusedWith(staff, `training ghana 2026-11-20 "Social media monitoring" topic=osint level=basic trained=14`, brief)
	h.ok(`training ghana 2026-11-18 course=osint-intermediate trained=14`) // another level
	h.ok(`training ghana 2026-11-18 course=dva-basic trained=14`)          // another course
	byTitle := h.ok(`training nigeria 2026-11-18 "open-source  intelligence (Basic)" trained=10`).EntryID
	h.refusedWith(staff, `training nigeria 2026-11-19 course=osint-basic trained=10`, fmt.Sprintf("This looks like #%d (Nigeria", byTitle))
}

// TestAmendingATrainingNearAnother: an amendment is asked about only
// when it makes the training look like one it did not look like before;
// new_women and a training's days are amended like the other fields.
func TestAmendingATrainingNearAnother(t *testing.T) {
	h := newHarness(t)
	first := h.ok(`training kenya 2026-11-20 "OSINT" trained=20`).EntryID
	second := h.ok(`training kenya 2026-11-20 "OSINT" trained=12 again`).EntryID
	h.ok(fmt.Sprintf("amend %d trained=13", second)) // it looked like #first already
	early := h.ok(`training kenya 2026-11-05 "OSINT" trained=10`).EntryID
	h.refusedWith(staff, fmt.Sprintf("amend %d date=2026-11-18", early), fmt.Sprintf("This looks like #%d", first))
	h.ok(fmt.Sprintf("amend %d date=2026-11-18 again", early))

	wantText(t, h.ok(fmt.Sprintf("amend %d new_women=8", first)), "women among new not reported → 8")
	h.refusedWith(staff, fmt.Sprintf("amend %d new_women=21", first), "new_women=21 is more than new=20")
	h.refusedWith(staff, fmt.Sprintf("amend %d new=5", first), "new_women=8 is more than new=5")
	h.refusedWith(staff, fmt.Sprintf("amend %d date=2026-11-20..2026-11-19", first), "is not after its first day")
	wantText(t, h.ok(fmt.Sprintf("amend %d new_women=none", first)), "women among new 8 → not reported")
	h.ok(fmt.Sprintf("amend %d date=2026-11-19..2026-11-20", first))
	if e := h.last(); e.ID != early {
		t.Fatalf("last entry #%d", e.ID)
	}
	e, err := h.db.Entry(t.Context(), first)
	if err != nil || e.Date.String() != "2026-11-19" || e.DateTo.String() != "2026-11-20" {
		t.Fatalf("amended days: %v..%v (%v)", e.Date, e.DateTo, err)
	}
	wantText(t, h.ok(fmt.Sprintf("amend %d date=2026-11-19", first)), "last day 2026-11-20 → (none)")
	h.refusedWith(staff, fmt.Sprintf("amend %d new_women=1", h.ok(`workshop ghana held 2026-11-10 "W" participants=10`).EntryID),
		"new_women= is not a field of an entry of this kind")
	if e, _ := h.db.Entry(t.Context(), first); e.Kind != ctbot.KindTraining || !e.DateTo.IsZero() {
		t.Errorf("after date= of one day: %+v", e)
	}
}
