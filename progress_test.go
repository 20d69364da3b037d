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

func TestElapsedAndExpected(t *testing.T) {
	fw := testFramework(t)
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
		if got := fw.Expected(0, 40, d); !near(got, tt.expected) {
			t.Errorf("Expected(0, 40, %s) = %v, want %v", tt.day, got, tt.expected)
		}
	}
	// With a baseline the line runs from baseline to target.
	if got := fw.Expected(2, 10, ctbot.MustParseDate("2026-12-31")); got != 10 {
		t.Errorf("Expected with baseline at end = %v, want 10", got)
	}
	if got := fw.Expected(2, 10, ctbot.MustParseDate("2025-01-01")); got != 2 {
		t.Errorf("Expected with baseline at start = %v, want 2", got)
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

func snapshot(values map[ctbot.IndicatorKey]ctbot.IndicatorValue) *ctbot.Snapshot {
	return &ctbot.Snapshot{Indicators: values}
}

func TestProgressPerCountryCount(t *testing.T) {
	fw := testFramework(t)
	day := ctbot.MustParseDate("2026-01-01") // elapsed 365/729: expected 20.03 per state
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{
		{Indicator: "trained", Country: "KE"}: {Value: 41},
		{Indicator: "trained", Country: "GH"}: {Value: 12},
	})
	p := fw.IndicatorProgress(fw.Indicator("trained"), s, day)
	if p.Actual != 53 || p.Target != 120 {
		t.Fatalf("actual/target = %v/%v, want 53/120", p.Actual, p.Target)
	}
	wantExpected := 120 * 365.0 / 729
	if !near(p.Expected, wantExpected) {
		t.Errorf("expected = %v, want %v", p.Expected, wantExpected)
	}
	if p.AtTarget != 1 {
		t.Errorf("states at target = %d, want 1 (Kenya)", p.AtTarget)
	}
	// 53 / 60.08 = 0.88: on track overall, although two states are behind.
	if p.Rating != ctbot.OnTrack {
		t.Errorf("programme rating = %v (pace %v), want on track", p.Rating, p.Pace)
	}
	ratings := map[string]ctbot.Rating{}
	for _, sp := range p.States {
		ratings[sp.Country.Code] = sp.Rating
	}
	// Ghana 12 against 20.03 expected: pace 0.6.
	want := map[string]ctbot.Rating{"KE": ctbot.Achieved, "GH": ctbot.AtRisk, "CI": ctbot.OffTrack}
	for c, r := range want {
		if ratings[c] != r {
			t.Errorf("%s rating = %v, want %v", c, ratings[c], r)
		}
	}
}

func TestProgressEachTargetAchievedOnlyWhenEveryStateMeetsIt(t *testing.T) {
	fw := testFramework(t)
	day := ctbot.MustParseDate("2026-01-01")
	// 130 trained in total is above 3 × 40, but Côte d'Ivoire has none.
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{
		{Indicator: "trained", Country: "KE"}: {Value: 90},
		{Indicator: "trained", Country: "GH"}: {Value: 40},
	})
	p := fw.IndicatorProgress(fw.Indicator("trained"), s, day)
	if p.Rating == ctbot.Achieved {
		t.Fatalf("rating = achieved with a state at 0")
	}
	if p.AtTarget != 2 {
		t.Errorf("at target = %d, want 2", p.AtTarget)
	}
	s.Indicators[ctbot.IndicatorKey{Indicator: "trained", Country: "CI"}] = ctbot.IndicatorValue{Value: 40}
	if p := fw.IndicatorProgress(fw.Indicator("trained"), s, day); p.Rating != ctbot.Achieved {
		t.Errorf("rating with every state at target = %v, want achieved", p.Rating)
	}
}

func TestProgressPercentSumsNumeratorsAndDenominators(t *testing.T) {
	fw := testFramework(t)
	day := ctbot.MustParseDate("2026-12-31")
	// Kenya 1/2 = 50%, Ghana 9/98 = 9.2%. Averaging would give 29.6%;
	// summing gives 10/100 = 10%.
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{
		{Indicator: "women", Country: "KE"}: {Value: 1, Denom: 2},
		{Indicator: "women", Country: "GH"}: {Value: 9, Denom: 98},
	})
	p := fw.IndicatorProgress(fw.Indicator("women"), s, day)
	if p.Num != 10 || p.Den != 100 || !near(p.Actual, 10) {
		t.Fatalf("percent = %v (%d/%d), want 10%% (10/100)", p.Actual, p.Num, p.Den)
	}
	if p.Target != 20 || p.Expected != 20 {
		t.Errorf("target/expected = %v/%v, want 20/20", p.Target, p.Expected)
	}
	if p.Rating != ctbot.AtRisk { // pace 0.5
		t.Errorf("rating = %v (pace %v), want at risk", p.Rating, p.Pace)
	}
	if p.AtTarget != 1 {
		t.Errorf("states at target = %d, want 1", p.AtTarget)
	}
	for _, sp := range p.States {
		if sp.Country.Code == "CI" && sp.HasData {
			t.Errorf("Côte d'Ivoire has data, want none")
		}
	}
}

func TestProgressMilestonesCountStatesAtFinalStage(t *testing.T) {
	fw := testFramework(t)
	day := ctbot.MustParseDate("2026-01-01")
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{
		{Indicator: "strategies", Country: "KE"}: {Stage: "adopted"},
		{Indicator: "strategies", Country: "GH"}: {Stage: "validated"},
	})
	p := fw.IndicatorProgress(fw.Indicator("strategies"), s, day)
	if p.Actual != 1 || p.AtTarget != 1 || p.Target != 2 {
		t.Fatalf("milestone actual/at/target = %v/%d/%v, want 1/1/2", p.Actual, p.AtTarget, p.Target)
	}
	// expected 2 × 365/729 = 1.0014: pace 0.9986, on track.
	if p.Rating != ctbot.OnTrack {
		t.Errorf("rating = %v, want on track", p.Rating)
	}
	if p.States[1].Stage != "validated" || p.States[1].Actual != 0 {
		t.Errorf("Ghana = %+v, want validated and not counted", p.States[1])
	}
}

func TestProgressProgrammeCountAndNotYetDue(t *testing.T) {
	fw := testFramework(t)
	s := snapshot(map[ctbot.IndicatorKey]ctbot.IndicatorValue{})
	p := fw.IndicatorProgress(fw.Indicator("intl"), s, ctbot.MustParseDate("2025-01-01"))
	if p.Rating != ctbot.NotYetDue {
		t.Errorf("at the start rating = %v, want not yet due", p.Rating)
	}
	s.Indicators[ctbot.IndicatorKey{Indicator: "intl"}] = ctbot.IndicatorValue{Value: 1}
	p = fw.IndicatorProgress(fw.Indicator("intl"), s, ctbot.MustParseDate("2025-06-01"))
	if p.Actual != 1 || p.Rating != ctbot.Achieved {
		t.Errorf("intl = %v %v, want 1 achieved", p.Actual, p.Rating)
	}
	// Baselines: recs runs from 2 to 10 per state; at the start it is not yet due.
	p = fw.IndicatorProgress(fw.Indicator("recs"), s, ctbot.MustParseDate("2025-01-01"))
	if p.Baseline != 6 || p.Target != 30 || p.Rating != ctbot.NotYetDue {
		t.Errorf("recs = baseline %v target %v %v, want 6, 30, not yet due", p.Baseline, p.Target, p.Rating)
	}
}

func TestWomenShareHidesSmallNumbers(t *testing.T) {
	tests := []struct {
		women, total int
		want         string
	}{
		{0, 0, ""},
		{1, 4, "sex split not shown under 5"},
		{2, 5, "40% women"},
		{1, 3, "sex split not shown under 5"},
		{9, 25, "36% women"},
	}
	for _, tt := range tests {
		if got := ctbot.WomenShare(tt.women, tt.total); got != tt.want {
			t.Errorf("WomenShare(%d, %d) = %q, want %q", tt.women, tt.total, got, tt.want)
		}
	}
}
