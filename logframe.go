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
	// opening and carried are what the indicators continuing the previous
	// phase's open with: their entries, and the trainings, dated before it.
	opening ledgers
	carried map[IndicatorKey]TrainingTotals
}

// stateTrainings are what a state's trainings give a logframe: their
// totals, their evidence, and how many of their new people are women when
// every one of them reported its women and counted everyone as new.
type stateTrainings struct {
	totals TrainingTotals
	Evidence
	women   int64
	unknown bool // a training left the women of its new people unknown
}

// NewLogframeFold starts the logframe of period p.
func (f *Framework) NewLogframeFold(p Period) *LogframeFold {
	return &LogframeFold{f: f, p: p, ledgers: f.newLedgers(), trainings: map[string]*stateTrainings{},
		opening: f.newLedgers(), carried: map[IndicatorKey]TrainingTotals{}}
}

// Add folds in e, the next entry in value order. Entries dated after the
// period's end or outside the phase (but those an indicator continuing the
// previous phase's counts), and those neither trainings nor indicator
// values, are left out.
func (l *LogframeFold) Add(e *Entry) {
	if e.Date.After(l.p.End) {
		return
	}
	switch {
	case e.Kind == KindIndicator:
		l.ledgers.add(e)
		if ind := l.f.Indicator(e.Indicator); ind != nil && l.f.opening(ind, e.Date) {
			l.opening.add(e)
		}
	case e.Kind == KindTraining && !l.f.owns(e.Date):
		for _, ind := range l.f.Indicators {
			if ind.Source == SourceTrainings && l.f.opening(ind, e.Date) {
				addTotals(l.carried, IndicatorKey{ind.Code, e.Country}, e, 1)
			}
		}
	case e.Kind == KindTraining:
		t := l.trainings[e.Country]
		if t == nil {
			t = &stateTrainings{}
			l.trainings[e.Country] = t
		}
		t.totals.Add(e, 1)
		t.add(valueOf(e, true))
		if e.Women == nil || e.New != e.Trained {
			t.unknown = true
		} else {
			t.women += int64(*e.Women)
		}
	}
}

// Logframe is the report of what was added, as known at asOf; country, if
// set, keeps that state's rows.
func (l *LogframeFold) Logframe(asOf time.Time, country string) *Logframe {
	snap := NewSnapshot()
	for c, t := range l.trainings {
		snap.Trainings[c] = t.totals
	}
	l.ledgers.values(snap, l.opening, l.carried)
	lf := &Logframe{Period: l.p, AsOf: asOf, Country: country}
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
				if sp.Adjusted == 0 && sp.Actual >= MinShareBase && !t.unknown && l.carried[IndicatorKey{ind.Code, c}].New == 0 {
					women := t.women
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
