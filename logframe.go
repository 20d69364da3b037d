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
	// Framework is the results framework the figures were measured
	// against; Kept is set for a closed period's report rendered from
	// what its close kept (LoadKept), with the framework then in force.
	Framework *Framework
	Kept      bool
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
	// exactly (fed by trainings that all know the women among their new
	// people, Entry.WomenAmongNew, with no adjustment) and the value is at
	// least MinShareBase people; nil otherwise.
	Women *int64
}

// Evidence counts the entries a value rests on, those naming their means
// of verification, and those verified against it; Linked are those with a
// link to their evidence.
type Evidence struct {
	EvidenceCount
	Linked []*Entry
}

func (e *Evidence) add(v valueEntry) {
	e.count(v.evidence, v.verified)
	if v.entry != nil && v.entry.Link != "" {
		e.Linked = append(e.Linked, v.entry)
	}
}

func (e *Evidence) merge(o Evidence) {
	e.Values += o.Values
	e.WithEvidence += o.WithEvidence
	e.Verified += o.Verified
	e.Linked = append(e.Linked, o.Linked...)
}

// Logframe reports period p from the entry versions in force at asOf:
// values dated up to the period's end, rated on its last day. country, if
// set, keeps that state's rows. It holds every version; LogframeFold makes
// the same report from versions read one at a time.
func (f *Framework) Logframe(p Period, versions []*Entry, asOf time.Time, country string) *Logframe {
	sorted := append([]*Entry(nil), versions...)
	ValueOrder(sorted)
	lf := f.NewLogframeFold(p)
	for _, e := range sorted {
		lf.Add(e)
	}
	return lf.Logframe(asOf, country)
}

// LogframeKinds are the kinds of entry a logframe is made of: a store
// need read no others for LogframeFold.
var LogframeKinds = []Kind{KindIndicator, KindTraining}

// LogframeFold makes the logframe of a period from the entry versions in
// force, given one at a time in value order (ValueOrder), as a store reads
// them: it keeps only each ledger's replay and each state's trainings,
// never the entries.
type LogframeFold struct {
	f         *Framework
	p         Period
	ledgers   ledgers
	trainings map[string]*stateTrainings
}

// stateTrainings are what a state's trainings give a logframe: their
// totals (the women among their new people too) and their evidence.
type stateTrainings struct {
	totals TrainingTotals
	Evidence
}

// NewLogframeFold starts the logframe of period p.
func (f *Framework) NewLogframeFold(p Period) *LogframeFold {
	return &LogframeFold{f: f, p: p, ledgers: f.newLedgers(), trainings: map[string]*stateTrainings{}}
}

// Add folds in e, the next entry in value order. Entries dated after the
// period's end, and those neither trainings nor indicator values, are left
// out.
func (l *LogframeFold) Add(e *Entry) {
	if e.Date.After(l.p.End) {
		return
	}
	switch e.Kind {
	case KindIndicator:
		l.ledgers.add(e)
	case KindTraining:
		t := l.trainings[e.Country]
		if t == nil {
			t = &stateTrainings{}
			l.trainings[e.Country] = t
		}
		t.totals.Add(e, 1)
		t.add(valueOf(e, true))
	}
}

// Logframe is the report of what was added, as known at asOf; country, if
// set, keeps that state's rows.
func (l *LogframeFold) Logframe(asOf time.Time, country string) *Logframe {
	snap := NewSnapshot()
	for c, t := range l.trainings {
		snap.Trainings[c] = t.totals
	}
	l.ledgers.values(snap)
	lf := &Logframe{Period: l.p, AsOf: asOf, Country: country, Framework: l.f}
	for _, ind := range l.f.Indicators {
		row := LogframeRow{Progress: l.f.IndicatorProgress(ind, snap, l.p.End)}
		if ind.Scope == ScopeProgramme && ind.Measure != MeasureMilestone {
			row.merge(l.ledgers.get(ind, "").rests)
		}
		for _, sp := range row.Progress.States {
			sr := StateRow{StateProgress: sp}
			c := sp.Country.Code
			sr.merge(l.ledgers.get(ind, c).rests)
			if t := l.trainings[c]; ind.Source == SourceTrainings && t != nil {
				sr.merge(t.Evidence)
				if sp.Adjusted == 0 && sp.Actual >= MinShareBase && t.totals.NewUnreported == 0 {
					women := int64(t.totals.NewWomen)
					sr.Women = &women
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
