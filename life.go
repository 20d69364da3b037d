package ctbot

import (
	"maps"
	"strconv"
	"strings"
	"time"
)

// This file holds the rules of a programme's life: its end and the
// extensions that move it, targets revised from a date, states that
// withdraw, and the phases one deployment runs one after another.

// Extension moves a phase's end from a date on: what is measured on a day
// before From is measured against the end then in force.
type Extension struct {
	From Date // the day it takes effect
	End  Date // the end from then on
}

// Revision changes an indicator's targets from a date on; a field left
// zero keeps what was in force.
type Revision struct {
	From       Date
	Target     float64            // 0 keeps the target
	Targets    map[string]float64 // per-state targets, over those in force
	Due        Date
	Milestones []Milestone // nil keeps the milestones; otherwise they replace them
}

// Terms are an indicator's targets in force on a day: its target, the
// per-state ones, its due date (zero: the end in force) and milestones.
type Terms struct {
	Target     float64
	Targets    map[string]float64
	Due        Date
	Milestones []Milestone
}

// TermsOn are the targets of ind in force on day d: as configured,
// revised by each revision that took effect by d.
func (ind *Indicator) TermsOn(d Date) Terms {
	t := Terms{Target: ind.Target, Targets: ind.Targets, Due: ind.Due, Milestones: ind.Milestones}
	for _, r := range ind.Revisions {
		if d.Before(r.From) {
			break
		}
		if r.Target != 0 {
			t.Target = r.Target
		}
		if len(r.Targets) > 0 {
			t.Targets = maps.Clone(t.Targets)
			if t.Targets == nil {
				t.Targets = map[string]float64{}
			}
			maps.Copy(t.Targets, r.Targets)
		}
		if !r.Due.IsZero() {
			t.Due = r.Due
		}
		if r.Milestones != nil {
			t.Milestones = r.Milestones
		}
	}
	return t
}

// For is the target of one state under the terms.
func (t Terms) For(country string) float64 {
	if v, ok := t.Targets[country]; ok {
		return v
	}
	return t.Target
}

// EndOn is the end of the phase in force on day d: the planned end, moved
// by each extension that took effect by d.
func (f *Framework) EndOn(d Date) Date {
	end := f.Planned
	if end.IsZero() {
		end = f.End
	}
	for _, x := range f.Extensions {
		if !d.Before(x.From) {
			end = x.End
		}
	}
	return end
}

// Extend records extensions, in date order: the framework's End is the
// last one's.
func (f *Framework) Extend(xs ...Extension) {
	if f.Planned.IsZero() {
		f.Planned = f.End
	}
	f.Extensions = append(f.Extensions, xs...)
	if n := len(f.Extensions); n > 0 {
		f.End = f.Extensions[n-1].End
	}
}

// DueOn is when ind is due under the terms in force on day d.
func (f *Framework) DueOn(ind *Indicator, d Date) Date {
	if t := ind.TermsOn(d); !t.Due.IsZero() {
		return t.Due
	}
	return f.EndOn(d)
}

// LastPeriodOpen is the phase's last reporting period, and whether it is
// open as of instant at by the period log (closes and reopens committed
// by then, in order).
func (f *Framework) LastPeriodOpen(log []PeriodEvent, at time.Time) (Period, bool) {
	periods := f.Periods()
	last := periods[len(periods)-1]
	var then []PeriodEvent
	for _, e := range log {
		if !e.At.After(at) {
			then = append(then, e)
		}
	}
	ev, ok := LastEvents(then)[last.Name()]
	return last, !ok || ev.Action != PeriodClose
}

// Reports says whether a weekly digest on day today has anything to say:
// while the phase runs, always; once it has ended, while entries are
// recorded (about its days, late) or its last period is open.
func (f *Framework) Reports(today Date, recorded int, lastOpen bool) bool {
	return !f.EndedOn(today) || recorded > 0 || lastOpen
}

// Due is when ind is due under the terms in force on day d, and whether
// it is by d: its rating is then final.
func (f *Framework) Due(ind *Indicator, d Date) (due Date, final bool) {
	due = f.DueOn(ind, d)
	return due, !d.Before(due)
}

// EndedOn reports whether the phase has ended by day d (its end in force
// then has passed).
func (f *Framework) EndedOn(d Date) bool { return d.After(f.EndOn(d)) }

// ActiveOn reports whether the state is in the programme on day d: not
// withdrawn by then.
func (c *Country) ActiveOn(d Date) bool { return c.Withdrawn.IsZero() || d.Before(c.Withdrawn) }

// ApplicableOn lists the states ind applies to on day d: those it applies
// to that have not withdrawn by then.
func (f *Framework) ApplicableOn(ind *Indicator, d Date) []*Country {
	out := make([]*Country, 0, len(f.Countries))
	for _, c := range f.Countries {
		if ind.AppliesTo(c.Code) && c.ActiveOn(d) {
			out = append(out, c)
		}
	}
	return out
}

// ActiveOn lists the states in the programme on day d.
func (f *Framework) ActiveOn(d Date) []*Country {
	out := make([]*Country, 0, len(f.Countries))
	for _, c := range f.Countries {
		if c.ActiveOn(d) {
			out = append(out, c)
		}
	}
	return out
}

// LinkPhases makes phases, in date order and sharing their countries and
// settings, the phases of one deployment: each knows the others, and an
// indicator that continues the previous phase's of the same code counts
// its entries from where that one did.
func LinkPhases(phases []*Framework) {
	for i, p := range phases {
		p.Phases = phases
		p.number = i + 1
		for _, ind := range p.Indicators {
			ind.From = Date{}
			if i == 0 || !ind.Continues {
				continue
			}
			prev := phases[i-1].Indicator(ind.Code)
			if prev == nil {
				continue
			}
			ind.From = prev.From
			if ind.From.IsZero() {
				ind.From = phases[i-1].Start
			}
		}
	}
}

// PhaseList is the deployment's phases: f alone for a single programme.
func (f *Framework) PhaseList() []*Framework {
	if len(f.Phases) == 0 {
		return []*Framework{f}
	}
	return f.Phases
}

// Number is the phase's place in the deployment, from 1.
func (f *Framework) Number() int { return max(f.number, 1) }

// Previous is the phase before f, or nil.
func (f *Framework) Previous() *Framework {
	if n := f.Number(); n > 1 {
		return f.PhaseList()[n-2]
	}
	return nil
}

// PhaseOn is the phase day d belongs to, or nil when it falls outside
// every phase (before, after or between them).
func (f *Framework) PhaseOn(d Date) *Framework {
	for _, p := range f.PhaseList() {
		if !d.Before(p.Start) && !d.After(p.End) {
			return p
		}
	}
	return nil
}

// Current is the phase in force on day d: the one d belongs to; between
// phases or after the last, the latest that began; before the first, the
// first.
func (f *Framework) Current(d Date) *Framework {
	phases := f.PhaseList()
	cur := phases[0]
	for _, p := range phases {
		if !d.Before(p.Start) {
			cur = p
		}
	}
	return cur
}

// PhaseNamed is the phase of the deployment with name s (ignoring case),
// or at place s ("2"), or nil.
func (f *Framework) PhaseNamed(s string) *Framework {
	s = strings.TrimSpace(s)
	phases := f.PhaseList()
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= len(phases) {
		return phases[n-1]
	}
	for _, p := range phases {
		if normalise(p.Name) == normalise(s) {
			return p
		}
	}
	return nil
}

// Span is the first day of the deployment's first phase and the last of
// its last.
func (f *Framework) Span() (start, end Date) {
	phases := f.PhaseList()
	return phases[0].Start, phases[len(phases)-1].End
}

// Over reports whether nothing is expected of anyone on day d: the phase
// in force then has ended (the programme is over, or between phases).
// Reminders and nudges stop, and no state is quiet.
func (f *Framework) Over(d Date) bool { return f.Current(d).EndedOn(d) }

// owns reports whether value date d belongs to the phase: every date does
// in a single programme.
func (f *Framework) owns(d Date) bool {
	return len(f.Phases) < 2 || !d.Before(f.Start) && !d.After(f.End)
}

// Counts reports whether an entry of ind dated d counts in the phase:
// dated in it, or, for an indicator that continues the previous phase's,
// dated from where that one counted.
func (f *Framework) Counts(ind *Indicator, d Date) bool {
	return f.owns(d) || ind != nil && ind.Continues && !ind.From.IsZero() && !d.Before(ind.From) && d.Before(f.Start)
}

// opening reports whether an entry of ind dated d is one the phase opens
// with: dated before the phase, for an indicator continuing the previous
// phase's.
func (f *Framework) opening(ind *Indicator, d Date) bool {
	return ind.Continues && f.Counts(ind, d) && d.Before(f.Start)
}

// BaselineOf is the baseline of ind for one state ("" the programme) in
// the phase, given its figures s: for an indicator that continues the
// previous phase's, its value at that phase's end; else the state's
// configured baseline, or the indicator's.
func (f *Framework) BaselineOf(ind *Indicator, country string, s *Snapshot) float64 {
	if ind.Continues {
		v := s.Opening[IndicatorKey{ind.Code, country}]
		switch {
		case ind.Measure == MeasureMilestone:
			if v.Stage == ind.FinalStage() && v.Stage != "" {
				return 1
			}
			return 0
		case ind.Measure == MeasurePercent:
			return percentOf(v.Value, v.Denom)
		}
		return float64(v.Value)
	}
	if b, ok := ind.Baselines[country]; ok {
		return b
	}
	return ind.Baseline
}
