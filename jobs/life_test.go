package jobs

import (
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
)

// endingOn ends the programme on day end.
func endingOn(end string) func(*config.Config) {
	return func(c *config.Config) {
		c.Framework.End, c.Framework.Planned = ctbot.MustParseDate(end), ctbot.MustParseDate(end)
	}
}

// TestNothingIsSentAfterTheEnd: reminders, questions and nudges go out
// while the programme runs, and stop at its end: nobody is asked to
// record what could no longer be recorded.
func TestNothingIsSentAfterTheEnd(t *testing.T) {
	h := newHarness(t, "2026-10-01T08:00:00Z", endingOn("2026-12-09"))
	h.at("2026-10-01T08:00:00Z", "USTAFF", "log kenya last news for a while")
	h.at("2026-11-25T08:00:00Z", "USTAFF", `workshop ghana planned 2026-12-09 "Benchmark"`)
	h.days("2026-11-23", "2026-12-09")
	dms, channel := h.poster.to("DUFOCALKE"), h.poster.to(digestChannel)
	// Weeks 48, 49 and 50 (Mon 7 Dec, in the programme's last days).
	if n := count(dms, "ctbot has no entry for Kenya"); n != 3 {
		t.Errorf("%d nudges while the programme runs, want 3:\n%v", n, texts(dms))
	}
	if n := count(channel, "Ghana's workshop “Benchmark” is planned for Wed 9 Dec 2026"); n != 2 {
		t.Errorf("%d reminders of the last day's workshop, want 2", n)
	}
	asked := func() []post { // reminders, questions and nudges; not the digest
		out := append(h.poster.to("DUFOCALKE"), h.poster.to("DUCOORD")...)
		for _, p := range channel {
			if strings.Contains(p.Text, "Reminder") {
				out = append(out, p)
			}
		}
		return out
	}
	sent := len(asked())
	h.days("2026-12-10", "2027-01-06")
	channel = h.poster.to(digestChannel)
	if now := asked(); len(now) != sent {
		t.Errorf("%d messages after the end: %v", len(now)-sent, texts(now[sent:]))
	}
	if r := h.run(StateJob("KE"), "2026-12-14T09:00"); r.Status != ctbot.RunSkipped {
		t.Errorf("Kenya's run after the end: %+v", r)
	}
}

// TestNothingIsSentForAWithdrawnState: from the day a state withdrew, its
// focal points are neither reminded nor nudged; the others still are.
func TestNothingIsSentForAWithdrawnState(t *testing.T) {
	h := newHarness(t, "2026-10-01T08:00:00Z", func(c *config.Config) {
		c.Framework.Country("KE").Withdrawn = ctbot.MustParseDate("2026-11-30")
		c.Framework.Country("GH").FocalPoints = []string{"UFOCALGH"}
	})
	h.at("2026-10-01T08:00:00Z", "USTAFF", "log kenya last news for a while")
	h.at("2026-10-01T08:00:00Z", "USTAFF", "log ghana last news for a while")
	h.days("2026-11-23", "2026-12-15")
	if n := count(h.poster.to("DUFOCALKE"), "ctbot has no entry for Kenya"); n != 1 {
		t.Errorf("%d nudges to Kenya, want only that of week 48, before it withdrew", n)
	}
	if n := count(h.poster.to("DUFOCALGH"), "ctbot has no entry for Ghana"); n != 4 {
		t.Errorf("%d nudges to Ghana, want 4 (weeks 48 to 51)", n)
	}
}

// TestDigestStopsOnceAfterTheEnd: after the end the digest goes on while
// there is something to report (the last period open, entries recorded
// late), says once that it stops, and comes back with late entries.
func TestDigestStopsOnceAfterTheEnd(t *testing.T) {
	h := newHarness(t, "2026-11-25T08:00:00Z", endingOn("2026-11-30"))
	h.at("2026-11-25T08:00:00Z", "USTAFF", "log kenya last meeting of the programme")
	monday := func(day string) ctbot.RunStatus {
		h.clock.Set(mustTime(day + "T07:05:00Z"))
		h.tick()
		return h.run(JobDigest, day+"T08:00").Status
	}
	if s := monday("2026-12-07"); s != ctbot.RunPosted {
		t.Fatalf("the first digest after the end, 2026-Q4 open: %s", s)
	}
	mustContain(t, all(h.poster.to(digestChannel)), "CT TECH+ ended on Mon 30 Nov 2026", "2026-Q4 is open")
	h.at("2026-12-08T10:00:00Z", "UCOORD", "period close 2026-Q4 figures approved")
	sent := len(h.poster.to(digestChannel))
	if s := monday("2026-12-14"); s != ctbot.RunPosted {
		t.Fatalf("the digest that says it stops: %s", s)
	}
	last := h.poster.to(digestChannel)[sent:]
	if len(last) != 1 || count(last, "this is the last weekly digest") != 1 {
		t.Errorf("the last digest: %v", texts(last))
	}
	for _, d := range []string{"2026-12-21", "2026-12-28"} {
		if s := monday(d); s != ctbot.RunSkipped {
			t.Errorf("digest of %s: %s, want skipped", d, s)
		}
	}
	h.at("2026-12-29T10:00:00Z", "UCOORD", `training kenya 2026-11-20 "OSINT" trained=12 women=5 new=12 reason="late attendance sheet"`)
	sent = len(h.poster.to(digestChannel))
	if s := monday("2027-01-04"); s != ctbot.RunPosted {
		t.Fatalf("the digest of a late entry: %s", s)
	}
	mustContain(t, all(h.poster.to(digestChannel)[sent:]), "Reported this week about earlier dates", "Fri 20 Nov 2026: Kenya — training “OSINT”")
	if s := monday("2027-01-11"); s != ctbot.RunPosted || count(h.poster.to(digestChannel), "this is the last weekly digest") != 2 {
		t.Errorf("after the late entry, the digest stops again, saying so: %s", s)
	}
	if s := monday("2027-01-18"); s != ctbot.RunSkipped {
		t.Errorf("then nothing: %s", s)
	}
}
