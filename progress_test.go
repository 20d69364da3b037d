package ctbot_test

import (
	"math"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
)

// testFramework is a small framework: 2025-01-01 to 2026-12-31 (729 days),
// three countries and one indicator of each shape.
func testFramework(t testing.TB) *ctbot.Framework {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	countries := []*ctbot.Country{
		{Code: "KE", Name: "Kenya"},
		{Code: "GH", Name: "Ghana"},
		{Code: "CI", Name: "Côte d'Ivoire", Aliases: []string{"Ivory Coast"}},
	}
	indicators := []*ctbot.Indicator{
		{Code: "trained", Title: "Trained", Measure: ctbot.MeasureCount, Scope: ctbot.ScopeEach, Target: 40, Source: ctbot.SourceTrainings},
		{Code: "women", Title: "Women", Measure: ctbot.MeasurePercent, Scope: ctbot.ScopeEach, Target: 20},
		{Code: "strategies", Title: "Strategies", Measure: ctbot.MeasureMilestone, Scope: ctbot.ScopeProgramme, Target: 2,
			Stages: []string{"drafting", "validated", "adopted"}},
		{Code: "intl", Title: "Intl", Measure: ctbot.MeasureCount, Scope: ctbot.ScopeProgramme, Target: 1},
		{Code: "recs", Title: "Recs", Measure: ctbot.MeasureCount, Scope: ctbot.ScopeEach, Target: 10, Baseline: 2},
	}
	return ctbot.NewFramework("Test", ctbot.MustParseDate("2025-01-01"), ctbot.MustParseDate("2026-12-31"), loc, countries, indicators)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestExpectedFollowsThePace(t *testing.T) {
	fw := testFramework(t)
	trained := fw.Indicator("trained")
	tests := []struct {
		day      string
		elapsed  float64
		expected float64 // for baseline 0, target 40
	}{
		{"2024-06-01", 0, 0},                          // before the start: clamped
		{"2025-01-01", 0, 0},                          // start: nothing due yet
		{"2026-01-01", 365.0 / 729, 40 * 365.0 / 729}, // one year in
		{"2026-12-31", 1, 40},                         // end
		{"2027-03-01", 1, 40},                         // after the end: clamped
	}
	for _, tt := range tests {
		d := ctbot.MustParseDate(tt.day)
		if got := fw.Elapsed(d); !near(got, tt.elapsed) {
			t.Errorf("Elapsed(%s) = %v, want %v", tt.day, got, tt.elapsed)
		}
		if got := fw.ExpectedFor(trained, 40, d); !near(got, tt.expected) {
			t.Errorf("ExpectedFor(40, %s) = %v, want %v", tt.day, got, tt.expected)
		}
	}
	// With a baseline the line runs from baseline to target.
	recs := fw.Indicator("recs")
	if got := fw.ExpectedFor(recs, 10, ctbot.MustParseDate("2026-12-31")); got != 10 {
		t.Errorf("with a baseline, at the end = %v, want 10", got)
	}
	if got := fw.ExpectedFor(recs, 10, ctbot.MustParseDate("2025-01-01")); got != 2 {
		t.Errorf("with a baseline, at the start = %v, want 2", got)
	}
	// Milestones: 15 by 2025-12-31 (364 days in), then 40 at the end.
	withMilestone := *trained
	withMilestone.Milestones = []ctbot.Milestone{{Date: ctbot.MustParseDate("2025-12-31"), Value: 15}}
	for _, tt := range []struct {
		day  string
		want float64
	}{
		{"2025-07-02", 15 * 182.0 / 364},  // half way to the milestone
		{"2025-12-31", 15},                // the milestone
		{"2026-07-02", 15 + 25*183.0/365}, // on from it to the target
		{"2026-12-31", 40},                // the target
	} {
		if got := fw.ExpectedFor(&withMilestone, 40, ctbot.MustParseDate(tt.day)); !near(got, tt.want) {
			t.Errorf("with a milestone, %s: %v, want %v", tt.day, got, tt.want)
		}
	}
	// A state with its own target of 50 gets the milestone in proportion.
	if got := fw.ExpectedFor(&withMilestone, 50, ctbot.MustParseDate("2025-12-31")); !near(got, 15*50.0/40) {
		t.Errorf("scaled milestone = %v, want 18.75", got)
	}
	// A single event: nothing before it is due, the target from then.
	event := *fw.Indicator("intl")
	event.Pace, event.Due = ctbot.PaceDue, ctbot.MustParseDate("2026-06-30")
	if got := fw.ExpectedFor(&event, 1, ctbot.MustParseDate("2026-06-29")); got != 0 {
		t.Errorf("before the due date = %v, want 0", got)
	}
	if got := fw.ExpectedFor(&event, 1, ctbot.MustParseDate("2026-06-30")); got != 1 {
		t.Errorf("on the due date = %v, want 1", got)
	}
}

func TestRate(t *testing.T) {
	tests := []struct {
		name                               string
		actual, baseline, expected, target float64
		pace                               float64
		rating                             ctbot.Rating
	}{
		{"not yet due at start", 0, 0, 0, 40, 0, ctbot.NotYetDue},
		{"not yet due with baseline", 2, 2, 2, 10, 0, ctbot.NotYetDue},
		{"on track at exactly 0.85", 17, 0, 20, 40, 0.85, ctbot.OnTrack},
		{"at risk just under 0.85", 16.9, 0, 20, 40, 0.845, ctbot.AtRisk},
		{"at risk at exactly 0.5", 10, 0, 20, 40, 0.5, ctbot.AtRisk},
		{"off track under 0.5", 9, 0, 20, 40, 0.45, ctbot.OffTrack},
		{"ahead over 1.15", 24, 0, 20, 40, 1.2, ctbot.Ahead},
		{"on track at 1.15", 23, 0, 20, 40, 1.15, ctbot.OnTrack},
		{"achieved at target", 40, 0, 30, 40, 40.0 / 30, ctbot.Achieved},
		{"baseline counts: (6-2)/(10-2)", 6, 2, 10, 12, 0.5, ctbot.AtRisk},
		{"nothing done", 0, 0, 20, 40, 0, ctbot.OffTrack},
	}
	for _, tt := range tests {
		pace, r := ctbot.Rate(tt.actual, tt.baseline, tt.expected, tt.target)
		if r != tt.rating || !near(pace, tt.pace) {
			t.Errorf("%s: Rate = (%v, %v), want (%v, %v)", tt.name, pace, r, tt.pace, tt.rating)
		}
	}
}

// TestSharesAreComparedWithTheirTarget: 18% women against 20% is on
// track however early in the programme; there is no "ahead" for a share.
func TestSharesAreComparedWithTheirTarget(t *testing.T) {
	for _, c := range []struct {
		actual float64
		want   ctbot.Rating
	}{{25, ctbot.Achieved}, {20, ctbot.Achieved}, {18, ctbot.OnTrack}, {12, ctbot.AtRisk}, {5, ctbot.OffTrack}} {
		if _, r := ctbot.RateShare(c.actual, 20); r != c.want {
			t.Errorf("%v%% against 20%%: %v, want %v", c.actual, r, c.want)
		}
	}
}

func snapshot(values map[ctbot.IndicatorKey]ctbot.IndicatorValue) *ctbot.Snapshot {
	s := ctbot.NewSnapshot()
	for k, v := range values {
		if v.Entries == 0 && v.FromSource == 0 {
			v.Entries = 1
		}
		s.Indicators[k] = v
	}
	return s
}

// TestPerStateCountsAreCappedAndNoDataIsApart: one state's surplus does
// not hide another's gap, and a state with nothing recorded is "no data",
// not off track.
func TestPerStateCountsAreCappedAndNoDataIsApart(t *testing.T) {
	fw := testFramework(t)
	day := ctbot.MustParseDate("2026-01-01") // elapsed 365/729: expected 20.03 per state
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{
		{Indicator: "trained", Country: "KE"}: {Value: 51, FromSource: 51},
		{Indicator: "trained", Country: "GH"}: {Value: 12, FromSource: 12},
	})
	p := fw.IndicatorProgress(fw.Indicator("trained"), s, day)
	if p.Actual != 52 || p.Uncapped != 63 || p.Target != 120 || p.Reporting != 2 || p.AtTarget != 1 {
		t.Fatalf("actual %v uncapped %v target %v reporting %d at target %d, want 52 (40 + 12), 63, 120, 2, 1",
			p.Actual, p.Uncapped, p.Target, p.Reporting, p.AtTarget)
	}
	if want := 120 * 365.0 / 729; !near(p.Expected, want) {
		t.Errorf("expected = %v, want %v", p.Expected, want)
	}
	// 52 / 60.08 = 0.87: on track; uncapped it would be 1.05.
	if p.Rating != ctbot.OnTrack || !near(p.Pace, 52/(120*365.0/729)) {
		t.Errorf("programme rating = %v (pace %v), want on track", p.Rating, p.Pace)
	}
	want := map[string]ctbot.Rating{"KE": ctbot.Achieved, "GH": ctbot.AtRisk, "CI": ctbot.NoData}
	for _, sp := range p.States {
		if sp.Rating != want[sp.Country.Code] {
			t.Errorf("%s rating = %v, want %v", sp.Country.Code, sp.Rating, want[sp.Country.Code])
		}
	}
	// A state below 0 (trainings retracted after an adjustment) takes
	// nothing from the others' figure.
	s.Indicators[ctbot.IndicatorKey{Indicator: "trained", Country: "CI"}] = ctbot.IndicatorValue{Value: -3, FromSource: 2, Adjusted: -5}
	if p := fw.IndicatorProgress(fw.Indicator("trained"), s, day); p.Actual != 52 || p.Uncapped != 60 {
		t.Errorf("with a state at -3: actual %v uncapped %v, want 52, 60", p.Actual, p.Uncapped)
	}
	// Every state at its target: achieved.
	s.Indicators[ctbot.IndicatorKey{Indicator: "trained", Country: "GH"}] = ctbot.IndicatorValue{Value: 40, FromSource: 40}
	s.Indicators[ctbot.IndicatorKey{Indicator: "trained", Country: "CI"}] = ctbot.IndicatorValue{Value: 45, FromSource: 45}
	if p := fw.IndicatorProgress(fw.Indicator("trained"), s, day); p.Rating != ctbot.Achieved || p.Actual != 120 {
		t.Errorf("every state at target: %v %v, want achieved 120", p.Rating, p.Actual)
	}
	// Nothing anywhere: no data.
	if p := fw.IndicatorProgress(fw.Indicator("recs"), s, day); p.Rating != ctbot.NoData {
		t.Errorf("recs with no data: %v", p.Rating)
	}
}

func TestPerStateTargetsAndApplicableCountries(t *testing.T) {
	fw := testFramework(t)
	ind := fw.Indicator("trained")
	ind.Countries, ind.Targets = []string{"KE", "GH"}, map[string]float64{"KE": 50}
	defer func() { ind.Countries, ind.Targets = nil, nil }()
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{
		{Indicator: "trained", Country: "KE"}: {Value: 45, FromSource: 45},
		{Indicator: "trained", Country: "CI"}: {Value: 99, FromSource: 99}, // not an applicable state
	})
	p := fw.IndicatorProgress(ind, s, ctbot.MustParseDate("2026-12-31"))
	if len(p.States) != 2 || p.Target != 90 || p.Actual != 45 || p.AtTarget != 0 {
		t.Errorf("states %d target %v actual %v at target %d, want 2, 90 (50 + 40), 45, 0", len(p.States), p.Target, p.Actual, p.AtTarget)
	}
}

// TestProgrammeShareNeedsHalfTheStates: a share summed over the states that
// report, with its coverage, and rated only when at least half report.
func TestProgrammeShareNeedsHalfTheStates(t *testing.T) {
	fw := testFramework(t)
	day := ctbot.MustParseDate("2026-11-30") // before it is due: rated on its way
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{{Indicator: "women", Country: "KE"}: {Value: 9, Denom: 10}})
	p := fw.IndicatorProgress(fw.Indicator("women"), s, day)
	if p.Rating != ctbot.NotRated || p.Reporting != 1 || !near(p.Actual, 90) {
		t.Errorf("1 of 3 states: %v, reporting %d, %v%%, want not rated", p.Rating, p.Reporting, p.Actual)
	}
	// Kenya 1/5 = 20%, Ghana 9/95 = 9.5%. Averaging would give 14.7%;
	// summing gives 10/100 = 10%, against 20%: at risk.
	s = snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{
		{Indicator: "women", Country: "KE"}: {Value: 1, Denom: 5},
		{Indicator: "women", Country: "GH"}: {Value: 9, Denom: 95},
	})
	p = fw.IndicatorProgress(fw.Indicator("women"), s, day)
	if p.Num != 10 || p.Den != 100 || !near(p.Actual, 10) || p.Reporting != 2 {
		t.Fatalf("percent = %v (%d/%d) from %d states, want 10%% (10/100) from 2", p.Actual, p.Num, p.Den, p.Reporting)
	}
	if p.Target != 20 || p.Rating != ctbot.AtRisk || p.AtTarget != 1 {
		t.Errorf("target %v rating %v at target %d, want 20, at risk, 1", p.Target, p.Rating, p.AtTarget)
	}
	if ci := p.States[2]; ci.HasData || ci.Rating != ctbot.NoData {
		t.Errorf("Côte d'Ivoire = %+v, want no data", ci)
	}
	// A share of fewer than 5 people is neither rated nor summed: the
	// others would give it away.
	s.Indicators[ctbot.IndicatorKey{Indicator: "women", Country: "CI"}] = ctbot.IndicatorValue{Value: 0, Denom: 4}
	p = fw.IndicatorProgress(fw.Indicator("women"), s, day)
	if ci := p.States[2]; !ci.Small || ci.Rating != ctbot.NotRated || p.Small != 1 || p.Num != 10 || p.Den != 100 || p.Reporting != 2 || p.AtTarget != 1 {
		t.Errorf("with Côte d'Ivoire 0/4: state %+v, programme %d/%d from %d, small %d, at target %d", ci, p.Num, p.Den, p.Reporting, p.Small, p.AtTarget)
	}
}

func TestProgressMilestonesCountStatesAtFinalStage(t *testing.T) {
	fw := testFramework(t)
	day := ctbot.MustParseDate("2026-01-01")
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{
		{Indicator: "strategies", Country: "KE"}: {Stage: "adopted"},
		{Indicator: "strategies", Country: "GH"}: {Stage: "drafting", StageBefore: "validated"},
	})
	p := fw.IndicatorProgress(fw.Indicator("strategies"), s, day)
	if p.Actual != 1 || p.AtTarget != 1 || p.Target != 2 || p.Reporting != 2 {
		t.Fatalf("milestone actual/at/target/reporting = %v/%d/%v/%d, want 1/1/2/2", p.Actual, p.AtTarget, p.Target, p.Reporting)
	}
	// expected 2 × 365/729 = 1.0014: pace 0.9986, on track.
	if p.Rating != ctbot.OnTrack {
		t.Errorf("rating = %v, want on track", p.Rating)
	}
	if gh := p.States[1]; gh.Stage != "drafting" || gh.Actual != 0 || !gh.StageBack {
		t.Errorf("Ghana = %+v, want drafting, gone back, not counted", gh)
	}
	if ci := p.States[2]; ci.Rating != ctbot.NoData {
		t.Errorf("Côte d'Ivoire = %v, want no data", ci.Rating)
	}
}

func TestProgrammeCountNotYetDueAndNoData(t *testing.T) {
	fw := testFramework(t)
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{})
	intl := fw.Indicator("intl")
	if p := fw.IndicatorProgress(intl, s, ctbot.MustParseDate("2025-01-01")); p.Rating != ctbot.NotYetDue {
		t.Errorf("at the start rating = %v, want not yet due", p.Rating)
	}
	if p := fw.IndicatorProgress(intl, s, ctbot.MustParseDate("2026-01-01")); p.Rating != ctbot.NoData {
		t.Errorf("nothing recorded half way: %v, want no data", p.Rating)
	}
	intl.Pace = ctbot.PaceDue
	defer func() { intl.Pace = "" }()
	if p := fw.IndicatorProgress(intl, s, ctbot.MustParseDate("2026-12-30")); p.Rating != ctbot.NotYetDue {
		t.Errorf("a single event before it is due: %v, want not yet due", p.Rating)
	}
	s = snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{{Indicator: "intl"}: {Value: 1}})
	if p := fw.IndicatorProgress(intl, s, ctbot.MustParseDate("2025-06-01")); p.Actual != 1 || p.Rating != ctbot.Achieved {
		t.Errorf("intl = %v %v, want 1 achieved", p.Actual, p.Rating)
	}
	// Baselines: recs runs from 2 to 10 per state; at the start it is not yet due.
	if p := fw.IndicatorProgress(fw.Indicator("recs"), s, ctbot.MustParseDate("2025-01-01")); p.Baseline != 6 || p.Target != 30 || p.Rating != ctbot.NotYetDue {
		t.Errorf("recs = baseline %v target %v %v, want 6, 30, not yet due", p.Baseline, p.Target, p.Rating)
	}
}
