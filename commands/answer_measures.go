package commands

import (
	"cmp"
	"slices"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// women answers what share of the trainees were women: of the attendances
// and of the new people, in total and by state, with the states of the
// best and worst balance. It says it is not the indicator of women in
// policy design, which measures something else.
func (a *asked) women() (reply.Doc, error) {
	a.use(qWomen)
	total, by, err := a.trainingsBy()
	if err != nil {
		return nil, err
	}
	doc := reply.Doc{a.head("women", a.narrowed(a.where()), a.when(), a.womenLine(total))}
	doc = append(doc, a.byState(func(c *ctbot.Country) (reply.Inline, bool) {
		t := by[c.Code]
		return a.womenLine(t), t.Count > 0
	})...)
	if b := a.balance(by); b != nil {
		doc = append(doc, reply.Para{Text: b})
	}
	for _, ind := range a.fw.Indicators {
		if ind.Measure == ctbot.MeasurePercent && !slices.Contains(a.q.Indicators, ind) {
			doc = append(doc, reply.Note{Text: a.l.T("ask.women_not_indicator", "Name", ind.NameIn(a.l.Lang()), "Code", ind.Code)})
		}
	}
	return append(doc, a.details()), nil
}

// womenLine is the share of women among the trained and among the new
// people of trainings t, over those that report it.
func (a *asked) womenLine(t ctbot.TrainingTotals) reply.Inline {
	if t.Count == 0 {
		return a.l.T("ask.trainings_none")
	}
	line := a.l.T("ask.women_share", "Trained", a.shareOf(t.Women, t.Reported, t.Unreported, t.Count),
		"New", a.shareOf(t.NewWomen, t.NewReported, t.NewUnreported, t.Count))
	return line
}

// shareOf is women of reported people as a share ("36% (17/48)"), saying
// how many of n trainings did not report it; no share under
// MinShareBase people.
func (a *asked) shareOf(women, reported, unreported, n int) reply.Inline {
	if reported == 0 {
		return a.l.T("share.unreported")
	}
	s := a.v.share(int64(women), int64(reported))
	if unreported > 0 {
		s = s.Append(a.l.T("ask.not_reported_for", "K", unreported, "N", n))
	}
	return s
}

// balance names the states with the highest and the lowest share of women
// among the trained, of those with enough people to show a share; nil
// with fewer than two.
func (a *asked) balance(by map[string]ctbot.TrainingTotals) reply.Inline {
	type st struct {
		c     *ctbot.Country
		share float64
	}
	var ss []st
	for _, c := range a.states() {
		if pct, ok := by[c.Code].WomenShare(); ok {
			ss = append(ss, st{c, pct})
		}
	}
	if len(ss) < 2 {
		return nil
	}
	slices.SortStableFunc(ss, func(x, y st) int { return cmp.Compare(y.share, x.share) })
	names := func(share float64) reply.Inline {
		var out []reply.Inline
		for _, s := range ss {
			if s.share == share {
				out = append(out, reply.Plain(s.c.NameIn(a.l.Lang())))
			}
		}
		return reply.Join(a.l.T("list.sep"), out...)
	}
	best, worst := ss[0].share, ss[len(ss)-1].share
	return a.l.T("ask.women_balance", "Best", names(best), "BestPct", a.l.Percent(best),
		"Worst", names(worst), "WorstPct", a.l.Percent(worst))
}

// rankMeasures are the measures states are ranked by, besides indicators.
var rankMeasures = []string{"trained", "new", "women", "women_share", "trainings", "workshops", "participants", "readiness"}

// ranked is a state's figure in a ranking.
type ranked struct {
	c     *ctbot.Country
	value float64
	text  string
}

// rank answers the states in order of a measure, ties sharing a place,
// and names the states with nothing to rank.
func (a *asked) rank() (reply.Doc, error) {
	a.use(qRank)
	by := a.q.Rank.By
	ind := a.fw.Indicator(by)
	if ind == nil && !slices.Contains(rankMeasures, by) {
		a.used[qRank] = false
		a.skip(qRank, "rank_unknown")
		by = "trained"
	}
	var rs []ranked
	var none []reply.Inline
	var err error
	if ind != nil {
		a.use(qIndicators)
		rs, none = a.rankIndicator(ind)
	} else {
		rs, none, err = a.rankActivity(by)
	}
	if err != nil {
		return nil, err
	}
	if a.q.Rank.Least {
		slices.Reverse(rs)
	}
	var items []reply.Inline
	place := 0
	for i, r := range rs {
		if i == 0 || r.value != rs[i-1].value {
			place = i + 1
		}
		if top := a.q.Rank.Top; top > 0 && place > top {
			break // "top 3": the first three places, ties kept
		}
		items = append(items, a.l.T("ask.rank_line", "Place", place, "State", r.c.NameIn(a.l.Lang()), "Value", r.text))
	}
	var measure reply.Inline
	if ind != nil {
		measure = reply.Plain(ind.NameIn(a.l.Lang()))
	} else {
		measure = a.l.T("ask.rank_by." + by)
	}
	order := "ask.rank_most"
	if a.q.Rank.Least {
		order = "ask.rank_least"
	}
	text := a.l.T(order, "Measure", measure)
	if len(items) == 0 {
		text = a.l.T("ask.rank_nothing", "Measure", measure)
	}
	doc := reply.Doc{a.head("rank", a.narrowed(a.where()), a.when(), text)}
	if items != nil {
		doc = append(doc, reply.List{Items: items})
	}
	if none != nil {
		doc = append(doc, reply.Para{Text: a.l.T("ask.none_from", "List", reply.Join(a.l.T("list.sep"), none...))})
	}
	return append(doc, a.details()), nil
}

// rankActivity ranks the states by a measure of their trainings,
// workshops or readiness, most first.
func (a *asked) rankActivity(by string) (rs []ranked, none []reply.Inline, err error) {
	var trainings map[string]ctbot.TrainingTotals
	var workshops map[string]ctbot.WorkshopTotals
	switch by {
	case "workshops", "participants":
		_, workshops, err = a.workshopsBy()
	case "readiness":
		a.skip(qWindow, "latest_assessment")
	default:
		_, trainings, err = a.trainingsBy()
	}
	if err != nil {
		return nil, nil, err
	}
	for _, c := range a.states() {
		t, w := trainings[c.Code], workshops[c.Code]
		var value float64
		has := true
		switch by {
		case "trained":
			value, has = float64(t.Trained), t.Count > 0
		case "new":
			value, has = float64(t.New), t.Count > 0
		case "women":
			value, has = float64(t.Women), t.Reported > 0
		case "women_share":
			value, has = t.WomenShare()
		case "trainings":
			value, has = float64(t.Count), t.Count > 0
		case "workshops":
			value, has = float64(w.Held), w.Held > 0
		case "participants":
			value, has = float64(w.Participants), w.Held > 0
		case "readiness":
			p, ok := a.s.Readiness[c.Code]
			has = ok
			if ok {
				for _, n := range p.Latest.Scores {
					value += float64(n)
				}
			}
		}
		if !has {
			none = append(none, reply.Plain(c.NameIn(a.l.Lang())))
			continue
		}
		text := a.l.Number(value)
		if by == "women_share" {
			text = a.l.Percent(value)
		}
		rs = append(rs, ranked{c, value, text})
	}
	if by == "women" || by == "women_share" {
		a.use(qWomen)
	}
	slices.SortStableFunc(rs, func(x, y ranked) int { return cmp.Compare(y.value, x.value) })
	return rs, none, nil
}

// rankIndicator ranks the states by their value of an indicator (a
// milestone by its stage), most first: the value of now.
func (a *asked) rankIndicator(ind *ctbot.Indicator) (rs []ranked, none []reply.Inline) {
	a.skip(qWindow, "value_now")
	p := a.v.progressOf(ind)
	want := map[*ctbot.Country]bool{}
	for _, c := range a.states() {
		want[c] = true
	}
	for _, sp := range p.States {
		if !want[sp.Country] {
			continue
		}
		if !sp.HasData || sp.Small {
			none = append(none, reply.Plain(sp.Country.NameIn(a.l.Lang())))
			continue
		}
		r := ranked{c: sp.Country, value: sp.Actual, text: a.l.Number(sp.Actual)}
		switch ind.Measure {
		case ctbot.MeasurePercent:
			r.value = 100 * float64(sp.Num) / float64(sp.Den)
			r.text = a.l.Percent(r.value)
		case ctbot.MeasureMilestone:
			r.value, r.text = float64(ind.StageIndex(sp.Stage)), stageName(a.l, ind, sp.Stage)
		}
		rs = append(rs, r)
	}
	slices.SortStableFunc(rs, func(x, y ranked) int { return cmp.Compare(y.value, x.value) })
	return rs, none
}
