package commands

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// runReadiness records a readiness assessment:
// `readiness <country> policy=2 legal=1 institutional=3 [on=DATE] [note]`;
// the scores and on= may stand anywhere, the note among them.
func runReadiness(ctx context.Context, c *Core, call *call) (Reply, error) {
	country, err := c.recordCountry(call, false)
	if err != nil {
		return Reply{}, err
	}
	values, err := call.args.takeAnywhere(append([]string{"on"}, c.fw.Readiness.Pillars...)...)
	if err != nil {
		return Reply{}, err
	}
	opts := options{values: values}
	if err := c.notAPillar(call.args); err != nil {
		return Reply{}, err
	}
	scores, err := c.scores(opts)
	if err != nil {
		return Reply{}, err
	}
	date, err := call.takeOn(values)
	if err != nil {
		return Reply{}, err
	}
	return c.record(ctx, call, &ReadinessInput{Country: country, On: date, Scores: scores, Note: call.args.rest(), Evidence: call.evidence})
}

// scores reads the pillars' scores among opts, as whole numbers (nil for
// none); the framework checks them (on the scale, every pillar scored).
func (c *Core) scores(opts options) (map[string]int, error) {
	var out map[string]int
	for _, p := range c.fw.Readiness.Pillars {
		if _, ok := opts.values[p]; !ok {
			continue
		}
		n, _, err := opts.count(p)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = map[string]int{}
		}
		out[p] = n
	}
	return out, nil
}

// notAPillar refuses a key=value that follows the scores but is none of
// them ("polcy=2"), which would otherwise be taken for the note.
func (c *Core) notAPillar(a *args) error {
	t, ok := a.peek()
	if !ok || t.quoted {
		return nil
	}
	key, _, isOpt := strings.Cut(t.text, "=")
	if !isOpt || strings.ContainsAny(key, " \t") || key == "" {
		return nil
	}
	r := c.fw.Readiness
	if sug := ctbot.Suggest(key, r.PillarsIn.All(r.Pillars)); len(sug) > 0 {
		return badField(key, "err.not_pillar_suggest", "Key", key, "List", codeList(sug))
	}
	return badField(key, "err.not_pillar", "Key", key, "List", r.PillarWords(nil, "", ""))
}

// scaleText is the scale, level by level, in l's language: "0 absent,
// 1 initial, …".
func scaleText(r *ctbot.Readiness, l *locale.Loc) string {
	labels := r.LabelsFor(l.Lang())
	parts := make([]string, len(labels))
	for i, label := range labels {
		parts[i] = strconv.Itoa(i) + " " + label
	}
	return strings.Join(parts, l.S("list.sep"))
}

// scaleWords is the scale written in the reader's language, for messages
// made before the reader is known (errors).
type scaleWords struct{ r *ctbot.Readiness }

func (s scaleWords) Localize(l *locale.Loc) string { return scaleText(s.r, l) }

// readinessOf is a state's latest readiness profile, pillar by pillar,
// with the change since the assessment before; nothing when it has none.
func (v *View) readinessOf(c *ctbot.Country) reply.Doc {
	p, ok := v.s.Readiness[c.Code]
	if !ok {
		return nil
	}
	l := v.l
	var items []reply.Inline
	for _, pillar := range v.fw.Readiness.Pillars {
		n, scored := p.Latest.Scores[pillar]
		if !scored {
			continue
		}
		items = append(items, l.T("readiness.pillar", "Pillar", v.fw.Readiness.PillarIn(l.Lang(), pillar), "N", n, "Label", v.label(n), "Change", v.change(p, pillar)))
	}
	title := l.T("readiness.title", "Date", p.Latest.Date)
	if p.Previous != nil {
		title = l.T("readiness.title_since", "Date", p.Latest.Date, "Before", p.Previous.Date)
	}
	return reply.Doc{reply.List{Title: title, Items: items}}
}

// label is a level's label on the scale, in the reader's language.
func (v *View) label(n int) string {
	if labels := v.fw.Readiness.LabelsFor(v.l.Lang()); n >= 0 && n < len(labels) {
		return labels[n]
	}
	return ""
}

// change is how a pillar moved since the assessment before: an arrow and
// the earlier score, "=" unchanged, nothing when it was not scored then.
func (v *View) change(p ctbot.ReadinessProfile, pillar string) reply.Inline {
	move, before, scored := p.Moved(pillar)
	switch {
	case p.Previous == nil:
		return nil
	case !scored:
		return v.l.T("readiness.new")
	case move > 0:
		return v.l.T("readiness.up", "From", before)
	case move < 0:
		return v.l.T("readiness.down", "From", before)
	}
	return v.l.T("readiness.same")
}

// arrow is the cell of a readiness table: the score and how it moved.
func (v *View) arrow(p ctbot.ReadinessProfile, pillar string) reply.Inline {
	n, ok := p.Latest.Scores[pillar]
	if !ok {
		return v.l.T("readiness.cell_none")
	}
	mark := ""
	if move, _, scored := p.Moved(pillar); scored {
		mark = map[int]string{1: " ↑", -1: " ↓", 0: " ="}[move]
	}
	return reply.Plain(strconv.Itoa(n) + mark)
}

// ReadinessTable is `/ct status readiness`: the states by pillar, with
// arrows for the change since each state's assessment before.
func (v *View) ReadinessTable() Reply {
	l := v.l
	doc := reply.Doc{reply.Heading{Text: l.T("readiness.table_title", "Date", v.today)}}
	cols := []reply.Column{{Title: l.T("courses.col.state")}}
	for _, p := range v.fw.Readiness.Pillars {
		cols = append(cols, reply.Column{Title: reply.Plain(v.fw.Readiness.PillarIn(l.Lang(), p)), Numeric: true})
	}
	cols = append(cols, reply.Column{Title: l.T("readiness.col.assessed")})
	t := reply.Table{Columns: cols}
	var missing []string
	for _, c := range v.fw.Countries {
		p, ok := v.s.Readiness[c.Code]
		if !ok {
			missing = append(missing, c.NameIn(v.l.Lang()))
			continue
		}
		row := []reply.Inline{reply.Plain(c.NameIn(v.l.Lang()))}
		for _, pillar := range v.fw.Readiness.Pillars {
			row = append(row, v.arrow(p, pillar))
		}
		t.Rows = append(t.Rows, append(row, reply.Plain(l.Date(p.Latest.Date))))
	}
	if len(t.Rows) == 0 {
		return Reply{Doc: append(doc, reply.Para{Text: l.T("readiness.none", "Cmd", v.command, "Pillars", codeWords(v.fw.Readiness.PillarWords(nil, "", "=N ")))})}
	}
	doc = append(doc, t, reply.Note{Text: l.T("readiness.scale", "Labels", scaleText(v.fw.Readiness, l))})
	if len(missing) > 0 {
		doc = append(doc, reply.Note{Text: l.T("readiness.not_assessed", "List", strings.Join(missing, l.T("list.sep").String()))})
	}
	return Reply{Doc: doc}
}

// readinessDigest is a line per state whose latest assessment was
// recorded (or corrected) in (since, until]: its scores and how they moved.
func (v *View) readinessDigest(since, until time.Time) []reply.Inline {
	var out []reply.Inline
	for _, c := range v.fw.Countries {
		p, ok := v.s.Readiness[c.Code]
		if !ok || !p.Latest.KnownFrom.After(since) || p.Latest.KnownFrom.After(until) {
			continue
		}
		var parts []reply.Inline
		for _, pillar := range v.fw.Readiness.Pillars {
			if n, scored := p.Latest.Scores[pillar]; scored {
				parts = append(parts, v.l.T("readiness.digest_pillar", "Pillar", v.fw.Readiness.PillarIn(v.l.Lang(), pillar), "N", n, "Change", v.change(p, pillar)))
			}
		}
		out = append(out, v.l.T("readiness.digest_line", "Country", c.NameIn(v.l.Lang()), "Scores", reply.Join(v.l.T("list.sep"), parts...)))
	}
	return out
}
