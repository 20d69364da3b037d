package commands_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/export"
)

// TestReportSourcesListEachFiguresEntries: `report [period] [country]
// sources` names, for each figure, the entries it rests on, to the
// person who asked alone, at most 20 a figure with a pointer to the
// workbook for the rest; in any language's word for sources.
func TestReportSourcesListEachFiguresEntries(t *testing.T) {
	h := newHarness(t)
	a := h.ok(`training kenya 2026-08-10 "OSINT" trained=20 women=8`).EntryID
	b := h.ok(`training kenya 2026-09-10 "OSINT" trained=10 women=2`).EntryID
	late := h.ok(`training kenya 2026-10-10 "OSINT" trained=10`).EntryID
	before := h.ok("indicator unsr-recs kenya +1 on=2026-07-01 first")
	set := h.ok("indicator unsr-recs kenya 1 on=2026-08-01 law").EntryID
	for day := 1; day <= 23; day++ {
		h.ok(fmt.Sprintf(`training ghana 2026-08-%02d "OSINT" trained=5 again`, day))
	}
	r := h.as(manager, "report 2026-Q3 kenya sources")
	if r.Failed || r.Public || r.Shareable {
		t.Fatalf("failed %v, public %v, shareable %v:\n%s", r.Failed, r.Public, r.Shareable, r.Text())
	}
	wantText(t, r, "Sources of the logframe of CT TECH+ — 2026-Q3, Kenya", fmt.Sprintf("`investigators-trained`, Kenya — 30: trainings #%d, #%d", a, b),
		fmt.Sprintf("`unsr-recs`, Kenya — 1: #%d", set), "Sources sheet", "/ct export 2026-Q3")
	for _, gone := range []string{fmt.Sprintf("#%d", late), fmt.Sprintf("#%d", before.EntryID), "Ghana"} {
		if strings.Contains(r.Text(), gone) {
			t.Errorf("sources list %s:\n%s", gone, r.Text())
		}
	}
	wantText(t, h.as(manager, "report 2026-Q3 sources"), "`investigators-trained`, Ghana — 115: trainings", "… and 3 more")
	h.as(staff2, "lang fr")
	wantText(t, h.as(staff2, "report 2026-Q3 kenya sources"), "Sources du cadre logique de CT TECH+", "formations #")
	h.as(staff2, "lang ru")
	wantText(t, h.as(staff2, "report источники 2026-Q3 kenya"), "Источники логической рамки CT TECH+", "тренинги #")
	if text := h.as(manager, "report 2026-Q3 kenya").Text(); strings.Contains(text, "Sources of the logframe") {
		t.Errorf("the report lists its sources unasked:\n%s", text)
	}
	h.refusedWith(outsider, "report 2026-Q3 sources", "")
	h.refusedWith(staff, "report 2026-Q3 narnia sources", "neither a reporting period nor a country")
}

// TestAnAchievedValueReducedNeedsANote: a count taken from its target or
// above to below it needs a note, as a stage going back does, whether by
// a new value, a backdated one, an amendment or an adjustment of a value
// fed by trainings; the reply and the report flag it.
func TestAnAchievedValueReducedNeedsANote(t *testing.T) {
	h := newHarness(t)
	h.ok("indicator unsr-recs kenya 2 on=2026-07-01 two laws")
	h.refusedWith(staff, "indicator unsr-recs kenya 1 on=2026-08-01", "`unsr-recs` for Kenya would go down from 2 to 1, below its target of 2, which it had reached: add a note")
	r := h.ok("indicator unsr-recs kenya 1 on=2026-08-01 one law repealed")
	wantText(t, r, "⚠️ `unsr-recs` goes down from 2 to 1, below its target of 2, which it had reached.")
	reduced := r.EntryID
	// Backdated between two others: 2 on 1 Jul, +1 on 1 Sep; a 1 dated
	// 1 Aug takes the value down there, though it ends at 2.
	h.ok("indicator unsr-recs ghana 2 on=2026-07-01 two")
	h.ok("indicator unsr-recs ghana +1 on=2026-09-01 three")
	h.refusedWith(staff, "indicator unsr-recs ghana 1 on=2026-08-01", "would go down from 2 to 1")
	// An amendment.
	id := h.ok("indicator unsr-recs nigeria 2 on=2026-07-01").EntryID
	h.refusedWith(staff, fmt.Sprintf("amend %d value=1", id), "would go down from 2 to 1")
	wantText(t, h.ok(fmt.Sprintf(`amend %d value=1 note="one was withdrawn"`, id)), "goes down from 2 to 1")
	// Not reduced: below the target already, or still at it.
	h.ok("indicator unsr-recs iraq 1 on=2026-07-01")
	if text := h.ok("indicator unsr-recs iraq 0 on=2026-08-01").Text(); strings.Contains(text, "goes down") {
		t.Errorf("a value below its target is flagged:\n%s", text)
	}
	// A value fed by trainings, adjusted below its target.
	h.ok(`training tajikistan 2026-07-10 "OSINT" trained=45`)
	wantText(t, h.ok("indicator investigators-trained tajikistan -10 on=2026-08-10 not investigators"),
		"goes down from 45 to 35, below its target of 40")
	wantText(t, h.as(manager, "report 2026-Q3"), "Notes on the entries of 2026-Q3",
		fmt.Sprintf("#%d (Sat 1 Aug 2026): `unsr-recs` for Kenya went down from 2 to 1, below its target of 2, which it had reached.", reduced),
		"`investigators-trained` for Tajikistan went down from 45 to 35")
}

// TestASetAndAnAddOfOneDay: a set and an add dated the same day by
// different people get a reply saying in which order they apply, and the
// report's notes list them; one person's are not explained.
func TestASetAndAnAddOfOneDay(t *testing.T) {
	h := newHarness(t)
	set := h.ok("indicator unsr-recs kenya 3 on=2026-09-20").EntryID
	r := h.as(staff2, "indicator unsr-recs kenya +1 on=2026-09-20")
	wantText(t, r, fmt.Sprintf("ℹ️ #%d (set to 3, by @USTAFF) and this entry (+1) are dated the same day, Sun 20 Sep 2026, and were recorded by different people", set),
		"the add counts on top of the set, giving 4 that day")
	add := r.EntryID
	r = h.ok("indicator unsr-recs kenya 2 on=2026-09-20 recount")
	wantText(t, r, fmt.Sprintf("#%d (+1, by @USTAFF2) and this entry (set to 2)", add), "the set, recorded later, replaces the add, giving 2 that day")
	if n := strings.Count(r.Text(), "ℹ️"); n != 1 {
		t.Errorf("%d explanations, want 1 (the other set is no pair):\n%s", n, r.Text())
	}
	h.ok("indicator unsr-recs ghana 1 on=2026-09-20")
	if text := h.ok("indicator unsr-recs ghana +1 on=2026-09-20").Text(); strings.Contains(text, "ℹ️") {
		t.Errorf("one person's set and add are explained:\n%s", text)
	}
	wantText(t, h.as(manager, "report 2026-Q3"),
		fmt.Sprintf("#%d and #%d (Sun 20 Sep 2026): `unsr-recs` for Kenya, a set and then an add", set, add), "so the add counts on top of the set",
		fmt.Sprintf("#%d and #%d (Sun 20 Sep 2026): `unsr-recs` for Kenya, an add and then a set", add, r.EntryID), "so the set replaces the add")
}

// TestReportStatesWholeTargetsAndPeople: targets due are whole
// recommendations, levels are named as the EU logframe names them, the
// people reached are shown by sex, and a stage gone back is flagged.
func TestReportStatesWholeTargetsAndPeople(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-08-10 "OSINT" trained=20 women=8`)
	h.ok(`training kenya 2026-09-10 "OSINT" trained=15 women=3`)
	h.ok(`workshop ghana held 2026-09-01 "Benchmark" participants=30 women=12`)
	h.ok("indicator strategies ghana adopted on=2026-07-01")
	h.ok("indicator strategies ghana drafting on=2026-08-01 repealed")
	r := h.as(manager, "report 2026-Q3")
	wantText(t, r, "specific objective (outcome)", "People reached by the period's end, by sex", "31.4%", "40%", "drafting — ⚠️ went back from adopted",
		"`strategies` for Ghana went back from adopted to drafting")
	// 2 × 637/729 = 1.75 recommendations due by 30 Sep: stated as 2.
	for _, line := range strings.Split(r.Text(), "\n") {
		if strings.HasPrefix(line, "Kenya") && (strings.Contains(line, "1.7") || strings.Contains(line, "1.8") || strings.Contains(line, "34.9")) {
			t.Errorf("a target due in parts of a person: %q", line)
		}
	}
}

// TestAWorkbookOfOneState: a state's workbook holds its logframe rows,
// and its entries dated in the period and their audit rows only.
func TestAWorkbookOfOneState(t *testing.T) {
	h := newHarness(t)
	ke := h.ok(`training kenya 2026-09-20 "OSINT" trained=25 women=9`).EntryID
	gh := h.ok(`training ghana 2026-09-21 "OSINT" trained=5`).EntryID
	h.ok(fmt.Sprintf("amend %d trained=6", gh))
	h.ok(fmt.Sprintf("amend %d trained=26", ke))
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	wb, err := h.core.Workbook(context.Background(), q3, "KE")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.WriteXLSX(&buf, wb); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sheet, col := range map[string]int{"Entries": 0, "Audit": 1} {
		rows, _ := f.GetRows(sheet)
		if len(rows) < 2 {
			t.Errorf("%s: %v", sheet, rows)
		}
		for _, row := range rows[1:] {
			if row[col] != fmt.Sprint(ke) {
				t.Errorf("%s of Kenya's workbook holds a row of #%s", sheet, row[col])
			}
		}
	}
	cover, _ := f.GetRows("Cover")
	if got := fmt.Sprint(cover); !strings.Contains(got, "states KE") || !strings.Contains(got, "period_state open") {
		t.Errorf("cover %v", cover)
	}
}

// TestAWorkbookNamesEachFiguresEntries: the Sources sheet of a closed
// period's workbook lists the trainings its figures rest on, those dated
// before it too, as known at the close: not one dated after the period,
// nor one recorded after the close.
func TestAWorkbookNamesEachFiguresEntries(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(time.Date(2026, 10, 12, 9, 0, 0, 0, time.UTC))
	q2 := h.ok(`training kenya 2026-05-10 "OSINT" trained=10`).EntryID
	q3 := h.ok(`training kenya 2026-08-10 "OSINT" trained=12`).EntryID
	q4 := h.ok(`training kenya 2026-10-10 "OSINT" trained=9`).EntryID
	h.as(coordinator, "period close 2026-Q3 approved")
	h.advance(time.Hour)
	late := h.as(coordinator, `training kenya 2026-09-15 "OSINT" trained=5 reason="late sheet"`).EntryID
	r := h.as(manager, "export 2026-Q3")
	f, err := excelize.OpenReader(bytes.NewReader(fileBytes(t, r.File)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Sources")
	var listed []string
	for _, row := range rows[1:] {
		listed = append(listed, strings.Join(row[:4], "|"))
	}
	for _, id := range []int64{q2, q3} {
		if want := fmt.Sprintf("investigators-trained|KE|trainings|%d", id); !slices.Contains(listed, want) {
			t.Errorf("Sources lacks %s: %v", want, listed)
		}
	}
	for _, id := range []int64{q4, late} {
		for _, l := range listed {
			if strings.HasSuffix(l, fmt.Sprintf("|%d", id)) {
				t.Errorf("Sources lists #%d: %s", id, l)
			}
		}
	}
	wantText(t, h.as(manager, "report 2026-Q3 kenya sources"), fmt.Sprintf("trainings #%d, #%d", q2, q3))
}

// TestAReportListsTwentyNotes: a report lists its first 20 notes and
// says how many more the workbook's Notes sheet has.
func TestAReportListsTwentyNotes(t *testing.T) {
	h := newHarness(t)
	for day := 1; day <= 23; day++ {
		h.ok(fmt.Sprintf("indicator unsr-recs ghana 0 on=2026-08-%02d", day))
		h.as(staff2, fmt.Sprintf("indicator unsr-recs ghana +1 on=2026-08-%02d", day))
	}
	r := h.as(manager, "report 2026-Q3")
	if n := strings.Count(r.Text(), "a set and then an add"); n != 20 {
		t.Errorf("%d notes listed, want 20", n)
	}
	wantText(t, r, "Notes not listed here: 3; the Notes sheet of `/ct export 2026-Q3` has them all.")
}
