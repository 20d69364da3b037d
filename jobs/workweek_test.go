package jobs

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
)

// A state's daily run skips its weekend: a reminder due on a day off goes
// out the working day before, a question due on a day off the working
// day after.
func TestStateRunsSkipTheWeekend(t *testing.T) {
	h := newHarness(t, "2026-12-03T07:59:00Z")
	h.at("2026-12-03T07:59:00Z", "USTAFF", `workshop kenya planned 2026-12-07 "Monday one"`)
	h.at("2026-12-03T07:59:00Z", "USTAFF", `workshop kenya planned 2026-12-05 "Saturday one"`)
	h.days("2026-12-03", "2026-12-08")
	runs, err := h.db.RecentRuns(context.Background(), 500)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runs {
		if r.Job == StateJob("KE") && (strings.HasPrefix(r.Period, "2026-12-05") || strings.HasPrefix(r.Period, "2026-12-06")) {
			t.Errorf("Kenya's daily run ran at the weekend: %+v", r)
		}
	}
	if r := h.run(StateJob("KE"), "2026-12-04T09:00"); r.Status != ctbot.RunPosted {
		t.Errorf("Friday's run = %+v", r)
	}
	channel := h.poster.to(digestChannel)
	if n := count(channel, "“Monday one” is planned for Mon 7 Dec 2026, in 3 days"); n != 1 {
		t.Errorf("the reminder due on Sunday went out %d times on Friday:\n%v", n, texts(channel))
	}
	if n := count(channel, "“Saturday one” is planned for Sat 5 Dec 2026, tomorrow"); n != 1 {
		t.Errorf("Saturday's reminder on Friday: %d", n)
	}
	r := h.run(JobOverdue, "workshop#2@2026-12-05")
	if r.Status != ctbot.RunPosted || ctbot.DateOf(r.ScheduledAt.In(h.cfg.Framework.Location)).String() != "2026-12-07" {
		t.Errorf("the question about Saturday's workshop was asked at %v, want Monday", r.ScheduledAt)
	}
	if n := count(h.poster.to("DUFOCALKE"), "“Saturday one” was planned"); n != 1 {
		t.Errorf("questions about Saturday's workshop = %d", n)
	}
}

// Each state's run is at the configured hour in its own zone, on its own
// working days: Manila at 09:00 (+08:00), not on its holidays; Baghdad and
// Nairobi (the built-in zones) at 09:00 +03:00, Iraq's weekend Friday and
// Saturday.
func TestStateRunsAtItsLocalHourOnItsWorkingDays(t *testing.T) {
	h := newHarness(t, "2026-12-23T12:00:00Z", func(c *config.Config) {
		ph := c.Framework.Country("PH")
		ph.Location, _ = time.LoadLocation("Asia/Manila")
		ph.Holidays = []ctbot.Date{ctbot.MustParseDate("2026-12-25")}
		c.Framework.Country("IQ").Weekend = []time.Weekday{time.Friday, time.Saturday}
	})
	next := h.runner.Next(h.clock.Now(), 3)
	for job, want := range map[string]string{
		StateJob("PH"): "2026-12-24T09:00:00+08:00 2026-12-28T09:00:00+08:00 2026-12-29T09:00:00+08:00",
		StateJob("IQ"): "2026-12-24T09:00:00+03:00 2026-12-27T09:00:00+03:00 2026-12-28T09:00:00+03:00",
		StateJob("KE"): "2026-12-24T09:00:00+03:00 2026-12-25T09:00:00+03:00 2026-12-28T09:00:00+03:00",
	} {
		var got []string
		for _, at := range next[job] {
			got = append(got, at.Format(time.RFC3339))
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s next runs %v, want %s", job, got, want)
		}
	}
	// The run of 24 December in Manila is at 01:00 UTC, keyed by its local time.
	h.sweep("2026-12-24T00:50:00Z", "2026-12-24T01:10:00Z")
	if r := h.run(StateJob("PH"), "2026-12-24T09:00"); !r.ScheduledAt.Equal(mustTime("2026-12-24T01:00:00Z")) {
		t.Errorf("Manila's run = %+v", r)
	}
}
