package commands

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

func runStatus(ctx context.Context, c *Core, call *call) (Reply, error) {
	if err := c.mayRead(call); err != nil {
		return Reply{}, err
	}
	words, err := call.args.phrase()
	if err != nil {
		return Reply{}, err
	}
	s, err := c.store.Snapshot(ctx, c.fw, call.now)
	if err != nil {
		return Reply{}, err
	}
	v := c.NewView(s, call.today)
	switch {
	case words == "" || isProgrammeWord(words):
		return v.Overview(), nil
	case c.fw.LookupCountry(words) != nil:
		return v.Country(c.fw.LookupCountry(words)), nil
	case c.fw.LookupIndicator(words) != nil:
		return v.Indicator(c.fw.LookupIndicator(words)), nil
	}
	msg := fmt.Sprintf("%q is neither a country nor an indicator", words)
	if sug := append(c.fw.SuggestCountries(words), c.fw.SuggestIndicators(words)...); len(sug) > 0 {
		msg += "; did you mean " + orList(sug) + "?"
	}
	return Reply{}, badInput(msg)
}

// View renders status answers from one snapshot on one day. The slash
// command, mentions, DMs, App Home and digests all use it.
type View struct {
	fw        *ctbot.Framework
	s         *ctbot.Snapshot
	today     ctbot.Date
	progress  []ctbot.Progress
	lookahead int
	quiet     int
	command   string
}

// NewView prepares a view of snapshot s on day today.
func (c *Core) NewView(s *ctbot.Snapshot, today ctbot.Date) *View {
	return &View{fw: c.fw, s: s, today: today, progress: c.fw.Progress(s, today),
		lookahead: c.lookahead, quiet: c.quiet, command: c.command}
}

func (v *View) timeline() string {
	total := v.fw.End.DaysSince(v.fw.Start)
	day := min(max(v.today.DaysSince(v.fw.Start)+1, 0), total+1)
	return fmt.Sprintf("Day %d of %d of %s (%s to %s), %s of the timeline.", day, total+1, Esc(v.fw.Name),
		v.fw.Start, v.fw.End, ctbot.FormatPercent(100*v.fw.Elapsed(v.today)))
}

// Overview is the programme at a glance: every indicator, every country,
// and what is coming up.
func (v *View) Overview() Reply {
	var ind strings.Builder
	for _, p := range v.progress {
		ind.WriteString(v.IndicatorLine(p) + "\n")
	}
	var countries strings.Builder
	for _, c := range v.fw.Countries {
		countries.WriteString(v.CountryLine(c) + "\n")
	}
	r := Reply{Sections: []Section{
		{Header: fmt.Sprintf("%s — status on %s", v.fw.Name, v.today.Human()), Context: v.timeline()},
		{Text: "*Indicators*\n" + ind.String()},
		{Text: "*Countries*\n" + countries.String(), Divider: true},
	}}
	if up := v.Upcoming(); up != "" {
		r.Sections = append(r.Sections, Section{Text: up, Divider: true})
	}
	r.Sections = append(r.Sections, Section{Context: fmt.Sprintf("Details: `%s status <country>` or `%s status <indicator>`.", v.command, v.command)})
	return r
}

// IndicatorLine is one indicator's programme-level line.
func (v *View) IndicatorLine(p ctbot.Progress) string {
	ind := p.Indicator
	var b strings.Builder
	fmt.Fprintf(&b, "%s *%s* — ", p.Rating.Emoji(), ind.Code)
	switch {
	case ind.Measure == ctbot.MeasureMilestone:
		fmt.Fprintf(&b, "%d of %s states %s", p.AtTarget, ctbot.FormatNumber(p.Target), ind.FinalStage())
	case ind.Measure == ctbot.MeasurePercent && p.Den == 0:
		fmt.Fprintf(&b, "no data yet against %s", ctbot.FormatPercent(p.Target))
	case ind.Measure == ctbot.MeasurePercent:
		fmt.Fprintf(&b, "%s (%d/%d) against %s", ctbot.FormatPercent(p.Actual), p.Num, p.Den, ctbot.FormatPercent(p.Target))
	case ind.Scope == ctbot.ScopeEach:
		fmt.Fprintf(&b, "%s of %s (%d states × %s)", ctbot.FormatNumber(p.Actual), ctbot.FormatNumber(p.Target),
			len(p.States), ctbot.FormatNumber(ind.Target))
	default:
		fmt.Fprintf(&b, "%s of %s", ctbot.FormatNumber(p.Actual), ctbot.FormatNumber(p.Target))
	}
	fmt.Fprintf(&b, ", expected %s by now: *%s*", ind.FormatValue(p.Expected), p.Rating)
	if p.Rating != ctbot.NotYetDue {
		fmt.Fprintf(&b, " (pace %s)", ctbot.FormatPace(p.Pace))
	}
	if ind.Scope == ctbot.ScopeEach && ind.Measure != ctbot.MeasureMilestone {
		fmt.Fprintf(&b, "; %d of %d states at %s", p.AtTarget, len(p.States), ind.FormatValue(ind.Target))
	}
	if ind.Measure == ctbot.MeasurePercent && p.Den > 0 && p.Den < smallSample {
		b.WriteString("; small sample")
	}
	return b.String()
}

// smallSample is the denominator under which percentages are flagged.
const smallSample = 10

// CountryLine is one country's activity in a line.
func (v *View) CountryLine(c *ctbot.Country) string {
	parts := []string{"kick-off " + v.kickoffState(c.Code)}
	if w := v.s.Workshops[c.Code]; w.Held > 0 {
		parts = append(parts, v.workshopSummary(w))
	}
	if t := v.s.Trainings[c.Code]; t.Count > 0 {
		parts = append(parts, v.trainingSummary(t))
	}
	parts = append(parts, v.lastEntry(c.Code))
	return "*" + Esc(c.Name) + "* — " + strings.Join(parts, " · ")
}

func (v *View) kickoffState(country string) string {
	k := v.s.Kickoffs[country]
	switch {
	case k == nil:
		return "not scheduled"
	case k.Status.Open() && !k.Date.IsZero() && k.Date.Before(v.today):
		return fmt.Sprintf("*overdue* (%s for %s)", k.Status, k.Date.Human())
	case k.Date.IsZero():
		return string(k.Status) + " (date to be confirmed)"
	}
	return string(k.Status) + eventDatePrep(k.Status) + k.Date.Human()
}

func (v *View) workshopSummary(w ctbot.WorkshopTotals) string {
	s := plural(w.Held, "workshop") + " held"
	if w.Participants > 0 {
		s += fmt.Sprintf(" (%d participants", w.Participants)
		if share := ctbot.WomenShare(w.Women, w.Participants); share != "" {
			s += ", " + share
		}
		s += ")"
	}
	return s
}

func (v *View) trainingSummary(t ctbot.TrainingTotals) string {
	s := fmt.Sprintf("%s (%d trained", plural(t.Count, "training"), t.Trained)
	if share := ctbot.WomenShare(t.Women, t.Trained); share != "" {
		s += ", " + share
	}
	s += fmt.Sprintf(", %d new", t.New)
	if t.Online > 0 {
		s += fmt.Sprintf("; %d online", t.Online)
	}
	return s + ")"
}

func (v *View) lastEntry(country string) string {
	last, ok := v.s.LastEntry[country]
	if !ok {
		return "last entry: *none yet*"
	}
	days := v.today.DaysSince(v.day(last))
	s := "last entry: " + v.day(last).Human()
	if days >= v.quiet {
		s += fmt.Sprintf(" (*quiet for %d days*)", days)
	}
	return s
}

// Quiet lists the countries with no entry for the quiet period, with the
// days since their last entry (-1 for none at all).
func (v *View) Quiet() (countries []*ctbot.Country, days []int) {
	for _, c := range v.fw.Countries {
		last, ok := v.s.LastEntry[c.Code]
		if !ok {
			countries, days = append(countries, c), append(days, -1)
			continue
		}
		if d := v.today.DaysSince(v.day(last)); d >= v.quiet {
			countries, days = append(countries, c), append(days, d)
		}
	}
	return countries, days
}

// Upcoming lists planned kick-offs and workshops within the lookahead and
// those overdue (planned date passed without a held entry); "" if none.
func (v *View) Upcoming() string {
	var soon, overdue []string
	horizon := v.today.AddDays(v.lookahead)
	for _, e := range v.s.Open {
		switch {
		case e.Date.IsZero():
		case e.Date.Before(v.today):
			overdue = append(overdue, "• "+Describe(v.fw, e)+fmt.Sprintf(" — *overdue*, record what happened (#%d)", e.ID))
		case !e.Date.After(horizon):
			soon = append(soon, "• "+Describe(v.fw, e)+" — "+inDays(e.Date.DaysSince(v.today)))
		}
	}
	var b strings.Builder
	if len(soon) > 0 {
		fmt.Fprintf(&b, "*Coming up in the next %d days*\n%s\n", v.lookahead, strings.Join(capList(soon, maxListed, v.command), "\n"))
	}
	if len(overdue) > 0 {
		fmt.Fprintf(&b, "*Overdue*\n%s\n", strings.Join(capList(overdue, maxListed, v.command), "\n"))
	}
	return b.String()
}

// maxListed bounds the events an answer lists; the rest are counted.
const maxListed = 20

// capList keeps the first n lines and says how many more there are.
func capList(lines []string, n int, command string) []string {
	if len(lines) <= n {
		return lines
	}
	return append(lines[:n:n], fmt.Sprintf("…and %d more: see `%s status <country>`", len(lines)-n, command))
}

func inDays(n int) string {
	switch n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	return fmt.Sprintf("in %d days", n)
}

// Country is one country in detail.
func (v *View) Country(c *ctbot.Country) Reply {
	var act strings.Builder
	act.WriteString("Kick-off: " + v.kickoffState(c.Code) + "\n")
	if w := v.s.Workshops[c.Code]; w.Held > 0 {
		act.WriteString("Workshops: " + v.workshopSummary(w) + "\n")
	} else {
		act.WriteString("Workshops: none held yet\n")
	}
	if t := v.s.Trainings[c.Code]; t.Count > 0 {
		act.WriteString("Trainings: " + v.trainingSummary(t) + "\n")
	} else {
		act.WriteString("Trainings: none recorded yet\n")
	}
	for _, e := range v.s.Open {
		if e.Country == c.Code && e.Kind == ctbot.KindWorkshop && !e.Date.IsZero() {
			state := inDays(e.Date.DaysSince(v.today))
			if e.Date.Before(v.today) {
				state = "*overdue*"
			}
			fmt.Fprintf(&act, "• %s — %s\n", DescribeBody(e), state)
		}
	}
	act.WriteString("L" + v.lastEntry(c.Code)[1:])

	var ind strings.Builder
	for _, p := range v.progress {
		if p.States == nil {
			continue
		}
		for _, sp := range p.States {
			if sp.Country == c {
				ind.WriteString(v.StateLine(p.Indicator, sp, p.Indicator.Code) + "\n")
			}
		}
	}
	return Reply{Sections: []Section{
		{Header: fmt.Sprintf("%s — status on %s", c.Name, v.today.Human()), Context: v.timeline()},
		{Text: "*Activities*\n" + act.String()},
		{Text: "*Indicators*\n" + ind.String(), Divider: true},
	}}
}

// StateLine is one country's value of an indicator; label starts the line
// (the indicator code, or the country name).
func (v *View) StateLine(ind *ctbot.Indicator, sp ctbot.StateProgress, label string) string {
	if ind.Measure == ctbot.MeasureMilestone {
		switch {
		case !sp.HasData:
			return fmt.Sprintf(":white_circle: *%s* — no stage recorded (stages: %s)", label, strings.Join(ind.Stages, " → "))
		case sp.Stage == ind.FinalStage():
			return fmt.Sprintf(":white_check_mark: *%s* — %s", label, sp.Stage)
		}
		return fmt.Sprintf(":large_orange_circle: *%s* — %s (stage %d of %d: %s)", label, sp.Stage,
			ind.StageIndex(sp.Stage)+1, len(ind.Stages), strings.Join(ind.Stages, " → "))
	}
	var val string
	if ind.Measure == ctbot.MeasurePercent {
		val = "no data yet"
		if sp.HasData {
			val = fmt.Sprintf("%s (%d/%d)", ctbot.FormatPercent(sp.Actual), sp.Num, sp.Den)
		}
	} else {
		val = ctbot.FormatNumber(sp.Actual)
	}
	line := fmt.Sprintf("%s *%s* — %s of %s, expected %s by now: *%s*", sp.Rating.Emoji(), label, val,
		ind.FormatValue(sp.Target), ind.FormatValue(sp.Expected), sp.Rating)
	if sp.Rating != ctbot.NotYetDue && sp.Rating != ctbot.Achieved {
		line += " (pace " + ctbot.FormatPace(sp.Pace) + ")"
	}
	return line
}

// Indicator is one indicator with a row per country.
func (v *View) Indicator(ind *ctbot.Indicator) Reply {
	var p ctbot.Progress
	for _, q := range v.progress {
		if q.Indicator == ind {
			p = q
		}
	}
	r := Reply{Sections: []Section{
		{Header: fmt.Sprintf("%s — %s", ind.Code, Truncate(ind.Title, 100)), Context: v.timeline()},
		{Text: v.IndicatorLine(p)},
	}}
	if p.States != nil {
		var rows strings.Builder
		for _, sp := range p.States {
			rows.WriteString(v.StateLine(ind, sp, sp.Country.Name) + "\n")
		}
		r.Sections = append(r.Sections, Section{Text: rows.String(), Divider: true})
	}
	if ind.Source == ctbot.SourceTrainings {
		r.Sections = append(r.Sections, Section{Context: "Fed by trainings: each training's new=N counts, so repeat attendance is not counted twice."})
	}
	return r
}

// day is the calendar date of t in the programme's zone.
func (v *View) day(t time.Time) ctbot.Date { return ctbot.DateOf(t.In(v.fw.Location)) }

// Gaps lists every indicator worst first, each with the states behind it
// and their numbers, e.g. "Kenya 28/40, expected 31 by now".
func (v *View) Gaps() string {
	ps := append([]ctbot.Progress(nil), v.progress...)
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Rating != ps[j].Rating {
			return ps[i].Rating < ps[j].Rating
		}
		return ps[i].Pace < ps[j].Pace
	})
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(v.IndicatorLine(p) + "\n")
		if behind := v.statesBehind(p); behind != "" {
			b.WriteString("    ↳ " + behind + "\n")
		}
	}
	return b.String()
}

// statesBehind names the states at risk or off track on a per-state
// indicator, or the states short of the final stage of a milestone.
func (v *View) statesBehind(p ctbot.Progress) string {
	ind := p.Indicator
	var parts []string
	for _, sp := range p.States {
		name := Esc(sp.Country.Name)
		switch {
		case ind.Measure == ctbot.MeasureMilestone:
			if sp.Stage != ind.FinalStage() {
				stage := sp.Stage
				if !sp.HasData {
					stage = "no stage"
				}
				parts = append(parts, name+" ("+stage+")")
			}
		case !sp.Behind():
		case ind.Measure == ctbot.MeasurePercent && !sp.HasData:
			parts = append(parts, name+" no data")
		case ind.Measure == ctbot.MeasurePercent:
			parts = append(parts, fmt.Sprintf("%s %s (%d/%d), expected %s", name, ctbot.FormatPercent(sp.Actual), sp.Num, sp.Den, ctbot.FormatPercent(sp.Expected)))
		default:
			parts = append(parts, fmt.Sprintf("%s %s/%s, expected %s by now", name, ctbot.FormatNumber(sp.Actual), ctbot.FormatNumber(sp.Target), ctbot.FormatNumber(sp.Expected)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	if ind.Measure == ctbot.MeasureMilestone {
		return "not yet " + ind.FinalStage() + ": " + strings.Join(parts, ", ")
	}
	return "behind: " + strings.Join(parts, "; ")
}

// Behind answers "which countries are behind?": the indicator gaps, the
// quiet countries and the overdue events.
func (v *View) Behind() Reply {
	r := Reply{Sections: []Section{
		{Header: fmt.Sprintf("Where %s is behind — %s", v.fw.Name, v.today.Human()), Context: v.timeline()},
		{Text: "*Indicators, worst first*\n" + v.Gaps()},
	}}
	if q := v.QuietText(); q != "" {
		r.Sections = append(r.Sections, Section{Text: q, Divider: true})
	}
	return r
}

// QuietText lists the quiet countries; "" if none.
func (v *View) QuietText() string {
	countries, days := v.Quiet()
	if len(countries) == 0 {
		return ""
	}
	var parts []string
	for i, c := range countries {
		if days[i] < 0 {
			parts = append(parts, Esc(c.Name)+" (no entries yet)")
		} else {
			parts = append(parts, fmt.Sprintf("%s (%d days)", Esc(c.Name), days[i]))
		}
	}
	return fmt.Sprintf("*Quiet for %d days or more*\n%s", v.quiet, strings.Join(parts, ", "))
}

// UpcomingReply answers "what's coming up?".
func (v *View) UpcomingReply() Reply {
	text := v.Upcoming()
	if text == "" {
		text = fmt.Sprintf("Nothing planned in the next %d days, and nothing overdue.", v.lookahead)
	}
	return Reply{Sections: []Section{{Header: "Coming up — " + v.today.Human()}, {Text: text}}}
}
