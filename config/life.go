package config

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// This file checks the keys of a programme's life: extensions, revised
// targets, per-state baselines, withdrawn states and the next phases.

// phaseSpan is where a phase's indicators are checked: the prefix of their
// tables ("indicator", "phase[0].indicator"), the phase's own table (""
// for [programme]), its first and last day (extensions included) and the
// phase before it (nil for the first).
type phaseSpan struct {
	table, phase string
	start, end   ctbot.Date
	prev         *ctbot.Framework
}

// extensions checks the [[table.extension]] tables of a phase that starts
// on start and was planned to end on end: each takes effect on a day after
// the start (and the extension before it), no later than the end it
// moves, and moves it later.
func (v *validator) extensions(table string, xs []ExtensionConfig, start, end ctbot.Date) []ctbot.Extension {
	var out []ctbot.Extension
	cur, from := end, start
	for i, x := range xs {
		t := fmt.Sprintf("%s.extension[%d]", table, i)
		ok := true
		switch {
		case x.From.IsZero():
			v.add(t, "from", "is missing; give the day the extension takes effect, e.g. 2026-12-01")
			ok = false
		case !x.From.After(from):
			v.add(t, "from", "%s is not after %s (the start, or the extension before it); list extensions in date order", x.From, from)
			ok = false
		case !cur.IsZero() && x.From.After(cur):
			v.add(t, "from", "%s is after the end it moves (%s): an extension takes effect while the programme runs", x.From, cur)
			ok = false
		}
		switch {
		case x.End.IsZero():
			v.add(t, "end", "is missing; give the new end, e.g. 2027-06-30")
			ok = false
		case !cur.IsZero() && !x.End.After(cur):
			v.add(t, "end", "%s is not after the end it moves (%s)", x.End, cur)
			ok = false
		}
		if ok {
			out = append(out, ctbot.Extension{From: x.From, End: x.End})
			cur, from = x.End, x.From
		}
	}
	return out
}

// inherit gives an indicator that carries on the previous phase's
// (from_previous) the keys it leaves out: its titles, measure, scope,
// stages, source, states, pace, level and means of verification. Its
// targets are its own.
func (v *validator) inherit(t string, c *IndicatorConfig, sp phaseSpan) {
	if !c.FromPrevious {
		return
	}
	if sp.prev == nil {
		v.add(t, "from_previous", "only an indicator of a [[phase]] carries on the previous phase's")
		return
	}
	prev := sp.prev.Indicator(c.Code)
	if prev == nil {
		codes := make([]string, len(sp.prev.Indicators))
		for i, ind := range sp.prev.Indicators {
			codes[i] = ind.Code
		}
		v.add(t, "from_previous", "%q is not an indicator of the previous phase (%s)", c.Code, strings.Join(codes, ", "))
		return
	}
	or := func(s *string, prev string) {
		if *s == "" {
			*s = prev
		}
	}
	or(&c.Title, prev.Title)
	or(&c.ShortTitle, prev.ShortTitle)
	or(&c.TitleFR, prev.Titles["fr"])
	or(&c.TitleRU, prev.Titles["ru"])
	or(&c.TitleAR, prev.Titles["ar"])
	or(&c.ShortTitleFR, prev.ShortTitles["fr"])
	or(&c.ShortTitleRU, prev.ShortTitles["ru"])
	or(&c.ShortTitleAR, prev.ShortTitles["ar"])
	or(&c.Measure, string(prev.Measure))
	or(&c.Scope, string(prev.Scope))
	or(&c.Source, prev.Source)
	or(&c.Pace, string(prev.Pace))
	or(&c.Level, string(prev.Level))
	or(&c.Verification, prev.Verification)
	or(&c.Result, prev.Result)
	or(&c.ResultFR, prev.Results["fr"])
	or(&c.ResultRU, prev.Results["ru"])
	or(&c.ResultAR, prev.Results["ar"])
	or(&c.Assumptions, prev.Assumptions)
	if c.Stages == nil {
		c.Stages = prev.Stages
	}
	for lang, stages := range map[string]*[]string{"fr": &c.StagesFR, "ru": &c.StagesRU, "ar": &c.StagesAR} {
		if *stages == nil {
			*stages = prev.StagesIn[lang]
		}
	}
	if c.Countries == nil {
		c.Countries = prev.Countries
	}
	for key, same := range map[string]bool{"measure": c.Measure == string(prev.Measure), "scope": c.Scope == string(prev.Scope),
		"source": c.Source == prev.Source, "stages": slices.Equal(c.Stages, prev.Stages)} {
		if !same {
			v.add(t, key, "differs from the previous phase's %s: an indicator that carries on keeps it (or give it another code)", prev.Code)
		}
	}
	if c.Baseline != 0 || len(c.Baselines) > 0 {
		v.add(t, "baseline", "is the previous phase's value at its end with from_previous: leave baseline and baselines out")
	}
}

// baselines checks per-state baselines: states of the indicator, each
// below its target, on a per-state indicator.
func (v *validator) baselines(t string, c *IndicatorConfig, ind *ctbot.Indicator, known map[string]bool) {
	if len(c.Baselines) > 0 && ctbot.Scope(c.Scope) != ctbot.ScopeEach {
		v.add(t, "baselines", "only per-country (scope \"each\") indicators have a baseline per country")
	}
	for _, code := range slices.Sorted(maps.Keys(c.Baselines)) {
		b := c.Baselines[code]
		switch {
		case !known[code]:
			v.add(t, "baselines", "%q is not the code of a [[country]]", code)
		case !ind.AppliesTo(code):
			v.add(t, "baselines", "%s has a baseline but is not in countries", code)
		case b < 0:
			v.add(t, "baselines", "%s: %v is negative", code, b)
		case b >= ind.TargetFor(code):
			v.add(t, "baselines", "%s: %v is not below its target %v", code, b, ind.TargetFor(code))
		}
	}
	ind.Baselines = c.Baselines
}

// stateTargets checks per-state targets (of an indicator, table t, or of
// a revision of it): known states it applies to, each above the
// baseline, on a per-state indicator.
func (v *validator) stateTargets(t string, c *IndicatorConfig, targets map[string]float64, ind *ctbot.Indicator, known map[string]bool) {
	for _, code := range slices.Sorted(maps.Keys(targets)) {
		switch x := targets[code]; {
		case !known[code]:
			v.add(t, "targets", "%q is not the code of a [[country]]", code)
		case !ind.AppliesTo(code):
			v.add(t, "targets", "%s has a target but is not in countries", code)
		case x <= c.Baseline:
			v.add(t, "targets", "%s: %v is not above the baseline %v", code, x, c.Baseline)
		}
	}
	if len(targets) > 0 && ctbot.Scope(c.Scope) != ctbot.ScopeEach {
		v.add(t, "targets", "only per-country (scope \"each\") indicators have a target per country")
	}
}

// revisions checks an indicator's [[indicator.revision]] tables: each
// takes effect inside the phase, after the one before, and changes
// something, within the same rules as the indicator's own targets.
func (v *validator) revisions(t string, sp phaseSpan, c *IndicatorConfig, ind *ctbot.Indicator, known map[string]bool) []ctbot.Revision {
	var out []ctbot.Revision
	from := sp.start
	for j, r := range c.Revisions {
		rt := fmt.Sprintf("%s.revision[%d]", t, j)
		switch {
		case r.From.IsZero():
			v.add(rt, "from", "is missing; give the day the revised targets take effect, e.g. 2026-12-01")
		case !r.From.After(from) || r.From.After(sp.end):
			v.add(rt, "from", "%s is not between %s (the start, or the revision before it) and the end %s; list revisions in date order", r.From, from, sp.end)
		default:
			from = r.From
		}
		rev := ctbot.Revision{From: r.From, Targets: r.Targets, Due: r.Due}
		target := c.Target
		if r.Target != nil {
			target, rev.Target = r.Target, *r.Target
			switch {
			case *r.Target <= c.Baseline:
				v.add(rt, "target", "%v is not above the baseline %v", *r.Target, c.Baseline)
			case ctbot.Measure(c.Measure) == ctbot.MeasurePercent && *r.Target > 100:
				v.add(rt, "target", "%v is over 100 for a percent indicator", *r.Target)
			}
		}
		v.stateTargets(rt, c, r.Targets, ind, known)
		if !r.Due.IsZero() && (r.Due.Before(sp.start) || r.Due.After(sp.end)) {
			v.add(rt, "due", "%s is outside the programme (%s to %s)", r.Due, sp.start, sp.end)
		}
		due := r.Due
		if due.IsZero() {
			due = c.Due
		}
		if due.IsZero() {
			due = sp.end
		}
		if r.Milestones != nil {
			rev.Milestones = v.milestones(rt, r.Milestones, sp, due, c.Baseline, target)
		}
		if r.Target == nil && len(r.Targets) == 0 && r.Due.IsZero() && r.Milestones == nil {
			v.add(rt, "from", "the revision changes nothing: give target, targets, due or [[…revision.milestone]] tables")
		}
		out = append(out, rev)
	}
	return out
}

// phases checks the [[phase]] tables and builds a framework for each: a
// name of its own, dates after the phase before, its IATI activity, its
// extensions and indicators.
func (v *validator) phases(cfg *Config, loc *time.Location, countries []*ctbot.Country, first *ctbot.Framework) []*ctbot.Framework {
	var out []*ctbot.Framework
	prev := first
	names := map[string]string{strings.ToLower(strings.TrimSpace(first.Name)): "programme"}
	ids := map[string]string{}
	if cfg.IATI.Identifier != "" {
		ids[cfg.IATI.Identifier] = "iati"
	}
	for i, ph := range cfg.Phases {
		t := fmt.Sprintf("phase[%d]", i)
		name := strings.ToLower(strings.TrimSpace(ph.Name))
		switch {
		case name == "":
			v.add(t, "name", "is missing; give the phase's name, e.g. \"CT TECH+ phase 2\"")
		case names[name] != "":
			v.add(t, "name", "%q is already the name of %s on line %d", ph.Name, v.name(names[name]), v.lines[names[name]])
		default:
			names[name] = t
		}
		switch {
		case ph.Start.IsZero():
			v.add(t, "start", "is missing; give a date like 2027-01-01")
		case !prev.End.IsZero() && !ph.Start.After(prev.End):
			v.add(t, "start", "%s is not after the end of the phase before it (%s)", ph.Start, prev.End)
		}
		switch {
		case ph.End.IsZero():
			v.add(t, "end", "is missing; give a date like 2028-12-31")
		case !ph.Start.IsZero() && !ph.End.After(ph.Start):
			v.add(t, "end", "%s is not after start %s", ph.End, ph.Start)
		}
		v.phaseIdentifier(cfg, t, ph.IATIIdentifier, ids)
		f := ctbot.NewFramework(strings.TrimSpace(ph.Name), ph.Start, ph.End, loc, countries, nil)
		f.Extend(v.extensions(t, ph.Extensions, ph.Start, ph.End)...)
		f.IATIIdentifier = ph.IATIIdentifier
		f.Indicators = v.indicators(ph.Indicators, phaseSpan{table: t + ".indicator", phase: t, start: ph.Start, end: f.End, prev: prev}, countries)
		out = append(out, f)
		prev = f
	}
	return out
}

// phaseIdentifier checks a phase's IATI identifier: needed when the
// programme publishes to IATI, of the reporting organisation, each once.
func (v *validator) phaseIdentifier(cfg *Config, t, id string, ids map[string]string) {
	switch {
	case id == "" && cfg.IATI.Identifier != "":
		v.add(t, "iati_identifier", "is missing; each phase is an IATI activity of its own, e.g. %q", cfg.IATI.Identifier+"-2")
	case id == "":
	case ids[id] != "":
		v.add(t, "iati_identifier", "%q is already the identifier of %s", id, v.name(ids[id]))
	default:
		v.activityIdentifier(t, "iati_identifier", id, cfg.IATI.ReportingOrgRef)
		ids[id] = t
	}
}

// withdrawals checks the day each withdrawn state left: inside the
// programme, after its start.
func (v *validator) withdrawals(cfg *Config, phases []*ctbot.Framework) {
	start, end := phases[0].Start, phases[len(phases)-1].End
	for i, c := range cfg.Countries {
		if d := c.Withdrawn; !d.IsZero() && (!d.After(start) || d.After(end)) {
			v.add(fmt.Sprintf("country[%d]", i), "withdrawn", "%s is not inside the programme (after %s, up to %s)", d, start, end)
		}
	}
}
