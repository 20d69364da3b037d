package jobs

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/commands"
)

// Reminders and overdue questions carry the answer buttons; "Remind me
// next week" holds the question back until the day asked for, then asks
// once more, also after a restart.
func TestRemindMeNextWeekAsksAgainOnce(t *testing.T) {
	h := newHarness(t, "2026-11-27T07:59:00Z")
	h.at("2026-11-27T07:59:00Z", "USTAFF", `workshop kenya planned 2026-11-30 "Benchmark"`)
	h.days("2026-11-27", "2026-12-01")
	question := "Kenya's workshop “Benchmark” was planned for Mon 30 Nov 2026"
	dms := h.poster.to("DUFOCALKE")
	if n := count(dms, question); n != 1 {
		t.Fatalf("overdue questions = %d:\n%v", n, texts(dms))
	}
	for _, p := range dms {
		if strings.Contains(p.Text, question) {
			mustContain(t, p.Blocks, `"value":"1/2026-11-30/held"`, `"action_id":"ct_event/1/2026-11-30/postponed"`,
				`"value":"1/2026-11-30/cancelled"`, `"value":"1/2026-11-30/snooze"`)
		}
	}
	r := h.core.AnswerEvent(context.Background(), commands.Request{UserID: "UFOCALKE", Keys: []string{"trigger:snooze"}}, "1/2026-11-30/snooze")
	if r.Failed {
		t.Fatal(r.Text())
	}
	h.days("2026-12-02", "2026-12-07")
	if n := count(h.poster.to("DUFOCALKE"), question); n != 1 {
		t.Fatalf("asked again before the day asked for: %d", n)
	}
	h.runner = h.newRunner(h.db, "process-B") // a restart: the wish is stored
	h.days("2026-12-08", "2026-12-12")
	if n := count(h.poster.to("DUFOCALKE"), question); n != 2 {
		t.Fatalf("questions after the week = %d, want 2:\n%v", n, texts(h.poster.to("DUFOCALKE")))
	}
	if r := h.run(JobOverdue, fmt.Sprintf("workshop#1@2026-11-30-again-%s", "2026-12-08")); r.ScheduledAt.Format("2006-01-02") != "2026-12-08" {
		t.Errorf("asked again at %v, want on 8 Dec", r.ScheduledAt)
	}
}

// "Remind me next week" clicked six days before the event: the day asked
// for is the day after the event, when the overdue question goes out
// anyway. One click should not make two identical questions that day.
func TestASnoozeLandingOnTheOverdueDayAsksOnce(t *testing.T) {
	h := newHarness(t, "2026-12-01T07:00:00Z")
	h.at("2026-12-01T07:00:00Z", "USTAFF", `workshop kenya planned 2026-12-07 "Benchmark"`)
	h.clock.Set(mustTime("2026-12-01T07:30:00Z"))
	r := h.core.AnswerEvent(context.Background(), commands.Request{UserID: "UFOCALKE", Keys: []string{"trigger:snooze"}}, "1/2026-12-07/snooze")
	if r.Failed {
		t.Fatal(r.Text())
	}
	h.days("2026-12-02", "2026-12-09")
	question := "Kenya's workshop “Benchmark” was planned for Mon 7 Dec 2026"
	if n := count(h.poster.to("DUFOCALKE"), question); n != 1 {
		t.Errorf("overdue questions on the day asked for: %d, want 1:\n%v", n, texts(h.poster.to("DUFOCALKE")))
	}
}
