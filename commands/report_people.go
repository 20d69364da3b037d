package commands

import (
	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// peopleDoc is a report's table of the people its activities reached by
// the period's end, state by state and in all, with the share of women
// among those whose sex was reported.
func (c *Core) peopleDoc(l *locale.Loc, lf *ctbot.Logframe) reply.Doc {
	cols := []reply.Column{{Title: l.T("report.col.state")}, {Title: l.T("courses.col.trainings"), Numeric: true},
		{Title: l.T("courses.col.trained"), Numeric: true}, {Title: l.T("courses.col.women"), Numeric: true},
		{Title: l.T("courses.col.new"), Numeric: true}, {Title: l.T("compare.workshops"), Numeric: true},
		{Title: l.T("report.col.participants"), Numeric: true}, {Title: l.T("courses.col.women"), Numeric: true}}
	row := func(label reply.Inline, a ctbot.ActivityRow) []reply.Inline {
		return []reply.Inline{label, reply.Plain(l.Int(int64(a.Trainings))), reply.Plain(l.Int(a.Attendances.Total)), womenCell(l, a.Attendances),
			reply.Plain(l.Int(a.New)), reply.Plain(l.Int(int64(a.Workshops))), reply.Plain(l.Int(a.Participants.Total)), womenCell(l, a.Participants)}
	}
	var rows [][]reply.Inline
	for _, a := range lf.Activities {
		if a.Trainings > 0 || a.Workshops > 0 {
			rows = append(rows, row(reply.Plain(a.Country.NameIn(l.Lang())), a))
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if lf.Country == "" {
		rows = append(rows, row(l.T("report.all_states"), lf.Total))
	}
	return reply.Doc{reply.Para{Text: l.T("report.people")}, reply.Table{Columns: cols, Rows: rows},
		reply.Note{Text: l.T("report.people_note", "Min", ctbot.MinShareBase)}}
}

// womenCell is the share of women among people p whose sex was reported.
func womenCell(l *locale.Loc, p ctbot.People) reply.Inline {
	pct, ok := p.Share()
	switch {
	case p.Total == 0:
		return l.T("compare.not_applicable")
	case p.Reported == 0:
		return l.T("courses.women_unreported")
	case !ok:
		return l.T("compare.too_few")
	}
	return reply.Plain(l.Percent(pct))
}

// notesShown is how many notes a report lists: the workbook's Notes sheet
// has them all.
const notesShown = 20

// notesDoc lists what a reader of a report should know of the entries
// dated in its period: stages gone back, achieved counts taken below
// their target, and a set and an add dated the same day by different
// people, in the order they apply.
func (c *Core) notesDoc(l *locale.Loc, lf *ctbot.Logframe) reply.Doc {
	if len(lf.Notes) == 0 {
		return nil
	}
	var items []reply.Inline
	for _, n := range lf.Notes[:min(len(lf.Notes), notesShown)] {
		args := []any{"ID", ID(n.ID), "Date", n.Date, "Code", n.Indicator.Code, "State", CountryName(l, c.fw, n.Country)}
		switch n.Kind {
		case ctbot.NoteStageBack:
			items = append(items, l.T("report.note_stage_back", append(args, "From", n.From, "To", n.To)...))
		case ctbot.NoteReduced:
			items = append(items, l.T("report.note_reduced", append(args, "From", n.FromValue, "To", n.ToValue, "Target", l.Number(n.Target))...))
		case ctbot.NoteSameDay:
			msg := "report.note_same_day_set_first"
			if n.Op == ctbot.OpSet { // recorded second, the set replaces the add
				msg = "report.note_same_day_add_first"
			}
			items = append(items, l.T(msg, append(args, "First", ID(n.First))...))
		}
	}
	doc := reply.Doc{reply.List{Title: l.T("report.notes", "Period", lf.Period.Name()), Items: items}}
	if len(lf.Notes) > notesShown {
		doc = append(doc, reply.Para{Text: l.T("report.notes_more", "N", len(lf.Notes)-notesShown, "Cmd", c.command, "Period", lf.Period.Name())})
	}
	return doc
}
