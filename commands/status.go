package commands

import (
	"context"
	"sort"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

func runStatus(ctx context.Context, c *Core, call *call) (Reply, error) {
	if err := c.mayRead(call); err != nil {
		return Reply{}, err
	}
	phase, err := c.phaseOption(call)
	if err != nil {
		return Reply{}, err
	}
	words, err := call.args.phrase()
	if err != nil {
		return Reply{}, err
	}
	country, ind, topic := phase.LookupCountry(words), phase.LookupIndicator(words), phase.Topic(words)
	readiness := c.words.command(words) == "readiness" // "préparation", "готовность"…
	var several []*ctbot.Country
	if country == nil && ind == nil && topic == "" && !readiness {
		several = c.countriesIn(words)
	}
	if words != "" && !isProgrammeWord(words) && country == nil && ind == nil && topic == "" && !readiness && several == nil {
		if sc, si := phase.SuggestCountries(words), phase.SuggestIndicators(words); len(sc)+len(si) > 0 {
			return Reply{}, badInput("err.not_country_or_indicator_suggest", "Text", words, "List", choices{phase, sc, si})
		}
		return Reply{}, badInput("err.not_country_or_indicator", "Text", words)
	}
	s, err := c.phaseSnapshot(ctx, call, phase)
	if err != nil {
		return Reply{}, err
	}
	v := c.NewPhaseView(call.l, s, call.today, phase)
	switch {
	case country != nil:
		return v.Country(country), nil
	case ind != nil:
		r := v.Indicator(ind)
		r.Doc = append(r.Doc, reply.Note{Text: c.evidenceLine(call.l, ind, s)})
		return r, nil
	case topic != "":
		return v.Topic(topic), nil
	case readiness:
		return v.ReadinessTable(), nil
	case several != nil:
		return v.Compare(several), nil
	}
	return v.Overview(), nil
}

// View renders status answers from one snapshot on one day, in one
// language. The slash command, mentions, DMs, App Home and digests all
// use it.
type View struct {
	fw        *ctbot.Framework
	l         *locale.Loc
	s         *ctbot.Snapshot
	today     ctbot.Date
	progress  []ctbot.Progress
	lookahead int
	quiet     int
	command   string
	words     vocabulary
}

// NewView prepares a view of snapshot s, of the phase in force on day
// today, on that day, in l's language.
func (c *Core) NewView(l *locale.Loc, s *ctbot.Snapshot, today ctbot.Date) *View {
	return c.NewPhaseView(l, s, today, c.fw.Current(today))
}

// NewPhaseView prepares a view of snapshot s of phase on day today.
func (c *Core) NewPhaseView(l *locale.Loc, s *ctbot.Snapshot, today ctbot.Date, phase *ctbot.Framework) *View {
	return &View{fw: phase, l: l, s: s, today: today, progress: phase.Progress(s, today),
		lookahead: c.lookahead, quiet: c.quiet, command: c.command, words: c.words}
}

// Loc is the view's language.
func (v *View) Loc() *locale.Loc { return v.l }

// Timeline says where the programme is on its timeline, or that it has
// ended; and, if its end was moved, from when.
func (v *View) Timeline() reply.Inline {
	end := v.fw.EndOn(v.today)
	total := end.DaysSince(v.fw.Start)
	var line reply.Inline
	if v.fw.EndedOn(v.today) {
		line = v.l.T("status.ended", "Programme", v.fw.Name, "Start", v.fw.Start, "End", end, "Days", total+1)
	} else {
		day := min(max(v.today.DaysSince(v.fw.Start)+1, 0), total+1)
		line = v.l.T("status.timeline", "Day", day, "Days", total+1, "Programme", v.fw.Name,
			"Start", v.fw.Start, "End", end, "Pct", v.l.Percent(100*v.fw.Elapsed(v.today)))
	}
	if end != v.fw.Planned {
		line = line.Append(v.l.T("status.extended", "Planned", v.fw.Planned))
	}
	return line
}

// Overview is the programme at a glance: every indicator, every country,
// and what is coming up.
func (v *View) Overview() Reply {
	l := v.l
	var inds, countries []reply.Inline
	for _, p := range v.progress {
		inds = append(inds, v.IndicatorLine(p))
	}
	countries = v.countryLines()
	doc := reply.Doc{
		reply.Heading{Text: l.T("status.title", "Name", v.fw.Name, "Date", v.today)},
		reply.Note{Text: v.Timeline()},
		reply.List{Title: l.T("status.indicators"), Items: inds},
		reply.Divider{},
		reply.List{Title: l.T("status.countries"), Items: countries},
	}
	doc = append(doc, v.Upcoming()...)
	doc = append(doc, reply.Note{Text: l.T("status.footer", "Cmd", v.command, "Codes", v.indicatorCodes())})
	return Reply{Doc: doc}
}

// ratingEmoji is the sign shown before a rating.
func ratingEmoji(r ctbot.Rating) string {
	return [...]string{"🔴", "🟠", "🟢", "🚀", "✅", "⏳", "⚪", "➖", "🔴", "🟠", "🔵"}[r]
}

// rating is a rating in words.
func (v *View) rating(r ctbot.Rating) reply.Inline { return v.l.T("rating." + r.Code()) }

// value writes an indicator value in its unit.
func (v *View) value(ind *ctbot.Indicator, x float64) string {
	if ind.Measure == ctbot.MeasurePercent {
		return v.l.Percent(x)
	}
	return v.l.Number(x)
}

// indicatorCodes lists the indicators' codes, as a person types them.
func (v *View) indicatorCodes() reply.Inline {
	codes := make([]reply.Inline, len(v.fw.Indicators))
	for i, ind := range v.fw.Indicators {
		codes[i] = reply.Styled(ind.Code, reply.Code)
	}
	return reply.Join(v.l.T("list.sep"), codes...)
}

// IndicatorLine is one indicator's programme-level line, after its rating sign.
func (v *View) IndicatorLine(p ctbot.Progress) reply.Inline {
	return reply.Plain(ratingEmoji(p.Rating) + " ").Append(v.indicatorBody(p))
}

// share writes a share num/den as a percentage with its counts, or says
// it is not shown when fewer than five people are behind it.
func (v *View) share(num, den int64) reply.Inline {
	if den < ctbot.MinShareBase {
		return v.l.T("share.small_sample")
	}
	return v.l.T("state.ratio", "Pct", v.l.Percent(100*float64(num)/float64(den)), "Num", num, "Den", den)
}

// indicatorBody is IndicatorLine without the rating sign.
func (v *View) indicatorBody(p ctbot.Progress) reply.Inline {
	l, ind := v.l, p.Indicator
	n := len(p.States)
	var val reply.Inline
	switch {
	case ind.Measure == ctbot.MeasureMilestone:
		val = l.T("status.value_milestone", "N", p.AtTarget, "Target", l.Number(p.Target), "Stage", stageName(l, ind, ind.FinalStage()))
	case ind.Measure == ctbot.MeasurePercent && p.Den == 0:
		val = l.T("status.value_no_data", "Target", l.Percent(p.Target))
	case ind.Measure == ctbot.MeasurePercent && ind.Scope == ctbot.ScopeEach:
		val = l.T("status.value_share", "Share", v.share(p.Num, p.Den), "K", p.Reporting, "N", n, "Target", l.Percent(p.Target))
	case ind.Measure == ctbot.MeasurePercent:
		val = l.T("status.value_percent", "Share", v.share(p.Num, p.Den), "Target", l.Percent(p.Target))
	case ind.Scope == ctbot.ScopeEach:
		val = l.T("status.value_each", "Actual", l.Number(p.Actual), "Target", l.Number(p.Target), "N", n)
		if p.Uncapped != p.Actual {
			val = val.Append(l.T("status.uncapped", "Uncapped", l.Number(p.Uncapped)))
		}
	default:
		val = l.T("status.value_count", "Actual", l.Number(p.Actual), "Target", l.Number(p.Target))
	}
	line := l.T("status.indicator_line", "Name", ind.NameIn(l.Lang()), "Value", val, "Verdict", v.verdict(ind, p.Rating, p.Expected, p.Pace, p.Reached, p.Reporting, n))
	if ind.Scope == ctbot.ScopeEach && ind.Measure != ctbot.MeasureMilestone && p.Rating != ctbot.NoData {
		line = line.Append(l.T("status.at_target", "K", p.AtTarget, "N", n))
	}
	if p.Small > 0 && p.States != nil {
		line = line.Append(l.T("status.small_left_out", "N", p.Small, "Min", ctbot.MinShareBase))
	}
	if missing := n - p.Reporting - p.Small; p.States != nil && missing > 0 && p.Reporting+p.Small > 0 {
		line = line.Append(l.T("status.no_data_from", "K", missing, "N", n))
	}
	return line
}

// verdict is what follows a value: "expected 38 by now: *on track* (pace
// 0.96)", "*not yet due* (due Thu 31 Dec 2026)", "*no data*",
// "*not rated*: 3 of 9 states reporting"; once due, "*partly achieved*,
// 65% of the way to the target (due Thu 31 Dec 2026)".
func (v *View) verdict(ind *ctbot.Indicator, r ctbot.Rating, expected, pace, reached float64, reporting, n int) reply.Inline {
	l := v.l
	due, final := v.fw.Due(ind, v.today)
	switch {
	case r == ctbot.NoData:
		return l.T("verdict.no_data", "Rating", v.rating(r))
	case r == ctbot.NotRated:
		return l.T("verdict.not_rated", "Rating", v.rating(r), "K", reporting, "N", n)
	case r == ctbot.NotYetDue:
		return l.T("verdict.not_yet_due", "Rating", v.rating(r), "Due", due)
	case r == ctbot.InProgress:
		return l.T("verdict.share", "Rating", v.rating(r))
	case r == ctbot.PartlyAchieved:
		return l.T("verdict.partly", "Rating", v.rating(r), "Share", l.Percent(100*reached), "Due", due)
	case final && r.Final():
		return l.T("verdict.final", "Rating", v.rating(r), "Due", due)
	}
	if ind.Measure == ctbot.MeasurePercent {
		return l.T("verdict.share", "Rating", v.rating(r))
	}
	out := l.T("verdict.expected", "Expected", v.value(ind, expected), "Rating", v.rating(r))
	if r != ctbot.Achieved {
		out = out.Append(l.T("status.pace", "Pace", l.Decimal(pace)))
	}
	return out
}

// countryLines are the countries' activities, a line each; countries
// whose lines would be the same ("kick-off not scheduled · last entry:
// none yet") share one, in the order of the first.
func (v *View) countryLines() []reply.Inline {
	var lines []reply.Inline
	var names [][]string
	at := map[string]int{}
	for _, c := range v.fw.ActiveOn(v.today) {
		parts := v.countryParts(c)
		key := parts.String()
		if i, ok := at[key]; ok {
			names[i] = append(names[i], c.NameIn(v.l.Lang()))
			continue
		}
		at[key] = len(lines)
		lines, names = append(lines, parts), append(names, []string{c.NameIn(v.l.Lang())})
	}
	for i, parts := range lines {
		lines[i] = v.l.T("status.country_line", "Country", strings.Join(names[i], v.l.T("list.sep").String()), "Parts", parts)
	}
	if w := v.withdrawn(); w != nil {
		lines = append(lines, w)
	}
	return lines
}

// withdrawn names the states that have left the programme, and when; nil
// if none has.
func (v *View) withdrawn() reply.Inline {
	var parts []reply.Inline
	for _, c := range v.fw.Countries {
		if !c.ActiveOn(v.today) {
			parts = append(parts, v.l.T("status.withdrawn_state", "Country", c.NameIn(v.l.Lang()), "Date", c.Withdrawn))
		}
	}
	if parts == nil {
		return nil
	}
	return v.l.T("status.withdrawn", "List", reply.Join(v.l.T("list.sep"), parts...))
}

// CountryLine is one country's activity in a line.
func (v *View) CountryLine(c *ctbot.Country) reply.Inline {
	return v.l.T("status.country_line", "Country", c.NameIn(v.l.Lang()), "Parts", v.countryParts(c))
}

// countryParts is one country's activity: its kick-off, workshops,
// trainings and last entry.
func (v *View) countryParts(c *ctbot.Country) reply.Inline {
	parts := []reply.Inline{v.l.T("status.kickoff_part", "State", v.kickoffState(c.Code))}
	if w := v.s.Workshops[c.Code]; w.Held > 0 {
		parts = append(parts, v.workshopSummary(w))
	}
	if t := v.s.Trainings[c.Code]; t.Count > 0 {
		parts = append(parts, v.trainingSummary(t))
	}
	parts = append(parts, v.l.T("status.last_part", "Value", v.lastEntry(c.Code)))
	return reply.Join(reply.Plain(" · "), parts...)
}

func (v *View) kickoffState(country string) reply.Inline {
	l, k := v.l, v.s.Kickoffs[country]
	switch {
	case k == nil:
		return l.T("kickoff.not_scheduled")
	case k.Status.Open() && !k.Date.IsZero() && k.Date.Before(v.today):
		return l.T("kickoff.overdue", "When", EventWhen(l, k.Status, k.Date))
	case k.Date.IsZero():
		return l.T("kickoff.tbc", "Status", l.T("status."+string(k.Status)))
	}
	return EventWhen(l, k.Status, k.Date)
}

func (v *View) workshopSummary(w ctbot.WorkshopTotals) reply.Inline {
	s := v.l.T("summary.workshops_held", "N", w.Held)
	if w.Participants > 0 {
		s = s.Append(v.l.T("summary.participants", "N", w.Participants, "Share", v.womenOf(w.Women, w.Reported, w.Unreported, w.Held)))
	}
	return s
}

func (v *View) trainingSummary(t ctbot.TrainingTotals) reply.Inline {
	var online reply.Inline
	if t.Online > 0 {
		online = v.l.T("summary.online", "N", t.Online)
	}
	var newWomen reply.Inline
	if w := v.newWomen(t); w != nil {
		newWomen = v.l.T("summary.new_women_part", "Text", w)
	}
	return v.l.T("summary.trainings", "N", t.Count, "Trained", t.Trained,
		"Share", v.womenOf(t.Women, t.Reported, t.Unreported, t.Count), "New", t.New, "NewWomen", newWomen, "Online", online)
}

// newWomen says how many of the new people of trainings t were women,
// over the trainings that know it, saying how many do not ("7 women
// among the 15 where reported; 2 of 3 trainings did not report women
// among new people"); nothing when no one was new.
func (v *View) newWomen(t ctbot.TrainingTotals) reply.Inline {
	if t.New == 0 {
		return nil
	}
	return v.womenAmong("summary.new_women", t.NewWomen, t.NewReported, t.NewUnreported, t.Count)
}

// womenOf is "; 36% women" over the events that report women, saying how
// many did not ("where reported, not for 2 of 5"), or nothing.
func (v *View) womenOf(women, reported, unreported, events int) reply.Inline {
	switch {
	case reported > 0 && unreported == 0:
		return v.l.T("summary.women", "Share", WomenShare(v.l, women, reported))
	case reported > 0:
		return v.l.T("summary.women_partly", "Share", WomenShare(v.l, women, reported), "K", unreported, "N", events)
	case unreported > 0:
		return v.l.T("summary.women_unreported")
	}
	return nil
}

// lastEntry is the date of the country's latest entry, flagged when quiet.
func (v *View) lastEntry(country string) reply.Inline {
	last, ok := v.s.LastEntry[country]
	if !ok {
		return v.l.T("status.last_none")
	}
	days := v.today.DaysSince(last)
	if days >= v.quiet && !v.fw.EndedOn(v.today) {
		return v.l.T("status.last_quiet", "Date", last, "N", days)
	}
	return reply.Plain(v.l.Date(last))
}

// Quiet lists the countries with no entry for the quiet period, with the
// days since their last entry (-1 for none at all): none once the phase
// has ended, nor any that withdrew.
func (v *View) Quiet() (countries []*ctbot.Country, days []int) {
	if v.fw.EndedOn(v.today) {
		return nil, nil
	}
	for _, c := range v.fw.ActiveOn(v.today) {
		last, ok := v.s.LastEntry[c.Code]
		if !ok {
			countries, days = append(countries, c), append(days, -1)
			continue
		}
		if d := v.today.DaysSince(last); d >= v.quiet {
			countries, days = append(countries, c), append(days, d)
		}
	}
	return countries, days
}

// Upcoming lists planned kick-offs and workshops within the lookahead and
// those overdue (planned date passed without a held entry); nothing if none.
func (v *View) Upcoming() reply.Doc {
	l := v.l
	var soon, overdue []*ctbot.Entry
	horizon := v.today.AddDays(v.lookahead)
	for _, e := range v.s.Open {
		switch {
		case e.Date.IsZero():
		case e.Date.Before(v.today):
			overdue = append(overdue, e)
		case !e.Date.After(horizon):
			soon = append(soon, e)
		}
	}
	var doc reply.Doc
	if len(soon) > 0 {
		doc = append(doc, reply.Divider{}, reply.List{Title: l.T("upcoming.title", "N", v.lookahead), Items: v.eventLines(soon, "", v.soonLine)})
	}
	if len(overdue) > 0 {
		doc = append(doc, reply.Divider{}, reply.List{Title: l.T("upcoming.overdue"), Items: v.eventLines(overdue, "", func(e *ctbot.Entry) reply.Inline {
			return l.T("upcoming.overdue_line", "Entry", Describe(l, v.fw, e), "ID", ID(e.ID))
		})})
	}
	return doc
}

// soonLine is an event coming up: what, and in how many days.
func (v *View) soonLine(e *ctbot.Entry) reply.Inline {
	return v.l.T("upcoming.line", "Entry", Describe(v.l, v.fw, e), "When", inDays(v.l, e.Date.DaysSince(v.today)))
}

// maxListed bounds the events an answer lists; the rest are counted.
const maxListed = 20

// eventLines writes the first maxListed events of es, and how many more
// there are, with where to see them: the state's view, or for a state's
// own view (country set) its history. Only what is shown is written.
func (v *View) eventLines(es []*ctbot.Entry, country string, line func(*ctbot.Entry) reply.Inline) []reply.Inline {
	var out []reply.Inline
	for i, e := range es {
		if i == maxListed {
			if country != "" {
				return append(out, v.l.T("list.more_country", "N", len(es)-maxListed, "Cmd", v.command, "Country", country))
			}
			return append(out, v.l.T("list.more", "N", len(es)-maxListed, "Cmd", v.command))
		}
		out = append(out, line(e))
	}
	return out
}

func inDays(l *locale.Loc, n int) reply.Inline {
	switch n {
	case 0:
		return l.T("days.today")
	case 1:
		return l.T("days.tomorrow")
	}
	return l.T("days.in", "N", n)
}

// Country is one country in detail.
func (v *View) Country(c *ctbot.Country) Reply {
	l := v.l
	act := []reply.Inline{l.T("country.kickoff", "State", v.kickoffState(c.Code))}
	if w := v.s.Workshops[c.Code]; w.Held > 0 {
		act = append(act, l.T("country.workshops", "Summary", v.workshopSummary(w)))
	} else {
		act = append(act, l.T("country.workshops_none"))
	}
	if t := v.s.Trainings[c.Code]; t.Count > 0 {
		act = append(act, l.T("country.trainings", "Summary", v.trainingSummary(t)))
	} else {
		act = append(act, l.T("country.trainings_none"))
	}
	var open []*ctbot.Entry
	for _, e := range v.s.Open {
		if e.Country == c.Code && e.Kind == ctbot.KindWorkshop && !e.Date.IsZero() {
			open = append(open, e)
		}
	}
	act = append(act, v.eventLines(open, strings.ToLower(c.Code), func(e *ctbot.Entry) reply.Inline {
		state := inDays(l, e.Date.DaysSince(v.today))
		if e.Date.Before(v.today) {
			state = l.T("upcoming.overdue_word")
		}
		return l.T("upcoming.line", "Entry", DescribeBody(l, v.fw, e), "When", state)
	})...)
	act = append(act, l.T("country.last", "Value", v.lastEntry(c.Code)))
	if !c.ActiveOn(v.today) {
		act = append([]reply.Inline{l.T("country.withdrawn", "Date", c.Withdrawn)}, act...)
	}
	var inds []reply.Inline
	for _, p := range v.progress {
		for _, sp := range p.States {
			if sp.Country == c {
				inds = append(inds, v.StateLine(p.Indicator, sp, reply.Plain(p.Indicator.NameIn(l.Lang()))))
			}
		}
	}
	doc := reply.Doc{
		reply.Heading{Text: l.T("status.title", "Name", c.NameIn(l.Lang()), "Date", v.today)},
		reply.Note{Text: v.Timeline()},
		reply.List{Title: l.T("country.activities"), Items: act},
	}
	doc = append(doc, v.coursesOf(c)...)
	doc = append(doc, v.readinessOf(c)...)
	doc = append(doc, reply.Divider{}, reply.List{Title: l.T("status.indicators"), Items: inds})
	return Reply{Doc: doc}
}

// StateLine is one country's value of an indicator; label starts the line
// (the indicator code, or the country name).
func (v *View) StateLine(ind *ctbot.Indicator, sp ctbot.StateProgress, label reply.Inline) reply.Inline {
	l := v.l
	if ind.Measure == ctbot.MeasureMilestone {
		var line reply.Inline
		switch {
		case !sp.HasData:
			return l.T("state.no_stage", "Label", label, "Stages", stagePath(l, ind))
		case sp.Stage == ind.FinalStage():
			line = l.T("state.final_stage", "Label", label, "Stage", stageName(l, ind, sp.Stage))
		default:
			line = l.T("state.stage", "Label", label, "Stage", stageName(l, ind, sp.Stage), "K", ind.StageIndex(sp.Stage)+1, "N", len(ind.Stages), "Stages", stagePath(l, ind))
		}
		if sp.StageBack {
			line = line.Append(l.T("state.stage_back", "From", stageName(l, ind, sp.StageBefore)))
		}
		return line
	}
	if !sp.HasData {
		return l.T("state.no_data_line", "Emoji", ratingEmoji(sp.Rating), "Label", label, "Target", v.value(ind, sp.Target),
			"Verdict", v.verdict(ind, sp.Rating, sp.Expected, sp.Pace, sp.Reached, 0, 1))
	}
	if sp.Small {
		// Neither the share nor its rating: both would say how many women.
		return l.T("state.small_share", "Emoji", ratingEmoji(ctbot.NotRated), "Label", label, "N", sp.Den, "Min", ctbot.MinShareBase)
	}
	val := reply.Plain(l.Number(sp.Actual))
	switch {
	case ind.Measure == ctbot.MeasurePercent:
		val = v.share(sp.Num, sp.Den)
	case ind.Source != "" && sp.Adjusted != 0:
		val = l.T("state.fed", "Value", l.Number(sp.Actual), "Source", sp.FromSource, "Adjusted", signed(sp.Adjusted))
	}
	id := "state.line"
	if ind.Measure == ctbot.MeasurePercent {
		id = "state.share_line"
	}
	line := l.T(id, "Emoji", ratingEmoji(sp.Rating), "Label", label, "Value", val,
		"Target", v.value(ind, sp.Target), "Verdict", v.verdict(ind, sp.Rating, sp.Expected, sp.Pace, sp.Reached, 1, 1))
	if t := v.s.Trainings[sp.Country.Code]; ind.Source == ctbot.SourceTrainings && t.New > 0 {
		line = line.Append(l.T("state.new_women", "New", t.New, "Text", v.newWomen(t)))
	}
	return line
}

// progressOf is the progress of indicator ind.
func (v *View) progressOf(ind *ctbot.Indicator) ctbot.Progress {
	for _, p := range v.progress {
		if p.Indicator == ind {
			return p
		}
	}
	return ctbot.Progress{Indicator: ind}
}

// Indicator is one indicator with a row per country.
func (v *View) Indicator(ind *ctbot.Indicator) Reply {
	l := v.l
	p := v.progressOf(ind)
	doc := reply.Doc{
		reply.Heading{Text: l.T("indicator.title", "Code", ind.Code, "Title", Truncate(ind.TitleIn(l.Lang()), 100))},
		reply.Note{Text: v.Timeline()},
		reply.Para{Text: v.IndicatorLine(p)},
	}
	if p.States != nil {
		var rows []reply.Inline
		for _, sp := range p.States {
			rows = append(rows, v.StateLine(ind, sp, reply.Plain(sp.Country.NameIn(v.l.Lang()))))
		}
		doc = append(doc, reply.Divider{}, reply.List{Items: rows})
	}
	if ind.Source == ctbot.SourceTrainings {
		doc = append(doc, v.coursesAll()...)
		doc = append(doc, reply.Note{Text: l.T("indicator.fed_by_trainings")})
	}
	return Reply{Doc: doc}
}

// Gaps are the indicators behind (at risk or off track), worst first, each
// with the states behind it and their numbers ("Kenya 28/40, expected 31
// by now"); then, apart, the indicators with no data or not rated, and a
// short line of those on track, ahead or achieved.
func (v *View) Gaps() (behind []reply.Inline, apart reply.Inline, fine reply.Inline) {
	l := v.l
	ps := append([]ctbot.Progress(nil), v.progress...)
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Rating.Rank() != ps[j].Rating.Rank() {
			return ps[i].Rating.Rank() < ps[j].Rating.Rank()
		}
		return ps[i].Pace+ps[i].Reached < ps[j].Pace+ps[j].Reached
	})
	var none, good []reply.Inline
	for _, p := range ps {
		code := reply.Styled(p.Indicator.NameIn(l.Lang()), reply.Bold)
		switch {
		case p.Rating.Behind():
			line := v.IndicatorLine(p)
			if states := v.statesBehind(p); states != nil {
				line = reply.Lines(line, l.T("gaps.behind_line", "Text", states))
			}
			if states := v.statesWithout(p); states != nil {
				line = reply.Lines(line, l.T("gaps.behind_line", "Text", states))
			}
			behind = append(behind, line)
		case p.Rating == ctbot.NoData || p.Rating == ctbot.NotRated:
			none = append(none, l.T("gaps.apart_item", "Code", code, "Rating", v.rating(p.Rating)))
		case p.Rating == ctbot.NotYetDue:
		default:
			good = append(good, l.T("gaps.apart_item", "Code", code, "Rating", v.rating(p.Rating)))
		}
	}
	if len(none) > 0 {
		apart = l.T("gaps.no_data", "List", reply.Join(l.T("list.sep"), none...))
	}
	if len(good) > 0 {
		fine = l.T("gaps.fine", "List", reply.Join(l.T("list.sep"), good...))
	}
	return behind, apart, fine
}

// statesBehind names the states at risk or off track on a per-state
// indicator, or the states short of the final stage of a milestone.
func (v *View) statesBehind(p ctbot.Progress) reply.Inline {
	l, ind := v.l, p.Indicator
	var parts []reply.Inline
	for _, sp := range p.States {
		name := sp.Country.NameIn(v.l.Lang())
		switch {
		case !sp.HasData:
		case ind.Measure == ctbot.MeasureMilestone:
			if sp.Stage != ind.FinalStage() {
				parts = append(parts, l.T("gaps.stage", "Country", name, "Stage", stageName(l, ind, sp.Stage)))
			}
		case !sp.Behind():
		case ind.Measure == ctbot.MeasurePercent:
			parts = append(parts, l.T("gaps.percent", "Country", name, "Share", v.share(sp.Num, sp.Den), "Target", l.Percent(sp.Target)))
		case sp.Rating.Final():
			parts = append(parts, l.T("gaps.count_final", "Country", name, "Actual", l.Number(sp.Actual), "Target", l.Number(sp.Target)))
		default:
			parts = append(parts, l.T("gaps.count", "Country", name, "Actual", l.Number(sp.Actual), "Target", l.Number(sp.Target), "Expected", l.Number(sp.Expected)))
		}
	}
	if len(parts) == 0 {
		return nil
	}
	if ind.Measure == ctbot.MeasureMilestone {
		return l.T("gaps.not_final", "Stage", stageName(l, ind, ind.FinalStage()), "List", reply.Join(l.T("list.sep"), parts...))
	}
	return l.T("gaps.behind", "List", reply.Join(l.T("ask.answer_sep"), parts...))
}

// statesWithout names the states with no data on an indicator.
func (v *View) statesWithout(p ctbot.Progress) reply.Inline {
	var names []string
	for _, sp := range p.States {
		if !sp.HasData {
			names = append(names, sp.Country.NameIn(v.l.Lang()))
		}
	}
	if len(names) == 0 {
		return nil
	}
	return v.l.T("gaps.states_no_data", "List", joined(names))
}

// QuietList lists the quiet countries; nil if none.
func (v *View) QuietList() reply.Block {
	countries, days := v.Quiet()
	if len(countries) == 0 {
		return nil
	}
	var parts []reply.Inline
	for i, c := range countries {
		if days[i] < 0 {
			parts = append(parts, v.l.T("quiet.never", "Country", c.NameIn(v.l.Lang())))
		} else {
			parts = append(parts, v.l.T("quiet.days", "Country", c.NameIn(v.l.Lang()), "N", days[i]))
		}
	}
	return reply.Para{Text: reply.Lines(v.l.T("quiet.title", "N", v.quiet), reply.Join(v.l.T("list.sep"), parts...))}
}
