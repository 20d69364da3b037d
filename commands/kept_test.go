package commands_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// reconfigure runs the core on the configuration edit makes of the
// built-in one, over the same database, as a ctbot restarted with it
// would, and logs its results framework as one does when it starts.
func (h *harness) reconfigure(edit func(string) string) {
	h.t.Helper()
	src := edit(string(ctbot.DefaultConfig))
	cfg, err := config.Parse("config.toml", []byte(src))
	if err != nil {
		h.t.Fatal(err)
	}
	if ke := cfg.Framework.Country("KE"); ke != nil {
		ke.FocalPoints = []string{focalKE}
	}
	h.db.SetFramework(cfg.Framework)
	h.figs = storagetest.Figures(h.db, cfg.Framework, h.clock.Now)
	h.core = commands.New(commands.Options{
		Framework: cfg.Framework, Store: h.db, Figures: h.figs, Now: h.clock.Now,
		Access: ctbot.Access{Coordinators: []string{coordinator}, Managers: []string{manager}, Staff: []string{staff, staff2}},
	})
	h.fw = cfg.Framework
	if _, _, err := h.core.NoteFramework(context.Background(), "config.toml"); err != nil {
		h.t.Fatal(err)
	}
}

// replace is an edit of the configuration that must apply.
func replace(t *testing.T, pairs ...string) func(string) string {
	return func(src string) string {
		for i := 0; i < len(pairs); i += 2 {
			if !strings.Contains(src, pairs[i]) {
				t.Fatalf("the configuration has no %q", pairs[i])
			}
			src = strings.Replace(src, pairs[i], pairs[i+1], 1)
		}
		return src
	}
}

// withoutNotices is a report's text without the lists of what changed
// after its close (entries and the results framework), which name what
// the report leaves out.
func withoutNotices(text string) string {
	var keep []string
	skipping := false
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "Changed after the close of"), strings.HasPrefix(line, "Changes to the results framework after the close"):
			skipping = true
			continue
		case skipping && strings.HasPrefix(line, "• "):
			continue
		case skipping && line == "":
			skipping = false
			continue
		}
		skipping = false
		keep = append(keep, line)
	}
	return strings.Join(keep, "\n")
}

// TestClosedReportsNeverMove: once a period is closed, its report (text,
// a state's text, CSV, the workbook's logframe cells, IATI) stays byte for
// byte as it was, whatever changes later: the configuration (a raised
// target, the end extended, a state removed, titles changed, a milestone
// added), entries amended, retracted, recorded, verified and redacted
// after the close, all with the clock stepped back before the close; the
// report names those changes apart. Reopened, it follows the data and the framework of now,
// and says so.
func TestClosedReportsNeverMove(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC))
	h.reconfigure(func(s string) string { return s })
	for _, cmd := range []string{
		`training kenya 2026-09-20 "OSINT" trained=45 women=15 source="Attendance sheet" link=https://example.org/ke.pdf`,
		`training ghana 2026-08-20 "OSINT" trained=30 women=10`,
		`training malaysia 2026-07-20 "OSINT" trained=12 women=4`,
		`training nigeria 2026-02-20 "OSINT" trained=8`,
		"indicator women-policy ghana 3/12 on=2026-09-01",
		"indicator unsr-recs kenya 1 on=2026-07-15 data retention law",
		`indicator strategies philippines adopted on=2026-08-01 source="Gazette No. 45"`,
		`log kenya met the unit on=2026-09-10`,
	} {
		h.ok(cmd)
	}
	es := h.entries()
	logged, ng, ke := es[0].ID, es[4].ID, es[7].ID
	for _, p := range h.fw.Periods() {
		if p.Start.After(ctbot.MustParseDate("2026-07-01")) {
			break
		}
		if r := h.as(coordinator, "period close "+p.Name()+" approved"); r.Failed {
			t.Fatalf("close %s: %s", p.Name(), r.Text())
		}
	}
	text, csv, xlsx, iati := h.closedReport()
	kenya := h.as(manager, "report 2026-Q3 kenya").Text()
	for _, want := range []string{"Closed by @UCOORD", "Rendered from what its close kept", "Malaysia", "90 (95 uncapped)"} {
		if !strings.Contains(text, want) {
			t.Fatalf("setup: the report lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(csv, "CT investigators trained") || !strings.Contains(iati, "ke.pdf") {
		t.Fatalf("setup: the CSV or IATI lacks what the test changes:\n%s\n%s", csv, iati)
	}

	// The configuration changes, the clock stepped back two days, into the
	// period: a ctbot restarted with another one.
	h.advance(-48 * time.Hour)
	h.reconfigure(replace(t,
		"end = 2026-12-31", "end = 2027-06-30",
		"target = 40\nsource", "target = 50\nsource",
		"title = \"CT investigators trained", "title = \"Counter-terrorism investigators trained",
		"short_title_fr = \"Enquêteurs formés\"", "short_title_fr = \"Enquêtrices et enquêteurs formés\"",
		"[[country]]\ncode = \"MY\"\nname = \"Malaysia\"\naliases = []\nfocal_points = []\ntimezone = \"Asia/Kuala_Lumpur\"\n", "",
		"scope = \"each\"\ntarget = 2\n", "scope = \"each\"\ntarget = 2\n\n[[indicator.milestone]]\ndate = 2026-06-30\nvalue = 1.5\n",
	))
	// Entries change after the close, the clock still behind it.
	for _, cmd := range []string{
		fmt.Sprintf(`amend %d trained=60 new=60 reason="second sheet"`, ke),
		fmt.Sprintf("retract %d recorded twice", ng),
		`training ghana 2026-09-10 "OSINT" trained=12 reason="late sheet"`,
		fmt.Sprintf("verify %d", ke),
		fmt.Sprintf("redact %d a name", logged),
		`indicator women-policy ghana 9/12 on=2026-09-02 reason="corrected"`,
	} {
		if r := h.as(coordinator, cmd); r.Failed {
			t.Fatalf("%s: %s", cmd, r.Text())
		}
	}
	text2, csv2, xlsx2, iati2 := h.closedReport()
	if got := withoutNotices(text2); got != text {
		t.Errorf("the closed report's text moved:\n--- at the close\n%s\n--- later, notices left out\n%s", text, got)
	}
	if got := withoutNotices(h.as(manager, "report 2026-Q3 kenya").Text()); got != kenya {
		t.Errorf("Kenya's closed report moved:\n--- at the close\n%s\n--- later\n%s", kenya, got)
	}
	if csv2 != csv {
		t.Errorf("the closed report's CSV moved:\n%s\n---\n%s", csv, csv2)
	}
	if xlsx2 != xlsx {
		t.Errorf("the closed workbook's logframe moved:\n%s\n---\n%s", xlsx, xlsx2)
	}
	if iati2 != iati {
		t.Errorf("the closed IATI report moved:\n%s\n---\n%s", iati, iati2)
	}
	// What moved is named apart: the entries and the framework changed
	// after the close.
	for _, want := range []string{"Changed after the close of 2026-Q3", fmt.Sprintf("#%d", ke),
		"Changes to the results framework after the close of 2026-Q3 (not in these figures)",
		"framework changed on Wed 30 Sep 2026: end 2026-12-31 → 2027-06-30",
		"investigators-trained: target 40 → 50", "investigators-trained: title CT investigators trained",
		"investigators-trained: short titles (fr) Enquêteurs formés → Enquêtrices et enquêteurs formés",
		"state Malaysia removed", "unsr-recs: intermediate targets none → 2026-06-30: 1.5"} {
		if !strings.Contains(text2, want) {
			t.Errorf("the report lacks %q:\n%s", want, text2)
		}
	}

	// Reopened (the clock put right), it follows the data and the
	// framework of now, and says so.
	h.clock.Set(time.Date(2026, 10, 3, 9, 0, 0, 0, time.UTC))
	h.as(coordinator, "period reopen 2026-Q3 second sheet")
	reopened, csv3, _, _ := h.closedReport()
	for _, want := range []string{"Open period", "🔓 Reopened by @UCOORD", "no longer those kept at its close",
		"Changes to the results framework since 2026-Q3 began (in these figures)", "end 2026-12-31 → 2027-06-30"} {
		if !strings.Contains(reopened, want) {
			t.Errorf("the reopened report lacks %q:\n%s", want, reopened)
		}
	}
	if strings.Contains(reopened, "\nMalaysia ") || !strings.Contains(reopened, "92 (102 uncapped)") || !strings.Contains(csv3, "Counter-terrorism investigators trained") {
		t.Errorf("the reopened report does not follow the framework of now:\n%s\n%s", reopened, csv3)
	}
	// Closed again, it keeps the framework of now.
	h.as(coordinator, "period close 2026-Q3 approved again")
	again, _, _, _ := h.closedReport()
	if !strings.Contains(again, "Rendered from what its close kept") || strings.Contains(again, "\nMalaysia ") ||
		!strings.Contains(again, "Changes to the results framework since 2026-Q3 began (in these figures)") {
		t.Errorf("closed again:\n%s", again)
	}
}

// TestFrameworkVersionsAreLoggedAndListed: a start with the framework
// logged already logs nothing; one with another logs a version, as
// "config", with what changed, which `period` lists in the reader's
// language.
func TestFrameworkVersionsAreLoggedAndListed(t *testing.T) {
	h := newHarness(t) // Fri 27 Nov 2026
	ctx := context.Background()
	h.reconfigure(func(s string) string { return s })
	if _, logged, err := h.core.NoteFramework(ctx, "config.toml"); err != nil || logged {
		t.Errorf("the same framework was logged again: %v, %v", logged, err)
	}
	if text := h.ok("period").Text(); strings.Contains(text, "results framework") {
		t.Errorf("a first version is listed as a change:\n%s", text)
	}
	h.advance(time.Hour)
	h.reconfigure(replace(t, "end = 2026-12-31", "end = 2027-06-30", "target = 40\nsource", "target = 50\nsource"))
	vs, err := h.db.FrameworkLog(ctx)
	if err != nil || len(vs) != 2 {
		t.Fatalf("framework log %+v, %v", vs, err)
	}
	want := []ctbot.FrameworkChange{{Field: "end", Old: "2026-12-31", New: "2027-06-30"},
		{Indicator: "investigators-trained", Field: "target", Old: "40", New: "50"}}
	if v := vs[1]; v.Actor != "config" || v.Source != "config.toml" || !v.At.Equal(h.clock.Now()) || fmt.Sprint(v.Changes) != fmt.Sprint(want) {
		t.Errorf("logged %+v", v)
	}
	wantText(t, h.ok("period"), "Changes to the results framework (from the configuration)",
		"framework changed on Fri 27 Nov 2026: end 2026-12-31 → 2027-06-30; investigators-trained: target 40 → 50")
	h.ok("lang fr")
	wantText(t, h.ok("period"), "cadre modifié le ven. 27 nov. 2026\u00a0: fin 2026-12-31 → 2027-06-30\u202f; investigators-trained\u00a0: cible 40 → 50")
}

// TestAReportClosedBeforeReportsWereKeptSaysSo: a close that kept nothing
// (logged before ctbot kept reports) is reported from the entries at the
// close, against the framework of today, and says so.
func TestAReportClosedBeforeReportsWereKeptSaysSo(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.ok(`training kenya 2026-09-20 "OSINT" trained=45`)
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	if _, err := h.db.LogPeriod(ctx, q3, ctbot.PeriodClose, coordinator, "", nil, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	wantText(t, h.as(manager, "report 2026-Q3"), "Closed by @UCOORD", "Closed before ctbot kept closed reports", "40 (45 uncapped)")
	h.reconfigure(replace(t, "target = 40\nsource", "target = 50\nsource"))
	r := h.as(manager, "report 2026-Q3")
	wantText(t, r, "Closed before ctbot kept closed reports", "measured against the results framework of today")
	if text := r.Text(); !regexp.MustCompile("\n`investigators-trained` +output +0 +[0-9]+ +45 ").MatchString(text) || strings.Contains(text, "uncapped") {
		t.Errorf("the report of a close that kept nothing does not use today's framework:\n%s", text)
	}
}
