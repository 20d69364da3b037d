package export

import (
	"cmp"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
)

// coverRow is one line of a workbook's cover: what it holds and as of when.
type coverRow struct {
	Item  string
	Value cell
}

var coverColumns = []column[coverRow]{
	{"item", func(r coverRow) cell { return codeCell(r.Item) }},
	{"value", func(r coverRow) cell { return r.Value }},
}

// cover says which programme and period a logframe workbook is of, for
// which states, whether the period is closed (by whom, when) and as of
// when its figures are, and what each sheet holds.
func cover(wb Workbook) []coverRow {
	lf := wb.Logframe
	zone := wb.zone()
	country := "all states"
	if lf.Country != "" {
		country = lf.Country
	}
	state := "open: the figures follow any correction until the period is closed"
	if lf.Closed != nil {
		state = "closed: the figures are as known at the close"
	}
	asOf := lf.AsOf.In(zone)
	rows := []coverRow{
		{"programme", textCell(wb.Programme)},
		{"document", codeCell("logframe")},
		{"period", codeCell(lf.Period.Name())},
		{"period_start", dateCell(lf.Period.Start)},
		{"period_end", dateCell(lf.Period.End)},
		{"states", codeCell(country)},
		{"period_state", codeCell(state)},
	}
	if cl := lf.Closed; cl != nil {
		rows = append(rows, coverRow{"closed_by", codeCell(cl.Actor)}, coverRow{"closed_at", timeCell(cl.At)})
	}
	rows = append(rows,
		coverRow{"figures_as_of", timeCell(lf.AsOf)},
		coverRow{"figures_as_of_local", codeCell(fmt.Sprintf("%s (%s)", asOf.Format("2006-01-02 15:04"), zone))},
		coverRow{"values", codeCell(fmt.Sprintf("dated up to the period's end, %s; targets due by then", lf.Period.End))},
		coverRow{"generated_at", timeCell(wb.Generated)},
		coverRow{"sheet " + SheetLogframe, codeCell("each indicator, all states together")},
		coverRow{"sheet " + SheetStates, codeCell("each state's part of each per-state indicator")},
		coverRow{"sheet " + SheetActivities, codeCell("trainings and workshops held by the period's end, with the women among the people they reached")},
		coverRow{"sheet " + SheetSources, codeCell("for each figure, the entries that make it (entry_id, as in the Entries sheet and /ct audit)")},
		coverRow{"sheet " + SheetNotes, codeCell("entries of the period a reader should know of: stages gone back, achieved values reduced, a set and an add of one day by different people")},
		coverRow{"sheet " + SheetEntries, codeCell(fmt.Sprintf("the entries dated in the period (%s to %s) of %s, as they are now; after_close marks changes made while it was closed",
			lf.Period.Start, lf.Period.End, country))},
	)
	return rows
}

func (wb Workbook) zone() *time.Location {
	if wb.Zone == nil {
		return time.UTC
	}
	return wb.Zone
}

// activityColumns are the columns of the Activities sheet: each state's
// trainings and held workshops, and the people they reached by sex.
var activityColumns = []column[ctbot.ActivityRow]{
	{"country", func(a ctbot.ActivityRow) cell {
		if a.Country == nil {
			return codeCell("")
		}
		return codeCell(a.Country.Code)
	}},
	{"trainings", func(a ctbot.ActivityRow) cell { return intCell(int64(a.Trainings)) }},
	{"attendances", func(a ctbot.ActivityRow) cell { return intCell(a.Attendances.Total) }},
	{"attendances_reporting_sex", func(a ctbot.ActivityRow) cell { return intCell(a.Attendances.Reported) }},
	{"attendances_women", func(a ctbot.ActivityRow) cell { return womenOf(a.Attendances, true) }},
	{"attendances_women_share", func(a ctbot.ActivityRow) cell { return womenShare(a.Attendances, true) }},
	{"new_people", func(a ctbot.ActivityRow) cell { return intCell(a.New) }},
	{"workshops_held", func(a ctbot.ActivityRow) cell { return intCell(int64(a.Workshops)) }},
	{"participants", func(a ctbot.ActivityRow) cell { return intCell(a.Participants.Total) }},
	{"participants_reporting_sex", func(a ctbot.ActivityRow) cell { return intCell(a.Participants.Reported) }},
	{"participants_women", func(a ctbot.ActivityRow) cell { return womenOf(a.Participants, true) }},
	{"participants_women_share", func(a ctbot.ActivityRow) cell { return womenShare(a.Participants, true) }},
}

// activityRows are a logframe's activity rows: each state's, then all
// states' together.
func activityRows(lf *ctbot.Logframe) []ctbot.ActivityRow {
	return append(append([]ctbot.ActivityRow(nil), lf.Activities...), lf.Total)
}

// sourceRow is one entry a figure rests on: Figure is the indicator's
// code (or "activities"), Part what the entries make (an indicator's
// value, the trainings feeding it, or an activity's trainings or
// workshops); ind is the indicator, if any.
type sourceRow struct {
	Figure, Country, Part string
	ctbot.Source
	ind *ctbot.Indicator
}

// Parts of a figure the Sources sheet names.
const (
	partValue     = "value"
	partTrainings = "trainings"
	partWorkshops = "workshops"
)

var sourceColumns = []column[sourceRow]{
	{"figure", func(r sourceRow) cell { return codeCell(r.Figure) }},
	{"country", func(r sourceRow) cell { return codeCell(r.Country) }},
	{"part", func(r sourceRow) cell { return codeCell(r.Part) }},
	{"entry_id", func(r sourceRow) cell { return intCell(r.ID) }},
	{"kind", func(r sourceRow) cell { return codeCell(string(r.Kind())) }},
	{"value_date", func(r sourceRow) cell { return dateCell(r.Date()) }},
	{"op", func(r sourceRow) cell { return codeCell(string(r.Op())) }},
	{"value", func(r sourceRow) cell {
		return cell{Kind: number, Int: r.Value(), Empty: r.Op() != ctbot.OpSet && r.Op() != ctbot.OpAdd}
	}},
	{"denominator", func(r sourceRow) cell { return cell{Kind: number, Int: r.Denom(), Empty: r.Denom() == 0} }},
	{"stage", func(r sourceRow) cell {
		if r.ind == nil {
			return codeCell("")
		}
		return codeCell(r.Stage(r.ind))
	}},
	{"people", func(r sourceRow) cell {
		return cell{Kind: number, Int: r.People(), Empty: r.Kind() == ctbot.KindIndicator}
	}},
	{"new_people", func(r sourceRow) cell { return cell{Kind: number, Int: r.New(), Empty: r.Kind() != ctbot.KindTraining} }},
	{"women", func(r sourceRow) cell {
		n, ok := r.Women()
		return cell{Kind: number, Int: n, Empty: !ok || r.Kind() == ctbot.KindIndicator}
	}},
	{"has_evidence", func(r sourceRow) cell { return boolCell(r.HasEvidence()) }},
	{"verified", func(r sourceRow) cell { return boolCell(r.Verified()) }},
}

// sources are the Sources sheet's rows: each indicator's programme-wide
// entries and each state's value entries; the trainings (as wb.Trainings
// gives them), under the indicator they feed in their state, or under
// activities where they feed none; then each state's workshops held.
func sources(wb Workbook) Rows[sourceRow] {
	lf := wb.Logframe
	return func(fn func(sourceRow) error) error {
		feeds := map[string]string{} // the indicator a state's trainings feed
		each := func(figure, country, part string, ind *ctbot.Indicator, ss []ctbot.Source) error {
			for _, s := range ss {
				if err := fn(sourceRow{figure, country, part, s, ind}); err != nil {
					return err
				}
			}
			return nil
		}
		for _, r := range lf.Rows {
			ind := r.Progress.Indicator
			if err := each(ind.Code, "", partValue, ind, r.Sources); err != nil {
				return err
			}
			for _, s := range r.States {
				if err := each(ind.Code, s.Country.Code, partValue, ind, s.Sources); err != nil {
					return err
				}
				if ind.Source == ctbot.SourceTrainings && feeds[s.Country.Code] == "" {
					feeds[s.Country.Code] = ind.Code
				}
			}
		}
		if wb.Trainings != nil {
			err := wb.Trainings(func(e *ctbot.Entry) error {
				if lf.Country != "" && e.Country != lf.Country {
					return nil
				}
				return fn(sourceRow{cmp.Or(feeds[e.Country], "activities"), e.Country, partTrainings, ctbot.SourceOf(e, nil), nil})
			})
			if err != nil {
				return err
			}
		}
		for _, a := range lf.Activities {
			if err := each("activities", a.Country.Code, partWorkshops, nil, a.WorkshopSources); err != nil {
				return err
			}
		}
		return nil
	}
}

// noteColumns are the columns of the Notes sheet.
var noteColumns = []column[ctbot.LogframeNote]{
	{"note", func(n ctbot.LogframeNote) cell { return codeCell(string(n.Kind)) }},
	{"indicator", func(n ctbot.LogframeNote) cell { return codeCell(n.Indicator.Code) }},
	{"country", func(n ctbot.LogframeNote) cell { return codeCell(n.Country) }},
	{"value_date", func(n ctbot.LogframeNote) cell { return dateCell(n.Date) }},
	{"entry_id", func(n ctbot.LogframeNote) cell { return intCell(n.ID) }},
	{"op", func(n ctbot.LogframeNote) cell { return codeCell(string(n.Op)) }},
	{"first_entry_id", func(n ctbot.LogframeNote) cell { return cell{Kind: number, Int: n.First, Empty: n.First == 0} }},
	{"first_op", func(n ctbot.LogframeNote) cell { return codeCell(string(n.FirstOp)) }},
	{"from", func(n ctbot.LogframeNote) cell { return noteEnd(n, n.From, n.FromValue) }},
	{"to", func(n ctbot.LogframeNote) cell { return noteEnd(n, n.To, n.ToValue) }},
	{"target", func(n ctbot.LogframeNote) cell {
		return cell{Kind: decimal, Float: n.Target, Empty: n.Kind != ctbot.NoteReduced}
	}},
}

// noteEnd is where a note's change went from or to: a stage, or a value.
func noteEnd(n ctbot.LogframeNote, stage string, value int64) cell {
	switch n.Kind {
	case ctbot.NoteStageBack:
		return codeCell(stage)
	case ctbot.NoteReduced:
		return intCell(value)
	}
	return codeCell("")
}
