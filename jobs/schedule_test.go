package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
)

func TestSixtyCountriesSplitIntoAThreadNeverCut(t *testing.T) {
	h := newHarness(t, mondayDigest, manyCountries(60))
	h.seedMany(60)
	h.tick()
	thread := h.digestThread()
	if len(thread) < 2 {
		t.Fatalf("%d messages; a 60-country digest should need a thread", len(thread))
	}
	for i, p := range thread {
		var blocks slack.Blocks
		if err := json.Unmarshal([]byte(p.Blocks), &blocks); err != nil {
			t.Fatal(err)
		}
		size := len(p.Blocks)
		for _, b := range blocks.BlockSet {
			if s, ok := b.(*slack.SectionBlock); ok && len(s.Text.Text) > 3000 {
				t.Errorf("message %d: a section of %d chars", i, len(s.Text.Text))
			}
		}
		if len(blocks.BlockSet) > 50 || size > 12000 {
			t.Errorf("message %d: %d blocks, %d chars", i, len(blocks.BlockSet), size)
		}
		if p.Text == "" {
			t.Errorf("message %d has no text fallback", i)
		}
		if (i == 0) != (p.ThreadTS == "") || (i > 0 && p.ThreadTS != thread[0].TS) {
			t.Errorf("message %d: thread %q", i, p.ThreadTS)
		}
	}
	text := all(thread)
	for i := range 59 {
		name := fmt.Sprintf("Partner State %02d", i+1)
		// Every country's kick-off and training are in the digest: nothing cut.
		if strings.Count(text, "*"+name+"* — held on") < 1 || !strings.Contains(text, "*"+name+"* — 1 training") {
			t.Errorf("%s missing from the digest", name)
		}
	}
}

// sweep ticks every five minutes from start to end, as the live loop would.
func (h *harness) sweep(start, end string) {
	h.t.Helper()
	h.clock.Set(mustTime(start))
	for !h.clock.Now().After(mustTime(end)) {
		h.tick()
		h.clock.Advance(5 * time.Minute)
	}
}

func (h *harness) digestsPosted() []post {
	var out []post
	for _, p := range h.poster.to(digestChannel) {
		if p.ThreadTS == "" && strings.Contains(p.Blocks, "weekly digest") {
			out = append(out, p)
		}
	}
	return out
}

func TestDSTNeitherSkipsNorDoublesTheMondayDigest(t *testing.T) {
	tests := []struct {
		name, from, to string
		period         string
		scheduledUTC   string
	}{
		// Clocks go forward on Sunday 29 March 2026: Monday 08:00 is CEST (UTC+2).
		{"spring", "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z", "2026-03-30T08:00", "2026-03-30T06:00:00Z"},
		// Clocks go back on Sunday 25 October 2026: Monday 08:00 is CET (UTC+1).
		{"autumn", "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z", "2026-10-26T08:00", "2026-10-26T07:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.from)
			h.sweep(tt.from, tt.to)
			if n := len(h.digestsPosted()); n != 1 {
				t.Fatalf("%d digests posted across the clock change, want 1", n)
			}
			r := h.run(JobDigest, tt.period)
			if r.Status != ctbot.RunPosted || !r.ScheduledAt.Equal(mustTime(tt.scheduledUTC)) {
				t.Errorf("run = %s at %v, want posted at %s", r.Status, r.ScheduledAt, tt.scheduledUTC)
			}
			// It went out at the first tick at or after 08:00 local, not an hour off.
			if d := r.StartedAt.Sub(mustTime(tt.scheduledUTC)); d < 0 || d >= 5*time.Minute {
				t.Errorf("started %v after the scheduled instant", d)
			}
		})
	}
}

// ghanaIn gives Ghana (in tests) a zone with summer time and a Friday and
// Saturday weekend, so that the Sundays clocks change on are working days.
func ghanaIn(zone string) func(*config.Config) {
	return func(c *config.Config) {
		gh := c.Framework.Country("GH")
		gh.Location, _ = time.LoadLocation(zone)
		gh.Weekend = []time.Weekday{time.Friday, time.Saturday}
	}
}

func TestDSTAtAnHourThatRepeats(t *testing.T) {
	// A state's daily run at 01:30: on 25 October 2026 01:30 happens twice
	// in London (00:30 UTC in summer time, 01:30 UTC in winter time).
	h := newHarness(t, "2026-10-24T12:00:00Z", ghanaIn("Europe/London"), func(c *config.Config) {
		c.Reminders.Schedule = "30 1 * * *"
		c.Reminders.DaysBefore = []int{7}
	})
	h.at("2026-10-20T09:00:00Z", "USTAFF", `workshop ghana planned 2026-11-01 "Legal pillar"`)
	h.sweep("2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z")
	r := h.run(StateJob("GH"), "2026-10-25T01:30")
	if r.Status != ctbot.RunPosted || r.Attempts != 1 || !r.ScheduledAt.Equal(mustTime("2026-10-25T00:30:00Z")) {
		t.Errorf("Ghana's daily run = %+v", r)
	}
	if n := count(h.poster.to(digestChannel), "Reminder: Ghana"); n != 1 {
		t.Errorf("%d reminders on the day 01:30 repeats, want 1", n)
	}
}

func TestDSTAtAnHourThatDoesNotExist(t *testing.T) {
	// On 29 March 2026 there is no 02:30 in Brussels; the daily runs of that
	// day (the programme's, and Ghana's, whose weekend is Friday and
	// Saturday) happen at most once and the next day's runs as usual.
	h := newHarness(t, "2026-03-28T12:00:00Z", ghanaIn("Europe/Brussels"), func(c *config.Config) { c.Reminders.Schedule = "30 2 * * *" })
	h.sweep("2026-03-28T12:00:00Z", "2026-03-30T12:00:00Z")
	runs, _ := h.db.RecentRuns(context.Background(), 200)
	days := map[string]map[string]int{}
	for _, r := range runs {
		if r.Status == ctbot.RunPosted || r.Status == ctbot.RunSkipped {
			if days[r.Job] == nil {
				days[r.Job] = map[string]int{}
			}
			days[r.Job][r.Period[:10]]++
		}
	}
	for _, job := range []string{JobDaily, StateJob("GH")} {
		if days[job]["2026-03-29"] > 1 || days[job]["2026-03-30"] != 1 {
			t.Errorf("%s runs per day = %v", job, days[job])
		}
	}
	if days[StateJob("KE")]["2026-03-29"] != 0 {
		t.Error("Kenya's daily run ran on a Sunday")
	}
}

func TestNextRunTimesInTheProgrammeZone(t *testing.T) {
	h := newHarness(t, "2026-10-21T12:00:00Z")
	next := h.runner.Next(h.clock.Now(), 3)
	var got []string
	for _, t := range next[JobDigest] {
		got = append(got, t.Format(time.RFC3339))
	}
	want := []string{"2026-10-26T08:00:00+01:00", "2026-11-02T08:00:00+01:00", "2026-11-09T08:00:00+01:00"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("next digests = %v, want %v", got, want)
	}
	if d := next[JobDaily]; len(d) != 3 || d[0].Format(time.RFC3339) != "2026-10-22T09:00:00+02:00" {
		t.Errorf("next daily runs = %v", d)
	}
}

func TestOnlyTheLatestMissedRunIsCaughtUp(t *testing.T) {
	// Hourly digests, ctbot down for five hours: one digest at start, for
	// the latest hour; the four before are recorded as superseded.
	h := newHarness(t, "2026-11-30T12:10:00Z", func(c *config.Config) { c.Digest.Schedule = "0 * * * *" })
	h.at("2026-11-30T07:00:00Z", "USTAFF", "log kenya before the stop")
	db := h.db
	// The last run recorded before the stop, at 08:00 Brussels.
	if _, err := db.ClaimRun(context.Background(), JobDigest, "2026-11-30T08:00", mustTime("2026-11-30T07:00:00Z"), "old", time.Minute, nil); err != nil {
		t.Fatal(err)
	}
	if err := db.FinishRun(context.Background(), JobDigest, "2026-11-30T08:00", "old", ctbot.RunPosted, ""); err != nil {
		t.Fatal(err)
	}
	h.tick()
	if n := len(h.digestsPosted()); n != 1 {
		t.Fatalf("%d digests posted on restart, want 1", n)
	}
	if r := h.run(JobDigest, "2026-11-30T13:00"); r.Status != ctbot.RunPosted {
		t.Errorf("latest hour: %+v", r)
	}
	for _, p := range []string{"2026-11-30T09:00", "2026-11-30T10:00", "2026-11-30T11:00", "2026-11-30T12:00"} {
		if r := h.run(JobDigest, p); r.Status != ctbot.RunSkipped || !strings.Contains(r.Detail, "superseded by the run of 2026-11-30T13:00") {
			t.Errorf("%s: %+v", p, r)
		}
	}
}

func TestASupersededFailureStaysOnRecordAndIsLogged(t *testing.T) {
	h := newHarness(t, "2026-11-30T12:10:00Z", func(c *config.Config) { c.Digest.Schedule = "0 * * * *" })
	ctx := context.Background()
	// The 11:00 digest failed; by 13:00 (Brussels) a later one is due.
	if _, err := h.db.ClaimRun(ctx, JobDigest, "2026-11-30T11:00", mustTime("2026-11-30T10:00:00Z"), "old", time.Minute, nil); err != nil {
		t.Fatal(err)
	}
	if err := h.db.FinishRun(ctx, JobDigest, "2026-11-30T11:00", "old", ctbot.RunFailed, "slack: 500"); err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	r, err := New(Options{Core: h.core, Store: h.db, Figures: h.core.Figures(), Poster: h.poster, Config: h.cfg, Clock: h.clock, Owner: "new",
		Log: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(h.digestsPosted()); n != 1 {
		t.Fatalf("%d digests posted, want the latest only", n)
	}
	if run := h.run(JobDigest, "2026-11-30T11:00"); run.Status != ctbot.RunFailed || run.Attempts != 1 {
		t.Errorf("superseded failure = %+v; want it kept as failed, not retried", run)
	}
	if !strings.Contains(logs.String(), "failed run not retried") || !strings.Contains(logs.String(), "2026-11-30T11:00") {
		t.Errorf("the superseded failure was not logged:\n%s", logs.String())
	}
}
