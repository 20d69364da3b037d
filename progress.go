package ctbot

// Rating is how an indicator stands against what is expected by now, or,
// once it is due, whether it was achieved.
type Rating int

// Ratings: those of progress worst first, then those that are not ratings
// of progress, then the final ones (once due) and a milestone state's
// stage short of the last before it is due.
const (
	OffTrack       Rating = iota // pace < 0.5
	AtRisk                       // 0.5 <= pace < 0.85
	OnTrack                      // pace >= 0.85
	Ahead                        // pace > 1.15: the target may be too low
	Achieved                     // actual has reached the target
	NotYetDue                    // nothing is expected yet
	NoData                       // nothing has been recorded
	NotRated                     // a share reported by fewer than half the states
	NotAchieved                  // due, and nothing above the baseline
	PartlyAchieved               // due, and short of the target (see Progress.Reached)
	InProgress                   // a state on a stage short of the last, before it is due
)

// Pace thresholds from the results framework.
const (
	OnTrackPace = 0.85
	AtRiskPace  = 0.5
	AheadPace   = 1.15
)

// ratingCodes name the ratings, in order.
var ratingCodes = [...]string{"off_track", "at_risk", "on_track", "ahead", "achieved", "not_yet_due", "no_data", "not_rated",
	"not_achieved", "partly_achieved", "in_progress"}

// Code names the rating in reports and message IDs: "off_track", "no_data".
func (r Rating) Code() string { return ratingCodes[r] }

// Behind reports whether r falls short of what is expected: at risk or
// off track, or, once due, not or only partly achieved.
func (r Rating) Behind() bool {
	return r == OffTrack || r == AtRisk || r == NotAchieved || r == PartlyAchieved
}

// Final reports whether r is a rating made once the target is due.
func (r Rating) Final() bool { return r == Achieved || r == NotAchieved || r == PartlyAchieved }

// ranks order the ratings worst first, for lists of gaps.
var ranks = [...]int{OffTrack: 1, AtRisk: 3, OnTrack: 4, Ahead: 5, Achieved: 6, NotYetDue: 7, NoData: 8, NotRated: 9,
	NotAchieved: 0, PartlyAchieved: 2, InProgress: 4}

// Rank orders ratings worst first: not achieved, off track, partly
// achieved, at risk, on track…
func (r Rating) Rank() int { return ranks[r] }

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

// RateFinal rates a value once its target is due: achieved at the target,
// partly achieved above the baseline, not achieved otherwise; reached is
// the share of the way from baseline to target, (A - B)/(T - B).
func RateFinal(actual, baseline, target float64) (reached float64, r Rating) {
	if target > baseline {
		reached = (actual - baseline) / (target - baseline)
	}
	switch {
	case actual >= target:
		return reached, Achieved
	case actual > baseline:
		return reached, PartlyAchieved
	}
	return max(reached, 0), NotAchieved
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

// scaleTo is a milestone's value v, set for the indicator's target T from
// its baseline B, for a state whose baseline is b and target t: in
// proportion.
func scaleTo(v, B, T, b, t float64) float64 {
	if T == 0 || T == B || t == T && b == B {
		return v
	}
	return b + (v-B)*(t-b)/(T-B)
}

// ExpectedFor is the value of ind due on day d for a given target: the
// baseline at the programme start, then linear through the milestones to
// the target at the due date, and the target after it, under the terms in
// force on d. With PaceDue, nothing above the baseline is expected before
// the due date.
func (f *Framework) ExpectedFor(ind *Indicator, target float64, d Date) float64 {
	return f.expected(ind, ind.TermsOn(d), ind.Baseline, target, d)
}

// expected is ExpectedFor from a state's baseline, under terms t.
func (f *Framework) expected(ind *Indicator, t Terms, baseline, target float64, d Date) float64 {
	due := f.DueOn(ind, d)
	if ind.Pace == PaceDue {
		if d.Before(due) {
			return baseline
		}
		return target
	}
	prevDate, prevValue := f.Start, baseline
	for _, m := range t.Milestones {
		if !m.Date.Before(due) {
			break
		}
		v := scaleTo(m.Value, ind.Baseline, t.Target, baseline, target)
		if !d.After(m.Date) {
			return interpolate(prevDate, prevValue, m.Date, v, d)
		}
		prevDate, prevValue = m.Date, v
	}
	if !d.After(due) {
		return interpolate(prevDate, prevValue, due, target, d)
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
	return targetDue(ind, ind.TermsOn(d), target, d)
}

func targetDue(ind *Indicator, t Terms, target float64, d Date) float64 {
	for _, m := range t.Milestones {
		if !d.After(m.Date) {
			return scaleTo(m.Value, ind.Baseline, t.Target, ind.Baseline, target)
		}
	}
	return target
}

// rating rates a value on day d: against the pace before ind is due (see
// Rate), finally once it is (see RateFinal).
func rating(final bool, actual, baseline, expected, target float64) (pace, reached float64, r Rating) {
	if final {
		reached, r = RateFinal(actual, baseline, target)
		return 0, reached, r
	}
	pace, r = Rate(actual, baseline, expected, target)
	return pace, 0, r
}

// shareRating is rating for a share, compared with its target directly.
func shareRating(final bool, actual, target float64) (pace, reached float64, r Rating) {
	if final && target > 0 {
		reached, r = RateFinal(actual, 0, target)
		return 0, reached, r
	}
	pace, r = RateShare(actual, target)
	return pace, 0, r
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
	// Due is the due date in force; Final is set once it has come, when
	// the rating says whether the target was achieved, and Reached how
	// much of the way from baseline to target was done.
	Due      Date
	Final    bool
	Reached  float64
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
	Baseline float64
	Pace     float64
	Reached  float64 // once due: the share of the way from baseline to target
	Rating   Rating
	Num, Den int64
	Stage    string
	// StageBefore is set when the latest stage went back from StageBefore.
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

// IndicatorProgress measures one indicator on day d, under the terms in
// force then, over the states in the programme then.
func (f *Framework) IndicatorProgress(ind *Indicator, s *Snapshot, d Date) Progress {
	t := ind.TermsOn(d)
	p := Progress{Indicator: ind}
	p.Due, p.Final = f.Due(ind, d)
	switch {
	case ind.Measure == MeasureMilestone:
		f.milestoneProgress(&p, t, s, d)
	case ind.Scope == ScopeProgramme:
		f.programmeProgress(&p, t, s, d)
	case ind.Measure == MeasurePercent:
		f.shareProgress(&p, t, s, d)
	default:
		f.countProgress(&p, t, s, d)
	}
	return p
}

// milestoneProgress counts the states at the final stage against the
// number expected by now. A state short of the final stage is in
// progress until it is due, not achieved after.
func (f *Framework) milestoneProgress(p *Progress, t Terms, s *Snapshot, d Date) {
	ind := p.Indicator
	p.Baseline, p.Target = f.BaselineOf(ind, "", s), t.Target
	states := f.ApplicableOn(ind, d)
	p.States = make([]StateProgress, 0, len(states))
	if ind.Scope == ScopeEach {
		p.Target = float64(len(states))
	}
	if ind.Continues {
		p.Baseline = 0 // the states at the final stage when the phase opened
	}
	for _, c := range states {
		v := s.Indicators[IndicatorKey{ind.Code, c.Code}]
		sp := StateProgress{Country: c, Stage: v.Stage, StageBefore: v.StageBefore, HasData: v.Stage != "", Target: 1,
			Baseline: f.BaselineOf(ind, c.Code, s)}
		sp.StageBack = v.StageBefore != "" && ind.StageIndex(v.Stage) < ind.StageIndex(v.StageBefore)
		if ind.Continues {
			p.Baseline += sp.Baseline
		}
		switch {
		case !sp.HasData:
			sp.Rating = NoData
		case sp.Stage == ind.FinalStage():
			sp.Actual, sp.Rating, sp.Reached = 1, Achieved, 1
			p.AtTarget++
		case p.Final:
			sp.Rating = NotAchieved
		default:
			sp.Rating = InProgress
		}
		if sp.HasData {
			p.Reporting++
		}
		p.States = append(p.States, sp)
	}
	p.Actual = float64(p.AtTarget)
	p.Expected = f.expected(ind, t, p.Baseline, p.Target, d)
	p.Pace, p.Reached, p.Rating = rating(p.Final, p.Actual, p.Baseline, p.Expected, p.Target)
	if p.Reporting == 0 && p.Rating != NotYetDue {
		p.Rating = NoData // no state has a stage: no data, not off track
	}
}

// programmeProgress is a programme-wide count or share.
func (f *Framework) programmeProgress(p *Progress, t Terms, s *Snapshot, d Date) {
	ind := p.Indicator
	v, ok := s.Indicators[IndicatorKey{ind.Code, ""}]
	p.Baseline, p.Target = f.BaselineOf(ind, "", s), t.Target
	if ind.Measure == MeasurePercent {
		p.Num, p.Den = v.Value, v.Denom
		p.Target = targetDue(ind, t, t.Target, d)
		p.Expected = p.Target
		switch {
		case p.Den == 0:
			p.Rating = NoData
			return
		case p.Den < MinShareBase:
			p.Small, p.Rating = 1, NotRated
			return
		}
		p.Actual = percentOf(p.Num, p.Den)
		p.Pace, p.Reached, p.Rating = shareRating(p.Final, p.Actual, p.Target)
		return
	}
	p.Actual = float64(v.Value)
	p.Uncapped = p.Actual
	p.Expected = f.expected(ind, t, p.Baseline, p.Target, d)
	p.Pace, p.Reached, p.Rating = rating(p.Final, p.Actual, p.Baseline, p.Expected, p.Target)
	if !ok && p.Rating != NotYetDue {
		p.Rating = NoData
	}
}

// shareProgress is a share per state: each state against its target, and
// the programme's share summed over the states that report, rated only
// when at least half of them do.
func (f *Framework) shareProgress(p *Progress, t Terms, s *Snapshot, d Date) {
	ind := p.Indicator
	p.Baseline, p.Target = ind.Baseline, targetDue(ind, t, t.Target, d)
	p.Expected = p.Target
	states := f.ApplicableOn(ind, d)
	p.States = make([]StateProgress, 0, len(states))
	for _, c := range states {
		v := s.Indicators[IndicatorKey{ind.Code, c.Code}]
		sp := StateProgress{Country: c, Num: v.Value, Den: v.Denom, HasData: v.Denom > 0,
			Target: targetDue(ind, t, t.For(c.Code), d), Baseline: f.BaselineOf(ind, c.Code, s)}
		sp.Expected = sp.Target
		switch {
		case sp.HasData && sp.Den < MinShareBase:
			sp.Small, sp.Rating = true, NotRated
			p.Small++
		case sp.HasData:
			sp.Actual = percentOf(sp.Num, sp.Den)
			sp.Pace, sp.Reached, sp.Rating = shareRating(p.Final, sp.Actual, sp.Target)
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
		p.Pace, p.Reached, p.Rating = shareRating(p.Final, p.Actual, p.Target)
	}
}

// countProgress is a count per state: each state against its own target
// and pace from its own baseline, and the programme as the sum of the
// states' values capped at their targets, so one state's surplus hides no
// other state's gap.
func (f *Framework) countProgress(p *Progress, t Terms, s *Snapshot, d Date) {
	ind := p.Indicator
	states := f.ApplicableOn(ind, d)
	p.States = make([]StateProgress, 0, len(states))
	for _, c := range states {
		v := s.Indicators[IndicatorKey{ind.Code, c.Code}]
		sp := StateProgress{Country: c, Target: t.For(c.Code), HasData: v.HasData(), Baseline: f.BaselineOf(ind, c.Code, s),
			Actual: float64(v.Value), FromSource: v.FromSource, Adjusted: v.Adjusted}
		sp.Expected = f.expected(ind, t, sp.Baseline, sp.Target, d)
		if sp.HasData {
			sp.Pace, sp.Reached, sp.Rating = rating(p.Final, sp.Actual, sp.Baseline, sp.Expected, sp.Target)
			p.Reporting++
		} else {
			sp.Rating = NoData
			if sp.Expected <= sp.Baseline {
				sp.Rating = NotYetDue
			}
		}
		if sp.HasData && sp.Actual >= sp.Target {
			p.AtTarget++
		}
		p.Actual += max(0, min(sp.Actual, sp.Target)) // a state below 0 (trainings retracted after an adjustment) takes nothing from others
		p.Uncapped += sp.Actual
		p.Target += sp.Target
		p.Baseline += sp.Baseline
		p.Expected += sp.Expected
		p.States = append(p.States, sp)
	}
	p.Pace, p.Reached, p.Rating = rating(p.Final, p.Actual, p.Baseline, p.Expected, p.Target)
	switch {
	case p.Reporting == 0 && p.Rating != NotYetDue:
		p.Rating = NoData
	case p.Rating == Achieved && p.AtTarget < len(p.States):
		// A per-state target is met only when every state meets it.
		p.Rating = paceRating(p.Pace)
		if p.Final {
			p.Rating = PartlyAchieved
		}
	}
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
