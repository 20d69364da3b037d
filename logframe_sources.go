package ctbot

import (
	"math"
	"slices"
)

// Source is an entry a figure of a logframe rests on, in a few words: its
// ID, for a reviewer to find it, and what it gives, to check the figure.
type Source struct {
	ID int64
	// a and b are what the entry gives: an indicator entry's value (a
	// stage entry's stage, by index) and denominator; a training's new
	// people and attendances; a workshop's participants (in b).
	a, b  int64
	women int32 // of a training's attendances or a workshop's participants; -1: not reported
	day   int32 // Date.Ordinal
	what  sourceWhat
	flags sourceFlags
}

// sourceWhat is what kind of entry a source is.
type sourceWhat uint8

const (
	sourceSet sourceWhat = iota
	sourceAdd
	sourceStage
	sourceTraining
	sourceWorkshop
)

// sourceFlags say whether an entry names its evidence and was verified.
type sourceFlags uint8

const (
	flagEvidence sourceFlags = 1 << iota
	flagVerified
)

// SourceOf is what a logframe keeps of e: ind is its indicator if e is an
// indicator value (nil for others).
func SourceOf(e *Entry, ind *Indicator) Source {
	s := Source{ID: e.ID, women: -1, day: int32(e.Date.Ordinal())}
	if e.HasEvidence() {
		s.flags |= flagEvidence
	}
	if e.Verified() {
		s.flags |= flagVerified
	}
	if e.Women != nil {
		s.women = int32(*e.Women)
	}
	switch {
	case e.Kind == KindTraining:
		s.what, s.a, s.b = sourceTraining, int64(e.New), int64(e.Trained)
	case e.Kind == KindWorkshop:
		s.what, s.b = sourceWorkshop, int64(e.Participants)
	case e.Op == OpStage:
		s.what, s.a = sourceStage, int64(ind.StageIndex(e.Stage))
	case e.Op == OpAdd:
		s.what, s.a, s.b = sourceAdd, e.Value, e.Denom
	default:
		s.what, s.a, s.b = sourceSet, e.Value, e.Denom
	}
	return s
}

// Date is the entry's value date.
func (s Source) Date() Date { return dateOfOrdinal(s.day) }

// sourceKinds are the kind and operation ("" for others) of each
// sourceWhat.
var sourceKinds = [...]struct {
	kind Kind
	op   Op
}{sourceSet: {KindIndicator, OpSet}, sourceAdd: {KindIndicator, OpAdd}, sourceStage: {KindIndicator, OpStage},
	sourceTraining: {KindTraining, ""}, sourceWorkshop: {KindWorkshop, ""}}

// Kind is the entry's kind.
func (s Source) Kind() Kind { return sourceKinds[s.what].kind }

// Op is an indicator entry's operation ("" for others).
func (s Source) Op() Op { return sourceKinds[s.what].op }

// Value and Denom are a value entry's value (or numerator) and
// denominator (0 for others).
func (s Source) Value() int64 { return s.valueOnly(s.a) }
func (s Source) Denom() int64 { return s.valueOnly(s.b) }

func (s Source) valueOnly(n int64) int64 {
	if s.what == sourceSet || s.what == sourceAdd {
		return n
	}
	return 0
}

// Stage is a stage entry's stage, of its indicator ind ("" for others).
func (s Source) Stage(ind *Indicator) string {
	if s.what != sourceStage || s.a < 0 || int(s.a) >= len(ind.Stages) {
		return ""
	}
	return ind.Stages[s.a]
}

// People are a training's attendances or a workshop's participants, New
// a training's new people (0 for others).
func (s Source) People() int64 {
	if s.what == sourceTraining || s.what == sourceWorkshop {
		return s.b
	}
	return 0
}
func (s Source) New() int64 {
	if s.what == sourceTraining {
		return s.a
	}
	return 0
}

// Women is how many of People are women, if reported.
func (s Source) Women() (n int64, ok bool) { return int64(s.women), s.women >= 0 }

// HasEvidence reports whether the entry names its means of verification.
func (s Source) HasEvidence() bool { return s.flags&flagEvidence != 0 }

// Verified reports whether the entry was verified against its evidence.
func (s Source) Verified() bool { return s.flags&flagVerified != 0 }

// workshopOf is what a fold keeps of workshop entry e.
func (l *LogframeFold) workshopOf(e *Entry) workshop {
	s := SourceOf(e, nil)
	w := workshop{id: e.ID, day: s.day, participants: int32(s.b), women: s.women, flags: s.flags, held: e.Status == StatusHeld,
		country: math.MaxUint8}
	for i, c := range l.f.Countries {
		if c.Code == e.Country && i < math.MaxUint8 {
			w.country = uint8(i)
		}
	}
	return w
}

// heldWorkshops are, by state, the latest entry of each workshop held by
// the period's end, in value order, and what they give (WorkshopState).
func (l *LogframeFold) heldWorkshops() (map[string][]Source, map[string]WorkshopTotals) {
	sources, totals := map[string][]Source{}, map[string]WorkshopTotals{}
	for _, w := range l.workshops {
		if !w.held || int(w.country) >= len(l.f.Countries) {
			continue
		}
		c := l.f.Countries[w.country].Code
		e := &Entry{Status: StatusHeld, Participants: int(w.participants)}
		if w.women >= 0 {
			e.Women = Int(int(w.women))
		}
		t := totals[c]
		t.Add(WorkshopState(e), 1)
		totals[c] = t
		sources[c] = append(sources[c], Source{ID: w.id, b: int64(w.participants), women: w.women, day: w.day, what: sourceWorkshop, flags: w.flags})
	}
	for _, ss := range sources {
		slices.SortFunc(ss, func(a, b Source) int {
			if a.day != b.day {
				return int(a.day - b.day)
			}
			return int(a.ID - b.ID)
		})
	}
	return sources, totals
}

// latest is the later of d and the value dates of ss.
func latest(d Date, ss []Source) Date {
	for _, s := range ss {
		d = later(d, s.Date())
	}
	return d
}

// later is the later of two dates.
func later(a, b Date) Date {
	if b.After(a) {
		return b
	}
	return a
}
