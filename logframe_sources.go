package ctbot

import "slices"

// Source is an entry a figure of a logframe rests on, in a few words: its
// ID, for a reviewer to find it, and what it gives, to check the figure.
type Source struct {
	ID int64
	// Value and Denom are an indicator entry's value (or numerator) and
	// denominator; Stage a stage entry's stage.
	Value, Denom int64
	Stage        string
	// People are a training's attendances or a workshop's participants,
	// New a training's new people, Women how many of People are women
	// (-1: not reported).
	People, New, Women int32
	day                int32 // Date.Ordinal
	what               sourceWhat
	flags              sourceFlags
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

func flagsOf(e *Entry) sourceFlags {
	var f sourceFlags
	if e.HasEvidence() {
		f |= flagEvidence
	}
	if e.Verified() {
		f |= flagVerified
	}
	return f
}

// sourceOf is what a logframe keeps of e.
func sourceOf(e *Entry) Source {
	s := Source{ID: e.ID, Women: -1, day: int32(e.Date.Ordinal()), flags: flagsOf(e)}
	if e.Women != nil {
		s.Women = int32(*e.Women)
	}
	switch e.Kind {
	case KindTraining:
		s.what, s.People, s.New = sourceTraining, int32(e.Trained), int32(e.New)
	case KindWorkshop:
		s.what, s.People = sourceWorkshop, int32(e.Participants)
	case KindIndicator:
		s.Value, s.Denom, s.Stage = e.Value, e.Denom, e.Stage
		switch e.Op {
		case OpAdd:
			s.what = sourceAdd
		case OpStage:
			s.what = sourceStage
		}
	}
	return s
}

// Date is the entry's value date.
func (s Source) Date() Date { return dateOfOrdinal(s.day) }

// Kind is the entry's kind.
func (s Source) Kind() Kind {
	switch s.what {
	case sourceTraining:
		return KindTraining
	case sourceWorkshop:
		return KindWorkshop
	}
	return KindIndicator
}

// Op is an indicator entry's operation ("" for others).
func (s Source) Op() Op {
	switch s.what {
	case sourceSet:
		return OpSet
	case sourceAdd:
		return OpAdd
	case sourceStage:
		return OpStage
	}
	return ""
}

// HasEvidence reports whether the entry names its means of verification.
func (s Source) HasEvidence() bool { return s.flags&flagEvidence != 0 }

// Verified reports whether the entry was verified against its evidence.
func (s Source) Verified() bool { return s.flags&flagVerified != 0 }

// heldWorkshops are, by state, the latest entry of each workshop held by
// the period's end (as the Book counts workshops), in value order.
func (l *LogframeFold) heldWorkshops() map[string][]Source {
	out := map[string][]Source{}
	b := l.workshops
	for id, s := range b.series {
		m := s.latest()
		if s.kind != KindWorkshop || m.status != StatusHeld || !b.inRange(dateOfOrdinal(m.date)) {
			continue
		}
		src := sourceOf(s.entry(id, m))
		src.flags = l.flags[m.id]
		out[m.country] = append(out[m.country], src)
	}
	for _, ss := range out {
		slices.SortFunc(ss, func(a, b Source) int {
			if a.day != b.day {
				return int(a.day - b.day)
			}
			return int(a.ID - b.ID)
		})
	}
	return out
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
