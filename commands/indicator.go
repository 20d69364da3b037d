package commands

import (
	"cmp"
	"context"
	"regexp"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
)

func runIndicator(ctx context.Context, c *Core, call *call) (Reply, error) {
	// on= may stand anywhere; confirm before or after the value, before
	// the note (where it is a word like any other). The day says which
	// phase's indicators the code is one of.
	on, err := call.args.takeAnywhere("on")
	if err != nil {
		return Reply{}, err
	}
	day := call.today
	if d, err := call.takeOn(on); err == nil && !d.IsZero() {
		day = d
	}
	phase := c.fw.PhaseFor(day, call.today)
	t, ok := call.args.next()
	if !ok {
		return Reply{}, badInput("err.indicator_missing")
	}
	ind := phase.LookupIndicator(t.text)
	if ind == nil {
		return Reply{}, unknownIndicator(phase, t.text)
	}
	country, err := call.args.country(c.fw, true)
	if err != nil {
		return Reply{}, err
	}
	if err := phase.CheckScope(ind, country); err != nil {
		return Reply{}, err
	}
	if err := c.mayRecord(call, country); err != nil {
		return Reply{}, err
	}
	confirm := call.args.leadingFlag("confirm")
	v, ok := call.args.next()
	if !ok {
		return Reply{}, badField("value", "err.value_missing")
	}
	confirm = call.args.leadingFlag("confirm") || confirm
	date, err := call.takeOn(on)
	if err != nil {
		return Reply{}, err
	}
	var value ctbot.Entry
	if err := parseIndicatorValue(ind, v.text, &value); err != nil {
		return Reply{}, err
	}
	return c.record(ctx, call, &IndicatorInput{Indicator: ind.Code, Country: country, On: date, Op: value.Op, Value: value.Value,
		Denom: value.Denom, Stage: value.Stage, Note: call.args.rest(), Confirm: confirm, Evidence: call.evidence})
}

var ratioRE = regexp.MustCompile(`^(\+?)(\d+)/(\d+)$`)

// parseIndicatorValue reads N, +N, N/M, +N/M or a stage name into e; for
// an indicator fed by trainings, also -N (an adjustment). The framework
// checks what it reads (a stage of the indicator, a ratio no more than
// whole).
func parseIndicatorValue(ind *ctbot.Indicator, s string, e *ctbot.Entry) error {
	switch ind.Measure {
	case ctbot.MeasureMilestone:
		e.Op, e.Stage = ctbot.OpStage, cmp.Or(ind.Stage(s), strings.ToLower(s)) // by its code or its name in any language
	case ctbot.MeasurePercent:
		m := ratioRE.FindStringSubmatch(s)
		if m == nil {
			if strings.HasPrefix(s, "-") {
				return badField("value", "err.ratio_negative", "Text", s)
			}
			return badField("value", "err.not_ratio", "Code", ind.Code, "Text", s)
		}
		num, err1 := parseCount(locale.M("what.numerator"), m[2])
		den, err2 := parseCount(locale.M("what.denominator"), m[3])
		if err := cmp.Or(err1, err2); err != nil {
			return err
		}
		e.Op, e.Value, e.Denom = ctbot.OpSet, int64(num), int64(den)
		if m[1] == "+" {
			e.Op = ctbot.OpAdd
		}
	default:
		if strings.Contains(s, "/") {
			return badField("value", "err.not_count", "Code", ind.Code, "Text", s)
		}
		if minus, ok := strings.CutPrefix(s, "-"); ok && ind.Source != "" {
			n, err := parseCount(locale.M("what.value"), minus)
			if err != nil {
				return err
			}
			e.Op, e.Value = ctbot.OpAdd, -int64(n)
			return nil
		}
		n, err := parseCount(locale.M("what.value"), s)
		if err != nil {
			return err
		}
		e.Op, e.Value = ctbot.OpSet, int64(n)
		if strings.HasPrefix(s, "+") {
			e.Op = ctbot.OpAdd
		}
	}
	return nil
}

// unknownIndicator refuses s, which is no indicator of phase fw.
func unknownIndicator(fw *ctbot.Framework, s string) error {
	if sug := fw.SuggestIndicators(s); len(sug) > 0 {
		return badInput("err.unknown_indicator_suggest", "Text", s, "List", codeList(sug))
	}
	var codes []string
	for _, ind := range fw.Indicators {
		codes = append(codes, ind.Code)
	}
	return badInput("err.unknown_indicator", "Text", s, "List", joined(codes))
}
