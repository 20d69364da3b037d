package ctbot

import (
	"slices"
	"time"
)

// Query asks for the figures of any subset of the entries: those Filter
// matches, measured as Figures say, grouped as GroupBy says. Status, the
// digest, reports, App Home and questions in chat read figures this way,
// from the entries in force at an instant (Evaluate, Tally).
type Query struct {
	Filter  Filter
	Figures []Figure
	GroupBy GroupBy
}

// Figure is what a query measures: a family of figures read together.
// Each reads some kinds of entry, and only some of a filter's fields and
// groupings mean something for it; a query that sets others leaves the
// figure out as not applicable (Result.Unapplied) rather than count 0, as
// it does a Figure not declared here.
type Figure string

// Figures a query measures.
const (
	// Trainings sums the trainings as TrainingTotals: how many, how many
	// online, attendances (Trained), new people, women where reported with
	// the attendances that report them and the trainings that do not (and
	// the same for the women among the new people), and those naming
	// evidence or verified. Every filter field but Indicators
	// and every grouping apply.
	Trainings Figure = "trainings"
	// Workshops sums the workshops held as WorkshopTotals: held,
	// participants, women where reported. A workshop is a series of
	// entries whose latest (in force) decides: it is the entry the filter
	// tests (state, kinds, value and recording windows, author, evidence)
	// and the grouping places (state, period, person). Topics, levels,
	// courses, online and indicators do not apply, nor grouping by topic or
	// level.
	Workshops Figure = "workshops"
	// Values are the indicators' values (a count, a share, a milestone's
	// stage) of each state and the programme, by IndicatorKey, as of the
	// end of the value-date window (Filter.To; none: every date): each
	// ledger replayed as the Book does, an indicator fed by trainings
	// counting the state's trainings. Only States, Kinds, Indicators and To
	// apply (a value is not a sum of some of its entries), and grouping by
	// state.
	Values Figure = "values"
	// Assessments are each state's latest readiness assessment and the one
	// before it (readiness entries and workshops' benchmarks, as the Book
	// keeps them) as of the window's end. Only States, Kinds and To apply,
	// and grouping by state.
	Assessments Figure = "assessments"
	// Entries counts the entries matched, of every kind: what the filter
	// selected. Every filter field and grouping apply.
	Entries Figure = "entries"
)

// Want says which entries a yes-or-no qualifier keeps.
type Want int8

// Wants.
const (
	Either Want = iota // no matter
	Yes                // those that are
	No                 // those that are not
)

// keeps reports whether w keeps an entry that is (is true) or is not.
func (w Want) keeps(is bool) bool { return w == Either || is == (w == Yes) }

// Filter selects entries; its zero value selects every one. A list keeps
// the entries having any of its values; an empty list keeps all.
type Filter struct {
	States []string // ISO codes; "" keeps the programme-wide entries
	Kinds  []Kind
	// Indicators keeps the entries of these indicators (codes): indicator
	// entries only.
	Indicators []string
	// Topics, Levels and Courses keep the trainings that taught these (""
	// for those that name none), and Online those given online (Yes) or in
	// person (No): setting any of them keeps trainings only.
	Topics, Levels, Courses []string
	Online                  Want
	// From and To bound the value dates, both included (the zero Date: no
	// bound).
	From, To Date
	// Since and Until bound when the entries were first recorded: after
	// Since and up to Until included, as the week's activity counts (the
	// zero time: no bound).
	Since, Until time.Time
	// By keeps the entries recorded by these people (Slack user IDs).
	By []string
	// Verified keeps the entries checked against their evidence (Yes) or
	// not (No); Evidence those naming their means of verification or not.
	Verified, Evidence Want
}

// Match reports whether the filter keeps entry e.
func (f *Filter) Match(e *Entry) bool {
	if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, e.Kind) || len(f.States) > 0 && !slices.Contains(f.States, e.Country) {
		return false
	}
	if !f.From.IsZero() && e.Date.Before(f.From) || !f.To.IsZero() && e.Date.After(f.To) {
		return false
	}
	if !f.Since.IsZero() && !e.CreatedAt.After(f.Since) || !f.Until.IsZero() && e.CreatedAt.After(f.Until) {
		return false
	}
	if len(f.By) > 0 && !slices.Contains(f.By, e.UserID) || f.Verified != Either && !f.Verified.keeps(e.Verified()) ||
		f.Evidence != Either && !f.Evidence.keeps(e.HasEvidence()) {
		return false
	}
	if len(f.Indicators) > 0 && (e.Kind != KindIndicator || !slices.Contains(f.Indicators, e.Indicator)) {
		return false
	}
	if len(f.Topics)+len(f.Levels)+len(f.Courses) == 0 && f.Online == Either {
		return true
	}
	return e.Kind == KindTraining && f.Online.keeps(e.Online) && (len(f.Topics) == 0 || slices.Contains(f.Topics, e.Topic)) &&
		(len(f.Levels) == 0 || slices.Contains(f.Levels, e.Level)) && (len(f.Courses) == 0 || slices.Contains(f.Courses, e.Course))
}

// matchReads are the fields of an entry Match reads, for each field of a
// filter set, as fieldNames lists them.
var matchReads = []Fields{FieldCountry, FieldKind, FieldKind | FieldIndicator, FieldKind | FieldTopic, FieldKind | FieldLevel,
	FieldKind | FieldCourse, FieldKind | FieldOnline, FieldDate, FieldDate, FieldCreatedAt, FieldCreatedAt, FieldUserID,
	FieldVerifiedBy, FieldEvidence}

// reads are the fields of an entry Match reads.
func (f *Filter) reads() Fields {
	var r Fields
	set := f.fields()
	for i, fs := range matchReads {
		if set&(1<<i) != 0 {
			r |= fs
		}
	}
	return r
}

// GroupBy says how figures are grouped; its zero value makes one group.
type GroupBy struct {
	// State, Topic, Level and Person group by the entry's state, topic,
	// level and who recorded it.
	State, Topic, Level, Person bool
	// Period groups by the reporting periods of this length (Month,
	// Quarter …) holding the value date or, with Recorded, the day the
	// entry was first recorded, in the programme's time zone. A Period
	// that is not one of PeriodKinds applies to no figure.
	Period   PeriodKind
	Recorded bool
}

// Key names a group: the state, topic, level, person and period of its
// entries, for what the query groups by (the others are zero).
type Key struct {
	State, Topic, Level, Person string
	Period                      Period
}

// Unapplied is what of a query a figure cannot apply, by field name: the
// Filter's (e.g. "Topics") and the GroupBy's (e.g. "Period"); both are
// empty for a Figure not declared.
type Unapplied struct {
	Filter, GroupBy []string
}

// field is a set of a Filter's fields, one bit each as fieldNames lists
// them.
type field uint16

const (
	fStates field = 1 << iota
	fKinds
	fIndicators
	fTopics
	fLevels
	fCourses
	fOnline
	fFrom
	fTo
	fSince
	fUntil
	fBy
	fVerified
	fEvidence
	allFields = fEvidence<<1 - 1
)

var fieldNames = []string{"States", "Kinds", "Indicators", "Topics", "Levels", "Courses", "Online", "From", "To", "Since", "Until",
	"By", "Verified", "Evidence"}

// fields are the fields f sets.
func (f *Filter) fields() field {
	var s field
	for i, set := range []bool{len(f.States) > 0, len(f.Kinds) > 0, len(f.Indicators) > 0, len(f.Topics) > 0, len(f.Levels) > 0,
		len(f.Courses) > 0, f.Online != Either, !f.From.IsZero(), !f.To.IsZero(), !f.Since.IsZero(), !f.Until.IsZero(),
		len(f.By) > 0, f.Verified != Either, f.Evidence != Either} {
		if set {
			s |= 1 << i
		}
	}
	return s
}

// grouping is a set of a GroupBy's fields, as groupNames lists them.
type grouping uint8

const (
	gState grouping = 1 << iota
	gTopic
	gLevel
	gPerson
	gPeriod
	allGroups = gPeriod<<1 - 1
)

var groupNames = []string{"State", "Topic", "Level", "Person", "Period"}

// groupings are the groupings g sets; a Period that is no PeriodKind is
// set too, to be reported as not applied.
func (g GroupBy) groupings() grouping {
	var s grouping
	for i, set := range []bool{g.State, g.Topic, g.Level, g.Person, g.Period != ""} {
		if set {
			s |= 1 << i
		}
	}
	return s
}

// rule is what a figure reads and what of a query applies to it.
type rule struct {
	kinds  []Kind // nil: every kind
	filter field
	group  grouping
}

var rules = map[Figure]rule{
	Trainings:   {[]Kind{KindTraining}, allFields &^ fIndicators, allGroups},
	Workshops:   {[]Kind{KindWorkshop}, fStates | fKinds | fFrom | fTo | fSince | fUntil | fBy | fVerified | fEvidence, gState | gPeriod | gPerson},
	Values:      {[]Kind{KindIndicator}, fStates | fKinds | fIndicators | fTo, gState},
	Assessments: {[]Kind{KindReadiness, KindWorkshop}, fStates | fKinds | fTo, gState},
	Entries:     {nil, allFields, allGroups},
}

// unapplied is what of q figure fig cannot apply; ok when it applies all.
func (q *Query) unapplied(fig Figure) (u Unapplied, ok bool) {
	r, known := rules[fig]
	if !known {
		return Unapplied{}, false
	}
	set, groups := q.Filter.fields(), q.GroupBy.groupings()
	if len(q.Filter.Kinds) > 0 && r.kinds != nil && !slices.ContainsFunc(r.kinds, func(k Kind) bool { return slices.Contains(q.Filter.Kinds, k) }) {
		r.filter &^= fKinds // it reads none of the kinds kept
	}
	if q.GroupBy.Period != "" && !q.GroupBy.Period.Valid() {
		r.group &^= gPeriod
	}
	for i, name := range fieldNames {
		if set&^r.filter&(1<<i) != 0 {
			u.Filter = append(u.Filter, name)
		}
	}
	for i, name := range groupNames {
		if groups&^r.group&(1<<i) != 0 {
			u.GroupBy = append(u.GroupBy, name)
		}
	}
	return u, u.Filter == nil && u.GroupBy == nil
}

// applies reports whether q asks for figure fig and can give it.
func (q *Query) applies(fig Figure) bool {
	_, ok := q.unapplied(fig)
	return ok && slices.Contains(q.Figures, fig)
}

// feeds reports whether q asks for the value of an indicator fed by
// trainings, which then reads the trainings of its states.
func (q *Query) feeds(f *Framework) bool {
	if !q.applies(Values) {
		return false
	}
	return slices.ContainsFunc(f.Indicators, func(ind *Indicator) bool {
		return ind.Source == SourceTrainings && (len(q.Filter.Indicators) == 0 || slices.Contains(q.Filter.Indicators, ind.Code))
	})
}
