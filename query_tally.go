package ctbot

import (
	"cmp"
	"encoding/binary"
	"iter"
	"maps"
	"slices"
	"time"
)

// Figures are the figures of a group of entries; those the query did not
// ask for, or cannot give, are zero.
type Figures struct {
	Trainings TrainingTotals
	Workshops WorkshopTotals
	// Values are by indicator and state ("" the programme); Assessments
	// by state. Both are nil when there are none.
	Values      map[IndicatorKey]IndicatorValue
	Assessments map[string]ReadinessProfile
	Entries     int
}

// Group is one group's figures.
type Group struct {
	Key
	Figures
}

// Result is the figures a query gives.
type Result struct {
	// Groups are the groups something was counted in, ordered by state,
	// period, topic, level and person.
	Groups []Group
	// Total is every group's figures together: what was counted (the
	// entries matched, the trainings and workshops summed, every value and
	// assessment).
	Total Figures
	// Unapplied are the figures asked for that the query cannot give, with
	// what of it they cannot apply: they are zero, which does not mean
	// none were found.
	Unapplied map[Figure]Unapplied
}

// Applies reports whether the figures of f are given (not unapplied).
func (r *Result) Applies(f Figure) bool {
	_, out := r.Unapplied[f]
	return !out
}

// Tally evaluates a query over entries given one at a time (Add), then
// gives its Result. Give it the entries in force at an instant (the
// versions then known, retracted ones left out): all of them, or only
// those its read plan (Kinds, States, Dates, Recorded, Series) bounds; it
// tests each itself, so any more do no harm. It keeps sums per group,
// each workshop series' latest entry, and the indicator and assessment
// entries the query reads, never the others.
type Tally struct {
	fw        *Framework
	q         Query
	unapplied map[Figure]Unapplied
	// What the query asks for and can give.
	trainings, workshops, entries, values, assessments, feed bool

	grouped bool
	all     Figures           // trainings and entries when not grouped
	groups  map[string]*Group // trainings and entries, by encoded key
	latest  map[int64]*Entry  // each workshop series' latest entry
	book    *Book             // values and assessments, as of To
	asOf    *Snapshot         // the values as of To, counted from a Book (FromBook)
	buf     []byte            // a key being encoded
}

// NewTally starts evaluating q in framework f.
func (f *Framework) NewTally(q Query) *Tally {
	t := &Tally{fw: f, q: q, unapplied: map[Figure]Unapplied{}, groups: map[string]*Group{}, latest: map[int64]*Entry{}}
	for _, fig := range q.Figures {
		if u, ok := q.unapplied(fig); !ok {
			t.unapplied[fig] = u
		}
	}
	t.trainings, t.workshops, t.entries = q.applies(Trainings), q.applies(Workshops), q.applies(Entries)
	t.values, t.assessments, t.feed = q.applies(Values), q.applies(Assessments), q.feeds(f)
	if t.values || t.assessments {
		t.book = f.NewBook(q.Filter.To, endOfTime)
	}
	t.grouped = q.GroupBy.groupings() != 0
	return t
}

// endOfTime starts a Book's window after every entry: a tally reads no
// week from it.
var endOfTime = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// Evaluate is the result of q over entries, those in force at an instant
// (see Tally).
func (f *Framework) Evaluate(q Query, entries iter.Seq[*Entry]) *Result {
	t := f.NewTally(q)
	for e := range entries {
		t.Add(e)
	}
	return t.Result()
}

// Add counts entry e.
func (t *Tally) Add(e *Entry) {
	if t.workshops && e.Kind == KindWorkshop {
		if cur := t.latest[e.Series]; cur == nil || e.ID > cur.ID {
			t.latest[e.Series] = e
		}
	}
	if t.book != nil && t.valued(e) {
		t.book.Apply(nil, e)
	}
	training := t.trainings && e.Kind == KindTraining
	if !training && !t.entries || !t.q.Filter.Match(e) {
		return
	}
	g := &t.all
	if t.grouped {
		g = t.group(t.groups, t.key(e))
	}
	if t.entries {
		g.Entries++
	}
	if training {
		g.Trainings.Add(e, 1)
	}
}

// FromBook counts the figures the query asks for from Book b, the figures
// of the entries in force it is to count, and reports whether it could:
// when the query asks for trainings alone, selected and grouped by no more
// than b keeps of each (state, value date, topic, level, course, format),
// or for values alone, of states and indicators as of a day in the phase.
// It tests what b keeps as it would the trainings themselves
// (Filter.Match), and replays the ledgers b keeps up to that day as a Book
// of that day would, so the figures are those the entries would give;
// when it could not, give the tally the entries instead.
func (t *Tally) FromBook(b *Book) bool {
	f := &t.q.Filter
	if b.fw != t.fw || !b.through.IsZero() || t.entries || t.workshops || t.assessments || t.trainings == t.values {
		return false
	}
	if t.values {
		if f.fields()&^(fStates|fIndicators|fTo) != 0 || t.q.GroupBy.groupings()&^gState != 0 ||
			len(t.fw.Phases) > 1 && !f.To.IsZero() && f.To.Before(t.fw.Start) {
			return false
		}
		t.asOf = b.snapshotThrough(f.To, f.States)
		return true
	}
	kept := fStates | fKinds | fTopics | fLevels | fCourses | fOnline | fFrom | fTo
	if f.fields()&^kept != 0 || t.q.GroupBy.Person || t.q.GroupBy.Recorded && t.q.GroupBy.Period != "" ||
		len(t.fw.Phases) > 1 && (f.From.IsZero() || f.To.IsZero() || !t.fw.owns(f.From) || !t.fw.owns(f.To)) {
		return false
	}
	for k, totals := range b.taught {
		e := Entry{Kind: KindTraining, Country: k.country, Date: dateOfOrdinal(k.day), Topic: k.topic, Level: k.level, Course: k.course, Online: k.online}
		if !f.Match(&e) {
			continue
		}
		g := &t.all
		if t.grouped {
			g = t.group(t.groups, t.key(&e))
		}
		g.Trainings.Merge(totals, 1)
	}
	return true
}

// valued reports whether e goes to the Book of values and assessments:
// an indicator entry or an assessment the filter matches, or a training
// of the states kept feeding an indicator.
func (t *Tally) valued(e *Entry) bool {
	switch {
	case t.feed && e.Kind == KindTraining:
		return len(t.q.Filter.States) == 0 || slices.Contains(t.q.Filter.States, e.Country)
	case t.values && e.Kind == KindIndicator, t.assessments && len(e.Scores) > 0:
		return t.q.Filter.Match(e)
	}
	return false
}

// groupKey is what names a group, as read from an entry: the period by
// its first day (Date.Ordinal).
type groupKey struct {
	state, topic, level, person string
	period                      int32
}

// key is the group of e.
func (t *Tally) key(e *Entry) groupKey {
	var k groupKey
	gb := &t.q.GroupBy
	if gb.State {
		k.state = e.Country
	}
	if gb.Topic {
		k.topic = e.Topic
	}
	if gb.Level {
		k.level = e.Level
	}
	if gb.Person {
		k.person = e.UserID
	}
	if n := gb.Period.months(); n > 0 {
		d := e.Date
		if gb.Recorded {
			d = DateOf(e.CreatedAt.In(t.fw.Location))
		}
		k.period = int32(d.Year*10000 + (int(d.Month)-1)/n*n*100 + 101) // the first day of its period
	}
	return k
}

// reads are the fields of an entry key reads for g.
func (g GroupBy) reads() Fields {
	var r Fields
	for _, f := range []struct {
		by     bool
		fields Fields
	}{{g.State, FieldCountry}, {g.Topic, FieldTopic}, {g.Level, FieldLevel}, {g.Person, FieldUserID},
		{g.Period != "" && !g.Recorded, FieldDate}, {g.Period != "" && g.Recorded, FieldCreatedAt}} {
		if f.by {
			r |= f.fields
		}
	}
	return r
}

// group is the figures of group k in groups, made if need be. The map is
// keyed by k encoded (a struct key of strings hashes several times
// slower).
func (t *Tally) group(groups map[string]*Group, k groupKey) *Figures {
	b := t.buf[:0]
	for _, s := range []string{k.state, k.topic, k.level, k.person} {
		b = append(binary.AppendUvarint(b, uint64(len(s))), s...)
	}
	t.buf = binary.AppendUvarint(b, uint64(k.period))
	g := groups[string(t.buf)]
	if g == nil {
		g = &Group{Key: Key{State: k.state, Topic: k.topic, Level: k.level, Person: k.person}}
		if k.period != 0 {
			g.Period = PeriodOf(t.q.GroupBy.Period, dateOfOrdinal(k.period))
		}
		groups[string(t.buf)] = g
	}
	return &g.Figures
}

// Result is the figures of the entries added so far.
func (t *Tally) Result() *Result {
	groups := map[string]*Group{}
	if !t.grouped {
		*t.group(groups, groupKey{}) = t.all
	}
	for k, g := range t.groups {
		copied := *g
		groups[k] = &copied
	}
	for _, e := range t.latest {
		if w := WorkshopState(e); w.Held > 0 && t.q.Filter.Match(e) {
			t.group(groups, t.key(e)).Workshops.Add(w, 1)
		}
	}
	if s := t.asOf; s != nil || t.book != nil {
		if s == nil {
			s = t.book.Snapshot()
		}
		t.figuresAsOf(groups, s)
	}
	r := &Result{Unapplied: maps.Clone(t.unapplied)}
	for _, g := range groups {
		if g.Trainings != (TrainingTotals{}) || g.Workshops != (WorkshopTotals{}) || g.Entries > 0 || g.Values != nil || g.Assessments != nil {
			r.Groups = append(r.Groups, *g)
		}
	}
	slices.SortFunc(r.Groups, func(a, b Group) int {
		return cmp.Or(cmp.Compare(a.State, b.State), a.Period.Start.Ordinal()-b.Period.Start.Ordinal(), cmp.Compare(a.Topic, b.Topic),
			cmp.Compare(a.Level, b.Level), cmp.Compare(a.Person, b.Person))
	})
	for _, g := range r.Groups {
		r.Total.Trainings.Merge(g.Trainings, 1)
		r.Total.Workshops.Add(g.Workshops, 1)
		r.Total.Entries += g.Entries
		r.Total.Values = union(r.Total.Values, g.Values)
		r.Total.Assessments = union(r.Total.Assessments, g.Assessments)
	}
	return r
}

// figuresAsOf adds the values and assessments of snapshot s, as of To,
// to groups, by state when grouped.
func (t *Tally) figuresAsOf(groups map[string]*Group, s *Snapshot) {
	state := func(c string) *Figures {
		if t.q.GroupBy.State {
			return t.group(groups, groupKey{state: c})
		}
		return t.group(groups, groupKey{})
	}
	if t.values {
		for k, v := range s.Indicators {
			if len(t.q.Filter.Indicators) == 0 || slices.Contains(t.q.Filter.Indicators, k.Indicator) {
				g := state(k.Country)
				g.Values = union(g.Values, map[IndicatorKey]IndicatorValue{k: v})
			}
		}
	}
	if t.assessments {
		for c, p := range s.Readiness {
			g := state(c)
			g.Assessments = union(g.Assessments, map[string]ReadinessProfile{c: p})
		}
	}
}

// union is m with o's members added (nil when both are empty).
func union[K comparable, V any](m, o map[K]V) map[K]V {
	if len(o) == 0 {
		return m
	}
	if m == nil {
		m = map[K]V{}
	}
	maps.Copy(m, o)
	return m
}

// kinds are the kinds of entry the tally reads, for the figures it can
// give: a store need give it no others.
func (t *Tally) kinds() []Kind {
	var out []Kind
	for _, k := range []Kind{KindLog, KindKickoff, KindWorkshop, KindTraining, KindIndicator, KindReadiness} {
		kept := len(t.q.Filter.Kinds) == 0 || slices.Contains(t.q.Filter.Kinds, k)
		reads := slices.ContainsFunc(t.q.Figures, func(fig Figure) bool {
			r := rules[fig]
			return t.q.applies(fig) && (r.kinds == nil || slices.Contains(r.kinds, k))
		})
		if kept && reads || k == KindTraining && t.feed {
			out = append(out, k)
		}
	}
	return out
}

// Range is what a store need give the tally, of the entries in force:
// those of the kinds it reads for the figures it can give, of the states,
// value dates and recording window it is bounded to. reads is false when
// it reads nothing at all. Only values and assessments (a Book) are
// counted in value order (the others are sums, and each workshop series'
// latest entry by ID), and entries alone by no more than what the filter
// and a group's key read of them (Range.Narrow).
func (t *Tally) Range() (r Range, reads bool) {
	f := t.q.Filter
	r = Range{Kinds: t.kinds(), States: f.States, From: f.From, To: f.To, Since: f.Since, Until: f.Until, Unordered: t.book == nil}
	if t.book == nil && !t.trainings && !t.workshops {
		r.Narrow, r.Fields = true, f.reads()|t.q.GroupBy.reads()
	}
	return r, len(r.Kinds) > 0
}

// Series reports whether a store must give, with each workshop entry it
// gives, every other entry in force of its series, whatever its state,
// dates or author: the series' latest entry decides, and it may lie
// outside what Kinds, States, Dates and Recorded bound.
func (t *Tally) Series() bool { return t.workshops }
