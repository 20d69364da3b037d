package commands_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestReadinessAssessments(t *testing.T) {
	h := newHarness(t)
	h.ok("readiness nigeria policy=1 legal=1 institutional=2 on=2026-06-01")
	r := h.ok("readiness nigeria policy=2 legal=1 institutional=3 after the national workshop")
	wantText(t, r, "Nigeria — readiness assessed on Fri 27 Nov 2026: policy=2 legal=1 institutional=3 — “after the national workshop”")
	if e := h.last(); e.Scores["policy"] != 2 || e.Scores["institutional"] != 3 || e.Note != "after the national workshop" {
		t.Errorf("entry = scores %v note %q", e.Scores, e.Note)
	}
	h.refusedWith(staff, "readiness nigeria polcy=2", "“polcy” is not a pillar of the readiness benchmark; did you mean `policy`?")
	h.refusedWith(staff, "readiness nigeria policy=5", "policy=5 is off the scale: 0 to 4 (0 absent, 1 initial, 2 developing, 3 established, 4 advanced)")
	h.refusedWith(staff, "readiness nigeria policy=-1", "must not be negative")
	h.refusedWith(staff, "readiness nigeria", "The scores are missing: policy=N legal=N institutional=N")
	h.refusedWith(staff, "readiness nigeria policy=2 legal=1", "An assessment scores every pillar; missing: institutional=N (each from 0 to 4)")
	h.refusedWith(staff, "readiness nigeria policy=2 legal=1 institutional=1 on=2026-12-01", "in the future")
	h.refusedWith(focalKE, "readiness nigeria policy=2 legal=1 institutional=1", "not allowed to record entries for Nigeria")

	wantText(t, h.ok("status nigeria"), "Readiness (assessed Fri 27 Nov 2026; change since Mon 1 Jun 2026)",
		"policy: 2 developing ↑ from 1", "legal: 1 initial =", "institutional: 3 established ↑ from 2")
	if text := h.ok("status kenya").Text(); strings.Contains(text, "Readiness") {
		t.Errorf("Kenya, never assessed, shows a profile:\n%s", text)
	}
}

func TestHeldWorkshopsCarryReadinessScores(t *testing.T) {
	h := newHarness(t)
	h.ok(`workshop ghana held 2026-11-20 "Benchmark" participants=30 women=12 policy=2 legal=3 institutional=1`)
	if e := h.last(); e.Scores["legal"] != 3 || e.Participants != 30 {
		t.Errorf("workshop = scores %v participants %d", e.Scores, e.Participants)
	}
	h.refusedWith(staff, `workshop ghana planned 2026-12-20 "Next" policy=2 legal=1 institutional=1`, "Readiness scores go with a workshop held, not planned")
	wantText(t, h.ok("status ghana"), "Readiness (assessed Fri 20 Nov 2026)", "legal: 3 established")
	// An assessment dated later is the latest; one dated earlier is not.
	h.ok("readiness ghana policy=1 legal=3 institutional=1 on=2026-11-01")
	wantText(t, h.ok("status ghana"), "Readiness (assessed Fri 20 Nov 2026; change since Sun 1 Nov 2026)", "policy: 2 developing ↑ from 1", "legal: 3 established =")
}

func TestStatusReadinessIsATableWithArrows(t *testing.T) {
	h := newHarness(t)
	wantText(t, h.ok("status readiness"), "No state has been assessed yet. Record one with `/ct readiness <country> policy=N legal=N institutional=N`")
	h.ok("readiness nigeria policy=3 legal=2 institutional=1 on=2026-06-01")
	h.ok("readiness nigeria policy=2 legal=2 institutional=3")
	h.ok("readiness ghana policy=1 legal=0 institutional=0")
	text := h.ok("status readiness").Text()
	for _, want := range []string{"Readiness by state — Fri 27 Nov 2026",
		"State    policy  legal  institutional  Assessed",
		"Ghana         1      0              0  Fri 27 Nov 2026",
		"Nigeria     2 ↓    2 =            3 ↑  Fri 27 Nov 2026",
		"Not assessed yet: Iraq, Kenya, Philippines, Tajikistan, Uzbekistan, Côte d'Ivoire, Malaysia."} {
		if !strings.Contains(text, want) {
			t.Errorf("status readiness lacks %q:\n%s", want, text)
		}
	}
	// A retraction brings the assessment before back.
	h.ok("retract 2 wrong scores")
	if text := h.ok("status readiness").Text(); !strings.Contains(text, "Nigeria       3      2              1  Mon 1 Jun 2026") {
		t.Errorf("after retracting the latest assessment:\n%s", text)
	}
}

func TestTheDigestListsTheWeeksAssessments(t *testing.T) {
	h := newHarness(t)
	h.ok("readiness nigeria policy=1 legal=1 institutional=1 on=2026-06-01")
	h.advance(24 * time.Hour) // Sat 28 Nov
	h.ok("readiness nigeria policy=2 legal=1 institutional=1")
	h.advance(48*time.Hour - 2*time.Hour) // Mon 30 Nov 08:00 in Brussels
	r, err := h.core.Digest(context.Background(), h.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, r, "Readiness assessed this week", "Nigeria: policy 2 ↑ from 1, legal 1 =, institutional 1 =")
}

// Scores are corrected with amend: those given change, the others stay.
func TestAmendingAReadinessAssessment(t *testing.T) {
	h := newHarness(t)
	r := h.ok("readiness nigeria policy=2 legal=1 institutional=3")
	wantText(t, h.ok(idCmd("amend", r.EntryID, "policy=3")), "scores institutional=3 legal=1 policy=2 → institutional=3 legal=1 policy=3")
	if e := h.last(); e.Scores["policy"] != 3 || e.Scores["legal"] != 1 || e.Scores["institutional"] != 3 {
		t.Errorf("scores after the amendment = %v", e.Scores)
	}
	h.refusedWith(staff, idCmd("amend", r.EntryID, "legal=9"), "legal=9 is off the scale")
	l := h.ok("log kenya met the unit")
	h.refusedWith(staff, idCmd("amend", l.EntryID, "policy=2"), "policy")
	wantText(t, h.ok("status nigeria"), "policy: 3 established")
}

// The readiness table is asked for in any language.
func TestStatusReadinessInEveryLanguage(t *testing.T) {
	h := newHarness(t)
	h.ok("readiness nigeria policy=2 legal=1 institutional=3")
	for _, cmd := range []string{"status readiness", "statut préparation", "статус готовность", "وضع الجاهزية"} {
		wantText(t, h.ok(cmd), "Readiness by state")
	}
}
