package ctbot

import (
	"time"
)

// Logframe is the results framework reported for one period, as known at
// an instant: for each indicator its level, baseline, the target due by
// the period's end (intermediate targets included), the value at its end,
// its rating then, and how many of the values it rests on have evidence
// or were verified; and the same for each state of a per-state indicator.
type Logframe struct {
	Period Period
	AsOf   time.Time
	// Closed is the close the report reproduces, if the period is closed.
	Closed  *PeriodEvent
	Country string // only this state's rows, or "" for all
	Rows    []LogframeRow
}

// LogframeRow is one indicator of a logframe.
type LogframeRow struct {
	Progress Progress // at the period's end; Expected is the target then due
	Evidence
	States []StateRow // per-state indicators and milestones
}

// StateRow is one state's part of an indicator in a logframe.
type StateRow struct {
	StateProgress
	Evidence
	// Women is how many of the value are women, where that is known
	// exactly (fed by trainings whose women were all reported and whose
	// people were all new, with no adjustment) and the value is at least
	// MinShareBase people; nil otherwise.
	Women *int64
}

// Evidence counts the entries a value rests on, those naming their means
// of verification, and those verified against it; Linked are those with a
// link to their evidence.
type Evidence struct {
	EvidenceCount
	Linked []*Entry
}

func (e *Evidence) add(es ...*Entry) {
	for _, x := range es {
		e.Count(x)
		if x.Link != "" {
			e.Linked = append(e.Linked, x)
		}
	}
}

func (e *Evidence) merge(o Evidence) {
	e.Values += o.Values
	e.WithEvidence += o.WithEvidence
	e.Verified += o.Verified
	e.Linked = append(e.Linked, o.Linked...)
}

// Logframe reports period p from the entry versions in force at asOf
// (e.g. from a store's EntriesKnownAt): values dated up to the period's
// end, rated on its last day. country, if set, keeps that state's rows.
func (f *Framework) Logframe(p Period, versions []*Entry, asOf time.Time, country string) *Logframe {
	snap := f.Fold(versions, p.End)
	ledgers := map[IndicatorKey][]*Entry{}
	trainings := map[string][]*Entry{}
	for _, e := range versions {
		if e.Date.After(p.End) {
			continue
		}
		switch e.Kind {
		case KindIndicator:
			k := IndicatorKey{e.Indicator, e.Country}
			ledgers[k] = append(ledgers[k], e)
		case KindTraining:
			trainings[e.Country] = append(trainings[e.Country], e)
		}
	}
	lf := &Logframe{Period: p, AsOf: asOf, Country: country}
	for _, ind := range f.Indicators {
		row := LogframeRow{Progress: f.IndicatorProgress(ind, snap, p.End)}
		if ind.Scope == ScopeProgramme && ind.Measure != MeasureMilestone {
			row.add(ValueEntries(ind, ledgers[IndicatorKey{ind.Code, ""}])...)
		}
		for _, sp := range row.Progress.States {
			sr := StateRow{StateProgress: sp}
			c := sp.Country.Code
			sr.add(ValueEntries(ind, ledgers[IndicatorKey{ind.Code, c}])...)
			if ind.Source == SourceTrainings {
				sr.add(trainings[c]...)
				if sp.Adjusted == 0 && sp.Actual >= MinShareBase {
					sr.Women = womenOfNew(trainings[c])
				}
			}
			row.merge(sr.Evidence)
			if country == "" || country == c {
				row.States = append(row.States, sr)
			}
		}
		lf.Rows = append(lf.Rows, row)
	}
	return lf
}

// ValueEntries are the entries of one ledger the replayed value rests on:
// the latest set or stage by value order and the adds after it (for an
// indicator fed by trainings, its adjustments).
func ValueEntries(ind *Indicator, es []*Entry) []*Entry {
	sorted := append([]*Entry(nil), es...)
	ValueOrder(sorted)
	var out []*Entry
	for _, e := range sorted {
		switch {
		case ind.Source != "" && e.Op != OpAdd:
		case e.Op == OpAdd:
			out = append(out, e)
		default:
			out = []*Entry{e}
		}
	}
	return out
}

// womenOfNew is how many of the new people of trainings are women, when
// every training reported its women and counted everyone as new.
func womenOfNew(ts []*Entry) *int64 {
	if len(ts) == 0 {
		return nil
	}
	var n int64
	for _, t := range ts {
		if t.Women == nil || t.New != t.Trained {
			return nil
		}
		n += int64(*t.Women)
	}
	return &n
}
