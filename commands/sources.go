package commands

import (
	"context"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// A sources reply names at most sourceIDs entries for a figure and
// sourceLines figures: the workbook's Sources sheet has them all.
const (
	sourceIDs   = 20
	sourceLines = 40
)

// takeWord removes the first unquoted word standing for keyword (in any
// language) from a, and reports whether there was one.
func (a *args) takeWord(keyword string) bool {
	for i, t := range a.toks {
		if !t.quoted && strings.EqualFold(a.words.word(t.text), keyword) {
			a.toks = append(a.toks[:i:i], a.toks[i+1:]...)
			return true
		}
	}
	return false
}

// sourcesReply lists, for each figure of period p's logframe (country's,
// if set), the entries it rests on: `report [period] [country] sources`.
// It goes to the person who asked alone.
func (c *Core) sourcesReply(ctx context.Context, l *locale.Loc, p ctbot.Period, country string) (Reply, error) {
	lf, err := c.logframe(ctx, p, country, sourceIDs)
	if err != nil {
		return Reply{}, err
	}
	name := c.frameworkOf(lf).Name
	title := l.T("report.sources_title", "Name", name, "Period", p.Name())
	if country != "" {
		title = l.T("report.sources_title_country", "Name", name, "Period", p.Name(), "Country", CountryName(l, c.fw, country))
	}
	var lines []reply.Inline
	add := func(label reply.Inline, state string, value, ids reply.Inline) {
		lines = append(lines, l.T("report.sources_line", "Label", label, "State", CountryName(l, c.fw, state), "Value", value, "IDs", ids))
	}
	trainings := map[string]int{} // each state's, of which the logframe names the first sourceIDs
	for _, a := range lf.Activities {
		trainings[a.Country.Code] = a.Trainings
	}
	for _, r := range lf.Rows {
		ind := r.Progress.Indicator
		code := reply.Styled(ind.Code, reply.Code)
		if len(r.Sources) > 0 {
			add(code, "", c.programmeFigure(l, r.Progress), sourceIDList(l, r.Sources, len(r.Sources)))
		}
		for _, s := range r.States {
			switch {
			case len(s.Trainings) > 0:
				ids := l.T("report.sources_trainings", "IDs", sourceIDList(l, s.Trainings, trainings[s.Country.Code]))
				if len(s.Sources) > 0 {
					ids = ids.Append(l.T("report.sources_adjusted", "IDs", sourceIDList(l, s.Sources, len(s.Sources))))
				}
				add(code, s.Country.Code, c.stateFigure(l, ind, s), ids)
			case len(s.Sources) > 0:
				add(code, s.Country.Code, c.stateFigure(l, ind, s), sourceIDList(l, s.Sources, len(s.Sources)))
			}
		}
	}
	for _, a := range lf.Activities {
		if len(a.WorkshopSources) > 0 {
			add(l.T("compare.workshops"), a.Country.Code, reply.Plain(l.Int(int64(a.Workshops))), sourceIDList(l, a.WorkshopSources, len(a.WorkshopSources)))
		}
	}
	doc := reply.Doc{reply.Heading{Text: title}, reply.Para{Text: l.T("report.sources_intro", "Cmd", c.command)}}
	switch {
	case len(lines) == 0:
		doc = append(doc, reply.Para{Text: l.T("report.sources_none")})
	case len(lines) > sourceLines:
		doc = append(doc, reply.List{Items: lines[:sourceLines]}, reply.Para{Text: l.T("report.sources_more_lines", "N", len(lines)-sourceLines)})
	default:
		doc = append(doc, reply.List{Items: lines})
	}
	doc = append(doc, reply.Note{Text: l.T("report.sources_footer", "Cmd", c.command, "Period", p.Name())})
	return Reply{Doc: doc}, nil
}

// sourceIDList writes the IDs of ss, "#3, #7", at most sourceIDs of them,
// and how many more of total there are.
func sourceIDList(l *locale.Loc, ss []ctbot.Source, total int) reply.Inline {
	shown := ss[:min(len(ss), sourceIDs)]
	ids := make([]string, 0, len(shown))
	for _, s := range shown {
		ids = append(ids, "#"+ID(s.ID))
	}
	out := reply.Plain(strings.Join(ids, ", "))
	if total > len(shown) {
		out = out.Append(l.T("report.sources_more_ids", "N", total-len(shown)))
	}
	return out
}
