package commands

import (
	"cmp"
	"context"
	"errors"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// phaseOption reads phase=NAME (a phase's name or number) anywhere in the
// command: the phase it names, or, without it, the one in force today.
func (c *Core) phaseOption(call *call) (*ctbot.Framework, error) {
	p, _, err := c.phaseGiven(call)
	return p, err
}

// phaseGiven is phaseOption, and whether phase= was given.
func (c *Core) phaseGiven(call *call) (*ctbot.Framework, bool, error) {
	opts, err := call.args.takeAnywhere("phase")
	if err != nil {
		return nil, false, err
	}
	name, given := opts["phase"]
	if !given {
		return c.fw.Current(call.today), false, nil
	}
	p, err := c.phaseNamed(name)
	return p, true, err
}

// phaseNamed is the phase name (a phase's name or number) names, or a
// refusal listing the phases.
func (c *Core) phaseNamed(name string) (*ctbot.Framework, error) {
	if p := c.fw.PhaseNamed(name); p != nil {
		return p, nil
	}
	return nil, badField("phase", "err.unknown_phase", "Text", name, "List", c.phaseNames())
}

// phaseNames lists the phases as people may name them: "1 (CT TECH+), 2
// (CT TECH+ phase 2)".
func (c *Core) phaseNames() joined {
	var names joined
	for _, p := range c.fw.PhaseList() {
		names = append(names, fmt.Sprintf("%d (%s)", p.Number(), p.Name))
	}
	return names
}

// phaseSnapshot is the figures of phase as known now: those of now for
// the phase in force, replayed for another.
func (c *Core) phaseSnapshot(ctx context.Context, call *call, phase *ctbot.Framework) (*ctbot.Snapshot, error) {
	if phase == c.fw.Current(call.today) {
		return c.figures.Current(ctx)
	}
	return c.figures.PhaseSnapshot(ctx, phase, call.now)
}

// reportPeriod reads the period a report or an export is of, with
// phase=: a period of any length or "final" if the next word is one (see
// inPhase), else the last complete one.
func (c *Core) reportPeriod(call *call) (ctbot.Period, error) {
	phase, given, err := c.phaseGiven(call)
	if err != nil {
		return ctbot.Period{}, err
	}
	t, ok := call.args.peek()
	if !ok {
		return c.inPhase(call.today, ctbot.Period{}, false, phase, given)
	}
	p, named := c.anyPeriod(t.text)
	if named {
		call.args.next()
	}
	return c.inPhase(call.today, p, named, phase, given)
}

// ReportPeriod is the period `ctbot report -period NAME -phase PHASE` is
// of on day today, read as `/ct report` reads it ("" for the last
// complete one, or the phase in force); a refusal says why in words.
func (c *Core) ReportPeriod(ctx context.Context, today ctbot.Date, name, phase string) (ctbot.Period, error) {
	ph, given := c.fw.Current(today), phase != ""
	var err error
	if given {
		ph, err = c.phaseNamed(phase)
	}
	p, named := c.anyPeriod(name)
	if name != "" && !named {
		err = cmp.Or(err, badField("period", "err.period_bad", "Text", name, "Example", ctbot.PeriodOf(c.fw.Period, today).Name()))
	}
	if err == nil {
		p, err = c.inPhase(today, p, named, ph, given)
	}
	var e *ctbot.Error
	if errors.As(err, &e) && e.Message != "" {
		return p, errors.New(c.say(ctx, c.Loc(""), e).String())
	}
	return p, err
}

// anyPeriod reads a period of any length, or "final" in any language.
func (c *Core) anyPeriod(s string) (ctbot.Period, bool) {
	return ctbot.ParseAnyPeriod(c.words.word(s))
}

// inPhase is the period a report is made of: p as its phase reports it
// (the phase phase= named, the one in force for "final", else the one p
// falls in), cut to its days; when none was named, the last complete
// period of the phase or, if none is complete yet, of the one before.
func (c *Core) inPhase(today ctbot.Date, p ctbot.Period, named bool, phase *ctbot.Framework, given bool) (ctbot.Period, error) {
	if !named {
		for ph := phase; ph != nil; ph = ph.Previous() {
			if last, ok := ph.LastComplete(today); ok {
				return last, nil
			}
		}
		return ctbot.Period{}, refused("err.no_period_complete", "First", c.fw.Periods()[0].Name())
	}
	if !given && p.Kind != ctbot.Whole {
		phase = c.fw.PhaseOf(p)
	}
	if phase != nil {
		if q, ok := phase.ReportPeriod(p); ok {
			return q, nil
		}
	}
	return ctbot.Period{}, c.outside(p, phase)
}

// outside refuses period p as outside phase, or, with no phase, outside
// the programme.
func (c *Core) outside(p ctbot.Period, phase *ctbot.Framework) error {
	start, end := c.fw.Span()
	if phase != nil {
		start, end = phase.Start, phase.End
	}
	return refused("err.period_outside", "Period", p.Name(), "Start", start, "End", end)
}
