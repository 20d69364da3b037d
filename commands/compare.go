package commands

import (
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// countriesIn reads words as two or more states ("kenya ghana nigeria",
// "Côte d'Ivoire, Iraq and Kenya"), each named once; nil when they are
// not all states or fewer than two.
func (c *Core) countriesIn(words string) []*ctbot.Country {
	var toks []string
	for _, t := range strings.FieldsFunc(words, func(r rune) bool { return r == ' ' || r == ',' || r == ';' }) {
		if t != "and" && t != "vs" && t != "&" && t != "+" {
			toks = append(toks, t)
		}
	}
	var out []*ctbot.Country
	for i := 0; i < len(toks); {
		var found *ctbot.Country
		j := min(len(toks), i+4) // the longest names and aliases have a few words
		for ; j > i; j-- {
			if found = c.fw.LookupCountry(strings.Join(toks[i:j], " ")); found != nil {
				break
			}
		}
		if found == nil {
			return nil
		}
		for _, o := range out {
			if o == found {
				found = nil
			}
		}
		if found != nil {
			out = append(out, found)
		}
		i = j
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// Compare is states side by side: each indicator, their activities and
// readiness, a column per state.
func (v *View) Compare(cs []*ctbot.Country) Reply {
	l := v.l
	cols := []reply.Column{{Title: l.T("compare.col")}}
	names := make([]string, len(cs))
	for i, c := range cs {
		cols = append(cols, reply.Column{Title: reply.Plain(c.NameIn(v.l.Lang()))})
		names[i] = c.NameIn(l.Lang())
	}
	t := reply.Table{Columns: cols}
	row := func(label reply.Inline, cell func(*ctbot.Country) reply.Inline) {
		r := []reply.Inline{label}
		for _, c := range cs {
			r = append(r, cell(c))
		}
		t.Rows = append(t.Rows, r)
	}
	for _, p := range v.progress {
		if p.States == nil {
			continue // programme-wide: the same for every state
		}
		row(reply.Plain(p.Indicator.NameIn(l.Lang())), func(c *ctbot.Country) reply.Inline { return v.compareCell(p, c) })
	}
	row(l.T("compare.kickoff"), func(c *ctbot.Country) reply.Inline { return v.kickoffState(c.Code) })
	row(l.T("compare.trainings"), func(c *ctbot.Country) reply.Inline {
		tt := v.s.Trainings[c.Code]
		return l.T("compare.trainings_cell", "N", tt.Count, "New", tt.New)
	})
	row(l.T("compare.trained"), func(c *ctbot.Country) reply.Inline {
		tt := v.s.Trainings[c.Code]
		if pct, ok := tt.WomenShare(); ok {
			return l.T("compare.trained_cell", "N", tt.Trained, "Share", l.Percent(pct))
		}
		return reply.Plain(l.Number(float64(tt.Trained)))
	})
	row(l.T("compare.workshops"), func(c *ctbot.Country) reply.Inline {
		return reply.Plain(l.Number(float64(v.s.Workshops[c.Code].Held)))
	})
	for _, pillar := range v.fw.Readiness.Pillars {
		row(l.T("compare.readiness", "Pillar", v.fw.Readiness.PillarIn(l.Lang(), pillar)), func(c *ctbot.Country) reply.Inline {
			if p, ok := v.s.Readiness[c.Code]; ok {
				return v.arrow(p, pillar)
			}
			return l.T("readiness.cell_none")
		})
	}
	row(l.T("compare.last"), func(c *ctbot.Country) reply.Inline { return v.lastEntry(c.Code) })
	return Reply{Doc: reply.Doc{
		reply.Heading{Text: l.T("compare.title", "List", strings.Join(names, l.T("list.sep").String()), "Date", v.today)},
		reply.Note{Text: v.Timeline()},
		t,
		reply.Note{Text: l.T("compare.footer", "Cmd", v.command)},
	}}
}

// compareCell is one state's value of an indicator, with its rating sign.
func (v *View) compareCell(p ctbot.Progress, c *ctbot.Country) reply.Inline {
	ind := p.Indicator
	for _, sp := range p.States {
		if sp.Country != c {
			continue
		}
		sign := ratingEmoji(sp.Rating) + " "
		switch {
		case !sp.HasData && ind.Measure == ctbot.MeasureMilestone:
			return reply.Plain("⚪ ").Append(v.l.T("compare.no_stage"))
		case !sp.HasData:
			return reply.Plain(sign).Append(v.l.T("compare.no_data"))
		case sp.Small:
			return reply.Plain(ratingEmoji(ctbot.NotRated) + " ").Append(v.l.T("compare.too_few"))
		case ind.Measure == ctbot.MeasureMilestone:
			return reply.Plain(sign + stageName(v.l, ind, sp.Stage))
		case ind.Measure == ctbot.MeasurePercent:
			return reply.Plain(sign + v.l.Percent(100*float64(sp.Num)/float64(sp.Den)))
		}
		return reply.Plain(sign + v.l.Number(sp.Actual) + "/" + v.l.Number(sp.Target))
	}
	return v.l.T("compare.not_applicable")
}
