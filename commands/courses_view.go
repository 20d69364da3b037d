package commands

import (
	"slices"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// courseRow is the trainings of one row of a breakdown: a topic and level,
// or a state and level.
type courseRow struct {
	label, level string
	t            ctbot.TrainingTotals
}

// courseRows adds up the trainings the snapshot breaks down by topic and
// level that keep accepts, a row per label (what by says of the key) and
// level, in the order of the framework's topics or states, then levels.
func (v *View) courseRows(keep func(ctbot.CourseKey) bool, by func(ctbot.CourseKey) string, order []string) []courseRow {
	sums := map[[2]string]ctbot.TrainingTotals{}
	for k, t := range v.s.Courses {
		if keep(k) {
			key := [2]string{by(k), k.Level}
			cur := sums[key]
			cur.Merge(t, 1)
			sums[key] = cur
		}
	}
	var rows []courseRow
	for _, label := range order {
		for _, level := range append(slices.Clone(ctbot.CourseLevels), "") {
			if t, ok := sums[[2]string{label, level}]; ok && t.Count > 0 {
				rows = append(rows, courseRow{label: label, level: level, t: t})
			}
		}
	}
	return rows
}

// courseTable is a breakdown as a table: what a row is (first column's
// title and how to write its label), its level, trainings, attendances,
// new people and the women's share.
func (v *View) courseTable(first reply.Inline, label func(string) reply.Inline, rows []courseRow) reply.Table {
	l := v.l
	t := reply.Table{Columns: []reply.Column{{Title: first}, {Title: l.T("courses.col.level")},
		{Title: l.T("courses.col.trainings"), Numeric: true}, {Title: l.T("courses.col.trained"), Numeric: true},
		{Title: l.T("courses.col.new"), Numeric: true}, {Title: l.T("courses.col.women")}, {Title: l.T("courses.col.new_women")}}}
	for _, r := range rows {
		level := l.T("courses.level_unknown")
		if r.level != "" {
			level = l.T("courses.level." + r.level)
		}
		women := WomenShare(l, r.t.Women, r.t.Reported)
		if women == nil {
			women = l.T("courses.women_unreported")
		}
		t.Rows = append(t.Rows, []reply.Inline{label(r.label), level, reply.Plain(l.Number(float64(r.t.Count))),
			reply.Plain(l.Number(float64(r.t.Trained))), reply.Plain(l.Number(float64(r.t.New))), women, v.newWomenCell(r.t)})
	}
	return t
}

// newWomenCell is how many of a row's new people are women, where
// reported ("7", "7 (of 15 reported)"); not shown under 5 people.
func (v *View) newWomenCell(t ctbot.TrainingTotals) reply.Inline {
	l := v.l
	switch {
	case t.New == 0:
		return l.T("compare.not_applicable")
	case t.NewReported == 0:
		return l.T("courses.women_unreported")
	case t.NewReported < ctbot.MinShareBase:
		return l.T("share.small")
	case t.NewUnreported > 0:
		return l.T("courses.new_women_partly", "Women", t.NewWomen, "Of", t.NewReported)
	}
	return reply.Plain(l.Number(float64(t.NewWomen)))
}

// coursesOf is a state's trainings by topic and level, and how many name
// no topic; nothing when none names one.
func (v *View) coursesOf(c *ctbot.Country) reply.Doc {
	rows := v.courseRows(func(k ctbot.CourseKey) bool { return k.Country == c.Code },
		func(k ctbot.CourseKey) string { return k.Topic }, v.fw.Topics)
	return v.breakdown(rows, v.s.Trainings[c.Code].Count)
}

// coursesAll is the programme's trainings by topic and level.
func (v *View) coursesAll() reply.Doc {
	rows := v.courseRows(func(ctbot.CourseKey) bool { return true },
		func(k ctbot.CourseKey) string { return k.Topic }, v.fw.Topics)
	total := 0
	for _, t := range v.s.Trainings {
		total += t.Count
	}
	return v.breakdown(rows, total)
}

// breakdown is a table of trainings by topic and level, with a note of the
// trainings (of total) that name no topic.
func (v *View) breakdown(rows []courseRow, total int) reply.Doc {
	if len(rows) == 0 {
		return nil
	}
	named := 0
	for _, r := range rows {
		named += r.t.Count
	}
	doc := reply.Doc{reply.Para{Text: v.l.T("courses.title")},
		v.courseTable(v.l.T("courses.col.topic"), func(s string) reply.Inline { return reply.Plain(v.fw.TopicIn(v.l.Lang(), s)) }, rows)}
	if total > named {
		doc = append(doc, reply.Note{Text: v.l.T("courses.no_topic", "N", total-named, "Total", total)})
	}
	return doc
}

// Topic is the trainings on one topic, state by state and level by level.
func (v *View) Topic(topic string) Reply {
	l := v.l
	codes := make([]string, len(v.fw.Countries))
	for i, c := range v.fw.Countries {
		codes[i] = c.Code
	}
	rows := v.courseRows(func(k ctbot.CourseKey) bool { return k.Topic == topic },
		func(k ctbot.CourseKey) string { return k.Country }, codes)
	name := v.fw.TopicIn(l.Lang(), topic)
	doc := reply.Doc{reply.Heading{Text: l.T("courses.topic_title", "Topic", name, "Date", v.today)}}
	if len(rows) == 0 {
		return Reply{Doc: append(doc, reply.Para{Text: l.T("courses.topic_none", "Topic", name, "Cmd", v.command)})}
	}
	var all ctbot.TrainingTotals
	for _, r := range rows {
		all.Merge(r.t, 1)
	}
	doc = append(doc, reply.Para{Text: l.T("courses.topic_total", "Summary", v.trainingSummary(all))},
		v.courseTable(l.T("courses.col.state"), func(code string) reply.Inline { return reply.Plain(CountryName(l, v.fw, code)) }, rows))
	var courses []string
	for _, co := range v.fw.Courses {
		if co.Topic == topic {
			courses = append(courses, co.Code)
		}
	}
	if len(courses) > 0 {
		doc = append(doc, reply.Note{Text: l.T("courses.topic_courses", "List", joined(courses))})
	}
	return Reply{Doc: doc}
}
