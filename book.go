package ctbot

import (
	"maps"
	"slices"
	"time"
)

// Book is the figures of a set of entries, kept as the set changes: Apply
// one change (an entry recorded, amended or retracted) and read the
// figures. It is where the rules of what an entry contributes live, once:
// folding entries is a new Book with each one applied (Fold), and the
// figures of now are a Book that every committed change is applied to.
//
// A Book keeps what later changes need and no more: sums for trainings,
// the members of each event series and each indicator ledger in a few
// words each, assessments whole, and the entries recorded since the start
// of its window (for the week's activity) in a few words each. It is not
// safe for concurrent use; Snapshot hands out a copy readers may share.
type Book struct {
	fw      *Framework
	through Date // value dates counted up to (the zero Date: all)

	trainings map[string]TrainingTotals
	courses   map[CourseKey]TrainingTotals
	daily     map[dayKey]TrainingTotals    // trainings by state and value date
	taught    map[taughtKey]TrainingTotals // trainings by state, value date and what they taught
	series    map[int64]*series
	byState   map[seriesKey]map[int64]bool // series by kind and latest entry's state
	open      map[int64]bool               // workshop series whose latest entry is open
	kickoffs  map[int64]bool               // kick-off series
	workshops map[string]WorkshopTotals
	held      map[dayKey]WorkshopTotals // workshops held, by state and date
	ledgers   map[IndicatorKey]*ledger
	scored    map[string][]*Entry             // each state's assessments, in value order
	recorded  map[string]map[int32]int        // each state's entries by day recorded
	last      map[string]int32                // the latest of those days
	carried   map[IndicatorKey]TrainingTotals // trainings before the phase an indicator continuing the previous phase's counts
	window    *window
	strings   map[string]string // the few words entries repeat, kept once
}

// dayKey is a state and a day (Date.Ordinal).
type dayKey struct {
	country string
	day     int32
}

// taughtKey is what a query of trainings may select them by, as the Book
// keeps it: their state, day (Date.Ordinal), topic, level, course and
// format.
type taughtKey struct {
	country              string
	day                  int32
	topic, level, course string
	online               bool
}

// NewBook starts the figures of framework f: trainings, held workshops,
// indicator values and assessments count when dated up to through (the
// zero Date for no limit); events and their state count as recorded. The
// week's activity can be read of the entries recorded from windowFrom on
// (the zero time: all).
func (f *Framework) NewBook(through Date, windowFrom time.Time) *Book {
	return &Book{fw: f, through: through,
		trainings: map[string]TrainingTotals{}, courses: map[CourseKey]TrainingTotals{}, daily: map[dayKey]TrainingTotals{},
		taught: map[taughtKey]TrainingTotals{},
		series: map[int64]*series{}, byState: map[seriesKey]map[int64]bool{}, open: map[int64]bool{}, kickoffs: map[int64]bool{},
		workshops: map[string]WorkshopTotals{}, held: map[dayKey]WorkshopTotals{},
		ledgers: map[IndicatorKey]*ledger{}, scored: map[string][]*Entry{},
		recorded: map[string]map[int32]int{}, last: map[string]int32{}, carried: map[IndicatorKey]TrainingTotals{},
		window: newWindow(windowFrom), strings: map[string]string{}}
}

// Fold computes the figures of the entries in force (the versions known
// at an instant, retracted ones left out): a new Book with each applied.
func (f *Framework) Fold(versions []*Entry, through Date) *Snapshot {
	b := f.NewBook(through, time.Time{})
	for _, e := range versions {
		b.Apply(nil, e)
	}
	return b.Snapshot()
}

// Apply applies one change: before is the version the change replaces
// (nil for a recording), after the version it makes (nil for a
// retraction). Amending is taking before away and adding after.
func (b *Book) Apply(before, after *Entry) {
	if before != nil {
		b.count(before, -1)
	}
	if after != nil {
		b.count(after, 1)
	}
}

// upTo reports whether value date d is not after the Book's limit.
func (b *Book) upTo(d Date) bool { return b.through.IsZero() || !d.After(b.through) }

// inRange reports whether value date d counts: up to the limit, in the
// phase.
func (b *Book) inRange(d Date) bool { return b.upTo(d) && b.fw.owns(d) }

// count adds (sign 1) or takes away (sign -1) what e contributes.
func (b *Book) count(e *Entry, sign int) {
	b.countRecorded(e, sign)
	b.window.count(e, sign)
	switch e.Kind {
	case KindTraining:
		if b.inRange(e.Date) {
			addTotals(b.trainings, e.Country, e, sign)
			addTotals(b.daily, dayKey{e.Country, int32(e.Date.Ordinal())}, e, sign)
			addTotals(b.taught, taughtKey{e.Country, int32(e.Date.Ordinal()), b.intern(e.Topic), b.intern(e.Level), b.intern(e.Course), e.Online}, e, sign)
			if e.Topic != "" {
				addTotals(b.courses, CourseKey{e.Country, e.Topic, e.Level}, e, sign)
			}
		} else if b.upTo(e.Date) {
			b.fw.carry(b.carried, e, sign)
		}
	case KindWorkshop, KindKickoff:
		b.countEvent(e, sign)
	case KindIndicator:
		if b.upTo(e.Date) {
			b.countValue(e, sign)
		}
	}
	if len(e.Scores) > 0 && e.Country != "" && b.inRange(e.Date) {
		b.countAssessment(e, sign)
	}
}

// addTotals adds (sign 1) or takes away (sign -1) training e to m[k],
// forgetting totals that come back to nothing.
func addTotals[K comparable](m map[K]TrainingTotals, k K, e *Entry, sign int) {
	t := m[k]
	t.Add(e, sign)
	if t == (TrainingTotals{}) {
		delete(m, k)
		return
	}
	m[k] = t
}

// countRecorded keeps each state's days of recording, for its last entry.
func (b *Book) countRecorded(e *Entry, sign int) {
	day := int32(DateOf(e.CreatedAt.In(b.fw.Location)).Ordinal())
	days := b.recorded[e.Country]
	if days == nil {
		days = map[int32]int{}
		b.recorded[e.Country] = days
	}
	days[day] += sign
	switch {
	case days[day] > 0 && day > b.last[e.Country]:
		b.last[e.Country] = day
	case days[day] <= 0:
		delete(days, day)
		if len(days) == 0 {
			delete(b.recorded, e.Country)
			delete(b.last, e.Country)
		} else if day == b.last[e.Country] {
			b.last[e.Country] = slices.Max(slices.Collect(maps.Keys(days)))
		}
	}
}

// countAssessment keeps each state's assessments in value order.
func (b *Book) countAssessment(e *Entry, sign int) {
	es := b.scored[e.Country]
	i, found := slices.BinarySearchFunc(es, e, valueCompare)
	switch {
	case sign > 0 && !found:
		es = slices.Insert(es, i, e)
	case sign < 0 && found:
		es = slices.Delete(es, i, i+1)
	}
	if len(es) == 0 {
		delete(b.scored, e.Country)
		return
	}
	b.scored[e.Country] = es
}

// valueCompare orders entries as ValueOrder does: by value date, then ID.
func valueCompare(a, b *Entry) int {
	if d := a.Date.Ordinal() - b.Date.Ordinal(); d != 0 {
		return d
	}
	return int(a.ID - b.ID)
}

// Snapshot is the figures as they stand, a copy no later change touches.
func (b *Book) Snapshot() *Snapshot {
	s := NewSnapshot()
	maps.Copy(s.Trainings, b.trainings)
	maps.Copy(s.Courses, b.courses)
	for c, w := range b.workshops {
		if w != (WorkshopTotals{}) {
			s.Workshops[c] = w
		}
	}
	for id := range b.kickoffs {
		sr := b.series[id]
		e := sr.entry(id, sr.latest())
		if cur := s.Kickoffs[e.Country]; cur == nil || e.ID > cur.ID {
			s.Kickoffs[e.Country] = e
		}
	}
	for id := range b.open {
		sr := b.series[id]
		s.Open = append(s.Open, sr.entry(id, sr.latest()))
	}
	for _, k := range s.Kickoffs {
		if k.Status.Open() {
			s.Open = append(s.Open, k)
		}
	}
	ValueOrder(s.Open)
	b.fw.setValues(s, b.values, b.carried)
	for c, es := range b.scored {
		p := ReadinessProfile{Latest: es[len(es)-1]}
		if len(es) > 1 {
			p.Previous = es[len(es)-2]
		}
		s.Readiness[c] = p
	}
	for c, day := range b.last {
		s.LastEntry[c] = dateOfOrdinal(day)
	}
	return s
}

// intern is s kept once: states, statuses, stages, which every entry
// read from a store repeats in a string of its own.
func (b *Book) intern(s string) string {
	if k, ok := b.strings[s]; ok {
		return k
	}
	if len(b.strings) < 1024 { // a handful of words, not every title
		b.strings[s] = s
	}
	return s
}

// dateOfOrdinal is the Date whose Ordinal is n.
func dateOfOrdinal(n int32) Date {
	return Date{Year: int(n / 10000), Month: time.Month(n / 100 % 100), Day: int(n % 100)}
}
