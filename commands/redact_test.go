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
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/export"
	"github.com/cttechplus/ctbot/reply"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// holdsText reports whether entry id, its versions (as amendments
// quote them) or its audit trail still hold s.
func (h *harness) holdsText(id int64, s string) bool {
	h.t.Helper()
	e, err := h.db.Entry(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	all := []string{e.Title, e.Note, e.Source, e.Evidence, e.Link, e.RetractReason}
	for _, r := range h.audit(id) {
		all = append(all, r.Reason)
		for _, c := range r.Changes {
			all = append(all, c.Old, c.New)
		}
	}
	return slices.ContainsFunc(all, func(t string) bool { return strings.Contains(t, s) })
}

// TestRedactionNamesTheEntriesSharingItsText: a planned workshop's title
// is copied into the "held" entry, and its phone number is in a note. The
// redaction of the plan names both other entries (not an unrelated one),
// and its button redacts them, once per click, as the same command.
func TestRedactionNamesTheEntriesSharingItsText(t *testing.T) {
	h := newHarness(t) // Fri 27 Nov 2026
	planned := h.ok(`workshop nigeria planned 2026-12-10 "Benchmark with Jane Roe, +234 803 123 4567"`).EntryID
	note := h.ok(`log nigeria Jane's number for the benchmark: +234 803 123 4567`).EntryID
	other := h.ok(`log nigeria met the police academy`).EntryID
	course := h.ok(`training kenya 2026-11-20 course=dva-basic trained=25`).EntryID
	h.advance(14 * 24 * time.Hour)
	held := h.ok(`workshop nigeria held 2026-12-10 "Benchmark with Jane Roe, +234 803 123 4567" participants=30`).EntryID

	r := h.as(coordinator, fmt.Sprintf("redact %d a participant's name and number", planned))
	wantText(t, r, fmt.Sprintf("Redacted #%d", planned), fmt.Sprintf("#%d", note), fmt.Sprintf("#%d", held), "redact them too?")
	if strings.Contains(r.Text(), fmt.Sprintf("#%d", other)) || strings.Contains(r.Text(), fmt.Sprintf("#%d", course)) {
		t.Errorf("an entry without the text is named:\n%s", r.Text())
	}
	buttons := r.Doc.Buttons()
	if len(buttons) != 1 || buttons[0].Intent != reply.IntentRun || !buttons[0].Danger || buttons[0].Confirm == nil {
		t.Fatalf("buttons %+v", buttons)
	}
	want := fmt.Sprintf("redact %d,%d same text as #%d", min(note, held), max(note, held), planned)
	if buttons[0].Arg != want {
		t.Errorf("the button runs %q, want %q", buttons[0].Arg, want)
	}
	for _, id := range []int64{note, held} {
		if !h.holdsText(id, "+234 803 123 4567") {
			t.Fatalf("#%d lost its text before anyone asked", id)
		}
	}

	// The click runs the same command as whoever clicks, once per click:
	// Slack delivering it twice changes nothing more.
	click := commands.Request{UserID: coordinator, Text: buttons[0].Arg, Source: commands.FromButton, Keys: []string{"trigger-1"}}
	first := h.core.Handle(context.Background(), click)
	wantText(t, first, fmt.Sprintf("Redacted #%d", note), fmt.Sprintf("Redacted #%d", held))
	if again := h.core.Handle(context.Background(), click); again.Outcome != "duplicate" {
		t.Errorf("the same click twice: %s\n%s", again.Outcome, again.Text())
	}
	for _, id := range []int64{planned, note, held} {
		for _, s := range []string{"Jane", "803 123 4567"} {
			if h.holdsText(id, s) {
				t.Errorf("#%d still holds %q", id, s)
			}
		}
	}
	if !h.holdsText(other, "police academy") {
		t.Error("an unrelated entry was redacted")
	}
	// Nothing left shares the text: no button.
	if r := h.as(coordinator, fmt.Sprintf("redact %d,%d the reason of the click", note, held)); len(r.Doc.Buttons()) != 0 {
		t.Errorf("offered again:\n%s", r.Text())
	}
	// A wrong ID among several changes nothing; a reason that starts with
	// a number is not read as IDs.
	h.refusedWith(coordinator, fmt.Sprintf("redact %d,9999 a name", other), "There is no entry #9999")
	if !h.holdsText(other, "police academy") {
		t.Error("a refused command redacted")
	}
	wantText(t, h.as(coordinator, fmt.Sprintf("redact %d 2 names", other)), fmt.Sprintf("Redacted #%d", other))
}

// closedReport renders the report of closed 2026-Q3 every way ctbot
// writes it: the text, the CSV, the cell values of the workbook's
// Logframe and States sheets, and IATI.
func (h *harness) closedReport() (text, csv, xlsx, iati string) {
	h.t.Helper()
	q3, err := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	if err != nil {
		h.t.Fatal(err)
	}
	return renderReport(h.t, h.core, q3, "", h.as(coordinator, "report 2026-Q3").Text())
}

// renderReport renders the report of period p (country's, if set) as the
// CSV, the cell values of the workbook's Logframe and States sheets, and
// IATI (as generated on a fixed day), after its text.
func renderReport(t *testing.T, core *commands.Core, p ctbot.Period, country, text string) (string, string, string, string) {
	t.Helper()
	ctx := context.Background()
	lf, err := core.Logframe(ctx, p, country)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.LogframeCSV(&buf, lf); err != nil {
		t.Fatal(err)
	}
	csv := buf.String()
	wb, err := core.Workbook(ctx, p, country)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := export.WriteXLSX(&buf, wb); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var xlsx string
	for _, sheet := range []string{"Logframe", "States"} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		xlsx += fmt.Sprint(sheet, rows)
	}
	fw, lfs, err := core.IATIReport(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	act := export.Activity{Identifier: "XM-DAC-41114-CTTP", ReportingOrgRef: "XM-DAC-41114", ReportingOrgType: "40",
		ReportingOrgName: "CT TECH+", Generated: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	if err := export.WriteIATI(&buf, fw, act, lfs); err != nil {
		t.Fatal(err)
	}
	return text, csv, xlsx, buf.String()
}

// TestRedactionKeepsAClosedPeriodsReport: redacting entries a closed
// period's figures rest on removes their text, never the report's figures
// or evidence counts: the text, CSV and workbook figures are the same
// before and after, and the IATI file is too, but for the links and
// document titles, which become a placeholder.
func TestRedactionKeepsAClosedPeriodsReport(t *testing.T) {
	h := newHarness(t) // Fri 27 Nov 2026
	h.ok(`training kenya 2026-09-20 "OSINT with Jane Roe" trained=25 women=9 source="Sheet signed by Jane Roe" link=https://example.org/jane-roe.pdf`)
	training := h.last().ID
	h.ok(`indicator unsr-recs kenya +1 on=2026-09-14 letter from J. Roe source="Letter of J. Roe" link=https://example.org/roe-letter.pdf`)
	indicator := h.last().ID
	h.as(coordinator, "period close 2026-Q3 approved")
	h.advance(time.Hour)
	text, csv, xlsx, iati := h.closedReport()
	for _, want := range []string{"jane-roe.pdf", "roe-letter.pdf", "Sheet signed by Jane Roe"} {
		if !strings.Contains(iati, want) {
			t.Fatalf("setup: the IATI report lacks %q:\n%s", want, iati)
		}
	}
	if !strings.Contains(text, "1/1") {
		t.Fatalf("setup: the report counts no evidence:\n%s", text)
	}

	for _, id := range []int64{training, indicator} {
		wantText(t, h.as(coordinator, fmt.Sprintf("redact %d a participant's name", id)), fmt.Sprintf("Redacted #%d", id))
	}
	text2, csv2, xlsx2, iati2 := h.closedReport()
	if text2 != text {
		t.Errorf("the report's text changed:\n%s\n---\n%s", text, text2)
	}
	if csv2 != csv {
		t.Errorf("the report's CSV changed:\n%s\n---\n%s", csv, csv2)
	}
	if xlsx2 != xlsx {
		t.Errorf("the workbook's figures changed:\n%s\n---\n%s", xlsx, xlsx2)
	}
	placed := strings.NewReplacer("https://example.org/jane-roe.pdf", storage.RedactedLink, "https://example.org/roe-letter.pdf", storage.RedactedLink,
		"Sheet signed by Jane Roe", storage.Redacted, "Letter of J. Roe", storage.Redacted, "application/pdf", "text/html").Replace(iati)
	if iati2 != placed {
		t.Errorf("the IATI report changed beyond its links:\n%s\n---\n%s", placed, iati2)
	}
	if strings.Contains(iati2, "Roe") {
		t.Errorf("the IATI report still names the person:\n%s", iati2)
	}
}

// TestAReplyTellsWhetherThePurgeIsDone: while a reader holds the
// database's write-ahead log, the reply to a redaction says the old copies
// are still there and purged once readers finish, and `audit` says so
// until it is done, then when it was done.
func TestAReplyTellsWhetherThePurgeIsDone(t *testing.T) {
	h := newHarness(t)
	id := h.ok(`log kenya call Jane Roe on +254 700 123 456`).EntryID
	release := storagetest.HoldReader(t, h.db.Path())
	r := h.as(coordinator, fmt.Sprintf("redact %d a phone number", id))
	wantText(t, r, fmt.Sprintf("Redacted #%d", id), "still in the database's write-ahead log", "purged as soon as the readers finish",
		fmt.Sprintf("audit %d", id), "Backups and replicas made before now")
	if strings.Contains(r.Text(), "gone for good") || strings.Contains(r.Text(), "purged from the database's write-ahead log too") {
		t.Errorf("the reply claims what is not done:\n%s", r.Text())
	}
	wantText(t, h.as(coordinator, fmt.Sprintf("audit %d", id)), "redacted by", "old copies still in the write-ahead log")
	release()
	storagetest.AwaitPurge(t, h.clock, "the purge reported", func() bool {
		return strings.Contains(h.as(coordinator, fmt.Sprintf("audit %d", id)).Text(), "purged from the write-ahead log on")
	})
	// Without a reader, the reply says it is done.
	id2 := h.ok(`log kenya write to jane.roe@example.org`).EntryID
	wantText(t, h.as(coordinator, fmt.Sprintf("redact %d an e-mail address", id2)), "purged from the database's write-ahead log too")
}

// TestReasonsCanHoldPersonalData: a reason that looks like it holds
// personal data is warned of (retract, amend, period, redact), the help of
// those commands says not to write any, and redaction blanks reasons:
// of an entry's retraction and amendments, and of a period's reopening.
func TestReasonsCanHoldPersonalData(t *testing.T) {
	h := newHarness(t) // Fri 27 Nov 2026
	for _, cmd := range []string{"retract", "amend", "period", "redact"} {
		wantText(t, h.as(coordinator, "help "+cmd), "never write")
	}
	h.ok(`log kenya met the unit`)
	id := h.last().ID
	wantText(t, h.ok(fmt.Sprintf(`amend %d note="met the cybercrime unit" reason="Jane asked, jane@example.org"`, id)),
		"This reason looks like it holds an e-mail address or a phone number", fmt.Sprintf("redact %d <reason>", id))
	wantText(t, h.ok(fmt.Sprintf("retract %d Jane said so, +254 700 123 456", id)), "This reason looks like it holds", fmt.Sprintf("redact %d <reason>", id))
	if r := h.ok(fmt.Sprintf(`log kenya met the unit again`)); strings.Contains(r.Text(), "This reason") {
		t.Errorf("a warning without a reason:\n%s", r.Text())
	}
	h.as(coordinator, fmt.Sprintf("redact %d personal data in the reasons", id))
	if h.holdsText(id, "jane") || h.holdsText(id, "700 123 456") {
		t.Errorf("a reason survives the redaction: %+v", h.audit(id))
	}

	h.as(coordinator, "period close 2026-Q3")
	r := h.as(coordinator, "period reopen 2026-Q3 figures from jane.roe@example.org")
	wantText(t, r, "reopened 2026-Q3", "This reason looks like it holds", "redact period 2026-Q3 <reason>")
	if r.Public {
		t.Error("a warning about a reason was shown to the channel")
	}
	if r := h.as(coordinator, "period close 2026-Q3 approved again"); !r.Public {
		t.Error("a close without personal data is no longer shown to the channel")
	}
	h.refusedWith(coordinator, "redact period 2026-Q4 why", "2026-Q4 has no reason left to redact")
	h.refusedWith(staff, "redact period 2026-Q3 why", "Only coordinators may redact")
	wantText(t, h.as(coordinator, "redact period 2026-Q3 the reopening reason named a person"), "Redacted the reasons given for closing and reopening 2026-Q3")
	log, err := h.db.PeriodLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range log {
		if ev.Reason != "" && ev.Reason != storage.Redacted {
			t.Errorf("a period reason survives: %+v", ev)
		}
	}
	if text := h.as(coordinator, "period").Text(); strings.Contains(text, "jane") {
		t.Errorf("the period list still quotes the reason:\n%s", text)
	}
}
