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

func (r reportRow) targets() ctbot.Targets {
	if r.State != nil {
		return r.State.Targets
	}
	return r.Row.Targets
}

func (r reportRow) date() ctbot.Date {
	if r.State != nil {
		return r.State.Date
	}
	return r.Row.Date
}

func (r reportRow) attendances() ctbot.People {
	if r.State != nil {
		return r.State.Attendances
	}
	return r.Row.Attendances
}

// levelNames are the result levels as an EU logframe names them.
var levelNames = map[ctbot.Level]string{
	ctbot.LevelImpact:  "overall objective (impact)",
	ctbot.LevelOutcome: "specific objective (outcome)",
	ctbot.LevelOutput:  "output",
}

// reportColumns are the columns of a logframe, for the programme rows and
// the per-state rows alike (a state row names its country): the result
// and its level, the baseline and its year, the final, intermediate and
// due targets with their dates, the value and its date, the women among
// the people it counts, the means of verification and how many values
// name their evidence or were verified, and the assumptions.
var reportColumns = []column[reportRow]{
	{"indicator", func(r reportRow) cell { return codeCell(r.ind().Code) }},
	{"level", func(r reportRow) cell { return codeCell(string(r.ind().Level)) }},
	{"level_name", func(r reportRow) cell { return codeCell(levelNames[r.ind().Level]) }},
	{"result", func(r reportRow) cell { return textCell(r.ind().Result) }},
	{"title", func(r reportRow) cell { return textCell(r.ind().Title) }},
	{"measure", func(r reportRow) cell { return codeCell(string(r.ind().Measure)) }},
	{"country", func(r reportRow) cell {
		if r.State == nil {
			return codeCell("")
		}
		return codeCell(r.State.Country.Code)
	}},
	{"baseline", func(r reportRow) cell { return measured(r.ind(), r.Row.Progress.Baseline) }},
	{"baseline_year", func(r reportRow) cell {
		y := r.ind().BaselineYear
		return cell{Kind: number, Int: int64(y), Empty: y == 0}
	}},
	{"target", func(r reportRow) cell { return measured(r.ind(), r.targets().Final.Value) }},
	{"target_date", func(r reportRow) cell { return dateCell(r.targets().Final.Date) }},
	{"intermediate_target", func(r reportRow) cell {
		m := r.targets().Intermediate
		if m.Date.IsZero() {
			return cell{Kind: decimal, Empty: true}
		}
		return measured(r.ind(), m.Value)
	}},
	{"intermediate_date", func(r reportRow) cell { return dateCell(r.targets().Intermediate.Date) }},
	{"target_due", func(r reportRow) cell {
		if r.State != nil && r.ind().Measure == ctbot.MeasureMilestone {
			return cell{Kind: decimal, Empty: true} // a state's target is its final stage
		}
		return measured(r.ind(), r.targets().Due)
	}},
	{"value", func(r reportRow) cell {
		if r.State != nil {
			return stateValue(r.ind(), r.State)
		}
		return programmeValue(r.Row.Progress)
	}},
	{"value_date", func(r reportRow) cell { return dateCell(r.date()) }},
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
	{"attendances", func(r reportRow) cell {
		a := r.attendances()
		return cell{Kind: number, Int: a.Total, Empty: r.ind().Source == ""}
	}},
	{"attendances_reporting_sex", func(r reportRow) cell {
		a := r.attendances()
		return cell{Kind: number, Int: a.Reported, Empty: r.ind().Source == ""}
	}},
	{"attendances_women", func(r reportRow) cell { return womenOf(r.attendances(), r.ind().Source != "") }},
	{"attendances_women_share", func(r reportRow) cell { return womenShare(r.attendances(), r.ind().Source != "") }},
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
	{"assumptions", func(r reportRow) cell { return textCell(r.ind().Assumptions) }},
}

// womenOf is how many of p are women, blank where p counts no people
// (counts is false) or fewer than ctbot.MinShareBase report their sex.
func womenOf(p ctbot.People, counts bool) cell {
	_, ok := p.Share()
	return cell{Kind: number, Int: p.Women, Empty: !counts || !ok}
}

// womenShare is the share of women among the people of p whose sex is
// reported, blank as womenOf.
func womenShare(p ctbot.People, counts bool) cell {
	pct, ok := p.Share()
	return cell{Kind: share, Float: pct / 100, Empty: !counts || !ok}
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
