package commands

import (
	"context"
	"slices"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// runPeriod lists the reporting periods, or closes or reopens one:
// `period`, `period close 2026-Q3 [reason]`, `period reopen 2026-Q3 <reason>`.
func runPeriod(ctx context.Context, c *Core, call *call) (Reply, error) {
	t, ok := call.args.next()
	if !ok {
		if err := c.mayRead(call); err != nil {
			return Reply{}, err
		}
		return c.periodList(ctx, call)
	}
	action := strings.ToLower(t.text)
	if action != ctbot.PeriodClose && action != ctbot.PeriodReopen {
		return Reply{}, badInput("err.period_action", "Text", t.text)
	}
	if !call.isCoordinator() {
		return Reply{}, forbidden("err.coordinators_only", "What", "period "+action)
	}
	p, err := c.periodArg(call)
	if err != nil {
		return Reply{}, err
	}
	reason, err := cleanReason(call.args.rest())
	if err != nil {
		return Reply{}, err
	}
	phase := c.fw.PhaseOf(p)
	if phase == nil {
		return Reply{}, c.outside(p, nil)
	}
	p = phase.Cut(p) // the last period ends with the programme: it can be closed once the programme has
	switch {
	case action == ctbot.PeriodReopen && reason == "":
		return Reply{}, badField("reason", "err.reopen_reason", "Period", p.Name(), "Cmd", c.command)
	case action == ctbot.PeriodClose && !p.End.Before(call.today):
		return Reply{}, refused("err.period_not_ended", "Period", p.Name(), "End", p.End)
	}
	ev, err := c.periods.LogPeriod(ctx, p, action, call.user(), reason, c.keepClose(p), call.write())
	switch {
	case ctbot.CodeOf(err) == ctbot.EDuplicate:
		return Reply{Outcome: "duplicate", Doc: reply.Doc{reply.Para{Text: call.l.T("period.duplicate", "Period", p.Name())}}}, nil
	case err != nil:
		return Reply{}, err
	}
	done := map[string]string{ctbot.PeriodClose: "period.closed", ctbot.PeriodReopen: "period.reopened"}[action]
	doc := reply.Doc{reply.Para{Text: call.l.T(done, "Period", p.Name(), "By", reply.User(ev.Actor),
		"Start", p.Start, "End", p.End, "Cmd", c.command)}}
	// A reason that seems to hold personal data is warned of to its
	// author alone: the reply is then not shown to the channel.
	warning := c.reasonWarning(call, reason, "period "+p.Name())
	return Reply{Public: warning == nil, Doc: doc.Append(warning)}, nil
}

// periodList says where each period of the programme that has begun stands.
func (c *Core) periodList(ctx context.Context, call *call) (Reply, error) {
	l := call.l
	log, err := c.periods.PeriodLog(ctx)
	if err != nil {
		return Reply{}, err
	}
	last := ctbot.LastEvents(log)
	var items []reply.Inline
	phases := c.fw.PhaseList()
	for _, ph := range phases {
		if len(phases) > 1 && !ph.Start.After(call.today) {
			items = append(items, l.T("period.phase_line", "Name", ph.Name, "Start", ph.Start, "End", ph.End))
		}
		items = append(items, c.periodLines(call, ph, last)...)
	}
	doc := reply.Doc{
		reply.Heading{Text: l.T("period.title", "Name", c.fw.Name, "Kind", l.T("period.kind."+string(c.fw.Period)))},
		reply.List{Items: items},
	}
	vs, err := c.periods.FrameworkLog(ctx)
	if err != nil {
		return Reply{}, err
	}
	vs = slices.DeleteFunc(vs, func(v ctbot.FrameworkVersion) bool { return len(v.Changes) == 0 })
	if len(vs) > 0 {
		doc = append(doc, reply.List{Title: l.T("period.framework"), Items: c.frameworkLines(l, vs)})
	}
	return Reply{Doc: append(doc, reply.Note{Text: l.T("period.footer", "Cmd", c.command)})}, nil
}

// periodLines says where each period of phase that has begun stands.
func (c *Core) periodLines(call *call, phase *ctbot.Framework, last map[string]ctbot.PeriodEvent) []reply.Inline {
	l := call.l
	var items []reply.Inline
	for _, p := range phase.Periods() {
		if p.Start.After(call.today) {
			break
		}
		ev, seen := last[p.Name()]
		when := ctbot.DateOf(ev.At.In(c.fw.Location))
		switch {
		case seen && ev.Action == ctbot.PeriodClose:
			items = append(items, l.T("period.closed_line", "Period", p.Name(), "Start", p.Start, "End", p.End, "By", reply.User(ev.Actor), "At", when))
		case seen:
			items = append(items, l.T("period.reopened_line", "Period", p.Name(), "Start", p.Start, "End", p.End, "By", reply.User(ev.Actor),
				"At", when, "Reason", ev.Reason))
		case !p.End.Before(call.today):
			items = append(items, l.T("period.current_line", "Period", p.Name(), "Start", p.Start, "End", p.End))
		default:
			items = append(items, l.T("period.open_line", "Period", p.Name(), "Start", p.Start, "End", p.End))
		}
	}
	return items
}

// periodArg reads a period name of the configured length, as a period
// is closed, reopened or redacted by.
func (c *Core) periodArg(call *call) (ctbot.Period, error) {
	t, ok := call.args.peek()
	if ok {
		if p, err := ctbot.ParsePeriod(c.fw.Period, t.text); err == nil {
			call.args.next()
			return p, nil
		}
	}
	text := ""
	if ok {
		text = t.text
	}
	return ctbot.Period{}, badField("period", "err.period_bad", "Text", text, "Example", ctbot.PeriodOf(c.fw.Period, call.today).Name())
}
