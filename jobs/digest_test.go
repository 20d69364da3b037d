package jobs

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// Monday 30 November 2026, 08:00 in Brussels.
const mondayDigest = "2026-11-30T07:00:00Z"

// seed records a realistic month before the Monday digest.
func (h *harness) seed() {
	h.at("2026-10-02T09:00:00Z", "USTAFF", `training kenya 2026-10-01 "OSINT basics" trained=10 women=3 new=10`)
	h.at("2026-11-02T10:00:00Z", "USTAFF", "kickoff ghana held 2026-10-30")
	h.at("2026-11-10T10:00:00Z", "USTAFF", "kickoff kenya planned 2026-12-07")
	h.at("2026-11-10T10:05:00Z", "USTAFF", "kickoff nigeria planned 2026-11-20")
	h.at("2026-11-12T10:00:00Z", "USTAFF", "kickoff philippines postponed")
	// The week of 23-29 November.
	h.at("2026-11-24T09:00:00Z", "USTAFF", `training kenya 2026-11-24 "Darknet and virtual assets" trained=20 women=8 new=18 online`)
	h.at("2026-11-25T09:00:00Z", "USTAFF2", `workshop malaysia held 2026-11-25 "Readiness benchmark" participants=30 women=12`)
	h.at("2026-11-26T09:00:00Z", "USTAFF", "log kenya Met the cybercrime unit of the DCI; they want the intermediate darknet course in January")
	h.at("2026-11-27T09:00:00Z", "UCOORD", `workshop nigeria planned 2026-12-08 "LEA readiness"`)
	h.at("2026-11-28T09:00:00Z", "USTAFF2", "log ghana Validation meeting of the national strategy moved to December")
	// After the digest's instant: not in it.
	h.at("2026-11-30T07:30:00Z", "USTAFF", "log kenya A late entry")
}

// digestThread returns the digest's first message and its thread replies.
func (h *harness) digestThread() []post {
	h.t.Helper()
	var out []post
	first := ""
	for _, p := range h.poster.to(digestChannel) {
		if first == "" && strings.Contains(p.Blocks, "weekly digest") {
			first = p.TS
			out = append(out, p)
		} else if first != "" && p.ThreadTS == first {
			out = append(out, p)
		}
	}
	return out
}

func TestDigestSectionsAtAFixedDate(t *testing.T) {
	h := newHarness(t, mondayDigest)
	h.seed()
	h.tick()
	thread := h.digestThread()
	if len(thread) == 0 {
		t.Fatal("no digest posted")
	}
	text := all(thread)
	mustContain(t, text,
		// 1. Header and summary.
		"CT TECH+ weekly digest — week 48", "*Mon 23 Nov – Sun 29 Nov 2026*",
		"5 entries recorded this week by 3 people, covering 4 countries.",
		// 2. Kick-offs.
		"*Kick-offs*", "• *Ghana* — held on Fri 30 Oct 2026", "• *Kenya* — planned for Mon 7 Dec 2026",
		"• *Nigeria* — *overdue* (planned for Fri 20 Nov 2026)", "• *Philippines* — postponed (date to be confirmed)",
		"• Not scheduled: Iraq, Tajikistan, Uzbekistan, Côte d'Ivoire, Malaysia",
		// 3. Workshops and trainings.
		"*Workshops and trainings held last week*", "• *Kenya* — 1 training (20 trained; 40% women; 18 new, women among them not reported; 1 online)",
		"• *Malaysia* — 1 workshop held (30 participants; 40% women)",
		"*Workshops planned in the next 14 days*", "*Nigeria* — workshop “LEA readiness” planned for Tue 8 Dec 2026 — in 8 days",
		// 4. Indicator gaps, worst first, with the states behind and their numbers.
		"*Indicator gaps, worst first*", "Kenya 28/40, expected 38 by now",
		// 5. Quiet countries.
		"*Quiet for 21 days or more*", "Iraq (no entries yet), Tajikistan (no entries yet), Uzbekistan (no entries yet), Côte d'Ivoire (no entries yet)",
		// 6. Notable updates, with who and country.
		"*Notable updates*", "<@USTAFF> (Kenya): “Met the cybercrime unit of the DCI",
		"<@USTAFF2> (Ghana): “Validation meeting of the national strategy moved to December”",
	)
	if strings.Contains(text, "A late entry") {
		t.Error("the digest counts an entry recorded after its instant")
	}
	// Worst first: every off-track indicator comes before any better one.
	gaps := text[strings.Index(text, "Indicator gaps"):]
	if i, j := strings.LastIndex(gaps, ":red_circle:"), strings.Index(gaps, ":large_orange_circle:"); j >= 0 && i > j {
		t.Error("indicator gaps are not worst first")
	}
	quiet := text[strings.Index(text, "*Quiet for 21 days or more*\n")+29:]
	if quiet = quiet[:strings.Index(quiet, "\n")]; strings.Contains(quiet, "Philippines") || strings.Contains(quiet, "Kenya") {
		t.Errorf("quiet countries include recent ones: %s", quiet)
	}
	// The chart is uploaded into the digest thread.
	if len(h.poster.uploads) != 1 || h.poster.uploads[0].ThreadTS != thread[0].TS || h.poster.uploads[0].Bytes < 1000 {
		t.Errorf("chart uploads = %+v", h.poster.uploads)
	}
	r := h.run(JobDigest, "2026-11-30T08:00")
	if r.Status != ctbot.RunPosted || r.MessageTS != thread[0].TS || !strings.Contains(r.Detail, "chart posted") {
		t.Errorf("run = %+v", r)
	}
}

func TestEmptySectionsAreLeftOut(t *testing.T) {
	h := newHarness(t, mondayDigest)
	h.tick()
	text := all(h.digestThread())
	mustContain(t, text, "No entries this week.", "*Kick-offs*", "No data or not rated yet: *Strategies adopted* (no data)", "*Quiet for 21 days or more*")
	for _, absent := range []string{"Workshops and trainings", "Notable updates", "Indicator gaps"} {
		if strings.Contains(text, absent) {
			t.Errorf("empty section %q shown", absent)
		}
	}
}

func TestDigestStillPostsWhenTheChartFails(t *testing.T) {
	h := newHarness(t, mondayDigest)
	h.poster.failUpload = true
	h.tick()
	if len(h.digestThread()) == 0 {
		t.Fatal("no digest")
	}
	if r := h.run(JobDigest, "2026-11-30T08:00"); r.Status != ctbot.RunPosted || !strings.Contains(r.Detail, "chart failed") {
		t.Errorf("run = %+v", r)
	}
}

func TestDigestIsPostedExactlyOnce(t *testing.T) {
	h := newHarness(t, mondayDigest)
	h.seed()
	h.tick()
	h.tick()
	h.clock.Advance(5 * time.Minute)
	h.tick()
	if n := len(h.digestThread()); n == 0 {
		t.Fatal("no digest")
	}
	firsts := func() int { return strings.Count(all(h.poster.to(digestChannel)), "weekly digest — week 48") / 2 }
	if n := firsts(); n != 1 {
		t.Fatalf("digest posted %d times", n)
	}
	// A restart: a new runner (a new process) on the same database.
	restarted := h.newRunner(storagetest.MustOpenPath(t, h.path, h.clock), "process-B")
	if err := restarted.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := firsts(); n != 1 {
		t.Errorf("after a restart the digest was posted %d times", n)
	}
}

func TestTwoProcessesOnOneDatabasePostOnce(t *testing.T) {
	h := newHarness(t, mondayDigest)
	h.seed()
	var runners []*Runner
	for _, owner := range []string{"host1-11", "host2-22", "host3-33"} {
		runners = append(runners, h.newRunner(storagetest.MustOpenPath(t, h.path, h.clock), owner))
	}
	var wg sync.WaitGroup
	for _, r := range runners {
		wg.Add(1)
		go func() { defer wg.Done(); _ = r.Tick(context.Background()) }()
	}
	wg.Wait()
	n := 0
	for _, p := range h.poster.to(digestChannel) {
		if p.ThreadTS == "" && strings.Contains(p.Blocks, "weekly digest") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("three processes posted the digest %d times", n)
	}
	if len(h.poster.uploads) != 1 {
		t.Errorf("%d charts", len(h.poster.uploads))
	}
}

func TestCatchUpWindow(t *testing.T) {
	// ctbot was down at 08:00 and starts 23 hours later: caught up, as of 08:00.
	h := newHarness(t, "2026-12-01T06:00:00Z")
	h.seed()
	h.tick()
	if len(h.digestThread()) == 0 {
		t.Fatal("a digest 23 h late was not caught up")
	}
	if strings.Contains(all(h.digestThread()), "A late entry") {
		t.Error("the caught-up digest counts an entry recorded after its scheduled instant")
	}
	// Starting 25 hours late: skipped, recorded and never posted.
	h2 := newHarness(t, "2026-12-01T08:00:00Z")
	h2.seed()
	h2.tick()
	if len(h2.digestThread()) != 0 {
		t.Fatal("a digest 25 h late was posted")
	}
	r := h2.run(JobDigest, "2026-11-30T08:00")
	if r.Status != ctbot.RunSkipped || !strings.Contains(r.Detail, "not running within 24 h") {
		t.Errorf("run = %+v", r)
	}
	h2.clock.Advance(time.Hour)
	h2.tick()
	if len(h2.digestThread()) != 0 {
		t.Error("a skipped digest was posted later")
	}
}

func TestFailedRunIsRetriedWhereItStopped(t *testing.T) {
	h := newHarness(t, mondayDigest)
	h.seed()
	// The first post fails: nothing is out, the run is failed.
	h.poster.failPosts = 1
	h.tick()
	if r := h.run(JobDigest, "2026-11-30T08:00"); r.Status != ctbot.RunFailed || !strings.Contains(r.Detail, "500") {
		t.Fatalf("run = %+v", r)
	}
	if len(h.digestThread()) != 0 {
		t.Fatal("digest posted despite the failure")
	}
	// The next tick (five minutes later) retries and succeeds.
	h.clock.Advance(5 * time.Minute)
	h.tick()
	thread := h.digestThread()
	if r := h.run(JobDigest, "2026-11-30T08:00"); r.Status != ctbot.RunPosted || r.Attempts != 2 || len(thread) == 0 {
		t.Fatalf("after retry: run %+v, %d messages", r, len(thread))
	}
}

func TestRetryContinuesTheThread(t *testing.T) {
	h := newHarness(t, mondayDigest, manyCountries(60))
	h.seedMany(60)
	// Let the first message through, fail the second.
	r := h.runner
	ctx := context.Background()
	h.poster.failAfter(1)
	_ = r.Tick(ctx)
	if run := h.run(JobDigest, "2026-11-30T08:00"); run.Status != ctbot.RunFailed {
		t.Fatalf("run = %+v", run)
	}
	h.clock.Advance(5 * time.Minute)
	_ = r.Tick(ctx)
	thread := h.digestThread()
	if run := h.run(JobDigest, "2026-11-30T08:00"); run.Status != ctbot.RunPosted {
		t.Fatalf("run = %+v", run)
	}
	heads := 0
	for _, p := range thread {
		if p.ThreadTS == "" {
			heads++
		} else if p.ThreadTS != thread[0].TS {
			t.Errorf("reply in thread %s, want %s", p.ThreadTS, thread[0].TS)
		}
	}
	if heads != 1 || len(thread) < 2 {
		t.Errorf("%d first messages, %d in all; want 1 first message and its replies", heads, len(thread))
	}
}

func TestDigestByDMToCoordinators(t *testing.T) {
	h := newHarness(t, mondayDigest, func(c *config.Config) {
		c.Digest.DMCoordinators = true
		c.Access.Coordinators = []string{"UCOORD", "UCOORD2"}
	})
	h.seed()
	h.tick()
	h.tick()
	for _, dm := range []string{"DUCOORD", "DUCOORD2"} {
		if n := strings.Count(all(h.poster.to(dm)), "weekly digest — week 48"); n != 2 { // text and blocks of one message
			t.Errorf("%s got the digest header %d times, want one message", dm, n)
		}
	}
	if len(h.digestThread()) == 0 {
		t.Error("the channel did not get the digest")
	}
	// The chart goes into each DM's digest thread too, once.
	if len(h.poster.uploads) != 3 {
		t.Fatalf("%d charts uploaded, want the channel's and one per DM", len(h.poster.uploads))
	}
	for i, dm := range []string{"DUCOORD", "DUCOORD2"} {
		u, first := h.poster.uploads[i+1], h.poster.to(dm)[0]
		if u.Channel != dm || u.ThreadTS != first.TS || u.Bytes < 1000 || !strings.Contains(u.Alt, "investigators-trained: Kenya 28 of 40, expected 38 by now, at risk") {
			t.Errorf("%s chart = %+v", dm, u)
		}
	}
	if r := h.run(JobDigest, "2026-11-30T08:00"); !strings.Contains(r.Detail, "chart posted; chart in 2 of 2 DMs") {
		t.Errorf("run detail %q", r.Detail)
	}
}

// TestDigestChartInDMsIsSentOnceAcrossAttempts: an attempt that fails
// after the channel and the first DM got the digest and its chart is
// taken up again; the retry sends the second DM its digest and chart, and
// repeats no chart.
func TestDigestChartInDMsIsSentOnceAcrossAttempts(t *testing.T) {
	h := newHarness(t, mondayDigest, func(c *config.Config) {
		c.Digest.DMCoordinators = true
		c.Access.Coordinators = []string{"UCOORD", "UCOORD2"}
	})
	h.seed()
	at := mustTime("2026-11-30T07:00:00Z")
	d, err := h.core.Digest(t.Context(), at)
	if err != nil {
		t.Fatal(err)
	}
	n := len(h.poster.Split(d.Doc))
	h.poster.failAfter(2 * n) // the channel's and the first DM's messages go out
	if run, err := h.runner.PostDigest(t.Context(), at); err == nil || run.Status != ctbot.RunFailed {
		t.Fatalf("first attempt: %+v, %v", run, err)
	}
	if len(h.poster.uploads) != 2 {
		t.Fatalf("first attempt uploaded %d charts, want the channel's and the first DM's", len(h.poster.uploads))
	}
	run, err := h.runner.PostDigest(t.Context(), at)
	if err != nil || run.Status != ctbot.RunPosted {
		t.Fatalf("retry: %+v, %v", run, err)
	}
	got := map[string]int{}
	for _, u := range h.poster.uploads {
		got[u.Channel]++
	}
	if len(h.poster.uploads) != 3 || got[digestChannel] != 1 || got["DUCOORD"] != 1 || got["DUCOORD2"] != 1 {
		t.Errorf("charts uploaded: %v", got)
	}
}

// TestDigestDMsInEachCoordinatorsLanguage: the channel gets the digest in
// [digest] language; a coordinator who chose French gets it, and its
// chart, in French.
func TestDigestDMsInEachCoordinatorsLanguage(t *testing.T) {
	h := newHarness(t, mondayDigest, func(c *config.Config) {
		c.Digest.DMCoordinators = true
		c.Access.Coordinators = []string{"UCOORD", "UCOORD2"}
	})
	if _, err := h.db.SetLanguage(t.Context(), "UCOORD2", "fr", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	h.seed()
	h.tick()
	if n := strings.Count(all(h.poster.to("DUCOORD")), "weekly digest — week 48"); n == 0 {
		t.Errorf("the English coordinator's digest is not in English:\n%s", all(h.poster.to("DUCOORD")))
	}
	fr := all(h.poster.to("DUCOORD2"))
	if !strings.Contains(fr, "Synthèse hebdomadaire de CT TECH+ — semaine 48") || strings.Contains(fr, "weekly digest") {
		t.Errorf("the French coordinator's digest is not in French:\n%s", fr)
	}
	if !strings.Contains(all(h.digestThread()), "weekly digest — week 48") {
		t.Error("the channel's digest is not in the digest's language")
	}
	var alts []string
	for _, u := range h.poster.uploads {
		alts = append(alts, u.Channel+": "+u.Alt)
	}
	if len(h.poster.uploads) != 3 || h.poster.uploads[2].Channel != "DUCOORD2" || h.poster.uploads[2].Alt == h.poster.uploads[1].Alt {
		t.Errorf("the French DM's chart is not drawn in French:\n%s", strings.Join(alts, "\n"))
	}
}

// TestDigestNotSentToSomeoneNotAdmitted: a coordinator granted in Slack
// whom ctbot does not admit (a user of another organisation, granted
// before grants were checked) gets no digest and no chart; the others get
// theirs and the run is posted, not failed.
func TestDigestNotSentToSomeoneNotAdmitted(t *testing.T) {
	h := newHarness(t, mondayDigest, func(c *config.Config) { c.Digest.DMCoordinators = true })
	h.seed()
	if _, err := h.db.Grant(t.Context(), ctbot.Grant{User: "UOTHERORG", Role: ctbot.RoleCoordinator, By: "UCOORD"}, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	h.poster.refuse = map[string]bool{"UOTHERORG": true}
	run, err := h.runner.PostDigest(t.Context(), mustTime("2026-11-30T07:00:00Z"))
	if err != nil || run.Status != ctbot.RunPosted {
		t.Fatalf("digest run: %+v, %v", run, err)
	}
	if got := h.poster.to("DUOTHERORG"); len(got) != 0 {
		t.Errorf("someone not admitted was sent %d messages", len(got))
	}
	for _, u := range h.poster.uploads {
		if u.Channel == "DUOTHERORG" {
			t.Error("someone not admitted was sent the chart")
		}
	}
	if len(h.poster.to("DUCOORD")) == 0 {
		t.Error("the coordinator of the workspace got no digest")
	}
}
