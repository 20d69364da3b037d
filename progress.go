package ctbot

// Rating is how an indicator stands against what is expected by now.
type Rating int

// Ratings, worst first; the last three are not ratings of progress.
const (
	OffTrack  Rating = iota // pace < 0.5
	AtRisk                  // 0.5 <= pace < 0.85
	OnTrack                 // pace >= 0.85
	Ahead                   // pace > 1.15: the target may be too low
	Achieved                // actual has reached the target
	NotYetDue               // nothing is expected yet
	NoData                  // nothing has been recorded
	NotRated                // a share reported by fewer than half the states
)

// Pace thresholds from the results framework.
const (
	OnTrackPace = 0.85
	AtRiskPace  = 0.5
	AheadPace   = 1.15
)

// ratingCodes name the ratings, in order.
var ratingCodes = [...]string{"off_track", "at_risk", "on_track", "ahead", "achieved", "not_yet_due", "no_data", "not_rated"}

// Code names the rating in reports and message IDs: "off_track", "no_data".
func (r Rating) Code() string { return ratingCodes[r] }

// Behind reports whether r is at risk or off track.
func (r Rating) Behind() bool { return r == OffTrack || r == AtRisk }

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

// RateShare compares a share with its target directly: a share of women
// is not a quantity that grows from nothing along the timeline.
func RateShare(actual, target float64) (pace float64, r Rating) {
	if target <= 0 {
		return 0, NotRated
	}
	pace = actual / target
	if actual >= target {
		return pace, Achieved
	}
	r = paceRating(pace)
	if r == Ahead {
		r = OnTrack
	}
	return pace, r
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

// scale is a milestone's value for a target other than the indicator's
// own (a state's override): in proportion.
func scale(ind *Indicator, v, target float64) float64 {
	if ind.Target == 0 || target == ind.Target {
		return v
	}
	return ind.Baseline + (v-ind.Baseline)*(target-ind.Baseline)/(ind.Target-ind.Baseline)
}

// ExpectedFor is the value of ind due on day d for a given target: the
// baseline at the programme start, then linear through the milestones to
// the target at the due date, and the target after it. With PaceDue,
// nothing above the baseline is expected before the due date.
func (f *Framework) ExpectedFor(ind *Indicator, target float64, d Date) float64 {
	due := f.DueDate(ind)
	if ind.Pace == PaceDue {
		if d.Before(due) {
			return ind.Baseline
		}
		return target
	}
	prevDate, prevValue := f.Start, ind.Baseline
	for _, m := range append(append([]Milestone(nil), ind.Milestones...), Milestone{Date: due, Value: ind.Target}) {
		v := scale(ind, m.Value, target)
		if m.Date == due {
			v = target
		}
		if !d.After(m.Date) {
			return interpolate(prevDate, prevValue, m.Date, v, d)
		}
		prevDate, prevValue = m.Date, v
	}
	return target
}

func interpolate(d0 Date, v0 float64, d1 Date, v1 float64, d Date) float64 {
	span := d1.DaysSince(d0)
	if span <= 0 || !d.After(d0) {
		return v0
	}
	return v0 + (v1-v0)*float64(d.DaysSince(d0))/float64(span)
}

// TargetDue is the target of a share in force on day d: the first
// milestone dated on or after d, else the target.
func (f *Framework) TargetDue(ind *Indicator, target float64, d Date) float64 {
	for _, m := range ind.Milestones {
		if !d.After(m.Date) {
			return scale(ind, m.Value, target)
		}
	}
	return target
}

// Progress is one indicator measured against its target on a given day.
type Progress struct {
	Indicator *Indicator
	// Actual is the programme figure: for per-state counts the sum of each
	// state's value capped at its target (Uncapped is the plain sum), for
	// shares the summed numerators over the summed denominators, for
	// milestones the states at the final stage.
	Actual   float64
	Uncapped float64
	Target   float64
	Baseline float64
	Expected float64
	Pace     float64
	Rating   Rating
	Num, Den int64           // shares: sums over the reporting states
	States   []StateProgress // per-state indicators and milestones, in framework order
	// AtTarget counts the states at their target (or at the final stage),
	// Reporting those with data, of len(States). Small counts the shares
	// over fewer than MinShareBase people: neither shown, rated nor summed.
	AtTarget  int
	Reporting int
	Small     int
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
	// StageBack is set when the latest stage went back from StageBefore.
	StageBefore string
	StageBack   bool
	HasData     bool
	Small       bool // a share over fewer than MinShareBase people
	// FromSource and Adjusted split the value of an indicator fed by
	// trainings.
	FromSource, Adjusted int64
}

// Behind reports whether the state is at risk or off track.
func (s StateProgress) Behind() bool { return s.Rating.Behind() }

// Progress measures every indicator on day d from a snapshot.
func (f *Framework) Progress(s *Snapshot, d Date) []Progress {
	out := make([]Progress, 0, len(f.Indicators))
	for _, ind := range f.Indicators {
		out = append(out, f.IndicatorProgress(ind, s, d))
	}
	return out
}

// IndicatorProgress measures one indicator on day d.
func (f *Framework) IndicatorProgress(ind *Indicator, s *Snapshot, d Date) Progress {
	switch {
	case ind.Measure == MeasureMilestone:
		return f.milestoneProgress(ind, s, d)
	case ind.Scope == ScopeProgramme:
		return f.programmeProgress(ind, s, d)
	case ind.Measure == MeasurePercent:
		return f.shareProgress(ind, s, d)
	}
	return f.countProgress(ind, s, d)
}

// milestoneProgress counts the states at the final stage against the
// number expected by now.
func (f *Framework) milestoneProgress(ind *Indicator, s *Snapshot, d Date) Progress {
	p := Progress{Indicator: ind, Baseline: ind.Baseline, Target: ind.Target}
	states := f.Applicable(ind)
	p.States = make([]StateProgress, 0, len(states))
	if ind.Scope == ScopeEach {
		p.Target = float64(len(states))
	}
	for _, c := range states {
		v := s.Indicators[IndicatorKey{ind.Code, c.Code}]
		sp := StateProgress{Country: c, Stage: v.Stage, StageBefore: v.StageBefore, HasData: v.Stage != "", Target: 1}
		sp.StageBack = v.StageBefore != "" && ind.StageIndex(v.Stage) < ind.StageIndex(v.StageBefore)
		switch {
		case !sp.HasData:
			sp.Rating = NoData
		case sp.Stage == ind.FinalStage():
			sp.Actual, sp.Rating = 1, Achieved
			p.AtTarget++
		default:
			sp.Rating = OnTrack
		}
		if sp.HasData {
			p.Reporting++
		}
		p.States = append(p.States, sp)
	}
	p.Actual = float64(p.AtTarget)
	p.Expected = f.ExpectedFor(ind, p.Target, d)
	p.Pace, p.Rating = Rate(p.Actual, p.Baseline, p.Expected, p.Target)
	if p.Reporting == 0 && p.Rating != NotYetDue {
		p.Rating = NoData // no state has a stage: no data, not off track
	}
	return p
}

// programmeProgress is a programme-wide count or share.
func (f *Framework) programmeProgress(ind *Indicator, s *Snapshot, d Date) Progress {
	v, ok := s.Indicators[IndicatorKey{ind.Code, ""}]
	p := Progress{Indicator: ind, Baseline: ind.Baseline, Target: ind.Target}
	if ind.Measure == MeasurePercent {
		p.Num, p.Den = v.Value, v.Denom
		p.Target = f.TargetDue(ind, ind.Target, d)
		p.Expected = p.Target
		switch {
		case p.Den == 0:
			p.Rating = NoData
			return p
		case p.Den < MinShareBase:
			p.Small, p.Rating = 1, NotRated
			return p
		}
		p.Actual = percentOf(p.Num, p.Den)
		p.Pace, p.Rating = RateShare(p.Actual, p.Target)
		return p
	}
	p.Actual = float64(v.Value)
	p.Uncapped = p.Actual
	p.Expected = f.ExpectedFor(ind, ind.Target, d)
	p.Pace, p.Rating = Rate(p.Actual, p.Baseline, p.Expected, p.Target)
	if !ok && p.Rating != NotYetDue {
		p.Rating = NoData
	}
	return p
}

// shareProgress is a share per state: each state against its target, and
// the programme's share summed over the states that report, rated only
// when at least half of them do.
func (f *Framework) shareProgress(ind *Indicator, s *Snapshot, d Date) Progress {
	p := Progress{Indicator: ind, Baseline: ind.Baseline, Target: f.TargetDue(ind, ind.Target, d)}
	p.Expected = p.Target
	states := f.Applicable(ind)
	p.States = make([]StateProgress, 0, len(states))
	for _, c := range states {
		v := s.Indicators[IndicatorKey{ind.Code, c.Code}]
		sp := StateProgress{Country: c, Num: v.Value, Den: v.Denom, HasData: v.Denom > 0,
			Target: f.TargetDue(ind, ind.TargetFor(c.Code), d)}
		sp.Expected = sp.Target
		switch {
		case sp.HasData && sp.Den < MinShareBase:
			sp.Small, sp.Rating = true, NotRated
			p.Small++
		case sp.HasData:
			sp.Actual = percentOf(sp.Num, sp.Den)
			sp.Pace, sp.Rating = RateShare(sp.Actual, sp.Target)
			p.Num += sp.Num
			p.Den += sp.Den
			p.Reporting++
			if sp.Rating == Achieved {
				p.AtTarget++
			}
		default:
			sp.Rating = NoData
		}
		p.States = append(p.States, sp)
	}
	switch {
	case p.Reporting == 0 && p.Small > 0:
		p.Rating = NotRated
	case p.Reporting == 0:
		p.Rating = NoData
	case 2*p.Reporting < len(p.States):
		p.Actual = percentOf(p.Num, p.Den)
		p.Rating = NotRated
	default:
		p.Actual = percentOf(p.Num, p.Den)
		p.Pace, p.Rating = RateShare(p.Actual, p.Target)
	}
	return p
}

// countProgress is a count per state: each state against its own target
// and pace, and the programme as the sum of the states' values capped at
// their targets, so one state's surplus hides no other state's gap.
func (f *Framework) countProgress(ind *Indicator, s *Snapshot, d Date) Progress {
	states := f.Applicable(ind)
	p := Progress{Indicator: ind, States: make([]StateProgress, 0, len(states))}
	for _, c := range states {
		v := s.Indicators[IndicatorKey{ind.Code, c.Code}]
		sp := StateProgress{Country: c, Target: ind.TargetFor(c.Code), HasData: v.HasData(),
			Actual: float64(v.Value), FromSource: v.FromSource, Adjusted: v.Adjusted}
		sp.Expected = f.ExpectedFor(ind, sp.Target, d)
		if sp.HasData {
			sp.Pace, sp.Rating = Rate(sp.Actual, ind.Baseline, sp.Expected, sp.Target)
			p.Reporting++
		} else {
			sp.Rating = NoData
			if sp.Expected <= ind.Baseline {
				sp.Rating = NotYetDue
			}
		}
		if sp.HasData && sp.Actual >= sp.Target {
			p.AtTarget++
		}
		p.Actual += max(0, min(sp.Actual, sp.Target)) // a state below 0 (trainings retracted after an adjustment) takes nothing from others
		p.Uncapped += sp.Actual
		p.Target += sp.Target
		p.Baseline += ind.Baseline
		p.Expected += sp.Expected
		p.States = append(p.States, sp)
	}
	p.Pace, p.Rating = Rate(p.Actual, p.Baseline, p.Expected, p.Target)
	switch {
	case p.Reporting == 0 && p.Rating != NotYetDue:
		p.Rating = NoData
	case p.Rating == Achieved && p.AtTarget < len(p.States):
		// A per-state target is met only when every state meets it.
		p.Rating = paceRating(p.Pace)
	}
	return p
}

// MinShareBase is the fewest people a share is shown and rated for: small
// numbers can identify people. A state's share over fewer is left out of
// the programme share too, or the others would give it away.
const MinShareBase = 5

func percentOf(num, den int64) float64 {
	if den <= 0 {
		return 0
	}
	return 100 * float64(num) / float64(den)
}
