package ctbot

import (
	"math"
	"time"
)

// Logframe is the results framework reported for one period, as known at
// an instant: for each indicator its level, baseline, targets (the one
// due by the period's end, the intermediate and the final one), the value
// at its end and its date, its rating then, how many of the values it
// rests on have evidence or were verified and which entries they are;
// the same for each state of a per-state indicator; the people the
// activities reached, by sex; and the notes a reader should know.
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
	// Activities are each state's trainings and held workshops by the
	// period's end (Country's only, if set), and Total all states'.
	Activities []ActivityRow
	Total      ActivityRow
	// Notes are what a reader of the period's figures should know, in
	// value order: entries dated in it that took a stage back or an
	// achieved value below its target, and sets and adds dated the same
	// day by different people.
	Notes []LogframeNote
}

// LogframeRow is one indicator of a logframe.
type LogframeRow struct {
	Progress Progress // at the period's end; Expected is the target then due
	Evidence
	Targets
	// Date is the latest value date of what the value rests on (the zero
	// Date without data).
	Date Date
	// Sources are the entries a programme-wide value rests on; a per-state
	// indicator's are its states'.
	Sources []Source `json:"-"` // not kept at a close: made again from the entries then
	// Attendances are the trainings' attendances of an indicator fed by
	// trainings, all states together.
	Attendances People
	States      []StateRow // per-state indicators and milestones
}

// StateRow is one state's part of an indicator in a logframe.
type StateRow struct {
	StateProgress
	Evidence
	Targets
	Date Date
	// Sources are the indicator entries the value rests on: the latest
	// set or stage and the adds after it, or an indicator fed by
	// trainings' adjustments; Trainings the trainings feeding it, as many
	// as the fold keeps (KeepSources).
	Sources   []Source `json:"-"` // not kept at a close: made again from the entries then
	Trainings []Source `json:"-"`
	// Attendances are the attendances of the trainings feeding the value,
	// with the women among them where reported.
	Attendances People
	// Women is how many of the value are women (the new people of the
	// trainings feeding it), where that is known exactly (every training
	// knows the women among its new people, Entry.WomenAmongNew; no
	// adjustment) and the value
	// is at least MinShareBase people; nil otherwise.
	Women *int64
}

// People counts people: Total, of whom Reported are in records that say
// how many are women, and Women among those.
type People struct {
	Total, Reported, Women int64
}

// Share is the share of women among the people whose sex is reported, in
// percent; ok is false under MinShareBase people (too few to show).
func (p People) Share() (pct float64, ok bool) {
	if p.Reported < MinShareBase {
		return 0, false
	}
	return percentOf(p.Women, p.Reported), true
}

func (p *People) add(o People) {
	p.Total += o.Total
	p.Reported += o.Reported
	p.Women += o.Women
}

// ActivityRow is what a state's activities (Country nil: all states')
// did by the period's end: the trainings, their attendances and new
// people; the workshops held and their participants; and the entries
// that make each.
type ActivityRow struct {
	Country      *Country
	Trainings    int
	Attendances  People
	New          int64
	Workshops    int
	Participants People
	// TrainingSources and WorkshopSources are the trainings (as many as
	// the fold keeps: KeepSources), and the latest entry of each workshop
	// held, that make the row.
	TrainingSources, WorkshopSources []Source
}

// Targets are an indicator's targets as the logframe states them: Due,
// the target due by the period's end (Rounded: whole people or states);
// Intermediate, the milestone in force then (the first dated on or after
// the period's end, or the last when all have passed; the zero Date when
// the indicator has none); and Final, the target and its due date.
type Targets struct {
	Due                 float64
	Intermediate, Final Milestone
}

// Rounded is a figure of ind as a logframe states it: whole people,
// states or things where the indicator counts them (a target due of
// 34.95 people is 35), halves up; a share as it is.
func (ind *Indicator) Rounded(v float64) float64 {
	if ind.Measure == MeasurePercent {
		return v
	}
	return math.Floor(v + 0.5)
}

// targets are ind's targets under the terms in force on day d, for a
// state (or the programme) whose baseline is baseline and final target
// target, when due is the target due.
func (f *Framework) targets(ind *Indicator, baseline, target, due float64, d Date) Targets {
	terms := ind.TermsOn(d)
	t := Targets{Due: ind.Rounded(due), Final: Milestone{Date: f.DueOn(ind, d), Value: target}}
	for i, m := range terms.Milestones {
		if !d.After(m.Date) || i == len(terms.Milestones)-1 {
			t.Intermediate = Milestone{Date: m.Date, Value: ind.Rounded(scaleTo(m.Value, ind.Baseline, terms.Target, baseline, target))}
			break
		}
	}
	return t
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
	lf := f.NewLogframeFold(p).KeepSources(math.MaxInt)
	for _, e := range sorted {
		lf.Add(e)
	}
	return lf.Logframe(asOf, country)
}

// LogframeKinds are the kinds of entry a logframe is made of: a store
// need read no others for LogframeFold.
var LogframeKinds = []Kind{KindIndicator, KindTraining, KindWorkshop}

// LogframeFold makes the logframe of a period from the entry versions in
// force, given one at a time in value order (ValueOrder), as a store reads
// them: it keeps only each ledger's replay, each state's training totals,
// each workshop's latest entry and a few words of each entry a figure
// rests on (of trainings, as many as asked: KeepSources), never the
// entries.
type LogframeFold struct {
	f         *Framework
	p         Period
	ledgers   ledgers
	trainings map[string]*stateTrainings
	// workshops are each workshop's latest entry (by ID, as a Book's
	// series) dated by the period's end, by series.
	workshops map[int64]workshop
	notes     notebook
	keep      int // trainings' sources kept of each state
	// opening and carried are what the indicators continuing the previous
	// phase's open with: their entries, and the trainings, dated before it.
	opening ledgers
	carried map[IndicatorKey]TrainingTotals
}

// workshop is a workshop's latest entry, in a few words (a state may
// hold many workshops).
type workshop struct {
	id                  int64
	day                 int32
	participants, women int32 // women -1: not reported
	country             uint8 // its index in the framework's countries
	flags               sourceFlags
	held                bool
}

// stateTrainings are what a state's trainings give a logframe: their
// totals (the women among their new people too) and their evidence.
type stateTrainings struct {
	totals TrainingTotals
	Evidence
	sources []Source // the first the fold keeps
	last    Date     // the latest training's date
}

// KeepSources makes the fold keep the first n trainings of each state
// (in value order) that its figures rest on (StateRow.Trainings,
// ActivityRow.TrainingSources); by default it keeps none, as a report of
// figures needs none and a state may have many (a workbook reads them
// again as it writes them). It returns l.
func (l *LogframeFold) KeepSources(n int) *LogframeFold {
	l.keep = n
	return l
}

// NewLogframeFold starts the logframe of period p.
func (f *Framework) NewLogframeFold(p Period) *LogframeFold {
	return &LogframeFold{f: f, p: p, ledgers: f.newLedgers(), trainings: map[string]*stateTrainings{},
		workshops: map[int64]workshop{}, notes: newNotebook(p), opening: f.newLedgers(), carried: map[IndicatorKey]TrainingTotals{}}
}

// Add folds in e, the next entry in value order. Entries dated after the
// period's end or outside the phase (but those an indicator continuing the
// previous phase's counts), and those neither trainings, workshops nor indicator
// values, are left out.
func (l *LogframeFold) Add(e *Entry) {
	if e.Date.After(l.p.End) {
		return
	}
	switch {
	case e.Kind == KindIndicator:
		l.addValue(e)
		if ind := l.f.Indicator(e.Indicator); ind != nil && l.f.opening(ind, e.Date) {
			l.opening.replayOf(e).add(valueOf(e, true))
		}
	case !l.f.owns(e.Date): // before the phase: what continuing indicators open with
		if e.Kind != KindTraining {
			return
		}
		l.f.carry(l.carried, e, 1)
	case e.Kind == KindWorkshop:
		if w, ok := l.workshops[e.Series]; !ok || e.ID > w.id {
			l.workshops[e.Series] = l.workshopOf(e)
		}
	case e.Kind == KindTraining:
		t := l.training(e.Country)
		t.totals.Add(e, 1)
		t.add(valueOf(e, true))
		t.last = later(t.last, e.Date)
		if len(t.sources) < l.keep {
			t.sources = append(t.sources, SourceOf(e, nil))
		}
	}
}

func (l *LogframeFold) training(country string) *stateTrainings {
	t := l.trainings[country]
	if t == nil {
		t = &stateTrainings{}
		l.trainings[country] = t
	}
	return t
}

// addValue applies indicator entry e to its ledger, noting what a reader
// should know of it.
func (l *LogframeFold) addValue(e *Entry) {
	r := l.ledgers.replayOf(e)
	if r == nil {
		return
	}
	var fed int64
	if t := l.trainings[e.Country]; t != nil && r.ind.Source == SourceTrainings {
		fed = int64(t.totals.New + l.carried[IndicatorKey{r.ind.Code, e.Country}].New)
	}
	before := r.value()
	r.add(valueOf(e, true))
	l.notes.add(e, r.ind, before, r.value(), fed)
}

// Logframe is the report of what was added, as known at asOf; country, if
// set, keeps that state's rows.
func (l *LogframeFold) Logframe(asOf time.Time, country string) *Logframe {
	snap := NewSnapshot()
	for c, t := range l.trainings {
		snap.Trainings[c] = t.totals
	}
	l.ledgers.values(snap, l.opening, l.carried)
	lf := &Logframe{Period: l.p, AsOf: asOf, Country: country, Framework: l.f, Notes: l.notes.of(country)}
	for _, ind := range l.f.Indicators {
		lf.Rows = append(lf.Rows, l.row(ind, snap, country))
	}
	l.activities(lf)
	return lf
}

// row is indicator ind's row of the logframe.
func (l *LogframeFold) row(ind *Indicator, snap *Snapshot, country string) LogframeRow {
	p := l.f.IndicatorProgress(ind, snap, l.p.End)
	final := p.Target
	if ind.Measure == MeasurePercent {
		final = ind.TermsOn(l.p.End).Target // p.Target is the target due
	}
	row := LogframeRow{Progress: p, Targets: l.f.targets(ind, p.Baseline, final, p.Expected, l.p.End)}
	if ind.Scope == ScopeProgramme && ind.Measure != MeasureMilestone {
		r := l.ledgers.get(ind, "")
		row.merge(r.rests)
		row.Sources = r.sources
		row.Date = latest(row.Date, r.sources)
	}
	perState := ind.Measure == MeasureCount && ind.Scope == ScopeEach
	if perState {
		row.Due, row.Intermediate.Value = 0, 0
	}
	for _, sp := range p.States {
		sr := l.stateRow(ind, sp)
		if perState {
			row.Due += sr.Due
			row.Intermediate.Value += sr.Intermediate.Value
		}
		row.merge(sr.Evidence)
		row.Attendances.add(sr.Attendances)
		row.Date = later(row.Date, sr.Date)
		if country == "" || country == sp.Country.Code {
			row.States = append(row.States, sr)
		}
	}
	return row
}

// stateRow is one state's part of indicator ind.
func (l *LogframeFold) stateRow(ind *Indicator, sp StateProgress) StateRow {
	c := sp.Country.Code
	sr := StateRow{StateProgress: sp}
	switch ind.Measure {
	case MeasureMilestone: // a state's target is the final stage
		sr.Final = Milestone{Date: l.f.DueOn(ind, l.p.End), Value: 1}
	case MeasurePercent:
		sr.Targets = l.f.targets(ind, sp.Baseline, ind.TermsOn(l.p.End).For(c), sp.Expected, l.p.End)
	default:
		sr.Targets = l.f.targets(ind, sp.Baseline, sp.Target, sp.Expected, l.p.End)
	}
	r := l.ledgers.get(ind, c)
	sr.merge(r.rests)
	sr.Sources = r.sources
	sr.Date = latest(sr.Date, r.sources)
	if t := l.trainings[c]; ind.Source == SourceTrainings && t != nil {
		sr.merge(t.Evidence)
		sr.Trainings = t.sources
		sr.Date = later(sr.Date, t.last)
		sr.Attendances = attendances(t.totals)
		if sp.Adjusted == 0 && sp.Actual >= MinShareBase && t.totals.NewUnreported == 0 && l.carried[IndicatorKey{ind.Code, c}].New == 0 {
			women := int64(t.totals.NewWomen)
			sr.Women = &women
		}
	}
	return sr
}

// attendances are trainings' attendances, by sex where reported.
func attendances(t TrainingTotals) People {
	return People{Total: int64(t.Trained), Reported: int64(t.Reported), Women: int64(t.Women)}
}

// activities sets lf's activity rows: each state's trainings and held
// workshops (lf.Country's only, if set) and all states' together.
func (l *LogframeFold) activities(lf *Logframe) {
	held, totals := l.heldWorkshops()
	for _, c := range l.f.Countries {
		a := ActivityRow{Country: c, WorkshopSources: held[c.Code]}
		if t := l.trainings[c.Code]; t != nil {
			a.Trainings, a.New, a.Attendances, a.TrainingSources = t.totals.Count, int64(t.totals.New), attendances(t.totals), t.sources
		}
		w := totals[c.Code]
		a.Workshops = w.Held
		a.Participants = People{Total: int64(w.Participants), Reported: int64(w.Reported), Women: int64(w.Women)}
		lf.Total.Trainings += a.Trainings
		lf.Total.New += a.New
		lf.Total.Attendances.add(a.Attendances)
		lf.Total.Workshops += a.Workshops
		lf.Total.Participants.add(a.Participants)
		if lf.Country == "" || lf.Country == c.Code {
			lf.Activities = append(lf.Activities, a)
		}
	}
}
