package ctbot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
)

var day = ctbot.MustParseDate

// stateOf is country's part of p.
func stateOf(t *testing.T, p ctbot.Progress, country string) ctbot.StateProgress {
	t.Helper()
	for _, sp := range p.States {
		if sp.Country.Code == country {
			return sp
		}
	}
	t.Fatalf("%s: no state %s", p.Indicator.Code, country)
	return ctbot.StateProgress{}
}

// TestRatingsAreFinalOnceDue: from its due date an indicator is achieved,
// partly achieved (with how far it got) or not achieved; never paced, at
// risk or ahead; a stage short of the last is in progress before, not
// achieved after, never on track.
func TestRatingsAreFinalOnceDue(t *testing.T) {
	fw := testFramework(t)
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{
		{Indicator: "trained", Country: "KE"}:    {Value: 45, FromSource: 45},
		{Indicator: "trained", Country: "GH"}:    {Value: 20, FromSource: 20},
		{Indicator: "recs", Country: "KE"}:       {Value: 2},
		{Indicator: "recs", Country: "GH"}:       {Value: 6},
		{Indicator: "strategies", Country: "KE"}: {Stage: "validated"},
		{Indicator: "strategies", Country: "GH"}: {Stage: "adopted"},
		{Indicator: "women", Country: "KE"}:      {Value: 3, Denom: 20},
		{Indicator: "women", Country: "GH"}:      {Value: 5, Denom: 20},
		{Indicator: "intl", Country: ""}:         {Value: 0},
	})
	end := day("2026-12-31")
	trained := fw.IndicatorProgress(fw.Indicator("trained"), s, end)
	if ke, gh := stateOf(t, trained, "KE"), stateOf(t, trained, "GH"); ke.Rating != ctbot.Achieved || gh.Rating != ctbot.PartlyAchieved ||
		!near(gh.Reached, 0.5) || gh.Pace != 0 {
		t.Errorf("Kenya %v, Ghana %v reached %v pace %v; want achieved, partly achieved 0.5, no pace", ke.Rating, gh.Rating, gh.Reached, gh.Pace)
	}
	// Capped: 40 + 20 + 0 of 120: half way, and not every state is there.
	if !trained.Final || trained.Rating != ctbot.PartlyAchieved || !near(trained.Reached, 0.5) || trained.Due != end {
		t.Errorf("programme %v reached %v final %v due %s", trained.Rating, trained.Reached, trained.Final, trained.Due)
	}
	// The day before, the same figures are rated against the pace.
	if before := fw.IndicatorProgress(fw.Indicator("trained"), s, end.AddDays(-1)); before.Final || stateOf(t, before, "GH").Rating != ctbot.AtRisk {
		t.Errorf("the day before: final %v, Ghana %v; want at risk on its way", before.Final, stateOf(t, before, "GH").Rating)
	}
	recs := fw.IndicatorProgress(fw.Indicator("recs"), s, end) // baseline 2, target 10
	if ke, gh := stateOf(t, recs, "KE"), stateOf(t, recs, "GH"); ke.Rating != ctbot.NotAchieved || gh.Rating != ctbot.PartlyAchieved || !near(gh.Reached, 0.5) {
		t.Errorf("recs: Kenya %v, Ghana %v (%v); want not achieved at the baseline, partly achieved half way", ke.Rating, gh.Rating, gh.Reached)
	}
	for _, tc := range []struct {
		on   string
		want ctbot.Rating
	}{{"2026-06-01", ctbot.InProgress}, {"2026-12-31", ctbot.NotAchieved}, {"2027-02-01", ctbot.NotAchieved}} {
		p := fw.IndicatorProgress(fw.Indicator("strategies"), s, day(tc.on))
		if ke := stateOf(t, p, "KE"); ke.Rating != tc.want || ke.Rating == ctbot.OnTrack {
			t.Errorf("strategies on %s: Kenya at validated is %v, want %v", tc.on, ke.Rating, tc.want)
		}
		if gh := stateOf(t, p, "GH"); gh.Rating != ctbot.Achieved {
			t.Errorf("strategies on %s: Ghana adopted is %v", tc.on, gh.Rating)
		}
	}
	if p := fw.IndicatorProgress(fw.Indicator("strategies"), s, end); p.Rating != ctbot.PartlyAchieved || !near(p.Reached, 0.5) {
		t.Errorf("strategies: 1 of 2 states adopted: %v %v", p.Rating, p.Reached)
	}
	women := fw.IndicatorProgress(fw.Indicator("women"), s, end)
	if ke := stateOf(t, women, "KE"); ke.Rating != ctbot.PartlyAchieved || !near(ke.Reached, 0.75) {
		t.Errorf("women: Kenya 15%% of 20%%: %v %v", ke.Rating, ke.Reached)
	}
	if women.Rating != ctbot.Achieved { // 8/40 = 20%
		t.Errorf("women: programme %v", women.Rating)
	}
	if intl := fw.IndicatorProgress(fw.Indicator("intl"), s, end); intl.Rating != ctbot.NotAchieved {
		t.Errorf("intl: 0 of 1 once due: %v", intl.Rating)
	}
	for _, r := range []ctbot.Rating{ctbot.NotAchieved, ctbot.PartlyAchieved} {
		if !r.Behind() || !r.Final() || r.Rank() > ctbot.AtRisk.Rank() {
			t.Errorf("%s: behind %v final %v rank %d", r.Code(), r.Behind(), r.Final(), r.Rank())
		}
	}
}

// TestExtensionsAndRevisionsTakeEffectFromTheirDate: what is measured
// before an extension or a revision is measured against the end and the
// targets then in force.
func TestExtensionsAndRevisionsTakeEffectFromTheirDate(t *testing.T) {
	fw := testFramework(t)
	fw.Extend(ctbot.Extension{From: day("2026-06-01"), End: day("2027-06-30")})
	ind := fw.Indicator("trained")
	ind.Revisions = []ctbot.Revision{{From: day("2026-06-01"), Target: 60, Targets: map[string]float64{"KE": 70}}}
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{{Indicator: "trained", Country: "GH"}: {Value: 20, FromSource: 20}})
	before := fw.IndicatorProgress(ind, s, day("2026-05-31"))
	after := fw.IndicatorProgress(ind, s, day("2026-06-01"))
	if b, a := stateOf(t, before, "GH"), stateOf(t, after, "GH"); b.Target != 40 || a.Target != 60 || stateOf(t, after, "KE").Target != 70 {
		t.Errorf("targets before %v, after %v (Kenya %v)", b.Target, a.Target, stateOf(t, after, "KE").Target)
	}
	if before.Due != day("2026-12-31") || after.Due != day("2027-06-30") {
		t.Errorf("due before %s, after %s", before.Due, after.Due)
	}
	// Expected on 31 May: 40 × 515/729 of the way to the planned end.
	if gh := stateOf(t, before, "GH"); !near(gh.Expected, 40*515.0/729) {
		t.Errorf("expected before the extension %v", gh.Expected)
	}
	if fw.EndedOn(day("2027-01-05")) || !fw.EndedOn(day("2027-07-01")) || fw.EndOn(day("2026-05-31")) != day("2026-12-31") {
		t.Error("the end in force")
	}
	if !near(fw.Elapsed(day("2026-05-31")), 515.0/729) || !near(fw.Elapsed(day("2026-06-01")), 516.0/910) {
		t.Errorf("elapsed %v %v", fw.Elapsed(day("2026-05-31")), fw.Elapsed(day("2026-06-01")))
	}
}

// TestWithdrawnStatesLeaveTargetsAndTotals: from the day it withdrew a
// state is out of targets and totals, and nothing is recorded for it
// then; before, it counts as it did.
func TestWithdrawnStatesLeaveTargetsAndTotals(t *testing.T) {
	fw := testFramework(t)
	fw.Country("CI").Withdrawn = day("2026-03-01")
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{{Indicator: "trained", Country: "CI"}: {Value: 30, FromSource: 30}})
	ind := fw.Indicator("trained")
	before, after := fw.IndicatorProgress(ind, s, day("2026-02-28")), fw.IndicatorProgress(ind, s, day("2026-03-01"))
	if len(before.States) != 3 || before.Target != 120 || before.Actual != 30 {
		t.Errorf("before: %d states, target %v, actual %v", len(before.States), before.Target, before.Actual)
	}
	if len(after.States) != 2 || after.Target != 80 || after.Actual != 0 || after.Rating != ctbot.NoData {
		t.Errorf("after: %d states, target %v, actual %v, %v", len(after.States), after.Target, after.Actual, after.Rating)
	}
	training := func(on string) *ctbot.Entry {
		return &ctbot.Entry{Kind: ctbot.KindTraining, Country: "CI", Date: day(on), Title: "OSINT", Trained: 10, New: 10}
	}
	if err := fw.Check(training("2026-03-02"), day("2026-03-05"), false); ctbot.CodeOf(err) != ctbot.ERefused || !strings.Contains(err.Error(), "err.country_withdrawn") {
		t.Errorf("a training after the withdrawal: %v", err)
	}
	if err := fw.Check(training("2026-02-20"), day("2026-03-05"), false); err != nil {
		t.Errorf("a training before the withdrawal, recorded late: %v", err)
	}
}

// TestPeriodsAreCutAtTheEnd: the last period ends with the programme (and
// the first starts with it), it is complete once the programme has ended,
// and reports take periods of any length, or the whole programme.
func TestPeriodsAreCutAtTheEnd(t *testing.T) {
	fw := testFramework(t)
	fw.Start, fw.End, fw.Planned = day("2025-02-15"), day("2026-11-30"), day("2026-11-30")
	ps := fw.Periods()
	if first, last := ps[0], ps[len(ps)-1]; first.Start != fw.Start || first.Name() != "2025-Q1" || last.Name() != "2026-Q4" || last.End != fw.End {
		t.Errorf("first %s from %s, last %s to %s", first.Name(), first.Start, last.Name(), last.End)
	}
	if p, ok := fw.LastComplete(day("2026-11-30")); !ok || p.Name() != "2026-Q3" {
		t.Errorf("on the last day, the last complete is %s", p.Name())
	}
	if p, ok := fw.LastComplete(day("2026-12-01")); !ok || p.Name() != "2026-Q4" || p.End != fw.End {
		t.Errorf("the day after the end, the last complete is %s to %s", p.Name(), p.End)
	}
	for _, tc := range []struct{ name, want, start, end string }{
		{"final", "final", "2025-02-15", "2026-11-30"},
		{"2026", "2026", "2026-01-01", "2026-11-30"},
		{"2026-h2", "2026-H2", "2026-07-01", "2026-11-30"},
		{"2025-Q1", "2025-Q1", "2025-02-15", "2025-03-31"},
		{"2026-09", "2026-09", "2026-09-01", "2026-09-30"},
	} {
		q, ok := ctbot.ParseAnyPeriod(tc.name)
		p, in := fw.ReportPeriod(q)
		if !ok || !in || p.Name() != tc.want || p.Start != day(tc.start) || p.End != day(tc.end) {
			t.Errorf("%s: %s %s–%s (%v %v)", tc.name, p.Name(), p.Start, p.End, ok, in)
		}
	}
	if q, _ := ctbot.ParseAnyPeriod("2027"); fw.Overlaps(q) {
		t.Error("2027 overlaps the programme")
	}
	if _, ok := ctbot.ParseAnyPeriod("2026-Q5"); ok {
		t.Error("2026-Q5 read as a period")
	}
}

// twoPhases is the test framework and a second phase, 2027–2028, that
// carries on the trained indicator (target 80) and has a recs of its own.
func twoPhases(t *testing.T) (first, second *ctbot.Framework) {
	first = testFramework(t)
	second = ctbot.NewFramework("Test II", day("2027-02-01"), day("2028-12-31"), first.Location, first.Countries, []*ctbot.Indicator{
		{Code: "trained", Title: "Trained", Measure: ctbot.MeasureCount, Scope: ctbot.ScopeEach, Target: 80, Source: ctbot.SourceTrainings, Continues: true},
		{Code: "recs", Title: "Recs", Measure: ctbot.MeasureCount, Scope: ctbot.ScopeEach, Target: 3},
		{Code: "strategies", Title: "Strategies", Measure: ctbot.MeasureMilestone, Scope: ctbot.ScopeProgramme, Target: 3,
			Stages: []string{"drafting", "validated", "adopted"}, Continues: true},
	})
	ctbot.LinkPhases([]*ctbot.Framework{first, second})
	return first, second
}

// TestPhasesCountTheirOwnEntries: an entry belongs to the phase of its
// value date; an indicator carried on goes on from the previous phase's
// value, which is its baseline; one that is not starts again.
func TestPhasesCountTheirOwnEntries(t *testing.T) {
	first, second := twoPhases(t)
	es := []*ctbot.Entry{
		{ID: 1, Kind: ctbot.KindTraining, Country: "KE", Date: day("2026-05-10"), Title: "OSINT", Trained: 43, New: 43},
		{ID: 2, Kind: ctbot.KindTraining, Country: "KE", Date: day("2027-03-10"), Title: "OSINT", Trained: 12, New: 10},
		{ID: 3, Kind: ctbot.KindIndicator, Indicator: "recs", Country: "KE", Date: day("2026-05-10"), Op: ctbot.OpAdd, Value: 2},
		{ID: 4, Kind: ctbot.KindIndicator, Indicator: "recs", Country: "KE", Date: day("2027-03-10"), Op: ctbot.OpAdd, Value: 1},
		{ID: 5, Kind: ctbot.KindIndicator, Indicator: "strategies", Country: "GH", Date: day("2026-05-10"), Op: ctbot.OpStage, Stage: "adopted"},
		{ID: 6, Kind: ctbot.KindIndicator, Indicator: "trained", Country: "KE", Date: day("2027-03-11"), Op: ctbot.OpAdd, Value: 2, Note: "partner agency"},
	}
	for _, e := range es {
		e.Version, e.CreatedAt = 1, time.Date(2027, 3, 12, 9, 0, 0, 0, time.UTC)
	}
	one, two := first.Fold(es, ctbot.Date{}), second.Fold(es, ctbot.Date{})
	ke := ctbot.IndicatorKey{Indicator: "trained", Country: "KE"}
	if v := one.Indicators[ke]; v.Value != 43 || one.Trainings["KE"].Count != 1 {
		t.Errorf("first phase: Kenya trained %d from %d trainings", v.Value, one.Trainings["KE"].Count)
	}
	if v, open := two.Indicators[ke], two.Opening[ke]; v.Value != 55 || v.FromSource != 53 || open.Value != 43 || two.Trainings["KE"].Count != 1 {
		t.Errorf("second phase: Kenya %d (%d from trainings), opening %d, %d trainings; want 55 (53), 43, 1", v.Value, v.FromSource, open.Value, two.Trainings["KE"].Count)
	}
	recs := ctbot.IndicatorKey{Indicator: "recs", Country: "KE"}
	if one.Indicators[recs].Value != 2 || two.Indicators[recs].Value != 1 {
		t.Errorf("recs: first %d, second %d; a new indicator starts again", one.Indicators[recs].Value, two.Indicators[recs].Value)
	}
	p := second.IndicatorProgress(second.Indicator("trained"), two, day("2027-02-01"))
	if k := stateOf(t, p, "KE"); k.Baseline != 43 || k.Expected != 43 || k.Target != 80 {
		t.Errorf("second phase, Kenya: baseline %v, expected %v, target %v", k.Baseline, k.Expected, k.Target)
	}
	if st := second.IndicatorProgress(second.Indicator("strategies"), two, day("2027-02-01")); st.Baseline != 1 || st.Actual != 1 {
		t.Errorf("strategies carried on: baseline %v, actual %v; want Ghana's adoption in both", st.Baseline, st.Actual)
	}
	// The final report of the second phase: Kenya from 43 to 55 of 80.
	lf := second.Logframe(second.WholePeriod(), es, time.Now(), "KE")
	if k := stateOf(t, lf.Rows[0].Progress, "KE"); k.Actual != 55 || k.Baseline != 43 || k.Rating != ctbot.PartlyAchieved || !near(k.Reached, 12.0/37) {
		t.Errorf("final report, Kenya: %v from %v, %v %v", k.Actual, k.Baseline, k.Rating, k.Reached)
	}
}

// TestEntriesBelongToThePhaseOfTheirDate: checked against that phase's
// indicators; a date between phases belongs to none.
func TestEntriesBelongToThePhaseOfTheirDate(t *testing.T) {
	first, second := twoPhases(t)
	today := day("2027-06-01")
	for _, fw := range []*ctbot.Framework{first, second} { // whichever phase storage was given
		if fw.PhaseOn(day("2026-05-01")) != first || fw.PhaseOn(day("2027-02-01")) != second || fw.PhaseOn(day("2027-01-15")) != nil ||
			fw.Current(day("2027-01-15")) != first || fw.Current(today) != second || fw.PhaseNamed("2") != second || fw.PhaseNamed("test ii") != second {
			t.Fatal("phase lookups")
		}
		intl := &ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "intl", Date: day("2026-05-01"), Op: ctbot.OpSet, Value: 1}
		if err := fw.Check(intl, today, false); err != nil {
			t.Errorf("an indicator of the first phase dated in it: %v", err)
		}
		intl.Date = day("2027-03-01")
		if err := fw.Check(intl, today, false); !strings.Contains(err.Error(), "err.unknown_indicator") {
			t.Errorf("an indicator of the first phase dated in the second: %v", err)
		}
		log := &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Date: day("2027-01-15"), Note: "between"}
		if err := fw.Check(log, today, false); !strings.Contains(err.Error(), "err.date_between_phases") {
			t.Errorf("a date between phases: %v", err)
		}
	}
	if !first.Over(day("2027-01-15")) || first.Over(today) || !first.EndedOn(day("2027-01-15")) {
		t.Error("between phases nothing is expected; in the second, it runs")
	}
}
