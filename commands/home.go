package commands

import (
	"context"
	"fmt"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// homeEntries is how many of the viewer's own entries the App Home lists.
const homeEntries = 5

// Home is the App Home tab for user: every indicator with a progress bar,
// upcoming events, quiet countries and the user's own recent entries.
func (c *Core) Home(ctx context.Context, user string) (Reply, error) {
	l := c.Loc(user)
	now := c.now()
	today := c.fw.Today(now)
	if !c.access.CanRead(c.fw, user) {
		r := c.askHelp(l, nil)
		r.Doc = append(reply.Doc{reply.Heading{Text: reply.Plain(c.fw.Name)}}, r.Doc...)
		return r, nil
	}
	s, err := c.store.Current(ctx, c.fw)
	if err != nil {
		return Reply{}, fmt.Errorf("home: %w", err)
	}
	v := c.NewView(l, s, today)
	doc := reply.Doc{reply.Heading{Text: l.T("home.title", "Name", c.fw.Name)}, reply.Note{Text: v.Timeline()}}
	for _, p := range v.progress {
		share := progressShare(p)
		doc = append(doc, reply.Para{Text: reply.Lines(
			l.T("home.indicator", "Code", p.Indicator.Code, "Title", p.Indicator.Title),
			l.T("home.bar", "Bar", ProgressBar(share), "Pct", l.Percent(100*share)),
			v.indicatorBody(p),
		)})
	}
	doc = append(doc, v.Upcoming()...)
	if q := v.QuietList(); q != nil {
		doc = append(doc, reply.Divider{}, q)
	}
	mine, err := c.store.History(ctx, ctbot.EntryFilter{User: user, Limit: homeEntries})
	if err != nil {
		return Reply{}, fmt.Errorf("home: %w", err)
	}
	var items []reply.Inline
	for _, e := range mine {
		line := l.T("home.entry", "ID", ID(e.ID), "Entry", Describe(l, c.fw, e), "Ago", Ago(l, now, e.CreatedAt))
		if e.Retracted {
			line = l.T("home.entry_retracted", "Line", line)
		}
		items = append(items, line)
	}
	if len(items) == 0 {
		items = append(items, l.T("home.no_entries", "Cmd", c.command))
	}
	doc = append(doc, reply.Divider{}, reply.List{Title: l.T("home.yours"), Items: items})
	return Reply{Doc: doc}, nil
}

// progressShare is how far an indicator has come from baseline to target,
// in [0, 1]; a share, how close it is to its target.
func progressShare(p ctbot.Progress) float64 {
	switch {
	case p.Rating == ctbot.NoData:
		return 0
	case p.Indicator.Measure == ctbot.MeasurePercent && p.Target > 0:
		return min(max(p.Actual/p.Target, 0), 1)
	case p.Target <= p.Baseline:
		return 0
	}
	return min(max((p.Actual-p.Baseline)/(p.Target-p.Baseline), 0), 1)
}

// ProgressBar draws a share in [0, 1] as ten cells.
func ProgressBar(share float64) string {
	n := int(share*10 + 0.5)
	return strings.Repeat("▓", n) + strings.Repeat("░", 10-n)
}
