package commands_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

func TestRecordHappyPaths(t *testing.T) {
	tests := []struct {
		text  string
		reply []string
		check func(e *ctbot.Entry) bool
	}{
		{`log kenya Met the ODPP cybercrime unit; agreed dates`, []string{"Recorded #1", "Kenya", "Met the ODPP cybercrime unit; agreed dates"},
			func(e *ctbot.Entry) bool {
				return e.Kind == ctbot.KindLog && e.Country == "KE" && e.Note == "Met the ODPP cybercrime unit; agreed dates" && e.Date.String() == "2026-11-27"
			}},
		{`log programme Steering committee met`, []string{"Recorded #1", "programme"},
			func(e *ctbot.Entry) bool { return e.Country == "" && e.Note == "Steering committee met" }},
		{`LOG KE   spaced   text  `, []string{"Recorded #1"},
			func(e *ctbot.Entry) bool { return e.Country == "KE" && e.Note == "spaced   text" }},
		{`kickoff ghana planned 2026-12-08`, []string{"Recorded #1", "Ghana", "kick-off planned for Tue 8 Dec 2026"},
			func(e *ctbot.Entry) bool {
				return e.Kind == ctbot.KindKickoff && e.Status == ctbot.StatusPlanned && e.Date.String() == "2026-12-08" && e.Series == e.ID
			}},
		{`kickoff Ivory Coast held yesterday with the Ministry of Interior`, []string{"Côte d'Ivoire", "held on Thu 26 Nov 2026", "with the Ministry of Interior"},
			func(e *ctbot.Entry) bool {
				return e.Country == "CI" && e.Status == ctbot.StatusHeld && e.Date.String() == "2026-11-26" && e.Note == "with the Ministry of Interior"
			}},
		{`kick-off KE held`, []string{"held on Fri 27 Nov 2026"},
			func(e *ctbot.Entry) bool { return e.Date.String() == "2026-11-27" }},
		{`kickoff tajikistan postponed`, []string{"kick-off postponed"},
			func(e *ctbot.Entry) bool { return e.Status == ctbot.StatusPostponed && e.Date.IsZero() }},
		{`workshop nigeria planned 2026-12-10 "LEA readiness benchmark"`, []string{"workshop “LEA readiness benchmark” planned for Thu 10 Dec 2026"},
			func(e *ctbot.Entry) bool {
				return e.Kind == ctbot.KindWorkshop && e.Title == "LEA readiness benchmark" && e.Status == ctbot.StatusPlanned
			}},
		{`workshop Côte d’Ivoire held 2026-11-25 “Readiness” participants=32 women=11`, []string{"32 participants (34.4% women)"},
			func(e *ctbot.Entry) bool {
				return e.Country == "CI" && e.Title == "Readiness" && e.Participants == 32 && e.WomenOr(-1) == 11
			}},
		{`workshop malaysia cancelled 2026-12-15 Legal pillar`, []string{"cancelled"},
			func(e *ctbot.Entry) bool { return e.Title == "Legal pillar" && e.Status == ctbot.StatusCancelled }},
		{`training kenya 2026-11-20 "Darknet and virtual assets (basic)" trained=25 women=9 new=20 online`, []string{"Recorded #1", "training (online)", "25 trained (36% women), 20 new"},
			func(e *ctbot.Entry) bool {
				return e.Kind == ctbot.KindTraining && e.Title == "Darknet and virtual assets (basic)" && e.Trained == 25 && e.WomenOr(-1) == 9 && e.New == 20 && e.Online
			}},
		{`training UZ today "OSINT" trained=3`, []string{"3 trained (women not reported), 3 new"},
			func(e *ctbot.Entry) bool { return e.New == 3 && e.Women == nil && !e.Online }},
		{`training kenya 2026-11-20 trained=12 women=0 OSINT intermediate`, []string{"“OSINT intermediate”"},
			func(e *ctbot.Entry) bool { return e.Title == "OSINT intermediate" && e.Trained == 12 }},
		{`indicator unsr-recs kenya +1 data retention recommendation`, []string{"`unsr-recs` +1", "data retention recommendation"},
			func(e *ctbot.Entry) bool {
				return e.Indicator == "unsr-recs" && e.Op == ctbot.OpAdd && e.Value == 1 && e.Note == "data retention recommendation"
			}},
		{`indicator UNSR-RECS KE 2`, []string{"set to 2"},
			func(e *ctbot.Entry) bool { return e.Op == ctbot.OpSet && e.Value == 2 }},
		{`indicator women-policy ghana 4/15`, []string{"set to 4/15 (26.7%)"},
			func(e *ctbot.Entry) bool { return e.Op == ctbot.OpSet && e.Value == 4 && e.Denom == 15 }},
		{`ind women-policy ghana +1/3`, []string{"+1/3"},
			func(e *ctbot.Entry) bool { return e.Op == ctbot.OpAdd && e.Value == 1 && e.Denom == 3 }},
		{`indicator strategies philippines Validated`, []string{"reached stage validated"},
			func(e *ctbot.Entry) bool { return e.Op == ctbot.OpStage && e.Stage == "validated" && e.Country == "PH" }},
		{`indicator intl-investigation programme 1 joint operation reference JIT-7`, []string{"set to 1"},
			func(e *ctbot.Entry) bool {
				return e.Country == "" && e.Value == 1 && e.Note == "joint operation reference JIT-7"
			}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			h := newHarness(t)
			r := h.ok(tt.text)
			wantText(t, r, tt.reply...)
			e := h.last()
			if r.EntryID != e.ID {
				t.Errorf("reply entry ID %d, stored %d", r.EntryID, e.ID)
			}
			if e.UserID != staff || !strings.HasPrefix(e.Source, string(e.Kind)+" {") {
				t.Errorf("user %q source %q", e.UserID, e.Source)
			}
			if !tt.check(e) {
				t.Errorf("stored entry = %+v", e)
			}
		})
	}
}

func TestBadInputStoresNothing(t *testing.T) {
	tests := []struct {
		text    string
		message string
		usage   string // "" when no usage is expected
	}{
		{`training kenyaa 2026-11-20 "OSINT" trained=5`, "I don't know the country “kenyaa”. Did you mean `Kenya`?", "/ct training"},
		{`log narnia something`, "I don't know the country “narnia”. The countries are Ghana, Iraq", "/ct log"},
		{`indicator unsr kenya 1`, "I don't know the indicator “unsr”; did you mean `unsr-recs`?", "/ct indicator"},
		{`indicator nothing-like-it kenya 1`, "the indicators are strategies, unsr-recs", "/ct indicator"},
		{`training kenya 2026-13-01 "OSINT" trained=5`, `“2026-13-01” is not a valid date`, "/ct training"},
		{`workshop kenya held 2026-02-30 "X"`, `“2026-02-30” is not a valid date`, "/ct workshop"},
		{`training kenya 2026-11-20 "OSINT" trained=5 women=6`, "women=6 is more than trained=5", "/ct training"},
		{`workshop kenya held 2026-11-20 "X" participants=10 women=11`, "women=11 is more than participants=10", "/ct workshop"},
		{`workshop kenya held 2026-11-20 "X" women=3`, "women=3 is more than participants=0", "/ct workshop"},
		{`training kenya 2026-11-20 "OSINT" trained=-3`, "trained= must not be negative", "/ct training"},
		{`training kenya 2026-11-20 "OSINT" trained=5 women=-1`, "women= must not be negative", "/ct training"},
		{`training kenya 2026-11-20 "OSINT" trained=five`, `trained= needs a whole number, not “five”`, "/ct training"},
		{`indicator unsr-recs kenya -1`, "the value must not be negative", "/ct indicator"},
		{`indicator women-policy kenya -1/4`, "negative numbers are not accepted", "/ct indicator"},
		{`indicator strategies kenya finished`, `“finished” is not a stage of ` + "`strategies`" + `; its stages are drafting, validated, adopted`, "/ct indicator"},
		{`indicator strategies kenya 3`, `“3” is not a stage`, "/ct indicator"},
		{`indicator women-policy kenya 25`, "is a percent indicator: give numerator/denominator", "/ct indicator"},
		{`indicator women-policy kenya 5/4`, "the numerator is larger than the denominator", "/ct indicator"},
		{`indicator women-policy kenya 0/0`, "the denominator must be at least 1", "/ct indicator"},
		{`indicator unsr-recs kenya 1/2`, "counts a number", "/ct indicator"},
		{`indicator unsr-recs programme 1`, "is recorded per country", "/ct indicator"},
		{`indicator strategies programme adopted`, "is recorded per country", "/ct indicator"},
		{`indicator intl-investigation kenya 1`, "use `programme` instead of Kenya", "/ct indicator"},
		{`training kenya "OSINT" trained=5`, "the date is missing", "/ct training"},
		{`training kenya 2026-11-20 trained=5`, "the course is missing", "/ct training"},
		{`training kenya 2026-11-20 "OSINT"`, "trained=N is missing", "/ct training"},
		{`training kenya 2026-11-20 "OSINT" trained=0`, "trained=N is missing", "/ct training"},
		{`training kenya 2026-11-20 "OSINT" trained=5 new=6`, "new=6 is more than trained=5", "/ct training"},
		{`training kenya 2026-11-20 "OSINT" trained=5 trainees=5`, `“trainees” is not an option here; did you mean ` + "`trained`", "/ct training"},
		{`training kenya 2026-11-20 "OSINT" trained=5 trained=6`, "trained= is given twice", "/ct training"},
		{`training kenya tomorrow "OSINT" trained=5`, "is in the future", "/ct training"},
		{`training kenya 2026-11-20 "OSINT trained=5`, "is never closed", "/ct training"},
		{`training`, "the country is missing", "/ct training"},
		{`log kenya`, "the update text is missing", "/ct log"},
		{`log`, "the country is missing", "/ct log"},
		{`kickoff kenya`, "the status is missing", "/ct kickoff"},
		{`kickoff kenya done`, `“done” is not a status`, "/ct kickoff"},
		{`kickoff kenya 2026-12-01 planned`, "the status comes before the date", "/ct kickoff"},
		{`kickoff kenya held 2026-12-01`, "is in the future", "/ct kickoff"},
		{`kickoff kenya planned 2026-11-01`, "is in the past", "/ct kickoff"},
		{`workshop kenya held`, "the date is missing", "/ct workshop"},
		{`workshop kenya planned 2026-11-01 "X"`, "is in the past", "/ct workshop"},
		{`indicator`, "the indicator code is missing", "/ct indicator"},
		{`indicator unsr-recs kenya`, "the value is missing", "/ct indicator"},
		{`retract`, "the entry ID is missing", "/ct retract"},
		{`retract 5`, "the reason is missing", "/ct retract"},
		{`retract abc wrong`, `“abc” is not an entry ID`, "/ct retract"},
		{`retract 99 wrong`, "#99 is not an entry you can retract", ""},
		{`undo`, "you have no entry from the last 24 hours to undo", ""},
		{`undo everything`, "“everything” is not an entry ID", "/ct undo"},
		{`undo 3 4`, "I did not expect", "/ct undo"},
		{`frobnicate`, "`/ct frobnicate` is not a command", ""},
		{`stauts`, "did you mean `status`?", ""},
		{"log kenya " + strings.Repeat("x", 5000), "the note is 5,000 characters long; the limit is 3,000", ""},
		{"log kenya " + strings.Repeat("x", 9000), "the command is 9,010 characters long; the limit is 8,000", ""},
		{"log kenya bad\x00byte", "the command holds U+0000 at character 14", ""},
		{"log kenya \xff\xfe", "not valid UTF-8", ""},
		{`history kenya 500`, "N must be between 1 and 50", "/ct history"},
		{`status narnia`, `“narnia” is neither a country (or several), an indicator`, "/ct status"},
	}
	for _, tt := range tests {
		t.Run(tt.text[:min(len(tt.text), 60)], func(t *testing.T) {
			h := newHarness(t)
			r := h.as(staff, tt.text)
			if !r.Failed {
				t.Fatalf("not refused: %s", r.Text())
			}
			if !strings.Contains(strings.ToLower(r.Text()), strings.ToLower(tt.message)) {
				t.Errorf("reply lacks %q:\n%s", tt.message, r.Text())
			}
			if tt.usage != "" {
				wantText(t, r, "Usage: `"+tt.usage, "Example: `/ct ")
			} else if strings.Contains(r.Text(), "Usage:") {
				t.Errorf("unexpected usage in:\n%s", r.Text())
			}
			if n := len(h.entries()); n != 0 {
				t.Errorf("%d entries stored, want none", n)
			}
			if r.EntryID != 0 {
				t.Errorf("reply names entry #%d", r.EntryID)
			}
		})
	}
}

func TestRecordingRepliesSayNothingWasRecordedOnlyForWrites(t *testing.T) {
	h := newHarness(t)
	wantText(t, h.as(staff, "log narnia x"), "Nothing was recorded.")
	if text := h.as(staff, "status narnia").Text(); strings.Contains(text, "Nothing was recorded") {
		t.Errorf("status error says nothing was recorded:\n%s", text)
	}
}

func TestSameCommandTwiceWithinTwoMinutesRecordsOnce(t *testing.T) {
	h := newHarness(t)
	cmd := `training kenya 2026-11-20 "OSINT" trained=25 women=9`
	first := h.ok(cmd)
	h.advance(100_000_000_000) // 100 s
	second := h.ok(cmd)
	wantText(t, second, fmt.Sprintf("Already recorded as #%d", first.EntryID), "nothing new was stored")
	if second.EntryID != first.EntryID {
		t.Errorf("second reply names #%d, want #%d", second.EntryID, first.EntryID)
	}
	if n := len(h.entries()); n != 1 {
		t.Errorf("%d entries, want 1", n)
	}
	// Another user sending the same training is told it looks like #1; as
	// a second session it is a separate entry.
	wantText(t, h.as(staff2, cmd), fmt.Sprintf("This looks like #%d", first.EntryID), "add `again`")
	if r := h.as(staff2, cmd+" again"); r.Failed || r.EntryID == first.EntryID {
		t.Errorf("other user, again: %s", r.Text())
	}
}

func TestWorkshopUpdatesItsPlannedEntry(t *testing.T) {
	h := newHarness(t)
	plan := h.ok(`workshop nigeria planned 2026-12-10 "LEA readiness"`)
	other := h.ok(`workshop nigeria planned 2026-12-20 "Legal pillar"`)
	h.clock.Set(h.clock.Now().AddDate(0, 0, 14)) // 2026-12-11
	held := h.ok(`workshop nigeria held 2026-12-10 "lea readiness" participants=30 women=12`)
	wantText(t, held, fmt.Sprintf("(updates #%d)", plan.EntryID))
	// Without a title, the only remaining open workshop is meant.
	post := h.ok(`workshop nigeria postponed 2026-12-28`)
	wantText(t, post, fmt.Sprintf("(updates #%d)", other.EntryID), "“Legal pillar” postponed to Mon 28 Dec 2026")
	s := h.snapshot()
	if w := s.Workshops["NG"]; w.Held != 1 || w.Participants != 30 {
		t.Errorf("held workshops = %+v", w)
	}
	if len(s.Open) != 1 || s.Open[0].Date.String() != "2026-12-28" || s.Open[0].Series != other.EntryID {
		t.Errorf("open = %+v", s.Open)
	}
}

func TestKickoffHeldTwiceIsRefused(t *testing.T) {
	h := newHarness(t)
	first := h.ok(`kickoff kenya held 2026-11-02`)
	r := h.as(staff, `kickoff kenya held today`)
	if !r.Failed {
		t.Fatalf("second held kick-off accepted: %s", r.Text())
	}
	wantText(t, r, fmt.Sprintf("already recorded as held on Mon 2 Nov 2026 (#%d)", first.EntryID))
	// A planned kick-off followed by held is one series.
	plan := h.ok(`kickoff ghana planned 2026-11-30`)
	h.clock.Set(h.clock.Now().AddDate(0, 0, 3))
	held := h.ok(`kickoff ghana held 2026-11-30`)
	wantText(t, held, fmt.Sprintf("(updates #%d)", plan.EntryID))
}

// TestOptionsAfterTheTextLeaveIt: options taken by different steps
// (source=, then on=), wherever they stand, all leave the note.
func TestOptionsAfterTheTextLeaveIt(t *testing.T) {
	h := newHarness(t)
	h.ok(`log kenya met the unit on=2026-11-20 source="Minutes"`)
	if e := h.last(); e.Note != "met the unit" || e.Date.String() != "2026-11-20" || e.Evidence != "Minutes" {
		t.Errorf("note %q, date %s, evidence %q", e.Note, e.Date, e.Evidence)
	}
}
