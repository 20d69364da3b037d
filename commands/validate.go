package commands

import (
	"context"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// checks qualify validation: what the person confirmed, and which entry an
// amendment replaces (it is not its own duplicate).
type checks struct {
	confirm  bool         // an implausible value is right
	again    bool         // a second session of a training already recorded
	amending int64        // the entry being amended, 0 when recording
	was      *ctbot.Entry // its version before the amendment
}

// Bounds beyond which a value needs confirm.
const (
	implausibleTrained = 200 // people in one training
	implausibleFactor  = 2   // times an indicator's target
)

// validate applies the rules every entry must pass, when recorded and when
// amended: the framework's (ctbot.Framework.Check, which storage applies
// again as it writes), then those that need the entries recorded or what
// the person confirmed. It returns what the reply should flag.
func (c *Core) validate(ctx context.Context, call *call, e *ctbot.Entry, ck checks) ([]reply.Inline, error) {
	if e.Kind == ctbot.KindTraining && e.Title == "" && call.req.Source == FromModal {
		return nil, badField("title", "err.course_missing_form")
	}
	if err := c.fw.Check(e, call.today, ck.amending != 0); err != nil {
		return nil, err
	}
	switch e.Kind {
	case ctbot.KindTraining:
		return nil, c.checkTraining(ctx, e, ck)
	case ctbot.KindIndicator:
		return c.checkIndicator(ctx, call, e, ck)
	}
	return nil, nil
}

// checkTraining refuses an implausible number trained unless confirmed,
// and a training that looks like one already recorded (ctbot's
// Framework.LooksLike: the same state and course, days that overlap or
// are a few apart) unless it is another session. An amendment is refused
// only for a training it makes look like one it did not look like before.
func (c *Core) checkTraining(ctx context.Context, e *ctbot.Entry, ck checks) error {
	if e.Trained > implausibleTrained && !ck.confirm && (ck.was == nil || e.Trained > ck.was.Trained) {
		return badField("trained", "err.implausible_trained", "N", e.Trained, "Max", implausibleTrained)
	}
	if ck.again {
		return nil
	}
	from, to := e.NearWindow()
	near, err := c.entries.TrainingsNear(ctx, e.Country, from, to)
	if err != nil {
		return err
	}
	for _, s := range near {
		if s.ID == ck.amending || !c.fw.LooksLike(e, s) || ck.was != nil && c.fw.LooksLike(ck.was, s) {
			continue
		}
		return badField("title", "err.training_duplicate", "ID", ID(s.ID), "Entry", c.trainingBrief(s), "Cmd", c.command)
	}
	return nil
}

// checkIndicator applies the rules of an indicator's value that look at
// what its ledger gives with the entry, whatever its date: a value fed by
// trainings never goes below 0; a stage out of order with its neighbours
// in value-date order, or a count taken from its target or above to below
// it, needs a note and is flagged; a set and an add dated the same day by
// different people are explained; a count raised above twice its target
// needs confirm.
func (c *Core) checkIndicator(ctx context.Context, call *call, e *ctbot.Entry, ck checks) ([]reply.Inline, error) {
	phase := c.fw.PhaseFor(e.Date, call.today)
	ind := phase.Indicator(e.Indicator)
	all, err := c.entries.Ledger(ctx, e.Indicator, e.Country)
	if err != nil {
		return nil, err
	}
	var ledger, others []*ctbot.Entry // of the phase
	for _, x := range all {
		if !phase.Counts(ind, x.Date) {
			continue
		}
		ledger = append(ledger, x)
		if x.ID != ck.amending {
			others = append(others, x)
		}
	}
	probe := *e
	if probe.ID == 0 {
		probe.ID = 1 << 62 // recorded last of its day
	}
	if probe.UserID == "" {
		probe.UserID = call.user()
	}
	with := append(others, &probe)
	before, after := ctbot.Replay(ind, ledger), ctbot.Replay(ind, with)
	var source int64 // what trainings give an indicator they feed
	if ind.Source != "" {
		s, err := c.phaseSnapshot(ctx, call, phase)
		if err != nil {
			return nil, err
		}
		source = s.Indicators[ctbot.IndicatorKey{Indicator: ind.Code, Country: e.Country}].FromSource
	}
	var flags []reply.Inline
	if e.Op == ctbot.OpStage {
		if from, to := stageBack(ind, with, &probe); from != "" {
			if e.Note == "" {
				return nil, badField("note", "err.stage_back_note", "From", from, "To", to)
			}
			flags = append(flags, call.l.T("record.stage_back", "From", from, "To", to))
		}
	}
	reduced, err := c.achievedReduced(call, ind, with, &probe, before, after, source)
	if err != nil {
		return nil, err
	}
	flags = append(append(flags, reduced...), c.sameDay(call, ind, with, &probe)...)
	switch {
	case ind.Source != "":
		if v := source + after.Adjusted; v < 0 {
			return nil, badField("value", "err.fed_negative", "Code", ind.Code, "Country", stateName{c.fw, e.Country},
				"Value", v, "Source", source, "Adjusted", signed(after.Adjusted))
		}
	case ind.Measure == ctbot.MeasureCount && !ck.confirm:
		target := ind.TermsOn(e.Date).For(e.Country)
		if float64(after.Value) > implausibleFactor*target && after.Value > before.Value {
			return nil, badField("value", "err.implausible_value", "Value", after.Value, "Target", call.l.Number(target), "Code", ind.Code)
		}
	}
	return flags, nil
}

// stageBack finds whether stage entry e goes back in its ledger es (in any
// order): below the stage dated before it, or above the one dated after
// it. It returns the stages gone from and to, or "".
func stageBack(ind *ctbot.Indicator, es []*ctbot.Entry, e *ctbot.Entry) (from, to string) {
	var stages []*ctbot.Entry
	for _, x := range es {
		if x.Op == ctbot.OpStage {
			stages = append(stages, x)
		}
	}
	ctbot.ValueOrder(stages)
	for i, x := range stages {
		if x != e {
			continue
		}
		if i > 0 && ind.StageIndex(stages[i-1].Stage) > ind.StageIndex(e.Stage) {
			return stages[i-1].Stage, e.Stage
		}
		if i+1 < len(stages) && ind.StageIndex(e.Stage) > ind.StageIndex(stages[i+1].Stage) {
			return e.Stage, stages[i+1].Stage
		}
	}
	return "", ""
}

// valueNow says what an indicator fed by trainings now stands at after an
// adjustment: "Now 48: 43 from trainings, +5 adjusted"; nil otherwise.
func (c *Core) valueNow(ctx context.Context, call *call, e *ctbot.Entry) reply.Inline {
	phase := c.fw.PhaseFor(e.Date, call.today)
	ind := phase.Indicator(e.Indicator)
	if e.Kind != ctbot.KindIndicator || ind == nil || ind.Source == "" {
		return nil
	}
	s, err := c.phaseSnapshot(ctx, call, phase)
	if err != nil {
		return nil
	}
	v := s.Indicators[ctbot.IndicatorKey{Indicator: e.Indicator, Country: e.Country}]
	return call.l.T("record.fed_now", "Value", v.Value, "Source", v.FromSource, "Adjusted", signed(v.Adjusted))
}

// signed writes n with its sign: +5, -3, 0.
func signed(n int64) string {
	if n > 0 {
		return "+" + ID(n)
	}
	return ID(n)
}
