package commands

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// NoteFramework logs the configuration's results framework as a new
// version when it differs from the latest logged, with what changed, as
// actor "config" from source (the configuration file): a ctbot that opens
// the database to write calls it when it starts, the configuration read.
// It returns the version now latest and whether it was logged now.
func (c *Core) NoteFramework(ctx context.Context, source string) (ctbot.FrameworkVersion, bool, error) {
	body, err := c.fw.Canonical()
	if err != nil {
		return ctbot.FrameworkVersion{}, false, err
	}
	return c.periods.LogFramework(ctx, body, ctbot.FrameworkHash(body), ctbot.FrameworkActor, source,
		func(latest *ctbot.FrameworkVersion) ([]ctbot.FrameworkChange, error) {
			if latest == nil {
				return nil, nil
			}
			return ctbot.FrameworkChanges(latest.Framework, body)
		})
}

// frameworkChangesOf are the changes to the results framework a period's
// report mentions: used, those logged since the period began that its
// figures were measured with (for a kept report, up to its close); after,
// for a kept report, those logged after its close, not in it.
func (c *Core) frameworkChangesOf(ctx context.Context, r periodReport) (used, after []ctbot.FrameworkVersion, err error) {
	vs, err := c.periods.FrameworkLog(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("logframe %s: %w", r.lf.Period, err)
	}
	since := r.lf.Period.Start.Midnight(c.fw.Location)
	for _, v := range vs {
		switch {
		case len(v.Changes) == 0:
		case r.lf.Kept && v.ID > r.frameworkID:
			after = append(after, v)
		case !v.At.Before(since):
			used = append(used, v)
		}
	}
	return used, after, nil
}

// frameworkLines says each version's changes: "framework changed on
// Sun 10 Jan 2027: end 2026-12-31 → 2027-06-30".
func (c *Core) frameworkLines(l *locale.Loc, vs []ctbot.FrameworkVersion) []reply.Inline {
	out := make([]reply.Inline, 0, len(vs))
	for _, v := range vs {
		changes := make([]reply.Inline, len(v.Changes))
		for i, ch := range v.Changes {
			changes[i] = c.frameworkChange(l, ch)
		}
		out = append(out, l.T("framework.changed_on", "Date", ctbot.DateOf(v.At.In(c.fw.Location)),
			"Changes", reply.Join(l.T("framework.sep"), changes...)))
	}
	return out
}

// frameworkChange says one change: "end 2026-12-31 → 2027-06-30",
// "investigators-trained: target 40 → 50", "state Malaysia removed",
// "CT TECH+ phase 2 — end 2027-12-31 → 2028-06-30".
func (c *Core) frameworkChange(l *locale.Loc, ch ctbot.FrameworkChange) reply.Inline {
	if ch.Phase != "" {
		if ch.Field == "" && ch.Country == "" && ch.Indicator == "" {
			return l.T(map[bool]string{true: "framework.phase_added", false: "framework.phase_removed"}[ch.Old == ""], "Subject", ch.Phase)
		}
		in := ch
		in.Phase = ""
		return l.T("framework.in_phase", "Phase", ch.Phase, "Change", c.frameworkChange(l, in))
	}
	subject, kind := ch.Indicator, "indicator"
	if ch.Country != "" {
		subject, kind = ch.Name, "state"
		if co := c.fw.Country(ch.Country); co != nil {
			subject = co.NameIn(l.Lang())
		}
		subject = cmp.Or(subject, ch.Country)
	}
	switch {
	case ch.Added():
		return l.T("framework."+kind+"_added", "Subject", subject)
	case ch.Removed():
		return l.T("framework."+kind+"_removed", "Subject", subject)
	}
	var field reply.Inline = reply.Plain(strings.ReplaceAll(ch.Field, "_", " "))
	if id := "framework.field." + ch.Field; l.Has(id) {
		field = l.T(id)
	}
	if ch.Key != "" {
		field = l.T("framework.keyed", "Field", field, "Key", ch.Key)
	}
	none := l.T("framework.none")
	old, cur := reply.Inline(reply.Plain(ch.Old)), reply.Inline(reply.Plain(ch.New))
	if ch.Old == "" {
		old = none
	}
	if ch.New == "" {
		cur = none
	}
	if subject == "" {
		return l.T("framework.change", "Field", field, "Old", old, "New", cur)
	}
	return l.T("framework.change_of", "Subject", subject, "Field", field, "Old", old, "New", cur)
}

// IATIReport is what the IATI file of period p is written from: the
// framework of p's phase (the one the close of its last period kept, if
// it is closed and kept one; else the configuration's) and the logframe of
// each period of the phase's configured length up to p's end (a period of
// a year at most, as IATI's are), then p itself if none of them reaches
// it (a month of a programme reporting by quarters).
func (c *Core) IATIReport(ctx context.Context, p ctbot.Period) (*ctbot.Framework, []*ctbot.Logframe, error) {
	var lfs []*ctbot.Logframe
	periods := c.phaseOf(p).Periods()
	for _, q := range periods {
		if q.End.After(p.End) {
			break
		}
		lf, err := c.Logframe(ctx, q, "")
		if err != nil {
			return nil, nil, err
		}
		lfs = append(lfs, lf)
	}
	if len(lfs) == 0 || p.Start.After(lfs[len(lfs)-1].Period.End) {
		lf, err := c.Logframe(ctx, p, "")
		if err != nil {
			return nil, nil, err
		}
		lfs = append(lfs, lf)
	}
	return lfs[len(lfs)-1].Framework, lfs, nil
}
