package commands_test

import (
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
)

// These tests answer questions as read over scenario() (answer_test.go),
// whose figures are worked out there.

// Side by side shows each state's people trained and the women's share:
// Kenya 48 trained, 17 women = 35.4%; Ghana 12, 6 women = 50%.
func TestAnswerCompareShowsPeopleTrained(t *testing.T) {
	h := scenario(t)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectCompare, States: []*ctbot.Country{h.country("KE"), h.country("GH")}})
	wantText(t, r, "People trained", "48 (35.4% women)", "12 (50% women)", "3 (34 new)")
}

// What changed lists the entries recorded, with their kind, state and
// title, and who recorded them: so it goes to the asker alone.
func TestAnswerChangedListsTheEntries(t *testing.T) {
	h := scenario(t)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectChanged, States: []*ctbot.Country{h.country("KE")}})
	wantText(t, r, "entries recorded: 7 (training: 3, workshop: 1, kick-off: 1, readiness assessment: 2)", "Kenya — workshop “Policy” planned for Thu 3 Dec 2026", "Kenya — kick-off held on Mon 2 Mar 2026", "@USTAFF")
	notText(t, r, "Ghana", "“Legal”")
	if r.Shareable {
		t.Errorf("what changed shows who recorded what, yet may be posted in the channel:\n%s", r.Text())
	}
}

// Behind names each state's value; narrowed to an indicator, only the
// states behind on it, with the indicator overall (Ghana 2/15 = 13.3%
// behind, while 7/25 = 28% overall is above 20%); and the events overdue
// (on 1 Dec, Nigeria's workshop planned for 30 Nov).
func TestAnswerBehindNamesValuesIndicatorsAndOverdue(t *testing.T) {
	h := scenario(t)
	h.ok(`indicator women-policy ghana 2/15`)
	h.ok(`indicator women-policy kenya 5/10`)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectBehind, States: []*ctbot.Country{h.country("GH")}})
	wantText(t, r, "Ghana: ", "Investigators trained 12/40 (off track)", "Women in policy design 13.3% (2/15)")
	r = h.ans(manager, commands.Question{Subject: commands.SubjectBehind, Indicators: []*ctbot.Indicator{h.fw.Indicator("women-policy")}})
	wantText(t, r, "states behind on it: 1", "Ghana: Women in policy design 13.3% (2/15)", "Not behind on it: Kenya", "28% (7/25)")
	notText(t, r, "Investigators trained", "I could not apply", "Events overdue")
	h.clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	r = h.ans(manager, commands.Question{Subject: commands.SubjectBehind})
	wantText(t, r, "Events overdue (1)", "Nigeria — workshop “Benchmark” planned for Mon 30 Nov 2026")
}

// "investigators trained?" names the indicator fed by trainings: its
// value counts new people capped at each state's target (Kenya 34 of
// 40), not attendances (Kenya's 48, the programme's 78).
func TestAnswerIndicatorNamedAsTrainings(t *testing.T) {
	h := scenario(t)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectTrainings, Indicators: []*ctbot.Indicator{h.fw.Indicator("investigators-trained")}})
	wantText(t, r, "Investigators trained — 57 of 360", "Kenya — 34 of 40", "Ghana — 12 of 40")
	notText(t, r, "78 trained", "48 trained", "I could not apply")
	// Narrowed to a month, it is a question about trainings, and the
	// indicator follows.
	q := commands.Question{Subject: commands.SubjectTrainings, Indicators: []*ctbot.Indicator{h.fw.Indicator("investigators-trained")},
		Window: commands.Window{From: ctbot.MustParseDate("2026-11-01"), To: ctbot.MustParseDate("2026-11-30")}}
	wantText(t, h.ans(manager, q), "3 trainings (42 trained", "Investigators trained — as of Fri 27 Nov 2026: 🔴 Investigators trained — 57 of 360")
}

// Women among trainees versus the women-in-policy indicator: both, said
// to differ (trainees 27/78 = 34.6%; the indicator 7/25 = 28%).
func TestAnswerWomenTraineesVersusIndicator(t *testing.T) {
	h := scenario(t)
	h.ok(`indicator women-policy ghana 2/15`)
	h.ok(`indicator women-policy kenya 5/10`)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectTrainings, Women: true, Indicators: []*ctbot.Indicator{h.fw.Indicator("women-policy")}})
	wantText(t, r, "34.6% women", "28% (7/25)", "is an indicator of its own, not the share of women among trainees")
	notText(t, r, "I could not apply")
	r = h.ans(manager, commands.Question{Subject: commands.SubjectTarget, Indicators: []*ctbot.Indicator{h.fw.Indicator("women-policy")}})
	wantText(t, r, "28% (7/25) overall, against 20%")
}

// Who lists, for each person, the states of the entries they recorded.
func TestAnswerWhoNamesTheStates(t *testing.T) {
	h := scenario(t)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectWho, People: []string{staff}})
	wantText(t, r, "@USTAFF — entries: 13 (Kenya: 7, Ghana: 2, Iraq: 2, Nigeria: 2)")
}

// Upcoming workshops, with no days said: every workshop planned from today
// on (Iraq's of 20 Dec too, beyond the lookahead), and no kick-off.
func TestAnswerUpcomingOfOneKind(t *testing.T) {
	h := scenario(t)
	h.ok(`kickoff ghana planned 2026-12-01`)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectUpcoming, Measure: "workshops"})
	wantText(t, r, "27 Nov – 20 Dec 2026: events: 3", "Kenya — workshop “Policy”", "Iraq — workshop “Legal”", "Nigeria — workshop “Benchmark”")
	notText(t, r, "kick-off")
	r = h.ans(manager, commands.Question{Subject: commands.SubjectUpcoming})
	wantText(t, r, "in the next 14 days: events: 3", "Ghana — kick-off")
	notText(t, r, "Iraq")
}
