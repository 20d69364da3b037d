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
		if ind == nil {
			return // an indicator no longer configured counts nowhere
		}
		l = &ledger{ind: ind}
		b.ledgers[k] = l
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
