package commands_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cttechplus/ctbot/storage"
)

func TestEvidenceOnAnyEntry(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-09-20 "OSINT" trained=25 source="Attendance sheet, 20 Sep" link=https://example.org/sheet.pdf women=9`)
	if e := h.last(); e.Evidence != "Attendance sheet, 20 Sep" || e.Link != "https://example.org/sheet.pdf" || e.Title != "OSINT" || *e.Women != 9 {
		t.Errorf("training evidence %q %q, title %q", e.Evidence, e.Link, e.Title)
	}
	// In free text too, wherever it is; Slack's own link markup is read.
	h.ok(`indicator strategies ghana adopted gazetted in August source="Official Gazette No. 45" link=<https://example.org/g|gazette>`)
	if e := h.last(); e.Note != "gazetted in August" || e.Evidence != "Official Gazette No. 45" || e.Link != "https://example.org/g" {
		t.Errorf("indicator: note %q evidence %q link %q", e.Note, e.Evidence, e.Link)
	}
	for _, bad := range []string{"javascript:alert(1)", "ftp://example.org/x", "https://", "example.org", "https://user:pw@example.org/",
		"https://example.org:99999/", "https://exa", "JavaScript://example.org/%0Aalert(1)"} {
		h.refusedWith(staff, "log kenya met the unit link="+bad, "is not a web link")
	}
	h.refusedWith(staff, `log kenya met the unit source=""`, "source= needs the name of the document")
	id := h.last().ID
	wantText(t, h.ok(fmt.Sprintf(`amend %d source="Gazette No. 46"`, id)), "source Official Gazette No. 45 → Gazette No. 46")
	h.ok(fmt.Sprintf(`amend %d link=none`, id))
	if e := h.last(); e.Link != "" || e.Evidence != "Gazette No. 46" {
		t.Errorf("after link=none: %q %q", e.Link, e.Evidence)
	}
	// A Slack link with a label, spaces and all; an international name kept as typed.
	h.ok(`log kenya annual report link=<https://example.org/a.pdf|Annual report 2026> source=<https://example.org/b.pdf|Sheet>`)
	if e := h.last(); e.Link != "https://example.org/a.pdf" || e.Note != "annual report" || e.Evidence != "Sheet https://example.org/b.pdf" {
		t.Errorf("Slack links: link %q note %q evidence %q", e.Link, e.Note, e.Evidence)
	}
	h.ok(`log kenya ok link=https://bücher.de/katalog`)
	if e := h.last(); e.Link != "https://bücher.de/katalog" {
		t.Errorf("international link stored as %q", e.Link)
	}
}

func TestPersonalDataIsWarnedAbout(t *testing.T) {
	h := newHarness(t)
	for _, text := range []string{"log kenya call the trainer on +254 700 123456", "log kenya write to j.doe@example.org"} {
		r := h.ok(text)
		wantText(t, r, "looks like it holds an e-mail address or a phone number", "redact")
	}
	if r := h.ok("log kenya 25 trained on 2026-11-20, 3 sessions"); strings.Contains(r.Text(), "e-mail") {
		t.Errorf("a warning without personal data:\n%s", r.Text())
	}
}

func TestVerifyAndRedactAreForCoordinators(t *testing.T) {
	h := newHarness(t)
	id := h.ok(`log kenya met John Doe, +254 700 123456 source="Minutes"`).EntryID
	h.refusedWith(staff, fmt.Sprintf("verify %d", id), "Only coordinators may verify")
	wantText(t, h.as(coordinator, fmt.Sprintf("verify %d checked the minutes", id)), fmt.Sprintf("Verified #%d", id))
	h.refusedWith(coordinator, fmt.Sprintf("verify %d", id), "already verified")
	// An amendment undoes the verification.
	wantText(t, h.ok(fmt.Sprintf("amend %d note=\"met the ministry\"", id)), "verified")
	if e := h.last(); e.Verified() {
		t.Error("still verified after an amendment")
	}
	h.refusedWith(staff, fmt.Sprintf("redact %d personal data", id), "Only coordinators may redact")
	h.refusedWith(coordinator, fmt.Sprintf("redact %d", id), "The reason is missing")
	wantText(t, h.as(coordinator, fmt.Sprintf("redact %d a phone number", id)), fmt.Sprintf("Redacted #%d", id), "a phone number")
	if e := h.last(); e.Note != "" || e.Source != "" || !e.Redacted || e.Evidence != storage.Redacted {
		t.Errorf("after redaction: %+v", e)
	}
	for _, ar := range h.audit(id) {
		for _, c := range ar.Changes {
			if strings.Contains(c.Old+c.New, "John") || strings.Contains(c.Old+c.New, "ministry") {
				t.Errorf("the audit still quotes %+v", c)
			}
		}
	}
	// A reason can hold personal data too: redacting again blanks the
	// earlier redaction's reason.
	wantText(t, h.as(coordinator, fmt.Sprintf("redact %d the reason named +254 700 123456", id)), fmt.Sprintf("Redacted #%d", id),
		"looks like it holds an e-mail address or a phone number", fmt.Sprintf("redact %d <reason>", id))
	wantText(t, h.as(coordinator, fmt.Sprintf("redact %d blank the reason", id)), fmt.Sprintf("Redacted #%d", id))
	for _, ar := range h.audit(id) {
		if strings.Contains(ar.Reason, "700") {
			t.Errorf("a redaction's reason survives: %+v", ar)
		}
	}
	// An entry undone after a phone number was typed by mistake can be redacted.
	undone := h.ok("log kenya call John on +254 712 345 678").EntryID
	h.ok(fmt.Sprintf("undo %d", undone))
	wantText(t, h.as(coordinator, fmt.Sprintf("redact %d phone number", undone)), fmt.Sprintf("Redacted #%d", undone))
	// Amendments and evidence are checked for personal data too.
	wantText(t, h.ok(fmt.Sprintf(`log kenya met the unit source="Sheet of j.doe@example.org"`)), "looks like it holds an e-mail address")
	wantText(t, h.ok(fmt.Sprintf(`amend %d note="call +254 712 345 678"`, h.last().ID)), "looks like it holds an e-mail address or a phone number")
}

func TestClosedPeriods(t *testing.T) {
	h := newHarness(t) // Fri 27 Nov 2026
	h.ok(`training kenya 2026-09-20 "OSINT" trained=25 women=9`)
	in := h.last().ID
	h.refusedWith(staff, "period close 2026-Q3", "Only coordinators may period close")
	h.refusedWith(coordinator, "period close 2026-Q4", "has not ended yet")
	h.refusedWith(coordinator, "period close 2026-13", "is not a reporting period: write it like 2026-Q4")
	wantText(t, h.as(coordinator, "period close 2026-Q3 approved by the steering committee"), "closed 2026-Q3")
	h.refusedWith(coordinator, "period close 2026-Q3", "already closed")
	wantText(t, h.ok("period"), "2026-Q3 (Wed 1 Jul 2026 – Wed 30 Sep 2026) — closed by @UCOORD", "2026-Q4", "in progress")

	// Staff can no longer record, amend or retract in Q3; the message says
	// which period, who closed it and whom to ask.
	h.refusedWith(staff, `training kenya 2026-09-21 "OSINT" trained=5 again`, "Mon 21 Sep 2026 falls in 2026-Q3, which @UCOORD closed", "ask a coordinator (@UCOORD)")
	h.refusedWith(staff, fmt.Sprintf("amend %d trained=26", in), "falls in 2026-Q3")
	// Coordinators granted in Slack are named too.
	h.as(coordinator, "access add <@UCOORD2> coordinator")
	h.refusedWith(staff, `training kenya 2026-09-22 "OSINT" trained=5 again`, "ask a coordinator (@UCOORD, @UCOORD2)")
	h.refusedWith(staff, fmt.Sprintf("retract %d wrong", in), "falls in 2026-Q3")
	h.refusedWith(staff, "indicator unsr-recs kenya +1 on=2026-08-01 law", "falls in 2026-Q3")
	// Moving an entry of Q4 into Q3 is a change to Q3.
	q4 := h.ok(`training kenya 2026-10-20 "OSINT" trained=5`).EntryID
	h.refusedWith(staff, fmt.Sprintf("amend %d date=2026-09-29", q4), "falls in 2026-Q3")
	// Coordinators can, with a reason; the change is marked.
	h.refusedWith(coordinator, fmt.Sprintf("amend %d trained=26", in), `add reason="…"`)
	r := h.as(coordinator, fmt.Sprintf(`amend %d trained=26 reason="sheet found"`, in))
	wantText(t, r, "Changed after the close of 2026-Q3")
	if n := strings.Count(r.Text(), "Changed after the close"); n != 1 {
		t.Errorf("the flag is said %d times", n)
	}
	// A coordinator's undo of their own entry has no reason of its own.
	own := h.as(coordinator, `training kenya 2026-09-24 "OSINT" trained=4 reason="late sheet"`).EntryID
	h.refusedWith(coordinator, fmt.Sprintf("undo %d", own), fmt.Sprintf("use `/ct retract %d <reason>`", own))
	wantText(t, h.as(coordinator, `training kenya 2026-09-22 "OSINT" trained=4 again reason="late sheet"`), "Changed after the close of 2026-Q3")
	if e := h.last(); !e.AfterClose {
		t.Error("a recording after the close is not marked")
	}
	trail := h.audit(in)
	if last := trail[len(trail)-1]; !last.AfterClose || last.Reason != "sheet found" {
		t.Errorf("audit of the change after close: %+v", last)
	}
	// Reopened (with a reason), staff may change it again.
	h.refusedWith(coordinator, "period reopen 2026-Q3", "Say why 2026-Q3 is reopened")
	h.refusedWith(coordinator, "period close 2020-Q1", "2020-Q1 is outside the programme")
	wantText(t, h.as(coordinator, "period reopen 2026-Q3 late figures from Kenya"), "reopened 2026-Q3")
	h.ok(`training kenya 2026-09-23 "Darknet" trained=5`)
	wantText(t, h.ok("period"), "reopened by @UCOORD", "late figures from Kenya")
}

func TestAClosedPeriodsReportStaysTheSame(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC))
	h.ok(`training kenya 2026-09-20 "OSINT" trained=25 women=9 source="Attendance sheet"`)
	h.ok(`training ghana 2026-08-20 "OSINT" trained=10`)
	h.ok("indicator women-policy ghana 3/12 on=2026-09-01")
	h.ok("indicator unsr-recs kenya 1 on=2026-07-15 data retention law")
	h.as(coordinator, "period close 2026-Q3 approved")
	before := h.as(manager, "report 2026-Q3")
	if before.Failed {
		t.Fatal(before.Text())
	}
	wantText(t, before, "Closed by @UCOORD", "`investigators-trained`", "Kenya", "25", "1/1")
	// Later: corrections after the close, new entries, verification,
	// retraction, and Q4 entries.
	h.advance(24 * time.Hour)
	ke := h.entries()[len(h.entries())-1].ID // the first entry
	h.as(coordinator, fmt.Sprintf(`amend %d trained=30 new=30 reason="second sheet"`, ke))
	h.as(coordinator, fmt.Sprintf("verify %d", ke))
	h.as(coordinator, `indicator unsr-recs ghana 2 on=2026-09-01 reason="found late" recommendation`)
	h.ok(`training kenya 2026-10-03 "Darknet" trained=7`)
	after := h.as(manager, "report 2026-Q3")
	if got, want := reportFigures(after.Text()), reportFigures(before.Text()); got != want {
		t.Errorf("the closed period's report changed:\n--- at the close\n%s\n--- later\n%s", want, got)
	}
	wantText(t, after, "Changed after the close of 2026-Q3", fmt.Sprintf("#%d", ke))
	// Reopened, it follows the data again.
	h.as(coordinator, "period reopen 2026-Q3 second sheet")
	reopened := h.as(manager, "report 2026-Q3")
	if reportFigures(reopened.Text()) == reportFigures(before.Text()) {
		t.Error("a reopened period's report did not follow the corrections")
	}
	wantText(t, reopened, "Open period")
}

// reportFigures is a report without its state line (closed or open), the part
// that must not change.
func reportFigures(text string) string {
	var keep []string
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" || strings.Contains(line, "Closed by") || strings.Contains(line, "Open period") ||
			strings.HasPrefix(line, "• #") || strings.HasPrefix(line, "Changed after the close") {
			continue
		}
		keep = append(keep, line)
	}
	return strings.Join(keep, "\n")
}

func TestReportArguments(t *testing.T) {
	h := newHarness(t) // 27 Nov 2026: the last complete quarter is 2026-Q3
	wantText(t, h.ok("report"), "2026-Q3")
	wantText(t, h.ok("report kenya 2026-Q2"), "2026-Q2, Kenya")
	wantText(t, h.ok("report 2026-q1 ghana"), "2026-Q1, Ghana")
	h.refusedWith(staff, "report narnia", "neither a reporting period nor a country")
	h.refusedWith(outsider, "report", "")
}

func TestExportIsAWorkbook(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-09-20 "OSINT" trained=25 women=9`)
	h.ok(`training kenya 2026-06-20 "Before the period" trained=5`)
	h.refusedWith(staff, "export", "Only coordinators and managers may export")
	r := h.as(manager, "export 2026-Q3")
	if r.Failed || r.File == nil {
		t.Fatalf("export: %s", r.Text())
	}
	wantText(t, r, "2026-Q3", "comes by direct message")
	f, err := excelize.OpenReader(bytes.NewReader(fileBytes(t, r.File)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Cover,Logframe,States,Activities,Sources,Notes,Entries,Audit" {
		t.Errorf("sheets %s", got)
	}
	// The period's entries only; the logframe counts every value up to its end.
	rows, _ := f.GetRows("Entries")
	if len(rows) != 2 || rows[1][6] != "OSINT" {
		t.Errorf("entries sheet %v", rows)
	}
	if r.File.Name != "CT-TECH-2026-Q3.xlsx" {
		t.Errorf("file name %q", r.File.Name)
	}
}

// TestChangesAfterTheCloseAreListedForTheirCountry: the report of one state
// lists only its changes; a reopened and closed again period lists only
// what came after the new close.
func TestChangesAfterTheCloseAreListedForTheirCountry(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-09-20 "OSINT" trained=25`)
	h.as(coordinator, "period close 2026-Q3 ok")
	h.advance(time.Hour)
	h.as(coordinator, `training ghana 2026-09-10 "OSINT" trained=5 reason="late sheet from Accra"`)
	if text := h.as(manager, "report 2026-Q3 kenya").Text(); strings.Contains(text, "Accra") {
		t.Errorf("Kenya's report lists Ghana's change:\n%s", text)
	}
	wantText(t, h.as(manager, "report 2026-Q3 ghana"), "Changed after the close of 2026-Q3", "recorded by @UCOORD", "late sheet from Accra")
	h.as(coordinator, "period reopen 2026-Q3 more to come")
	wantText(t, h.as(manager, "report 2026-Q3"), "Changed while 2026-Q3 was closed", "late sheet from Accra")
	h.advance(time.Hour)
	h.as(coordinator, "period close 2026-Q3 final")
	if text := h.as(manager, "report 2026-Q3").Text(); strings.Contains(text, "Accra") {
		t.Errorf("a change the new close includes is listed as after it:\n%s", text)
	}
}

// TestAClosedPeriodsFiguresFollowCommitOrder: with the clock stepped back
// an hour after a close (an operator, NTP), an amendment, a recording and
// a retraction made then are still after the close: the closed period's
// figures stay as they were and list them as changed after it; a reopen
// made then reopens the period.
func TestAClosedPeriodsFiguresFollowCommitOrder(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC))
	h.ok(`training kenya 2026-09-20 "OSINT" trained=25 women=9`)
	h.ok(`training ghana 2026-08-20 "OSINT" trained=10`)
	h.ok("indicator women-policy ghana 3/12 on=2026-09-01")
	es := h.entries()
	ke, gh := es[2].ID, es[1].ID
	h.as(coordinator, "period close 2026-Q3 approved")
	before := h.as(manager, "report 2026-Q3")
	wantText(t, before, "Closed by @UCOORD", "25")

	h.advance(-time.Hour)
	for _, cmd := range []string{
		fmt.Sprintf(`amend %d trained=30 new=30 reason="second sheet"`, ke),
		`training nigeria 2026-09-10 "OSINT" trained=12 reason="late sheet"`,
		fmt.Sprintf("retract %d recorded twice", gh),
		`indicator women-policy ghana 9/12 on=2026-09-02 reason="corrected"`,
	} {
		if r := h.as(coordinator, cmd); r.Failed {
			t.Fatalf("%s: %s", cmd, r.Text())
		}
	}
	after := h.as(manager, "report 2026-Q3")
	if got, want := reportFigures(after.Text()), reportFigures(before.Text()); got != want {
		t.Errorf("changes made after the close with the clock an hour behind count in its figures:\n--- at the close\n%s\n--- later\n%s", want, got)
	}
	wantText(t, after, "Changed after the close of 2026-Q3", fmt.Sprintf("#%d", ke), fmt.Sprintf("#%d", gh))

	h.as(coordinator, "period reopen 2026-Q3 more to come")
	reopened := h.as(manager, "report 2026-Q3")
	wantText(t, reopened, "Open period")
	if reportFigures(reopened.Text()) == reportFigures(before.Text()) {
		t.Error("the period reopened with the clock behind its close did not reopen")
	}
}
