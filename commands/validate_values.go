package commands

import (
	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// achievedReduced refuses, without a note, an entry e (probe, in ledger
// with) that takes a count from its target or above to below it, as a
// stage going back is: in the value now (before → after, source being
// what trainings give an indicator they feed), or where e applies in
// value-date order. With a note, the reply flags it.
func (c *Core) achievedReduced(call *call, ind *ctbot.Indicator, with []*ctbot.Entry, e *ctbot.Entry, before, after ctbot.IndicatorValue, source int64) ([]reply.Inline, error) {
	from, to := source+before.Value, source+after.Value
	if !ind.Reduces(e.Country, from, to) && ind.Source == "" {
		b, a := ctbot.ReplayAround(ind, with, e)
		from, to = b.Value, a.Value
	}
	if !ind.Reduces(e.Country, from, to) {
		return nil, nil
	}
	target := call.l.Number(ind.TargetFor(e.Country))
	if e.Note == "" {
		return nil, badField("note", "err.achieved_reduced_note", "Code", ind.Code, "Country", stateName{c.fw, e.Country},
			"From", from, "To", to, "Target", target)
	}
	return []reply.Inline{call.l.T("record.achieved_reduced", "Code", ind.Code, "From", from, "To", to, "Target", target)}, nil
}

// sameDay explains, for each entry of with recorded by someone else on
// e's value date whose order with e matters (a set and an add), in which
// order they apply: in recording order, e (probe) being recorded last
// unless it is an amendment.
func (c *Core) sameDay(call *call, ind *ctbot.Indicator, with []*ctbot.Entry, e *ctbot.Entry) []reply.Inline {
	var out []reply.Inline
	l := call.l
	for _, x := range with {
		if x == e || !ctbot.OrderMatters(x, e) {
			continue
		}
		first, second := l.T("record.pair_entry", "ID", ID(x.ID), "Change", indicatorChange(l, c.fw, x), "By", reply.User(x.UserID)),
			l.T("record.pair_this", "Change", indicatorChange(l, c.fw, e))
		set := e.Op == ctbot.OpSet
		if x.ID > e.ID {
			first, second, set = second, first, !set
		}
		var day []*ctbot.Entry
		for _, y := range with {
			if !y.Date.After(e.Date) {
				day = append(day, y)
			}
		}
		v := ctbot.Replay(ind, day)
		value := reply.Plain(ID(v.Value))
		if v.Denom > 0 {
			value = l.T("state.ratio", "Pct", l.Percent(100*float64(v.Value)/float64(v.Denom)), "Num", v.Value, "Den", v.Denom)
		}
		msg := "record.same_day_set_first"
		if set { // the set is recorded second: it replaces the add
			msg = "record.same_day_add_first"
		}
		out = append(out, l.T(msg, "First", first, "Second", second, "Date", e.Date, "Value", value))
	}
	return out
}
