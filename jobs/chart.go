package jobs

import (
	"image/color"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// Chart colours: a bar's colour says its rating.
var (
	reached = color.RGBA{46, 125, 50, 255}   // achieved, ahead or on track
	atRisk  = color.RGBA{239, 108, 0, 255}   // at risk
	offPace = color.RGBA{198, 40, 40, 255}   // off track
	unrated = color.RGBA{158, 158, 158, 255} // not yet due, not rated
	share   = color.RGBA{106, 27, 154, 255}  // women among trainees: no rating
	paceInk = color.RGBA{0, 0, 0, 255}       // the expected-by-now tick
	target  = color.RGBA{0, 51, 153, 255}    // the target line
)

// panel is one small multiple of the chart: an indicator, or the share of
// women among the people trained.
type panel struct {
	title  string
	name   string // short, for the alt text
	rows   []row
	number func(float64) string // writes a value in the panel's unit
}

// row is one bar of a panel: a state, or the programme.
type row struct {
	label string
	value float64
	bar   bool // there is a value to draw
	// target is drawn when marks is set, and expected (by now) as well
	// unless nothing is due yet or the target itself is.
	expected, target float64
	marks, paced     bool
	colour           color.Color
	note             string // written beside the bar
	says             string // the row in words, for the alt text, if not its note
}

// panels lays out what the chart shows on day: a panel per indicator of
// the phase in force, in its order, then the women's share of trainees.
func panels(l *locale.Loc, fw *ctbot.Framework, s *ctbot.Snapshot, day ctbot.Date) []panel {
	fw = fw.Current(day)
	out := make([]panel, 0, len(fw.Indicators)+1)
	for _, p := range fw.Progress(s, day) {
		out = append(out, indicatorPanel(l, p))
	}
	out = append(out, traineesPanel(l, fw, s, day))
	for i := range out {
		out[i].fit(l)
	}
	return out
}

// maxRows is the most rows a panel draws. With more states, those with a
// value come first and the rest are counted in a last row: the image, and
// the memory to draw it, stay bounded whatever the framework.
const maxRows = 12

func (pn *panel) fit(l *locale.Loc) {
	if len(pn.rows) <= maxRows {
		return
	}
	slices.SortStableFunc(pn.rows, func(a, b row) int {
		switch {
		case a.bar == b.bar:
			return 0
		case a.bar:
			return -1
		}
		return 1
	})
	n := len(pn.rows) - (maxRows - 1)
	more := l.S("chart.more", "N", n)
	pn.rows = append(pn.rows[:maxRows-1], row{label: l.S("chart.more_label"), note: more, says: more})
}

// indicatorPanel has a row per state for per-state counts and shares, and
// one programme row for programme-wide indicators and milestones.
func indicatorPanel(l *locale.Loc, p ctbot.Progress) panel {
	ind := p.Indicator
	pn := panel{title: l.S("indicator.title", "Code", ind.Code, "Title", ind.TitleIn(l.Lang())), name: ind.Code, number: l.Number}
	if ind.Measure == ctbot.MeasurePercent {
		pn.number = l.Percent
	}
	if ind.Scope == ctbot.ScopeEach && ind.Measure != ctbot.MeasureMilestone {
		for _, sp := range p.States {
			pn.rows = append(pn.rows, progressRow(l, pn.number, sp.Country.NameIn(l.Lang()), sp.Actual, sp.Expected, sp.Target, sp.Rating, sp.HasData, sp.Small))
		}
		return pn
	}
	has := p.Rating != ctbot.NoData || p.Reporting > 0
	pn.rows = []row{progressRow(l, pn.number, l.S("chart.programme"), p.Actual, p.Expected, p.Target, p.Rating, has, p.Small > 0)}
	return pn
}

// progressRow is a value against what is expected of it by now and its
// target; a share of fewer than MinShareBase people is not drawn.
func progressRow(l *locale.Loc, number func(float64) string, label string, actual, expected, goal float64, r ctbot.Rating, has, small bool) row {
	x := row{label: label, expected: expected, target: goal, marks: true,
		paced: r != ctbot.NotYetDue && !r.Final() && expected != goal, colour: ratingColour(r)}
	switch {
	case small:
		x.note = l.S("share.small_sample")
	case !has:
		x.note = l.S("rating." + r.Code())
	default:
		x.value, x.bar = actual, true
		value, goal, rating := number(actual), number(goal), l.T("rating."+r.Code())
		x.note = l.S("chart.value", "Value", value, "Target", goal, "Rating", rating)
		x.says = l.S("chart.alt_row", "Label", label, "Value", value, "Target", goal, "Rating", rating)
		if x.paced {
			x.says = l.S("chart.alt_row_paced", "Label", label, "Value", value, "Target", goal, "Rating", rating, "Expected", number(expected))
		}
	}
	return x
}

// traineesPanel is the share of women among the people trained in each
// state: shown on its own, against no target (the women-policy target is
// about policy making, not trainings).
func traineesPanel(l *locale.Loc, fw *ctbot.Framework, s *ctbot.Snapshot, day ctbot.Date) panel {
	pn := panel{title: l.S("chart.trainees"), name: l.S("chart.trainees_short"), number: l.Percent}
	for _, c := range fw.ActiveOn(day) {
		t := s.Trainings[c.Code]
		x := row{label: c.NameIn(l.Lang()), colour: share}
		pct, ok := t.WomenShare()
		switch {
		case ok:
			x.value, x.bar, x.note = pct, true, l.Percent(pct)
			x.says = l.S("chart.alt_share", "Label", c.NameIn(l.Lang()), "Share", x.note)
		case t.Reported > 0:
			x.note = l.S("share.small_sample")
		case t.Count > 0:
			x.note = l.S("share.unreported")
		default:
			x.note = l.S("chart.no_trainings")
		}
		pn.rows = append(pn.rows, x)
	}
	return pn
}

func ratingColour(r ctbot.Rating) color.Color {
	switch r {
	case ctbot.Achieved, ctbot.Ahead, ctbot.OnTrack:
		return reached
	case ctbot.AtRisk, ctbot.PartlyAchieved:
		return atRisk
	case ctbot.OffTrack, ctbot.NotAchieved:
		return offPace
	}
	return unrated
}

// altText says in words what the chart shows: per panel, the figures of
// the rows with a bar, and the others grouped by what they lack, named
// or, when that is too long for an alt text, counted.
func altText(l *locale.Loc, title, key string, ps []panel) string {
	alt := altLines(l, title, key, ps, true)
	if utf8.RuneCountInString(alt) > reply.AltMax {
		alt = altLines(l, title, key, ps, false)
	}
	return alt // bot cuts what is still too long
}

func altLines(l *locale.Loc, title, key string, ps []panel, named bool) string {
	lines := make([]string, 0, len(ps)+1)
	lines = append(lines, l.S("chart.alt_intro", "Title", title, "Key", key))
	for _, p := range ps {
		var parts []string
		var notes []string
		without := map[string]locale.AndList{}
		for _, r := range p.rows {
			if r.says != "" {
				parts = append(parts, r.says)
				continue
			}
			if without[r.note] == nil {
				notes = append(notes, r.note)
			}
			without[r.note] = append(without[r.note], reply.Plain(r.label))
		}
		for _, n := range notes {
			if named || len(without[n]) == 1 {
				parts = append(parts, l.S("chart.alt_without", "Note", n, "List", without[n]))
			} else {
				parts = append(parts, l.S("chart.alt_without_n", "Note", n, "N", len(without[n])))
			}
		}
		lines = append(lines, l.S("chart.alt_panel", "Name", p.name, "Rows", strings.Join(parts, l.S("chart.alt_sep"))))
	}
	return strings.Join(lines, "\n")
}
