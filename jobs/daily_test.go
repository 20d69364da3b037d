package jobs

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/metrics"
)

// days ticks at 09:05 Brussels (08:05 UTC in winter) on each day from first
// to last, twice, as a restarted process would.
func (h *harness) days(first, last string) {
	h.t.Helper()
	d := ctbot.MustParseDate(first)
	for !d.After(ctbot.MustParseDate(last)) {
		h.clock.Set(time.Date(d.Year, d.Month, d.Day, 8, 5, 0, 0, time.UTC))
		h.tick()
		h.tick()
		d = d.AddDays(1)
	}
}

func texts(ps []post) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text)
	}
	return out
}

func count(ps []post, sub string) int {
	n := 0
	for _, p := range ps {
		if strings.Contains(p.Text, sub) {
			n++
		}
	}
	return n
}

func TestRemindersBeforeEvents(t *testing.T) {
	// Recorded a minute before the daily run is due (each write has an
	// instant of its own, so two at 08:00:00 would be 1 µs apart).
	h := newHarness(t, "2026-11-27T07:59:00Z")
	h.at("2026-11-27T07:59:00Z", "USTAFF", `workshop kenya planned 2026-12-10 "LEA readiness"`)
	h.at("2026-11-27T07:59:00Z", "USTAFF", `kickoff ghana planned 2026-12-04`)
	h.days("2026-11-27", "2026-12-09")
	channel := h.poster.to(digestChannel)
	dms := h.poster.to("DUFOCALKE")
	// Kenya's workshop: 7 days before (3 Dec) and 1 day before (9 Dec), in the channel and to the focal point.
	if n := count(channel, "Kenya's workshop “LEA readiness” is planned for Thu 10 Dec 2026, in 7 days"); n != 1 {
		t.Errorf("7-day reminders in the channel = %d\n%v", n, texts(channel))
	}
	if n := count(channel, "Kenya's workshop “LEA readiness” is planned for Thu 10 Dec 2026, tomorrow"); n != 1 {
		t.Errorf("1-day reminders in the channel = %d", n)
	}
	if n := count(dms, "Reminder: Kenya's workshop"); n != 2 {
		t.Errorf("reminders to Kenya's focal point = %d", n)
	}
	// Ghana has no focal point: its kick-off reminders go to the channel only.
	if n := count(channel, "Ghana's project kick-off is planned for Fri 4 Dec 2026, tomorrow"); n != 1 {
		t.Errorf("Ghana 1-day reminder = %d", n)
	}
	// Recorded on 27 November, exactly 7 days ahead: reminded that same morning.
	if n := count(channel, "Ghana's project kick-off is planned for Fri 4 Dec 2026, in 7 days"); n != 1 {
		t.Errorf("Ghana 7-day reminder = %d", n)
	}
	if n := count(channel, "Reminder"); n != 4 {
		t.Errorf("%d reminders in the channel, want 4", n)
	}
	for _, p := range channel {
		if strings.Contains(p.Text, "Reminder") && !strings.Contains(p.Text, "held 2026-12-") {
			t.Errorf("reminder does not say how to record the outcome: %s", p.Text)
		}
	}
}

func TestOverdueEventsAreAskedAboutOnceTheDayAfter(t *testing.T) {
	h := newHarness(t, "2026-12-01T08:00:00Z")
	h.at("2026-12-01T08:00:00Z", "USTAFF", `workshop kenya planned 2026-12-03 "Benchmark"`)
	h.at("2026-12-01T08:00:00Z", "USTAFF", `workshop kenya planned 2026-12-05 "Held one"`)
	h.at("2026-12-01T08:00:00Z", "USTAFF", `kickoff iraq planned 2026-12-04`)
	h.at("2026-12-05T10:00:00Z", "USTAFF", `workshop kenya held 2026-12-05 "Held one" participants=20 women=5`)
	h.days("2026-12-01", "2026-12-10")
	dms := h.poster.to("DUFOCALKE")
	if n := count(dms, "Kenya's workshop “Benchmark” was planned for Thu 3 Dec 2026, and nothing says it was held"); n != 1 {
		t.Errorf("overdue questions = %d:\n%v", n, texts(dms))
	}
	if n := count(dms, "“Held one” was planned"); n != 0 {
		t.Errorf("asked about a workshop recorded as held")
	}
	// Iraq has no focal point: the coordinators are asked.
	if n := count(h.poster.to("DUCOORD"), "Iraq's project kick-off was planned for Fri 4 Dec 2026"); n != 1 {
		t.Errorf("overdue question to coordinators = %d", n)
	}
	r := h.run(JobOverdue, fmt.Sprintf("workshop#%d@2026-12-03", 1))
	if r.Status != ctbot.RunPosted {
		t.Errorf("overdue run = %+v", r)
	}
}

func TestQuietCountriesAreNudgedAtMostWeekly(t *testing.T) {
	h := newHarness(t, "2026-10-01T08:00:00Z")
	h.at("2026-10-01T08:00:00Z", "USTAFF", "log kenya last news for a while")
	// Quiet from 22 October (21 days); two ISO weeks and a bit of daily ticks.
	h.days("2026-10-15", "2026-11-03")
	dms := h.poster.to("DUFOCALKE")
	n := count(dms, "ctbot has no entry for Kenya for")
	// Weeks 43 (from Thu 22 Oct), 44 and 45 (Mon 2 Nov): three nudges in 13 days.
	if n != 3 {
		t.Errorf("%d nudges, want one per ISO week (3):\n%v", n, texts(dms))
	}
	if count(dms, "for 21 days") != 1 {
		t.Errorf("the first nudge is not on the day Kenya turned quiet")
	}
	// Fresh news stops the nudges.
	h.at("2026-11-03T10:00:00Z", "UFOCALKE", "log kenya back in touch")
	h.days("2026-11-04", "2026-11-20")
	if m := count(h.poster.to("DUFOCALKE"), "ctbot has no entry for Kenya"); m != n {
		t.Errorf("nudged after fresh news: %d", m-n)
	}
}

func TestRunsAreCounted(t *testing.T) {
	m := metrics.New()
	h := newHarness(t, mondayDigest)
	r, err := New(Options{Core: h.core, Store: h.db, Figures: h.core.Figures(), Poster: h.poster, Config: h.cfg, Clock: h.clock, Owner: "m", Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	h.poster.failPosts = 1
	_ = r.Tick(t.Context())
	h.clock.Advance(5 * time.Minute)
	_ = r.Tick(t.Context())
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`ctbot_job_runs_total{job="digest",outcome="failed"} 1`, `ctbot_job_runs_total{job="digest",outcome="posted"} 1`,
		`ctbot_job_runs_total{job="daily",outcome="skipped"}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestRetentionRedactsOldFreeText: with retention.free_text_days set, the
// daily run removes the free text of older entries, audited, and keeps
// their figures.
func TestRetentionRedactsOldFreeText(t *testing.T) {
	h := newHarness(t, "2026-10-01T08:00:00Z", func(c *config.Config) { c.Retention.FreeTextDays = 30 })
	h.at("2026-10-01T08:00:00Z", "USTAFF", `log kenya met J. Doe, +254 700 123456`)
	h.at("2026-10-01T08:00:00Z", "USTAFF", `training kenya 2026-09-30 "OSINT" trained=20 women=8`)
	h.at("2026-10-20T08:00:00Z", "USTAFF", `log kenya recent, kept`)
	h.days("2026-10-30", "2026-11-01")
	es, err := h.db.History(context.Background(), ctbot.EntryFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]*ctbot.Entry{}
	for _, e := range es {
		byID[e.ID] = e
	}
	if e := byID[1]; e.Note != "" || e.Source != "" || !e.Redacted {
		t.Errorf("an entry 30 days old kept its text: %+v", e)
	}
	if e := byID[2]; e.Title != "" || e.Trained != 20 || *e.Women != 8 {
		t.Errorf("the training: %+v", e)
	}
	if e := byID[3]; e.Note != "recent, kept" || e.Redacted {
		t.Errorf("a recent entry was redacted: %+v", e)
	}
	trail, _ := h.db.Audit(context.Background(), 1)
	if last := trail[len(trail)-1]; last.Action != "redact" || last.Actor != RetentionActor || last.Reason != "retention: free text older than 30 days" {
		t.Errorf("audit %+v", last)
	}
}

func TestRolesGrantedInSlackAreReminded(t *testing.T) {
	h := newHarness(t, "2026-12-01T08:00:00Z")
	h.at("2026-12-01T08:00:00Z", "UCOORD", "access add UIRAQ focal iraq")
	h.at("2026-12-01T08:00:00Z", "UIRAQ", "lang en") // Iraq's focal points read Arabic by default
	h.at("2026-12-01T08:00:00Z", "UCOORD", "access add UCOORD2 coordinator")
	h.at("2026-12-01T08:00:00Z", "USTAFF", `kickoff iraq planned 2026-12-04`)
	h.at("2026-12-01T08:00:00Z", "USTAFF", `kickoff nigeria planned 2026-12-04`)
	h.days("2026-12-01", "2026-12-08")
	if n := count(h.poster.to("DUIRAQ"), "Iraq's project kick-off was planned for Fri 4 Dec 2026"); n != 1 {
		t.Errorf("overdue questions to Iraq's focal point granted in Slack = %d:\n%v", n, texts(h.poster.to("DUIRAQ")))
	}
	if n := count(h.poster.to("DUCOORD"), "Iraq's project kick-off"); n != 0 {
		t.Errorf("the coordinators were asked about Iraq, which has a focal point now")
	}
	// Nigeria has none: every coordinator is asked, the one granted in Slack too.
	for _, dm := range []string{"DUCOORD", "DUCOORD2"} {
		if n := count(h.poster.to(dm), "Nigeria's project kick-off was planned"); n != 1 {
			t.Errorf("overdue questions about Nigeria to %s = %d", dm, n)
		}
	}
}

// TestLateDailyRunReadsWhatIsKnownWhenItRuns: a daily run that goes out
// late (caught up at 11:00 for 09:00) does not nudge for a state whose
// focal point recorded something in between, nor ask about an event
// recorded as held in between.
func TestLateDailyRunReadsWhatIsKnownWhenItRuns(t *testing.T) {
	h := newHarness(t, "2026-10-01T08:00:00Z")
	h.at("2026-10-01T08:00:00Z", "USTAFF", "log kenya last news for a while")
	h.at("2026-10-01T08:00:00Z", "USTAFF", "workshop kenya planned 2026-10-21 \"LEA readiness\"")
	// 22 October: Kenya quiet for 21 days and its workshop a day overdue.
	// The 09:00 run is missed; at 10:30 the focal point answers both.
	h.at("2026-10-22T08:30:00Z", "UFOCALKE", "workshop kenya held 2026-10-21 \"LEA readiness\" participants=20")
	h.clock.Set(mustTime("2026-10-22T09:00:00Z")) // 11:00 in Brussels: the catch-up
	h.tick()
	dms := h.poster.to("DUFOCALKE")
	if n := count(dms, "ctbot has no entry for Kenya"); n != 0 {
		t.Errorf("nudged for news recorded before the run went out:\n%v", texts(dms))
	}
	for _, p := range dms {
		if strings.Contains(p.Text, "LEA readiness") {
			t.Errorf("asked about a workshop recorded as held before the run went out: %s", p.Text)
		}
	}
}
