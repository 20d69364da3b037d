package commands_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/locale"
)

// The scenario of these tests, on Fri 27 Nov 2026 (the programme runs
// 1 Jan 2025 – 31 Dec 2026), and its figures worked out by hand:
//
//	trainings   state  date        course              trained women new new_women
//	T1          KE     2026-11-10  osint-basic         20      8     16  6
//	T2          KE     2026-11-18  dva-basic (online)  10      2     8   1
//	T3          KE     2026-10-05  osint-intermediate  18      7     10  4
//	T4          GH     2026-11-12  osint-basic         12      6     12  6
//	T5          IQ     2026-09-20  ai-basic            6       1     6   1
//	T6          NG     2026-08-15  dva-basic           12      3     5   2
//
// Kenya, all time: 3 trainings, 48 trained, 17 women, 34 new (11 women).
// Kenya, November: T1+T2 = 2 trainings, 30 trained, 10 women, 24 new.
// Kenya, osint: T1+T3 = 2 trainings, 38 trained. Kenya online: T2 alone.
// Programme: 6 trainings, 78 trained, 27 women (35%); 57 new, 20 women
// (35%). Women's share by state: GH 6/12 = 50%, KE 17/48 = 35%, NG 3/12
// = 25%, IQ 1/6 = 17%: best Ghana, least balanced Iraq.
// Ranked by trained: 1. Kenya 48, 2. Ghana 12, 2. Nigeria 12, 4. Iraq 6.
// investigators-trained (fed by new people, target 40 each): KE 34, so 6
// more; GH 12, 28 more.
//
//	workshops: GH held 2026-11-05, 20 participants, 9 women; KE planned
//	2026-12-03 (in 6 days); IQ planned 2026-12-20 (in 23 days); NG planned
//	2026-11-30 (in 3 days; overdue from 1 Dec). Kick-off: KE held 2026-03-02.
//	readiness KE: 2026-06-01 policy=2 legal=1 institutional=3, then
//	2026-11-01 policy=3 legal=1 institutional=2.
func scenario(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	for _, cmd := range []string{
		`training kenya 2026-11-10 course=osint-basic trained=20 women=8 new=16 new_women=6`,
		`training kenya 2026-11-18 course=dva-basic trained=10 women=2 new=8 new_women=1 online`,
		`training kenya 2026-10-05 course=osint-intermediate trained=18 women=7 new=10 new_women=4`,
		`training ghana 2026-11-12 course=osint-basic trained=12 women=6 new=12 new_women=6`,
		`training iraq 2026-09-20 course=ai-basic trained=6 women=1 new=6 new_women=1`,
		`training nigeria 2026-08-15 course=dva-basic trained=12 women=3 new=5 new_women=2`,
		`workshop ghana held 2026-11-05 "Readiness" participants=20 women=9`,
		`workshop kenya planned 2026-12-03 "Policy"`,
		`workshop iraq planned 2026-12-20 "Legal"`,
		`workshop nigeria planned 2026-11-30 "Benchmark"`,
		`kickoff kenya held 2026-03-02`,
		`readiness kenya policy=2 legal=1 institutional=3 on=2026-06-01`,
		`readiness kenya policy=3 legal=1 institutional=2 on=2026-11-01`,
	} {
		h.ok(cmd)
	}
	return h
}

func (h *harness) ans(user string, q commands.Question) commands.Reply {
	h.t.Helper()
	r := h.core.AnswerQuestion(context.Background(), commands.Request{UserID: user, Source: commands.FromMention}, &q)
	if r.Failed {
		h.t.Fatalf("%+v failed: %s", q, r.Text())
	}
	return r
}

func notText(t *testing.T, r commands.Reply, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(r.Text(), p) {
			t.Errorf("reply has %q:\n%s", p, r.Text())
		}
	}
}

func (h *harness) country(code string) *ctbot.Country { return h.fw.Country(code) }

func day(s string) ctbot.Date { return ctbot.MustParseDate(s) }

var november = commands.Window{From: day("2026-11-01"), To: day("2026-11-30"), Said: "in November"}

func TestAnswerTrainingsHonoursStateWindowAndTopic(t *testing.T) {
	h := scenario(t)
	ke := []*ctbot.Country{h.country("KE")}
	all := h.ans(manager, commands.Question{Subject: commands.SubjectTrainings, States: ke, Women: true})
	wantText(t, all, "Trainings — Kenya, to date", "3 trainings (48 trained", "17 women among the 48 trained", "Details: `/ct status ke`")
	nov := h.ans(manager, commands.Question{Subject: commands.SubjectTrainings, States: ke, Window: november, Women: true})
	wantText(t, nov, "Trainings — Kenya, 1–30 Nov 2026: 2 trainings (30 trained", "24 new", "10 women among the 30 trained")
	notText(t, nov, "48", "I could not apply")
	osint := h.ans(manager, commands.Question{Subject: commands.SubjectTrainings, States: ke, Topics: []string{"osint"}})
	wantText(t, osint, "Kenya (osint)", "2 trainings (38 trained")
	online := h.ans(manager, commands.Question{Subject: commands.SubjectTrainings, States: ke, Online: ctbot.Yes})
	wantText(t, online, "Kenya (online)", "1 training (10 trained")
	if !all.Shareable || !nov.Shareable {
		t.Error("a figures-only answer is shareable")
	}
}

func TestAnswerTrainingsInFrench(t *testing.T) {
	h := scenario(t)
	h.as(manager, "lang fr")
	r := h.ans(manager, commands.Question{Subject: commands.SubjectTrainings, States: []*ctbot.Country{h.country("KE")}, Window: november})
	wantText(t, r, "Formations — Kenya, 1er–30 nov. 2026", "2 formations", "Détails")
	notText(t, r, "Trainings", "48")
}

func TestAnswerNamesWhatItCouldNotApply(t *testing.T) {
	h := scenario(t)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectWorkshops, States: []*ctbot.Country{h.country("GH")},
		Levels: []string{"basic"}, Unread: []string{"in 2019"}})
	wantText(t, r, "Workshops — Ghana, to date (Fri 27 Nov 2026): 1 workshop held (20 participants", "I could not apply: level basic (Workshops have none)",
		"“in 2019” (not understood)")
	// A window the workshop lies outside of: none held, not the all-time one.
	oct := h.ans(manager, commands.Question{Subject: commands.SubjectWorkshops, States: []*ctbot.Country{h.country("GH")},
		Window: commands.Window{From: day("2026-10-01"), To: day("2026-10-31")}})
	wantText(t, oct, "1–31 Oct 2026: no workshop held yet")
	notText(t, oct, "I could not apply", "20 participants")
}

func TestAnswerWomenShareNotTheIndicator(t *testing.T) {
	h := scenario(t)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectWomen})
	wantText(t, r, "Women among trainees — the whole programme, to date (Fri 27 Nov 2026): women among those trained: 34.6% (27/78); among the new people: 35.1% (20/57)",
		"Ghana: women among those trained: 50% (6/12)", "Iraq: women among those trained: 16.7% (1/6)",
		"Best balance: Ghana (50% women); least balanced: Iraq (16.7% women)", "not the indicator “Women in policy design” (`women-policy`)")
	h.as(manager, "lang ru")
	ru := h.ans(manager, commands.Question{Subject: commands.SubjectWomen, States: []*ctbot.Country{h.country("KE")}, Window: november})
	wantText(t, ru, "Женщины среди обученных", "33,3", "(10/30)", "29,2", "(7/24)")
	notText(t, ru, "35,4")
}

func TestAnswerRankShowsTiesAndStatesWithNothing(t *testing.T) {
	h := scenario(t)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectTrainings, Rank: commands.Rank{By: "trained"}})
	wantText(t, r, "1. Kenya — 48", "2. Ghana — 12", "2. Nigeria — 12", "4. Iraq — 6", "Nothing from: Philippines")
	nov := h.ans(manager, commands.Question{Subject: commands.SubjectTrainings, Rank: commands.Rank{By: "trained"}, Window: november})
	wantText(t, nov, "1. Kenya — 30", "2. Ghana — 12")
	notText(t, nov, "Nigeria — 12")
	least := h.ans(manager, commands.Question{Subject: commands.SubjectTrainings, Rank: commands.Rank{By: "trained", Least: true}})
	if i, k := strings.Index(least.Text(), "Iraq — 6"), strings.Index(least.Text(), "Kenya — 48"); i < 0 || k < i {
		t.Errorf("fewest first:\n%s", least.Text())
	}
}

func TestAnswerHowManyMoreIsTheGapToTheTarget(t *testing.T) {
	h := scenario(t)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectTrainings, More: true, States: []*ctbot.Country{h.country("KE"), h.country("GH")}})
	wantText(t, r, "Kenya, Ghana: 46 of 80; 34 more needed; due Thu 31 Dec 2026", "Kenya: 34 of 40, 6 more needed", "Ghana: 12 of 40, 28 more needed")
	notText(t, r, "trainings (")
	h.as(manager, "lang ar")
	ar := h.ans(manager, commands.Question{Subject: commands.SubjectTarget, Indicators: []*ctbot.Indicator{h.fw.Indicator("investigators-trained")},
		States: []*ctbot.Country{h.country("KE")}})
	wantText(t, ar, "المطلوب بعد")
}

func TestAnswerBehindNamesStatesBehindOnAnIndicator(t *testing.T) {
	h := scenario(t)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectBehind})
	wantText(t, r, "Ghana: Investigators trained 12/40 (off track)", "Iraq: Investigators trained 6/40 (off track)", "Not behind on any indicator: Kenya.", "No data yet on any indicator: Philippines", "Quiet for 21 days or more")
	ke := h.ans(manager, commands.Question{Subject: commands.SubjectBehind, States: []*ctbot.Country{h.country("GH")}})
	wantText(t, ke, "Behind — Ghana", "states behind on at least one indicator: 1")
	notText(t, ke, "Iraq")
}

func TestAnswerEvents(t *testing.T) {
	h := scenario(t)
	up := h.ans(manager, commands.Question{Subject: commands.SubjectUpcoming})
	wantText(t, up, "in the next 14 days: events: 2", "Kenya — workshop “Policy” planned for Thu 3 Dec 2026 — in 6 days", "“Benchmark”")
	notText(t, up, "Legal")
	ahead := h.ans(manager, commands.Question{Subject: commands.SubjectUpcoming, Ahead: 30})
	wantText(t, ahead, "in the next 30 days: events: 3", "“Legal”")
	none := h.ans(manager, commands.Question{Subject: commands.SubjectOverdue})
	wantText(t, none, "events: 0")
	h.advance(5 * 24 * 3600e9) // Wed 2 Dec 2026
	over := h.ans(manager, commands.Question{Subject: commands.SubjectOverdue})
	wantText(t, over, "events: 1", "“Benchmark”", "Kick-off not yet held (8)")
	notText(t, over, "Kenya (")
	ko := h.ans(manager, commands.Question{Subject: commands.SubjectKickoffs})
	wantText(t, ko, "held in 1 of 9 states", "Kenya (Mon 2 Mar 2026)")
	ev := h.ans(manager, commands.Question{Subject: commands.SubjectEvents, States: []*ctbot.Country{h.country("KE")}})
	wantText(t, ev, "Events — Kenya", "events: 2", "“Policy”", "kick-off")
}

func TestAnswerReadinessProfileAndPillars(t *testing.T) {
	h := scenario(t)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectReadiness, States: []*ctbot.Country{h.country("KE")}, Window: november})
	wantText(t, r, "Weakest pillar: legal (average 1); strongest: policy (average 3), over 1 assessed states",
		"I could not apply: period 1–30 Nov 2026 (readiness is each state’s latest assessment)")
	all := h.ans(manager, commands.Question{Subject: commands.SubjectReadiness})
	wantText(t, all, "Ghana")
}

func TestAnswerWhoShowsPeopleToTheAskerAlone(t *testing.T) {
	h := scenario(t)
	h.as(staff2, `training kenya 2026-11-20 course=ai-basic trained=5`)
	r := h.ans(coordinator, commands.Question{Subject: commands.SubjectWho, States: []*ctbot.Country{h.country("KE")}})
	wantText(t, r, "entries: 8; people who recorded them: 2", "@USTAFF — entries: 7", "@USTAFF2 — entries: 1", "Focal points for Kenya: @UFOCALKE")
	if r.Shareable {
		t.Error("an answer naming people is not shareable")
	}
	by := h.ans(coordinator, commands.Question{Subject: commands.SubjectWho, People: []string{staff2}})
	wantText(t, by, "entries: 1; people who recorded them: 1")
}

func TestAnswerChangedCountsWhatWasRecordedInTheWindow(t *testing.T) {
	h := scenario(t)
	h.advance(8 * 24 * 3600e9)
	h.ok(`workshop kenya held 2026-12-03 "Policy" participants=10 women=4`)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectChanged})
	wantText(t, r, "What was recorded — the whole programme, recorded 29 Nov – 5 Dec 2026: entries recorded: 1 (workshop: 1)")
	all := h.ans(manager, commands.Question{Subject: commands.SubjectChanged, Window: commands.Window{From: day("2026-11-01"), To: day("2026-12-05"), Recorded: true}})
	wantText(t, all, "entries recorded: 14", "training: 6", "workshop: 5", "Kenya: entries recorded: 8")
}

func TestAnswerEvidenceAndTheSingleEvent(t *testing.T) {
	h := scenario(t)
	h.ok(`training ghana 2026-11-20 course=ai-basic trained=8 source="Attendance sheet"`)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectEvidence, Verified: ctbot.Yes})
	wantText(t, r, "of 7 trainings, 1 name their evidence and 0 are verified")
	notText(t, r, "I could not apply")
	ev := h.ans(manager, commands.Question{Subject: commands.SubjectEvent})
	wantText(t, ev, "International investigations — as of Fri 27 Nov 2026: not yet: 0 of 1 recorded; due Thu 31 Dec 2026")
	h.ok(`indicator intl-investigation programme +1 on=2026-11-15`)
	held := h.ans(manager, commands.Question{Subject: commands.SubjectEvent})
	wantText(t, held, "it has happened: 1 recorded, the latest on Sun 15 Nov 2026")
}

func TestAnswerUnknownGivesExamplesCloseToTheQuestion(t *testing.T) {
	h := scenario(t)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectUnknown, States: []*ctbot.Country{h.country("GH")}, Window: commands.Window{Said: "in Q3"}})
	wantText(t, r, "I did not understand that question.", "trainings in Ghana in Q3", "is Ghana behind?", "what's coming up in Ghana?")
	notText(t, r, "Usage")
	h.as(manager, "lang fr")
	fr := h.ans(manager, commands.Question{Subject: commands.SubjectUnknown, States: []*ctbot.Country{h.country("GH")}})
	wantText(t, fr, "formations pour Ghana ce mois-ci", "Ghana est-il en retard")
}

func TestAnswerRecordsNothingAndFollowsAccessRules(t *testing.T) {
	h := scenario(t)
	before := len(h.entries())
	subjects := []commands.Subject{commands.SubjectOverview, commands.SubjectState, commands.SubjectCompare, commands.SubjectIndicator,
		commands.SubjectTarget, commands.SubjectWomen, commands.SubjectTrainings, commands.SubjectWorkshops, commands.SubjectChanged,
		commands.SubjectUpcoming, commands.SubjectOverdue, commands.SubjectKickoffs, commands.SubjectEvents, commands.SubjectBehind,
		commands.SubjectQuiet, commands.SubjectReadiness, commands.SubjectWho, commands.SubjectLastReport, commands.SubjectEvidence,
		commands.SubjectEvent, commands.SubjectHelp, commands.SubjectUnknown}
	for _, s := range subjects {
		for _, w := range []commands.Window{{}, november} {
			q := commands.Question{Subject: s, States: []*ctbot.Country{h.country("KE"), h.country("GH")}, Window: w,
				Indicators: []*ctbot.Indicator{h.fw.Indicator("investigators-trained")}}
			r := h.ans(focalKE, q)
			if strings.Contains(r.Text(), "[ask.") {
				t.Errorf("%s: a message is missing:\n%s", s, r.Text())
			}
			// Figures only may stay where asked; people, entries' text and help not.
			people := s == commands.SubjectWho || s == commands.SubjectLastReport || s == commands.SubjectChanged || s == commands.SubjectHelp ||
				s == commands.SubjectUnknown
			if r.Shareable == people {
				t.Errorf("%s: shareable %v", s, r.Shareable)
			}
		}
		if r := h.core.AnswerQuestion(context.Background(), commands.Request{UserID: outsider}, &commands.Question{Subject: s}); s != commands.SubjectHelp && !r.Failed {
			t.Errorf("%s: an outsider got an answer:\n%s", s, r.Text())
		}
	}
	if after := len(h.entries()); after != before {
		t.Errorf("answering recorded %d entries", after-before)
	}
}

func TestAnswerStateAndCompare(t *testing.T) {
	h := scenario(t)
	ke, gh := h.country("KE"), h.country("GH")
	st := h.ans(manager, commands.Question{Subject: commands.SubjectState, States: []*ctbot.Country{ke}})
	wantText(t, st, "Kenya — status on", "3 trainings")
	nov := h.ans(manager, commands.Question{Subject: commands.SubjectState, States: []*ctbot.Country{ke}, Window: november})
	wantText(t, nov, "Activity — Kenya, 1–30 Nov 2026: 2 trainings (30 trained", "no workshop held yet")
	cmp := h.ans(manager, commands.Question{Subject: commands.SubjectCompare, States: []*ctbot.Country{ke, gh}, Window: november})
	wantText(t, cmp, "Kenya: 2 trainings (30 trained", "Ghana: 1 training (12 trained", "1 workshop held")
	ind := h.ans(manager, commands.Question{Subject: commands.SubjectIndicator, Indicators: []*ctbot.Indicator{h.fw.Indicator("investigators-trained")},
		Window: commands.Window{To: day("2026-10-31")}})
	wantText(t, ind, "as of Sat 31 Oct 2026", "Kenya: 10", "Nigeria: 5", "Ghana: nothing recorded")
	notText(t, ind, "I could not apply")
	month := h.ans(manager, commands.Question{Subject: commands.SubjectIndicator, Indicators: []*ctbot.Indicator{h.fw.Indicator("investigators-trained")},
		Window: november})
	wantText(t, month, "as of Mon 30 Nov 2026", "Kenya: 34", "I could not apply: period 1–30 Nov 2026 (an indicator’s value is all that was recorded up to a day")
	osint := h.ans(manager, commands.Question{Subject: commands.SubjectState, States: []*ctbot.Country{ke}, Topics: []string{"osint"}})
	wantText(t, osint, "Activity — Kenya (osint), to date", "2 trainings (38 trained", "I could not apply: topic osint (Workshops have none)")
}

func TestAnswerAfterTheEndRatingsAreFinal(t *testing.T) {
	h := scenario(t)
	h.advance(40 * 24 * 3600e9) // 6 Jan 2027
	r := h.ans(manager, commands.Question{Subject: commands.SubjectTarget, Indicators: []*ctbot.Indicator{h.fw.Indicator("investigators-trained")},
		States: []*ctbot.Country{h.country("KE")}})
	wantText(t, r, "was due Thu 31 Dec 2026", "6 more needed")
}

func TestAnswerEverySubjectInEveryLanguage(t *testing.T) {
	h := scenario(t)
	what := map[commands.Subject]string{commands.SubjectOverview: "activity", commands.SubjectState: "activity", commands.SubjectWomen: "women",
		commands.SubjectTrainings: "trainings", commands.SubjectWorkshops: "workshops", commands.SubjectChanged: "changed",
		commands.SubjectUpcoming: "upcoming", commands.SubjectOverdue: "overdue", commands.SubjectKickoffs: "kickoffs",
		commands.SubjectEvents: "events", commands.SubjectBehind: "behind", commands.SubjectWho: "who",
		commands.SubjectLastReport: "lastreport", commands.SubjectEvidence: "evidence"}
	for _, lang := range []string{"fr", "ru", "ar"} {
		h.as(manager, "lang "+lang)
		l := locale.Default().For(lang)
		for s, key := range what {
			r := h.ans(manager, commands.Question{Subject: s, States: []*ctbot.Country{h.country("KE")}, Window: november})
			if want := l.S("ask.what." + key); !strings.Contains(r.Text(), want) {
				t.Errorf("%s %s: lacks %q:\n%s", lang, s, want, r.Text())
			}
			notText(t, r, "[ask.", "Trainings", "Details")
		}
		// The same figure in every language: Kenya's women in November
		// (without Arabic's isolates around each number).
		r := h.ans(manager, commands.Question{Subject: commands.SubjectWomen, States: []*ctbot.Country{h.country("KE")}, Window: november})
		text := strings.NewReplacer("\u2068", "", "\u2069", "").Replace(r.Text())
		for _, want := range []string{"(10/30)", "(7/24)"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: lacks %q:\n%s", lang, want, text)
			}
		}
	}
}

// A state behind on an indicator on track overall is named: eight states
// at their target of 2 UN rapporteur recommendations, Malaysia at 0
// (16 of 18 overall, expected about 17 by now: on track).
func TestAnswerBehindNamesAStateBehindOnAnIndicatorOnTrack(t *testing.T) {
	h := newHarness(t)
	for _, c := range []string{"ghana", "iraq", "kenya", "nigeria", "philippines", "tajikistan", "uzbekistan", "ivory coast"} {
		h.ok(`indicator unsr-recs ` + c + ` 2 on=2026-11-02`)
	}
	h.ok(`indicator unsr-recs malaysia 0 on=2026-11-02`)
	r := h.ans(manager, commands.Question{Subject: commands.SubjectBehind})
	wantText(t, r, "states behind on at least one indicator: 1", "Malaysia: UN rapporteur recommendations 0/2 (off track)",
		"Not behind on any indicator: Ghana, Iraq, Kenya")
	notText(t, r, "Indicators behind, worst first")
	fr := func() commands.Reply {
		h.as(manager, "lang fr")
		return h.ans(manager, commands.Question{Subject: commands.SubjectBehind})
	}()
	wantText(t, fr, "Malaisie", "hors trajectoire")
}
