package ctbot

import (
	"fmt"
	"math"
	"strconv"
)

// Rating is how an indicator stands against its expected pace.
type Rating int

// Ratings, worst first.
const (
	OffTrack  Rating = iota // pace < 0.5
	AtRisk                  // 0.5 <= pace < 0.85
	OnTrack                 // pace >= 0.85
	Ahead                   // pace > 1.15: the target may be too low
	Achieved                // actual has reached the target
	NotYetDue               // expected is not above baseline yet
)

// Pace thresholds from the results framework.
const (
	OnTrackPace = 0.85
	AtRiskPace  = 0.5
	AheadPace   = 1.15
)

func (r Rating) String() string {
	return [...]string{"off track", "at risk", "on track", "ahead", "achieved", "not yet due"}[r]
}

// Rate compares actual with the expected pace towards target.
func Rate(actual, baseline, expected, target float64) (pace float64, r Rating) {
	if target > baseline && actual >= target {
		return paceOf(actual, baseline, expected), Achieved
	}
	if expected <= baseline {
		return 0, NotYetDue
	}
	pace = paceOf(actual, baseline, expected)
	return pace, paceRating(pace)
}

func paceRating(pace float64) Rating {
	switch {
	case pace > AheadPace:
		return Ahead
	case pace >= OnTrackPace:
		return OnTrack
	case pace >= AtRiskPace:
		return AtRisk
	}
	return OffTrack
}

func paceOf(actual, baseline, expected float64) float64 {
	if expected <= baseline {
		return 0
	}
	return (actual - baseline) / (expected - baseline)
}

// Expected is the value due on day d on a linear pace from baseline at the
// programme start to target at its end.
func (f *Framework) Expected(baseline, target float64, d Date) float64 {
	return baseline + (target-baseline)*f.Elapsed(d)
}

// Progress is one indicator measured against its target on a given day.
type Progress struct {
	Indicator *Indicator
	Actual    float64 // programme level: sum of states for per-state counts
	Target    float64
	Baseline  float64
	Expected  float64
	Pace      float64
	Rating    Rating
	Num, Den  int64           // percent indicators: sums over states
	States    []StateProgress // per-state indicators and milestones, in framework order
	AtTarget  int             // states at their target, or at the final stage
}

// StateProgress is one country's part of an indicator.
type StateProgress struct {
	Country  *Country
	Actual   float64
	Expected float64
	Target   float64
	Pace     float64
	Rating   Rating
	Num, Den int64
	Stage    string
	HasData  bool
}

// Behind reports whether the state is at risk or off track.
func (s StateProgress) Behind() bool { return s.Rating == OffTrack || s.Rating == AtRisk }

// Progress measures every indicator on day d from a snapshot.
func (f *Framework) Progress(s *Snapshot, d Date) []Progress {
	out := make([]Progress, 0, len(f.Indicators))
	for _, ind := range f.Indicators {
		out = append(out, f.IndicatorProgress(ind, s, d))
	}
	return out
}

// IndicatorProgress measures one indicator on day d. Percentages are summed
// as numerators and denominators, never averaged; milestones count the
// states at the final stage.
func (f *Framework) IndicatorProgress(ind *Indicator, s *Snapshot, d Date) Progress {
	p := Progress{Indicator: ind, Baseline: ind.Baseline, Target: ind.Target}
	switch {
	case ind.Measure == MeasureMilestone:
		if ind.Scope == ScopeEach {
			p.Target = float64(len(f.Countries))
		}
		for _, c := range f.Countries {
			v, ok := s.Indicators[IndicatorKey{ind.Code, c.Code}]
			sp := StateProgress{Country: c, Stage: v.Stage, HasData: ok && v.Stage != ""}
			if sp.Stage == ind.FinalStage() && sp.HasData {
				sp.Actual = 1
				p.AtTarget++
			}
			p.States = append(p.States, sp)
		}
		p.Actual = float64(p.AtTarget)
	case ind.Scope == ScopeEach:
		for _, c := range f.Countries {
			sp := f.stateProgress(ind, c, s, d)
			p.Num += sp.Num
			p.Den += sp.Den
			if ind.Measure == MeasureCount {
				p.Actual += sp.Actual
			}
			if sp.HasData && sp.Actual >= ind.Target {
				p.AtTarget++
			}
			p.States = append(p.States, sp)
		}
		if ind.Measure == MeasureCount {
			n := float64(len(f.Countries))
			p.Target, p.Baseline = ind.Target*n, ind.Baseline*n
		} else {
			p.Actual = percentOf(p.Num, p.Den)
		}
	default:
		v := s.Indicators[IndicatorKey{ind.Code, ""}]
		p.Actual, p.Num, p.Den = valueOf(ind, v)
	}
	p.Expected = f.Expected(p.Baseline, p.Target, d)
	p.Pace, p.Rating = Rate(p.Actual, p.Baseline, p.Expected, p.Target)
	if p.Rating == Achieved && ind.Scope == ScopeEach && p.AtTarget < len(p.States) {
		// A per-state target is met only when every state meets it; until
		// then the programme figure is rated by its pace.
		p.Rating = paceRating(p.Pace)
	}
	return p
}

func (f *Framework) stateProgress(ind *Indicator, c *Country, s *Snapshot, d Date) StateProgress {
	v, ok := s.Indicators[IndicatorKey{ind.Code, c.Code}]
	sp := StateProgress{Country: c, Target: ind.Target, HasData: ok}
	sp.Actual, sp.Num, sp.Den = valueOf(ind, v)
	if ind.Measure == MeasurePercent {
		sp.HasData = ok && v.Denom > 0
	}
	sp.Expected = f.Expected(ind.Baseline, ind.Target, d)
	sp.Pace, sp.Rating = Rate(sp.Actual, ind.Baseline, sp.Expected, ind.Target)
	return sp
}

func valueOf(ind *Indicator, v IndicatorValue) (actual float64, num, den int64) {
	if ind.Measure == MeasurePercent {
		return percentOf(v.Value, v.Denom), v.Value, v.Denom
	}
	return float64(v.Value), 0, 0
}

func percentOf(num, den int64) float64 {
	if den <= 0 {
		return 0
	}
	return 100 * float64(num) / float64(den)
}

// FormatNumber shows a count or expected value: whole numbers as integers,
// small fractional values with one decimal.
func FormatNumber(x float64) string {
	if x == math.Trunc(x) || math.Abs(x) >= 10 {
		return strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'f', 1, 64)
}

// FormatPercent shows a percentage with at most one decimal.
func FormatPercent(x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s + "%"
}

// FormatValue shows an indicator value in its unit.
func (ind *Indicator) FormatValue(x float64) string {
	if ind.Measure == MeasurePercent {
		return FormatPercent(x)
	}
	return FormatNumber(x)
}

// FormatPace shows a pace as a ratio with two decimals.
func FormatPace(p float64) string { return fmt.Sprintf("%.2f", p) }
