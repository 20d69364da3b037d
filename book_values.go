package ctbot

import (
	"math"
	"slices"
)

// ledger is one indicator's entries for one state (or the programme) in
// value order, in a few words each, and the value they replay to.
type ledger struct {
	ind     *Indicator
	entries []valueEntry
	value   IndicatorValue
}

// countValue adds (sign 1) or takes away (sign -1) indicator entry e
// from its ledger, and replays the ledger.
func (b *Book) countValue(e *Entry, sign int) {
	k := IndicatorKey{e.Indicator, e.Country}
	l := b.ledgers[k]
	if l == nil {
		ind := b.fw.Indicator(e.Indicator)
		if ind == nil || !b.fw.Counts(ind, e.Date) {
			return // an indicator no longer configured, or of another phase, counts nowhere
		}
		l = &ledger{ind: ind}
		b.ledgers[k] = l
	}
	if !b.fw.Counts(l.ind, e.Date) {
		return
	}
	v := valueOf(e, false)
	v.op, v.stage = Op(b.intern(string(v.op))), b.intern(v.stage)
	i, found := slices.BinarySearchFunc(l.entries, v, compareValues)
	switch {
	case sign > 0 && !found:
		l.entries = slices.Insert(l.entries, i, v)
	case sign < 0 && found:
		l.entries = slices.Delete(l.entries, i, i+1)
	}
	if len(l.entries) == 0 {
		delete(b.ledgers, k)
		return
	}
	r := replay{ind: l.ind}
	for _, x := range l.entries {
		r.add(x)
	}
	l.value = r.value()
}

// values is the value of ind's ledger for one state ("" the programme),
// and, for an indicator continuing the previous phase's, the value of its
// entries dated before the phase: the one it opened with.
func (b *Book) values(ind *Indicator, country string) (all, open IndicatorValue) {
	return b.valuesThrough(ind, country, math.MaxInt32)
}

// valuesThrough is values counting the entries dated up to day d
// (Date.Ordinal; math.MaxInt32 for all).
func (b *Book) valuesThrough(ind *Indicator, country string, d int32) (all, open IndicatorValue) {
	l := b.ledgers[IndicatorKey{ind.Code, country}]
	if l == nil {
		return all, open
	}
	all = l.value
	if d < math.MaxInt32 {
		all = l.through(d)
	}
	if ind.Continues {
		open = l.through(min(d, int32(b.fw.Start.Ordinal())-1))
	}
	return all, open
}

// through is the value of the ledger's entries dated up to day d
// (Date.Ordinal).
func (l *ledger) through(d int32) IndicatorValue {
	r := replay{ind: l.ind}
	for _, x := range l.entries {
		if x.date > d {
			break
		}
		r.add(x)
	}
	return r.value()
}

// snapshotThrough is a snapshot of the indicators' values of states (all
// when none; "" the programme) counting the entries dated up to day d
// (the zero Date: all), as a Book through d has them: each ledger
// replayed up to d, an indicator fed by trainings given the trainings
// held up to d. Only its Trainings and Indicators are set.
func (b *Book) snapshotThrough(d Date, states []string) *Snapshot {
	s := NewSnapshot()
	n := int32(d.Ordinal())
	if d.IsZero() {
		n = math.MaxInt32
	}
	kept := func(c string) bool { return len(states) == 0 || slices.Contains(states, c) }
	for k, t := range b.daily {
		if k.day <= n && kept(k.country) {
			sum := s.Trainings[k.country]
			sum.Merge(t, 1)
			s.Trainings[k.country] = sum
		}
	}
	carried := map[IndicatorKey]TrainingTotals{}
	for k, t := range b.carried {
		if kept(k.Country) {
			carried[k] = t
		}
	}
	b.fw.setValues(s, func(ind *Indicator, c string) (all, open IndicatorValue) {
		if !kept(c) {
			return all, open
		}
		return b.valuesThrough(ind, c, n)
	}, carried)
	return s
}

// carry adds (sign 1) or takes away (sign -1) training e to what each
// indicator fed by trainings that opens with it carries from before the
// phase, in m.
func (f *Framework) carry(m map[IndicatorKey]TrainingTotals, e *Entry, sign int) {
	for _, ind := range f.Indicators {
		if ind.Source == SourceTrainings && f.opening(ind, e.Date) {
			addTotals(m, IndicatorKey{ind.Code, e.Country}, e, sign)
		}
	}
}
