package commands

import (
	"context"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
)

// Prompt is a question suggested to someone, as Slack's assistant pane
// shows it: a short Title, and the Message sent in their name when they
// choose it, a question Ask answers.
type Prompt struct {
	Title, Message string
}

// maxPrompts is how many prompts Prompts suggests at most (Slack shows four).
const maxPrompts = 4

// Prompts are up to four questions to suggest to user, in their language,
// drawn from the figures now: how the state most behind is doing (a focal
// point's own state), what is coming up when something is planned within
// the lookahead, which states are behind when any is, how many more
// people are still to be trained while the target is not reached, and
// what changed this week when something was recorded. With none of these
// (or no figures), how the programme is doing. Nothing for someone who
// may not read the figures: each question would be refused.
func (c *Core) Prompts(ctx context.Context, user string) []Prompt {
	l := c.Loc(user)
	ac := c.accessNow(ctx)
	if !ac.CanRead(c.fw, user) {
		return nil
	}
	overview := []Prompt{prompt(l, "overview")}
	s, err := c.figures.Current(ctx)
	if err != nil {
		c.log.ErrorContext(ctx, "figures not read for suggested prompts", "err", err)
		return overview
	}
	today := c.fw.Today(c.now())
	v := c.NewView(l, s, today)
	var out []Prompt
	if co := v.promptState(ac.FocalCountries(c.fw, user)); co != nil {
		out = append(out, prompt(l, "state", "Country", co.NameIn(l.Lang())))
	}
	if v.plannedSoon() {
		out = append(out, prompt(l, "upcoming", "N", v.lookahead))
	}
	if v.anyBehind() {
		out = append(out, prompt(l, "behind"))
	}
	if v.moreToTrain() {
		out = append(out, prompt(l, "more"))
	}
	if v.recordedThisWeek() {
		out = append(out, prompt(l, "changed"))
	}
	if len(out) == 0 {
		return overview
	}
	return out[:min(len(out), maxPrompts)]
}

// prompt is the prompt of catalogue keys prompts.<name>_title and
// prompts.<name>, as plain text.
func prompt(l *locale.Loc, name string, args ...any) Prompt {
	return Prompt{Title: l.S("prompts."+name+"_title", args...), Message: l.S("prompts."+name, args...)}
}

// promptState is the state to suggest asking about: the first of a focal
// point's own states still in the programme, else the state behind on the
// most indicators (the lowest summed pace breaking ties, then framework
// order); nil when none is behind.
func (v *View) promptState(own []string) *ctbot.Country {
	for _, code := range own {
		if co := v.fw.Country(code); co != nil && co.ActiveOn(v.today) {
			return co
		}
	}
	behind := map[*ctbot.Country]int{}
	pace := map[*ctbot.Country]float64{}
	var order []*ctbot.Country
	for _, p := range v.progress {
		for _, sp := range p.States {
			if !sp.Behind() {
				continue
			}
			if behind[sp.Country] == 0 {
				order = append(order, sp.Country)
			}
			behind[sp.Country]++
			pace[sp.Country] += sp.Pace
		}
	}
	var worst *ctbot.Country
	for _, co := range order {
		if worst == nil || behind[co] > behind[worst] || behind[co] == behind[worst] && pace[co] < pace[worst] {
			worst = co
		}
	}
	return worst
}

// plannedSoon reports whether a kick-off or workshop is planned within
// the lookahead (what a question about what is coming lists).
func (v *View) plannedSoon() bool {
	horizon := v.today.AddDays(v.lookahead)
	for _, e := range v.s.Open {
		if !e.Date.IsZero() && !e.Date.Before(v.today) && !e.Date.After(horizon) {
			return true
		}
	}
	return false
}

// anyBehind reports whether an indicator, or a state on one, is behind.
func (v *View) anyBehind() bool {
	for _, p := range v.progress {
		if p.Rating.Behind() {
			return true
		}
		for _, sp := range p.States {
			if sp.Behind() {
				return true
			}
		}
	}
	return false
}

// moreToTrain reports whether an indicator fed by trainings is short of
// its target and not yet due.
func (v *View) moreToTrain() bool {
	for _, p := range v.progress {
		if p.Indicator.Source == ctbot.SourceTrainings && !p.Final && p.Actual < p.Target {
			return true
		}
	}
	return false
}

// recordedThisWeek reports whether anything was recorded in the last
// seven days.
func (v *View) recordedThisWeek() bool {
	for _, d := range v.s.LastEntry {
		if v.today.DaysSince(d) < 7 {
			return true
		}
	}
	return false
}
