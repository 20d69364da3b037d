package commands

import (
	"context"
	"fmt"
	"strings"

	"github.com/cttechplus/ctbot"
)

// homeEntries is how many of the viewer's own entries the App Home lists.
const homeEntries = 5

// Home is the App Home tab for user: every indicator with a progress bar,
// upcoming events, quiet countries and the user's own recent entries.
func (c *Core) Home(ctx context.Context, user string) (Reply, error) {
	now := c.now()
	today := c.fw.Today(now)
	if !c.access.CanRead(c.fw, user) {
		r := c.askHelp("")
		r.Sections = append([]Section{{Header: c.fw.Name}}, r.Sections...)
		return r, nil
	}
	s, err := c.store.Snapshot(ctx, c.fw, now)
	if err != nil {
		return Reply{}, fmt.Errorf("home: %w", err)
	}
	v := c.NewView(s, today)
	r := Reply{Sections: []Section{{Header: c.fw.Name + " at a glance", Context: v.timeline()}}}
	for _, p := range v.progress {
		r.Sections = append(r.Sections, Section{Text: fmt.Sprintf("*%s* — %s\n`%s` %s of the target\n%s",
			p.Indicator.Code, Esc(p.Indicator.Title), ProgressBar(progressShare(p)), ctbot.FormatPercent(100*progressShare(p)),
			strings.TrimPrefix(v.IndicatorLine(p), p.Rating.Emoji()+" "))})
	}
	if up := v.Upcoming(); up != "" {
		r.Sections = append(r.Sections, Section{Text: up, Divider: true})
	}
	if q := v.QuietText(); q != "" {
		r.Sections = append(r.Sections, Section{Text: q, Divider: true})
	}
	mine, err := c.store.History(ctx, ctbot.EntryFilter{User: user, Limit: homeEntries})
	if err != nil {
		return Reply{}, fmt.Errorf("home: %w", err)
	}
	var b strings.Builder
	for _, e := range mine {
		line := fmt.Sprintf("`#%d` %s — %s", e.ID, Describe(c.fw, e), Ago(now, e.CreatedAt))
		if e.Retracted {
			line = "~" + line + "~ (retracted)"
		}
		b.WriteString(line + "\n")
	}
	if b.Len() == 0 {
		b.WriteString(fmt.Sprintf("None yet. Record one with `%s new` or `%s help`.", c.command, c.command))
	}
	r.Sections = append(r.Sections, Section{Text: "*Your recent entries*\n" + b.String(), Divider: true})
	return r, nil
}

// progressShare is how far an indicator has come from baseline to target, in [0, 1].
func progressShare(p ctbot.Progress) float64 {
	if p.Target <= p.Baseline {
		return 0
	}
	return min(max((p.Actual-p.Baseline)/(p.Target-p.Baseline), 0), 1)
}

// ProgressBar draws a share in [0, 1] as ten cells.
func ProgressBar(share float64) string {
	n := int(share*10 + 0.5)
	return strings.Repeat("▓", n) + strings.Repeat("░", 10-n)
}
