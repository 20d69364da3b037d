package commands

import (
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// HowMany answers a question asking for a number ("how many women were
// trained in Ghana?") with that number for each state named, or the whole
// programme, then says where the details are: an answer, not the status
// of everything the question mentions.
func (v *View) HowMany(q string, countries []*ctbot.Country, indicators []*ctbot.Indicator) Reply {
	l := v.l
	trainings := v.words.asks(q, "trainings")
	workshops := v.words.asks(q, "workshops")
	if !trainings && !workshops && len(indicators) > 0 {
		// "how many states adopted a strategy?": the indicator's line.
		var doc reply.Doc
		for _, ind := range indicators {
			doc = append(doc, reply.Para{Text: v.IndicatorLine(v.progressOf(ind))})
		}
		return Reply{Doc: append(doc, reply.Note{Text: v.detailsFor(countries, indicators)})}
	}
	topic := v.topicIn(q)
	if !workshops || topic != "" {
		trainings = true
	}
	// The trainings of a state, or on one topic when the question names it.
	trainingsOf := func(code string) ctbot.TrainingTotals {
		if topic == "" {
			return v.s.Trainings[code]
		}
		var t ctbot.TrainingTotals
		for k, kt := range v.s.Courses {
			if k.Country == code && k.Topic == topic {
				t.Merge(kt, 1)
			}
		}
		return t
	}
	type place struct {
		name string
		t    ctbot.TrainingTotals
		w    ctbot.WorkshopTotals
	}
	var places []place
	if len(countries) == 0 {
		p := place{name: l.T("ask.programme").String()}
		for _, c := range v.fw.Countries {
			p.t.Merge(trainingsOf(c.Code), 1)
			p.w.Add(v.s.Workshops[c.Code], 1)
		}
		places = append(places, p)
	}
	for _, c := range countries {
		places = append(places, place{name: c.NameIn(v.l.Lang()), t: trainingsOf(c.Code), w: v.s.Workshops[c.Code]})
	}
	women := v.words.asks(q, "women")
	var doc reply.Doc
	for _, p := range places {
		var parts []reply.Inline
		if trainings {
			if p.t.Count == 0 {
				parts = append(parts, l.T("country.trainings_none"))
			} else {
				parts = append(parts, v.trainingSummary(p.t))
			}
			if women && p.t.Count > 0 {
				parts = append(parts, v.womenCount(p.t))
			}
		}
		if workshops {
			if p.w.Held == 0 {
				parts = append(parts, l.T("ask.workshops_none"))
			} else {
				parts = append(parts, v.workshopSummary(p.w))
			}
		}
		where := reply.Plain(p.name)
		if topic != "" {
			where = l.T("ask.on_topic", "Where", p.name, "Topic", topic)
		}
		doc = append(doc, reply.Para{Text: l.T("ask.answer", "Where", where, "Text", reply.Join(l.T("ask.answer_sep"), parts...))})
	}
	return Reply{Doc: append(doc, reply.Note{Text: v.detailsFor(countries, indicators)})}
}

// womenCount says how many of the trained were women, over the trainings
// that reported it; fewer than 5 people are not shown, as shares are not.
func (v *View) womenCount(t ctbot.TrainingTotals) reply.Inline {
	return v.womenAmong("ask.women", t.Women, t.Reported, t.Unreported, t.Count)
}

// womenAmong says how many of some people were women, over the n
// trainings or events where it was reported (of reported people), in
// message id ("Women", "Of"), or id_partly saying how many did not report
// it ("K" of "N"), id_unreported when none did, id_few when fewer than 5
// people are behind it (not shown, as shares are not).
func (v *View) womenAmong(id string, women, reported, unreported, n int) reply.Inline {
	switch {
	case reported == 0:
		return v.l.T(id + "_unreported")
	case reported < ctbot.MinShareBase:
		return v.l.T(id + "_few")
	case unreported > 0:
		return v.l.T(id+"_partly", "Women", women, "Of", reported, "K", unreported, "N", n)
	}
	return v.l.T(id, "Women", women, "Of", reported)
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

// detailsFor names the status commands that show the details of what a
// question was about.
func (v *View) detailsFor(countries []*ctbot.Country, indicators []*ctbot.Indicator) reply.Inline {
	var cmds []reply.Inline
	for _, c := range countries {
		cmds = append(cmds, reply.Styled(v.command+" status "+strings.ToLower(c.Code), reply.Code))
	}
	for _, ind := range indicators {
		cmds = append(cmds, reply.Styled(v.command+" status "+ind.Code, reply.Code))
	}
	if len(cmds) == 0 {
		cmds = append(cmds, reply.Styled(v.command+" status", reply.Code))
	}
	return v.l.T("ask.details", "List", reply.Join(v.l.T("list.sep"), cmds...))
}

// topicIn is the training topic question q (lower case) names, or "".
func (v *View) topicIn(q string) string {
	for _, w := range words(q) {
		if t := v.fw.Topic(w); t != "" {
			return t
		}
	}
	spaced := " " + strings.Join(words(q), " ") + " "
	for _, t := range v.fw.Topics { // "virtual assets" for virtual-assets
		if strings.Contains(t, "-") && strings.Contains(spaced, " "+strings.ReplaceAll(t, "-", " ")+" ") {
			return t
		}
	}
	return ""
}
