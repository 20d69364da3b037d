package export

import (
	"github.com/cttechplus/ctbot"
)

// reportRow is one row of a logframe: an indicator's programme figure
// (State nil) or one state's part of it.
type reportRow struct {
	Row   *ctbot.LogframeRow
	State *ctbot.StateRow
}

func (r reportRow) ind() *ctbot.Indicator { return r.Row.Progress.Indicator }

func (r reportRow) evidence() ctbot.Evidence {
	if r.State != nil {
		return r.State.Evidence
	}
	return r.Row.Evidence
}

// reportColumns are the columns of a logframe, for the programme rows and
// the per-state rows alike (a state row names its country).
var reportColumns = []column[reportRow]{
	{"indicator", func(r reportRow) cell { return codeCell(r.ind().Code) }},
	{"level", func(r reportRow) cell { return codeCell(string(r.ind().Level)) }},
	{"title", func(r reportRow) cell { return textCell(r.ind().Title) }},
	{"measure", func(r reportRow) cell { return codeCell(string(r.ind().Measure)) }},
	{"country", func(r reportRow) cell {
		if r.State == nil {
			return codeCell("")
		}
		return codeCell(r.State.Country.Code)
	}},
	{"baseline", func(r reportRow) cell { return measured(r.ind(), r.Row.Progress.Baseline) }},
	{"target", func(r reportRow) cell { return measured(r.ind(), r.target()) }},
	{"target_due", func(r reportRow) cell {
		switch {
		case r.State != nil && r.ind().Measure == ctbot.MeasureMilestone:
			return cell{Kind: decimal, Empty: true} // a state's target is its final stage
		case r.State != nil:
			return measured(r.ind(), r.State.Expected)
		}
		return measured(r.ind(), r.Row.Progress.Expected)
	}},
	{"value", func(r reportRow) cell {
		if r.State != nil {
			return stateValue(r.ind(), r.State)
		}
		return programmeValue(r.Row.Progress)
	}},
	{"value_uncapped", func(r reportRow) cell {
		p := r.Row.Progress
		if r.State != nil || p.Indicator.Measure != ctbot.MeasureCount || p.Indicator.Scope != ctbot.ScopeEach {
			return cell{Kind: decimal, Empty: true}
		}
		return measured(p.Indicator, p.Uncapped)
	}},
	{"numerator", func(r reportRow) cell {
		num, _, ok := r.ratio()
		return cell{Kind: number, Int: num, Empty: !ok}
	}},
	{"denominator", func(r reportRow) cell {
		_, den, ok := r.ratio()
		return cell{Kind: number, Int: den, Empty: !ok}
	}},
	{"stage", func(r reportRow) cell {
		if r.State == nil {
			return codeCell("")
		}
		return codeCell(r.State.Stage)
	}},
	{"women", func(r reportRow) cell {
		if r.State == nil || r.State.Women == nil {
			return cell{Kind: number, Empty: true}
		}
		return intCell(*r.State.Women)
	}},
	{"rating", func(r reportRow) cell {
		if r.State != nil {
			return codeCell(r.State.Rating.Code())
		}
		return codeCell(r.Row.Progress.Rating.Code())
	}},
	{"states_reporting", func(r reportRow) cell {
		return cell{Kind: number, Int: int64(r.Row.Progress.Reporting), Empty: r.State != nil}
	}},
	{"states_at_target", func(r reportRow) cell {
		return cell{Kind: number, Int: int64(r.Row.Progress.AtTarget), Empty: r.State != nil}
	}},
	{"values", func(r reportRow) cell { return intCell(int64(r.evidence().Values)) }},
	{"with_evidence", func(r reportRow) cell { return intCell(int64(r.evidence().WithEvidence)) }},
	{"verified", func(r reportRow) cell { return intCell(int64(r.evidence().Verified)) }},
	{"means_of_verification", func(r reportRow) cell { return textCell(r.ind().Verification) }},
}

// target is the final target: a state's own, or the programme's (for a
// share, the indicator's target, not the intermediate one in force).
func (r reportRow) target() float64 {
	ind := r.ind()
	switch {
	case r.State != nil && ind.Measure == ctbot.MeasureMilestone:
		return 1
	case r.State != nil:
		return ind.TargetFor(r.State.Country.Code)
	case ind.Measure == ctbot.MeasurePercent:
		return ind.Target
	}
	return r.Row.Progress.Target
}

// ratio is a share's numerator and denominator, when it may be shown.
func (r reportRow) ratio() (num, den int64, ok bool) {
	if r.ind().Measure != ctbot.MeasurePercent {
		return 0, 0, false
	}
	if r.State != nil {
		return r.State.Num, r.State.Den, r.State.HasData && !r.State.Small
	}
	p := r.Row.Progress
	return p.Num, p.Den, p.Den >= ctbot.MinShareBase
}

// measured is a figure of ind in its unit: a share for percentages.
func measured(ind *ctbot.Indicator, v float64) cell {
	if ind.Measure == ctbot.MeasurePercent {
		return cell{Kind: share, Float: v / 100}
	}
	return cell{Kind: decimal, Float: v}
}

// programmeValue is an indicator's value at the period's end, blank where
// there is none to report (no data, or a share too small to show).
func programmeValue(p ctbot.Progress) cell {
	switch {
	case p.Rating == ctbot.NoData:
		return cell{Kind: decimal, Empty: true}
	case p.Indicator.Measure == ctbot.MeasurePercent && p.Den < ctbot.MinShareBase:
		return cell{Kind: share, Empty: true}
	case p.Indicator.Measure == ctbot.MeasurePercent:
		return cell{Kind: share, Float: float64(p.Num) / float64(p.Den)}
	}
	return measured(p.Indicator, p.Actual)
}

// stateValue is a state's value, blank without data; a share over fewer
// than ctbot.MinShareBase people is left blank too.
func stateValue(ind *ctbot.Indicator, s *ctbot.StateRow) cell {
	switch {
	case !s.HasData || s.Small:
		return cell{Kind: decimal, Empty: true}
	case ind.Measure == ctbot.MeasureMilestone:
		return cell{Kind: decimal, Float: s.Actual}
	}
	return measured(ind, s.Actual)
}

// programmeRows and stateRows are a logframe's rows of each kind.
func programmeRows(lf *ctbot.Logframe) []reportRow {
	out := make([]reportRow, len(lf.Rows))
	for i := range lf.Rows {
		out[i] = reportRow{Row: &lf.Rows[i]}
	}
	return out
}

func stateRows(lf *ctbot.Logframe) []reportRow {
	var out []reportRow
	for i := range lf.Rows {
		for j := range lf.Rows[i].States {
			out = append(out, reportRow{Row: &lf.Rows[i], State: &lf.Rows[i].States[j]})
		}
	}
	return out
}
