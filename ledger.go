package ctbot

import (
	"sort"
	"time"
)

// This file holds the rules of what an entry contributes to the totals
// and how an indicator's values replay; Book (book.go) applies them.

// TrainingTotals sums trainings. Trained and Women count attendances; New
// counts people trained for the first time. Women is summed only over the
// trainings that report it, whose attendances are Reported; Unreported
// counts the trainings that do not. NewWomen, NewReported and
// NewUnreported are the same for the new people: the women among them
// where known (Entry.WomenAmongNew), the new people of the trainings
// that know it, and the trainings that do not.
type TrainingTotals struct {
	Count         int
	Online        int
	Trained       int
	New           int
	Women         int
	Reported      int
	Unreported    int
	NewWomen      int
	NewReported   int
	NewUnreported int
	// WithEvidence and Verified count the trainings that name their
	// means of verification, and those verified against it.
	WithEvidence int
	Verified     int
}

// Add adds (sign 1) or takes away (sign -1) training e.
func (t *TrainingTotals) Add(e *Entry, sign int) {
	t.Count += sign
	if e.Online {
		t.Online += sign
	}
	if e.HasEvidence() {
		t.WithEvidence += sign
	}
	if e.Verified() {
		t.Verified += sign
	}
	t.Trained += sign * e.Trained
	t.New += sign * e.New
	if women, known := e.WomenAmongNew(); known {
		t.NewWomen += sign * women
		t.NewReported += sign * e.New
	} else {
		t.NewUnreported += sign
	}
	if e.Women == nil {
		t.Unreported += sign
		return
	}
	t.Women += sign * *e.Women
	t.Reported += sign * e.Trained
}

// WomenShare is the share of women among the attendances that report
// it, in percent; ok is false when fewer than MinShareBase people are
// behind it (a share that small is neither shown nor compared).
func (t TrainingTotals) WomenShare() (pct float64, ok bool) {
	if t.Reported < MinShareBase {
		return 0, false
	}
	return percentOf(int64(t.Women), int64(t.Reported)), true
}

// Merge adds (sign 1) or takes away (sign -1) other totals.
func (t *TrainingTotals) Merge(o TrainingTotals, sign int) {
	t.Count += sign * o.Count
	t.Online += sign * o.Online
	t.Trained += sign * o.Trained
	t.New += sign * o.New
	t.Women += sign * o.Women
	t.Reported += sign * o.Reported
	t.Unreported += sign * o.Unreported
	t.NewWomen += sign * o.NewWomen
	t.NewReported += sign * o.NewReported
	t.NewUnreported += sign * o.NewUnreported
	t.WithEvidence += sign * o.WithEvidence
	t.Verified += sign * o.Verified
}

// WorkshopTotals sums the workshops held. A workshop is a series of
// entries (planned, postponed, held …); it counts as its latest entry says.
type WorkshopTotals struct {
	Held         int
	Participants int
	Women        int // where reported
	Reported     int // participants of the workshops that report women
	Unreported   int // held workshops that do not report women
}

// WorkshopState is what a workshop series adds to the totals: its latest
// entry's state, if held.
func WorkshopState(latest *Entry) WorkshopTotals {
	if latest == nil || latest.Status != StatusHeld {
		return WorkshopTotals{}
	}
	w := WorkshopTotals{Held: 1, Participants: latest.Participants}
	if latest.Women == nil {
		w.Unreported = 1
	} else {
		w.Women, w.Reported = *latest.Women, latest.Participants
	}
	return w
}

// Add adds (sign 1) or takes away (sign -1) o.
func (w *WorkshopTotals) Add(o WorkshopTotals, sign int) {
	w.Held += sign * o.Held
	w.Participants += sign * o.Participants
	w.Women += sign * o.Women
	w.Reported += sign * o.Reported
	w.Unreported += sign * o.Unreported
}

// IndicatorValue is an indicator's value for one country ("" programme)
// after replaying its entries.
type IndicatorValue struct {
	Value int64 // count or numerator
	Denom int64 // percent denominator
	Stage string
	// StageBefore is the stage before the latest stage entry, to flag a
	// stage that went backwards.
	StageBefore string
	// FromSource and Adjusted make up the value of an indicator fed by
	// trainings: what the trainings give (their new=N) and the +N/-N
	// adjustments recorded with a note.
	FromSource int64
	Adjusted   int64
	Entries    int // indicator entries replayed; 0 means no data (but see HasData)
	// Latest is the value date of the latest indicator entry replayed
	// (the zero Date: none): when a single event was recorded as held.
	Latest Date
	// Evidence counts the entries the value rests on (the latest set or
	// stage and the adds after it; for an indicator fed by trainings, its
	// trainings and adjustments), those naming their evidence and those
	// verified.
	Evidence EvidenceCount
}

// EvidenceCount counts entries a value rests on, those that name their
// means of verification, and those verified against it.
type EvidenceCount struct {
	Values, WithEvidence, Verified int
}

// Count adds e.
func (c *EvidenceCount) Count(e *Entry) { c.count(e.HasEvidence(), e.Verified()) }

// count adds a value, with its evidence named and verified or not.
func (c *EvidenceCount) count(evidence, verified bool) {
	c.Values++
	if evidence {
		c.WithEvidence++
	}
	if verified {
		c.Verified++
	}
}

// Feed makes v, the value of an indicator fed by trainings in one state,
// what the state's trainings t give (their new people) plus the
// adjustments; the trainings count as values for its evidence.
func (v *IndicatorValue) Feed(t TrainingTotals) {
	v.FromSource = int64(t.New)
	v.Value = v.FromSource + v.Adjusted
	v.Evidence.Values += t.Count
	v.Evidence.WithEvidence += t.WithEvidence
	v.Evidence.Verified += t.Verified
}

// HasData reports whether anything has been recorded for the value.
func (v IndicatorValue) HasData() bool { return v.Entries > 0 || v.FromSource != 0 }

// ValueOrder sorts entries by value date, then in recording order: the
// order indicator entries apply in, open events are listed in, and a
// state's assessments follow each other in.
func ValueOrder(es []*Entry) {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Date != es[j].Date {
			return es[i].Date.Before(es[j].Date)
		}
		return es[i].ID < es[j].ID
	})
}

// Replay applies one country's entries of an indicator in value order: a
// set (N, N/M) replaces what is dated up to it, an add (+N, +N/M) adds, a
// stage replaces the stage. For an indicator fed by trainings, sets do not
// count (ctbot refuses them): the value is what the trainings give plus
// the adjustments, and the caller adds FromSource.
func Replay(ind *Indicator, es []*Entry) IndicatorValue {
	sorted := append([]*Entry(nil), es...)
	ValueOrder(sorted)
	r := replay{ind: ind}
	for _, e := range sorted {
		r.add(valueOf(e, false))
	}
	return r.value()
}

// valueEntry is what an indicator entry gives its ledger, in a few words.
type valueEntry struct {
	id                 int64
	date               int32 // Date.Ordinal
	op                 Op
	value, denom       int64
	stage              string
	evidence, verified bool
	// entry is the entry whole, where its link is wanted (a logframe).
	entry *Entry
}

// valueOf is what e gives its ledger; whole keeps e itself.
func valueOf(e *Entry, whole bool) valueEntry {
	v := valueEntry{id: e.ID, date: int32(e.Date.Ordinal()), op: e.Op, value: e.Value, denom: e.Denom, stage: e.Stage,
		evidence: e.HasEvidence(), verified: e.Verified()}
	if whole {
		v.entry = e
	}
	return v
}

// compareValues orders ledger entries by value date, then ID.
func compareValues(a, b valueEntry) int {
	if a.date != b.date {
		return int(a.date - b.date)
	}
	return int(a.id - b.id)
}

// replay is Replay one entry at a time: entries come in value order.
type replay struct {
	ind *Indicator
	v   IndicatorValue
	// rests are the entries the value rests on so far: the latest set or
	// stage and the adds after it (for an indicator fed by trainings, the
	// adjustments); sources name them, of entries given whole.
	rests   Evidence
	sources []Source
}

func (r *replay) add(e valueEntry) {
	fed := r.ind.Source != ""
	if fed && e.op != OpAdd {
		return // no sets on a fed indicator
	}
	r.v.Entries++
	r.v.Latest = dateOfOrdinal(e.date) // entries come in value order
	switch e.op {
	case OpStage:
		r.v.StageBefore, r.v.Stage = r.v.Stage, e.stage
	case OpSet:
		r.v.Value, r.v.Denom = e.value, e.denom
	case OpAdd:
		if fed {
			r.v.Adjusted += e.value
		} else {
			r.v.Value += e.value
			r.v.Denom += e.denom
		}
	}
	if e.op != OpAdd {
		r.rests, r.sources = Evidence{}, nil
	}
	r.rests.add(e)
	if e.entry != nil {
		r.sources = append(r.sources, SourceOf(e.entry, r.ind))
	}
}

// value is the value replayed so far.
func (r *replay) value() IndicatorValue {
	v := r.v
	if r.ind.Source != "" {
		v.Value = v.Adjusted
	}
	v.Evidence = r.rests.EvidenceCount
	return v
}

// ledgers replay every indicator's values, by indicator and country
// ("" programme), from indicator entries given in value order.
type ledgers struct {
	f *Framework
	m map[IndicatorKey]*replay
}

func (f *Framework) newLedgers() ledgers {
	return ledgers{f: f, m: map[IndicatorKey]*replay{}}
}

// replayOf is the replay of e's ledger, started if need be; nil for an
// indicator no longer configured or an entry that does not count in the
// phase.
func (l ledgers) replayOf(e *Entry) *replay {
	k := IndicatorKey{e.Indicator, e.Country}
	r := l.m[k]
	if r == nil {
		ind := l.f.Indicator(e.Indicator)
		if ind == nil || !l.f.Counts(ind, e.Date) {
			return nil
		}
		r = &replay{ind: ind}
		l.m[k] = r
	} else if !l.f.Counts(r.ind, e.Date) {
		return nil
	}
	return r
}

// get is a ledger's replay (empty when it has no entry).
func (l ledgers) get(ind *Indicator, country string) *replay {
	if r := l.m[IndicatorKey{ind.Code, country}]; r != nil {
		return r
	}
	return &replay{ind: ind}
}

// values sets s.Indicators, and s.Opening: each indicator's value for the
// programme and each state, fed by s.Trainings where the indicator counts
// trainings. before gives the ledgers of the entries dated before the
// phase that an indicator continuing the previous phase's opens with, and
// carried the trainings before it that such an indicator fed by them
// counts.
func (l ledgers) values(s *Snapshot, before ledgers, carried map[IndicatorKey]TrainingTotals) {
	l.f.setValues(s, func(ind *Indicator, c string) (all, open IndicatorValue) {
		return l.get(ind, c).value(), before.get(ind, c).value()
	}, carried)
}

// setValues sets s.Indicators and s.Opening from get, which gives an
// indicator's value for a state ("" the programme) from all its entries
// counted in the phase and from those it opens with; an indicator fed by
// trainings counts the state's trainings, s.Trainings and the carried
// ones before the phase.
func (f *Framework) setValues(s *Snapshot, get func(ind *Indicator, c string) (all, open IndicatorValue), carried map[IndicatorKey]TrainingTotals) {
	for _, ind := range f.Indicators {
		for _, c := range append([]string{""}, f.countryCodes()...) {
			k := IndicatorKey{ind.Code, c}
			v, open := get(ind, c)
			if ind.Source == SourceTrainings && c != "" {
				t := carried[k]
				open.Feed(t)
				t.Merge(s.Trainings[c], 1)
				v.Feed(t)
			}
			if v.HasData() {
				s.Indicators[k] = v
			}
			if ind.Continues && open.HasData() {
				s.Opening[k] = open
			}
		}
	}
}

func (f *Framework) countryCodes() []string {
	out := make([]string, len(f.Countries))
	for i, c := range f.Countries {
		out[i] = c.Code
	}
	return out
}

// KnownAt picks from every version of every entry those in force at
// instant t: recorded by t, not yet replaced by an amendment at t, and not
// retracted by t. versions holds each entry's versions with KnownFrom
// set; an entry's later version ends the earlier one.
func KnownAt(versions []*Entry, t time.Time) []*Entry {
	latest := map[int64]*Entry{}
	for _, v := range versions {
		if v.KnownFrom.After(t) || v.CreatedAt.After(t) {
			continue
		}
		if cur := latest[v.ID]; cur == nil || v.Version > cur.Version {
			latest[v.ID] = v
		}
	}
	var out []*Entry
	for _, v := range latest {
		if v.Retracted && !v.RetractedAt.After(t) {
			continue
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
