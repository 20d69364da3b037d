package ctbot

import "slices"

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
	l := b.ledgers[IndicatorKey{ind.Code, country}]
	if l == nil {
		return all, open
	}
	if ind.Continues {
		r := replay{ind: ind}
		start := int32(b.fw.Start.Ordinal())
		for _, x := range l.entries {
			if x.date >= start {
				break
			}
			r.add(x)
		}
		open = r.value()
	}
	return l.value, open
}

// countCarried adds (sign 1) or takes away (sign -1) training e, dated
// before the phase, to what the indicators fed by trainings that continue
// the previous phase's carry from it.
func (b *Book) countCarried(e *Entry, sign int) {
	for _, ind := range b.fw.Indicators {
		if ind.Source == SourceTrainings && b.fw.opening(ind, e.Date) {
			addTotals(b.carried, IndicatorKey{ind.Code, e.Country}, e, sign)
		}
	}
}
