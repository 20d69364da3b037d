package commands

import (
	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// windowed reports whether the question narrows activity (a window, or
// trainings' qualifiers, people or evidence): the status of now, all time,
// would then be a broader figure, so the activity so narrowed answers.
func (a *asked) windowed() bool {
	return !a.snapshotServes(true) || len(a.q.Topics)+len(a.q.Levels) > 0
}

// overview answers how the programme is doing: its status, or its
// activity in the window asked.
func (a *asked) overview() (reply.Doc, error) {
	if a.q.Women {
		return a.women()
	}
	if a.windowed() || len(a.q.States) > 0 {
		return a.activity()
	}
	return append(a.v.Overview().Doc, a.details()), nil
}

// state answers how one or more states are doing: each state's status,
// or their activity in the window asked.
func (a *asked) state() (reply.Doc, error) {
	if a.q.Women {
		return a.women()
	}
	if len(a.q.States) == 0 || a.windowed() {
		return a.activity()
	}
	a.use(qStates, qIndicators) // a state's status shows every indicator
	var doc reply.Doc
	for _, c := range a.q.States {
		doc = append(doc, a.v.Country(c).Doc...)
	}
	return append(doc, a.details()), nil
}

// compare answers states side by side: each indicator, activities and
// readiness, a column per state; in a window, their activity in it.
func (a *asked) compare() (reply.Doc, error) {
	if len(a.q.States) < 2 {
		return a.state()
	}
	if a.q.Women {
		return a.women()
	}
	if a.windowed() {
		return a.activity()
	}
	a.use(qStates, qIndicators) // a row per indicator
	return append(a.v.Compare(a.q.States).Doc, a.details()), nil
}

// activity is the trainings and workshops held of the states asked (or
// the programme), in the window asked: in total and state by state.
func (a *asked) activity() (reply.Doc, error) {
	tTotal, ts, err := a.trainingsBy()
	if err != nil {
		return nil, err
	}
	wTotal, ws, err := a.workshopsBy()
	if err != nil {
		return nil, err
	}
	line := func(t ctbot.TrainingTotals, w ctbot.WorkshopTotals) reply.Inline {
		return reply.Join(a.l.T("ask.answer_sep"), a.trainingsLine(t), a.workshopsLine(w))
	}
	doc := reply.Doc{a.head("activity", a.narrowed(a.where()), a.when(), line(tTotal, wTotal))}
	doc = append(doc, a.byState(func(c *ctbot.Country) (reply.Inline, bool) {
		return line(ts[c.Code], ws[c.Code]), ts[c.Code].Count > 0 || ws[c.Code].Held > 0
	})...)
	return append(doc, a.details()), nil
}

// indicators are the indicators the question names; those fed by
// trainings when it names none but asks about trainings; else all.
func (a *asked) indicators() []*ctbot.Indicator {
	if len(a.q.Indicators) > 0 {
		a.use(qIndicators)
		return a.q.Indicators
	}
	var out []*ctbot.Indicator
	if a.q.Subject == SubjectTrainings || a.q.Subject == SubjectWomen || len(a.q.Topics)+len(a.q.Levels)+len(a.q.Courses) > 0 {
		for _, ind := range a.fw.Indicators {
			if ind.Source == ctbot.SourceTrainings {
				out = append(out, ind)
			}
		}
	}
	if out == nil {
		out = a.fw.Indicators
	}
	return out
}

// indicator answers an indicator's value, target and rating, with the
// states asked (or every state); in a window, its value as of the
// window's end.
func (a *asked) indicator() (reply.Doc, error) {
	if len(a.q.Indicators) == 0 {
		return a.overview()
	}
	if !a.q.Window.To.IsZero() && !a.q.Window.Recorded {
		return a.valuesAsOf()
	}
	a.skip(qWindow, "value_now")
	a.use(qIndicators)
	var doc reply.Doc
	for _, ind := range a.q.Indicators {
		p := a.v.progressOf(ind)
		doc = append(doc, reply.Para{Text: a.l.T("ask.head_now", "What", reply.Plain(ind.NameIn(a.l.Lang())), "Date", a.today,
			"Text", a.v.IndicatorLine(p))})
		doc = append(doc, a.stateRows(p)...)
		if ind.Source == ctbot.SourceTrainings {
			doc = append(doc, reply.Note{Text: a.l.T("indicator.fed_by_trainings")})
		}
	}
	return append(doc, a.details()), nil
}

// stateRows are an indicator's line for each state asked (every state
// when none is); nothing for a programme-wide indicator.
func (a *asked) stateRows(p ctbot.Progress) reply.Doc {
	if p.States == nil {
		return nil
	}
	a.use(qStates)
	want := map[*ctbot.Country]bool{}
	for _, c := range a.q.States {
		want[c] = true
	}
	var rows []reply.Inline
	for _, sp := range p.States {
		if len(want) == 0 || want[sp.Country] {
			rows = append(rows, a.v.StateLine(p.Indicator, sp, reply.Plain(sp.Country.NameIn(a.l.Lang()))))
		}
	}
	if rows == nil {
		return nil
	}
	return reply.Doc{reply.List{Items: rows}}
}

// valuesAsOf answers the indicators' values as of the end of the window:
// an indicator's value is all that was recorded up to a day, so the
// window's start does not apply.
func (a *asked) valuesAsOf() (reply.Doc, error) {
	a.use(qIndicators)
	f := ctbot.Filter{States: codes(a.q.States), To: a.q.Window.To}
	for _, ind := range a.q.Indicators {
		f.Indicators = append(f.Indicators, ind.Code)
	}
	a.skip(qWindow, "value_to")
	r, err := a.query(ctbot.Values, f, ctbot.GroupBy{})
	if err != nil {
		return nil, err
	}
	if !a.q.Window.From.IsZero() {
		a.used[qWindow] = false // its end only
	}
	var doc reply.Doc
	for _, ind := range a.q.Indicators {
		var items []reply.Inline
		for _, c := range append([]*ctbot.Country{nil}, a.states()...) {
			code, name := "", a.l.S("ask.programme_wide")
			if c != nil {
				code, name = c.Code, c.NameIn(a.l.Lang())
			}
			if c == nil && ind.Scope != ctbot.ScopeProgramme || c != nil && ind.Scope == ctbot.ScopeProgramme {
				continue
			}
			val, ok := r.Total.Values[ctbot.IndicatorKey{Indicator: ind.Code, Country: code}]
			items = append(items, a.l.T("ask.state_line", "State", name, "Text", a.valueText(ind, val, ok)))
		}
		doc = append(doc, reply.Para{Text: a.l.T("ask.head_now", "What", reply.Plain(ind.NameIn(a.l.Lang())), "Date", a.q.Window.To,
			"Text", a.l.T("ask.value_as_of"))}, reply.List{Items: items})
	}
	return append(doc, a.details()), nil
}

// valueText is an indicator's value in words: a count, a share, a stage.
func (a *asked) valueText(ind *ctbot.Indicator, v ctbot.IndicatorValue, ok bool) reply.Inline {
	switch {
	case !ok || v.Entries == 0 && v.FromSource == 0 && v.Stage == "":
		return a.l.T("ask.no_data")
	case ind.Measure == ctbot.MeasureMilestone:
		return reply.Plain(v.Stage)
	case ind.Measure == ctbot.MeasurePercent:
		return a.v.share(v.Value, v.Denom)
	}
	return reply.Plain(a.l.Number(float64(v.Value)))
}

// target answers how far each indicator asked is from its target and how
// many more are needed, overall and per state, and when it is due; by
// the end of the window asked, against the target due by then.
func (a *asked) target() (reply.Doc, error) {
	a.use(qMore)
	by := a.today
	if w := a.q.Window; !w.To.IsZero() && !w.Recorded && w.To.After(a.today) {
		by = w.To
		a.use(qWindow)
	} else {
		a.skip(qWindow, "target_window")
	}
	var doc reply.Doc
	for _, ind := range a.indicators() {
		p := a.v.progressOf(ind)
		due, final := a.fw.Due(ind, a.today)
		doc = append(doc, reply.Para{Text: a.gapLine(ind, p, by, due, final)})
		if ind.Scope == ctbot.ScopeEach && ind.Measure == ctbot.MeasureCount {
			var rows []reply.Inline
			want := map[*ctbot.Country]bool{}
			for _, c := range a.q.States {
				want[c] = true
			}
			for _, sp := range p.States {
				if len(want) > 0 && !want[sp.Country] {
					continue
				}
				t := a.targetBy(ind, sp.Target, by)
				rows = append(rows, a.l.T("ask.gap_state", "State", sp.Country.NameIn(a.l.Lang()), "Actual", a.l.Number(sp.Actual),
					"Target", a.l.Number(t), "More", a.l.Number(max(0, t-sp.Actual))))
			}
			a.use(qStates)
			if rows != nil {
				doc = append(doc, reply.List{Items: rows})
			}
		} else {
			doc = append(doc, a.stateRows(p)...)
		}
	}
	return append(doc, a.details()), nil
}

// targetBy is the target of a value due by day d: the whole target when
// d is the due date or later, else that of the milestones by d.
func (a *asked) targetBy(ind *ctbot.Indicator, target float64, d ctbot.Date) float64 {
	if d == a.today {
		return target
	}
	return a.fw.TargetDue(ind, target, d)
}

// gapLine is how far an indicator is from its target: the value, the
// target, how many more (a count: the sum of each state's gap), and when
// it is due.
func (a *asked) gapLine(ind *ctbot.Indicator, p ctbot.Progress, by, due ctbot.Date, final bool) reply.Inline {
	l := a.l
	name := reply.Plain(ind.NameIn(l.Lang()))
	when := l.T("ask.due", "Date", due)
	if final {
		when = l.T("ask.was_due", "Date", due, "Rating", a.v.rating(p.Rating))
	}
	switch ind.Measure {
	case ctbot.MeasureMilestone:
		more := max(0, int(p.Target)-p.AtTarget)
		return l.T("ask.gap_milestone", "Name", name, "K", p.AtTarget, "Target", l.Number(p.Target), "Stage", stageName(l, ind, ind.FinalStage()), "More", more, "Due", when)
	case ctbot.MeasurePercent:
		return l.T("ask.gap_percent", "Name", name, "Value", a.v.share(p.Num, p.Den), "K", p.AtTarget, "N", len(p.States),
			"Target", l.Percent(p.Target), "Due", when)
	}
	more, target := 0.0, 0.0
	if ind.Scope == ctbot.ScopeEach {
		want := map[*ctbot.Country]bool{}
		for _, c := range a.q.States {
			want[c] = true
		}
		actual := 0.0
		for _, sp := range p.States {
			if len(want) == 0 || want[sp.Country] {
				t := a.targetBy(ind, sp.Target, by)
				target, actual = target+t, actual+min(sp.Actual, t)
				more += max(0, t-sp.Actual)
			}
		}
		return l.T("ask.gap_count", "Name", name, "Where", a.where(), "Actual", l.Number(actual), "Target", l.Number(target),
			"More", l.Number(more), "By", a.byText(by), "Due", when)
	}
	target = a.targetBy(ind, p.Target, by)
	return l.T("ask.gap_count", "Name", name, "Where", l.T("ask.programme_wide"), "Actual", l.Number(p.Actual), "Target", l.Number(target),
		"More", l.Number(max(0, target-p.Actual)), "By", a.byText(by), "Due", when)
}

// byText says by when a gap is counted: nothing for the target itself.
func (a *asked) byText(by ctbot.Date) reply.Inline {
	if by == a.today {
		return nil
	}
	return a.l.T("ask.by_date", "Date", by)
}

// event answers whether the single-event indicators (one event for the
// whole programme, nothing expected before it is due) have happened, and
// when.
func (a *asked) event() (reply.Doc, error) {
	var doc reply.Doc
	for _, ind := range a.fw.Indicators {
		if ind.Pace != ctbot.PaceDue || ind.Scope != ctbot.ScopeProgramme {
			continue
		}
		p := a.v.progressOf(ind)
		due, _ := a.fw.Due(ind, a.today)
		var text reply.Inline
		if v := a.s.Indicators[ctbot.IndicatorKey{Indicator: ind.Code}]; p.Actual >= p.Target && !v.Latest.IsZero() {
			text = a.l.T("ask.event_held", "N", int(p.Actual), "Date", v.Latest, "Due", due)
		} else {
			text = a.l.T("ask.event_not_held", "Actual", a.l.Number(p.Actual), "Target", a.l.Number(p.Target), "Due", due, "Rating", a.v.rating(p.Rating))
		}
		doc = append(doc, reply.Para{Text: a.l.T("ask.head_now", "What", reply.Plain(ind.NameIn(a.l.Lang())), "Date", a.today, "Text", text)})
		a.q.Indicators = append(a.q.Indicators, ind)
	}
	a.use(qIndicators)
	a.skip(qStates, "programme_event")
	a.skip(qWindow, "value_now")
	return append(doc, a.details()), nil
}
