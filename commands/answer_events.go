package commands

import (
	"slices"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// ofStates reports whether an entry is of the states asked (any when none
// is).
func (a *asked) ofStates(e *ctbot.Entry) bool {
	if len(a.q.States) == 0 {
		return true
	}
	a.use(qStates)
	for _, c := range a.q.States {
		if c.Code == e.Country {
			return true
		}
	}
	return false
}

// inWindow reports whether day d is in the question's window of value
// dates (any day when it has none).
func (a *asked) inWindow(d ctbot.Date) bool {
	w := a.q.Window
	if w.IsZero() {
		return true
	}
	if w.Recorded {
		a.skip(qWindow, "planned_recorded")
		return true
	}
	a.use(qWindow)
	return !d.IsZero() && (w.From.IsZero() || !d.Before(w.From)) && (w.To.IsZero() || !d.After(w.To))
}

// eventList is a headed list of events: "what, where, when: N", the
// events, where the details are.
func (a *asked) eventList(what string, when reply.Inline, es []*ctbot.Entry, line func(*ctbot.Entry) reply.Inline) reply.Doc {
	doc := reply.Doc{a.head(what, a.where(), when, a.l.T("ask.events", "N", len(es)))}
	if len(es) > 0 {
		doc = append(doc, reply.List{Items: a.v.eventLines(es, "", line)})
	}
	return append(doc, a.details())
}

// upcomingKinds are the kinds of event a question about what is coming
// may name (as its Measure): only events of that kind are listed.
var upcomingKinds = map[string]ctbot.Kind{"workshops": ctbot.KindWorkshop, "kickoffs": ctbot.KindKickoff}

// upcoming answers the kick-offs and workshops planned in the next days
// asked (by default the configured lookahead), or in the window asked.
// Asked about one kind of event ("upcoming workshops") with no days, it
// lists every one planned from today on, saying from when to when.
func (a *asked) upcoming() (reply.Doc, error) {
	from, to := a.today, a.today.AddDays(a.c.lookahead)
	when := a.l.T("ask.when.ahead", "N", a.c.lookahead)
	kind, one := upcomingKinds[a.q.Measure]
	switch w := a.q.Window; {
	case one && a.q.Ahead == 0 && w.IsZero():
		to = ctbot.Date{}
	case a.q.Ahead > 0:
		a.use(qAhead)
		to, when = a.today.AddDays(a.q.Ahead), a.l.T("ask.when.ahead", "N", a.q.Ahead)
		a.skip(qWindow, "ahead_given")
	case !w.IsZero() && !w.Recorded:
		a.use(qWindow)
		from, to, when = maxDate(w.From, a.today), w.To, a.when()
	}
	var es []*ctbot.Entry
	last := from
	for _, e := range a.s.Open {
		if !e.Date.IsZero() && !e.Date.Before(from) && (to.IsZero() || !e.Date.After(to)) && a.ofStates(e) && (!one || e.Kind == kind) {
			es = append(es, e)
			last = maxDate(last, e.Date)
		}
	}
	if to.IsZero() {
		when = reply.Plain(a.l.DateRange(from, last))
	}
	doc := a.eventList("upcoming", when, es, a.v.soonLine)
	if len(es) == 0 && !to.IsZero() {
		doc = slices.Insert(doc, 1, reply.Block(reply.Para{Text: a.nextAfter(to, kind, one)}))
	}
	return doc, nil
}

// nextAfter says what is planned next after day to (of the states and the
// kind asked), or that nothing is: for an answer with nothing coming up.
func (a *asked) nextAfter(to ctbot.Date, kind ctbot.Kind, one bool) reply.Inline {
	for _, e := range a.s.Open { // by date
		if !e.Date.IsZero() && e.Date.After(to) && a.ofStates(e) && (!one || e.Kind == kind) {
			return a.l.T("ask.next_after", "Next", a.v.soonLine(e))
		}
	}
	return a.l.T("ask.nothing_after", "Cmd", a.c.command)
}

func maxDate(d, e ctbot.Date) ctbot.Date {
	if d.After(e) {
		return d
	}
	return e
}

// overdue answers the planned kick-offs and workshops whose day has
// passed with nothing recorded of them, and the states whose kick-off is
// not yet held.
func (a *asked) overdue() (reply.Doc, error) {
	var es []*ctbot.Entry
	for _, e := range a.overdueEvents() {
		if a.inWindow(e.Date) {
			es = append(es, e)
		}
	}
	when := a.l.T("ask.when.all", "Date", a.today)
	if a.used[qWindow] {
		when = a.when()
	}
	doc := a.eventList("overdue", when, es, a.overdueLine)
	if not := a.kickoffsNotHeld(); not != nil {
		doc = append(doc[:len(doc)-1], reply.Para{Text: not}, doc[len(doc)-1])
	}
	return doc, nil
}

// overdueEvents are the planned kick-offs and workshops of the states
// asked whose day has passed with nothing recorded of them.
func (a *asked) overdueEvents() []*ctbot.Entry {
	var es []*ctbot.Entry
	for _, e := range a.s.Open {
		if !e.Date.IsZero() && e.Date.Before(a.today) && a.ofStates(e) {
			es = append(es, e)
		}
	}
	return es
}

// overdueLine is an overdue event in a line, with how to settle it.
func (a *asked) overdueLine(e *ctbot.Entry) reply.Inline {
	return a.l.T("upcoming.overdue_line", "Entry", Describe(a.l, a.fw, e), "ID", ID(e.ID))
}

// kickoffsNotHeld names the states asked whose kick-off is not held, with
// where it stands; nil if every one is.
func (a *asked) kickoffsNotHeld() reply.Inline {
	var parts []reply.Inline
	for _, c := range a.states() {
		if k := a.s.Kickoffs[c.Code]; k == nil || k.Status != ctbot.StatusHeld {
			parts = append(parts, a.l.T("ask.state_state", "State", c.NameIn(a.l.Lang()), "Text", a.v.kickoffState(c.Code)))
		}
	}
	if parts == nil {
		return nil
	}
	return a.l.T("ask.kickoffs_not_held", "N", len(parts), "List", reply.Join(a.l.T("list.sep"), parts...))
}

// kickoffs answers which states held their kick-off, and when, and which
// not yet.
func (a *asked) kickoffs() (reply.Doc, error) {
	a.use(qStates)
	var held []reply.Inline
	for _, c := range a.states() {
		if k := a.s.Kickoffs[c.Code]; k != nil && k.Status == ctbot.StatusHeld && a.inWindow(k.Date) {
			held = append(held, a.l.T("ask.state_state", "State", c.NameIn(a.l.Lang()), "Text", reply.Plain(a.l.Date(k.Date))))
		}
	}
	doc := reply.Doc{a.head("kickoffs", a.where(), a.when(), a.l.T("ask.kickoffs_held", "N", len(held), "Of", len(a.states())))}
	if held != nil {
		doc = append(doc, reply.List{Items: held})
	}
	if not := a.kickoffsNotHeld(); not != nil {
		doc = append(doc, reply.Para{Text: not})
	}
	return append(doc, a.details()), nil
}

// events answers the kick-offs and workshops of the states asked: each
// event's latest entry, planned or held, in the window asked.
func (a *asked) events() (reply.Doc, error) {
	if len(a.q.States) == 0 {
		return a.upcoming()
	}
	a.use(qStates)
	var es []*ctbot.Entry
	for _, c := range a.q.States {
		for _, k := range []ctbot.Kind{ctbot.KindKickoff, ctbot.KindWorkshop} {
			series, err := a.c.figures.Series(a.ctx, k, c.Code)
			if err != nil {
				return nil, err
			}
			for _, e := range series {
				if a.inWindow(e.Date) {
					es = append(es, e)
				}
			}
		}
	}
	return a.eventList("events", a.when(), es, func(e *ctbot.Entry) reply.Inline { return Describe(a.l, a.fw, e) }), nil
}

// behind answers which states and indicators are behind: each state
// behind on any indicator (of those the question names, else all), even
// one on track overall, with its value; then the indicators named, or
// every indicator behind; the events overdue; quiet states; states with
// no data.
func (a *asked) behind() (reply.Doc, error) {
	a.skip(qWindow, "value_now")
	l := a.l
	named := len(a.q.Indicators) > 0
	inds := a.indicators()
	var states, clear, none []reply.Inline
	for _, c := range a.states() {
		var on []reply.Inline
		data := false
		for _, p := range a.v.progress {
			if !slices.Contains(inds, p.Indicator) {
				continue
			}
			for _, sp := range p.States {
				data = data || sp.Country == c && sp.HasData
				if sp.Country == c && sp.HasData && sp.Behind() {
					on = append(on, l.T("ask.behind_on", "Name", p.Indicator.NameIn(l.Lang()), "Value", a.stateValue(p.Indicator, sp),
						"Rating", a.v.rating(sp.Rating)))
				}
			}
		}
		name := c.NameIn(l.Lang())
		switch {
		case !data:
			none = append(none, reply.Plain(name))
			continue
		case on == nil:
			clear = append(clear, reply.Plain(name))
			continue
		}
		states = append(states, l.T("ask.state_line", "State", name, "Text", reply.Join(l.T("list.sep"), on...)))
	}
	a.use(qStates)
	suffix := ""
	if named {
		suffix = "_named"
	}
	if a.q.NoData { // "countries with zero data?": those alone
		text := l.T("ask.no_data_none")
		if none != nil {
			text = l.T("ask.no_data_states"+suffix, "List", reply.Join(l.T("list.sep"), none...))
		}
		return reply.Doc{a.head("behind", a.where(), l.T("ask.when.all", "Date", a.today), text), a.details()}, nil
	}
	doc := reply.Doc{a.head("behind", a.where(), l.T("ask.when.all", "Date", a.today), l.T("ask.states_behind"+suffix, "N", len(states)))}
	if states != nil {
		doc = append(doc, reply.List{Items: states})
	}
	if clear != nil {
		doc = append(doc, reply.Para{Text: l.T("ask.not_behind"+suffix, "List", reply.Join(l.T("list.sep"), clear...))})
	}
	if none != nil {
		doc = append(doc, reply.Para{Text: l.T("ask.no_data_states"+suffix, "List", reply.Join(l.T("list.sep"), none...))})
	}
	switch {
	case named:
		for _, ind := range inds {
			doc = append(doc, reply.Para{Text: l.T("ask.head_now", "What", reply.Plain(ind.NameIn(l.Lang())), "Date", a.today,
				"Text", a.v.IndicatorLine(a.v.progressOf(ind)))})
		}
		return append(doc, a.details()), nil
	case len(a.q.States) == 0:
		ilines, apart, _ := a.v.Gaps()
		if ilines != nil {
			doc = append(doc, reply.List{Title: l.T("behind.indicators"), Items: ilines})
		}
		if apart != nil {
			doc = append(doc, reply.Para{Text: apart})
		}
	}
	if es := a.overdueEvents(); es != nil {
		doc = append(doc, reply.List{Title: l.T("ask.overdue_events", "N", len(es)), Items: a.v.eventLines(es, "", a.overdueLine)})
	}
	if q := a.quietLine(); q != nil {
		doc = append(doc, reply.Para{Text: q})
	}
	return append(doc, a.details()), nil
}

// stateValue is a state's value of an indicator in words: a stage, a
// share with its counts, or a count of its target ("12/40").
func (a *asked) stateValue(ind *ctbot.Indicator, sp ctbot.StateProgress) reply.Inline {
	switch ind.Measure {
	case ctbot.MeasureMilestone:
		return reply.Plain(sp.Stage)
	case ctbot.MeasurePercent:
		return a.v.share(int64(sp.Num), int64(sp.Den))
	}
	return reply.Plain(a.l.Number(sp.Actual) + "/" + a.l.Number(sp.Target))
}

// quietLine names the quiet states asked, and those with no entry yet.
func (a *asked) quietLine() reply.Inline {
	countries, days := a.v.Quiet()
	var parts []reply.Inline
	for i, c := range countries {
		if len(a.q.States) > 0 && !slices.Contains(a.q.States, c) {
			continue
		}
		if days[i] < 0 {
			parts = append(parts, a.l.T("quiet.never", "Country", c.NameIn(a.l.Lang())))
		} else {
			parts = append(parts, a.l.T("quiet.days", "Country", c.NameIn(a.l.Lang()), "N", days[i]))
		}
	}
	if parts == nil {
		return nil
	}
	return reply.Lines(a.l.T("quiet.title", "N", a.c.quiet), reply.Join(a.l.T("list.sep"), parts...))
}

// quiet answers which states have recorded nothing for the quiet period.
func (a *asked) quiet() (reply.Doc, error) {
	a.use(qStates)
	a.skip(qWindow, "quiet_period", "N", a.c.quiet)
	q := a.quietLine()
	if q == nil {
		q = a.l.T("ask.none_quiet", "N", a.c.quiet)
	}
	return reply.Doc{reply.Para{Text: q}, a.details()}, nil
}

// readiness answers the states' readiness scores: each state's profile
// and change since the assessment before, and the weakest and strongest
// pillar.
func (a *asked) readiness() (reply.Doc, error) {
	a.skip(qWindow, "latest_assessment")
	if len(a.q.States) == 0 {
		doc := a.v.ReadinessTable().Doc
		if p := a.pillars(a.fw.Countries); p != nil {
			doc = append(doc, reply.Para{Text: p})
		}
		return append(doc, a.details("status readiness")), nil
	}
	a.use(qStates)
	var doc reply.Doc
	for _, c := range a.q.States {
		profile := a.v.readinessOf(c)
		if profile == nil {
			doc = append(doc, reply.Para{Text: a.l.T("ask.not_assessed", "State", c.NameIn(a.l.Lang()))})
			continue
		}
		doc = append(doc, reply.Para{Text: reply.Styled(c.NameIn(a.l.Lang()), reply.Bold)})
		doc = append(doc, profile...)
		if p := a.pillars([]*ctbot.Country{c}); p != nil {
			doc = append(doc, reply.Para{Text: p})
		}
	}
	return append(doc, a.details()), nil
}

// pillars names the weakest and the strongest pillar of states' latest
// assessments (their scores summed); nil when none was assessed.
func (a *asked) pillars(cs []*ctbot.Country) reply.Inline {
	sums := map[string]int{}
	n := 0
	for _, c := range cs {
		if p, ok := a.s.Readiness[c.Code]; ok {
			n++
			for pillar, s := range p.Latest.Scores {
				sums[pillar] += s
			}
		}
	}
	if n == 0 {
		return nil
	}
	lo, hi := a.fw.Readiness.Pillars[0], a.fw.Readiness.Pillars[0]
	for _, p := range a.fw.Readiness.Pillars {
		if sums[p] < sums[lo] {
			lo = p
		}
		if sums[p] > sums[hi] {
			hi = p
		}
	}
	avg := func(p string) string { return a.l.Number(float64(sums[p]) / float64(n)) }
	r := a.fw.Readiness
	return a.l.T("ask.pillars", "Weakest", r.PillarIn(a.l.Lang(), lo), "Low", avg(lo), "Strongest", r.PillarIn(a.l.Lang(), hi), "High", avg(hi), "N", n)
}

// lastReport answers when the states asked last recorded something, and
// what: their latest entry. It shows entries' text: to the asker alone.
func (a *asked) lastReport() (reply.Doc, error) {
	a.people = true
	a.use(qStates)
	var items []reply.Inline
	for _, c := range a.states() {
		last, ok := a.s.LastEntry[c.Code]
		if !ok {
			items = append(items, a.l.T("quiet.never", "Country", c.NameIn(a.l.Lang())))
			continue
		}
		es, err := a.c.entries.History(a.ctx, ctbot.EntryFilter{Country: c.Code, Limit: 1, Active: true})
		if err != nil {
			return nil, err
		}
		ago := a.l.T("days.today")
		if n := a.today.DaysSince(last); n > 0 {
			ago = a.l.T("ago.days", "N", n)
		}
		line := a.l.T("ask.last_report", "State", c.NameIn(a.l.Lang()), "Date", last, "Ago", ago)
		if len(es) > 0 {
			e, _ := preview(es[0])
			line = reply.Lines(line, a.l.T("gaps.behind_line", "Text", DescribeBody(a.l, a.fw, e)))
		}
		items = append(items, line)
	}
	doc := reply.Doc{a.head("lastreport", a.where(), a.l.T("ask.when.all", "Date", a.today), nil)}
	doc = append(doc, reply.List{Items: items})
	return append(doc, a.historyDetails()), nil
}
