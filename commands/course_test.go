package commands_test

import (
	"strconv"
	"strings"
	"testing"
)

func TestTrainingsNameACourseOfTheCatalogue(t *testing.T) {
	h := newHarness(t)
	r := h.ok(`training kenya 2026-11-20 course=dva-basic trained=25 women=9 new=20 online`)
	wantText(t, r, "“Darknet and virtual assets (basic)”")
	e := h.last()
	if e.Course != "dva-basic" || e.Topic != "darknet" || e.Level != "basic" || e.Title != "Darknet and virtual assets (basic)" {
		t.Errorf("entry = course %q topic %q level %q title %q", e.Course, e.Topic, e.Level, e.Title)
	}
	h.ok(`training kenya 2026-11-21 "Social media monitoring" topic=OSINT level=advanced trained=12`)
	if e := h.last(); e.Course != "" || e.Topic != "osint" || e.Level != "advanced" {
		t.Errorf("a course outside the catalogue = course %q topic %q level %q", e.Course, e.Topic, e.Level)
	}
	h.ok(`training kenya 2026-11-22 "Old style" trained=10`)
	if e := h.last(); e.Topic != "" || e.Level != "" {
		t.Errorf("a training without topic got topic %q level %q", e.Topic, e.Level)
	}

	h.refusedWith(staff, `training kenya 2026-11-21 course=dva-basik trained=5`, "“dva-basik” is not a course of the catalogue; did you mean `dva-basic`")
	h.refusedWith(staff, `training kenya 2026-11-21 course=zzzzzzzz trained=5`, "the courses are osint-basic, osint-intermediate, dva-basic")
	h.refusedWith(staff, `training kenya 2026-11-21 course=dva-basic topic=osint trained=5`, "topic= does not go with course=dva-basic: that course is darknet, basic")
	h.refusedWith(staff, `training kenya 2026-11-21 "X" topic=osnit trained=5`, "“osnit” is not a topic; the topics are osint, darknet, virtual-assets, ai")
	h.refusedWith(staff, `training kenya 2026-11-21 "X" topic=ai level=expert trained=5`, "“expert” is not a level; the levels are basic, intermediate, advanced")
	h.refusedWith(staff, `training kenya 2026-11-21 "X" level=basic trained=5`, "level= needs the topic too")
	h.refusedWith(staff, `training kenya 2026-11-21 trained=5`, "The course is missing: name one of the catalogue with course=CODE")
}

func TestAmendingWhatATrainingTaught(t *testing.T) {
	h := newHarness(t)
	r := h.ok(`training kenya 2026-11-20 course=dva-basic trained=25`)
	id := r.EntryID
	wantText(t, h.ok(idCmd("amend", id, "course=osint-basic")), "course dva-basic → osint-basic", "topic darknet → osint")
	if e := h.last(); e.Title != "Open-source intelligence (basic)" || e.Topic != "osint" {
		t.Errorf("after amending the course: title %q topic %q", e.Title, e.Topic)
	}
	// course= that is no code of the catalogue renames, as it always did.
	h.ok(idCmd("amend", id, `course="OSINT for investigators"`))
	if e := h.last(); e.Title != "OSINT for investigators" || e.Course != "osint-basic" {
		t.Errorf("a title given as course=: title %q course %q", e.Title, e.Course)
	}
	h.refusedWith(staff, idCmd("amend", id, "level=advanced"), "This training is course osint-basic of the catalogue (osint, basic)")
	h.ok(idCmd("amend", id, "course=none topic=ai level=none"))
	if e := h.last(); e.Course != "" || e.Topic != "ai" || e.Level != "" {
		t.Errorf("after topic=ai level=none: course %q topic %q level %q", e.Course, e.Topic, e.Level)
	}
	w := h.ok(`workshop kenya planned 2026-12-10 "Benchmark"`)
	h.refusedWith(staff, idCmd("amend", w.EntryID, "topic=ai"), "topic")
}

func TestStatusBreaksTrainingsDownByTopicAndLevel(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 course=dva-basic trained=25 women=9 new=20`)
	h.ok(`training kenya 2026-11-21 course=dva-basic trained=10 women=5 new=4 again`)
	h.ok(`training kenya 2026-11-21 "Custom" topic=osint trained=12`)
	h.ok(`training kenya 2026-11-22 "Old style" trained=10`)
	h.ok(`training ghana 2026-11-20 course=osint-intermediate trained=30 women=12`)

	kenya := h.ok("status kenya").Text()
	for _, want := range []string{"Trainings by topic and level", "darknet  basic              2        35          24  40% women",
		"osint    not given          1        12          12  not reported", "1 of 4 trainings name no topic"} {
		if !strings.Contains(kenya, want) {
			t.Errorf("status kenya lacks %q:\n%s", want, kenya)
		}
	}
	if strings.Contains(kenya, "intermediate") {
		t.Errorf("status kenya shows Ghana's training:\n%s", kenya)
	}
	wantText(t, h.ok("status investigators-trained"), "Trainings by topic and level", "osint    intermediate          1        30          30  40% women")
	osint := h.ok("status OSINT").Text()
	for _, want := range []string{"Trainings on osint", "All states: 2 trainings (42 trained; 40% women where reported, not reported for 1 of 2; 42 new",
		"Ghana  intermediate          1        30          30  40% women     12", "Kenya  not given             1        12          12  not reported  not reported",
		"Courses of the catalogue on this topic: osint-basic, osint-intermediate."} {
		if !strings.Contains(osint, want) {
			t.Errorf("status osint lacks %q:\n%s", want, osint)
		}
	}
	wantText(t, h.ok("status ai"), "No training on ai recorded yet.")
	// Retracted trainings leave the breakdown.
	h.ok("retract 5 wrong state")
	if text := h.ok("status osint").Text(); strings.Contains(text, "Ghana") {
		t.Errorf("a retracted training is still counted:\n%s", text)
	}
}

// idCmd is a command on entry id, e.g. "amend 42 trained=3".
func idCmd(cmd string, id int64, rest string) string {
	return cmd + " " + strconv.FormatInt(id, 10) + " " + rest
}

// "How many … on darknet?" counts that topic's trainings only.
func TestHowManyOnATopic(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 course=dva-basic trained=25 women=9 new=20`)
	h.ok(`training kenya 2026-11-21 course=osint-basic trained=10 women=5`)
	wantText(t, h.ok("how many people were trained in darknet in Kenya?"), "Trainings — Kenya (darknet), to date (Fri 27 Nov 2026): 1 training (25 trained; 36% women; 20 new")
	wantText(t, h.ok("how many people were trained in Kenya?"), "Trainings — Kenya, to date (Fri 27 Nov 2026): 2 trainings (35 trained; 40% women; 30 new")
	wantText(t, h.ok("how many trainings on virtual assets?"), "Trainings — the whole programme (virtual-assets), to date (Fri 27 Nov 2026): no training held")
}
