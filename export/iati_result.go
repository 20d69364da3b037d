package export

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/cttechplus/ctbot"
)

// Codes of IATI codelists.
var (
	resultTypes = map[ctbot.Level]string{ctbot.LevelOutput: "1", ctbot.LevelOutcome: "2", ctbot.LevelImpact: "3"}
	measures    = map[ctbot.Measure]string{ctbot.MeasureCount: "1", ctbot.MeasurePercent: "2", ctbot.MeasureMilestone: "5"}
)

// documentCategoryResults is IATI document category A08, "Results,
// outcomes and outputs".
const documentCategoryResults = "A08"

// cumulative is what every indicator says of its values.
const cumulative = "Actual values are cumulative, from the programme start to each period's end: periods are not to be added up. " +
	"Targets are the agreed targets in force at each period's end (the next intermediate target, else the final target)."

// results is a result per indicator: its type from the indicator's level,
// not to be aggregated (its actuals are cumulative), with the indicator's
// baselines and a period per logframe.
func results(fw *ctbot.Framework, lfs []*ctbot.Logframe) []iatiResult {
	out := make([]iatiResult, 0, len(fw.Indicators))
	for _, ind := range fw.Indicators {
		note := cumulative
		if ind.Verification != "" {
			note = "Means of verification: " + strings.TrimRight(ind.Verification, ". ") + ". " + note
		}
		ii := iatiIndicator{Measure: measures[ind.Measure], Ascending: "1", Title: narrative(ind.Code + " — " + ind.Title),
			Description: comment(note), Baseline: baselines(fw, ind, lfs)}
		for _, lf := range lfs {
			// A closed period's logframe is measured against the framework
			// its close kept, whose indicators may differ.
			if i := slices.IndexFunc(lf.Rows, func(r ctbot.LogframeRow) bool { return r.Progress.Indicator.Code == ind.Code }); i >= 0 {
				ii.Period = append(ii.Period, period(fw, lf.Rows[i], lf.Period))
			}
		}
		out = append(out, iatiResult{Type: resultTypes[ind.Level], Aggregation: "0", Title: narrative(resultTitle(ind)),
			Indicator: []iatiIndicator{ii}})
	}
	return out
}

// resultTitle is the result an indicator measures, as the logframe states
// it: the indicator's title.
func resultTitle(ind *ctbot.Indicator) string { return ind.Title }

// baselines are an indicator's baseline, in its baseline year, at the
// start of the programme (of the phase): the programme's, then each
// state's for a per-state indicator, as its logframe rows give them (a
// state's own, or where an indicator carries on the previous phase's, its
// value at that phase's end). Milestones are qualitative: no value.
func baselines(fw *ctbot.Framework, ind *ctbot.Indicator, lfs []*ctbot.Logframe) []iatiBaseline {
	b := iatiBaseline{Year: cmp.Or(ind.BaselineYear, fw.Start.Year), Date: fw.Start.String()}
	if ind.Continues {
		b.Year = fw.Start.Year
	}
	if ind.Measure == ctbot.MeasureMilestone {
		return []iatiBaseline{b}
	}
	b.Value = decimalText(ind.Baseline)
	var row *ctbot.LogframeRow
	if len(lfs) > 0 {
		last := lfs[len(lfs)-1]
		if i := slices.IndexFunc(last.Rows, func(r ctbot.LogframeRow) bool { return r.Progress.Indicator.Code == ind.Code }); i >= 0 {
			row = &last.Rows[i]
			b.Value = decimalText(row.Progress.Baseline)
		}
	}
	out := []iatiBaseline{b}
	if ind.Scope != ctbot.ScopeEach {
		return out
	}
	for _, c := range fw.Applicable(ind) {
		v := fw.BaselineOf(ind, c.Code, ctbot.NewSnapshot())
		if row != nil {
			if i := slices.IndexFunc(row.States, func(s ctbot.StateRow) bool { return s.Country.Code == c.Code }); i >= 0 {
				v = row.States[i].Baseline
			}
		}
		out = append(out, iatiBaseline{Year: b.Year, Date: b.Date, Value: decimalText(v), Location: []iatiRef{{c.Code}}})
	}
	return out
}

// periodValues are the targets and actuals of one indicator's period.
type periodValues struct {
	fw               *ctbot.Framework
	ind              *ctbot.Indicator
	end              ctbot.Date
	targets, actuals []iatiValue
}

// period is one indicator's period, inside the programme: the agreed
// targets and the actuals, the programme's first, then each state's.
func period(fw *ctbot.Framework, r ctbot.LogframeRow, p ctbot.Period) iatiPeriod {
	start, end := p.Start, p.End
	if start.Before(fw.Start) {
		start = fw.Start
	}
	if end.After(fw.End) {
		end = fw.End
	}
	v := &periodValues{fw: fw, ind: r.Progress.Indicator, end: end}
	switch {
	case v.ind.Measure == ctbot.MeasureMilestone:
		v.milestones(r)
	case v.ind.Measure == ctbot.MeasurePercent:
		v.shares(r)
	default:
		v.counts(r)
	}
	return iatiPeriod{Start: iatiISODate{start.String()}, End: iatiISODate{end.String()}, Target: v.targets, Actual: v.actuals}
}

// agreed is the agreed target in force at the period's end for a state's
// (or the programme's) target: what the configuration sets, never a
// straight line between them.
func (v *periodValues) agreed(target float64) float64 { return v.fw.TargetDue(v.ind, target, v.end) }

// target is the final target of a state ("" the programme) under the
// terms in force at the period's end (a revision may have changed it).
func (v *periodValues) target(country string) float64 { return v.ind.TermsOn(v.end).For(country) }

// counts: the programme's target and actual are the sums of the states'
// (the actual uncapped, so the locations add up to it), and so are the
// women among them when every state with people recorded its women.
func (v *periodValues) counts(r ctbot.LogframeRow) {
	pr := r.Progress
	if v.ind.Scope == ctbot.ScopeProgramme {
		v.targets = []iatiValue{{Value: decimalText(v.agreed(v.target("")))}}
		if pr.Rating != ctbot.NoData {
			v.actuals = []iatiValue{{Value: decimalText(pr.Actual), Documents: documents(r.Linked)}}
		}
		return
	}
	var target float64
	var women int64
	withWomen, allWomen := false, true
	var targets, actuals []iatiValue
	for _, s := range r.States {
		loc := []iatiRef{{s.Country.Code}}
		t := v.agreed(v.target(s.Country.Code))
		target += t
		targets = append(targets, iatiValue{Value: decimalText(t), Location: loc})
		if !s.HasData {
			continue
		}
		actuals = append(actuals, iatiValue{Value: decimalText(s.Actual), Location: loc, Documents: documents(s.Linked)})
		switch {
		case s.Women != nil:
			withWomen, women = true, women+*s.Women
			actuals = append(actuals, female(*s.Women, loc))
		case s.Actual != 0:
			allWomen = false
		}
	}
	v.targets = append([]iatiValue{{Value: decimalText(target)}}, targets...)
	if pr.Reporting > 0 {
		v.actuals = []iatiValue{{Value: decimalText(pr.Uncapped)}}
		if withWomen && allWomen {
			v.actuals = append(v.actuals, female(women, nil))
		}
	}
	v.actuals = append(v.actuals, actuals...)
}

// female is how many women a value counts: the sex dimension.
func female(n int64, loc []iatiRef) iatiValue {
	return iatiValue{Value: strconv.FormatInt(n, 10), Location: loc, Dimension: []iatiDimension{{Name: "sex", Value: "female"}}}
}

// shares: a percentage per state of at least MinShareBase people, and the
// programme's pooled over them (summed numerators over summed
// denominators), which the states' percentages do not add up to: its
// comment says so.
func (v *periodValues) shares(r ctbot.LogframeRow) {
	pr := r.Progress
	v.targets = []iatiValue{{Value: decimalText(v.agreed(v.target("")))}}
	if pr.Den >= ctbot.MinShareBase {
		a := iatiValue{Value: decimalText(pr.Actual)}
		if v.ind.Scope == ctbot.ScopeEach {
			a.Comment = comment(fmt.Sprintf("The programme's share pools the states shown: %d of %d people (numerators summed over denominators summed), "+
				"not an average of their shares; a state's share of fewer than %d people is neither shown nor counted.", pr.Num, pr.Den, ctbot.MinShareBase))
		} else {
			a.Documents = documents(r.Linked)
		}
		v.actuals = append(v.actuals, a)
	}
	for _, s := range r.States {
		loc := []iatiRef{{s.Country.Code}}
		v.targets = append(v.targets, iatiValue{Value: decimalText(v.agreed(v.target(s.Country.Code))), Location: loc})
		if s.HasData && !s.Small {
			v.actuals = append(v.actuals, iatiValue{Value: decimalText(s.Actual), Location: loc, Documents: documents(s.Linked)})
		}
	}
}

// milestones are qualitative: how many states are to be, and are, at the
// final stage, and each state's stage.
func (v *periodValues) milestones(r ctbot.LogframeRow) {
	pr, final := r.Progress, v.ind.FinalStage()
	v.targets = []iatiValue{{Comment: comment(fmt.Sprintf("%s states at %s", decimalText(v.agreed(pr.Target)), final))}}
	if pr.Reporting > 0 {
		v.actuals = []iatiValue{{Comment: comment(fmt.Sprintf("%d of %d states at %s", pr.AtTarget, len(pr.States), final))}}
	}
	for _, s := range r.States {
		loc := []iatiRef{{s.Country.Code}}
		v.targets = append(v.targets, iatiValue{Location: loc, Comment: comment(final)})
		if s.HasData {
			v.actuals = append(v.actuals, iatiValue{Location: loc, Comment: comment(s.Stage), Documents: documents(s.Linked)})
		}
	}
}

// documents are the document links of entries with a link to their evidence.
func documents(es []*ctbot.Entry) []iatiDocument {
	var out []iatiDocument
	for _, e := range es {
		title := e.Evidence
		if title == "" {
			title = fmt.Sprintf("Evidence of entry #%d", e.ID)
		}
		out = append(out, iatiDocument{URL: e.Link, Format: formatOf(e.Link), Title: narrative(title),
			Category: iatiCode{Code: documentCategoryResults}, Date: &iatiISODate{e.Date.String()}})
	}
	return out
}

// formatOf guesses a document's IANA media type from its URL.
func formatOf(url string) string {
	ext := strings.ToLower(path.Ext(strings.SplitN(strings.SplitN(url, "?", 2)[0], "#", 2)[0]))
	switch ext {
	case ".pdf":
		return "application/pdf"
	case ".doc":
		return "application/msword"
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	}
	return "text/html"
}
